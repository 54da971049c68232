/*
 * dberr.c: the handle's message: errors, the store's failures as statuses
 * and messages, the notices of a run.
 */
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"

/*
 * Messages quote what people typed or stored, and go to a terminal: escape
 * them as output is escaped when they hold a control character, a TAB,
 * invalid UTF-8 or (perhaps) a bidirectional control.  Plain messages are
 * left alone, so that a message wrapped in another is escaped once.
 */
static void
err_escape(struct crm *crm)
{
	char	*e;

	if (crm_text_valid(crm->err, 0) && strchr(crm->err, '\t') == NULL &&
	    strstr(crm->err, "\xe2\x80") == NULL &&
	    strstr(crm->err, "\xe2\x81") == NULL &&
	    strstr(crm->err, "\xef\xbb\xbf") == NULL &&
	    strstr(crm->err, "\xef\xb7") == NULL &&
	    strstr(crm->err, "\xef\xbf") == NULL)
		return;
	if ((e = crm_escape(crm->err)) == NULL) {
		strlcpy(crm->err, "out of memory", sizeof(crm->err));
		return;
	}
	strlcpy(crm->err, e, sizeof(crm->err));
	free(e);
}

int
crmi_err(struct crm *crm, int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(crm->err, sizeof(crm->err), _(fmt), ap);
	va_end(ap);
	err_escape(crm);
	return status;
}

/*
 * Whether the database's directory is writable for us (0 only when
 * permissions forbid it): SQLite keeps the -wal and -shm files beside
 * the database, so even reading needs it once they are gone.  dir gets
 * the directory.
 */
int
crmi_dir_writable(const struct crm *crm, char *dir, size_t sz)
{
	struct stat	 sb;

	crmi_path_dir(crm->path, dir, sz);
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return 1;	/* not a question of permissions */
	return eaccess(dir, W_OK | X_OK) == 0 ||
	    (errno != EACCES && errno != EROFS);
}

/* " (reason)" for the last system error on the handle, or "". */
const char *
crmi_sys_reason(struct crm *crm, char *buf, size_t sz)
{
	int	 e;

	if (crm->store == NULL || (e = crm->drv->sys_errno(crm->store)) == 0)
		return "";
	snprintf(buf, sz, " (%s)", strerror(e));
	return buf;
}

int
crmi_dberr(struct crm *crm, int rc)
{
	const char	*msg;
	char		 why[128], dir[PATH_MAX];

	msg = crm->drv != NULL ? crm->drv->errmsg(crm->store) :
	    "out of memory";
	switch (rc) {
	case CRMI_EBUSY:
		if (crm->drv != NULL && !(crm->drv->caps & CRMI_STORE_FILE))
			return crmi_err(crm, CRM_EBUSY, "%s: the database "
			    "server is busy or cannot be reached (%s); try "
			    "again later", crm->path, msg);
		return crmi_err(crm, CRM_EBUSY, "the database is busy: "
		    "another program is writing to it; try again later");
	case CRMI_EFULL:
		return crmi_err(crm, CRM_EDB, "%s: the disk is full; "
		    "nothing was changed", crm->path);
	case CRMI_ENOTADB:
		return crmi_err(crm, CRM_EDB, "%s: not a crm database",
		    crm->path);
	case CRMI_ECANTOPEN:
	case CRMI_EREADONLY:
		/* A server's database: its message says why. */
		if (crm->drv != NULL && !(crm->drv->caps & CRMI_STORE_FILE))
			break;
		if (eaccess(crm->path, W_OK) == -1 && errno == EROFS)
			return crmi_err(crm, CRM_EDB, "%s: the database is "
			    "on a read-only file system", crm->path);
		if (!crmi_dir_writable(crm, dir, sizeof(dir)))
			return crmi_err(crm, CRM_EDB, "%s: the directory %s "
			    "is read-only for you (the database needs its "
			    "-wal and -shm files there)", crm->path, dir);
		if (rc == CRMI_ECANTOPEN)
			break;
		/* Writable for us, yet refused: someone is opening it. */
		crm->retry = eaccess(crm->path, W_OK) == 0;
		return crmi_err(crm, CRM_EDB, "%s: the database is "
		    "read-only for you", crm->path);
	case CRMI_ENOMEM:
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	case CRMI_ECONSTRAINT:
		return crmi_err(crm, CRM_EINVAL, "refused by the database: "
		    "%s", msg);
	case CRMI_EWRITE:
		/* A full disk or a file-size limit failed a write. */
		return crmi_err(crm, CRM_EDB, "%s: cannot write: the "
		    "disk is full or the file may not grow; nothing was "
		    "changed", crm->path);
	default:
		break;
	}
	return crmi_err(crm, CRM_EDB, "%s: %s%s", crm->path, msg,
	    crmi_sys_reason(crm, why, sizeof(why)));
}

const char *
crm_errmsg(const struct crm *crm)
{
	if (crm == NULL)
		return _("out of memory");
	return crm->err[0] != '\0' ? crm->err : _("unknown error");
}

int
crm_exit_status(int status)
{
	if (status == CRM_OK)
		return 0;
	return status == CRM_EBUSY ? 75 : 1;
}

int
crmi_already(struct crm *crm, int status, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[CRMI_ERRSZ], line[CRMI_ERRSZ + 16];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (!crm->piped)
		return crmi_err(crm, status, "%s", msg);
	snprintf(line, sizeof(line), _("%s: skipped"), msg);
	crmi_notice(crm, line);
	return CRMI_SKIP;
}

void
crm_notice_set(struct crm *crm, void (*fn)(const char *, void *), void *arg)
{
	crm->notice = fn;
	crm->noticearg = arg;
}

void
crmi_notice(struct crm *crm, const char *msg)
{
	if (crm->notice != NULL)
		crm->notice(msg, crm->noticearg);
}

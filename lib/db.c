/*
 * db.c: finding, opening and migrating the database; errors, statements
 * and transactions shared by the rest of the library; the clock.  The
 * database itself is reached through its driver (store.h).
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm_int.h"

#define BUSY_MS	5000	/* how long a writer waits for the lock */
#define BUSY_MAX	600000
#define STATEMENT_MS	300000	/* a server's longest statement */
#define IDLE_MS		60000	/* a server's longest idle transaction */
#define LIMIT_MAX	86400000

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
static int
dir_writable(const struct crm *crm, char *dir, size_t sz)
{
	struct stat	 sb;
	char		*p;

	strlcpy(dir, crm->path, sz);
	if ((p = strrchr(dir, '/')) == NULL)
		strlcpy(dir, ".", sz);
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return 1;	/* not a question of permissions */
	return eaccess(dir, W_OK | X_OK) == 0 ||
	    (errno != EACCES && errno != EROFS);
}

/* " (reason)" for the last system error on the handle, or "". */
static const char *
sys_reason(struct crm *crm, char *buf, size_t sz)
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
		if (crm->drv != NULL && !crm->drv->file)
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
		if (crm->drv != NULL && !crm->drv->file)
			break;
		if (eaccess(crm->path, W_OK) == -1 && errno == EROFS)
			return crmi_err(crm, CRM_EDB, "%s: the database is "
			    "on a read-only file system", crm->path);
		if (!dir_writable(crm, dir, sizeof(dir)))
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
	    sys_reason(crm, why, sizeof(why)));
}

struct crmi_stmt *
crmi_stmt(struct crm *crm, const char *sql)
{
	struct crmi_cached	*c;
	size_t			 i;
	int			 rc;

	for (i = 0; i < crm->ncache; i++) {
		c = &crm->cache[i];
		if (c->sql == sql) {
			crm->drv->reset(c->stmt);
			crm->drv->clear_bindings(c->stmt);
			return c->stmt;
		}
	}
	if (crm->ncache == CRMI_NSTMT) {
		crmi_err(crm, CRM_EDB, "too many prepared statements");
		return NULL;
	}
	c = &crm->cache[crm->ncache];
	rc = crm->drv->prepare(crm->store, sql, 1, &c->stmt);
	if (rc != CRMI_SOK) {
		crmi_dberr(crm, rc);
		return NULL;
	}
	c->sql = sql;
	crm->ncache++;
	return c->stmt;
}

int
crmi_exec(struct crm *crm, const char *sql)
{
	int	 rc;

	rc = crm->drv->exec(crm->store, sql);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

struct crmi_stmt *
crmi_prepare(struct crm *crm, const char *sql)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((rc = crm->drv->prepare(crm->store, sql, 0, &st)) != CRMI_SOK) {
		crmi_dberr(crm, rc);
		return NULL;
	}
	return st;
}

void
crmi_finalize(struct crm *crm, struct crmi_stmt *st)
{
	crm->drv->finalize(st);
}

int
crmi_step_done(struct crm *crm, struct crmi_stmt *st)
{
	int	 rc;

	rc = crmi_step(st);
	if (rc == CRMI_DONE || rc == CRMI_ROW) {
		crmi_reset(st);
		return CRM_OK;
	}
	rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_step_id(struct crm *crm, struct crmi_stmt *st, int64_t *id)
{
	int	 rc;

	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*id = crmi_col_int(st, 0);
		crmi_reset(st);
		return CRM_OK;
	}
	rc = rc == CRMI_DONE ? crmi_err(crm, CRM_EDB, "%s: an insert gave "
	    "no id", crm->path) : crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_step_kept(struct crm *crm, struct crmi_stmt *st, const char *table,
    int64_t want, int64_t *id)
{
	int	 rc;

	if ((rc = crmi_step_id(crm, st, id)) != CRM_OK || want == 0 ||
	    crm->drv->ids_taken == NULL)
		return rc;
	if ((rc = crm->drv->ids_taken(crm->store, table)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	return CRM_OK;
}

/* Step st once: 1 a row, 0 none, -1 a database error (message set). */
static int
exists(struct crm *crm, struct crmi_stmt *st)
{
	int	 rc;

	rc = crmi_step(st);
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return 1;
	if (rc == CRMI_DONE)
		return 0;
	crmi_dberr(crm, rc);
	return -1;
}

int
crmi_exists(struct crm *crm, const char *sql, const char *text)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	crmi_bind_str(st, 1, text);
	return exists(crm, st);
}

int
crmi_exists_id(struct crm *crm, const char *sql, int64_t id)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	crmi_bind_int(st, 1, id);
	return exists(crm, st);
}

void
crmi_text_of(struct crm *crm, const char *sql, int64_t id, char *buf,
    size_t sz)
{
	struct crmi_stmt	*st;
	const char		*s;

	strlcpy(buf, "?", sz);
	if ((st = crmi_stmt(crm, sql)) == NULL)
		return;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW && (s = crmi_col_text(st, 0)) != NULL)
		strlcpy(buf, s, sz);
	crmi_reset(st);
}

void
crmi_bind_text(struct crmi_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		crmi_bind_null(st, idx);
	else
		crmi_bind_copy(st, idx, s);
}

void
crmi_bind_col(struct crmi_stmt *dst, int i, struct crmi_stmt *src, int j)
{
	switch (crmi_col_type(src, j)) {
	case CRMI_NULL:
		crmi_bind_null(dst, i);
		break;
	case CRMI_INT:
		crmi_bind_int(dst, i, crmi_col_int(src, j));
		break;
	default:	/* a copy: src may step on */
		dst->drv->bind_text(dst, i, crmi_col_text(src, j),
		    crmi_col_bytes(src, j), 1);
		break;
	}
}

char *
crmi_col_dup(struct crmi_stmt *st, int i)
{
	const char	*s;

	if ((s = crmi_col_text(st, i)) == NULL)
		return NULL;
	return strdup(s);
}

void
crmi_col_copy(struct crmi_stmt *st, int i, char *buf, size_t sz)
{
	const char	*s = crmi_col_text(st, i);

	strlcpy(buf, s != NULL ? s : "", sz);
}

void
crmi_forget(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->nrules; i++) {
		free(crm->rules[i].key);
		free(crm->rules[i].value);
	}
	free(crm->rules);
	crm->rules = NULL;
	crm->nrules = 0;
	crm->rules_read = 0;
	crm->team_read = 0;
	crm->audit_last = 0;
}

static int	local_clock(struct crm *);

int
crmi_begin(struct crm *crm)
{
	int	 rc;

	/* Inside crm_ids_each() every change joins its transaction. */
	if (crm->batch && crm->intx)
		return CRM_OK;
	if ((rc = crm->drv->begin(crm->store)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	/*
	 * A server's time of record is the transaction's: its triggers
	 * give a person's own writes that time.
	 */
	if (crm->srvclock &&
	    (rc = crm->drv->clock(crm->store, NULL, crm->now)) != CRMI_SOK) {
		rc = crmi_dberr(crm, rc);
		crm->drv->rollback(crm->store);
		return rc;
	}
	/*
	 * The time of record is when the change is made (crm(7)), and the
	 * person's rights are theirs at that moment, not at the open.
	 */
	if ((!crm->srvclock && !crm->fixedclock &&
	    (rc = local_clock(crm)) != CRM_OK) ||
	    (rc = crmi_actor_recheck(crm)) != CRM_OK) {
		crm->drv->rollback(crm->store);
		return rc;
	}
	crm->intx = 1;
	crm->cmd = 0;
	crmi_forget(crm);
	return CRM_OK;
}

int
crmi_end(struct crm *crm, int status)
{
	int	 rc;
	char	 keep[CRMI_ERRSZ];

	if (crm->batch)
		return status;
	if (status == CRMI_SKIP)	/* nothing changed, nothing wrong */
		status = CRM_OK;
	if (!crm->intx)
		return status;
	crm->intx = 0;
	crmi_forget(crm);
	if (status != CRM_OK) {
		/* Keep the first message: it says what went wrong. */
		memcpy(keep, crm->err, sizeof(keep));
		crm->drv->rollback(crm->store);
		crmi_bulk_forget(crm);
		memcpy(crm->err, keep, sizeof(keep));
		return status;
	}
	/* The KPI's stored figures stay right in the same transaction. */
	if ((rc = crmi_bulk_end(crm)) != CRM_OK ||
	    (rc = crmi_kpi_refresh(crm)) != CRM_OK) {
		crmi_bulk_forget(crm);
		memcpy(keep, crm->err, sizeof(keep));
		crm->drv->rollback(crm->store);
		memcpy(crm->err, keep, sizeof(keep));
		return rc;
	}
	if ((rc = crm->drv->commit(crm->store)) == CRMI_SOK) {
		crmi_anchor_note(crm, 0);
		return CRM_OK;
	}
	/* Read the reason before any other statement replaces it. */
	status = crmi_dberr(crm, rc);
	memcpy(keep, crm->err, sizeof(keep));
	crm->drv->rollback(crm->store);
	memcpy(crm->err, keep, sizeof(keep));
	return status;
}

/* The home directory: $HOME, else the password database (cron). */
static const char *
home_dir(void)
{
	const char	*h;
	struct passwd	*pw;

	if ((h = getenv("HOME")) != NULL && *h != '\0')
		return h;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_dir;
	return NULL;
}

int
crm_db_path(const char *path, char *buf, size_t sz)
{
	const char	*s, *h;
	int		 n;

	if (path != NULL && *path != '\0')
		n = snprintf(buf, sz, "%s", path);
	else if ((s = getenv("CRM_DB")) != NULL && *s != '\0')
		n = snprintf(buf, sz, "%s", s);
	else if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
		n = snprintf(buf, sz, "%s/crm/crm.db", s);
	else if ((h = home_dir()) != NULL)
		n = snprintf(buf, sz, "%s/.local/share/crm/crm.db", h);
	else
		return CRM_EINVAL;
	return n < 0 || (size_t)n >= sz ? CRM_EINVAL : CRM_OK;
}

/*
 * mkdir -p of the directory that will hold path.  Directories it makes
 * are the caller's alone (0700): a personal database is nobody else's.
 */
static int
make_parent(struct crm *crm, const char *path)
{
	char	 dir[PATH_MAX];
	char	*p;

	if (strlcpy(dir, path, sizeof(dir)) >= sizeof(dir))
		return crmi_err(crm, CRM_EINVAL, "%s: path too long", path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return CRM_OK;
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		goto fail;
	return CRM_OK;
fail:
	return crmi_err(crm, CRM_EDB, "cannot create directory %s: %s",
	    dir, strerror(errno));
}

static int
get_version(struct crm *crm, int *v)
{
	int	 rc;

	rc = crm->drv->version(crm->store, v);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* What version of crm a newer database asks for, from its meta table. */
static void
newer_message(struct crm *crm, int have)
{
	struct crmi_stmt	*st = NULL;
	const char		*need = NULL;

	if (crm->drv->prepare(crm->store, "SELECT value FROM meta "
	    "WHERE key = 'crm_version'", 0, &st) == CRMI_SOK &&
	    crmi_step(st) == CRMI_ROW)
		need = crmi_col_text(st, 0);
	crmi_err(crm, CRM_EVERSION, "%s: database schema %d is newer than "
	    "this crm %s understands (schema %d); crm %s or later is needed",
	    crm->path, have, CRM_VERSION, crm_schema_version(),
	    need != NULL ? need : "(unknown)");
	crmi_finalize(crm, st);
}

static int
apply(struct crm *crm, int from)
{
	const char *const	*sql;
	int			 v, rc;

	for (v = from; crmi_migrations[v] != NULL; v++)
		for (sql = crmi_migrations[v]; *sql != NULL; sql++)
			if ((rc = crm->drv->migrate(crm->store, *sql)) !=
			    CRMI_SOK)
				return crmi_dberr(crm, rc);
	/* What SQL alone cannot migrate. */
	if ((rc = crmi_audit_chain(crm)) != CRM_OK ||
	    (rc = crmi_zone_default(crm)) != CRM_OK)
		return rc;
	if ((rc = crm->drv->set_version(crm->store, v)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	return crmi_exec(crm, "INSERT INTO meta (key, value) VALUES "
	    "('crm_version', '" CRM_VERSION "') ON CONFLICT (key) "
	    "DO UPDATE SET value = excluded.value");
}

/*
 * Bring the schema up to date in one transaction; the version is read
 * again under the write lock, as another process may have migrated.
 */
static int
migrate(struct crm *crm, int rdonly)
{
	int	 v, rc, want = crm_schema_version();

	if ((rc = get_version(crm, &v)) != CRM_OK)
		return rc;
	if (v > want) {
		newer_message(crm, v);
		return CRM_EVERSION;
	}
	if (v == want)
		return CRM_OK;
	if (rdonly)
		return crmi_err(crm, CRM_EDB, "%s: the database needs an "
		    "upgrade, which needs write access", crm->path);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = get_version(crm, &v)) == CRM_OK && v < want &&
	    (rc = apply(crm, v)) == CRM_OK && v == 0)
		rc = crmi_calendar_ship(crm);	/* a new database */
	return crmi_end(crm, rc);
}

/*
 * $CRM_BUSY_MS, else crm.conf's lock-timeout: 0 to 600000 milliseconds,
 * or an error naming it.
 */
static int
busy_ms(struct crm *crm, int *ms)
{
	const char	*s, *e;

	if ((s = getenv("CRM_BUSY_MS")) == NULL)
		return crmi_conf_ms(crm, "lock-timeout", BUSY_MS, BUSY_MAX,
		    ms);
	*ms = (int)strtonum(s, 0, BUSY_MAX, &e);
	if (e != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid CRM_BUSY_MS '%s': "
		    "a number of milliseconds from 0 to %d", s, BUSY_MAX);
	return CRM_OK;
}

/*
 * The session's settings: foreign keys, durability, the busy wait; on a
 * server, crm.conf's limits.
 */
static int
pragmas(struct crm *crm)
{
	int	 rc, stmt, idle;

	if ((rc = crm->drv->tune(crm->store, crm->busy)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	if (crm->drv->limits == NULL)
		return CRM_OK;
	if ((rc = crmi_conf_ms(crm, "statement-timeout", STATEMENT_MS,
	    LIMIT_MAX, &stmt)) != CRM_OK ||
	    (rc = crmi_conf_ms(crm, "idle-timeout", IDLE_MS, LIMIT_MAX,
	    &idle)) != CRM_OK)
		return rc;
	rc = crm->drv->limits(crm->store, stmt, idle);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* The journal that lets readers go on while one writes (SQLite's WAL). */
static int
wal(struct crm *crm)
{
	int	 rc;

	rc = crm->drv->journal(crm->store);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* $CRM_NOW, for root: "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD". */
static int
fixed_clock(struct crm *crm, const char *s)
{
	char	 d[11];
	int	 day, h, m, sec;

	if (strlen(s) != 10 && strlen(s) != 19)
		goto bad;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &day) != CRM_OK)
		goto bad;
	if (s[10] == '\0') {
		snprintf(crm->now, sizeof(crm->now), "%s 09:00:00", d);
		return CRM_OK;
	}
	if (sscanf(s + 10, " %2d:%2d:%2d", &h, &m, &sec) != 3 ||
	    s[10] != ' ' || s[13] != ':' || s[16] != ':' || h > 23 ||
	    m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
		goto bad;
	strlcpy(crm->now, s, sizeof(crm->now));
	return CRM_OK;
bad:
	return crmi_err(crm, CRM_EINVAL, "invalid CRM_NOW '%s': "
	    "YYYY-MM-DD HH:MM:SS", s);
}

/*
 * The clock: root's CRM_NOW (a wall time in the department's zone) or
 * the system clock, read in the department's zone (crmi_zone_load).  A
 * server keeps the time of record itself: its clock, or root's CRM_NOW
 * handed to it (which it honours for its owner alone).
 */
/* The system clock, in the department's zone (crmi_zone_load's TZ). */
static int
local_clock(struct crm *crm)
{
	time_t		 t;
	struct tm	 tm;

	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(crm->now, sizeof(crm->now), "%Y-%m-%d %H:%M:%S",
	    &tm) != 19)
		return crmi_err(crm, CRM_EINVAL, "cannot read the clock");
	return CRM_OK;
}

static int
set_clock(struct crm *crm)
{
	const char	*s, *fixed = NULL;
	int		 rc;

	if (crm->root && (s = getenv("CRM_NOW")) != NULL && *s != '\0') {
		if ((rc = fixed_clock(crm, s)) != CRM_OK)
			return rc;
		fixed = crm->now;
	}
	if (crm->drv->clock != NULL) {
		if ((rc = crm->drv->clock(crm->store, fixed, crm->now)) !=
		    CRMI_SOK)
			return crmi_dberr(crm, rc);
		crm->srvclock = 1;
		return CRM_OK;
	}
	crm->fixedclock = fixed != NULL;
	return fixed != NULL ? CRM_OK : local_clock(crm);
}

static void
set_login(struct crm *crm)
{
	const char	*s;
	struct passwd	*pw;

	crm->root = getuid() == 0;
	s = getenv("CRM_USER");
	if (crm->root && s != NULL && *s != '\0') {
		strlcpy(crm->login, s, sizeof(crm->login));
		return;
	}
	if ((pw = getpwuid(getuid())) != NULL)
		strlcpy(crm->login, pw->pw_name, sizeof(crm->login));
	else
		snprintf(crm->login, sizeof(crm->login), "uid%lu",
		    (unsigned long)getuid());
}

/*
 * Make the files SQLite keeps beside the database before it does, with
 * the database's own mode whatever the umask: SQLite creates them with
 * the umask's mode and only then widens it, and another person opening
 * in between would find them read-only.  Root makes them the database
 * owner's (the department's setup keeps them so, crm(7) SECURITY).
 */
static void
make_sidecars(const struct crm *crm, const struct stat *sb)
{
	static const char *const suffix[] = { "-wal", "-shm", "-head" };
	char	 f[PATH_MAX];
	size_t	 i;
	mode_t	 old;
	int	 fd;

	/* (the anchor, anchor.c, is the department's only) */
	for (i = 0; i < (crm->secure ? 3 : 2); i++) {
		if ((size_t)snprintf(f, sizeof(f), "%s%s", crm->path,
		    suffix[i]) >= sizeof(f))
			return;
		old = umask(0);
		fd = open(f, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		    sb->st_mode & 0666);
		umask(old);
		if (fd == -1)
			continue;
		if (crm->root && crm->secure)
			(void)fchown(fd, sb->st_uid, sb->st_gid);
		close(fd);
	}
}

/*
 * In the department's setup a person never makes the -wal and -shm
 * files, nor opens them when a person owns them: the owner of a file may
 * open it through /proc/self/fd/N with their own rights, and write over
 * everyone's work.  Root made them (make_sidecars), and the tools keep
 * them (SQLITE_FCNTL_PERSIST_WAL).
 */
static int
sidecars_sound(struct crm *crm, const struct stat *sb)
{
	static const char *const suffix[] = { "-wal", "-shm", "-head" };
	struct stat	 wb;
	char		 f[PATH_MAX];
	size_t		 i;

	for (i = 0; i < 3; i++) {
		snprintf(f, sizeof(f), "%s%s", crm->path, suffix[i]);
		if (lstat(f, &wb) == -1 || !S_ISREG(wb.st_mode) ||
		    wb.st_uid != sb->st_uid)
			return crmi_err(crm, CRM_EDB, "%s: missing, or not "
			    "the database owner's: root runs any crm tool to "
			    "make it again", f);
	}
	return CRM_OK;
}

/* Whether the database is an empty file (its log empty or absent too). */
static int
empty_file(const struct crm *crm, const struct stat *sb)
{
	struct stat	 wb;
	char		 f[PATH_MAX];

	if (sb->st_size != 0)
		return 0;
	snprintf(f, sizeof(f), "%s-wal", crm->path);
	return stat(f, &wb) == -1 || wb.st_size == 0;
}

static int
open_path(struct crm *crm, const char *path, int oflags)
{
	char	 why[128];
	int	 rc;

	/* A setgid tool connects as crm.conf says, the caller's PG* aside. */
	rc = crm->drv->open(path, oflags | (crm->secure ? CRMI_OPEN_SECURE :
	    0), crm->secret[0] != '\0' ? crm->secret : NULL, &crm->store);
	if (rc == CRMI_SOK)
		return CRM_OK;
	if (rc == CRMI_EBUSY && crm->store != NULL)
		return crmi_err(crm, CRM_EBUSY, "%s: cannot reach the "
		    "database server: %s; try again later", crm->path,
		    crm->drv->errmsg(crm->store));
	if (crm->store != NULL && crm->drv->file &&
	    !dir_writable(crm, why, sizeof(why)))
		return crmi_dberr(crm, CRMI_EREADONLY);
	return crmi_err(crm, CRM_EDB, "%s: cannot open the database: "
	    "%s%s", crm->path, crm->store != NULL ?
	    crm->drv->errmsg(crm->store) : "out of memory",
	    sys_reason(crm, why, sizeof(why)));
}

/*
 * Make a new database: built and migrated under a name of its own, then
 * linked into place, so that nobody ever sees it half made (an empty
 * file is refused).  It is the caller's alone (0600) unless its
 * directory is setgid, the shared group mode of crm(7) (0660).
 */
/* Close the database and the statements cached on it; NULL is fine. */
static void
close_db(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->ncache; i++)
		crm->drv->finalize(crm->cache[i].stmt);
	crm->ncache = 0;
	crmi_forget(crm);
	if (crm->drv != NULL)
		crm->drv->close(crm->store);
	crm->store = NULL;
}

static int
create_db(struct crm *crm)
{
	struct stat	 sb;
	char		 path[sizeof(crm->path)], dir[PATH_MAX];
	int		 fd, rc, e;
	mode_t		 mode = 0600;

	if ((rc = make_parent(crm, crm->path)) != CRM_OK)
		return rc;
	if (!dir_writable(crm, dir, sizeof(dir)))
		return crmi_err(crm, CRM_EDB, "%s: cannot create the "
		    "database: the directory %s is read-only for you",
		    crm->path, dir);
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID))
		mode = 0660;
	memcpy(path, crm->path, sizeof(path));
	if ((size_t)snprintf(crm->path, sizeof(crm->path), "%s.new%ld", path,
	    (long)getpid()) >= sizeof(crm->path))
		return crmi_err(crm, CRM_EINVAL, "%s: path too long", path);
	unlink(crm->path);
	if ((fd = open(crm->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1 || fchmod(fd, mode) == -1) {
		e = errno;
		if (fd != -1)
			close(fd);
		memcpy(crm->path, path, sizeof(path));
		return crmi_err(crm, CRM_EDB, "%s: cannot create the "
		    "database: %s", path, strerror(e));
	}
	close(fd);
	if ((rc = open_path(crm, crm->path, CRMI_OPEN_WRITE)) ==
	    CRM_OK && (rc = pragmas(crm)) == CRM_OK &&
	    (rc = migrate(crm, 0)) == CRM_OK)
		rc = wal(crm);
	close_db(crm);
	if (rc == CRM_OK && link(crm->path, path) == -1 && errno != EEXIST)
		rc = crmi_err(crm, CRM_EDB, "%s: cannot create the database: "
		    "%s", path, strerror(errno));
	unlink(crm->path);
	memcpy(crm->path, path, sizeof(path));
	return rc;
}

static int
open_file(struct crm *crm, int flags)
{
	struct stat	 sb;
	int		 rc, oflags = CRMI_OPEN_WRITE;

	/* A server's database is there or not; the migrations make it. */
	if (!crm->drv->file)
		return open_path(crm, crm->name, oflags);
	if ((rc = stat(crm->path, &sb)) == -1 && errno != ENOENT)
		return crmi_err(crm, CRM_EDB, "%s: cannot open the database: "
		    "%s", crm->path, strerror(errno));
	if (rc == -1) {
		/*
		 * A new database has nobody in it: only an open that needs
		 * no person (the first crm-user add) may make one, not a
		 * mistyped path.
		 */
		if (flags & CRM_OPEN_NOCREATE || !(flags & CRM_OPEN_NOUSER))
			return crmi_err(crm, CRM_ENOENT, "%s: no database "
			    "here yet (add the first person with crm-user)",
			    crm->path);
		if ((rc = create_db(crm)) != CRM_OK)
			return rc;
		if (stat(crm->path, &sb) == -1)
			return crmi_err(crm, CRM_EDB, "%s: %s", crm->path,
			    strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return crmi_err(crm, CRM_EDB, "%s: not a crm database",
		    crm->path);
	if (empty_file(crm, &sb))
		return crmi_err(crm, CRM_ENOENT, "%s: an empty file, not a "
		    "crm database (add the first person with crm-user "
		    "elsewhere)", crm->path);
	rc = CRM_OK;
	if (crm->secure)
		oflags |= CRMI_OPEN_KEEPWAL;
	if (eaccess(crm->path, W_OK) == -1)
		oflags = CRMI_OPEN_READ;
	else if (crm->secure && !crm->root)
		rc = sidecars_sound(crm, &sb);
	else
		make_sidecars(crm, &sb);
	if (rc != CRM_OK)
		return rc;
	return open_path(crm, crm->path, oflags);
}

/*
 * The database the configuration file names: the department CRM_DEPT
 * names, by its name only ("department NAME DATABASE": a holding of
 * several on one host), else the 'database' line.
 */
static int
conf_database(struct crm *crm)
{
	const char	*dept = getenv("CRM_DEPT");
	int		 rc;

	if (dept == NULL || *dept == '\0')
		return crmi_conf_get(crm, "database", crm->name,
		    sizeof(crm->name));
	if (strlen(dept) > 64 || dept[strspn(dept, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")] != '\0')
		return crmi_err(crm, CRM_EINVAL, "invalid department "
		    "'%s' (CRM_DEPT): a name in %s", dept, crm_conf_path());
	if ((rc = crmi_conf_dept(crm, dept, crm->name,
	    sizeof(crm->name))) == CRM_ENOENT)
		return crmi_err(crm, CRM_EINVAL, "%s: no department '%s' "
		    "(CRM_DEPT)", crm_conf_path(), dept);
	return rc;
}

/*
 * Where the database is.  A tool installed setgid takes it from the
 * configuration file only: a path of the caller's choosing would let
 * them point the tool's group at any file.
 */
static int
resolve_path(struct crm *crm, const char *path)
{
	const char	*env = getenv("CRM_DB");
	int		 rc;

	if (crm->secure && ((path != NULL && *path != '\0') ||
	    (env != NULL && *env != '\0')))
		return crmi_err(crm, CRM_EPERM, "this crm is installed for "
		    "the department (setgid): it uses the database named in "
		    "%s, not -f or CRM_DB", crm_conf_path());
	if ((path == NULL || *path == '\0') && (env == NULL || *env == '\0')) {
		rc = conf_database(crm);
		crmi_db_shown(crm->name, crm->path, sizeof(crm->path));
		/* a path, absolute; or a server's conninfo or URI */
		if (rc == CRM_OK && crm->name[0] != '/' &&
		    crmi_driver_for(crm->name) != crmi_pg_driver)
			return crmi_err(crm, CRM_EINVAL, "%s: the database "
			    "'%s' is not an absolute path or a PostgreSQL "
			    "conninfo", crm_conf_path(), crm->path);
		if (rc == CRM_OK && crmi_driver_for(crm->name) ==
		    crmi_pg_driver && (rc = crmi_conf_secret(crm, crm->secret,
		    sizeof(crm->secret))) == CRM_ENOENT)
			rc = CRM_OK;
		if (rc != CRM_ENOENT)
			return rc;
		if (crm->secure)
			return crmi_err(crm, CRM_EINVAL, "%s: no 'database' "
			    "line, which a setgid crm needs", crm_conf_path());
	}
	if (crm_db_path(path, crm->name, sizeof(crm->name)) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "cannot tell where the "
		    "database is: set CRM_DB or use -f");
	/* A password never shows in a message. */
	crmi_db_shown(crm->name, crm->path, sizeof(crm->path));
	return CRM_OK;
}

/* Whether name, from its start, is a conninfo keyword and '='. */
static int
conninfo_word(const char *name)
{
	const char	*p = name;

	while ((*p >= 'a' && *p <= 'z') || *p == '_')
		p++;
	if (p == name)
		return 0;
	p += strspn(p, " \t");
	return *p == '=';
}

const struct crmi_driver *
crmi_driver_for(const char *name)
{
	if (strncmp(name, "postgresql://", 13) == 0 ||
	    strncmp(name, "postgres://", 11) == 0 ||
	    strncmp(name, "postgres:", 9) == 0 || conninfo_word(name))
		return crmi_pg_driver;
	return crmi_sqlite_driver;
}

/* Open, check and migrate the file, once; crm->retry when worth again. */
static int
open_once(struct crm *crm, int flags)
{
	int	 rc;

	crm->retry = 0;
	if ((rc = open_file(crm, flags)) != CRM_OK)
		return rc;
	if ((rc = pragmas(crm)) != CRM_OK ||
	    (rc = migrate(crm,
	    crm->drv->readonly(crm->store))) != CRM_OK ||
	    (rc = wal(crm)) != CRM_OK)
		return rc;
	return CRM_OK;
}

int
crm_open(struct crm **pp, const char *path, int flags)
{
	struct crm	*crm;
	int		 rc, waited;

	crm_locale_init();
	if ((*pp = crm = calloc(1, sizeof(*crm))) == NULL)
		return CRM_ENOMEM;
	/* A full file-size limit must fail a write, not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	set_login(crm);
	crm->secure = crm_priv_setgid();
	if (crm->secure && !crm->root) {
		/* Only root makes the department's database. */
		flags &= ~CRM_OPEN_NOUSER;
		flags |= CRM_OPEN_NOCREATE;
	}
	if ((rc = busy_ms(crm, &crm->busy)) != CRM_OK ||
	    (rc = resolve_path(crm, path)) != CRM_OK)
		return rc;
	crm->drv = crmi_driver_for(crm->name);
	/*
	 * Someone else opening the same new files at the same moment can
	 * make them look read-only for an instant: wait as for a lock.
	 */
	for (waited = 0; (rc = open_once(crm, flags)) != CRM_OK &&
	    crm->retry; waited += 20) {
		if (waited >= crm->busy)
			return crmi_err(crm, CRM_EBUSY, "%s: the database is "
			    "busy: another program is opening it; try again "
			    "later", crm->path);
		close_db(crm);
		usleep(20000);
	}
	explicit_bzero(crm->secret, sizeof(crm->secret));
	/*
	 * Connected to a server, a setgid tool needs its group no more: it
	 * gives it up for good, so that nothing it opens or starts later
	 * can read the secret.  The clock is read in the department's zone.
	 */
	if (rc == CRM_OK && crm->secure && !crm->drv->file &&
	    crmi_priv_drop() == -1)
		return crmi_err(crm, CRM_EPERM, "cannot give up the group: %s",
		    strerror(errno));
	if (rc != CRM_OK ||
	    (rc = crmi_zone_load(crm)) != CRM_OK ||
	    (rc = crmi_titles_load(crm)) != CRM_OK ||
	    (rc = set_clock(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_actor_load(crm)) != CRM_OK &&
	    !(flags & CRM_OPEN_NOUSER))
		return rc;
	/* Work cut from the log's end: crm-verify alone opens to say so. */
	if ((rc = crmi_anchor_check(crm)) != CRM_OK &&
	    !(flags & CRM_OPEN_BEHIND))
		return rc;
	return CRM_OK;
}

void
crm_close(struct crm *crm)
{
	if (crm == NULL)
		return;
	close_db(crm);
	crm_person_free(&crm->actor);
	crmi_bulk_forget(crm);
	explicit_bzero(crm->secret, sizeof(crm->secret));
	free(crm);
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

void
crm_now(const struct crm *crm, char buf[20])
{
	memcpy(buf, crm->now, 20);
}

int
crm_today(const struct crm *crm)
{
	char	 d[11];
	int	 day = 0;

	memcpy(d, crm->now, 10);
	d[10] = '\0';
	crm_date_iso(d, &day);
	return day;
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

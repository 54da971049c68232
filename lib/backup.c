/*
 * backup.c: a consistent copy of the database while others use it, with
 * SQLite's online backup, for the admin's cron.
 */
#include <sys/stat.h>

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"

/* Copy every page into dst, waiting out a writer's lock. */
static int
copy(struct crm *crm, sqlite3 *dst)
{
	sqlite3_backup	*b;
	int		 rc;

	if ((b = sqlite3_backup_init(dst, "main", crm->db, "main")) == NULL)
		return sqlite3_errcode(dst);
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int
crm_backup(struct crm *crm, const char *path)
{
	sqlite3	*dst = NULL;
	gid_t	 saved;
	mode_t	 old;
	int	 rc, status = CRM_OK;

	if (!crm->root && (crm->actor.id == 0 ||
	    crm->actor.role != CRM_ROLE_ADMIN))
		return crmi_err(crm, CRM_EPERM, "only root or an admin may "
		    "back up the database");
	/* The copy is the caller's: their rights, their file. */
	if (crmi_priv_user(&saved) == -1)
		return crmi_err(crm, CRM_EPERM, "cannot act with your own "
		    "group: %s", strerror(errno));
	old = umask(077);
	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	umask(old);
	if (rc == SQLITE_OK)
		rc = copy(crm, dst);
	if (rc != SQLITE_OK)
		status = crmi_err(crm, CRM_EDB, "%s: cannot write the backup: "
		    "%s", path, dst != NULL ? sqlite3_errmsg(dst) :
		    "out of memory");
	sqlite3_close(dst);
	if (status == CRM_OK && chmod(path, 0600) == -1)
		status = crmi_err(crm, CRM_EDB, "%s: %s", path,
		    strerror(errno));
	if (crmi_priv_tool(saved) == -1 && status == CRM_OK)
		status = crmi_err(crm, CRM_EPERM, "cannot take the tool's "
		    "group back: %s", strerror(errno));
	return status;
}

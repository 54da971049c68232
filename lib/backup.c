/*
 * backup.c: a consistent copy of the database while others use it (the
 * driver's backup: SQLite's online backup), for the admin's cron.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"

int
crm_backup(struct crm *crm, const char *path)
{
	char	 why[CRMI_ERRSZ];
	gid_t	 saved;
	mode_t	 old;
	int	 status = CRM_OK, fd = -1;

	if (!crm->root && (crm->actor.id == 0 ||
	    crm->actor.role != CRM_ROLE_ADMIN))
		return crmi_err(crm, CRM_EPERM, "only root or an admin may "
		    "back up the database");
	/* The copy is the caller's: their rights, their file. */
	if (crmi_priv_user(&saved) == -1)
		return crmi_err(crm, CRM_EPERM, "cannot act with your own "
		    "group: %s", strerror(errno));
	old = umask(077);
	/* Never into the department's own files (/proc/self/fd/N). */
	if ((crmi_caps(crm) & CRMI_STORE_FILE) && ((fd = open(path, O_RDWR | O_CREAT |
	    O_CLOEXEC, 0600)) == -1 || crmi_priv_theirs(fd, saved)))
		status = crmi_err(crm, CRM_EDB, "%s: cannot write the backup: "
		    "%s", path, strerror(fd == -1 ? errno : EACCES));
	if (fd != -1)
		close(fd);
	if (status == CRM_OK &&
	    crm->drv->backup(crm->store, path, why, sizeof(why)) != CRMI_SOK)
		status = crmi_err(crm, CRM_EDB, "%s: cannot write the backup: "
		    "%s", path, _(why));
	umask(old);
	if (status == CRM_OK && chmod(path, 0600) == -1)
		status = crmi_err(crm, CRM_EDB, "%s: %s", path,
		    strerror(errno));
	if (crmi_priv_tool(saved) == -1 && status == CRM_OK)
		status = crmi_err(crm, CRM_EPERM, "cannot take the tool's "
		    "group back: %s", strerror(errno));
	return status;
}

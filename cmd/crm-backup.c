/*
 * crm-backup: copy the database, whole and consistent while people work,
 * into a file of the caller's, so that the admin (or root's cron) keeps
 * copies even where nobody but the tools may read the database itself.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"
#include "filecmd.h"

static const char synopsis[] =
    N_("usage: crm-backup [-f file] copy\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file;
	int		 rc;

	file = file_opt(&argc, &argv, synopsis);
	if (argc != 1 || *argv[0] == '\0')
		usage();
	/* Root needs to be no person: the cron of a machine's owner. */
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOUSER |
	    CRM_OPEN_NOCREATE)) == CRM_OK)
		rc = crm_backup(crm, argv[0]);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

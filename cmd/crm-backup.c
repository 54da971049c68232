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
#include "libcmd/common.h"

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

	file = cmd_file_opt(&argc, &argv, synopsis);
	if (argc != 1 || *argv[0] == '\0')
		usage();
	/* Root needs to be no person: the cron of a machine's owner. */
	crm = cmd_open(file, CRM_OPEN_NOUSER | CRM_OPEN_NOCREATE);
	cmd_check(crm, crm_backup(crm, argv[0]));
	crm_close(crm);
	return 0;
}

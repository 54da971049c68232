/*
 * client-merge: one client entered twice becomes one: the duplicate's
 * deals, tasks and history go to the client kept.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: client-merge [-f file] keep duplicate\n");

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
	int64_t		 keep, dup;
	int		 rc;

	file = cmd_file_opt(&argc, &argv, synopsis);
	if (argc != 2)
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if ((rc = crm_client_find(crm, argv[0], &keep)) == CRM_OK &&
	    (rc = crm_client_find(crm, argv[1], &dup)) == CRM_OK)
		rc = crm_client_merge(crm, keep, dup);
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

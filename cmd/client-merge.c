/*
 * client-merge: one client entered twice becomes one: the duplicate's
 * deals, tasks and history go to the client kept.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"
#include "filecmd.h"

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

	file = file_opt(&argc, &argv, synopsis);
	if (argc != 2)
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) == CRM_OK &&
	    (rc = crm_client_find(crm, argv[0], &keep)) == CRM_OK &&
	    (rc = crm_client_find(crm, argv[1], &dup)) == CRM_OK)
		rc = crm_client_merge(crm, keep, dup);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

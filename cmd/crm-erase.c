/*
 * crm-erase: erase the detail of audit log entries, when the law (152-FZ)
 * asks for a person's data to go.  Each entry keeps its hash, so the
 * chain still verifies, and the erase is itself logged.  An admin's tool.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"
#include "filecmd.h"
#include "ids.h"

static const char synopsis[] =
    N_("usage: crm-erase [-f file] [entry ...]\n");

static int
erase_one(struct crm *crm, int64_t id, void *arg)
{
	(void)arg;
	return crm_audit_erase(crm, id);
}

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
	int64_t		*ids;
	size_t		 n;
	int		 rc;

	file = file_opt(&argc, &argv, synopsis);
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	ids = ids_get(crm, argc, argv, &n);
	if ((rc = crm_ids_each(crm, ids, n, erase_one, NULL)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	free(ids);
	crm_close(crm);
	return 0;
}

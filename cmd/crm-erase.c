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
#include "libcmd/common.h"

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

	file = cmd_file_opt(&argc, &argv, synopsis);
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	cmd_ids_each(crm, argc, argv, erase_one, NULL);
	crm_close(crm);
	return 0;
}

/*
 * task-reopen: take back a close that was a slip (task-today | grep |
 * task-done closed too much): the tasks are open again, with a reason,
 * and count as open in the KPI until they are done again.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-reopen [-y] [-f file] -r reason [id ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *reason = NULL;
	int64_t		*ids;
	size_t		 n;
	int		 ch, yes = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:r:y")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (reason == NULL)
		cmd_usagex(synopsis, _("a reason is required: -r reason"));
	if (argc == 0 && isatty(STDIN_FILENO))
		cmd_usagex(synopsis, _("an id is required"));
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	ids = cmd_ids(crm, argc, argv, &n);
	cmd_ask(crm, ids, n, yes, n_("reopen this %zu task? [y/N] ",
	    "reopen these %zu tasks? [y/N] ", n), n);
	cmd_check(crm, crm_task_reopen(crm, ids, n, reason));
	free(ids);
	crm_close(crm);
	return 0;
}

/*
 * task-cancel: cancel tasks with a reason, or stop a repeating series
 * (its open tasks after today are cancelled with it).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-cancel [-Ry] [-f file] -r reason id ...\n");

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
	int		 ch, rc, series = 0, yes = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Rr:y")) != -1)
		switch (ch) {
		case 'R':
			series = 1;
			break;
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
	if (series && argc != 1)
		errx(2, _("-R stops one series at a time"));
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	ids = cmd_ids(crm, argc, argv, &n);
	if (!series)
		cmd_ask(crm, ids, n, yes, n_("cancel this %zu task? [y/N] ",
		    "cancel these %zu tasks? [y/N] ", n), n);
	if (series)
		rc = crm_task_stop(crm, ids[0], reason);
	else
		rc = crm_task_cancel(crm, ids, n, reason);
	cmd_check(crm, rc);
	free(ids);
	crm_close(crm);
	return 0;
}

/*
 * task-move: reschedule tasks, named as operands or piped in.  Every
 * move is kept, with who moved it, when and why, since the KPIs count
 * moves and lateness survives them.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-move [-f file] [-r reason] [id ...] date [time]\n");

struct move {
	int		 day, tm;
	const char	*reason;
};

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
move_one(struct crm *crm, int64_t id, void *arg)
{
	const struct move	*m = arg;

	return crm_task_move(crm, id, m->day, m->tm, m->reason);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct move	 m = { 0, -1, NULL };
	const char	*file = NULL;
	int		 ch;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:r:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			m.reason = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc == 0)
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	cmd_when_operands(crm, argc, argv, &argc, &m.day, &m.tm, synopsis);
	cmd_ids_each(crm, argc, argv, move_one, &m);
	crm_close(crm);
	return 0;
}

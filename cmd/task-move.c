/*
 * task-move: reschedule a task.  Every move is kept, with who moved it,
 * when and why, since the KPIs count moves and lateness survives them.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: task-move [-f file] [-r reason] id date [time]\n");

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
	int64_t		 id;
	int		 ch, rc, day, tm = -1;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:r:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2 || argc > 3)
		usage();
	if (crm_id_parse(argv[0], &id) != CRM_OK)
		errx(2, _("invalid id '%s'"), argv[0]);
	if (argc == 3 && strcmp(argv[2], "-") == 0)
		tm = -2;
	else if (argc == 3 && crm_time_parse(argv[2], &tm) != CRM_OK)
		errx(2, _("invalid time '%s': try %s"), argv[2],
		    crm_date_forms(CRM_FORMS_TIME));
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (crm_date_parse(argv[1], crm_today(crm), &day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), argv[1],
		    crm_date_forms(CRM_FORMS_DATE));
	if ((rc = crm_task_move(crm, id, day, tm, reason)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

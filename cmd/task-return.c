/*
 * task-return: the head sends work done back to a member of the team,
 * with a comment and a new due date: the tasks are open again, the
 * comment at the top of the manager's morning view and digest, and each
 * return counts against the manager in the KPI.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-return [-f file] -r comment [id ...] date [time]\n");

struct ret {
	int		 day, tm;
	const char	*comment;
};

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
return_one(struct crm *crm, int64_t id, void *arg)
{
	const struct ret	*r = arg;

	return crm_task_return(crm, id, r->day, r->tm, r->comment);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct ret	 r = { 0, -1, NULL };
	const char	*file = NULL, *date;
	int		 ch;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:r:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			r.comment = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (r.comment == NULL)
		cmd_usagex(synopsis, _("a comment is required: -r comment"));
	if (argc == 0)
		cmd_usagex(synopsis, _("a new due date is required"));
	date = cmd_date_time(argc, argv, &argc, &r.tm, synopsis);
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (crm_date_parse(date, crm_today(crm), &r.day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	cmd_ids_each(crm, argc, argv, return_one, &r);
	crm_close(crm);
	return 0;
}

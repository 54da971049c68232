/*
 * task-list: any selection of tasks, in the columns of task-today, for
 * pipes and reports.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

#define NCOLS	CRM_TASK_NLIST

static const char synopsis[] =
    N_("usage: task-list [-aHijpt] [-c client] [-d period] [-f file] "
    "[-k kind] [-l deal]\n"
    "                 [-q text] [-s status] [-u login] [from [to]]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
row(const struct crm_task *t, void *arg)
{
	return crm_task_row(arg, t);
}

/* -q: a row found perhaps by its note, which the table shows. */
static int
row_found(const struct crm_task *t, void *arg)
{
	return crm_task_row_found(arg, t);
}

/* -i: the selection as an iCalendar object, for a calendar program. */
static int
list_ical(struct crm *crm, const struct crm_task_filter *f)
{
	struct crm_ical	*ic;
	int		 rc;

	if ((ic = crm_ical_open(crm, stdout, "task-list")) == NULL)
		err(1, NULL);
	rc = crm_task_list(crm, f, crm_ical_task, ic);
	if (crm_ical_close(ic) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

/* from alone is a period (a day, a week, a month...); from to, days. */
static void
dates(struct crm *crm, const char *from, const char *to,
    struct crm_task_filter *f)
{
	int	 today = crm_today(crm), x;

	if (from == NULL)
		return;
	f->dated = 1;
	if (to == NULL) {
		if (crm_period_parse(from, today, &f->from, &f->to) != CRM_OK)
			errx(2, _("invalid period '%s': try %s"), from,
			    crm_date_forms(CRM_FORMS_PERIOD));
		return;
	}
	if (crm_date_parse(from, today, &f->from) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), from,
		    crm_date_forms(CRM_FORMS_DATE));
	if (crm_date_parse(to, today, &f->to) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), to,
		    crm_date_forms(CRM_FORMS_DATE));
	if (f->to < f->from) {
		x = f->to;
		f->to = f->from;
		f->from = x;
	}
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct cmd_list		 l = { NULL, CRM_FMT_AUTO, 0 };
	struct crm_out		*o;
	struct crm_task_filter	 f;
	const char		*deal = NULL, *done = NULL;
	int			 ch, ical = 0, rc;

	memset(&f, 0, sizeof(f));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "Hac:d:f:ijk:l:pq:s:tu:")) != -1)
		switch (ch) {
		case 'a':
			f.all = 1;
			break;
		case 'c':
			f.client = optarg;
			break;
		case 'd':
			done = optarg;
			break;
		case 'i':
			ical = 1;
			break;
		case 'k':
			f.kind = optarg;
			break;
		case 'l':
			deal = optarg;
			break;
		case 'q':
			f.text = optarg;
			break;
		case 's':
			f.state = optarg;
			break;
		case 'u':
			f.assignee = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 2 || (f.all && f.assignee != NULL) ||
	    (done != NULL && (f.state != NULL || argc > 0)))
		usage();
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	f.kind = crm_code(crm, "kind", f.kind);
	f.state = crm_code(crm, "state", f.state);
	if (deal != NULL)
		f.deal = cmd_find(crm, crm_deal_find, deal);
	/* -d: what was done in a period, as it was closed */
	f.closed = done != NULL;
	if (done != NULL)
		dates(crm, done, NULL, &f);
	else
		dates(crm, argc > 0 ? argv[0] : NULL, argc > 1 ? argv[1] :
		    NULL, &f);
	if (ical)
		return list_ical(crm, &f);
	if ((o = crm_out_open(stdout, l.fmt, l.header, crm_task_view, NCOLS)) == NULL)
		err(1, NULL);
	rc = crm_task_list(crm, &f, f.text != NULL ? row_found : row, o);
	cmd_out_end(crm, o, rc);
	crm_close(crm);
	return 0;
}

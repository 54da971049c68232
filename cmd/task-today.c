/*
 * task-today: the morning view.  What is overdue, what is due today, what
 * was done today: for oneself, for one person, or for everyone one may
 * see, with those who have nothing planned shown as such.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

#define NCOLS	CRM_TASK_NLIST

struct view {
	struct crm	*crm;
	struct crm_out	*out;
	struct crm_ical	*ical;		/* -i */
	int		 all;		/* grouped by person */
	int		 day;
	char		 date[11];
	char		 shown[64];	/* the date as people read it */
	int		 n[4];		/* overdue, today, done, returned */
};

static const char synopsis[] =
    N_("usage: task-today [-aHijpt] [-d date] [-f file] [-u login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
row(const struct crm_task *t, void *arg)
{
	struct view	*v = arg;
	const char	*part = t->state;

	/* The state stands in the heading over its rows (crm_out). */
	if (strcmp(part, "accepted") == 0)	/* done, and accepted */
		part = "done";
	v->n[part[0] == 'o' ? 0 : part[0] == 't' ? 1 : part[0] == 'r' ? 3 :
	    2]++;
	return crm_task_row(v->out, t);
}

/* The summary line, and the "none" row of a person with nothing due. */
static int
summary(struct view *v, const char *login)
{
	const char	*val[NCOLS];
	char		 s[128];
	int		 rc = CRM_OK;

	if (v->n[3] > 0) {
		snprintf(s, sizeof(s), n_("%d task returned by the head",
		    "%d tasks returned by the head", v->n[3]), v->n[3]);
		crm_out_note(v->out, s);
	}
	if (v->n[1] + v->n[2] == 0) {
		snprintf(s, sizeof(s), n_("%d overdue, nothing planned for %s",
		    "%d overdue, nothing planned for %s", v->n[0]),
		    v->n[0], v->shown);
		if (v->all && crm_out_fmt(v->out) != CRM_FMT_TABLE) {
			memset(val, 0, sizeof(val));
			val[1] = login;
			val[2] = v->date;
			val[4] = "none";
			rc = crm_out_row(v->out, val);
		}
	} else
		snprintf(s, sizeof(s), n_("%d overdue, %d today, %d done",
		    "%d overdue, %d today, %d done", v->n[0]),
		    v->n[0], v->n[1], v->n[2]);
	crm_out_note(v->out, s);
	return rc;
}

static int
person(const struct crm_person *p, const struct crm_task *t, size_t n,
    void *arg)
{
	struct view	*v = arg;
	char		 h[256];
	size_t		 i;
	int		 rc = 0;

	/* Directors and admins plan no work: shown only when they have. */
	if ((p->role == CRM_ROLE_DIRECTOR || p->role == CRM_ROLE_ADMIN) &&
	    n == 0)
		return 0;
	memset(v->n, 0, sizeof(v->n));
	snprintf(h, sizeof(h), "%s (%s)", p->name, p->login);
	crm_out_section(v->out, h);
	for (i = 0; i < n && rc == 0; i++)
		rc = row(&t[i], v);
	return rc != 0 ? rc : summary(v, p->login);
}

/* -i: the day's tasks as an iCalendar object, for a calendar program. */
static int
ical_person(const struct crm_person *p, const struct crm_task *t, size_t n,
    void *arg)
{
	struct view	*v = arg;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++)
		rc = crm_ical_task(&t[i], v->ical);
	return rc;
}

static int
day_ical(struct view *v, const char *login)
{
	int	 rc;

	if ((v->ical = crm_ical_open(v->crm, stdout, "task-today")) == NULL)
		err(1, NULL);
	if (v->all)
		rc = crm_task_day_all(v->crm, v->day, ical_person, v);
	else
		rc = crm_task_day(v->crm, login, v->day, crm_ical_task,
		    v->ical);
	if (crm_ical_close(v->ical) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	cmd_check(v->crm, rc);
	crm_close(v->crm);
	return 0;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct cmd_list	 l = { NULL, CRM_FMT_AUTO, 0 };
	struct view	 v;
	const char	*date = NULL, *login = NULL;
	int		 ch, ical = 0, rc;

	memset(&v, 0, sizeof(v));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "Had:f:ijptu:")) != -1)
		switch (ch) {
		case 'a':
			v.all = 1;
			break;
		case 'd':
			date = optarg;
			break;
		case 'i':
			ical = 1;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	if (optind != argc || (v.all && login != NULL))
		usage();
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	v.crm = crm;
	v.day = crm_today(crm);
	if (date != NULL && crm_date_parse(date, v.day, &v.day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	if (date == NULL && (rc = crm_task_extend(crm)) != CRM_OK)
		warnx(_("repeating tasks not made: %s"), crm_errmsg(crm));
	crm_date_fmt(v.day, v.date);
	crm_date_people(v.date, v.shown, sizeof(v.shown));
	if (ical)
		return day_ical(&v, login);
	if ((v.out = crm_out_open(stdout, l.fmt, l.header, crm_task_view, NCOLS)) == NULL)
		err(1, NULL);
	if (v.all)
		rc = crm_task_day_all(crm, v.day, person, &v);
	else if ((rc = crm_task_day(crm, login, v.day, row, &v)) == CRM_OK)
		rc = summary(&v, login);
	if (crm_out_close(v.out) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

/*
 * plan-check: check a day's plan of each manager against the
 * regulations, one finding a line, so that cron can mail the head when
 * something is wrong: `plan-check -a || mail ...`.  Run in the evening
 * without a date, it checks the next working day's plan and the junk
 * and pasted results of the day that ends.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const struct crm_col cols[] = {
	{ "login", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "date", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "rule", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "task", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "detail", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

struct who {
	struct cmd_logins l;
	int	 heads;		/* heads plan too (plan.heads) */
};

struct run {
	struct crm_out	*out;
	size_t		 found;
	int		 texts;		/* only junk and paste: the day done */
};

static const char synopsis[] =
    N_("usage: plan-check [-aHjpt] [-d date] [-f file] [-u login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* Errors exit 2, or 75 when the database stayed busy. */
static void
fail(struct crm *crm, int rc)
{
	errx(rc == CRM_EBUSY ? 75 : 2, "%s", crm_errmsg(crm));
}

static int
add_manager(const struct crm_person *p, void *arg)
{
	struct who	*w = arg;

	if ((p->role == CRM_ROLE_MANAGER || (w->heads &&
	    p->role == CRM_ROLE_HEAD)) && p->active)
		cmd_logins_add(&w->l, p->login, 2);
	return 0;
}

static int
row(const struct crm_finding *f, void *arg)
{
	struct run	*r = arg;
	char		 id[24];
	const char	*v[5];

	if (r->texts && strcmp(f->rule, "junk") != 0 &&
	    strcmp(f->rule, "paste") != 0)
		return 0;
	snprintf(id, sizeof(id), "%lld", (long long)f->task_id);
	v[0] = f->login;
	v[1] = f->day;
	v[2] = f->rule;
	v[3] = f->task_id != 0 ? id : NULL;
	v[4] = f->detail;
	r->found++;
	return crm_out_row(r->out, v);
}

static void
summary(struct run *r, const struct who *w, const char *iso)
{
	char	 s[192], day[64];

	crm_date_people(iso, day, sizeof(day));
	if (r->found == 0)
		snprintf(s, sizeof(s), n_("%s: nothing found for %zu "
		    "manager(s)", "%s: nothing found for %zu manager(s)",
		    w->l.n), day, w->l.n);
	else
		snprintf(s, sizeof(s), n_("%s: %zu finding(s) for %zu "
		    "manager(s)", "%s: %zu finding(s) for %zu manager(s)",
		    r->found), day, r->found, w->l.n);
	crm_out_note(r->out, s);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct cmd_list	 l = { NULL, CRM_FMT_AUTO, 0 };
	struct who	 w = { { NULL, 0 }, 0 };
	int64_t		 heads = 0;
	struct run	 r = { NULL, 0, 0 };
	const char	*date = NULL, *login = NULL;
	char		 ds[11];
	int		 ch, all = 0, day, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "aHd:f:jptu:")) != -1)
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'd':
			date = optarg;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	if (optind != argc || (all && login != NULL))
		usage();
	if ((rc = crm_open(&crm, l.file, CRM_OPEN_NOCREATE)) != CRM_OK)
		fail(crm, rc);
	if (date == NULL)
		day = crm_workday_next(crm, crm_today(crm));
	else if (crm_date_parse(date, crm_today(crm), &day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	crm_date_fmt(day, ds);
	if (all && (rc = crm_rule_int(crm, "plan.heads", 0, &heads)) ==
	    CRM_OK) {
		w.heads = heads != 0;
		rc = crm_person_each(crm, 0, add_manager, &w);
	}
	else
		cmd_logins_add(&w.l, login != NULL ? login :
		    crm_actor(crm)->login, 2);
	if (rc != CRM_OK)
		fail(crm, rc);
	if ((r.out = crm_out_open(stdout, l.fmt, l.header, cols, 5)) == NULL)
		err(2, NULL);
	/* The evening's run: the day that ends, its junk and pastes, too. */
	if (date == NULL) {
		r.texts = 1;
		rc = crm_plan_check_each(crm, w.l.login, w.l.n,
		    crm_today(crm), row, &r);
		r.texts = 0;
	}
	if (rc == CRM_OK)
		rc = crm_plan_check_each(crm, w.l.login, w.l.n, day, row, &r);
	if (rc == CRM_OK)
		summary(&r, &w, ds);
	if (crm_out_close(r.out) != CRM_OK && rc == CRM_OK)
		errx(2, _("write error on standard output"));
	if (rc != CRM_OK)
		fail(crm, rc);
	cmd_logins_clear(&w.l);
	crm_close(crm);
	return r.found > 0;
}

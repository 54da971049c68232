/*
 * crm-control: what control the rollout schedule asks for today and of
 * whom, recording a control done, and the record of controls done, so
 * that "the control was actually done" can be shown later.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const struct crm_col due_cols[] = {
	{ "day", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "kind", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "login", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "team", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "done", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "state", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

#define MISSED_DAYS	7	/* the days before today whose missed show */

static const struct crm_col list_cols[] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "day", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "kind", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "login", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "checker", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "at", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "findings", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "note", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

static const char synopsis[] =
    N_("usage: crm-control [-Hjpt] [-d date] [-f file]\n"
    "       crm-control list [-Hjpt] [-d period] [-f file]\n"
    "       crm-control record [-d date] [-f file] [-n note] [-r "
    "findings]\n"
    "                          login | team\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
due_row(const struct crm_due *d, void *arg)
{
	char		 done[16];
	const char	*v[6];

	snprintf(done, sizeof(done), "%d", d->done);
	v[0] = d->day;
	v[1] = d->kind;
	v[2] = d->login;
	v[3] = d->team;
	v[4] = done;
	v[5] = d->done > 0 ? "done" : d->missed ? "missed" : "due";
	return crm_out_row(arg, v);
}

static int
list_row(const struct crm_control *c, void *arg)
{
	char		 id[24], n[24];
	const char	*v[8];

	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	snprintf(n, sizeof(n), "%lld", (long long)c->findings);
	v[0] = id;
	v[1] = c->day;
	v[2] = c->kind;
	v[3] = c->login;
	v[4] = c->checker;
	v[5] = c->at;
	v[6] = n;
	v[7] = c->note;
	return crm_out_row(arg, v);
}

static int
show(struct crm *crm, int list, const char *date, enum crm_fmt fmt,
    int header)
{
	struct crm_out	*o;
	int		 from, to, rc;

	if (list && date == NULL) {
		from = 0;
		to = crm_date_make(2999, 12, 31);
	} else if (list) {
		if (crm_period_parse(date, crm_today(crm), &from, &to) !=
		    CRM_OK)
			errx(2, _("invalid period '%s': try %s"), date,
			    crm_date_forms(CRM_FORMS_PERIOD));
	} else if (date == NULL)
		from = crm_today(crm);
	else if (crm_date_parse(date, crm_today(crm), &from) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	o = crm_out_open(stdout, fmt, header, list ? list_cols : due_cols,
	    list ? 8 : 6);
	if (o == NULL)
		err(1, NULL);
	if (list)
		rc = crm_control_each(crm, from, to, list_row, o);
	else if (date == NULL && (rc = crm_control_missed(crm, from -
	    MISSED_DAYS, from - 1, due_row, o)) != CRM_OK)
		;
	else
		rc = crm_control_due(crm, from, due_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	return rc;
}

static int
record(struct crm *crm, const char *date, const char *login,
    long long findings, const char *note)
{
	int	 day;

	if (date == NULL)
		day = crm_today(crm);
	else if (crm_date_parse(date, crm_today(crm), &day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	if (strcmp(login, "team") == 0) {
		if (crm_actor(crm) == NULL)
			errx(1, _("you are not a person here"));
		login = crm_actor(crm)->login;
	}
	return crm_control_add(crm, day, login, findings,
	    note != NULL && *note != '\0' ? note : NULL, NULL);
}

/* The commands: the first, with no verb, shows the controls due. */
static const struct cmd_verb verbs[] = {
	{ "-", "Hd:f:jpt", 0, 0 },
	{ "list", "Hd:f:jpt", 0, 0 },
	{ "record", "d:f:n:r:", 1, 1 },
};

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct cmd_list		 l = { NULL, CRM_FMT_AUTO, 0 };
	const struct cmd_verb	*v;
	const char		*date = NULL, *note = NULL, *e;
	long long		 findings = -1;
	int			 ch, list, rec, rc;

	cmd_start(argc, argv, synopsis);
	v = cmd_verb(verbs, sizeof(verbs) / sizeof(verbs[0]), 0, &argc,
	    &argv, synopsis);
	list = v == &verbs[1];
	rec = v == &verbs[2];
	while ((ch = getopt(argc, argv, v->opts)) != -1)
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'n':
			note = optarg;
			break;
		case 'r':
			findings = strtonum(optarg, 0, 1000000, &e);
			if (e != NULL)
				errx(2, _("invalid findings '%s'"), optarg);
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	argc -= optind;
	argv += optind;
	cmd_operands(v, argc, synopsis);
	crm = cmd_open(l.file, rec ? 0 : CRM_OPEN_NOCREATE);
	if (rec)
		rc = record(crm, date, argv[0], findings, note);
	else
		rc = show(crm, list, date, l.fmt, l.header);
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

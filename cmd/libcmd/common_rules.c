/*
 * common_rules.c: the regulations as crm-rules lists them (list, kinds,
 * days): their columns and rows.  crm-rules changes them; this file only
 * shows them.  Linked from libcmd.a.
 */
#include <err.h>
#include <stdio.h>
#include <string.h>

#include "crm.h"
#include "common.h"

static const struct crm_col rule_cols[] = {
	{ "key", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "value", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "default", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "set", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "help", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "scope", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

static const struct crm_col kind_cols[] = {
	{ "kind", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "need_client", CRM_COL_INT, "client", 0, 0, NULL },
	{ "need_deal", CRM_COL_INT, "deal", 0, 0, NULL },
	{ "need_time", CRM_COL_INT, "time", 0, 0, NULL },
	{ "need_note", CRM_COL_INT, "note", 0, 0, NULL },
};

static const struct crm_col day_cols[] = {
	{ "day", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "weekday", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "working", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "note", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "source", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

static int
rule_row(const struct crm_rule *r, void *arg)
{
	const char	*v[6];

	v[0] = r->key;
	v[1] = r->value;
	v[2] = r->deflt;
	v[3] = r->set ? "1" : "0";
	v[4] = r->help;
	v[5] = r->scope;
	return crm_out_row(arg, v);
}

static int
kind_row(const struct crm_kind *k, void *arg)
{
	const char	*v[5];

	v[0] = k->name;
	v[1] = k->need_client ? "1" : "0";
	v[2] = k->need_deal ? "1" : "0";
	v[3] = k->need_time ? "1" : "0";
	v[4] = k->need_note ? "1" : "0";
	return crm_out_row(arg, v);
}

static int
day_row(const struct crm_day *d, void *arg)
{
	static const char *const wd[] = { "mon", "tue", "wed", "thu", "fri",
	    "sat", "sun" };
	const char	*v[5];
	int		 day;

	crm_date_iso(d->day, &day);
	v[0] = d->day;
	v[1] = wd[crm_date_wday(day)];
	v[2] = d->working ? "1" : "0";
	v[3] = d->note;
	v[4] = d->source;
	return crm_out_row(arg, v);
}

/*
 * The listings of crm-rules: list (the rules), kinds, days (of period,
 * argv[0] when argc is 1, else the year; with all, every day, else the
 * days off and the days changed), written as l says.  Returns the walk's
 * status; an invalid period exits 2, a write error 1.
 */
int
cmd_rules_show(struct crm *crm, const char *verb, const struct cmd_list *l,
    int all, int argc, char *argv[])
{
	struct crm_out	*o;
	int		 rc, from, to, days;

	days = strcmp(verb, "days") == 0;
	if (days && crm_period_parse(argc == 1 ? argv[0] : "year",
	    crm_today(crm), &from, &to) != CRM_OK)
		errx(2, _("invalid period '%s'"), argv[0]);
	o = crm_out_open(stdout, l->fmt, l->header, days ? day_cols :
	    strcmp(verb, "kinds") == 0 ? kind_cols : rule_cols,
	    days || strcmp(verb, "kinds") == 0 ? 5 : 6);
	if (o == NULL)
		err(1, NULL);
	if (days)
		rc = crm_calendar_each(crm, from, to, all, day_row, o);
	else if (strcmp(verb, "kinds") == 0)
		rc = crm_kind_each(crm, kind_row, o);
	else
		rc = crm_rule_each(crm, rule_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	return rc;
}

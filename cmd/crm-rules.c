/*
 * crm-rules: show and change the department's regulations: the minimum
 * plan, junk-comment rules, the rollout, the fields each kind of task
 * needs, and the working calendar.  Anyone may read them; only a head or
 * an admin changes them, and every change goes to the audit log.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

static const struct crm_col rule_cols[] = {
	{ "key", CRM_COL_TEXT, NULL },
	{ "value", CRM_COL_TEXT, NULL },
	{ "default", CRM_COL_TEXT, NULL },
	{ "set", CRM_COL_INT, NULL },
	{ "help", CRM_COL_TEXT, NULL },
};

static const struct crm_col kind_cols[] = {
	{ "kind", CRM_COL_TEXT, NULL },
	{ "client", CRM_COL_INT, NULL },
	{ "deal", CRM_COL_INT, NULL },
	{ "time", CRM_COL_INT, NULL },
	{ "note", CRM_COL_INT, NULL },
};

static const struct crm_col day_cols[] = {
	{ "day", CRM_COL_DATE, NULL },
	{ "weekday", CRM_COL_TEXT, NULL },
	{ "working", CRM_COL_INT, NULL },
	{ "note", CRM_COL_TEXT, NULL },
};

static void
usage(void)
{
	fprintf(stderr, "usage: crm-rules [list] [-Hjpt]\n"
	    "       crm-rules set key value\n"
	    "       crm-rules reset key\n"
	    "       crm-rules kinds [-Hjpt]\n"
	    "       crm-rules kind name [client] [deal] [time] [note]\n"
	    "       crm-rules days [-aHjpt] [period]\n"
	    "       crm-rules day date off | work | reset [note ...]\n"
	    "       crm-rules import [file]\n");
	exit(2);
}

static int
rule_row(const struct crm_rule *r, void *arg)
{
	const char	*v[5];

	v[0] = r->key;
	v[1] = r->value;
	v[2] = r->deflt;
	v[3] = r->set ? "1" : "0";
	v[4] = r->help;
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
	const char	*v[4];
	int		 day;

	crm_date_iso(d->day, &day);
	v[0] = d->day;
	v[1] = wd[crm_date_wday(day)];
	v[2] = d->working ? "1" : "0";
	v[3] = d->note;
	return crm_out_row(arg, v);
}

/*
 * The listings: list, kinds, days.  Options -Hjpt, and -a and a period
 * for days.
 */
static int
cmd_show(struct crm *crm, const char *verb, int argc, char *argv[])
{
	struct crm_out	*o;
	enum crm_fmt	 fmt = CRM_FMT_AUTO;
	int		 ch, all = 0, header = 0, rc, from, to, days;

	days = strcmp(verb, "days") == 0;
	while ((ch = getopt(argc, argv, days ? "aHjpt" : "Hjpt")) != -1)
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'H':
			header = 1;
			break;
		case 'j':
		case 'p':
		case 't':
			fmt = crm_fmt_opt(ch);
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > (days ? 1 : 0))
		usage();
	if (days && crm_period_parse(argc == 1 ? argv[0] : "year",
	    crm_today(crm), &from, &to) != CRM_OK)
		errx(2, "invalid period '%s'", argv[0]);
	o = crm_out_open(stdout, fmt, header, days ? day_cols :
	    strcmp(verb, "kinds") == 0 ? kind_cols : rule_cols, days ? 4 : 5);
	if (o == NULL)
		err(1, NULL);
	if (days)
		rc = crm_calendar_each(crm, from, to, all, day_row, o);
	else if (strcmp(verb, "kinds") == 0)
		rc = crm_kind_each(crm, kind_row, o);
	else
		rc = crm_rule_each(crm, rule_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, "write error on standard output");
	return rc;
}

static int
cmd_kind(struct crm *crm, int argc, char *argv[])
{
	struct crm_kind	 k;
	int		 i;

	if (argc < 2)
		usage();
	memset(&k, 0, sizeof(k));
	k.name = argv[1];
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "client") == 0)
			k.need_client = 1;
		else if (strcmp(argv[i], "deal") == 0)
			k.need_deal = 1;
		else if (strcmp(argv[i], "time") == 0)
			k.need_time = 1;
		else if (strcmp(argv[i], "note") == 0)
			k.need_note = 1;
		else
			errx(2, "invalid field '%s': client, deal, time or "
			    "note", argv[i]);
	}
	return crm_kind_set(crm, &k);
}

static int
cmd_day(struct crm *crm, int argc, char *argv[])
{
	char	*note;
	int	 day, working, rc;

	if (argc < 3)
		usage();
	if (crm_date_parse(argv[1], crm_today(crm), &day) != CRM_OK)
		errx(2, "invalid date '%s'", argv[1]);
	if (strcmp(argv[2], "off") == 0)
		working = 0;
	else if (strcmp(argv[2], "work") == 0)
		working = 1;
	else if (strcmp(argv[2], "reset") == 0 && argc == 3)
		working = -1;
	else
		usage();
	if ((note = crm_join(argc - 3, argv + 3)) == NULL)
		err(1, NULL);
	rc = crm_calendar_set(crm, day, working, *note ? note : NULL);
	free(note);
	return rc;
}

static int
cmd_import(struct crm *crm, int argc, char *argv[])
{
	FILE	*fp = stdin;
	int	 rc, n;

	if (argc > 2)
		usage();
	if (argc == 2 && strcmp(argv[1], "-") != 0 &&
	    (fp = fopen(argv[1], "r")) == NULL)
		err(1, "%s", argv[1]);
	rc = crm_calendar_import(crm, fp, &n);
	if (fp != stdin)
		fclose(fp);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*verb = "list";
	int		 rc, ro;

	if (argc >= 2 && argv[1][0] != '-') {
		verb = argv[1];
		argc--;
		argv++;
	}
	ro = strcmp(verb, "list") == 0 || strcmp(verb, "kinds") == 0 ||
	    strcmp(verb, "days") == 0;
	if (!ro && strcmp(verb, "set") != 0 && strcmp(verb, "reset") != 0 &&
	    strcmp(verb, "kind") != 0 && strcmp(verb, "day") != 0 &&
	    strcmp(verb, "import") != 0)
		usage();
	if ((strcmp(verb, "set") == 0 && argc != 3) ||
	    (strcmp(verb, "reset") == 0 && argc != 2))
		usage();
	if ((rc = crm_open(&crm, NULL, ro ? CRM_OPEN_RDONLY : 0)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (ro)
		rc = cmd_show(crm, verb, argc, argv);
	else if (strcmp(verb, "set") == 0)
		rc = crm_rule_set(crm, argv[1], argv[2]);
	else if (strcmp(verb, "reset") == 0)
		rc = crm_rule_set(crm, argv[1], NULL);
	else if (strcmp(verb, "kind") == 0)
		rc = cmd_kind(crm, argc, argv);
	else if (strcmp(verb, "day") == 0)
		rc = cmd_day(crm, argc, argv);
	else
		rc = cmd_import(crm, argc, argv);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

/*
 * crm-rules: show and change the department's regulations: the minimum
 * plan, junk-comment rules, the rollout, the fields each kind of task
 * needs, and the working calendar.  Anyone may read them; an admin
 * changes the department's, a head their own team's, and every change
 * goes to the audit log.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

/* The options of a command. */
struct opts {
	struct cmd_list	 l;		/* -f -H -j -p -t */
	int		 all;
};

static const char synopsis[] =
    N_("usage: crm-rules [list] [-Hjpt] [-f file]\n"
    "       crm-rules set [-f file] key value\n"
    "       crm-rules reset [-f file] key\n"
    "       crm-rules kinds [-Hjpt] [-f file]\n"
    "       crm-rules kind [-f file] name [client] [deal] [time] "
    "[note]\n"
    "       crm-rules days [-aHjpt] [-f file] [period]\n"
    "       crm-rules day [-f file] date off | work | reset [note "
    "...]\n"
    "       crm-rules import [-f file] [calendar]\n"
    "       crm-rules zone [-f file] [name]\n"
    "       crm-rules calendar load [-f file] [calendar]\n"
    "       crm-rules title [-f file] kind | stage code [title]\n"
    "       crm-rules rebuild [-f file]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
cmd_kind(struct crm *crm, int argc, char *argv[])
{
	struct crm_kind	 k;
	int		 i;

	memset(&k, 0, sizeof(k));
	k.name = crm_code(crm, "kind", argv[0]);
	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "client") == 0)
			k.need_client = 1;
		else if (strcmp(argv[i], "deal") == 0)
			k.need_deal = 1;
		else if (strcmp(argv[i], "time") == 0)
			k.need_time = 1;
		else if (strcmp(argv[i], "note") == 0)
			k.need_note = 1;
		else
			errx(2, _("invalid field '%s': client, deal, time or "
			    "note"), argv[i]);
	}
	return crm_kind_set(crm, &k);
}

static int
cmd_day(struct crm *crm, int argc, char *argv[])
{
	char	*note;
	int	 day, working, rc;

	if (crm_date_parse(argv[0], crm_today(crm), &day) != CRM_OK)
		errx(2, _("invalid date '%s'"), argv[0]);
	if (strcmp(argv[1], "off") == 0)
		working = 0;
	else if (strcmp(argv[1], "work") == 0)
		working = 1;
	else if (strcmp(argv[1], "reset") == 0 && argc == 2)
		working = -1;
	else
		usage();
	if ((note = crm_join(argc - 2, argv + 2)) == NULL)
		err(1, NULL);
	rc = crm_calendar_set(crm, day, working, *note ? note : NULL);
	free(note);
	return rc;
}

/* The department's time zone: show it, or set it (an admin). */
static int
cmd_zone(struct crm *crm, int argc, char *argv[])
{
	char	 zone[128];
	int	 rc;

	if (argc == 1)
		return crm_zone_set(crm, argv[0]);
	if ((rc = crm_zone_get(crm, zone, sizeof(zone))) == CRM_OK &&
	    printf("%s\n", zone) < 0)
		errx(1, _("write error on standard output"));
	return rc;
}

/*
 * import: days typed by hand, from a file or standard input; calendar
 * load: the official calendar, from a file or the one built in.
 */
static int
cmd_import(struct crm *crm, const char *verb, int argc, char *argv[])
{
	FILE	*fp = stdin;
	int	 rc, n, load = strcmp(verb, "calendar") == 0;

	if (load && strcmp(argv[0], "load") != 0)
		usage();
	if (load) {
		argc--;
		argv++;
		fp = NULL;
	}
	if (argc == 1 && strcmp(argv[0], "-") == 0)
		fp = stdin;
	else if (argc == 1 && (fp = crm_fopen_user(argv[0], "r")) == NULL)
		err(1, "%s", argv[0]);
	if (load)
		rc = crm_calendar_load(crm, fp, argc == 1 ? argv[0] : NULL,
		    &n);
	else
		rc = crm_calendar_import(crm, fp, &n);
	if (fp != NULL && fp != stdin)
		fclose(fp);
	return rc;
}

/* The commands: their options and how many operands; list, kinds and
 * days only read. */
static const struct cmd_verb verbs[] = {
	{ "list", "Hf:jpt", 0, 0 },
	{ "set", "f:", 2, 2 },
	{ "reset", "f:", 1, 1 },
	{ "kinds", "Hf:jpt", 0, 0 },
	{ "kind", "f:", 1, INT_MAX },
	{ "days", "aHf:jpt", 0, 1 },
	{ "day", "f:", 2, INT_MAX },
	{ "import", "f:", 0, 1 },
	{ "zone", "f:", 0, 1 },
	{ "calendar", "f:", 1, 2 },
	{ "title", "f:", 2, 3 },
	{ "rebuild", "f:", 0, 0 },
};

static void
getopts(const struct cmd_verb *v, struct opts *op, int argc, char *argv[])
{
	int	 ch;

	while ((ch = getopt(argc, argv, v->opts)) != -1)
		switch (ch) {
		case 'a':
			op->all = 1;
			break;
		default:
			if (!cmd_list_opt(&op->l, ch))
				usage();
		}
	cmd_operands(v, argc - optind, synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct opts		 op = { { NULL, CRM_FMT_AUTO, 0 }, 0 };
	const struct cmd_verb	*v;
	int			 rc, ro;

	cmd_start(argc, argv, synopsis);
	v = cmd_verb(verbs, sizeof(verbs) / sizeof(verbs[0]), 0, &argc,
	    &argv, synopsis);
	ro = v == &verbs[0] || v == &verbs[3] || v == &verbs[5];
	getopts(v, &op, argc, argv);
	argc -= optind;
	argv += optind;
	crm = cmd_open(op.l.file, ro || strcmp(v->name, "zone") == 0 ?
	    CRM_OPEN_NOCREATE : 0);
	if (ro)
		rc = cmd_rules_show(crm, v->name, &op.l, op.all, argc,
		    argv);
	else if (strcmp(v->name, "set") == 0)
		rc = crm_rule_set(crm, argv[0], argv[1]);
	else if (strcmp(v->name, "reset") == 0)
		rc = crm_rule_set(crm, argv[0], NULL);
	else if (strcmp(v->name, "kind") == 0)
		rc = cmd_kind(crm, argc, argv);
	else if (strcmp(v->name, "day") == 0)
		rc = cmd_day(crm, argc, argv);
	else if (strcmp(v->name, "zone") == 0)
		rc = cmd_zone(crm, argc, argv);
	else if (strcmp(v->name, "title") == 0)
		rc = crm_title_set(crm, argv[0], crm_code(crm, argv[0],
		    argv[1]), argv[2]);
	else if (strcmp(v->name, "rebuild") == 0)
		rc = crm_kpi_rebuild(crm);
	else
		rc = cmd_import(crm, v->name, argc, argv);
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

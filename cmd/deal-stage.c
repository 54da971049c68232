/*
 * deal-stage: move a deal to another stage of the funnel (won and lost
 * are final; lost needs a reason), show a deal's history of stages, and
 * list, add or rename the stages themselves (an admin).
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: deal-stage [-f file] [-r reason] [deal ...] stage\n"
    "       deal-stage history [-Hjpt] [-f file] deal\n"
    "       deal-stage list [-Hjpt] [-f file]\n"
    "       deal-stage add [-f file] name pos outcome\n"
    "       deal-stage rename [-f file] old new\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* A position in the pipeline, 1 to max. */
static int64_t
number(const char *s, long long max)
{
	const char	*e;
	long long	 n;

	n = strtonum(s, 1, max, &e);
	if (e != NULL)
		errx(2, _("invalid position '%s'"), s);
	return n;
}

static const struct cmd_verb verbs[] = {
	{ "-", "f:r:", 1, 1000000 },
	{ "history", "Hf:jpt", 1, 1 },
	{ "list", "Hf:jpt", 0, 0 },
	{ "add", "f:", 3, 3 },
	{ "rename", "f:", 2, 2 },
};

/* list and history: the stages, or one deal's history. */
static int
list(struct crm *crm, int mode, const char *deal, enum crm_fmt fmt,
    int header)
{
	struct crm_out	*o;
	int		 rc;

	if (mode == 'l')
		o = crm_out_open(stdout, fmt, header, crm_stage_cols,
		    CRM_STAGE_NCOLS);
	else
		o = crm_out_open(stdout, fmt, header, crm_change_cols,
		    CRM_CHANGE_NCOLS);
	if (o == NULL)
		err(1, NULL);
	if (mode == 'l')
		rc = crm_stage_each(crm, crm_stage_row, o);
	else
		rc = crm_deal_history(crm,
		    cmd_find(crm, crm_deal_find, deal),
		    crm_change_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	return rc;
}

struct move {
	const char	*stage, *reason;
};

static int
move_one(struct crm *crm, int64_t id, void *arg)
{
	const struct move	*m = arg;

	return crm_deal_stage(crm, id, m->stage, m->reason);
}

/* The deals named (the one lookup) or piped in, to stage: all or none. */
static int
move(struct crm *crm, int argc, char *argv[], const char *reason)
{
	struct move	 m = { crm_code(crm, "stage", argv[argc - 1]), reason };
	int64_t		*ids;
	size_t		 n;
	int		 rc;

	ids = cmd_ids_named(crm, argc - 1, argv, crm_deal_find, &n);
	rc = crm_ids_each(crm, ids, n, move_one, &m);
	free(ids);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct cmd_list		 l = { NULL, CRM_FMT_AUTO, 0 };
	const struct cmd_verb	*v;
	const char		*reason = NULL;
	int			 ch, mode, rc;

	cmd_start(argc, argv, synopsis);
	v = cmd_verb(verbs, sizeof(verbs) / sizeof(verbs[0]), 0, &argc,
	    &argv, synopsis);
	/* the verb's first letter, as the mode: - h l a r */
	mode = v->name[0];
	while ((ch = getopt(argc, argv, v->opts)) != -1)
		switch (ch) {
		case 'r':
			reason = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	argc -= optind;
	argv += optind;
	cmd_operands(v, argc, synopsis);
	/* A move with no deal named reads the deals from standard input. */
	if (mode == '-' && argc == 1 && isatty(STDIN_FILENO))
		cmd_usagex(synopsis, _("a deal is required"));
	if (mode != '-' && reason != NULL)
		usage();
	crm = cmd_open(l.file, mode == 'l' || mode == 'h' ?
	    CRM_OPEN_NOCREATE : 0);
	if (mode == 'l' || mode == 'h')
		rc = list(crm, mode, argv[0], l.fmt, l.header);
	else if (mode == 'a')
		rc = crm_stage_add(crm, argv[0],
		    (int)number(argv[1], 1000), argv[2]);
	else if (mode == 'r')
		rc = crm_stage_rename(crm, argv[0], argv[1]);
	else
		rc = move(crm, argc, argv, reason);
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

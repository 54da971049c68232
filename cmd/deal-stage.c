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
#include "ids.h"

static const struct crm_col stage_cols[] = {
	{ "id", CRM_COL_INT, NULL },
	{ "name", CRM_COL_TEXT, NULL },
	{ "pos", CRM_COL_INT, NULL },
	{ "outcome", CRM_COL_TEXT, NULL },
};

static const struct crm_col history_cols[] = {
	{ "deal", CRM_COL_INT, NULL },
	{ "at", CRM_COL_DATE, NULL },
	{ "from", CRM_COL_TEXT, NULL },
	{ "to", CRM_COL_TEXT, NULL },
	{ "by", CRM_COL_TEXT, NULL },
	{ "reason", CRM_COL_TEXT, NULL },
};

static void
usage(void)
{
	fprintf(stderr, "usage: deal-stage [-f file] [-r reason] [deal ...] stage\n"
	    "       deal-stage -h [-Hjpt] [-f file] deal\n"
	    "       deal-stage -l [-Hjpt] [-f file]\n"
	    "       deal-stage -A [-f file] name pos outcome\n"
	    "       deal-stage -R [-f file] old new\n");
	exit(2);
}

static int
stage_row(const struct crm_stage *s, void *arg)
{
	char		 id[24], pos[24];
	const char	*v[4];

	snprintf(id, sizeof(id), "%lld", (long long)s->id);
	snprintf(pos, sizeof(pos), "%d", s->pos);
	v[0] = id;
	v[1] = s->name;
	v[2] = pos;
	v[3] = s->outcome;
	return crm_out_row(arg, v);
}

static int
history_row(const struct crm_stage_change *c, void *arg)
{
	char		 id[24];
	const char	*v[6];

	snprintf(id, sizeof(id), "%lld", (long long)c->deal_id);
	v[0] = id;
	v[1] = c->at;
	v[2] = c->from;
	v[3] = c->to;
	v[4] = c->by;
	v[5] = c->reason;
	return crm_out_row(arg, v);
}

static int64_t
deal_id(const char *s)
{
	int64_t	 id;

	if (crm_id_parse(s, &id) != CRM_OK)
		errx(2, "invalid deal '%s'", s);
	return id;
}

static int64_t
number(const char *what, const char *s, long long max)
{
	const char	*e;
	long long	 n;

	n = strtonum(s, 1, max, &e);
	if (e != NULL)
		errx(2, "invalid %s '%s'", what, s);
	return n;
}

/* -l and -h: the stages, or one deal's history. */
static int
list(struct crm *crm, int mode, const char *deal, enum crm_fmt fmt,
    int header)
{
	struct crm_out	*o;
	int		 rc;

	if (mode == 'l')
		o = crm_out_open(stdout, fmt, header, stage_cols, 4);
	else
		o = crm_out_open(stdout, fmt, header, history_cols, 6);
	if (o == NULL)
		err(1, NULL);
	if (mode == 'l')
		rc = crm_stage_each(crm, stage_row, o);
	else
		rc = crm_deal_history(crm, deal_id(deal),
		    history_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, "write error on standard output");
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
	struct move	 m = { argv[argc - 1], reason };
	int64_t		*ids;
	size_t		 n;
	int		 rc;

	ids = ids_named(crm, argc - 1, argv, crm_deal_find, &n);
	rc = crm_ids_each(crm, ids, n, move_one, &m);
	free(ids);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	enum crm_fmt	 fmt = CRM_FMT_AUTO;
	const char	*file = NULL, *reason = NULL;
	int		 ch, header = 0, mode = 0, rc, want;

	while ((ch = getopt(argc, argv, "AHRf:hjlpr:t")) != -1)
		switch (ch) {
		case 'A':
		case 'R':
		case 'h':
		case 'l':
			if (mode != 0 && mode != ch)
				usage();
			mode = ch;
			break;
		case 'H':
			header = 1;
			break;
		case 'f':
			file = optarg;
			break;
		case 'j':
		case 'p':
		case 't':
			fmt = crm_fmt_opt(ch);
			break;
		case 'r':
			reason = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	want = mode == 'A' ? 3 : mode == 'l' ? 0 : mode == 'h' ? 1 : 2;
	if ((mode == 0 ? argc < 1 || (argc == 1 && isatty(STDIN_FILENO)) :
	    argc != want) || (reason != NULL && mode != 0))
		usage();
	rc = crm_open(&crm, file, mode == 'l' || mode == 'h' ?
	    CRM_OPEN_NOCREATE : 0);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (mode == 'l' || mode == 'h')
		rc = list(crm, mode, argv[0], fmt, header);
	else if (mode == 'A')
		rc = crm_stage_add(crm, argv[0],
		    (int)number("position", argv[1], 1000), argv[2]);
	else if (mode == 'R')
		rc = crm_stage_rename(crm, argv[0], argv[1]);
	else
		rc = move(crm, argc, argv, reason);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

/*
 * crm-import: bring people, clients, deals, documents or tasks in from
 * the CSV of an old system, of a spreadsheet or of crm-export, all or
 * nothing, or only check what would come in (-K); or a whole department
 * that crm-export -k department wrote, into a new database.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-import [-Kv] [-b charset] [-f file] [-L map] -k kind "
    "[csv]\n");

#define MAPS_MAX	64
#define NC_(c, s)	(s)	/* a word of the catalogue in context c */

/* The kinds of record, for the catalogue: their words in context
 * "records". */
static const char *const records_words[] = {
	NC_("records", "people"), NC_("records", "clients"),
	NC_("records", "deals"), NC_("records", "docs"),
	NC_("records", "tasks"), NULL
};

/* The word people read for a kind of record: "клиенты" for clients. */
static const char *
kind_word(const char *kind)
{
	static char		 key[64];
	const char *const	*w;
	const char		*t;

	for (w = records_words; *w != NULL && strcmp(*w, kind) != 0; w++)
		continue;
	if (*w == NULL)
		return kind;
	(void)snprintf(key, sizeof(key), "records\004%s", kind);
	t = dgettext("crm", key);
	return t == key ? kind : t;
}

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* What a dry run found: what would be made, then the first problems. */
static void
report(const char *kind, const struct crm_import_sum *sum,
    const struct crm_import_check *chk)
{
	int	 i;

	printf(n_("crm-import: %lld %s would be imported\n",
	    "crm-import: %lld %s would be imported\n", sum->records),
	    (long long)sum->records, kind_word(kind));
	if (sum->noreason > 0)
		printf(_("crm-import: lost deals with no reason, to be given "
		    "the reason 'not stated in the source': %lld\n"),
		    (long long)sum->noreason);
	if (chk->skipped[0] != '\0')
		printf(_("crm-import: columns passed over: %s\n"),
		    chk->skipped);
	printf(_("crm-import: read as %s\n"), chk->charset);
	for (i = 0; i < chk->nprob; i++)
		fprintf(stderr, "crm-import: %s\n", chk->prob[i]);
	if (chk->bad > 0)
		fprintf(stderr, n_("crm-import: %lld line would not be "
		    "imported\n", "crm-import: %lld lines would not be "
		    "imported\n", chk->bad), (long long)chk->bad);
}

/* Records of kind from fp, as crm_import_with() reads them. */
static void
records(const char *file, const char *kind, FILE *fp,
    const struct crm_import_opt *opt, int verbose)
{
	struct crm		*crm;
	struct crm_import_sum	 sum;
	struct crm_import_check	 chk;
	int			 rc;

	memset(&chk, 0, sizeof(chk));
	if ((rc = crm_open(&crm, file, 0)) == CRM_OK) {
		crm_notice_set(crm, cmd_warn, NULL);
		rc = crm_import_with(crm, kind, fp, opt, &sum, &chk);
	}
	if (opt->dry && (rc == CRM_OK || chk.nprob > 0)) {
		report(kind, &sum, &chk);
		crm_close(crm);
		exit(rc == CRM_OK ? 0 : 1);
	}
	cmd_check(crm, rc);
	if (verbose)
		fprintf(stderr, n_("crm-import: %lld %s imported\n",
		    "crm-import: %lld %s imported\n", sum.records),
		    (long long)sum.records, kind_word(kind));
	if (verbose && sum.noreason > 0)
		fprintf(stderr, _("crm-import: lost deals with no reason, "
		    "given the reason 'not stated in the source': %lld\n"),
		    (long long)sum.noreason);
	crm_close(crm);
}

/* A whole department from fp, into a new database. */
static void
department(const char *file, FILE *fp, int verbose)
{
	struct crm	*crm;
	int64_t		 rows;

	crm = cmd_open(file, CRM_OPEN_NOUSER);
	cmd_check(crm, crm_department_import(crm, fp, &rows));
	if (verbose)
		fprintf(stderr, n_("crm-import: a department of %lld row "
		    "imported\n", "crm-import: a department of %lld rows "
		    "imported\n", rows), (long long)rows);
	crm_close(crm);
}

int
main(int argc, char *argv[])
{
	struct crm_import_opt	 opt;
	FILE			*fp = stdin;
	const char		*file = NULL, *kind = NULL;
	const char		*maps[MAPS_MAX + 1];
	int			 ch, nmaps = 0, verbose = 0;

	cmd_start(argc, argv, synopsis);
	memset(&opt, 0, sizeof(opt));
	while ((ch = getopt(argc, argv, "b:f:Kk:L:v")) != -1)
		switch (ch) {
		case 'b':
			opt.charset = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'K':
			opt.dry = 1;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'L':
			if (strchr(optarg, '=') == NULL || nmaps == MAPS_MAX)
				cmd_usagex(synopsis, _("a map is "
				    "HEADER=column, at most %d: '%s'"),
				    MAPS_MAX, optarg);
			maps[nmaps++] = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	maps[nmaps] = NULL;
	opt.map = maps;
	if (kind == NULL)
		cmd_usagex(synopsis, _("a kind is required: -k kind"));
	if (argc > 1)
		usage();
	if (argc == 1 && (fp = crm_fopen_user(argv[0], "r")) == NULL)
		err(1, "%s", argv[0]);
	if (strcmp(kind, "department") == 0 && (opt.dry || opt.charset ||
	    nmaps > 0))
		cmd_usagex(synopsis, _("-K, -b and -L read records, not a "
		    "department"));
	if (strcmp(kind, "department") == 0)
		department(file, fp, verbose);
	else
		records(file, kind, fp, &opt, verbose);
	if (fp != stdin)
		fclose(fp);
	return 0;
}

/*
 * crm-import: bring people, clients, deals, documents or tasks in from
 * the CSV of an old system or of crm-export, all or nothing; or a whole
 * department that crm-export -k department wrote, into a new database.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: crm-import [-v] [-f file] -k kind [csv]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* Records of kind from fp, as crm_import_sum() reads them. */
static void
records(const char *file, const char *kind, FILE *fp, int verbose)
{
	struct crm		*crm;
	struct crm_import_sum	 sum;
	int			 rc;

	if ((rc = crm_open(&crm, file, 0)) == CRM_OK) {
		crm_notice_set(crm, cmd_warn, NULL);
		rc = crm_import_sum(crm, kind, fp, &sum);
	}
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (verbose)
		fprintf(stderr, n_("crm-import: %lld %s imported\n",
		    "crm-import: %lld %s imported\n", sum.records),
		    (long long)sum.records, kind);
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
	int		 rc;

	if ((rc = crm_open(&crm, file, CRM_OPEN_NOUSER)) == CRM_OK)
		rc = crm_department_import(crm, fp, &rows);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (verbose)
		fprintf(stderr, n_("crm-import: a department of %lld row "
		    "imported\n", "crm-import: a department of %lld rows "
		    "imported\n", rows), (long long)rows);
	crm_close(crm);
}

int
main(int argc, char *argv[])
{
	FILE		*fp = stdin;
	const char	*file = NULL, *kind = NULL;
	int		 ch, verbose = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:k:v")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (kind == NULL)
		cmd_usagex(synopsis, _("a kind is required: -k kind"));
	if (argc > 1)
		usage();
	if (argc == 1 && (fp = crm_fopen_user(argv[0], "r")) == NULL)
		err(1, "%s", argv[0]);
	if (strcmp(kind, "department") == 0)
		department(file, fp, verbose);
	else
		records(file, kind, fp, verbose);
	if (fp != stdin)
		fclose(fp);
	return 0;
}

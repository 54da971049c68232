/*
 * doc-pay: record the day an invoice was paid; sums paid are what the
 * KPI report counts.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: doc-pay [-d date] [-f file] invoice\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *date = "today";
	char		 buf[11];
	int64_t		 id;
	int		 ch, n, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "d:f:")) != -1)
		switch (ch) {
		case 'd':
			date = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 1)
		usage();
	if (crm_id_parse(argv[0], &id) != CRM_OK)
		errx(2, _("invalid invoice '%s'"), argv[0]);
	if ((rc = crm_open(&crm, file, 0)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (crm_date_parse(date, crm_today(crm), &n) != CRM_OK)
		errx(2, _("invalid paid date '%s'"), date);
	crm_date_fmt(n, buf);
	if ((rc = crm_doc_pay(crm, id, buf)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

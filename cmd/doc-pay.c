/*
 * doc-pay: record the day invoices were paid (named, or piped in); sums
 * paid are what the KPI report counts.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: doc-pay [-d date] [-f file] [invoice ...]\n");

static int
pay_one(struct crm *crm, int64_t id, void *day)
{
	return crm_doc_pay(crm, id, day);
}

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
	int64_t		*ids;
	size_t		 nids;
	int		 ch, n;

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
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	crm = cmd_open(file, 0);
	if (crm_date_parse(date, crm_today(crm), &n) != CRM_OK)
		errx(2, _("invalid paid date '%s'"), date);
	crm_date_fmt(n, buf);
	ids = cmd_ids_named(crm, argc, argv, cmd_doc_find, &nids);
	cmd_check(crm, crm_ids_each(crm, ids, nids, pay_one, buf));
	free(ids);
	crm_close(crm);
	return 0;
}

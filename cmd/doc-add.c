/*
 * doc-add: issue a contract or an invoice on a deal and print its id;
 * contracts signed and invoices issued are what the KPI report counts.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: doc-add [-D due-date] [-d date] [-f file] -k kind deal "
    "number amount\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* A date as people type it, the document's or (due) its due date. */
static const char *
day(struct crm *crm, const char *s, int due, char buf[11])
{
	int	 n;

	if (crm_date_parse(s, crm_today(crm), &n) != CRM_OK)
		errx(2, due ? _("invalid due date '%s'") :
		    _("invalid date '%s'"), s);
	crm_date_fmt(n, buf);
	return buf;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct crm_doc	 d;
	const char	*file = NULL, *date = "today", *due = NULL;
	char		 db[11], dd[11];
	int64_t		 id;
	int		 ch;

	memset(&d, 0, sizeof(d));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "D:d:f:k:")) != -1)
		switch (ch) {
		case 'D':
			due = optarg;
			break;
		case 'd':
			date = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			d.kind = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (d.kind == NULL)
		cmd_usagex(synopsis, _("a kind is required: -k kind"));
	if (argc != 3)
		cmd_usagex(synopsis, _("a deal, a number and an amount are "
		    "required"));
	d.number = argv[1];
	if (crm_money_parse(argv[2], &d.amount) != CRM_OK)
		errx(2, _("invalid amount '%s'"), argv[2]);
	/* The new id goes to standard output: make sure it can. */
	if (fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	crm = cmd_open(file, 0);
	d.kind = crm_code(crm, "kind", d.kind);
	d.deal_id = cmd_find(crm, crm_deal_find, argv[0]);
	d.doc_date = day(crm, date, 0, db);
	if (due != NULL)
		d.due_date = day(crm, due, 1, dd);
	cmd_check(crm, crm_doc_add(crm, &d, &id));
	printf("%lld\n", (long long)id);
	if (fflush(stdout) == EOF)
		errx(1, _("document %lld added, but its id could not be "
		    "written to standard output"), (long long)id);
	crm_close(crm);
	return 0;
}

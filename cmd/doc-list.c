/*
 * doc-list: list the contracts and invoices of the deals one may see;
 * with -u only the invoices not paid yet.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT, NULL },
	{ "kind", CRM_COL_TEXT, NULL },
	{ "number", CRM_COL_TEXT, NULL },
	{ "doc_date", CRM_COL_DATE, "date" },
	{ "amount", CRM_COL_MONEY, NULL },
	{ "due_date", CRM_COL_DATE, "due" },
	{ "paid_date", CRM_COL_DATE, "paid" },
	{ "deal_id", CRM_COL_INT, "deal" },
	{ "client", CRM_COL_TEXT, NULL },
	{ "manager", CRM_COL_TEXT, NULL },
	{ "created_at", CRM_COL_DATE, "created" },
};

static const char synopsis[] =
    N_("usage: doc-list [-HjptU] [-f file] [-k kind] [-l deal] [-u "
    "login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
row(const struct crm_doc *d, void *arg)
{
	char		 id[24], deal[24], amount[24];
	const char	*v[11];

	snprintf(id, sizeof(id), "%lld", (long long)d->id);
	snprintf(deal, sizeof(deal), "%lld", (long long)d->deal_id);
	snprintf(amount, sizeof(amount), "%lld", (long long)d->amount);
	v[0] = id;
	v[1] = d->kind;
	v[2] = d->number;
	v[3] = d->doc_date;
	v[4] = amount;
	v[5] = d->due_date;
	v[6] = d->paid_date;
	v[7] = deal;
	v[8] = d->client;
	v[9] = d->manager;
	v[10] = d->created_at;
	return crm_out_row(arg, v);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_out		*o;
	struct crm_doc_filter	 f;
	enum crm_fmt		 fmt = CRM_FMT_AUTO;
	const char		*file = NULL, *deal = NULL;
	int			 ch, header = 0, rc;

	memset(&f, 0, sizeof(f));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Hjk:l:ptUu:")) != -1)
		switch (ch) {
		case 'H':
			header = 1;
			break;
		case 'l':
			deal = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'j':
		case 'p':
		case 't':
			fmt = crm_fmt_opt(ch);
			break;
		case 'k':
			f.kind = optarg;
			break;
		case 'u':
			f.manager = optarg;
			break;
		case 'U':
			f.unpaid = 1;
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (deal != NULL)
		f.deal_id = cmd_find(crm, crm_deal_find, deal);
	if ((o = crm_out_open(stdout, fmt, header, cols, 11)) == NULL)
		err(1, NULL);
	rc = crm_doc_each(crm, &f, row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

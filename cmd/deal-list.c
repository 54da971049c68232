/*
 * deal-list: list deals; with -n only the open deals that have no open
 * task, for a deal with no next step is a deal nobody is working.
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
	{ "client", CRM_COL_FIT, NULL },
	{ "title", CRM_COL_FIT, NULL },
	{ "stage", CRM_COL_TEXT, NULL },
	{ "amount", CRM_COL_MONEY, NULL },
	{ "profit", CRM_COL_MONEY, NULL },
	{ "close_date", CRM_COL_DATE, "close" },
	{ "manager", CRM_COL_TEXT, NULL },
	{ "opened_at", CRM_COL_DATE, "opened" },
	{ "closed_at", CRM_COL_DATE, "closed" },
	{ "lost_reason", CRM_COL_FIT, "reason" },
	{ "client_id", CRM_COL_INT, NULL },
};

static const char synopsis[] =
    N_("usage: deal-list [-aHjptw] [-c client] [-f file] [-s stage] [-u "
    "login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
row(const struct crm_deal *d, void *arg)
{
	char		 id[24], cid[24], amount[24], profit[24];
	const char	*v[12];

	snprintf(id, sizeof(id), "%lld", (long long)d->id);
	snprintf(cid, sizeof(cid), "%lld", (long long)d->client_id);
	snprintf(amount, sizeof(amount), "%lld", (long long)d->amount);
	snprintf(profit, sizeof(profit), "%lld", (long long)d->profit);
	v[0] = id;
	v[1] = d->client;
	v[2] = d->title;
	v[3] = d->stage;
	v[4] = amount;
	v[5] = profit;
	v[6] = d->close_date;
	v[7] = d->manager;
	v[8] = d->opened_at;
	v[9] = d->closed_at;
	v[10] = d->lost_reason;
	v[11] = cid;
	return crm_out_row(arg, v);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_out		*o;
	struct crm_deal_filter	 f;
	enum crm_fmt		 fmt = CRM_FMT_AUTO;
	const char		*file = NULL, *client = NULL;
	int			 ch, header = 0, rc;

	memset(&f, 0, sizeof(f));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "ac:f:Hjps:tu:w")) != -1)
		switch (ch) {
		case 'a':
			f.closed = 1;
			break;
		case 'H':
			header = 1;
			break;
		case 'c':
			client = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'j':
		case 'p':
		case 't':
			fmt = crm_fmt_opt(ch);
			break;
		case 'u':
			f.manager = optarg;
			break;
		case 'w':
			f.idle = 1;
			break;
		case 's':
			f.stage = optarg;
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (client != NULL)
		f.client_id = cmd_find(crm, crm_client_find, client);
	if ((o = crm_out_open(stdout, fmt, header, cols, 12)) == NULL)
		err(1, NULL);
	rc = crm_deal_each(crm, &f, row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

/*
 * doc-list: list the contracts and invoices of the deals one may see;
 * with -U only the invoices not paid yet.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: doc-list [-HjptU] [-f file] [-k kind] [-l deal] [-u "
    "login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct cmd_list		 l = { NULL, CRM_FMT_AUTO, 0 };
	struct crm_out		*o;
	struct crm_doc_filter	 f;
	const char		*deal = NULL;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Hjk:l:ptUu:")) != -1)
		switch (ch) {
		case 'l':
			deal = optarg;
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
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	if (optind != argc)
		usage();
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	f.kind = crm_code(crm, "kind", f.kind);
	if (deal != NULL)
		f.deal_id = cmd_find(crm, crm_deal_find, deal);
	if ((o = crm_out_open(stdout, l.fmt, l.header, crm_doc_cols,
	    CRM_DOC_NCOLS)) == NULL)
		err(1, NULL);
	rc = crm_doc_each(crm, &f, crm_doc_row, o);
	cmd_out_end(crm, o, rc);
	crm_close(crm);
	return 0;
}

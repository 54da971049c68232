/*
 * deal-list: list deals; with -w only the open deals that have no open
 * task, for a deal with no next step is a deal nobody is working.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: deal-list [-aHjptw] [-c client] [-f file] [-s stage] [-u "
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
	struct crm_deal_filter	 f;
	const char		*client = NULL;
	int			 ch, rc;

	memset(&f, 0, sizeof(f));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "ac:f:Hjps:tu:w")) != -1)
		switch (ch) {
		case 'a':
			f.closed = 1;
			break;
		case 'c':
			client = optarg;
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
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	if (optind != argc)
		usage();
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	f.stage = crm_code(crm, "stage", f.stage);
	if (client != NULL)
		f.client_id = cmd_find(crm, crm_client_find, client);
	if ((o = crm_out_open(stdout, l.fmt, l.header, crm_deal_cols,
	    CRM_DEAL_NCOLS)) == NULL)
		err(1, NULL);
	rc = crm_deal_each(crm, &f, crm_deal_row, o);
	cmd_out_end(crm, o, rc);
	crm_close(crm);
	return 0;
}

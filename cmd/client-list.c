/*
 * client-list: list the clients one may see, or find them by any part
 * of the name in any case ("ромашка" finds "ООО «Ромашка»") or by INN.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: client-list [-Hjpt] [-f file] [-u login] [pattern ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct cmd_list	 l = { NULL, CRM_FMT_AUTO, 0 };
	struct crm_out	*o;
	const char	*manager = NULL;
	char		*pattern = NULL;
	int		 ch, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Hjptu:")) != -1)
		switch (ch) {
		case 'u':
			manager = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		if ((pattern = crm_join(argc, argv)) == NULL)
			err(1, NULL);
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	if ((o = crm_out_open(stdout, l.fmt, l.header, crm_client_cols,
	    CRM_CLIENT_NCOLS)) == NULL)
		err(1, NULL);
	rc = crm_client_each(crm, pattern, manager, crm_client_row, o);
	cmd_out_end(crm, o, rc);
	free(pattern);
	crm_close(crm);
	return 0;
}

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
#include "common.h"

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
	struct crm_out	*o;
	enum crm_fmt	 fmt = CRM_FMT_AUTO;
	const char	*file = NULL, *manager = NULL;
	char		*pattern = NULL;
	int		 ch, header = 0, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Hjptu:")) != -1)
		switch (ch) {
		case 'H':
			header = 1;
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
			manager = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 0)
		if ((pattern = crm_join(argc, argv)) == NULL)
			err(1, NULL);
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if ((o = crm_out_open(stdout, fmt, header, crm_client_cols,
	    CRM_CLIENT_NCOLS)) == NULL)
		err(1, NULL);
	rc = crm_client_each(crm, pattern, manager, crm_client_row, o);
	cmd_out_end(crm, o, rc);
	free(pattern);
	crm_close(crm);
	return 0;
}

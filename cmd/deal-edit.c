/*
 * deal-edit: correct one field of a deal (its title, amount, profit or
 * expected close date); the value before stays in the log.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"
#include "editcmd.h"

static const char synopsis[] =
    N_("usage: deal-edit [-f file] [deal ...] field value\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL;
	int		 ch, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2 || (argc == 2 && isatty(STDIN_FILENO)))
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	ids_edit(crm, argc, argv, crm_deal_find, crm_deal_set);
	crm_close(crm);
	return 0;
}

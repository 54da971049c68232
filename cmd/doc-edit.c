/*
 * doc-edit: correct one field of a contract or an invoice (its number,
 * date or amount); the value before stays in the log.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"
#include "editcmd.h"

static const char synopsis[] =
    N_("usage: doc-edit [-f file] [doc ...] field value\n");

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
	ids_edit(crm, argc, argv, NULL, crm_doc_set);
	crm_close(crm);
	return 0;
}

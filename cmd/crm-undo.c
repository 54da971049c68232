/*
 * crm-undo: take back one's last command (a pipe that closed too much, a
 * move to the wrong day), as a new change in the log; the history stays.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: crm-undo [-v] [-f file]\n");

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
	int64_t		 cmd;
	int		 ch, rc, verbose = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:v")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	if (argc != optind)
		usage();
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if ((rc = crm_undo(crm, &cmd)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (verbose)
		fprintf(stderr, _("crm-undo: command %lld undone\n"),
		    (long long)cmd);
	crm_close(crm);
	return 0;
}

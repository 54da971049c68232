/*
 * crm-erase: erase the detail of audit log entries, when the law (152-FZ)
 * asks for a person's data to go.  Each entry keeps its hash, so the
 * chain still verifies, and the erase is itself logged.  An admin's tool.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: crm-erase [-f file] entry ...\n");

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
	int64_t		 id;
	int		 ch, i, rc;

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
	if (argc == 0)
		usage();
	for (i = 0; i < argc; i++)
		if (crm_id_parse(argv[i], &id) != CRM_OK)
			errx(2, _("invalid entry '%s'"), argv[i]);
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	for (i = 0; i < argc; i++) {
		crm_id_parse(argv[i], &id);
		if ((rc = crm_audit_erase(crm, id)) != CRM_OK)
			errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	}
	crm_close(crm);
	return 0;
}

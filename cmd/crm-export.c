/*
 * crm-export: write people, clients, deals, documents or tasks as the
 * CSV crm-import reads back, as the CSV Russian Excel opens, or as JSON
 * Lines; or the whole department with its history (-k department), to
 * move it.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-export [-jx] [-f file] -k kind\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *kind = NULL;
	int		 ch, all, json = 0, xl = 0, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:jk:x")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'j':
			json = 1;
			break;
		case 'k':
			kind = optarg;
			break;
		case 'x':
			xl = 1;
			break;
		default:
			usage();
		}
	if (kind == NULL)
		cmd_usagex(synopsis, _("a kind is required: -k kind"));
	if (optind != argc)
		usage();
	all = strcmp(kind, "department") == 0;
	if (all && (json || xl))
		cmd_usagex(synopsis, _("-k department is a file of its own: "
		    "no -j or -x with it"));
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (all)
		rc = crm_department_export(crm, stdout);
	else
		rc = xl && !json ? crm_export_excel(crm, kind, stdout) :
		    crm_export(crm, kind, stdout, json);
	cmd_check(crm, rc);
	if (fflush(stdout) == EOF || ferror(stdout))
		err(1, _("standard output"));
	crm_close(crm);
	return 0;
}

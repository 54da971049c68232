/*
 * crm-log: show the audit log, the history of records or of a person,
 * so that a review rests on what was recorded and when.  The records
 * are operands or, with "-", piped in (cmd_ids); with none, the whole log
 * the caller may see.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-log [-Hjpt] [-f file] [-k kind] [-u login] [id ...]\n");

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
	const char	*entity = NULL, *login = NULL;
	int64_t		*ids = NULL, all = 0;
	size_t		 i, n = 1;
	int		 ch, rc;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:Hjk:ptu:")) != -1)
		switch (ch) {
		case 'k':
			entity = optarg;
			break;
		case 'u':
			login = optarg;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	argc -= optind;
	argv += optind;
	if (argc > 0 && entity == NULL)
		errx(2, _("an id needs -k kind (task, deal, client, "
		    "doc, person, rule)"));
	crm = cmd_open(l.file, CRM_OPEN_NOCREATE);
	if (argc > 0)
		ids = cmd_ids(crm, argc, argv, &n);
	if ((o = crm_out_open(stdout, l.fmt, l.header, crm_audit_cols,
	    CRM_AUDIT_NCOLS)) == NULL)
		err(1, NULL);
	for (i = 0, rc = CRM_OK; i < n && rc == CRM_OK; i++)
		rc = crm_audit_each(crm, entity, ids != NULL ? ids[i] : all,
		    login, crm_audit_row, o);
	free(ids);
	cmd_out_end(crm, o, rc);
	crm_close(crm);
	return 0;
}

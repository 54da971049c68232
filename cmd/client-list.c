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

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT, NULL },
	{ "name", CRM_COL_FIT, NULL },
	{ "inn", CRM_COL_TEXT, NULL },
	{ "phone", CRM_COL_TEXT, NULL },
	{ "email", CRM_COL_TEXT, NULL },
	{ "manager", CRM_COL_TEXT, NULL },
	{ "note", CRM_COL_FIT, NULL },
	{ "created_at", CRM_COL_DATE, "created" },
};

static const char synopsis[] =
    N_("usage: client-list [-Hjpt] [-f file] [-u login] [pattern ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
row(const struct crm_client *c, void *arg)
{
	char		 id[24];
	const char	*v[8];

	snprintf(id, sizeof(id), "%lld", (long long)c->id);
	v[0] = id;
	v[1] = c->name;
	v[2] = c->inn;
	v[3] = c->phone;
	v[4] = c->email;
	v[5] = c->manager;
	v[6] = c->note;
	v[7] = c->created_at;
	return crm_out_row(arg, v);
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
	if ((o = crm_out_open(stdout, fmt, header, cols, 8)) == NULL)
		err(1, NULL);
	rc = crm_client_each(crm, pattern, manager, row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	free(pattern);
	crm_close(crm);
	return 0;
}

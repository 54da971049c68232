/*
 * crm-user: add, list, change and deactivate the people of the sales
 * department.  The first person of a new database is its admin or head.
 */
#include <err.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-user add [-e email] [-f file] -g role [-h head] login "
    "name ...\n"
    "       crm-user list [-aHjpt] [-f file]\n"
    "       crm-user set [-f file] login field value\n"
    "       crm-user deactivate [-f file] login ...\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* The options of a command. */
struct opts {
	struct cmd_list	 l;		/* -f -H -j -p -t */
	const char	*email;
	const char	*head;
	int		 role;
	int		 all;
};

/* The commands: their options, how many operands; how they open. */
static const struct cmd_verb verbs[] = {
	{ "add", "e:f:g:h:", 2, INT_MAX },
	{ "list", "aHf:jpt", 0, 0 },
	{ "set", "f:", 3, 3 },
	{ "deactivate", "f:", 1, INT_MAX },
};
static const int flags[] = { CRM_OPEN_NOUSER, CRM_OPEN_NOCREATE, 0, 0 };

static void
getopts(const struct cmd_verb *v, struct opts *op, int argc, char *argv[])
{
	int	 ch;

	while ((ch = getopt(argc, argv, v->opts)) != -1)
		switch (ch) {
		case 'a':
			op->all = 1;
			break;
		case 'e':
			op->email = optarg;
			break;
		case 'h':
			op->head = optarg;
			break;
		case 'g':
			if ((op->role = crm_role_parse(optarg)) < 0)
				errx(2, _("invalid role '%s': manager, head, "
				    "director or admin"), optarg);
			break;
		default:
			if (!cmd_list_opt(&op->l, ch))
				usage();
		}
	cmd_operands(v, argc - optind, synopsis);
	if (v->name[0] == 'a' && op->role < 0)
		cmd_usagex(synopsis, _("a role is required: -g role"));
}

static int
list(struct crm *crm, const struct opts *op)
{
	struct crm_out	*o;
	int		 rc;

	o = crm_out_open(stdout, op->l.fmt, op->l.header, crm_person_cols,
	    CRM_PERSON_NCOLS);
	if (o == NULL)
		err(1, NULL);
	rc = crm_person_each(crm, op->all, crm_person_row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	return rc;
}

static int
add(struct crm *crm, const struct opts *op, int argc, char *argv[])
{
	char	*name;
	int	 rc;

	if ((name = crm_join(argc - 1, argv + 1)) == NULL)
		err(1, NULL);
	rc = crm_person_add(crm, argv[0], name, op->role, op->head,
	    op->email, NULL);
	free(name);
	return rc;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct opts		 op = { { NULL, CRM_FMT_AUTO, 0 }, NULL,
	    NULL, -1, 0 };
	const struct cmd_verb	*v;
	int			 i, rc = CRM_OK;

	cmd_start(argc, argv, synopsis);
	v = cmd_verb(verbs, sizeof(verbs) / sizeof(verbs[0]), -1, &argc,
	    &argv, synopsis);
	getopts(v, &op, argc, argv);
	argc -= optind;
	argv += optind;
	crm = cmd_open(op.l.file, flags[v - verbs]);
	if (strcmp(v->name, "list") == 0)
		rc = list(crm, &op);
	else if (strcmp(v->name, "add") == 0)
		rc = add(crm, &op, argc, argv);
	else if (strcmp(v->name, "set") == 0)
		rc = crm_person_set(crm, argv[0], argv[1], argv[2]);
	else
		for (i = 0; i < argc && rc == CRM_OK; i++)
			rc = crm_person_set(crm, argv[i], "active", "0");
	cmd_check(crm, rc);
	crm_close(crm);
	return 0;
}

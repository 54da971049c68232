/*
 * crm-user: add, list, change and deactivate the people of the sales
 * department.  The first person of a new database is its admin or head.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT, NULL },
	{ "login", CRM_COL_TEXT, NULL },
	{ "name", CRM_COL_TEXT, NULL },
	{ "role", CRM_COL_TEXT, NULL },
	{ "head", CRM_COL_TEXT, NULL },
	{ "email", CRM_COL_TEXT, NULL },
	{ "active", CRM_COL_INT, NULL },
	{ "created", CRM_COL_DATE, NULL },
};

static void
usage(void)
{
	fprintf(stderr, "usage: crm-user add [-f file] [-e email] "
	    "[-h head] -r role login name ...\n"
	    "       crm-user list [-aHjpt] [-f file]\n"
	    "       crm-user set [-f file] login field value\n"
	    "       crm-user deactivate [-f file] login ...\n");
	exit(2);
}

static int
row(const struct crm_person *p, void *arg)
{
	char		 id[24], act[4];
	const char	*v[8];

	snprintf(id, sizeof(id), "%lld", (long long)p->id);
	snprintf(act, sizeof(act), "%d", p->active);
	v[0] = id;
	v[1] = p->login;
	v[2] = p->name;
	v[3] = crm_role_name(p->role);
	v[4] = p->head_login;
	v[5] = p->email;
	v[6] = act;
	v[7] = p->created_at;
	return crm_out_row(arg, v);
}

static int
cmd_list(struct crm *crm, int argc, char *argv[])
{
	struct crm_out	*o;
	enum crm_fmt	 fmt = CRM_FMT_AUTO;
	int		 ch, all = 0, header = 0, rc;

	while ((ch = getopt(argc, argv, "aHjptf:")) != -1)
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'H':
			header = 1;
			break;
		case 'f':
			break;
		case 'j':
		case 'p':
		case 't':
			fmt = crm_fmt_opt(ch);
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	if ((o = crm_out_open(stdout, fmt, header, cols, 8)) == NULL)
		err(1, NULL);
	rc = crm_person_each(crm, all, row, o);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, "cannot write the list: %s", "write error");
	return rc;
}

static int
cmd_add(struct crm *crm, int argc, char *argv[])
{
	const char	*email = NULL, *head = NULL;
	char		*name;
	int		 ch, role = -1, rc;

	while ((ch = getopt(argc, argv, "e:f:h:r:")) != -1)
		switch (ch) {
		case 'e':
			email = optarg;
			break;
		case 'f':
			break;
		case 'h':
			head = optarg;
			break;
		case 'r':
			if ((role = crm_role_parse(optarg)) < 0)
				errx(2, "invalid role '%s': manager, head, "
				    "director or admin", optarg);
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2 || role < 0)
		usage();
	if ((name = crm_join(argc - 1, argv + 1)) == NULL)
		err(1, NULL);
	rc = crm_person_add(crm, argv[0], name, role, head, email, NULL);
	free(name);
	return rc;
}

static int
cmd_set(struct crm *crm, int argc, char *argv[])
{
	int	 ch, i, rc = CRM_OK;

	while ((ch = getopt(argc, argv, "f:")) != -1)
		if (ch != 'f')
			usage();
	argc -= optind;
	argv += optind;
	if (strcmp(argv[-optind], "deactivate") == 0) {
		if (argc < 1)
			usage();
		for (i = 0; i < argc && rc == CRM_OK; i++)
			rc = crm_person_set(crm, argv[i], "active", "0");
		return rc;
	}
	if (argc != 3)
		usage();
	return crm_person_set(crm, argv[0], argv[1], argv[2]);
}

/* -f may come anywhere among a command's options. */
static const char *
find_file(int argc, char *argv[])
{
	int	 i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "-f") == 0 && i + 1 < argc)
			return argv[i + 1];
		if (strncmp(argv[i], "-f", 2) == 0 && argv[i][2] != '\0')
			return argv[i] + 2;
	}
	return NULL;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*verb;
	int		 rc, flags = 0;

	if (argc < 2)
		usage();
	verb = argv[1];
	argc--;
	argv++;
	if (strcmp(verb, "list") == 0)
		flags = CRM_OPEN_RDONLY;
	else if (strcmp(verb, "add") == 0)
		flags = CRM_OPEN_NOUSER;
	else if (strcmp(verb, "add") != 0 && strcmp(verb, "set") != 0 &&
	    strcmp(verb, "deactivate") != 0)
		usage();
	rc = crm_open(&crm, find_file(argc, argv), flags);
	if (rc == CRM_OK) {
		if (strcmp(verb, "list") == 0)
			rc = cmd_list(crm, argc, argv);
		else if (strcmp(verb, "add") == 0)
			rc = cmd_add(crm, argc, argv);
		else
			rc = cmd_set(crm, argc, argv);
	}
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

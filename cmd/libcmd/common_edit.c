/*
 * common_edit.c: the options of the tools whose one option is -f file
 * (crm-backup, crm-erase, client-merge and the edit tools), parsed once;
 * and the whole main() of client-edit, deal-edit and doc-edit: the
 * records they correct, named or piped in, one field at a time.  Linked
 * from libcmd.a.
 */
#include <err.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

/*
 * --help, --version and -f file: the file named, or NULL; *argcp and
 * *argvp are left at the operands.  An unknown option exits 2 with the
 * usage.
 */
const char *
cmd_file_opt(int *argcp, char ***argvp, const char *synopsis)
{
	char		**argv = *argvp;
	const char	 *file = NULL;
	int		  argc = *argcp, ch;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		default:
			cmd_usage(synopsis);
		}
	*argcp = argc - optind;
	*argvp = argv + optind;
	return file;
}

/* A correction: set field to value on each record. */
struct edit {
	int		(*set)(struct crm *, int64_t, const char *,
			    const char *);
	const char	*field, *value;
};

static int
edit_one(struct crm *crm, int64_t id, void *arg)
{
	const struct edit	*e = arg;

	return e->set(crm, id, e->field, e->value);
}

/*
 * The main() of an edit tool: "[-f file] [record ...] field value", the
 * database opened with flags, the records found by find (the one lookup:
 * an id, or a name; NULL: ids only), or piped in when there are none,
 * and corrected by set, all in one transaction, or none.  Returns 0, or
 * exits on failure.
 */
int
cmd_edit_main(int argc, char *argv[], const char *synopsis, int flags,
    int (*find)(struct crm *, const char *, int64_t *),
    int (*set)(struct crm *, int64_t, const char *, const char *))
{
	struct crm	*crm;
	struct edit	 e;
	const char	*file;
	int64_t		*ids, one;
	size_t		 n;

	file = cmd_file_opt(&argc, &argv, synopsis);
	if (argc < 2 || (argc == 2 && isatty(STDIN_FILENO)))
		cmd_usage(synopsis);
	crm = cmd_open(file, flags);
	/* No field is an id: "deal-edit 5 amount" lacks the value. */
	if (argc == 2 && crm_id_parse(argv[0], &one) == CRM_OK)
		errx(2, _("a field and a value are needed: %s field value"),
		    argv[0]);
	e.set = set;
	e.field = argv[argc - 2];
	e.value = argv[argc - 1];
	ids = cmd_ids_named(crm, argc - 2, argv, find, &n);
	cmd_each(crm, ids, n, edit_one, &e);
	crm_close(crm);
	return 0;
}

/*
 * editcmd.h: what client-edit, deal-edit and doc-edit share, their whole
 * main(): the records they correct, named or piped in (ids.h), one field
 * at a time.
 */
#include "filecmd.h"
#include "ids.h"

/* A correction: set field to value on each record. */
struct ids_edit {
	int		(*set)(struct crm *, int64_t, const char *,
			    const char *);
	const char	*field, *value;
};

static int
ids_edit_one(struct crm *crm, int64_t id, void *arg)
{
	const struct ids_edit	*e = arg;

	return e->set(crm, id, e->field, e->value);
}

/*
 * The edit tools: "[record ...] field value", the records found by find
 * (the one lookup: an id, or a name; NULL: ids only), or piped in when
 * there are none;
 * all corrected in one transaction, or none.  Exits on failure.
 */
static void
ids_edit(struct crm *crm, int argc, char *argv[],
    int (*find)(struct crm *, const char *, int64_t *),
    int (*set)(struct crm *, int64_t, const char *, const char *))
{
	struct ids_edit	 e = { set, argv[argc - 2], argv[argc - 1] };
	int64_t		*ids, one;
	size_t		 n;
	int		 rc;

	/* No field is an id: "deal-edit 5 amount" lacks the value. */
	if (argc == 2 && crm_id_parse(argv[0], &one) == CRM_OK)
		errx(2, _("a field and a value are needed: %s field value"),
		    argv[0]);
	ids = ids_named(crm, argc - 2, argv, find, &n);
	if ((rc = crm_ids_each(crm, ids, n, ids_edit_one, &e)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	free(ids);
}

/*
 * The main() of an edit tool: "[-f file] [record ...] field value", the
 * database opened with flags, the records found by find and corrected
 * by set.
 */
static int
edit_main(int argc, char *argv[], const char *synopsis, int flags,
    int (*find)(struct crm *, const char *, int64_t *),
    int (*set)(struct crm *, int64_t, const char *, const char *))
{
	struct crm	*crm;
	const char	*file;
	int		 rc;

	file = file_opt(&argc, &argv, synopsis);
	if (argc < 2 || (argc == 2 && isatty(STDIN_FILENO)))
		cmd_usage(synopsis);
	if ((rc = crm_open(&crm, file, flags)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	ids_edit(crm, argc, argv, find, set);
	crm_close(crm);
	return 0;
}

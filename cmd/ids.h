/*
 * ids.h: how every tool that acts on records by id takes them: the
 * operands, or with none (or "-") the ids piped in (crm_ids_args); then a
 * record already in the state the action would give it is skipped with
 * a line on standard error, as mkdir -p skips what exists.  An id typed
 * as an operand for such a record stays an error.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

/* The ids, or exit: 2 for an operand that is no id, else the status. */
static int64_t *
ids_get(struct crm *crm, int argc, char *argv[], size_t *n)
{
	int64_t	*ids;
	int	 rc;

	crm_notice_set(crm, cmd_warn, NULL);
	if ((rc = crm_ids_args(crm, argc, argv, &ids, n)) != CRM_OK)
		errx(argc > 0 && rc == CRM_EINVAL ? 2 : crm_exit_status(rc),
		    "%s", crm_errmsg(crm));
	return ids;
}

/*
 * The records named by the operands, found by find (the one lookup of a
 * client or a deal: an id, or a name), or piped in when there are none.
 * Inline: not every tool names its records.
 */
static inline int64_t *
ids_named(struct crm *crm, int argc, char *argv[],
    int (*find)(struct crm *, const char *, int64_t *), size_t *n)
{
	int64_t	*ids;
	int	 i;

	if (argc == 0 || find == NULL ||
	    (argc == 1 && strcmp(argv[0], "-") == 0))
		return ids_get(crm, argc, argv, n);
	if ((ids = reallocarray(NULL, argc, sizeof(*ids))) == NULL)
		err(1, NULL);
	for (i = 0; i < argc; i++)
		if (find(crm, argv[i], &ids[i]) != CRM_OK)
			errx(1, "%s", crm_errmsg(crm));
	*n = argc;
	return ids;
}

/*
 * A document as an operand: its id, or its number (crm_doc_find).  What
 * holds no letter (' 1', '+1', '1e3', a full-width digit) is a mistyped
 * id, refused as one (exit 2), not a number looked up.  Inline: not
 * every tool names documents.
 */
static inline int
doc_find(struct crm *crm, const char *s, int64_t *id)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p == 0xd0 || *p == 0xd1 || *p == '/' || (*p != 'e' &&
		    *p != 'E' && ((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z'))))
			return crm_doc_find(crm, s, id);
	if (crm_id_parse(s, id) != CRM_OK)
		errx(2, _("invalid id '%s'"), s);
	return CRM_OK;
}

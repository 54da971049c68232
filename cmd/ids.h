/*
 * ids.h: how every tool that acts on records by id takes them: the
 * operands, or with none the ids piped in (crm_ids_args), and then a
 * record already in the state the action would give it is skipped with
 * a line on standard error, as mkdir -p skips what exists.  An id typed
 * as an operand for such a record stays an error.
 */
#include <err.h>
#include <stdlib.h>

static void
ids_skipped(const char *msg, void *arg)
{
	(void)arg;
	warnx("%s", msg);
}

/* The ids, or exit: 2 for an operand that is no id, else the status. */
static int64_t *
ids_get(struct crm *crm, int argc, char *argv[], size_t *n)
{
	int64_t	*ids;
	int	 rc;

	if ((rc = crm_ids_args(crm, argc, argv, &ids, n)) != CRM_OK)
		errx(argc > 0 && rc == CRM_EINVAL ? 2 : crm_exit_status(rc),
		    "%s", crm_errmsg(crm));
	if (argc == 0)
		crm_skip_set(crm, ids_skipped, NULL);
	return ids;
}

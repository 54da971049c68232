/*
 * common_ids.c: how every tool that acts on records by id takes them:
 * the operands, or with none (or "-") the ids piped in (crm_ids_args);
 * then a record already in the state the action would give it is
 * skipped with a line on standard error, as mkdir -p skips what exists.
 * An id typed as an operand for such a record stays an error.  The tools
 * that close, cancel, reopen or edit tasks ask before they change more
 * than one, so that a pipe that took in too much can still be stopped.
 * Linked from libcmd.a.
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

/*
 * The ids of the operands, or piped in; *n of them, malloc'd.  Or exit:
 * 2 for an operand that is no id, else the library's status.
 */
int64_t *
cmd_ids(struct crm *crm, int argc, char *argv[], size_t *n)
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
 * client, a deal or a document: an id, or a name; NULL: ids only), or
 * piped in when there are none; *n of them, malloc'd.  Or exit.
 */
int64_t *
cmd_ids_named(struct crm *crm, int argc, char *argv[],
    int (*find)(struct crm *, const char *, int64_t *), size_t *n)
{
	int64_t	*ids;
	int	 i;

	if (argc == 0 || find == NULL ||
	    (argc == 1 && strcmp(argv[0], "-") == 0))
		return cmd_ids(crm, argc, argv, n);
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
 * id, refused as one (exit 2), not a number looked up.
 */
int
cmd_doc_find(struct crm *crm, const char *s, int64_t *id)
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

/*
 * fn(crm, id, arg) for each of the n ids, all in one transaction
 * (crm_ids_each), then ids freed; or exit with the library's message
 * and status, nothing changed.
 */
void
cmd_each(struct crm *crm, int64_t *ids, size_t n,
    int (*fn)(struct crm *, int64_t, void *), void *arg)
{
	cmd_check(crm, crm_ids_each(crm, ids, n, fn, arg));
	free(ids);
}

/* cmd_each over the ids of the operands, or piped in (cmd_ids). */
void
cmd_ids_each(struct crm *crm, int argc, char *argv[],
    int (*fn)(struct crm *, int64_t, void *), void *arg)
{
	int64_t	*ids;
	size_t	 n;

	ids = cmd_ids(crm, argc, argv, &n);
	cmd_each(crm, ids, n, fn, arg);
}

/*
 * login added to the logins l, a copy; or exit with status when memory
 * ran out.
 */
void
cmd_logins_add(struct cmd_logins *l, const char *login, int status)
{
	char	**p;

	if ((p = reallocarray(l->login, l->n + 1, sizeof(*p))) == NULL)
		err(status, NULL);
	l->login = p;
	if ((p[l->n] = strdup(login)) == NULL)
		err(status, NULL);
	l->n++;
}

/* Free what l holds, and leave it empty. */
void
cmd_logins_clear(struct cmd_logins *l)
{
	size_t	 i;

	for (i = 0; i < l->n; i++)
		free(l->login[i]);
	free(l->login);
	l->login = NULL;
	l->n = 0;
}

static int
confirm_row(const struct crm_task *t, void *arg)
{
	return crm_task_row(arg, t) != CRM_OK;
}

/*
 * Whether to go on with the n tasks ids.  Yes for one task, with -y
 * (yes), and when nobody is there to ask: standard error is not a
 * terminal or /dev/tty does not open (cron, scripts).  Otherwise the
 * tasks are listed on the terminal, then the question, and the answer
 * is read from it; end of input is no.
 */
static int
confirm(struct crm *crm, const char *question, const int64_t *ids,
    size_t n, int yes)
{
	struct crm_out	*o;
	FILE		*tty;
	char		 line[64];
	int		 ok = 0, rc;

	if (yes || n < 2 || !isatty(STDERR_FILENO) ||
	    (tty = fopen("/dev/tty", "r+")) == NULL)
		return 1;
	if ((o = crm_out_open(tty, CRM_FMT_TABLE, 0, crm_task_view,
	    CRM_TASK_NLIST)) != NULL) {
		rc = crm_task_get(crm, ids, n, confirm_row, o);
		if (crm_out_close(o) == CRM_OK && rc == CRM_OK &&
		    fputs(question, tty) != EOF && fflush(tty) != EOF)
			ok = fgets(line, sizeof(line), tty) != NULL &&
			    cmd_yes(line);
	}
	fclose(tty);
	return ok;
}

/*
 * Before the n tasks ids change: the question made of fmt and its
 * arguments (a count of tasks, through ngettext), asked as confirm says;
 * no is exit 1, nothing changed.
 */
void
cmd_ask(struct crm *crm, const int64_t *ids, size_t n, int yes,
    const char *fmt, ...)
{
	va_list	 ap;
	char	 q[128];

	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	if (!confirm(crm, q, ids, n, yes))
		errx(1, _("nothing changed"));
}

/* y, yes, д, да (any case of the Latin ones): everything else is no. */
int
cmd_yes(char *s)
{
	s[strcspn(s, " \t\r\n")] = '\0';
	return strcasecmp(s, "y") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcmp(s, "д") == 0 || strcmp(s, "да") == 0 ||
	    strcmp(s, "Д") == 0 || strcmp(s, "Да") == 0;
}

/*
 * title.c: the names people read for the department's kinds of task and
 * deal stages.  They are the department's data, not messages: a title
 * an admin sets (crm-rules title) is shown in the aligned view and the
 * digest, else the catalogue's default for the built-in codes, else the
 * code.  TSV and JSON keep the code.
 *
 * The same words work as input (crm_code): a person types what they
 * read, and the tool gets the code.  So no title may be another code's
 * word, or one word would name two codes.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define TITLE_MAX	64	/* bytes */
#define NTITLE		128	/* titles kept for the views */

/*
 * The titles of the database opened last, for crmi_word(): the views
 * that show a code (out.c) have no handle.  A tool opens one database.
 */
static struct {
	char	*ctx;
	char	*code;
	char	*title;
} titles[NTITLE];
static size_t	 ntitles;

static const char SQL_LOAD[] = "SELECT what, code, title FROM title";

static void
titles_free(void)
{
	size_t	 i;

	for (i = 0; i < ntitles; i++) {
		free(titles[i].ctx);
		free(titles[i].code);
		free(titles[i].title);
	}
	ntitles = 0;
}

/* Read the department's titles; CRM_OK, or a status with the message. */
int
crmi_titles_load(struct crm *crm)
{
	struct crmi_stmt	*st;
	int			 rc;

	titles_free();
	if ((st = crmi_stmt(crm, SQL_LOAD)) == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW && ntitles < NTITLE) {
		titles[ntitles].ctx = strdup(crmi_col_text(st, 0));
		titles[ntitles].code = strdup(crmi_col_text(st, 1));
		titles[ntitles].title = strdup(crmi_col_text(st, 2));
		if (titles[ntitles].ctx == NULL ||
		    titles[ntitles].code == NULL ||
		    titles[ntitles].title == NULL) {
			ntitles++;
			crmi_reset(st);
			titles_free();
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		}
		ntitles++;
	}
	crmi_reset(st);
	return rc == CRMI_ROW || rc == CRMI_DONE ? CRM_OK :
	    crmi_dberr(crm, rc);
}

/* The department's title of code in ctx ("kind", "stage"), or NULL. */
const char *
crmi_title(const char *ctx, const char *code)
{
	size_t	 i;

	for (i = 0; i < ntitles; i++)
		if (strcmp(titles[i].ctx, ctx) == 0 &&
		    strcmp(titles[i].code, code) == 0)
			return titles[i].title;
	return NULL;
}

/* Whether code is a kind of task or a stage the department has. */
static int
known(struct crm *crm, const char *what, const char *code)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, strcmp(what, "kind") == 0 ?
	    "SELECT 1 FROM task_kind WHERE name = ?1" :
	    "SELECT 1 FROM stage WHERE name = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, code);
	rc = crmi_step(st);
	crmi_reset(st);
	if (rc != CRMI_ROW && rc != CRMI_DONE)
		return crmi_dberr(crm, rc);
	if (rc == CRMI_ROW)
		return CRM_OK;
	if (strcmp(what, "kind") == 0)
		return crmi_err(crm, CRM_ENOENT, "unknown task kind '%s'",
		    code);
	return crmi_err(crm, CRM_ENOENT, "no such stage '%s'", code);
}

/* The states of a task a filter takes, and the kinds of a document. */
static const char *const states[] = {
	"open", "upcoming", "overdue", "done", "cancelled", NULL
};
static const char *const doc_kinds[] = { "contract", "invoice", NULL };

/*
 * Call fn on each code of ctx, "state", "kind" (of a task, and of a
 * document) or "stage", until it returns non-zero: that, or 0, or -1
 * on a database error (message set).
 */
static int
each_code(struct crm *crm, const char *ctx,
    int (*fn)(const char *, void *), void *arg)
{
	struct crmi_stmt	*st = NULL;
	const char *const	*s = NULL;
	int			 rc, stop = 0;

	if (strcmp(ctx, "state") == 0)
		s = states;
	else if (strcmp(ctx, "kind") == 0) {
		s = doc_kinds;
		st = crmi_stmt(crm, "SELECT name FROM task_kind ORDER BY pos");
	} else if (strcmp(ctx, "stage") == 0)
		st = crmi_stmt(crm, "SELECT name FROM stage ORDER BY pos");
	else
		return 0;
	for (; s != NULL && *s != NULL && stop == 0; s++)
		stop = fn(*s, arg);
	if (st == NULL)
		return stop != 0 || strcmp(ctx, "state") == 0 ? stop : -1;
	while (stop == 0 && (rc = crmi_step(st)) == CRMI_ROW)
		stop = fn(crmi_col_text(st, 0), arg);
	if (stop == 0 && rc != CRMI_DONE) {
		(void)crmi_dberr(crm, rc);
		stop = -1;
	}
	crmi_reset(st);
	return stop;
}

/* Whether a and b fold to the same text (crmi_fold: case, ё as е). */
static int
same_word(const char *a, const char *b)
{
	char	*fa, *fb;
	int	 eq;

	if (a == NULL || b == NULL)
		return 0;
	fa = crmi_fold(a);
	fb = crmi_fold(b);
	eq = fa != NULL && fb != NULL && strcmp(fa, fb) == 0;
	free(fa);
	free(fb);
	return eq;
}

/* A word looked for among the codes of ctx, and the code found. */
struct lookfor {
	const char	*ctx;
	const char	*word;
	const char	*skip;		/* a code not to match, or NULL */
	char		 code[TITLE_MAX + 1];
};

static int
match(const char *code, void *arg)
{
	struct lookfor	*l = arg;

	if (l->skip != NULL && strcmp(code, l->skip) == 0)
		return 0;
	if (!same_word(l->word, code) &&
	    !same_word(l->word, crmi_word(l->ctx, code)))
		return 0;
	strlcpy(l->code, code, sizeof(l->code));
	return 1;
}

const char *
crm_code(struct crm *crm, const char *ctx, const char *word)
{
	static char	 ring[4][TITLE_MAX + 1];
	static int	 next;
	struct lookfor	 l;

	if (word == NULL || *word == '\0')
		return word;
	memset(&l, 0, sizeof(l));
	l.ctx = ctx;
	l.word = word;
	if (each_code(crm, ctx, match, &l) != 1)
		return word;
	next = (next + 1) % 4;
	strlcpy(ring[next], l.code, sizeof(ring[next]));
	return ring[next];
}

/* A title that another code of what goes by already: refused. */
static int
collides(struct crm *crm, const char *what, const char *code,
    const char *title)
{
	struct lookfor	 l;
	int		 rc;

	memset(&l, 0, sizeof(l));
	l.ctx = what;
	l.word = title;
	l.skip = code;
	if ((rc = each_code(crm, what, match, &l)) == -1)
		return CRM_EDB;
	if (rc == 0)
		return CRM_OK;
	return crmi_err(crm, CRM_EINVAL, "title '%s' is the word of '%s' "
	    "already", title, l.code);
}

int
crm_title_set(struct crm *crm, const char *what, const char *code,
    const char *title)
{
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	struct crmi_stmt	*st;
	const char		*entity;
	int			 rc;

	if (strcmp(what, "kind") == 0)
		entity = "task_kind";
	else if (strcmp(what, "stage") == 0)
		entity = "stage";
	else
		return crmi_err(crm, CRM_EINVAL, "unknown kind of title "
		    "'%s': kind or stage", what);
	if (crm->actor.role != CRM_ROLE_ADMIN)
		return crmi_err(crm, CRM_EPERM, "only an admin names the "
		    "kinds and the stages");
	if (title != NULL && (*title == '\0' || strlen(title) > TITLE_MAX ||
	    !crm_text_valid(title, 0) || strpbrk(title, "\t") != NULL))
		return crmi_err(crm, CRM_EINVAL, "invalid title '%s': 1 to "
		    "%d bytes of text", title, TITLE_MAX);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = known(crm, what, code)) != CRM_OK ||
	    (title != NULL && (rc = collides(crm, what, code, title)) !=
	    CRM_OK))
		return crmi_end(crm, rc);
	st = crmi_stmt(crm, title != NULL ?
	    "INSERT INTO title (what, code, title) VALUES (?1, ?2, ?3)"
	    " ON CONFLICT (what, code) DO UPDATE SET title = excluded.title" :
	    "DELETE FROM title WHERE what = ?1 AND code = ?2");
	if (st == NULL)
		return crmi_end(crm, CRM_EDB);
	crmi_bind_str(st, 1, what);
	crmi_bind_str(st, 2, code);
	if (title != NULL)
		crmi_bind_str(st, 3, title);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return crmi_end(crm, rc);
	crmi_json_open(&b);
	crmi_json_str(&b, "name", code);
	crmi_json_str(&b, "title", title);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, entity, 0, 0, "title", b.s);
	crmi_buf_clear(&b);
	if ((rc = crmi_end(crm, rc)) == CRM_OK)
		rc = crmi_titles_load(crm);
	return rc;
}

/*
 * title.c: the names people read for the department's kinds of task and
 * deal stages.  They are the department's data, not messages: a title
 * an admin sets (crm-rules title) is shown in the aligned view and the
 * digest, else the catalogue's default for the built-in codes, else the
 * code.  TSV and JSON keep the code.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

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
	if ((rc = known(crm, what, code)) != CRM_OK)
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
	crmi_buf_free(&b);
	if ((rc = crmi_end(crm, rc)) == CRM_OK)
		rc = crmi_titles_load(crm);
	return rc;
}

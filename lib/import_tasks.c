/*
 * import_tasks.c: the tasks of crm_import(), with their history: state,
 * closing time, first due date, author.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"
#include "task_int.h"

static int
task_kind(struct crmi_imp *im)
{
	int	 found;

	found = crmi_exists(im->crm, "SELECT 1 FROM task_kind WHERE name = ?1",
	    crmi_imp_val(im, T_KIND));
	if (found == -1)
		return CRM_EDB;
	return found ? CRM_OK : crmi_imp_bad(im, T_KIND, "no such task kind");
}

/*
 * The state as stored: crm-export writes "overdue", as the views do, for
 * a task open and due before today; it is open.
 */
static const char *
state(const struct crmi_imp *im)
{
	const char	*s = crmi_imp_val(im, T_STATE);

	return s != NULL && strcmp(s, "overdue") == 0 ? "open" : s;
}

/* The state of a task and when it was closed. */
static int
task_state(struct crmi_imp *im, const char *created, char closed[20])
{
	const char	*s = state(im);
	int		 rc, open;

	closed[0] = '\0';
	if (s != NULL && strcmp(s, "open") != 0 && strcmp(s, "done") != 0 &&
	    strcmp(s, "cancelled") != 0)
		return crmi_imp_bad(im, T_STATE, "invalid state (open, done or "
		    "cancelled)");
	open = s == NULL || strcmp(s, "open") == 0;
	if (crmi_imp_val(im, T_CLOSED) == NULL)
		return open ? CRM_OK : crmi_imp_bad(im, T_CLOSED,
		    "a closed task needs its closing time, not");
	if (open)
		return crmi_imp_bad(im, T_CLOSED,
		    "an open task has no closing time, not");
	if ((rc = crmi_imp_stamp(im, T_CLOSED, closed)) != CRM_OK)
		return rc;
	return strcmp(closed, created) < 0 ? crmi_imp_bad(im, T_CLOSED,
	    "closed before it was created:") : CRM_OK;
}

/* The keys of the fields crm-import stores as given. */
#define TEXT_KEY_TEXT(key)	key,
#define TEXT_KEY_NO(key)
#define TEXT_KEY_(type, m, sql, imp, col, x, v) \
	TEXT_KEY_##imp(CRMI_TASK_KEY(col))
static const char *const text_keys[] = {
	CRM_TASK_FIELDS(TEXT_KEY_, CRM_TASK_SKIP_)
};

#define NTEXT	(sizeof(text_keys) / sizeof(text_keys[0]))

/* The import's column of key. */
static int
col_of(const struct crmi_imp *im, const char *key)
{
	size_t	 c;

	for (c = 0; c < im->ncols; c++)
		if (strcmp(im->cols[c].name, key) == 0)
			return (int)c;
	return -1;
}

/* Check the fields stored as given. */
static int
text_check(struct crmi_imp *im)
{
	size_t	 i;
	int	 rc;

	for (i = 0; i < NTEXT; i++)
		if ((rc = crmi_imp_text(im, col_of(im, text_keys[i]))) !=
		    CRM_OK)
			return rc;
	return CRM_OK;
}

/* Bind the fields stored as given, from parameter n on. */
static void
text_bind(struct crmi_imp *im, struct crmi_stmt *st, int n)
{
	size_t	 i;

	for (i = 0; i < NTEXT; i++)
		crmi_bind_text(st, n + (int)i,
		    crmi_imp_val(im, col_of(im, text_keys[i])));
}

static int
task_fields(struct crmi_imp *im, char created[20], char closed[20])
{
	static const int	 dates[] = { T_DUE, T_FIRST };
	size_t			 i;
	int			 rc, m;

	if ((rc = task_kind(im)) != CRM_OK ||
	    (rc = crmi_imp_text(im, T_TITLE)) != CRM_OK ||
	    (rc = crmi_imp_text(im, T_NOTE)) != CRM_OK ||
	    (rc = text_check(im)) != CRM_OK)
		return rc;
	for (i = 0; i < 2; i++)
		if (crmi_check_date(im->crm, im->as[dates[i]],
		    crmi_imp_val(im, dates[i]), 0) != CRM_OK)
			return crmi_imp_fail(im, dates[i], CRM_EINVAL);
	if (crmi_imp_val(im, T_TIME) != NULL &&
	    crm_time_parse(crmi_imp_val(im, T_TIME), &m) != CRM_OK)
		return crmi_imp_bad(im, T_TIME, "invalid due time");
	if ((rc = crmi_imp_stamp(im, T_CREATED, created)) != CRM_OK)
		return rc;
	return task_state(im, created, closed);
}

/*
 * Other systems write a due time with seconds and a due date with a time,
 * as the other date-times may be: keep the day of a date, take its time
 * as the due time when there is none, and keep minutes only, as task-add
 * does.  tm gets the due time to store, or "".
 */
static int
task_when(struct crmi_imp *im, char tm[6])
{
	static const int	 dates[] = { T_DUE, T_FIRST };
	char			*v, s[20];
	size_t			 i;
	int			 rc;

	tm[0] = '\0';
	if ((v = (char *)crmi_imp_val(im, T_TIME)) != NULL &&
	    strlen(v) == 8 && v[5] == ':') {
		if (v[6] < '0' || v[6] > '5' || v[7] < '0' || v[7] > '9')
			return crmi_imp_bad(im, T_TIME, "invalid due time");
		v[5] = '\0';
	}
	for (i = 0; i < 2; i++) {
		if ((v = (char *)crmi_imp_val(im, dates[i])) == NULL ||
		    strlen(v) <= 10)
			continue;
		if ((rc = crmi_imp_stamp(im, dates[i], s)) != CRM_OK)
			return rc;
		if (dates[i] == T_DUE && strcmp(s + 11, "00:00:00") != 0)
			strlcpy(tm, s + 11, 6);
		v[10] = '\0';
	}
	if ((v = (char *)crmi_imp_val(im, T_TIME)) != NULL)
		strlcpy(tm, v, 6);
	return CRM_OK;
}

/* The client and deal of a task; a deal brings its client. */
static int
task_links(struct crmi_imp *im, int64_t *cl, int64_t *dl)
{
	int64_t	 dcl;
	int	 rc, client = crmi_imp_ref(im, T_CLIENT_ID, T_CLIENT);

	*cl = *dl = 0;
	if (crmi_imp_val(im, client) != NULL &&
	    (rc = crmi_imp_client(im, client, cl)) != CRM_OK)
		return rc;
	if (crmi_imp_val(im, T_DEAL) == NULL)
		return CRM_OK;
	if ((rc = crmi_imp_deal(im, T_DEAL, dl)) != CRM_OK)
		return rc;
	if ((rc = crmi_task_deal_client(im->crm, *dl, &dcl)) != CRM_OK)
		return crmi_imp_fail(im, T_DEAL, rc);
	if (*cl != 0 && *cl != dcl)
		return crmi_imp_bad(im, T_DEAL,
		    "the deal is not with the task's client:");
	*cl = dcl;
	return CRM_OK;
}

/*
 * What only an admin imports besides the times of record: a task done
 * or cancelled, someone else's authorship, a first due date other than
 * the due date (a task moved before).
 */
static int
task_history(struct crmi_imp *im)
{
	const char	*s = state(im);
	const char	*a = crmi_imp_val(im, T_AUTHOR);
	const char	*f = crmi_imp_val(im, T_FIRST);

	if (im->crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (s != NULL && strcmp(s, "open") != 0)
		return crmi_imp_history(im, T_STATE);
	if (a != NULL && strcmp(a, im->crm->login) != 0)
		return crmi_imp_history(im, T_AUTHOR);
	if (f != NULL && strcmp(f, crmi_imp_val(im, T_DUE)) != 0)
		return crmi_imp_history(im, T_FIRST);
	return CRM_OK;
}

/*
 * An open task imported has the fields its kind needs (crmi_task_entry);
 * history (done or cancelled, an admin's to import) is exempt.  A gap
 * is named by the column of its first missing field.
 */
static int
task_entry(struct crmi_imp *im, int64_t who, int64_t cl, int64_t dl,
    const char *tm, int64_t id)
{
	static const int	 cols[] = { T_CLIENT, T_DEAL, T_TIME, T_NOTE };
	const char		*s = crmi_imp_val(im, T_STATE);
	struct crmi_entry	 e;
	int			 i, need, rc;

	if (s != NULL && strcmp(s, "open") != 0)
		return CRM_OK;
	memset(&e, 0, sizeof(e));
	e.who = who;
	e.kind = crmi_imp_val(im, T_KIND);
	e.have = (cl != 0) | (dl != 0) << 1 | (*tm != '\0') << 2 |
	    (crmi_imp_val(im, T_NOTE) != NULL) << 3;
	e.hint = CRMI_HINT_COL;
	e.id = id;
	if ((rc = crmi_task_entry(im->crm, &e)) == CRM_OK)
		return CRM_OK;
	if (rc != CRM_EINVAL ||
	    crmi_kind_need(im->crm, who, e.kind, &need) != CRM_OK)
		return rc;
	for (i = 0; i < 3 && !(need & ~e.have & 1 << i); i++)
		continue;
	return crmi_imp_fail(im, cols[i], rc);
}

/*
 * An imported task: the table's next id, or the one the file gives
 * (?16); then the fields crm-import stores as given (task_int.h), each
 * a bare "?": the parameter after the last one numbered, which is the
 * largest, on both backends (16 on, or 17 on with the id).
 */
#define TEXT_COL_TEXT(col)	", " col
#define TEXT_COL_NO(col)
#define TEXT_COL_(type, m, sql, imp, col, x, v) \
	TEXT_COL_##imp(CRMI_TASK_COLUMN(m, sql))
#define TEXT_VAL_TEXT	", ?"
#define TEXT_VAL_NO
#define TEXT_VAL_(type, m, sql, imp, col, x, v)	TEXT_VAL_##imp
#define SQL_TASK_(idcol, idval) "INSERT INTO task (assignee_id," \
    " author_id, kind, title, note, client_id, deal_id, due_date," \
    " due_time, first_due, state, created_at, closed_at, closed_by," \
    " recorded_at, imported" idcol \
    CRM_TASK_FIELDS(TEXT_COL_, CRM_TASK_SKIP_) ")" \
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13," \
    " ?14, ?15, 1" idval CRM_TASK_FIELDS(TEXT_VAL_, CRM_TASK_SKIP_) \
    ") RETURNING id"
static const char SQL_TASK[] = SQL_TASK_("", "");
static const char SQL_TASK_ID[] = SQL_TASK_(", id", ", ?16");

int
crmi_import_tasks(struct crmi_imp *im)
{
	struct crmi_stmt	*st;
	const char		*first;
	char			 created[20], closed[20], tm[6];
	int64_t			 want, id, who, author, cl, dl;
	int			 rc;

	if ((rc = task_when(im, tm)) != CRM_OK ||
	    (rc = task_history(im)) != CRM_OK ||
	    (rc = crmi_imp_id(im, T_ID, "task", &want)) != CRM_OK ||
	    (rc = crmi_imp_person(im, T_LOGIN, &who)) != CRM_OK ||
	    (rc = crmi_imp_may(im, T_LOGIN, who)) != CRM_OK ||
	    (rc = task_fields(im, created, closed)) != CRM_OK ||
	    (rc = task_links(im, &cl, &dl)) != CRM_OK)
		return rc;
	author = im->crm->actor.id;
	if (crmi_imp_val(im, T_AUTHOR) != NULL &&
	    (rc = crmi_imp_person(im, T_AUTHOR, &author)) != CRM_OK)
		return rc;
	if ((first = crmi_imp_val(im, T_FIRST)) == NULL)
		first = crmi_imp_val(im, T_DUE);
	if ((st = crmi_stmt(im->crm, want != 0 ? SQL_TASK_ID : SQL_TASK)) ==
	    NULL)
		return CRM_EDB;
	if (want != 0)
		crmi_bind_int(st, 16, want);
	text_bind(im, st, want != 0 ? 17 : 16);
	crmi_bind_int(st, 1, who);
	crmi_bind_int(st, 2, author);
	crmi_bind_str(st, 3, crmi_imp_val(im, T_KIND));
	crmi_bind_str(st, 4, crmi_imp_val(im, T_TITLE));
	crmi_bind_text(st, 5, crmi_imp_val(im, T_NOTE));
	if (cl != 0)
		crmi_bind_int(st, 6, cl);
	if (dl != 0)
		crmi_bind_int(st, 7, dl);
	crmi_bind_str(st, 8, crmi_imp_val(im, T_DUE));
	crmi_bind_text(st, 9, tm);
	crmi_bind_str(st, 10, first);
	crmi_bind_str(st, 11, state(im) != NULL ? state(im) : "open");
	crmi_bind_str(st, 12, created);
	crmi_bind_text(st, 13, closed);
	/* Recorded when the system was told: now, not when it was done. */
	if (closed[0] != '\0') {
		crmi_bind_int(st, 14, who);
		crmi_bind_str(st, 15, im->crm->now);
	}
	if ((rc = crmi_step_kept(im->crm, st, "task", want, &id)) != CRM_OK)
		return rc;
	crmi_bulk_note(im->crm, id);	/* an id of the file's may be low */
	if ((rc = task_entry(im, who, cl, dl, tm, id)) != CRM_OK)
		return rc;
	return crmi_imp_audit(im, "task", id, who);
}


/*
 * import_tasks.c: the tasks of crm_import(), with their history: state,
 * closing time, first due date, author.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"
#include "task_int.h"

/* The kind, known; looked up once an import. */
static int
task_kind(struct crmi_imp *im)
{
	const char	*k = crmi_imp_val(im, T_KIND);
	int64_t		 v;
	int		 found;

	if (crmi_map_get(&im->kinds, k, &v))
		return CRM_OK;
	found = crmi_exists(im->crm, "SELECT 1 FROM task_kind WHERE name = ?1",
	    k);
	if (found == -1)
		return CRM_EDB;
	if (!found)
		return crmi_imp_bad(im, T_KIND, "no such task kind");
	if (crmi_map_put(&im->kinds, k, 1) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
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
	char	 k[24];
	int	 rc, client = crmi_imp_ref(im, T_CLIENT_ID, T_CLIENT);

	*cl = *dl = 0;
	if (crmi_imp_val(im, client) != NULL &&
	    (rc = crmi_imp_client(im, client, cl)) != CRM_OK)
		return rc;
	if (crmi_imp_val(im, T_DEAL) == NULL)
		return CRM_OK;
	if ((rc = crmi_imp_deal(im, T_DEAL, dl)) != CRM_OK)
		return rc;
	snprintf(k, sizeof(k), "%lld", (long long)*dl);
	if (!crmi_map_get(&im->dealcl, k, &dcl)) {
		if ((rc = crmi_task_deal_client(im->crm, *dl, &dcl)) != CRM_OK)
			return crmi_imp_fail(im, T_DEAL, rc);
		if (crmi_map_put(&im->dealcl, k, dcl) == -1)
			return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	}
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
	char			 k[80];
	int64_t			 v;
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
	/* the fields a kind needs of a person, asked once an import */
	snprintf(k, sizeof(k), "%lld %s", (long long)who,
	    e.kind != NULL ? e.kind : "");
	if (crmi_map_get(&im->need, k, &v))
		need = (int)v;
	else if ((rc = crmi_kind_need(im->crm, who, e.kind, &need)) !=
	    CRM_OK)
		return rc;
	else if (crmi_map_put(&im->need, k, need) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	e.need = &need;
	if ((rc = crmi_task_entry(im->crm, &e)) == CRM_OK)
		return CRM_OK;
	if (rc != CRM_EINVAL)
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

/*
 * The COPY of a task import on a server (crmi_imp_copy_open()).  Rows
 * wait in memory, each field a byte ('N' NULL, 'V' a value) and then
 * the value with its NUL, and go some thousands at a time: the tasks,
 * then their entries, in the order of the chain.  A new task's id is
 * the store's for the first (a statement, which takes it from the
 * identity's sequence, as every insert does) and the next ones after
 * it; ids kept from the file are remembered, so that the file cannot
 * name one twice before they are in the table.
 */
struct rows {
	struct crmi_buf	 b;
	size_t		 n;
};

struct crmi_tcopy {
	struct rows	 task, audit;
	struct crmi_map	 ids;		/* the ids of this import's tasks */
	int64_t		 next;		/* the next new id; 0: ask the store */
	int64_t		 from;		/* the lowest id copied; 0: none */
};

#define COPY_ROWS	4096
#define TASK_NCOLS	(17 + (int)NTEXT)
static const char COPY_COLS[] = "id, assignee_id, author_id, kind, title,"
    " note, client_id, deal_id, due_date, due_time, first_due, state,"
    " created_at, closed_at, closed_by, recorded_at, imported"
    CRM_TASK_FIELDS(TEXT_COL_, CRM_TASK_SKIP_);

static void
rows_put(struct rows *r, char *const *f, int n)
{
	int	 i;

	for (i = 0; i < n; i++)
		if (f[i] == NULL)
			crmi_buf_addn(&r->b, "N", 1);
		else {
			crmi_buf_addn(&r->b, "V", 1);
			crmi_buf_addn(&r->b, f[i], strlen(f[i]) + 1);
		}
	r->n++;
}

/* An audit entry's row, for crmi_audit_row(). */
static int
audit_put(void *arg, char *const *f)
{
	struct crmi_imp	*im = arg;

	rows_put(&im->copy->audit, f, CRMI_AUDIT_NCOLS);
	return im->copy->audit.b.oom ? crmi_err(im->crm, CRM_ENOMEM,
	    "out of memory") : CRM_OK;
}

int
crmi_imp_copy_audit(struct crmi_imp *im, const char *entity, int64_t id,
    int64_t owner, const char *detail)
{
	return crmi_audit_row(im->crm, entity, id, owner, "import", detail,
	    audit_put, im);
}

/* The rows r of n fields into table's columns cols, by COPY. */
static int
rows_send(struct crm *crm, const char *table, const char *cols, int n,
    struct rows *r)
{
	char		*f[TASK_NCOLS + CRMI_AUDIT_NCOLS], *p, keep[CRMI_ERRSZ];
	size_t		 row;
	int		 i, rc;

	if (r->n == 0)
		return CRM_OK;
	if ((rc = crm->drv->copy_begin(crm->store, table, cols, 0)) ==
	    CRMI_SOK)
		for (p = r->b.s, row = 0; rc == CRMI_SOK && row < r->n;
		    row++) {
			for (i = 0; i < n; i++)
				if (*p++ == 'N')
					f[i] = NULL;
				else {
					f[i] = p;
					p += strlen(p) + 1;
				}
			rc = crm->drv->copy_row(crm->store, f, n);
		}
	if (rc == CRMI_SOK)
		rc = crm->drv->copy_end(crm->store, 0);
	else
		(void)crm->drv->copy_end(crm->store, 1);
	r->b.len = 0;
	r->n = 0;
	if (rc == CRMI_SOK)
		return CRM_OK;
	rc = crmi_dberr(crm, rc);
	strlcpy(keep, crm->err, sizeof(keep));
	return crmi_err(crm, rc, "table '%s': %s", table, keep);
}

/* What waits, into the tables; the identity's sequence past it. */
static int
copy_flush(struct crmi_imp *im)
{
	struct crmi_tcopy	*c = im->copy;
	int			 rc, sent = c->task.n > 0;

	if ((rc = rows_send(im->crm, "task", COPY_COLS, TASK_NCOLS,
	    &c->task)) != CRM_OK ||
	    (rc = rows_send(im->crm, "audit", CRMI_AUDIT_COLS,
	    CRMI_AUDIT_NCOLS, &c->audit)) != CRM_OK)
		return rc;
	return sent ? crmi_ids_taken(im->crm, "task") : CRM_OK;
}

int
crmi_imp_copy_open(struct crmi_imp *im)
{
	if (!(crmi_caps(im->crm) & CRMI_STORE_COPY) ||
	    im->k->row != crmi_import_tasks)
		return CRM_OK;
	if ((im->copy = calloc(1, sizeof(*im->copy))) == NULL)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

int
crmi_imp_copy_close(struct crmi_imp *im, int rc)
{
	struct crmi_tcopy	*c = im->copy;

	if (c == NULL)
		return rc;
	if (rc == CRM_OK && (rc = copy_flush(im)) == CRM_OK && c->from != 0)
		rc = crmi_kpi_mark(im->crm, c->from);
	crmi_buf_clear(&c->task.b);
	crmi_buf_clear(&c->audit.b);
	crmi_map_clear(&c->ids);
	free(c);
	im->copy = NULL;
	return rc;
}

/*
 * Whether id want of the file (0: none) is free among the tasks that
 * wait; the task's id into *id when it need not be asked of the store.
 */
static int
copy_id(struct crmi_imp *im, int64_t want, int64_t *id)
{
	struct crmi_tcopy	*c = im->copy;
	char			 k[24];
	int64_t			 v;

	*id = 0;
	snprintf(k, sizeof(k), "%lld", (long long)want);
	if (want != 0 && crmi_map_get(&c->ids, k, &v))
		return crmi_imp_bad(im, T_ID, N_("id already used"));
	if (want != 0) {
		*id = want;
		if (c->next != 0 && want >= c->next)
			c->next = want + 1;
	} else if (c->next != 0)
		*id = c->next++;
	return CRM_OK;
}

/* Task id, whose row is in v, to wait for the COPY; its id kept. */
static int
copy_task(struct crmi_imp *im, int64_t id, char **v)
{
	struct crmi_tcopy	*c = im->copy;
	char			 k[24];

	snprintf(k, sizeof(k), "%lld", (long long)id);
	v[0] = k;
	rows_put(&c->task, v, TASK_NCOLS);
	if (c->from == 0 || id < c->from)
		c->from = id;
	if (c->task.b.oom || crmi_map_put(&c->ids, k, id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* A value as bound by crmi_bind_text(): NULL when empty. */
static char *
text_or_null(const char *s)
{
	return s != NULL && *s != '\0' ? (char *)s : NULL;
}

/* The row of a task, as the statement binds it, into v (v[0] the id). */
static void
copy_row(struct crmi_imp *im, char **v, char num[4][24], int64_t who,
    int64_t author, int64_t cl, int64_t dl, const char *tm,
    const char *first, const char *created, const char *closed)
{
	size_t	 i;

	snprintf(num[0], 24, "%lld", (long long)who);
	snprintf(num[1], 24, "%lld", (long long)author);
	snprintf(num[2], 24, "%lld", (long long)cl);
	snprintf(num[3], 24, "%lld", (long long)dl);
	v[1] = num[0];
	v[2] = num[1];
	v[3] = (char *)crmi_imp_val(im, T_KIND);
	v[4] = (char *)crmi_imp_val(im, T_TITLE);
	v[5] = text_or_null(crmi_imp_val(im, T_NOTE));
	v[6] = cl != 0 ? num[2] : NULL;
	v[7] = dl != 0 ? num[3] : NULL;
	v[8] = (char *)crmi_imp_val(im, T_DUE);
	v[9] = text_or_null(tm);
	v[10] = (char *)first;
	v[11] = (char *)(state(im) != NULL ? state(im) : "open");
	v[12] = (char *)created;
	v[13] = text_or_null(closed);
	v[14] = closed[0] != '\0' ? num[0] : NULL;
	v[15] = closed[0] != '\0' ? (char *)im->crm->now : NULL;
	v[16] = "1";
	for (i = 0; i < NTEXT; i++)
		v[17 + i] = text_or_null(crmi_imp_val(im, col_of(im,
		    text_keys[i])));
}

/* The task of this row, id given, to wait for the COPY, with its entry. */
static int
copy_one(struct crmi_imp *im, int64_t id, int64_t who, int64_t author,
    int64_t cl, int64_t dl, const char *tm, const char *first,
    const char *created, const char *closed)
{
	char	*v[TASK_NCOLS], num[4][24];
	int	 rc;

	copy_row(im, v, num, who, author, cl, dl, tm, first, created, closed);
	if ((rc = copy_task(im, id, v)) != CRM_OK ||
	    (rc = task_entry(im, who, cl, dl, tm, id)) != CRM_OK ||
	    (rc = crmi_imp_audit(im, "task", id, who)) != CRM_OK)
		return rc;
	if (im->copy->task.n >= COPY_ROWS)
		return copy_flush(im);
	return CRM_OK;
}

int
crmi_import_tasks(struct crmi_imp *im)
{
	struct crmi_stmt	*st;
	const char		*first;
	char			 created[20], closed[20], tm[6], k[24];
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
	if (im->copy != NULL) {
		if ((rc = copy_id(im, want, &id)) != CRM_OK)
			return rc;
		if (id != 0)
			return copy_one(im, id, who, author, cl, dl, tm, first,
			    created, closed);
		/* the first new id is the store's: what waits goes first */
		if ((rc = copy_flush(im)) != CRM_OK)
			return rc;
	}
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
	if (im->copy != NULL) {
		im->copy->next = id + 1;
		snprintf(k, sizeof(k), "%lld", (long long)id);
		if (crmi_map_put(&im->copy->ids, k, id) == -1)
			return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	}
	if ((rc = task_entry(im, who, cl, dl, tm, id)) != CRM_OK)
		return rc;
	return crmi_imp_audit(im, "task", id, who);
}


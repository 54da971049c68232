/*
 * taskview.c: the views of tasks, the day of one person and any
 * selection.  Every query goes through one person at a time, so that it
 * walks the index task_assignee_due (or task_assignee_closed) of that
 * person and nobody else's rows; a selection of everyone's (task-list
 * -a, task-today -a) names the people in one statement, which walks each
 * one's part of the index.
 *
 * Whether a task was open on a day is read from its closed_at, so that
 * a view of a past day shows that day as it ended, not as it is now.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "task_int.h"

#define COLS	" " CRMI_TASK_SELECT CRMI_TASK_FROM

/*
 * Open at the end of the day ?2 (?3 is the next day): open now (a task
 * has closed_at exactly when it is not open), or closed after the day.
 * The two parts each walk an index of their own, so that the person's
 * history, most of it done long ago, is never read.
 */
/* An open task the head returned: shown first, as "returned". */
#define RETURNED "t.state = 'open' AND coalesce(t.review, '') = 'returned'"

static const char SQL_RETURNED[] = "SELECT" COLS
    "WHERE t.assignee_id = ?1 AND t.state = 'open' AND t.created_at < ?3"
    " AND " RETURNED " ORDER BY t.due_date, t.due_time IS NULL, t.due_time,"
    " t.id";

static const char SQL_OVERDUE[] = "SELECT" COLS
    "WHERE t.id IN (SELECT id FROM task WHERE assignee_id = ?1"
    "  AND state = 'open' AND due_date < ?2"
    " UNION ALL SELECT id FROM task WHERE assignee_id = ?1"
    "  AND closed_at >= ?3)"
    " AND t.due_date < ?2 AND t.created_at < ?3 AND NOT (" RETURNED ")"
    " ORDER BY t.due_date, t.due_time IS NULL, t.due_time, t.id";

static const char SQL_TODAY[] = "SELECT" COLS
    "WHERE t.assignee_id = ?1 AND t.due_date = ?2 AND t.created_at < ?3"
    " AND (t.closed_at IS NULL OR t.closed_at >= ?3)"
    " AND NOT (" RETURNED ")"
    " ORDER BY t.due_time IS NULL, t.due_time, t.id";

static const char SQL_DONE[] = "SELECT" COLS
    "WHERE t.assignee_id = ?1 AND t.closed_at >= ?2 AND t.closed_at < ?3"
    " AND t.state = 'done' ORDER BY t.closed_at, t.id";

/*
 * ?5 (0 or 1) asks for the state ?6 only, where "overdue" is an open
 * task due before ?7 (today), "upcoming" one that is not overdue, and
 * "open" either, as in the database; "returned" an open task the head
 * returned, "accepted" a done task the head accepted, "pending" a done
 * task waiting for it, ?11 saying which do (crmi_review_waits): a task
 * returned once waits again when done again.  ?10, when not NULL, is folded
 * text (crmi_fold) that the title, the note or the result must hold.
 * In SQL_LIST, ?12 (1: done or cancelled, in a period) takes the days
 * ?2..?3 as those the task was closed on, not due on.
 */
#define LIST_WHERE \
    " AND (CAST(?4 AS TEXT) IS NULL OR t.kind = ?4)" \
    " AND (CAST(?8 AS BIGINT) = 0 OR t.client_id = ?8)" \
    " AND (CAST(?9 AS BIGINT) = 0 OR t.deal_id = ?9)" \
    " AND (?5 = 0 OR (?6 = 'overdue' AND t.state = 'open'" \
    "  AND t.due_date < ?7) OR (?6 = 'upcoming' AND t.state = 'open'" \
    "  AND t.due_date >= ?7) OR ?6 = t.state" \
    "  OR (?6 = 'returned' AND " RETURNED ")" \
    "  OR (?6 = t.review AND t.state = 'done' AND t.review = 'accepted')" \
    "  OR (?6 = 'pending' AND t.state = 'done'" \
    "   AND coalesce(t.review, '') <> 'accepted' AND (?11 = 2" \
    "   OR (?11 = 1 AND (t.author_id <> t.assignee_id" \
    "   OR t.review = 'returned')))))" \
    " AND (CAST(?10 AS TEXT) IS NULL OR crm_has(t.title || '\n' ||" \
    "  coalesce(t.note, '') || '\n' || coalesce(t.result, ''), ?10))"

#define LIST_DAYS \
    " AND ((?12 = 0 AND t.due_date >= ?2" \
    "  AND t.due_date <= ?3) OR (?12 = 1 AND t.closed_at >= ?2" \
    "  AND t.closed_at < ?3 || 'T'))"
#define CLOSED_DAYS \
    " AND t.closed_at >= ?2 AND t.closed_at < ?3 AND t.state = 'done'"
#define LIST_ORDER	" t.due_date, t.due_time IS NULL, t.due_time, t.id"
#define CLOSED_ORDER	" t.closed_at, t.id"

static const char SQL_LIST[] = "SELECT" COLS "WHERE t.assignee_id = ?1"
    LIST_DAYS LIST_WHERE " ORDER BY" LIST_ORDER;

/* The same, done tasks closed on the days ?2 to ?3, as they were closed. */
static const char SQL_CLOSED[] = "SELECT" COLS "WHERE t.assignee_id = ?1"
    CLOSED_DAYS LIST_WHERE " ORDER BY" CLOSED_ORDER;

/*
 * The same for everyone the actor sees (crm_person_each's people, ?1 1
 * for all of them, else the actor ?13 and the team of the head ?14), in
 * one statement rather than one a person (issue 28: each statement is a
 * round trip to a server), person by person in crm_person_each's order.
 */
#define TEAM_WHERE \
    "WHERE t.assignee_id IN (SELECT id FROM person WHERE ?1 = 1" \
    " OR id = ?13 OR head_id = ?14)"

static const char SQL_LIST_TEAM[] = "SELECT" COLS TEAM_WHERE LIST_DAYS
    LIST_WHERE " ORDER BY a.login," LIST_ORDER;

static const char SQL_CLOSED_TEAM[] = "SELECT" COLS TEAM_WHERE CLOSED_DAYS
    LIST_WHERE " ORDER BY a.login," CLOSED_ORDER;

/*
 * The day view of everyone the actor sees (the people of
 * crm_person_each: ?1 1 for all, else the actor ?4 and the team of the
 * head ?5), each part in one statement rather than one a person (issue
 * 28), by person (the id selected last) and then as one person's.
 */
#define TEAM_IN \
    " IN (SELECT id FROM person WHERE ?1 = 1 OR id = ?4 OR head_id = ?5)"
#define COLS_A " " CRMI_TASK_SELECT ", t.assignee_id" CRMI_TASK_FROM

/*
 * due_date > '' holds for every task: without it SQLite, which has no
 * statistics here, walks each person's whole history (task_assignee_first)
 * rather than the open tasks of task_open.
 */

static const char SQL_RETURNED_TEAM[] = "SELECT" COLS_A
    "WHERE t.id IN (SELECT id FROM task WHERE assignee_id" TEAM_IN
    "  AND state = 'open' AND due_date > '')"
    " AND t.created_at < ?3 AND " RETURNED " ORDER BY t.assignee_id,"
    " t.due_date, t.due_time IS NULL, t.due_time, t.id";

static const char SQL_OVERDUE_TEAM[] = "SELECT" COLS_A
    "WHERE t.id IN (SELECT id FROM task WHERE assignee_id" TEAM_IN
    "  AND state = 'open' AND due_date < ?2"
    " UNION ALL SELECT id FROM task WHERE assignee_id" TEAM_IN
    "  AND closed_at >= ?3)"
    " AND t.due_date < ?2 AND t.created_at < ?3 AND NOT (" RETURNED ")"
    " ORDER BY t.assignee_id, t.due_date, t.due_time IS NULL, t.due_time,"
    " t.id";

static const char SQL_TODAY_TEAM[] = "SELECT" COLS_A
    "WHERE t.assignee_id" TEAM_IN " AND t.due_date = ?2"
    " AND t.created_at < ?3 AND (t.closed_at IS NULL OR t.closed_at >= ?3)"
    " AND NOT (" RETURNED ")"
    " ORDER BY t.assignee_id, t.due_time IS NULL, t.due_time, t.id";

static const char SQL_DONE_TEAM[] = "SELECT" COLS_A
    "WHERE t.assignee_id" TEAM_IN " AND t.closed_at >= ?2"
    " AND t.closed_at < ?3 AND t.state = 'done'"
    " ORDER BY t.assignee_id, t.closed_at, t.id";

static const char SQL_BYID[] = "SELECT" COLS "WHERE t.id = ?1"
    " AND t.assignee_id = ?2";

const char *const crmi_sql_taskview[] = {
	SQL_OVERDUE, SQL_TODAY, SQL_DONE, SQL_LIST, SQL_CLOSED, SQL_RETURNED,
	SQL_LIST_TEAM, SQL_CLOSED_TEAM, SQL_RETURNED_TEAM, SQL_OVERDUE_TEAM,
	SQL_TODAY_TEAM, SQL_DONE_TEAM, NULL
};

/* The state a review shows instead of the stored one, or NULL. */
static const char *
state_of(const struct crm_task *t, const char *review)
{
	if (review == NULL)
		return NULL;
	if (strcmp(t->state, "open") == 0 && strcmp(review, "returned") == 0)
		return "returned";
	if (strcmp(t->state, "done") == 0 && strcmp(review, "accepted") == 0)
		return "accepted";
	return NULL;
}

/* The task of st's row, with the state shown as state (NULL: stored). */
static void
view_fill(struct crmi_stmt *st, const char *state, int today,
    struct crm_task *t)
{
	const char	*rs;

	crmi_task_fill(st, t);
	if (state != NULL)
		t->state = state;
	rs = state_of(t, crmi_col_text(st, CRMI_TASK_REVIEW));
	if (rs != NULL)
		t->state = rs;
	crmi_task_when(t, today);
}

/* Walk the rows of st, with the state shown as state (NULL: as stored). */
static int
walk(struct crm *crm, struct crmi_stmt *st, const char *state, int today,
    int (*fn)(const struct crm_task *, void *), void *arg)
{
	struct crm_task	 t;
	int		 rc;

	while ((rc = crmi_step(st)) == CRMI_ROW) {
		view_fill(st, state, today, &t);
		if ((rc = fn(&t, arg)) != 0) {
			crmi_reset(st);
			return rc;
		}
	}
	crmi_reset(st);
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/* The person whose work is asked for, if the actor may see it. */
static int
person(struct crm *crm, const char *login, int64_t *id)
{
	struct crm_person	 p;
	int			 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (login == NULL || *login == '\0') {
		*id = crm->actor.id;
		return CRM_OK;
	}
	if ((rc = crm_person_get(crm, login, &p)) != CRM_OK)
		return rc;
	*id = p.id;
	crm_person_clear(&p);
	return crm_may_see(crm, *id);
}

static int
day_query(struct crm *crm, const char *sql, int64_t id, const char *d,
    const char *next, const char *state, int day,
    int (*fn)(const struct crm_task *, void *), void *arg)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, d);
	crmi_bind_str(st, 3, next);
	return walk(crm, st, state, day, fn, arg);
}

int
crm_task_day(struct crm *crm, const char *login, int day,
    int (*fn)(const struct crm_task *, void *), void *arg)
{
	int64_t	 id;
	char	 d[11], next[11];
	int	 rc;

	if ((rc = person(crm, login, &id)) != CRM_OK)
		return rc;
	crm_date_fmt(day, d);
	crm_date_fmt(day + 1, next);
	if ((rc = day_query(crm, SQL_RETURNED, id, d, next, "returned", day,
	    fn, arg)) != CRM_OK ||
	    (rc = day_query(crm, SQL_OVERDUE, id, d, next, "overdue", day, fn,
	    arg)) != CRM_OK ||
	    (rc = day_query(crm, SQL_TODAY, id, d, next, "today", day, fn,
	    arg)) != CRM_OK)
		return rc;
	return day_query(crm, SQL_DONE, id, d, next, "done", day, fn, arg);
}

/* The day's tasks of everyone, as crm_task_day_all gathers them. */
struct team {
	struct crm	*crm;
	struct crmi_task_dup	*t;	/* by person, then as each is shown */
	size_t		 n, max;
	int		 (*fn)(const struct crm_person *,
			    const struct crm_task *, size_t, void *);
	void		*arg;
};

/* Keep the rows of one part of the day (st, state) of everyone. */
static int
team_part(struct team *tm, const char *sql, const char *d,
    const char *next, const char *state, int day)
{
	struct crm		*crm = tm->crm;
	struct crmi_stmt	*st;
	struct crmi_task_dup	*p;
	struct crm_task		 t;
	size_t			 m;
	int			 rc;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN);
	crmi_bind_str(st, 2, d);
	crmi_bind_str(st, 3, next);
	crmi_bind_int(st, 4, crm->actor.id);
	crmi_bind_int(st, 5, crmi_team(crm));
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if (tm->n == tm->max) {
			m = tm->max ? tm->max * 2 : 64;
			if ((p = reallocarray(tm->t, m, sizeof(*p))) == NULL)
				break;
			tm->t = p;
			tm->max = m;
		}
		view_fill(st, state, day, &t);
		p = &tm->t[tm->n];
		if (crmi_task_dup(p, &t) != 0)
			break;
		p->who = crmi_col_int(st, CRMI_TASK_REVIEW + 1);
		p->seq = tm->n++;
	}
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/* By person, then in the order read (the parts, each in its order). */
static int
dup_cmp(const void *a, const void *b)
{
	const struct crmi_task_dup	*x = a, *y = b;

	if (x->who != y->who)
		return x->who < y->who ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* One person of crm_person_each, with the person's tasks of the day. */
static int
team_person(const struct crm_person *p, void *arg)
{
	struct team		*tm = arg;
	struct crm_task		*t;
	size_t			 lo = 0, hi = tm->n, mid, i, n;
	int			 rc;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (tm->t[mid].who < p->id)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (n = 0; lo + n < tm->n && tm->t[lo + n].who == p->id; n++)
		;
	if (n == 0)
		return tm->fn(p, NULL, 0, tm->arg);
	if ((t = reallocarray(NULL, n, sizeof(*t))) == NULL)
		return crmi_err(tm->crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < n; i++)
		t[i] = tm->t[lo + i].t;
	rc = tm->fn(p, t, n, tm->arg);
	free(t);
	return rc;
}

int
crm_task_day_all(struct crm *crm, int day,
    int (*fn)(const struct crm_person *, const struct crm_task *, size_t,
    void *), void *arg)
{
	struct team	 tm;
	char		 d[11], next[11];
	size_t		 i;
	int		 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	memset(&tm, 0, sizeof(tm));
	tm.crm = crm;
	tm.fn = fn;
	tm.arg = arg;
	crm_date_fmt(day, d);
	crm_date_fmt(day + 1, next);
	if ((rc = team_part(&tm, SQL_RETURNED_TEAM, d, next, "returned",
	    day)) == CRM_OK && (rc = team_part(&tm, SQL_OVERDUE_TEAM, d, next,
	    "overdue", day)) == CRM_OK && (rc = team_part(&tm, SQL_TODAY_TEAM,
	    d, next, "today", day)) == CRM_OK && (rc = team_part(&tm,
	    SQL_DONE_TEAM, d, next, "done", day)) == CRM_OK) {
		if (tm.n > 0)	/* none: tm.t is NULL, which qsort may not take */
			qsort(tm.t, tm.n, sizeof(*tm.t), dup_cmp);
		rc = crm_person_each(crm, 0, team_person, &tm);
	}
	for (i = 0; i < tm.n; i++)
		crmi_task_dup_clear(&tm.t[i]);
	free(tm.t);
	return rc;
}

struct list {
	struct crm			*crm;
	const struct crm_task_filter	*f;
	int64_t				 client;
	char				*key;	/* folded f->text */
	int				 (*fn)(const struct crm_task *, void *);
	void				*arg;
};

/*
 * The tasks of person id, or of everyone the actor sees when id is 0
 * (but for "pending", which depends on each person's rules: ?11).
 */
static int
list_one(struct list *l, int64_t id)
{
	const struct crm_task_filter	*f = l->f;
	struct crm			*crm = l->crm;
	struct crmi_stmt		*st;
	char				 from[11], to[11], today[11];
	int				 t = crm_today(l->crm);

	if (id == 0)
		st = crmi_stmt(crm, f->closed ? SQL_CLOSED_TEAM :
		    SQL_LIST_TEAM);
	else
		st = crmi_stmt(crm, f->closed ? SQL_CLOSED : SQL_LIST);
	if (st == NULL)
		return CRM_EDB;
	crm_date_fmt(f->dated ? f->from : 0, from);
	/* Closed before the day after: closed_at is a time of day. */
	crm_date_fmt(f->dated ? f->to + f->closed : crm_date_make(9999, 12,
	    31), to);
	crm_date_fmt(t, today);
	if (id == 0) {
		crmi_bind_int(st, 1, crm->actor.role == CRM_ROLE_DIRECTOR ||
		    crm->actor.role == CRM_ROLE_ADMIN);
		crmi_bind_int(st, 13, crm->actor.id);
		crmi_bind_int(st, 14, crmi_team(crm));
	} else
		crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, f->dated ? from : "0000-00-00");
	crmi_bind_str(st, 3, to);
	crmi_bind_text(st, 4, f->kind);
	crmi_bind_int(st, 5, f->state != NULL && *f->state != '\0');
	crmi_bind_text(st, 6, f->state);
	crmi_bind_str(st, 7, today);
	crmi_bind_int(st, 8, l->client);
	crmi_bind_int(st, 9, f->deal);
	crmi_bind_text(st, 10, l->key);
	crmi_bind_int(st, 11, id == 0 ? 0 : crmi_review_waits(l->crm, id));
	/* Done or cancelled in a period: closed in it, as people ask. */
	if (!f->closed)
		crmi_bind_int(st, 12, f->dated && f->state != NULL &&
		    (strcmp(f->state, "done") == 0 ||
		    strcmp(f->state, "cancelled") == 0));
	return walk(l->crm, st, NULL, t, l->fn, l->arg);
}

static int
list_person(const struct crm_person *p, void *arg)
{
	return list_one(arg, p->id);
}

static int
check_filter(struct crm *crm, const struct crm_task_filter *f,
    int64_t *client)
{
	static const char *const states[] = {
		"open", "upcoming", "overdue", "done", "cancelled",
		"returned", "accepted", "pending", NULL
	};
	const char *const	*s;
	int64_t			 dc;
	int			 rc;

	*client = 0;
	if (f->kind != NULL && *f->kind != '\0' &&
	    (rc = crmi_task_kind(crm, f->kind)) != CRM_OK)
		return rc;
	if (f->client != NULL && *f->client != '\0' &&
	    (rc = crm_client_find(crm, f->client, client)) != CRM_OK)
		return rc;
	if (f->deal != 0 &&
	    (rc = crmi_task_deal_client(crm, f->deal, &dc)) != CRM_OK)
		return rc;
	if (f->state == NULL || *f->state == '\0')
		return CRM_OK;
	for (s = states; *s != NULL; s++)
		if (strcmp(*s, f->state) == 0)
			return CRM_OK;
	return crmi_err(crm, CRM_EINVAL, "invalid status '%s': open, "
	    "upcoming, overdue, done, cancelled, returned, accepted or "
	    "pending", f->state);
}

int
crm_task_list(struct crm *crm, const struct crm_task_filter *f,
    int (*fn)(const struct crm_task *, void *), void *arg)
{
	struct list	 l;
	int64_t		 id;
	int		 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = check_filter(crm, f, &l.client)) != CRM_OK)
		return rc;
	l.crm = crm;
	l.f = f;
	l.fn = fn;
	l.arg = arg;
	l.key = NULL;
	if (f->text != NULL && *f->text != '\0' &&
	    (l.key = crmi_fold(f->text)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	if (f->all && (f->state == NULL || strcmp(f->state, "pending") != 0))
		rc = list_one(&l, 0);
	else if (f->all)
		rc = crm_person_each(crm, 1, list_person, &l);
	else if ((rc = person(crm, f->assignee, &id)) == CRM_OK)
		rc = list_one(&l, id);
	free(l.key);
	return rc;
}

int64_t
crmi_task_owner(struct crm *crm, int64_t id)
{
	struct crmi_stmt	*st;
	int64_t			 who = 0;

	st = crmi_stmt(crm, "SELECT assignee_id FROM task WHERE id = ?1");
	if (st == NULL)
		return 0;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW)
		who = crmi_col_int(st, 0);
	crmi_reset(st);
	return who;
}

int
crm_task_get(struct crm *crm, const int64_t *ids, size_t n,
    int (*fn)(const struct crm_task *, void *), void *arg)
{
	struct crmi_stmt	*st;
	int64_t			 who;
	size_t			 i;
	int			 rc = CRM_OK;

	for (i = 0; i < n && rc == CRM_OK; i++) {
		who = crmi_task_owner(crm, ids[i]);
		if (who == 0 || crm_may_see(crm, who) != CRM_OK)
			continue;
		if ((st = crmi_stmt(crm, SQL_BYID)) == NULL)
			return CRM_EDB;
		crmi_bind_int(st, 1, ids[i]);
		crmi_bind_int(st, 2, who);
		rc = walk(crm, st, NULL, crm_today(crm), fn, arg);
	}
	return rc;
}

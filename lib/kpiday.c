/*
 * kpiday.c: the KPI's stored figures.  kpi_day holds, for each person
 * and each day, the sums of the tasks first due that day, judged by the
 * person's team's rules, and the day's sales, which triggers keep alone
 * (schema.c, m_kpisales); a report adds up days instead of reading
 * tasks, deals and documents, so its cost grows with people and days,
 * not with their records.
 *
 * The invariant: for every (person, day) not in kpi_stale, the row of
 * kpi_day (none: all zero) is what crmi_kpi_task() makes of that
 * person's tasks first due that day.  Plain SQL triggers (lib/schema.c,
 * m_kpifast) put a pair into kpi_stale whenever a change can move its
 * sums: a task inserted, updated or deleted, a kind's fields, a junk.*
 * or fields.* rule, a person's head, role or login.  crmi_end() sums the
 * stale pairs again before every commit, so that after a command of the
 * library kpi_stale is empty; a report counts any pair still stale (a
 * change made by hand in the database's own shell) from its tasks.
 * What the calendar, the zone, plan.min and the weights decide is
 * applied at report time and never stored.
 */
#include <sys/types.h>

#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "kpi_int.h"

static const char SQL_STALE_ANY[] = "SELECT 1 FROM kpi_stale LIMIT 1";
static const char SQL_STALE_EACH[] = "SELECT person_id, day FROM kpi_stale";
static const char SQL_STALE_MANY[] =
    "SELECT CAST(count(*) > 64 AS INTEGER)"
    " FROM (SELECT 1 FROM kpi_stale LIMIT 65) AS s";
/*
 * The task columns only: the sales columns are the triggers' (schema.c).
 * A pair at a time, found by kpi_day's key; past 64 pairs (a batch, an
 * import) all in one statement, which PostgreSQL runs by reading the
 * whole table (a statement a pair was a round trip a pair there).
 */
#define DAY_ZERO \
    "UPDATE kpi_day SET planned = 0, ontime = 0, late = 0, byhead = 0," \
    " open = 0, cancelled = 0, moves = 0, selfmade = 0, assigned = 0," \
    " advance = 0, complete = 0, comments = 0, junk = 0, ahead = 0," \
    " returns = 0, linked = 0"
static const char SQL_DAY_ZERO[] = DAY_ZERO
    " WHERE day = ?1 AND person_id = ?2";
static const char SQL_DAYS_ZERO[] = DAY_ZERO
    " WHERE (day, person_id) IN (SELECT day, person_id FROM kpi_stale)";
#define DAY_INSERT_HEAD \
    "INSERT INTO kpi_day (day, person_id, planned, ontime, late, byhead," \
    " open, cancelled, moves, selfmade, assigned, advance, complete," \
    " comments, junk, ahead, returns, linked) VALUES "
#define DAY_INSERT_TAIL \
    " ON CONFLICT (day, person_id) DO" \
    " UPDATE SET planned = excluded.planned, ontime = excluded.ontime," \
    " late = excluded.late, byhead = excluded.byhead," \
    " open = excluded.open, cancelled = excluded.cancelled," \
    " moves = excluded.moves, selfmade = excluded.selfmade," \
    " assigned = excluded.assigned, advance = excluded.advance," \
    " complete = excluded.complete, comments = excluded.comments," \
    " junk = excluded.junk, ahead = excluded.ahead," \
    " returns = excluded.returns, linked = excluded.linked"
static const char SQL_DAY_INSERT[] = DAY_INSERT_HEAD "(?1, ?2, ?3, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
    DAY_INSERT_TAIL;
/*
 * STORE_ROWS days an upsert: 18 parameters a row, 90 of the 99 that a
 * statement of the library may have; the text made once (store_sql()).
 */
#define STORE_ROWS	5
static char	 sql_store_n[sizeof(DAY_INSERT_HEAD DAY_INSERT_TAIL) +
		    STORE_ROWS * 120];
/*
 * On a server (CRMI_STORE_COPY: a round trip a statement) every day in
 * one upsert: the days go by COPY into a table of the session's own,
 * kpi_fresh, and from it into kpi_day in one statement.  (A text the
 * server splits, or arrays it unnests, would be SQL of one engine.)
 */
#define KDAY_COLS \
    "day, person_id, planned, ontime, late, byhead, open, cancelled," \
    " moves, selfmade, assigned, advance, complete, comments, junk," \
    " ahead, returns, linked"
static const char SQL_FRESH_MAKE[] = "CREATE TEMP TABLE IF NOT EXISTS"
    " kpi_fresh AS SELECT " KDAY_COLS " FROM kpi_day WHERE 0 = 1";
/* WHERE: SQLite's parser wants it before an upsert's ON CONFLICT */
static const char SQL_FRESH_STORE[] = "INSERT INTO kpi_day (" KDAY_COLS ")"
    " SELECT " KDAY_COLS " FROM kpi_fresh WHERE 0 = 0" DAY_INSERT_TAIL;
static const char SQL_FRESH_EMPTY[] = "DELETE FROM kpi_fresh";

/*
 * kpi_stale first, in its order (person, day); each pair's tasks next.
 * sum_stale() needs a pair's tasks together: SQLite's plan gives that
 * order without sorting, the ORDER BY makes PostgreSQL's give it too.
 */
static const char SQL_STALE_TASKS[] =
    "SELECT " KPI_TASK_COLS " FROM kpi_stale s CROSS JOIN task t"
    " CROSS JOIN task_kind k WHERE t.first_due = s.day"
    " AND t.assignee_id = s.person_id AND k.name = t.kind"
    " ORDER BY s.person_id, s.day";

const char *const crmi_sql_kpiday[] = { SQL_STALE_TASKS, NULL };

static const char *
col(struct crmi_stmt *st, int i)
{
	return crmi_col_text(st, i);
}

/* Whether the text of column i is a comment, and junk. */
static void
judge(const struct kpirules *r, struct crmi_stmt *st, int i, struct kday *d)
{
	const char	*text = col(st, i);

	if (text == NULL || *text == '\0')
		return;
	d->comments++;
	d->junk += crm_junk_check(&r->junk, text, col(st, 9)) != NULL;
}

/* The fields kind needs in the team: dept, unless the team set its own. */
static int
kind_need(const struct kpirules *r, const char *kind, int dept)
{
	size_t	 i;

	for (i = 0; i < r->nfk; i++)
		if (strcmp(r->fk[i].kind, kind) == 0)
			dept = r->fk[i].need;
	return dept;
}

/*
 * Whether the task has every field its kind needs in the team, and
 * every field the kind it was first given needed: a change of kind does
 * not take a field out of the score.
 */
static int
complete(const struct kpirules *r, struct crmi_stmt *st)
{
	const char	*first = col(st, 14);
	int		 need;

	need = kind_need(r, col(st, 13), crmi_col_int(st, 8));
	if (first != NULL)
		need |= kind_need(r, first, crmi_col_int(st, 15));
	return (need & ~crmi_col_int(st, 12)) == 0;
}

/* Seconds since day 0 of a stored time "YYYY-MM-DD HH:MM:SS"; -1: none. */
static long long
secs(const char *t)
{
	char	 d[11];
	int	 day, h, m, s;

	if (t == NULL || strlen(t) < 19 || sscanf(t + 11, "%2d:%2d:%2d", &h,
	    &m, &s) != 3)
		return -1;
	strlcpy(d, t, sizeof(d));
	if (crm_date_iso(d, &day) != CRM_OK)
		return -1;
	return day * 86400LL + h * 3600 + m * 60 + s;
}

/*
 * A cancel that only took back a slip: crm-undo's of a task-add, or the
 * maker's own within KPI_SLIP_SECS of making the task.
 */
int
crmi_kpi_slip(struct crmi_stmt *st)
{
	const char	*why = col(st, 17);
	long long	 made = secs(col(st, 18)), gone = secs(col(st, 19));

	if (strcmp(col(st, 2), "cancelled") != 0)
		return 0;
	if (why != NULL && strcmp(why, "undo") == 0)
		return 1;
	return crmi_col_int(st, 4) == crmi_col_int(st, 3) && made >= 0 &&
	    gone >= made && gone - made <= KPI_SLIP_SECS;
}

/*
 * The rules that keep the score honest: a task a manager made for
 * themselves and closed the same day is not planned work; lateness is
 * judged against the first due date, which moving a task does not
 * change; a task a head closed on a manager's behalf is the head's
 * record, not the manager's work done on time; a cancel after the first
 * due day is the work not done, unless the head made it.
 */
void
crmi_kpi_task(const struct kpirules *r, struct crmi_stmt *st, struct kday *d)
{
	const char	*due = col(st, 0), *state = col(st, 2);
	const char	*made = col(st, 5), *closed = col(st, 6);
	int64_t		 who = crmi_col_int(st, 1);
	int64_t		 author = crmi_col_int(st, 3);
	int		 cancelled;

	if (due == NULL || state == NULL || made == NULL ||
	    crmi_kpi_slip(st))
		return;
	d->returns += crmi_col_int(st, 16);	/* whatever else it is */
	if (author == who && strcmp(state, "done") == 0 && closed != NULL &&
	    strcmp(made, closed) == 0) {
		/* no plan, but what it says is judged all the same */
		d->selfmade++;
		judge(r, st, 10, d);
		judge(r, st, 11, d);
		return;
	}
	cancelled = strcmp(state, "cancelled") == 0 && (closed == NULL ||
	    strcmp(closed, due) <= 0 || crmi_col_int(st, 4) != who);
	d->planned++;
	if (cancelled)
		d->cancelled++;
	else if (strcmp(state, "done") != 0)
		d->open++;
	else if (crmi_col_int(st, 4) != who)
		d->byhead++;
	else if (closed != NULL && strcmp(closed, due) <= 0)
		d->ontime++;
	else
		d->late++;
	if (!cancelled && strcmp(made, due) < 0) {
		d->ahead++;
		d->linked += (crmi_col_int(st, 12) & 3) != 0;
	}
	d->moves += crmi_col_int(st, 7);
	d->assigned += author != who;
	d->advance += strcmp(made, due) < 0;
	d->complete += complete(r, st);
	judge(r, st, 10, d);
	judge(r, st, 11, d);
}

void
crmi_kpi_day_add(struct crm_kpi_counts *c, const struct kday *d, int past)
{
	c->planned += d->planned;
	c->ontime += d->ontime;
	c->late += d->late;
	c->byhead += d->byhead;
	*(past ? &c->notdone : &c->pending) += d->open;
	c->cancelled += d->cancelled;
	c->moves += d->moves;
	c->selfmade += d->selfmade;
	c->assigned += d->assigned;
	c->advance += d->advance;
	c->complete += d->complete;
	c->comments += d->comments;
	c->junk += d->junk;
	c->returns += d->returns;
}

/* Forget the stored sums of every stale pair. */
static int
forget(struct crm *crm)
{
	struct crmi_stmt	*st, *del;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_STALE_MANY)) == NULL)
		return CRM_EDB;
	rc = crmi_step(st);
	if (rc == CRMI_ROW && crmi_col_int(st, 0) != 0) {
		crmi_reset(st);
		return crmi_exec(crm, SQL_DAYS_ZERO);
	}
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return crmi_dberr(crm, rc);
	if ((st = crmi_stmt(crm, SQL_STALE_EACH)) == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((del = crmi_stmt(crm, SQL_DAY_ZERO)) == NULL) {
			crmi_reset(st);
			return CRM_EDB;
		}
		crmi_bind_col(del, 1, st, 1);
		crmi_bind_int(del, 2, crmi_col_int(st, 0));
		if ((rc = crmi_step(del)) != CRMI_DONE) {
			crmi_reset(del);
			break;
		}
		crmi_reset(del);
	}
	crmi_reset(st);
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/* A day's sums waiting to be stored. */
struct pend {
	char		 day[16];
	int64_t		 who;
	struct kday	 d;
};

/* The upsert of STORE_ROWS days, made the first time it is wanted. */
static const char *
store_sql(void)
{
	size_t	 o;
	int	 r, i;

	if (sql_store_n[0] != '\0')
		return sql_store_n;
	o = strlcpy(sql_store_n, DAY_INSERT_HEAD, sizeof(sql_store_n));
	for (r = 0; r < STORE_ROWS; r++)
		for (i = 1; i <= 18; i++)
			o += snprintf(sql_store_n + o, sizeof(sql_store_n) - o,
			    "%s?%d%s", i == 1 ? (r > 0 ? ", (" : "(") : ", ",
			    18 * r + i, i == 18 ? ")" : "");
	strlcat(sql_store_n, DAY_INSERT_TAIL, sizeof(sql_store_n));
	return sql_store_n;
}

/* The n days of p into kpi_day: STORE_ROWS at once, else one by one. */
static int
store(struct crm *crm, const struct pend *p, size_t n)
{
	struct crmi_stmt	*st;
	const int64_t		*v;
	size_t			 r, i, rows = n == STORE_ROWS ? n : 1;
	int			 rc;

	for (; n > 0; n -= rows, p += rows) {
		if ((st = crmi_stmt(crm, rows > 1 ? store_sql() :
		    SQL_DAY_INSERT)) == NULL)
			return CRM_EDB;
		for (r = 0; r < rows; r++) {
			v = (const int64_t *)&p[r].d;
			crmi_bind_str(st, 18 * r + 1, p[r].day);
			crmi_bind_int(st, 18 * r + 2, p[r].who);
			for (i = 0; i < KDAY_N; i++)
				crmi_bind_int(st, 18 * r + 3 + i, v[i]);
		}
		if ((rc = crmi_step_done(crm, st)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* The days kept on a server, and their number. */
struct kept {
	struct pend	*p;
	size_t		 n, cap;
};

/* Keep the n days of p, for store_fresh(). */
static int
keep(struct crm *crm, struct kept *k, const struct pend *p, size_t n)
{
	struct pend	*q;
	size_t		 cap;

	if (n == 0)	/* k->p may be NULL, which memcpy may not take */
		return CRM_OK;
	if (k->n + n > k->cap) {
		cap = k->cap > 0 ? k->cap * 2 : 1024;
		while (cap < k->n + n)
			cap *= 2;
		if ((q = reallocarray(k->p, cap, sizeof(*q))) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		k->p = q;
		k->cap = cap;
	}
	memcpy(k->p + k->n, p, n * sizeof(*p));
	k->n += n;
	return CRM_OK;
}

/* The days kept, by COPY into kpi_fresh, then into kpi_day. */
static int
store_fresh(struct crm *crm, const struct kept *k)
{
	char		 num[2 + KDAY_N][24], *f[2 + KDAY_N];
	const int64_t	*v;
	size_t		 r, i;
	int		 rc;

	if (k->n == 0)
		return CRM_OK;
	if ((rc = crmi_exec(crm, SQL_FRESH_MAKE)) != CRM_OK)
		return rc;
	if ((rc = crm->drv->copy_begin(crm->store, "kpi_fresh", KDAY_COLS,
	    0)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	for (r = 0; rc == CRMI_SOK && r < k->n; r++) {
		v = (const int64_t *)&k->p[r].d;
		f[0] = (char *)k->p[r].day;
		snprintf(num[1], sizeof(num[1]), "%lld", (long long)k->p[r].who);
		f[1] = num[1];
		for (i = 0; i < KDAY_N; i++) {
			snprintf(num[2 + i], sizeof(num[0]), "%lld",
			    (long long)v[i]);
			f[2 + i] = num[2 + i];
		}
		rc = crm->drv->copy_row(crm->store, f, 2 + KDAY_N);
	}
	if (rc == CRMI_SOK)
		rc = crm->drv->copy_end(crm->store, 0);
	else
		(void)crm->drv->copy_end(crm->store, 1);
	if (rc != CRMI_SOK)
		return crmi_dberr(crm, rc);
	if ((rc = crmi_exec(crm, SQL_FRESH_STORE)) != CRM_OK)
		return rc;
	return crmi_exec(crm, SQL_FRESH_EMPTY);
}

/*
 * The days kept on a server: a few (a command's) STORE_ROWS an upsert,
 * as here; past 64 (a batch, an import) all at once (store_fresh()).
 */
static int
store_kept(struct crm *crm, const struct kept *k)
{
	size_t	 i, n;
	int	 rc = CRM_OK;

	if (k->n > 64)
		return store_fresh(crm, k);
	for (i = 0; rc == CRM_OK && i < k->n; i += n) {
		n = k->n - i >= STORE_ROWS ? STORE_ROWS : k->n - i;
		rc = store(crm, k->p + i, n);
	}
	return rc;
}

/*
 * Sum the stale pairs' tasks, a pair at a time, into kpi_day: on a
 * server all at the end (store_kept()); here STORE_ROWS at a time.
 */
static int
sum_stale(struct crm *crm)
{
	struct ctx		 x;
	struct kpirules		 r;
	struct pend		 p[STORE_ROWS];
	struct kept		 k;
	struct crmi_stmt	*st;
	size_t			 n = 0;
	int64_t			 rules = 0;
	int			 rc, src = CRM_OK, server;

	memset(&x, 0, sizeof(x));
	memset(&k, 0, sizeof(k));
	x.crm = crm;
	server = (crmi_caps(crm) & CRMI_STORE_COPY) != 0;
	if ((st = crmi_stmt(crm, SQL_STALE_TASKS)) == NULL)
		return CRM_EDB;
	while (src == CRM_OK && (rc = crmi_step(st)) == CRMI_ROW) {
		if (n == 0 || crmi_col_int(st, 1) != p[n - 1].who ||
		    strcmp(col(st, 0), p[n - 1].day) != 0) {
			/* the statement's rows are bound until it is reset:
			 * only the days kept here go to the upsert */
			if (n == STORE_ROWS) {
				if ((src = server ? keep(crm, &k, p, n) :
				    store(crm, p, n)) != CRM_OK)
					break;
				n = 0;
			}
			memset(&p[n], 0, sizeof(p[n]));
			p[n].who = crmi_col_int(st, 1);
			strlcpy(p[n].day, col(st, 0), sizeof(p[n].day));
			n++;
		}
		if (rules != p[n - 1].who || rules == 0) {
			memset(&r, 0, sizeof(r));
			if ((src = crmi_kpi_rules(&x, p[n - 1].who, &r)) !=
			    CRM_OK)
				break;
			rules = p[n - 1].who;
		}
		crmi_kpi_task(&r, st, &p[n - 1].d);
	}
	crmi_reset(st);
	if (src == CRM_OK && rc != CRMI_DONE)
		src = crmi_dberr(crm, rc);
	if (src == CRM_OK && server && (src = keep(crm, &k, p, n)) == CRM_OK)
		src = store_kept(crm, &k);
	else if (src == CRM_OK)
		src = store(crm, p, n);
	free(k.p);
	crmi_kpi_kinds_free(&x);
	return src;
}

int
crmi_kpi_stale(struct crm *crm)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_STALE_ANY)) == NULL)
		return -1;
	rc = crmi_step(st);
	crmi_reset(st);
	if (rc == CRMI_ROW || rc == CRMI_DONE)
		return rc == CRMI_ROW;
	crmi_dberr(crm, rc);
	return -1;
}

int
crmi_kpi_refresh(struct crm *crm)
{
	int	 rc;

	if ((rc = crmi_kpi_stale(crm)) <= 0)
		return rc < 0 ? CRM_EDB : CRM_OK;
	if ((rc = forget(crm)) != CRM_OK || (rc = sum_stale(crm)) != CRM_OK)
		return rc;
	return crmi_exec(crm, "DELETE FROM kpi_stale");
}

int
crm_kpi_rebuild(struct crm *crm)
{
	int	 rc;

	if ((rc = crm_rule_may(crm)) != CRM_OK ||
	    (rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, crmi_exec(crm, crmi_sql_kpifill));
}

/*
 * A batch's triggers (crmi_bulk_begin() in crm_int.h): the two that fire
 * once a row of a batch, each in a frame of its own.  The driver gives
 * their text as the schema has it, so that they come back the same.
 */
static const char *const bulk_name[] = { "kpi_task_insert",
    "audit_append_only" };
static const char SQL_BULK_FROM[] = "SELECT coalesce(max(id), 0) + 1 FROM task";
/* what kpi_task_insert does a row, for the batch's rows at once */
static const char SQL_BULK_MARK[] =
    "INSERT INTO kpi_stale (person_id, day) SELECT assignee_id, first_due"
    " FROM task WHERE id >= ?1 ON CONFLICT DO NOTHING";

void
crmi_bulk_forget(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < sizeof(crm->bulk_sql) / sizeof(crm->bulk_sql[0]); i++) {
		free(crm->bulk_sql[i]);
		crm->bulk_sql[i] = NULL;
	}
	crm->bulk = 0;
	crm->bulk_from = 0;
}

void
crmi_bulk_note(struct crm *crm, int64_t id)
{
	if (crm->bulk && id < crm->bulk_from)
		crm->bulk_from = id;
}

int
crmi_bulk_begin(struct crm *crm)
{
	struct crmi_stmt	*st;
	size_t			 i;
	int			 rc;

	if (!crm->intx || crm->bulk || !(crmi_caps(crm) & CRMI_STORE_TRIGOFF))
		return CRM_OK;
	if ((st = crmi_stmt(crm, SQL_BULK_FROM)) == NULL)
		return CRM_EDB;
	rc = crmi_step(st);
	crm->bulk_from = rc == CRMI_ROW ? crmi_col_int(st, 0) : 0;
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return crmi_dberr(crm, rc);
	crm->bulk = 1;
	for (i = 0; i < sizeof(bulk_name) / sizeof(bulk_name[0]); i++)
		if ((rc = crm->drv->trigger_off(crm->store, bulk_name[i],
		    &crm->bulk_sql[i])) != CRMI_SOK)
			return crmi_dberr(crm, rc);
	return CRM_OK;
}

int
crmi_kpi_mark(struct crm *crm, int64_t from)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, SQL_BULK_MARK)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, from);
	return crmi_step_done(crm, st);
}

int
crmi_bulk_end(struct crm *crm)
{
	size_t	 i;
	int	 rc;

	if (!crm->bulk)
		return CRM_OK;
	if (crm->bulk_sql[0] != NULL &&
	    (rc = crmi_kpi_mark(crm, crm->bulk_from)) != CRM_OK)
		return rc;
	for (i = 0; i < sizeof(bulk_name) / sizeof(bulk_name[0]); i++)
		if (crm->bulk_sql[i] != NULL &&
		    (rc = crmi_exec(crm, crm->bulk_sql[i])) != CRM_OK)
			return rc;
	crmi_bulk_forget(crm);
	return CRM_OK;
}

/*
 * planset.c: what the checks of plan.c read, for many people at once:
 * each statement names the people it reads (WHO_IN) rather than one of
 * them, and each row goes to its person's check (issue 28: on a server
 * a statement a person is a round trip a person).  The paste rule of
 * the KPI reads its tasks and their windows here too.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "plan_int.h"

/*
 * The people a check reads, in one statement however many they are
 * (issue 28): the person ?1, or with ?1 0 everyone the actor sees (?2 1
 * for all, else the actor ?3 and the team of the head ?4).  Each row
 * names its person, whose check keeps it.
 */
#define WHO_IN " IN (SELECT id FROM person WHERE id = ?1 OR (?1 = 0" \
    " AND (?2 = 1 OR id = ?3 OR head_id = ?4)))"

/*
 * The results of the paste window ?5 to ?6 of everyone checked, in the
 * index's order: the paste rule counts tasks, which any order gives.
 * Tasks with no result are not sent (most of a window: the open ones).
 */
static const char SQL_TEXTS_SET[] = "SELECT id, result, due_date,"
    " assignee_id FROM task WHERE assignee_id" WHO_IN
    " AND due_date BETWEEN ?5 AND ?6 AND state <> 'cancelled'"
    " AND coalesce(result, '') <> ''";

/*
 * The KPI's tasks of everyone (first due ?5 to ?6), for the paste rule
 * judged as plan-check judges it on each task's due date.
 */
static const char SQL_KPI_TEXTS_SET[] = "SELECT id, result, due_date,"
    " first_due, title, assignee_id FROM task WHERE assignee_id" WHO_IN
    " AND first_due BETWEEN ?5 AND ?6 AND state <> 'cancelled'"
    " AND coalesce(result, '') <> ''";

/* The kinds, in the order the day's size names them. */
static const char SQL_KINDS[] = "SELECT name FROM task_kind"
    " ORDER BY pos, name";

/* The tasks of the day, with the fields their kind needs. */
static const char SQL_TASKS_SET[] = "SELECT t.id, t.kind, t.title, t.note,"
    " t.result, t.client_id IS NULL, t.deal_id IS NULL,"
    " t.due_time IS NULL, COALESCE(t.note, '') = '',"
    " k.need_client, k.need_deal, k.need_time, k.need_note, t.assignee_id"
    " FROM task t JOIN task_kind k ON k.name = t.kind"
    " WHERE t.assignee_id" WHO_IN " AND t.due_date = ?5"
    " AND t.state <> 'cancelled' ORDER BY t.assignee_id, t.id";

/* What is still open from before the day. */
static const char SQL_OVERDUE_SET[] = "SELECT id, due_date, title,"
    " assignee_id FROM task WHERE assignee_id" WHO_IN
    " AND state = 'open' AND due_date < ?5"
    " ORDER BY assignee_id, due_date, id";

const char *const crmi_sql_plan[] = {
	SQL_TEXTS_SET, SQL_TASKS_SET, SQL_OVERDUE_SET, SQL_KPI_TEXTS_SET,
	NULL
};

/* The check of person id, or NULL when none is asked for. */
static struct pc *
pc_of(struct plans *pl, int64_t id)
{
	size_t	 lo = 0, hi = pl->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (pl->c[pl->by[mid]].pid < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pl->n && pl->c[pl->by[lo]].pid == id ?
	    &pl->c[pl->by[lo]] : NULL;
}

static const struct plans *by_pl;	/* for by_cmp, within qsort */

static int
by_cmp(const void *a, const void *b)
{
	int64_t	 x = by_pl->c[*(const size_t *)a].pid;
	int64_t	 y = by_pl->c[*(const size_t *)b].pid;

	return x < y ? -1 : x > y;
}

/* pl->by: the people's places in order of id, for pc_of. */
static int
sort_by(struct plans *pl)
{
	size_t	 i;

	if ((pl->by = reallocarray(NULL, pl->n + 1, sizeof(*pl->by))) ==
	    NULL)
		return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < pl->n; i++)
		pl->by[i] = i;
	by_pl = pl;
	qsort(pl->by, pl->n, sizeof(*pl->by), by_cmp);
	return CRM_OK;
}

/* The statement sql over the people checked, its dates d1 (and d2). */
static struct crmi_stmt *
set_stmt(struct plans *pl, const char *sql, const char *d1,
    const char *d2)
{
	struct crm		*crm = pl->crm;
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return NULL;
	crmi_bind_int(st, 1, pl->n == 1 ? pl->c[0].pid : 0);
	crmi_bind_int(st, 2, pl->all);
	crmi_bind_int(st, 3, pl->self);
	crmi_bind_int(st, 4, pl->team);
	crmi_bind_str(st, 5, d1);
	if (d2 != NULL)
		crmi_bind_str(st, 6, d2);
	return st;
}

/*
 * The results due from f to t (SQL_TEXTS_SET), each into its person's
 * check where it falls in the window the check needs: plan-check's (the
 * check's lo on) or, when kpi, the KPI's (the person's period less the
 * window's days, to the latest due date among the person's tasks).
 */
static int
read_window(struct plans *pl, const char *f, const char *t, int kpi)
{
	struct crmi_stmt	*st;
	struct pc		*c;
	int			 rc = CRM_OK, s, due, in;

	if ((st = set_stmt(pl, SQL_TEXTS_SET, f, t)) == NULL)
		return CRM_EDB;
	while (rc == CRM_OK && (s = crmi_step(st)) == CRMI_ROW) {
		if ((c = pc_of(pl, crmi_col_int(st, 3))) == NULL)
			continue;
		due = 0;
		crm_date_iso(crmi_col_text(st, 2), &due);
		if (kpi)
			in = c->nkt > 0 && due >= c->kfrom - (int)c->days &&
			    due <= c->klast;
		else
			in = c->paste > 0 && due >= c->lo;
		if (in)
			rc = crmi_plan_text(c, crmi_col_int(st, 0), due,
			    crmi_col_text(st, 1));
	}
	if (rc == CRM_OK && s != CRMI_DONE)
		rc = crmi_dberr(pl->crm, s);
	crmi_reset(st);
	return rc;
}

/* The results of everyone's paste window, each into its check. */
static int
read_texts(struct plans *pl, const char *day)
{
	size_t	 i;
	char	 since[11];
	int	 lo = INT_MAX;

	for (i = 0; i < pl->n; i++)
		if (pl->c[i].paste > 0 && pl->c[i].lo < lo)
			lo = pl->c[i].lo;
	if (lo == INT_MAX)
		return CRM_OK;
	crm_date_fmt(lo, since);
	return read_window(pl, since, day, 0);
}

static int
kind_fill(struct crmi_stmt *st, void *elem)
{
	return (*(char **)elem = strdup(crmi_col_text(st, 0))) == NULL ?
	    -1 : 0;
}

/*
 * Room for everyone's count of each kind on the day, which task_row
 * counts from the day's tasks (the size is theirs: not cancelled).
 */
static int
read_kinds(struct plans *pl)
{
	void	*arr = NULL;
	size_t	 i;
	int	 rc;

	rc = crmi_rows(pl->crm, SQL_KINDS, &arr, &pl->nkinds,
	    sizeof(*pl->kinds), kind_fill);
	pl->kinds = arr;
	if (rc != CRM_OK)
		return rc;
	for (i = 0; i < pl->n; i++)
		if ((pl->c[i].size = calloc(pl->nkinds + 1,
		    sizeof(*pl->c[i].size))) == NULL)
			return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* Task t of c's day in its kind's count, when the size is asked for. */
static void
count_kind(struct plans *pl, struct pc *c, const struct daytask *t)
{
	size_t	 k;

	if (c->size == NULL || t->kind == NULL)
		return;
	for (k = 0; k < pl->nkinds; k++)
		if (strcmp(pl->kinds[k], t->kind) == 0)
			break;
	if (k == pl->nkinds)
		return;
	c->size[k][0]++;
	/* With a client or a deal: it fills the plan (plan.filler). */
	if ((t->lacks & 3) != 3)
		c->size[k][1]++;
}

/* A copy of column i of st's row (NULL stays NULL); -1: out of memory. */
static int
col_dup(struct crmi_stmt *st, int i, char **to)
{
	const char	*v = crmi_col_text(st, i);

	*to = NULL;
	return v != NULL && (*to = strdup(v)) == NULL ? -1 : 0;
}

/*
 * The rows of sql for the day, each handed to fn with the check of the
 * person in column pcol (rows of people not asked for are passed over);
 * fn returns -1 when out of memory.
 */
static int
each_row(struct plans *pl, const char *sql, const char *day, int pcol,
    int (*fn)(struct plans *, struct pc *, struct crmi_stmt *))
{
	struct crmi_stmt	*st;
	struct pc		*c;
	int			 s, bad = 0;

	if ((st = set_stmt(pl, sql, day, NULL)) == NULL)
		return CRM_EDB;
	while (!bad && (s = crmi_step(st)) == CRMI_ROW)
		if ((c = pc_of(pl, crmi_col_int(st, pcol))) != NULL)
			bad = fn(pl, c, st) == -1;
	crmi_reset(st);
	if (bad)
		return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	return s == CRMI_DONE ? CRM_OK : crmi_dberr(pl->crm, s);
}

/* A task of the day (SQL_TASKS_SET) into its check. */
static int
task_row(struct plans *pl, struct pc *c, struct crmi_stmt *st)
{
	struct daytask	*t;
	int		 i;

	if ((t = reallocarray(c->tasks, c->ntasks + 1, sizeof(*t))) == NULL)
		return -1;
	c->tasks = t;
	t += c->ntasks++;
	memset(t, 0, sizeof(*t));
	t->id = crmi_col_int(st, 0);
	if (col_dup(st, 1, &t->kind) || col_dup(st, 2, &t->title) ||
	    col_dup(st, 3, &t->note) || col_dup(st, 4, &t->result))
		return -1;
	for (i = 0; i < 4; i++) {
		t->lacks |= (crmi_col_int(st, 5 + i) != 0) << i;
		t->needs |= (int)crmi_col_int(st, 9 + i) << i;
	}
	count_kind(pl, c, t);
	return 0;
}

/* An open task from before the day (SQL_OVERDUE_SET) into its check. */
static int
late_row(struct plans *pl, struct pc *c, struct crmi_stmt *st)
{
	struct late	*l;

	if ((l = reallocarray(c->late, c->nlate + 1, sizeof(*l))) == NULL)
		return -1;
	c->late = l;
	l += c->nlate++;
	memset(l, 0, sizeof(*l));
	l->id = crmi_col_int(st, 0);
	return col_dup(st, 1, &l->due) || col_dup(st, 2, &l->title) ? -1 : 0;
}

int
crmi_plan_read(struct plans *pl, int day, int workday)
{
	char	 d[11];
	int	 rc;

	crm_date_fmt(day, d);
	if ((rc = sort_by(pl)) != CRM_OK ||
	    (rc = read_texts(pl, d)) != CRM_OK ||
	    (workday && (rc = read_kinds(pl)) != CRM_OK) ||
	    (rc = each_row(pl, SQL_TASKS_SET, d, 13, task_row)) != CRM_OK)
		return rc;
	return each_row(pl, SQL_OVERDUE_SET, d, 3, late_row);
}

/*
 * Each person's KPI tasks of the period (first due from the person's
 * kfrom to to) with a result that is not junk already, and the latest
 * due date among them.
 */
static int
kpi_texts(struct plans *pl, int from, int to)
{
	struct crmi_stmt	*st;
	struct kpitext		*p;
	struct pc		*c;
	const char		*r;
	char			 f[11], t[11];
	int			 rc, first;

	crm_date_fmt(from, f);
	crm_date_fmt(to, t);
	if ((st = set_stmt(pl, SQL_KPI_TEXTS_SET, f, t)) == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((c = pc_of(pl, crmi_col_int(st, 5))) == NULL ||
		    c->paste <= 0)
			continue;
		first = 0;
		crm_date_iso(crmi_col_text(st, 3), &first);
		r = crmi_col_text(st, 1);
		if (first < c->kfrom || r == NULL || *r == '\0' ||
		    crm_junk_check(&c->junk, r, crmi_col_text(st, 4)) != NULL)
			continue;
		if ((p = reallocarray(c->kt, c->nkt + 1, sizeof(*p))) == NULL)
			break;
		c->kt = p;
		p += c->nkt;
		p->first = first;
		p->due = 0;
		crm_date_iso(crmi_col_text(st, 2), &p->due);
		if ((p->result = strdup(r)) == NULL)
			break;
		c->nkt++;
		if (p->due > c->klast)
			c->klast = p->due;
	}
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(pl->crm, rc);
}

/*
 * The results of the windows the KPI's tasks need: of each person from
 * their period's start less the window's days to the latest due date
 * among their tasks, not every result since.
 */
static int
kpi_windows(struct plans *pl)
{
	struct pc	*c;
	char		 f[11], t[11];
	size_t		 i;
	int		 lo = INT_MAX, hi = 0;

	for (i = 0; i < pl->n; i++) {
		c = &pl->c[i];
		if (c->nkt == 0)
			continue;
		if (c->kfrom - (int)c->days < lo)
			lo = c->kfrom - (int)c->days;
		if (c->klast > hi)
			hi = c->klast;
	}
	/* None: asked all the same, so that the round trips are as many. */
	if (lo == INT_MAX) {
		strlcpy(f, "1", sizeof(f));
		strlcpy(t, "0", sizeof(t));
	} else {
		crm_date_fmt(lo, f);
		crm_date_fmt(hi, t);
	}
	return read_window(pl, f, t, 1);
}

/* The rules of the paste rule for person c->pid. */
static int
paste_rules(struct pc *c)
{
	int	 rc;

	if ((rc = crmi_junk_person(c->crm, c->pid, &c->junk)) == CRM_OK &&
	    (rc = crm_rule_person_int(c->crm, "junk.paste", c->pid, 5,
	    &c->paste)) == CRM_OK)
		rc = crm_rule_person_int(c->crm, "junk.paste.days", c->pid,
		    30, &c->days);
	return rc;
}

int
crmi_plan_paste_each(struct crm *crm, const int64_t *ids, const int *from,
    size_t n, int to, int64_t team, void (*fn)(size_t, int, void *),
    void *arg)
{
	struct plans	 pl;
	struct pc	*c;
	size_t		 i, j;
	int		 rc = CRM_OK, lo = INT_MAX;

	memset(&pl, 0, sizeof(pl));
	pl.crm = crm;
	pl.all = team == 0;
	pl.self = pl.team = team;
	if (n == 0)
		return CRM_OK;
	if ((pl.c = calloc(n, sizeof(*pl.c))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	pl.n = n;
	for (i = 0; i < n && rc == CRM_OK; i++) {
		c = &pl.c[i];
		c->crm = crm;
		c->pid = ids[i];
		c->kfrom = from[i];
		if ((rc = paste_rules(c)) == CRM_OK && c->paste > 0 &&
		    from[i] <= to && from[i] < lo)
			lo = from[i];
		if (from[i] > to)
			c->paste = 0;
	}
	if (rc == CRM_OK && lo != INT_MAX && (rc = sort_by(&pl)) == CRM_OK &&
	    (rc = kpi_texts(&pl, lo, to)) == CRM_OK)
		rc = kpi_windows(&pl);
	for (i = 0; i < n && rc == CRM_OK; i++) {
		c = &pl.c[i];
		for (j = 0; j < c->nkt; j++) {
			c->lo = c->kt[j].due - (int)c->days;
			c->hi = c->kt[j].due;
			if (crmi_plan_pasted(c, c->kt[j].result) >= c->paste)
				fn(i, c->kt[j].first, arg);
		}
	}
	for (i = 0; i < n; i++)
		crmi_plan_clear(&pl.c[i]);
	free(pl.by);
	free(pl.c);
	return rc;
}

/*
 * kpi.c: how well each manager uses the CRM, what they sold, and whether
 * the two go together, for the head's monthly review.
 *
 * The tasks' part is read from each person's stored days (kpi_day,
 * lib/kpiday.c, where the rules that keep the score honest are), so that
 * the cost grows with people and days, never with tasks; days a change
 * by hand left stale are counted from their tasks.  The same rows hold
 * each person's sales of the day, which triggers keep (schema.c,
 * m_kpisales) and never leave stale.  The clock's part (open tasks past
 * the period's cut) and the calendar's are worked out here, at report
 * time.  CRM_KPI_SCRATCH counts every task, deal and document of the
 * period instead, as the tests' reference.
 */
#include <sys/types.h>

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "kpi_int.h"

/*
 * From scratch (CRM_KPI_SCRATCH set, and the tests that compare): the
 * tasks of the period, one row each, streamed and sorted into counts as
 * they come: one pass, no sorting or grouping in SQL, memory by people
 * and days.
 */
#define TASKS_SELECT \
    "SELECT " KPI_TASK_COLS " FROM task t JOIN task_kind k ON k.name = t.kind" \
    " WHERE t.first_due BETWEEN ?2 AND ?3"

/*
 * For a few people, one statement each over the index on (assignee, due
 * date); for many, one scan of the table: the index would fetch each
 * person's tasks from all over it, one page a task.
 */
static const char SQL_TASKS_ONE[] = TASKS_SELECT " AND t.assignee_id = ?1";
static const char SQL_TASKS_ALL[] = TASKS_SELECT;

/*
 * Filler: the tasks with no client and no deal, which fill no plan
 * where the team's plan.filler is 0 (plan.c), and so are no planned
 * work either: taken out of the sums, stored or from scratch, at report
 * time, as plan.filler is applied at report time.
 */
#define FILLER_SELECT \
    TASKS_SELECT " AND t.client_id IS NULL AND t.deal_id IS NULL"
static const char SQL_FILLER_ONE[] = FILLER_SELECT " AND t.assignee_id = ?1";
static const char SQL_FILLER_ALL[] = FILLER_SELECT;
/*
 * The tasks the head returned: a return costs its points once
 * (kpi.return), and the redo it forces is no lateness of the person's
 * as well; taken out of late and not done at report time.
 */
#define RETURNED_SELECT	TASKS_SELECT " AND t.returns > 0"
static const char SQL_RETURNED_ONE[] = RETURNED_SELECT
    " AND t.assignee_id = ?1";
static const char SQL_RETURNED_ALL[] = RETURNED_SELECT;
/* The cancelled tasks, of which the slips are counted for the card. */
#define CANCEL_SELECT	TASKS_SELECT " AND t.state = 'cancelled'"
static const char SQL_CANCEL_ONE[] = CANCEL_SELECT " AND t.assignee_id = ?1";
static const char SQL_CANCEL_ALL[] = CANCEL_SELECT;

/*
 * The stored figures (kpiday.c): the days of the period that are not
 * stale, and the tasks of the pairs still stale.
 */
#define SALE_COLS \
    "d.opened, d.won, d.profit, d.wonsum, d.lost, d.contracts," \
    " d.invoices, d.invoiced, d.paid"
#define DAYS_SELECT \
    "SELECT d.day, d.person_id, d.planned, d.ontime, d.late, d.byhead," \
    " d.open, d.cancelled, d.moves, d.selfmade, d.assigned, d.advance," \
    " d.complete, d.comments, d.junk, d.ahead, d.returns, d.linked, " \
    SALE_COLS \
    " FROM kpi_day d WHERE d.day BETWEEN ?2 AND ?3"
#define NOT_STALE \
    " AND NOT EXISTS (SELECT 1 FROM kpi_stale s" \
    " WHERE s.person_id = d.person_id AND s.day = d.day)"
/*
 * (s.day || '': an expression, so that SQLite does not carry the range of
 * s.day over to t.first_due and walk the person's period for each stale
 * day, by task_assignee_first, instead of the day's tasks.)
 */
#define STALE_SELECT \
    "SELECT " KPI_TASK_COLS " FROM kpi_stale s CROSS JOIN task t" \
    " CROSS JOIN task_kind k WHERE s.day BETWEEN ?2 AND ?3" \
    " AND t.first_due = s.day || '' AND t.assignee_id = s.person_id" \
    " AND k.name = t.kind"

static const char SQL_DAYS_ONE[] = DAYS_SELECT NOT_STALE
    " AND d.person_id = ?1";
static const char SQL_DAYS_ALL[] = DAYS_SELECT NOT_STALE;
/* Nothing stale, as after every command of the tools: no lookup a day. */
static const char SQL_CLEAN_ONE[] = DAYS_SELECT " AND d.person_id = ?1";
static const char SQL_CLEAN_ALL[] = DAYS_SELECT;
static const char SQL_STALE_ONE[] = STALE_SELECT " AND s.person_id = ?1";
static const char SQL_STALE_ALL[] = STALE_SELECT;
/* The sales of the stale pairs, which the triggers never leave stale. */
#define STALE_SALES \
    "SELECT d.day, d.person_id, " SALE_COLS " FROM kpi_stale s" \
    " CROSS JOIN kpi_day d WHERE s.day BETWEEN ?2 AND ?3" \
    " AND d.day = s.day AND d.person_id = s.person_id"
static const char SQL_STALE_SALES_ONE[] = STALE_SALES
    " AND s.person_id = ?1";
static const char SQL_STALE_SALES_ALL[] = STALE_SALES;

const char *const crmi_sql_kpi[] = { SQL_TASKS_ONE, SQL_TASKS_ALL,
    SQL_DAYS_ONE, SQL_DAYS_ALL, SQL_STALE_ONE, SQL_STALE_ALL,
    SQL_CLEAN_ONE, SQL_CLEAN_ALL, SQL_STALE_SALES_ONE, SQL_STALE_SALES_ALL,
    SQL_FILLER_ONE, SQL_FILLER_ALL, SQL_RETURNED_ONE, SQL_RETURNED_ALL,
    SQL_CANCEL_ONE, SQL_CANCEL_ALL, NULL };


const char *
crm_kpi_verdict_name(enum crm_kpi_verdict v)
{
	switch (v) {
	case CRM_KPI_REWARD:
		return "reward";
	case CRM_KPI_PENALTY:
		return "penalty";
	case CRM_KPI_NODATA:
		return "nodata";
	default:
		return "nothing";
	}
}

int
crmi_kpi_week(const struct crm_kpi *k, int day)
{
	return (day - crm_date_wday(day) - k->week0) / 7;
}

static int
span_init(struct ctx *x, struct span *sp, int from, int to, int cur)
{
	int	 d, w;

	sp->from = from;
	sp->to = to;
	sp->cur = cur;
	sp->upto = to < x->today ? to : x->today;
	sp->ndays = to - from + 1;
	sp->cutday = to < x->today ? to + 1 : x->today;
	sp->work = calloc(sp->ndays, 1);
	sp->plan = reallocarray(NULL, x->k->npeople + 1,
	    sp->ndays * sizeof(int));
	if (sp->work == NULL || sp->plan == NULL)
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	memset(sp->plan, 0, (x->k->npeople + 1) * sp->ndays * sizeof(int));
	for (d = from; d <= to; d++) {
		if ((w = crm_workday(x->crm, d)) < 0)
			return CRM_EDB;
		sp->work[d - from] = w;
	}
	return CRM_OK;
}

/* Bind person, from and to. */
static struct crmi_stmt *
prep(struct ctx *x, const char *sql, int64_t who, const struct span *sp)
{
	struct crmi_stmt	*st;
	char			 f[11], t[11];

	if ((st = crmi_stmt(x->crm, sql)) == NULL)
		return NULL;
	crm_date_fmt(sp->from, f);
	crm_date_fmt(sp->to, t);
	crmi_bind_int(st, 1, who);
	crmi_bind_copy(st, 2, f);
	crmi_bind_copy(st, 3, t);
	return st;
}

/*
 * The day number of column 0, or -1 when it is not a date; the rows come
 * a day at a time, so the last one's text and number are kept in last
 * and *lastd.
 */
static int
row_day(struct crmi_stmt *st, char last[16], int *lastd)
{
	const char	*s = crmi_col_text(st, 0);
	int		 d;

	if (s == NULL)
		return -1;
	if (strcmp(s, last) == 0)
		return *lastd;
	if (crm_date_iso(s, &d) != CRM_OK)
		d = -1;
	if (strlcpy(last, s, 16) < 16)
		*lastd = d;
	else
		last[0] = '\0';
	return d;
}

/* The person of column 1, by index, or -1 when not in the report. */
static ssize_t
row_person(struct ctx *x, struct crmi_stmt *st)
{
	int64_t	 id = crmi_col_int(st, 1);
	size_t	 lo = 0, hi = x->k->npeople, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (x->byid[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < x->k->npeople && x->byid[lo].id == id)
		return x->byid[lo].i;
	return -1;
}

/*
 * A day's sums of person i into the period's counts, its week's, and the
 * day's plan.
 */
static void
day_sums(struct ctx *x, struct span *sp, size_t i, int d,
    const struct kday *one)
{
	struct crm_kpi_person	*p = &x->k->people[i];
	struct crm_kpi_counts	 c;

	memset(&c, 0, sizeof(c));
	crmi_kpi_day_add(&c, one, d < sp->cutday);
	sp->plan[i * sp->ndays + (d - sp->from)] += x->rs[i].filler ?
	    one->ahead : one->linked;
	crmi_kpi_sum(sp->cur ? &p->c : &p->prev, &c);
	if (sp->cur)
		crmi_kpi_sum(&p->week[crmi_kpi_week(x->k, d)], &c);
}

/* A task, judged by its person's rules. */
static void
task_row(struct ctx *x, struct span *sp, struct crmi_stmt *st, size_t i,
    int d)
{
	struct kday	 one;

	memset(&one, 0, sizeof(one));
	crmi_kpi_task(&x->rs[i], st, &one);
	day_sums(x, sp, i, d, &one);
}

/*
 * A filler task of person i, where filler fills no plan: out of every
 * figure day_sums() put it in (planned, done, ahead, fields...), counted
 * as filler instead.  Its comments stay judged, and its returns stay
 * counted, as a same-day task's.
 */
static void
filler_row(struct ctx *x, struct span *sp, struct crmi_stmt *st, size_t i,
    int d)
{
	struct crm_kpi_person	*p = &x->k->people[i];
	struct crm_kpi_counts	 c;
	struct kday		 one;
	int64_t			*v = (int64_t *)&one;
	size_t			 j;

	if (x->rs[i].filler)
		return;
	memset(&one, 0, sizeof(one));
	crmi_kpi_task(&x->rs[i], st, &one);
	if (one.planned == 0)	/* same-day or a slip: out already */
		return;
	for (j = 0; j < KDAY_N; j++)
		v[j] = -v[j];
	one.selfmade = one.comments = one.junk = one.returns = 0;
	memset(&c, 0, sizeof(c));
	crmi_kpi_day_add(&c, &one, d < sp->cutday);
	c.filler = 1;
	crmi_kpi_sum(sp->cur ? &p->c : &p->prev, &c);
	if (sp->cur)
		crmi_kpi_sum(&p->week[crmi_kpi_week(x->k, d)], &c);
}

/*
 * A task of person i the head returned, counted once: by its returns'
 * points.  Done again after its first due date it is not late; open
 * again it waits (pending), not undone.  A filler task left out of the
 * plan is out of both already.
 */
static void
returned_row(struct ctx *x, struct span *sp, struct crmi_stmt *st,
    size_t i, int d)
{
	struct crm_kpi_person	*p = &x->k->people[i];
	struct crm_kpi_counts	 c;
	struct kday		 one;

	if (!x->rs[i].filler && (crmi_col_int(st, 12) & 3) == 0)
		return;
	memset(&one, 0, sizeof(one));
	crmi_kpi_task(&x->rs[i], st, &one);
	memset(&c, 0, sizeof(c));
	c.late = -one.late;
	if (d < sp->cutday) {
		c.notdone = -one.open;
		c.pending = one.open;
	}
	crmi_kpi_sum(sp->cur ? &p->c : &p->prev, &c);
	if (sp->cur)
		crmi_kpi_sum(&p->week[crmi_kpi_week(x->k, d)], &c);
}

/* A cancelled task of person i: a slip is in no figure, but counted. */
static void
slip_row(struct ctx *x, struct span *sp, struct crmi_stmt *st, size_t i,
    int d)
{
	struct crm_kpi_person	*p = &x->k->people[i];

	if (!crmi_kpi_slip(st))
		return;
	(sp->cur ? &p->c : &p->prev)->slips++;
	if (sp->cur)
		p->week[crmi_kpi_week(x->k, d)].slips++;
}

/* The counts of kpi_day's sales columns (SALE_COLS), in their order. */
#define OFF(f)	offsetof(struct crm_kpi_counts, f)

static const size_t sale_cols[] = { OFF(opened), OFF(won), OFF(profit),
    OFF(wonsum), OFF(lost), OFF(contracts), OFF(invoices), OFF(invoiced),
    OFF(paid) };

/* A stored day's sales of person i, from column col0 of st on. */
static void
stored_sales(struct ctx *x, struct span *sp, struct crmi_stmt *st,
    int col0, size_t i, int d)
{
	struct crm_kpi_person	*p = &x->k->people[i];
	char			*to = (char *)(sp->cur ? &p->c : &p->prev);
	char			*wk = sp->cur ?
				    (char *)&p->week[crmi_kpi_week(x->k, d)] : NULL;
	int64_t			 v;
	size_t			 j;

	for (j = 0; j < sizeof(sale_cols) / sizeof(sale_cols[0]); j++) {
		if ((v = crmi_col_int(st, col0 + j)) == 0)
			continue;
		*(int64_t *)(to + sale_cols[j]) += v;
		if (wk != NULL)
			*(int64_t *)(wk + sale_cols[j]) += v;
	}
}

/* A stored day (kpi_day): its tasks' sums and its sales. */
static void
day_row(struct ctx *x, struct span *sp, struct crmi_stmt *st, size_t i, int d)
{
	struct kday	 one;
	int64_t		*v = (int64_t *)&one;
	size_t		 j;

	for (j = 0; j < KDAY_N; j++)
		v[j] = crmi_col_int(st, 2 + j);
	day_sums(x, sp, i, d, &one);
	stored_sales(x, sp, st, 2 + KDAY_N, i, d);
}

/* The sales of a stale day, whose tasks are counted again. */
static void
stale_sale_row(struct ctx *x, struct span *sp, struct crmi_stmt *st,
    size_t i, int d)
{
	stored_sales(x, sp, st, 2, i, d);
}

static int
rows(struct ctx *x, struct span *sp, struct crmi_stmt *st, crmi_kpi_rowfn *fn)
{
	ssize_t	 i;
	int	 rc, d, lastd = -1;
	char	 last[16] = "";

	if (st == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW)
		if ((d = row_day(st, last, &lastd)) >= sp->from &&
		    d <= sp->to &&
		    (i = row_person(x, st)) >= 0 &&
		    d >= x->k->people[i].start)
			fn(x, sp, st, i, d);
	crmi_reset(st);
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(x->crm, rc);
}

/*
 * Run the statement for the one person, or for all: as many statements
 * for a team of fifty as for two (issue 28: on a server each is a round
 * trip), the rows of those not asked for left out by row_person.
 */
int
crmi_kpi_query(struct ctx *x, struct span *sp, const char *one,
    const char *all, crmi_kpi_rowfn *fn)
{
	if (x->k->npeople != 1)
		return rows(x, sp, prep(x, all, 0, sp), fn);
	return rows(x, sp, prep(x, one, x->k->people[0].id, sp), fn);
}

/* Working days up to today, and those with a full plan. */
static void
days(struct ctx *x, struct span *sp, size_t i, struct crm_kpi_counts *c,
    struct crm_kpi_counts *wk)
{
	int	 d, full;

	d = x->k->people[i].start > sp->from ? x->k->people[i].start :
	    sp->from;
	for (; d <= sp->upto; d++) {
		if (!sp->work[d - sp->from])
			continue;
		full = sp->plan[i * sp->ndays + (d - sp->from)] >= x->min[i];
		c->workdays++;
		c->fulldays += full;
		if (wk != NULL) {
			wk[crmi_kpi_week(x->k, d)].workdays++;
			wk[crmi_kpi_week(x->k, d)].fulldays += full;
		}
	}
}

/*
 * A pasted comment of person i, first due on day: junk, as plan-check
 * says, in the period (or the one before) the day falls in.
 */
static void
paste_day(size_t i, int day, void *arg)
{
	struct ctx		*x = arg;
	struct span		*sp = day >= x->cur.from ? &x->cur : &x->prev;
	struct crm_kpi_person	*p = &x->k->people[i];

	if (day < sp->from || day > sp->to)
		return;
	(sp->cur ? &p->c : &p->prev)->junk++;
	if (sp->cur)
		p->week[crmi_kpi_week(x->k, day)].junk++;
}

/*
 * The paste rule, which looks across tasks and so is no day's sum: one
 * judgement with plan-check's (plan.c), made when the report runs, for
 * everyone and both periods at once (the period before ends the day
 * before this one begins).
 */
static int
pastes(struct ctx *x)
{
	int64_t		*ids;
	int		*from;
	size_t		 i, n = x->k->npeople;
	int		 rc;

	ids = reallocarray(NULL, n + 1, sizeof(*ids));
	from = reallocarray(NULL, n + 1, sizeof(*from));
	if (ids == NULL || from == NULL) {
		free(ids);
		free(from);
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	}
	for (i = 0; i < n; i++) {
		ids[i] = x->k->people[i].id;
		from[i] = x->k->people[i].start > x->prev.from ?
		    x->k->people[i].start : x->prev.from;
	}
	rc = crmi_plan_paste_each(x->crm, ids, from, n, x->cur.to, x->team,
	    paste_day, x);
	free(ids);
	free(from);
	return rc;
}

static int
period(struct ctx *x, struct span *sp)
{
	struct crm_kpi_person	*p;
	size_t			 i;
	int			 rc;

	if (x->scratch) {
		if ((rc = crmi_kpi_query(x, sp, SQL_TASKS_ONE, SQL_TASKS_ALL,
		    task_row)) == CRM_OK)
			rc = crmi_kpi_sales(x, sp);
	} else if (!x->stale)
		rc = crmi_kpi_query(x, sp, SQL_CLEAN_ONE, SQL_CLEAN_ALL, day_row);
	else if ((rc = crmi_kpi_query(x, sp, SQL_DAYS_ONE, SQL_DAYS_ALL, day_row)) ==
	    CRM_OK && (rc = crmi_kpi_query(x, sp, SQL_STALE_ONE, SQL_STALE_ALL,
	    task_row)) == CRM_OK)
		rc = crmi_kpi_query(x, sp, SQL_STALE_SALES_ONE, SQL_STALE_SALES_ALL,
		    stale_sale_row);
	if (rc == CRM_OK)
		rc = crmi_kpi_query(x, sp, SQL_FILLER_ONE, SQL_FILLER_ALL, filler_row);
	if (rc == CRM_OK)
		rc = crmi_kpi_query(x, sp, SQL_RETURNED_ONE, SQL_RETURNED_ALL,
		    returned_row);
	if (rc == CRM_OK)
		rc = crmi_kpi_query(x, sp, SQL_CANCEL_ONE, SQL_CANCEL_ALL, slip_row);
	if (rc != CRM_OK)
		return rc;
	for (i = 0; i < x->k->npeople; i++) {
		p = &x->k->people[i];
		days(x, sp, i, sp->cur ? &p->c : &p->prev,
		    sp->cur ? p->week : NULL);
	}
	return CRM_OK;
}

static int
by_id(const void *a, const void *b)
{
	int64_t	 x = ((const struct byid *)a)->id;
	int64_t	 y = ((const struct byid *)b)->id;

	return x < y ? -1 : x > y;
}

/*
 * The first day that counts for person p: the later of rollout.launch
 * (launch; 0: none) and their first entry in the department's log (a
 * move of the department keeps the log; f, n: firsts()), so that the
 * days before the work began are no empty days of it; and the week it
 * falls in.  With no launch set, the department's history is all its
 * own work: 0.
 */
static void
start_of(struct ctx *x, struct crm_kpi_person *p, int launch,
    const struct crmi_kpi_first *f, size_t n)
{
	int	 first = crmi_kpi_first_of(f, n, p->login);

	/* No launch: no rollout to start from, nothing left out. */
	p->start = launch == 0 ? 0 : first > launch ? first : launch;
	p->week1 = p->start > x->k->week0 ? (size_t)crmi_kpi_week(x->k, p->start) :
	    0;
}

static int	people_setup(struct ctx *, int, const struct crmi_kpi_first *,
		    size_t);

/* Room for each person's weeks, their plan.min, the lookup by id. */
static int
setup(struct ctx *x)
{
	struct crmi_kpi_first	*f = NULL;
	size_t			 nf = 0;
	int			 rc, launch;

	if ((rc = crmi_kpi_starts(x->crm, &launch, &f, &nf)) != CRM_OK) {
		free(f);
		return rc;
	}
	rc = people_setup(x, launch, f, nf);
	free(f);
	return rc;
}

static int
people_setup(struct ctx *x, int launch, const struct crmi_kpi_first *f,
    size_t nf)
{
	struct crm_kpi		*k = x->k;
	struct crm_kpi_person	*p;
	size_t			 i;
	int			 rc;

	x->min = calloc(k->npeople + 1, sizeof(*x->min));
	x->byid = calloc(k->npeople + 1, sizeof(*x->byid));
	x->rs = calloc(k->npeople + 1, sizeof(*x->rs));
	if (x->min == NULL || x->byid == NULL || x->rs == NULL)
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		p->week = calloc(k->nweeks, sizeof(*p->week));
		p->wscore = calloc(k->nweeks, sizeof(*p->wscore));
		if (p->week == NULL || p->wscore == NULL)
			return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
		start_of(x, p, launch, f, nf);
		if ((rc = crm_rule_person_int(x->crm, "plan.min", p->id, 5,
		    &x->min[i])) != CRM_OK ||
		    (rc = crmi_kpi_rules(x, p->id, &x->rs[i])) != CRM_OK)
			return rc;
		x->byid[i].id = p->id;
		x->byid[i].i = i;
		p->reward = x->rs[i].reward;
		p->penalty = x->rs[i].penalty;
		p->min_tasks = x->rs[i].min_tasks;
	}
	qsort(x->byid, k->npeople, sizeof(*x->byid), by_id);
	return CRM_OK;
}

static int
compute(struct ctx *x)
{
	struct crm_kpi	*k = x->k;
	int		 rc;

	if ((rc = setup(x)) != CRM_OK ||
	    (rc = span_init(x, &x->cur, k->from, k->to, 1)) != CRM_OK ||
	    (rc = span_init(x, &x->prev, k->pfrom, k->pto, 0)) != CRM_OK ||
	    (rc = period(x, &x->cur)) != CRM_OK ||
	    (rc = period(x, &x->prev)) != CRM_OK || (rc = pastes(x)) != CRM_OK)
		return rc;
	return crmi_kpi_judge(x);
}

int
crm_kpi_report(struct crm *crm, enum crm_kpi_who who, const char *login,
    int from, int to, struct crm_kpi **out)
{
	struct ctx	 x;
	struct crm_kpi	*k;
	const char	*s;
	int64_t		 id;
	int		 rc, tx = 0;

	*out = NULL;
	if (from > to)
		return crmi_err(crm, CRM_EINVAL, "invalid period: it ends "
		    "before it begins");
	if ((k = calloc(1, sizeof(*k))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	memset(&x, 0, sizeof(x));
	x.crm = crm;
	x.k = k;
	x.today = crm_today(crm);
	x.scratch = (s = getenv("CRM_KPI_SCRATCH")) != NULL && *s != '\0';
	k->from = from;
	k->to = to;
	k->who = who;
	k->made = x.today;
	k->pto = from - 1;
	k->pfrom = from - (to - from + 1);
	k->week0 = from - crm_date_wday(from);
	k->nweeks = crmi_kpi_week(k, to) + 1;
	/* One snapshot: kpi_day and kpi_stale read as of one moment. */
	if (!crm->intx) {
		if ((rc = crmi_exec(crm, "BEGIN")) != CRM_OK) {
			crm_kpi_free(k);
			return rc;
		}
		tx = 1;
	}
	if ((x.stale = crmi_kpi_stale(crm)) < 0)
		rc = CRM_EDB;
	else if ((rc = crmi_kpi_people(crm, who, login, k, &id)) == CRM_OK &&
	    (rc = crmi_kpi_dept(&x, id)) == CRM_OK) {
		x.team = who == CRM_KPI_ALL || who == CRM_KPI_TEAM ? id : 0;
		rc = compute(&x);
	}
	if (tx)
		crmi_exec_quiet(crm, "COMMIT");
	free(x.cur.work);
	free(x.prev.work);
	free(x.cur.plan);
	free(x.prev.plan);
	free(x.min);
	free(x.byid);
	free(x.rs);
	crmi_kpi_kinds_free(&x);
	if (rc != CRM_OK)
		crm_kpi_free(k);
	else
		*out = k;
	return rc;
}

void
crm_kpi_free(struct crm_kpi *k)
{
	size_t	 i;

	if (k == NULL)
		return;
	for (i = 0; i < k->npeople; i++)
		crmi_kpi_person_clear(&k->people[i]);
	for (i = 0; i < k->nteams; i++) {
		free(k->teams[i].login);
		free(k->teams[i].name);
	}
	free(k->people);
	free(k->teams);
	free(k);
}

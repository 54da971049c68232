/*
 * digest.c: the morning digests that cron mails, so that the system comes
 * to the people who use it.  A manager gets their day; a head gets one
 * line per manager of the team, the problems worst first and what the
 * rollout schedule asks for today.
 *
 * Everything here is read through the views the tools use (crm_task_day,
 * crm_plan_check, crm_control_due), so a digest says what task-today,
 * plan-check and crm-control would say.  The one query of its own is the
 * open deals with no next step (no open task), until the deals module
 * offers it.
 *
 * The text is plain UTF-8 in lines of at most CRM_DIGEST_WIDTH columns
 * (display width, so Cyrillic counts one column a letter); longer lines
 * are cut with an ellipsis.  Free text is escaped as everywhere else.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

#define PROBLEMS_MAX	25	/* lines of problems in a head's digest */
#define NAME_COLS	30	/* the name column of a head's digest */

/* In the catalogue, the month as it stands in a date ("26 ноября"). */
static const char *const wdays[] = { NC_("weekday", "Monday"),
	NC_("weekday", "Tuesday"), NC_("weekday", "Wednesday"),
	NC_("weekday", "Thursday"), NC_("weekday", "Friday"),
	NC_("weekday", "Saturday"), NC_("weekday", "Sunday") };
static const char *const months[] = { NC_("month", "January"),
	NC_("month", "February"), NC_("month", "March"),
	NC_("month", "April"), NC_("month", "May"), NC_("month", "June"),
	NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December") };

/* The lines of one section, counted, before its heading is known. */
struct sect {
	struct crmi_buf	 b;
	int		 n;
};

/* Something a head should look at; rank 0 is the worst. */
struct problem {
	int	 rank;
	int	 late;
	size_t	 seq;		/* the order found in, for a stable sort */
	char	*line;
};

/* A junk or pasted result of a day before, shown under its task. */
struct flag {
	int64_t	 task;
	char	*line;
};

/* One manager's day, as both digests need it. */
struct mgr {
	int64_t		 id;
	char		*login;
	char		*name;		/* escaped */
	int		 day;
	int		 planned;
	struct sect	 today, late, done, deals, plan, back;
	int		 problems;	/* collect them into pr */
	struct problem	*pr;
	size_t		 npr;
	struct flag	*flag;		/* the days before's junk, for a head */
	size_t		 nflag;
	int		 oom;
};

/* Append one line (cut to the width) to b. */
static void
put_line(struct crmi_buf *b, const char *s)
{
	char	*f;

	if ((f = crmi_fit(s, CRM_DIGEST_WIDTH)) == NULL) {
		b->oom = 1;
		return;
	}
	crmi_buf_add(b, f);
	crmi_buf_add(b, "\n");
	free(f);
}

static void
sect_add(struct sect *s, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
sect_add(struct sect *s, const char *fmt, ...)
{
	va_list	 ap;
	char	*line;
	int	 rc;

	va_start(ap, fmt);
	rc = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		s->b.oom = 1;
		return;
	}
	put_line(&s->b, line);
	free(line);
	s->n++;
}

/* The heading "title (n):" and the lines, or "title: none". */
static void
sect_put(struct crmi_buf *b, const char *title, const struct sect *s)
{
	if (s->n == 0)
		crmi_buf_addf(b, _("%s: none\n"), title);
	else {
		crmi_buf_addf(b, _("%s (%d):\n"), title, s->n);
		crmi_buf_add(b, s->b.s);
	}
	if (s->b.oom)
		b->oom = 1;
}

/* Escaped free text; "" when s is NULL; NULL only when out of memory. */
static char *
esc(const char *s)
{
	return crm_escape(s != NULL ? s : "");
}

/* "  lead#id kind: title — client" into s. */
static void
task_line(struct sect *s, const char *lead, const struct crm_task *t)
{
	char	*kind, *title, *client;

	kind = esc(t->kind);
	title = esc(t->title);
	client = esc(t->client);
	if (kind == NULL || title == NULL || client == NULL)
		s->b.oom = 1;
	else
		sect_add(s, "  %s#%lld %s: %s%s%s", lead, (long long)t->id,
		    crmi_word("kind", kind), title, *client != '\0' ?
		    " — " : "", client);
	free(kind);
	free(title);
	free(client);
}

static void
problem_add(struct mgr *m, int rank, int late, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* A problem for the head: "  Name: what". */
static void
problem_add(struct mgr *m, int rank, int late, const char *fmt, ...)
{
	struct problem	*p;
	va_list		 ap;
	char		*what, *line;
	int		 rc;

	if (!m->problems)
		return;
	va_start(ap, fmt);
	rc = vasprintf(&what, fmt, ap);
	va_end(ap);
	if (rc < 0) {
		m->oom = 1;
		return;
	}
	rc = asprintf(&line, "  %s: %s", m->name, what);
	free(what);
	if (rc < 0 || (p = reallocarray(m->pr, m->npr + 1, sizeof(*p))) ==
	    NULL) {
		if (rc >= 0)
			free(line);
		m->oom = 1;
		return;
	}
	m->pr = p;
	p[m->npr].rank = rank;
	p[m->npr].late = late;
	p[m->npr].line = line;
	m->npr++;
}

static int
rule_rank(const char *rule)
{
	static const char *const order[] = { "empty", "overdue", "thin",
	    "nostep", "field", "paste", "junk", NULL };
	int	 i;

	for (i = 0; order[i] != NULL; i++)
		if (strcmp(order[i], rule) == 0)
			return i;
	return i;
}

/* Done, accepted by the head or not. */
static int
is_done(const struct crm_task *t)
{
	return strcmp(t->state, "done") == 0 ||
	    strcmp(t->state, "accepted") == 0;
}

/* A task the head returned: its new due date, and the head's words. */
static void
returned(struct mgr *m, const struct crm_task *t, int due)
{
	char	 lead[16], *words, *line;
	int	 y, mo, d;

	crm_date_split(due, &y, &mo, &d);
	snprintf(lead, sizeof(lead), "%02d.%02d  ", d, mo);
	task_line(&m->back, lead, t);
	if ((words = esc(t->review)) == NULL || asprintf(&line, "      ← %s",
	    words) < 0) {
		free(words);
		m->oom = 1;
		return;
	}
	put_line(&m->back.b, line);
	free(line);
	free(words);
}

/* The day view of the digest's day: overdue, today, done today. */
static int
on_today(const struct crm_task *t, void *arg)
{
	struct mgr	*m = arg;
	char		 lead[16], *title;
	int		 y, mo, d, due = 0;

	crm_date_iso(t->due_date, &due);
	if (strcmp(t->state, "returned") == 0) {
		returned(m, t, due);
		return 0;
	}
	if (strcmp(t->state, "overdue") == 0) {
		crm_date_split(due, &y, &mo, &d);
		snprintf(lead, sizeof(lead), "%02d.%02d  ", d, mo);
		task_line(&m->late, lead, t);
		if ((title = esc(t->title)) == NULL) {
			m->oom = 1;
			return 0;
		}
		problem_add(m, rule_rank("overdue"), t->late,
		    crmi_ntr("overdue by %d day #%lld: %s",
		    "overdue by %d days #%lld: %s", t->late), t->late,
		    (long long)t->id, title);
		free(title);
		return 0;
	}
	/* Done on the day: part of the day's plan only when due on it. */
	if (is_done(t) && due != m->day)
		return 0;
	snprintf(lead, sizeof(lead), "%-5s  ", t->due_time != NULL ?
	    t->due_time : "");
	m->planned++;
	task_line(&m->today, lead, t);
	return 0;
}

/*
 * "      → result" under a task line: a line more, not a task more.  The
 * note follows on a line of its own when there is one.
 */
static void
result_lines(struct sect *s, const struct crm_task *t)
{
	const char	*v[2] = { t->result, t->note };
	char		*e, *line;
	int		 i;

	for (i = 0; i < 2; i++) {
		if (v[i] == NULL || *v[i] == '\0')
			continue;
		if ((e = esc(v[i])) == NULL || asprintf(&line, "      %s %s",
		    i == 0 ? "→" : _("note:"), e) < 0) {
			free(e);
			s->b.oom = 1;
			return;
		}
		put_line(&s->b, line);
		free(line);
		free(e);
	}
}

/*
 * The day views of the days before: only what was done, its result, and
 * for a head what plan-check found junk or pasted in it.
 */
static int
on_before(const struct crm_task *t, void *arg)
{
	struct mgr	*m = arg;
	size_t		 i;

	if (is_done(t)) {
		task_line(&m->done, "", t);
		result_lines(&m->done, t);
		for (i = 0; i < m->nflag; i++)
			if (m->flag[i].task == t->id)
				put_line(&m->done.b, m->flag[i].line);
	}
	return 0;
}

/*
 * Junk and pastes plan-check finds on a day before, for a head: among
 * the problems, with the day, and under the task in the results.
 */
static int
on_past(const struct crm_finding *f, void *arg)
{
	struct mgr	*m = arg;
	struct flag	*p;
	char		*detail, *line;
	int		 day = 0, y, mo, d;

	if (strcmp(f->rule, "junk") != 0 && strcmp(f->rule, "paste") != 0)
		return 0;
	if ((detail = esc(f->detail)) == NULL) {
		m->oom = 1;
		return 0;
	}
	crm_date_iso(f->day, &day);
	crm_date_split(day, &y, &mo, &d);
	problem_add(m, rule_rank(f->rule), 0, "%s #%lld (%02d.%02d): %s",
	    crmi_word("rule", f->rule), (long long)f->task_id, d, mo, detail);
	if (asprintf(&line, "      ! %s: %s", crmi_word("rule", f->rule),
	    detail) < 0)
		m->oom = 1;
	else if ((p = reallocarray(m->flag, m->nflag + 1, sizeof(*p))) ==
	    NULL) {
		free(line);
		m->oom = 1;
	} else {
		m->flag = p;
		p[m->nflag].task = f->task_id;
		p[m->nflag++].line = line;
	}
	free(detail);
	return 0;
}

/* Plan findings; overdue tasks are listed from the day view instead. */
static int
on_finding(const struct crm_finding *f, void *arg)
{
	struct mgr	*m = arg;
	char		*detail, id[24] = "";

	if (strcmp(f->rule, "overdue") == 0)
		return 0;
	if ((detail = esc(f->detail)) == NULL) {
		m->oom = 1;
		return 0;
	}
	if (f->task_id != 0)
		snprintf(id, sizeof(id), " #%lld", (long long)f->task_id);
	sect_add(&m->plan, "  %s%s: %s", crmi_word("rule", f->rule), id,
	    detail);
	problem_add(m, rule_rank(f->rule), 0, "%s%s: %s",
	    crmi_word("rule", f->rule), id, detail);
	free(detail);
	return 0;
}

/* One open deal with no next step. */
static int
deal_line(const struct crm_deal *d, void *arg)
{
	struct mgr	*m = arg;
	char		 sum[32], *title, *client;

	crmi_money_people(d->amount, sum, sizeof(sum));
	title = esc(d->title);
	client = esc(d->client);
	if (title == NULL || client == NULL)
		m->oom = 1;
	else {
		sect_add(&m->deals, "  #%lld %s, %s: %s — %s",
		    (long long)d->id, crmi_word("stage", d->stage), sum,
		    title, client);
		problem_add(m, rule_rank("nostep"), 0, _("deal with no next "
		    "step #%lld: %s"), (long long)d->id, title);
	}
	free(title);
	free(client);
	return 0;
}

/* Open deals of the manager with no open task: nobody is working them. */
static int
nostep(struct crm *crm, struct mgr *m)
{
	struct crm_deal_filter	 f;

	memset(&f, 0, sizeof(f));
	f.manager = m->login;
	f.idle = 1;
	return crm_deal_each(crm, &f, deal_line, m);
}

/* The last working day before day (day - 1 when none in a month). */
static int
prev_workday(struct crm *crm, int day, int *prev)
{
	int	 d, w;

	for (d = day - 1; d > day - 31; d--) {
		if ((w = crm_workday(crm, d)) < 0)
			return CRM_EDB;
		if (w) {
			*prev = d;
			return CRM_OK;
		}
	}
	*prev = day - 1;
	return CRM_OK;
}

/* Gather one manager's day, done work from day since on. */
static int
collect(struct crm *crm, struct mgr *m, int since)
{
	int	 rc, d;

	if ((rc = crm_task_day(crm, m->login, m->day, on_today, m)) !=
	    CRM_OK)
		return rc;
	for (d = since; d < m->day; d++)
		if ((m->problems && (rc = crm_plan_check(crm, m->login, d,
		    on_past, m)) != CRM_OK) || (rc = crm_task_day(crm,
		    m->login, d, on_before, m)) != CRM_OK)
			return rc;
	if ((rc = nostep(crm, m)) != CRM_OK ||
	    (rc = crm_plan_check(crm, m->login, m->day, on_finding, m)) !=
	    CRM_OK)
		return rc;
	if (m->oom || m->today.b.oom || m->late.b.oom || m->done.b.oom ||
	    m->deals.b.oom || m->plan.b.oom || m->back.b.oom)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

static int
mgr_init(struct mgr *m, int64_t id, const char *login, const char *name,
    int day)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->day = day;
	m->login = strdup(login);
	m->name = esc(name);
	return m->login != NULL && m->name != NULL ? CRM_OK : CRM_ENOMEM;
}

static void
mgr_free(struct mgr *m)
{
	size_t	 i;

	crmi_buf_free(&m->today.b);
	crmi_buf_free(&m->late.b);
	crmi_buf_free(&m->done.b);
	crmi_buf_free(&m->deals.b);
	crmi_buf_free(&m->plan.b);
	crmi_buf_free(&m->back.b);
	for (i = 0; i < m->npr; i++)
		free(m->pr[i].line);
	free(m->pr);
	for (i = 0; i < m->nflag; i++)
		free(m->flag[i].line);
	free(m->flag);
	free(m->login);
	free(m->name);
}

/* "Thursday, 26 November 2026", "четверг, 26 ноября 2026" */
static void
long_date(int day, char *buf, size_t sz)
{
	int	 y, m, d;

	crm_date_split(day, &y, &m, &d);
	/* TRANSLATORS: weekday, day, month, year. */
	snprintf(buf, sz, _("%s, %d %s %d"),
	    crmi_word("weekday", wdays[crm_date_wday(day)]), d,
	    crmi_word("month", months[m - 1]), y);
}

/* "25.11 (Wed)", or "20.11 (Fri) – 25.11 (Wed)" for several days. */
static void
span(int from, int to, char *buf, size_t sz)
{
	int	 y, m, d, y2, m2, d2;

	crm_date_split(from, &y, &m, &d);
	crm_date_split(to, &y2, &m2, &d2);
	if (from >= to)
		snprintf(buf, sz, "%02d.%02d (%s)", d, m,
		    crmi_wday_short(from));
	else
		snprintf(buf, sz, "%02d.%02d (%s) – %02d.%02d (%s)", d, m,
		    crmi_wday_short(from), d2, m2, crmi_wday_short(to));
}

/* The first line: "Name: Thursday, 26 November 2026", name cut to fit. */
static void
title_line(struct crmi_buf *b, const char *name, const char *what,
    int day)
{
	char	 date[96], *n;
	size_t	 w;

	long_date(day, date, sizeof(date));
	w = crm_width(what) + crm_width(date) + 2;
	if ((n = crmi_fit(name, CRM_DIGEST_WIDTH - w)) == NULL) {
		b->oom = 1;
		return;
	}
	crmi_buf_addf(b, "%s: %s%s\n\n", n, what, date);
	free(n);
}

static int
manager_text(struct crm *crm, struct crm_digest *dg, int64_t id, int day,
    int since)
{
	struct mgr	 m;
	struct crmi_buf	 b;
	char		 when[64], title[96];
	int		 rc;

	memset(&b, 0, sizeof(b));
	if (mgr_init(&m, id, dg->login, dg->name, day) != CRM_OK)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if ((rc = collect(crm, &m, since)) == CRM_OK) {
		title_line(&b, m.name, "", day);
		if (m.back.n > 0) {
			sect_put(&b, _("Returned by the head"), &m.back);
			crmi_buf_add(&b, "\n");
		}
		sect_put(&b, _("Today"), &m.today);
		crmi_buf_add(&b, "\n");
		sect_put(&b, _("Overdue"), &m.late);
		crmi_buf_add(&b, "\n");
		span(since, day - 1, when, sizeof(when));
		snprintf(title, sizeof(title), _("Done %s"), when);
		sect_put(&b, title, &m.done);
		crmi_buf_add(&b, "\n");
		sect_put(&b, _("Deals with no next step"), &m.deals);
		crmi_buf_add(&b, "\n");
		if (m.plan.n == 0)
			crmi_buf_add(&b, _("Plan check: nothing to note\n"));
		else
			sect_put(&b, _("Plan check"), &m.plan);
		if (b.oom)
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	mgr_free(&m);
	if (rc != CRM_OK) {
		crmi_buf_free(&b);
		return rc;
	}
	dg->text = b.s;
	return CRM_OK;
}

/* ---- a head's digest ---- */

struct team {
	int64_t		 head;
	int		 day;
	const char	*login;		/* the head's */
	struct mgr	*m;
	size_t		 n;
	struct sect	 due;
	struct sect	 missed;	/* controls of the days gone by */
	int		 oom;
};

static int
team_add(const struct crm_person *p, void *arg)
{
	struct team	*t = arg;
	struct mgr	*m;

	if (p->role != CRM_ROLE_MANAGER || !p->active ||
	    p->head_id != t->head)
		return 0;
	if ((m = reallocarray(t->m, t->n + 1, sizeof(*m))) == NULL) {
		t->oom = 1;
		return 0;
	}
	t->m = m;
	if (mgr_init(&m[t->n], p->id, p->login, p->name, t->day) != CRM_OK)
		t->oom = 1;
	m[t->n++].problems = 1;
	return 0;
}

/* Pad (on the right, or on the left when right) or cut s to w columns. */
static void
put_col_at(struct crmi_buf *b, const char *s, size_t w, int right)
{
	char	*f;
	size_t	 n;

	if ((f = crmi_fit(s, w)) == NULL) {
		b->oom = 1;
		return;
	}
	for (n = crm_width(f); right && n < w; n++)
		crmi_buf_add(b, " ");
	crmi_buf_add(b, f);
	for (n = crm_width(f); !right && n < w; n++)
		crmi_buf_add(b, " ");
	free(f);
}

static void
put_col(struct crmi_buf *b, const char *s, size_t w)
{
	put_col_at(b, s, w, 0);
}

static void
team_table(struct crmi_buf *b, const struct team *t, int since)
{
	char		 when[64];
	size_t		 i;
	const struct mgr *m;

	put_col(b, _("Manager"), NAME_COLS);
	/* The counts' headings, right-aligned over their columns. */
	put_col_at(b, _("plan"), 6, 1);
	put_col_at(b, _("overdue"), 12, 1);
	put_col_at(b, _("done"), 9, 1);
	crmi_buf_addf(b, "  %s\n", _("rules"));
	for (i = 0; i < t->n; i++) {
		m = &t->m[i];
		put_col(b, m->name, NAME_COLS);
		crmi_buf_addf(b, "%6d%12d%9d  ", m->planned, m->late.n,
		    m->done.n);
		if (m->plan.n == 0)
			crmi_buf_add(b, _("yes\n"));
		else
			crmi_buf_addf(b, _("no (%d)\n"), m->plan.n);
	}
	span(since, t->day - 1, when, sizeof(when));
	crmi_buf_addf(b, _("(done: %s; rules: the plan check for "
	    "today)\n"), when);
}

/* What each manager did on the days before, with the results. */
static void
team_results(struct crmi_buf *b, const struct team *t, int since)
{
	char		 when[64];
	size_t		 i;

	span(since, t->day - 1, when, sizeof(when));
	crmi_buf_addf(b, _("Results %s:\n"), when);
	for (i = 0; i < t->n; i++) {
		crmi_buf_add(b, "\n");
		sect_put(b, t->m[i].name, &t->m[i].done);
	}
}

static int
by_rank(const void *a, const void *b)
{
	const struct problem	*p = *(const struct problem *const *)a;
	const struct problem	*q = *(const struct problem *const *)b;

	if (p->rank != q->rank)
		return p->rank < q->rank ? -1 : 1;
	if (p->late != q->late)
		return p->late > q->late ? -1 : 1;
	return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* All the team's problems, worst first, at most PROBLEMS_MAX lines. */
static void
team_problems(struct crmi_buf *b, struct team *t)
{
	struct problem	**all;
	size_t		 i, j, n = 0;

	for (i = 0; i < t->n; i++)
		n += t->m[i].npr;
	if (n == 0) {
		crmi_buf_add(b, _("Need attention: none\n"));
		return;
	}
	if ((all = reallocarray(NULL, n, sizeof(*all))) == NULL) {
		b->oom = 1;
		return;
	}
	for (n = 0, i = 0; i < t->n; i++)
		for (j = 0; j < t->m[i].npr; j++) {
			t->m[i].pr[j].seq = n;
			all[n++] = &t->m[i].pr[j];
		}
	qsort(all, n, sizeof(*all), by_rank);
	crmi_buf_addf(b, _("Need attention (%zu):\n"), n);
	for (i = 0; i < n && i < PROBLEMS_MAX; i++)
		put_line(b, all[i]->line);
	if (n > PROBLEMS_MAX)
		crmi_buf_addf(b, crmi_ntr("  … and %zu more\n",
		    "  … and %zu more\n", n - PROBLEMS_MAX),
		    n - PROBLEMS_MAX);
	free(all);
}

/* The rollout's controls of the head's team due on the day. */
static int
on_due(const struct crm_due *d, void *arg)
{
	struct team	*t = arg;
	const char	*who = _("the whole team");
	char		 day[32];
	size_t		 i;

	if (strcmp(d->team, t->login) != 0)
		return 0;
	for (i = 0; d->login != NULL && i < t->n; i++)
		if (strcmp(t->m[i].login, d->login) == 0)
			who = t->m[i].name;
	if (d->missed) {
		crmi_date_people(d->day, day, sizeof(day));
		sect_add(&t->missed, "  %s, %s: %s", day,
		    crmi_word("kind", d->kind), who);
	} else if (d->done > 0)
		sect_add(&t->due, _("  %s: %s (held)"),
		    crmi_word("kind", d->kind), who);
	else
		sect_add(&t->due, "  %s: %s", crmi_word("kind", d->kind),
		    who);
	return 0;
}

static int
team_collect(struct crm *crm, struct team *t, int since)
{
	size_t	 i;
	int	 rc;

	if ((rc = crm_person_each(crm, 0, team_add, t)) != CRM_OK)
		return rc;
	if (t->oom)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < t->n; i++)
		if ((rc = collect(crm, &t->m[i], since)) != CRM_OK)
			return rc;
	if ((rc = crm_control_missed(crm, since > t->day - 7 ? since :
	    t->day - 7, t->day - 1, on_due, t)) != CRM_OK)
		return rc;
	return crm_control_due(crm, t->day, on_due, t);
}

/*
 * The last entry of the audit log and its hash, "audit: N H": a copy
 * mailed away, out of reach of whoever can reach the database, against
 * which crm-verify N H later proves the log was not rewritten.
 */
static int
audit_line(struct crm *crm, struct crmi_buf *b)
{
	char	 h[CRM_HASH_LEN + 1];
	int64_t	 n;
	int	 rc;

	if ((rc = crm_audit_last(crm, &n, h)) == CRM_OK && n != 0)
		crmi_buf_addf(b, "\naudit: %lld %s\n", (long long)n, h);
	return rc;
}

static int
head_text(struct crm *crm, struct crm_digest *dg, int64_t id, int day,
    int since)
{
	struct team	 t;
	struct crmi_buf	 b;
	char		*name;
	size_t		 i;
	int		 rc;

	memset(&t, 0, sizeof(t));
	memset(&b, 0, sizeof(b));
	t.head = id;
	t.day = day;
	t.login = dg->login;
	if ((rc = team_collect(crm, &t, since)) == CRM_OK) {
		if ((name = esc(dg->name)) != NULL)
			title_line(&b, name, _("team, "), day);
		free(name);
		if (t.n == 0)
			crmi_buf_add(&b, _("No managers in the team.\n"));
		else
			team_table(&b, &t, since);
		crmi_buf_add(&b, "\n");
		team_problems(&b, &t);
		if (t.n > 0) {
			crmi_buf_add(&b, "\n");
			team_results(&b, &t, since);
		}
		crmi_buf_add(&b, "\n");
		if (t.missed.n > 0)
			sect_put(&b, _("Controls missed"), &t.missed);
		sect_put(&b, _("Due today by the rollout schedule"), &t.due);
		rc = audit_line(crm, &b);
		if (rc == CRM_OK && (b.oom || name == NULL))
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	for (i = 0; i < t.n; i++)
		mgr_free(&t.m[i]);
	free(t.m);
	crmi_buf_free(&t.due.b);
	crmi_buf_free(&t.missed.b);
	if (rc != CRM_OK) {
		crmi_buf_free(&b);
		return rc;
	}
	dg->text = b.s;
	return CRM_OK;
}

/* ---- the digest ---- */

static int
subject(struct crm_digest *dg, int day)
{
	char	*name;
	int	 y, m, d, rc;

	if ((name = esc(dg->name)) == NULL)
		return CRM_ENOMEM;
	crm_date_split(day, &y, &m, &d);
	rc = asprintf(&dg->subject, dg->head ?
	    _("Team on %02d.%02d.%04d (%s): %s") :
	    _("Plan for %02d.%02d.%04d (%s): %s"), d, m, y,
	    crmi_wday_short(day), name);
	free(name);
	if (rc < 0) {
		dg->subject = NULL;
		return CRM_ENOMEM;
	}
	return CRM_OK;
}

static int
digest_person(struct crm *crm, const struct crm_person *p,
    struct crm_digest *dg)
{
	if (!p->active)
		return crmi_err(crm, CRM_ESTATE, "no digest for '%s': not "
		    "active", p->login);
	if (p->role != CRM_ROLE_MANAGER && p->role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EINVAL, "no digest for '%s': only "
		    "managers and heads get one", p->login);
	dg->head = p->role == CRM_ROLE_HEAD;
	if ((dg->login = strdup(p->login)) == NULL ||
	    (dg->name = strdup(p->name)) == NULL ||
	    (p->email != NULL && (dg->email = strdup(p->email)) == NULL))
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

int
crm_digest_make(struct crm *crm, const char *login, int day,
    struct crm_digest *dg)
{
	struct crm_person	 p;
	int			 rc, since;

	memset(dg, 0, sizeof(*dg));
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crm_person_get(crm, login, &p)) != CRM_OK)
		return rc;
	if ((rc = crm_may_see(crm, p.id)) == CRM_OK &&
	    (rc = digest_person(crm, &p, dg)) == CRM_OK &&
	    (rc = prev_workday(crm, day, &since)) == CRM_OK) {
		if (subject(dg, day) != CRM_OK)
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
		else if (dg->head)
			rc = head_text(crm, dg, p.id, day, since);
		else
			rc = manager_text(crm, dg, p.id, day, since);
	}
	crm_person_free(&p);
	return rc;
}

void
crm_digest_free(struct crm_digest *dg)
{
	if (dg == NULL)
		return;
	free(dg->login);
	free(dg->name);
	free(dg->email);
	free(dg->subject);
	free(dg->text);
	memset(dg, 0, sizeof(*dg));
}

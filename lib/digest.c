/*
 * digest.c: the morning digests that cron mails, so that the system comes
 * to the people who use it.  A manager gets their day; a head gets one
 * line per manager of the team, the problems worst first and what the
 * rollout schedule asks for today (digesthead.c).
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

#include "digest_int.h"

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

/* Append one line (cut to the width) to b. */
void
crmi_digest_line(struct crmi_buf *b, const char *s)
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

void
crmi_digest_sect_add(struct sect *s, const char *fmt, ...)
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
	crmi_digest_line(&s->b, line);
	free(line);
	s->n++;
}

/* The heading "title (n):" and the lines, or "title: none". */
void
crmi_digest_sect_put(struct crmi_buf *b, const char *title,
    const struct sect *s)
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
char *
crmi_digest_esc(const char *s)
{
	return crm_escape(s != NULL ? s : "");
}

/* "  lead#id kind: title — client" into s. */
static void
task_line(struct sect *s, const char *lead, const struct crm_task *t)
{
	char	*kind, *title, *client;

	kind = crmi_digest_esc(t->kind);
	title = crmi_digest_esc(t->title);
	client = crmi_digest_esc(t->client);
	if (kind == NULL || title == NULL || client == NULL)
		s->b.oom = 1;
	else
		crmi_digest_sect_add(s, "  %s#%lld %s: %s%s%s", lead,
		    (long long)t->id, crmi_word("kind", kind), title,
		    *client != '\0' ? " — " : "", client);
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
	if ((words = crmi_digest_esc(t->review)) == NULL ||
	    asprintf(&line, "      ← %s", words) < 0) {
		free(words);
		m->oom = 1;
		return;
	}
	crmi_digest_line(&m->back.b, line);
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
		if ((title = crmi_digest_esc(t->title)) == NULL) {
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
		if ((e = crmi_digest_esc(v[i])) == NULL ||
		    asprintf(&line, "      %s %s", i == 0 ? "→" : _("note:"),
		    e) < 0) {
			free(e);
			s->b.oom = 1;
			return;
		}
		crmi_digest_line(&s->b, line);
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
				crmi_digest_line(&m->done.b, m->flag[i].line);
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
	if ((detail = crmi_digest_esc(f->detail)) == NULL) {
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
	if ((detail = crmi_digest_esc(f->detail)) == NULL) {
		m->oom = 1;
		return 0;
	}
	if (f->task_id != 0)
		snprintf(id, sizeof(id), " #%lld", (long long)f->task_id);
	crmi_digest_sect_add(&m->plan, "  %s%s: %s", crmi_word("rule",
	    f->rule), id, detail);
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
	title = crmi_digest_esc(d->title);
	client = crmi_digest_esc(d->client);
	if (title == NULL || client == NULL)
		m->oom = 1;
	else {
		crmi_digest_sect_add(&m->deals, "  #%lld %s, %s: %s — %s",
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
int
crmi_digest_collect(struct crm *crm, struct mgr *m, int since)
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

int
crmi_digest_mgr_init(struct mgr *m, int64_t id, const char *login,
    const char *name, int day)
{
	memset(m, 0, sizeof(*m));
	m->id = id;
	m->day = day;
	m->login = strdup(login);
	m->name = crmi_digest_esc(name);
	return m->login != NULL && m->name != NULL ? CRM_OK : CRM_ENOMEM;
}

void
crmi_digest_mgr_free(struct mgr *m)
{
	size_t	 i;

	crmi_buf_clear(&m->today.b);
	crmi_buf_clear(&m->late.b);
	crmi_buf_clear(&m->done.b);
	crmi_buf_clear(&m->deals.b);
	crmi_buf_clear(&m->plan.b);
	crmi_buf_clear(&m->back.b);
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
void
crmi_digest_span(int from, int to, char *buf, size_t sz)
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
void
crmi_digest_title(struct crmi_buf *b, const char *name, const char *what,
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
	if (crmi_digest_mgr_init(&m, id, dg->login, dg->name, day) != CRM_OK)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if ((rc = crmi_digest_collect(crm, &m, since)) == CRM_OK) {
		crmi_digest_title(&b, m.name, "", day);
		if (m.back.n > 0) {
			crmi_digest_sect_put(&b, _("Returned by the head"),
			    &m.back);
			crmi_buf_add(&b, "\n");
		}
		crmi_digest_sect_put(&b, _("Today"), &m.today);
		crmi_buf_add(&b, "\n");
		crmi_digest_sect_put(&b, _("Overdue"), &m.late);
		crmi_buf_add(&b, "\n");
		crmi_digest_span(since, day - 1, when, sizeof(when));
		snprintf(title, sizeof(title), _("Done %s"), when);
		crmi_digest_sect_put(&b, title, &m.done);
		crmi_buf_add(&b, "\n");
		crmi_digest_sect_put(&b, _("Deals with no next step"),
		    &m.deals);
		crmi_buf_add(&b, "\n");
		if (m.plan.n == 0)
			crmi_buf_add(&b, _("Plan check: nothing to note\n"));
		else
			crmi_digest_sect_put(&b, _("Plan check"), &m.plan);
		if (b.oom)
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	crmi_digest_mgr_free(&m);
	if (rc != CRM_OK) {
		crmi_buf_clear(&b);
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

	if ((name = crmi_digest_esc(dg->name)) == NULL)
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
			rc = crmi_digest_head(crm, dg, p.id, day, since);
		else
			rc = manager_text(crm, dg, p.id, day, since);
	}
	crm_person_clear(&p);
	return rc;
}

void
crm_digest_clear(struct crm_digest *dg)
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

/*
 * plan.c: checking one day's plan of one person against the regulations,
 * so that an evening cron job can tell a head what tomorrow looks like.
 *
 * Rules, as named in the "rule" column of plan-check's output:
 *	empty	a working day with nothing planned (plan.min above 0)
 *	thin	fewer tasks than plan.min, or of one kind than plan.min.KIND
 *	field	a task without a field its kind needs (task_kind.need_*)
 *	junk	a note or result crm_junk_check() calls junk
 *	paste	the same result in junk.paste tasks or more of the person,
 *		due within junk.paste.days days up to the day.  Notes are
 *		not counted: a note is the plan of a task, which a series
 *		copies into each occurrence and a head may well repeat;
 *		a result says what was done, and one result for N tasks
 *		says nothing about any of them
 *	overdue	an open task of the person due before the day
 * A day off needs no plan: empty and thin are not checked on it; the
 * tasks planned on it still are, and so are overdue tasks.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

/*
 * A person's results of the paste window ?2 to ?3, in the index's order:
 * the paste rule counts tasks, which any order gives (no sort).
 */
static const char SQL_TEXTS[] = "SELECT id, result, due_date FROM task"
    " WHERE assignee_id = ?1 AND due_date BETWEEN ?2 AND ?3"
    " AND state <> 'cancelled'";

/*
 * The KPI's tasks of a person (first due ?2 to ?3), for the paste rule
 * judged as plan-check judges it on each task's due date.
 */
static const char SQL_KPI_TEXTS[] = "SELECT id, result, due_date,"
    " first_due, title FROM task WHERE assignee_id = ?1"
    " AND first_due BETWEEN ?2 AND ?3 AND state <> 'cancelled'";

/* How many tasks of each kind a person has on day ?2. */
static const char SQL_SIZE[] = "SELECT k.name, (SELECT count(*) FROM task t"
    " WHERE t.assignee_id = ?1 AND t.due_date = ?2 AND t.state <>"
    " 'cancelled' AND t.kind = k.name), (SELECT count(*) FROM task t"
    " WHERE t.assignee_id = ?1 AND t.due_date = ?2 AND t.state <>"
    " 'cancelled' AND t.kind = k.name AND (t.client_id IS NOT NULL"
    " OR t.deal_id IS NOT NULL)) FROM task_kind k ORDER BY k.pos, k.name";

/* The tasks of the day, with the fields their kind needs. */
static const char SQL_TASKS[] = "SELECT t.id, t.kind, t.title, t.note,"
    " t.result, t.client_id IS NULL, t.deal_id IS NULL,"
    " t.due_time IS NULL, COALESCE(t.note, '') = '',"
    " k.need_client, k.need_deal, k.need_time, k.need_note"
    " FROM task t JOIN task_kind k ON k.name = t.kind"
    " WHERE t.assignee_id = ?1 AND t.due_date = ?2"
    " AND t.state <> 'cancelled' ORDER BY t.id";

/* What is still open from before the day. */
static const char SQL_OVERDUE[] = "SELECT id, due_date, title FROM task"
    " WHERE assignee_id = ?1 AND state = 'open' AND due_date < ?2"
    " ORDER BY due_date, id";

const char *const crmi_sql_plan[] = {
	SQL_TEXTS, SQL_SIZE, SQL_TASKS, SQL_OVERDUE, SQL_KPI_TEXTS, NULL
};

/* One result of the person within the paste window. */
struct text {
	int64_t	 task;
	int	 due;		/* the task's due date */
	char	*norm;		/* one of pc's norms */
};

struct pc {
	struct crm		*crm;
	int64_t			 pid;
	const char		*login;
	char			 day[11];
	int			 dayn;
	struct crm_junk_rules	 junk;
	int64_t			 paste;
	char			 since[11];
	int			 lo, hi;	/* the window pasted() counts */
	struct text		*texts;
	size_t			 ntexts, maxtexts;
	int			 sorted;	/* texts by norm, due, task */
	char			**norms;	/* distinct normalised texts */
	size_t			 nnorms;
	struct crmi_map		 seen;		/* text -> its norm's place */
	struct crmi_map		 canon;		/* norm -> its place */
	int			 (*fn)(const struct crm_finding *, void *);
	void			*arg;
	int			 sized;	/* the day's size is checked */
	int64_t			 filler;	/* plan.filler */
};

static int
emit(struct pc *c, const char *rule, int64_t task, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int
emit(struct pc *c, const char *rule, int64_t task, const char *fmt, ...)
{
	struct crm_finding	 f;
	va_list			 ap;
	char			*detail;
	int			 rc;

	va_start(ap, fmt);
	rc = vasprintf(&detail, fmt, ap);
	va_end(ap);
	if (rc < 0)
		return crmi_err(c->crm, CRM_ENOMEM, "out of memory");
	f.login = c->login;
	f.day = c->day;
	f.rule = rule;
	f.task_id = task;
	f.detail = detail;
	rc = c->fn(&f, c->arg);
	free(detail);
	return rc;
}

/*
 * Text as the paste rule compares it: case folded, ё as е, and any run
 * of spaces and punctuation as one space, none at either end.  Letters
 * and digits of other scripts pass as they are.
 */
static char *
normalise(const char *s)
{
	char			*o, *out;
	const unsigned char	*p;
	unsigned int		 c;
	size_t			 n;
	int			 gap = 0;

	/* Folding keeps lengths (ё becomes е): one buffer, one pass. */
	if ((out = malloc(strlen(s) + 1)) == NULL)
		return NULL;
	for (o = out, p = (const unsigned char *)s; *p != '\0'; p += n) {
		if ((n = crmi_utf8_dec(p, &c)) == 0) {
			n = 1;		/* not UTF-8: dropped, as fold does */
			continue;
		}
		c = crmi_fold_cp(c);
		if ((c < 0x80 && !(c >= '0' && c <= '9') &&
		    !(c >= 'a' && c <= 'z')) || c == 0xab || c == 0xbb ||
		    (c >= 0x2000 && c <= 0x203f)) {
			gap = o != out;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = 0;
		o += crmi_utf8_enc(o, c);
	}
	*o = '\0';
	return out;
}

/*
 * Text s normalised: a person writes the same few notes again and again
 * (that is what the paste rule looks for), so each is normalised once.
 * NULL when out of memory.
 */
static char *
norm_of(struct pc *c, const char *s)
{
	char	**p, *n;
	int64_t	 i;

	if (crmi_map_get(&c->seen, s, &i))
		return c->norms[i];
	if ((n = normalise(s)) == NULL)
		return NULL;
	/* Texts that normalise alike share one: compared by address. */
	if (crmi_map_get(&c->canon, n, &i))
		free(n);
	else {
		if ((p = reallocarray(c->norms, c->nnorms + 1,
		    sizeof(*p))) == NULL || crmi_map_put(&c->canon, n,
		    (int64_t)c->nnorms) == -1) {
			if (p != NULL)
				c->norms = p;
			free(n);
			return NULL;
		}
		c->norms = p;
		i = (int64_t)c->nnorms;
		c->norms[c->nnorms++] = n;
	}
	if (crmi_map_put(&c->seen, s, i) == -1)
		return NULL;
	return c->norms[i];
}

static int
add_text(struct pc *c, int64_t task, int due, const char *s)
{
	struct text	*t;
	char		*n;
	size_t		 m;

	if (s == NULL || *s == '\0')
		return CRM_OK;
	if ((n = norm_of(c, s)) == NULL)
		return crmi_err(c->crm, CRM_ENOMEM, "out of memory");
	if (*n == '\0')
		return CRM_OK;
	if (c->ntexts == c->maxtexts) {
		m = c->maxtexts ? c->maxtexts * 2 : 64;
		if ((t = reallocarray(c->texts, m, sizeof(*t))) == NULL)
			return crmi_err(c->crm, CRM_ENOMEM, "out of memory");
		c->texts = t;
		c->maxtexts = m;
	}
	c->texts[c->ntexts].task = task;
	c->texts[c->ntexts].due = due;
	c->texts[c->ntexts++].norm = n;
	c->sorted = 0;
	return CRM_OK;
}

/* Load the person's results due from..to (SQL_TEXTS). */
static int
load_window(struct pc *c, const char *sql, const char *from,
    const char *to)
{
	struct crmi_stmt	*st;
	int			 rc = CRM_OK, s, due;

	if ((st = crmi_stmt(c->crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, c->pid);
	crmi_bind_str(st, 2, from);
	crmi_bind_str(st, 3, to);
	while (rc == CRM_OK && (s = crmi_step(st)) == CRMI_ROW) {
		due = 0;
		crm_date_iso(crmi_col_text(st, 2), &due);
		rc = add_text(c, crmi_col_int(st, 0), due,
		    crmi_col_text(st, 1));
	}
	if (rc == CRM_OK && s != CRMI_DONE)
		rc = crmi_dberr(c->crm, s);
	crmi_reset(st);
	return rc;
}

/* Load the person's results of the paste window. */
static int
load_texts(struct pc *c, int64_t days)
{
	crm_date_fmt(c->dayn - (int)days, c->since);
	c->lo = c->dayn - (int)days;
	c->hi = c->dayn;
	if (c->paste <= 0)
		return CRM_OK;
	return load_window(c, SQL_TEXTS, c->since, c->day);
}

/* Texts by their norm (its address: one a text), due date and task. */
static int
text_cmp(const void *a, const void *b)
{
	const struct text	*x = a, *y = b;

	if (x->norm != y->norm)
		return (uintptr_t)x->norm < (uintptr_t)y->norm ? -1 : 1;
	if (x->due != y->due)
		return x->due < y->due ? -1 : 1;
	return x->task < y->task ? -1 : x->task > y->task;
}

/* The first text not before (n, due, task), in the sorted texts. */
static size_t
text_from(const struct pc *c, char *n, int due, int64_t task)
{
	struct text	 key = { task, due, n };
	size_t		 lo = 0, hi = c->ntexts, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (text_cmp(&c->texts[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * In how many tasks of the window (c->lo to c->hi) the text s appears:
 * the texts sorted once, a window is two binary searches, so that a
 * person's year is not read once for each of its tasks.  A task loaded
 * twice (two windows of one check) is one.
 */
static int64_t
pasted(struct pc *c, const char *s)
{
	char	*n;
	size_t	 i, j, k;

	if (s == NULL || *s == '\0' || (n = norm_of(c, s)) == NULL)
		return 0;
	if (!c->sorted) {
		qsort(c->texts, c->ntexts, sizeof(*c->texts), text_cmp);
		for (i = j = 0; i < c->ntexts; i++)
			if (j == 0 || text_cmp(&c->texts[j - 1],
			    &c->texts[i]) != 0)
				c->texts[j++] = c->texts[i];
		c->ntexts = j;
		c->sorted = 1;
	}
	i = text_from(c, n, c->lo, INT64_MIN);
	k = text_from(c, n, c->hi, INT64_MAX);
	return (int64_t)(k - i);
}

/* The day's tasks of one kind. */
struct kindn {
	char	 key[64];	/* "plan.min.KIND" */
	int64_t	 n;		/* those that fill the plan */
	int64_t	 filler;	/* those that do not: no client, no deal */
};

/* The day's count of each kind into *k (*nk of them), asked once. */
static int
day_size(struct pc *c, struct kindn **k, size_t *nk)
{
	struct crmi_stmt	*st;
	struct kindn		*p;
	int			 s, rc = CRM_OK;

	*k = NULL;
	*nk = 0;
	if ((st = crmi_stmt(c->crm, SQL_SIZE)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, c->pid);
	crmi_bind_str(st, 2, c->day);
	while ((s = crmi_step(st)) == CRMI_ROW) {
		if ((p = reallocarray(*k, *nk + 1, sizeof(*p))) == NULL) {
			rc = crmi_err(c->crm, CRM_ENOMEM, "out of memory");
			break;
		}
		*k = p;
		snprintf(p[*nk].key, sizeof(p[*nk].key), "plan.min.%s",
		    crmi_col_text(st, 0));
		p[*nk].n = c->filler ? crmi_col_int(st, 1) :
		    crmi_col_int(st, 2);
		p[*nk].filler = crmi_col_int(st, 1) - p[*nk].n;
		(*nk)++;
	}
	if (rc == CRM_OK && s != CRMI_DONE)
		rc = crmi_dberr(c->crm, s);
	crmi_reset(st);
	return rc;
}

/* The day's size: empty and thin (total and per kind). */
static int
check_size(struct pc *c)
{
	struct kindn	*k;
	int64_t		 min, kmin, n = 0, f = 0;
	size_t		 i, nk;
	int		 rc;

	if ((rc = crm_rule_person_int(c->crm, "plan.min", c->pid, 0, &min))
	    != CRM_OK || (rc = crm_rule_person_int(c->crm, "plan.filler",
	    c->pid, 0, &c->filler)) != CRM_OK ||
	    (rc = day_size(c, &k, &nk)) != CRM_OK)
		return rc;
	for (i = 0; i < nk; i++) {
		n += k[i].n;
		f += k[i].filler;
	}
	if (n < min && f > 0)	/* filler does not buy a plan: say so */
		rc = emit(c, "thin", 0, crmi_ntr("%lld planned, the plan needs "
		    "%lld; %lld more with no client and no deal do not count",
		    "%lld planned, the plan needs %lld; %lld more with no "
		    "client and no deal do not count", f), (long long)n,
		    (long long)min, (long long)f);
	else if (n == 0 && min > 0)
		rc = emit(c, "empty", 0, crmi_ntr("nothing planned on a "
		    "working day, the plan needs %lld", "nothing planned "
		    "on a working day, the plan needs %lld", min),
		    (long long)min);
	else if (n < min)
		rc = emit(c, "thin", 0, crmi_ntr("%lld "
		    "planned, the plan needs %lld", "%lld planned, the plan "
		    "needs %lld", n), (long long)n, (long long)min);
	for (i = 0; i < nk && rc == CRM_OK && !(n == 0 && min > 0); i++) {
		rc = crm_rule_person_int(c->crm, k[i].key, c->pid, 0, &kmin);
		if (rc == CRM_OK && k[i].n < kmin)
			rc = emit(c, "thin", 0, crmi_ntr("%s: %lld "
			    "planned, the plan needs %lld", "%s: %lld "
			    "planned, the plan needs %lld", k[i].n),
			    crmi_word("kind", k[i].key + 9), (long long)k[i].n,
			    (long long)kmin);
	}
	free(k);
	return rc;
}

/* Junk and paste in one text (a note or a result) of task id. */
static int
check_text(struct pc *c, int64_t id, const char *what, const char *s,
    const char *title)
{
	const char	*why;
	int64_t		 n;
	int		 rc;

	if (s == NULL || *s == '\0')
		return CRM_OK;
	if ((why = crm_junk_check(&c->junk, s, title)) != NULL &&
	    (rc = emit(c, "junk", id, strcmp(what, "note") == 0 ?
	    _("note (%s): %s") :
	    _("result (%s): %s"), crmi_word("junk", why), s)) != CRM_OK)
		return rc;
	if (c->paste > 0 && strcmp(what, "result") == 0 &&
	    (n = pasted(c, s)) >= c->paste)
		return emit(c, "paste", id, crmi_ntr("result in %lld tasks "
		    "since %s: %s", "result in %lld tasks since %s: %s", n),
		    (long long)n, c->since, s);
	return CRM_OK;
}

/* One task planned on the day: fields, junk, paste. */
static int
check_task(struct pc *c, struct crmi_stmt *st)
{
	const char	*kind, *title;
	int64_t		 id;
	int		 i, rc, mask = 0;

	id = crmi_col_int(st, 0);
	kind = crmi_col_text(st, 1);
	title = crmi_col_text(st, 2);
	for (i = 0; i < 4; i++)
		mask |= crmi_col_int(st, 9 + i) << i;
	/* The team's fields of the kind, where its head set them. */
	rc = crmi_kind_fields(c->crm, c->pid, kind, &mask);
	for (i = 0; i < 4 && rc == CRM_OK; i++)
		if (crmi_col_int(st, 5 + i) && (mask & 1 << i))
			rc = emit(c, "field", id, i == 0 ?
			    _("%s needs a client") : i == 1 ?
			    _("%s needs a deal") : i == 2 ?
			    _("%s needs a time") : _("%s needs a note"),
			    crmi_word("kind", kind));
	if (rc == CRM_OK)
		rc = check_text(c, id, "note",
		    crmi_col_text(st, 3), title);
	if (rc == CRM_OK)
		rc = check_text(c, id, "result",
		    crmi_col_text(st, 4), title);
	return rc;
}

static int
check_tasks(struct pc *c)
{
	struct crmi_stmt	*st;
	int			 rc = CRM_OK, s;

	st = crmi_stmt(c->crm, SQL_TASKS);
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, c->pid);
	crmi_bind_str(st, 2, c->day);
	while (rc == CRM_OK && (s = crmi_step(st)) == CRMI_ROW)
		rc = check_task(c, st);
	if (rc == CRM_OK && s != CRMI_DONE)
		rc = crmi_dberr(c->crm, s);
	crmi_reset(st);
	return rc;
}

static int
check_overdue(struct pc *c)
{
	struct crmi_stmt	*st;
	int			 rc = CRM_OK, s;

	st = crmi_stmt(c->crm, SQL_OVERDUE);
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, c->pid);
	crmi_bind_str(st, 2, c->day);
	while (rc == CRM_OK && (s = crmi_step(st)) == CRMI_ROW)
		rc = emit(c, "overdue", crmi_col_int(st, 0),
		    _("due %s: %s"), crmi_col_text(st, 1),
		    crmi_col_text(st, 2));
	if (rc == CRM_OK && s != CRMI_DONE)
		rc = crmi_dberr(c->crm, s);
	crmi_reset(st);
	return rc;
}

static int
check_day(struct pc *c)
{
	int64_t	 days;
	int	 rc, w;

	if ((rc = crmi_junk_person(c->crm, c->pid, &c->junk)) != CRM_OK ||
	    (rc = crm_rule_person_int(c->crm, "junk.paste", c->pid, 5,
	    &c->paste)) != CRM_OK ||
	    (rc = crm_rule_person_int(c->crm, "junk.paste.days", c->pid, 30,
	    &days)) != CRM_OK || (rc = load_texts(c, days)) != CRM_OK)
		return rc;
	if ((w = crm_workday(c->crm, c->dayn)) < 0)
		return CRM_EDB;
	if (w && c->sized && (rc = check_size(c)) != CRM_OK)
		return rc;
	if ((rc = check_tasks(c)) != CRM_OK)
		return rc;
	return check_overdue(c);
}

/*
 * A head's day is planned only when the regulations say heads plan too
 * (plan.heads): otherwise a head's empty day is no finding.
 */
static int
sized(struct crm *crm, const char *login, int *on)
{
	struct crm_person	 p;
	int64_t			 heads;
	int			 rc;

	*on = 1;
	if ((rc = crm_person_get(crm, login, &p)) != CRM_OK)
		return rc;
	if (p.role == CRM_ROLE_HEAD &&
	    (rc = crm_rule_int(crm, "plan.heads", 0, &heads)) == CRM_OK)
		*on = heads != 0;
	crm_person_clear(&p);
	return rc;
}

/* Free what c holds. */
static void
pc_clear(struct pc *c)
{
	size_t	 i;

	for (i = 0; i < c->nnorms; i++)
		free(c->norms[i]);
	free(c->norms);
	crmi_map_clear(&c->seen);
	crmi_map_clear(&c->canon);
	free(c->texts);
}

int
crm_plan_check(struct crm *crm, const char *login, int day,
    int (*fn)(const struct crm_finding *, void *), void *arg)
{
	struct pc	 c;
	int		 rc;

	memset(&c, 0, sizeof(c));
	if ((c.pid = crmi_person_id(crm, login)) == 0)
		return crmi_err(crm, CRM_ENOENT, "no such person '%s'", login);
	if ((rc = crm_may_see(crm, c.pid)) != CRM_OK)
		return rc;
	if ((rc = sized(crm, login, &c.sized)) != CRM_OK)
		return rc;
	c.crm = crm;
	c.login = login;
	c.dayn = day;
	crm_date_fmt(day, c.day);
	c.fn = fn;
	c.arg = arg;
	rc = check_day(&c);
	pc_clear(&c);
	return rc;
}

/* A KPI task whose result the paste rule judges. */
struct kpitext {
	char	*result;
	int	 due, first;
};

/*
 * The KPI's tasks of the period (first due from..to) with a result that
 * is not junk already, into *kt (*n of them), and the latest due date
 * among them into *last.
 */
static int
kpi_texts(struct pc *c, int from, int to, struct kpitext **kt, size_t *n,
    int *last)
{
	struct crmi_stmt	*st;
	struct kpitext		*p;
	const char		*r;
	char			 f[11], t[11];
	int			 rc;

	crm_date_fmt(from, f);
	crm_date_fmt(to, t);
	if ((st = crmi_stmt(c->crm, SQL_KPI_TEXTS)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, c->pid);
	crmi_bind_str(st, 2, f);
	crmi_bind_str(st, 3, t);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		r = crmi_col_text(st, 1);
		if (r == NULL || *r == '\0' || crm_junk_check(&c->junk, r,
		    crmi_col_text(st, 4)) != NULL)
			continue;
		if ((p = reallocarray(*kt, *n + 1, sizeof(*p))) == NULL)
			break;
		*kt = p;
		p += (*n)++;
		p->due = p->first = 0;
		crm_date_iso(crmi_col_text(st, 2), &p->due);
		crm_date_iso(crmi_col_text(st, 3), &p->first);
		if (p->due > *last)
			*last = p->due;
		if ((p->result = strdup(r)) == NULL)
			break;
	}
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return crmi_err(c->crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(c->crm, rc);
}

/*
 * The paste rule over the KPI's tasks of the period: their results read
 * first, then the person's results of the windows they need (from the
 * period's start less the window's days to the latest due date among
 * them), not every result since.
 */
static int
kpi_paste(struct pc *c, int from, int to, int64_t days,
    void (*fn)(int, void *), void *arg)
{
	struct kpitext	*kt = NULL;
	size_t		 i, n = 0;
	char		 f[11], t[11];
	int		 rc, last = 0;

	if ((rc = kpi_texts(c, from, to, &kt, &n, &last)) == CRM_OK && n > 0) {
		crm_date_fmt(from - (int)days, f);
		crm_date_fmt(last, t);
		rc = load_window(c, SQL_TEXTS, f, t);
	}
	for (i = 0; i < n; i++) {
		if (rc == CRM_OK) {
			c->lo = kt[i].due - (int)days;
			c->hi = kt[i].due;
			if (pasted(c, kt[i].result) >= c->paste)
				fn(kt[i].first, arg);
		}
		free(kt[i].result);
	}
	free(kt);
	return rc;
}

int
crmi_plan_paste(struct crm *crm, int64_t pid, int from, int to,
    void (*fn)(int, void *), void *arg)
{
	struct pc	 c;
	int64_t		 days;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.crm = crm;
	c.pid = pid;
	if ((rc = crmi_junk_person(crm, pid, &c.junk)) == CRM_OK &&
	    (rc = crm_rule_person_int(crm, "junk.paste", pid, 5,
	    &c.paste)) == CRM_OK &&
	    (rc = crm_rule_person_int(crm, "junk.paste.days", pid, 30,
	    &days)) == CRM_OK && c.paste > 0 && from <= to)
		rc = kpi_paste(&c, from, to, days, fn, arg);
	pc_clear(&c);
	return rc;
}

/*
 * kpiscore.c: the KPI's judgement once kpi.c has counted: the rules of
 * each person's team, the score out of its parts and their weights, the
 * verdict and the reasons behind it, the team totals and how CRM use goes
 * with sales.
 */
#include <sys/types.h>

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "kpi_int.h"

static const char *const part_key[CRM_KPI_NPART] = {
	"kpi.w.ontime", "kpi.w.advance", "kpi.w.fullplan", "kpi.w.fields",
	"kpi.w.junk"
};
static const int64_t part_def[CRM_KPI_NPART] = { 40, 15, 20, 15, 10 };

static double
share(int64_t n, int64_t of)
{
	return of > 0 ? (double)n / of : 0;
}

double
crm_kpi_winrate(const struct crm_kpi_counts *c)
{
	return share(c->won, c->won + c->lost);
}

/* A message in English (TSV, JSON) or in the person's language. */
#define TR(people, s)	((people) ? crmi_tr(s) : (s))

static void
left_add(char *, size_t, int *, int, const char *, ...)
	__attribute__((format(printf, 5, 6)));

/* One count of what was left out, after r: fmt and its count. */
static void
left_add(char *r, size_t sz, int *first, int people, const char *fmt, ...)
{
	va_list	 ap;
	size_t	 len = strlen(r);

	snprintf(r + len, sz - len, "%s", !*first ? ", " : TR(people,
	    "; left out of the plan, their comments judged all the same: "));
	*first = 0;
	len = strlen(r);
	va_start(ap, fmt);
	vsnprintf(r + len, sz - len, fmt, ap);
	va_end(ap);
}

/*
 * What the plan's figures left out, and why, after the reason r: "; left
 * out of the plan, their comments judged all the same: 17 tasks made and
 * done the same day, 20 tasks with no client and no deal, 1 task
 * cancelled at once or taken back with crm-undo".  Nothing when none.
 * For machines the English words, whatever the locale.
 */
static void
left_out(const struct crm_kpi_counts *c, int people, char *r, size_t sz)
{
	int	 first = 1;

	if (c->selfmade > 0)
		left_add(r, sz, &first, people, people ? crmi_ntr("%lld task "
		    "made and done the same day", "%lld tasks made and done "
		    "the same day", c->selfmade) : c->selfmade == 1 ? "%lld "
		    "task made and done the same day" : "%lld tasks made and "
		    "done the same day", (long long)c->selfmade);
	if (c->filler > 0)
		left_add(r, sz, &first, people, people ? crmi_ntr("%lld task "
		    "with no client and no deal", "%lld tasks with no client "
		    "and no deal", c->filler) : c->filler == 1 ? "%lld task "
		    "with no client and no deal" : "%lld tasks with no client "
		    "and no deal", (long long)c->filler);
	if (c->slips > 0)
		left_add(r, sz, &first, people, people ? crmi_ntr("%lld task "
		    "cancelled at once or taken back with crm-undo", "%lld "
		    "tasks cancelled at once or taken back with crm-undo",
		    c->slips) : c->slips == 1 ? "%lld task cancelled at once "
		    "or taken back with crm-undo" : "%lld tasks cancelled at "
		    "once or taken back with crm-undo", (long long)c->slips);
}

/* Why the verdict, into r of sz bytes, for people or for machines. */
static void
reason_in(struct ctx *x, const struct crm_kpi_counts *c,
    struct crm_kpi_score *s, int people, char *r, size_t sz)
{
	char	 head[128];

	if (s->verdict == CRM_KPI_NODATA) {
		/* For people the verdict word is said before the reason. */
		snprintf(r, sz, people ? crmi_ntr("planned %lld of the %lld "
		    "task the regulations need to judge", "planned %lld of "
		    "the %lld tasks the regulations need to judge",
		    x->r->min_tasks) :
		    "insufficient data: "
		    "%lld of the %lld planned tasks the regulations need to "
		    "judge",
		    (long long)c->planned, (long long)x->r->min_tasks);
		left_out(c, people, r, sz);
		return;
	}
	if (s->verdict == CRM_KPI_REWARD)
		snprintf(head, sizeof(head), TR(people, "score %.1f >= %g"),
		    s->score, x->r->reward);
	else if (s->verdict == CRM_KPI_PENALTY)
		snprintf(head, sizeof(head), TR(people, "score %.1f < %g"),
		    s->score, x->r->penalty);
	else
		snprintf(head, sizeof(head), TR(people, "score %.1f between "
		    "%g and %g"), s->score, x->r->penalty, x->r->reward);
	if (c->planned == 0) {
		snprintf(r, sz, TR(people, "%s: no planned tasks"), head);
		left_out(c, people, r, sz);
		return;
	}
	snprintf(r, sz, TR(people, "%s: on time %lld of %lld "
	    "(late %lld, not done %lld, closed by a head %lld); full plan "
	    "%lld of %lld working days; planned ahead %lld of %lld; all "
	    "fields %lld of %lld; junk %lld of %lld comments"), head,
	    (long long)c->ontime, (long long)(c->ontime + c->late +
	    c->byhead + c->notdone), (long long)c->late,
	    (long long)c->notdone, (long long)c->byhead,
	    (long long)c->fulldays, (long long)c->workdays,
	    (long long)c->advance, (long long)c->planned,
	    (long long)c->complete, (long long)c->planned,
	    (long long)c->junk, (long long)c->comments);
	if (c->returns > 0)
		snprintf(r + strlen(r), sz - strlen(r), people ?
		    crmi_ntr("; returned by the head %lld time, %.1f points",
		    "; returned by the head %lld times, %.1f points",
		    c->returns) : "; returned by the head %lld times, "
		    "%.1f points", (long long)c->returns, s->returned);
	left_out(c, people, r, sz);
}

/* "from 23.11: " before the reason r of a period clipped at x->clip. */
static void
clipped(struct ctx *x, int people, char *r, size_t sz)
{
	char	 was[1024];
	int	 y, m, d;

	if (x->clip == 0)
		return;
	crm_date_split(x->clip, &y, &m, &d);
	strlcpy(was, r, sizeof(was));
	snprintf(r, sz, TR(people, "from %02d.%02d: %s"), d, m, was);
}

static void
reason(struct ctx *x, const struct crm_kpi_counts *c,
    struct crm_kpi_score *s)
{
	reason_in(x, c, s, 0, s->reason, sizeof(s->reason));
	reason_in(x, c, s, 1, s->hreason, sizeof(s->hreason));
	clipped(x, 0, s->reason, sizeof(s->reason));
	clipped(x, 1, s->hreason, sizeof(s->hreason));
}

/*
 * The score of counts c by the rules x->r, with its reasons unless bare
 * (a week's: only its score is drawn, and the reasons of 100 people's
 * 53 weeks were a third of a year's report).
 */
static void
score_of(struct ctx *x, const struct crm_kpi_counts *c,
    struct crm_kpi_score *s, int bare)
{
	int64_t	 wsum = 0;
	int	 i;

	memset(s, 0, sizeof(*s));
	s->rate[CRM_KPI_ONTIME] = share(c->ontime, c->ontime + c->late +
	    c->byhead + c->notdone);
	s->rate[CRM_KPI_ADVANCE] = share(c->advance, c->planned);
	s->rate[CRM_KPI_FULLPLAN] = share(c->fulldays, c->workdays);
	s->rate[CRM_KPI_FIELDS] = share(c->complete, c->planned);
	/*
	 * Comments judged are shared out whatever planned them (the tasks
	 * left out of the plan too): a card's "4 of 34" is its share.  No
	 * comment on planned work is clean; nothing at all earns nothing.
	 */
	s->rate[CRM_KPI_CLEAN] = c->comments > 0 ?
	    1 - share(c->junk, c->comments) : c->planned > 0 ? 1 : 0;
	for (i = 0; i < CRM_KPI_NPART; i++)
		wsum += x->r->w[i];
	for (i = 0; i < CRM_KPI_NPART && wsum > 0; i++) {
		s->points[i] = 100.0 * x->r->w[i] * s->rate[i] / wsum;
		s->score += s->points[i];
	}
	/* Each return of work done costs its points, down to 0. */
	s->returned = -fmin(s->score, c->returns * x->r->retpts);
	s->score += s->returned;
	/* Judge the score as it is printed, to one decimal. */
	s->score = round(s->score * 10) / 10;
	if (c->planned < x->r->min_tasks)
		s->verdict = CRM_KPI_NODATA;
	else if (s->score >= x->r->reward)
		s->verdict = CRM_KPI_REWARD;
	else if (s->score < x->r->penalty)
		s->verdict = CRM_KPI_PENALTY;
	else
		s->verdict = CRM_KPI_NOTHING;
	if (!bare)
		reason(x, c, s);
}

static void
score(struct ctx *x, const struct crm_kpi_counts *c,
    struct crm_kpi_score *s)
{
	score_of(x, c, s, 0);
}

void
crmi_kpi_sum(struct crm_kpi_counts *t, const struct crm_kpi_counts *c)
{
	int64_t		*a = (int64_t *)t;
	const int64_t	*b = (const int64_t *)c;
	size_t		 i;

	for (i = 0; i < sizeof(*t) / sizeof(int64_t); i++)
		a[i] += b[i];
}

static void
person_score(struct ctx *x, struct crm_kpi_person *p)
{
	size_t	 i;

	x->r = &x->rs[p - x->k->people];
	x->clip = p->start > x->k->from ? p->start : 0;
	score(x, &p->c, &p->s);
	x->clip = 0;
	score(x, &p->prev, &p->sprev);
	for (i = 0; i < x->k->nweeks; i++)
		score_of(x, &p->week[i], &p->wscore[i], 1);
}

void
crmi_kpi_person_clear(struct crm_kpi_person *p)
{
	free(p->login);
	free(p->name);
	free(p->week);
	free(p->wscore);
}

/* A head's line stays only when they had tasks of their own. */
static void
drop_idle_heads(struct crm_kpi *k)
{
	size_t	 i, n = 0;

	for (i = 0; i < k->npeople; i++)
		if (k->people[i].head && k->people[i].c.planned +
		    k->people[i].c.selfmade == 0)
			crmi_kpi_person_clear(&k->people[i]);
		else
			k->people[n++] = k->people[i];
	k->npeople = n;
}

/* The team a person's line counts in: their head's, or their own. */
int64_t
crmi_kpi_team_of(const struct crm_kpi_person *p)
{
	return p->head ? p->id : p->head_id;
}

/* Team totals; teams with nobody on a line are left out. */
static void
totals(struct ctx *x)
{
	struct crm_kpi		*k = x->k;
	struct crm_kpi_team	*t;
	size_t			 i, j, n = 0, members;

	for (i = 0; i < k->npeople; i++) {
		crmi_kpi_sum(&k->team, &k->people[i].c);
		crmi_kpi_sum(&k->teamprev, &k->people[i].prev);
	}
	x->r = &x->dept;
	score(x, &k->team, &k->steam);
	score(x, &k->teamprev, &k->steamprev);
	for (j = 0; j < k->nteams; j++) {
		t = &k->teams[j];
		for (i = 0, members = 0; i < k->npeople; i++)
			if (crmi_kpi_team_of(&k->people[i]) == t->id) {
				/* a team is judged by its own rules */
				x->r = &x->rs[i];
				crmi_kpi_sum(&t->c, &k->people[i].c);
				crmi_kpi_sum(&t->prev, &k->people[i].prev);
				members++;
			}
		score(x, &t->c, &t->s);
		score(x, &t->prev, &t->sprev);
		if (members == 0) {
			free(t->login);
			free(t->name);
		} else
			k->teams[n++] = *t;
	}
	/* One team's line would only repeat the total. */
	for (j = 0; n < 2 && j < n; j++) {
		free(k->teams[j].login);
		free(k->teams[j].name);
	}
	k->nteams = n < 2 ? 0 : n;
}

static void
corr(struct crm_kpi_corr *c, const char *scope, const char *y,
    const double *xs, const double *ys, size_t n)
{
	strlcpy(c->scope, scope, sizeof(c->scope));
	c->x = "score";
	c->y = y;
	c->n = n;
	c->ok = 0;
	c->have = crm_stats_pearson(xs, ys, n, &c->pearson) == 0 &&
	    crm_stats_spearman(xs, ys, n, &c->spearman) == 0;
	if (n < CRM_KPI_MIN_N)
		c->why = "n too small";
	else if (!c->have)
		c->why = "no spread";
	else
		c->ok = 1;
}

/*
 * Across people for a team; across the weeks begun by today for one
 * person.
 */
static int
relate(struct ctx *x)
{
	struct crm_kpi		*k = x->k;
	struct crm_kpi_person	*p = k->people;
	double			*xs, *paid, *won;
	size_t			 i, n = 0, max;

	max = k->npeople > k->nweeks ? k->npeople : k->nweeks;
	xs = calloc(max + 1, sizeof(double));
	paid = calloc(max + 1, sizeof(double));
	won = calloc(max + 1, sizeof(double));
	if (xs == NULL || paid == NULL || won == NULL) {
		free(xs);
		free(paid);
		free(won);
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	}
	if (k->npeople > 1)
		for (n = 0; n < k->npeople; n++) {
			xs[n] = p[n].s.score;
			paid[n] = p[n].c.paid;
			won[n] = p[n].c.won;
		}
	else if (k->npeople == 1)
		for (i = p->week1; i < k->nweeks &&
		    k->week0 + 7 * (int)i <= x->today; i++, n++) {
			xs[n] = p->wscore[i].score;
			paid[n] = p->week[i].paid;
			won[n] = p->week[i].won;
		}
	if (k->npeople > 0) {
		corr(&k->corr[0], k->npeople > 1 ? "team" : p->login, "paid",
		    xs, paid, n);
		corr(&k->corr[1], k->npeople > 1 ? "team" : p->login, "won",
		    xs, won, n);
		k->ncorr = 2;
	}
	free(xs);
	free(paid);
	free(won);
	return CRM_OK;
}


int
crmi_kpi_judge(struct ctx *x)
{
	struct crm_kpi	*k = x->k;
	size_t		 i;

	for (i = 0; i < k->npeople; i++)
		person_score(x, &k->people[i]);
	if (k->who == CRM_KPI_ALL || k->who == CRM_KPI_TEAM)
		drop_idle_heads(k);
	totals(x);
	return relate(x);
}

struct kindarg {
	struct ctx	*x;
	int64_t		 id;
	struct kpirules	*r;
};

/* The fields of kind name in the team of a->id, when the team set its own. */
static int
team_kind(struct kindarg *a, const char *name)
{
	int	 need = -1, rc;

	if ((rc = crmi_kind_fields(a->x->crm, a->id, name, &need)) !=
	    CRM_OK)
		return rc;
	if (need < 0 || a->r->nfk == KINDS_MAX)
		return CRM_OK;
	strlcpy(a->r->fk[a->r->nfk].kind, name, sizeof(a->r->fk[0].kind));
	a->r->fk[a->r->nfk++].need = need;
	return CRM_OK;
}

/* Keep kind k's name: the kinds are read once, not once a person. */
static int
keep_kind(const struct crm_kind *k, void *arg)
{
	struct ctx	*x = arg;
	char		**p;

	if ((p = reallocarray(x->kinds, x->nkinds + 1, sizeof(*p))) == NULL)
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	x->kinds = p;
	if ((p[x->nkinds] = strdup(k->name)) == NULL)
		return crmi_err(x->crm, CRM_ENOMEM, "out of memory");
	x->nkinds++;
	return 0;
}

void
crmi_kpi_kinds_free(struct ctx *x)
{
	size_t	 i;

	for (i = 0; i < x->nkinds; i++)
		free(x->kinds[i]);
	free(x->kinds);
	x->kinds = NULL;
	x->nkinds = 0;
	x->kinds_read = 0;
}

int
crmi_kpi_rules(struct ctx *x, int64_t id, struct kpirules *r)
{
	struct kindarg	 a;
	int64_t		 v;
	int		 i, rc;

	for (i = 0; i < CRM_KPI_NPART; i++)
		if ((rc = crm_rule_person_int(x->crm, part_key[i], id,
		    part_def[i], &r->w[i])) != CRM_OK)
			return rc;
	if ((rc = crm_rule_person_int(x->crm, "kpi.reward", id, 85, &v)) !=
	    CRM_OK)
		return rc;
	r->reward = v;
	if ((rc = crm_rule_person_int(x->crm, "kpi.penalty", id, 50, &v)) !=
	    CRM_OK)
		return rc;
	r->penalty = v;
	if ((rc = crm_rule_person_int(x->crm, "kpi.min_tasks", id, 5,
	    &r->min_tasks)) != CRM_OK)
		return rc;
	if ((rc = crm_rule_person_int(x->crm, "kpi.return", id, 2, &v)) !=
	    CRM_OK || (rc = crm_rule_person_int(x->crm, "plan.filler", id, 0,
	    &r->filler)) != CRM_OK)
		return rc;
	r->retpts = v;
	if ((rc = crmi_junk_person(x->crm, id, &r->junk)) != CRM_OK)
		return rc;
	a.x = x;
	a.id = id;
	a.r = r;
	if (!x->kinds_read) {
		if ((rc = crm_kind_each(x->crm, keep_kind, x)) != CRM_OK)
			return rc;
		x->kinds_read = 1;
	}
	for (i = 0; i < (int)x->nkinds; i++)
		if ((rc = team_kind(&a, x->kinds[i])) != CRM_OK)
			return rc;
	return CRM_OK;
}

int
crmi_kpi_dept(struct ctx *x, int64_t id)
{
	int	 rc;
	size_t	 i;

	if ((rc = crmi_kpi_rules(x, id, &x->dept)) != CRM_OK)
		return rc;
	x->k->reward = x->dept.reward;
	x->k->penalty = x->dept.penalty;
	x->k->min_tasks = x->dept.min_tasks;
	for (i = 0; i < CRM_KPI_NPART; i++)
		x->k->w[i] = x->dept.w[i];
	return CRM_OK;
}

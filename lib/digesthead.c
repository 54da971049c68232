/*
 * digesthead.c: a head's morning digest (digest.c makes and sends it):
 * one line per manager of the team, the problems worst first, and what
 * the rollout schedule asks for today.
 */
#include <stdlib.h>
#include <string.h>

#include "digest_int.h"

#define PROBLEMS_MAX	25	/* lines of problems in a head's digest */
#define NAME_COLS	30	/* the name column of a head's digest */

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
	if (crmi_digest_mgr_init(&m[t->n], p->id, p->login, p->name,
	    t->day) != CRM_OK)
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
	crmi_digest_span(since, t->day - 1, when, sizeof(when));
	crmi_buf_addf(b, _("(done: %s; rules: the plan check for "
	    "today)\n"), when);
}

/* What each manager did on the days before, with the results. */
static void
team_results(struct crmi_buf *b, const struct team *t, int since)
{
	char		 when[64];
	size_t		 i;

	crmi_digest_span(since, t->day - 1, when, sizeof(when));
	crmi_buf_addf(b, _("Results %s:\n"), when);
	for (i = 0; i < t->n; i++) {
		crmi_buf_add(b, "\n");
		crmi_digest_sect_put(b, t->m[i].name, &t->m[i].done);
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
		crmi_digest_line(b, all[i]->line);
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
		crmi_digest_sect_add(&t->missed, "  %s, %s: %s", day,
		    crmi_word("kind", d->kind), who);
	} else if (d->done > 0)
		crmi_digest_sect_add(&t->due, _("  %s: %s (held)"),
		    crmi_word("kind", d->kind), who);
	else
		crmi_digest_sect_add(&t->due, "  %s: %s",
		    crmi_word("kind", d->kind), who);
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
		if ((rc = crmi_digest_collect(crm, &t->m[i], since)) != CRM_OK)
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

int
crmi_digest_head(struct crm *crm, struct crm_digest *dg, int64_t id, int day,
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
		if ((name = crmi_digest_esc(dg->name)) != NULL)
			crmi_digest_title(&b, name, _("team, "), day);
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
			crmi_digest_sect_put(&b, _("Controls missed"),
			    &t.missed);
		crmi_digest_sect_put(&b, _("Due today by the rollout schedule"),
		    &t.due);
		rc = audit_line(crm, &b);
		if (rc == CRM_OK && (b.oom || name == NULL))
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	for (i = 0; i < t.n; i++)
		crmi_digest_mgr_free(&t.m[i]);
	free(t.m);
	crmi_buf_clear(&t.due.b);
	crmi_buf_clear(&t.missed.b);
	if (rc != CRM_OK) {
		crmi_buf_clear(&b);
		return rc;
	}
	dg->text = b.s;
	return CRM_OK;
}

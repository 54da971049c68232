/*
 * rollout.c: the control schedule while the department moves onto the
 * CRM, and the record of controls done.
 *
 * From rollout.launch: in week 1 every manager gets a detailed ("daily")
 * check each working day; in weeks 2-4 each team gets a "weekly" check
 * on the first working day of the week, and rollout.spot managers of it
 * drawn at random a detailed ("spot") one; after that, rollout.steady
 * says: a "steady" check of each team weekly, daily, or none.  Weeks
 * count from the launch day, seven days each.
 *
 * The draw must be the same whoever asks and however often, yet differ
 * from week to week and be fair over time.  So it is a pure function of
 * the launch date, the team and the week, replayed from the first week:
 * each week takes the k managers drawn fewest times so far, then those
 * not drawn the week before, then by a random rank from a hash of the
 * launch date, the team's head, the week and the manager (splitmix64
 * over FNV-1a; no system randomness).  So everyone is drawn once before
 * anyone twice, the counts never differ by more than one, and a team
 * of at least 2k never gets the same k two weeks running.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define TEAM_MAX	1000

static uint64_t
fnv1a(const char *s, uint64_t h)
{
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
	return h;
}

/* splitmix64: small, well mixed, the same on every platform. */
static uint64_t
next_rand(uint64_t *s)
{
	uint64_t	 z;

	z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A member's random rank for week w: the tie-break of the draw. */
static uint64_t
rank(const char *seed, int w, int i)
{
	uint64_t	 s;
	char		 num[32];

	snprintf(num, sizeof(num), "#%d#%d", w, i);
	s = fnv1a(num, fnv1a(seed, 0xcbf29ce484222325ULL));
	return next_rand(&s);
}

/* Whether member i goes before member j in week w. */
static int
before(const char *seed, int w, const int *count, const int *last, int i,
    int j)
{
	if (count[i] != count[j])
		return count[i] < count[j];
	if ((last[i] == w - 1) != (last[j] == w - 1))
		return last[j] == w - 1;
	return rank(seed, w, i) < rank(seed, w, j);
}

/* Draw week w: the k members first in order; update count and last. */
static void
draw_week(const char *seed, int n, int k, int w, int *count, int *last,
    int *out)
{
	int	 got, i, best;

	for (got = 0; got < k; got++) {
		best = -1;
		for (i = 0; i < n; i++)
			if (last[i] != w && (best < 0 ||
			    before(seed, w, count, last, i, best)))
				best = i;
		out[got] = best;
		last[best] = w;
	}
	for (got = 0; got < k; got++)
		count[out[got]]++;
}

int
crm_rollout_draw(const char *seed, int n, int k, int week, int *out)
{
	int	*count, *last, w, i, j, t;

	if (k > n)
		k = n;
	if (k <= 0 || week < 0 || n > TEAM_MAX)
		return 0;
	count = calloc(n, sizeof(*count));
	last = calloc(n, sizeof(*last));
	if (count == NULL || last == NULL) {
		free(count);
		free(last);
		return -1;
	}
	for (i = 0; i < n; i++)
		last[i] = -2;
	for (w = 0; w <= week; w++)
		draw_week(seed, n, k, w, count, last, out);
	free(count);
	free(last);
	for (i = 1; i < k; i++)		/* login order, for the listing */
		for (j = i; j > 0 && out[j - 1] > out[j]; j--) {
			t = out[j];
			out[j] = out[j - 1];
			out[j - 1] = t;
		}
	return k;
}

/* The active managers, by team (head's login) then login. */
struct mgr {
	int64_t	 id;
	int64_t	 head_id;
	char	*login;
	char	*team;
};

struct sched {
	struct crm	*crm;
	struct mgr	*m;
	size_t		 n;
	char		 day[11];
	int		 dayno;		/* day, as a number */
	int		 (*fn)(const struct crm_due *, void *);
	void		*arg;
};

static void
mgr_free(struct sched *s)
{
	size_t	 i;

	for (i = 0; i < s->n; i++) {
		free(s->m[i].login);
		free(s->m[i].team);
	}
	free(s->m);
}

static int
mgr_load(struct sched *s)
{
	struct crmi_stmt	*st;
	struct mgr		*m;
	int			 rc;

	st = crmi_stmt(s->crm, "SELECT p.id, COALESCE(p.head_id, 0), "
	    "p.login, COALESCE(h.login, '') FROM person p "
	    "LEFT JOIN person h ON h.id = p.head_id "
	    "WHERE p.role = 'manager' AND p.active = 1 "
	    "ORDER BY 4, p.login");
	if (st == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((m = reallocarray(s->m, s->n + 1, sizeof(*m))) == NULL)
			break;
		s->m = m;
		m += s->n++;
		m->id = crmi_col_int(st, 0);
		m->head_id = crmi_col_int(st, 1);
		m->login = crmi_col_dup(st, 2);
		m->team = crmi_col_dup(st, 3);
		if (m->login == NULL || m->team == NULL)
			break;
	}
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return crmi_err(s->crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(s->crm, rc);
}

/* How many controls of kind on the day were recorded for person id. */
static int
done_count(struct sched *s, const char *kind, int64_t id, int *n)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(s->crm, "SELECT count(*) FROM control WHERE day = ?1 "
	    "AND kind = ?2 AND COALESCE(person_id, 0) = ?3");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, s->day);
	crmi_bind_str(st, 2, kind);
	crmi_bind_int(st, 3, id);
	rc = crmi_step(st);
	*n = crmi_col_int(st, 0);
	crmi_reset(st);
	return rc == CRMI_ROW ? CRM_OK : crmi_dberr(s->crm, rc);
}

/*
 * Report one control due: of manager m, or of m's team when team is
 * set.  Only what the actor may see: a manager sees their own checks.
 */
static int
due(struct sched *s, const char *kind, const struct mgr *m, int team)
{
	struct crm_due	 d;
	int64_t		 id;
	int		 rc, n;

	id = team ? m->head_id : m->id;
	if (team && s->crm->actor.role == CRM_ROLE_MANAGER)
		return CRM_OK;
	/* A spot check ahead is the head's to know, not the one drawn. */
	if (strcmp(kind, "spot") == 0 && s->crm->actor.role ==
	    CRM_ROLE_MANAGER && s->dayno > crm_today(s->crm))
		return CRM_OK;
	if (crm_may_see(s->crm, team && id == 0 ? m->id : id) != CRM_OK)
		return CRM_OK;
	if ((rc = done_count(s, kind, id, &n)) != CRM_OK)
		return rc;
	d.day = s->day;
	d.kind = kind;
	d.login = team ? NULL : m->login;
	d.team = m->team;
	d.done = n;
	d.missed = n == 0 && s->dayno < crm_today(s->crm);
	return s->fn(&d, s->arg);
}

/* The first working day of the seven days from start, or -1. */
static int
first_workday(struct crm *crm, int start, int *day)
{
	int	 d, w;

	*day = -1;
	for (d = start; d < start + 7; d++) {
		if ((w = crm_workday(crm, d)) < 0)
			return CRM_EDB;
		if (w) {
			*day = d;
			break;
		}
	}
	return CRM_OK;
}

int
crm_rollout_week(struct crm *crm, int day, int *week, int *start)
{
	char	*v;
	int	 launch, rc;

	if ((rc = crm_rule_get(crm, "rollout.launch", &v)) != CRM_OK)
		return rc;
	rc = *v != '\0' ? crm_date_iso(v, &launch) : CRM_EINVAL;
	free(v);
	if (rc != CRM_OK) {
		/* No rollout: weeks are calendar weeks from Monday. */
		*week = 4;
		*start = day - crm_date_wday(day);
		return CRM_OK;
	}
	*week = day < launch ? -1 : (day - launch) / 7;
	*start = day < launch ? day : launch + 7 * *week;
	return CRM_OK;
}

/* Each team once: call due() for the first manager of each team. */
static int
each_team(struct sched *s, const char *kind, int spot, const char *launch,
    int week)
{
	int	 pick[TEAM_MAX];
	char	 seed[256];
	size_t	 i, j;
	int	 rc = CRM_OK, k, p;

	for (i = 0; i < s->n && rc == CRM_OK; i = j) {
		for (j = i; j < s->n && strcmp(s->m[j].team, s->m[i].team) ==
		    0; j++)
			continue;
		if ((rc = due(s, kind, &s->m[i], 1)) != CRM_OK || spot <= 0)
			continue;
		snprintf(seed, sizeof(seed), "%s/%s", launch, s->m[i].team);
		k = crm_rollout_draw(seed, (int)(j - i), spot, week, pick);
		if (k < 0)
			return crmi_err(s->crm, CRM_ENOMEM, "out of memory");
		for (p = 0; p < k && rc == CRM_OK; p++)
			rc = due(s, "spot", &s->m[i + pick[p]], 0);
	}
	return rc;
}

static int
schedule(struct sched *s, int day)
{
	char	*launch = NULL, *steady = NULL;
	int64_t	 spot;
	size_t	 i;
	int	 rc, week, start, first, w;

	if ((rc = crm_rollout_week(s->crm, day, &week, &start)) != CRM_OK ||
	    (rc = first_workday(s->crm, start, &first)) != CRM_OK ||
	    (rc = crm_rule_int(s->crm, "rollout.spot", 2, &spot)) != CRM_OK ||
	    (rc = crm_rule_get(s->crm, "rollout.launch", &launch)) != CRM_OK ||
	    (rc = crm_rule_get(s->crm, "rollout.steady", &steady)) != CRM_OK)
		goto out;
	if ((w = crm_workday(s->crm, day)) < 0) {
		rc = CRM_EDB;
		goto out;
	}
	if (week < 0 || !w)
		rc = CRM_OK;	/* nothing before the launch or on a day off */
	else if (week == 0)
		for (i = 0; i < s->n && rc == CRM_OK; i++)
			rc = due(s, "daily", &s->m[i], 0);
	else if (week <= 3 && day == first)
		rc = each_team(s, "weekly", (int)spot, launch, week - 1);
	else if (week >= 4 && (strcmp(steady, "daily") == 0 ||
	    (strcmp(steady, "weekly") == 0 && day == first)))
		rc = each_team(s, "steady", 0, launch, 0);
out:
	free(launch);
	free(steady);
	return rc;
}

int
crm_control_due(struct crm *crm, int day,
    int (*fn)(const struct crm_due *, void *), void *arg)
{
	struct sched	 s;
	int		 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	memset(&s, 0, sizeof(s));
	s.crm = crm;
	s.fn = fn;
	s.arg = arg;
	crm_date_fmt(day, s.day);
	s.dayno = day;
	if ((rc = mgr_load(&s)) == CRM_OK)
		rc = schedule(&s, day);
	mgr_free(&s);
	return rc;
}

/* The caller's function and its argument, for the missed ones only. */
struct missed {
	int	(*fn)(const struct crm_due *, void *);
	void	*arg;
};

static int
missed_one(const struct crm_due *d, void *arg)
{
	struct missed	*m = arg;

	return d->missed ? m->fn(d, m->arg) : 0;
}

int
crm_control_missed(struct crm *crm, int from, int to,
    int (*fn)(const struct crm_due *, void *), void *arg)
{
	struct missed	 m = { fn, arg };
	int		 day, rc = CRM_OK;

	if (to >= crm_today(crm))
		to = crm_today(crm) - 1;
	for (day = from; day <= to && rc == CRM_OK; day++)
		rc = crm_control_due(crm, day, missed_one, &m);
	return rc;
}

/* ---- the record of controls done ---- */

static int
count_finding(const struct crm_finding *f, void *arg)
{
	(*(int64_t *)arg)++;
	return 0;
}

/* Run the plan check of target (a manager, or a head's team). */
static int
count_findings(struct crm *crm, const struct crm_person *t, int day,
    int64_t *n)
{
	struct sched	 s;
	size_t		 i;
	int		 rc;

	*n = 0;
	if (t->role == CRM_ROLE_MANAGER)
		return crm_plan_check(crm, t->login, day, count_finding, n);
	memset(&s, 0, sizeof(s));
	s.crm = crm;
	rc = mgr_load(&s);
	for (i = 0; i < s.n && rc == CRM_OK; i++)
		if (s.m[i].head_id == t->id)
			rc = crm_plan_check(crm, s.m[i].login, day,
			    count_finding, n);
	mgr_free(&s);
	return rc;
}

/* The kind of a control of t on day, from the rollout week. */
static int
control_kind(struct crm *crm, const struct crm_person *t, int day,
    const char **kind)
{
	int	 rc, week, start;

	if ((rc = crm_rollout_week(crm, day, &week, &start)) != CRM_OK)
		return rc;
	if (week == 0 && t->role == CRM_ROLE_MANAGER)
		*kind = "daily";
	else if (week >= 0 && week <= 3)
		*kind = t->role == CRM_ROLE_MANAGER ? "spot" : "weekly";
	else
		*kind = "steady";
	return CRM_OK;
}

static int
control_write(struct crm *crm, const struct crm_person *t, int day,
    const char *kind, int64_t n, const char *note, int64_t *id)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			 ds[11];
	int			 rc;

	crm_date_fmt(day, ds);
	st = crmi_stmt(crm, "INSERT INTO control (day, kind, person_id, "
	    "checker_id, at, findings, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
	    "?7) RETURNING id");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, ds);
	crmi_bind_str(st, 2, kind);
	crmi_bind_int(st, 3, t->id);
	crmi_bind_int(st, 4, crm->actor.id);
	crmi_bind_str(st, 5, crm->now);
	crmi_bind_int(st, 6, n);
	crmi_bind_text(st, 7, note);
	if ((rc = crmi_step_id(crm, st, id)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_str(&d, "day", ds);
	crmi_json_str(&d, "kind", kind);
	crmi_json_str(&d, "of", t->login);
	crmi_json_int(&d, "findings", n);
	crmi_json_str(&d, "note", note);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "control", *id, t->id, "add", d.s);
	crmi_buf_clear(&d);
	return rc;
}

static int
may_control(struct crm *crm, const struct crm_person *t)
{
	if (crm->actor.id == 0 || (crm->actor.role != CRM_ROLE_HEAD &&
	    crm->actor.role != CRM_ROLE_ADMIN))
		return crmi_err(crm, CRM_EPERM, "only a head or an admin "
		    "records a control");
	if (t->role != CRM_ROLE_MANAGER && t->role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EINVAL, "'%s' is neither a manager "
		    "nor a head", t->login);
	if (crm->actor.role == CRM_ROLE_ADMIN || t->id == crm->actor.id)
		return CRM_OK;
	return crm_may_act(crm, t->id);
}

int
crm_control_add(struct crm *crm, int day, const char *login,
    int64_t findings, const char *note, int64_t *id)
{
	struct crm_person	 t;
	const char		*kind;
	int64_t			 n = findings, cid = 0;
	int			 rc;

	if (note != NULL && strlen(note) > 2000)
		return crmi_err(crm, CRM_EINVAL, "note too long: %zu bytes, "
		    "at most 2000", strlen(note));
	if (note != NULL && !crm_text_valid(note, 0))
		return crmi_err(crm, CRM_EINVAL, "invalid note '%s' (at most "
		    "2000 bytes of text)", note);
	if ((rc = crm_person_get(crm, login, &t)) != CRM_OK)
		return rc;
	if ((rc = may_control(crm, &t)) == CRM_OK &&
	    (rc = control_kind(crm, &t, day, &kind)) == CRM_OK &&
	    (findings >= 0 || (rc = count_findings(crm, &t, day, &n)) ==
	    CRM_OK) && (rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, control_write(crm, &t, day, kind, n, note,
		    &cid));
	crm_person_clear(&t);
	if (rc == CRM_OK && id != NULL)
		*id = cid;
	return rc;
}

int
crm_control_each(struct crm *crm, int from, int to,
    int (*fn)(const struct crm_control *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_control	 c;
	char			 f[11], t[11];
	int			 rc, stop = 0;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	crm_date_fmt(from, f);
	crm_date_fmt(to, t);
	st = crmi_stmt(crm, "SELECT c.id, c.day, c.kind, p.login, k.login, "
	    "c.at, c.findings, c.note FROM control c "
	    "JOIN person p ON p.id = c.person_id "
	    "JOIN person k ON k.id = c.checker_id "
	    "WHERE c.day BETWEEN ?1 AND ?2 AND (?3 = 1 OR p.id = ?4 "
	    "OR p.head_id = ?5 OR c.checker_id = ?4) ORDER BY c.day, c.id");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, f);
	crmi_bind_str(st, 2, t);
	crmi_bind_int(st, 3, crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN);
	crmi_bind_int(st, 4, crm->actor.id);
	crmi_bind_int(st, 5, crmi_team(crm));
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		c.id = crmi_col_int(st, 0);
		c.day = crmi_col_text(st, 1);
		c.kind = crmi_col_text(st, 2);
		c.login = crmi_col_text(st, 3);
		c.checker = crmi_col_text(st, 4);
		c.at = crmi_col_text(st, 5);
		c.findings = crmi_col_int(st, 6);
		c.note = crmi_col_text(st, 7);
		if ((stop = fn(&c, arg)) != 0)
			break;
	}
	return crmi_each_end(crm, st, rc, stop);
}

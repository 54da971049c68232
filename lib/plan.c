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

#include "plan_int.h"

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

int
crmi_plan_text(struct pc *c, int64_t task, int due, const char *s)
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
int64_t
crmi_plan_pasted(struct pc *c, const char *s)
{
	char	*n;
	size_t	 i, j, k;

	if (s == NULL || *s == '\0' || (n = norm_of(c, s)) == NULL)
		return 0;
	if (!c->sorted) {
		if (c->ntexts > 0)	/* else texts may be NULL */
			qsort(c->texts, c->ntexts, sizeof(*c->texts),
			    text_cmp);
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

/* The day's count of each kind into *k (*nk of them), as read. */
static int
day_size(struct pc *c, char **kinds, size_t nkinds, struct kindn **k,
    size_t *nk)
{
	size_t	 i;

	*nk = 0;
	if ((*k = reallocarray(NULL, nkinds + 1, sizeof(**k))) == NULL)
		return crmi_err(c->crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < nkinds; i++) {
		snprintf((*k)[i].key, sizeof((*k)[i].key), "plan.min.%s",
		    kinds[i]);
		(*k)[i].n = c->filler ? c->size[i][0] : c->size[i][1];
		(*k)[i].filler = c->size[i][0] - (*k)[i].n;
	}
	*nk = nkinds;
	return CRM_OK;
}

/* The day's size: empty and thin (total and per kind). */
static int
check_size(struct pc *c, char **kinds, size_t nkinds)
{
	struct kindn	*k;
	int64_t		 min, kmin, n = 0, f = 0;
	size_t		 i, nk;
	int		 rc;

	if ((rc = crm_rule_person_int(c->crm, "plan.min", c->pid, 0, &min))
	    != CRM_OK || (rc = crm_rule_person_int(c->crm, "plan.filler",
	    c->pid, 0, &c->filler)) != CRM_OK ||
	    (rc = day_size(c, kinds, nkinds, &k, &nk)) != CRM_OK)
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
	    (n = crmi_plan_pasted(c, s)) >= c->paste)
		return emit(c, "paste", id, crmi_ntr("result in %lld tasks "
		    "since %s: %s", "result in %lld tasks since %s: %s", n),
		    (long long)n, c->since, s);
	return CRM_OK;
}

/* One task planned on the day: fields, junk, paste. */
static int
check_task(struct pc *c, const struct daytask *t)
{
	int	 i, rc, mask = t->needs;

	/* The team's fields of the kind, where its head set them. */
	rc = crmi_kind_fields(c->crm, c->pid, t->kind, &mask);
	for (i = 0; i < 4 && rc == CRM_OK; i++)
		if ((t->lacks & 1 << i) && (mask & 1 << i))
			rc = emit(c, "field", t->id, i == 0 ?
			    _("%s needs a client") : i == 1 ?
			    _("%s needs a deal") : i == 2 ?
			    _("%s needs a time") : _("%s needs a note"),
			    crmi_word("kind", t->kind));
	if (rc == CRM_OK)
		rc = check_text(c, t->id, "note", t->note, t->title);
	if (rc == CRM_OK)
		rc = check_text(c, t->id, "result", t->result, t->title);
	return rc;
}

/* The checks of one person's day, from what was read for everyone. */
static int
check_day(struct pc *c, int workday, char **kinds, size_t nkinds)
{
	size_t	 i;
	int	 rc = CRM_OK;

	if (workday && c->sized && (rc = check_size(c, kinds, nkinds)) !=
	    CRM_OK)
		return rc;
	for (i = 0; i < c->ntasks && rc == CRM_OK; i++)
		rc = check_task(c, &c->tasks[i]);
	for (i = 0; i < c->nlate && rc == CRM_OK; i++)
		rc = emit(c, "overdue", c->late[i].id, _("due %s: %s"),
		    c->late[i].due, c->late[i].title);
	return rc;
}

/* Free what c holds. */
void
crmi_plan_clear(struct pc *c)
{
	size_t	 i;

	for (i = 0; i < c->nnorms; i++)
		free(c->norms[i]);
	free(c->norms);
	crmi_map_clear(&c->seen);
	crmi_map_clear(&c->canon);
	free(c->texts);
	free(c->size);
	for (i = 0; i < c->ntasks; i++) {
		free(c->tasks[i].kind);
		free(c->tasks[i].title);
		free(c->tasks[i].note);
		free(c->tasks[i].result);
	}
	free(c->tasks);
	for (i = 0; i < c->nlate; i++) {
		free(c->late[i].due);
		free(c->late[i].title);
	}
	free(c->late);
	for (i = 0; i < c->nkt; i++)
		free(c->kt[i].result);
	free(c->kt);
}

static int
add_seen(const struct crm_person *p, void *arg)
{
	struct plans	*pl = arg;
	struct seen	*s;

	if ((s = reallocarray(pl->seen, pl->nseen + 1, sizeof(*s))) == NULL)
		return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	pl->seen = s;
	s += pl->nseen;
	if ((s->login = strdup(p->login)) == NULL)
		return crmi_err(pl->crm, CRM_ENOMEM, "out of memory");
	s->id = p->id;
	s->head = p->role == CRM_ROLE_HEAD;
	pl->nseen++;
	return 0;
}

/*
 * Person login as c's, with the rules of the check: one the actor sees
 * is found among those read; the message of one not found is the one
 * person's checks of a single lookup make.
 */
static int
find_person(struct plans *pl, struct pc *c, const char *login)
{
	struct crm	*crm = pl->crm;
	int64_t		 heads, days;
	size_t		 i;
	int		 rc;

	for (i = 0; i < pl->nseen; i++)
		if (strcmp(pl->seen[i].login, login) == 0)
			break;
	if (i == pl->nseen) {
		if ((c->pid = crmi_person_id(crm, login)) == 0)
			return crmi_err(crm, CRM_ENOENT,
			    "no such person '%s'", login);
		if ((rc = crm_may_see(crm, c->pid)) != CRM_OK)
			return rc;
		return crmi_err(crm, CRM_ENOENT, "no such person '%s'",
		    login);
	}
	c->pid = pl->seen[i].id;
	c->sized = 1;
	/* A head's day is planned only when heads plan too (plan.heads). */
	if (pl->seen[i].head &&
	    (rc = crm_rule_int(crm, "plan.heads", 0, &heads)) == CRM_OK)
		c->sized = heads != 0;
	else if (pl->seen[i].head)
		return rc;
	if ((rc = crmi_junk_person(crm, c->pid, &c->junk)) != CRM_OK ||
	    (rc = crm_rule_person_int(crm, "junk.paste", c->pid, 5,
	    &c->paste)) != CRM_OK ||
	    (rc = crm_rule_person_int(crm, "junk.paste.days", c->pid, 30,
	    &days)) != CRM_OK)
		return rc;
	c->days = days;
	crm_date_fmt(c->dayn - (int)days, c->since);
	c->lo = c->dayn - (int)days;
	c->hi = c->dayn;
	return CRM_OK;
}

/* Read the day of the n people found, then check each in turn. */
static int
check_all(struct plans *pl, int day)
{
	size_t	 i;
	int	 rc, w;

	if ((w = crm_workday(pl->crm, day)) < 0)
		return CRM_EDB;
	if ((rc = crmi_plan_read(pl, day, w)) != CRM_OK)
		return rc;
	for (i = 0; i < pl->n && rc == CRM_OK; i++)
		rc = check_day(&pl->c[i], w, pl->kinds, pl->nkinds);
	return rc;
}

int
crm_plan_check_each(struct crm *crm, char *const *logins, size_t n,
    int day, int (*fn)(const struct crm_finding *, void *), void *arg)
{
	struct plans	 pl;
	size_t		 i;
	int		 rc, found = CRM_OK;

	memset(&pl, 0, sizeof(pl));
	pl.crm = crm;
	pl.all = crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
	pl.self = crm->actor.id;
	pl.team = crmi_team(crm);
	if (n == 0)
		return CRM_OK;
	if ((pl.c = calloc(n, sizeof(*pl.c))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	rc = crm_person_each(crm, 1, add_seen, &pl);
	/* Those before the first not found are checked, as one by one. */
	for (i = 0; i < n && rc == CRM_OK; i++) {
		pl.c[i].crm = crm;
		pl.c[i].login = logins[i];
		pl.c[i].dayn = day;
		crm_date_fmt(day, pl.c[i].day);
		pl.c[i].fn = fn;
		pl.c[i].arg = arg;
		if ((found = find_person(&pl, &pl.c[i], logins[i])) != CRM_OK)
			break;
		pl.n++;
	}
	if (rc == CRM_OK && pl.n > 0)
		rc = check_all(&pl, day);
	/* Its message again, should the checks before have set another. */
	if (rc == CRM_OK && found != CRM_OK)
		rc = find_person(&pl, &pl.c[pl.n], logins[pl.n]);
	for (i = 0; i < n; i++)
		crmi_plan_clear(&pl.c[i]);
	for (i = 0; i < pl.nseen; i++)
		free(pl.seen[i].login);
	for (i = 0; i < pl.nkinds; i++)
		free(pl.kinds[i]);
	free(pl.kinds);
	free(pl.seen);
	free(pl.by);
	free(pl.c);
	return rc;
}

int
crm_plan_check(struct crm *crm, const char *login, int day,
    int (*fn)(const struct crm_finding *, void *), void *arg)
{
	char	*l = (char *)login;

	return crm_plan_check_each(crm, &l, 1, day, fn, arg);
}


/*
 * kpipeople.c: the people of a KPI report (kpi.c): one person, a team,
 * or everyone the reader sees, heads with a line of their own, and the
 * teams for their totals; and the day each one's work began.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "kpi_int.h"

static int
add_team(struct crm_kpi *k, const struct crm_person *cp)
{
	struct crm_kpi_team	*t;

	t = reallocarray(k->teams, k->nteams + 1, sizeof(*t));
	if (t == NULL)
		return CRM_ENOMEM;
	k->teams = t;
	t += k->nteams++;
	memset(t, 0, sizeof(*t));
	t->id = cp->id;
	t->login = strdup(cp->login);
	t->name = strdup(cp->name);
	return t->login == NULL || t->name == NULL ? CRM_ENOMEM : CRM_OK;
}

static int
add_person(const struct crm_person *cp, void *arg)
{
	struct crm_kpi		*k = arg;
	struct crm_kpi_person	*p;

	p = reallocarray(k->people, k->npeople + 1, sizeof(*p));
	if (p == NULL)
		return CRM_ENOMEM;
	k->people = p;
	p += k->npeople;
	memset(p, 0, sizeof(*p));
	p->id = cp->id;
	p->login = strdup(cp->login);
	p->name = strdup(cp->name);
	p->head_id = cp->head_id;
	p->head = cp->role == CRM_ROLE_HEAD;
	k->npeople++;
	return p->login == NULL || p->name == NULL ? CRM_ENOMEM : CRM_OK;
}

struct pick {
	struct crm_kpi	*k;
	int64_t		 head;	/* 0: any */
};

/*
 * Managers, and heads for a line of their own tasks (dropped when they
 * have none); with every team (head 0), each head's team for its totals.
 */
static int
add_manager(const struct crm_person *cp, void *arg)
{
	struct pick	*pk = arg;
	int		 rc;

	if (cp->role == CRM_ROLE_HEAD && (pk->head == 0 ||
	    pk->head == cp->id)) {
		if (pk->head == 0 && (rc = add_team(pk->k, cp)) != CRM_OK)
			return rc;
		return add_person(cp, pk->k);
	}
	if (cp->role != CRM_ROLE_MANAGER ||
	    (pk->head != 0 && cp->head_id != pk->head))
		return CRM_OK;
	return add_person(cp, pk->k);
}

int
crmi_kpi_people(struct crm *crm, enum crm_kpi_who who, const char *login,
    struct crm_kpi *k, int64_t *rules)
{
	struct crm_person	 p;
	struct pick		 pk = { k, 0 };
	int			 rc;

	*rules = crmi_team(crm);
	if (who == CRM_KPI_SELF) {
		if (crm_actor(crm) == NULL || crm_actor(crm)->id == 0)
			return crmi_err(crm, CRM_EPERM, "you are not a "
			    "person here");
		*rules = crm_actor(crm)->id;
		rc = add_person(crm_actor(crm), k);
		strlcpy(k->title, crm_actor(crm)->name, sizeof(k->title));
	} else if (who == CRM_KPI_ALL) {
		rc = crm_person_each(crm, 0, add_manager, &pk);
		if (crm_actor(crm) != NULL &&
		    crm_actor(crm)->role == CRM_ROLE_HEAD) {
			k->who = CRM_KPI_TEAM;
			strlcpy(k->title, crm_actor(crm)->name,
			    sizeof(k->title));
		}
	} else {
		if ((rc = crm_person_get(crm, login, &p)) != CRM_OK)
			return rc;
		*rules = p.id;
		if ((rc = crm_may_see(crm, p.id)) == CRM_OK) {
			if (who == CRM_KPI_USER)
				rc = add_person(&p, k);
			else {
				pk.head = p.id;
				rc = crm_person_each(crm, 0, add_manager,
				    &pk);
			}
			strlcpy(k->title, p.name, sizeof(k->title));
		}
		crm_person_clear(&p);
	}
	if (rc == CRM_ENOMEM)
		return crmi_err(crm, rc, "out of memory");
	return rc;
}

static const char SQL_FIRST[] = "SELECT actor, min(substr(at, 1, 10))"
    " FROM audit GROUP BY actor";

static int
first_fill(struct crmi_stmt *st, void *elem)
{
	struct crmi_kpi_first	*f = elem;
	const char	*s = crmi_col_text(st, 1);

	crmi_col_copy(st, 0, f->login, sizeof(f->login));
	f->day = 0;
	if (s != NULL)
		crm_date_iso(s, &f->day);
	return 0;
}

static int
first_cmp(const void *a, const void *b)
{
	return strcmp(((const struct crmi_kpi_first *)a)->login,
	    ((const struct crmi_kpi_first *)b)->login);
}

/*
 * Everyone's first day in the log, sorted by login, into *fp (*np of
 * them): one statement for all the people of a report (issue 28).
 */
static int
firsts(struct crm *crm, struct crmi_kpi_first **fp, size_t *np)
{
	void	*a = NULL;
	int	 rc;

	*np = 0;
	rc = crmi_rows(crm, SQL_FIRST, &a, np, sizeof(**fp), first_fill);
	*fp = a;
	if (rc == CRM_OK && *np > 0)
		qsort(*fp, *np, sizeof(**fp), first_cmp);
	return rc;
}

/* rollout.launch as a day number; 0 when unset. */
static int
launch_day(struct crm *crm, int *day)
{
	char	*v = NULL;
	int	 rc;

	*day = 0;
	if ((rc = crm_rule_get(crm, "rollout.launch", &v)) == CRM_OK &&
	    v != NULL && *v != '\0' && crm_date_iso(v, day) != CRM_OK)
		*day = 0;
	free(v);
	return rc;
}

int
crmi_kpi_starts(struct crm *crm, int *launch, struct crmi_kpi_first **f,
    size_t *n)
{
	int	 rc;

	*f = NULL;
	*n = 0;
	if ((rc = launch_day(crm, launch)) != CRM_OK)
		return rc;
	/* The log is read only when a launch makes it count. */
	return *launch != 0 ? firsts(crm, f, n) : CRM_OK;
}

int
crmi_kpi_first_of(const struct crmi_kpi_first *f, size_t n,
    const char *login)
{
	struct crmi_kpi_first		 key;
	const struct crmi_kpi_first	*e;

	strlcpy(key.login, login, sizeof(key.login));
	if (n > 0 && (e = bsearch(&key, f, n, sizeof(*f), first_cmp)) != NULL)
		return e->day;
	return 0;
}

/*
 * rule.c: the department's regulations as data the head can change, and
 * the working calendar they imply.
 *
 * Values live in the rule table only when someone set them; otherwise the
 * default in the registry (rulereg.c) is in effect.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "rule_int.h"

/* The fields a kind of task may need, as bits of crmi_kind_fields(). */
static const char *const fields[] = { "client", "deal", "time", "note" };

static int
rule_fill(struct crmi_stmt *st, void *elem)
{
	struct crmi_rule	*r = elem;

	r->key = crmi_col_dup(st, 0);
	r->value = crmi_col_dup(st, 1);
	return r->key == NULL || r->value == NULL ? -1 : 0;
}

/* The rule table into the handle, sorted by key as strcmp() sorts. */
static int
rules_read(struct crm *crm)
{
	void	*a = crm->rules;
	int	 rc;

	rc = crmi_rows(crm, "SELECT key, value FROM rule ORDER BY key", &a,
	    &crm->nrules, sizeof(*crm->rules), rule_fill);
	crm->rules = a;
	if (rc != CRM_OK) {
		crmi_forget(crm);
		return rc;
	}
	crm->rules_read = 1;
	return CRM_OK;
}

static int
rule_cmp(const void *key, const void *r)
{
	return strcmp(key, ((const struct crmi_rule *)r)->key);
}

/*
 * The value stored for key, or CRM_ENOENT.  Outside a write transaction
 * the table is read once and kept (a view asks for the same few keys
 * for every person); inside one it is asked each time, as the
 * transaction may be changing it.
 */
static int
stored(struct crm *crm, const char *key, char **value)
{
	struct crmi_stmt	*st;
	const struct crmi_rule	*r;
	int			 rc;

	*value = NULL;
	if (!crm->intx) {
		if (!crm->rules_read && (rc = rules_read(crm)) != CRM_OK)
			return rc;
		/* bsearch(3) may not be given a null table, even empty. */
		r = crm->nrules == 0 ? NULL : bsearch(key, crm->rules,
		    crm->nrules, sizeof(*r), rule_cmp);
		if (r == NULL)
			return CRM_ENOENT;
		if ((*value = strdup(r->value)) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		return CRM_OK;
	}
	st = crmi_stmt(crm, "SELECT value FROM rule WHERE key = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, key);
	if ((rc = crmi_step_row(crm, st)) != CRM_OK)
		return rc;
	*value = crmi_col_dup(st, 0);
	crmi_reset(st);
	if (*value == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

int
crm_rule_get(struct crm *crm, const char *key, char **value)
{
	const struct crmi_reg	*r;
	const char		*at;
	int			 rc;

	if ((rc = stored(crm, key, value)) != CRM_ENOENT)
		return rc;
	if ((r = crmi_rule_lookup(key, &at)) == NULL || (at != NULL &&
	    *at == '@' && !r->per_person) || (at != NULL && *at == '/' &&
	    !r->team))
		return crmi_err(crm, CRM_ENOENT, "unknown rule '%s'", key);
	if ((*value = strdup(r->deflt)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

int
crm_rule_int(struct crm *crm, const char *key, int64_t def, int64_t *out)
{
	char		*v;
	const char	*e;
	int		 rc;

	*out = def;
	if ((rc = crm_rule_get(crm, key, &v)) == CRM_ENOENT)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if (*v != '\0') {
		*out = strtonum(v, -1000000000LL, 1000000000LL, &e);
		if (e != NULL)
			*out = def;
	}
	free(v);
	return CRM_OK;
}

#define TEAMS "SELECT p.id, p.login, CASE WHEN p.role = 'head' THEN" \
    " p.login WHEN h.role = 'head' THEN h.login END FROM person p" \
    " LEFT JOIN person h ON h.id = p.head_id"

static int
team_fill(struct crmi_stmt *st, void *elem)
{
	struct crmi_team	*t = elem;
	const char		*h = crmi_col_text(st, 2);

	t->id = crmi_col_int(st, 0);
	strlcpy(t->login, crmi_col_text(st, 1), sizeof(t->login));
	strlcpy(t->head, h != NULL ? h : "", sizeof(t->head));
	return 0;
}

/*
 * Everyone's teams, read at once into the handle: a view asks for many
 * people's (issue 28: a statement a person is a round trip a person).
 */
static int
teams_read(struct crm *crm)
{
	void	*arr = NULL;
	int	 rc;

	if (crm->team_read)
		return CRM_OK;
	free(crm->teams);
	crm->nteams = 0;
	rc = crmi_rows(crm, TEAMS " ORDER BY p.id", &arr, &crm->nteams,
	    sizeof(*crm->teams), team_fill);
	crm->teams = arr;
	crm->team_read = rc == CRM_OK;
	return rc;
}

/*
 * The login of person id (or of the person with login who, when id is
 * 0) and of the head whose team they are in: their head, or themselves
 * when they are a head; "" when neither.
 */
static int
team_of(struct crm *crm, int64_t id, const char *who, char login[64],
    char team[64])
{
	struct crmi_stmt	*st;
	struct crmi_team	 one, *t = &one;
	size_t			 lo = 0, hi, mid;
	int			 rc;

	memset(&one, 0, sizeof(one));
	if (who == NULL && !crm->intx) {
		if ((rc = teams_read(crm)) != CRM_OK)
			return rc;
		for (hi = crm->nteams; lo < hi; )
			if (crm->teams[mid = lo + (hi - lo) / 2].id < id)
				lo = mid + 1;
			else
				hi = mid;
		if (lo < crm->nteams && crm->teams[lo].id == id)
			t = &crm->teams[lo];
	} else {
		st = crmi_stmt(crm, TEAMS " WHERE p.id = ?1 OR p.login = ?2");
		if (st == NULL)
			return CRM_EDB;
		crmi_bind_int(st, 1, id);
		crmi_bind_text(st, 2, who);
		if ((rc = crmi_step(st)) == CRMI_ROW)
			team_fill(st, &one);
		crmi_reset(st);
		if (rc != CRMI_ROW && rc != CRMI_DONE)
			return crmi_dberr(crm, rc);
	}
	memcpy(login, t->login, 64);
	memcpy(team, t->head, 64);
	return CRM_OK;
}

/* Whether key is stored; its integer into *out when it is. */
static int
stored_int(struct crm *crm, const char *key, int64_t def, int64_t *out,
    int *found)
{
	char	*v;
	int	 rc;

	*found = 0;
	if ((rc = stored(crm, key, &v)) == CRM_ENOENT)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	free(v);
	*found = 1;
	return crm_rule_int(crm, key, def, out);
}

int
crm_rule_person_int(struct crm *crm, const char *key, int64_t person,
    int64_t def, int64_t *out)
{
	char	 login[64], team[64], k[160];
	int	 rc, found = 0;

	if ((rc = team_of(crm, person, NULL, login, team)) != CRM_OK)
		return rc;
	if (login[0] != '\0') {
		snprintf(k, sizeof(k), "%s@%s", key, login);
		if ((rc = stored_int(crm, k, def, out, &found)) != CRM_OK ||
		    found)
			return rc;
	}
	if (team[0] != '\0') {
		snprintf(k, sizeof(k), "%s/%s", key, team);
		if ((rc = stored_int(crm, k, def, out, &found)) != CRM_OK ||
		    found)
			return rc;
	}
	return crm_rule_int(crm, key, def, out);
}

/* "client,note" as bits 1 client, 2 deal, 4 time, 8 note; -1 when bad. */
static int
fields_mask(const char *v)
{
	const char	*p, *e;
	size_t		 i, n;
	int		 mask = 0, bit;

	for (p = v; *p != '\0'; p = *e == ',' ? e + 1 : e) {
		e = p + strcspn(p, ",");
		n = (size_t)(e - p);
		for (i = 0, bit = 0; i < 4 && bit == 0; i++)
			if (strlen(fields[i]) == n &&
			    strncmp(fields[i], p, n) == 0)
				bit = 1 << i;
		if (bit == 0 || (mask & bit) || (*e == ',' && e[1] == '\0'))
			return -1;
		mask |= bit;
	}
	return mask;
}

int
crmi_kind_fields(struct crm *crm, int64_t person, const char *kind,
    int *need)
{
	char	 login[64], team[64], k[160], *v;
	int	 rc, m;

	if ((rc = team_of(crm, person, NULL, login, team)) != CRM_OK ||
	    team[0] == '\0')
		return rc;
	snprintf(k, sizeof(k), "fields.%s/%s", kind, team);
	if ((rc = stored(crm, k, &v)) == CRM_ENOENT)
		return CRM_OK;
	if (rc != CRM_OK)
		return rc;
	if ((m = fields_mask(v)) >= 0)
		*need = m;
	free(v);
	return CRM_OK;
}

int
crmi_rule_team(struct crm *crm, const char *key, int64_t id, char **v)
{
	char	 login[64], team[64], k[160];
	int	 rc;

	*v = NULL;
	if ((rc = team_of(crm, id, NULL, login, team)) != CRM_OK)
		return rc;
	if (team[0] != '\0') {
		snprintf(k, sizeof(k), "%s/%s", key, team);
		if ((rc = stored(crm, k, v)) != CRM_ENOENT)
			return rc;
	}
	return crm_rule_get(crm, key, v);
}

static int
check_value(struct crm *crm, const struct crmi_reg *r, const char *key,
    const char *v)
{
	const char	*e, *p;
	char		 m[16];
	int		 day;

	switch (r->type) {
	case R_INT:
		(void)strtonum(v, 0, 1000000, &e);
		if (e == NULL)
			return CRM_OK;
		break;
	case R_BOOL:
		if (strcmp(v, "0") == 0 || strcmp(v, "1") == 0)
			return CRM_OK;
		break;
	case R_DATE:
		if (*v == '\0' || crm_date_iso(v, &day) == CRM_OK)
			return CRM_OK;
		break;
	case R_MONTH:
		if (*v == '\0' || (strlen(v) == 7 && snprintf(m, sizeof(m),
		    "%s-01", v) == 10 && crm_date_iso(m, &day) == CRM_OK))
			return CRM_OK;
		break;
	case R_DAYS:
		for (p = v; *p >= '1' && *p <= '7'; p++)
			if (strchr(p + 1, *p) != NULL)
				break;
		if (*p == '\0')
			return CRM_OK;
		break;
	case R_TEXT:
		if (crm_text_valid(v, 0) && strlen(v) <= 1000)
			return CRM_OK;
		break;
	case R_REGIME:
		if (strcmp(v, "weekly") == 0 || strcmp(v, "daily") == 0 ||
		    strcmp(v, "none") == 0)
			return CRM_OK;
		break;
	case R_FIELDS:
		if (fields_mask(v) >= 0)
			return CRM_OK;
		break;
	case R_ENTRY:
		if (strcmp(v, "refuse") == 0 || strcmp(v, "warn") == 0)
			return CRM_OK;
		break;
	}
	return crmi_err(crm, CRM_EINVAL, "invalid value '%s' for rule '%s' "
	    "(%s)", v, key, crmi_word("help", r->help));
}

int
crm_rule_may(struct crm *crm)
{
	if (crm->actor.id != 0 && crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crmi_team(crm) != 0)
		return crmi_err(crm, CRM_EPERM, "only an admin changes the "
		    "department's regulations (a head sets their own team's "
		    "rules)");
	return crmi_err(crm, CRM_EPERM, "only a head or an admin changes "
	    "the regulations");
}

/*
 * Who may set key (entry r, suffix at): an admin any key; a head a
 * team key for their own team (the bare key meaning it, *own set) or
 * for one of its people.
 */
static int
may_set(struct crm *crm, const struct crmi_reg *r, const char *key,
    const char *at, int *own)
{
	int64_t	 id;

	*own = 0;
	if (crm->actor.id != 0 && crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crmi_team(crm) == 0)
		return crm_rule_may(crm);
	if (!r->team)
		return crmi_err(crm, CRM_EPERM, "only an admin changes the "
		    "department's rule '%s'", key);
	if (at == NULL)
		return *own = 1, CRM_OK;
	if (*at == '/' && strcmp(at + 1, crm->actor.login) == 0)
		return CRM_OK;
	if (*at == '/')
		return crmi_err(crm, CRM_EPERM, "you may change only your own "
		    "team's rules, not those of '%s'", at + 1);
	if ((id = crmi_person_id(crm, at + 1)) == 0)
		return CRM_EINVAL;
	return crm_may_act(crm, id);
}

/* Whether the suffix at names someone: a person, or an active head. */
static int
suffix_known(struct crm *crm, const struct crmi_reg *r, const char *key,
    const char *at)
{
	struct crm_person	 h;
	int			 ok;

	if (at == NULL)
		return CRM_OK;
	if (*at == '@')
		return r->per_person && crmi_person_id(crm, at + 1) != 0 ?
		    CRM_OK : crmi_err(crm, CRM_EINVAL, "rule '%s': no "
		    "per-person value for '%s'", key, at + 1);
	if (!r->team)
		return crmi_err(crm, CRM_EINVAL, "rule '%s' is the "
		    "department's: no team value", key);
	if (crm_person_get(crm, at + 1, &h) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "rule '%s': no such head "
		    "'%s'", key, at + 1);
	ok = h.role == CRM_ROLE_HEAD && h.active;
	crm_person_clear(&h);
	return ok ? CRM_OK : crmi_err(crm, CRM_EINVAL, "rule '%s': '%s' is "
	    "not an active head", key, at + 1);
}

static int
write_rule(struct crm *crm, const char *key, const char *value,
    const char *old)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	if (value == NULL)
		st = crmi_stmt(crm, "DELETE FROM rule WHERE key = ?1");
	else
		st = crmi_stmt(crm, "INSERT INTO rule (key, value, "
		    "changed_at, changed_by) VALUES (?1, ?2, ?3, ?4) "
		    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, "
		    "changed_at = excluded.changed_at, "
		    "changed_by = excluded.changed_by");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, key);
	if (value != NULL) {
		crmi_bind_str(st, 2, value);
		crmi_bind_str(st, 3, crm->now);
		crmi_bind_int(st, 4, crm->actor.id);
	}
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, key, old, value);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "rule", 0, 0, value ? "set" : "reset", d.s);
	crmi_buf_clear(&d);
	return rc;
}

/* Whether the kind named by s (up to at, if not NULL) exists. */
static int
kind_known(struct crm *crm, const char *s, const char *at)
{
	int	 n, rc;

	n = at != NULL ? (int)(at - s) : -1;
	if ((rc = crmi_kind_defined(crm, s, n)) != CRM_ENOENT)
		return rc;
	return crmi_err(crm, CRM_EINVAL, "unknown task kind '%.*s' "
	    "(crm-rules kinds lists them)", n < 0 ? 64 : n, s);
}

/*
 * A date as a person writes it (23.11.2026, 23.11), into iso as the
 * rule keeps it; any other value is left to check_value().
 */
static const char *
person_date(struct crm *crm, const char *v, char iso[11])
{
	int	 day;

	if (v == NULL || strchr(v, '.') == NULL ||
	    crm_date_parse(v, crm_today(crm), &day) != CRM_OK)
		return v;
	crm_date_fmt(day, iso);
	return iso;
}

int
crm_rule_set(struct crm *crm, const char *key, const char *value)
{
	const struct crmi_reg	*r;
	const char		*at;
	char			*old = NULL, k[160], iso[11];
	int			 rc, own;

	if (crm->actor.id == 0 || (crm->actor.role != CRM_ROLE_ADMIN &&
	    crmi_team(crm) == 0))
		return crm_rule_may(crm);
	if ((r = crmi_rule_lookup(key, &at)) == NULL)
		return crmi_err(crm, CRM_EINVAL, "unknown rule '%s' (crm-rules "
		    "lists them)", key);
	if ((rc = suffix_known(crm, r, key, at)) != CRM_OK ||
	    (rc = may_set(crm, r, key, at, &own)) != CRM_OK)
		return rc;
	if (r->type == R_DATE)
		value = person_date(crm, value, iso);
	if (value != NULL && (rc = check_value(crm, r, key, value)) != CRM_OK)
		return rc;
	if (r->type == R_FIELDS && at == NULL && !own)
		return crmi_err(crm, CRM_EINVAL, "rule '%s': the department's "
		    "fields are set with crm-rules kind; a team's are "
		    "'%s/head'", key, key);
	if (r->key[strlen(r->key) - 1] == '.' && (rc = kind_known(crm,
	    key + strlen(r->key), at)) != CRM_OK)
		return rc;
	if (own) {
		snprintf(k, sizeof(k), "%s/%s", key, crm->actor.login);
		key = k;
	}
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = crm_rule_get(crm, key, &old);
	if (rc == CRM_OK)
		rc = write_rule(crm, key, value, old);
	free(old);
	return crmi_end(crm, rc);
}

/*
 * The scope of a stored key: the team's head for "key/head", the head of
 * the person's team for "key@login", else the department.
 */
static void
scope_of(struct crm *crm, const char *at, char scope[64])
{
	char	 login[64];

	strlcpy(scope, "department", 64);
	if (at != NULL && *at == '/')
		strlcpy(scope, at + 1, 64);
	else if (at != NULL && team_of(crm, 0, at + 1, login, scope) ==
	    CRM_OK && scope[0] == '\0')
		strlcpy(scope, "department", 64);
}

/*
 * The stored overrides, but for the keys of the registry and the
 * reader's own team's values of them, which the registry walk showed.
 */
static int
each_stored(struct crm *crm, const char *team,
    int (*fn)(const struct crm_rule *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_rule		 c;
	const struct crmi_reg	*r;
	const char		*at;
	char			 scope[64];
	size_t			 n;
	int			 rc, stop = 0;

	st = crmi_stmt(crm, "SELECT key, value FROM rule ORDER BY key");
	if (st == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		c.key = crmi_col_text(st, 0);
		c.value = crmi_col_text(st, 1);
		r = crmi_rule_lookup(c.key, &at);
		n = at != NULL ? (size_t)(at - c.key) : strlen(c.key);
		if (r != NULL && strlen(r->key) == n && (at == NULL ||
		    (*at == '/' && strcmp(at + 1, team) == 0)))
			continue;	/* shown with the registry */
		c.deflt = r != NULL ? r->deflt : "";
		c.help = r != NULL ? r->help : "";
		c.set = 1;
		scope_of(crm, at, scope);
		c.scope = scope;
		if ((stop = fn(&c, arg)) != 0)
			break;
	}
	return crmi_each_end(crm, st, rc, stop);
}

/*
 * One key of the registry as the reader's team has it: the team's
 * value when a head set one, else the department's.
 */
static int
each_reg(struct crm *crm, const struct crmi_reg *r, const char *team,
    int (*fn)(const struct crm_rule *, void *), void *arg)
{
	struct crm_rule	 c;
	char		 k[160], *v = NULL;
	int		 rc = CRM_ENOENT;

	c.scope = "department";
	if (r->team && team[0] != '\0') {
		snprintf(k, sizeof(k), "%s/%s", r->key, team);
		if ((rc = stored(crm, k, &v)) == CRM_OK)
			c.scope = team;
	}
	if (rc == CRM_ENOENT)
		rc = stored(crm, r->key, &v);
	if (rc != CRM_OK && rc != CRM_ENOENT)
		return rc;
	c.key = r->key;
	c.value = v != NULL ? v : r->deflt;
	c.deflt = r->deflt;
	c.help = r->help;
	c.set = v != NULL;
	rc = fn(&c, arg);
	free(v);
	return rc;
}

int
crm_rule_each(struct crm *crm, int (*fn)(const struct crm_rule *, void *),
    void *arg)
{
	const struct crmi_reg	*r;
	char			 login[64], team[64];
	int			 rc;

	if ((rc = team_of(crm, crm->actor.id, NULL, login, team)) != CRM_OK)
		return rc;
	for (r = crmi_rule_registry; r->key != NULL; r++) {
		if (r->key[strlen(r->key) - 1] == '.')
			continue;	/* prefixes: only stored ones */
		if ((rc = each_reg(crm, r, team, fn, arg)) != 0)
			return rc;
	}
	return each_stored(crm, team, fn, arg);
}

int
crm_junk_load(struct crm *crm, struct crm_junk_rules *j)
{
	return crmi_junk_person(crm, 0, j);
}

int
crmi_junk_person(struct crm *crm, int64_t person, struct crm_junk_rules *j)
{
	static const char *const keys[] = { "junk.short", "junk.repeat",
	    "junk.keyboard", "junk.noletters", "junk.title" };
	int	*dst[5];
	int64_t	 v;
	int	 i, rc;

	crm_junk_defaults(j);
	dst[0] = &j->min_letters;
	dst[1] = &j->repeat;
	dst[2] = &j->keyboard;
	dst[3] = &j->noletters;
	dst[4] = &j->title;
	for (i = 0; i < 5; i++) {
		if ((rc = crm_rule_person_int(crm, keys[i], person, *dst[i],
		    &v)) != CRM_OK)
			return rc;
		*dst[i] = (int)v;
	}
	return CRM_OK;
}

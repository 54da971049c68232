/*
 * person.c: people, their roles, and who may see or change whose work.
 *
 * The rules live here and nowhere else, so that every tool enforces the
 * same ones: a manager sees and changes their own work; a head also their
 * team's; a director reads everything and changes nothing; an admin
 * manages people and the regulations.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "records_int.h"

#define LOGIN_MAX	32
#define NAME_MAX_	200
#define EMAIL_MAX	254

static const char *const roles[] = { "manager", "head", "director", "admin" };

static const char SQL_PERSON[] = CRMI_PERSON_SELECT
    "WHERE p.login = ?1";

static const char SQL_EACH[] = CRMI_PERSON_SELECT
    "WHERE (?1 = 1 OR p.active = 1)"
    " AND (?2 = 1 OR p.id = ?3 OR p.head_id = ?4) ORDER BY p.login";

const char *
crm_role_name(enum crm_role r)
{
	return (unsigned)r < 4 ? roles[r] : "?";
}

int
crm_role_parse(const char *s)
{
	int	 i;

	for (i = 0; i < 4; i++)
		if (s != NULL && strcmp(s, roles[i]) == 0)
			return i;
	return -1;
}

void
crm_person_clear(struct crm_person *p)
{
	if (p == NULL)
		return;
	free(p->login);
	free(p->name);
	free(p->head_login);
	free(p->email);
	free(p->created_at);
	memset(p, 0, sizeof(*p));
}

static int
fill(struct crm *crm, struct crmi_stmt *st, struct crm_person *p)
{
	if (crmi_rec_fill(st, &crmi_person_rec, p, sizeof(*p), 1) != CRM_OK) {
		crm_person_clear(p);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	return CRM_OK;
}

int
crm_person_get(struct crm *crm, const char *login, struct crm_person *p)
{
	struct crmi_stmt	*st;
	int			 rc;

	memset(p, 0, sizeof(*p));
	if ((st = crmi_stmt(crm, SQL_PERSON)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, login);
	rc = crmi_step(st);
	if (rc == CRMI_ROW)
		rc = fill(crm, st, p);
	else if (rc == CRMI_DONE)
		rc = crmi_err(crm, CRM_ENOENT, "no such person '%s'", login);
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_actor_load(struct crm *crm)
{
	int	 rc;

	rc = crm_person_get(crm, crm->login, &crm->actor);
	if (rc == CRM_ENOENT)
		return crmi_err(crm, CRM_ENOENT, "you ('%s') are not a "
		    "person in %s; ask an admin to add you with crm-user add",
		    crm->login, crm->path);
	if (rc == CRM_OK && !crm->actor.active) {
		crm_person_clear(&crm->actor);
		return crmi_err(crm, CRM_EPERM, "you ('%s') have been "
		    "deactivated", crm->login);
	}
	return rc;
}

int
crmi_actor_recheck(struct crm *crm)
{
	struct crm_person	 p;
	int			 rc;

	if (crm->actor.id == 0)
		return CRM_OK;
	if ((rc = crm_person_get(crm, crm->login, &p)) == CRM_ENOENT ||
	    (rc == CRM_OK && p.id != crm->actor.id))
		rc = crmi_err(crm, CRM_EPERM, "you ('%s') are no longer a "
		    "person here", crm->login);
	else if (rc == CRM_OK && !p.active)
		rc = crmi_err(crm, CRM_EPERM, "you ('%s') have been "
		    "deactivated", crm->login);
	else if (rc == CRM_OK && (p.role != crm->actor.role ||
	    p.head_id != crm->actor.head_id))
		rc = crmi_err(crm, CRM_EPERM, "your ('%s') role or head "
		    "changed while this command ran; run it again",
		    crm->login);
	if (rc != CRM_ENOENT)
		crm_person_clear(&p);
	return rc;
}

const struct crm_person *
crm_actor(const struct crm *crm)
{
	return crm->actor.id != 0 ? &crm->actor : NULL;
}

int64_t
crmi_person_id(struct crm *crm, const char *login)
{
	struct crm_person	 p;
	int64_t			 id;

	if (crm_person_get(crm, login, &p) != CRM_OK)
		return 0;
	id = p.id;
	if (!p.active) {
		crmi_err(crm, CRM_ENOENT, "person '%s' is deactivated", login);
		id = 0;
	}
	crm_person_clear(&p);
	return id;
}

/* The login of person id, for messages; "?" when unknown. */
static void
login_of(struct crm *crm, int64_t id, char *buf, size_t sz)
{
	crmi_text_of(crm, "SELECT login FROM person WHERE id = ?1", id, buf,
	    sz);
}

int64_t
crmi_team(const struct crm *crm)
{
	return crm->actor.role == CRM_ROLE_HEAD && crm->actor.active ?
	    crm->actor.id : 0;
}

/* Whether person id is in the acting head's team. */
static int
in_team(struct crm *crm, int64_t id)
{
	struct crmi_stmt	*st;
	int			 yes = 0;

	if (crmi_team(crm) == 0)
		return 0;
	st = crmi_stmt(crm, "SELECT 1 FROM person WHERE id = ?1 "
	    "AND head_id = ?2");
	if (st == NULL)
		return 0;
	crmi_bind_int(st, 1, id);
	crmi_bind_int(st, 2, crmi_team(crm));
	yes = crmi_step(st) == CRMI_ROW;
	crmi_reset(st);
	return yes;
}

int
crm_may_see(struct crm *crm, int64_t id)
{
	char	 who[LOGIN_MAX + 1];

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (id == crm->actor.id || crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN || in_team(crm, id))
		return CRM_OK;
	login_of(crm, id, who, sizeof(who));
	return crmi_err(crm, CRM_EPERM, "you may not see the work of '%s'",
	    who);
}

int
crm_may_act(struct crm *crm, int64_t id)
{
	char	 who[LOGIN_MAX + 1];

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (crm->actor.role == CRM_ROLE_DIRECTOR)
		return crmi_err(crm, CRM_EPERM, "a director reads and does "
		    "not change");
	if (id == crm->actor.id || in_team(crm, id))
		return CRM_OK;
	login_of(crm, id, who, sizeof(who));
	return crmi_err(crm, CRM_EPERM, "you may not change the work of "
	    "'%s'", who);
}

int
crmi_check_login(struct crm *crm, const char *s)
{
	const char	*p;

	if (s == NULL || *s == '\0' || strlen(s) > LOGIN_MAX)
		return crmi_err(crm, CRM_EINVAL, "invalid login '%s': 1 to "
		    "%d characters", s ? s : "", LOGIN_MAX);
	for (p = s; *p != '\0'; p++)
		if (!islower((unsigned char)*p) &&
		    !isdigit((unsigned char)*p) && strchr("._-", *p) == NULL)
			return crmi_err(crm, CRM_EINVAL, "invalid login '%s': "
			    "use a-z, 0-9, '.', '_' and '-'", s);
	if (s[0] == '-')
		return crmi_err(crm, CRM_EINVAL, "invalid login '%s'", s);
	return CRM_OK;
}

static int
check_name(struct crm *crm, const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > NAME_MAX_ ||
	    !crm_text_valid(s, 0) || strchr(s, '\t') != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid name: 1 to %d "
		    "bytes of UTF-8 text without control characters",
		    NAME_MAX_);
	return CRM_OK;
}

int
crmi_check_email(struct crm *crm, const char *s)
{
	const char	*at;

	if (s == NULL || *s == '\0')
		return CRM_OK;
	at = strchr(s, '@');
	if (strlen(s) > EMAIL_MAX || at == NULL || at == s ||
	    at[1] == '\0' || strchr(at + 1, '@') != NULL ||
	    strpbrk(s, " \t\r\n,;<>\"\\") != NULL || !crm_text_valid(s, 0))
		return crmi_err(crm, CRM_EINVAL, "invalid e-mail '%s'", s);
	return CRM_OK;
}

static int
login_exists(struct crm *crm, const char *login)
{
	return crmi_exists(crm, "SELECT 1 FROM person WHERE login = ?1",
	    login) == 1;
}

static int
count_people(struct crm *crm, int64_t *n)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, "SELECT count(*) FROM person")) == NULL)
		return CRM_EDB;
	if ((rc = crmi_step(st)) != CRMI_ROW)
		return crmi_dberr(crm, rc);
	*n = crmi_col_int(st, 0);
	crmi_reset(st);
	return CRM_OK;
}

/* The head of a new person: a login naming an active head, or none. */
static int
find_head(struct crm *crm, const char *head, int64_t *hid)
{
	struct crm_person	 h;
	int			 rc;

	*hid = 0;
	if (head == NULL || *head == '\0')
		return CRM_OK;
	if ((rc = crm_person_get(crm, head, &h)) != CRM_OK)
		return crmi_err(crm, rc, "no such head '%s'", head);
	if (h.role != CRM_ROLE_HEAD || !h.active)
		rc = crmi_err(crm, CRM_EINVAL, "'%s' is not an active head",
		    head);
	*hid = h.id;
	crm_person_clear(&h);
	return rc;
}

static int
may_add(struct crm *crm, int64_t n, enum crm_role role, int64_t hid)
{
	if (n == 0) {
		if (role != CRM_ROLE_ADMIN && role != CRM_ROLE_HEAD)
			return crmi_err(crm, CRM_EINVAL, "the first person "
			    "must be an admin or a head");
		return CRM_OK;
	}
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you ('%s') are not a person "
		    "here", crm->login);
	if (crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm->actor.role == CRM_ROLE_HEAD && role == CRM_ROLE_MANAGER &&
	    hid == crm->actor.id)
		return CRM_OK;
	return crmi_err(crm, CRM_EPERM, "only an admin adds people (a head "
	    "may add managers to their own team)");
}

static int
insert_person(struct crm *crm, const char *login, const char *name,
    enum crm_role role, int64_t hid, const char *email, int64_t *id)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	st = crmi_stmt(crm, "INSERT INTO person (login, name, role, "
	    "head_id, email, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
	    "RETURNING id");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, login);
	crmi_bind_str(st, 2, name);
	crmi_bind_str(st, 3, crm_role_name(role));
	if (hid != 0)
		crmi_bind_int(st, 4, hid);
	crmi_bind_text(st, 5, email);
	crmi_bind_str(st, 6, crm->now);
	if ((rc = crmi_step_id(crm, st, id)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_str(&d, "login", login);
	crmi_json_str(&d, "name", name);
	crmi_json_str(&d, "role", crm_role_name(role));
	crmi_json_str(&d, "email", email);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "person", *id, *id, "create", d.s);
	crmi_buf_clear(&d);
	return rc;
}

int
crm_person_add(struct crm *crm, const char *login, const char *name,
    enum crm_role role, const char *head, const char *email, int64_t *idp)
{
	int64_t	 n = 1, hid, id = 0;
	int	 rc;

	if ((unsigned)role > CRM_ROLE_ADMIN)
		return crmi_err(crm, CRM_EINVAL, "invalid role");
	if ((rc = crmi_check_login(crm, login)) != CRM_OK ||
	    (rc = check_name(crm, name)) != CRM_OK ||
	    (rc = crmi_check_email(crm, email)) != CRM_OK)
		return rc;
	if (role != CRM_ROLE_MANAGER && head != NULL && *head != '\0')
		return crmi_err(crm, CRM_EINVAL, "only a manager has a head");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if (head == NULL && role == CRM_ROLE_MANAGER &&
	    crm->actor.role == CRM_ROLE_HEAD)
		head = crm->actor.login;
	if ((rc = count_people(crm, &n)) == CRM_OK &&
	    (rc = find_head(crm, head, &hid)) == CRM_OK &&
	    (rc = may_add(crm, n, role, hid)) == CRM_OK) {
		if (login_exists(crm, login))
			rc = crmi_err(crm, CRM_EINVAL, "person '%s' already "
			    "exists", login);
		else
			rc = insert_person(crm, login, name, role, hid,
			    email, &id);
	}
	if ((rc = crmi_end(crm, rc)) == CRM_OK && idp != NULL)
		*idp = id;
	return rc;
}

int
crm_person_each(struct crm *crm, int all,
    int (*fn)(const struct crm_person *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_person	 p;
	int			 rc, step, seeall;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	seeall = crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, all != 0);
	crmi_bind_int(st, 2, seeall);
	crmi_bind_int(st, 3, crm->actor.id);
	crmi_bind_int(st, 4, crmi_team(crm));
	while ((step = crmi_step(st)) == CRMI_ROW) {
		if ((rc = fill(crm, st, &p)) != CRM_OK)
			break;
		rc = fn(&p, arg);
		crm_person_clear(&p);
		if (rc != 0)
			break;
	}
	if (step != CRMI_ROW)
		rc = step == CRMI_DONE ? CRM_OK : crmi_dberr(crm, step);
	crmi_reset(st);
	return rc;
}

/* Who may change which field of person p. */
static int
may_set(struct crm *crm, const struct crm_person *p, const char *field)
{
	int	 self = p->id == crm->actor.id;
	int	 team = crmi_team(crm) != 0 && p->head_id == crmi_team(crm);

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm->actor.role == CRM_ROLE_DIRECTOR)
		return crmi_err(crm, CRM_EPERM, "a director reads and does "
		    "not change");
	if ((strcmp(field, "name") == 0 || strcmp(field, "email") == 0) &&
	    (self || team))
		return CRM_OK;
	if (strcmp(field, "active") == 0 && !self && team)
		return CRM_OK;
	return crmi_err(crm, CRM_EPERM, "you may not change the %s of '%s'",
	    field, p->login);
}

/* Validate value for field; *out is what is stored (NULL for none). */
static int
set_value(struct crm *crm, const struct crm_person *p, const char *field,
    const char *value, char *out, size_t sz)
{
	int64_t	 hid;
	int	 rc;

	strlcpy(out, value, sz);
	if (strcmp(field, "name") == 0)
		return check_name(crm, value);
	if (strcmp(field, "email") == 0)
		return crmi_check_email(crm, value);
	if (strcmp(field, "active") == 0) {
		if (strcmp(value, "0") != 0 && strcmp(value, "1") != 0)
			return crmi_err(crm, CRM_EINVAL, "invalid active "
			    "'%s': 0 or 1", value);
		return CRM_OK;
	}
	if (strcmp(field, "role") == 0) {
		if (crm_role_parse(value) < 0)
			return crmi_err(crm, CRM_EINVAL, "invalid role '%s'",
			    value);
		if (strcmp(value, "manager") != 0 && p->head_id != 0)
			return crmi_err(crm, CRM_EINVAL, "'%s' has a head: "
			    "only a manager has one", p->login);
		return CRM_OK;
	}
	if (strcmp(field, "head") == 0) {
		if (*value != '\0' && p->role != CRM_ROLE_MANAGER)
			return crmi_err(crm, CRM_EINVAL, "only a manager "
			    "has a head");
		if ((rc = find_head(crm, value, &hid)) != CRM_OK)
			return rc;
		snprintf(out, sz, "%lld", (long long)hid);
		return CRM_OK;
	}
	return crmi_err(crm, CRM_EINVAL, "unknown field '%s': name, role, "
	    "head, email or active", field);
}

/*
 * A head with a team stays a head until the team has moved: every member
 * counts for the role, deactivated ones too (reactivated, they would
 * have a manager for head); active members for deactivating the head.
 */
static int
team_empty(struct crm *crm, const struct crm_person *p, const char *field,
    const char *value)
{
	struct crmi_stmt	*st;
	int			 busy, role;

	role = strcmp(field, "role") == 0 && strcmp(value, "head") != 0;
	if (p->role != CRM_ROLE_HEAD || !(role ||
	    (strcmp(field, "active") == 0 && strcmp(value, "0") == 0)))
		return CRM_OK;
	st = crmi_stmt(crm, "SELECT 1 FROM person WHERE head_id = ?1 "
	    "AND (?2 = 1 OR active = 1)");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, p->id);
	crmi_bind_int(st, 2, role);
	busy = crmi_step(st) == CRMI_ROW;
	crmi_reset(st);
	return busy ? crmi_err(crm, CRM_ESTATE, "'%s' still heads a team; "
	    "move the team to another head first", p->login) : CRM_OK;
}

static const char *const SQL_SET[] = {
	"UPDATE person SET name = ?1 WHERE id = ?2",
	"UPDATE person SET role = ?1 WHERE id = ?2",
	"UPDATE person SET head_id = ?1 WHERE id = ?2",
	"UPDATE person SET email = ?1 WHERE id = ?2",
	"UPDATE person SET active = ?1 WHERE id = ?2",
};
static const char *const FIELDS[] = {
	"name", "role", "head", "email", "active"
};

static int
update_person(struct crm *crm, const struct crm_person *p, int f,
    const char *value, const char *shown, const char *old)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_SET[f])) == NULL)
		return CRM_EDB;
	if (f == 2 && strcmp(value, "0") == 0)
		crmi_bind_null(st, 1);
	else
		crmi_bind_text(st, 1, value);
	crmi_bind_int(st, 2, p->id);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, FIELDS[f], old, *shown ? shown : NULL);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "person", p->id, p->id, "update", d.s);
	crmi_buf_clear(&d);
	return rc;
}

static const char *
old_value(const struct crm_person *p, int f, char *buf, size_t sz)
{
	switch (f) {
	case 0:
		return p->name;
	case 1:
		return crm_role_name(p->role);
	case 2:
		return p->head_login;
	case 3:
		return p->email;
	default:
		snprintf(buf, sz, "%d", p->active);
		return buf;
	}
}

int
crm_person_set(struct crm *crm, const char *login, const char *field,
    const char *value)
{
	struct crm_person	 p;
	char			 v[256], ob[8];
	const char		*shown;
	int			 f, rc;

	for (f = 0; f < 5; f++)
		if (strcmp(field, FIELDS[f]) == 0)
			break;
	if (f == 5)
		return crmi_err(crm, CRM_EINVAL, "unknown field '%s': name, "
		    "role, head, email or active", field);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crm_person_get(crm, login, &p)) != CRM_OK)
		return crmi_end(crm, rc);
	if ((rc = may_set(crm, &p, field)) == CRM_OK &&
	    (rc = set_value(crm, &p, field, value, v, sizeof(v))) == CRM_OK &&
	    (rc = team_empty(crm, &p, field, value)) == CRM_OK) {
		shown = f == 2 ? value : v;
		rc = update_person(crm, &p, f, v, shown,
		    old_value(&p, f, ob, sizeof(ob)));
	}
	crm_person_clear(&p);
	return crmi_end(crm, rc);
}

int
crmi_person_known(struct crm *crm, const char *login)
{
	struct crm_person	 p;
	int			 rc;

	if (login == NULL)
		return CRM_OK;
	memset(&p, 0, sizeof(p));
	if ((rc = crm_person_get(crm, login, &p)) == CRM_OK)
		crm_person_clear(&p);
	return rc;
}

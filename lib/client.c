/*
 * client.c: the clients of the department, each the work of one manager,
 * and the field checks that deals, documents and imports share.
 *
 * A client is found by any part of its name in any case: name_key keeps
 * crmi_fold(name), and a search folds its pattern the same way, so that
 * "ромашка" finds "ООО «Ромашка»".
 */
#include <stdlib.h>
#include <string.h>

#include "records_int.h"
#include "sales_int.h"

static const char SQL_EACH[] = CRMI_CLIENT_SELECT
    "WHERE (CAST(?1 AS TEXT) IS NULL"
    " OR c.name_key LIKE '%' || ?1 || '%' ESCAPE '\\'"
    "  OR c.inn = ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR m.login = ?3)"
    " AND (?4 = 1 OR c.manager_id = ?5 OR m.head_id = ?6)"
    " ORDER BY c.name_key, c.id";

int
crmi_check_inn(struct crm *crm, const char *s)
{
	if (s == NULL || *s == '\0' || crm_inn_valid(s))
		return CRM_OK;
	return crmi_err(crm, CRM_EINVAL, "invalid INN '%s'", s);
}

int
crmi_check_phone(struct crm *crm, const char *s)
{
	const char	*p;
	int		 digits = 0;

	if (s == NULL || *s == '\0')
		return CRM_OK;
	for (p = s; *p != '\0'; p++)
		if (*p >= '0' && *p <= '9')
			digits++;
	if (digits < 5 || strlen(s) > CRMI_PHONE_MAX ||
	    !crm_text_valid(s, 0) || strchr(s, '\t') != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid phone '%s': up to "
		    "%d bytes with at least 5 digits", s, CRMI_PHONE_MAX);
	return CRM_OK;
}

int
crmi_check_date(struct crm *crm, const char *what, const char *s, int need)
{
	int	 day;

	if (s == NULL || *s == '\0')
		return need ? crmi_err(crm, CRM_EINVAL, "missing %s", what) :
		    CRM_OK;
	if (crm_date_iso(s, &day) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "invalid %s '%s'", what, s);
	return CRM_OK;
}

int
crmi_sees_all(const struct crm *crm)
{
	return crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
}

void
crmi_bind_sight(struct crm *crm, struct crmi_stmt *st, int idx)
{
	crmi_bind_int(st, idx, crmi_sees_all(crm));
	crmi_bind_int(st, idx + 1, crm->actor.id);
	crmi_bind_int(st, idx + 2, crmi_team(crm));
}

/* Fold a search pattern and escape LIKE's % and _ (and the escape). */
static char *
like_key(const char *pat)
{
	char	*f, *out, *o;
	size_t	 i;

	if ((f = crmi_fold(pat)) == NULL)
		return NULL;
	if ((out = malloc(strlen(f) * 2 + 1)) == NULL) {
		free(f);
		return NULL;
	}
	for (i = 0, o = out; f[i] != '\0'; i++) {
		if (f[i] == '%' || f[i] == '_' || f[i] == '\\')
			*o++ = '\\';
		*o++ = f[i];
	}
	*o = '\0';
	free(f);
	return out;
}

static int
check_client(struct crm *crm, const struct crm_client *c)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "name", c->name, CRM_TITLE_MAX, 1,
	    0)) != CRM_OK ||
	    (rc = crmi_check_inn(crm, c->inn)) != CRM_OK ||
	    (rc = crmi_check_phone(crm, c->phone)) != CRM_OK ||
	    (rc = crmi_check_email(crm, c->email)) != CRM_OK ||
	    (rc = crmi_check_text(crm, "note", c->note, CRM_NOTE_MAX, 0,
	    1)) != CRM_OK)
		return rc;
	return CRM_OK;
}

static int	inn_taken(struct crm *, const char *, int64_t);
static int	inn_hidden(struct crm *, int, const char *);

int64_t
crmi_inn_client(struct crm *crm, const char *inn)
{
	struct crmi_stmt	*st;
	int64_t			 id = 0;

	if ((st = crmi_stmt(crm, "SELECT id FROM client WHERE inn = ?1"))
	    == NULL)
		return 0;
	crmi_bind_str(st, 1, inn);
	if (crmi_step(st) == CRMI_ROW)
		id = crmi_col_int(st, 0);
	crmi_reset(st);
	return id;
}

/*
 * A new client: the id the table gives, or the one an import keeps
 * (SQL_INSERT_ID, ?10), never an explicit NULL, which PostgreSQL's
 * identity column refuses.
 */
#define SQL_INSERT_(idcol, idval) "INSERT INTO client (name, name_key, " \
    "inn, phone, email, manager_id, note, created_at, created_by" idcol \
    ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9" idval ") RETURNING id"
static const char SQL_INSERT[] = SQL_INSERT_("", "");
static const char SQL_INSERT_ID[] = SQL_INSERT_(", id", ", ?10");
/* The next id of table "client" or "doc" in the log's eyes (crmi_next_id). */
static const char *const SQL_NEXT_ID[] = {
	"SELECT coalesce(max(i), 0) + 1 FROM"
	" (SELECT max(id) AS i FROM client UNION ALL SELECT max(entity_id)"
	" FROM audit WHERE entity = 'client') x",
	"SELECT coalesce(max(i), 0) + 1 FROM"
	" (SELECT max(id) AS i FROM doc UNION ALL SELECT max(entity_id)"
	" FROM audit WHERE entity = 'doc') x"
};

/*
 * Where the table gives max(id) + 1 (SQLite), a record deleted (a client
 * merged away, a document taken back) would lend its id, and its history
 * in the log, to the next: the next id follows every id the log ever
 * named too.  A server's sequence never goes back.
 */
int
crmi_next_id(struct crm *crm, const char *table, int64_t *want)
{
	struct crmi_stmt	*st;
	int			 rc;

	if (*want != 0 || !(crmi_caps(crm) & CRMI_STORE_MAXID))
		return CRM_OK;
	if ((st = crmi_stmt(crm, SQL_NEXT_ID[strcmp(table, "doc") == 0])) ==
	    NULL)
		return CRM_EDB;
	if ((rc = crmi_step(st)) == CRMI_ROW)
		*want = crmi_col_int(st, 0);
	crmi_reset(st);
	return rc == CRMI_ROW ? CRM_OK : crmi_dberr(crm, rc);
}

int
crmi_client_insert(struct crm *crm, const struct crm_client *c,
    int64_t manager, const char *created_at, int64_t want, int64_t *id)
{
	struct crmi_stmt	*st;
	char			*key;
	int			 rc;

	if ((rc = inn_taken(crm, c->inn, 0)) != CRM_OK)
		return rc;
	if ((rc = crmi_next_id(crm, "client", &want)) != CRM_OK)
		return rc;
	if ((key = crmi_fold(c->name)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	st = crmi_stmt(crm, want != 0 ? SQL_INSERT_ID : SQL_INSERT);
	if (st == NULL) {
		free(key);
		return CRM_EDB;
	}
	crmi_bind_str(st, 1, c->name);
	crmi_bind_str(st, 2, key);
	crmi_bind_text(st, 3, c->inn);
	crmi_bind_text(st, 4, c->phone);
	crmi_bind_text(st, 5, c->email);
	crmi_bind_int(st, 6, manager);
	crmi_bind_text(st, 7, c->note);
	crmi_bind_str(st, 8, created_at);
	crmi_bind_int(st, 9, crm->actor.id);
	if (want != 0)
		crmi_bind_int(st, 10, want);
	rc = crmi_step_kept(crm, st, "client", want, id);
	free(key);
	/* A server hides another's client: its INN shows only here. */
	if (rc == CRM_EINVAL && c->inn != NULL && *c->inn != '\0' &&
	    (strstr(crm->err, "client_inn") != NULL ||
	    strstr(crm->err, "client.inn") != NULL))
		rc = inn_hidden(crm, CRM_EINVAL, c->inn);
	return rc;
}

static int
audit_client(struct crm *crm, const struct crm_client *c, int64_t id,
    int64_t manager, const char *login)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	int		 rc;

	crmi_json_open(&d);
	crmi_json_str(&d, "name", c->name);
	crmi_json_str(&d, "inn", c->inn);
	crmi_json_str(&d, "manager", login);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "client", id, manager, "create", d.s);
	crmi_buf_clear(&d);
	return rc;
}

int
crm_client_add(struct crm *crm, const struct crm_client *c, int64_t *idp)
{
	const char	*login;
	int64_t		 manager, id = 0;
	int		 rc;

	login = c->manager != NULL && *c->manager != '\0' ? c->manager :
	    crm->login;
	if ((rc = check_client(crm, c)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((manager = crmi_person_id(crm, login)) == 0)
		rc = CRM_ENOENT;
	else if ((rc = crm_may_act(crm, manager)) == CRM_OK &&
	    (rc = crmi_client_insert(crm, c, manager, crm->now, 0, &id)) ==
	    CRM_OK)
		rc = audit_client(crm, c, id, manager, login);
	if ((rc = crmi_end(crm, rc)) == CRM_OK && idp != NULL)
		*idp = id;
	return rc;
}

int
crmi_client_manager(struct crm *crm, int64_t id, int64_t *manager)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, "SELECT manager_id FROM client WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*manager = crmi_col_int(st, 0);
		rc = CRM_OK;
	} else if (rc == CRMI_DONE)
		rc = crmi_err(crm, CRM_ENOENT, "no such client '%lld'",
		    (long long)id);
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	if (rc == CRM_OK && crm_may_see(crm, *manager) != CRM_OK)
		rc = crmi_err(crm, CRM_ENOENT, "no such client '%lld'",
		    (long long)id);
	return rc;
}

static const char *const FIELDS[] = {
	"name", "inn", "phone", "email", "manager", "note"
};

static const char *const SQL_GET[] = {
	"SELECT name FROM client WHERE id = ?1",
	"SELECT inn FROM client WHERE id = ?1",
	"SELECT phone FROM client WHERE id = ?1",
	"SELECT email FROM client WHERE id = ?1",
	"SELECT m.login FROM client c JOIN person m ON m.id = c.manager_id"
	" WHERE c.id = ?1",
	"SELECT note FROM client WHERE id = ?1",
};

static const char *const SQL_SET[] = {
	"UPDATE client SET name = ?1, name_key = ?3 WHERE id = ?2",
	"UPDATE client SET inn = ?1 WHERE id = ?2",
	"UPDATE client SET phone = ?1 WHERE id = ?2",
	"UPDATE client SET email = ?1 WHERE id = ?2",
	"UPDATE client SET manager_id = ?4 WHERE id = ?2",
	"UPDATE client SET note = ?1 WHERE id = ?2",
};

static int
check_field(struct crm *crm, int f, const char *v, int64_t id, int64_t *nm)
{
	switch (f) {
	case 0:
		return crmi_check_text(crm, "name", v, CRM_TITLE_MAX, 1, 0);
	case 1:
		if (crmi_check_inn(crm, v) != CRM_OK)
			return CRM_EINVAL;
		return inn_taken(crm, v, id);
	case 2:
		return crmi_check_phone(crm, v);
	case 3:
		return crmi_check_email(crm, v);
	case 4:
		if ((*nm = crmi_person_id(crm, v)) == 0)
			return CRM_ENOENT;
		return crm_may_act(crm, *nm);
	default:
		return crmi_check_text(crm, "note", v, CRM_NOTE_MAX, 0, 1);
	}
}

static int
update_client(struct crm *crm, int64_t id, int f, const char *v,
    int64_t manager, int64_t nm)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			*old = NULL, *key;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_GET[f])) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW)
		old = crmi_col_dup(st, 0);
	crmi_reset(st);
	if ((key = crmi_fold(v)) == NULL ||
	    (st = crmi_stmt(crm, SQL_SET[f])) == NULL) {
		free(key);
		free(old);
		return key == NULL ? crmi_err(crm, CRM_ENOMEM, "out of "
		    "memory") : CRM_EDB;
	}
	crmi_bind_text(st, 1, v);
	crmi_bind_int(st, 2, id);
	if (f == 0)
		crmi_bind_str(st, 3, key);
	if (f == 4)
		crmi_bind_int(st, 4, nm);
	rc = crmi_step_done(crm, st);
	crmi_json_open(&d);
	crmi_json_change(&d, FIELDS[f], old, *v != '\0' ? v : NULL);
	crmi_json_close(&d);
	if (rc == CRM_OK)
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    crmi_audit(crm, "client", id, f == 4 ? nm : manager,
		    "update", d.s);
	crmi_buf_clear(&d);
	free(key);
	free(old);
	return rc;
}

int
crm_client_set(struct crm *crm, int64_t id, const char *field,
    const char *value)
{
	int64_t	 manager = 0, nm = 0;
	int	 f, rc;

	for (f = 0; f < 6; f++)
		if (strcmp(field, FIELDS[f]) == 0)
			break;
	if (f == 6)
		return crmi_err(crm, CRM_EINVAL, "unknown field '%s': name, "
		    "inn, phone, email, manager or note", field);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_client_manager(crm, id, &manager)) == CRM_OK &&
	    (rc = crm_may_act(crm, manager)) == CRM_OK &&
	    (rc = check_field(crm, f, value, id, &nm)) == CRM_OK)
		rc = update_client(crm, id, f, value, manager, nm);
	return crmi_end(crm, rc);
}

/*
 * The one lookup of a client, for every tool and crm-import.  A client
 * is visible to the actor when it has no manager (made before there were
 * managers), when the actor may see its manager's work, or when a deal
 * or task of the actor's (or of the head's team) is on it (a shared
 * account: its name, nothing more).  The steps, in order: a visible id, a valid INN, the exact name
 * folded, a unique part of the name.
 */
const char crmi_sql_client_look[] =
    "SELECT c.id, c.name FROM client c LEFT JOIN person m"
    " ON m.id = c.manager_id WHERE c.id BETWEEN ?8 AND ?9 AND"
    " CASE CAST(?1 AS INTEGER) WHEN 0 THEN c.id = ?2 WHEN 1 THEN c.inn = ?3"
    "  WHEN 2 THEN c.name_key = ?4 ELSE instr(c.name_key, ?4) > 0 END"
    " AND (?5 = 1 OR c.manager_id IS NULL OR c.manager_id = ?6"
    "  OR m.head_id = ?7"
    "  OR EXISTS (SELECT 1 FROM deal d JOIN person w"
    "   ON w.id = d.manager_id WHERE d.client_id = c.id"
    "   AND (w.id = ?6 OR w.head_id = ?7))"
    "  OR EXISTS (SELECT 1 FROM task t JOIN person w"
    "   ON w.id = t.assignee_id WHERE t.client_id = c.id"
    "   AND (w.id = ?6 OR w.head_id = ?7)))"
    " ORDER BY c.name_key, c.id";

#define LOOK_SHOW	5	/* candidates named in an ambiguity */

/*
 * Run step (0 id, 1 INN, 2 exact, 3 part) of sql: the number of
 * matches, the first in *id, the first LOOK_SHOW listed in cand; -1 on a
 * database error.
 */
static int
look_step(struct crm *crm, const char *sql, int step, int64_t num,
    const char *spec, const char *key, int64_t *id, struct crmi_buf *cand)
{
	struct crmi_stmt	*st;
	int			 n = 0, rc;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	crmi_bind_int(st, 1, step);
	crmi_bind_int(st, 2, num);
	crmi_bind_str(st, 3, spec);
	crmi_bind_str(st, 4, key);
	crmi_bind_sight(crm, st, 5);
	/* By id, the range is the one row: no walk of the table. */
	crmi_bind_int(st, 8, step == 0 ? num : INT64_MIN);
	crmi_bind_int(st, 9, step == 0 ? num : INT64_MAX);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if (n == 0)
			*id = crmi_col_int(st, 0);
		if (n < LOOK_SHOW)
			crmi_buf_addf(cand, "%s%lld %s", n > 0 ? ", " : "",
			    (long long)crmi_col_int(st, 0),
			    crmi_col_text(st, 1));
		n++;
	}
	crmi_reset(st);
	if (rc != CRMI_DONE) {
		crmi_dberr(crm, rc);
		return -1;
	}
	if (n > LOOK_SHOW)
		crmi_buf_addf(cand, " and %d more", n - LOOK_SHOW);
	return n;
}

/*
 * An INN a client the actor may not see has: one answer wherever it is
 * typed (client-add, client-edit, a lookup), which says it is taken and
 * nothing of whose it is.
 */
static int
inn_hidden(struct crm *crm, int status, const char *inn)
{
	return crmi_err(crm, status, "INN '%s' is taken by a client you may "
	    "not see: ask your head", inn);
}

/* Refuse an INN a client other than self has. */
static int
inn_taken(struct crm *crm, const char *inn, int64_t self)
{
	struct crmi_buf	 cand = { NULL, 0, 0, 0 };
	int64_t		 other, id;
	char		 num[24];
	int		 n;

	if (inn == NULL || *inn == '\0' ||
	    (other = crmi_inn_client(crm, inn)) == 0 || other == self)
		return CRM_OK;
	snprintf(num, sizeof(num), "%lld", (long long)other);
	n = look_step(crm, crmi_sql_client_look, 0, other, num, "", &id,
	    &cand);
	crmi_buf_clear(&cand);
	if (n < 0)
		return CRM_EDB;
	if (n == 0)
		return inn_hidden(crm, CRM_EINVAL, inn);
	return crmi_err(crm, CRM_EINVAL, "a client with INN '%s' already "
	    "exists", inn);
}

int
crmi_lookup(struct crm *crm, const char *what, const char *sql,
    const char *spec, int inn, int64_t *id)
{
	struct crmi_buf	 cand = { NULL, 0, 0, 0 };
	char		*key;
	int64_t		 num;
	int		 n = 0, rc, step;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (crm_id_parse(spec, &num) != CRM_OK)
		num = 0;
	if ((key = crmi_fold(spec)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	for (step = 0; step < 4 && n == 0; step++) {
		if ((step == 0 && num == 0) ||
		    (step == 1 && (!inn || !crm_inn_valid(spec))) ||
		    (step == 3 && *key == '\0'))
			continue;
		crmi_buf_clear(&cand);
		cand.s = NULL;
		cand.len = cand.cap = cand.oom = 0;
		n = look_step(crm, sql, step, num, spec, key, id, &cand);
	}
	free(key);
	if (n < 0)
		rc = CRM_EDB;
	else if (cand.oom)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if (n == 0 && inn && crm_inn_valid(spec) &&
	    crmi_inn_client(crm, spec) != 0)
		rc = inn_hidden(crm, CRM_ENOENT, spec);
	else if (n == 0 && strcmp(what, "client") == 0)
		rc = crmi_err(crm, CRM_ENOENT, "no such client '%s'", spec);
	else if (n == 0)
		rc = crmi_err(crm, CRM_ENOENT, "no such deal '%s'", spec);
	else if (n > 1 && strcmp(what, "client") == 0)
		rc = crmi_err(crm, CRM_EINVAL, "several clients match '%s': "
		    "%s", spec, cand.s);
	else if (n > 1)
		rc = crmi_err(crm, CRM_EINVAL, "several deals match '%s': %s",
		    spec, cand.s);
	else
		rc = CRM_OK;
	crmi_buf_clear(&cand);
	return rc;
}

int
crmi_client_like(struct crm *crm, const char *key,
    int (*fn)(void *, int64_t, const char *), void *arg)
{
	struct crmi_stmt	*st;
	int			 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((st = crmi_stmt(crm, crmi_sql_client_look)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, 3);
	crmi_bind_int(st, 2, 0);
	crmi_bind_str(st, 3, key);
	crmi_bind_str(st, 4, key);
	crmi_bind_sight(crm, st, 5);
	crmi_bind_int(st, 8, INT64_MIN);
	crmi_bind_int(st, 9, INT64_MAX);
	while ((rc = crmi_step(st)) == CRMI_ROW)
		if (fn(arg, crmi_col_int(st, 0), crmi_col_text(st, 1)) == -1)
			break;
	crmi_reset(st);
	if (rc != CRMI_ROW && rc != CRMI_DONE)
		return crmi_dberr(crm, rc);
	return rc == CRMI_ROW ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    CRM_OK;
}

int
crm_client_find(struct crm *crm, const char *spec, int64_t *id)
{
	int	 rc;

	/* Several parts: the one name as typed (less quotes, legal form). */
	if ((rc = crmi_lookup(crm, "client", crmi_sql_client_look, spec, 1,
	    id)) == CRM_EINVAL && crmi_client_named(crm, spec, id) == CRM_OK)
		return CRM_OK;
	return rc;
}

int
crmi_client_attach(struct crm *crm, int64_t id)
{
	char			 name[CRM_TITLE_MAX + 1] = "";
	struct crmi_stmt	*st;
	int64_t			 owner = 0;
	int			 rc, none = 1;

	if (crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm->actor.role == CRM_ROLE_DIRECTOR)
		return crm_may_act(crm, crm->actor.id);
	st = crmi_stmt(crm, "SELECT manager_id, name FROM client"
	    " WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		none = crmi_col_null(st, 0);
		owner = crmi_col_int(st, 0);
		strlcpy(name, crmi_col_text(st, 1),
		    sizeof(name));
	}
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return rc == CRMI_DONE ? crmi_err(crm, CRM_ENOENT,
		    "no such client '%lld'", (long long)id) : crmi_dberr(crm, rc);
	if (none || owner == crm->actor.id ||
	    (crmi_team(crm) != 0 && crm_may_act(crm, owner) == CRM_OK))
		return CRM_OK;
	return crmi_err(crm, CRM_EPERM, "client '%s' is another manager's: "
	    "only its manager, their head or an admin may add to it", name);
}

int
crm_client_each(struct crm *crm, const char *pattern, const char *manager,
    int (*fn)(const struct crm_client *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_client	 c;
	char			*key = NULL;
	int			 rc, src = CRMI_DONE;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_person_known(crm, manager)) != CRM_OK)
		return rc;
	if (pattern != NULL && (key = like_key(pattern)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL) {
		free(key);
		return CRM_EDB;
	}
	if (key != NULL)
		crmi_bind_str(st, 1, key);
	crmi_bind_text(st, 2, pattern);
	crmi_bind_text(st, 3, manager);
	crmi_bind_sight(crm, st, 4);
	rc = CRM_OK;
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		crmi_rec_fill(st, &crmi_client_rec, &c, sizeof(c), 0);
		rc = fn(&c, arg);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	free(key);
	return rc;
}

/*
 * import.c: bring the records of an old system in from CSV: people,
 * clients, deals, documents and tasks with their history.
 *
 * An import is one transaction: the first bad row stops it, nothing is
 * written, and the message names the line, the column and the value.
 * Records keep their own dates; each gets one audit entry "import" by
 * the person who ran it.  Statements are prepared once (crmi_stmt) and
 * logins and clients are looked up once each, so that 100,000 rows take
 * seconds.
 */
#include <stdlib.h>
#include <string.h>

#include "sales_int.h"

#define NCOLS	16	/* the most columns of any kind */

/* The columns of each kind, in the order crm_export() writes them. */
const char *const crmi_cols_people[] = {
	"login", "name", "role", "head", "email", "active", "created_at", NULL
};
const char *const crmi_cols_clients[] = {
	"id", "name", "inn", "phone", "email", "manager", "note",
	"created_at", NULL
};
const char *const crmi_cols_deals[] = {
	"id", "client", "manager", "title", "amount", "profit", "close_date",
	"stage", "opened_at", "closed_at", "lost_reason", NULL
};
const char *const crmi_cols_docs[] = {
	"id", "deal", "kind", "number", "doc_date", "amount", "due_date",
	"paid_date", "created_at", NULL
};
const char *const crmi_cols_tasks[] = {
	"id", "login", "author", "kind", "title", "note", "client", "deal",
	"due_date", "due_time", "first_due", "created_at", "state",
	"closed_at", "result", "cancel_reason", NULL
};

enum { P_LOGIN, P_NAME, P_ROLE, P_HEAD, P_EMAIL, P_ACTIVE, P_CREATED };
enum { C_ID, C_NAME, C_INN, C_PHONE, C_EMAIL, C_MANAGER, C_NOTE,
	C_CREATED };
enum { D_ID, D_CLIENT, D_MANAGER, D_TITLE, D_AMOUNT, D_PROFIT, D_CLOSE,
	D_STAGE, D_OPENED, D_CLOSED, D_REASON };
enum { O_ID, O_DEAL, O_KIND, O_NUMBER, O_DATE, O_AMOUNT, O_DUE, O_PAID,
	O_CREATED };
enum { T_ID, T_LOGIN, T_AUTHOR, T_KIND, T_TITLE, T_NOTE, T_CLIENT, T_DEAL,
	T_DUE, T_TIME, T_FIRST, T_CREATED, T_STATE, T_CLOSED, T_RESULT,
	T_CANCEL };

/* A string -> id map for lookups made once. */
struct map {
	char	**keys;
	int64_t	 *vals;
	size_t	  cap, n;
};

struct imp;

struct kind {
	const char		*name;
	const char *const	*cols;
	unsigned		 req;		/* bit i: column i required */
	int			(*row)(struct imp *);
};

struct imp {
	struct crm		*crm;
	const struct kind	*k;
	long			 line;
	int			 pos[NCOLS];	/* CSV field of each column */
	char			**f;
	size_t			 nf;
	struct map		 people, clients;
};

/* ---- small helpers --------------------------------------------------- */

static uint32_t
hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static int
map_get(const struct map *m, const char *key, int64_t *val)
{
	size_t	 i;

	if (m->cap == 0)
		return 0;
	for (i = hash(key) % m->cap; m->keys[i] != NULL; i = (i + 1) % m->cap)
		if (strcmp(m->keys[i], key) == 0) {
			*val = m->vals[i];
			return 1;
		}
	return 0;
}

static int
map_grow(struct map *m)
{
	struct map	 g;
	size_t		 i, j;

	g.cap = m->cap ? m->cap * 2 : 256;
	g.keys = calloc(g.cap, sizeof(char *));
	g.vals = calloc(g.cap, sizeof(int64_t));
	if (g.keys == NULL || g.vals == NULL) {
		free(g.keys);
		free(g.vals);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		for (j = hash(m->keys[i]) % g.cap; g.keys[j] != NULL;
		    j = (j + 1) % g.cap)
			;
		g.keys[j] = m->keys[i];
		g.vals[j] = m->vals[i];
	}
	g.n = m->n;
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

static int
map_put(struct map *m, const char *key, int64_t val)
{
	size_t	 i;

	if (2 * (m->n + 1) > m->cap && map_grow(m) == -1)
		return -1;
	for (i = hash(key) % m->cap; m->keys[i] != NULL; i = (i + 1) % m->cap)
		;
	if ((m->keys[i] = strdup(key)) == NULL)
		return -1;
	m->vals[i] = val;
	m->n++;
	return 0;
}

static void
map_free(struct map *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
}

/* The value of column c in this row; NULL when absent or empty. */
static const char *
val(const struct imp *im, int c)
{
	int	 p = im->pos[c];

	if (p < 0 || (size_t)p >= im->nf || im->f[p][0] == '\0')
		return NULL;
	return im->f[p];
}

/* Prefix the handle's message with the line and the column. */
static int
fail(struct imp *im, int c, int rc)
{
	char	 msg[CRMI_ERRSZ];

	strlcpy(msg, im->crm->err, sizeof(msg));
	return crmi_err(im->crm, rc, "line %ld: column '%s': %s", im->line,
	    im->k->cols[c], msg);
}

/* A message for column c with its value. */
static int
bad(struct imp *im, int c, const char *what)
{
	const char	*v = val(im, c);

	return crmi_err(im->crm, CRM_EINVAL, "line %ld: column '%s': %s "
	    "'%s'", im->line, im->k->cols[c], what, v != NULL ? v : "");
}

/*
 * A timestamp: YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (or
 * with a T), kept as YYYY-MM-DD HH:MM:SS; the import's time when empty.
 */
static int
stamp(struct imp *im, int c, char out[20])
{
	const char	*v = val(im, c);
	char		 d[11], t[6];
	size_t		 n;
	int		 x;

	if (v == NULL) {
		memcpy(out, im->crm->now, 20);
		return CRM_OK;
	}
	n = strlen(v);
	if (n != 10 && n != 16 && n != 19)
		return bad(im, c, "invalid time");
	memcpy(d, v, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &x) != CRM_OK)
		return bad(im, c, "invalid time");
	snprintf(out, 20, "%s 00:00:00", d);
	if (n == 10)
		return CRM_OK;
	memcpy(t, v + 11, 5);
	t[5] = '\0';
	if ((v[10] != ' ' && v[10] != 'T') || crm_time_parse(t, &x) != CRM_OK)
		return bad(im, c, "invalid time");
	if (n == 19 && (v[16] != ':' || v[17] < '0' || v[17] > '5' ||
	    v[18] < '0' || v[18] > '9'))
		return bad(im, c, "invalid time");
	snprintf(out, 20, "%s %s:%s", d, t, n == 19 ? v + 17 : "00");
	return CRM_OK;
}

static int
money(struct imp *im, int c, int64_t min, int64_t *k)
{
	const char	*v = val(im, c);

	*k = 0;
	if (v == NULL)
		return CRM_OK;
	if (crm_money_parse(v, k) != CRM_OK || *k < min)
		return bad(im, c, "invalid amount");
	return CRM_OK;
}

/* An id column: a positive number not yet used in table (by sql). */
static int
want_id(struct imp *im, int c, const char *sql, int64_t *id)
{
	sqlite3_stmt	*st;
	const char	*v = val(im, c), *e;
	int		 used;

	*id = 0;
	if (v == NULL)
		return CRM_OK;
	*id = strtonum(v, 1, INT64_MAX, &e);
	if (e != NULL)
		return bad(im, c, "invalid id");
	if ((st = crmi_stmt(im->crm, sql)) == NULL)
		return CRM_EDB;
	sqlite3_bind_int64(st, 1, *id);
	used = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return used ? bad(im, c, "id already used") : CRM_OK;
}

/* An active person by login, looked up once. */
static int
person(struct imp *im, int c, int64_t *id)
{
	const char	*v = val(im, c);

	if (map_get(&im->people, v, id))
		return CRM_OK;
	if ((*id = crmi_person_id(im->crm, v)) == 0)
		return bad(im, c, "no such person");
	if (map_put(&im->people, v, *id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* Whether the actor may import the work of person id. */
static int
may(struct imp *im, int c, int64_t id)
{
	if (im->crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm_may_act(im->crm, id) != CRM_OK)
		return fail(im, c, CRM_EPERM);
	return CRM_OK;
}

static int
audit(struct imp *im, const char *entity, int64_t id, int64_t owner)
{
	char	 d[48];

	snprintf(d, sizeof(d), "{\"line\":%ld}", im->line);
	return crmi_audit(im->crm, entity, id, owner, "import", d);
}

static int
text(struct imp *im, int c, size_t max, int nl)
{
	if (crmi_check_text(im->crm, im->k->cols[c], val(im, c), max,
	    0, nl) != CRM_OK)
		return fail(im, c, CRM_EINVAL);
	return CRM_OK;
}

/* ---- people ---------------------------------------------------------- */

static int
check_login(struct imp *im)
{
	sqlite3_stmt	*st;
	const char	*s = val(im, P_LOGIN);
	int		 dup;

	if (strlen(s) > 32 || s[0] == '-' ||
	    s[strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789._-")] != '\0')
		return bad(im, P_LOGIN, "invalid login");
	st = crmi_stmt(im->crm, "SELECT 1 FROM person WHERE login = ?1");
	if (st == NULL)
		return CRM_EDB;
	sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
	dup = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return dup ? bad(im, P_LOGIN, "person already exists") : CRM_OK;
}

/* The head of an imported person: an active head, or none. */
static int
head_of(struct imp *im, int role, int64_t *hid)
{
	struct crm_person	 h;
	const char		*v = val(im, P_HEAD);
	int			 ok;

	*hid = 0;
	if (v == NULL)
		return im->crm->actor.role == CRM_ROLE_HEAD ?
		    (*hid = im->crm->actor.id, CRM_OK) : CRM_OK;
	if (role != CRM_ROLE_MANAGER)
		return bad(im, P_HEAD, "only a manager has a head, not");
	if (crm_person_get(im->crm, v, &h) != CRM_OK)
		return bad(im, P_HEAD, "no such head");
	ok = h.role == CRM_ROLE_HEAD && h.active;
	*hid = h.id;
	crm_person_free(&h);
	return ok ? CRM_OK : bad(im, P_HEAD, "not an active head");
}

static int
imp_person(struct imp *im)
{
	sqlite3_stmt	*st;
	const char	*act = val(im, P_ACTIVE);
	char		 at[20];
	int64_t		 hid, id;
	int		 role, rc;

	if ((rc = check_login(im)) != CRM_OK)
		return rc;
	if ((role = crm_role_parse(val(im, P_ROLE))) < 0)
		return bad(im, P_ROLE, "invalid role");
	if ((rc = text(im, P_NAME, CRMI_NAME_MAX, 0)) != CRM_OK ||
	    (rc = head_of(im, role, &hid)) != CRM_OK ||
	    (rc = stamp(im, P_CREATED, at)) != CRM_OK)
		return rc;
	if (crmi_check_email(im->crm, val(im, P_EMAIL)) != CRM_OK)
		return fail(im, P_EMAIL, CRM_EINVAL);
	if (act != NULL && strcmp(act, "0") != 0 && strcmp(act, "1") != 0)
		return bad(im, P_ACTIVE, "invalid active (0 or 1)");
	if (im->crm->actor.role != CRM_ROLE_ADMIN &&
	    (role != CRM_ROLE_MANAGER || hid != im->crm->actor.id))
		return bad(im, P_ROLE, "a head imports only managers of "
		    "their team, not");
	st = crmi_stmt(im->crm, "INSERT INTO person (login, name, role, "
	    "head_id, email, active, created_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7)");
	if (st == NULL)
		return CRM_EDB;
	sqlite3_bind_text(st, 1, val(im, P_LOGIN), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, val(im, P_NAME), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, crm_role_name(role), -1, SQLITE_STATIC);
	if (hid != 0)
		sqlite3_bind_int64(st, 4, hid);
	crmi_bind_text(st, 5, val(im, P_EMAIL));
	sqlite3_bind_int(st, 6, act == NULL || *act == '1');
	sqlite3_bind_text(st, 7, at, -1, SQLITE_STATIC);
	if ((rc = crmi_step_done(im->crm, st)) != CRM_OK)
		return rc;
	id = sqlite3_last_insert_rowid(im->crm->db);
	return audit(im, "person", id, id);
}

/* ---- clients --------------------------------------------------------- */

static int
imp_client(struct imp *im)
{
	struct crm_client	 c;
	char			 at[20];
	int64_t			 want, manager, id;
	int			 rc;

	memset(&c, 0, sizeof(c));
	c.name = val(im, C_NAME);
	c.inn = val(im, C_INN);
	c.phone = val(im, C_PHONE);
	c.email = val(im, C_EMAIL);
	c.note = val(im, C_NOTE);
	if ((rc = want_id(im, C_ID, "SELECT 1 FROM client WHERE id = ?1",
	    &want)) != CRM_OK ||
	    (rc = text(im, C_NAME, CRMI_NAME_MAX, 0)) != CRM_OK ||
	    (rc = text(im, C_NOTE, CRMI_NOTE_MAX, 1)) != CRM_OK ||
	    (rc = stamp(im, C_CREATED, at)) != CRM_OK)
		return rc;
	if (crmi_check_inn(im->crm, c.inn) != CRM_OK)
		return fail(im, C_INN, CRM_EINVAL);
	if (c.inn != NULL && crmi_inn_client(im->crm, c.inn) != 0)
		return bad(im, C_INN, "a client already has INN");
	if (crmi_check_phone(im->crm, c.phone) != CRM_OK)
		return fail(im, C_PHONE, CRM_EINVAL);
	if (crmi_check_email(im->crm, c.email) != CRM_OK)
		return fail(im, C_EMAIL, CRM_EINVAL);
	if ((rc = person(im, C_MANAGER, &manager)) != CRM_OK ||
	    (rc = may(im, C_MANAGER, manager)) != CRM_OK ||
	    (rc = crmi_client_insert(im->crm, &c, manager, at, want, &id)) !=
	    CRM_OK)
		return rc;
	return audit(im, "client", id, manager);
}

/* A client by INN, id or exact name, looked up once. */
static int
client(struct imp *im, int c, int64_t *id)
{
	sqlite3_stmt	*st;
	const char	*v = val(im, c), *e;
	int		 n = 0;

	if (map_get(&im->clients, v, id))
		return CRM_OK;
	if (crm_inn_valid(v))
		*id = crmi_inn_client(im->crm, v);
	else if (v[strspn(v, "0123456789")] == '\0') {
		*id = strtonum(v, 1, INT64_MAX, &e);
		st = crmi_stmt(im->crm, "SELECT 1 FROM client WHERE id = ?1");
		if (st == NULL)
			return CRM_EDB;
		sqlite3_bind_int64(st, 1, *id);
		if (sqlite3_step(st) != SQLITE_ROW)
			*id = 0;
		sqlite3_reset(st);
	} else {
		st = crmi_stmt(im->crm, "SELECT id FROM client WHERE name = ?1"
		    " LIMIT 2");
		if (st == NULL)
			return CRM_EDB;
		sqlite3_bind_text(st, 1, v, -1, SQLITE_STATIC);
		for (*id = 0; sqlite3_step(st) == SQLITE_ROW; n++)
			*id = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		if (n > 1)
			return bad(im, c, "several clients are named");
	}
	if (*id == 0)
		return bad(im, c, "no such client");
	if (map_put(&im->clients, v, *id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* ---- deals ----------------------------------------------------------- */

static int
deal_dates(struct imp *im, int outcome, char opened[20], char closed[20])
{
	int	 rc;

	if ((rc = stamp(im, D_OPENED, opened)) != CRM_OK)
		return rc;
	if (val(im, D_CLOSED) == NULL) {
		closed[0] = '\0';
		return outcome == 'o' ? CRM_OK : bad(im, D_CLOSED, "a won or "
		    "lost deal needs its closing time, not");
	}
	if (outcome == 'o')
		return bad(im, D_CLOSED, "an open deal has no closing time, "
		    "not");
	if ((rc = stamp(im, D_CLOSED, closed)) != CRM_OK)
		return rc;
	if (strcmp(closed, opened) < 0)
		return bad(im, D_CLOSED, "closed before it was opened:");
	if (outcome == 'l' && val(im, D_REASON) == NULL)
		return bad(im, D_REASON, "a lost deal needs a reason, not");
	return CRM_OK;
}

static int
imp_deal(struct imp *im)
{
	struct crm_deal	 d;
	char		 opened[20], closed[20];
	int64_t		 want, cl, manager, stage, id;
	int		 outcome, rc;

	memset(&d, 0, sizeof(d));
	d.title = val(im, D_TITLE);
	d.close_date = val(im, D_CLOSE);
	d.lost_reason = val(im, D_REASON);
	if ((rc = want_id(im, D_ID, "SELECT 1 FROM deal WHERE id = ?1",
	    &want)) != CRM_OK ||
	    (rc = client(im, D_CLIENT, &cl)) != CRM_OK ||
	    (rc = text(im, D_TITLE, CRMI_NAME_MAX, 0)) != CRM_OK ||
	    (rc = text(im, D_REASON, CRMI_NOTE_MAX, 1)) != CRM_OK ||
	    (rc = money(im, D_AMOUNT, 0, &d.amount)) != CRM_OK ||
	    (rc = money(im, D_PROFIT, INT64_MIN, &d.profit)) != CRM_OK)
		return rc;
	if (crmi_check_date(im->crm, "close date", d.close_date, 0) != CRM_OK)
		return fail(im, D_CLOSE, CRM_EINVAL);
	if (crmi_stage_find(im->crm, val(im, D_STAGE), &stage, &outcome) !=
	    CRM_OK)
		return bad(im, D_STAGE, "no such stage");
	if ((rc = deal_dates(im, outcome, opened, closed)) != CRM_OK)
		return rc;
	if (val(im, D_MANAGER) != NULL)
		rc = person(im, D_MANAGER, &manager);
	else if ((rc = crmi_client_manager(im->crm, cl, &manager)) != CRM_OK)
		rc = fail(im, D_CLIENT, rc);
	if (rc != CRM_OK || (rc = may(im, D_MANAGER, manager)) != CRM_OK)
		return rc;
	d.opened_at = opened;
	d.closed_at = closed[0] != '\0' ? closed : NULL;
	if ((rc = crmi_deal_insert(im->crm, &d, cl, manager, stage, want,
	    &id)) != CRM_OK)
		return rc;
	return audit(im, "deal", id, manager);
}

/* A deal by id: its manager and client. */
static int
deal(struct imp *im, int c, int64_t *id, int64_t *manager, int64_t *cl)
{
	sqlite3_stmt	*st;
	const char	*e;
	int		 found;

	*id = strtonum(val(im, c), 1, INT64_MAX, &e);
	if (e != NULL)
		return bad(im, c, "invalid deal");
	st = crmi_stmt(im->crm, "SELECT manager_id, client_id FROM deal "
	    "WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	sqlite3_bind_int64(st, 1, *id);
	if ((found = sqlite3_step(st) == SQLITE_ROW)) {
		*manager = sqlite3_column_int64(st, 0);
		*cl = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	return found ? CRM_OK : bad(im, c, "no such deal");
}

/* ---- documents ------------------------------------------------------- */

static int
doc_fields(struct imp *im, struct crm_doc *d)
{
	static const int	 dates[] = { O_DATE, O_DUE, O_PAID };
	size_t			 i;
	int			 rc;

	if (strcmp(d->kind, "contract") != 0 &&
	    strcmp(d->kind, "invoice") != 0)
		return bad(im, O_KIND, "invalid kind (contract or invoice)");
	if ((rc = text(im, O_NUMBER, CRMI_NUMBER_MAX, 0)) != CRM_OK ||
	    (rc = money(im, O_AMOUNT, 1, &d->amount)) != CRM_OK)
		return rc;
	for (i = 0; i < 3; i++)
		if (crmi_check_date(im->crm, im->k->cols[dates[i]],
		    val(im, dates[i]), 0) != CRM_OK)
			return fail(im, dates[i], CRM_EINVAL);
	if (d->kind[0] == 'c' && d->due_date != NULL)
		return bad(im, O_DUE, "a contract has no due date, not");
	if (d->kind[0] == 'c' && d->paid_date != NULL)
		return bad(im, O_PAID, "a contract has no paid date, not");
	if (d->due_date != NULL && strcmp(d->due_date, d->doc_date) < 0)
		return bad(im, O_DUE, "due before the document's date:");
	if (d->paid_date != NULL && strcmp(d->paid_date, d->doc_date) < 0)
		return bad(im, O_PAID, "paid before the document's date:");
	return CRM_OK;
}

static int
imp_doc(struct imp *im)
{
	struct crm_doc	 d;
	char		 at[20];
	int64_t		 want, manager, cl, id;
	int		 rc;

	memset(&d, 0, sizeof(d));
	d.kind = val(im, O_KIND);
	d.number = val(im, O_NUMBER);
	d.doc_date = val(im, O_DATE);
	d.due_date = val(im, O_DUE);
	d.paid_date = val(im, O_PAID);
	d.created_at = at;
	if ((rc = want_id(im, O_ID, "SELECT 1 FROM doc WHERE id = ?1",
	    &want)) != CRM_OK ||
	    (rc = deal(im, O_DEAL, &d.deal_id, &manager, &cl)) != CRM_OK ||
	    (rc = may(im, O_DEAL, manager)) != CRM_OK ||
	    (rc = doc_fields(im, &d)) != CRM_OK ||
	    (rc = stamp(im, O_CREATED, at)) != CRM_OK)
		return rc;
	if ((rc = crmi_doc_insert(im->crm, &d, want, &id)) != CRM_OK)
		return rc == CRM_EINVAL ? fail(im, O_NUMBER, rc) : rc;
	return audit(im, "doc", id, manager);
}

/* ---- tasks ----------------------------------------------------------- */

static int
task_kind(struct imp *im)
{
	sqlite3_stmt	*st;
	int		 found;

	st = crmi_stmt(im->crm, "SELECT 1 FROM task_kind WHERE name = ?1");
	if (st == NULL)
		return CRM_EDB;
	sqlite3_bind_text(st, 1, val(im, T_KIND), -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return found ? CRM_OK : bad(im, T_KIND, "no such task kind");
}

/* The state of a task and when it was closed. */
static int
task_state(struct imp *im, const char *created, char closed[20])
{
	const char	*s = val(im, T_STATE);
	int		 rc, open;

	closed[0] = '\0';
	if (s != NULL && strcmp(s, "open") != 0 && strcmp(s, "done") != 0 &&
	    strcmp(s, "cancelled") != 0)
		return bad(im, T_STATE, "invalid state (open, done or "
		    "cancelled)");
	open = s == NULL || strcmp(s, "open") == 0;
	if (val(im, T_CLOSED) == NULL)
		return open ? CRM_OK : bad(im, T_CLOSED, "a closed task needs "
		    "its closing time, not");
	if (open)
		return bad(im, T_CLOSED, "an open task has no closing time, "
		    "not");
	if ((rc = stamp(im, T_CLOSED, closed)) != CRM_OK)
		return rc;
	return strcmp(closed, created) < 0 ? bad(im, T_CLOSED, "closed "
	    "before it was created:") : CRM_OK;
}

static int
task_fields(struct imp *im, char created[20], char closed[20])
{
	static const int	 dates[] = { T_DUE, T_FIRST };
	size_t			 i;
	int			 rc, m;

	if ((rc = task_kind(im)) != CRM_OK ||
	    (rc = text(im, T_TITLE, CRMI_NAME_MAX, 0)) != CRM_OK ||
	    (rc = text(im, T_NOTE, CRMI_NOTE_MAX, 1)) != CRM_OK ||
	    (rc = text(im, T_RESULT, CRMI_NOTE_MAX, 1)) != CRM_OK ||
	    (rc = text(im, T_CANCEL, CRMI_NOTE_MAX, 1)) != CRM_OK)
		return rc;
	for (i = 0; i < 2; i++)
		if (crmi_check_date(im->crm, im->k->cols[dates[i]],
		    val(im, dates[i]), 0) != CRM_OK)
			return fail(im, dates[i], CRM_EINVAL);
	if (val(im, T_TIME) != NULL &&
	    crm_time_parse(val(im, T_TIME), &m) != CRM_OK)
		return bad(im, T_TIME, "invalid due time");
	if ((rc = stamp(im, T_CREATED, created)) != CRM_OK)
		return rc;
	return task_state(im, created, closed);
}

/* The client and deal of a task; a deal brings its client. */
static int
task_links(struct imp *im, int64_t *cl, int64_t *dl)
{
	int64_t	 manager, dcl;
	int	 rc;

	*cl = *dl = 0;
	if (val(im, T_CLIENT) != NULL &&
	    (rc = client(im, T_CLIENT, cl)) != CRM_OK)
		return rc;
	if (val(im, T_DEAL) == NULL)
		return CRM_OK;
	if ((rc = deal(im, T_DEAL, dl, &manager, &dcl)) != CRM_OK)
		return rc;
	if (*cl != 0 && *cl != dcl)
		return bad(im, T_DEAL, "the deal is not with the task's "
		    "client:");
	*cl = dcl;
	return CRM_OK;
}

static const char SQL_TASK[] =
    "INSERT INTO task (id, assignee_id, author_id, kind, title, note,"
    " client_id, deal_id, due_date, due_time, first_due, state, created_at,"
    " closed_at, closed_by, recorded_at, result, cancel_reason, imported)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,"
    " ?14, ?15, ?14, ?16, ?17, 1)";

static int
imp_task(struct imp *im)
{
	sqlite3_stmt	*st;
	const char	*first;
	char		 created[20], closed[20];
	int64_t		 want, who, author, cl, dl;
	int		 rc;

	if ((rc = want_id(im, T_ID, "SELECT 1 FROM task WHERE id = ?1",
	    &want)) != CRM_OK ||
	    (rc = person(im, T_LOGIN, &who)) != CRM_OK ||
	    (rc = may(im, T_LOGIN, who)) != CRM_OK ||
	    (rc = task_fields(im, created, closed)) != CRM_OK ||
	    (rc = task_links(im, &cl, &dl)) != CRM_OK)
		return rc;
	author = im->crm->actor.id;
	if (val(im, T_AUTHOR) != NULL &&
	    (rc = person(im, T_AUTHOR, &author)) != CRM_OK)
		return rc;
	first = val(im, T_FIRST) != NULL ? val(im, T_FIRST) : val(im, T_DUE);
	if ((st = crmi_stmt(im->crm, SQL_TASK)) == NULL)
		return CRM_EDB;
	if (want != 0)
		sqlite3_bind_int64(st, 1, want);
	sqlite3_bind_int64(st, 2, who);
	sqlite3_bind_int64(st, 3, author);
	sqlite3_bind_text(st, 4, val(im, T_KIND), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, val(im, T_TITLE), -1, SQLITE_STATIC);
	crmi_bind_text(st, 6, val(im, T_NOTE));
	if (cl != 0)
		sqlite3_bind_int64(st, 7, cl);
	if (dl != 0)
		sqlite3_bind_int64(st, 8, dl);
	sqlite3_bind_text(st, 9, val(im, T_DUE), -1, SQLITE_STATIC);
	crmi_bind_text(st, 10, val(im, T_TIME));
	sqlite3_bind_text(st, 11, first, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, val(im, T_STATE) != NULL ?
	    val(im, T_STATE) : "open", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, created, -1, SQLITE_STATIC);
	crmi_bind_text(st, 14, closed);
	if (closed[0] != '\0')
		sqlite3_bind_int64(st, 15, who);
	crmi_bind_text(st, 16, val(im, T_RESULT));
	crmi_bind_text(st, 17, val(im, T_CANCEL));
	if ((rc = crmi_step_done(im->crm, st)) != CRM_OK)
		return rc;
	return audit(im, "task", sqlite3_last_insert_rowid(im->crm->db), who);
}

/* ---- the file -------------------------------------------------------- */

static const struct kind kinds[] = {
	{ "people", crmi_cols_people, 1u << P_LOGIN | 1u << P_NAME |
	    1u << P_ROLE, imp_person },
	{ "clients", crmi_cols_clients, 1u << C_NAME | 1u << C_MANAGER,
	    imp_client },
	{ "deals", crmi_cols_deals, 1u << D_CLIENT | 1u << D_TITLE,
	    imp_deal },
	{ "docs", crmi_cols_docs, 1u << O_DEAL | 1u << O_KIND |
	    1u << O_NUMBER | 1u << O_DATE | 1u << O_AMOUNT, imp_doc },
	{ "tasks", crmi_cols_tasks, 1u << T_LOGIN | 1u << T_KIND |
	    1u << T_TITLE | 1u << T_DUE, imp_task },
};

const char *const *
crmi_kind_cols(const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].name) == 0)
			return kinds[i].cols;
	return NULL;
}

/* Map the header's names to the kind's columns. */
static int
header(struct imp *im)
{
	size_t	 i;
	int	 c;

	for (c = 0; c < NCOLS; c++)
		im->pos[c] = -1;
	for (i = 0; i < im->nf; i++) {
		for (c = 0; im->k->cols[c] != NULL; c++)
			if (strcmp(im->f[i], im->k->cols[c]) == 0)
				break;
		if (im->k->cols[c] == NULL)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "unknown column '%s' for %s (see crm-import(1))",
			    im->line, im->f[i], im->k->name);
		if (im->pos[c] != -1)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "column '%s' twice", im->line, im->f[i]);
		im->pos[c] = (int)i;
	}
	for (c = 0; im->k->cols[c] != NULL; c++)
		if ((im->k->req & 1u << c) && im->pos[c] == -1)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "missing column '%s' for %s", im->line,
			    im->k->cols[c], im->k->name);
	return CRM_OK;
}

/* A line break inside a quoted field is kept as one newline. */
static void
crlf(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++)
		if (s[0] != '\r' || s[1] != '\n')
			*o++ = *s;
	*o = '\0';
}

/* One record: the right number of fields, the required ones set. */
static int
record(struct imp *im, size_t width)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < im->nf; i++)
		if (strchr(im->f[i], '\r') != NULL)
			crlf(im->f[i]);

	if (im->nf != width)
		return crmi_err(im->crm, CRM_EINVAL, "line %ld: %zu fields, "
		    "the header has %zu", im->line, im->nf, width);
	for (c = 0; im->k->cols[c] != NULL; c++)
		if ((im->k->req & 1u << c) && val(im, c) == NULL)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: column "
			    "'%s': missing value", im->line, im->k->cols[c]);
	return im->k->row(im);
}

static int
read_all(struct imp *im, struct crm_csv *csv, int64_t *count)
{
	size_t	 width = 0;
	int	 rc;

	for (;;) {
		if ((rc = crm_csv_next(csv, &im->f, &im->nf)) != CRM_OK)
			return crmi_err(im->crm, rc, "line %ld: %s",
			    crm_csv_line(csv), crm_csv_error(csv));
		if (im->f == NULL)
			break;
		im->line = crm_csv_line(csv);
		if (width == 0) {
			width = im->nf;
			if ((rc = header(im)) != CRM_OK)
				return rc;
			continue;
		}
		if ((rc = record(im, width)) != CRM_OK)
			return rc;
		(*count)++;
	}
	if (width == 0)
		return crmi_err(im->crm, CRM_EINVAL, "no header line");
	return CRM_OK;
}

int
crm_import(struct crm *crm, const char *kind, FILE *fp, int64_t *count)
{
	struct imp	 im;
	struct crm_csv	*csv;
	size_t		 i;
	int64_t		 n = 0;
	int		 rc;

	memset(&im, 0, sizeof(im));
	im.crm = crm;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].name) == 0)
			im.k = &kinds[i];
	if (im.k == NULL)
		return crmi_err(crm, CRM_EINVAL, "unknown kind '%s': people, "
		    "clients, deals, docs or tasks", kind ? kind : "");
	if (crm->actor.role != CRM_ROLE_ADMIN &&
	    crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EPERM, "only an admin or a head "
		    "imports");
	if ((csv = crm_csv_open(fp)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	if ((rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, read_all(&im, csv, &n));
	crm_csv_close(csv);
	map_free(&im.people);
	map_free(&im.clients);
	if (rc == CRM_OK && count != NULL)
		*count = n;
	return rc;
}

/*
 * audit.c: the append-only log of every change.  "What is not recorded
 * was not done": the log is what makes that fair, so the schema itself
 * refuses to update or delete it (see schema.c), and each entry is a link
 * of a hash chain, as git's commits are, so that a change made behind
 * the tools' back shows.
 *
 * An entry's hash is SHA-256 over the previous entry's hash (hex; "" for
 * the first), the hash of its detail (hex), and then each column of
 * CHAINED in order, each as "index:type:length:" and its text; a NULL
 * column adds nothing, so that a column added later (NULL in the old
 * entries) leaves the old links as they were.  The detail enters through
 * its own hash only, so that an admin can erase it (152-FZ) and the
 * chain still verifies.
 */
#include <sha2.h>
#include <stdio.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

/*
 * The columns an entry's hash covers, after the two hashes, and their
 * parameters in the insert: adding a column to the chain is one name
 * and one parameter here, and its value in crmi_audit().
 */
#define CHAINED		"id, at, actor, entity, entity_id, owner_id, action, cmd"
#define CHAINED_ARGS	"?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11"
#define NCHAINED	8

/* The entries after ?1, up to ?2 (0: all): three columns, then CHAINED. */
static const char SQL_LINKS[] =
    "SELECT detail, detail_hash, hash, " CHAINED " FROM audit"
    " WHERE id > ?1 AND (CAST(?2 AS BIGINT) = 0 OR id <= ?2) ORDER BY id";
#define LINK_FIRST	3	/* the first column of CHAINED */

/* One value of CHAINED as hashed: its type (store.h) and its text. */
struct lval {
	int		 type;		/* CRMI_NULL: adds nothing */
	const char	*s;
	int		 len;
	int64_t		 i;		/* the value of an integer */
};

/* Where a walk of the chain starts, how far it goes, what it found. */
struct walk {
	int64_t	 after;		/* start after this entry... */
	char	 prev[SHA256_DIGEST_STRING_LENGTH]; /* ...which has this hash */
	int64_t	 last;		/* 0: to the end */
	int	 fill;		/* fill in missing hashes (else report) */
	int64_t	 bad;		/* the first entry that does not match */
};

/* n in decimal at o, no NUL; its length.  (snprintf costs a batch.) */
static int
dec(char *o, int64_t n)
{
	char		 t[24];
	uint64_t	 u = n < 0 ? -(uint64_t)n : (uint64_t)n;
	int		 i = 0, len = 0;

	do
		t[i++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		o[len++] = '-';
	while (i > 0)
		o[len++] = t[--i];
	return len;
}

static void
entry_hash(const char *prev, const char *dh, const struct lval *v,
    char out[SHA256_DIGEST_STRING_LENGTH])
{
	struct crmi_sha256	 ctx;
	char			 tag[64];
	int			 i, n;

	crmi_sha256_init(&ctx);
	crmi_sha256_update(&ctx, prev, strlen(prev));
	crmi_sha256_update(&ctx, dh, strlen(dh));
	for (i = 0; i < NCHAINED; i++) {
		if (v[i].type == CRMI_NULL)
			continue;
		/* "index:type:length:" */
		n = dec(tag, i);
		tag[n++] = ':';
		n += dec(tag + n, v[i].type);
		tag[n++] = ':';
		n += dec(tag + n, v[i].len);
		tag[n++] = ':';
		crmi_sha256_update(&ctx, tag, n);
		crmi_sha256_update(&ctx, v[i].s, v[i].len);
	}
	crmi_sha256_end(&ctx, out);
}

/* The values of CHAINED in the current row of st. */
static void
row_values(struct crmi_stmt *st, struct lval *v)
{
	int	 i;

	for (i = 0; i < NCHAINED; i++) {
		v[i].type = crmi_col_type(st, LINK_FIRST + i);
		v[i].s = crmi_col_text(st, LINK_FIRST + i);
		v[i].len = crmi_col_bytes(st, LINK_FIRST + i);
		if (v[i].s == NULL)
			v[i].type = CRMI_NULL;
	}
}

static int
set_hashes(struct crm *crm, int64_t id, const char *dh, const char *h)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, "UPDATE audit SET detail_hash = ?2,"
	    " hash = ?3 WHERE id = ?1")) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, dh);
	crmi_bind_str(st, 3, h);
	return crmi_step_done(crm, st);
}

/* An erased detail is one an erase entry later in the log names. */
static int
erased(struct crm *crm, int64_t id)
{
	return crmi_exists_id(crm, "SELECT 1 FROM audit WHERE"
	    " entity = 'audit' AND entity_id = ?1 AND action = 'erase'"
	    " AND id > ?1", id);
}

/* The hash of the detail of the current row of st, as it is now. */
static void
row_detail_hash(struct crmi_stmt *st, char out[SHA256_DIGEST_STRING_LENGTH])
{
	const char	*d = crmi_col_text(st, 0);

	crmi_sha256(d != NULL ? d : "",
	    d != NULL ? (size_t)crmi_col_bytes(st, 0) : 0, out);
}

/*
 * Chain one entry, the current row of st, onto w->prev: fill in the
 * hashes it lacks (a log from before the chain); one it has is kept.
 */
static int
link_fill(struct crm *crm, struct crmi_stmt *st, int64_t id, struct walk *w)
{
	const char	*dh, *h;
	char		 mine[SHA256_DIGEST_STRING_LENGTH];
	char		 want[SHA256_DIGEST_STRING_LENGTH];
	struct lval	 v[NCHAINED];
	int		 rc;

	if ((dh = crmi_col_text(st, 1)) == NULL) {
		row_detail_hash(st, mine);
		dh = mine;
	}
	if ((h = crmi_col_text(st, 2)) == NULL) {
		row_values(st, v);
		entry_hash(w->prev, dh, v, want);
		if ((rc = set_hashes(crm, id, dh, want)) != CRM_OK)
			return rc;
		h = want;
	}
	strlcpy(w->prev, h, sizeof(w->prev));
	return CRM_OK;
}

/*
 * Check one entry, the current row of st, against w->prev; its hash goes
 * to w->prev.  CRM_OK with w->bad set and a message when it does not
 * match.
 */
static int
link_check(struct crm *crm, struct crmi_stmt *st, int64_t id, struct walk *w)
{
	const char	*d, *dh, *h;
	char		 mine[SHA256_DIGEST_STRING_LENGTH];
	char		 want[SHA256_DIGEST_STRING_LENGTH];
	struct lval	 v[NCHAINED];
	int		 rc;

	d = crmi_col_text(st, 0);
	dh = crmi_col_text(st, 1);
	h = crmi_col_text(st, 2);
	row_detail_hash(st, mine);
	if (dh == NULL || strcmp(dh, mine) != 0) {
		rc = d != NULL && dh != NULL && strcmp(d, CRMI_ERASED) == 0 ?
		    erased(crm, id) : 0;
		if (rc == -1)
			return CRM_EDB;
		if (rc == 0) {
			w->bad = id;
			return crmi_err(crm, CRM_OK, "entry %lld: its detail "
			    "does not match its hash", (long long)id);
		}
	}
	row_values(st, v);
	entry_hash(w->prev, dh, v, want);
	if (h == NULL || strcmp(h, want) != 0) {
		w->bad = id;
		return crmi_err(crm, CRM_OK, "entry %lld does not match its "
		    "hash", (long long)id);
	}
	strlcpy(w->prev, want, sizeof(w->prev));
	return CRM_OK;
}

/* Walk the chain as w says; stops at the first entry that is wrong. */
static int
walk(struct crm *crm, struct walk *w)
{
	struct crmi_stmt	*st;
	int64_t			 id, next = w->after + 1;
	int			 rc = CRM_OK, src;

	w->bad = 0;
	if ((st = crmi_stmt(crm, SQL_LINKS)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, w->after);
	crmi_bind_int(st, 2, w->last);
	while ((src = crmi_step(st)) == CRMI_ROW) {
		id = crmi_col_int(st, LINK_FIRST);
		if (w->fill) {
			if ((rc = link_fill(crm, st, id, w)) != CRM_OK)
				break;
			continue;
		}
		if (id != next) {
			w->bad = next;
			crmi_err(crm, CRM_OK, "entry %lld is missing",
			    (long long)next);
			break;
		}
		if ((rc = link_check(crm, st, id, w)) != CRM_OK ||
		    w->bad != 0)
			break;
		next++;
	}
	if (rc == CRM_OK && src != CRMI_ROW && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	return rc;
}

/* The last entry's id and hash ("" before it is chained); 0: none. */
static int
last_link(struct crm *crm, int64_t *id, char hash[SHA256_DIGEST_STRING_LENGTH])
{
	struct crmi_stmt	*st;
	const char		*h;
	int			 rc;

	*id = 0;
	hash[0] = '\0';
	if ((st = crmi_stmt(crm, "SELECT id, hash FROM audit"
	    " ORDER BY id DESC LIMIT 1")) == NULL)
		return CRM_EDB;
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*id = crmi_col_int(st, 0);
		if ((h = crmi_col_text(st, 1)) != NULL)
			strlcpy(hash, h, SHA256_DIGEST_STRING_LENGTH);
	} else if (rc != CRMI_DONE) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	crmi_reset(st);
	return CRM_OK;
}

int
crmi_audit_head(struct crm *crm, int64_t *id, char hash[65])
{
	return last_link(crm, id, hash);
}

int
crmi_audit_chain(struct crm *crm)
{
	struct crmi_stmt	*st;
	struct walk		 w;
	const char		*h;
	int			 rc;

	memset(&w, 0, sizeof(w));
	w.fill = 1;
	/* From the last entry that has its hash, before the first without. */
	if ((st = crmi_stmt(crm, "SELECT m.f, coalesce(p.id, 0), p.hash"
	    " FROM (SELECT min(id) AS f FROM audit WHERE hash IS NULL) m"
	    " LEFT JOIN audit p ON p.id ="
	    " (SELECT max(id) FROM audit WHERE id < m.f)")) == NULL)
		return CRM_EDB;
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	if (crmi_col_null(st, 0)) {
		crmi_reset(st);
		return CRM_OK;		/* every entry has its hash */
	}
	w.after = crmi_col_int(st, 1);
	if ((h = crmi_col_text(st, 2)) != NULL)
		strlcpy(w.prev, h, sizeof(w.prev));
	crmi_reset(st);
	return walk(crm, &w);
}

int
crmi_audit_check(struct crm *crm, int64_t *bad)
{
	struct walk	 w;
	int		 rc;

	memset(&w, 0, sizeof(w));
	rc = walk(crm, &w);
	*bad = w.bad;
	return rc;
}

/* A value for CHAINED: text, an integer in buf, or NULL. */
static void
lval_text(struct lval *v, const char *s)
{
	v->type = s != NULL ? CRMI_TEXT : CRMI_NULL;
	v->s = s;
	v->len = s != NULL ? (int)strlen(s) : 0;
}

static void
lval_int(struct lval *v, int64_t i, char buf[24], int null_if_0)
{
	buf[dec(buf, i)] = '\0';
	lval_text(v, null_if_0 && i == 0 ? NULL : buf);
	if (v->s != NULL)
		v->type = CRMI_INT;
	v->i = i;
}

/* The next entry, made as crmi_audit() makes it (entry_make()). */
struct entry {
	struct lval	 v[NCHAINED];
	char		 dh[SHA256_DIGEST_STRING_LENGTH];
	char		 h[SHA256_DIGEST_STRING_LENGTH];
	char		 n0[24], n4[24], n5[24], n7[24];
	const char	*detail;
	int64_t		 last;
};

/*
 * The next entry, linked to the last one: its hashes are computed here
 * from the values it is given, the same way a walk computes them from
 * the row, so that it is written whole.
 */
static int
entry_make(struct crm *crm, struct entry *e, const char *entity, int64_t id,
    int64_t owner, const char *action, const char *detail)
{
	char	 prev[SHA256_DIGEST_STRING_LENGTH];
	int	 rc;

	/*
	 * Inside a write transaction nobody else appends: the last entry
	 * is the one this handle wrote, and a batch need not ask for it.
	 */
	if (crm->intx && crm->audit_last != 0) {
		e->last = crm->audit_last;
		memcpy(prev, crm->audit_hash, sizeof(prev));
	} else if ((rc = last_link(crm, &e->last, prev)) != CRM_OK)
		return rc;
	/* One command, one transaction: its entries share the first's id. */
	if (!crm->intx || crm->cmd == 0)
		crm->cmd = e->last + 1;
	e->detail = detail != NULL ? detail : "{}";
	lval_int(&e->v[0], e->last + 1, e->n0, 0);
	lval_text(&e->v[1], crm->now);
	lval_text(&e->v[2], crm->login);
	lval_text(&e->v[3], entity);
	lval_int(&e->v[4], id, e->n4, 0);
	lval_int(&e->v[5], owner, e->n5, 1);
	lval_text(&e->v[6], action);
	lval_int(&e->v[7], crm->cmd, e->n7, 1);
	crmi_sha256(e->detail, strlen(e->detail), e->dh);
	entry_hash(prev, e->dh, e->v, e->h);
	return CRM_OK;
}

/* The entry is in: the next one links to it. */
static void
entry_took(struct crm *crm, const struct entry *e)
{
	if (!crm->intx)
		return;
	crm->audit_last = e->last + 1;
	memcpy(crm->audit_hash, e->h, sizeof(crm->audit_hash));
}

/* Append an entry, linked to the last one (entry_make()). */
int
crmi_audit(struct crm *crm, const char *entity, int64_t id, int64_t owner,
    const char *action, const char *detail)
{
	struct crmi_stmt	*st;
	struct entry		 e;
	int			 i, rc;

	if ((rc = entry_make(crm, &e, entity, id, owner, action, detail)) !=
	    CRM_OK)
		return rc;
	st = crmi_stmt(crm, "INSERT INTO audit (detail, detail_hash, hash, "
	    CHAINED ") VALUES (?1, ?2, ?3, " CHAINED_ARGS ")");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, e.detail);
	crmi_bind_str(st, 2, e.dh);
	crmi_bind_str(st, 3, e.h);
	for (i = 0; i < NCHAINED; i++)
		if (e.v[i].type == CRMI_INT)
			crmi_bind_int(st, 4 + i, e.v[i].i);
		else if (e.v[i].type == CRMI_TEXT)
			crmi_bind_strn(st, 4 + i, e.v[i].s, e.v[i].len);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK)
		entry_took(crm, &e);
	return rc;
}

int
crmi_audit_row(struct crm *crm, const char *entity, int64_t id,
    int64_t owner, const char *action, const char *detail,
    int (*put)(void *, char *const *f), void *arg)
{
	struct entry	 e;
	char		*f[CRMI_AUDIT_NCOLS];
	int		 i, rc;

	if ((rc = entry_make(crm, &e, entity, id, owner, action, detail)) !=
	    CRM_OK)
		return rc;
	/* CRMI_AUDIT_COLS: CHAINED but the command, then the hashed */
	for (i = 0; i < 7; i++)
		f[i] = (char *)e.v[i].s;
	f[7] = (char *)e.detail;
	f[8] = e.dh;
	f[9] = e.h;
	f[10] = (char *)e.v[7].s;
	if ((rc = put(arg, f)) == CRM_OK)
		entry_took(crm, &e);
	return rc;
}

int
crm_audit_last(struct crm *crm, int64_t *id, char *hash)
{
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	return last_link(crm, id, hash);
}

/* The whole walk reads every entry: for those who may read them all. */
static int
sees_all(const struct crm *crm)
{
	return crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
}

int
crm_audit_verify(struct crm *crm, int64_t last, const char *hash,
    int64_t *bad)
{
	struct walk	 w;
	int64_t		 top;
	char		 h[SHA256_DIGEST_STRING_LENGTH];
	int		 rc;

	*bad = 0;
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if (!sees_all(crm) && (last == 0 || hash == NULL))
		return crmi_err(crm, CRM_EPERM, "only a director or an admin "
		    "may check the whole audit log; give an entry and its "
		    "hash");
	if (crm->behind != 0) {
		*bad = crm->behind;
		return crmi_err(crm, CRM_OK, "entry %lld is missing or differs "
		    "from the anchor kept beside the database: committed "
		    "work was lost or rolled back", (long long)crm->behind);
	}
	memset(&w, 0, sizeof(w));
	w.last = last;
	/* One read transaction: the walk sees one state of the log. */
	if ((rc = crmi_exec(crm, "BEGIN")) != CRM_OK)
		return rc;
	if ((rc = last_link(crm, &top, h)) == CRM_OK && last > top) {
		*bad = last;
		crmi_err(crm, CRM_OK, "entry %lld is missing",
		    (long long)last);
	} else if (rc == CRM_OK && (rc = walk(crm, &w)) == CRM_OK &&
	    (*bad = w.bad) == 0 && hash != NULL &&
	    strcmp(w.prev, hash) != 0) {
		*bad = last;
		/* Its hash is a clue to what the entry says: theirs only. */
		if (sees_all(crm))
			crmi_err(crm, CRM_OK, "entry %lld has hash %s, not %s",
			    (long long)last, w.prev, hash);
		else
			crmi_err(crm, CRM_OK, "entry %lld does not match the "
			    "hash given", (long long)last);
	}
	crmi_exec_quiet(crm, "COMMIT");
	return rc;
}

int
crm_audit_erase(struct crm *crm, int64_t id)
{
	struct crmi_stmt	*st;
	int			 rc;

	if (crm->actor.role != CRM_ROLE_ADMIN)
		return crmi_err(crm, CRM_EPERM, "only an admin may erase a "
		    "detail of the audit log");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_exists_id(crm, "SELECT 1 FROM audit WHERE id = ?1"
	    " AND entity <> 'audit'", id)) != 1) {
		rc = rc == 0 ? crmi_err(crm, CRM_ENOENT, "no such entry "
		    "'%lld'", (long long)id) : CRM_EDB;
		return crmi_end(crm, rc);
	}
	if ((rc = crmi_exists_id(crm, "SELECT 1 FROM audit WHERE id = ?1"
	    " AND detail = '" CRMI_ERASED "'", id)) != 0)
		return crmi_end(crm, rc == 1 ? crmi_already(crm, CRM_ESTATE,
		    "entry %lld is already erased", (long long)id) : CRM_EDB);
	if ((st = crmi_stmt(crm, "UPDATE audit SET detail = '"
	    CRMI_ERASED "' WHERE id = ?1")) == NULL)
		return crmi_end(crm, CRM_EDB);
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK)
		rc = crmi_audit(crm, "audit", id, 0, "erase", NULL);
	return crmi_end(crm, rc);
}

/*
 * What the actor may see: everything for a director or an admin; for a
 * head, their own entries and their team's; for a manager, the entries
 * they made and those about their own work.
 */
static const char SQL_EACH[] =
    "SELECT a.id, a.at, a.actor, a.entity, a.entity_id, a.action,"
    " a.detail FROM audit a"
    " LEFT JOIN person o ON o.id = a.owner_id"
    " WHERE (CAST(?1 AS TEXT) IS NULL OR a.entity = ?1)"
    " AND (CAST(?2 AS BIGINT) = 0 OR a.entity_id = ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR a.actor = ?3)"
    " AND (?4 = 1 OR a.actor = ?5 OR a.owner_id = ?6"
    "  OR o.head_id = ?7"
    "  OR a.actor IN (SELECT login FROM person WHERE head_id = ?7))"
    " ORDER BY a.id";

/* The kinds of record the tools log; others only when the log has them. */
static const char *const entities[] = {
	"audit", "calendar", "client", "control", "deal", "doc", "person",
	"rule",
	"stage", "task", "task_kind", "task_series"
};

/*
 * A misspelt entity or login would show an empty log, which reads as
 * "nothing happened": refuse what is neither known nor in the log.
 */
static int
each_check(struct crm *crm, const char *entity, const char *actor)
{
	struct crmi_stmt	*st;
	size_t			 i;
	int			 rc;

	for (i = 0; entity != NULL && i < sizeof(entities) /
	    sizeof(entities[0]); i++)
		if (strcmp(entity, entities[i]) == 0)
			entity = NULL;
	if ((st = crmi_stmt(crm, "SELECT (CAST(?1 AS TEXT) IS NULL"
	    " OR EXISTS (SELECT 1 FROM audit WHERE entity = ?1)),"
	    " (CAST(?2 AS TEXT) IS NULL OR EXISTS (SELECT 1"
	    " FROM person WHERE login = ?2) OR EXISTS (SELECT 1 FROM audit"
	    " WHERE actor = ?2))")) == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, entity);
	crmi_bind_text(st, 2, actor);
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	rc = CRM_OK;
	if (crmi_col_int(st, 0) == 0)
		rc = crmi_err(crm, CRM_EINVAL, "unknown entity '%s': audit, calendar, "
		    "client, control, deal, doc, person, rule, stage, task, "
		    "task_kind, task_series", entity);
	else if (crmi_col_int(st, 1) == 0)
		rc = crmi_err(crm, CRM_ENOENT, "no such person '%s'", actor);
	crmi_reset(st);
	return rc;
}

int
crm_audit_each(struct crm *crm, const char *entity, int64_t entity_id,
    const char *actor, int (*fn)(const struct crm_audit *, void *),
    void *arg)
{
	struct crmi_stmt	*st;
	struct crm_audit	 a;
	int			 rc, all, frc = 0;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = each_check(crm, entity, actor)) != CRM_OK)
		return rc;
	all = crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, entity);
	crmi_bind_int(st, 2, entity_id);
	crmi_bind_text(st, 3, actor);
	crmi_bind_int(st, 4, all);
	crmi_bind_str(st, 5, crm->login);
	crmi_bind_int(st, 6, crm->actor.id);
	crmi_bind_int(st, 7, crmi_team(crm));
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		a.id = crmi_col_int(st, 0);
		a.at = crmi_col_text(st, 1);
		a.actor = crmi_col_text(st, 2);
		a.entity = crmi_col_text(st, 3);
		a.entity_id = crmi_col_int(st, 4);
		a.action = crmi_col_text(st, 5);
		a.detail = crmi_col_text(st, 6);
		if ((frc = fn(&a, arg)) != 0)
			break;
	}
	if (frc != 0)
		rc = frc;
	else if (rc == CRMI_DONE)
		rc = CRM_OK;
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

/*
 * store_pg.c: the PostgreSQL driver of the store (store.h), which with
 * store_pgconn.c (libpq's loading, the connection from a conninfo or a
 * postgresql:// URI) and store_pgcopy.c (COPY) is all of the library
 * that talks to libpq (store_pg.h): statements with SQLite's ?N
 * parameters turned into
 * PostgreSQL's $N and prepared once per statement, text parameters,
 * rows walked from the result, SQLSTATEs mapped onto the store's codes,
 * the schema's version in a table, and the write transaction.
 *
 * Decisions:
 * - Values travel as text both ways (PQexecParams, PQexecPrepared, text
 *   format): the library binds integers, text and NULL only, and reads
 *   integers and text; the column's type comes from its type's OID.
 * - Round trips are what a server costs (issue 28): a statement's first
 *   run is one (PQexecParams, unnamed); it is prepared, once, only when
 *   it runs again, as the library's loops run theirs.  The session's
 *   settings wait for the first statement and go with it in one text;
 *   a statement's DEALLOCATE waits for others and goes with them, or
 *   with the connection when it closes.
 * - The write transaction serializes writers as SQLite's BEGIN IMMEDIATE
 *   does: READ COMMITTED and one transaction-level advisory lock, waited
 *   for up to lock_timeout (the busy wait); readers are never blocked.
 *   Each statement after the lock sees every earlier writer's commit, so
 *   the library's read-then-write steps (the audit chain's last hash)
 *   stay correct without a retry loop the library does not have.
 * - The library reads a new row's id from INSERT ... RETURNING id (one
 *   text for both); ids given explicitly (imports that keep them) move
 *   the identity column's sequence on afterwards (ids_taken).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

#define N_(s)	(s)	/* a message, which the caller looks up */

/* The advisory lock that stands for the write lock. */
#define WRITE_LOCK	"SELECT pg_advisory_xact_lock(" CRMI_PG_WRITE_KEY ")"
#define MAXPARAM	CRMI_PG_MAXPARAM

/* The OIDs of the built-in types the columns are typed by (pg_type.h). */
#define OID_BOOL	16
#define OID_BYTEA	17
#define OID_INT8	20
#define OID_INT2	21
#define OID_INT4	23
#define OID_TEXT	25
#define OID_OID		26
#define OID_FLOAT4	700
#define OID_FLOAT8	701
#define OID_NUMERIC	1700


struct pg_stmt {
	struct crmi_stmt	 base;	/* first: what the library holds */
	struct crmi_store	*s;
	char			*sql;	/* with $N for ?N */
	char			 name[24];
	int			 nparam;
	Oid			 types[MAXPARAM];	/* 0: inferred */
	int			 prepared;
	int			 runs;	/* run before: prepare it */
	char			*val[MAXPARAM];	/* ours, NULL: SQL NULL */
	PGresult		*res;
	int			 row, nrow;
	char			 num[24];	/* a boolean as text */
};

static const struct crmi_driver pg_driver;

#define PG(st)	((struct pg_stmt *)(st))

/*
 * Keep libpq's message as one line: its lines (a failed connection
 * gives two, the second indented) joined by "; ", the last newline
 * dropped.
 */
void
crmi_pg_msg(struct crmi_store *s, const char *msg)
{
	size_t	 o = 0;

	for (msg = msg != NULL ? msg : ""; *msg != '\0' &&
	    o + 3 < sizeof(s->err); msg++) {
		if (*msg != '\n') {
			s->err[o++] = *msg == '\t' ? ' ' : *msg;
			continue;
		}
		msg += strspn(msg + 1, " \t\n");
		if (msg[1] != '\0') {
			s->err[o++] = ';';
			s->err[o++] = ' ';
		}
	}
	s->err[o] = '\0';
}

/*
 * The store's code for a failed result, from its SQLSTATE: busy for a
 * serialization failure, a deadlock or a lock not had in time (55P03,
 * and 57014, the cancel a statement timeout makes), an idle transaction
 * ended (25P03), too many sessions (53300), a server starting or
 * stopping (57P03), a lost connection (class 08, or none left); a
 * constraint for class 23; full for 53100.
 */
int
crmi_pg_code(struct crmi_store *s, const PGresult *res)
{
	const char	*state;

	/* The server's own sentence, without "ERROR:" and the context. */
	crmi_pg_msg(s, res != NULL ? pq.PQresultErrorField(res,
	    PG_DIAG_MESSAGE_PRIMARY) : NULL);
	if (s->err[0] == '\0')
		crmi_pg_msg(s, pq.PQerrorMessage(s->conn));
	/* the server went away (stopped, or ended an idle session) */
	if (pq.PQstatus(s->conn) != CONNECTION_OK)
		return CRMI_EBUSY;
	state = res != NULL ? pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) :
	    NULL;
	if (state == NULL)
		return CRMI_EOTHER;
	if (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0 ||
	    strcmp(state, "55P03") == 0 || strcmp(state, "57014") == 0 ||
	    strcmp(state, "25P03") == 0 || strncmp(state, "08", 2) == 0 ||
	    strcmp(state, "53300") == 0 || strcmp(state, "57P03") == 0)
		return CRMI_EBUSY;
	if (strncmp(state, "23", 2) == 0)
		return CRMI_ECONSTRAINT;
	if (strcmp(state, "53100") == 0)
		return CRMI_EFULL;
	if (strcmp(state, "53200") == 0)
		return CRMI_ENOMEM;
	if (strcmp(state, "25006") == 0 || strcmp(state, "42501") == 0)
		return CRMI_EREADONLY;
	return CRMI_EOTHER;
}


/*
 * PQexec(sql) with the settings not yet sent before it, in the same
 * text: one round trip.
 */
static PGresult *
exec_sets(struct crmi_store *s, const char *sql)
{
	PGresult	*res;
	char		*q;

	/* Not inside a transaction, which could take them back. */
	if (s->sets[0] == '\0' || strncmp(sql, "BEGIN", 5) == 0)
		return s->sets[0] == '\0' || crmi_pg_run(s, "") == CRMI_SOK ?
		    pq.PQexec(s->conn, sql) : NULL;
	if (asprintf(&q, "%s%s", s->sets, sql) == -1)
		return NULL;
	s->sets[0] = '\0';
	res = pq.PQexec(s->conn, q);
	free(q);
	return res;
}

/* Run sql, no rows wanted; its result's code. */
int
crmi_pg_run(struct crmi_store *s, const char *sql)
{
	PGresult	*res;
	int		 rc = CRMI_SOK;

	res = exec_sets(s, sql);
	switch (pq.PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		break;
	default:
		rc = crmi_pg_code(s, res);
		break;
	}
	pq.PQclear(res);
	return rc;
}

/* The settings not yet sent, sent alone: before a prepared statement. */
static int
flush_sets(struct crmi_store *s)
{
	return s->sets[0] == '\0' ? CRMI_SOK : crmi_pg_run(s, "");
}

/* SET sql, sent with the next statement (exec_sets). */
int
crmi_pg_set_later(struct crmi_store *s, const char *sql)
{
	size_t	 n = strlen(s->sets);
	int	 rc;

	if (n + strlen(sql) + 3 > sizeof(s->sets) &&
	    (rc = flush_sets(s)) != CRMI_SOK)
		return rc;
	n = strlen(s->sets);
	if (n + strlen(sql) + 3 > sizeof(s->sets))
		return crmi_pg_run(s, sql);
	snprintf(s->sets + n, sizeof(s->sets) - n, "%s; ", sql);
	return CRMI_SOK;
}

static int
pg_exec(struct crmi_store *s, const char *sql)
{
	return crmi_pg_run(s, sql);
}

/* PostgreSQL's read of one state needs asking for. */
static int
pg_snapshot(struct crmi_store *s)
{
	int	 rc;

	if ((rc = crmi_pg_run(s, "BEGIN")) != CRMI_SOK)
		return rc;
	return crmi_pg_run(s, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}

/* The busy wait is the wait for a lock; dates as ISO text. */
static int
pg_tune(struct crmi_store *s, int busy_ms)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SET lock_timeout = %d; "
	    "SET DateStyle = ISO; SET client_min_messages = warning",
	    busy_ms > 0 ? busy_ms : 1);
	return crmi_pg_set_later(s, q);
}

/*
 * A statement that runs away, or a transaction left open, would hold
 * the department up: the server ends them (57014, 25P03: busy).
 */
static int
pg_limits(struct crmi_store *s, int statement_ms, int idle_ms)
{
	char	 q[128];

	snprintf(q, sizeof(q), "SET statement_timeout = %d; "
	    "SET idle_in_transaction_session_timeout = %d", statement_ms,
	    idle_ms);
	return crmi_pg_set_later(s, q);
}

/* Readers never wait for writers on PostgreSQL: nothing to set. */
static int
pg_journal(struct crmi_store *s)
{
	return CRMI_SOK;
}

static int
pg_begin(struct crmi_store *s)
{
	int	 rc;

	/* One round trip: a lock not had leaves the block failed. */
	if ((rc = crmi_pg_run(s, "BEGIN ISOLATION LEVEL READ COMMITTED; "
	    WRITE_LOCK)) != CRMI_SOK) {
		pq.PQclear(pq.PQexec(s->conn, "ROLLBACK"));
		return rc;
	}
	return CRMI_SOK;
}

static int
pg_commit(struct crmi_store *s)
{
	s->inserted = 0;
	return crmi_pg_run(s, "COMMIT");
}

/*
 * Each identity column's sequence set to follow its table's highest id
 * (store.h), a refused import leaving no hole in the ids, on both
 * databases alike: by crm_ids_reset() (migration trust), or the same
 * block where an older schema has no such function yet.
 */
#define IDS_RESET \
	"DO $o$BEGIN IF to_regprocedure('crm_ids_reset()') IS NOT NULL THEN" \
	" PERFORM crm_ids_reset(); ELSE EXECUTE $r$DO $b$" \
	CRMI_PG_IDS_RESET "$b$ $r$; END IF; END$o$"

/*
 * Undone; when it had inserted, the sequences follow the tables again,
 * under the write lock so that no other writer holds ids meanwhile (a
 * failure there leaves a hole in the ids, nothing worse).
 */
static void
pg_rollback(struct crmi_store *s)
{
	pq.PQclear(pq.PQexec(s->conn, "ROLLBACK"));
	if (!s->inserted)
		return;
	s->inserted = 0;
	if (pg_begin(s) != CRMI_SOK)
		return;
	if (crmi_pg_run(s, IDS_RESET) != CRMI_SOK || crmi_pg_run(s, "COMMIT") != CRMI_SOK)
		pq.PQclear(pq.PQexec(s->conn, "ROLLBACK"));
}

/* PostgreSQL's own statement as it is; SQLite's rewritten, or skipped. */
static int
pg_migrate(struct crmi_store *s, const char *sql)
{
	char	*q;
	size_t	 sz = strlen(sql) * 3 + 64;
	int	 rc;

	if (strncmp(sql, CRMI_PG_ONLY, sizeof(CRMI_PG_ONLY) - 1) == 0)
		return crmi_pg_run(s, sql + sizeof(CRMI_PG_ONLY) - 1);
	if ((q = malloc(sz)) == NULL)
		return CRMI_ENOMEM;
	if ((rc = crmi_pg_schema(sql, q, sz)) == 0)
		rc = crmi_pg_run(s, q);
	else
		rc = rc == 1 ? CRMI_SOK : CRMI_ENOMEM;
	free(q);
	return rc;
}

static int
pg_prepare(struct crmi_store *s, const char *sql, int keep,
    struct crmi_stmt **stp)
{
	struct pg_stmt	*q;
	size_t		 sz = strlen(sql) * 2 + 16;
	char		 used[MAXPARAM];
	int		 i;

	*stp = NULL;
	if ((q = calloc(1, sizeof(*q))) == NULL ||
	    (q->sql = malloc(sz)) == NULL) {
		free(q);
		return CRMI_ENOMEM;
	}
	q->base.drv = &pg_driver;
	q->s = s;
	if (crmi_pg_params(sql, q->sql, sz, &q->nparam, used) == -1) {
		crmi_pg_msg(s, "a parameter out of range in a statement");
		free(q->sql);
		free(q);
		return CRMI_EOTHER;
	}
	/*
	 * A parameter the statement skips (?4 and ?2, not ?1 or ?3) has
	 * nothing to type it by, which PostgreSQL refuses: it is text.
	 */
	for (i = 1; i <= q->nparam; i++)
		q->types[i - 1] = used[i] ? 0 : OID_TEXT;
	snprintf(q->name, sizeof(q->name), "crm%u", ++s->seq);
	*stp = &q->base;
	return CRMI_SOK;
}

static void
clear_vals(struct pg_stmt *q)
{
	int	 i;

	for (i = 0; i < MAXPARAM; i++) {
		free(q->val[i]);
		q->val[i] = NULL;
	}
}

static void
pg_reset(struct crmi_stmt *st)
{
	struct pg_stmt	*q = PG(st);

	pq.PQclear(q->res);
	q->res = NULL;
	q->row = q->nrow = 0;
}

/*
 * DEALLOCATE sql, sent when there are enough to fill the buffer (a
 * statement finalized and made again in a loop must not pile up on the
 * server); those left go with the connection.  Kept while a failed
 * transaction refuses them.
 */
static void
dealloc_later(struct crmi_store *s, const char *sql)
{
	size_t	 n = strlen(s->dealloc);

	if (n + strlen(sql) + 1 > sizeof(s->dealloc) &&
	    pq.PQstatus(s->conn) == CONNECTION_OK &&
	    pq.PQtransactionStatus(s->conn) != PQTRANS_INERROR) {
		pq.PQclear(pq.PQexec(s->conn, s->dealloc));
		s->dealloc[0] = '\0';
		n = 0;
	}
	if (n + strlen(sql) + 1 <= sizeof(s->dealloc))
		strlcat(s->dealloc, sql, sizeof(s->dealloc));
}

static void
pg_finalize(struct crmi_stmt *st)
{
	struct pg_stmt	*q = PG(st);
	char		 sql[64];

	if (st == NULL)
		return;
	pg_reset(st);
	clear_vals(q);
	if (q->prepared) {
		snprintf(sql, sizeof(sql), "DEALLOCATE %s; ", q->name);
		dealloc_later(q->s, sql);
	}
	free(q->sql);
	free(q);
}

/* The first step runs the statement; each one after walks its rows. */
static int
pg_step(struct crmi_stmt *st)
{
	struct pg_stmt		*q = PG(st);
	struct crmi_store	*s = q->s;
	PGresult		*res;
	const char		*n;
	int			 rc;

	if (q->res == NULL) {
		if ((rc = flush_sets(s)) != CRMI_SOK)
			return rc;
		if (!q->prepared && q->runs > 0) {
			res = pq.PQprepare(s->conn, q->name, q->sql, q->nparam,
			    q->types);
			if (pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
				rc = crmi_pg_code(s, res);
				pq.PQclear(res);
				return rc;
			}
			pq.PQclear(res);
			q->prepared = 1;
		}
		/* a failed insert may have taken an id too */
		if (strncmp(q->sql, "INSERT", 6) == 0)
			s->inserted = 1;
		if (q->prepared)
			res = pq.PQexecPrepared(s->conn, q->name, q->nparam,
			    (const char *const *)q->val, NULL, NULL, 0);
		else
			res = pq.PQexecParams(s->conn, q->sql, q->nparam,
			    q->types, (const char *const *)q->val, NULL, NULL,
			    0);
		q->runs++;
		switch (pq.PQresultStatus(res)) {
		case PGRES_COMMAND_OK:
		case PGRES_TUPLES_OK:
			break;
		default:
			rc = crmi_pg_code(s, res);
			pq.PQclear(res);
			return rc;
		}
		n = pq.PQcmdTuples(res);
		if (*n != '\0')
			s->changes = strtonum(n, 0, INT64_MAX, NULL);
		q->res = res;
		q->nrow = pq.PQntuples(res);
		q->row = -1;
	}
	if (q->row < q->nrow)
		q->row++;
	return q->row < q->nrow ? CRMI_ROW : CRMI_DONE;
}

static void
pg_clear_bindings(struct crmi_stmt *st)
{
	clear_vals(PG(st));
}

/* Parameter i (from 1) set to v, ours; v NULL: SQL NULL. */
static void
set_val(struct crmi_stmt *st, int i, char *v)
{
	if (i < 1 || i >= MAXPARAM) {
		free(v);
		return;
	}
	free(PG(st)->val[i - 1]);
	PG(st)->val[i - 1] = v;
}

static void
pg_bind_int(struct crmi_stmt *st, int i, int64_t v)
{
	char	*t;

	if (asprintf(&t, "%lld", (long long)v) == -1)
		t = NULL;
	set_val(st, i, t);
}

/* The text is copied whatever copy says: libpq reads it at the step. */
static void
pg_bind_text(struct crmi_stmt *st, int i, const char *s, int len, int copy)
{
	set_val(st, i, s == NULL ? NULL : len < 0 ? strdup(s) :
	    strndup(s, len));
}

static void
pg_bind_null(struct crmi_stmt *st, int i)
{
	set_val(st, i, NULL);
}

static int
pg_col_type(struct crmi_stmt *st, int i)
{
	struct pg_stmt	*q = PG(st);

	if (q->res == NULL || q->row >= q->nrow || i >= pq.PQnfields(q->res) ||
	    pq.PQgetisnull(q->res, q->row, i))
		return CRMI_NULL;
	switch (pq.PQftype(q->res, i)) {
	case OID_BOOL:
	case OID_INT2:
	case OID_INT4:
	case OID_INT8:
	case OID_OID:
		return CRMI_INT;
	case OID_FLOAT4:
	case OID_FLOAT8:
	case OID_NUMERIC:
		return CRMI_FLOAT;
	case OID_BYTEA:
		return CRMI_BLOB;
	default:
		return CRMI_TEXT;
	}
}

/* A column's text as SQLite gives it: a boolean as 1 or 0. */
static const char *
pg_col_text(struct crmi_stmt *st, int i)
{
	struct pg_stmt	*q = PG(st);
	const char	*v;

	if (pg_col_type(st, i) == CRMI_NULL)
		return NULL;
	v = pq.PQgetvalue(q->res, q->row, i);
	if (pq.PQftype(q->res, i) == OID_BOOL) {
		strlcpy(q->num, *v == 't' ? "1" : "0", sizeof(q->num));
		return q->num;
	}
	return v;
}

/* As SQLite: NULL or text that is no number reads 0; a real, truncated. */
static int64_t
pg_col_int(struct crmi_stmt *st, int i)
{
	const char	*v, *e;
	int64_t		 n;

	if ((v = pg_col_text(st, i)) == NULL)
		return 0;
	n = strtonum(v, INT64_MIN, INT64_MAX, &e);
	if (e == NULL)
		return n;
	if (pg_col_type(st, i) == CRMI_FLOAT)
		return (int64_t)strtod(v, NULL);
	return 0;
}

static int
pg_col_bytes(struct crmi_stmt *st, int i)
{
	const char	*v = pg_col_text(st, i);

	return v != NULL ? (int)strlen(v) : 0;
}

/*
 * The identity column's sequence moved on to the table's highest id, so
 * that the next id it gives is free, as SQLite's max(id) + 1 is.
 */
static int
pg_ids_taken(struct crmi_store *s, const char *table)
{
	char	 q[256];

	if (snprintf(q, sizeof(q), "DO $$BEGIN IF to_regprocedure("
	    "'crm_ids_taken(text)') IS NOT NULL THEN PERFORM"
	    " crm_ids_taken('%s'); ELSE PERFORM setval(pg_get_serial_sequence("
	    "'%s', 'id'), max(id)) FROM %s; END IF; END$$", table, table,
	    table) >= (int)sizeof(q))
		return CRMI_EOTHER;
	return crmi_pg_run(s, q);
}

static int64_t
pg_changes(struct crmi_store *s)
{
	return s->changes;
}

static const char *
pg_errmsg(struct crmi_store *s)
{
	return s != NULL ? s->err : "out of memory";
}

static int
pg_sys_errno(struct crmi_store *s)
{
	return 0;
}

static int
pg_readonly(struct crmi_store *s)
{
	const char	*v;

	if (flush_sets(s) != CRMI_SOK)
		return 0;
	v = pq.PQparameterStatus(s->conn, "default_transaction_read_only");
	return v != NULL && strcmp(v, "on") == 0;
}

/* The version stamp: the one row of crm_schema, 0 while it is missing. */
static int
pg_version(struct crmi_store *s, int *v)
{
	PGresult	*res;
	const char	*e;
	int		 rc = CRMI_SOK;

	*v = 0;
	/* Asked first: a missing table would abort the transaction. */
	res = exec_sets(s, "SELECT to_regclass('crm_schema') IS NULL");
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK) {
		rc = crmi_pg_code(s, res);
		pq.PQclear(res);
		return rc;
	}
	if (strcmp(pq.PQgetvalue(res, 0, 0), "t") == 0) {
		pq.PQclear(res);
		return CRMI_SOK;	/* no table: a new database */
	}
	pq.PQclear(res);
	res = pq.PQexec(s->conn, "SELECT version FROM crm_schema");
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = crmi_pg_code(s, res);
	else if (pq.PQntuples(res) == 1) {
		*v = (int)strtonum(pq.PQgetvalue(res, 0, 0), 0, INT_MAX, &e);
		if (e != NULL)
			*v = 0;
	}
	pq.PQclear(res);
	return rc;
}

static int
pg_set_version(struct crmi_store *s, int v)
{
	char	 q[160];

	snprintf(q, sizeof(q), "CREATE TABLE IF NOT EXISTS crm_schema "
	    "(version integer NOT NULL); DELETE FROM crm_schema; "
	    "INSERT INTO crm_schema (version) VALUES (%d)", v);
	return crmi_pg_run(s, q);
}

static int
pg_backup(struct crmi_store *s, const char *path, char *err, size_t errsz)
{
	strlcpy(err, N_("a PostgreSQL database is copied with pg_dump, "
	    "not crm-backup"), errsz);
	return CRMI_EOTHER;
}

/*
 * One text from sql with the parameters p (n of them) into out (NULL:
 * no row wanted); CRMI_DONE when there is no row.
 */
static int
one(struct crmi_store *s, const char *sql, int n, const char *const *p,
    char *out, size_t sz)
{
	PGresult	*res;
	int		 rc = CRMI_SOK;

	if ((rc = flush_sets(s)) != CRMI_SOK)
		return rc;
	res = pq.PQexecParams(s->conn, sql, n, NULL, p, NULL, NULL, 0);
	if (pq.PQresultStatus(res) != PGRES_TUPLES_OK)
		rc = crmi_pg_code(s, res);
	else if (pq.PQntuples(res) == 0)
		rc = CRMI_DONE;
	else if (out != NULL)
		strlcpy(out, pq.PQgetvalue(res, 0, 0), sz);
	pq.PQclear(res);
	return rc;
}

/*
 * The server's clock (crm_now(), migration m_pgroles), which gives the
 * fixed time of crm.now, set by the library for root's CRM_NOW only.
 */
static int
pg_clock(struct crmi_store *s, const char *fixed, char now[20])
{
	char	 buf[64];
	int	 rc;

	if (fixed != NULL && (rc = one(s, "SELECT set_config('crm.now', $1,"
	    " false)", 1, &fixed, NULL, 0)) != CRMI_SOK)
		return rc;
	if ((rc = one(s, "SELECT crm_now()", 0, NULL, buf, sizeof(buf))) !=
	    CRMI_SOK)
		return rc == CRMI_DONE ? CRMI_EOTHER : rc;
	if (strlen(buf) != 19) {
		crmi_pg_msg(s, "the server's clock gave no time");
		return CRMI_EOTHER;
	}
	memcpy(now, buf, 20);
	return CRMI_SOK;
}


static const struct crmi_driver pg_driver = {
	.name = "postgresql",
	.caps = CRMI_STORE_SECRET | CRMI_STORE_COPY,
	.snapshot = pg_snapshot,
	.claims = crmi_pg_claims,
	.shown = crmi_pg_shown,
	.open = crmi_pg_open,
	.close = crmi_pg_close,
	.tune = pg_tune,
	.limits = pg_limits,
	.journal = pg_journal,
	.exec = pg_exec,
	.migrate = pg_migrate,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.prepare = pg_prepare,
	.finalize = pg_finalize,
	.step = pg_step,
	.reset = pg_reset,
	.clear_bindings = pg_clear_bindings,
	.bind_int = pg_bind_int,
	.bind_text = pg_bind_text,
	.bind_null = pg_bind_null,
	.col_type = pg_col_type,
	.col_int = pg_col_int,
	.col_text = pg_col_text,
	.col_bytes = pg_col_bytes,
	.ids_taken = pg_ids_taken,
	.changes = pg_changes,
	.errmsg = pg_errmsg,
	.sys_errno = pg_sys_errno,
	.readonly = pg_readonly,
	.version = pg_version,
	.set_version = pg_set_version,
	.backup = pg_backup,
	.clock = pg_clock,
	.copy_begin = crmi_pg_copy_begin,
	.copy_row = crmi_pg_copy_row,
	.copy_end = crmi_pg_copy_end,
};

const struct crmi_driver *const crmi_pg_driver = &pg_driver;

/*
 * store_pgcopy.c: rows streamed into a table with COPY, for a whole
 * department's import and a task import (the driver's copy_begin,
 * copy_row, copy_end; store.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

/*
 * The foreign keys of table, dropped for its COPY and kept in
 * s->copyfk to be added again at its end: the server then checks each
 * in one join over the table (ALTER TABLE ADD CONSTRAINT), where it
 * would check it a row at a time, a query and a row lock each (some
 * 70 us a row and key, most of a task's COPY).  Only the department's
 * import asks (CRMI_COPY_LATEKEYS), into a new database: the lock this
 * takes (nobody reads the table until the commit) costs nobody
 * anything.  Where the session may not (not the table's owner) the keys
 * stay, as they were.
 */
static void
fk_drop(struct crmi_store *s, const char *table)
{
	static const char	 sql[] =
	    "SELECT string_agg(format('DROP CONSTRAINT %I', conname), ', '),"
	    " string_agg(format('ADD CONSTRAINT %I %s', conname,"
	    " pg_get_constraintdef(oid)), ', ')"
	    " FROM pg_constraint WHERE conrelid = CAST($1 AS regclass)"
	    " AND contype = 'f'";
	PGresult	*res;
	const char	*v[1] = { table };
	char		*drop = NULL;

	res = pq.PQexecParams(s->conn, sql, 1, NULL, v, NULL, NULL, 0);
	if (pq.PQresultStatus(res) == PGRES_TUPLES_OK &&
	    pq.PQntuples(res) == 1 && !pq.PQgetisnull(res, 0, 0) &&
	    asprintf(&drop, "SAVEPOINT crm_fk; ALTER TABLE %s %s;"
	    " RELEASE SAVEPOINT crm_fk", table,
	    pq.PQgetvalue(res, 0, 0)) != -1 &&
	    asprintf(&s->copyfk, "ALTER TABLE %s %s", table,
	    pq.PQgetvalue(res, 0, 1)) == -1)
		s->copyfk = NULL;
	pq.PQclear(res);
	if (drop != NULL && s->copyfk != NULL && crmi_pg_run(s, drop) !=
	    CRMI_SOK) {
		free(s->copyfk);
		s->copyfk = NULL;
		(void)crmi_pg_run(s, "ROLLBACK TO SAVEPOINT crm_fk;"
		    " RELEASE SAVEPOINT crm_fk");
	}
	free(drop);
}

/*
 * COPY into table, its triggers off where the session owns it (the
 * PL/pgSQL of the KPI and the log's end, a call a row): ALTER TABLE
 * takes a lock that lets readers read, and is undone with the
 * transaction; where it is refused, the savepoint takes the refusal
 * back and the triggers fire.  Its foreign keys are checked at the end
 * (fk_drop()).
 */
int
crmi_pg_copy_begin(struct crmi_store *s, const char *table, const char *cols,
    int flags)
{
	PGresult	*res;
	char		*sql;
	int		 rc = CRMI_SOK;

	s->copytrig[0] = '\0';
	free(s->copyfk);
	s->copyfk = NULL;
	if (flags & CRMI_COPY_LATEKEYS)
		fk_drop(s, table);
	if (asprintf(&sql, "SAVEPOINT crm_copy; ALTER TABLE %s DISABLE"
	    " TRIGGER USER; RELEASE SAVEPOINT crm_copy", table) == -1)
		return CRMI_ENOMEM;
	if (crmi_pg_run(s, sql) == CRMI_SOK)
		snprintf(s->copytrig, sizeof(s->copytrig), "%s", table);
	else if (crmi_pg_run(s, "ROLLBACK TO SAVEPOINT crm_copy;"
	    " RELEASE SAVEPOINT crm_copy") != CRMI_SOK) {
		free(sql);
		return crmi_pg_code(s, NULL);
	}
	free(sql);
	if (asprintf(&sql, "COPY %s (%s) FROM STDIN", table, cols) == -1)
		return CRMI_ENOMEM;
	res = pq.PQexec(s->conn, sql);
	free(sql);
	if (pq.PQresultStatus(res) != PGRES_COPY_IN)
		rc = crmi_pg_code(s, res);
	pq.PQclear(res);
	/* the sequences follow the tables again if it is undone */
	if (rc == CRMI_SOK)
		s->inserted = 1;
	return rc;
}

/* Room for n more bytes of the row at o; 0: out of memory. */
static int
copy_room(struct crmi_store *s, size_t o, size_t n)
{
	char	*p;
	size_t	 m;

	if (o + n <= s->copysz)
		return 1;
	m = s->copysz > 0 ? s->copysz : 4096;
	while (m < o + n)
		m *= 2;
	if ((p = realloc(s->copy, m)) == NULL)
		return 0;
	s->copy = p;
	s->copysz = m;
	return 1;
}

/*
 * A row in COPY's text format: fields between tabs, \N for NULL, a
 * backslash, tab, newline or carriage return escaped by a backslash.
 */
int
crmi_pg_copy_row(struct crmi_store *s, char *const *f, int n)
{
	const char	*c;
	size_t		 o = 0;
	int		 i;

	for (i = 0; i < n; i++) {
		/* at worst every byte escaped, a tab and a newline */
		if (!copy_room(s, o, 2 * (f[i] != NULL ? strlen(f[i]) : 2) +
		    2)) {
			snprintf(s->err, sizeof(s->err), "out of memory");
			return CRMI_ENOMEM;
		}
		if (i > 0)
			s->copy[o++] = '\t';
		if (f[i] == NULL) {
			s->copy[o++] = '\\';
			s->copy[o++] = 'N';
			continue;
		}
		for (c = f[i]; *c != '\0'; c++)
			switch (*c) {
			case '\\':
			case '\t':
			case '\n':
			case '\r':
				s->copy[o++] = '\\';
				s->copy[o++] = *c == '\t' ? 't' : *c == '\n' ?
				    'n' : *c == '\r' ? 'r' : '\\';
				break;
			default:
				s->copy[o++] = *c;
				break;
			}
	}
	s->copy[o++] = '\n';
	if (pq.PQputCopyData(s->conn, s->copy, (int)o) != 1)
		return crmi_pg_code(s, NULL);
	return CRMI_SOK;
}

int
crmi_pg_copy_end(struct crmi_store *s, int abort)
{
	PGresult	*res;
	char		*sql;
	int		 rc = CRMI_SOK;

	if (pq.PQputCopyEnd(s->conn, abort ? "undone" : NULL) != 1)
		rc = crmi_pg_code(s, NULL);
	while ((res = pq.PQgetResult(s->conn)) != NULL) {
		if (rc == CRMI_SOK && !abort &&
		    pq.PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = crmi_pg_code(s, res);
		pq.PQclear(res);
	}
	if (rc == CRMI_SOK && !abort && s->copyfk != NULL)
		rc = crmi_pg_run(s, s->copyfk);
	free(s->copyfk);
	s->copyfk = NULL;
	if (rc == CRMI_SOK && !abort && s->copytrig[0] != '\0') {
		if (asprintf(&sql, "ALTER TABLE %s ENABLE TRIGGER USER",
		    s->copytrig) == -1)
			return CRMI_ENOMEM;
		rc = crmi_pg_run(s, sql);
		free(sql);
	}
	s->copytrig[0] = '\0';
	return rc;
}


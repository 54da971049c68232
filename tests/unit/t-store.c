/*
 * t-store.c: the store seam (store.h) driven through a handle, as the
 * library drives it: statements prepared, bound (integers, text, NULL,
 * Cyrillic), stepped and read, reset and stepped again; the last row id
 * and the rows changed; a constraint refused as the store's own code
 * and as crmi_dberr()'s message; a failed statement and a rolled-back
 * transaction.  Whatever driver the handle has, these hold.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "tap.h"
#include "tmpdb.h"

static const char SQL_ADD[] = "INSERT INTO s (n, t) VALUES (?1, ?2)";
static const char SQL_NEW[] = "INSERT INTO s (n) VALUES (?1) RETURNING id";
static const char SQL_KEPT[] = "INSERT INTO s (n, id) VALUES (?1, ?2)"
    " RETURNING id";
static const char SQL_ALL[] = "SELECT id, n, t FROM s ORDER BY id";
static const char SQL_COUNT[] = "SELECT count(*) FROM s";
static const char SQL_TWICE[] = "UPDATE s SET n = n * 2 WHERE n > ?1";
static const char SQL_ECHO[] = "SELECT ?1, typeof(?1), ?2, typeof(?2),"
    " ?3, typeof(?3)";

/* The count of rows in s, or -1. */
static int64_t
count(struct crm *crm)
{
	struct crmi_stmt	*st;
	int64_t			 n = -1;

	if ((st = crmi_stmt(crm, SQL_COUNT)) == NULL)
		return -1;
	if (crmi_step(st) == CRMI_ROW)
		n = crmi_col_int(st, 0);
	crmi_reset(st);
	return n;
}

/*
 * A new row's id from RETURNING: the next one, or the one given (want),
 * after which the next is want + 1.  The rows go again.
 */
static void
ids(struct crm *crm)
{
	struct crmi_stmt	*st;
	int64_t			 id = 0;

	if ((st = crmi_stmt(crm, SQL_NEW)) == NULL)
		return;
	crmi_bind_int(st, 1, 1);
	is_int(crmi_step_id(crm, st, &id), CRM_OK, "crmi_step_id");
	is_int(id, 4, "crmi_step_id: the next id");
	if ((st = crmi_stmt(crm, SQL_KEPT)) == NULL)
		return;
	crmi_bind_int(st, 1, 1);
	crmi_bind_int(st, 2, 10);
	is_int(crmi_step_kept(crm, st, "s", 10, &id), CRM_OK,
	    "crmi_step_kept");
	is_int(id, 10, "crmi_step_kept: the id given");
	if ((st = crmi_stmt(crm, SQL_NEW)) == NULL)
		return;
	crmi_bind_int(st, 1, 1);
	is_int(crmi_step_id(crm, st, &id), CRM_OK, "crmi_step_id again");
	is_int(id, 11, "crmi_step_id: after the id given");
	is_int(crmi_exec(crm, "DELETE FROM s WHERE id > 3"), CRM_OK,
	    "the new rows deleted");
}

/* Insert (n, t) with the binders under test: 0 text, 1 NULL for t. */
static int
add(struct crm *crm, int64_t n, const char *t)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_ADD)) == NULL)
		return -1;
	crmi_bind_int(st, 1, n);
	if (t == NULL)
		crmi_bind_null(st, 2);
	else
		crmi_bind_str(st, 2, t);
	rc = crmi_step(st);
	crmi_reset(st);
	return rc;
}

static void
rows(struct crm *crm)
{
	struct crmi_stmt	*st;

	st = crmi_stmt(crm, SQL_ALL);
	ok(st != NULL, "a select prepared");
	if (st == NULL)
		return;
	is_int(crmi_step(st), CRMI_ROW, "the first row");
	is_int(crmi_col_int(st, 0), 1, "its id");
	is_int(crmi_col_int(st, 1), 4000000000LL, "a 64-bit integer");
	is_int(crmi_col_type(st, 1), CRMI_INT, "typed an integer");
	is_str(crmi_col_text(st, 2), "Иванов Ёж", "Cyrillic text");
	is_int(crmi_col_bytes(st, 2), strlen("Иванов Ёж"),
	    "its length in bytes");
	is_int(crmi_col_type(st, 2), CRMI_TEXT, "typed text");
	ok(!crmi_col_null(st, 2), "not NULL");
	is_int(crmi_step(st), CRMI_ROW, "the second row");
	ok(crmi_col_null(st, 2), "a NULL column");
	is_int(crmi_col_type(st, 2), CRMI_NULL, "typed NULL");
	ok(crmi_col_text(st, 2) == NULL, "its text is NULL");
	is_int(crmi_col_int(st, 1), -7, "a negative integer");
	is_int(crmi_step(st), CRMI_ROW, "the third row");
	is_str(crmi_col_text(st, 2), "", "empty text stays empty");
	ok(!crmi_col_null(st, 2), "and is not NULL");
	is_int(crmi_step(st), CRMI_DONE, "then done");
	crmi_reset(st);
	is_int(crmi_step(st), CRMI_ROW, "reset: the first row again");
	is_str(crmi_col_text(st, 2), "Иванов Ёж", "the same text");
	crmi_reset(st);
}

static void
binds(struct crm *crm)
{
	struct crmi_stmt	*st, *src;

	if ((st = crmi_stmt(crm, SQL_ECHO)) == NULL) {
		ok(0, "the echo prepared");
		return;
	}
	crmi_bind_text(st, 1, "");
	crmi_bind_text(st, 2, "х");
	crmi_bind_strn(st, 3, "длинный", 4);
	is_int(crmi_step(st), CRMI_ROW, "echo");
	is_str(crmi_col_text(st, 1), "null", "crmi_bind_text: \"\" is NULL");
	is_str(crmi_col_text(st, 2), "х", "crmi_bind_text: text");
	is_str(crmi_col_text(st, 4), "дл", "crmi_bind_strn: the first bytes");
	crmi_reset(st);
	/* Bound as a copy: the bound buffer may change afterwards. */
	{
		char	 buf[16];

		strlcpy(buf, "один", sizeof(buf));
		crmi_bind_copy(st, 1, buf);
		strlcpy(buf, "два", sizeof(buf));
		is_int(crmi_step(st), CRMI_ROW, "echo a copied text");
		is_str(crmi_col_text(st, 0), "один", "the text as bound");
		crmi_reset(st);
	}
	/* crmi_stmt() gives the cached statement back with no bindings. */
	st = crmi_stmt(crm, SQL_ECHO);
	is_int(crmi_step(st), CRMI_ROW, "echo again");
	is_str(crmi_col_text(st, 1), "null", "the bindings were cleared");
	crmi_reset(st);
	/* A value copied from one statement's row into another's. */
	src = crmi_stmt(crm, SQL_ALL);
	st = crmi_stmt(crm, SQL_ECHO);
	if (src == NULL || st == NULL || crmi_step(src) != CRMI_ROW) {
		ok(0, "a row to copy");
		return;
	}
	crmi_bind_col(st, 1, src, 1);
	crmi_bind_col(st, 2, src, 2);
	crmi_step(src);
	crmi_bind_col(st, 3, src, 2);
	is_int(crmi_step(st), CRMI_ROW, "echo the copies");
	is_str(crmi_col_text(st, 1), "integer", "crmi_bind_col: an integer");
	is_int(crmi_col_int(st, 0), 4000000000LL, "its value");
	is_str(crmi_col_text(st, 3), "text", "crmi_bind_col: text");
	is_str(crmi_col_text(st, 2), "Иванов Ёж", "its value");
	is_str(crmi_col_text(st, 5), "null", "crmi_bind_col: NULL");
	crmi_reset(st);
	crmi_reset(src);
}

static void
failures(struct crm *crm, const char *db)
{
	char	 want[256];
	int	 rc;

	rc = add(crm, 1, "Иванов Ёж");
	is_int(rc, CRMI_ECONSTRAINT, "a duplicate: the store's constraint "
	    "code");
	is_int(crmi_dberr(crm, rc), CRM_EINVAL, "crmi_dberr: CRM_EINVAL");
	is_str(crm_errmsg(crm), "refused by the database: UNIQUE constraint "
	    "failed: s.t", "crmi_dberr: the message");
	is_int(crmi_exec(crm, "SELECT x FROM nowhere"), CRM_EDB,
	    "a bad statement: CRM_EDB");
	snprintf(want, sizeof(want), "%s: no such table: nowhere", db);
	is_str(crm_errmsg(crm), want, "the path and the driver's message");
	ok(crmi_stmt(crm, "SELEC 1") == NULL, "a statement that does not "
	    "prepare");
	is_int(crmi_dberr(crm, CRMI_EBUSY), CRM_EBUSY, "busy: CRM_EBUSY");
	is_str(crm_errmsg(crm), "the database is busy: another program is "
	    "writing to it; try again later", "busy: the message");
	is_int(crmi_dberr(crm, CRMI_EWRITE), CRM_EDB, "a failed write");
	snprintf(want, sizeof(want), "%s: cannot write: the disk is full or "
	    "the file may not grow; nothing was changed", db);
	is_str(crm_errmsg(crm), want, "a failed write: the message");
}

int
main(void)
{
	struct crm		*crm;
	struct crmi_stmt	*st;
	char			 db[64];
	int			 rc;

	if (tmpdb_name("t-store", db, sizeof(db)) == -1)
		return 1;
	rc = crm_open(&crm, db, CRM_OPEN_NOUSER);
	is_int(rc, CRM_OK, "a new database");
	if (rc != CRM_OK)
		return 1;
	is_int(crmi_exec(crm, "CREATE TEMP TABLE s (id INTEGER PRIMARY KEY,"
	    " n INTEGER, t TEXT UNIQUE)"), CRM_OK, "crmi_exec");
	is_int(add(crm, 4000000000LL, "Иванов Ёж"), CRMI_DONE,
	    "an insert is done");
	is_int(crmi_changes(crm), 1, "crmi_changes: one row");
	is_int(add(crm, -7, NULL), CRMI_DONE, "a NULL bound");
	is_int(add(crm, 3, ""), CRMI_DONE, "empty text bound");
	ids(crm);
	rows(crm);
	binds(crm);
	if ((st = crmi_stmt(crm, SQL_TWICE)) != NULL) {
		crmi_bind_int(st, 1, 0);
		is_int(crmi_step_done(crm, st), CRM_OK, "an update");
		is_int(crmi_changes(crm), 2, "crmi_changes: two rows");
	}
	failures(crm, db);
	/* A transaction ended with an error is undone. */
	is_int(crmi_begin(crm), CRM_OK, "crmi_begin");
	is_int(add(crm, 9, "девять"), CRMI_DONE, "an insert in it");
	is_int(count(crm), 4, "seen inside");
	is_int(crmi_end(crm, CRM_EINVAL), CRM_EINVAL, "ended with an error");
	is_int(count(crm), 3, "rolled back");
	is_int(crmi_begin(crm), CRM_OK, "crmi_begin again");
	is_int(add(crm, 9, "девять"), CRMI_DONE, "the insert again");
	is_int(crmi_end(crm, CRM_OK), CRM_OK, "committed");
	is_int(count(crm), 4, "kept");
	crm_close(crm);
	tmpdb_remove(db);
	done_testing();
}

/*
 * t-handle.c: what a handle remembers between statements (crmi_forget in
 * db.c) is forgotten when a write transaction begins and ends, so that a
 * change is seen by the next read: the regulations and a person's team,
 * read once for a view, and the last audit link, kept through a batch
 * (after a rollback the next entry takes the same id again, which the
 * append-only trigger would refuse from a stale link).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"
#include "store_sqlite.h"
#include "tap.h"
#include "tmpdb.h"

static int
sql(struct crm *crm, const char *q)
{
	return sqlite3_exec(crmi_sqlite_db(crm), q, NULL, NULL, NULL) ==
	    SQLITE_OK ? CRM_OK : CRM_EDB;
}

/* A write transaction that runs q and commits. */
static int
commit(struct crm *crm, const char *q)
{
	int	 rc;

	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, sql(crm, q));
}

static int64_t
one(struct crm *crm, const char *key, int64_t person)
{
	int64_t	 v = -1;

	if (crm_rule_person_int(crm, key, person, 0, &v) != CRM_OK)
		return -2;
	return v;
}

static int64_t
last_entry(struct crm *crm)
{
	sqlite3_stmt	*st;
	int64_t		 id = -1;

	if (sqlite3_prepare_v2(crmi_sqlite_db(crm), "SELECT max(id) FROM audit",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

int
main(void)
{
	struct crm	*crm;
	char		 db[64];
	int64_t		 before;
	int		 rc;

	if (tmpdb_name("t-handle", db, sizeof(db)) == -1)
		return 1;
	rc = crm_open(&crm, db, CRM_OPEN_NOUSER);
	is_int(rc, CRM_OK, "a new database");
	if (rc != CRM_OK)
		return 1;
	is_int(commit(crm, "INSERT INTO person (id, login, name, role, head_id,"
	    " created_at) VALUES (1, 'boss', 'B', 'head', NULL, '2026-01-01'),"
	    " (2, 'man', 'M', 'manager', 1, '2026-01-01'),"
	    " (3, 'top', 'T', 'director', NULL, '2026-01-01');"
	    " INSERT INTO rule (key, value, changed_at, changed_by) VALUES"
	    " ('plan.min/boss', '3', '2026-01-01', 1)"), CRM_OK, "people");

	/* The regulations: read once, then seen changed after a write. */
	is_int(one(crm, "plan.min", 2), 3, "the team's plan.min");
	is_int(one(crm, "junk.paste", 2), 5, "a default");
	is_int(commit(crm, "INSERT INTO rule (key, value, changed_at,"
	    " changed_by) VALUES ('junk.paste', '7', '2026-01-01', 3);"
	    " UPDATE rule SET value = '4' WHERE key = 'plan.min/boss'"),
	    CRM_OK, "two rules changed");
	is_int(one(crm, "plan.min", 2), 4, "the changed team value is seen");
	is_int(one(crm, "junk.paste", 2), 7, "so is a new department value");

	/* A person's team: moved to no team, the team's value goes. */
	is_int(commit(crm, "UPDATE person SET head_id = NULL WHERE id = 2"),
	    CRM_OK, "the manager leaves the team");
	is_int(one(crm, "plan.min", 2), 5, "the department's plan.min now");
	is_int(one(crm, "plan.min", 1), 4, "the head's own team still has 4");

	/* The audit link: a rolled back entry leaves no trace in it. */
	before = last_entry(crm);
	rc = crmi_begin(crm);
	if (rc == CRM_OK)
		rc = crmi_audit(crm, "task", 1, 2, "create", "{}");
	if (rc == CRM_OK)
		rc = crmi_audit(crm, "task", 2, 2, "create", "{}");
	is_int(rc, CRM_OK, "two entries in a transaction");
	is_int(crmi_end(crm, CRM_EINVAL), CRM_EINVAL, "rolled back");
	is_int(last_entry(crm), before, "nothing stays of them");
	rc = crmi_begin(crm);
	if (rc == CRM_OK)
		rc = crmi_audit(crm, "task", 3, 2, "create", "{}");
	is_int(crmi_end(crm, rc), CRM_OK, "the next entry appends");
	is_int(last_entry(crm), before + 1, "with the next id");
	rc = crmi_begin(crm);
	if (rc == CRM_OK)
		rc = crmi_audit(crm, "task", 4, 2, "create", "{}");
	if (rc == CRM_OK)
		rc = crmi_audit(crm, "task", 5, 2, "create", "{}");
	is_int(crmi_end(crm, rc), CRM_OK, "a batch of two after it");
	is_int(last_entry(crm), before + 3, "each on the one before");
	ok(sql(crm, "SELECT 1") == CRM_OK, "the handle still works");

	crm_close(crm);
	tmpdb_remove(db);
	done_testing();
}

/*
 * schema_v3.c: migrations 3 to 6 of the schema (schema.c): the audit
 * log as a hash chain (audit), the calendar's sources and the reminders
 * sent (comfort), a command as one unit of the log (forgive), and the
 * department's titles of kinds and stages (russian).
 */
#include <stddef.h>

#include "crm_int.h"
#include "schema.h"

/*
 * The audit log's update trigger: an update may only fill in a missing
 * link or erase a detail that has one; more, more columns that may not
 * change (as " OR NEW.x IS NOT OLD.x").
 */
#define AUDIT_NO_UPDATE(more)						\
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"		\
	" WHEN NEW.id IS NOT OLD.id OR NEW.at IS NOT OLD.at"		\
	" OR NEW.actor IS NOT OLD.actor OR NEW.entity IS NOT OLD.entity"	\
	" OR NEW.entity_id IS NOT OLD.entity_id"			\
	" OR NEW.owner_id IS NOT OLD.owner_id"				\
	" OR NEW.action IS NOT OLD.action" more				\
	" OR (OLD.hash IS NULL AND NEW.detail IS NOT OLD.detail)"	\
	" OR (OLD.hash IS NOT NULL AND (NEW.hash IS NOT OLD.hash"	\
	"  OR NEW.detail_hash IS NOT OLD.detail_hash"			\
	"  OR NEW.detail IS NOT '" CRMI_ERASED "'))"			\
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END"

/* The same on PostgreSQL, IS DISTINCT FROM for SQLite's IS NOT. */
#define AUDIT_NO_UPDATE_PG(more)					\
	CRMI_PG_ONLY "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit" \
	" FOR EACH ROW WHEN (NEW.id IS DISTINCT FROM OLD.id"		\
	" OR NEW.at IS DISTINCT FROM OLD.at"				\
	" OR NEW.actor IS DISTINCT FROM OLD.actor"			\
	" OR NEW.entity IS DISTINCT FROM OLD.entity"			\
	" OR NEW.entity_id IS DISTINCT FROM OLD.entity_id"		\
	" OR NEW.owner_id IS DISTINCT FROM OLD.owner_id"		\
	" OR NEW.action IS DISTINCT FROM OLD.action" more		\
	" OR (OLD.hash IS NULL AND NEW.detail IS DISTINCT FROM OLD.detail)" \
	" OR (OLD.hash IS NOT NULL AND (NEW.hash IS DISTINCT FROM OLD.hash" \
	"  OR NEW.detail_hash IS DISTINCT FROM OLD.detail_hash"		\
	"  OR NEW.detail IS DISTINCT FROM '" CRMI_ERASED "')))"		\
	" EXECUTE FUNCTION crm_append_only()"

/*
 * audit: the audit log becomes a hash chain, and appends only at its end.
 * hash is each entry's link (see audit.c), detail_hash the hash of its
 * detail, which stays when an admin erases the detail; both are filled
 * in by the library (crmi_audit_chain), as SQL computes no SHA-256.  An
 * insert must take the next id: INSERT OR REPLACE deletes without firing
 * the delete trigger.  An update may only fill in a missing link or
 * erase a detail that has one.  The department's time zone lives in
 * meta (key 'zone'), filled in by the library with the machine's zone.
 */
const char *const crmi_m_audit[] = {
	"ALTER TABLE audit ADD COLUMN detail_hash TEXT",
	"ALTER TABLE audit ADD COLUMN hash TEXT",

	"CREATE TRIGGER audit_append_only BEFORE INSERT ON audit"
	" WHEN NEW.id IS NOT (SELECT coalesce(max(id), 0) + 1 FROM audit)"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",

	"DROP TRIGGER audit_no_update",
	AUDIT_NO_UPDATE(""),
	/* PostgreSQL's WHEN takes no subquery: a function checks the id */
	CRMI_PG_ONLY "CREATE FUNCTION crm_audit_at_end() RETURNS trigger"
	" LANGUAGE plpgsql AS $$BEGIN IF NEW.id IS DISTINCT FROM"
	" (SELECT coalesce(max(id), 0) + 1 FROM audit) THEN RAISE EXCEPTION"
	" 'the audit log is append-only' USING ERRCODE = '23000'; END IF;"
	" RETURN NEW; END$$",
	CRMI_PG_ONLY "CREATE TRIGGER audit_append_only BEFORE INSERT ON audit"
	" FOR EACH ROW EXECUTE FUNCTION crm_audit_at_end()",
	CRMI_PG_ONLY "DROP TRIGGER audit_no_update ON audit",
	AUDIT_NO_UPDATE_PG(""),
	NULL
};

/*
 * comfort: where a calendar day came from ("hand": typed by a head or an
 * admin; "decree": the shipped production calendar, which never replaces
 * a hand-made day); the reminders already sent, one per task and due
 * time, so that no run of task-remind sends one twice.
 */
const char *const crmi_m_comfort[] = {
	"ALTER TABLE calendar ADD COLUMN source TEXT NOT NULL DEFAULT 'hand'"
	" CHECK (source IN ('hand','decree'))",

	"CREATE TABLE reminder ("
	" task_id INTEGER NOT NULL REFERENCES task(id),"
	" due TEXT NOT NULL,"
	" kind TEXT NOT NULL CHECK (kind IN ('due','overdue')),"
	" sent_at TEXT NOT NULL,"
	" PRIMARY KEY (task_id, due, kind))",
	NULL
};

/*
 * forgive: every command's changes are one unit in the log (cmd: the id
 * of the command's first entry), so that crm-undo can take back the
 * last; an undone move stays in task_move, marked.
 */
const char *const crmi_m_forgive[] = {
	"ALTER TABLE audit ADD COLUMN cmd INTEGER",
	"CREATE INDEX audit_actor_cmd ON audit(actor, cmd)",
	"ALTER TABLE task_move ADD COLUMN undone_at TEXT",
	/* the command id is chained too: it may not change either */
	"DROP TRIGGER audit_no_update",
	AUDIT_NO_UPDATE(" OR NEW.cmd IS NOT OLD.cmd"),
	CRMI_PG_ONLY "DROP TRIGGER audit_no_update ON audit",
	AUDIT_NO_UPDATE_PG(" OR NEW.cmd IS DISTINCT FROM OLD.cmd"),
	NULL
};

/*
 * The names people read for the kinds of task and the deal stages, set
 * by the department (crm-rules title); none: the catalogue's default.
 * A table of its own, so that making it twice does no harm.
 */
const char *const crmi_m_russian[] = {
	"CREATE TABLE IF NOT EXISTS title ("
	" what TEXT NOT NULL CHECK (what IN ('kind','stage')),"
	" code TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" PRIMARY KEY (what, code))",
	NULL
};

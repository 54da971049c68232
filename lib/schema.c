/*
 * schema.c: the database schema, as the list of migrations that build it.
 *
 * Migration N takes a database from user_version N-1 to N.  A migration,
 * once released, is never edited: a change is a new migration appended to
 * the list.  The SQL keeps to what PostgreSQL also accepts where SQLite
 * allows it (TEXT dates, INTEGER money, CHECK constraints, no AUTOINCREMENT),
 * except for the triggers, which each backend writes in its own dialect:
 * SQLite's CREATE TRIGGER, PostgreSQL's PL/pgSQL function and its trigger
 * (a CRMI_PG_ONLY entry beside SQLite's); the KPI's make both from one
 * body of SQL that both take (KPI_TRIGGER).
 */
#include <stddef.h>

#include "crm_int.h"

/* 1: people and the audit log. */
static const char *const m1[] = {
	"CREATE TABLE meta ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL)",

	"CREATE TABLE person ("
	" id INTEGER PRIMARY KEY,"
	" login TEXT NOT NULL UNIQUE,"
	" name TEXT NOT NULL,"
	" role TEXT NOT NULL"
	"  CHECK (role IN ('manager','head','director','admin')),"
	" head_id INTEGER REFERENCES person(id),"
	" email TEXT,"
	" active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),"
	" created_at TEXT NOT NULL)",

	"CREATE INDEX person_head ON person(head_id)",

	/* actor is a login, not an id: the first person has no actor. */
	"CREATE TABLE audit ("
	" id INTEGER PRIMARY KEY,"
	" at TEXT NOT NULL,"
	" actor TEXT NOT NULL,"
	" entity TEXT NOT NULL,"
	" entity_id INTEGER NOT NULL,"
	" owner_id INTEGER,"
	" action TEXT NOT NULL,"
	" detail TEXT NOT NULL DEFAULT '{}')",

	/*
	 * PostgreSQL: the functions SQLite has or the SQLite driver adds
	 * (crm_fold: crmi_fold_cp() of text.c, letter for letter).
	 */
	CRMI_PG_ONLY "CREATE FUNCTION instr(text, text) RETURNS integer"
	" LANGUAGE sql IMMUTABLE STRICT AS 'SELECT strpos($1, $2)'",
	CRMI_PG_ONLY "CREATE FUNCTION crm_fold(text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT AS $$SELECT translate($1,"
	" 'ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	"АБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯЀЁЂЃЄЅІЇЈЉЊЋЌЍЎЏё',"
	" 'abcdefghijklmnopqrstuvwxyz"
	"абвгдежзийклмнопрстуфхцчшщъыьэюяѐеђѓєѕіїјљњћќѝўџе')$$",
	/*
	 * SQLite's json_extract() and json_type() of the log's details
	 * (undo.c), for the paths the library writes ($.key, $.key[N],
	 * $[N]); a value as text, NULL for JSON null or no such path.
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_json_path(text) RETURNS text[]"
	" LANGUAGE sql IMMUTABLE STRICT AS $$SELECT regexp_split_to_array("
	"regexp_replace(regexp_replace($1, '\\[([0-9]+)\\]', '.\\1', 'g'),"
	" '^\\$\\.?', ''), '\\.')$$",
	CRMI_PG_ONLY "CREATE FUNCTION json_extract(text, text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT AS"
	" $$SELECT $1::jsonb #>> crm_json_path($2)$$",
	CRMI_PG_ONLY "CREATE FUNCTION json_type(text, text) RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT AS $$SELECT CASE jsonb_typeof(v)"
	" WHEN 'string' THEN 'text' WHEN 'boolean' THEN v::text"
	" WHEN 'number' THEN CASE WHEN v::text ~ '^-?[0-9]+$' THEN 'integer'"
	" ELSE 'real' END ELSE jsonb_typeof(v) END"
	" FROM (SELECT $1::jsonb #> crm_json_path($2) AS v) j$$",

	"CREATE INDEX audit_entity ON audit(entity, entity_id)",
	"CREATE INDEX audit_owner ON audit(owner_id)",

	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	/* PostgreSQL's: a constraint's SQLSTATE, as SQLite's RAISE(ABORT) */
	CRMI_PG_ONLY "CREATE FUNCTION crm_append_only() RETURNS trigger"
	" LANGUAGE plpgsql AS $$BEGIN RAISE EXCEPTION"
	" 'the audit log is append-only' USING ERRCODE = '23000'; END$$",
	CRMI_PG_ONLY "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" FOR EACH ROW EXECUTE FUNCTION crm_append_only()",
	CRMI_PG_ONLY "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" FOR EACH ROW EXECUTE FUNCTION crm_append_only()",
	NULL
};

/* 2: tasks, clients, deals, documents, regulations, controls. */
static const char *const m2[] = {
	/* Task kinds and the fields each needs: part of the regulations. */
	"CREATE TABLE task_kind ("
	" name TEXT PRIMARY KEY,"
	" need_client INTEGER NOT NULL DEFAULT 0,"
	" need_deal INTEGER NOT NULL DEFAULT 0,"
	" need_time INTEGER NOT NULL DEFAULT 0,"
	" need_note INTEGER NOT NULL DEFAULT 0,"
	" pos INTEGER NOT NULL DEFAULT 0)",

	"INSERT INTO task_kind (name, need_client, need_deal, need_time, pos)"
	" VALUES ('call', 1, 0, 0, 1), ('meeting', 1, 0, 1, 2),"
	" ('email', 1, 0, 0, 3), ('letter', 1, 0, 0, 4),"
	" ('contract', 1, 1, 0, 5), ('invoice', 1, 1, 0, 6),"
	" ('other', 0, 0, 0, 7)",

	"CREATE TABLE client ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL,"
	" name_key TEXT NOT NULL,"
	" inn TEXT UNIQUE,"
	" phone TEXT,"
	" email TEXT,"
	" manager_id INTEGER REFERENCES person(id),"
	" note TEXT,"
	" created_at TEXT NOT NULL,"
	" created_by INTEGER NOT NULL REFERENCES person(id))",

	"CREATE INDEX client_manager ON client(manager_id)",

	"CREATE TABLE stage ("
	" id INTEGER PRIMARY KEY,"
	" name TEXT NOT NULL UNIQUE,"
	" pos INTEGER NOT NULL,"
	" outcome TEXT NOT NULL DEFAULT 'open'"
	"  CHECK (outcome IN ('open','won','lost')))",

	"INSERT INTO stage (id, name, pos, outcome) VALUES"
	" (1, 'lead', 1, 'open'), (2, 'negotiation', 2, 'open'),"
	" (3, 'contract', 3, 'open'), (4, 'invoiced', 4, 'open'),"
	" (5, 'won', 5, 'won'), (6, 'lost', 6, 'lost')",

	/* explicit ids leave PostgreSQL's sequence behind: the next is 7 */
	CRMI_PG_ONLY "SELECT setval(pg_get_serial_sequence('stage', 'id'),"
	" (SELECT max(id) FROM stage))",

	"CREATE TABLE deal ("
	" id INTEGER PRIMARY KEY,"
	" client_id INTEGER NOT NULL REFERENCES client(id),"
	" manager_id INTEGER NOT NULL REFERENCES person(id),"
	" title TEXT NOT NULL,"
	" amount INTEGER NOT NULL DEFAULT 0 CHECK (amount >= 0),"
	" profit INTEGER NOT NULL DEFAULT 0,"
	" close_date TEXT,"
	" stage_id INTEGER NOT NULL REFERENCES stage(id),"
	" opened_at TEXT NOT NULL,"
	" closed_at TEXT,"
	" lost_reason TEXT,"
	" created_by INTEGER NOT NULL REFERENCES person(id))",

	"CREATE INDEX deal_manager ON deal(manager_id, stage_id)",
	"CREATE INDEX deal_client ON deal(client_id)",

	"CREATE TABLE deal_stage_log ("
	" id INTEGER PRIMARY KEY,"
	" deal_id INTEGER NOT NULL REFERENCES deal(id),"
	" from_stage INTEGER REFERENCES stage(id),"
	" to_stage INTEGER NOT NULL REFERENCES stage(id),"
	" at TEXT NOT NULL,"
	" by_id INTEGER NOT NULL REFERENCES person(id),"
	" reason TEXT)",

	"CREATE INDEX deal_stage_log_deal ON deal_stage_log(deal_id)",

	"CREATE TABLE doc ("
	" id INTEGER PRIMARY KEY,"
	" deal_id INTEGER NOT NULL REFERENCES deal(id),"
	" kind TEXT NOT NULL CHECK (kind IN ('contract','invoice')),"
	" number TEXT NOT NULL,"
	" doc_date TEXT NOT NULL,"
	" amount INTEGER NOT NULL CHECK (amount >= 0),"
	" due_date TEXT,"
	" paid_date TEXT,"
	" created_at TEXT NOT NULL,"
	" created_by INTEGER NOT NULL REFERENCES person(id),"
	" UNIQUE (kind, number))",

	"CREATE INDEX doc_deal ON doc(deal_id)",

	/* Repeating work: each occurrence becomes a task of its own. */
	"CREATE TABLE task_series ("
	" id INTEGER PRIMARY KEY,"
	" assignee_id INTEGER NOT NULL REFERENCES person(id),"
	" author_id INTEGER NOT NULL REFERENCES person(id),"
	" kind TEXT NOT NULL REFERENCES task_kind(name),"
	" title TEXT NOT NULL,"
	" note TEXT,"
	" client_id INTEGER REFERENCES client(id),"
	" deal_id INTEGER REFERENCES deal(id),"
	" due_time TEXT,"
	" rule TEXT NOT NULL,"
	" start_date TEXT NOT NULL,"
	" end_date TEXT,"
	" made_until TEXT,"
	" active INTEGER NOT NULL DEFAULT 1,"
	" created_at TEXT NOT NULL)",

	/*
	 * first_due is the date as first planned, so that lateness survives
	 * a move; closed_at is when the work was done (a head may record an
	 * earlier time), recorded_at when the system was told.
	 */
	"CREATE TABLE task ("
	" id INTEGER PRIMARY KEY,"
	" assignee_id INTEGER NOT NULL REFERENCES person(id),"
	" author_id INTEGER NOT NULL REFERENCES person(id),"
	" kind TEXT NOT NULL REFERENCES task_kind(name),"
	" title TEXT NOT NULL,"
	" note TEXT,"
	" client_id INTEGER REFERENCES client(id),"
	" deal_id INTEGER REFERENCES deal(id),"
	" due_date TEXT NOT NULL,"
	" due_time TEXT,"
	" first_due TEXT NOT NULL,"
	" state TEXT NOT NULL DEFAULT 'open'"
	"  CHECK (state = 'open' OR state = 'done' OR state = 'cancelled'),"
	" created_at TEXT NOT NULL,"
	" closed_at TEXT,"
	" closed_by INTEGER REFERENCES person(id),"
	" recorded_at TEXT,"
	" result TEXT,"
	" cancel_reason TEXT,"
	" moves INTEGER NOT NULL DEFAULT 0,"
	" series_id INTEGER REFERENCES task_series(id),"
	" imported INTEGER NOT NULL DEFAULT 0)",

	/*
	 * The indexes serve the views of one person (the day, a period, the
	 * open work), the period of the KPI, a deal, a client and a series;
	 * tests/unit/t-plans.c checks that each tool's query uses its own.
	 * task_open holds the open tasks only, so that "what is still open"
	 * does not walk a person's whole history.
	 */
	"CREATE INDEX task_assignee_due ON task(assignee_id, due_date)",
	"CREATE INDEX task_assignee_closed ON task(assignee_id, closed_at)"
	" WHERE closed_at IS NOT NULL",
	"CREATE INDEX task_open ON task(assignee_id, due_date)"
	" WHERE state = 'open'",
	"CREATE INDEX task_first_due ON task(first_due, assignee_id)",
	"CREATE INDEX task_deal ON task(deal_id, state)"
	" WHERE deal_id IS NOT NULL",
	"CREATE INDEX task_client ON task(client_id)"
	" WHERE client_id IS NOT NULL",
	"CREATE INDEX task_by_series ON task(series_id)"
	" WHERE series_id IS NOT NULL",

	"CREATE TABLE task_move ("
	" id INTEGER PRIMARY KEY,"
	" task_id INTEGER NOT NULL REFERENCES task(id),"
	" from_date TEXT NOT NULL,"
	" from_time TEXT,"
	" to_date TEXT NOT NULL,"
	" to_time TEXT,"
	" at TEXT NOT NULL,"
	" by_id INTEGER NOT NULL REFERENCES person(id),"
	" reason TEXT)",

	"CREATE INDEX task_move_task ON task_move(task_id)",

	/*
	 * The regulations: named values over defaults kept in the code, so
	 * that a new database works before anyone configures it.
	 */
	"CREATE TABLE rule ("
	" key TEXT PRIMARY KEY,"
	" value TEXT NOT NULL,"
	" changed_at TEXT NOT NULL,"
	" changed_by INTEGER NOT NULL REFERENCES person(id))",

	/* The production calendar: days that differ from the working week. */
	"CREATE TABLE calendar ("
	" day TEXT PRIMARY KEY,"
	" working INTEGER NOT NULL CHECK (working IN (0,1)),"
	" note TEXT)",

	/* Controls done during and after the rollout. */
	"CREATE TABLE control ("
	" id INTEGER PRIMARY KEY,"
	" day TEXT NOT NULL,"
	" kind TEXT NOT NULL"
	"  CHECK (kind IN ('daily','weekly','spot','steady')),"
	" person_id INTEGER REFERENCES person(id),"
	" checker_id INTEGER NOT NULL REFERENCES person(id),"
	" at TEXT NOT NULL,"
	" findings INTEGER NOT NULL DEFAULT 0,"
	" note TEXT)",

	"CREATE INDEX control_day ON control(day)",
	NULL
};

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
static const char *const m_audit[] = {
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
static const char *const m_comfort[] = {
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
static const char *const m_forgive[] = {
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
static const char *const m_russian[] = {
	"CREATE TABLE IF NOT EXISTS title ("
	" what TEXT NOT NULL CHECK (what IN ('kind','stage')),"
	" code TEXT NOT NULL,"
	" title TEXT NOT NULL,"
	" PRIMARY KEY (what, code))",
	NULL
};

/*
 * kpifast: the KPI's stored figures (lib/kpiday.c, bench/README.md).
 * kpi_day holds each person's sums of the tasks first due on a day;
 * kpi_stale the (person, day) pairs whose sums a change has made wrong.
 * Plain SQL triggers mark a pair stale whenever a task, a kind, a rule
 * the figures depend on (junk.*, fields.*) or a person's team changes,
 * so that even a change made by hand in the database's own shell is
 * seen; the library sums the stale pairs again before each commit, and a report
 * counts those still stale from their tasks.  Every pair starts stale:
 * the first commit fills kpi_day.  IF NOT EXISTS throughout, as in
 * m_russian: a database made by hand at an older version (tests) may
 * hold them already (PostgreSQL's are new with it: plain CREATE).
 */
/* DO NOTHING, not OR IGNORE: an upsert's DO UPDATE would override that */
#define KPI_STALE(pair) \
	"INSERT INTO kpi_stale (person_id, day) " pair \
	" ON CONFLICT DO NOTHING; "
#define KPI_STALE_TASKS(cond) \
	KPI_STALE("SELECT assignee_id, first_due FROM task WHERE " cond)

/*
 * A trigger of the KPI's on both backends, from one body: SQL statements
 * each ended by "; ", reading NEW and OLD, in the SQL both take.  SQLite
 * runs it as the trigger's own; PostgreSQL as a PL/pgSQL function of the
 * trigger's name, run after each row (after the statement's last row, as
 * PostgreSQL fires its AFTER triggers: the sums are added and taken out,
 * so the order does not matter).  event: "AFTER ... ON table"; cond, for
 * KPI_TRIGGER_WHEN, the WHEN of both.  Three entries of a migration.
 *
 * On PostgreSQL the function runs with its owner's rights (SECURITY
 * DEFINER), so that a change marks and moves every figure it touches,
 * whoever made it and whatever rows they may see; and it takes the write
 * lock that the library's transactions take first (store_pg.c), so that
 * a writer outside the library waits for a command, and a command for it,
 * as on SQLite: else a command could sum a pair again and clear kpi_stale
 * while a change to the pair's tasks made by hand commits between.
 */
#define KPI_TRIGGER_PG(name, event, when, body) \
	CRMI_PG_ONLY "CREATE FUNCTION " name "() RETURNS trigger" \
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp" \
	" AS $$BEGIN PERFORM pg_advisory_xact_lock(" CRMI_PG_WRITE_KEY "); " \
	body "RETURN NULL; END$$", \
	CRMI_PG_ONLY "CREATE TRIGGER " name " " event " FOR EACH ROW" \
	when " EXECUTE FUNCTION " name "()"
#define KPI_TRIGGER(name, event, body) \
	"CREATE TRIGGER IF NOT EXISTS " name " " event " BEGIN " body "END", \
	KPI_TRIGGER_PG(name, event, "", body)
#define KPI_TRIGGER_WHEN(name, event, cond, body) \
	"CREATE TRIGGER IF NOT EXISTS " name " " event " WHEN " cond \
	" BEGIN " body "END", \
	KPI_TRIGGER_PG(name, event, " WHEN (" cond ")", body)
#define KPI_RULE_KEY(r) \
	r ".key LIKE 'junk.%' OR " r ".key LIKE 'fields.%'"
/* The trigger on a task's columns the sums read (m_review adds returns). */
#define KPI_TASK_UPDATE(cols) \
	KPI_TRIGGER("kpi_task_update", "AFTER UPDATE OF" \
	    " assignee_id, author_id, kind, title, note, client_id, deal_id," \
	    " due_time, first_due, state, created_at, closed_at, closed_by," \
	    " result, moves" cols " ON task", \
	    KPI_STALE("VALUES (OLD.assignee_id, OLD.first_due)") \
	    KPI_STALE("VALUES (NEW.assignee_id, NEW.first_due)"))

static const char *const m_kpifast[] = {
	"CREATE TABLE IF NOT EXISTS kpi_day ("
	" day TEXT NOT NULL,"
	" person_id INTEGER NOT NULL,"
	" planned INTEGER NOT NULL, ontime INTEGER NOT NULL,"
	" late INTEGER NOT NULL, byhead INTEGER NOT NULL,"
	" open INTEGER NOT NULL, cancelled INTEGER NOT NULL,"
	" moves INTEGER NOT NULL, selfmade INTEGER NOT NULL,"
	" assigned INTEGER NOT NULL, advance INTEGER NOT NULL,"
	" complete INTEGER NOT NULL, comments INTEGER NOT NULL,"
	" junk INTEGER NOT NULL, ahead INTEGER NOT NULL,"
	" PRIMARY KEY (day, person_id)) WITHOUT ROWID",

	"CREATE TABLE IF NOT EXISTS kpi_stale ("
	" person_id INTEGER NOT NULL,"
	" day TEXT NOT NULL,"
	" PRIMARY KEY (person_id, day)) WITHOUT ROWID",

	KPI_TRIGGER("kpi_task_insert", "AFTER INSERT ON task",
	    KPI_STALE("VALUES (NEW.assignee_id, NEW.first_due)")),

	KPI_TRIGGER("kpi_task_delete", "AFTER DELETE ON task",
	    KPI_STALE("VALUES (OLD.assignee_id, OLD.first_due)")),

	KPI_TASK_UPDATE(""),

	KPI_TRIGGER("kpi_kind_update", "AFTER UPDATE ON task_kind",
	    KPI_STALE_TASKS("kind = OLD.name OR kind = NEW.name")),

	KPI_TRIGGER_WHEN("kpi_rule_insert", "AFTER INSERT ON rule",
	    KPI_RULE_KEY("NEW"), KPI_STALE_TASKS("true")),

	KPI_TRIGGER_WHEN("kpi_rule_update", "AFTER UPDATE ON rule",
	    KPI_RULE_KEY("NEW") " OR " KPI_RULE_KEY("OLD"),
	    KPI_STALE_TASKS("true")),

	KPI_TRIGGER_WHEN("kpi_rule_delete", "AFTER DELETE ON rule",
	    KPI_RULE_KEY("OLD"), KPI_STALE_TASKS("true")),

	/* a person's team decides their rules; a head's, their team's */
	KPI_TRIGGER("kpi_person_update",
	    "AFTER UPDATE OF head_id, role, login ON person",
	    KPI_STALE_TASKS("assignee_id = NEW.id OR assignee_id IN"
	    " (SELECT id FROM person WHERE head_id = NEW.id)")),

	/* the sales of a period for everyone: the days, not every deal */
	"CREATE INDEX IF NOT EXISTS deal_opened_day"
	" ON deal(substr(opened_at, 1, 10))",
	"CREATE INDEX IF NOT EXISTS deal_closed_day"
	" ON deal(substr(closed_at, 1, 10))",
	"CREATE INDEX IF NOT EXISTS doc_kind_day ON doc(kind, doc_date)",
	"CREATE INDEX IF NOT EXISTS doc_kind_paid ON doc(kind, paid_date)",

	/* an existing database: every pair stale, summed at the commit */
	"DELETE FROM kpi_day",
	"INSERT INTO kpi_stale (person_id, day)"
	" SELECT DISTINCT assignee_id, first_due FROM task"
	" WHERE true ON CONFLICT DO NOTHING",
	NULL
};

/*
 * kpisales: each person's sales a day, in the same row of kpi_day as
 * their tasks of the day (a report reads a row for each person and day
 * with anything in it), kept by triggers in the statement that changes a
 * deal, a document or a stage, so that kpi-report reads a period's days
 * instead of its deals and documents: deals opened (on the day of
 * opened_at), won and lost (closed_at, by the outcome of the deal's
 * stage; won sums profit and amount: wonsum), contracts and invoices
 * (doc_date; the invoices' amount: invoiced), the sum of the invoices
 * paid (paid_date).  A document counts for its deal's manager, a deal
 * only in a stage that exists, a document only of a deal that exists:
 * what the count from scratch (kpi.c, CRM_KPI_SCRATCH) joins.  Each
 * trigger takes out what the old row gave and puts in what the new one
 * gives, so the sales columns equal that count after any change, by the
 * tools or by hand; the task columns stay lib/kpiday.c's.  kpi_day is
 * made again with every column defaulting to 0, so that either side may
 * make a row; its task columns are summed again at the commit that ends
 * the migration.
 */
#define SALE_COLS \
	"day, person_id, opened, won, profit, wonsum, lost, contracts," \
	" invoices, invoiced, paid"
/* the stored sum of column c and what a change adds to it */
#define SALE_PLUS(c)	" " c " = kpi_day." c " + excluded." c
#define SALE_ADD(select) \
	"INSERT INTO kpi_day (" SALE_COLS ") " select \
	" ON CONFLICT (day, person_id) DO UPDATE SET" \
	SALE_PLUS("opened") "," SALE_PLUS("won") "," SALE_PLUS("profit") "," \
	SALE_PLUS("wonsum") "," SALE_PLUS("lost") "," SALE_PLUS("contracts") \
	"," SALE_PLUS("invoices") "," SALE_PLUS("invoiced") "," \
	SALE_PLUS("paid") "; "
/* won and lost, n deals of a stage r, with sums of profit and amount */
#define SALE_CLOSED(r, n, profit, amount) \
	" 0, CASE " r " WHEN 'won' THEN " n " ELSE 0 END," \
	" CASE " r " WHEN 'won' THEN " profit " ELSE 0 END," \
	" CASE " r " WHEN 'won' THEN " amount " ELSE 0 END," \
	" CASE " r " WHEN 'lost' THEN " n " ELSE 0 END, 0, 0, 0, 0"
/* a deal's own: opened, and won or lost */
#define SALE_DEAL(r, g) \
	SALE_ADD("SELECT substr(" r ".opened_at, 1, 10), " r ".manager_id," \
	" " g ", 0, 0, 0, 0, 0, 0, 0, 0 WHERE true") \
	SALE_ADD("SELECT substr(" r ".closed_at, 1, 10), " r ".manager_id," \
	SALE_CLOSED("s.outcome", g, g " * " r ".profit", g " * " r ".amount") \
	" FROM stage s WHERE s.id = " r ".stage_id" \
	" AND s.outcome IN ('won', 'lost') AND " r ".closed_at IS NOT NULL")
/* g for a document of kind k, else 0 */
#define SALE_KIND(c, k, g) \
	"CASE " c ".kind WHEN '" k "' THEN " g " ELSE 0 END"
/* the documents of deal r, for its manager, where cond */
#define SALE_DEAL_DOCS(r, g, cond) \
	SALE_ADD("SELECT c.doc_date, " r ".manager_id, 0, 0, 0, 0, 0," \
	" " g " * sum(" SALE_KIND("c", "contract", "1") ")," \
	" " g " * sum(" SALE_KIND("c", "invoice", "1") ")," \
	" " g " * sum(" SALE_KIND("c", "invoice", "c.amount") ")," \
	" 0 FROM doc c WHERE c.deal_id = " r ".id AND " cond " GROUP BY 1") \
	SALE_ADD("SELECT c.paid_date, " r ".manager_id, 0, 0, 0, 0, 0, 0, 0," \
	" 0, " g " * sum(c.amount) FROM doc c WHERE c.deal_id = " r ".id" \
	" AND c.kind = 'invoice' AND c.paid_date IS NOT NULL AND " cond \
	" GROUP BY 1")
/* document r, for its deal's manager */
#define SALE_DOC(r, g) \
	SALE_ADD("SELECT " r ".doc_date, d.manager_id, 0, 0, 0, 0, 0," \
	" " SALE_KIND(r, "contract", g) ", " SALE_KIND(r, "invoice", g) "," \
	" " SALE_KIND(r, "invoice", g " * " r ".amount") "," \
	" 0 FROM deal d WHERE d.id = " r ".deal_id") \
	SALE_ADD("SELECT " r ".paid_date, d.manager_id, 0, 0, 0, 0, 0, 0, 0," \
	" 0, " g " * " r ".amount FROM deal d WHERE d.id = " r ".deal_id" \
	" AND " r ".kind = 'invoice' AND " r ".paid_date IS NOT NULL")
/* a deal's manager or id changed (both NOT NULL: <> serves both SQLs) */
#define SALE_DEAL_MOVED \
	"(OLD.manager_id <> NEW.manager_id OR OLD.id <> NEW.id)"
/* the deals in stage r, won or lost as r says */
#define SALE_STAGE(r, g) \
	SALE_ADD("SELECT substr(d.closed_at, 1, 10), d.manager_id," \
	SALE_CLOSED(r ".outcome", g " * count(*)", g " * sum(d.profit)", \
	g " * sum(d.amount)") " FROM deal d WHERE d.stage_id = " r ".id" \
	" AND " r ".outcome IN ('won', 'lost') AND d.closed_at IS NOT NULL" \
	" GROUP BY 1, 2")

/*
 * kpi_day from scratch, the migration's and a rebuild's: emptied, every
 * sale from the deals and documents, every pair of the tasks stale (the
 * commit sums them).
 */
const char crmi_sql_kpifill[] =
	"DELETE FROM kpi_day; "
	"INSERT INTO kpi_day (" SALE_COLS ") SELECT day, person_id,"
	" sum(opened), sum(won), sum(profit), sum(wonsum), sum(lost),"
	" sum(contracts), sum(invoices), sum(invoiced), sum(paid) FROM ("
	" SELECT substr(opened_at, 1, 10) AS day, manager_id AS person_id,"
	" 1 AS opened, 0 AS won, 0 AS profit, 0 AS wonsum, 0 AS lost,"
	" 0 AS contracts, 0 AS invoices, 0 AS invoiced, 0 AS paid FROM deal"
	" UNION ALL SELECT substr(d.closed_at, 1, 10), d.manager_id,"
	SALE_CLOSED("s.outcome", "1", "d.profit", "d.amount")
	" FROM deal d JOIN stage s ON s.id = d.stage_id"
	" WHERE s.outcome IN ('won', 'lost') AND d.closed_at IS NOT NULL"
	" UNION ALL SELECT c.doc_date, d.manager_id, 0, 0, 0, 0, 0,"
	" " SALE_KIND("c", "contract", "1") ", " SALE_KIND("c", "invoice", "1")
	", " SALE_KIND("c", "invoice", "c.amount") ", 0"
	" FROM doc c JOIN deal d ON d.id = c.deal_id"
	" UNION ALL SELECT c.paid_date, d.manager_id, 0, 0, 0, 0, 0, 0, 0, 0,"
	" c.amount FROM doc c JOIN deal d ON d.id = c.deal_id"
	" WHERE c.kind = 'invoice' AND c.paid_date IS NOT NULL) AS sale"
	" GROUP BY day, person_id; "
	KPI_STALE_TASKS("true");

#define KDAY_COL(name)	" " name " INTEGER NOT NULL DEFAULT 0,"

static const char *const m_kpisales[] = {
	"DROP TABLE kpi_day",
	"CREATE TABLE kpi_day ("
	" day TEXT NOT NULL,"
	" person_id INTEGER NOT NULL,"
	KDAY_COL("planned") KDAY_COL("ontime") KDAY_COL("late")
	KDAY_COL("byhead") KDAY_COL("open") KDAY_COL("cancelled")
	KDAY_COL("moves") KDAY_COL("selfmade") KDAY_COL("assigned")
	KDAY_COL("advance") KDAY_COL("complete") KDAY_COL("comments")
	KDAY_COL("junk") KDAY_COL("ahead")
	KDAY_COL("opened") KDAY_COL("won") KDAY_COL("profit")
	KDAY_COL("wonsum") KDAY_COL("lost") KDAY_COL("contracts")
	KDAY_COL("invoices") KDAY_COL("invoiced") KDAY_COL("paid")
	" PRIMARY KEY (day, person_id)) WITHOUT ROWID",

	crmi_sql_kpifill,

	KPI_TRIGGER("kpi_sale_deal_insert", "AFTER INSERT ON deal",
	    SALE_DEAL("NEW", "1") SALE_DEAL_DOCS("NEW", "1", "true")),

	KPI_TRIGGER("kpi_sale_deal_delete", "AFTER DELETE ON deal",
	    SALE_DEAL("OLD", "-1") SALE_DEAL_DOCS("OLD", "-1", "true")),

	/* the documents move with the deal's manager (or its id) */
	KPI_TRIGGER("kpi_sale_deal_update", "AFTER UPDATE OF"
	    " id, manager_id, opened_at, closed_at, stage_id, amount, profit"
	    " ON deal", SALE_DEAL("OLD", "-1") SALE_DEAL("NEW", "1")
	    SALE_DEAL_DOCS("OLD", "-1", SALE_DEAL_MOVED)
	    SALE_DEAL_DOCS("NEW", "1", SALE_DEAL_MOVED)),

	KPI_TRIGGER("kpi_sale_doc_insert", "AFTER INSERT ON doc",
	    SALE_DOC("NEW", "1")),

	KPI_TRIGGER("kpi_sale_doc_delete", "AFTER DELETE ON doc",
	    SALE_DOC("OLD", "-1")),

	KPI_TRIGGER("kpi_sale_doc_update", "AFTER UPDATE OF"
	    " deal_id, kind, doc_date, amount, paid_date ON doc",
	    SALE_DOC("OLD", "-1") SALE_DOC("NEW", "1")),

	/* a stage's outcome decides won or lost: by hand only, today */
	KPI_TRIGGER("kpi_sale_stage_insert", "AFTER INSERT ON stage",
	    SALE_STAGE("NEW", "1")),

	KPI_TRIGGER("kpi_sale_stage_delete", "AFTER DELETE ON stage",
	    SALE_STAGE("OLD", "-1")),

	KPI_TRIGGER("kpi_sale_stage_update", "AFTER UPDATE OF id, outcome"
	    " ON stage", SALE_STAGE("OLD", "-1") SALE_STAGE("NEW", "1")),
	NULL
};

/*
 * pgroles: on PostgreSQL the server enforces the role matrix itself, for
 * a person's own connection (psql too) as for the tools.  Each person is
 * a role of their login (made and kept by the trigger on person, from
 * the owner's rights) in one of the groups crm_manager, crm_head,
 * crm_director, crm_admin, all members of crm_person, which holds the
 * grants.  Row-level security gives each the rows of crm_may_see() and
 * crm_may_act() (person.c): their own, their team's for an active head,
 * everyone's for a director (reading) and an admin; the owner, who
 * migrates, is not subject to it.  The audit log is insert-only for
 * people (an admin may erase a detail, as the trigger allows).  Times of
 * record are the server's (crm_now(): the clock in the department's
 * zone, or crm.now for a session of the owner's alone, as root's CRM_NOW);
 * triggers give a person's session that time whatever it writes.  SQLite
 * only counts a version.
 */
#define PG_GROUPS "'crm_person', 'crm_manager', 'crm_head'," \
	" 'crm_director', 'crm_admin'"
/* the visibility of table t by the person of column c */
#define PG_RLS(t, sees, acts) \
	CRMI_PG_ONLY "ALTER TABLE " t " ENABLE ROW LEVEL SECURITY", \
	CRMI_PG_ONLY "CREATE POLICY crm_sees ON " t " FOR SELECT" \
	" USING (" sees ")", \
	CRMI_PG_ONLY "CREATE POLICY crm_acts ON " t \
	" USING (" acts ") WITH CHECK (" acts ")"
#define PG_RLS_OF(t, c) PG_RLS(t, "crm_sees(" c ")", "crm_acts(" c ")")
/* the rows of t that belong to a row of parent that the person sees */
#define PG_RLS_VIA(t, parent, key, c) PG_RLS(t, \
	"EXISTS (SELECT 1 FROM " parent " x WHERE x.id = " key ")", \
	"EXISTS (SELECT 1 FROM " parent " x WHERE x.id = " key \
	" AND crm_acts(x." c "))")
/* the server's time in columns ... of t, for a person's session */
#define PG_CLOCK(t, cols) \
	CRMI_PG_ONLY "CREATE TRIGGER crm_clock BEFORE INSERT OR UPDATE ON " \
	t " FOR EACH ROW EXECUTE FUNCTION crm_clock(" cols ")"

static const char *const m_pgroles[] = {
	/* the groups are the cluster's: another department may have them */
	CRMI_PG_ONLY "DO $$DECLARE g text; BEGIN"
	" FOREACH g IN ARRAY ARRAY[" PG_GROUPS "] LOOP"
	" IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = g) THEN"
	" EXECUTE format('CREATE ROLE %I NOLOGIN', g); END IF;"
	" IF g <> 'crm_person' THEN"
	" EXECUTE format('GRANT crm_person TO %I', g); END IF;"
	" END LOOP; END$$",

	/*
	 * The time of record; crm.now only for the owner's session (the
	 * function's owner: SECURITY DEFINER makes current_user the owner).
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_now() RETURNS text LANGUAGE plpgsql"
	" STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$"
	"DECLARE f text := current_setting('crm.now', true); BEGIN"
	" IF session_user = current_user AND coalesce(f, '') <> '' THEN"
	" RETURN f; END IF;"
	" RETURN to_char(now() AT TIME ZONE coalesce((SELECT value FROM meta"
	" WHERE key = 'zone'), 'UTC'), 'YYYY-MM-DD HH24:MI:SS'); END$$",

	/* the columns named, when given or changed, get crm_now() */
	CRMI_PG_ONLY "CREATE FUNCTION crm_clock() RETURNS trigger"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$DECLARE c text; v text; t jsonb := '{}'; BEGIN"
	" IF session_user = current_user THEN RETURN NEW; END IF;"
	" FOREACH c IN ARRAY TG_ARGV LOOP"
	" v := to_jsonb(NEW) ->> c;"
	" IF v IS NOT NULL AND (TG_OP = 'INSERT'"
	" OR v IS DISTINCT FROM to_jsonb(OLD) ->> c) THEN"
	" t := t || jsonb_build_object(c, crm_now()); END IF; END LOOP;"
	" RETURN jsonb_populate_record(NEW, t); END$$",

	/*
	 * A person's own work is closed when they say so: closed_at of a
	 * task of their own is the server's time too (a head may record an
	 * earlier time for the team, as the library allows).
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_closed() RETURNS trigger"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$BEGIN IF session_user <> current_user"
	" AND NEW.closed_at IS NOT NULL AND (TG_OP = 'INSERT'"
	" OR NEW.closed_at IS DISTINCT FROM OLD.closed_at)"
	" AND NEW.assignee_id = (SELECT id FROM person"
	" WHERE login = session_user) THEN NEW.closed_at := crm_now();"
	" END IF; RETURN NEW; END$$",
	CRMI_PG_ONLY "CREATE TRIGGER crm_closed BEFORE INSERT OR UPDATE ON"
	" task FOR EACH ROW EXECUTE FUNCTION crm_closed()",
	PG_CLOCK("audit", "'at'"),
	PG_CLOCK("task", "'created_at', 'recorded_at'"),
	PG_CLOCK("task_move", "'at', 'undone_at'"),
	PG_CLOCK("task_series", "'created_at'"),
	PG_CLOCK("deal_stage_log", "'at'"),
	PG_CLOCK("client", "'created_at'"),
	PG_CLOCK("doc", "'created_at'"),
	PG_CLOCK("person", "'created_at'"),
	PG_CLOCK("rule", "'changed_at'"),
	PG_CLOCK("control", "'at'"),
	PG_CLOCK("reminder", "'sent_at'"),

	/*
	 * Whether the person connected may see (crm_sees) or change
	 * (crm_acts) the work of person p: crm_may_see(), crm_may_act().
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_sees(p bigint) RETURNS boolean"
	" LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1 FROM person me"
	" WHERE me.login = current_user AND me.active = 1 AND (me.id = p"
	" OR me.role IN ('director', 'admin') OR (me.role = 'head' AND"
	" EXISTS (SELECT 1 FROM person w WHERE w.id = p"
	" AND w.head_id = me.id))))$$",
	CRMI_PG_ONLY "CREATE FUNCTION crm_acts(p bigint) RETURNS boolean"
	" LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1 FROM person me"
	" WHERE me.login = current_user AND me.active = 1 AND (me.id = p"
	" OR me.role = 'admin' OR (me.role = 'head' AND"
	" EXISTS (SELECT 1 FROM person w WHERE w.id = p"
	" AND w.head_id = me.id))))$$",
	/* an admin, or a head over a manager of their own team */
	CRMI_PG_ONLY "CREATE FUNCTION crm_may_person(r text, h bigint)"
	" RETURNS boolean LANGUAGE sql STABLE AS $$SELECT EXISTS (SELECT 1"
	" FROM person me WHERE me.login = current_user AND me.active = 1"
	" AND (me.role = 'admin' OR (me.role = 'head' AND r = 'manager'"
	" AND h = me.id)))$$",

	PG_RLS_OF("task", "assignee_id"),
	PG_RLS_OF("task_series", "assignee_id"),
	PG_RLS_OF("deal", "manager_id"),
	PG_RLS_OF("kpi_day", "person_id"),
	PG_RLS_OF("kpi_stale", "person_id"),
	/* any change marks its pairs stale, seen or not */
	CRMI_PG_ONLY "CREATE POLICY crm_mark ON kpi_stale FOR INSERT"
	" WITH CHECK (true)",
	PG_RLS_VIA("task_move", "task", "task_id", "assignee_id"),
	PG_RLS_VIA("reminder", "task", "task_id", "assignee_id"),
	PG_RLS_VIA("doc", "deal", "deal_id", "manager_id"),
	PG_RLS_VIA("deal_stage_log", "deal", "deal_id", "manager_id"),
	/* a client: as crmi_sql_client_look finds one */
	PG_RLS("client", "manager_id IS NULL OR crm_sees(manager_id)"
	" OR EXISTS (SELECT 1 FROM deal d WHERE d.client_id = client.id)"
	" OR EXISTS (SELECT 1 FROM task t WHERE t.client_id = client.id)",
	"manager_id IS NULL OR crm_acts(manager_id)"),
	/*
	 * Everyone reads the people; an admin or a head changes them; a
	 * person their own name and e-mail (by grant), as they were else.
	 */
	PG_RLS("person", "true", "crm_may_person(role, head_id)"),
	CRMI_PG_ONLY "CREATE FUNCTION crm_self(l text, r text, h bigint,"
	" a bigint) RETURNS boolean LANGUAGE sql STABLE AS $$SELECT EXISTS"
	" (SELECT 1 FROM person me WHERE me.login = current_user"
	" AND l = me.login AND r = me.role AND a = me.active"
	" AND h IS NOT DISTINCT FROM me.head_id)$$",
	CRMI_PG_ONLY "CREATE POLICY crm_self ON person FOR UPDATE"
	" USING (login = current_user)"
	" WITH CHECK (crm_self(login, role, head_id, active))",

	CRMI_PG_ONLY "GRANT USAGE ON SCHEMA public TO crm_person",
	CRMI_PG_ONLY "GRANT SELECT ON ALL TABLES IN SCHEMA public"
	" TO crm_person",
	CRMI_PG_ONLY "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public"
	" TO crm_person",
	/*
	 * Not kpi_day nor kpi_stale: the KPI's stored figures are the
	 * owner's, written by the triggers (with the owner's rights) and
	 * by the owner's sessions (store_pg.c's keeper), never forged from
	 * a person's own connection.
	 */
	CRMI_PG_ONLY "GRANT INSERT, UPDATE, DELETE ON task, task_move,"
	" task_series, client, deal, deal_stage_log, doc, reminder"
	" TO crm_person",
	/* an import that keeps its ids moves the sequence on (setval) */
	CRMI_PG_ONLY "GRANT UPDATE ON ALL SEQUENCES IN SCHEMA public"
	" TO crm_head, crm_admin",
	CRMI_PG_ONLY "GRANT INSERT ON audit TO crm_person",
	CRMI_PG_ONLY "GRANT UPDATE (detail) ON audit TO crm_admin",
	CRMI_PG_ONLY "GRANT INSERT, UPDATE, DELETE ON person, rule, calendar,"
	" control, task_kind, title, stage TO crm_head, crm_admin",
	CRMI_PG_ONLY "GRANT INSERT, UPDATE ON meta TO crm_admin",
	CRMI_PG_ONLY "GRANT UPDATE (name, email) ON person TO crm_person",
	/* what later migrations make, people read */
	CRMI_PG_ONLY "ALTER DEFAULT PRIVILEGES IN SCHEMA public"
	" GRANT SELECT ON TABLES TO crm_person",

	/*
	 * A person's role kept as their row says, with the owner's rights
	 * (CREATEROLE): made if missing, in crm_person, and while active in
	 * the group of their role and allowed to log in (root may still
	 * act for them, to be told they are deactivated); the owner a
	 * member, so that root may take it on (SET ROLE).  A role of the
	 * server's own (a superuser, one that makes roles, the owner, a
	 * group) is never touched; another role that is no person's (not in
	 * crm_person) is refused, so that adding a person of that login
	 * gives neither them nor the owner its rights.
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_role_of(l text, r text, a bigint)"
	" RETURNS void LANGUAGE plpgsql SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$DECLARE x record; g text;"
	" BEGIN IF l = current_user OR l IN (" PG_GROUPS ") THEN RETURN;"
	" END IF;"
	" SELECT * INTO x FROM pg_roles WHERE rolname = l;"
	" IF NOT FOUND THEN EXECUTE format('CREATE ROLE %I', l);"
	" ELSIF x.rolsuper OR x.rolcreaterole THEN RETURN;"
	" ELSIF NOT pg_has_role(l, 'crm_person', 'MEMBER') THEN"
	" RAISE EXCEPTION 'the role ''%'' exists and is no person''s', l"
	" USING ERRCODE = '23000'; END IF;"
	" EXECUTE format('ALTER ROLE %I ' || CASE a WHEN 1 THEN 'LOGIN'"
	" ELSE 'NOLOGIN' END, l);"
	" IF NOT pg_has_role(current_user, l, 'MEMBER') THEN"
	" EXECUTE format('GRANT %I TO %I', l, current_user); END IF;"
	" EXECUTE format('GRANT crm_person TO %I', l);"
	" FOREACH g IN ARRAY ARRAY['manager', 'head', 'director', 'admin']"
	" LOOP IF g = r AND a = 1 THEN"
	" EXECUTE format('GRANT %I TO %I', 'crm_' || g, l);"
	" ELSIF pg_has_role(l, 'crm_' || g, 'MEMBER') THEN"
	" EXECUTE format('REVOKE %I FROM %I', 'crm_' || g, l); END IF;"
	" END LOOP; END$$",
	/* the owner's rights: nobody else may call it */
	CRMI_PG_ONLY "REVOKE EXECUTE ON FUNCTION crm_role_of(text, text,"
	" bigint) FROM PUBLIC",
	CRMI_PG_ONLY "CREATE FUNCTION crm_role_sync() RETURNS trigger"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$BEGIN PERFORM crm_role_of(NEW.login, NEW.role, NEW.active);"
	" RETURN NULL; END$$",
	CRMI_PG_ONLY "CREATE TRIGGER crm_role_sync AFTER INSERT OR UPDATE OF"
	" login, role, active ON person FOR EACH ROW"
	" EXECUTE FUNCTION crm_role_sync()",
	CRMI_PG_ONLY "SELECT crm_role_of(login, role, active) FROM person",

	/*
	 * The sequences follow the tables (store_pg.c: after a rolled-back
	 * insert, or an import that keeps its ids) over every row, not the
	 * rows the caller's row-level security shows: else a head's import
	 * would set the clients' sequence back under another team's ids.
	 */
	CRMI_PG_ONLY "CREATE FUNCTION crm_ids_reset() RETURNS void"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$" CRMI_PG_IDS_RESET "$$",
	CRMI_PG_ONLY "CREATE FUNCTION crm_ids_taken(t text) RETURNS void"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$BEGIN EXECUTE format('SELECT setval(pg_get_serial_sequence("
	"%L, ''id''), max(id)) FROM %I', t, t); END$$",
	NULL
};

/*
 * review: the head's acceptance of work done (review.c).  review is
 * NULL (none yet), 'accepted' (done and accepted) or 'returned' (sent
 * back: open again, and once done again waiting again); review_note the
 * head's words of the last acceptance or return, by reviewed_by at
 * reviewed_at; returns how many times the task came back, which the KPI
 * counts against its assignee.  kpi_day sums returns as it sums the
 * other task columns (and linked: the tasks planned ahead with a client
 * or a deal, which alone fill a day's plan unless plan.filler says), so the trigger that marks a day stale watches the
 * column too.  On PostgreSQL the assignee's own session may not accept
 * or return their own work, nor take a return back.
 */
static const char *const m_review[] = {
	"ALTER TABLE task ADD COLUMN review TEXT"
	" CHECK (review IN ('accepted', 'returned'))",
	"ALTER TABLE task ADD COLUMN review_note TEXT",
	"ALTER TABLE task ADD COLUMN reviewed_by INTEGER"
	" REFERENCES person(id)",
	"ALTER TABLE task ADD COLUMN reviewed_at TEXT",
	"ALTER TABLE task ADD COLUMN returns INTEGER NOT NULL DEFAULT 0",
	"ALTER TABLE kpi_day ADD COLUMN returns INTEGER NOT NULL DEFAULT 0",
	"ALTER TABLE kpi_day ADD COLUMN linked INTEGER NOT NULL DEFAULT 0",
	/* every pair stale: linked is summed at the migration's commit */
	"INSERT INTO kpi_stale (person_id, day)"
	" SELECT DISTINCT assignee_id, first_due FROM task"
	" WHERE true ON CONFLICT DO NOTHING",
	"DROP TRIGGER IF EXISTS kpi_task_update",
	CRMI_PG_ONLY "DROP TRIGGER kpi_task_update ON task",
	CRMI_PG_ONLY "DROP FUNCTION kpi_task_update()",
	KPI_TASK_UPDATE(", returns"),
	CRMI_PG_ONLY "CREATE FUNCTION crm_review() RETURNS trigger"
	" LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp"
	" AS $$BEGIN IF session_user <> current_user"
	" AND NEW.assignee_id = (SELECT id FROM person"
	" WHERE login = session_user)"
	" AND (NEW.review IS DISTINCT FROM OLD.review"
	" OR NEW.review_note IS DISTINCT FROM OLD.review_note"
	" OR NEW.reviewed_by IS DISTINCT FROM OLD.reviewed_by"
	" OR NEW.returns IS DISTINCT FROM OLD.returns) THEN"
	" RAISE EXCEPTION 'only the head accepts or returns work'"
	" USING ERRCODE = '42501'; END IF; RETURN NEW; END$$",
	CRMI_PG_ONLY "CREATE TRIGGER crm_review BEFORE UPDATE ON task"
	" FOR EACH ROW EXECUTE FUNCTION crm_review()",
	CRMI_PG_ONLY "DROP TRIGGER crm_clock ON task",
	PG_CLOCK("task", "'created_at', 'recorded_at', 'reviewed_at'"),
	NULL
};

const char *const *const crmi_migrations[] = {
	m1, m2, m_audit, m_comfort, m_forgive, m_russian, m_kpifast,
	m_kpisales, m_pgroles, m_review, NULL
};

int
crm_schema_version(void)
{
	int	 n = 0;

	while (crmi_migrations[n] != NULL)
		n++;
	return n;
}

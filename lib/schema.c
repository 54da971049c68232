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
 * pgroles: the server's clock, and the sequences kept after the tables.
 * Until trust (below) this migration also made each person a role of
 * the server, with row-level security over their own psql: trust takes
 * that out of a database that has it, and a new database never makes it
 * (it needed a service role that could make the cluster's roles).  The
 * time of record is crm_now(): the server's clock in the department's
 * zone, or crm.now, which the library sets for root's CRM_NOW only and
 * a setgid tool's caller cannot reach (store_pg.c clears PGOPTIONS).
 */
static const char *const m_pgroles[] = {
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_now() RETURNS text"
	" LANGUAGE plpgsql STABLE SECURITY DEFINER"
	" SET search_path = public, pg_temp AS $$"
	"DECLARE f text := current_setting('crm.now', true); BEGIN"
	" IF session_user = current_user AND coalesce(f, '') <> '' THEN"
	" RETURN f; END IF;"
	" RETURN to_char(now() AT TIME ZONE coalesce((SELECT value FROM meta"
	" WHERE key = 'zone'), 'UTC'), 'YYYY-MM-DD HH24:MI:SS'); END$$",
	NULL
};

/*
 * trust: one trust boundary, as on SQLite.  People reach the
 * department's data through the tools only, which connect as its
 * service role (crm.conf's database and secret); the library is the one
 * place where the rules live.  What pgroles made for people's own
 * connections goes: the policies and row-level security, the triggers
 * that gave a person's session the server's time, the functions of both,
 * every grant to the groups crm_person, crm_manager, crm_head,
 * crm_director and crm_admin, and to PUBLIC the database, the schema and
 * the functions; then the roles themselves where they can go (a role
 * another database of the cluster still uses stays, and can do nothing
 * in this one, not even connect).  The sequences follow their tables
 * through functions that name each table one way, callable by the owner
 * only.
 */
#define PG_GROUPS "'crm_person', 'crm_manager', 'crm_head'," \
	" 'crm_director', 'crm_admin'"

static const char *const m_trust[] = {
	CRMI_PG_ONLY "DO $$DECLARE r record; BEGIN"
	" FOR r IN SELECT policyname, tablename FROM pg_policies"
	" WHERE schemaname = 'public' LOOP"
	" EXECUTE format('DROP POLICY %I ON public.%I', r.policyname,"
	" r.tablename); END LOOP;"
	" FOR r IN SELECT c.relname FROM pg_class c JOIN pg_namespace n"
	" ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
	" AND c.relrowsecurity LOOP"
	" EXECUTE format('ALTER TABLE public.%I DISABLE ROW LEVEL SECURITY',"
	" r.relname); END LOOP;"
	" FOR r IN SELECT t.tgname, c.relname FROM pg_trigger t"
	" JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n"
	" ON n.oid = c.relnamespace WHERE n.nspname = 'public'"
	" AND t.tgname IN ('crm_clock', 'crm_closed', 'crm_role_sync') LOOP"
	" EXECUTE format('DROP TRIGGER %I ON public.%I', r.tgname,"
	" r.relname); END LOOP; END$$",
	CRMI_PG_ONLY "DROP FUNCTION IF EXISTS crm_clock(), crm_closed(),"
	" crm_sees(bigint), crm_acts(bigint), crm_may_person(text, bigint),"
	" crm_self(text, text, bigint, bigint), crm_role_sync(),"
	" crm_role_of(text, text, bigint)",
	CRMI_PG_ONLY "DO $$DECLARE g text; BEGIN"
	" FOR g IN SELECT rolname FROM pg_roles WHERE rolname IN (" PG_GROUPS
	") LOOP"
	" EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public"
	" FROM %I', g);"
	" EXECUTE format('REVOKE ALL ON SCHEMA public FROM %I', g);"
	" EXECUTE format('ALTER DEFAULT PRIVILEGES IN SCHEMA public"
	" REVOKE ALL ON TABLES FROM %I', g); END LOOP; END$$",
	/*
	 * The people's roles that pgroles made, where the migrating role
	 * may drop them (it made them, with CREATEROLE): none of the
	 * server's own, none that another database still needs (the
	 * error is taken as a no).
	 */
	CRMI_PG_ONLY "DO $$DECLARE r record; BEGIN"
	" IF to_regrole('crm_person') IS NULL THEN RETURN; END IF;"
	" FOR r IN SELECT x.rolname FROM pg_roles x JOIN person p"
	" ON p.login = x.rolname WHERE NOT x.rolsuper"
	" AND NOT x.rolcreaterole AND x.rolname <> current_user"
	" AND pg_has_role(x.rolname, 'crm_person', 'MEMBER') LOOP"
	" BEGIN EXECUTE format('DROP ROLE %I', r.rolname);"
	" EXCEPTION WHEN others THEN NULL; END; END LOOP;"
	" FOR r IN SELECT rolname FROM pg_roles WHERE rolname IN ("
	PG_GROUPS ") ORDER BY rolname = 'crm_person' LOOP"
	" BEGIN EXECUTE format('DROP ROLE %I', r.rolname);"
	" EXCEPTION WHEN others THEN NULL; END; END LOOP; END$$",
	CRMI_PG_ONLY "REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC",
	CRMI_PG_ONLY "REVOKE ALL ON ALL SEQUENCES IN SCHEMA public"
	" FROM PUBLIC",
	/* functions' EXECUTE for PUBLIC is a global default: revoked
	 * globally, for the functions the migrating role makes later */
	CRMI_PG_ONLY "ALTER DEFAULT PRIVILEGES"
	" REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC",
	CRMI_PG_ONLY "DO $$BEGIN EXECUTE format('REVOKE ALL ON DATABASE %I"
	" FROM PUBLIC', current_database()); END$$",
	CRMI_PG_ONLY "REVOKE ALL ON SCHEMA public FROM PUBLIC",
	/* a table's name resolved once, in the schema, for both uses */
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_ids_reset()"
	" RETURNS void LANGUAGE plpgsql SECURITY INVOKER"
	" SET search_path = public, pg_temp AS $$" CRMI_PG_IDS_RESET "$$",
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_ids_taken(t text)"
	" RETURNS void LANGUAGE plpgsql SECURITY INVOKER"
	" SET search_path = public, pg_temp AS $$DECLARE"
	" q text := 'public.' || quote_ident(t); BEGIN"
	" IF to_regclass(q) IS NULL THEN RAISE EXCEPTION 'no table %', t;"
	" END IF;"
	" EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, ''id''),"
	" max(id)) FROM %s', q, q); END$$",
	CRMI_PG_ONLY "REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public"
	" FROM PUBLIC",
	NULL
};

/*
 * honest: a cancel after the first due day by the person counts as not
 * done (kpiday.c), so the stored sums of the days that hold a cancelled
 * task are summed again at the commit.  first_kind is the kind a task
 * had before its kind was first changed (NULL: never changed), whose
 * fields the KPI still asks for; a change of it, or of its fields,
 * marks the task's day stale as the kind's does (m_kpifast).  No
 * REFERENCES: tests/lib.sh's kpi_older drops the column again.
 */
static const char *const m_honest[] = {
	"ALTER TABLE task ADD COLUMN first_kind TEXT",
	KPI_TRIGGER("kpi_task_first_kind", "AFTER UPDATE OF first_kind ON task",
	    KPI_STALE("VALUES (OLD.assignee_id, OLD.first_due)")
	    KPI_STALE("VALUES (NEW.assignee_id, NEW.first_due)")),
	KPI_TRIGGER("kpi_kind_first", "AFTER UPDATE ON task_kind",
	    KPI_STALE_TASKS("first_kind = OLD.name OR first_kind = NEW.name")),
	"INSERT INTO kpi_stale (person_id, day)"
	" SELECT DISTINCT assignee_id, first_due FROM task"
	" WHERE state = 'cancelled' ON CONFLICT DO NOTHING",
	/* the trigger functions are the owner's alone, as trust left all */
	CRMI_PG_ONLY "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public"
	" FROM PUBLIC",
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
	/* people reach the server through the tools alone (trust): the
	 * functions are the owner's, as trust left every one */
	CRMI_PG_ONLY "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public"
	" FROM PUBLIC",
	NULL
};

const char *const *const crmi_migrations[] = {
	m1, m2, m_audit, m_comfort, m_forgive, m_russian, m_kpifast,
	m_kpisales, m_pgroles, m_trust, m_honest, m_review, NULL
};

int
crm_schema_version(void)
{
	int	 n = 0;

	while (crmi_migrations[n] != NULL)
		n++;
	return n;
}

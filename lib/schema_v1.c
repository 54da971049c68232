/*
 * schema_v1.c: migrations 1 and 2 of the schema (schema.c): people and
 * the audit log; tasks, clients, deals, documents, regulations and
 * controls.
 */
#include <stddef.h>

#include "crm_int.h"
#include "schema.h"

/* 1: people and the audit log. */
const char *const crmi_m1[] = {
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
const char *const crmi_m2[] = {
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

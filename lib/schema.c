/*
 * schema.c: the database schema, as the list of migrations that build it.
 *
 * Migration N takes a database from user_version N-1 to N.  A migration,
 * once released, is never edited: a change is a new migration appended to
 * the list.  The SQL keeps to what PostgreSQL also accepts where SQLite
 * allows it (TEXT dates, INTEGER money, CHECK constraints, no AUTOINCREMENT),
 * except for the triggers, which each backend writes in its own dialect.
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

	"CREATE INDEX audit_entity ON audit(entity, entity_id)",
	"CREATE INDEX audit_owner ON audit(owner_id)",

	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	" BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
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
 * hold them already.
 */
/* DO NOTHING, not OR IGNORE: an upsert's DO UPDATE would override that */
#define KPI_STALE(pair) \
	"INSERT INTO kpi_stale (person_id, day) " pair \
	" ON CONFLICT DO NOTHING; "
#define KPI_STALE_TASKS(cond) \
	KPI_STALE("SELECT assignee_id, first_due FROM task WHERE " cond)

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

	"CREATE TRIGGER IF NOT EXISTS kpi_task_insert AFTER INSERT ON task"
	" BEGIN " KPI_STALE("VALUES (NEW.assignee_id, NEW.first_due)") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_task_delete AFTER DELETE ON task"
	" BEGIN " KPI_STALE("VALUES (OLD.assignee_id, OLD.first_due)") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_task_update AFTER UPDATE OF"
	" assignee_id, author_id, kind, title, note, client_id, deal_id,"
	" due_time, first_due, state, created_at, closed_at, closed_by,"
	" result, moves ON task BEGIN"
	" " KPI_STALE("VALUES (OLD.assignee_id, OLD.first_due)")
	KPI_STALE("VALUES (NEW.assignee_id, NEW.first_due)") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_kind_update AFTER UPDATE ON task_kind"
	" BEGIN "
	KPI_STALE_TASKS("kind = OLD.name OR kind = NEW.name") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_rule_insert AFTER INSERT ON rule"
	" WHEN NEW.key LIKE 'junk.%' OR NEW.key LIKE 'fields.%' BEGIN "
	KPI_STALE_TASKS("1") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_rule_update AFTER UPDATE ON rule"
	" WHEN NEW.key LIKE 'junk.%' OR NEW.key LIKE 'fields.%'"
	" OR OLD.key LIKE 'junk.%' OR OLD.key LIKE 'fields.%' BEGIN "
	KPI_STALE_TASKS("1") "END",

	"CREATE TRIGGER IF NOT EXISTS kpi_rule_delete AFTER DELETE ON rule"
	" WHEN OLD.key LIKE 'junk.%' OR OLD.key LIKE 'fields.%' BEGIN "
	KPI_STALE_TASKS("1") "END",

	/* a person's team decides their rules; a head's, their team's */
	"CREATE TRIGGER IF NOT EXISTS kpi_person_update AFTER UPDATE OF"
	" head_id, role, login ON person BEGIN "
	KPI_STALE_TASKS("assignee_id = NEW.id OR assignee_id IN"
	" (SELECT id FROM person WHERE head_id = NEW.id)") "END",

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
	" WHERE 1 ON CONFLICT DO NOTHING",
	NULL
};

const char *const *const crmi_migrations[] = {
	m1, m2, m_audit, m_comfort, m_forgive, m_russian, m_kpifast, NULL
};

int
crm_schema_version(void)
{
	int	 n = 0;

	while (crmi_migrations[n] != NULL)
		n++;
	return n;
}

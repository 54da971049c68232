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
 *
 * The migrations live by era: 1 and 2 in schema_v1.c, 3 to 6 in
 * schema_v3.c, 9, 10 and 15 (PostgreSQL's roles, trust and clock) in
 * schema_pg.c; the KPI's, 7, 8 and 11 to 13, with the macros they share,
 * and 14, the search, here.
 */
#include <stddef.h>

#include "crm_int.h"
#include "schema.h"

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
	CRMI_PG_ONLY "DROP TRIGGER IF EXISTS kpi_task_update ON task",
	CRMI_PG_ONLY "DROP FUNCTION IF EXISTS kpi_task_update()",
	KPI_TASK_UPDATE(", returns"),
	/* people reach the server through the tools alone (trust): the
	 * functions are the owner's, as trust left every one */
	CRMI_PG_ONLY "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA public"
	" FROM PUBLIC",
	NULL
};

/*
 * paste: the KPI reads a person's tasks by their first due day (the
 * paste rule's results, plan.c's SQL_KPI_TEXTS), which task_first_due,
 * by day first, reads for everyone of the period; by person first it
 * reads that person's.
 */
static const char *const m_paste[] = {
	"CREATE INDEX IF NOT EXISTS task_assignee_first"
	" ON task(assignee_id, first_due)",
	NULL
};

/*
 * search: crm_has(text, key), whether the fold of text (crm_fold) holds
 * key, the search of task-list -q and of a deal by part of its title.
 * SQLite's driver registers it in C; PostgreSQL's translate() of 70
 * letters took 5.6 s over 200,000 tasks (bench/results.md), so there
 * the key becomes a pattern instead, each letter the class of the
 * letters that fold to it (crmi_fold_cp() of text.c: "е" is [еЕёЁ]),
 * every other ASCII character but a letter or a digit escaped.  The
 * same rows, letter for letter: the fold maps one character to one, so
 * text's fold holds key exactly where text holds a run of characters
 * each of whose fold is key's.  A key that is not folded itself is
 * found nowhere, as by instr(crm_fold(text), key).  crm_has is not
 * STRICT, and so is written into the statement that calls it, where
 * the key is the statement's parameter: its pattern is made once a
 * statement, not once a row.  Its classes name each letter, so neither
 * the server's locale nor its collation changes what matches.  OR
 * REPLACE, as IF NOT EXISTS in m_kpifast: a database set back to an
 * older version by hand (tests/93) holds them already.
 */
static const char *const m_search[] = {
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_fold_re(text)"
	" RETURNS text"
	" LANGUAGE sql IMMUTABLE STRICT AS $$SELECT coalesce(string_agg("
	" CASE WHEN ascii(c) = 1077 THEN '[еЕёЁ]'"
	" WHEN ascii(c) BETWEEN 97 AND 122 OR ascii(c) BETWEEN 1072 AND 1103"
	" THEN '[' || c || chr(ascii(c) - 32) || ']'"
	" WHEN ascii(c) BETWEEN 1104 AND 1119 AND ascii(c) <> 1105"
	" THEN '[' || c || chr(ascii(c) - 80) || ']'"
	" WHEN ascii(c) < 128 AND NOT (ascii(c) BETWEEN 48 AND 57"
	" OR ascii(c) BETWEEN 65 AND 90 OR ascii(c) BETWEEN 97 AND 122)"
	" THEN '\\' || c ELSE c END, '' ORDER BY i), '')"
	" FROM regexp_split_to_table($1, '') WITH ORDINALITY AS s(c, i)$$",
	CRMI_PG_ONLY "CREATE OR REPLACE FUNCTION crm_has(text, text)"
	" RETURNS boolean LANGUAGE sql IMMUTABLE AS"
	" $$SELECT $2 = crm_fold($2) AND $1 ~ crm_fold_re($2)$$",
	NULL
};

const char *const *const crmi_migrations[] = {
	crmi_m1, crmi_m2, crmi_m_audit, crmi_m_comfort, crmi_m_forgive,
	crmi_m_russian, m_kpifast, m_kpisales, crmi_m_pgroles, crmi_m_trust,
	m_honest, m_review, m_paste, m_search, crmi_m_clock, NULL
};

int
crm_schema_version(void)
{
	int	 n = 0;

	while (crmi_migrations[n] != NULL)
		n++;
	return n;
}

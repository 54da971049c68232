/*
 * crm.h: the public interface of libcrm, the library behind the crm tools.
 *
 * Conventions, as in SQLite and sqlbox:
 *  - every function that can fail returns an enum crm_status; CRM_OK is 0;
 *  - on failure the message is left in the handle (crm_errmsg), never
 *    printed: the library neither prints to the terminal nor exits;
 *  - strings are UTF-8; dates are "YYYY-MM-DD", or day numbers (days since
 *    1970-01-01) where arithmetic is needed; times of day are minutes since
 *    midnight; money is an int64_t count of kopecks;
 *  - the library, not the caller, decides who may do what.
 */
#ifndef CRM_H
#define CRM_H

#include <stdint.h>
#include <stdio.h>

#define CRM_VERSION	"0.1.0"

/* ---- status and the handle (db.c) ---------------------------------- */

enum crm_status {
	CRM_OK = 0,
	CRM_EINVAL,	/* bad input: a value, a field, a line */
	CRM_ENOENT,	/* no such record or person */
	CRM_EPERM,	/* the acting person may not do this */
	CRM_EBUSY,	/* the database stayed locked past the timeout */
	CRM_EDB,	/* the database failed (I/O, full disk, corrupt) */
	CRM_ENOMEM,	/* out of memory */
	CRM_EVERSION,	/* the database is newer than this library */
	CRM_ESTATE	/* the record is in the wrong state for this */
};

struct crm;

/* crm_open() flags */
#define CRM_OPEN_NOUSER	0x01	/* do not require the actor to be a person */
#define CRM_OPEN_RDONLY	0x02	/* do not create or migrate */

/*
 * Resolve the database path: path if not NULL, else $CRM_DB, else
 * $XDG_DATA_HOME/crm/crm.db, else ~/.local/share/crm/crm.db, where the
 * home directory comes from $HOME or, when unset, the password database.
 * Writes into buf (size sz); returns CRM_OK or CRM_EINVAL if it cannot.
 */
int	 crm_db_path(const char *path, char *buf, size_t sz);

/*
 * Open (creating the directory and file on first use, and migrating an
 * older schema forward in one transaction) the database at path (see
 * crm_db_path) and find out who is acting: the login of the real user id,
 * or $CRM_USER when the real user is root.  Unless CRM_OPEN_NOUSER is
 * given, an actor who is not an active person is refused (CRM_ENOENT).
 * *pp is always set, even on failure, so that crm_errmsg() can explain;
 * the caller must crm_close() it.
 */
int	 crm_open(struct crm **pp, const char *path, int flags);

/* Close the handle and free everything it holds.  Accepts NULL. */
void	 crm_close(struct crm *);

/* The message explaining the last failure on this handle. */
const char *crm_errmsg(const struct crm *);

/* The exit status a tool should use for a status: 0, 1, or 75 (busy). */
int	 crm_exit_status(int status);

/* The schema version this library writes (PRAGMA user_version). */
int	 crm_schema_version(void);

/*
 * The current time, from the system clock.  Only when the real user is
 * root may $CRM_NOW ("YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD") replace it,
 * for tests and for replaying a day; root can set the clock anyway.
 * crm_now() writes "YYYY-MM-DD HH:MM:SS" (local time) into buf[20].
 */
void	 crm_now(const struct crm *, char buf[20]);

/* Today's day number (local time), from crm_now(). */
int	 crm_today(const struct crm *);

/* ---- people and roles (person.c) ----------------------------------- */

enum crm_role {
	CRM_ROLE_MANAGER = 0,
	CRM_ROLE_HEAD,
	CRM_ROLE_DIRECTOR,
	CRM_ROLE_ADMIN
};

struct crm_person {
	int64_t		 id;
	char		*login;
	char		*name;
	enum crm_role	 role;
	int64_t		 head_id;	/* 0 when none */
	char		*head_login;	/* NULL when none */
	char		*email;		/* NULL when none */
	int		 active;
	char		*created_at;
};

/* Role name <-> enum.  crm_role_parse returns -1 for an unknown name. */
const char *crm_role_name(enum crm_role);
int	 crm_role_parse(const char *);

/* The acting person (NULL with CRM_OPEN_NOUSER when not a person). */
const struct crm_person *crm_actor(const struct crm *);

/*
 * Add a person.  The first person in an empty database must be an admin
 * or a head, and anyone may add them; after that only an admin, or a head
 * adding a manager to their own team.  head may be NULL.  *id gets the new
 * id when id is not NULL.
 */
int	 crm_person_add(struct crm *, const char *login, const char *name,
	    enum crm_role, const char *head, const char *email,
	    int64_t *id);

/*
 * Change one field of a person: "name", "role", "head" (a login, or ""
 * for none), "email", or "active" ("0" or "1"; deactivating keeps all
 * history).  Admins may change anyone; a head may change the name and
 * e-mail of their team.
 */
int	 crm_person_set(struct crm *, const char *login, const char *field,
	    const char *value);

/* Look a person up by login.  Fill *p; free with crm_person_free(). */
int	 crm_person_get(struct crm *, const char *login, struct crm_person *p);

/*
 * Call fn for each person the actor may see (a manager: themselves; a
 * head: themselves and their team; a director or an admin: everyone),
 * ordered by login.  Inactive people only when all is set.  A non-zero
 * return from fn stops the walk and is returned.
 */
int	 crm_person_each(struct crm *, int all,
	    int (*fn)(const struct crm_person *, void *), void *arg);

void	 crm_person_free(struct crm_person *);

/*
 * Whether the actor may read (crm_may_see) or change (crm_may_act) the
 * work of person id.  Returns CRM_OK, or CRM_EPERM with a message.
 */
int	 crm_may_see(struct crm *, int64_t person_id);
int	 crm_may_act(struct crm *, int64_t person_id);

/* ---- the audit log (audit.c) --------------------------------------- */

struct crm_audit {
	int64_t		 id;
	const char	*at;
	const char	*actor;
	const char	*entity;
	int64_t		 entity_id;
	const char	*action;
	const char	*detail;	/* a JSON object */
};

/*
 * Walk the audit log, oldest first.  entity NULL: every entity; entity_id
 * 0: every record of it; actor NULL: anyone.  Only what the acting person
 * may see.  fn's non-zero return stops the walk and is returned.
 */
int	 crm_audit_each(struct crm *, const char *entity, int64_t entity_id,
	    const char *actor, int (*fn)(const struct crm_audit *, void *),
	    void *arg);

/* ---- output (out.c, text.c) ---------------------------------------- */

enum crm_fmt {
	CRM_FMT_AUTO = 0,	/* table on a terminal, TSV elsewhere */
	CRM_FMT_TSV,
	CRM_FMT_TABLE,		/* aligned, for people */
	CRM_FMT_JSON		/* JSON Lines */
};

enum crm_coltype {
	CRM_COL_TEXT = 0,	/* escaped free text */
	CRM_COL_INT,		/* a decimal integer; a JSON number */
	CRM_COL_MONEY,		/* kopecks; "1 234,56" in a table */
	CRM_COL_DATE,		/* YYYY-MM-DD or a timestamp */
	CRM_COL_REAL		/* a decimal number; a JSON number */
};

struct crm_col {
	const char		*name;	/* TSV header and JSON key */
	enum crm_coltype	 type;
	const char		*title;	/* table heading; NULL: name */
};

struct crm_out;

/*
 * Start writing records of ncols columns to fp in format fmt (AUTO picks
 * TABLE when fp is a terminal).  header: print a header line in TSV.
 * Returns NULL only when out of memory.
 */
struct crm_out *crm_out_open(FILE *fp, enum crm_fmt fmt, int header,
	    const struct crm_col *cols, size_t ncols);

/* One record: ncols strings; NULL is an empty field (JSON null). */
int	 crm_out_row(struct crm_out *, const char *const *vals);

/*
 * Table view only: end the current block of rows with a heading line
 * before the next block; TSV and JSON ignore it.
 */
int	 crm_out_section(struct crm_out *, const char *title);

/* Table view only: a free line of text (a summary) after the rows. */
int	 crm_out_note(struct crm_out *, const char *text);

/* The format an option letter asks for: -j JSON, -p table, -t TSV. */
enum crm_fmt crm_fmt_opt(int ch);

/* The format in effect (AUTO resolved). */
enum crm_fmt crm_out_fmt(const struct crm_out *);

/*
 * Flush, write what is buffered, and free.  Returns CRM_OK, or CRM_EDB
 * when a write failed (a closed or full standard output).
 */
int	 crm_out_close(struct crm_out *);

/*
 * Escape free text for a TSV field or a terminal: TAB, newline, CR and
 * backslash as \t \n \r \\, other control characters (C0, DEL, C1), the
 * bidirectional controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069)
 * and bytes that are not valid UTF-8 as \ooo octal escapes of each byte.
 * Valid printable UTF-8 passes untouched.  Returns a malloc'd string or
 * NULL when out of memory.
 */
char	*crm_escape(const char *);

/* Undo crm_escape() in place (TSV input).  Returns 0, or -1 if malformed. */
int	 crm_unescape(char *);

/* Write s as a JSON string literal, quotes included, into a malloc'd
 * string; invalid UTF-8 bytes become U+FFFD. */
char	*crm_json_str(const char *);

/* The terminal display width of UTF-8 text (combining marks 0, wide 2). */
size_t	 crm_width(const char *);

/* Whether s is valid UTF-8 with no NUL and no control character other
 * than TAB (and newline when nl is set). */
int	 crm_text_valid(const char *s, int nl);

/* Money: "1 234 567,89", "1234567.89", "-5", "12,5" -> kopecks. */
int	 crm_money_parse(const char *, int64_t *);

/* Kopecks -> "1 234 567,89" (table view) into buf of sz bytes. */
void	 crm_money_fmt(int64_t, char *buf, size_t sz);

/* ---- dates, times, periods (date.c) -------------------------------- */

/*
 * Parse a date as people type it, relative to day number today:
 * YYYY-MM-DD; today, tomorrow, yesterday; +Nd, +Nw, -Nd, -Nw; mon..sun
 * (the next such day, never today); the Russian words сегодня, завтра,
 * послезавтра, вчера, пн..вс.  Returns CRM_OK or CRM_EINVAL.
 */
int	 crm_date_parse(const char *s, int today, int *day);

/* Day number <-> calendar. */
int	 crm_date_make(int y, int m, int d);
void	 crm_date_split(int day, int *y, int *m, int *d);
int	 crm_date_wday(int day);	/* 0 Monday .. 6 Sunday */

/* Day number -> "YYYY-MM-DD" into buf[11]. */
void	 crm_date_fmt(int day, char buf[11]);

/* Strict "YYYY-MM-DD" only -> day number; CRM_EINVAL otherwise. */
int	 crm_date_iso(const char *s, int *day);

/* "HH:MM" (00:00..23:59) -> minutes since midnight. */
int	 crm_time_parse(const char *s, int *min);

/*
 * A reporting period, inclusive: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn,
 * YYYY, A..B (two dates as crm_date_parse takes), and the words today,
 * week, month, quarter, year (the current ones).
 */
int	 crm_period_parse(const char *s, int today, int *from, int *to);

/* Validate a Russian INN (10 or 12 digits with check digits): 1 valid. */
int	 crm_inn_valid(const char *);

/* ---- reading input: TSV lines and CSV records (input.c) ------------- */

/*
 * Split a TSV line in place at TABs into at most max fields, unescaping
 * each (crm_unescape).  A trailing newline or CRLF is removed first.
 * Returns the number of fields, or -1 when a field has a malformed escape.
 */
int	 crm_tsv_split(char *line, char **fields, int max);

struct crm_csv;

/*
 * An RFC 4180 reader: comma-separated, fields optionally in double quotes
 * (doubled quotes inside; commas, CR and newlines allowed in quotes),
 * records ended by LF or CRLF, an optional UTF-8 byte-order mark at the
 * start.  Returns NULL when out of memory.
 */
struct crm_csv *crm_csv_open(FILE *);

/*
 * Read the next record.  On CRM_OK *fields and *n describe it (valid until
 * the next call); at end of input *fields is NULL and *n is 0.  CRM_EINVAL
 * for malformed input (an unterminated quote, text after a closing quote,
 * a NUL byte, invalid UTF-8), with the reason in crm_csv_error().
 */
int	 crm_csv_next(struct crm_csv *, char ***fields, size_t *n);

/* The line on which the last record read started (1-based). */
long	 crm_csv_line(const struct crm_csv *);
const char *crm_csv_error(const struct crm_csv *);
void	 crm_csv_close(struct crm_csv *);

/* Write one CSV field, quoted when needed, to fp; a record ends with
 * crm_csv_end(). */
int	 crm_csv_put(FILE *, const char *, int first);
int	 crm_csv_end(FILE *);

/* ---- junk comments (junk.c) ----------------------------------------- */

/* Which rules are on, and their tuning; from the regulations. */
struct crm_junk_rules {
	int	 min_letters;	/* fewer letters than this is junk; 0 off */
	int	 repeat;	/* one character repeated (ааааа) */
	int	 keyboard;	/* keyboard runs (asdf, фыва, йцукен, qwerty) */
	int	 noletters;	/* no letters at all (..., ???, 111) */
	int	 title;		/* only repeats the task title */
};

/* The rules a new database starts with. */
void	 crm_junk_defaults(struct crm_junk_rules *);

/*
 * Judge one comment.  Returns NULL when it is not junk, else the name of
 * the rule it breaks ("short", "repeat", "keyboard", "noletters",
 * "title").  Empty text (no comment) is not junk.  title may be NULL.
 * The rule "paste" (the same text in many tasks of one person) needs the
 * database and lives with the plan checks.
 */
const char *crm_junk_check(const struct crm_junk_rules *, const char *text,
	    const char *title);

/* ---- regulations and the calendar (rule.c) -------------------------- */

/*
 * The regulations are named values ("plan.min", "junk.short", ...) over
 * defaults kept in the library, so a new database works at once.  A
 * per-person override is the key followed by "@login".  Every key, its
 * type, default and meaning is in the registry that crm_rule_each walks.
 */
struct crm_rule {
	const char	*key;
	const char	*value;		/* in effect */
	const char	*deflt;		/* the default */
	const char	*help;		/* one line */
	int		 set;		/* 1 if stored, 0 if the default */
};

/* The value in effect for key (an override or the default); malloc'd. */
int	 crm_rule_get(struct crm *, const char *key, char **value);

/* The same, as an integer; def when neither stored nor registered. */
int	 crm_rule_int(struct crm *, const char *key, int64_t def,
	    int64_t *out);

/*
 * The value for a person: key@login when stored, else key.  The person
 * is given by id.
 */
int	 crm_rule_person_int(struct crm *, const char *key, int64_t person,
	    int64_t def, int64_t *out);

/*
 * Set (value not NULL) or reset to the default (value NULL) a rule.
 * Only a head or an admin; the key must be registered and the value of
 * its type; the change goes to the audit log.
 */
int	 crm_rule_set(struct crm *, const char *key, const char *value);

/* Walk the registry with the values in effect, then stored overrides. */
int	 crm_rule_each(struct crm *, int (*fn)(const struct crm_rule *,
	    void *), void *arg);

/*
 * Whether day (a day number) is a working day: the calendar's entry for
 * it when there is one (holidays, moved days off, working Saturdays),
 * else the working week ("week.days", default Monday to Friday).
 * Returns 1 or 0; -1 on a database error (message set).
 */
int	 crm_workday(struct crm *, int day);

/* The next working day strictly after day; day + 1 if none in a year. */
int	 crm_workday_next(struct crm *, int day);

/*
 * Mark day as working (1) or not (0) in the calendar, with a note; or
 * remove the entry (working -1).  A head or an admin; audited.
 */
int	 crm_calendar_set(struct crm *, int day, int working,
	    const char *note);

/* The junk-comment rules in effect (junk.* keys). */
int	 crm_junk_load(struct crm *, struct crm_junk_rules *);

/* (end of regulations) */

/* ---- tasks (task.c) ------------------------------------------------- */

/* (end of tasks) */

/* ---- clients, deals, documents, import and export ------------------- */

/*
 * A client.  In crm_client_each() the strings are valid during the call
 * only; to crm_client_add() NULL or "" means none.
 */
struct crm_client {
	int64_t		 id;
	const char	*name;		/* 1 to 200 bytes */
	const char	*inn;		/* a valid INN, unique, or NULL */
	const char	*phone;		/* up to 50 bytes with 5 digits */
	const char	*email;
	const char	*manager;	/* the responsible manager's login */
	const char	*note;		/* up to 2000 bytes, newlines allowed */
	const char	*created_at;
};

/*
 * Add a client.  manager NULL: the actor.  The actor must be allowed to
 * change the manager's work (crm_may_act).  The INN, when given, must be
 * valid and not already used.  *id gets the new id when id is not NULL.
 */
int	 crm_client_add(struct crm *, const struct crm_client *, int64_t *id);

/*
 * Change one field of client id: "name", "inn", "phone", "email",
 * "manager" (a login) or "note"; "" clears the optional ones.  The actor
 * must be allowed to change the work of the client's manager (and of the
 * new one).  Audited with the old and the new value.
 */
int	 crm_client_set(struct crm *, int64_t id, const char *field,
	    const char *value);

/*
 * Find one client the actor may see: spec is an id, an INN, or part of
 * the name (any case, ё as е) that matches exactly one client.  CRM_ENOENT
 * when none matches, CRM_EINVAL when several do.
 */
int	 crm_client_find(struct crm *, const char *spec, int64_t *id);

/*
 * Call fn for each client the actor may see, ordered by name: those
 * whose name contains pattern (any case; NULL: all) or whose INN is
 * pattern, managed by manager (a login; NULL: anyone).
 */
int	 crm_client_each(struct crm *, const char *pattern,
	    const char *manager, int (*fn)(const struct crm_client *, void *),
	    void *arg);

/* A deal; the same conventions as struct crm_client. */
struct crm_deal {
	int64_t		 id;
	int64_t		 client_id;
	const char	*client;	/* the client's name (each only) */
	const char	*manager;	/* login */
	const char	*title;		/* 1 to 200 bytes */
	int64_t		 amount;	/* kopecks, >= 0 */
	int64_t		 profit;	/* expected profit, kopecks */
	const char	*close_date;	/* expected, YYYY-MM-DD, or NULL */
	const char	*stage;		/* a stage name */
	const char	*outcome;	/* open, won or lost (each only) */
	const char	*opened_at;
	const char	*closed_at;	/* when it reached won or lost */
	const char	*lost_reason;
};

/*
 * Open a deal with a client the actor may see.  manager NULL: the
 * client's manager; stage NULL: the first open stage (a new deal cannot
 * start won or lost).  The actor must be allowed to change the manager's
 * work.  The first stage goes to the stage log.  *id gets the new id.
 */
int	 crm_deal_add(struct crm *, const struct crm_deal *, int64_t *id);

/*
 * Move deal id to stage (a name).  A won or lost deal never moves again;
 * moving to a lost stage needs a reason (1 to 2000 bytes), which any
 * move may carry.  Reaching won or lost sets closed_at.  Every move is a
 * row of the stage log with its time and who made it, and audited.
 */
int	 crm_deal_stage(struct crm *, int64_t id, const char *stage,
	    const char *reason);

/* Which deals crm_deal_each() walks. */
struct crm_deal_filter {
	const char	*manager;	/* login; NULL: all the actor sees */
	int64_t		 client_id;	/* 0: any client */
	const char	*stage;		/* NULL: any stage */
	int		 closed;	/* include won and lost deals */
	int		 idle;		/* only open deals with no open task */
};

/* Call fn for each deal the actor may see that passes f, by id. */
int	 crm_deal_each(struct crm *, const struct crm_deal_filter *f,
	    int (*fn)(const struct crm_deal *, void *), void *arg);

/* One row of a deal's stage log. */
struct crm_stage_change {
	int64_t		 deal_id;
	const char	*at;
	const char	*from;		/* NULL for the first stage */
	const char	*to;
	const char	*by;		/* login */
	const char	*reason;
};

/* Call fn for each stage change of deal id (one the actor may see). */
int	 crm_deal_history(struct crm *, int64_t id,
	    int (*fn)(const struct crm_stage_change *, void *), void *arg);

/* A stage of the sales funnel: part of the regulations. */
struct crm_stage {
	int64_t		 id;
	const char	*name;
	int		 pos;
	const char	*outcome;	/* open, won or lost */
};

/* Call fn for each stage, by position. */
int	 crm_stage_each(struct crm *,
	    int (*fn)(const struct crm_stage *, void *), void *arg);

/*
 * Add a stage (an admin only): a name of 1 to 50 bytes without spaces
 * and not yet used, its position and outcome ("open", "won", "lost").
 */
int	 crm_stage_add(struct crm *, const char *name, int pos,
	    const char *outcome);

/* Rename a stage (an admin only); deals and their history follow. */
int	 crm_stage_rename(struct crm *, const char *old, const char *new);

/* A contract or an invoice; the same conventions as struct crm_client. */
struct crm_doc {
	int64_t		 id;
	int64_t		 deal_id;
	const char	*kind;		/* "contract" or "invoice" */
	const char	*number;	/* 1 to 50 bytes, unique per kind */
	const char	*doc_date;	/* YYYY-MM-DD */
	int64_t		 amount;	/* kopecks, > 0 */
	const char	*due_date;	/* invoices only; NULL when none */
	const char	*paid_date;	/* invoices only; NULL until paid */
	const char	*client;	/* the deal's client (each only) */
	const char	*manager;	/* the deal's manager (each only) */
	const char	*created_at;
};

/*
 * Issue a document on deal id: the actor must be allowed to change the
 * deal manager's work and the deal must not be lost.  A due date is for
 * invoices only and not before the document's date.  Audited as "issue".
 * *id gets the new id.
 */
int	 crm_doc_add(struct crm *, const struct crm_doc *, int64_t *id);

/*
 * Record that invoice id was paid on day paid (YYYY-MM-DD, not before
 * the invoice's date).  Paying twice is refused.  Audited as "pay".
 */
int	 crm_doc_pay(struct crm *, int64_t id, const char *paid);

/* Which documents crm_doc_each() walks. */
struct crm_doc_filter {
	int64_t		 deal_id;	/* 0: any */
	const char	*kind;		/* NULL: both */
	const char	*manager;	/* login; NULL: all the actor sees */
	int		 unpaid;	/* only invoices not paid */
};

/* Call fn for each document the actor may see that passes f, by id. */
int	 crm_doc_each(struct crm *, const struct crm_doc_filter *f,
	    int (*fn)(const struct crm_doc *, void *), void *arg);

/*
 * Import CSV records of kind "people", "clients", "deals", "docs" or
 * "tasks" from fp: a header row naming the columns (see crm-import(1)),
 * then one record a row.  All or nothing, in one transaction; on failure
 * the message names the line, the column and the value.  Records keep
 * their dates; each gets one audit entry "import" by the actor.  An admin
 * imports anything, a head the work of their team (and people into it).
 * *count gets the number of records imported.
 */
int	 crm_import(struct crm *, const char *kind, FILE *fp,
	    int64_t *count);

/*
 * Export the records of kind (as crm_import) the actor may see to fp, as
 * CSV with a header row that crm_import() reads back, or as JSON Lines
 * (money in kopecks) when json is set.
 */
int	 crm_export(struct crm *, const char *kind, FILE *fp, int json);

/* (end of clients, deals, documents) */

/* ---- plan checks and the rollout (plan.c, rollout.c) ---------------- */

/* (end of plan checks) */

/* ---- KPIs (kpi.c) --------------------------------------------------- */

/* (end of KPIs) */

/* ---- digests (digest.c) --------------------------------------------- */

/* (end of digests) */

#endif /* !CRM_H */

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

/* (end of clients, deals, documents) */

/* ---- plan checks and the rollout (plan.c, rollout.c) ---------------- */

/* (end of plan checks) */

/* ---- KPIs (kpi.c) --------------------------------------------------- */

/*
 * What a person did in a period (or one week of it).  The task counts
 * are over the tasks of the person whose first due date (the date as
 * first planned) falls in the period; see kpi-report(1) for each one's
 * exact meaning.  Money is in kopecks.
 */
struct crm_kpi_counts {
	int64_t	 planned;	/* tasks counted as planned work */
	int64_t	 ontime;	/* done by the person by the first due day */
	int64_t	 late;		/* done by the person after it */
	int64_t	 byhead;	/* closed by someone else (a head) */
	int64_t	 notdone;	/* open, due before the period's end */
	int64_t	 pending;	/* open, not yet due */
	int64_t	 cancelled;
	int64_t	 moves;		/* times the planned tasks were moved */
	int64_t	 selfmade;	/* own tasks created and done the same day */
	int64_t	 assigned;	/* planned tasks someone else created */
	int64_t	 advance;	/* created before their first due day */
	int64_t	 complete;	/* with every field their kind needs */
	int64_t	 comments;	/* notes and results written */
	int64_t	 junk;		/* of them, junk (crm_junk_check) */
	int64_t	 workdays;	/* working days up to today */
	int64_t	 fulldays;	/* of them, with a full plan */
	int64_t	 opened;	/* deals opened */
	int64_t	 won;
	int64_t	 lost;
	int64_t	 contracts;	/* contracts signed */
	int64_t	 invoices;	/* invoices issued */
	int64_t	 invoiced;	/* their sum */
	int64_t	 paid;		/* invoices paid, sum */
	int64_t	 profit;	/* of the deals won */
};

enum crm_kpi_part {
	CRM_KPI_ONTIME = 0,	/* ontime / (planned - cancelled - pending) */
	CRM_KPI_ADVANCE,	/* advance / planned */
	CRM_KPI_FULLPLAN,	/* fulldays / workdays */
	CRM_KPI_FIELDS,		/* complete / planned */
	CRM_KPI_CLEAN,		/* 1 - junk / comments */
	CRM_KPI_NPART
};

enum crm_kpi_verdict {
	CRM_KPI_NOTHING = 0,
	CRM_KPI_REWARD,
	CRM_KPI_PENALTY
};

/* The CRM-use score of some counts. */
struct crm_kpi_score {
	double			 rate[CRM_KPI_NPART];	/* 0..1 */
	double			 points[CRM_KPI_NPART];	/* sum: score */
	double			 score;			/* 0..100 */
	enum crm_kpi_verdict	 verdict;
	char			 reason[256];
};

struct crm_kpi_person {
	int64_t			 id;
	char			*login;
	char			*name;
	struct crm_kpi_counts	 c;		/* the period */
	struct crm_kpi_score	 s;
	struct crm_kpi_counts	 prev;		/* the period before */
	struct crm_kpi_score	 sprev;
	struct crm_kpi_counts	*week;		/* nweeks of them */
	struct crm_kpi_score	*wscore;
};

/* A correlation; ok 0 when n is too small or a side has no spread. */
struct crm_kpi_corr {
	char		 scope[64];	/* "team" or a login */
	const char	*x;		/* "score" */
	const char	*y;		/* "paid" or "won" */
	size_t		 n;
	int		 ok;
	double		 pearson;
	double		 spearman;
	const char	*why;		/* when not ok */
};

/* Fewer pairs than this and a correlation means nothing. */
#define CRM_KPI_MIN_N	5

struct crm_kpi {
	int			 from, to;	/* the period, day numbers */
	int			 pfrom, pto;	/* the one before it */
	int			 week0;		/* Monday of the first week */
	size_t			 nweeks;
	double			 reward, penalty; /* the thresholds */
	struct crm_kpi_person	*people;
	size_t			 npeople;
	struct crm_kpi_counts	 team, teamprev;
	struct crm_kpi_score	 steam, steamprev;
	struct crm_kpi_corr	 corr[2];
	size_t			 ncorr;
};

/* Whom a report covers. */
enum crm_kpi_who {
	CRM_KPI_SELF = 0,	/* the actor */
	CRM_KPI_USER,		/* the person login */
	CRM_KPI_TEAM,		/* the managers whose head is login */
	CRM_KPI_ALL		/* every active manager the actor may see */
};

/*
 * Compute the KPIs of the people who (with login) for the period from..to
 * (day numbers, inclusive), the period of the same length before it, and
 * each week; and the correlations of score with sales: across people
 * when more than one, across weeks for one.  Only people the actor may
 * see.  *out is malloc'd; free it with crm_kpi_free().
 */
int	 crm_kpi_report(struct crm *, enum crm_kpi_who who, const char *login,
	    int from, int to, struct crm_kpi **out);

void	 crm_kpi_free(struct crm_kpi *);

/* "reward", "nothing" or "penalty". */
const char *crm_kpi_verdict_name(enum crm_kpi_verdict);

/*
 * Write the report as one self-contained HTML page (no scripts, no
 * network) with its tables and SVG charts.  CRM_EDB when a write fails.
 */
int	 crm_kpi_html(FILE *, const struct crm_kpi *);

/*
 * Pearson's r and Spearman's rho (average ranks for ties) of n pairs.
 * Return 0 and set *r, or -1 when n < 2 or a side does not vary.
 */
int	 crm_stats_pearson(const double *x, const double *y, size_t n,
	    double *r);
int	 crm_stats_spearman(const double *x, const double *y, size_t n,
	    double *rho);

/* Ranks 1..n of x into rk, ties sharing their average rank; 0 or -1. */
int	 crm_stats_rank(const double *x, size_t n, double *rk);

/* (end of KPIs) */

/* ---- digests (digest.c) --------------------------------------------- */

/* (end of digests) */

#endif /* !CRM_H */

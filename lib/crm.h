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
 *  - the library, not the caller, decides who may do what;
 *  - crm_X_free(p) frees the object p and all it owns (crm_kpi_free);
 *    crm_X_clear(p) frees only what p owns and leaves p, a struct of the
 *    caller's (on the stack), empty and reusable (crm_person_clear).
 */
#ifndef CRM_H
#define CRM_H

#include <sys/types.h>

#include <stdint.h>
#include <stdio.h>

#define CRM_VERSION	"0.1.0"

/* ---- status and the handle (crm.c, db.c, dberr.c) ------------------ */

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
#define CRM_OPEN_NOCREATE	0x02	/* refuse a missing database */
#define CRM_OPEN_BEHIND	0x04	/* open a database behind its anchor */

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

/* ---- the words people read (locale.c, title.c) ------------------- */

/*
 * The person's locale for what people read (messages, the aligned view,
 * the digest, the report), with LC_NUMERIC kept "C" so that numbers in
 * TSV and JSON never change; and the catalogue "crm" bound.  crm_open()
 * calls it; a program may call it first to have the library's words for
 * its own messages.  Safe to call more than once.
 */
void	 crm_locale_init(void);

/*
 * A date "YYYY-MM-DD" (or a timestamp beginning with one) into buf of sz
 * bytes as people read it in their language, as the aligned view shows
 * dates: "пн 30.11.2026" in Russian, "2026-11-30" in English.  Anything
 * that is no date is copied as it is.
 */
void	 crm_date_people(const char *iso, char *buf, size_t sz);

/*
 * Name a kind of task (what "kind") or a deal stage ("stage") code for
 * people: title, or NULL to go back to the catalogue's default.  The
 * aligned views and the digest show it; TSV and JSON keep the code.  An
 * admin only (CRM_EPERM); CRM_ENOENT for an unknown code, CRM_EINVAL
 * for a title that is not 1 to 64 bytes of text or that is already the
 * word (code or title) of another code.
 */
int	 crm_title_set(struct crm *, const char *what, const char *code,
	    const char *title);

/*
 * The code a person means by word in ctx: "state" (a task's, as a
 * filter takes it), "kind" (a task's or a document's) or "stage": the
 * code itself in any case, or the code whose word people read (the
 * department's title, else the catalogue's word in their language),
 * compared folded (case, ё as е).  word itself when none is, so that
 * the tool's own check names what was typed.  The code stays valid for
 * three more calls.
 */
const char *crm_code(struct crm *, const char *ctx, const char *word);

/* ---- exit statuses and the clock (dberr.c, dbtx.c) ---------------- */

/* The exit status a tool should use for a status: 0, 1, or 75 (busy). */
int	 crm_exit_status(int status);

/*
 * The current time, from the system clock.  Only when the real user is
 * root may $CRM_NOW ("YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD") replace it,
 * for tests and for replaying a day; root can set the clock anyway.
 * crm_now() writes "YYYY-MM-DD HH:MM:SS" (local time) into buf[20].
 */
void	 crm_now(const struct crm *, char buf[20]);

/* Today's day number (local time), from crm_now(). */
int	 crm_today(const struct crm *);

/* ---- the schema (schema.c) --------------------------------------- */

/* The schema version this library writes (PRAGMA user_version). */
int	 crm_schema_version(void);

/* ---- backups (backup.c) ------------------------------------------ */

/*
 * Copy the database, whole and consistent while others write, to the
 * file path with SQLite's online backup (a file that is there is
 * replaced).  Root or an admin only (CRM_EPERM).  The copy is written
 * with the caller's own rights, never a setgid tool's group, and ends
 * with mode 0600.
 */
int	 crm_backup(struct crm *, const char *path);

/* ---- the configuration file (conf.c) ------------------------------- */

/* The path of the configuration file, compiled in: SYSCONFDIR/crm.conf. */
const char *crm_conf_path(void);

/* ---- the rights a tool uses (priv.c) -------------------------------- */

/*
 * 1 when the tool runs setgid (make install-shared): with a group that
 * is not the caller's, which only the database may be opened with.
 */
int	 crm_priv_setgid(void);

/*
 * fopen(3) with the caller's own rights, never a setgid tool's group:
 * for every file the caller names.  NULL with errno set.
 */
FILE	*crm_fopen_user(const char *path, const char *mode);

/*
 * Start "/bin/sh -c cmd" as the caller, with every group the tool was
 * given dropped for good, writing to its standard input; *pid gets its
 * process id.  NULL with errno set.  crm_pclose_user() closes the pipe
 * and returns the command's wait(2) status, or -1.
 */
FILE	*crm_popen_user(const char *cmd, pid_t *pid);
int	 crm_pclose_user(FILE *, pid_t pid);

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

/* Look a person up by login.  Fill *p; crm_person_clear() frees it. */
int	 crm_person_get(struct crm *, const char *login, struct crm_person *p);

/*
 * Call fn for each person the actor may see (a manager: themselves; a
 * head: themselves and their team; a director or an admin: everyone),
 * ordered by login.  Inactive people only when all is set.  A non-zero
 * return from fn stops the walk and is returned.
 */
int	 crm_person_each(struct crm *, int all,
	    int (*fn)(const struct crm_person *, void *), void *arg);

void	 crm_person_clear(struct crm_person *);

/*
 * Whether the actor may read (crm_may_see) or change (crm_may_act) the
 * work of person id.  Returns CRM_OK, or CRM_EPERM with a message.
 */
int	 crm_may_see(struct crm *, int64_t person_id);
int	 crm_may_act(struct crm *, int64_t person_id);

/* ---- the audit log (audit.c, anchor.c) ----------------------------- */

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

/* The length of an audit entry's hash: SHA-256 in hex. */
#define CRM_HASH_LEN	64

/*
 * The last entry of the audit log: its id (0 when the log is empty) and
 * its hash, into hash of CRM_HASH_LEN + 1 bytes.  Any person; the hash
 * tells nothing of what the log holds.
 */
int	 crm_audit_last(struct crm *, int64_t *id, char *hash);

/*
 * Root accepts the database as it is: the anchor kept beside a setgid
 * department's database (crm(7) SECURITY) moves to the log's last
 * entry, even back, after a loss crm-verify reported.  CRM_EPERM for
 * anyone but root; CRM_EINVAL where no anchor is kept.
 */
int	 crm_audit_anchor(struct crm *);

/*
 * Walk the audit chain from the first entry up to last (0: to the end)
 * and, when hash is not NULL, check that entry last has that hash.
 * CRM_OK with *bad 0 when everything matches, or with *bad the first
 * entry that does not (missing, changed, or not the given hash) and the
 * reason as the handle's message.  The whole walk is for a director or
 * an admin (CRM_EPERM otherwise); anyone may check up to an entry whose
 * hash they have, as that tells nothing of the entries.
 */
int	 crm_audit_verify(struct crm *, int64_t last, const char *hash,
	    int64_t *bad);

/*
 * Erase the detail of entry id (personal data, on request under
 * 152-FZ): the detail becomes {"erased":true}, its hash stays, so the
 * chain still verifies; the erase is itself logged.  An admin only.
 */
int	 crm_audit_erase(struct crm *, int64_t id);

/* ---- the department's time zone (zone.c) ----------------------------- */

/*
 * The department's time zone, a name of the system's zoneinfo such as
 * "Europe/Moscow", into buf.  Every time of record, "today" and
 * "overdue" is a wall time in it; crm_open() makes it the process's TZ,
 * whatever the caller's TZ says.  CRM_OK or a database error.
 */
int	 crm_zone_get(struct crm *, char *buf, size_t sz);

/*
 * Set the department's time zone: an admin only (CRM_EPERM), a zone the
 * system's zoneinfo knows (CRM_EINVAL "unknown time zone" otherwise);
 * audited.  It takes effect from the next crm_open().
 */
int	 crm_zone_set(struct crm *, const char *zone);

/* ---- output (out.c) ---------------------------------------------- */

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
	CRM_COL_REAL,		/* a decimal number; a JSON number */
	CRM_COL_FIT,		/* free text as TEXT, narrowed on a terminal */
	CRM_COL_LOGIN		/* a person's login, as TEXT; a table
				   leaves it out when every row of each
				   block has the same */
};

/*
 * A column: one field of a record, as every tool writes and reads it.
 * A record's columns are one table in the library (recout.c, taskout.c):
 * its listing tool writes them (the first CRM_<REC>_NLIST), crm-export
 * writes all of them and crm-import reads them, so that a key means one
 * thing in every TSV header, CSV file and JSON object.  The members
 * after title matter to crm-import only; a tool's own table of columns
 * leaves them zero.
 */
struct crm_col {
	const char		*name;	/* TSV and CSV header, JSON key */
	enum crm_coltype	 type;
	const char		*title;	/* table heading; NULL: name */
	size_t			 max;	/* free text: at most so many bytes */
	unsigned		 flags;	/* CRM_COL_REQ, ... */
	const char		*old;	/* an older name crm-import reads */
};

#define CRM_COL_REQ	0x01	/* crm-import needs it (or its NAME_id) */
#define CRM_COL_HIST	0x02	/* history: only an admin imports it */
#define CRM_COL_LINES	0x04	/* free text that may hold newlines */
#define CRM_COL_OUT	0x08	/* written only: crm-import passes it over */
#define CRM_COL_VIEW	0x10	/* the views' only: crm-export leaves it
				   out, as crm-import could not make it */
#define CRM_COL_GROUP	0x20	/* the table view: in a heading over the
				   rows that share it, not in each row */
#define CRM_COL_UNDER	0x40	/* a terminal narrower than the row: on a
				   line under it, after its title */
#define CRM_COL_BELOW	0x80	/* the table view shows it as a line under
				   the row, when not empty, not a column */

/* How a row of the table view stands out on a terminal. */
enum crm_style {
	CRM_STYLE_PLAIN = 0,
	CRM_STYLE_ALERT,	/* red: overdue, a penalty */
	CRM_STYLE_STRONG,	/* bold: due today */
	CRM_STYLE_FAINT,	/* dim: done, cancelled */
	CRM_STYLE_GOOD		/* green: a reward */
};

struct crm_out;

/*
 * Start writing records of ncols columns to fp in format fmt (AUTO picks
 * TABLE when fp is a terminal).  header: print a header line in TSV.
 * The table puts the columns marked CRM_COL_GROUP in a heading over the
 * rows that share them (a figure after its column's title).  A table on a terminal fits its width
 * (TIOCGWINSZ, else $COLUMNS, else 80): the last column marked fit wraps
 * to a second line, which starts with blanks, then the columns marked
 * fit are narrowed and their cells cut with "…" by display width; a row
 * still too wide is cut.  When the full row is wider than the terminal,
 * the columns marked CRM_COL_UNDER go first, to lines under each row; a
 * note too wide goes on over lines of its own, broken at blanks.  A
 * table on standard output, a terminal, longer than its height goes, at
 * crm_out_close(),
 * through the pager: $CRM_PAGER, else $PAGER, else less(1) ("" or "cat":
 * none), with LESS=FRX unless LESS is set.
 * Returns NULL only when out of memory.
 */
struct crm_out *crm_out_open(FILE *fp, enum crm_fmt fmt, int header,
	    const struct crm_col *cols, size_t ncols);

/*
 * The style of the next row (or section or note) of the table view.  It
 * shows only on a terminal, with colour on (NO_COLOR unset or empty,
 * TERM not "dumb"); TSV, JSON and a table into a pipe or a file never
 * get an escape.  CRM_EINVAL for an unknown style.
 */
int	 crm_out_style(struct crm_out *, enum crm_style);

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

/* ---- text (text.c) ----------------------------------------------- */

/*
 * Escape free text for a TSV field or a terminal: TAB, newline, CR and
 * backslash as \t \n \r \\, other control characters (C0, DEL, C1), the
 * bidirectional controls (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069)
 * and bytes that are not valid UTF-8 as \ooo octal escapes of each byte.
 * Valid printable UTF-8 passes untouched.  Returns a malloc'd string or
 * NULL when out of memory.
 */
char	*crm_escape(const char *);

/*
 * The argc strings of argv joined by single spaces, so that a name or a
 * title given as several words needs no quotes: "" when argc is 0.
 * Returns a malloc'd string or NULL when out of memory.
 */
char	*crm_join(int argc, char *const argv[]);

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

/* ---- money (money.c) --------------------------------------------- */

/* Money: "1 234 567,89", "1234567.89", "-5", "12,5" -> kopecks. */
int	 crm_money_parse(const char *, int64_t *);

/* Kopecks -> "1 234 567,89" (table view) into buf of sz bytes. */
void	 crm_money_fmt(int64_t, char *buf, size_t sz);

/* ---- dates, times, periods (date.c, when.c) ------------------------ */

/*
 * Parse a date as people type it, relative to day number today:
 * YYYY-MM-DD; today, tomorrow, yesterday; +Nd, +Nw, -Nd, -Nw; mon..sun
 * (the next such day, never today); the Russian words сегодня, завтра,
 * послезавтра, вчера, пн..вс.  Returns CRM_OK or CRM_EINVAL.
 */
int	 crm_date_parse(const char *s, int today, int *day);

/*
 * The forms crm_date_parse (CRM_FORMS_DATE), crm_time_parse
 * (CRM_FORMS_TIME) or crm_period_parse (CRM_FORMS_PERIOD) takes, by
 * example, on one line, for the message that refuses a value.
 */
#define CRM_FORMS_DATE		0
#define CRM_FORMS_TIME		1
#define CRM_FORMS_PERIOD	2
const char *crm_date_forms(int what);

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
 * A date and time said together, as the quick add reads them ("завтра
 * в 15", "на пятницу", "15 декабря в 10 утра"; task-add(1)): *day and
 * *min, -1 each when not said.  CRM_EINVAL when s is not all such words.
 */
int	 crm_when_parse(const char *s, int today, int *day, int *min);

/*
 * A reporting period, inclusive: YYYY-MM-DD, YYYY-Www, YYYY-MM, YYYY-Qn,
 * YYYY, A..B (two dates as crm_date_parse takes), and the words today,
 * week, month, quarter, year (the current ones).
 */
int	 crm_period_parse(const char *s, int today, int *from, int *to);

/* ---- ids and INNs (id.c) ----------------------------------------- */

/*
 * An id, the same for every tool: [1-9][0-9]*, at most 18 digits, with
 * nothing around it.  CRM_OK with *id set, or CRM_EINVAL.
 */
int	 crm_id_parse(const char *s, int64_t *id);

/* Validate a Russian INN (10 or 12 digits with check digits): 1 valid. */
int	 crm_inn_valid(const char *);

/*
 * The one reader of the ids piped into a tool: the first field of each
 * line of fp (ended by a tab, two spaces or the end of the line, so that
 * TSV, the aligned view and bare ids all work), appended to *ids
 * (malloc'd; free it) and *n.  A line whose first field is no id (a -H
 * header, a heading, a summary, an empty line) is passed over, and so
 * is one that starts with blanks reaching two columns past the end of
 * the id of the line above (a title's second line in the aligned view).
 * CRM_ENOMEM, or CRM_EDB when fp fails.
 */
int	 crm_ids_read(struct crm *, FILE *fp, int64_t **ids, size_t *n);

/*
 * The ids a tool acts on: its operands, or with none (or the one operand
 * "-") those piped in on standard input (crm_ids_read); *ids is malloc'd
 * (free it).  Piped ids turn skipping on (crm_notice_set).  CRM_EINVAL
 * "invalid id 'X'" for an operand that is none (a usage error).
 */
int	 crm_ids_args(struct crm *, int argc, char *const argv[],
	    int64_t **ids, size_t *n);

/*
 * fn(crm, id, arg) for each of ids, in their order, all in one
 * transaction: the first failure undoes them all and is returned; a
 * record skipped (crm_notice_set) counts as done.  For the tools that act
 * on one record at a time, so that ids piped in are all or nothing.
 */
int	 crm_ids_each(struct crm *, const int64_t *ids, size_t n,
	    int (*fn)(struct crm *, int64_t id, void *arg), void *arg);

/* ---- reading input: TSV lines and CSV records (input.c) ------------- */

/*
 * Split a TSV line in place at TABs into at most max fields, unescaping
 * each (crm_unescape).  A trailing newline or CRLF is removed first.
 * Returns the number of fields, or -1 when a field has a malformed escape.
 */
int	 crm_tsv_split(char *line, char **fields, int max);

/*
 * Read one line, newline included, of at most max bytes (max > 0) into
 * *line, grown as getline(3) grows it: a longer line costs no more
 * memory.  Its length; -1 at the end of input or on a read error; -2
 * when the line goes on past max bytes (*line holds the first max, the
 * next call reads on); -3 when out of memory.
 */
ssize_t	 crm_line_read(char **line, size_t *cap, FILE *fp, size_t max);

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

/*
 * The line on which the last record read started (1-based); after an
 * error, the line the error is on, which crm_csv_error() leaves out.
 */
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

/* ---- regulations and the calendar (rule.c, kind.c) --------------- */

/*
 * The regulations are named values ("plan.min", "junk.short", ...) over
 * defaults kept in the library, so a new database works at once.  The
 * department's value is the bare key, set by an admin.  A head's value
 * for their own team is the key followed by "/head" (the working week
 * and the rollout have none); a per-person override is the key followed
 * by "@login".  Every key, its type, default and meaning is in the
 * registry that crm_rule_each walks.
 */
struct crm_rule {
	const char	*key;
	const char	*value;		/* in effect */
	const char	*deflt;		/* the default */
	const char	*help;		/* one line */
	int		 set;		/* 1 if stored, 0 if the default */
	const char	*scope;		/* "department" or a head's login */
};

/* The value in effect for key (an override or the default); malloc'd. */
int	 crm_rule_get(struct crm *, const char *key, char **value);

/* The same, as an integer; def when neither stored nor registered. */
int	 crm_rule_int(struct crm *, const char *key, int64_t def,
	    int64_t *out);

/*
 * The value for a person, given by id: key@login when stored, else the
 * value of their team (key/head, the head being theirs, or themselves
 * when they are a head), else the department's key.
 */
int	 crm_rule_person_int(struct crm *, const char *key, int64_t person,
	    int64_t def, int64_t *out);

/*
 * Set (value not NULL) or reset to the default (value NULL) a rule.  An
 * admin sets any key: the department's, a team's (key/head), a
 * person's (key@login).  A head sets the keys a team may have, for
 * their own team only: the bare key means key/head, and key@login only
 * for themselves or their team.  The key must be registered and the
 * value of its type; the change goes to the audit log.
 */
int	 crm_rule_set(struct crm *, const char *key, const char *value);

/*
 * Walk the registry with the values in effect for the reader's team
 * (scope: the head's login when the team has its own value, else
 * "department"), then the other stored overrides with their scope.
 */
int	 crm_rule_each(struct crm *, int (*fn)(const struct crm_rule *,
	    void *), void *arg);

/* The junk-comment rules in effect (junk.* keys). */
int	 crm_junk_load(struct crm *, struct crm_junk_rules *);

/*
 * Whether the actor may change the department's regulations (the
 * calendar, the working week, task kinds, the defaults): an admin.
 * CRM_OK or CRM_EPERM with a message.
 */
int	 crm_rule_may(struct crm *);

/* A kind of task and the fields a task of that kind must have. */
struct crm_kind {
	const char	*name;
	int		 need_client;
	int		 need_deal;
	int		 need_time;
	int		 need_note;
};

/* Walk the task kinds in their order.  fn's non-zero return stops. */
int	 crm_kind_each(struct crm *, int (*fn)(const struct crm_kind *,
	    void *), void *arg);

/*
 * Set the fields a kind needs, adding the kind (last in order) when it
 * is new.  Kinds are never removed: tasks refer to them.  A head or an
 * admin; audited.
 */
int	 crm_kind_set(struct crm *, const struct crm_kind *);

/* (end of regulations) */

/* ---- the production calendar (calendar.c) ------------------------ */

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

/* One day of the calendar. */
struct crm_day {
	const char	*day;		/* YYYY-MM-DD */
	int		 working;	/* 1 a working day, 0 a day off */
	int		 listed;	/* 1 an entry of the calendar table */
	const char	*note;		/* the entry's note, or NULL */
	const char	*source;	/* "hand", "decree", or NULL */
};

/*
 * Walk the days from..to (day numbers, at most ten years): only the
 * calendar's entries, or every day when all is set.  fn's non-zero
 * return stops the walk and is returned.
 */
int	 crm_calendar_each(struct crm *, int from, int to, int all,
	    int (*fn)(const struct crm_day *, void *), void *arg);

/*
 * Import calendar entries from fp, one a line: "YYYY-MM-DD off|work
 * [note]"; blank lines and lines starting with # are skipped.  All or
 * nothing, in one transaction, each entry audited; an error names the
 * line.  *count gets the number of entries written.  A head or an admin.
 */
int	 crm_calendar_import(struct crm *, FILE *fp, int *count);

/*
 * Load the official production calendar: from fp (named name in the
 * audit entry), in the format of crm_calendar_import, or the one built
 * into the library when fp is NULL.  Its days are marked "decree" and
 * never replace a day entered by hand; a day loaded before is updated.
 * All or nothing, one audit entry; *count gets the days read.  A head
 * or an admin.  Every new database starts with the built-in calendar.
 */
int	 crm_calendar_load(struct crm *, FILE *fp, const char *name,
	    int *count);

/* ---- tasks (task.c) ---------------------------------------------- */

/*
 * A task is one piece of planned work of one person (the assignee), put
 * there by its author (the assignee, or their head).  Its state is open,
 * done or cancelled.  due_date may move (task-move); first_due never
 * does, so lateness survives a move.  closed_at is when the work was
 * done or cancelled (a head may record an earlier time for their team),
 * recorded_at when the system was told, closed_by who told it.
 *
 * Free text limits, in bytes, the same for every record: a task's or a
 * deal's title and a client's name CRM_TITLE_MAX, a note, result or
 * reason CRM_NOTE_MAX.  The kind defaults to "other".
 */
#define CRM_TITLE_MAX	200
#define CRM_NOTE_MAX	2000
#define CRM_TASK_HORIZON 28	/* days of repeating work made ahead */

struct crm_task_new {
	const char	*assignee;	/* a login; NULL or "": the actor */
	const char	*kind;		/* NULL or "": "other" */
	const char	*title;
	const char	*note;		/* NULL: none */
	const char	*client;	/* an id or a unique part of a name */
	int64_t		 deal;		/* a deal id; 0: none */
	int		 due;		/* day number */
	int		 time;		/* minutes since midnight; -1: none */
	const char	*words;		/* quick add: the words that named */
					/* no client, for a message; NULL */
};

/*
 * Add one task.  A manager gives tasks only to themselves, a head to
 * themselves and their team; the kind must be in table task_kind; a deal
 * without a client brings its client.  The task must have the fields
 * its kind needs in the assignee's team (crm-rules kinds, fields.KIND):
 * CRM_EINVAL "call needs a client: -c client" without, or, under the
 * rule entry.fields warn, the task made and the message given to the
 * function of crm_notice_set().  *id gets the new id.
 */
int	 crm_task_add(struct crm *, const struct crm_task_new *,
	    int64_t *id);

/*
 * Add the tasks read from fp, one a line as TSV: login, due, time, kind,
 * title, note, client, deal (time, kind, note, client and deal may be
 * empty, the last three left out; the client and the deal are found as
 * crm_client_find and crm_deal_find find them; an empty login is the
 * actor; blank lines are skipped).  Each task is checked as
 * crm_task_add checks it, the fields its kind needs included.  All in one transaction: the first
 * bad line adds nothing and the message starts "line N: " and names the
 * field.  On CRM_OK *ids (malloc'd, the caller frees) holds *n ids in
 * the order of the lines.
 */
int	 crm_task_add_tsv(struct crm *, FILE *fp, int64_t **ids,
	    size_t *n);

/* ---- repeating tasks (series.c) ---------------------------------- */

/*
 * Repeating work: a series by rule, each occurrence a task of its own,
 * made from start (a day number) up to until (-1: no end) but never more
 * than CRM_TASK_HORIZON days ahead of today.  rule is "workday" (each
 * working day), a list of weekdays "mon,thu" (those days when they are
 * working days) or "monthly:N" (day N of each month, the month's last
 * day when shorter, the next working day when not a working day).  *sid
 * gets the series id; its tasks show it in crm_task.series.  A series
 * made today after its time of day starts on its next occurrence after
 * today, so that its first task is not overdue at once.
 */
int	 crm_task_repeat(struct crm *, const struct crm_task_new *,
	    const char *rule, int until, int64_t *sid);

/*
 * The ids of series sid's tasks made so far, by due date, into *ids (n
 * of them; the caller frees it).  Reads only.
 */
int	 crm_series_tasks(struct crm *, int64_t sid, int64_t **ids,
	    size_t *n);

/*
 * Make the occurrences of every active series up to CRM_TASK_HORIZON
 * days ahead of today (the author's permission was checked when the
 * series was made).  Cheap when there is nothing to do; task-add and
 * task-today call it.
 */
int	 crm_task_extend(struct crm *);

/*
 * Stop a series: no more occurrences; its open occurrences due after
 * today are cancelled with reason.  Permission as for the tasks.
 */
int	 crm_task_stop(struct crm *, int64_t sid, const char *reason);

/* ---- changing tasks (taskmod.c, taskedit.c, review.c, dberr.c) ---- */

/*
 * Mark tasks done, all or nothing: each must exist, be open and be the
 * actor's to change.  at NULL: done now; else "[date ]HH:MM" (a date as
 * crm_date_parse takes, default today) when a head records an earlier
 * time for a member of their team: never for one's own task, never in
 * the future, never before the task was made.  result may be NULL.
 * next, when not NULL, is the follow-up, made in the same transaction
 * for exactly one task: its title, due and time are used, its kind
 * when given, the rest comes from the task done; *next_id gets its id.
 */
int	 crm_task_done(struct crm *, const int64_t *ids, size_t n,
	    const char *result, const char *at,
	    const struct crm_task_new *next, int64_t *next_id);

/*
 * Reschedule an open task to day (not before today) and time (-1: keep
 * the time it had; -2: no time).  Every move is kept in task_move; the
 * task's moves count goes up; first_due stays.
 */
int	 crm_task_move(struct crm *, int64_t id, int day, int time,
	    const char *reason);

/* Cancel open tasks with a reason (required), all or nothing. */
int	 crm_task_cancel(struct crm *, const int64_t *ids, size_t n,
	    const char *reason);

/*
 * Reopen done or cancelled tasks with a reason (required), all or
 * nothing; permission as for closing them.  What closed each (when, by
 * whom, the result or the reason) is cleared from the task and kept in
 * the log, so that the KPI counts it as open, and late when it is, until
 * it is done again.  CRM_ESTATE when a task is open.
 */
int	 crm_task_reopen(struct crm *, const int64_t *ids, size_t n,
	    const char *reason);

/*
 * The head's acceptance of a task done by a member of their team (the
 * actor must be the assignee's head, not the assignee): accepted, with
 * word (NULL or "": none).  Logged; CRM_ESTATE when the task is not done
 * (crmi_already when it is accepted already).
 */
int	 crm_task_accept(struct crm *, int64_t id, const char *word);

/*
 * The head returns a task done: open again, due on day (not before
 * today) at time (-1: the time it had; -2: none), with comment
 * (required), what closed it cleared and logged, its returns one more.
 * The manager sees the comment in the morning view, the digest and
 * task-list; the KPI counts the return against them.
 */
int	 crm_task_return(struct crm *, int64_t id, int day, int time,
	    const char *comment);

/*
 * A correction of tasks (crm_task_edit): each field NULL (deal, time:
 * -1) to keep it.  note, client: "" for none; deal 0 for none; time -2
 * for none, else minutes since midnight.  The due date is not here: it
 * moves with crm_task_move, so that moves stay counted.
 */
struct crm_task_edit {
	const char	*title;
	const char	*kind;
	const char	*note;
	const char	*client;	/* an id or a unique part of a name */
	int64_t		 deal;
	int		 time;
	const char	*assignee;	/* a login */
};

/*
 * Correct tasks, all or nothing: each must exist and be the actor's to
 * change (a head: also their team's).  Giving a task to another person
 * is the head's, to a member of their team, for open tasks only.  A
 * deal sets the client; a client that the deal kept is not with is
 * refused, and so is an edit that leaves an open task without a field
 * its kind needs which it had, or its new kind or team needs (as
 * crm_task_add; a warning under entry.fields warn).  Every task changed
 * is logged with each field before and after; a task the edit leaves as
 * it was is not.
 */
int	 crm_task_edit(struct crm *, const int64_t *ids, size_t n,
	    const struct crm_task_edit *);

/*
 * Where the library's notices go, each one whole message for fn; the
 * work goes on.  There are two kinds.  A record skipped: once
 * crm_ids_args has read the ids from standard input, a record already
 * in the state an action would give it (a done task given to
 * crm_task_done, a paid invoice to crm_doc_pay) is skipped, as mkdir -p
 * skips what exists, with "MESSAGE: skipped" (ids typed as operands
 * refuse such a record).  A warning: a change the regulations let
 * through but want known (an open task without a field its kind needs,
 * under "entry.fields" warn), "task ID: ..." when the task has an id.
 * With no fn, none is given.
 */
void	 crm_notice_set(struct crm *, void (*fn)(const char *msg, void *arg),
	    void *arg);

/* ---- quick add (quick.c) ----------------------------------------- */

/*
 * What a task typed as a sentence says (crm_task_quick): the due day and
 * time of its date and time words, at its start or its end (-1: none),
 * its kind from a leading verb or noun (позвонить, встреча, написать
 * письмо, письмо почтой, счёт, договор; NULL: none), the one client the
 * rest names (0: none) and its name, and the title: the words left
 * (NULL: take the text as it is).  stem is the word that named several
 * clients; bad the word that looked like a date or a time and was not
 * read; words those tried as a client's name when none matched.
 */
struct crm_task_quick {
	int		 due;
	int		 time;
	const char	*kind;
	int64_t		 client;
	char		 name[256];	/* the client's */
	char		*title;
	char		 stem[128];
	char		 bad[128];
	char		 words[128];	/* tried as a client's name, none */
	char		 cid[24];	/* the client's id, for a -c */
};

/*
 * Read text as a quick add: "завтра в 10 позвонить в Ромашку" and
 * "позвонить в Ромашку завтра в 10" are a call due tomorrow at 10:00
 * with ООО «Ромашка», titled "Позвонить в Ромашку".  The date and time
 * words are those of crm_date_parse() and the phrases of task-add(1);
 * words within «» are never read as a date.  lit (NULL: none) is added
 * to the title as it is.  A client: a name as typed beats one declined
 * (Ромашку for Ромашка), which beats a part of a name; quotes and the
 * legal form do not count.  With CRM_QUICK_DATED in flags, words that
 * hold no date or time are a title as typed (an option said the rest).
 * CRM_EINVAL, q as if nothing was read, when
 * a word looks like a date or a time but is not read (q->bad), or when
 * the best match is several clients (q->stem, the candidates in the
 * message).  Reads only.  crm_task_quick_clear()
 * frees what q holds.
 */
#define CRM_QUICK_DATED	1
int	 crm_task_quick(struct crm *, const char *text, const char *lit,
	    int flags, struct crm_task_quick *q);
void	 crm_task_quick_clear(struct crm_task_quick *);

/* ---- undo (undo.c) ----------------------------------------------- */

/*
 * Take back the actor's last command that was not an undo and is not
 * undone yet: every record it changed, in one new command logged entry
 * by entry as "undo" with the command's id (*cmd, when not NULL).  A
 * task it made is cancelled with the reason "undo"; one it closed is
 * opened again; a move goes back and no longer counts; an edit or a
 * reopen gets the values before it.  A deal goes back to the stage it
 * left, or to the fields before a deal-edit; a document issued, or a
 * client made, is deleted (their ids are never given again); a payment
 * is unrecorded.  CRM_EPERM when the actor may no longer do the command
 * itself, or a record is dated in the closed period (kpi.closed) and
 * the actor is not a head; CRM_ESTATE, naming what changed, when any of
 * those records has changed since, a client made is referred to, or
 * the command changed
 * something crm-undo(1) does not take back; CRM_ENOENT when there is
 * nothing to undo.
 */
int	 crm_undo(struct crm *, int64_t *cmd);

/* One change of a command, as crm_undo_list() shows it. */
struct crm_undo_item {
	const char	*action;	/* the log's: create, done, move ... */
	const char	*entity;	/* task, deal ... */
	int64_t		 id;
	const char	*title;		/* a task's, a deal's, a document's
					 * number, a client's name; NULL */
	const char	*tool;		/* the command: task-add, deal-stage */
};

/*
 * What crm_undo() would take back now, so that a person sees it first:
 * fn once for each change of the actor's last command, newest first,
 * *cmd the command's id.  Reads only.
 */
int	 crm_undo_list(struct crm *, int64_t *cmd,
	    int (*fn)(const struct crm_undo_item *, void *), void *arg);

/* ---- the views of tasks (taskview.c) ----------------------------- */

/*
 * A task's fields: the one definition of a task as a record, a line
 * each, in the order of the members of struct crm_task, which they
 * declare.  A line
 *
 *	F(type, member, sql, import, COL(name, coltype, title, max, flags,
 *	    old), export, view)
 *
 * is a member of type STR (const char *), I64 (int64_t) or INT (int);
 * where the library reads it (sql): TASK, the column of table task
 * named as the member, or OWN, as lib/task_int.h says for that member;
 * what crm-import makes of it (import): TEXT, free text stored as given,
 * or NO, its own code or nothing; its column (struct crm_col, coltype a
 * CRM_COL_ type without the prefix); its place in crm_task_cols, which
 * crm-export writes (export): X(n), the n-th from 0, or NOT; and in
 * crm_task_view, which task-list and task-today write (view): V(n), or
 * VB(n) in the table view as a line under the row, or NOT.  A line
 * M(type, member) is a member that no column shows.
 *
 * To add a column: append its line here, its places the next numbers
 * (columns are only ever appended, and so are the struct's members),
 * and add its column of table task in a migration (lib/schema.c).  The
 * struct, the counts, the tables of columns, the select lists, the
 * filling of a task, its output and crm-import (with TEXT) follow; the
 * pages that list the columns say it (task-list(1), task-today(1),
 * crm-export(1), crm-import(1), and their Russian ones).
 */
#define CRM_TASK_FIELDS(F, M) \
	F(I64, id, TASK, NO, COL("id", INT, NULL, 0, 0, NULL), X(0), V(0)) \
	F(STR, assignee, OWN, NO, COL("assignee", LOGIN, "who", 0, \
	    CRM_COL_REQ, "login"), X(1), V(1))		/* login */ \
	F(STR, due_date, TASK, NO, COL("due_date", DATE, "due", 0, \
	    CRM_COL_REQ | CRM_COL_GROUP, NULL), X(2), V(2)) \
	F(STR, due_time, TASK, NO, COL("due_time", TEXT, "time", 0, 0, NULL), \
	    X(3), V(3))					/* NULL: none */ \
	F(STR, state, TASK, NO, COL("state", TEXT, NULL, 0, CRM_COL_GROUP, \
	    NULL), X(4), V(4)) \
	F(STR, kind, TASK, NO, COL("kind", TEXT, NULL, 0, CRM_COL_REQ, NULL), \
	    X(5), V(5)) \
	F(STR, client, OWN, NO, COL("client", FIT, NULL, 0, 0, NULL), X(6), \
	    V(6))			/* the client's name; NULL: none */ \
	F(STR, title, TASK, NO, COL("title", FIT, NULL, CRM_TITLE_MAX, \
	    CRM_COL_REQ, NULL), X(7), V(7)) \
	F(INT, late, OWN, NO, COL("late_days", INT, "late", 0, \
	    CRM_COL_OUT | CRM_COL_GROUP, NULL), X(8), V(8)) \
	F(I64, series, OWN, NO, COL("series", INT, NULL, 0, CRM_COL_VIEW, \
	    NULL), X(9), V(9))				/* 0: none */ \
	M(INT, today)			/* 1: due on the day of the view */ \
	F(STR, result, TASK, TEXT, COL("result", TEXT, NULL, CRM_NOTE_MAX, \
	    CRM_COL_LINES, NULL), X(17), VB(10))	/* NULL: none */ \
	F(STR, note, TASK, NO, COL("note", TEXT, NULL, CRM_NOTE_MAX, \
	    CRM_COL_LINES, NULL), X(11), VB(11))	/* NULL: none */ \
	F(STR, review, OWN, NO, COL("review", TEXT, NULL, 0, 0, NULL), NOT, \
	    VB(12))	/* the head's words on accepting or returning it; \
			   NULL: no review */ \
	F(STR, author, OWN, NO, COL("author", TEXT, NULL, 0, 0, NULL), X(10), \
	    NOT)					/* login */ \
	F(I64, client_id, TASK, NO, COL("client_id", INT, NULL, 0, 0, NULL), \
	    X(12), NOT)					/* 0: none */ \
	F(I64, deal_id, TASK, NO, COL("deal_id", INT, NULL, 0, 0, "deal"), \
	    X(13), NOT)					/* 0: none */ \
	F(STR, first_due, TASK, NO, COL("first_due", DATE, NULL, 0, 0, NULL), \
	    X(14), NOT) \
	F(STR, created_at, TASK, NO, COL("created_at", DATE, NULL, 0, \
	    CRM_COL_HIST, NULL), X(15), NOT) \
	F(STR, closed_at, TASK, NO, COL("closed_at", DATE, NULL, 0, \
	    CRM_COL_HIST, NULL), X(16), NOT)		/* NULL: open */ \
	F(STR, cancel_reason, TASK, TEXT, COL("cancel_reason", TEXT, NULL, \
	    CRM_NOTE_MAX, CRM_COL_LINES, NULL), X(18), NOT) /* NULL: none */

/* A line of CRM_TASK_FIELDS passed over. */
#define CRM_TASK_SKIP_(...)

#define CRM_TASK_T_STR	const char *
#define CRM_TASK_T_I64	int64_t
#define CRM_TASK_T_INT	int
#define CRM_TASK_MEMBER_(type, m, ...)	CRM_TASK_T_##type m;

/*
 * A task as the views show it, its members declared by CRM_TASK_FIELDS.
 * state is the view's: "overdue", "today" or "done" in crm_task_day;
 * "open", "overdue", "done" or "cancelled" in crm_task_list.  late is
 * the days overdue, 0 when not overdue.
 */
struct crm_task {
	CRM_TASK_FIELDS(CRM_TASK_MEMBER_, CRM_TASK_MEMBER_)
};

/*
 * The day view of one person (login; NULL: the actor) for day: the tasks
 * overdue on it (oldest first), those due on it (by time, untimed last),
 * then those done on it.  Reads only.  The actor must be allowed to see
 * that person's work.  fn's non-zero return stops the walk and is
 * returned.
 */
int	 crm_task_day(struct crm *, const char *login, int day,
	    int (*fn)(const struct crm_task *, void *), void *arg);

/*
 * The day view of everyone the actor sees, the active people in
 * crm_person_each's order: fn is called once a person, with the
 * person's n tasks of day (none: NULL and 0) in crm_task_day's order.
 * The tasks live until fn returns.  Reads only, in as many statements
 * for a team of fifty as for one person.  fn's non-zero return stops
 * the walk and is returned.
 */
int	 crm_task_day_all(struct crm *, int day,
	    int (*fn)(const struct crm_person *, const struct crm_task *,
	    size_t n, void *), void *arg);

struct crm_task_filter {
	const char	*assignee;	/* a login; NULL: the actor */
	int		 all;		/* everyone the actor may see */
	const char	*client;	/* an id or a unique part of a name */
	const char	*kind;
	int64_t		 deal;		/* 0: any */
	const char	*state;	/* open upcoming overdue done cancelled
				   returned accepted pending */
	int		 from, to;	/* due dates, inclusive */
	int		 dated;		/* from and to are set */
	const char	*text;		/* in title, note, result; NULL: any */
	int		 closed;	/* done tasks closed from to to (by
					   closing time), not due then */
};

/*
 * The tasks matching filter, by assignee login, due date, time and id
 * (closed: by assignee login and the time each was closed).  text matches as a substring of the title, the note or the result, in
 * any case (Latin and Cyrillic), ё and е alike.  Reads only.
 */
int	 crm_task_list(struct crm *, const struct crm_task_filter *,
	    int (*fn)(const struct crm_task *, void *), void *arg);

/*
 * The tasks ids, in that order, as the views show them; those that do
 * not exist or that the actor may not see are left out.  Reads only.
 */
int	 crm_task_get(struct crm *, const int64_t *ids, size_t n,
	    int (*fn)(const struct crm_task *, void *), void *arg);

/* ---- a task as a row (taskout.c) --------------------------------- */

/*
 * A task's columns, only ever appended to, each at its place in its
 * line of CRM_TASK_FIELDS.  task-today and task-list write the
 * CRM_TASK_NLIST of crm_task_view: id, assignee, due_date, due_time,
 * state (overdue: open and late; returned: open, returned by the head;
 * accepted: done and accepted), kind, client (its name), title,
 * late_days, series, result, note, review (the head's words; the last
 * three as lines under the task in the table view).  crm-export writes
 * crm_task_cols: the first ten but series (a series is not imported),
 * then author, note, client_id, deal_id, first_due, created_at,
 * closed_at, result, cancel_reason.
 */
#define CRM_TASK_NX_(type, m, sql, imp, col, x, v)	CRM_TASK_N_##x
#define CRM_TASK_NV_(type, m, sql, imp, col, x, v)	CRM_TASK_N_##v
#define CRM_TASK_N_X(n)		+ 1
#define CRM_TASK_N_V(n)		+ 1
#define CRM_TASK_N_VB(n)	+ 1
#define CRM_TASK_N_NOT
#define CRM_TASK_NCOLS	(0 CRM_TASK_FIELDS(CRM_TASK_NX_, CRM_TASK_SKIP_))
#define CRM_TASK_NLIST	(0 CRM_TASK_FIELDS(CRM_TASK_NV_, CRM_TASK_SKIP_))
extern const struct crm_col crm_task_cols[CRM_TASK_NCOLS];
extern const struct crm_col crm_task_view[CRM_TASK_NLIST];

/*
 * Write task t as one record of the CRM_TASK_NLIST view columns.  The
 * table shows the note under a task that has a result or a review only;
 * crm_task_row_found() shows it under every task, for a row a search
 * found, which may have been found by its note (task-list -q).
 */
int	 crm_task_row(struct crm_out *, const struct crm_task *);
int	 crm_task_row_found(struct crm_out *, const struct crm_task *);

/* (end of tasks) */

/* ---- iCalendar (ical.c) -------------------------------------------- */

/*
 * Tasks for a calendar program: an iCalendar object (RFC 5545, METHOD
 * PUBLISH) with one VTODO a task.  UID task-<id>@crm.local is the same
 * in every export, so a calendar that imports again updates the task;
 * SEQUENCE is the number of moves, plus one when the task is closed.
 * DUE is the due date, or the date and time as floating local time;
 * STATUS is NEEDS-ACTION, COMPLETED (with COMPLETED, the time it was
 * done) or CANCELLED, from the task as it is now; SUMMARY the title;
 * DESCRIPTION the note, then who, kind, client, deal, result or reason;
 * CATEGORIES the kind.  DTSTAMP is crm_now(); it, CREATED and COMPLETED
 * are written in UTC, converted from local time by the time zone in
 * effect (TZ).
 */
struct crm_ical;

/*
 * Start writing to fp: BEGIN:VCALENDAR, VERSION, PRODID (-//crm//tool//EN),
 * CALSCALE and METHOD.  NULL only when out of memory.
 */
struct crm_ical *crm_ical_open(struct crm *, FILE *fp, const char *tool);

/*
 * Write task t->id as a VTODO: a callback for crm_task_day and
 * crm_task_list, with the crm_ical as arg.  The task is read again by
 * its id, and only when the actor may see its assignee's work
 * (CRM_EPERM otherwise, CRM_ENOENT when there is no such task).
 */
int	 crm_ical_task(const struct crm_task *t, void *ical);

/*
 * Write END:VCALENDAR, flush fp and free.  CRM_OK, or CRM_EDB when a
 * write failed.  Accepts NULL.
 */
int	 crm_ical_close(struct crm_ical *);

/*
 * Escape text as an iCalendar TEXT value: backslash, semicolon and comma
 * with a backslash; LF, CR and CRLF as \n; TAB as it is; other control
 * characters and the bidirectional controls (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069) dropped; bytes that are not valid
 * UTF-8 as U+FFFD.  A malloc'd string, NULL when out of memory.
 */
char	*crm_ical_escape(const char *);

/*
 * Write one content line ("NAME;PARAM=V:value", already in its syntax)
 * to fp, folded at 75 octets (a continuation line starts with a space)
 * between whole UTF-8 characters and never inside a backslash escape,
 * each physical line ended by CRLF.  CRM_OK, or CRM_EDB on a write error.
 */
int	 crm_ical_line(FILE *, const char *line);

/* (end of iCalendar) */

/* ---- clients (client.c) ------------------------------------------ */

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
 * The one lookup of a client, for every tool and crm-import.  It tries,
 * in order: a visible id, a valid INN, the exact name (any case,
 * Cyrillic included), a unique part of the name.  A client is visible
 * when the actor may see its manager's work or has a deal or task of
 * their own on it.  CRM_ENOENT "no such client 'SPEC'" when none
 * matches; CRM_EINVAL "several clients match 'SPEC': " and the first
 * few candidates (id and name) when several do.
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

/* ---- merging clients (clientmerge.c) ----------------------------- */

/*
 * Merge client dup into client keep: every deal, task and series of dup
 * becomes keep's; keep takes dup's INN, phone, e-mail and note where it
 * has none; dup's record goes, the log keeping it whole ("merge", with
 * what moved).  An admin, or a head whose team has both clients.
 */
int	 crm_client_merge(struct crm *, int64_t keep, int64_t dup);

/* ---- deals and stages (deal.c) ----------------------------------- */

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
 * The one lookup of a deal, as crm_client_find: a visible id, the exact
 * title (any case), a unique part of it.  CRM_ENOENT "no such deal
 * 'SPEC'", CRM_EINVAL "several deals match 'SPEC': " and candidates.
 */
int	 crm_deal_find(struct crm *, const char *spec, int64_t *id);

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

/* ---- corrections of deals and documents (dealedit.c) ------------- */

/*
 * Correct field of deal id: "title", "amount" or "profit" (money as
 * crm_money_parse takes it; the amount not negative), or "close" (the
 * expected close date, as crm_date_parse takes it; "" or "-": none).
 * The deal's manager or their head; logged with before and after.
 */
int	 crm_deal_set(struct crm *, int64_t id, const char *field,
	    const char *value);

/*
 * Correct field of document id: "number" (unique among the documents of
 * its kind), "date" (as crm_date_parse takes it; not after its due or
 * paid date) or "amount" (money, above zero).  Whoever may change the
 * deal; logged with before and after.
 */
int	 crm_doc_set(struct crm *, int64_t id, const char *field,
	    const char *value);

/* ---- documents (doc.c) ------------------------------------------- */

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

/*
 * The document spec names: its id, or its number when exactly one of the
 * documents you may see has it (СЧ-101).  CRM_ENOENT for none,
 * CRM_EINVAL for several, their ids in the message.
 */
int	 crm_doc_find(struct crm *, const char *spec, int64_t *id);

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

/* ---- records as rows (recout.c) ---------------------------------- */

/*
 * The columns of people, clients, deals and documents, only ever
 * appended to: their listing tool (crm-user list, client-list,
 * deal-list, doc-list) and crm-export write them all, crm-import reads
 * them.  client_id and deal_id are ids, client a client's name.
 *   people:  id, login, name, role, head, email, active, created_at
 *   clients: id, name, inn, phone, email, manager, note, created_at
 *   deals:   id, client, title, stage, amount, profit, close_date,
 *            manager, opened_at, closed_at, lost_reason, client_id
 *   docs:    id, kind, number, doc_date, amount, due_date, paid_date,
 *            deal_id, client, manager, created_at
 */
#define CRM_PERSON_NCOLS	8
#define CRM_CLIENT_NCOLS	8
#define CRM_DEAL_NCOLS		12
#define CRM_DOC_NCOLS		11
extern const struct crm_col crm_person_cols[CRM_PERSON_NCOLS];
extern const struct crm_col crm_client_cols[CRM_CLIENT_NCOLS];
extern const struct crm_col crm_deal_cols[CRM_DEAL_NCOLS];
extern const struct crm_col crm_doc_cols[CRM_DOC_NCOLS];

/*
 * Write the record as one row of its columns to out, a struct crm_out
 * opened with them (crm_out_row).  Shaped as the fn of crm_person_each,
 * crm_client_each, crm_deal_each and crm_doc_each, to be passed to them
 * as it is.
 */
int	 crm_person_row(const struct crm_person *, void *out);
int	 crm_client_row(const struct crm_client *, void *out);
int	 crm_deal_row(const struct crm_deal *, void *out);
int	 crm_doc_row(const struct crm_doc *, void *out);

/*
 * The columns of an audit entry (crm-log), a stage and a deal's stage
 * change (deal-stage list and history), and their rows, as above:
 *   audit:  id, at, actor, entity, entity_id, action, detail
 *   stage:  id, name, pos, outcome
 *   change: deal_id, at, from, to, by, reason
 */
#define CRM_AUDIT_NCOLS		7
#define CRM_STAGE_NCOLS		4
#define CRM_CHANGE_NCOLS	6
extern const struct crm_col crm_audit_cols[CRM_AUDIT_NCOLS];
extern const struct crm_col crm_stage_cols[CRM_STAGE_NCOLS];
extern const struct crm_col crm_change_cols[CRM_CHANGE_NCOLS];
int	 crm_audit_row(const struct crm_audit *, void *out);
int	 crm_stage_row(const struct crm_stage *, void *out);
int	 crm_change_row(const struct crm_stage_change *, void *out);

/* ---- import (import.c) ------------------------------------------- */

/*
 * Import CSV records of kind "people", "clients", "deals", "docs" or
 * "tasks" from fp: a header row naming the columns (see crm-import(1)),
 * then one record a row.  All or nothing, in one transaction; on failure
 * the message names the line, the column and the value.  Records keep
 * their dates; each gets one audit entry "import" by the actor.  An admin
 * imports anything, a head the work of their team (and people into it).
 * An open task must have the fields its kind needs, as crm_task_add
 * checks them; history (done, cancelled) is exempt.  *count gets the
 * number of records imported.
 */
int	 crm_import(struct crm *, const char *kind, FILE *fp,
	    int64_t *count);

/* What an import did, for its summary. */
struct crm_import_sum {
	int64_t	 records;	/* imported */
	int64_t	 noreason;	/* lost deals given the reason */
				/* "not stated in the source" */
};

/* crm_import(), filling *sum when it succeeds. */
int	 crm_import_sum(struct crm *, const char *kind, FILE *fp,
	    struct crm_import_sum *sum);

/* How crm_import_with() reads a file. */
struct crm_import_opt {
	const char	 *charset;	/* what iconv(3) calls the file's
					   encoding; NULL: UTF-8, or
					   Windows-1251 when not UTF-8 */
	const char	**map;		/* "HEADER=column" (column empty:
					   pass HEADER over); NULL-ended */
	int		  dry;		/* check only: write nothing */
};

#define CRM_IMPORT_NPROB	10	/* problems a dry run keeps */

/* What a dry run found, besides crm_import_sum's counts. */
struct crm_import_check {
	int64_t	 bad;			/* lines that would not import */
	int	 nprob;			/* messages kept, the first ones */
	char	 prob[CRM_IMPORT_NPROB][256];
	char	 skipped[512];		/* the headers passed over, ", " */
	char	 charset[32];		/* the encoding read */
};

/*
 * crm_import_sum() with options: the file's encoding, a map of headers
 * to columns (besides the names and synonyms crm-import(1) lists), and
 * a dry run.  A dry run reads the whole file in a transaction it rolls
 * back, so it writes nothing: every line is checked as the import
 * would check it, *sum counts what would be imported and *chk (which
 * may be NULL otherwise) the lines refused with the first messages;
 * it returns CRM_OK when the whole file would import, else CRM_EINVAL
 * with the first problem as the message.
 */
int	 crm_import_with(struct crm *, const char *kind, FILE *fp,
	    const struct crm_import_opt *, struct crm_import_sum *sum,
	    struct crm_import_check *chk);

/* ---- export (export.c) ------------------------------------------- */

/*
 * Export the records of kind (as crm_import) the actor may see to fp, as
 * CSV with a header row that crm_import() reads back, or as JSON Lines
 * (money in kopecks) when json is set.
 */
int	 crm_export(struct crm *, const char *kind, FILE *fp, int json);

/*
 * The same CSV in the form Russian Excel opens directly: a UTF-8
 * byte-order mark, ';' between fields, CRLF, money with a decimal comma
 * ("1234,50").  crm_import() recognises it by itself.
 */
int	 crm_export_excel(struct crm *, const char *kind, FILE *fp);

/* ---- a whole department (department.c) ---------------------------- */

/*
 * Write the whole department to fp, history included (the audit log
 * with its chain, the task moves, the deal stage history, the
 * regulations, the calendar), every table's rows with their ids, as one
 * state of the database: the file crm_department_import() reads, the
 * same from either backend.  An admin only.
 */
int	 crm_department_export(struct crm *, FILE *fp);

/*
 * Read a department that crm_department_export() wrote into a new
 * database (nobody in it yet), all or nothing: the audit log's chain is
 * checked before the commit, the ids made next follow those carried in,
 * and the KPI's figures are summed again.  *rows gets the rows read.
 * Root only, when the tool runs setgid.
 */
int	 crm_department_import(struct crm *, FILE *fp, int64_t *rows);

/* (end of clients, deals, documents) */

/* ---- plan checks and the rollout (plan.c, rollout.c) ---------------- */

/* One thing a plan check found. */
struct crm_finding {
	const char	*login;
	const char	*day;		/* YYYY-MM-DD, the day checked */
	const char	*rule;		/* empty thin field junk paste ... */
	int64_t		 task_id;	/* 0 when about the day */
	const char	*detail;
};

/*
 * Check the plan of person login for day (a day number) against the
 * regulations and call fn for each finding, in order: the day (empty,
 * thin), then each task planned that day (field, junk, paste), then the
 * open tasks due before the day (overdue).  A day off is not checked
 * for empty and thin.  The actor must be allowed to see the person's
 * work.  fn's non-zero return stops the check and is returned.
 */
int	 crm_plan_check(struct crm *, const char *login, int day,
	    int (*fn)(const struct crm_finding *, void *), void *arg);

/*
 * crm_plan_check of each of the n logins in turn, for day: the same
 * findings in the same order, read in as many statements for a team of
 * fifty as for one person.  The people before the first that cannot be
 * checked are, then its failure is returned.
 */
int	 crm_plan_check_each(struct crm *, char *const *logins, size_t n,
	    int day, int (*fn)(const struct crm_finding *, void *),
	    void *arg);

/*
 * Draw k of n team members (0..n-1) for week (0, 1, ...), the same for
 * the same seed and week: each week those drawn fewest times so far,
 * then those not drawn the week before, then a random rank seeded by
 * seed, so everyone is drawn once before anyone twice.  At most 1000
 * members.  Writes the members, ascending, into out[k]; returns how
 * many (k, or n if fewer), or -1 when out of memory.
 */
int	 crm_rollout_draw(const char *seed, int n, int k, int week, int *out);

/*
 * Which week of the rollout day falls in: -1 before the launch, 0 the
 * first week, ..., 4 and over the steady regime (also when no launch
 * date is set, with weeks from Monday then).  *start gets the week's
 * first day.
 */
int	 crm_rollout_week(struct crm *, int day, int *week, int *start);

/* A control the schedule asks for. */
struct crm_due {
	const char	*day;
	const char	*kind;		/* daily weekly spot steady */
	const char	*login;		/* a manager; NULL: the whole team */
	const char	*team;		/* the team's head; "" when none */
	int		 done;		/* controls of it recorded that day */
	int		 missed;	/* a day gone by, and none recorded */
};

/*
 * Call fn for each control due on day, as far as the actor may see:
 * teams by their head's login, managers by login.  fn's non-zero return
 * stops the walk and is returned.
 */
int	 crm_control_due(struct crm *, int day,
	    int (*fn)(const struct crm_due *, void *), void *arg);

/*
 * The controls missed on the days from..to before today: those due that
 * no control was recorded for, by day, as crm_control_due() walks them
 * (missed set).
 */
int	 crm_control_missed(struct crm *, int from, int to,
	    int (*fn)(const struct crm_due *, void *), void *arg);

/* A control recorded. */
struct crm_control {
	int64_t		 id;
	const char	*day;
	const char	*kind;
	const char	*login;		/* the manager, or a team's head */
	const char	*checker;
	const char	*at;		/* when it was recorded */
	int64_t		 findings;
	const char	*note;		/* NULL when none */
};

/*
 * Record a control of day by the actor (a head of their team, or an
 * admin): of manager login, or of the team of head login.  Its kind
 * follows the rollout week: daily (week 1, a manager), spot (weeks 2-4,
 * a manager), weekly (weeks 1-4, a team), steady (after).  findings -1:
 * count them by running the plan check of the day.  Audited; *id gets
 * the new id when id is not NULL.
 */
int	 crm_control_add(struct crm *, int day, const char *login,
	    int64_t findings, const char *note, int64_t *id);

/*
 * Walk the controls recorded for days from..to, by day: all of them for
 * a director or an admin; for a head those of their team and their
 * own; for a manager those of themselves.
 */
int	 crm_control_each(struct crm *, int from, int to,
	    int (*fn)(const struct crm_control *, void *), void *arg);

/* (end of plan checks) */

/* ---- KPIs (kpi.c, kpiday.c) --------------------------------------- */

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
	int64_t	 wonsum;	/* amount of the deals won */
	int64_t	 returns;	/* times the head returned planned work */
	int64_t	 filler;	/* with no client and no deal, left out of
				   planned where plan.filler is 0 */
	int64_t	 slips;		/* cancelled by their maker at once, or a
				   task-add crm-undo took back: nobody's */
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
	CRM_KPI_PENALTY,
	CRM_KPI_NODATA		/* fewer planned tasks than kpi.min_tasks */
};

/* The CRM-use score of some counts. */
struct crm_kpi_score {
	double			 rate[CRM_KPI_NPART];	/* 0..1 */
	double			 points[CRM_KPI_NPART];	/* sum: score */
	double			 score;			/* 0..100 */
	enum crm_kpi_verdict	 verdict;
	double			 returned;	/* points the returns took off:
						   0 or less */
	char			 reason[512];	/* English, for TSV and JSON */
	char			 hreason[1024];	/* in the person's language */
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
	struct crm_kpi_score	*wscore;	/* no reasons: "" */
	int64_t			 head_id;	/* their head, 0: none */
	int			 head;		/* a head's own tasks */
	int			 start;		/* the first day that counts:
						   the later of rollout.launch
						   and their first entry in
						   the log; 0: none */
	size_t			 week1;		/* the first week from start */
	double			 reward, penalty; /* their team's thresholds */
	int64_t			 min_tasks;	/* and its kpi.min_tasks */
};

/* A team's totals in a report that spans several teams. */
struct crm_kpi_team {
	int64_t			 id;		/* the head's */
	char			*login;
	char			*name;
	struct crm_kpi_counts	 c, prev;
	struct crm_kpi_score	 s, sprev;
};

/* A correlation; ok 0 when n is too small or a side has no spread. */
struct crm_kpi_corr {
	char		 scope[64];	/* "team" or a login */
	const char	*x;		/* "score" */
	const char	*y;		/* "paid" or "won" */
	size_t		 n;
	int		 ok;
	int		 have;		/* r and rho computed, even if not ok */
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
	int64_t			 min_tasks;	/* fewer planned: nodata */
	int64_t			 w[CRM_KPI_NPART]; /* the parts' weights */
	int			 made;		/* day number it was made */
	int			 who;		/* enum crm_kpi_who covered */
	char			 title[160];	/* "", the head's or a name */
	struct crm_kpi_team	*teams;		/* when it spans several */
	size_t			 nteams;
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

/*
 * Sum the KPI's stored figures (each person's day) again from the tasks,
 * in one transaction.  The library keeps them right by itself; this is
 * for an admin after the database was changed by hand, or to check
 * (crm-rules rebuild).  CRM_OK, CRM_EPERM unless an admin, or an error.
 */
int	 crm_kpi_rebuild(struct crm *);

/* "reward", "nothing", "penalty" or "nodata". */
const char *crm_kpi_verdict_name(enum crm_kpi_verdict);

/* ---- the KPI's judgement (kpiscore.c) ---------------------------- */

/* The share won of the deals closed, won / (won + lost); 0 when none. */
double	 crm_kpi_winrate(const struct crm_kpi_counts *);

/* ---- the KPI report as text (kpiview.c) -------------------------- */

/*
 * Write the report to fp as a listing (crm_out_open) in format fmt
 * (AUTO: the table on a terminal, TSV elsewhere), with a TSV header line
 * when header is set.  The table is the view for people: a row a person
 * (and the team), a bar of the score and one block a week begun by day
 * number today, then each verdict's reason and the correlations as
 * notes.  TSV and JSON give one row a person with every count (the
 * columns of kpi-report(1)) or, when rel is set, one row a correlation.
 * CRM_ENOMEM when out of memory, CRM_EDB when a write fails.
 */
int	 crm_kpi_out(FILE *, const struct crm_kpi *, enum crm_fmt fmt,
	    int header, int rel, int today);

/* ---- the KPI report as HTML (kpihtml.c) -------------------------- */

/*
 * Write the report as one self-contained HTML document (no scripts, no
 * network) that fits 1280 pixels and prints on A4 landscape: a summary
 * line a person (teams first), the reasons for each verdict, and SVG
 * charts with legends and ticks.  Labels come through dgettext("crm").
 * CRM_EDB when a write fails.
 */
int	 crm_kpi_html(FILE *, const struct crm_kpi *);

/* ---- statistics (stats.c) ---------------------------------------- */

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

/* ---- digests (digest.c) ------------------------------------------ */

#define CRM_DIGEST_WIDTH 78	/* columns of a digest's lines, at most */

/*
 * A morning digest: for a manager their day (the tasks of the day by
 * time, what is overdue, what was done since the last working day, open
 * deals with no next step, what the plan check found); for a head one
 * line per manager of the team, the problems worst first, and the
 * controls the rollout schedule asks for on the day.
 */
struct crm_digest {
	char		*login;
	char		*name;
	char		*email;		/* NULL when the person has none */
	int		 head;		/* 1: a head's digest of the team */
	char		*subject;	/* one line, UTF-8 */
	char		*text;		/* the body: lines of UTF-8 text */
};

/*
 * Make the digest of person login (a manager or a head, active) for day
 * (a day number).  The actor must be allowed to see that person's work.
 * The body is plain UTF-8 text, each line ending in a newline and at most
 * CRM_DIGEST_WIDTH columns wide (display width; longer lines are cut
 * with "…"); free text is escaped as crm_escape() does.  Reads only.
 * crm_digest_clear() frees what *dg holds, also after a failure.
 */
int	 crm_digest_make(struct crm *, const char *login, int day,
	    struct crm_digest *dg);

void	 crm_digest_clear(struct crm_digest *);

/* ---- mail (mail.c) ----------------------------------------------- */

/*
 * A complete mail message of a digest that "sendmail -t" delivers: From:
 * from ("address" or "Name <address>"), To: the person's name and
 * e-mail, Subject: (RFC 2047 encoded words, UTF-8, base64, in lines of
 * at most 76 characters; a display name of printable ASCII is kept as it
 * is, quoted when needed), Date: (crm_now), MIME-Version,
 * Content-Type: text/plain; charset=utf-8, Content-Transfer-Encoding:
 * 8bit, Auto-Submitted: auto-generated, an empty line and the body.
 * Lines end in LF.  CRM_ENOENT when the person has no e-mail address,
 * CRM_EINVAL when an address is not a plain addr-spec.  *msg is
 * malloc'd.
 */
int	 crm_digest_mail(struct crm *, const struct crm_digest *,
	    const char *from, char **msg);

/*
 * Header text as RFC 2047 encoded words ("=?UTF-8?B?...?="), each at
 * most 75 characters and each on a line of its own (folded with LF and
 * a space), the first line having used columns taken by the field name.
 * Never splits a UTF-8 character.  Returns a malloc'd string or NULL.
 */
char	*crm_mail_words(const char *text, size_t used);

/*
 * Pipe the message msg into command (run by sh, "sendmail -t").  CRM_OK
 * when the command took it (exit status 0), else CRM_EINVAL with a
 * message naming the command and its status.  The caller ignores
 * SIGPIPE.
 */
int	 crm_mail_send(struct crm *, const char *command, const char *msg);

/*
 * Write msg to fp as one message of an mbox (mboxrd): a "From sender
 * date" line from now ("YYYY-MM-DD HH:MM:SS", crm_now), the lines that
 * start with ">*From " quoted with one more '>', an empty line after.
 * CRM_OK, or CRM_EDB on a write error.
 */
int	 crm_mail_mbox(FILE *fp, const char *sender, const char *now,
	    const char *msg);

/* The default sender: "login@host" of the acting person; malloc'd. */
char	*crm_mail_sender(struct crm *);

/* ---- reminders (remind.c) ------------------------------------------ */

/* One reminder: a task and the due time it is reminded for. */
struct crm_remind_item {
	int64_t		 task;
	char		*due;		/* "YYYY-MM-DD HH:MM"; overdue: the date */
	int		 overdue;	/* 1: to the head, overdue long */
	char		*line;		/* its line of the message */
};

/*
 * The reminders of one person, as a message: dg holds the recipient
 * (login, name, email) and, once claimed, the subject and the text that
 * crm_digest_mail() makes a mail of.
 */
struct crm_remind {
	struct crm_digest	 dg;
	struct crm_remind_item	*item;
	size_t			 n;
};

/*
 * The reminders due now and not yet sent, one struct a recipient
 * (*r, *n; free with crm_remind_free()): each active person's open
 * tasks whose due date and time fall within the next "remind.minutes"
 * (rule, default 30) after crm_now(), and, when "remind.overdue" is
 * more than 0, to each head the team's open tasks overdue by more than
 * that many days.  Only the work the actor may see.  Reads only.
 */
int	 crm_remind_list(struct crm *, struct crm_remind **r, size_t *n);

/*
 * Record r's reminders as sent, in one transaction committed before the
 * caller sends them, and keep in r only those this call recorded: a
 * reminder another run recorded first is dropped, so that no two runs
 * send it.  Then make r->dg's subject and text.  r->n == 0 afterwards:
 * nothing left to send.
 */
int	 crm_remind_claim(struct crm *, struct crm_remind *r);

/* Forget r's reminders again (sending failed): the next run retries. */
int	 crm_remind_unclaim(struct crm *, const struct crm_remind *r);

void	 crm_remind_free(struct crm_remind *r, size_t n);

/* (end of digests and reminders) */

#endif /* !CRM_H */

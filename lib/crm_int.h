/*
 * crm_int.h: what the files of libcrm share with each other and with
 * nobody else.  Nothing here is exported from libcrm.so (see libcrm.map);
 * the prefix crmi_ keeps the names apart from the public crm_ API.
 *
 * The files of lib/ stand in layers that only look down (lib/layers.txt
 * places each file; tests/07-layers.t fails on a call or an include that
 * looks up):
 *
 *	assembly	crm.c: makes the handle, registers the hooks
 *	   |
 *	views		digests, reports, mail, import and export
 *	   |
 *	domain		people, the audit log, tasks, deals, rules, the KPI
 *	   |
 *	core		errors, statements, transactions (db.c), the
 *	   |		configuration, text, dates, money, words, the schema
 *	store		store.h, the registry (store.c) and the drivers
 *
 * Where opening, migrating or committing needs work from above, the
 * upper layer registers it as a hook (struct crmi_hook, below).
 */
#ifndef CRM_INT_H
#define CRM_INT_H

#include <stdarg.h>

#include "crm.h"
#include "store.h"

#define CRMI_NSTMT	64	/* prepared statements cached per handle */
#define CRMI_ERRSZ	512

/* A statement crmi_stmt() keeps on the handle. */
struct crmi_cached {
	const char		*sql;	/* compared by address: SQL is static */
	struct crmi_stmt	*stmt;
};

/*
 * Work of the upper layers that db.c runs at fixed points of its own:
 * the handle's table of hooks (crm.c), run in its order; the first
 * failure stops them, and its status and message are the caller's.
 */
#define CRMI_AT_BEGIN		1	/* a write transaction has begun */
#define CRMI_AT_COMMIT		2	/* about to commit: a failure undoes */
#define CRMI_AT_COMMITTED	4	/* committed: a status is not heeded */
#define CRMI_AT_MIGRATE		8	/* the migrations' SQL has run, in
					   their transaction */
#define CRMI_AT_CREATE		16	/* a new database was migrated, in
					   the same transaction */
#define CRMI_AT_ROLLBACK	32	/* rolled back: a status is not
					   heeded */

struct crmi_hook {
	int	  at;			/* CRMI_AT_... */
	int	(*fn)(struct crm *);
};

struct crm {
	const struct crmi_hook	*hooks;		/* ends with at 0 */
	const struct crmi_driver *drv;		/* the store's driver... */
	struct crmi_store	*store;		/* ...and its database */
	char			 path[1024];	/* as messages show it */
	char			 name[1024];	/* as the driver is given it */
	char			 err[CRMI_ERRSZ];
	struct crm_person	 actor;		/* id 0: not a person */
	char			 login[64];	/* who is acting */
	int			 root;		/* real uid is 0 */
	char			 now[20];	/* the time of record: read
						   again as each write
						   transaction begins */
	int			 intx;		/* inside crmi_begin() */
	int			 srvclock;	/* now is the server's */
	int			 fixedclock;	/* now is root's CRM_NOW */
	int			 busy;		/* ms a writer waits */
	char			 secret[256];	/* the service role's password,
						   until connected */
	int			 secure;	/* running setgid */
	int			 retry;		/* a failure another open
						   may be causing right now */
	int64_t			 cmd;		/* the audit's command id */
	struct crmi_cached	 cache[CRMI_NSTMT];
	size_t			 ncache;
	void			(*notice)(const char *, void *);
	void			*noticearg;	/* crm_notice_set() */
	int			 piped;		/* ids from stdin: skip */
	int			 batch;		/* inside crm_ids_each() */
	/* What crmi_forget() forgets (see below). */
	struct crmi_rule	*rules;		/* the rule table */
	size_t			 nrules;
	int			 rules_read;	/* rules holds it */
	int64_t			 team_id;	/* the last team_of() */
	char			 team_login[64], team_head[64];
	int			 team_read;	/* team_* hold it */
	int64_t			 behind;	/* the anchor's entry, when
						   the database lost it */
	int64_t			 audit_last;	/* the last entry written */
	char			 audit_hash[65]; /* in this transaction */
	struct crmi_calday	*cal;		/* the calendar table, by day */
	size_t			 ncal;
	int			 cal_read;	/* cal holds it */
	/* A batch's triggers turned off (crmi_bulk_begin()). */
	int			 bulk;		/* they are off */
	int64_t			 bulk_from;	/* the batch's first task id */
	char			*bulk_sql[2];	/* their text, to make again */
};

/* A row of the calendar table, as the handle holds it (calendar.c). */
struct crmi_calday {
	int	 day;
	int	 working;
};

/* A row of the rule table, as the handle holds it (rule.c). */
struct crmi_rule {
	char	*key;
	char	*value;
};

/*
 * What the handle remembers of the database between statements: the
 * regulations, the calendar, the last person's team, the last audit
 * entry.  Read once
 * outside a write transaction (a tool's run sees one state of the
 * regulations); forgotten when a write transaction begins or ends, so a
 * change is seen by the next read.
 */
void	 crmi_forget(struct crm *);

/*
 * Run the handle's hooks registered for at (db.c): CRM_OK, or the first
 * failure's status with its message.
 */
int	 crmi_hooks_run(struct crm *, int at);

/*
 * The lower half of crm_open() (db.c): who is acting, where the database
 * is, its driver; opened (made when flags allow), tuned and migrated,
 * the handle's hooks running as it migrates.  The handle is crm_open()'s,
 * with its hooks set.  *flags are crm_open()'s, as the open took them: a
 * setgid tool run by a person neither makes a database nor opens without
 * a person.
 */
int	 crmi_db_open(struct crm *, const char *path, int *flags);

/*
 * Whether the database's directory is writable for us (0 only when
 * permissions forbid it), dir set to it; and " (reason)" for the
 * store's last system error, or "" (dberr.c): both for messages.
 */
int	 crmi_dir_writable(const struct crm *, char *dir, size_t sz);
const char *crmi_sys_reason(struct crm *, char *buf, size_t sz);

/* Close the database and the statements cached on it (db.c). */
void	 crmi_db_close(struct crm *);

/*
 * The time of record (db.c): root's CRM_NOW or the clock, read in the
 * department's zone, or the server's.
 */
int	 crmi_clock_set(struct crm *);

/* msg to the function of crm_notice_set(), if any (db.c). */
void	 crmi_notice(struct crm *, const char *msg);

/*
 * A record already in the state an action would give it: with skipping
 * on (ids piped in: crm_ids_args) the notice "MESSAGE: skipped" goes to
 * crmi_notice() and CRMI_SKIP comes back (the caller changes nothing and goes
 * on); otherwise the message is the error, with status.
 */
#define CRMI_SKIP	(-1)

int	 crmi_already(struct crm *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* A growing string, for JSON details and built SQL-free text. */
struct crmi_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;
};

/*
 * A string -> id map for lookups made once (text.c), zeroed to start:
 * get 1 with *val when key is there, else 0; put -1 when out of memory.
 */
struct crmi_map {
	char	**keys;
	int64_t	 *vals;
	size_t	  cap, n;
};

int	 crmi_map_get(const struct crmi_map *, const char *key, int64_t *val);
int	 crmi_map_put(struct crmi_map *, const char *key, int64_t val);
void	 crmi_map_clear(struct crmi_map *);

/*
 * locale.c: the library's words.  _() a message in the catalogue "crm",
 * N_() marks one for it without looking it up, NC_() marks one in a
 * context (a code's word, which crmi_word() looks up).  crmi_err()'s
 * format is a message too (make pot: --keyword=crmi_err:3).
 */
#define _(s)		crmi_tr(s)
#define N_(s)		(s)
#define NC_(c, s)	(s)
const char *crmi_tr(const char *) __attribute__((format_arg(1)));
const char *crmi_ntr(const char *, const char *, unsigned long)
	    __attribute__((format_arg(1))) __attribute__((format_arg(2)));
const char *crmi_word(const char *ctx, const char *code);
/*
 * The department's titles that crmi_word() gives first: fn (title.c's
 * crmi_title), registered from above when a handle is made (crm.c).
 */
void	 crmi_word_titles(const char *(*fn)(const char *ctx,
	    const char *code));
int	 crmi_titles_load(struct crm *);
const char *crmi_title(const char *ctx, const char *code);
extern const char *const crmi_words[];
const char *crmi_wday_short(int day);
void	 crmi_date_people(const char *iso, char *buf, size_t sz);
void	 crmi_money_people(int64_t kop, char *buf, size_t sz);

/*
 * Errors: set the handle's message, translated (fmt is looked up in the
 * catalogue, so every crmi_err string is a message), and return status.
 */
int	 crmi_err(struct crm *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Map a store's code (store.h) to a status, message from the store. */
int	 crmi_dberr(struct crm *, int rc);

/*
 * A prepared statement for static SQL, cached on the handle, reset and
 * with bindings cleared.  NULL on failure (message set).  Never finalize
 * it; do not use the same SQL twice at once.
 */
struct crmi_stmt *crmi_stmt(struct crm *, const char *sql);

/* Run SQL with no result rows. */
int	 crmi_exec(struct crm *, const char *sql);

/*
 * A statement of its own, prepared once and finalized by the caller
 * with crmi_finalize(): NULL on failure (message set).
 */
struct crmi_stmt *crmi_prepare(struct crm *, const char *sql);
void	 crmi_finalize(struct crm *, struct crmi_stmt *);

/*
 * The same as crmi_exec(), leaving the message alone: the store's code
 * (the end of a read transaction, where a failure changes nothing).
 */
static inline int
crmi_exec_quiet(struct crm *crm, const char *sql)
{
	return crm->drv->exec(crm->store, sql);
}

/* The rows the last change touched. */
static inline int64_t
crmi_changes(struct crm *crm)
{
	return crm->drv->changes(crm->store);
}

/*
 * Transactions.  crmi_begin() takes the write lock up front (BEGIN
 * IMMEDIATE) and returns CRM_EBUSY when it stays taken past the busy
 * timeout.  crmi_end(crm, status) commits when status is CRM_OK and rolls
 * back otherwise; it returns the final status.
 */
int	 crmi_begin(struct crm *);
int	 crmi_end(struct crm *, int status);

/* Step a statement expecting CRMI_DONE; status. */
int	 crmi_step_done(struct crm *, struct crmi_stmt *);

/*
 * Step a statement onto its one row: CRM_OK with st on the row (read
 * it, then reset it); else st is reset, and the status is CRM_ENOENT
 * (no message) when there is no row, or the store's error.
 */
int	 crmi_step_row(struct crm *, struct crmi_stmt *);

/*
 * Step an INSERT ... RETURNING id of one row; the row's id into *id.
 * Status.
 */
int	 crmi_step_id(struct crm *, struct crmi_stmt *, int64_t *id);

/*
 * The same for an INSERT into table (a name of the schema's) that gave
 * the row the id want when it is not 0 (an import that keeps ids): the
 * ids the table gives later come after it, on every driver.
 */
int	 crmi_step_kept(struct crm *, struct crmi_stmt *, const char *table,
	    int64_t want, int64_t *id);

/*
 * Rows of table were inserted with ids of their own: the ids it gives
 * later come after them, whatever the driver.
 */
int	 crmi_ids_taken(struct crm *, const char *table);

/*
 * What the handle's database is and offers (CRMI_STORE_..., store.h):
 * callers ask this, never which driver it is; 0 before it has one.
 */
int	 crmi_caps(const struct crm *);

/*
 * Begin a read transaction that sees one state of the whole database;
 * the caller ends it with COMMIT.
 */
int	 crmi_snapshot(struct crm *);

/*
 * Whether static SQL of one parameter, ?1 bound to text or to id,
 * returns a row: 1 or 0, or -1 on a database error (message set).
 */
int	 crmi_exists(struct crm *, const char *sql, const char *text);
int	 crmi_exists_id(struct crm *, const char *sql, int64_t id);

/*
 * The text of the first column that static SQL returns for ?1 = id,
 * into buf of sz bytes; "?" when there is none (names for messages).
 */
void	 crmi_text_of(struct crm *, const char *sql, int64_t id,
	    char *buf, size_t sz);

/*
 * Every row of static SQL (no parameters) into a malloc'd array of
 * elements of size bytes, *n of them, for what the handle keeps
 * (crmi_forget): fill(st, elem) makes one of the row, and returns 0, 1
 * to leave the row out, or -1 when out of memory (a partly filled
 * element is the caller's to free with the rest).  Status; on an error
 * the message is set and *arr and *n hold what was read.
 */
int	 crmi_rows(struct crm *, const char *sql, void **arr, size_t *n,
	    size_t size, int (*fill)(struct crmi_stmt *, void *elem));

/*
 * The end of a walk over st's rows that calls a caller's function per
 * row (crm_*_each): stop, the function's nonzero value that ended the
 * walk; else the store's error when rc, the last crmi_step, is not
 * CRMI_DONE (message set); else 0.  st is reset either way.
 */
int	 crmi_each_end(struct crm *, struct crmi_stmt *st, int rc, int stop);

/* Bind a copy of text, or NULL when s is NULL or empty. */
void	 crmi_bind_text(struct crmi_stmt *, int idx, const char *s);

/* Bind a copy of column j of src's row to parameter i of dst. */
void	 crmi_bind_col(struct crmi_stmt *dst, int i, struct crmi_stmt *src,
	    int j);

/* A copy of column i as a malloc'd string, or NULL when NULL. */
char	*crmi_col_dup(struct crmi_stmt *, int i);

/* Column i into buf of sz bytes, cut to fit; "" when NULL. */
void	 crmi_col_copy(struct crmi_stmt *, int i, char *buf, size_t sz);

/*
 * Append one entry to the audit log: entity and its id, the person whose
 * work it is (0 when none), the action, and a JSON object of detail.
 */
int	 crmi_audit(struct crm *, const char *entity, int64_t id,
	    int64_t owner, const char *action, const char *detail);
/*
 * The entry crmi_audit() would append, not inserted but handed to put
 * as the text of its CRMI_AUDIT_COLS (NULL: NULL), for a COPY (a task
 * import on a server): the chain moves on when put returns CRM_OK, and
 * the caller then owes the log the row, in the order of the entries.
 */
#define CRMI_AUDIT_COLS	"id, at, actor, entity, entity_id, owner_id," \
    " action, detail, detail_hash, hash, cmd"
#define CRMI_AUDIT_NCOLS	11
int	 crmi_audit_row(struct crm *, const char *entity, int64_t id,
	    int64_t owner, const char *action, const char *detail,
	    int (*put)(void *, char *const *f), void *arg);

/* The detail of an entry an admin erased (its hash stays). */
#define CRMI_ERASED	"{\"erased\":true}"

/*
 * Chain the entries that have no hash yet, from the first, in the
 * caller's transaction (the migration that added the chain).  CRM_OK, or
 * an error when an entry that has one does not match.
 */
int	 crmi_audit_chain(struct crm *);

/*
 * Check the whole chain, from the first entry, in the caller's
 * transaction (a department carried in): CRM_OK with *bad the first
 * entry that does not match and a message saying how, or 0.
 */
int	 crmi_audit_check(struct crm *, int64_t *bad);
/*
 * Inside a write transaction: the actor is still the person the handle
 * opened as, active, with the same role and head (person.c); CRM_EPERM
 * with a message otherwise.  CRM_OK when the actor is no person.
 */
int	 crmi_actor_recheck(struct crm *);
/*
 * Whether c shows nothing or moves what follows (bidi controls, zero
 * width, U+2028, BOM, noncharacters), escaped on every output; the first
 * such in s, or 0 (text.c).
 */
int	 crmi_is_invisible(unsigned int c);
unsigned int crmi_invisible_in(const char *s);
/* Each no-break space (U+00A0) of s made a space, in place (text.c). */
void	 crmi_nbsp_space(char *s);
/* All of fp in memory (*keep, freed after the fclose of what is
 * returned), before a transaction reads it (input.c); NULL with a message. */
FILE	*crmi_spool(struct crm *, FILE *fp, char **keep);
/* The last entry's id and hash; 0 and "" when none (audit.c). */
int	 crmi_audit_head(struct crm *, int64_t *id, char hash[65]);
/*
 * The anchor (anchor.c): crmi_anchor_check, at open, fails when the
 * database lost the entry its anchor names (crm->behind is set);
 * crmi_anchor_note, after a commit, moves the anchor to the last entry
 * (force: even back).  Nothing without a setgid file database.
 */
int	 crmi_anchor_check(struct crm *);
void	 crmi_anchor_note(struct crm *, int force);

/*
 * The department's time zone (zone.c): store the machine's zone when
 * none is set (a migration); make the stored zone the process's TZ, so
 * that every time of record and "today" is read in it.
 */
int	 crmi_zone_default(struct crm *);
int	 crmi_zone_load(struct crm *);

/* Person id for login among active people, or 0 (message set). */
int64_t	 crmi_person_id(struct crm *, const char *login);

/*
 * CRM_OK when login is NULL or names a person, active or not; else
 * CRM_ENOENT "no such person" (a filter by a misspelt login).
 */
int	 crmi_person_known(struct crm *, const char *login);

/*
 * The checks of a person's fields (person.c), shared with the imports
 * and the clients: a login (1 to 32 of a-z, 0-9, '.', '_', '-', not
 * starting with '-'); an e-mail address (NULL or "" is none).  CRM_OK,
 * or CRM_EINVAL with a message quoting the value.
 */
int	 crmi_check_login(struct crm *, const char *);
int	 crmi_check_email(struct crm *, const char *);

/*
 * The head whose team the actor may see and change: the actor's own id
 * while their current role is head and they are active, else 0 (which
 * is nobody's head).  Every team right in a query goes through this.
 */
int64_t	 crmi_team(const struct crm *);

/*
 * The junk-comment rules in effect for person id: their team's where
 * its head set them, else the department's; id 0 the department's.
 */
int	 crmi_junk_person(struct crm *, int64_t id, struct crm_junk_rules *);

/*
 * The fields kind needs in the team of person id (rule.c): bits 1
 * client, 2 deal, 4 time, 8 note, from the team's "fields.KIND/head"
 * when its head set one; *need is left as it is (the department's, from
 * task_kind) otherwise.
 */
int	 crmi_kind_fields(struct crm *, int64_t id, const char *kind,
	    int *need);
/*
 * The value of key for person id's team (rule.c): the team's
 * "key/head" where its head set one, else the department's; *v
 * malloc'd.
 */
int	 crmi_rule_team(struct crm *, const char *key, int64_t id, char **v);

/*
 * Which done tasks of person id wait for their head's acceptance
 * (review.c): 0 none (a head, a director, a manager with no head), 1
 * those someone else gave them, 2 all (the team's review.all).
 */
int	 crmi_review_waits(struct crm *, int64_t id);

/*
 * The paste rule as plan-check judges it (plan.c), for the KPI: fn(day,
 * arg) once for each result of person pid's tasks first due from to to
 * (not cancelled) that is pasted (the same result in junk.paste tasks or
 * more within junk.paste.days up to the task's due date; notes are not
 * counted) and not junk by crm_junk_check() already; day is the task's
 * first due date.
 */
int	 crmi_plan_paste(struct crm *, int64_t pid, int from, int to,
	    void (*fn)(int, void *), void *arg);
/*
 * The entry check (entry.c).  crmi_kind_need: the fields kind (NULL:
 * "other") needs in the team of person who, task_kind's as the team set
 * them (crmi_kind_fields): the one lookup plan-check uses.
 * crmi_task_entry: whether an open task e describes holds every field
 * its kind needs there, the fields in gap (missing already, which a
 * change does not make worse) aside.  A gap: under "entry.fields"
 * refuse (the default) CRM_EINVAL, the message naming the kind, the
 * field and, by hint, the option or the column that gives it (words:
 * the words of a quick add that named no client); under warn CRM_OK,
 * the message ("task ID: " first when id is not 0) handed to
 * crmi_notice().
 */
#define CRMI_HINT_OPT	0	/* -c client */
#define CRMI_HINT_COL	1	/* the client column */
struct crmi_entry {
	int64_t		 who;		/* the assignee */
	const char	*kind;
	int		 have;		/* bits as crmi_kind_fields() */
	int		 gap;
	int		 hint;
	const char	*words;
	int64_t		 id;		/* the task; 0: none yet */
	const int	*need;		/* its kind's, known; NULL: ask */
};
int	 crmi_kind_need(struct crm *, int64_t who, const char *kind,
	    int *need);
int	 crmi_task_entry(struct crm *, const struct crmi_entry *);
/* crmi_task_entry() of new task t of who, client its client. */
int	 crmi_task_entry_new(struct crm *, const struct crm_task_new *t,
	    int64_t who, int64_t client, int hint, int64_t id);
/* Fill e for new task t as crmi_task_entry_new() does (need NULL). */
void	 crmi_entry_new(struct crmi_entry *e, const struct crm_task_new *t,
	    int64_t who, int64_t client, int hint, int64_t id);

/*
 * The production calendar built in from data/calendar-ru.tsv
 * (calendar_ru.c, made by make), and its load into a new database
 * inside the caller's transaction, unaudited (calendar.c).
 */
extern const char	 crmi_calendar_ru[];
int	 crmi_calendar_ship(struct crm *);

/* crm_csv_put() with another separator (';' for Excel), input.c. */
int	 crmi_csv_put(FILE *, const char *, int first, int sep);

/* Load the acting person into crm->actor (person.c). */
int	 crmi_actor_load(struct crm *);

/* Growing strings and JSON objects. */
void	 crmi_buf_add(struct crmi_buf *, const char *);
void	 crmi_buf_addn(struct crmi_buf *, const char *, size_t);
void	 crmi_buf_addf(struct crmi_buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 crmi_buf_clear(struct crmi_buf *);
void	 crmi_json_open(struct crmi_buf *);
void	 crmi_json_str(struct crmi_buf *, const char *key, const char *val);
void	 crmi_json_int(struct crmi_buf *, const char *key, int64_t val);
void	 crmi_json_change(struct crmi_buf *, const char *key,
	    const char *old, const char *new);
void	 crmi_json_close(struct crmi_buf *);

/*
 * Decode one UTF-8 sequence at s (NUL-terminated).  Returns its length
 * and sets *cp, or 0 when the bytes are not valid UTF-8 (overlong,
 * surrogate, out of range, truncated).
 */
size_t	 crmi_utf8_dec(const unsigned char *s, unsigned int *cp);

/*
 * The next line of fp, read as crm_line_read() reads it, at most max
 * bytes (text.c): CRM_OK with *len its length, -1 at the end of input;
 * CRM_EINVAL for a longer line or a NUL byte, or CRM_ENOMEM.  When n is
 * not NULL it counts the lines and the message names the line.
 */
int	 crmi_line(struct crm *, FILE *, char **line, size_t *cap,
	    size_t max, long *n, ssize_t *len);

/*
 * s cut to width columns of display width at a character boundary, with
 * "…" when cut (width >= 1); malloc'd, NULL when out of memory.
 */
char	*crmi_fit(const char *s, size_t width);

/* The length in bytes of the longest start of s, at a character
 * boundary, that takes at most width columns of display width. */
size_t	 crmi_fit_len(const char *s, size_t width);

/*
 * The one check of a free-text field called what, for every tool and
 * crm-import (text.c): valid UTF-8 without control characters (newlines
 * allowed when nl), at most max bytes (CRM_TITLE_MAX for names and
 * titles, CRM_NOTE_MAX for notes, results and reasons), present when
 * need.  Messages: "missing WHAT", "invalid WHAT 'VALUE': control
 * characters or invalid UTF-8", "invalid WHAT 'START...': N bytes, at
 * most MAX".
 */
int	 crmi_check_text(struct crm *, const char *what, const char *s,
	    size_t max, int need, int nl);

/* Whether crm_escape() would leave s as it is. */
int	 crmi_plain(const char *s);

/* Bidirectional controls, which can reorder what a terminal shows. */
int	 crmi_is_bidi(unsigned int c);

/* Fold Latin and Cyrillic capitals to lower case (for search keys);
 * returns a malloc'd string or NULL. */
char	*crmi_fold(const char *);

/* ---- when.c: the reader of date and time words ------------------- */

/*
 * What a phrase said: the day and the minutes since midnight (-1 each
 * when not said), and bad, the index of a word that looked like a date
 * or a time and was not read (-1: none).
 */
struct crmi_when {
	int	 day;
	int	 time;
	int	 bad;
};

/* The days of month m of year y; the same day k months on (clamped). */
int	 crmi_mdays(int y, int m);
int	 crmi_date_months(int day, int k);
/* A date in the one word s (YYYY-MM-DD, 05.12, завтра, пт, +3...). */
int	 crmi_date_word(const char *s, int today, int *day);
/*
 * Read date and time words of the folded words f[i..n-1] into w: how
 * many were read (0: none).  now is the minutes since midnight, for
 * "через 2 часа" (-1: not known, not read).
 */
int	 crmi_when_at(char *const *f, int n, int i, int today, int now,
	    struct crmi_when *w);
/* The index of a word at f[i] that looks like a date or time, or -1. */
int	 crmi_when_odd(char *const *f, int n, int i);
/* The whole of s as a date (no time), or as a time (no date). */
int	 crmi_when_date(const char *s, int today, int *day);
int	 crmi_when_time(const char *s, int *t);

/*
 * The same for one code point (ё as е), never changing its length in
 * UTF-8; and the UTF-8 of c at o, no NUL, its length (1 to 4).
 */
unsigned int crmi_fold_cp(unsigned int c);
size_t	 crmi_utf8_enc(char *o, unsigned int c);

/*
 * Lookups (client.c): the one lookup of a what ("client", "deal") by
 * spec, trying a visible id, a valid INN (when inn), the exact name
 * folded, a unique part of it.  sql selects id and name with ?1 the step
 * (0 id, 1 INN, 2 exact, 3 part), ?2 the id, ?3 spec, ?4 its folded key,
 * ?5 whether the actor sees all, ?6 the actor, ?7 the actor's team, and
 * "id BETWEEN ?8 AND ?9", the id twice by id (so that the primary key
 * finds the row: an import looks up a client and a deal on every line),
 * the whole range otherwise.
 * CRM_ENOENT "no such WHAT 'SPEC'", or CRM_EINVAL "several WHATs match
 * 'SPEC': " and the candidates.  crmi_client_attach: whether the actor
 * may attach a new deal or task to client id: its manager, their head
 * or an admin (CRM_EPERM otherwise).
 */
int	 crmi_lookup(struct crm *, const char *what, const char *sql,
	    const char *spec, int inn, int64_t *id);
int	 crmi_client_attach(struct crm *, int64_t id);
extern const char crmi_sql_client_look[];	/* for t-plans.c */
/*
 * fn(arg, id, name) for each client the actor may see whose folded name
 * holds key, by name; fn returns -1 to stop (out of memory).
 */
int	 crmi_client_like(struct crm *, const char *key,
	    int (*fn)(void *, int64_t, const char *), void *arg);
/*
 * The one client whose name spec is, as typed or with a Russian case
 * ending, quotes and legal form aside (quick.c): CRM_OK with *id,
 * CRM_ENOENT for none, CRM_EINVAL for several.
 */
int	 crmi_client_named(struct crm *, const char *spec, int64_t *id);
extern const char crmi_sql_deal_look[];

/*
 * Tasks (task.c), shared with taskmod.c, taskview.c and series.c: check
 * free text (field named in the message), a kind, a client (an id or a
 * unique part of the name), who may give work to whom, a whole new task
 * (*client gets its client, from the deal when only a deal is given);
 * insert a checked task in the caller's transaction and log it.
 */
int	 crmi_task_kind(struct crm *, const char *kind);
/*
 * Whether the task kind of name's first len bytes (all of it when len is
 * -1) is defined (kind.c): CRM_OK, CRM_ENOENT (no message) when it is
 * not, or the store's error.
 */
int	 crmi_kind_defined(struct crm *, const char *name, int len);
void	 crmi_task_time(int min, char buf[6]);	/* -1: "" */
/*
 * Where a task moves to (a move, a return): day's date into due, and
 * min's time into tm, or, when min is -1, old, the time the task has.
 */
void	 crmi_task_due(int day, int min, const char *old, char due[11],
	    char tm[6]);
/* A deal's client; CRM_ENOENT "no such deal" when there is none. */
int	 crmi_task_deal_client(struct crm *, int64_t deal, int64_t *client);
/*
 * Step st, a statement of task id's row, onto it: CRM_OK, or (st reset)
 * CRM_ENOENT "no such task" when there is none, or the database's error
 * (taskmod.c).
 */
int	 crmi_task_found(struct crm *, struct crmi_stmt *st, int64_t id);
int	 crmi_task_may_give(struct crm *, int64_t id, const char *login);
int	 crmi_task_check(struct crm *, const struct crm_task_new *,
	    int64_t *client);
int	 crmi_task_insert(struct crm *, const struct crm_task_new *,
	    int64_t assignee, const char *login, int64_t author,
	    int64_t client, int64_t series, int64_t *id);
/*
 * Bind what a task and a series of tasks both begin with, ?1 to ?7:
 * assignee, author, kind ("other" when t has none), title, note, client
 * and deal (none bound when 0).  Returns the kind bound.
 */
const char *crmi_task_bind_new(struct crmi_stmt *, const struct crm_task_new *,
	    int64_t assignee, int64_t author, int64_t client);

/* Whose task id is (taskview.c); 0 when there is no such task. */
int64_t	 crmi_task_owner(struct crm *, int64_t id);

/*
 * Reopen a done or cancelled task (taskmod.c), logged as "reopen", or,
 * when undo is the command undone, as "undo" (undo.c).
 */
int	 crmi_task_reopen(struct crm *, int64_t id, const char *reason,
	    int64_t undo);

/*
 * The main queries of the tools over tasks, each list NULL-terminated,
 * for tests/unit/t-plans.c, which checks that each is planned over the
 * index meant for it.
 */
extern const char *const crmi_sql_taskview[];	/* day, list, closed */
extern const char *const crmi_sql_taskmod[];	/* a task by id */
extern const char *const crmi_sql_series[];	/* a series' open tasks */
extern const char *const crmi_sql_plan[];	/* texts, size, tasks, overdue */
/* A line of the KPI report: a team's totals, a manager, a head's own. */
struct crmi_kpi_line {
	int64_t				 id;
	const char			*login, *name;
	const char			*row;	/* "team", "person", "head" */
	const char			*team;	/* the head's login, or NULL */
	const struct crm_kpi_counts	*c, *prev;
	const struct crm_kpi_score	*s, *sprev;
};

/* The head's id whose team a line counts in, 0 for none (kpiscore.c). */
int64_t	 crmi_kpi_team_of(const struct crm_kpi_person *);

/*
 * Sum the (person, day) pairs a change made stale into kpi_day again and
 * forget them (kpiday.c); crmi_end() calls it before every commit.
 */
int	 crmi_kpi_refresh(struct crm *);

/*
 * SHA-256 (sha256.c), the audit chain's hash: init, update with any
 * number of bytes, end with the digest in lower-case hex and a NUL.
 * crmi_sha256() is the three at once.  The processor's SHA instructions
 * where it has them, else libmd's; crmi_sha256_path(1) makes it libmd's
 * (the unit test compares the two), 0 the quickest again.
 */
struct crmi_sha256 {
	uint32_t	 h[8];
	uint64_t	 len;
	uint8_t		 buf[64];
	size_t		 n;
};
void	 crmi_sha256_init(struct crmi_sha256 *);
void	 crmi_sha256_update(struct crmi_sha256 *, const void *, size_t);
void	 crmi_sha256_end(struct crmi_sha256 *, char out[65]);
void	 crmi_sha256(const void *, size_t, char out[65]);
void	 crmi_sha256_path(int md);

/*
 * The detail of a change (the log's flat JSON object of [before, after]
 * pairs, as the library writes it) turned for its undo: each pair as
 * [after, before], and "undo" the command cmd, into *out (malloc'd); -1
 * when detail is no such object or memory ran out (undoturn.c).
 */
int	 crmi_undo_turn(const char *detail, int64_t cmd, char **out);

/*
 * A batch of new tasks inside a write transaction (task-add's batch, an
 * import), on SQLite: crmi_bulk_begin() drops the per-row triggers that
 * mark each new task's day stale and check each audit entry's id, in the
 * transaction; crmi_end() calls crmi_bulk_end() before the refresh, which
 * marks the day of every task from the batch's first id on in one
 * statement and makes the triggers again from their own text, so that
 * the commit leaves the schema as it was and the figures as the triggers
 * would have left them.  A rollback undoes the drop with the rest, and
 * its hook calls crmi_bulk_forget().  A task inserted with an id of its own below
 * the batch's first is noted with crmi_bulk_note().  Elsewhere (a
 * server: a trigger there is dropped under a lock that stops readers)
 * nothing is turned off.  Return CRM_OK or a status.
 */
int	 crmi_bulk_begin(struct crm *);
int	 crmi_bulk_end(struct crm *);
void	 crmi_bulk_forget(struct crm *);
void	 crmi_bulk_note(struct crm *, int64_t id);
/*
 * Mark stale the day of every task from id from on: what the trigger
 * does a row, for rows copied with it off (a COPY, store.h).
 */
int	 crmi_kpi_mark(struct crm *, int64_t from);

/* Line i of the people, or of the teams, of a report (kpiview.c). */
void	 crmi_kpi_person_line(const struct crm_kpi *, size_t,
	    struct crmi_kpi_line *);
void	 crmi_kpi_team_line(const struct crm_kpi *, size_t,
	    struct crmi_kpi_line *);

/* one person's, everyone's: tasks, kpi_day's days, the stale pairs' tasks */
extern const char *const crmi_sql_kpi[];
extern const char *const crmi_sql_kpiday[];	/* the stale pairs' tasks */
extern const char *const crmi_sql_kpisales[];	/* everyone's sales */

/*
 * The value of key in the configuration file (conf.c) into buf: CRM_OK;
 * CRM_ENOENT when there is no file or no such line (no message); or a
 * status with a message when the file may not be trusted or is wrong.
 */
int	 crmi_conf_get(struct crm *, const char *key, char *buf, size_t sz);
/*
 * The database of the department name ("department NAME DATABASE"
 * lines) into buf, as crmi_conf_get: CRM_ENOENT when none is so named.
 */
int	 crmi_conf_dept(struct crm *, const char *name, char *buf, size_t sz);

/*
 * A number of milliseconds from the configuration file (key), 0 to max,
 * def when there is no such line: CRM_OK, or a status with a message.
 */
int	 crmi_conf_ms(struct crm *, const char *key, int def, int max,
	    int *ms);

/*
 * The department's service secret (the password of the server's service
 * role) from the file crm.conf's "secret" names, into buf: CRM_OK;
 * CRM_ENOENT when crm.conf names none; or a status with a message when
 * the file cannot be read or others could read or write it.
 */
int	 crmi_conf_secret(struct crm *, char *buf, size_t sz);

/*
 * Act with the caller's group until crmi_priv_tool(saved) gives the
 * tool's back; crmi_priv_drop() gives it up for good (priv.c).  0, or
 * -1 with errno set.
 */
int	 crmi_priv_user(gid_t *saved);
int	 crmi_priv_tool(gid_t saved);
int	 crmi_priv_drop(void);
/* 1 when the open fd is of the tool's group tool (priv.c), or unknown. */
int	 crmi_priv_theirs(int fd, gid_t tool);

/* The migrations, each a NULL-terminated list of SQL (schema.c). */
extern const char *const *const crmi_migrations[];
/* kpi_day from scratch: its sales filled, its task pairs stale. */
extern const char crmi_sql_kpifill[];

#endif /* !CRM_INT_H */

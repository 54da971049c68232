/*
 * crm_int.h: what the files of libcrm share with each other and with
 * nobody else.  Nothing here is exported from libcrm.so (see libcrm.map);
 * the prefix crmi_ keeps the names apart from the public crm_ API.
 */
#ifndef CRM_INT_H
#define CRM_INT_H

#include <sqlite3.h>
#include <stdarg.h>

#include "crm.h"

#define CRMI_NSTMT	64	/* prepared statements cached per handle */
#define CRMI_ERRSZ	512

struct crmi_stmt {
	const char	*sql;	/* compared by address: SQL is static */
	sqlite3_stmt	*stmt;
};

struct crm {
	sqlite3			*db;
	char			 path[1024];
	char			 err[CRMI_ERRSZ];
	struct crm_person	 actor;		/* id 0: not a person */
	char			 login[64];	/* who is acting */
	int			 root;		/* real uid is 0 */
	char			 now[20];	/* fixed for the handle's life */
	int			 intx;		/* inside crmi_begin() */
	int64_t			 cmd;		/* the audit's command id */
	struct crmi_stmt	 cache[CRMI_NSTMT];
	size_t			 ncache;
};

/* A growing string, for JSON details and built SQL-free text. */
struct crmi_buf {
	char	*s;
	size_t	 len;
	size_t	 cap;
	int	 oom;
};

/* Errors: set the handle's message and return status. */
int	 crmi_err(struct crm *, int status, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));

/* Map an SQLite result code to a status, message from the handle. */
int	 crmi_dberr(struct crm *, int rc);

/*
 * A prepared statement for static SQL, cached on the handle, reset and
 * with bindings cleared.  NULL on failure (message set).  Never finalize
 * it; do not use the same SQL twice at once.
 */
sqlite3_stmt *crmi_stmt(struct crm *, const char *sql);

/* Run SQL with no result rows. */
int	 crmi_exec(struct crm *, const char *sql);

/*
 * Transactions.  crmi_begin() takes the write lock up front (BEGIN
 * IMMEDIATE) and returns CRM_EBUSY when it stays taken past the busy
 * timeout.  crmi_end(crm, status) commits when status is CRM_OK and rolls
 * back otherwise; it returns the final status.
 */
int	 crmi_begin(struct crm *);
int	 crmi_end(struct crm *, int status);

/* Step a statement expecting SQLITE_DONE; status. */
int	 crmi_step_done(struct crm *, sqlite3_stmt *);

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

/* Bind text, or NULL when s is NULL or empty. */
int	 crmi_bind_text(sqlite3_stmt *, int idx, const char *s);

/* A copy of column i as a malloc'd string, or NULL when NULL. */
char	*crmi_col_dup(sqlite3_stmt *, int i);

/*
 * Append one entry to the audit log: entity and its id, the person whose
 * work it is (0 when none), the action, and a JSON object of detail.
 */
int	 crmi_audit(struct crm *, const char *entity, int64_t id,
	    int64_t owner, const char *action, const char *detail);

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

/* Load the acting person into crm->actor (person.c). */
int	 crmi_actor_load(struct crm *);

/* Growing strings and JSON objects. */
void	 crmi_buf_add(struct crmi_buf *, const char *);
void	 crmi_buf_addf(struct crmi_buf *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 crmi_buf_free(struct crmi_buf *);
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

/* Bidirectional controls, which can reorder what a terminal shows. */
int	 crmi_is_bidi(unsigned int c);

/* Fold Latin and Cyrillic capitals to lower case (for search keys);
 * returns a malloc'd string or NULL. */
char	*crmi_fold(const char *);

/*
 * Tasks (task.c), shared with taskmod.c, taskview.c and series.c: check
 * free text (field named in the message), a kind, a client (an id or a
 * unique part of the name), who may give work to whom, a whole new task
 * (*client gets its client, from the deal when only a deal is given);
 * insert a checked task in the caller's transaction and log it.
 */
int	 crmi_task_text(struct crm *, const char *field, const char *s,
	    size_t max, int required);
int	 crmi_task_kind(struct crm *, const char *kind);
void	 crmi_task_time(int min, char buf[6]);	/* -1: "" */
int	 crmi_task_client(struct crm *, const char *s, int64_t *id);
/* A deal's client; CRM_ENOENT "no such deal" when there is none. */
int	 crmi_task_deal_client(struct crm *, int64_t deal, int64_t *client);
int	 crmi_task_may_give(struct crm *, int64_t id, const char *login);
int	 crmi_task_check(struct crm *, const struct crm_task_new *,
	    int64_t *client);
int	 crmi_task_insert(struct crm *, const struct crm_task_new *,
	    int64_t assignee, const char *login, int64_t author,
	    int64_t client, int64_t series, int64_t *id);

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
extern const char *const crmi_sql_taskview[];	/* overdue, today, done, list */
extern const char *const crmi_sql_taskmod[];	/* a task by id */
extern const char *const crmi_sql_series[];	/* a series' open tasks */
extern const char *const crmi_sql_plan[];	/* texts, size, tasks, overdue */
extern const char *const crmi_sql_kpi[];	/* one person's, everyone's */

/* The migrations, each a NULL-terminated list of SQL (schema.c). */
extern const char *const *const crmi_migrations[];

#endif /* !CRM_INT_H */

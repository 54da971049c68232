/*
 * store.h: the seam between libcrm and the database engine.
 *
 * The files of lib/ reach the database through the handle's calls of
 * crm_int.h (crmi_stmt, crmi_begin, crmi_step_done... in db*.c), which
 * reach it through what is declared here; only a driver (store_sqlite.c
 * for SQLite, store_pg.c and store_pgsql.c for PostgreSQL) includes an
 * engine's own header, and the store includes nothing of the library
 * above it (lib/layers.txt).  A driver is a table of functions, struct
 * crmi_driver, that crmi_driver_for() (the registry, store.c) picks by
 * what each driver claims of the database's name when crm_open() runs;
 * the handle keeps the table and the driver's open database (struct
 * crmi_store, which only the driver sees inside).
 *
 * What a driver provides: what its databases are (caps, which callers
 * ask instead of the driver's name); opening a database (read-only,
 * read-write, or made when missing) and closing it; a new file's
 * database made whole; the files beside a file's database; a server's
 * limits and clock; running statements that return no rows; a read of
 * one state; preparing a statement, binding its parameters (64-bit
 * integers, text, NULL), stepping it, reading the columns of its row (an
 * integer, text or NULL, with the type and the length of the text) and
 * resetting it; the rows a change touched;
 * keeping the next id past ids an insert gave explicitly; the write
 * transaction; its message, system errno and read-only state; a copy of
 * the whole database into a file (a driver that cannot copy refuses with
 * a message); and the SQL function crm_fold(), registered when it opens,
 * with the fold registered from above (crmi_store_fold_set).
 *
 * Results are the store's own codes, never the engine's: CRMI_SOK,
 * CRMI_ROW and CRMI_DONE, or one of the kinds of failure that
 * crmi_dberr() tells apart.  A driver maps its engine's codes onto these
 * before it returns; crmi_dberr() turns one into a status and a message,
 * reading the driver's message and errno through the table.
 *
 * Ownership: a statement belongs to the store it was prepared on and
 * must be finalized before the store is closed.  The library's own
 * statements come from crmi_stmt(), which caches them on the handle and
 * finalizes them in crm_close(); nobody else finalizes those.  Text a
 * column gives stays valid until the next step, reset or read of that
 * column as another type.  Text bound is the caller's: unless it was
 * bound as a copy, it must stay as it is until the statement is reset
 * (what SQLite calls a static binding, and what libpq reads when the
 * statement runs); a copy is the driver's.
 */
#ifndef CRM_STORE_H
#define CRM_STORE_H

#include <stddef.h>
#include <stdint.h>

/* Results of a driver's operations. */
#define CRMI_SOK	0	/* done */
#define CRMI_EOTHER	1	/* any failure not below */
#define CRMI_EBUSY	5	/* locked by another writer, or busy */
#define CRMI_ENOMEM	7	/* out of memory */
#define CRMI_EREADONLY	8	/* may not write (permissions, a new file) */
#define CRMI_EWRITE	10	/* a write failed: full disk or size limit */
#define CRMI_EFULL	13	/* the database is full */
#define CRMI_ECANTOPEN	14	/* cannot open the file */
#define CRMI_ECONSTRAINT 19	/* refused by a constraint of the schema */
#define CRMI_ENOTADB	26	/* the file is not a database */
#define CRMI_ROW	100	/* a step has a row */
#define CRMI_DONE	101	/* a step has finished */

/*
 * The types of a column's value.  The numbers are hashed into the audit
 * chain (audit.c): they never change.
 */
#define CRMI_INT	1
#define CRMI_FLOAT	2
#define CRMI_TEXT	3
#define CRMI_BLOB	4
#define CRMI_NULL	5

/* How to open (flags of open). */
#define CRMI_OPEN_READ		1	/* read only */
#define CRMI_OPEN_WRITE		2	/* read and write */
#define CRMI_OPEN_CREATE	4	/* with WRITE: make it when missing */
#define CRMI_OPEN_SECURE	8	/* setgid: the caller's environment
					   may not steer the connection */
#define CRMI_OPEN_KEEPWAL	16	/* a file's log stays when closed */

/*
 * What a driver's databases are and offer (caps of struct crmi_driver),
 * which callers ask instead of naming a driver, as Dovecot's callers ask
 * sql_get_flags().
 */
#define CRMI_STORE_FILE		1	/* a file: its name a path, its
					   journal's files beside it */
#define CRMI_STORE_SECRET	2	/* a server's: crm.conf's secret is
					   the password of its service role */
#define CRMI_STORE_MAXID	4	/* a new row's id is max(id) + 1: the
					   highest id, once deleted, is
					   given again */
#define CRMI_STORE_TRIGOFF	8	/* a trigger dropped in a write
					   transaction stops no reader
					   (trigger_off) */
#define CRMI_STORE_COPY		16	/* rows stream into a table
					   (copy_begin, copy_row, copy_end) */
#define CRMI_COPY_LATEKEYS	1	/* copy_begin: foreign keys checked
					   at the end */

/* The files beside a database (sidecars of struct crmi_driver). */
#define CRMI_SIDES_MAKE		1	/* make the journal's, with the
					   database's mode */
#define CRMI_SIDES_DEPT		2	/* with MAKE: the department's too,
					   and all the database owner's */
#define CRMI_SIDES_CHECK	4	/* each there, a plain file of the
					   database owner's */

struct crmi_store;		/* an open database, the driver's own */
struct crmi_driver;

/*
 * A prepared statement.  A driver's statement starts with this, so that
 * the calls below reach the driver from the statement alone.
 */
struct crmi_stmt {
	const struct crmi_driver	*drv;
};

struct crmi_driver {
	const char	*name;
	int		 caps;	/* CRMI_STORE_... */
	/* Whether a database's name is this driver's (store.c asks). */
	int	(*claims)(const char *name);
	/*
	 * The name as messages show it, into out (outsz > 0), a password
	 * in it hidden; NULL: shown as it is.
	 */
	void	(*shown)(const char *name, char *out, size_t outsz);
	/*
	 * Open path as flags say; *sp is set even on failure when there is
	 * a store to ask for the message (close it then), else NULL.
	 * secret: on a server, the password of the role path names (the
	 * department's service role, crm.conf's secret); NULL: none.  A
	 * server that cannot be reached: CRMI_EBUSY.
	 */
	int	(*open)(const char *path, int flags, const char *secret,
		    struct crmi_store **sp);
	void	(*close)(struct crmi_store *);	/* NULL is fine */
	/* The session's settings: the wait for a writer's lock, in ms. */
	int	(*tune)(struct crmi_store *, int busy_ms);
	/*
	 * A server's limits on a session, in ms (crm.conf): the longest
	 * statement, the longest a transaction may stay idle.  NULL on a
	 * file, where no other session can hold the tools up.
	 */
	int	(*limits)(struct crmi_store *, int statement_ms, int idle_ms);
	/* The shared-reading journal; CRMI_SOK when the file is read-only. */
	int	(*journal)(struct crmi_store *);
	/*
	 * The files a file's database keeps beside it at path, as how
	 * says (CRMI_SIDES_...), before the engine makes them itself; a
	 * file that fails the check into bad.  NULL: no such files.
	 */
	int	(*sidecars)(const char *path, int how, char *bad,
		    size_t badsz);
	/*
	 * Whether the file at path holds no database, nor its journal
	 * one yet (1), made by someone who never wrote it; NULL: never.
	 */
	int	(*empty)(const char *path);
	/*
	 * A new file's database at path, made whole or not at all: create
	 * makes path's directories (the caller's alone, 0700) and an empty
	 * file of its own beside path, its name into tmp, with a new
	 * database's mode (0600, or 0660 in a setgid directory: crm(7));
	 * the caller opens tmp, migrates it and closes it, then place
	 * links it to path when keep (a file already there stays) and
	 * removes it.  A failure's file or directory into where (and
	 * *errnum its errno): CRMI_EREADONLY, a directory read-only for
	 * the caller; CRMI_ECANTOPEN, a directory that cannot be made;
	 * CRMI_EOTHER, the file (ENAMETOOLONG: a path too long).  NULL
	 * where the database is no file (a server's).
	 */
	int	(*create)(const char *path, char *tmp, size_t tmpsz,
		    char *where, size_t wheresz, int *errnum);
	int	(*place)(const char *tmp, const char *path, int keep,
		    int *errnum);
	int	(*exec)(struct crmi_store *, const char *sql);
	/*
	 * A statement of a migration (schema.c), in the driver's dialect:
	 * run as it is, rewritten, or skipped when it is another driver's.
	 */
	int	(*migrate)(struct crmi_store *, const char *sql);
	/*
	 * A read transaction that sees one state of the whole database
	 * (ended by COMMIT, as any other).
	 */
	int	(*snapshot)(struct crmi_store *);
	/* The write transaction: begun with the lock, committed, undone. */
	int	(*begin)(struct crmi_store *);
	int	(*commit)(struct crmi_store *);
	void	(*rollback)(struct crmi_store *);
	/* keep: the statement will be used many times. */
	int	(*prepare)(struct crmi_store *, const char *sql, int keep,
		    struct crmi_stmt **);
	void	(*finalize)(struct crmi_stmt *);	/* NULL is fine */
	int	(*step)(struct crmi_stmt *);
	void	(*reset)(struct crmi_stmt *);
	void	(*clear_bindings)(struct crmi_stmt *);
	void	(*bind_int)(struct crmi_stmt *, int i, int64_t);
	/* len -1: up to the NUL; s NULL binds NULL; copy: see above. */
	void	(*bind_text)(struct crmi_stmt *, int i, const char *s,
		    int len, int copy);
	void	(*bind_null)(struct crmi_stmt *, int i);
	int	(*col_type)(struct crmi_stmt *, int i);	/* CRMI_INT ... */
	int64_t	(*col_int)(struct crmi_stmt *, int i);
	const char *(*col_text)(struct crmi_stmt *, int i); /* NULL: NULL */
	int	(*col_bytes)(struct crmi_stmt *, int i);
	/*
	 * Rows of table were inserted with ids of their own: the ids the
	 * table gives later must come after them (SQLite's do; a
	 * sequence must be moved on).  NULL: nothing to do.
	 */
	int	(*ids_taken)(struct crmi_store *, const char *table);
	int64_t	(*changes)(struct crmi_store *);
	const char *(*errmsg)(struct crmi_store *);	/* NULL store too */
	int	(*sys_errno)(struct crmi_store *);	/* 0: none */
	int	(*readonly)(struct crmi_store *);	/* 1 when read-only */
	/*
	 * The schema's version stamp (migrations applied, 0 for a new
	 * database), read and written in the transaction there is.
	 */
	int	(*version)(struct crmi_store *, int *);
	int	(*set_version)(struct crmi_store *, int);
	/*
	 * A consistent copy of the whole database into a new file path,
	 * waiting out writers; on failure the reason in err: the engine's
	 * words, or a message of the catalogue (N_()), which the caller
	 * looks up.
	 */
	int	(*backup)(struct crmi_store *, const char *path, char *err,
		    size_t errsz);
	/*
	 * A server's clock (NULL on a file): the time of record in the
	 * department's zone into now, "YYYY-MM-DD HH:MM:SS"; fixed, when
	 * not NULL, is the time the server is asked to give instead.
	 */
	int	(*clock)(struct crmi_store *, const char *fixed, char now[20]);
	/*
	 * Trigger name dropped inside the write transaction, its text (to
	 * run again with exec before the commit) into *text, the caller's
	 * to free; no such trigger: CRMI_SOK and *text NULL.  NULL where
	 * dropping a trigger would stop readers (a server's lock).
	 */
	int	(*trigger_off)(struct crmi_store *, const char *name,
		    char **text);
	/*
	 * Rows streamed into one table, for a whole department's import
	 * (a new database) or a task import, inside a write transaction:
	 * copy_begin starts copying into table's columns cols (a list, as
	 * in an INSERT); copy_row sends a row of n fields (NULL: NULL), which
	 * the server checks as it comes or at the end; copy_end ends it,
	 * abort: undone (the transaction is then to be rolled back), and
	 * gives what the server made of the rows.  Between begin and end
	 * no other statement may run.  The table's own triggers (not its
	 * constraints) do not fire for the rows, where the session may
	 * turn them off: the caller sums and checks what they would
	 * (crmi_sql_kpifill, the chain).  NULL where the database has none
	 * (a file, whose inserts are calls within the process).  flags
	 * CRMI_COPY_LATEKEYS: the table's foreign keys may be checked once
	 * at the end, over the whole table, instead of a row at a time
	 * (a new database's, which nobody reads meanwhile).
	 */
	int	(*copy_begin)(struct crmi_store *, const char *table,
		    const char *cols, int flags);
	int	(*copy_row)(struct crmi_store *, char *const *f, int n);
	int	(*copy_end)(struct crmi_store *, int abort);
};

/*
 * A migration's statement for PostgreSQL only (schema.c): its marker, a
 * comment line, which the SQLite driver skips the statement for.
 */
#define CRMI_PG_ONLY	"--postgresql\n"

/*
 * PostgreSQL's write lock: the key of the advisory lock that a write
 * transaction of the library takes first (store_pg.c), and that the
 * KPI's triggers take for a writer outside the library (schema.c).
 */
#define CRMI_PG_WRITE_KEY	"7468322"

/*
 * PL/pgSQL that sets each identity column's sequence to follow its
 * table's highest id, as SQLite's INTEGER PRIMARY KEY does: the ids a
 * rolled-back insert took are given again.  The body of the owner's
 * crm_ids_reset() (m_pgroles), which sees every row whatever row-level
 * security hides from the caller; store_pg.c runs it bare only on a
 * database older than that function.
 */
#define CRMI_PG_IDS_RESET \
	"DECLARE r record; BEGIN FOR r IN SELECT c.relname AS t," \
	" a.attname AS col FROM pg_attribute a" \
	" JOIN pg_class c ON c.oid = a.attrelid" \
	" JOIN pg_namespace n ON n.oid = c.relnamespace" \
	" WHERE a.attidentity <> '' AND n.nspname = current_schema() LOOP" \
	" EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L)," \
	" coalesce((SELECT max(%I) FROM %I), 0) + 1, false)'," \
	" r.t, r.col, r.col, r.t); END LOOP; END"

/* The drivers there are. */
extern const struct crmi_driver *const crmi_sqlite_driver;
extern const struct crmi_driver *const crmi_pg_driver;

/*
 * The driver for a database name (store.c), the first whose claims()
 * takes it: PostgreSQL for a postgresql:// or postgres:// URI, a
 * conninfo after "postgres:", or a bare conninfo (its first word a
 * keyword followed by '=', as "host=/run/pg dbname=crm"); SQLite for
 * anything else, a path.
 */
const struct crmi_driver *crmi_driver_for(const char *name);

/*
 * The fold of text that a driver's SQL function crm_fold() gives
 * (store.c): the function set, registered from above before any
 * database is opened (crm_open); a new string, NULL when out of memory
 * or when none is set.
 */
void	crmi_store_fold_set(char *(*fn)(const char *));
char	*crmi_store_fold(const char *);

/*
 * Whether a database's name is PostgreSQL's, and the name with its
 * password hidden (store_pgsql.c): the PostgreSQL driver's claims and
 * shown (above, crmi_driver_for and crmi_db_shown).
 */
int	crmi_pg_claims(const char *name);
void	crmi_pg_shown(const char *name, char *out, size_t outsz);

/*
 * SQLite's ?N parameters (and bare ?) of sql as PostgreSQL's $N, outside
 * quoted text, quoted names and comments, into out; *nparam the highest;
 * used, unless NULL, of 100 bytes: used[N] 1 for each N that sql names,
 * else 0.  -1 when out is too small or a parameter is above 99.
 */
#define CRMI_PG_MAXPARAM	100	/* ?1 to ?99, as the library's SQL has */
int	crmi_pg_params(const char *sql, char *out, size_t outsz, int *nparam,
	    char *used);

/*
 * A migration's statement, written for SQLite, in PostgreSQL's dialect
 * into out: INTEGER PRIMARY KEY an identity column, INTEGER bigint (64
 * bits, as SQLite's), outside quoted text.  1 when it is SQLite's own and
 * skipped (its triggers: PostgreSQL's come beside them, CRMI_PG_ONLY);
 * -1 when out is too small; else 0.
 */
int	crmi_pg_schema(const char *sql, char *out, size_t outsz);

/*
 * A database's name as messages show it, into out (store.c, through its
 * driver's shown()): a password in a conninfo (password=...) or a URI
 * (user:password@, ?password=) becomes "***"; anything else is copied as
 * it is.
 */
void	crmi_db_shown(const char *name, char *out, size_t outsz);

/*
 * The directory of a file's path into dir (store.c): "." for a bare
 * name, "/" for a file at the root; cut to sz bytes.
 */
void	crmi_path_dir(const char *path, char *dir, size_t sz);

/* The calls on a statement, through its driver. */
static inline int
crmi_step(struct crmi_stmt *st)
{
	return st->drv->step(st);
}

static inline void
crmi_reset(struct crmi_stmt *st)
{
	st->drv->reset(st);
}

static inline void
crmi_bind_int(struct crmi_stmt *st, int i, int64_t v)
{
	st->drv->bind_int(st, i, v);
}

/*
 * Text as it is, "" included; NULL binds NULL (crmi_bind_text: "" too).
 * Not copied: s stays as it is until the statement is reset.
 */
static inline void
crmi_bind_str(struct crmi_stmt *st, int i, const char *s)
{
	st->drv->bind_text(st, i, s, -1, 0);
}

/* The first len bytes of s, not copied either. */
static inline void
crmi_bind_strn(struct crmi_stmt *st, int i, const char *s, int len)
{
	st->drv->bind_text(st, i, s, len, 0);
}

/* Text copied: s may change or go once this returns. */
static inline void
crmi_bind_copy(struct crmi_stmt *st, int i, const char *s)
{
	st->drv->bind_text(st, i, s, -1, 1);
}

static inline void
crmi_bind_null(struct crmi_stmt *st, int i)
{
	st->drv->bind_null(st, i);
}

static inline int64_t
crmi_col_int(struct crmi_stmt *st, int i)
{
	return st->drv->col_int(st, i);
}

static inline const char *
crmi_col_text(struct crmi_stmt *st, int i)
{
	return st->drv->col_text(st, i);
}

static inline int
crmi_col_bytes(struct crmi_stmt *st, int i)
{
	return st->drv->col_bytes(st, i);
}

static inline int
crmi_col_type(struct crmi_stmt *st, int i)
{
	return st->drv->col_type(st, i);
}

static inline int
crmi_col_null(struct crmi_stmt *st, int i)
{
	return st->drv->col_type(st, i) == CRMI_NULL;
}

#endif /* !CRM_STORE_H */

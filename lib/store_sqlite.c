/*
 * store_sqlite.c: the SQLite driver of the store (store.h), the one file
 * of the library that talks to SQLite: making a new database's file
 * and opening it, its pragmas and journal and the files it keeps beside
 * the database, statements, SQLite's codes mapped onto the store's, the
 * online backup, and the SQL function crm_fold().
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "store.h"
#include "store_sqlite.h"

struct crmi_store {
	sqlite3		*db;
};

/* The files beside a database: the journal's, and the department's. */
static const char *const sides[] = { "-wal", "-shm", "-head" };

struct sq_stmt {
	struct crmi_stmt	 base;	/* first: what the library holds */
	sqlite3_stmt		*st;
	int			 rowid;	/* "RETURNING id" left to rowid() */
	int			 row;	/* its row given: the new rowid */
	char			 id[24];	/* ...as text */
};
#define SQS(st)	((struct sq_stmt *)(st))

/*
 * An INSERT's " RETURNING id", which the library writes for both
 * engines, is prepared without it here and answered with the rowid of
 * the row inserted: SQLite runs RETURNING as a trigger of the
 * statement, which costs each insert a statement journal, a trigger's
 * frame and a table of the rows to return (some 20 % of a task's insert
 * in a batch).  Only a plain INSERT that inserts one row or fails: no
 * ON CONFLICT, which may insert none.  The length of the text that
 * stays, or 0.
 */
static const char RETURNING_ID[] = " RETURNING id";

static size_t
rowid_len(const char *sql)
{
	size_t	 n = strlen(sql), r = sizeof(RETURNING_ID) - 1;

	if (strncmp(sql, "INSERT INTO ", 12) != 0 || n <= r ||
	    strcmp(sql + n - r, RETURNING_ID) != 0 ||
	    strstr(sql, "ON CONFLICT") != NULL || strstr(sql, "SELECT") !=
	    NULL)
		return 0;
	return n - r;
}

/*
 * The page cache, at most: small for reading, so that a tool's memory
 * stays flat however large the database grows (a view reads few pages,
 * a report reads each page once and the kernel keeps the file); large
 * inside a write transaction, so that the pages a big batch dirties stay
 * in memory until the commit instead of going to the log early and being
 * written twice.  A small change allocates only the pages it touches.
 */
#define CACHE_READ	"PRAGMA cache_size = -2048"
#define CACHE_WRITE	"PRAGMA cache_size = -131072"

static const struct crmi_driver sq_driver;

#define SQ(st)	(((struct sq_stmt *)(st))->st)

/* The store's code for an SQLite result code (extended codes are off). */
static int
code(sqlite3 *db, int rc)
{
	int	 e;

	switch (rc & 0xff) {
	case SQLITE_OK:
		return CRMI_SOK;
	case SQLITE_ROW:
		return CRMI_ROW;
	case SQLITE_DONE:
		return CRMI_DONE;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return CRMI_EBUSY;
	case SQLITE_NOMEM:
		return CRMI_ENOMEM;
	case SQLITE_READONLY:
		return CRMI_EREADONLY;
	case SQLITE_FULL:
		return CRMI_EFULL;
	case SQLITE_CANTOPEN:
		return CRMI_ECANTOPEN;
	case SQLITE_CONSTRAINT:
		return CRMI_ECONSTRAINT;
	case SQLITE_NOTADB:
		return CRMI_ENOTADB;
	case SQLITE_IOERR:
		/* A full disk or a file-size limit fails a write. */
		e = db != NULL ? sqlite3_system_errno(db) : 0;
		if ((db != NULL && sqlite3_extended_errcode(db) ==
		    SQLITE_IOERR_WRITE) || e == ENOSPC || e == EFBIG ||
		    e == EDQUOT)
			return CRMI_EWRITE;
		return CRMI_EOTHER;
	default:
		return CRMI_EOTHER;
	}
}

/*
 * crm_fold(text), the fold registered from above (crmi_fold), for the
 * lookup of a deal by its title; crm_has(text, key), whether the fold
 * of text holds key, as instr(crm_fold(text), key) > 0, for task-list
 * -q (lib/schema.c's m_search; PostgreSQL's are SQL).  NULL when an
 * argument is.
 */
static void
sql_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char	*s = sqlite3_value_text(argv[0]);
	const unsigned char	*k = argc > 1 ? sqlite3_value_text(argv[1]) :
				    (const unsigned char *)"";
	char			*f;

	if (s == NULL || k == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if ((f = crmi_store_fold((const char *)s)) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	if (argc == 1)
		sqlite3_result_text(cx, f, -1, free);
	else {
		sqlite3_result_int(cx, strstr(f, (const char *)k) != NULL);
		free(f);
	}
}

static int
sq_open(const char *path, int flags, const char *user,
    struct crmi_store **sp)
{
	struct crmi_store	*s;
	int			 rc, of, keep = 1;

	if ((*sp = s = calloc(1, sizeof(*s))) == NULL)
		return CRMI_ENOMEM;
	if (flags & CRMI_OPEN_WRITE)
		of = SQLITE_OPEN_READWRITE |
		    (flags & CRMI_OPEN_CREATE ? SQLITE_OPEN_CREATE : 0);
	else
		of = SQLITE_OPEN_READONLY;
	/*
	 * A handle is one thread's: no mutex around every call into
	 * SQLite (a column read took two locks, a fifth of a report).
	 */
	/*
	 * Nor SQLite's count of its memory, which takes a lock around
	 * every allocation (a batch's statements make many); refused,
	 * harmlessly, once SQLite has started.
	 */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	rc = sqlite3_open_v2(path, &s->db, of | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK && sqlite3_create_function(s->db, "crm_fold", 1,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold, NULL,
	    NULL) != SQLITE_OK)
		rc = sqlite3_errcode(s->db);
	if (rc == SQLITE_OK && sqlite3_create_function(s->db, "crm_has", 2,
	    SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_fold, NULL,
	    NULL) != SQLITE_OK)
		rc = sqlite3_errcode(s->db);
	if (s->db == NULL) {
		free(s);
		*sp = NULL;
		return CRMI_ENOMEM;
	}
	if (rc == SQLITE_OK)
		sqlite3_extended_result_codes(s->db, 0);
	/* The -wal and -shm files root made stay root's (db.c). */
	if (rc == SQLITE_OK && flags & CRMI_OPEN_KEEPWAL &&
	    sqlite3_file_control(s->db, "main", SQLITE_FCNTL_PERSIST_WAL,
	    &keep) != SQLITE_OK)
		rc = SQLITE_CANTOPEN;
	return code(s->db, rc);
}

static void
sq_close(struct crmi_store *s)
{
	if (s == NULL)
		return;
	sqlite3_close(s->db);
	free(s);
}

static int
sq_exec(struct crmi_store *s, const char *sql)
{
	return code(s->db, sqlite3_exec(s->db, sql, NULL, NULL, NULL));
}

/* A read transaction is one state of the file (WAL). */
static int
sq_snapshot(struct crmi_store *s)
{
	return sq_exec(s, "BEGIN");
}

/*
 * Make the files SQLite keeps beside the database before it does, with
 * the database's own mode whatever the umask: SQLite creates them with
 * the umask's mode and only then widens it, and another person opening
 * in between would find them read-only.  For the department (root) they
 * are the database owner's (the department's setup keeps them so,
 * crm(7) SECURITY), and -head too.
 */
static void
sides_make(const char *path, const struct stat *sb, int dept)
{
	char	 f[PATH_MAX];
	size_t	 i;
	mode_t	 old;
	int	 fd;

	/* (the anchor, anchor.c, is the department's only) */
	for (i = 0; i < (dept ? 3 : 2); i++) {
		if ((size_t)snprintf(f, sizeof(f), "%s%s", path,
		    sides[i]) >= sizeof(f))
			return;
		old = umask(0);
		fd = open(f, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW,
		    sb->st_mode & 0666);
		umask(old);
		if (fd == -1)
			continue;
		if (dept)
			(void)fchown(fd, sb->st_uid, sb->st_gid);
		close(fd);
	}
}

/*
 * In the department's setup a person never makes the -wal and -shm
 * files, nor opens them when a person owns them: the owner of a file may
 * open it through /proc/self/fd/N with their own rights, and write over
 * everyone's work.  Root made them (sides_make), and the tools keep
 * them (SQLITE_FCNTL_PERSIST_WAL).
 */
static int
sides_check(const char *path, const struct stat *sb, char *bad,
    size_t badsz)
{
	struct stat	 wb;
	size_t		 i;

	for (i = 0; i < 3; i++) {
		snprintf(bad, badsz, "%s%s", path, sides[i]);
		if (lstat(bad, &wb) == -1 || !S_ISREG(wb.st_mode) ||
		    wb.st_uid != sb->st_uid)
			return CRMI_EOTHER;
	}
	return CRMI_SOK;
}

static int
sq_sidecars(const char *path, int how, char *bad, size_t badsz)
{
	struct stat	 sb;

	if (stat(path, &sb) == -1) {	/* gone since its opener saw it */
		strlcpy(bad, path, badsz);
		return how & CRMI_SIDES_CHECK ? CRMI_ECANTOPEN : CRMI_SOK;
	}
	if (how & CRMI_SIDES_CHECK)
		return sides_check(path, &sb, bad, badsz);
	if (how & CRMI_SIDES_MAKE)
		sides_make(path, &sb, how & CRMI_SIDES_DEPT);
	return CRMI_SOK;
}

/*
 * mkdir -p of the directory that will hold path, named into where.
 * Directories it makes are the caller's alone (0700): a personal
 * database is nobody else's.
 */
static int
make_parent(const char *path, char *where, size_t wheresz, int *errnum)
{
	char	*p;

	if (strlcpy(where, path, wheresz) >= wheresz) {
		*errnum = ENAMETOOLONG;
		return CRMI_EOTHER;
	}
	if ((p = strrchr(where, '/')) == NULL || p == where)
		return CRMI_SOK;
	*p = '\0';
	for (p = where + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(where, 0700) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(where, 0700) == -1 && errno != EEXIST)
		goto fail;
	return CRMI_SOK;
fail:
	*errnum = errno;
	return CRMI_ECANTOPEN;
}

/*
 * The directory of path into dir: read-only for us (0 only when
 * permissions forbid it), and setgid (the department's, crm(7)).
 */
static int
dir_of(const char *path, char *dir, size_t sz, int *errnum, int *setgid)
{
	struct stat	 sb;

	crmi_path_dir(path, dir, sz);
	*setgid = 0;
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return CRMI_SOK;	/* not a question of permissions */
	*setgid = (sb.st_mode & S_ISGID) != 0;
	if (eaccess(dir, W_OK | X_OK) == 0 || (errno != EACCES &&
	    errno != EROFS))
		return CRMI_SOK;
	*errnum = errno;
	return CRMI_EREADONLY;
}

/*
 * The new database's own file, path.newPID, the caller's alone (0600)
 * unless its directory is setgid, the shared group mode of crm(7)
 * (0660); the SQLite library then writes it as a database.
 */
static int
sq_create(const char *path, char *tmp, size_t tmpsz, char *where,
    size_t wheresz, int *errnum)
{
	int	 fd, rc, setgid;

	*errnum = 0;
	if ((rc = make_parent(path, where, wheresz, errnum)) != CRMI_SOK ||
	    (rc = dir_of(path, where, wheresz, errnum, &setgid)) != CRMI_SOK)
		return rc;
	strlcpy(where, path, wheresz);
	if ((size_t)snprintf(tmp, tmpsz, "%s.new%ld", path, (long)getpid()) >=
	    tmpsz) {
		*errnum = ENAMETOOLONG;
		return CRMI_EOTHER;
	}
	unlink(tmp);
	if ((fd = open(tmp, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1)
		goto fail;
	if (fchmod(fd, setgid ? 0660 : 0600) == -1) {
		*errnum = errno;
		close(fd);
		unlink(tmp);
		return CRMI_EOTHER;
	}
	close(fd);
	return CRMI_SOK;
fail:
	*errnum = errno;
	return CRMI_EOTHER;
}

/* A link, never a rename: a database someone made meanwhile stays. */
static int
sq_place(const char *tmp, const char *path, int keep, int *errnum)
{
	int	 rc = CRMI_SOK;

	*errnum = 0;
	if (keep && link(tmp, path) == -1 && errno != EEXIST) {
		*errnum = errno;
		rc = CRMI_EOTHER;
	}
	unlink(tmp);
	return rc;
}

/* An empty file, its log empty or absent too. */
static int
sq_empty(const char *path)
{
	struct stat	 sb, wb;
	char		 f[PATH_MAX];

	if (stat(path, &sb) == -1 || sb.st_size != 0)
		return 0;
	snprintf(f, sizeof(f), "%s-wal", path);
	return stat(f, &wb) == -1 || wb.st_size == 0;
}

/* A migration's statement: PostgreSQL's own are not ours. */
static int
sq_migrate(struct crmi_store *s, const char *sql)
{
	if (strncmp(sql, CRMI_PG_ONLY, sizeof(CRMI_PG_ONLY) - 1) == 0)
		return CRMI_SOK;
	return sq_exec(s, sql);
}

static int
sq_tune(struct crmi_store *s, int busy_ms)
{
	sqlite3_busy_timeout(s->db, busy_ms);
	/*
	 * synchronous=FULL: a command that returned has its data on disk,
	 * even in WAL mode, at the price of one fsync per transaction.
	 */
	return sq_exec(s, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    CACHE_READ ";"
	    "PRAGMA temp_store = MEMORY");
}

/* WAL lets readers go on while one writes; it needs a writable file. */
static int
sq_journal(struct crmi_store *s)
{
	int	 rc;

	rc = sq_exec(s, "PRAGMA journal_mode = WAL");
	return rc == CRMI_EREADONLY ? CRMI_SOK : rc;
}

/*
 * sql, then the cache size for what follows; on failure nothing else
 * runs, so that the message stays sql's.
 */
static int
exec_cache(struct crmi_store *s, const char *sql, const char *cache)
{
	int	 rc;

	if ((rc = sq_exec(s, sql)) == CRMI_SOK)
		sqlite3_exec(s->db, cache, NULL, NULL, NULL);
	return rc;
}

/* The write lock up front: BEGIN IMMEDIATE. */
static int
sq_begin(struct crmi_store *s)
{
	return exec_cache(s, "BEGIN IMMEDIATE", CACHE_WRITE);
}

static int
sq_commit(struct crmi_store *s)
{
	return exec_cache(s, "COMMIT", CACHE_READ);
}

static void
sq_rollback(struct crmi_store *s)
{
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(s->db, CACHE_READ, NULL, NULL, NULL);
}

static int
sq_prepare(struct crmi_store *s, const char *sql, int keep,
    struct crmi_stmt **stp)
{
	struct sq_stmt	*q;
	int		 rc;

	*stp = NULL;
	if ((q = malloc(sizeof(*q))) == NULL)
		return CRMI_ENOMEM;
	q->base.drv = &sq_driver;
	q->row = 0;
	rc = sqlite3_prepare_v3(s->db, sql, (q->rowid = rowid_len(sql) > 0) ?
	    (int)rowid_len(sql) : -1, keep ? SQLITE_PREPARE_PERSISTENT : 0,
	    &q->st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(q->st);
		free(q);
		return code(s->db, rc);
	}
	*stp = &q->base;
	return CRMI_SOK;
}

static void
sq_finalize(struct crmi_stmt *st)
{
	if (st == NULL)
		return;
	sqlite3_finalize(SQ(st));
	free(st);
}

static int
sq_step(struct crmi_stmt *st)
{
	int	 rc;

	if (SQS(st)->row)		/* the rowid's row was the one */
		return CRMI_DONE;
	rc = sqlite3_step(SQ(st));
	if (rc == SQLITE_ROW)
		return CRMI_ROW;
	/* a row inserted, as RETURNING would have returned it */
	if (rc == SQLITE_DONE && SQS(st)->rowid &&
	    sqlite3_changes(sqlite3_db_handle(SQ(st))) > 0) {
		SQS(st)->row = 1;
		snprintf(SQS(st)->id, sizeof(SQS(st)->id), "%lld",
		    (long long)sqlite3_last_insert_rowid(sqlite3_db_handle(
		    SQ(st))));
		return CRMI_ROW;
	}
	if (rc == SQLITE_DONE)
		return CRMI_DONE;
	return code(sqlite3_db_handle(SQ(st)), rc);
}

static void
sq_reset(struct crmi_stmt *st)
{
	SQS(st)->row = 0;
	sqlite3_reset(SQ(st));
}

static void
sq_clear_bindings(struct crmi_stmt *st)
{
	sqlite3_clear_bindings(SQ(st));
}

static void
sq_bind_int(struct crmi_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(SQ(st), i, v);
}

static void
sq_bind_text(struct crmi_stmt *st, int i, const char *s, int len, int copy)
{
	sqlite3_bind_text(SQ(st), i, s, len,
	    copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
}

static void
sq_bind_null(struct crmi_stmt *st, int i)
{
	sqlite3_bind_null(SQ(st), i);
}

static int
sq_col_type(struct crmi_stmt *st, int i)
{
	if (SQS(st)->row)
		return CRMI_INT;
	switch (sqlite3_column_type(SQ(st), i)) {
	case SQLITE_INTEGER:
		return CRMI_INT;
	case SQLITE_FLOAT:
		return CRMI_FLOAT;
	case SQLITE_TEXT:
		return CRMI_TEXT;
	case SQLITE_BLOB:
		return CRMI_BLOB;
	default:
		return CRMI_NULL;
	}
}

static int64_t
sq_col_int(struct crmi_stmt *st, int i)
{
	if (SQS(st)->row)
		return sqlite3_last_insert_rowid(sqlite3_db_handle(SQ(st)));
	return sqlite3_column_int64(SQ(st), i);
}

static const char *
sq_col_text(struct crmi_stmt *st, int i)
{
	if (SQS(st)->row)
		return SQS(st)->id;
	return (const char *)sqlite3_column_text(SQ(st), i);
}

static int
sq_col_bytes(struct crmi_stmt *st, int i)
{
	if (SQS(st)->row)
		return (int)strlen(SQS(st)->id);
	return sqlite3_column_bytes(SQ(st), i);
}

static int64_t
sq_changes(struct crmi_store *s)
{
	return sqlite3_changes(s->db);
}

static const char *
sq_errmsg(struct crmi_store *s)
{
	return sqlite3_errmsg(s != NULL ? s->db : NULL);
}

static int
sq_sys_errno(struct crmi_store *s)
{
	return s != NULL ? sqlite3_system_errno(s->db) : 0;
}

static int
sq_readonly(struct crmi_store *s)
{
	return sqlite3_db_readonly(s->db, "main") == 1;
}

/* The version stamp: the file's user_version. */
static int
sq_version(struct crmi_store *s, int *v)
{
	sqlite3_stmt	*st;
	int		 rc;

	*v = 0;
	if ((rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st,
	    NULL)) != SQLITE_OK)
		return code(s->db, rc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return code(s->db, rc);
}

static int
sq_set_version(struct crmi_store *s, int v)
{
	char	 q[64];

	snprintf(q, sizeof(q), "PRAGMA user_version = %d", v);
	return sq_exec(s, q);
}

/* Copy every page into dst, waiting out a writer's lock. */
static int
copy(sqlite3 *src, sqlite3 *dst)
{
	sqlite3_backup	*b;
	int		 rc;

	if ((b = sqlite3_backup_init(dst, "main", src, "main")) == NULL)
		return sqlite3_errcode(dst);
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
	    rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* SQLite's online backup into a new file. */
static int
sq_backup(struct crmi_store *s, const char *path, char *err, size_t errsz)
{
	sqlite3	*dst = NULL;
	int	 rc;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = copy(s->db, dst);
	if (rc != SQLITE_OK)
		strlcpy(err, dst != NULL ? sqlite3_errmsg(dst) :
		    "out of memory", errsz);
	sqlite3_close(dst);
	return code(NULL, rc);
}

static int
sq_claims(const char *name)
{
	(void)name;
	return 1;
}

/*
 * A trigger dropped in the transaction (a batch's, kpiday.c): its text
 * read from the schema first, to be made again from it.
 */
static int
sq_trigger_off(struct crmi_store *s, const char *name, char **text)
{
	sqlite3_stmt	*st;
	const char	*t;
	char		*sql;
	int		 rc;

	*text = NULL;
	if ((rc = sqlite3_prepare_v2(s->db, "SELECT sql FROM sqlite_master"
	    " WHERE type = 'trigger' AND name = ?1", -1, &st, NULL)) !=
	    SQLITE_OK)
		return code(s->db, rc);
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL &&
	    (*text = strdup(t)) == NULL) {
		sqlite3_finalize(st);
		return CRMI_ENOMEM;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return code(s->db, rc);
	if (*text == NULL)
		return CRMI_SOK;
	if ((sql = sqlite3_mprintf("DROP TRIGGER \"%w\"", name)) == NULL)
		return CRMI_ENOMEM;
	rc = sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	sqlite3_free(sql);
	if (rc != SQLITE_OK) {
		free(*text);
		*text = NULL;
	}
	return code(s->db, rc);
}

static const struct crmi_driver sq_driver = {
	.name = "sqlite",
	.caps = CRMI_STORE_FILE | CRMI_STORE_MAXID | CRMI_STORE_TRIGOFF,
	.snapshot = sq_snapshot,
	.sidecars = sq_sidecars,
	.empty = sq_empty,
	.create = sq_create,
	.place = sq_place,
	.open = sq_open,
	.trigger_off = sq_trigger_off,
	.close = sq_close,
	.tune = sq_tune,
	.journal = sq_journal,
	.exec = sq_exec,
	.migrate = sq_migrate,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.prepare = sq_prepare,
	.finalize = sq_finalize,
	.step = sq_step,
	.reset = sq_reset,
	.clear_bindings = sq_clear_bindings,
	.bind_int = sq_bind_int,
	.bind_text = sq_bind_text,
	.bind_null = sq_bind_null,
	.col_type = sq_col_type,
	.col_int = sq_col_int,
	.col_text = sq_col_text,
	.col_bytes = sq_col_bytes,
	.ids_taken = NULL,	/* INTEGER PRIMARY KEY: max(id) + 1 */
	.changes = sq_changes,
	.errmsg = sq_errmsg,
	.sys_errno = sq_sys_errno,
	.readonly = sq_readonly,
	.version = sq_version,
	.set_version = sq_set_version,
	.backup = sq_backup,
	.claims = sq_claims,
};

const struct crmi_driver *const crmi_sqlite_driver = &sq_driver;

sqlite3 *
crmi_sqlite_conn(struct crmi_store *s)
{
	return s != NULL ? s->db : NULL;
}


/*
 * db.c: finding, opening and migrating the database; errors, statements
 * and transactions shared by the rest of the library; the clock.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm_int.h"

#define BUSY_MS	5000	/* how long a writer waits for the lock */
#define BUSY_MAX	600000

/*
 * Messages quote what people typed or stored, and go to a terminal: escape
 * them as output is escaped when they hold a control character, a TAB,
 * invalid UTF-8 or (perhaps) a bidirectional control.  Plain messages are
 * left alone, so that a message wrapped in another is escaped once.
 */
static void
err_escape(struct crm *crm)
{
	char	*e;

	if (crm_text_valid(crm->err, 0) && strchr(crm->err, '\t') == NULL &&
	    strstr(crm->err, "\xe2\x80") == NULL &&
	    strstr(crm->err, "\xe2\x81") == NULL)
		return;
	if ((e = crm_escape(crm->err)) == NULL) {
		strlcpy(crm->err, "out of memory", sizeof(crm->err));
		return;
	}
	strlcpy(crm->err, e, sizeof(crm->err));
	free(e);
}

int
crmi_err(struct crm *crm, int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(crm->err, sizeof(crm->err), _(fmt), ap);
	va_end(ap);
	err_escape(crm);
	return status;
}

/*
 * Whether the database's directory is writable for us (0 only when
 * permissions forbid it): SQLite keeps the -wal and -shm files beside
 * the database, so even reading needs it once they are gone.  dir gets
 * the directory.
 */
static int
dir_writable(const struct crm *crm, char *dir, size_t sz)
{
	struct stat	 sb;
	char		*p;

	strlcpy(dir, crm->path, sz);
	if ((p = strrchr(dir, '/')) == NULL)
		strlcpy(dir, ".", sz);
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
	if (stat(dir, &sb) == -1 || !S_ISDIR(sb.st_mode))
		return 1;	/* not a question of permissions */
	return eaccess(dir, W_OK | X_OK) == 0 ||
	    (errno != EACCES && errno != EROFS);
}

static int
full_errno(int e)
{
	return e == ENOSPC || e == EFBIG || e == EDQUOT;
}

/* " (reason)" for the last system error on the handle, or "". */
static const char *
sys_reason(struct crm *crm, char *buf, size_t sz)
{
	int	 e;

	if (crm->db == NULL || (e = sqlite3_system_errno(crm->db)) == 0)
		return "";
	snprintf(buf, sz, " (%s)", strerror(e));
	return buf;
}

int
crmi_dberr(struct crm *crm, int rc)
{
	const char	*msg = sqlite3_errmsg(crm->db);
	char		 why[128], dir[PATH_MAX];

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return crmi_err(crm, CRM_EBUSY, "the database is busy: "
		    "another program is writing to it; try again later");
	case SQLITE_FULL:
		return crmi_err(crm, CRM_EDB, "%s: the disk is full; "
		    "nothing was changed", crm->path);
	case SQLITE_NOTADB:
		return crmi_err(crm, CRM_EDB, "%s: not a crm database",
		    crm->path);
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
		if (eaccess(crm->path, W_OK) == -1 && errno == EROFS)
			return crmi_err(crm, CRM_EDB, "%s: the database is "
			    "on a read-only file system", crm->path);
		if (!dir_writable(crm, dir, sizeof(dir)))
			return crmi_err(crm, CRM_EDB, "%s: the directory %s "
			    "is read-only for you (the database needs its "
			    "-wal and -shm files there)", crm->path, dir);
		if ((rc & 0xff) == SQLITE_CANTOPEN)
			break;
		/* Writable for us, yet refused: someone is opening it. */
		crm->retry = eaccess(crm->path, W_OK) == 0;
		return crmi_err(crm, CRM_EDB, "%s: the database is "
		    "read-only for you", crm->path);
	case SQLITE_NOMEM:
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	case SQLITE_CONSTRAINT:
		return crmi_err(crm, CRM_EINVAL, "refused by the database: "
		    "%s", msg);
	case SQLITE_IOERR:
		/* A full disk or a file-size limit fails a write. */
		if (sqlite3_extended_errcode(crm->db) == SQLITE_IOERR_WRITE ||
		    full_errno(sqlite3_system_errno(crm->db)))
			return crmi_err(crm, CRM_EDB, "%s: cannot write: the "
			    "disk is full or the file may not grow; nothing was "
			    "changed", crm->path);
		/* FALLTHROUGH */
	default:
		break;
	}
	return crmi_err(crm, CRM_EDB, "%s: %s%s", crm->path, msg,
	    sys_reason(crm, why, sizeof(why)));
}

sqlite3_stmt *
crmi_stmt(struct crm *crm, const char *sql)
{
	struct crmi_stmt	*c;
	size_t			 i;
	int			 rc;

	for (i = 0; i < crm->ncache; i++) {
		c = &crm->cache[i];
		if (c->sql == sql) {
			sqlite3_reset(c->stmt);
			sqlite3_clear_bindings(c->stmt);
			return c->stmt;
		}
	}
	if (crm->ncache == CRMI_NSTMT) {
		crmi_err(crm, CRM_EDB, "too many prepared statements");
		return NULL;
	}
	c = &crm->cache[crm->ncache];
	rc = sqlite3_prepare_v3(crm->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
	    &c->stmt, NULL);
	if (rc != SQLITE_OK) {
		crmi_dberr(crm, rc);
		return NULL;
	}
	c->sql = sql;
	crm->ncache++;
	return c->stmt;
}

int
crmi_exec(struct crm *crm, const char *sql)
{
	int	 rc;

	rc = sqlite3_exec(crm->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? CRM_OK : crmi_dberr(crm, rc);
}

int
crmi_step_done(struct crm *crm, sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE || rc == SQLITE_ROW) {
		sqlite3_reset(st);
		return CRM_OK;
	}
	rc = crmi_dberr(crm, rc);
	sqlite3_reset(st);
	return rc;
}

/* Step st once: 1 a row, 0 none, -1 a database error (message set). */
static int
exists(struct crm *crm, sqlite3_stmt *st)
{
	int	 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc == SQLITE_ROW)
		return 1;
	if (rc == SQLITE_DONE)
		return 0;
	crmi_dberr(crm, rc);
	return -1;
}

int
crmi_exists(struct crm *crm, const char *sql, const char *text)
{
	sqlite3_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	sqlite3_bind_text(st, 1, text, -1, SQLITE_STATIC);
	return exists(crm, st);
}

int
crmi_exists_id(struct crm *crm, const char *sql, int64_t id)
{
	sqlite3_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	return exists(crm, st);
}

void
crmi_text_of(struct crm *crm, const char *sql, int64_t id, char *buf,
    size_t sz)
{
	sqlite3_stmt		*st;
	const unsigned char	*s;

	strlcpy(buf, "?", sz);
	if ((st = crmi_stmt(crm, sql)) == NULL)
		return;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (s = sqlite3_column_text(st, 0)) != NULL)
		strlcpy(buf, (const char *)s, sz);
	sqlite3_reset(st);
}

int
crmi_bind_text(sqlite3_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		return sqlite3_bind_null(st, idx);
	return sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

char *
crmi_col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char	*s;

	if ((s = sqlite3_column_text(st, i)) == NULL)
		return NULL;
	return strdup((const char *)s);
}

void
crmi_col_copy(sqlite3_stmt *st, int i, char *buf, size_t sz)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	strlcpy(buf, s != NULL ? (const char *)s : "", sz);
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

void
crmi_forget(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->nrules; i++) {
		free(crm->rules[i].key);
		free(crm->rules[i].value);
	}
	free(crm->rules);
	crm->rules = NULL;
	crm->nrules = 0;
	crm->rules_read = 0;
	crm->team_read = 0;
	crm->audit_last = 0;
}

int
crmi_begin(struct crm *crm)
{
	int	 rc;

	/* Inside crm_ids_each() every change joins its transaction. */
	if (crm->batch && crm->intx)
		return CRM_OK;
	rc = sqlite3_exec(crm->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return crmi_dberr(crm, rc);
	crm->intx = 1;
	crm->cmd = 0;
	crmi_forget(crm);
	sqlite3_exec(crm->db, CACHE_WRITE, NULL, NULL, NULL);
	return CRM_OK;
}

int
crmi_end(struct crm *crm, int status)
{
	int	 rc;
	char	 keep[CRMI_ERRSZ];

	if (crm->batch)
		return status;
	if (status == CRMI_SKIP)	/* nothing changed, nothing wrong */
		status = CRM_OK;
	if (!crm->intx)
		return status;
	crm->intx = 0;
	crmi_forget(crm);
	if (status != CRM_OK) {
		/* Keep the first message: it says what went wrong. */
		memcpy(keep, crm->err, sizeof(keep));
		sqlite3_exec(crm->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_exec(crm->db, CACHE_READ, NULL, NULL, NULL);
		memcpy(crm->err, keep, sizeof(keep));
		return status;
	}
	/* The KPI's stored figures stay right in the same transaction. */
	if ((rc = crmi_kpi_refresh(crm)) != CRM_OK) {
		memcpy(keep, crm->err, sizeof(keep));
		sqlite3_exec(crm->db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_exec(crm->db, CACHE_READ, NULL, NULL, NULL);
		memcpy(crm->err, keep, sizeof(keep));
		return rc;
	}
	rc = sqlite3_exec(crm->db, "COMMIT", NULL, NULL, NULL);
	if (rc == SQLITE_OK) {
		sqlite3_exec(crm->db, CACHE_READ, NULL, NULL, NULL);
		return CRM_OK;
	}
	/* Read the reason before any other statement replaces it. */
	status = crmi_dberr(crm, rc);
	memcpy(keep, crm->err, sizeof(keep));
	sqlite3_exec(crm->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(crm->db, CACHE_READ, NULL, NULL, NULL);
	memcpy(crm->err, keep, sizeof(keep));
	return status;
}

/* The home directory: $HOME, else the password database (cron). */
static const char *
home_dir(void)
{
	const char	*h;
	struct passwd	*pw;

	if ((h = getenv("HOME")) != NULL && *h != '\0')
		return h;
	if ((pw = getpwuid(getuid())) != NULL)
		return pw->pw_dir;
	return NULL;
}

int
crm_db_path(const char *path, char *buf, size_t sz)
{
	const char	*s, *h;
	int		 n;

	if (path != NULL && *path != '\0')
		n = snprintf(buf, sz, "%s", path);
	else if ((s = getenv("CRM_DB")) != NULL && *s != '\0')
		n = snprintf(buf, sz, "%s", s);
	else if ((s = getenv("XDG_DATA_HOME")) != NULL && *s == '/')
		n = snprintf(buf, sz, "%s/crm/crm.db", s);
	else if ((h = home_dir()) != NULL)
		n = snprintf(buf, sz, "%s/.local/share/crm/crm.db", h);
	else
		return CRM_EINVAL;
	return n < 0 || (size_t)n >= sz ? CRM_EINVAL : CRM_OK;
}

/*
 * mkdir -p of the directory that will hold path.  Directories it makes
 * are the caller's alone (0700): a personal database is nobody else's.
 */
static int
make_parent(struct crm *crm, const char *path)
{
	char	 dir[PATH_MAX];
	char	*p;

	if (strlcpy(dir, path, sizeof(dir)) >= sizeof(dir))
		return crmi_err(crm, CRM_EINVAL, "%s: path too long", path);
	if ((p = strrchr(dir, '/')) == NULL || p == dir)
		return CRM_OK;
	*p = '\0';
	for (p = dir + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(dir, 0700) == -1 && errno != EEXIST)
			goto fail;
		*p = '/';
	}
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		goto fail;
	return CRM_OK;
fail:
	return crmi_err(crm, CRM_EDB, "cannot create directory %s: %s",
	    dir, strerror(errno));
}

static int
get_version(struct crm *crm, int *v)
{
	sqlite3_stmt	*st;
	int		 rc;

	rc = sqlite3_prepare_v2(crm->db, "PRAGMA user_version", -1, &st,
	    NULL);
	if (rc != SQLITE_OK)
		return crmi_dberr(crm, rc);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_OK ? CRM_OK : crmi_dberr(crm, rc);
}

/* What version of crm a newer database asks for, from its meta table. */
static void
newer_message(struct crm *crm, int have)
{
	sqlite3_stmt	*st;
	const char	*need = NULL;

	if (sqlite3_prepare_v2(crm->db, "SELECT value FROM meta "
	    "WHERE key = 'crm_version'", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		need = (const char *)sqlite3_column_text(st, 0);
	crmi_err(crm, CRM_EVERSION, "%s: database schema %d is newer than "
	    "this crm %s understands (schema %d); crm %s or later is needed",
	    crm->path, have, CRM_VERSION, crm_schema_version(),
	    need != NULL ? need : "(unknown)");
	sqlite3_finalize(st);
}

static int
apply(struct crm *crm, int from)
{
	const char *const	*sql;
	char			 q[64];
	int			 v, rc;

	for (v = from; crmi_migrations[v] != NULL; v++)
		for (sql = crmi_migrations[v]; *sql != NULL; sql++)
			if ((rc = crmi_exec(crm, *sql)) != CRM_OK)
				return rc;
	/* What SQL alone cannot migrate. */
	if ((rc = crmi_audit_chain(crm)) != CRM_OK ||
	    (rc = crmi_zone_default(crm)) != CRM_OK)
		return rc;
	snprintf(q, sizeof(q), "PRAGMA user_version = %d", v);
	if ((rc = crmi_exec(crm, q)) != CRM_OK)
		return rc;
	return crmi_exec(crm, "INSERT INTO meta (key, value) VALUES "
	    "('crm_version', '" CRM_VERSION "') ON CONFLICT (key) "
	    "DO UPDATE SET value = excluded.value");
}

/*
 * Bring the schema up to date in one transaction; the version is read
 * again under the write lock, as another process may have migrated.
 */
static int
migrate(struct crm *crm, int rdonly)
{
	int	 v, rc, want = crm_schema_version();

	if ((rc = get_version(crm, &v)) != CRM_OK)
		return rc;
	if (v > want) {
		newer_message(crm, v);
		return CRM_EVERSION;
	}
	if (v == want)
		return CRM_OK;
	if (rdonly)
		return crmi_err(crm, CRM_EDB, "%s: the database needs an "
		    "upgrade, which needs write access", crm->path);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = get_version(crm, &v)) == CRM_OK && v < want &&
	    (rc = apply(crm, v)) == CRM_OK && v == 0)
		rc = crmi_calendar_ship(crm);	/* a new database */
	return crmi_end(crm, rc);
}

/* $CRM_BUSY_MS: 0 to 600000 milliseconds, or an error naming it. */
static int
busy_ms(struct crm *crm, int *ms)
{
	const char	*s, *e;

	*ms = BUSY_MS;
	if ((s = getenv("CRM_BUSY_MS")) == NULL)
		return CRM_OK;
	*ms = (int)strtonum(s, 0, BUSY_MAX, &e);
	if (e != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid CRM_BUSY_MS '%s': "
		    "a number of milliseconds from 0 to %d", s, BUSY_MAX);
	return CRM_OK;
}

/* crm_fold(text): crmi_fold in SQL, for the search of task-list -q. */
static void
sql_fold(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	const unsigned char	*s = sqlite3_value_text(argv[0]);
	char			*f;

	if (s == NULL) {
		sqlite3_result_null(cx);
		return;
	}
	if ((f = crmi_fold((const char *)s)) == NULL) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, f, -1, free);
}

static int
pragmas(struct crm *crm)
{
	if (sqlite3_create_function(crm->db, "crm_fold", 1, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, sql_fold, NULL, NULL) != SQLITE_OK)
		return crmi_dberr(crm, sqlite3_errcode(crm->db));
	sqlite3_busy_timeout(crm->db, crm->busy);
	sqlite3_extended_result_codes(crm->db, 0);
	/*
	 * synchronous=FULL: a command that returned has its data on disk,
	 * even in WAL mode, at the price of one fsync per transaction.
	 */
	return crmi_exec(crm, "PRAGMA foreign_keys = ON;"
	    "PRAGMA synchronous = FULL;"
	    CACHE_READ ";"
	    "PRAGMA temp_store = MEMORY");
}

/* WAL lets readers go on while one writes; it needs a writable file. */
static int
wal(struct crm *crm)
{
	int	 rc;

	rc = sqlite3_exec(crm->db, "PRAGMA journal_mode = WAL", NULL, NULL,
	    NULL);
	if (rc == SQLITE_READONLY)
		return CRM_OK;
	return rc == SQLITE_OK ? CRM_OK : crmi_dberr(crm, rc);
}

/* $CRM_NOW, for root: "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD". */
static int
fixed_clock(struct crm *crm, const char *s)
{
	char	 d[11];
	int	 day, h, m, sec;

	if (strlen(s) != 10 && strlen(s) != 19)
		goto bad;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &day) != CRM_OK)
		goto bad;
	if (s[10] == '\0') {
		snprintf(crm->now, sizeof(crm->now), "%s 09:00:00", d);
		return CRM_OK;
	}
	if (sscanf(s + 10, " %2d:%2d:%2d", &h, &m, &sec) != 3 ||
	    s[10] != ' ' || s[13] != ':' || s[16] != ':' || h > 23 ||
	    m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
		goto bad;
	strlcpy(crm->now, s, sizeof(crm->now));
	return CRM_OK;
bad:
	return crmi_err(crm, CRM_EINVAL, "invalid CRM_NOW '%s': "
	    "YYYY-MM-DD HH:MM:SS", s);
}

/*
 * The clock: root's CRM_NOW (a wall time in the department's zone) or
 * the system clock, read in the department's zone (crmi_zone_load).
 */
static int
set_clock(struct crm *crm)
{
	const char	*s;
	time_t		 t;
	struct tm	 tm;

	if (crm->root && (s = getenv("CRM_NOW")) != NULL && *s != '\0')
		return fixed_clock(crm, s);
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(crm->now, sizeof(crm->now), "%Y-%m-%d %H:%M:%S",
	    &tm) != 19)
		return crmi_err(crm, CRM_EINVAL, "cannot read the clock");
	return CRM_OK;
}

static void
set_login(struct crm *crm)
{
	const char	*s;
	struct passwd	*pw;

	crm->root = getuid() == 0;
	s = getenv("CRM_USER");
	if (crm->root && s != NULL && *s != '\0') {
		strlcpy(crm->login, s, sizeof(crm->login));
		return;
	}
	if ((pw = getpwuid(getuid())) != NULL)
		strlcpy(crm->login, pw->pw_name, sizeof(crm->login));
	else
		snprintf(crm->login, sizeof(crm->login), "uid%lu",
		    (unsigned long)getuid());
}

/*
 * Make the files SQLite keeps beside the database before it does, with
 * the database's own mode whatever the umask: SQLite creates them with
 * the umask's mode and only then widens it, and another person opening
 * in between would find them read-only.
 */
static void
make_sidecars(const struct crm *crm, mode_t mode)
{
	static const char *const suffix[] = { "-wal", "-shm" };
	char	 f[PATH_MAX];
	size_t	 i;
	mode_t	 old;
	int	 fd;

	for (i = 0; i < 2; i++) {
		if ((size_t)snprintf(f, sizeof(f), "%s%s", crm->path,
		    suffix[i]) >= sizeof(f))
			return;
		old = umask(0);
		fd = open(f, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
		    O_NOFOLLOW, mode & 0666);
		umask(old);
		if (fd != -1)
			close(fd);
	}
}

/* Whether the database is an empty file (its log empty or absent too). */
static int
empty_file(const struct crm *crm, const struct stat *sb)
{
	struct stat	 wb;
	char		 f[PATH_MAX];

	if (sb->st_size != 0)
		return 0;
	snprintf(f, sizeof(f), "%s-wal", crm->path);
	return stat(f, &wb) == -1 || wb.st_size == 0;
}

static int
open_path(struct crm *crm, const char *path, int oflags)
{
	char	 why[128];
	int	 rc;

	/*
	 * A handle is one thread's: no mutex around every call into
	 * SQLite (a column read took two locks, a fifth of a report).
	 */
	rc = sqlite3_open_v2(path, &crm->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc == SQLITE_OK)
		return CRM_OK;
	if (crm->db != NULL && !dir_writable(crm, why, sizeof(why)))
		return crmi_dberr(crm, SQLITE_READONLY);
	return crmi_err(crm, CRM_EDB, "%s: cannot open the database: "
	    "%s%s", crm->path, crm->db != NULL ? sqlite3_errmsg(crm->db) :
	    "out of memory", sys_reason(crm, why, sizeof(why)));
}

/*
 * Make a new database: built and migrated under a name of its own, then
 * linked into place, so that nobody ever sees it half made (an empty
 * file is refused).  It is the caller's alone (0600) unless its
 * directory is setgid, the shared group mode of crm(7) (0660).
 */
/* Close the database and the statements cached on it; NULL is fine. */
static void
close_db(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->ncache; i++)
		sqlite3_finalize(crm->cache[i].stmt);
	crm->ncache = 0;
	crmi_forget(crm);
	if (crm->db != NULL)
		sqlite3_close(crm->db);
	crm->db = NULL;
}

static int
create_db(struct crm *crm)
{
	struct stat	 sb;
	char		 path[sizeof(crm->path)], dir[PATH_MAX];
	int		 fd, rc, e;
	mode_t		 mode = 0600;

	if ((rc = make_parent(crm, crm->path)) != CRM_OK)
		return rc;
	if (!dir_writable(crm, dir, sizeof(dir)))
		return crmi_err(crm, CRM_EDB, "%s: cannot create the "
		    "database: the directory %s is read-only for you",
		    crm->path, dir);
	if (stat(dir, &sb) == 0 && (sb.st_mode & S_ISGID))
		mode = 0660;
	memcpy(path, crm->path, sizeof(path));
	if ((size_t)snprintf(crm->path, sizeof(crm->path), "%s.new%ld", path,
	    (long)getpid()) >= sizeof(crm->path))
		return crmi_err(crm, CRM_EINVAL, "%s: path too long", path);
	unlink(crm->path);
	if ((fd = open(crm->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0600)) == -1 || fchmod(fd, mode) == -1) {
		e = errno;
		if (fd != -1)
			close(fd);
		memcpy(crm->path, path, sizeof(path));
		return crmi_err(crm, CRM_EDB, "%s: cannot create the "
		    "database: %s", path, strerror(e));
	}
	close(fd);
	if ((rc = open_path(crm, crm->path, SQLITE_OPEN_READWRITE)) ==
	    CRM_OK && (rc = pragmas(crm)) == CRM_OK &&
	    (rc = migrate(crm, 0)) == CRM_OK)
		rc = wal(crm);
	close_db(crm);
	if (rc == CRM_OK && link(crm->path, path) == -1 && errno != EEXIST)
		rc = crmi_err(crm, CRM_EDB, "%s: cannot create the database: "
		    "%s", path, strerror(errno));
	unlink(crm->path);
	memcpy(crm->path, path, sizeof(path));
	return rc;
}

static int
open_file(struct crm *crm, int flags)
{
	struct stat	 sb;
	int		 rc, oflags = SQLITE_OPEN_READWRITE;

	if ((rc = stat(crm->path, &sb)) == -1 && errno != ENOENT)
		return crmi_err(crm, CRM_EDB, "%s: cannot open the database: "
		    "%s", crm->path, strerror(errno));
	if (rc == -1) {
		/*
		 * A new database has nobody in it: only an open that needs
		 * no person (the first crm-user add) may make one, not a
		 * mistyped path.
		 */
		if (flags & CRM_OPEN_NOCREATE || !(flags & CRM_OPEN_NOUSER))
			return crmi_err(crm, CRM_ENOENT, "%s: no database "
			    "here yet (add the first person with crm-user)",
			    crm->path);
		if ((rc = create_db(crm)) != CRM_OK)
			return rc;
		if (stat(crm->path, &sb) == -1)
			return crmi_err(crm, CRM_EDB, "%s: %s", crm->path,
			    strerror(errno));
	}
	if (!S_ISREG(sb.st_mode))
		return crmi_err(crm, CRM_EDB, "%s: not a crm database",
		    crm->path);
	if (empty_file(crm, &sb))
		return crmi_err(crm, CRM_ENOENT, "%s: an empty file, not a "
		    "crm database (add the first person with crm-user "
		    "elsewhere)", crm->path);
	if (eaccess(crm->path, W_OK) == -1)
		oflags = SQLITE_OPEN_READONLY;
	else
		make_sidecars(crm, sb.st_mode);
	return open_path(crm, crm->path, oflags);
}

/*
 * Where the database is.  A tool installed setgid takes it from the
 * configuration file only: a path of the caller's choosing would let
 * them point the tool's group at any file.
 */
static int
resolve_path(struct crm *crm, const char *path)
{
	const char	*env = getenv("CRM_DB");
	int		 rc;

	if (crm->secure && ((path != NULL && *path != '\0') ||
	    (env != NULL && *env != '\0')))
		return crmi_err(crm, CRM_EPERM, "this crm is installed for "
		    "the department (setgid): it uses the database named in "
		    "%s, not -f or CRM_DB", crm_conf_path());
	if ((path == NULL || *path == '\0') && (env == NULL || *env == '\0')) {
		rc = crmi_conf_get(crm, "database", crm->path,
		    sizeof(crm->path));
		if (rc == CRM_OK && crm->path[0] != '/')
			return crmi_err(crm, CRM_EINVAL, "%s: the database "
			    "'%s' is not an absolute path", crm_conf_path(),
			    crm->path);
		if (rc != CRM_ENOENT)
			return rc;
		if (crm->secure)
			return crmi_err(crm, CRM_EINVAL, "%s: no 'database' "
			    "line, which a setgid crm needs", crm_conf_path());
	}
	if (crm_db_path(path, crm->path, sizeof(crm->path)) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "cannot tell where the "
		    "database is: set CRM_DB or use -f");
	return CRM_OK;
}

/* Open, check and migrate the file, once; crm->retry when worth again. */
static int
open_once(struct crm *crm, int flags)
{
	int	 rc;

	crm->retry = 0;
	if ((rc = open_file(crm, flags)) != CRM_OK)
		return rc;
	if ((rc = pragmas(crm)) != CRM_OK ||
	    (rc = migrate(crm,
	    sqlite3_db_readonly(crm->db, "main") == 1)) != CRM_OK ||
	    (rc = wal(crm)) != CRM_OK)
		return rc;
	return CRM_OK;
}

int
crm_open(struct crm **pp, const char *path, int flags)
{
	struct crm	*crm;
	int		 rc, waited;

	crm_locale_init();
	if ((*pp = crm = calloc(1, sizeof(*crm))) == NULL)
		return CRM_ENOMEM;
	/* A full file-size limit must fail a write, not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	set_login(crm);
	crm->secure = crm_priv_setgid();
	if (crm->secure && !crm->root) {
		/* Only root makes the department's database. */
		flags &= ~CRM_OPEN_NOUSER;
		flags |= CRM_OPEN_NOCREATE;
	}
	if ((rc = busy_ms(crm, &crm->busy)) != CRM_OK ||
	    (rc = resolve_path(crm, path)) != CRM_OK)
		return rc;
	/*
	 * Someone else opening the same new files at the same moment can
	 * make them look read-only for an instant: wait as for a lock.
	 */
	for (waited = 0; (rc = open_once(crm, flags)) != CRM_OK &&
	    crm->retry; waited += 20) {
		if (waited >= crm->busy)
			return crmi_err(crm, CRM_EBUSY, "%s: the database is "
			    "busy: another program is opening it; try again "
			    "later", crm->path);
		close_db(crm);
		usleep(20000);
	}
	/* The clock is read in the department's zone, from the file. */
	if (rc != CRM_OK ||
	    (rc = crmi_zone_load(crm)) != CRM_OK ||
	    (rc = crmi_titles_load(crm)) != CRM_OK ||
	    (rc = set_clock(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_actor_load(crm)) != CRM_OK &&
	    !(flags & CRM_OPEN_NOUSER))
		return rc;
	return CRM_OK;
}

void
crm_close(struct crm *crm)
{
	if (crm == NULL)
		return;
	close_db(crm);
	crm_person_free(&crm->actor);
	free(crm);
}

const char *
crm_errmsg(const struct crm *crm)
{
	if (crm == NULL)
		return _("out of memory");
	return crm->err[0] != '\0' ? crm->err : _("unknown error");
}

int
crm_exit_status(int status)
{
	if (status == CRM_OK)
		return 0;
	return status == CRM_EBUSY ? 75 : 1;
}

void
crm_now(const struct crm *crm, char buf[20])
{
	memcpy(buf, crm->now, 20);
}

int
crm_today(const struct crm *crm)
{
	char	 d[11];
	int	 day = 0;

	memcpy(d, crm->now, 10);
	d[10] = '\0';
	crm_date_iso(d, &day);
	return day;
}

int
crmi_already(struct crm *crm, int status, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[CRMI_ERRSZ], line[CRMI_ERRSZ + 16];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), _(fmt), ap);
	va_end(ap);
	if (!crm->piped)
		return crmi_err(crm, status, "%s", msg);
	snprintf(line, sizeof(line), _("%s: skipped"), msg);
	crmi_notice(crm, line);
	return CRMI_SKIP;
}

void
crm_notice_set(struct crm *crm, void (*fn)(const char *, void *), void *arg)
{
	crm->notice = fn;
	crm->noticearg = arg;
}

void
crmi_notice(struct crm *crm, const char *msg)
{
	if (crm->notice != NULL)
		crm->notice(msg, crm->noticearg);
}

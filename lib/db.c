/*
 * db.c: finding, opening and migrating the database (the lower half of
 * crm_open, crm.c).  Its errors (dberr.c), statements (dbstmt.c) and
 * transactions (dbtx.c) are the rest of the library's too.  The database
 * itself is reached through its driver (store.h).
 */
#include <sys/stat.h>

#include <errno.h>
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
#define STATEMENT_MS	300000	/* a server's longest statement */
#define IDLE_MS		60000	/* a server's longest idle transaction */
#define LIMIT_MAX	86400000


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

static int
get_version(struct crm *crm, int *v)
{
	int	 rc;

	rc = crm->drv->version(crm->store, v);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* What version of crm a newer database asks for, from its meta table. */
static void
newer_message(struct crm *crm, int have)
{
	struct crmi_stmt	*st = NULL;
	const char		*need = NULL;

	if (crm->drv->prepare(crm->store, "SELECT value FROM meta "
	    "WHERE key = 'crm_version'", 0, &st) == CRMI_SOK &&
	    crmi_step(st) == CRMI_ROW)
		need = crmi_col_text(st, 0);
	crmi_err(crm, CRM_EVERSION, "%s: database schema %d is newer than "
	    "this crm %s understands (schema %d); crm %s or later is needed",
	    crm->path, have, CRM_VERSION, crm_schema_version(),
	    need != NULL ? need : "(unknown)");
	crmi_finalize(crm, st);
}

static int
apply(struct crm *crm, int from)
{
	const char *const	*sql;
	int			 v, rc;

	for (v = from; crmi_migrations[v] != NULL; v++)
		for (sql = crmi_migrations[v]; *sql != NULL; sql++)
			if ((rc = crm->drv->migrate(crm->store, *sql)) !=
			    CRMI_SOK)
				return crmi_dberr(crm, rc);
	/* What SQL alone cannot migrate. */
	if ((rc = crmi_hooks_run(crm, CRMI_AT_MIGRATE)) != CRM_OK)
		return rc;
	if ((rc = crm->drv->set_version(crm->store, v)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
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
		rc = crmi_hooks_run(crm, CRMI_AT_CREATE);
	return crmi_end(crm, rc);
}

/*
 * $CRM_BUSY_MS, else crm.conf's lock-timeout: 0 to 600000 milliseconds,
 * or an error naming it.
 */
static int
busy_ms(struct crm *crm, int *ms)
{
	const char	*s, *e;

	if ((s = getenv("CRM_BUSY_MS")) == NULL)
		return crmi_conf_ms(crm, "lock-timeout", BUSY_MS, BUSY_MAX,
		    ms);
	*ms = (int)strtonum(s, 0, BUSY_MAX, &e);
	if (e != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid CRM_BUSY_MS '%s': "
		    "a number of milliseconds from 0 to %d", s, BUSY_MAX);
	return CRM_OK;
}

/*
 * The session's settings: foreign keys, durability, the busy wait; on a
 * server, crm.conf's limits.
 */
static int
pragmas(struct crm *crm)
{
	int	 rc, stmt, idle;

	if ((rc = crm->drv->tune(crm->store, crm->busy)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	if (crm->drv->limits == NULL)
		return CRM_OK;
	if ((rc = crmi_conf_ms(crm, "statement-timeout", STATEMENT_MS,
	    LIMIT_MAX, &stmt)) != CRM_OK ||
	    (rc = crmi_conf_ms(crm, "idle-timeout", IDLE_MS, LIMIT_MAX,
	    &idle)) != CRM_OK)
		return rc;
	rc = crm->drv->limits(crm->store, stmt, idle);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* The journal that lets readers go on while one writes (a file's). */
static int
journal(struct crm *crm)
{
	int	 rc;

	rc = crm->drv->journal(crm->store);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
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
 * The files the driver keeps beside a database to write: made before
 * the engine makes them with the umask's mode; in the department's setup
 * (setgid) root's to make, and checked for a person (crm(7) SECURITY).
 */
static int
sidecars(struct crm *crm)
{
	char	 bad[PATH_MAX];
	int	 how;

	if (crm->drv->sidecars == NULL)
		return CRM_OK;
	if (crm->secure && !crm->root)
		how = CRMI_SIDES_CHECK;
	else
		how = CRMI_SIDES_MAKE | (crm->secure && crm->root ?
		    CRMI_SIDES_DEPT : 0);
	if (crm->drv->sidecars(crm->path, how, bad, sizeof(bad)) == CRMI_SOK)
		return CRM_OK;
	return crmi_err(crm, CRM_EDB, "%s: missing, or not the database "
	    "owner's: root runs any crm tool to make it again", bad);
}

static int
open_path(struct crm *crm, const char *path, int oflags)
{
	char	 why[128];
	int	 rc;

	/* A setgid tool connects as crm.conf says, the caller's PG* aside. */
	rc = crm->drv->open(path, oflags | (crm->secure ? CRMI_OPEN_SECURE :
	    0), crm->secret[0] != '\0' ? crm->secret : NULL, &crm->store);
	if (rc == CRMI_SOK)
		return CRM_OK;
	if (rc == CRMI_EBUSY && crm->store != NULL)
		return crmi_err(crm, CRM_EBUSY, "%s: cannot reach the "
		    "database server: %s; try again later", crm->path,
		    crm->drv->errmsg(crm->store));
	if (crm->store != NULL && (crm->drv->caps & CRMI_STORE_FILE) &&
	    !crmi_dir_writable(crm, why, sizeof(why)))
		return crmi_dberr(crm, CRMI_EREADONLY);
	return crmi_err(crm, CRM_EDB, "%s: cannot open the database: "
	    "%s%s", crm->path, crm->store != NULL ?
	    crm->drv->errmsg(crm->store) : "out of memory",
	    crmi_sys_reason(crm, why, sizeof(why)));
}

void
crmi_db_close(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->ncache; i++)
		crm->drv->finalize(crm->cache[i].stmt);
	crm->ncache = 0;
	crmi_forget(crm);
	if (crm->drv != NULL)
		crm->drv->close(crm->store);
	crm->store = NULL;
}

/* The message for a new database's file the driver could not make. */
static int
create_failed(struct crm *crm, int rc, const char *where, int e)
{
	if (e == ENAMETOOLONG)
		return crmi_err(crm, CRM_EINVAL, "%s: path too long",
		    crm->path);
	if (rc == CRMI_EREADONLY)
		return crmi_err(crm, CRM_EDB, "%s: cannot create the "
		    "database: the directory %s is read-only for you",
		    crm->path, where);
	if (rc == CRMI_ECANTOPEN)
		return crmi_err(crm, CRM_EDB, "cannot create directory %s: %s",
		    where, strerror(e));
	return crmi_err(crm, CRM_EDB, "%s: cannot create the database: %s",
	    crm->path, strerror(e));
}

/*
 * Make a new database: built and migrated under a name of its own, then
 * put in place, so that nobody ever sees it half made (an empty file is
 * refused).  The driver makes the file and puts it in place (create,
 * place: its directories, its mode).
 */
static int
create_db(struct crm *crm)
{
	char	 path[sizeof(crm->path)], where[PATH_MAX];
	int	 rc, e;

	memcpy(path, crm->path, sizeof(path));
	if ((rc = crm->drv->create(path, crm->path, sizeof(crm->path), where,
	    sizeof(where), &e)) != CRMI_SOK) {
		memcpy(crm->path, path, sizeof(path));
		return create_failed(crm, rc, where, e);
	}
	if ((rc = open_path(crm, crm->path, CRMI_OPEN_WRITE)) ==
	    CRM_OK && (rc = pragmas(crm)) == CRM_OK &&
	    (rc = migrate(crm, 0)) == CRM_OK)
		rc = journal(crm);
	crmi_db_close(crm);
	if (crm->drv->place(crm->path, path, rc == CRM_OK, &e) != CRMI_SOK &&
	    rc == CRM_OK)
		rc = crmi_err(crm, CRM_EDB, "%s: cannot create the database: "
		    "%s", path, strerror(e));
	memcpy(crm->path, path, sizeof(path));
	return rc;
}

static int
open_file(struct crm *crm, int flags)
{
	struct stat	 sb;
	int		 rc, oflags = CRMI_OPEN_WRITE;

	/* A server's database is there or not; the migrations make it. */
	if (!(crm->drv->caps & CRMI_STORE_FILE))
		return open_path(crm, crm->name, oflags);
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
	if (crm->drv->empty != NULL && crm->drv->empty(crm->path))
		return crmi_err(crm, CRM_ENOENT, "%s: an empty file, not a "
		    "crm database (add the first person with crm-user "
		    "elsewhere)", crm->path);
	rc = CRM_OK;
	if (crm->secure)
		oflags |= CRMI_OPEN_KEEPWAL;
	if (eaccess(crm->path, W_OK) == -1)
		oflags = CRMI_OPEN_READ;
	else if ((rc = sidecars(crm)) != CRM_OK)
		return rc;
	return open_path(crm, crm->path, oflags);
}

/*
 * The database the configuration file names: the department CRM_DEPT
 * names, by its name only ("department NAME DATABASE": a holding of
 * several on one host), else the 'database' line.
 */
static int
conf_database(struct crm *crm)
{
	const char	*dept = getenv("CRM_DEPT");
	int		 rc;

	if (dept == NULL || *dept == '\0')
		return crmi_conf_get(crm, "database", crm->name,
		    sizeof(crm->name));
	if (strlen(dept) > 64 || dept[strspn(dept, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")] != '\0')
		return crmi_err(crm, CRM_EINVAL, "invalid department "
		    "'%s' (CRM_DEPT): a name in %s", dept, crm_conf_path());
	if ((rc = crmi_conf_dept(crm, dept, crm->name,
	    sizeof(crm->name))) == CRM_ENOENT)
		return crmi_err(crm, CRM_EINVAL, "%s: no department '%s' "
		    "(CRM_DEPT)", crm_conf_path(), dept);
	return rc;
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
	int		 rc, caps;

	if (crm->secure && ((path != NULL && *path != '\0') ||
	    (env != NULL && *env != '\0')))
		return crmi_err(crm, CRM_EPERM, "this crm is installed for "
		    "the department (setgid): it uses the database named in "
		    "%s, not -f or CRM_DB", crm_conf_path());
	if ((path == NULL || *path == '\0') && (env == NULL || *env == '\0')) {
		rc = conf_database(crm);
		crmi_db_shown(crm->name, crm->path, sizeof(crm->path));
		caps = crmi_driver_for(crm->name)->caps;
		/* a path, absolute; or a server's conninfo or URI */
		if (rc == CRM_OK && crm->name[0] != '/' &&
		    (caps & CRMI_STORE_FILE))
			return crmi_err(crm, CRM_EINVAL, "%s: the database "
			    "'%s' is not an absolute path or a PostgreSQL "
			    "conninfo", crm_conf_path(), crm->path);
		if (rc == CRM_OK && (caps & CRMI_STORE_SECRET) &&
		    (rc = crmi_conf_secret(crm, crm->secret,
		    sizeof(crm->secret))) == CRM_ENOENT)
			rc = CRM_OK;
		if (rc != CRM_ENOENT)
			return rc;
		if (crm->secure)
			return crmi_err(crm, CRM_EINVAL, "%s: no 'database' "
			    "line, which a setgid crm needs", crm_conf_path());
	}
	if (crm_db_path(path, crm->name, sizeof(crm->name)) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "cannot tell where the "
		    "database is: set CRM_DB or use -f");
	/* A password never shows in a message. */
	crmi_db_shown(crm->name, crm->path, sizeof(crm->path));
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
	    crm->drv->readonly(crm->store))) != CRM_OK ||
	    (rc = journal(crm)) != CRM_OK)
		return rc;
	return CRM_OK;
}

int
crmi_db_open(struct crm *crm, const char *path, int *flags)
{
	int	 rc, waited;

	/* A full file-size limit must fail a write, not kill us. */
	signal(SIGXFSZ, SIG_IGN);
	set_login(crm);
	crm->secure = crm_priv_setgid();
	if (crm->secure && !crm->root) {
		/* Only root makes the department's database. */
		*flags &= ~CRM_OPEN_NOUSER;
		*flags |= CRM_OPEN_NOCREATE;
	}
	if ((rc = busy_ms(crm, &crm->busy)) != CRM_OK ||
	    (rc = resolve_path(crm, path)) != CRM_OK)
		return rc;
	crm->drv = crmi_driver_for(crm->name);
	/*
	 * Someone else opening the same new files at the same moment can
	 * make them look read-only for an instant: wait as for a lock.
	 */
	for (waited = 0; (rc = open_once(crm, *flags)) != CRM_OK &&
	    crm->retry; waited += 20) {
		if (waited >= crm->busy)
			return crmi_err(crm, CRM_EBUSY, "%s: the database is "
			    "busy: another program is opening it; try again "
			    "later", crm->path);
		crmi_db_close(crm);
		usleep(20000);
	}
	explicit_bzero(crm->secret, sizeof(crm->secret));
	/*
	 * Connected to a server, a setgid tool needs its group no more: it
	 * gives it up for good, so that nothing it opens or starts later
	 * can read the secret.
	 */
	if (rc == CRM_OK && crm->secure &&
	    !(crm->drv->caps & CRMI_STORE_FILE) &&
	    crmi_priv_drop() == -1)
		return crmi_err(crm, CRM_EPERM, "cannot give up the group: %s",
		    strerror(errno));
	return rc;
}

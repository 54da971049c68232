/*
 * store_pgconn.c: the PostgreSQL driver's connection (store_pg.h):
 * libpq loaded at the first PostgreSQL database, the conninfo, the
 * environment a setgid tool may not pass on, and a refusal read as busy
 * or not.
 */
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store_pg.h"

struct crmi_pq	 crmi_pq;
static pthread_once_t	 pq_once = PTHREAD_ONCE_INIT;
static char		 pq_err[256];	/* why libpq is not there */
static int		 pq_ok;

static void
pq_load(void)
{
	void	*h;

	if ((h = dlopen(LIBPQ, RTLD_NOW | RTLD_LOCAL)) == NULL)
		goto bad;
#define PQ_SYM(f) \
	if ((*(void **)&pq.f = dlsym(h, #f)) == NULL) \
		goto bad;
	PQ_FUNCS(PQ_SYM)
#undef PQ_SYM
	pq_ok = 1;
	return;
bad:
	snprintf(pq_err, sizeof(pq_err), "%s", dlerror());
	if (h != NULL)
		dlclose(h);
}

/* The server's notices are not ours to print: the library never prints. */
static void
quiet(void *arg, const char *msg)
{
}

/*
 * The conninfo libpq is given for a database's name: a URI as it is, a
 * "postgres:" conninfo without its prefix.
 */
static const char *
conninfo(const char *name)
{
	if (strncmp(name, "postgres:", 9) == 0 && name[9] != '/')
		return name + 9;
	return name;
}

/*
 * A closed standard descriptor gets /dev/null, read-only, as SQLite
 * does for its files: else the server's socket would be the tool's
 * standard output, and its output would go to the server.
 */
static void
std_fds(void)
{
	int	 fd;

	for (fd = 0; fd <= 2; fd++)
		if (fcntl(fd, F_GETFD) == -1 && errno == EBADF &&
		    open("/dev/null", O_RDONLY) == -1)
			break;
}

/*
 * A setgid tool's connection is the one crm.conf names: libpq's
 * variables (PGHOST, PGPORT, PGOPTIONS, PGSERVICEFILE, ...) fill in what
 * a conninfo leaves out, so the caller could send the department's
 * password to a server of their own, or set the session's options.
 */
static void
clean_env(void)
{
	extern char	**environ;
	char		 name[64];
	size_t		 i, n;

	for (i = 0; environ[i] != NULL; ) {
		/* (an entry without '=' is no variable: getenv skips it) */
		n = strcspn(environ[i], "=");
		if (strncmp(environ[i], "PG", 2) != 0 || n >= sizeof(name) ||
		    environ[i][n] != '=') {
			i++;
			continue;
		}
		memcpy(name, environ[i], n);
		name[n] = '\0';
		if (unsetenv(name) == -1)
			i++;
	}
}

/*
 * Connect as PQconnectdbParams does, but with the server's SQLSTATE in a
 * refusal's message, which libpq keeps nowhere else for a connection
 * (PQERRORS_VERBOSE writes it after the severity).  NULL: out of memory.
 */
static PGconn *
connect_verbose(const char *const *kw, const char *const *val)
{
	PostgresPollingStatusType	 st = PGRES_POLLING_WRITING;
	struct pollfd			 p;
	PGconn				*c;

	if ((c = pq.PQconnectStartParams(kw, val, 1)) == NULL)
		return NULL;
	pq.PQsetErrorVerbosity(c, PQERRORS_VERBOSE);
	while (pq.PQstatus(c) != CONNECTION_BAD && st != PGRES_POLLING_OK &&
	    st != PGRES_POLLING_FAILED) {
		p.fd = pq.PQsocket(c);
		p.events = st == PGRES_POLLING_READING ? POLLIN : POLLOUT;
		if (p.fd < 0 || (poll(&p, 1, -1) == -1 && errno != EINTR))
			break;
		st = pq.PQconnectPoll(c);
	}
	pq.PQsetErrorVerbosity(c, PQERRORS_DEFAULT);
	return c;
}

/*
 * Keep a refused connection's message without the SQLSTATE and the
 * source location that the verbose form adds, and say whether the
 * state is one of a busy server: too many sessions (53300), starting
 * or stopping (57P03), or a connection failure (class 08).
 */
static int
refused_busy(struct crmi_store *s, const char *msg)
{
	char	 buf[512], *p, *loc;
	int	 busy = 0;

	strlcpy(buf, msg != NULL ? msg : "", sizeof(buf));
	if ((loc = strstr(buf, "\nLOCATION:")) != NULL)
		loc[1] = '\0';
	for (p = buf; (p = strstr(p, ":  ")) != NULL; p++) {
		if (strspn(p + 3, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") != 5 ||
		    strncmp(p + 8, ": ", 2) != 0)
			continue;
		busy = strncmp(p + 3, "53300", 5) == 0 ||
		    strncmp(p + 3, "57P03", 5) == 0 ||
		    strncmp(p + 3, "08", 2) == 0;
		memmove(p + 3, p + 10, strlen(p + 10) + 1);
		break;
	}
	crmi_pg_msg(s, buf);
	return busy;
}

/*
 * Connect; a server that does not answer, or answers that it cannot take
 * a session now (too many sessions, starting, stopping), is busy: try
 * again later.
 */
int
crmi_pg_open(const char *name, int flags, const char *secret,
    struct crmi_store **sp)
{
	struct crmi_store	*s;
	const char		*kw[] = { "dbname", "password", NULL };
	const char		*val[] = { conninfo(name), secret, NULL };
	PGPing			 ping;

	std_fds();
	if (flags & CRMI_OPEN_SECURE)
		clean_env();
	if (secret == NULL)
		kw[1] = NULL;
	if ((*sp = s = calloc(1, sizeof(*s))) == NULL)
		return CRMI_ENOMEM;
	if (pthread_once(&pq_once, pq_load) != 0 || !pq_ok) {
		crmi_pg_msg(s, pq_err);
		return CRMI_ECANTOPEN;
	}
	if ((s->conn = connect_verbose(kw, val)) == NULL) {
		free(s);
		*sp = NULL;
		return CRMI_ENOMEM;
	}
	if (pq.PQstatus(s->conn) != CONNECTION_OK) {
		if (refused_busy(s, pq.PQerrorMessage(s->conn)))
			return CRMI_EBUSY;
		ping = pq.PQpingParams(kw, val, 1);
		return ping == PQPING_NO_RESPONSE || ping == PQPING_REJECT ?
		    CRMI_EBUSY : CRMI_ECANTOPEN;
	}
	pq.PQsetNoticeProcessor(s->conn, quiet, NULL);
	if (!(flags & CRMI_OPEN_WRITE))
		return crmi_pg_set_later(s, "SET default_transaction_read_only = on");
	return CRMI_SOK;
}

void
crmi_pg_close(struct crmi_store *s)
{
	if (s == NULL)
		return;
	if (s->conn != NULL)
		pq.PQfinish(s->conn);
	free(s->copy);
	free(s->copyfk);
	free(s);
}


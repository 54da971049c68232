/*
 * store_pg.h: what the files of the PostgreSQL driver share, and nothing
 * else includes (store_pg.c the statements and the transaction,
 * store_pgconn.c libpq's loading and the connection, store_pgcopy.c
 * COPY): libpq's functions as loaded, the store's own struct, and the
 * helpers each file calls.
 */
#ifndef STORE_PG_H
#define STORE_PG_H

#include <libpq-fe.h>

#include "store.h"

/*
 * libpq, loaded when the first PostgreSQL database is opened rather
 * than with the library: a department on SQLite maps neither libpq nor
 * the twenty libraries it brings (Kerberos, LDAP, OpenSSL), which cost
 * every tool about 5 ms and 5 MiB at its start (bench/README.md).  The
 * functions' types are libpq-fe.h's own; the library is linked with
 * -z defs, so a call to a function not in this list does not build.
 */
#define LIBPQ		"libpq.so.5"
#define PQ_FUNCS(X) \
	X(PQclear) \
	X(PQcmdTuples) \
	X(PQconnectPoll) \
	X(PQconnectStartParams) \
	X(PQerrorMessage) \
	X(PQescapeIdentifier) \
	X(PQexec) \
	X(PQexecParams) \
	X(PQexecPrepared) \
	X(PQfinish) \
	X(PQfreemem) \
	X(PQftype) \
	X(PQgetisnull) \
	X(PQgetvalue) \
	X(PQnfields) \
	X(PQntuples) \
	X(PQparameterStatus) \
	X(PQpingParams) \
	X(PQprepare) \
	X(PQputCopyData) \
	X(PQputCopyEnd) \
	X(PQgetResult) \
	X(PQresultErrorField) \
	X(PQresultStatus) \
	X(PQsetErrorVerbosity) \
	X(PQsetNoticeProcessor) \
	X(PQsocket) \
	X(PQstatus) \
	X(PQtransactionStatus)

#define PQ_MEMBER(f)	__typeof__(f) *f;
struct crmi_pq {
	PQ_FUNCS(PQ_MEMBER)
};
extern struct crmi_pq	 crmi_pq;	/* filled by crmi_pg_open() */
#define pq	crmi_pq

struct crmi_store {
	PGconn		*conn;
	char		 err[512];
	int64_t		 changes;
	unsigned	 seq;		/* names of prepared statements */
	int		 inserted;	/* the transaction has inserted */
	char		*acting;	/* the role root took on (pg_act) */
	char		 sets[512];	/* SETs not yet sent: "SET ...; " */
	char		 dealloc[512];	/* DEALLOCATEs not yet sent */
	char		*copy;		/* a row of COPY being written */
	size_t		 copysz;
	char		 copytrig[64];	/* its table, triggers off */
	char		*copyfk;	/* its foreign keys, to add again */
};

/* Keep libpq's message msg as the store's, one line (store_pg.c). */
void	 crmi_pg_msg(struct crmi_store *, const char *msg);

/* The store's code for a failed result (SQLSTATE), its message kept. */
int	 crmi_pg_code(struct crmi_store *, const PGresult *);

/* Run sql, no rows wanted (the session's SETs first); its code. */
int	 crmi_pg_run(struct crmi_store *, const char *sql);

/* A SET sent with the next statement, not in a round trip of its own. */
int	 crmi_pg_set_later(struct crmi_store *, const char *sql);

/* The driver's open and close (store_pgconn.c); see store.h. */
int	 crmi_pg_open(const char *name, int flags, const char *secret,
	    struct crmi_store **);
void	 crmi_pg_close(struct crmi_store *);

/* The driver's copy_begin, copy_row and copy_end (store_pgcopy.c). */
int	 crmi_pg_copy_begin(struct crmi_store *, const char *table,
	    const char *cols, int flags);
int	 crmi_pg_copy_row(struct crmi_store *, char *const *f, int n);
int	 crmi_pg_copy_end(struct crmi_store *, int abort);

#endif

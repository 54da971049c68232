/*
 * store_sqlite.h: what the SQLite driver (store_sqlite.c) shows to the
 * tests of its own queries (tests/unit/t-plans.c, t-handle.c), and to
 * nothing else in lib/.
 */
#ifndef CRM_STORE_SQLITE_H
#define CRM_STORE_SQLITE_H

#include <sqlite3.h>

struct crm;

/* The SQLite connection under a handle open on SQLite; else NULL. */
sqlite3	*crmi_sqlite_db(struct crm *);

#endif /* !CRM_STORE_SQLITE_H */

/*
 * store_sqlite.h: what the SQLite driver (store_sqlite.c) shows to the
 * tests of its own queries (tests/unit/t-plans.c, t-handle.c), and to
 * nothing else in lib/.
 */
#ifndef CRM_STORE_SQLITE_H
#define CRM_STORE_SQLITE_H

#include <sqlite3.h>

struct crmi_store;

/* The SQLite connection of a store open on SQLite; NULL: NULL. */
sqlite3	*crmi_sqlite_conn(struct crmi_store *);

/* The same, under a handle (its struct crm from crm_int.h). */
#define crmi_sqlite_db(crm)	crmi_sqlite_conn((crm)->drv == \
	crmi_sqlite_driver ? (crm)->store : NULL)

#endif /* !CRM_STORE_SQLITE_H */

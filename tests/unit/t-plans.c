/*
 * t-plans.c: every tool's main query over tasks is planned over the
 * index meant for it, and none reads the whole task table.  The SQL is
 * the library's own (crm_int.h), planned by SQLite as the tools run it:
 * on the schema as the migrations build it, without ANALYZE statistics,
 * which the project never gathers.  A change to a query or an index that
 * loses the index fails here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"
#include "store_sqlite.h"
#include "tap.h"
#include "tmpdb.h"

struct want {
	const char *const	*list;
	int			 i;
	const char		*what;
	const char		*index;	/* in the plan */
	const char		*also;	/* and this too, or NULL */
};

/* The lookups of a client and a deal, which every import line makes. */
static const char *const looks[] = {
	crmi_sql_client_look, crmi_sql_deal_look, NULL
};

static const struct want wants[] = {
	{ crmi_sql_taskview, 0, "task-today: overdue", "task_open",
	    "task_assignee_closed" },
	{ crmi_sql_taskview, 1, "task-today: due today",
	    "task_assignee_due", NULL },
	{ crmi_sql_taskview, 2, "task-today: done today",
	    "task_assignee_closed", NULL },
	{ crmi_sql_taskview, 3, "task-list", "task_assignee_due", NULL },
	{ crmi_sql_taskview, 4, "task-list -d: closed in a period",
	    "task_assignee_closed", NULL },
	{ crmi_sql_taskview, 5, "task-today: returned by the head",
	    "task_open", NULL },
	{ crmi_sql_taskview, 6, "task-list -a: everyone's, one statement",
	    "task_assignee_due", NULL },
	{ crmi_sql_taskview, 7, "task-list -a -d: everyone's closed",
	    "task_assignee_closed", NULL },
	{ crmi_sql_taskview, 8, "task-today -a: everyone's returned",
	    "task_open", NULL },
	{ crmi_sql_taskview, 9, "task-today -a: everyone's overdue",
	    "task_open", "task_assignee_closed" },
	{ crmi_sql_taskview, 10, "task-today -a: everyone's due today",
	    "task_assignee_due", NULL },
	{ crmi_sql_taskview, 11, "task-today -a: everyone's done today",
	    "task_assignee_closed", NULL },
	{ crmi_sql_taskmod, 0, "task-done, task-move: a task by id",
	    "INTEGER PRIMARY KEY", NULL },
	{ crmi_sql_series, 0, "a series' open tasks", "task_by_series",
	    NULL },
	{ crmi_sql_plan, 0, "plan-check: everyone's paste window",
	    "task_assignee_due", NULL },
	{ crmi_sql_plan, 1, "plan-check: everyone's tasks of the day",
	    "task_assignee_due", NULL },
	{ crmi_sql_plan, 2, "plan-check: everyone's overdue", "task_open",
	    NULL },
	{ crmi_sql_plan, 3, "kpi-report: the paste rule's tasks, everyone's",
	    "task_assignee_first (assignee_id=? AND first_due>? AND "
	    "first_due<?)", NULL },
	{ crmi_sql_kpi, 0, "kpi-report: one person's period",
	    "task_assignee_", NULL },
	{ crmi_sql_kpi, 1, "kpi-report: everyone's period",
	    "task_first_due", NULL },
	{ looks, 0, "a client by id", "SEARCH c USING INTEGER PRIMARY KEY",
	    NULL },
	{ looks, 1, "a deal by id", "SEARCH d USING INTEGER PRIMARY KEY",
	    NULL },
	{ crmi_sql_kpi, 2, "kpi-report: one person's stored days",
	    "SEARCH d USING PRIMARY KEY (day>? AND day<?)",
	    "SEARCH s USING PRIMARY KEY (person_id=? AND day=?)" },
	{ crmi_sql_kpi, 3, "kpi-report: everyone's stored days",
	    "SEARCH d USING PRIMARY KEY (day>? AND day<?)",
	    "SEARCH s USING PRIMARY KEY (person_id=? AND day=?)" },
	{ crmi_sql_kpi, 4, "kpi-report: one person's stale days",
	    "SEARCH t USING INDEX task_assignee_first (assignee_id=? AND "
	    "first_due=?)", "SEARCH s USING PRIMARY KEY (person_id=?" },
	{ crmi_sql_kpi, 5, "kpi-report: everyone's stale days",
	    "SEARCH t USING INDEX task_assignee_first (assignee_id=? AND "
	    "first_due=?)", NULL },
	{ crmi_sql_kpi, 6, "kpi-report: one person's days, none stale",
	    "SEARCH d USING PRIMARY KEY (day>? AND day<?)", NULL },
	{ crmi_sql_kpi, 7, "kpi-report: everyone's days, none stale",
	    "SEARCH d USING PRIMARY KEY (day>? AND day<?)", NULL },
	{ crmi_sql_kpisales, 0, "kpi-report: deals opened in the period",
	    "deal_opened_day", NULL },
	{ crmi_sql_kpisales, 1, "kpi-report: deals won in the period",
	    "deal_closed_day", NULL },
	{ crmi_sql_kpisales, 2, "kpi-report: deals lost in the period",
	    "deal_closed_day", NULL },
	{ crmi_sql_kpisales, 3, "kpi-report: contracts of the period",
	    "doc_kind_day", NULL },
	{ crmi_sql_kpisales, 4, "kpi-report: invoices of the period",
	    "doc_kind_day", NULL },
	{ crmi_sql_kpisales, 5, "kpi-report: invoices paid in the period",
	    "doc_kind_paid", NULL },
	{ crmi_sql_kpi, 8, "kpi-report: one person's stale days' sales",
	    "SEARCH s USING PRIMARY KEY (person_id=? AND day>? AND day<?)",
	    "SEARCH d USING PRIMARY KEY (day=? AND person_id=?)" },
	{ crmi_sql_kpi, 9, "kpi-report: everyone's stale days' sales",
	    "SCAN s", "SEARCH d USING PRIMARY KEY (day=? AND person_id=?)" },
	{ crmi_sql_kpi, 10, "kpi-report: one person's filler",
	    "task_assignee_", NULL },
	{ crmi_sql_kpi, 11, "kpi-report: everyone's filler",
	    "task_first_due", NULL },
	{ crmi_sql_kpi, 12, "kpi-report: one person's returned tasks",
	    "task_assignee_", NULL },
	{ crmi_sql_kpi, 13, "kpi-report: everyone's returned tasks",
	    "task_first_due", NULL },
	{ crmi_sql_kpi, 14, "kpi-report: one person's cancels",
	    "task_assignee_", NULL },
	{ crmi_sql_kpi, 15, "kpi-report: everyone's cancels",
	    "task_first_due", NULL },
	{ crmi_sql_kpiday, 0, "the stale pairs summed before a commit",
	    "SEARCH t USING INDEX task_assignee_first (assignee_id=? AND "
	    "first_due=?)", "SCAN s" },
};
#define NWANT	(sizeof(wants) / sizeof(wants[0]))

/* Whether a plan line reads the task table (alias t or none) whole. */
static int
scans_task(const char *d)
{
	const char	*p;

	if (strncmp(d, "SCAN ", 5) != 0 || strstr(d, "INDEX") != NULL)
		return 0;
	p = d + 5;
	if (strncmp(p, "task", 4) == 0 && (p[4] == '\0' || p[4] == ' '))
		return 1;
	return p[0] == 't' && (p[1] == '\0' || p[1] == ' ');
}

/* The plan of sql as "line; line; ...", and whether it scans task. */
static int
plan(sqlite3 *db, const char *sql, char *buf, size_t sz, int *scan)
{
	sqlite3_stmt	*st;
	char		 q[4096];
	const char	*d;
	int		 rc;

	*buf = '\0';
	*scan = 0;
	snprintf(q, sizeof(q), "EXPLAIN QUERY PLAN %s", sql);
	if (sqlite3_prepare_v2(db, q, -1, &st, NULL) != SQLITE_OK) {
		snprintf(buf, sz, "%s", sqlite3_errmsg(db));
		return -1;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 3);
		if (d == NULL)
			continue;
		if (scans_task(d))
			*scan = 1;
		if (*buf != '\0')
			strlcat(buf, "; ", sz);
		strlcat(buf, d, sz);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static size_t
count(const char *const *list)
{
	size_t	 n = 0;

	while (list[n] != NULL)
		n++;
	return n;
}

int
main(void)
{
	struct crm	*crm;
	sqlite3		*sq;
	char		 db[64], p[2048];
	size_t		 i;
	int		 scan, rc;

	if (tmpdb_name("t-plans", db, sizeof(db)) == -1)
		return 1;
	rc = crm_open(&crm, db, CRM_OPEN_NOUSER);
	is_int(rc, CRM_OK, "a new database");
	if (rc != CRM_OK)
		return 1;
	sq = crmi_sqlite_db(crm);
	/* Every query of the lists is checked below, and no more. */
	is_int(count(crmi_sql_taskview) + count(crmi_sql_taskmod) +
	    count(crmi_sql_series) + count(crmi_sql_plan) +
	    count(crmi_sql_kpi) + count(crmi_sql_kpiday) +
	    count(crmi_sql_kpisales) + count(looks), NWANT, "every listed "
	    "query has a plan to check");
	for (i = 0; i < NWANT; i++) {
		rc = plan(sq, wants[i].list[wants[i].i], p, sizeof(p), &scan);
		ok(rc == 0 && !scan && strstr(p, wants[i].index) != NULL &&
		    (wants[i].also == NULL || strstr(p, wants[i].also) !=
		    NULL), "%s: over %s%s%s", wants[i].what, wants[i].index,
		    wants[i].also ? " and " : "",
		    wants[i].also ? wants[i].also : "");
		printf("#   %s\n", p);
	}
	/* The check itself: a query that reads every task is caught. */
	plan(sq, "SELECT id FROM task WHERE title = ?1", p, sizeof(p), &scan);
	ok(scan, "a search by title is seen to read the whole table: %s", p);
	plan(sq, "SELECT t.id FROM task t WHERE t.note = ?1", p,
	    sizeof(p), &scan);
	ok(scan, "so is one through the alias t: %s", p);
	crm_close(crm);
	tmpdb_remove(db);
	done_testing();
}

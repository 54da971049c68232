/*
 * task_int.h: a task as a record, defined once (and, at the end, what
 * taskmod.c and taskedit.c share).  Each field of struct crm_task is one
 * line of CRM_TASK_FIELDS (crm.h), which says its column of table task,
 * its key in crm_task_cols and crm_task_view, the SQL that selects it
 * over "task t" joined as CRMI_TASK_FROM says (a field read OWN: here,
 * below) and what crm-import makes of it.  From that one line the views
 * (taskview.c) and crm-export (export.c) select it, crmi_task_fill()
 * fills it, crmi_task_cells() writes it (taskout.c) and crm-import
 * stores it (import_tasks.c).  tests/05-columns.t checks the lines,
 * with those of CRMI_TASK_KEPT, against the columns of table task.
 */
#ifndef TASK_INT_H
#define TASK_INT_H

#include "domain_int.h"
#include "rec_int.h"

/* The key of a field's column (its COL's name). */
#define CRMI_TASK_KEY(col)	CRMI_TASK_KEY_##col
#define CRMI_TASK_KEY_COL(name, type, title, max, flags, old)	name

/*
 * The column of table task a field is kept in (NULL: none: joined, or
 * counted) and the SQL that selects it: for a field read TASK, its
 * member's name and t.member; for one read OWN, CRMI_TASK_COLUMN_member
 * and CRMI_TASK_EXPR_member.
 */
#define CRMI_TASK_COLUMN(m, sql)	CRMI_TASK_COLUMN_##sql(m)
#define CRMI_TASK_EXPR(m, sql)		CRMI_TASK_EXPR_##sql(m)
#define CRMI_TASK_COLUMN_TASK(m)	#m
#define CRMI_TASK_EXPR_TASK(m)		"t." #m
#define CRMI_TASK_COLUMN_OWN(m)		CRMI_TASK_COLUMN_##m
#define CRMI_TASK_EXPR_OWN(m)		CRMI_TASK_EXPR_##m

#define CRMI_TASK_COLUMN_assignee	"assignee_id"
#define CRMI_TASK_EXPR_assignee		"a.login"
#define CRMI_TASK_COLUMN_client		NULL
#define CRMI_TASK_EXPR_client		"c.name"
/* The days late: crmi_task_when() counts them. */
#define CRMI_TASK_COLUMN_late		NULL
#define CRMI_TASK_EXPR_late		"NULL"
#define CRMI_TASK_COLUMN_series		"series_id"
#define CRMI_TASK_EXPR_series		"t.series_id"
#define CRMI_TASK_COLUMN_review		"review_note"
#define CRMI_TASK_EXPR_review		"CASE WHEN t.review IS NULL" \
    " THEN NULL ELSE coalesce(t.review_note, '') END"
#define CRMI_TASK_COLUMN_author		"author_id"
#define CRMI_TASK_EXPR_author		"u.login"

/*
 * The columns of table task that no record shows, kept for the
 * library's own work: the review's state (selected last, after the
 * fields, for the state the views show), who closed it and when that was
 * recorded, the moves and returns the KPI counts, the review's author
 * and time, the kind it was made with, whether it was imported.
 */
#define CRMI_TASK_KEPT(K) \
	K("review") K("closed_by") K("recorded_at") K("moves") \
	K("returns") K("reviewed_by") K("reviewed_at") K("first_kind") \
	K("imported")

#define CRMI_TASK_SEL_(type, m, sql, imp, col, x, v) \
	CRMI_TASK_EXPR(m, sql) ", "

/* The select list of a task: its fields, in order, then t.review. */
#define CRMI_TASK_SELECT \
	CRM_TASK_FIELDS(CRMI_TASK_SEL_, CRM_TASK_SKIP_) "t.review"

/* What CRMI_TASK_SELECT selects from. */
#define CRMI_TASK_FROM	" FROM task t" \
	" JOIN person a ON a.id = t.assignee_id" \
	" JOIN person u ON u.id = t.author_id" \
	" LEFT JOIN client c ON c.id = t.client_id "

/* The index of t.review in CRMI_TASK_SELECT: the number of fields. */
#define CRMI_TASK_N_(type, m, sql, imp, col, x, v)	+ 1
#define CRMI_TASK_REVIEW \
	(0 CRM_TASK_FIELDS(CRMI_TASK_N_, CRM_TASK_SKIP_))

/*
 * Fill t from the current row of st, a statement that selects
 * CRMI_TASK_SELECT: every field, the view's members (late, today) zero.
 * The strings point into st's row.
 */
void	 crmi_task_fill(struct crmi_stmt *st, struct crm_task *t);

/*
 * A task kept after its row is gone (crm_task_day_all reads everyone's
 * day before it shows anyone's): t owns copies of its strings, who is
 * the person's id and seq the order it was read in.
 */
struct crmi_task_dup {
	struct crm_task	 t;
	int64_t		 who;
	size_t		 seq;
};

/*
 * Copy t, every string of it, into d->t.  -1 when out of memory, with
 * nothing left to free.
 */
int	 crmi_task_dup(struct crmi_task_dup *d, const struct crm_task *t);

/* Free the strings of d->t that crmi_task_dup copied. */
void	 crmi_task_dup_clear(struct crmi_task_dup *d);

/*
 * The state the views and crm-export show, as of day today: an open task
 * due before it is "overdue"; late gets the days overdue (of a task shown
 * overdue, or returned and due before today); today whether it is due on
 * that day.
 */
void	 crmi_task_when(struct crm_task *t, int today);

/*
 * The cells of task t for the n columns cols (of crm_task_cols or
 * crm_task_view), each as its field's member holds it (crmi_rec_cells);
 * a number 0 is an empty cell.  The late days are "late_days".
 */
void	 crmi_task_cells(const struct crm_task *t, const struct crm_col *cols,
	    size_t n, struct crmi_cells *c);

/* The fields of the n columns cols, for crmi_rec_put (crmi_rec_map). */
void	 crmi_task_map(const struct crm_col *cols, size_t n,
	    const struct crmi_field **map);

/*
 * What taskmod.c and taskedit.c share: a task as a change needs it, its
 * loading, and the walk of the tasks a call names.
 */
struct crmi_task_row {
	int64_t		 id;
	int64_t		 assignee;
	int64_t		 author;
	int64_t		 client;
	int64_t		 deal;
	char		 kind[64];
	char		 state[16];
	char		 due[11];
	char		 time[6];
	char		 created[20];
	char		 login[64];
};

/* Put pre before the message already in the handle; rc. */
int	 crmi_task_prefix(struct crm *, int rc, const char *pre);

/* Load task id and check that the actor may change it, in any state. */
int	 crmi_task_load(struct crm *, int64_t id, struct crmi_task_row *r);

/*
 * A task someone else (the head) gave its assignee is cancelled, renamed
 * or given another kind by them, not by the assignee, who asks them; in
 * a batch it is skipped (crmi_already).
 */
int	 crmi_task_not_given(struct crm *, const struct crmi_task_row *r);

/*
 * fn on each of ids, in order of id, in one transaction: all or none;
 * none, or an id given twice, is refused.
 */
int	 crmi_task_each(struct crm *, const int64_t *ids, size_t n,
	    int (*fn)(struct crm *, int64_t, const void *), const void *arg);

#endif /* !TASK_INT_H */

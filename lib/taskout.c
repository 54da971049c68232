/*
 * taskout.c: how a task looks as a record: its tables of columns, which
 * task-today and task-list (crm_task_view), crm-export and crm-import
 * (crm_task_cols) read, so that the four say the same, and its table of
 * fields, through which the views and crm-export fill a task and write
 * it; all made from the lines of CRM_TASK_FIELDS (crm.h).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "records_int.h"
#include "task_int.h"

/*
 * The two tables of columns, from the lines of CRM_TASK_FIELDS: each
 * field's COL at its place, X(n) in crm_task_cols and V(n) or VB(n) in
 * crm_task_view, as the designated initializer [n]; NOT drops it.  The
 * place's macro (AT_X ...) ends in the macro that takes the COL next.
 */
#define EXPORT_(type, m, sql, imp, col, x, v)	AT_##x(col)
#define VIEW_(type, m, sql, imp, col, x, v)	AT_##v(col)
#define AT_X(n)		[n] = DEF_
#define AT_V(n)		[n] = DEF_
#define AT_VB(n)	[n] = BELOW_
#define AT_NOT		CRM_TASK_SKIP_
#define DEF_(col)	DEF_##col,
#define DEF_COL(name, type, title, max, flags, old) \
	{ name, CRM_COL_##type, title, max, flags, old }
#define BELOW_(col)	BELOW_##col,
#define BELOW_COL(name, type, title, max, flags, old) \
	{ name, CRM_COL_##type, title, max, (flags) | CRM_COL_BELOW, old }

const struct crm_col crm_task_cols[CRM_TASK_NCOLS] = {
	CRM_TASK_FIELDS(EXPORT_, CRM_TASK_SKIP_)
};

const struct crm_col crm_task_view[CRM_TASK_NLIST] = {
	CRM_TASK_FIELDS(VIEW_, CRM_TASK_SKIP_)
};

/*
 * Each table's n columns in n places, each once: the sum of 1 << place
 * is n bits set, as a sum of n powers of two below 1 << n is only when
 * no two are the same.  (A place past the end fails the initializer.)
 */
#define BIT_X(n)	+ (1ULL << (n))
#define BIT_V(n)	+ (1ULL << (n))
#define BIT_VB(n)	+ (1ULL << (n))
#define BIT_NOT
#define XBIT_(type, m, sql, imp, col, x, v)	BIT_##x
#define VBIT_(type, m, sql, imp, col, x, v)	BIT_##v
typedef char crmi_task_xplaces[(0 CRM_TASK_FIELDS(XBIT_, CRM_TASK_SKIP_)) ==
    (1ULL << CRM_TASK_NCOLS) - 1 ? 1 : -1];
typedef char crmi_task_vplaces[(0 CRM_TASK_FIELDS(VBIT_, CRM_TASK_SKIP_)) ==
    (1ULL << CRM_TASK_NLIST) - 1 ? 1 : -1];

/* A task's I64 fields: a number 0 (no series, client or deal) is empty. */
#define FIELD_(type, m, sql, imp, col, x, v) \
	CRMI_FIELD(crm_task, CRMI_TASK_KEY(col), type, CRMI_F_ZNULL, m),

static const struct crmi_field fields[] = {
	CRM_TASK_FIELDS(FIELD_, CRM_TASK_SKIP_)
};

#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

#define MEMBER(t, f, type)	((type *)(void *)((char *)(t) + (f)->off))

void
crmi_task_fill(struct crmi_stmt *st, struct crm_task *t)
{
	static const struct crmi_rec	 task = { fields, CRMI_TASK_REVIEW,
	    NULL, 0 };

	/* No copies: nothing to fail. */
	(void)crmi_rec_fill(st, &task, t, sizeof(*t), 0);
}

int
crmi_task_dup(struct crmi_task_dup *d, const struct crm_task *t)
{
	const struct crmi_field	*f;
	const char		*s;
	char			**to;
	size_t			 i;

	d->t = *t;
	for (i = 0; i < NFIELDS; i++) {
		f = &fields[i];
		if (f->type != CRMI_F_STR)
			continue;
		to = MEMBER(&d->t, f, char *);
		s = *MEMBER(t, f, const char *);
		if (s != NULL && (*to = strdup(s)) == NULL) {
			while (++i < NFIELDS)	/* the rest: not copied */
				if (fields[i].type == CRMI_F_STR)
					*MEMBER(&d->t, &fields[i], char *) =
					    NULL;
			crmi_task_dup_clear(d);
			return -1;
		}
	}
	return 0;
}

void
crmi_task_dup_clear(struct crmi_task_dup *d)
{
	const struct crmi_field	*f;
	size_t			 i;

	for (i = 0; i < NFIELDS; i++) {
		f = &fields[i];
		if (f->type == CRMI_F_STR)
			free(*MEMBER(&d->t, f, char *));
	}
	memset(&d->t, 0, sizeof(d->t));
}

void
crmi_task_when(struct crm_task *t, int today)
{
	int	 due;

	if (crm_date_iso(t->due_date, &due) == CRM_OK && due < today &&
	    strcmp(t->state, "open") == 0)
		t->state = "overdue";
	if (strcmp(t->state, "overdue") == 0 ||
	    (strcmp(t->state, "returned") == 0 && due < today))
		t->late = today - due;
	t->today = due == today;
}

void
crmi_task_map(const struct crm_col *cols, size_t n,
    const struct crmi_field **map)
{
	crmi_rec_map(fields, NFIELDS, cols, n, map);
}

void
crmi_task_cells(const struct crm_task *t, const struct crm_col *cols,
    size_t n, struct crmi_cells *c)
{
	crmi_rec_cells(t, fields, NFIELDS, cols, n, c);
}

/* Task t's row; notes: its note under it in the table whatever it holds. */
static int
task_row(struct crm_out *o, const struct crm_task *t, int notes)
{
	struct crmi_cells	 c;
	size_t			 i;

	crmi_task_cells(t, crm_task_view, CRM_TASK_NLIST, &c);
	/* The table shows a note under a task with a result only. */
	if (!notes && t->result == NULL && t->review == NULL &&
	    crm_out_fmt(o) == CRM_FMT_TABLE)
		for (i = 0; i < CRM_TASK_NLIST; i++)
			if (strcmp(crm_task_view[i].name, "note") == 0)
				c.v[i] = NULL;
	if (t->late > 0 || strcmp(t->state, "returned") == 0)
		crm_out_style(o, CRM_STYLE_ALERT);
	else if (strcmp(t->state, "done") == 0 ||
	    strcmp(t->state, "accepted") == 0 ||
	    strcmp(t->state, "cancelled") == 0)
		crm_out_style(o, CRM_STYLE_FAINT);
	else if (t->today)
		crm_out_style(o, CRM_STYLE_STRONG);
	return crm_out_row(o, c.v);
}

int
crm_task_row(struct crm_out *o, const struct crm_task *t)
{
	return task_row(o, t, 0);
}

int
crm_task_row_found(struct crm_out *o, const struct crm_task *t)
{
	return task_row(o, t, 1);
}

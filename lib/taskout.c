/*
 * taskout.c: how a task looks as a record: one table of columns, which
 * task-today and task-list (crm_task_view, its first columns and the
 * result and the note), crm-export and crm-import read, so that the
 * four say the same; and the one table of its fields (task_int.h),
 * through which the views and crm-export fill a task and write it.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "task_int.h"

/* The views' first columns, which crm-export writes too (but series). */
#define VIEW_COLS \
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL }, \
	{ "assignee", CRM_COL_LOGIN, "who", 0, CRM_COL_REQ, "login" }, \
	{ "due_date", CRM_COL_DATE, "due", 0, CRM_COL_REQ | CRM_COL_GROUP, \
	    NULL }, \
	{ "due_time", CRM_COL_TEXT, "time", 0, 0, NULL }, \
	{ "state", CRM_COL_TEXT, NULL, 0, CRM_COL_GROUP, NULL }, \
	{ "kind", CRM_COL_TEXT, NULL, 0, CRM_COL_REQ, NULL }, \
	{ "client", CRM_COL_FIT, NULL, 0, 0, NULL }, \
	{ "title", CRM_COL_FIT, NULL, CRM_TITLE_MAX, CRM_COL_REQ, NULL }, \
	{ "late_days", CRM_COL_INT, "late", 0, CRM_COL_OUT | CRM_COL_GROUP, \
	    NULL }, \
	{ "series", CRM_COL_INT, NULL, 0, CRM_COL_VIEW, NULL }
#define NOTE_COL(fl) \
	{ "note", CRM_COL_TEXT, NULL, CRM_NOTE_MAX, CRM_COL_LINES | (fl), NULL }
#define RESULT_COL(fl) \
	{ "result", CRM_COL_TEXT, NULL, CRM_NOTE_MAX, CRM_COL_LINES | (fl), \
	    NULL }

const struct crm_col crm_task_cols[CRM_TASK_NCOLS] = {
	VIEW_COLS,
	/* crm-export's, after the views' */
	{ "author", CRM_COL_TEXT, NULL, 0, 0, NULL },
	NOTE_COL(0),
	{ "client_id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "deal_id", CRM_COL_INT, NULL, 0, 0, "deal" },
	{ "first_due", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "created_at", CRM_COL_DATE, NULL, 0, CRM_COL_HIST, NULL },
	{ "closed_at", CRM_COL_DATE, NULL, 0, CRM_COL_HIST, NULL },
	RESULT_COL(0),
	{ "cancel_reason", CRM_COL_TEXT, NULL, CRM_NOTE_MAX, CRM_COL_LINES,
	    NULL },
};

/*
 * The views': the same first columns, then the result, the note and
 * the head's words, which the table view shows as lines under the task.
 */
const struct crm_col crm_task_view[CRM_TASK_NLIST] = {
	VIEW_COLS,
	RESULT_COL(CRM_COL_BELOW),
	NOTE_COL(CRM_COL_BELOW),
	{ "review", CRM_COL_TEXT, NULL, 0, CRM_COL_BELOW, NULL },
};

/* A task's I64 fields: a number 0 (no series, client or deal) is empty. */
#define FIELD_(col, key, sql, type, m, imp) \
	CRMI_FIELD(crm_task, key, type, CRMI_F_ZNULL, m),

static const struct crmi_field fields[] = {
	CRMI_TASK_FIELDS(FIELD_)
};

#define NFIELDS	(sizeof(fields) / sizeof(fields[0]))

#define MEMBER(t, f, type)	((type *)(void *)((char *)(t) + (f)->off))

void
crmi_task_fill(struct crmi_stmt *st, struct crm_task *t)
{
	const struct crmi_field	*f;
	int			 i;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < CRMI_TASK_REVIEW; i++) {
		f = &fields[i];
		if (f->type == CRMI_F_STR)
			*MEMBER(t, f, const char *) = crmi_col_text(st, i);
		else if (f->type == CRMI_F_INT)
			*MEMBER(t, f, int) = (int)crmi_col_int(st, i);
		else
			*MEMBER(t, f, int64_t) = crmi_col_int(st, i);
	}
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

int
crm_task_row(struct crm_out *o, const struct crm_task *t)
{
	struct crmi_cells	 c;
	size_t			 i;

	crmi_task_cells(t, crm_task_view, CRM_TASK_NLIST, &c);
	/* The table shows a note under a task with a result only. */
	if (t->result == NULL && t->review == NULL &&
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

/*
 * taskout.c: how a task looks as a record: one table of columns, which
 * task-today and task-list (crm_task_view, its first columns and the
 * result and the note), crm-export and crm-import read, so that the
 * four say the same.
 */
#include <stdio.h>
#include <string.h>

#include "crm.h"

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

int
crm_task_row(struct crm_out *o, const struct crm_task *t)
{
	const char	*val[CRM_TASK_NLIST];
	char		 id[24], late[24], series[24];

	snprintf(id, sizeof(id), "%lld", (long long)t->id);
	snprintf(late, sizeof(late), "%d", t->late);
	snprintf(series, sizeof(series), "%lld", (long long)t->series);
	val[0] = id;
	val[1] = t->assignee;
	val[2] = t->due_date;
	val[3] = t->due_time;
	val[4] = t->state;
	val[5] = t->kind;
	val[6] = t->client;
	val[7] = t->title;
	val[8] = t->late > 0 ? late : NULL;
	val[9] = t->series != 0 ? series : NULL;
	val[10] = t->result;
	/* The table shows a note under a task with a result only. */
	val[11] = t->result != NULL || t->review != NULL ||
	    crm_out_fmt(o) != CRM_FMT_TABLE ? t->note : NULL;
	val[12] = t->review;
	if (t->late > 0 || strcmp(t->state, "returned") == 0)
		crm_out_style(o, CRM_STYLE_ALERT);
	else if (strcmp(t->state, "done") == 0 ||
	    strcmp(t->state, "accepted") == 0 ||
	    strcmp(t->state, "cancelled") == 0)
		crm_out_style(o, CRM_STYLE_FAINT);
	else if (t->today)
		crm_out_style(o, CRM_STYLE_STRONG);
	return crm_out_row(o, val);
}

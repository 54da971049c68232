/*
 * taskout.c: how a task looks as a record, shared by task-today and
 * task-list so that the two write the same columns.
 */
#include <stdio.h>
#include <string.h>

#include "crm.h"

const struct crm_col crm_task_cols[CRM_TASK_NCOLS] = {
	{ "id", CRM_COL_INT, NULL },
	{ "assignee", CRM_COL_LOGIN, "who" },
	{ "due_date", CRM_COL_DATE, "due" },
	{ "due_time", CRM_COL_TEXT, "time" },
	{ "state", CRM_COL_TEXT, NULL },
	{ "kind", CRM_COL_TEXT, NULL },
	{ "client", CRM_COL_FIT, NULL },
	{ "title", CRM_COL_FIT, NULL },
	{ "late_days", CRM_COL_INT, "late" },
	{ "series", CRM_COL_INT, NULL },
};

int
crm_task_row(struct crm_out *o, const struct crm_task *t)
{
	const char	*val[CRM_TASK_NCOLS];
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
	if (t->late > 0)
		crm_out_style(o, CRM_STYLE_ALERT);
	else if (strcmp(t->state, "done") == 0 ||
	    strcmp(t->state, "cancelled") == 0)
		crm_out_style(o, CRM_STYLE_FAINT);
	else if (t->today)
		crm_out_style(o, CRM_STYLE_STRONG);
	return crm_out_row(o, val);
}

/*
 * entry.c: the regulations' required fields, checked when an open task
 * is made or changed (task-add, its batch, task-edit, crm-import), not
 * only in the evening by plan-check.  The fields a kind needs come from
 * the one lookup plan-check uses (task_kind, then the team's fields.*);
 * "entry.fields" says whether a gap refuses the task or only warns.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

static const char SQL_NEED[] =
    "SELECT need_client, need_deal, need_time, need_note FROM task_kind"
    " WHERE name = ?1";

int
crmi_kind_need(struct crm *crm, int64_t who, const char *kind, int *need)
{
	struct crmi_stmt	*st;
	int			 i, rc;

	*need = 0;
	if ((st = crmi_stmt(crm, SQL_NEED)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, kind != NULL && *kind != '\0' ? kind :
	    "other");
	if ((rc = crmi_step(st)) == CRMI_ROW)
		for (i = 0; i < 4; i++)
			*need |= crmi_col_int(st, i) << i;
	crmi_reset(st);
	if (rc != CRMI_ROW && rc != CRMI_DONE)
		return crmi_dberr(crm, rc);
	return crmi_kind_fields(crm, who, kind != NULL && *kind != '\0' ?
	    kind : "other", need);
}

/* The message for the first field of missing, as the hint says. */
static int
gap(struct crm *crm, const struct crmi_entry *e, int missing)
{
	const char	*k;

	k = crmi_word("kind", e->kind != NULL && *e->kind != '\0' ?
	    e->kind : "other");
	if ((missing & 1) && e->words != NULL && *e->words != '\0')
		return crmi_err(crm, CRM_EINVAL, "%s needs a client: no "
		    "client matches '%s': -c client", k, e->words);
	if (e->hint == CRMI_HINT_COL)
		return crmi_err(crm, CRM_EINVAL, (missing & 1) ?
		    N_("%s needs a client: the client column is empty") :
		    (missing & 2) ?
		    N_("%s needs a deal: the deal column is empty") :
		    (missing & 4) ?
		    N_("%s needs a time: the time column is empty") :
		    N_("%s needs a note: the note column is empty"), k);
	return crmi_err(crm, CRM_EINVAL, (missing & 1) ?
	    N_("%s needs a client: -c client") : (missing & 2) ?
	    N_("%s needs a deal: -l deal") : (missing & 4) ?
	    N_("%s needs a time: -T time") : N_("%s needs a note: -n note"),
	    k);
}

int
crmi_task_entry(struct crm *crm, const struct crmi_entry *e)
{
	char	*mode = NULL, msg[CRMI_ERRSZ + 32];
	int	 need, missing, rc, warn;

	if (e->need != NULL)
		need = *e->need;
	else if ((rc = crmi_kind_need(crm, e->who, e->kind, &need)) != CRM_OK)
		return rc;
	if ((missing = need & ~e->have & ~e->gap) == 0)
		return CRM_OK;
	if ((rc = crmi_rule_team(crm, "entry.fields", e->who, &mode)) !=
	    CRM_OK)
		return rc;
	warn = strcmp(mode, "warn") == 0;
	free(mode);
	rc = gap(crm, e, missing);
	if (!warn)
		return rc;
	if (e->id != 0) {
		snprintf(msg, sizeof(msg), _("task %lld: %s"),
		    (long long)e->id, crm->err);
		strlcpy(crm->err, msg, sizeof(crm->err));
	}
	crmi_notice(crm, crm->err);
	crm->err[0] = '\0';
	return CRM_OK;
}

void
crmi_entry_new(struct crmi_entry *e, const struct crm_task_new *t,
    int64_t who, int64_t client, int hint, int64_t id)
{
	memset(e, 0, sizeof(*e));
	e->who = who;
	e->kind = t->kind;
	e->have = (client != 0) | (t->deal != 0) << 1 | (t->time >= 0) << 2 |
	    (t->note != NULL && *t->note != '\0') << 3;
	e->hint = hint;
	e->words = t->words;
	e->id = id;
}

int
crmi_task_entry_new(struct crm *crm, const struct crm_task_new *t,
    int64_t who, int64_t client, int hint, int64_t id)
{
	struct crmi_entry	 e;

	crmi_entry_new(&e, t, who, client, hint, id);
	return crmi_task_entry(crm, &e);
}

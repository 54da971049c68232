/*
 * audit.c: the append-only log of every change.  "What is not recorded
 * was not done": the log is what makes that fair, so the schema itself
 * refuses to update or delete it (see schema.c).
 */
#include <string.h>

#include "crm_int.h"

int
crmi_audit(struct crm *crm, const char *entity, int64_t id, int64_t owner,
    const char *action, const char *detail)
{
	sqlite3_stmt	*st;

	/* One command, one transaction: its entries share the first's id. */
	if (!crm->intx || crm->cmd == 0) {
		if ((st = crmi_stmt(crm, "SELECT coalesce(max(id), 0) + 1"
		    " FROM audit")) == NULL)
			return CRM_EDB;
		crm->cmd = sqlite3_step(st) == SQLITE_ROW ?
		    sqlite3_column_int64(st, 0) : 0;
		sqlite3_reset(st);
	}
	st = crmi_stmt(crm, "INSERT INTO audit (at, actor, entity, "
	    "entity_id, owner_id, action, detail, cmd) "
	    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (st == NULL)
		return CRM_EDB;
	sqlite3_bind_int64(st, 8, crm->cmd);
	sqlite3_bind_text(st, 1, crm->now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, crm->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	if (owner != 0)
		sqlite3_bind_int64(st, 5, owner);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, detail != NULL ? detail : "{}", -1,
	    SQLITE_STATIC);
	return crmi_step_done(crm, st);
}

/*
 * What the actor may see: everything for a director or an admin; for a
 * head, their own entries and their team's; for a manager, the entries
 * they made and those about their own work.
 */
static const char SQL_EACH[] =
    "SELECT a.id, a.at, a.actor, a.entity, a.entity_id, a.action,"
    " a.detail FROM audit a"
    " LEFT JOIN person o ON o.id = a.owner_id"
    " WHERE (?1 IS NULL OR a.entity = ?1)"
    " AND (?2 = 0 OR a.entity_id = ?2)"
    " AND (?3 IS NULL OR a.actor = ?3)"
    " AND (?4 = 1 OR a.actor = ?5 OR a.owner_id = ?6"
    "  OR o.head_id = ?6"
    "  OR a.actor IN (SELECT login FROM person WHERE head_id = ?6))"
    " ORDER BY a.id";

/* The kinds of record the tools log; others only when the log has them. */
static const char *const entities[] = {
	"calendar", "client", "control", "deal", "doc", "person", "rule",
	"stage", "task", "task_kind", "task_series"
};

/*
 * A misspelt entity or login would show an empty log, which reads as
 * "nothing happened": refuse what is neither known nor in the log.
 */
static int
each_check(struct crm *crm, const char *entity, const char *actor)
{
	sqlite3_stmt	*st;
	size_t		 i;
	int		 rc;

	for (i = 0; entity != NULL && i < sizeof(entities) /
	    sizeof(entities[0]); i++)
		if (strcmp(entity, entities[i]) == 0)
			entity = NULL;
	if ((st = crmi_stmt(crm, "SELECT (?1 IS NULL OR EXISTS (SELECT 1"
	    " FROM audit WHERE entity = ?1)), (?2 IS NULL OR EXISTS (SELECT 1"
	    " FROM person WHERE login = ?2) OR EXISTS (SELECT 1 FROM audit"
	    " WHERE actor = ?2))")) == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, entity);
	crmi_bind_text(st, 2, actor);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		return crmi_dberr(crm, rc);
	}
	rc = CRM_OK;
	if (sqlite3_column_int(st, 0) == 0)
		rc = crmi_err(crm, CRM_EINVAL, "unknown entity '%s': calendar, "
		    "client, control, deal, doc, person, rule, stage, task, "
		    "task_kind, task_series", entity);
	else if (sqlite3_column_int(st, 1) == 0)
		rc = crmi_err(crm, CRM_ENOENT, "no such person '%s'", actor);
	sqlite3_reset(st);
	return rc;
}

int
crm_audit_each(struct crm *crm, const char *entity, int64_t entity_id,
    const char *actor, int (*fn)(const struct crm_audit *, void *),
    void *arg)
{
	sqlite3_stmt		*st;
	struct crm_audit	 a;
	int			 rc, all, frc = 0;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = each_check(crm, entity, actor)) != CRM_OK)
		return rc;
	all = crm->actor.role == CRM_ROLE_DIRECTOR ||
	    crm->actor.role == CRM_ROLE_ADMIN;
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, entity);
	sqlite3_bind_int64(st, 2, entity_id);
	crmi_bind_text(st, 3, actor);
	sqlite3_bind_int(st, 4, all);
	sqlite3_bind_text(st, 5, crm->login, -1, SQLITE_STATIC);
	/* Nobody has a manager as head, so ?6 serves both roles. */
	sqlite3_bind_int64(st, 6, crm->actor.id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.id = sqlite3_column_int64(st, 0);
		a.at = (const char *)sqlite3_column_text(st, 1);
		a.actor = (const char *)sqlite3_column_text(st, 2);
		a.entity = (const char *)sqlite3_column_text(st, 3);
		a.entity_id = sqlite3_column_int64(st, 4);
		a.action = (const char *)sqlite3_column_text(st, 5);
		a.detail = (const char *)sqlite3_column_text(st, 6);
		if ((frc = fn(&a, arg)) != 0)
			break;
	}
	if (frc != 0)
		rc = frc;
	else if (rc == SQLITE_DONE)
		rc = CRM_OK;
	else
		rc = crmi_dberr(crm, rc);
	sqlite3_reset(st);
	return rc;
}

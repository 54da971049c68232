/*
 * undo.c: take back a person's last command.  A command's changes are
 * one unit in the log (audit.cmd); undoing them is a new command of its
 * own, logged entry by entry as "undo" with the command it undoes, so
 * that nothing of the history is ever deleted.  Changes to tasks are
 * taken back, and of the sales a deal's stage (deal-stage) and fields
 * (deal-edit), a document issued (doc-add, removed) or paid (doc-pay)
 * and a client made (client-add, removed when nothing refers to it):
 * only while nothing else has touched them since, with the rights the
 * command itself needs now, and a record dated in the closed period
 * (kpi.closed) by the head only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sales_int.h"

/*
 * The actor's last command that is neither an undo nor undone; the
 * repeating tasks that a view makes on the way (crm_task_extend) are no
 * command of the person who looked.
 */
static const char SQL_LAST[] =
    "SELECT max(coalesce(cmd, id)) FROM audit WHERE actor = ?1"
    " AND action <> 'undo' AND NOT (entity = 'task' AND action = 'create'"
    "  AND json_extract(detail, '$.series') IS NOT NULL)"
    " AND coalesce(cmd, id) NOT IN"
    " (SELECT CAST(json_extract(detail, '$.undo') AS BIGINT) FROM audit"
    "  WHERE actor = ?1 AND action = 'undo')";

static const char SQL_ENTRIES[] =
    "SELECT id, entity, entity_id, action, detail FROM audit"
    " WHERE actor = ?2 AND (cmd = ?1 OR (cmd IS NULL AND id = ?1))"
    " ORDER BY id DESC";

/*
 * The first change to a record after the command, leaving out the
 * commands that their authors undid, and the undos, which put the record
 * back as the command left it (a later command of another, undone by its
 * author, leaves it as it was too).
 */
static const char SQL_SINCE[] =
    "SELECT a.action, a.actor, a.at FROM audit a WHERE a.entity = ?1"
    " AND a.entity_id = ?2 AND a.id > ?3 AND a.action <> 'undo'"
    " AND coalesce(a.cmd, a.id) NOT IN"
    "  (SELECT CAST(json_extract(u.detail, '$.undo') AS BIGINT)"
    "   FROM audit u WHERE u.actor = a.actor AND u.action = 'undo')"
    " ORDER BY a.id LIMIT 1";


static const char SQL_UNMOVE[] =
    "UPDATE task SET due_date = json_extract(?2, '$.due[0]'),"
    " due_time = json_extract(?2, '$.time[0]'), moves = moves - 1"
    " WHERE id = ?1";

static const char SQL_UNMOVE_LOG[] =
    "UPDATE task_move SET undone_at = ?2 WHERE id ="
    " (SELECT max(id) FROM task_move WHERE task_id = ?1)";

/* A column as it was before (as type: TEXT, or BIGINT for an id). */
#define KEEP(k, col, type) \
    " " col " = CASE WHEN json_type(?2, '$." k "') IS NULL THEN " col \
    " ELSE CAST(json_extract(?2, '$." k "[0]') AS " type ") END"

static const char SQL_UNEDIT[] =
    "UPDATE task SET" KEEP("title", "title", "TEXT") ","
    KEEP("kind", "kind", "TEXT") "," KEEP("note", "note", "TEXT") ","
    KEEP("client", "client_id", "BIGINT") ","
    KEEP("deal", "deal_id", "BIGINT") "," KEEP("time", "due_time", "TEXT") ","
    " assignee_id = CASE WHEN json_type(?2, '$.assignee') IS NULL"
    " THEN assignee_id ELSE (SELECT id FROM person"
    " WHERE login = json_extract(?2, '$.assignee[0]')) END WHERE id = ?1";

/* The task's closing as it was before a reopen or a return. */
#define UNCLOSE \
    " state = json_extract(?2, '$.state[0]')," \
    " closed_at = json_extract(?2, '$.closed_at[0]')," \
    " closed_by = (SELECT id FROM person" \
    "  WHERE login = json_extract(?2, '$.closed_by[0]'))," \
    " recorded_at = json_extract(?2, '$.recorded_at[0]')," \
    " result = json_extract(?2, '$.result[0]')"

static const char SQL_UNREOPEN[] = "UPDATE task SET" UNCLOSE ","
    " cancel_reason = json_extract(?2, '$.cancel_reason[0]')"
    " WHERE id = ?1";

/* The head's review as it was before an accept or a return. */
#define UNREVIEW \
    " review = json_extract(?2, '$.review[0]')," \
    " review_note = json_extract(?2, '$.review_note[0]')," \
    " reviewed_by = CASE WHEN json_extract(?2, '$.review[0]') IS NULL" \
    "  THEN NULL ELSE reviewed_by END," \
    " reviewed_at = CASE WHEN json_extract(?2, '$.review[0]') IS NULL" \
    "  THEN NULL ELSE reviewed_at END"

static const char SQL_UNACCEPT[] = "UPDATE task SET" UNREVIEW
    " WHERE id = ?1";

static const char SQL_UNRETURN[] = "UPDATE task SET" UNCLOSE ","
    KEEP("due", "due_date", "TEXT") "," KEEP("time", "due_time", "TEXT") ","
    " returns = returns - 1," UNREVIEW " WHERE id = ?1";

static const char SQL_UNCREATE[] =
    "UPDATE task SET state = 'cancelled', closed_at = ?2,"
    " closed_by = ?3, recorded_at = ?2, cancel_reason = 'undo'"
    " WHERE id = ?1 AND state = 'open'";

/* A deal's fields as deal-edit logged them, as they were before. */
static const char SQL_UNEDIT_DEAL[] =
    "UPDATE deal SET" KEEP("title", "title", "TEXT") ","
    KEEP("amount", "amount", "BIGINT") "," KEEP("profit", "profit", "BIGINT")
    "," KEEP("close", "close_date", "TEXT") " WHERE id = ?1";

/*
 * The stage a deal-stage left (?2 its detail) of deal ?1: its id, outcome
 * and name, the deal's stage now and its name, and when the deal last
 * came to the stage left, with the reason (closed_at and lost_reason
 * again when it is final).
 */
static const char SQL_STAGE_BACK[] =
    "SELECT s.id, s.outcome, s.name, d.stage_id, n.name,"
    " (SELECT l.at FROM deal_stage_log l WHERE l.deal_id = d.id"
    "  AND l.to_stage = s.id ORDER BY l.id DESC LIMIT 1),"
    " (SELECT l.reason FROM deal_stage_log l WHERE l.deal_id = d.id"
    "  AND l.to_stage = s.id ORDER BY l.id DESC LIMIT 1)"
    " FROM deal d JOIN stage n ON n.id = d.stage_id, stage s"
    " WHERE d.id = ?1 AND s.name = json_extract(?2, '$.stage[0]')";

/* What refers to client ?1: the first deal, task or series. */
static const char SQL_CLIENT_REFS[] =
    "SELECT 'deal', id, title FROM deal WHERE client_id = ?1"
    " UNION ALL SELECT 'task', id, title FROM task WHERE client_id = ?1"
    " UNION ALL SELECT 'task_series', id, title FROM task_series"
    "  WHERE client_id = ?1 ORDER BY 1, 2 LIMIT 1";

/*
 * The commands by the log's entity and action: the tool a person typed,
 * and whether crm-undo takes its change back.
 */
static const struct tool {
	const char	*entity, *action, *tool;
	int		 undoable;
} TOOLS[] = {
	{ "task", "create", "task-add", 1 },
	{ "task", "done", "task-done", 1 },
	{ "task", "cancel", "task-cancel", 1 },
	{ "task", "move", "task-move", 1 },
	{ "task", "edit", "task-edit", 1 },
	{ "task", "reopen", "task-reopen", 1 },
	{ "task", "accept", "task-accept", 1 },
	{ "task", "return", "task-return", 1 },
	{ "deal", "stage", "deal-stage", 1 },
	{ "deal", "update", "deal-edit", 1 },
	{ "doc", "issue", "doc-add", 1 },
	{ "doc", "pay", "doc-pay", 1 },
	{ "client", "create", "client-add", 1 },
	{ "deal", "create", "deal-add", 0 },
	{ "doc", "update", "doc-edit", 0 },
	{ "client", "update", "client-edit", 0 },
	{ "client", "merge", "client-merge", 0 },
	{ "*", "import", "crm-import", 0 },
	{ "*", "title", "crm-rules", 0 },
	{ "person", NULL, "crm-user", 0 },
	{ "rule", NULL, "crm-rules", 0 },
	{ "stage", NULL, "crm-rules", 0 },
	{ "calendar", NULL, "crm-rules", 0 },
	{ "task_kind", NULL, "crm-rules", 0 },
	{ "control", NULL, "crm-control", 0 },
	{ "audit", NULL, "crm-erase", 0 },
	{ NULL, NULL, NULL, 0 }
};

/* The command of entity's action (in TOOLS "*": any entity, a NULL
 * action: any action), or NULL. */
static const struct tool *
tool_of(const char *entity, const char *action)
{
	const struct tool	*t;

	for (t = TOOLS; t->entity != NULL; t++)
		if ((strcmp(t->entity, "*") == 0 ||
		    strcmp(t->entity, entity) == 0) && (t->action == NULL ||
		    strcmp(t->action, action) == 0))
			return t;
	return NULL;
}

/* The name of the command of entity's action, as people read it. */
static const char *
tool_name(const char *entity, const char *action)
{
	const struct tool	*t;

	if ((t = tool_of(entity, action)) != NULL)
		return t->tool;
	return crmi_word("action", action);
}

struct entry {
	int64_t		 id;
	char		 entity[32];
	int64_t		 eid;
	char		 action[16];
	char		*detail;
};

static void
entries_free(struct entry *e, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(e[i].detail);
	free(e);
}

static int
last_command(struct crm *crm, int64_t *cmd)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_LAST)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, crm->login);
	rc = crmi_step(st);
	*cmd = rc == CRMI_ROW ? crmi_col_int(st, 0) : 0;
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return crmi_dberr(crm, rc);
	return *cmd == 0 ? crmi_err(crm, CRM_ENOENT, "nothing to undo") :
	    CRM_OK;
}

static int
load_entries(struct crm *crm, int64_t cmd, struct entry **out, size_t *n)
{
	struct crmi_stmt	*st;
	struct entry		*e = NULL, *v;
	int			 rc;

	*n = 0;
	if ((st = crmi_stmt(crm, SQL_ENTRIES)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, cmd);
	crmi_bind_str(st, 2, crm->login);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((v = reallocarray(e, *n + 1, sizeof(*e))) == NULL)
			break;
		e = v;
		v = &e[(*n)++];
		v->id = crmi_col_int(st, 0);
		strlcpy(v->entity, crmi_col_text(st, 1),
		    sizeof(v->entity));
		v->eid = crmi_col_int(st, 2);
		strlcpy(v->action, crmi_col_text(st, 3),
		    sizeof(v->action));
		v->detail = crmi_col_dup(st, 4);
	}
	crmi_reset(st);
	*out = e;
	if (rc == CRMI_ROW)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/* A time of the log as people read it (crmi_date_people), into buf. */
static const char *
people_time(const char *stamp, char *buf, size_t sz)
{
	crmi_date_people(stamp != NULL ? stamp : "", buf, sz);
	return buf;
}

/* Whether entry e is of a sale (a deal, a document, a client). */
static int
sale(const struct entry *e)
{
	return strcmp(e->entity, "task") != 0;
}

/* "your last command, TOOL, cannot be undone: " and the why of fmt. */
static int
refuse(struct crm *crm, int status, const char *tool, const char *why)
{
	char	 w[sizeof(crm->err)];

	strlcpy(w, why, sizeof(w));
	return crmi_err(crm, status, "your last command, %s, cannot be "
	    "undone: %s", tool, w);
}

/*
 * The manager whose work the record of sale e is, when the actor may
 * change it now: the rights the command itself needs.
 */
static int
sale_owner(struct crm *crm, const struct entry *e, const char *tool,
    int64_t *manager)
{
	char	 id[24];
	int64_t	 deal = e->eid;
	int	 outcome, rc;

	if (strcmp(e->entity, "client") == 0)
		rc = crmi_client_manager(crm, e->eid, manager);
	else {
		if (strcmp(e->entity, "doc") == 0) {
			crmi_text_of(crm, "SELECT deal_id FROM doc"
			    " WHERE id = ?1", e->eid, id, sizeof(id));
			deal = strtoll(id, NULL, 10);
		}
		rc = crmi_deal_owner(crm, deal, manager, &outcome);
	}
	if (rc == CRM_OK)
		rc = crm_may_act(crm, *manager);
	return rc == CRM_OK || rc == CRM_EDB ? rc :
	    refuse(crm, rc, tool, crm_errmsg(crm));
}

/*
 * Whether the record of sale e is dated in the closed period (kpi.closed)
 * of manager's work: a deal closed, a document issued (doc-add) or paid
 * (doc-pay).  Then only the head takes it back, for the team, their own
 * work too, as crmi_sales_date() lets the head record such a date.
 */
static int
sale_window(struct crm *crm, const struct entry *e, const char *tool,
    int64_t manager)
{
	char	 date[11] = "", closed[8], why[256];
	int	 rc = CRM_OK;

	if (strcmp(e->entity, "deal") == 0)
		crmi_text_of(crm, "SELECT coalesce(substr(closed_at, 1, 10),"
		    " '') FROM deal WHERE id = ?1", e->eid, date,
		    sizeof(date));
	else if (strcmp(e->entity, "doc") == 0)
		crmi_text_of(crm, strcmp(e->action, "pay") == 0 ?
		    "SELECT coalesce(paid_date, '') FROM doc WHERE id = ?1" :
		    "SELECT doc_date FROM doc WHERE id = ?1", e->eid, date,
		    sizeof(date));
	if (*date == '\0' || *date == '?' ||
	    (rc = crmi_closed_month(crm, manager, closed)) != CRM_OK)
		return *date == '\0' || *date == '?' ? CRM_OK : rc;
	if (*closed == '\0' || strncmp(date, closed, 7) > 0 ||
	    crm->actor.id != manager || crmi_team(crm) != 0)
		return CRM_OK;
	snprintf(why, sizeof(why), _("%s %lld is dated %s, in the closed "
	    "period (up to %s): only your head changes it"),
	    crmi_word("entity", e->entity), (long long)e->eid, date, closed);
	return refuse(crm, CRM_EPERM, tool, why);
}

/*
 * What else sale e needs: a deal moved back to a won or lost stage (the
 * head's reopen taken back) needs the head; a client made goes only when
 * nothing refers to it.
 */
static int
sale_more(struct crm *crm, const struct entry *e, const char *tool)
{
	struct crmi_stmt	*st;
	char			 why[512];
	int			 rc = CRM_OK;

	if (strcmp(e->action, "stage") == 0) {
		if ((st = crmi_stmt(crm, SQL_STAGE_BACK)) == NULL)
			return CRM_EDB;
		crmi_bind_int(st, 1, e->eid);
		crmi_bind_str(st, 2, e->detail);
		if ((rc = crmi_step(st)) == CRMI_ROW) {
			rc = CRM_OK;
			if (crmi_col_text(st, 1)[0] != 'o' &&
			    crm->actor.role != CRM_ROLE_HEAD) {
				snprintf(why, sizeof(why), _("moving deal %lld "
				    "back to '%s' is the head's"),
				    (long long)e->eid, crmi_word("stage",
				    crmi_col_text(st, 2)));
				rc = refuse(crm, CRM_EPERM, tool, why);
			}
		} else
			rc = rc == CRMI_DONE ? crmi_err(crm, CRM_ESTATE,
			    "deal %lld: the stage it left is no more",
			    (long long)e->eid) : crmi_dberr(crm, rc);
		crmi_reset(st);
	} else if (strcmp(e->entity, "client") == 0) {
		if ((st = crmi_stmt(crm, SQL_CLIENT_REFS)) == NULL)
			return CRM_EDB;
		crmi_bind_int(st, 1, e->eid);
		if ((rc = crmi_step(st)) == CRMI_ROW) {
			snprintf(why, sizeof(why), _("client %lld is referred "
			    "to by %s %lld (%s)"), (long long)e->eid,
			    crmi_word("entity", crmi_col_text(st, 0)),
			    (long long)crmi_col_int(st, 1),
			    crmi_col_text(st, 2));
			rc = refuse(crm, CRM_ESTATE, tool, why);
		} else
			rc = rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
		crmi_reset(st);
	}
	return rc;
}

/*
 * Whether entry e of the command tool can be taken back: a change
 * crm-undo knows, untouched since; of a sale, with the rights and in the
 * window of the command itself; *owner the sale's manager, for the log
 * (0 for a task: the log asks whose it is after the undo).
 */
static int
check(struct crm *crm, const struct entry *e, int64_t last,
    const char *tool, int64_t *owner)
{
	const struct tool	*t;
	struct crmi_stmt	*st;
	char			 at[64];
	int			 rc;

	if ((t = tool_of(e->entity, e->action)) == NULL || !t->undoable)
		return crmi_err(crm, CRM_ESTATE, "your last command, %s, "
		    "cannot be undone (%s %lld: %s): crm-undo takes back "
		    "changes to tasks, deal-stage, deal-edit, doc-add, doc-pay "
		    "and client-add", tool, crmi_word("entity", e->entity),
		    (long long)e->eid, crmi_word("action", e->action));
	if ((st = crmi_stmt(crm, SQL_SINCE)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, e->entity);
	crmi_bind_int(st, 2, e->eid);
	crmi_bind_int(st, 3, last);
	if ((rc = crmi_step(st)) == CRMI_ROW)
		rc = crmi_err(crm, CRM_ESTATE, "%s %lld has changed since "
		    "your last command, %s: %s by %s at %s; nothing undone",
		    crmi_word("entity", e->entity), (long long)e->eid, tool,
		    crmi_word("action", crmi_col_text(st, 0)),
		    crmi_col_text(st, 1),
		    people_time(crmi_col_text(st, 2), at, sizeof(at)));
	else
		rc = rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
	crmi_reset(st);
	if (rc != CRM_OK)
		return rc;
	*owner = 0;
	if (!sale(e))
		return CRM_OK;
	if ((rc = sale_owner(crm, e, tool, owner)) == CRM_OK &&
	    (rc = sale_window(crm, e, tool, *owner)) == CRM_OK)
		rc = sale_more(crm, e, tool);
	return rc;
}

/*
 * Log the undo of e, as the work of owner (0: the task's, as the undo
 * left it): its changes turned, or detail when given.
 */
static int
log_undo(struct crm *crm, const struct entry *e, int64_t cmd,
    int64_t owner, const char *detail)
{
	char	*d = NULL;
	int	 rc;

	if (detail == NULL) {
		if (crmi_undo_turn(e->detail, cmd, &d) == -1)
			return crmi_err(crm, CRM_EDB, "%s %lld: the log's "
			    "detail is no change to undo", crmi_word("entity",
			    e->entity), (long long)e->eid);
		detail = d;
	}
	rc = crmi_audit(crm, e->entity, e->eid, owner != 0 ? owner :
	    crmi_task_owner(crm, e->eid), "undo", detail);
	free(d);
	return rc;
}

/* Run an UPDATE of ?1 the record and ?2 the text s. */
static int
update(struct crm *crm, const char *sql, int64_t id, const char *s)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, s);
	return crmi_step_done(crm, st);
}

static int
uncreate(struct crm *crm, const struct entry *e, int64_t cmd)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_UNCREATE)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, e->eid);
	crmi_bind_str(st, 2, crm->now);
	crmi_bind_int(st, 3, crm->actor.id);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, "state", "open", "cancelled");
	crmi_json_str(&d, "closed_at", crm->now);
	crmi_json_str(&d, "reason", "undo");
	crmi_json_int(&d, "undo", cmd);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    log_undo(crm, e, cmd, 0, d.s);
	crmi_buf_clear(&d);
	return rc;
}

/*
 * deal-stage taken back: the deal to the stage it left, closed and lost
 * as it was there; the deal's stage log and the log say so, with the
 * reason "undo", as the head's reopen of a closed deal is logged.
 */
static int
unstage(struct crm *crm, const struct entry *e, int64_t cmd, int64_t owner)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			*was = NULL, *now = NULL, *at = NULL;
	char			*lost = NULL;
	int64_t			 to = 0, from = 0;
	int			 rc, final = 'o';

	if ((st = crmi_stmt(crm, SQL_STAGE_BACK)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, e->eid);
	crmi_bind_str(st, 2, e->detail);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		to = crmi_col_int(st, 0);
		final = crmi_col_text(st, 1)[0];
		was = crmi_col_dup(st, 2);
		from = crmi_col_int(st, 3);
		now = crmi_col_dup(st, 4);
		at = crmi_col_dup(st, 5);
		lost = crmi_col_dup(st, 6);
	}
	crmi_reset(st);
	if (rc != CRMI_ROW)
		rc = rc == CRMI_DONE ? crmi_err(crm, CRM_ESTATE, "deal %lld: "
		    "the stage it left is no more", (long long)e->eid) :
		    crmi_dberr(crm, rc);
	else if ((rc = crmi_deal_move(crm, e->eid, from, to, final != 'o' ?
	    at : NULL, final == 'l' ? lost : NULL, "undo")) == CRM_OK) {
		crmi_json_open(&d);
		crmi_json_change(&d, "stage", now, was);
		crmi_json_str(&d, "reason", "undo");
		crmi_json_int(&d, "undo", cmd);
		crmi_json_close(&d);
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    log_undo(crm, e, cmd, owner, d.s);
	}
	crmi_buf_clear(&d);
	free(was);
	free(now);
	free(at);
	free(lost);
	return rc;
}

/*
 * A record's field gone by the undo: a document issued, a client made
 * (deleted; their ids are never given again, crmi_next_id), or a payment
 * (unrecorded).  The log keeps the command and says what went, key's
 * value before and none after.
 */
static int
unmake(struct crm *crm, const struct entry *e, int64_t cmd, int64_t owner)
{
	static const char *const sql[][3] = {
		{ "number", "SELECT number FROM doc WHERE id = ?1",
		    "DELETE FROM doc WHERE id = ?1" },
		{ "paid_date", "SELECT paid_date FROM doc WHERE id = ?1",
		    "UPDATE doc SET paid_date = NULL WHERE id = ?1" },
		{ "name", "SELECT name FROM client WHERE id = ?1",
		    "DELETE FROM client WHERE id = ?1" }
	};
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			 old[CRM_TITLE_MAX + 1] = "";
	int			 k, rc;

	k = strcmp(e->entity, "client") == 0 ? 2 :
	    strcmp(e->action, "pay") == 0;
	crmi_text_of(crm, sql[k][1], e->eid, old, sizeof(old));
	if ((st = crmi_stmt(crm, sql[k][2])) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, e->eid);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, sql[k][0], old, NULL);
	crmi_json_int(&d, "undo", cmd);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    log_undo(crm, e, cmd, owner, d.s);
	crmi_buf_clear(&d);
	return rc;
}

static int
undo_one(struct crm *crm, const struct entry *e, int64_t cmd, int64_t owner)
{
	const char	*a = e->action;
	int		 rc;

	if (strcmp(e->entity, "deal") == 0) {
		if (strcmp(a, "stage") == 0)
			return unstage(crm, e, cmd, owner);
		rc = update(crm, SQL_UNEDIT_DEAL, e->eid, e->detail);
		return rc == CRM_OK ? log_undo(crm, e, cmd, owner, NULL) : rc;
	}
	if (sale(e))
		return unmake(crm, e, cmd, owner);
	if (strcmp(a, "create") == 0)
		return uncreate(crm, e, cmd);
	if (strcmp(a, "done") == 0 || strcmp(a, "cancel") == 0)
		return crmi_task_reopen(crm, e->eid, "undo", cmd);
	if (strcmp(a, "move") == 0) {
		if ((rc = update(crm, SQL_UNMOVE, e->eid, e->detail)) ==
		    CRM_OK)
			rc = update(crm, SQL_UNMOVE_LOG, e->eid, crm->now);
	} else
		rc = update(crm, strcmp(a, "edit") == 0 ? SQL_UNEDIT :
		    strcmp(a, "accept") == 0 ? SQL_UNACCEPT :
		    strcmp(a, "return") == 0 ? SQL_UNRETURN : SQL_UNREOPEN,
		    e->eid, e->detail);
	return rc == CRM_OK ? log_undo(crm, e, cmd, owner, NULL) : rc;
}

/* The command of entries e (n, newest first): its first change's. */
static const char *
command(const struct entry *e, size_t n)
{
	return n == 0 ? "" : tool_name(e[n - 1].entity, e[n - 1].action);
}

static int
undo(struct crm *crm, int64_t *cmd)
{
	struct entry	*e = NULL;
	int64_t		*owner = NULL;
	size_t		 n, i;
	int		 rc;

	if ((rc = last_command(crm, cmd)) != CRM_OK ||
	    (rc = load_entries(crm, *cmd, &e, &n)) != CRM_OK) {
		free(e);
		return rc;
	}
	if (n > 0 && (owner = calloc(n, sizeof(*owner))) == NULL)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	for (i = 0; i < n && rc == CRM_OK; i++)
		rc = check(crm, &e[i], e[0].id, command(e, n), &owner[i]);
	for (i = 0; i < n && rc == CRM_OK; i++)
		rc = undo_one(crm, &e[i], *cmd, owner[i]);
	free(owner);
	entries_free(e, n);
	return rc;
}

int
crm_undo(struct crm *crm, int64_t *cmd)
{
	int64_t	 c = 0;
	int	 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = crmi_end(crm, undo(crm, &c));
	if (cmd != NULL)
		*cmd = c;
	return rc;
}

/* The title of a record, by entity: a task's, a deal's, a document's
 * number, a client's name. */
static const char *
title_sql(const char *entity)
{
	static const char *const sql[][2] = {
		{ "task", "SELECT title FROM task WHERE id = ?1" },
		{ "deal", "SELECT title FROM deal WHERE id = ?1" },
		{ "doc", "SELECT number FROM doc WHERE id = ?1" },
		{ "client", "SELECT name FROM client WHERE id = ?1" }
	};
	size_t	 i;

	for (i = 0; i < sizeof(sql) / sizeof(sql[0]); i++)
		if (strcmp(sql[i][0], entity) == 0)
			return sql[i][1];
	return NULL;
}

int
crm_undo_list(struct crm *crm, int64_t *cmd,
    int (*fn)(const struct crm_undo_item *, void *), void *arg)
{
	struct crm_undo_item	 it;
	struct crmi_stmt	*st;
	struct entry		*e = NULL;
	size_t			 n, i;
	int			 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = last_command(crm, cmd)) != CRM_OK ||
	    (rc = load_entries(crm, *cmd, &e, &n)) != CRM_OK) {
		free(e);
		return rc;
	}
	for (i = 0; i < n && rc == CRM_OK; i++) {
		it.action = e[i].action;
		it.entity = e[i].entity;
		it.id = e[i].eid;
		it.title = NULL;
		it.tool = command(e, n);
		if (title_sql(e[i].entity) != NULL &&
		    (st = crmi_stmt(crm, title_sql(e[i].entity))) != NULL) {
			crmi_bind_int(st, 1, e[i].eid);
			if (crmi_step(st) == CRMI_ROW)
				it.title = crmi_col_text(st, 0);
			rc = fn(&it, arg);
			crmi_reset(st);
		} else
			rc = fn(&it, arg);
	}
	entries_free(e, n);
	return rc;
}

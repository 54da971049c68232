/*
 * taskmod.c: what happens to a task after it is planned: done, moved,
 * cancelled.  A call that names several tasks changes all or none, and
 * every change leaves an audit entry owned by the assignee, so that a
 * head's record made on a manager's behalf shows as the head's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "task_int.h"

static const char SQL_ROW[] =
    "SELECT t.assignee_id, t.client_id, t.deal_id, t.kind, t.state,"
    " t.due_date, t.due_time, t.created_at, p.login, t.author_id"
    " FROM task t"
    " JOIN person p ON p.id = t.assignee_id WHERE t.id = ?1";

/* What closing a task set, which reopening it clears. */
static const char SQL_CLOSED[] =
    "SELECT closed_at, (SELECT login FROM person WHERE id = t.closed_by),"
    " recorded_at, result, cancel_reason FROM task t WHERE t.id = ?1";
static const char *const closed_cols[] = {
	"closed_at", "closed_by", "recorded_at", "result", "cancel_reason"
};
#define NCLOSED	5

const char *const crmi_sql_taskmod[] = { SQL_ROW, NULL };

/* Put pre before the message already in the handle. */
int
crmi_task_prefix(struct crm *crm, int rc, const char *pre)
{
	char	 msg[CRMI_ERRSZ + 64];

	snprintf(msg, sizeof(msg), "%s: %s", pre, crm->err);
	strlcpy(crm->err, msg, sizeof(crm->err));
	return rc;
}

int
crmi_task_found(struct crm *crm, struct crmi_stmt *st, int64_t id)
{
	int	 rc;

	if ((rc = crmi_step_row(crm, st)) == CRM_ENOENT)
		return crmi_err(crm, CRM_ENOENT, "no such task '%lld'",
		    (long long)id);
	return rc;
}

/* Load task id and check that the actor may change it, in any state. */
int
crmi_task_load(struct crm *crm, int64_t id, struct crmi_task_row *r)
{
	struct crmi_stmt	*st;
	char			 pre[32];
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_ROW)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_task_found(crm, st, id)) != CRM_OK)
		return rc;
	r->id = id;
	r->assignee = crmi_col_int(st, 0);
	r->client = crmi_col_int(st, 1);
	r->deal = crmi_col_int(st, 2);
	crmi_col_copy(st, 3, r->kind, sizeof(r->kind));
	crmi_col_copy(st, 4, r->state, sizeof(r->state));
	crmi_col_copy(st, 5, r->due, sizeof(r->due));
	crmi_col_copy(st, 6, r->time, sizeof(r->time));
	crmi_col_copy(st, 7, r->created, sizeof(r->created));
	crmi_col_copy(st, 8, r->login, sizeof(r->login));
	r->author = crmi_col_int(st, 9);
	crmi_reset(st);
	if ((rc = crm_may_act(crm, r->assignee)) != CRM_OK) {
		snprintf(pre, sizeof(pre), _("task %lld"), (long long)id);
		return crmi_task_prefix(crm, rc, pre);
	}
	return CRM_OK;
}

/*
 * Load task id and check that the actor may change it and it is open;
 * one already in state target (the action's result) may be skipped
 * (crmi_already).
 */
static int
load(struct crm *crm, int64_t id, struct crmi_task_row *r, const char *target)
{
	int	 rc;

	if ((rc = crmi_task_load(crm, id, r)) != CRM_OK)
		return rc;
	if (strcmp(r->state, "open") == 0)
		return CRM_OK;
	if (target != NULL && strcmp(r->state, target) == 0)
		return crmi_already(crm, CRM_ESTATE, "task %lld is already %s",
		    (long long)id, crmi_word("state", r->state));
	return crmi_err(crm, CRM_ESTATE, "task %lld is already %s",
	    (long long)id, crmi_word("state", r->state));
}

/*
 * A task someone else (the head) gave its assignee is cancelled, renamed
 * or given another kind by them, not by the assignee, who asks them; in
 * a batch it is skipped (crmi_already).
 */
int
crmi_task_not_given(struct crm *crm, const struct crmi_task_row *r)
{
	char	 who[64] = "";

	if (r->author == r->assignee || crm->actor.id != r->assignee)
		return CRM_OK;
	crmi_text_of(crm, "SELECT login FROM person WHERE id = ?1", r->author,
	    who, sizeof(who));
	return crmi_already(crm, CRM_EPERM, "task %lld was given to you by "
	    "%s: ask them to cancel it, rename it or change its kind",
	    (long long)r->id, who);
}

static int
cmp_id(const void *a, const void *b)
{
	int64_t	 x = *(const int64_t *)a, y = *(const int64_t *)b;

	return x < y ? -1 : x > y;
}

/* A sorted copy of ids, refusing none and repeats. */
static int
sorted(struct crm *crm, const int64_t *ids, size_t n, int64_t **out)
{
	size_t	 i;

	if (n == 0)
		return crmi_err(crm, CRM_EINVAL, "no task given");
	if ((*out = reallocarray(NULL, n, sizeof(**out))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	memcpy(*out, ids, n * sizeof(**out));
	qsort(*out, n, sizeof(**out), cmp_id);
	for (i = 1; i < n; i++)
		if ((*out)[i] == (*out)[i - 1]) {
			crmi_err(crm, CRM_EINVAL, "task %lld is given twice",
			    (long long)(*out)[i]);
			free(*out);
			return CRM_EINVAL;
		}
	return CRM_OK;
}

typedef int taskfn(struct crm *, int64_t, const void *);

/* fn on each of ids, in order of id, in one transaction: all or none. */
int
crmi_task_each(struct crm *crm, const int64_t *ids, size_t n, taskfn *fn,
    const void *arg)
{
	int64_t	*s;
	size_t	 i;
	int	 rc;

	if ((rc = sorted(crm, ids, n, &s)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) == CRM_OK) {
		for (i = 0; i < n && rc == CRM_OK; i++)
			if ((rc = fn(crm, s[i], arg)) == CRMI_SKIP)
				rc = CRM_OK;
		rc = crmi_end(crm, rc);
	}
	free(s);
	return rc;
}

/*
 * When the work was done: now, or "[date ]HH:MM" recorded by a head for
 * a member of their team, between the task's creation and now.
 */
static int
done_at(struct crm *crm, const char *at, const struct crmi_task_row *r,
    char out[20])
{
	char		 buf[64], *sp, dbuf[11], hm[6];
	const char	*tm = buf;
	int		 day = crm_today(crm), min;

	if (at == NULL) {
		memcpy(out, crm->now, 20);
		return CRM_OK;
	}
	if (r->assignee == crm->actor.id)
		return crmi_err(crm, CRM_EPERM, "task %lld: you may not "
		    "backdate your own work", (long long)r->id);
	strlcpy(buf, at, sizeof(buf));
	if ((sp = strrchr(buf, ' ')) != NULL) {
		*sp = '\0';
		tm = sp + 1;
		if (crm_date_parse(buf, crm_today(crm), &day) != CRM_OK)
			return crmi_err(crm, CRM_EINVAL, "invalid done time "
			    "'%s'", at);
	}
	if (crm_time_parse(tm, &min) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "invalid done time '%s'", at);
	crm_date_fmt(day, dbuf);
	crmi_task_time(min, hm);
	snprintf(out, 20, "%.10s %.5s:00", dbuf, hm);
	if (strcmp(out, crm->now) > 0)
		return crmi_err(crm, CRM_EINVAL, "done time '%s' is in the "
		    "future", at);
	if (strcmp(out, r->created) < 0)
		return crmi_err(crm, CRM_EINVAL, "done time '%s' is before "
		    "task %lld was made (%s)", at, (long long)r->id,
		    r->created);
	return CRM_OK;
}

static int
close_task(struct crm *crm, const struct crmi_task_row *r, const char *state,
    const char *when, const char *text)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc, done = strcmp(state, "done") == 0;

	st = crmi_stmt(crm, done ? "UPDATE task SET state = 'done',"
	    " closed_at = ?2, closed_by = ?3, recorded_at = ?4, result = ?5"
	    " WHERE id = ?1" : "UPDATE task SET state = 'cancelled',"
	    " closed_at = ?2, closed_by = ?3, recorded_at = ?4,"
	    " cancel_reason = ?5 WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, r->id);
	crmi_bind_str(st, 2, when);
	crmi_bind_int(st, 3, crm->actor.id);
	crmi_bind_str(st, 4, crm->now);
	crmi_bind_text(st, 5, text);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, "state", "open", state);
	crmi_json_str(&d, "closed_at", when);
	if (strcmp(when, crm->now) != 0)
		crmi_json_str(&d, "recorded_at", crm->now);
	if (text != NULL && *text != '\0')
		crmi_json_str(&d, done ? "result" : "reason", text);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "task", r->id, r->assignee, done ? "done" :
	    "cancel", d.s);
	crmi_buf_clear(&d);
	return rc;
}

/* The follow-up of task r, in the same transaction. */
static int
follow_up(struct crm *crm, const struct crmi_task_row *r,
    const struct crm_task_new *next, int64_t *id)
{
	struct crm_task_new	 t = *next;
	char			 cid[24];
	int64_t			 client;
	int			 rc;

	if (t.kind == NULL || *t.kind == '\0')
		t.kind = r->kind;
	t.note = NULL;
	/* the client the follow-up's words named, else the task's */
	if (r->client != 0 && t.client == NULL) {
		snprintf(cid, sizeof(cid), "%lld", (long long)r->client);
		t.client = cid;
	}
	t.deal = r->deal;
	if ((rc = crmi_task_check(crm, &t, &client)) != CRM_OK ||
	    (rc = crmi_task_insert(crm, &t, r->assignee, r->login,
	    crm->actor.id, client, 0, id)) != CRM_OK)
		return crmi_task_prefix(crm, rc, _("follow-up"));
	/* An open task made: the fields its kind needs, as task-add's. */
	if ((rc = crmi_task_entry_new(crm, &t, r->assignee, client,
	    CRMI_HINT_OPT, *id)) != CRM_OK)
		return crmi_task_prefix(crm, rc, _("follow-up"));
	return CRM_OK;
}

static int
done_all(struct crm *crm, const int64_t *ids, size_t n, const char *result,
    const char *at, const struct crm_task_new *next, int64_t *next_id)
{
	struct crmi_task_row	 r;
	char		 when[20];
	size_t		 i;
	int		 rc = CRM_OK;

	for (i = 0; i < n; i++) {
		if ((rc = load(crm, ids[i], &r, "done")) == CRMI_SKIP)
			continue;
		if (rc != CRM_OK ||
		    (rc = done_at(crm, at, &r, when)) != CRM_OK ||
		    (rc = close_task(crm, &r, "done", when, result)) != CRM_OK)
			return rc;
	}
	/* A follow-up of a task done before was made then. */
	if (rc == CRMI_SKIP)
		return CRM_OK;
	if (next != NULL)
		return follow_up(crm, &r, next, next_id);
	return CRM_OK;
}

int
crm_task_done(struct crm *crm, const int64_t *ids, size_t n,
    const char *result, const char *at, const struct crm_task_new *next,
    int64_t *next_id)
{
	int64_t	*s;
	int	 rc;

	if ((rc = crmi_check_text(crm, "result", result, CRM_NOTE_MAX, 0, 0)) !=
	    CRM_OK)
		return rc;
	if (next != NULL && n != 1)
		return crmi_err(crm, CRM_EINVAL, "a follow-up needs exactly "
		    "one task, not %zu", n);
	if ((rc = sorted(crm, ids, n, &s)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, done_all(crm, s, n, result, at, next,
		    next_id));
	free(s);
	return rc;
}

static int
cancel_one(struct crm *crm, int64_t id, const void *reason)
{
	struct crmi_task_row	 r;
	int		 rc;

	if ((rc = load(crm, id, &r, "cancelled")) != CRM_OK ||
	    (rc = crmi_task_not_given(crm, &r)) != CRM_OK)
		return rc;
	return close_task(crm, &r, "cancelled", crm->now, reason);
}

int
crm_task_cancel(struct crm *crm, const int64_t *ids, size_t n,
    const char *reason)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "reason", reason, CRM_NOTE_MAX, 1, 0)) !=
	    CRM_OK)
		return rc;
	return crmi_task_each(crm, ids, n, cancel_one, reason);
}

static int
log_move(struct crm *crm, const struct crmi_task_row *r, const char *due,
    const char *tm, const char *reason)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	st = crmi_stmt(crm, "INSERT INTO task_move (task_id, from_date,"
	    " from_time, to_date, to_time, at, by_id, reason)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, r->id);
	crmi_bind_str(st, 2, r->due);
	crmi_bind_text(st, 3, r->time);
	crmi_bind_str(st, 4, due);
	crmi_bind_text(st, 5, tm);
	crmi_bind_str(st, 6, crm->now);
	crmi_bind_int(st, 7, crm->actor.id);
	crmi_bind_text(st, 8, reason);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, "due", r->due, due);
	crmi_json_change(&d, "time", *r->time ? r->time : NULL,
	    *tm ? tm : NULL);
	if (reason != NULL && *reason != '\0')
		crmi_json_str(&d, "reason", reason);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "task", r->id, r->assignee, "move", d.s);
	crmi_buf_clear(&d);
	return rc;
}

static int
move(struct crm *crm, int64_t id, int day, int time, const char *reason)
{
	struct crmi_stmt	*st;
	struct crmi_task_row		 r;
	char			 due[11], tm[6];
	int			 rc;

	if ((rc = load(crm, id, &r, NULL)) != CRM_OK)
		return rc;
	crmi_task_due(day, time, r.time, due, tm);
	if (strcmp(due, r.due) == 0 && strcmp(tm, r.time) == 0)
		return crmi_already(crm, CRM_EINVAL, "task %lld is already "
		    "due then", (long long)id);
	st = crmi_stmt(crm, "UPDATE task SET due_date = ?2, due_time = ?3,"
	    " moves = moves + 1 WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, due);
	crmi_bind_text(st, 3, tm);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	return log_move(crm, &r, due, tm, reason);
}

int
crm_task_move(struct crm *crm, int64_t id, int day, int time,
    const char *reason)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "reason", reason, CRM_NOTE_MAX, 0, 0)) !=
	    CRM_OK)
		return rc;
	if (day < crm_today(crm))
		return crmi_err(crm, CRM_EINVAL, "cannot move a task into the "
		    "past");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, move(crm, id, day, time, reason));
}

/*
 * Reopen one closed task: what closed it goes, and the log keeps it, so
 * that the KPI counts the task as the record shows it now, open.
 */
int
crmi_task_reopen(struct crm *crm, int64_t id, const char *reason,
    int64_t undo)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	struct crmi_task_row		 r;
	char			*old[NCLOSED];
	int			 rc, i;

	if ((rc = crmi_task_load(crm, id, &r)) != CRM_OK)
		return rc;
	if (strcmp(r.state, "open") == 0)
		return crmi_already(crm, CRM_ESTATE, "task %lld is open",
		    (long long)id);
	if ((st = crmi_stmt(crm, SQL_CLOSED)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	for (i = 0; i < NCLOSED; i++)
		old[i] = crmi_col_dup(st, i);
	crmi_reset(st);
	crmi_json_open(&d);
	crmi_json_change(&d, "state", r.state, "open");
	for (i = 0; i < NCLOSED; i++)
		if (old[i] != NULL)
			crmi_json_change(&d, closed_cols[i], old[i], NULL);
	crmi_json_str(&d, "reason", reason);
	if (undo != 0)
		crmi_json_int(&d, "undo", undo);
	crmi_json_close(&d);
	for (i = 0; i < NCLOSED; i++)
		free(old[i]);
	if (d.oom)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if ((st = crmi_stmt(crm, "UPDATE task SET state = 'open',"
	    " closed_at = NULL, closed_by = NULL, recorded_at = NULL,"
	    " result = NULL, cancel_reason = NULL WHERE id = ?1")) == NULL)
		rc = CRM_EDB;
	else {
		crmi_bind_int(st, 1, id);
		if ((rc = crmi_step_done(crm, st)) == CRM_OK)
			rc = crmi_audit(crm, "task", id, r.assignee,
			    undo != 0 ? "undo" : "reopen", d.s);
	}
	crmi_buf_clear(&d);
	return rc;
}

static int
reopen_one(struct crm *crm, int64_t id, const void *reason)
{
	return crmi_task_reopen(crm, id, reason, 0);
}

int
crm_task_reopen(struct crm *crm, const int64_t *ids, size_t n,
    const char *reason)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "reason", reason, CRM_NOTE_MAX, 1, 0)) !=
	    CRM_OK)
		return rc;
	return crmi_task_each(crm, ids, n, reopen_one, reason);
}

/*
 * review.c: the head's acceptance of the work done, the model of
 * Bitrix24's task control.  A done task of a manager waits for their
 * head's acceptance: the tasks the head gave, or every task of the team
 * when the team's review.all says so.  The head accepts it, with a word
 * or none, or returns it with a comment and a new due date: open again,
 * at the top of the manager's morning view, its returns counted against
 * the manager by the KPI.  Both go to the audit log as any change.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

struct rv {
	int64_t		 id;
	int64_t		 assignee;
	char		 state[16];
	char		 due[11];
	char		 time[6];
	char		*review;	/* NULL: none */
	char		*note;		/* the head's words */
	char		*closed_at;
	char		*closed_by;	/* login */
	char		*recorded_at;
	char		*result;
	int64_t		 returns;
};

static const char SQL_RV[] =
    "SELECT t.assignee_id, t.state, t.due_date, t.due_time, t.review,"
    " t.review_note, t.closed_at, (SELECT login FROM person"
    "  WHERE id = t.closed_by), t.recorded_at, t.result, t.returns"
    " FROM task t WHERE t.id = ?1";

static void
rv_clear(struct rv *r)
{
	free(r->review);
	free(r->note);
	free(r->closed_at);
	free(r->closed_by);
	free(r->recorded_at);
	free(r->result);
}

/*
 * Load task id for a review by the actor: the head of its assignee (one
 * who may change the assignee's work and is not the assignee), and done.
 */
static int
rv_load(struct crm *crm, int64_t id, struct rv *r)
{
	struct crmi_stmt	*st;
	int			 rc;

	memset(r, 0, sizeof(*r));
	if ((st = crmi_stmt(crm, SQL_RV)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_task_found(crm, st, id)) != CRM_OK)
		return rc;
	r->id = id;
	r->assignee = crmi_col_int(st, 0);
	crmi_col_copy(st, 1, r->state, sizeof(r->state));
	crmi_col_copy(st, 2, r->due, sizeof(r->due));
	crmi_col_copy(st, 3, r->time, sizeof(r->time));
	r->review = crmi_col_dup(st, 4);
	r->note = crmi_col_dup(st, 5);
	r->closed_at = crmi_col_dup(st, 6);
	r->closed_by = crmi_col_dup(st, 7);
	r->recorded_at = crmi_col_dup(st, 8);
	r->result = crmi_col_dup(st, 9);
	r->returns = crmi_col_int(st, 10);
	crmi_reset(st);
	if ((rc = crm_may_act(crm, r->assignee)) != CRM_OK)
		return rc;
	if (r->assignee == crm->actor.id)
		return crmi_err(crm, CRM_EPERM, "task %lld: only your head "
		    "accepts or returns your work", (long long)id);
	if (strcmp(r->state, "done") != 0)
		return crmi_err(crm, CRM_ESTATE, "task %lld is not done: it "
		    "is %s", (long long)id, crmi_word("state", r->state));
	return CRM_OK;
}

/* The review of task r set to what, with the head's words, logged. */
static int
rv_set(struct crm *crm, const struct rv *r, const char *what,
    const char *words, struct crmi_buf *d)
{
	struct crmi_stmt	*st;

	crmi_json_change(d, "review", r->review, what);
	crmi_json_change(d, "review_note", r->note, words);
	crmi_json_close(d);
	if (d->oom)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	if ((st = crmi_stmt(crm, "UPDATE task SET review = ?2,"
	    " review_note = ?3, reviewed_by = ?4, reviewed_at = ?5"
	    " WHERE id = ?1")) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, r->id);
	crmi_bind_str(st, 2, what);
	crmi_bind_text(st, 3, words);
	crmi_bind_int(st, 4, crm->actor.id);
	crmi_bind_str(st, 5, crm->now);
	return crmi_step_done(crm, st);
}

static int
accept_one(struct crm *crm, int64_t id, const char *word)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	struct rv	 r;
	int		 rc;

	if ((rc = rv_load(crm, id, &r)) == CRM_OK && r.review != NULL &&
	    strcmp(r.review, "accepted") == 0)
		rc = crmi_already(crm, CRM_ESTATE, "task %lld is already "
		    "accepted", (long long)id);
	if (rc == CRM_OK) {
		crmi_json_open(&d);
		if ((rc = rv_set(crm, &r, "accepted", word, &d)) == CRM_OK)
			rc = crmi_audit(crm, "task", id, r.assignee, "accept",
			    d.s);
	}
	crmi_buf_clear(&d);
	rv_clear(&r);
	return rc;
}

int
crm_task_accept(struct crm *crm, int64_t id, const char *word)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "word", word, CRM_NOTE_MAX, 0, 0)) !=
	    CRM_OK || (rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, accept_one(crm, id, word != NULL &&
	    *word != '\0' ? word : NULL));
}

/* What closing the task set, cleared by the return, into the log. */
static void
rv_reopened(struct crmi_buf *d, const struct rv *r, const char *due,
    const char *tm)
{
	crmi_json_change(d, "state", r->state, "open");
	if (strcmp(r->due, due) != 0)
		crmi_json_change(d, "due", r->due, due);
	if (strcmp(r->time, tm) != 0)
		crmi_json_change(d, "time", *r->time ? r->time : NULL,
		    *tm ? tm : NULL);
	crmi_json_change(d, "closed_at", r->closed_at, NULL);
	crmi_json_change(d, "closed_by", r->closed_by, NULL);
	crmi_json_change(d, "recorded_at", r->recorded_at, NULL);
	crmi_json_change(d, "result", r->result, NULL);
	crmi_json_int(d, "returns", r->returns + 1);
}

static int
return_one(struct crm *crm, int64_t id, int day, int time,
    const char *comment)
{
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	struct crmi_stmt	*st;
	struct rv		 r;
	char			 due[11], tm[6];
	int			 rc;

	if ((rc = rv_load(crm, id, &r)) != CRM_OK) {
		rv_clear(&r);
		return rc;
	}
	crmi_task_due(day, time, r.time, due, tm);
	crmi_json_open(&d);
	rv_reopened(&d, &r, due, tm);
	if ((rc = rv_set(crm, &r, "returned", comment, &d)) != CRM_OK)
		goto out;
	st = crmi_stmt(crm, "UPDATE task SET state = 'open', closed_at = NULL,"
	    " closed_by = NULL, recorded_at = NULL, result = NULL,"
	    " due_date = ?2, due_time = ?3, returns = returns + 1"
	    " WHERE id = ?1");
	if (st == NULL) {
		rc = CRM_EDB;
		goto out;
	}
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, due);
	crmi_bind_text(st, 3, *tm ? tm : NULL);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK)
		rc = crmi_audit(crm, "task", id, r.assignee, "return", d.s);
out:
	crmi_buf_clear(&d);
	rv_clear(&r);
	return rc;
}

int
crm_task_return(struct crm *crm, int64_t id, int day, int time,
    const char *comment)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "comment", comment, CRM_NOTE_MAX, 1,
	    0)) != CRM_OK)
		return rc;
	if (day < crm_today(crm))
		return crmi_err(crm, CRM_EINVAL, "cannot return a task due in "
		    "the past");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, return_one(crm, id, day, time, comment));
}

int
crmi_review_waits(struct crm *crm, int64_t person)
{
	struct crmi_stmt	*st;
	int64_t			 all = 0;
	int			 mgr;

	st = crmi_stmt(crm, "SELECT role = 'manager' AND head_id IS NOT NULL"
	    " FROM person WHERE id = ?1");
	if (st == NULL)
		return 0;
	crmi_bind_int(st, 1, person);
	mgr = crmi_step(st) == CRMI_ROW && crmi_col_int(st, 0) != 0;
	crmi_reset(st);
	if (!mgr || crm_rule_person_int(crm, "review.all", person, 0, &all) !=
	    CRM_OK)
		return 0;
	return all ? 2 : 1;
}

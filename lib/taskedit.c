/*
 * taskedit.c: the correction of tasks (crm_task_edit): title, kind,
 * note, client, deal, time and assignee, all or nothing, each change
 * logged with its fields before and after.  The tasks are loaded and
 * walked as taskmod.c does for the other changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "task_int.h"

/* The values of a task that crm_task_edit changes, as text. */
struct vals {
	char	*v[7];	/* title kind note client deal time assignee */
};

static const char *const edit_keys[] = {
	"title", "kind", "note", "client", "deal", "time", "assignee"
};

static const char SQL_VALS[] =
    "SELECT t.title, t.kind, t.note, t.client_id, t.deal_id, t.due_time,"
    " p.login FROM task t JOIN person p ON p.id = t.assignee_id"
    " WHERE t.id = ?1";

static void
vals_free(struct vals *v)
{
	int	 i;

	for (i = 0; i < 7; i++)
		free(v->v[i]);
}

static int
vals_load(struct crm *crm, int64_t id, struct vals *v)
{
	struct crmi_stmt	*st;
	int			 i, rc;

	memset(v, 0, sizeof(*v));
	if ((st = crmi_stmt(crm, SQL_VALS)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	for (i = 0; i < 7; i++)
		v->v[i] = crmi_col_dup(st, i);
	crmi_reset(st);
	return CRM_OK;
}

/* Set field i of v to s (NULL: none); 1 when it differs. */
static int
vals_set(struct vals *v, int i, const char *s)
{
	const char	*o = v->v[i];

	if (s != NULL && *s == '\0')
		s = NULL;
	if ((o == NULL && s == NULL) || (o != NULL && s != NULL &&
	    strcmp(o, s) == 0))
		return 0;
	free(v->v[i]);
	v->v[i] = s != NULL ? strdup(s) : NULL;
	return 1;
}

/*
 * What the edit asks, resolved once for all the tasks: the client, the
 * deal's client, the new assignee.
 */
struct want {
	const struct crm_task_edit *e;
	char		 client[24];	/* "": none */
	char		 deal[24];	/* "": none */
	int64_t		 dclient;	/* the deal's client */
	char		 time[6];
	int64_t		 to;		/* the new assignee */
};

static int
want_init(struct crm *crm, const struct crm_task_edit *e, struct want *w)
{
	int64_t	 cid = 0;
	int	 rc;

	memset(w, 0, sizeof(*w));
	w->e = e;
	if ((e->title != NULL && (rc = crmi_check_text(crm, "title",
	    e->title, CRM_TITLE_MAX, 1, 0)) != CRM_OK) ||
	    (rc = crmi_check_text(crm, "note", e->note, CRM_NOTE_MAX, 0, 0)) !=
	    CRM_OK)
		return rc;
	if (e->kind != NULL && (rc = crmi_task_kind(crm, e->kind)) != CRM_OK)
		return rc;
	if (e->client != NULL && *e->client != '\0') {
		if ((rc = crm_client_find(crm, e->client, &cid)) != CRM_OK)
			return rc;
		snprintf(w->client, sizeof(w->client), "%lld",
		    (long long)cid);
	}
	if (e->deal > 0) {
		if ((rc = crmi_task_deal_client(crm, e->deal, &w->dclient)) !=
		    CRM_OK)
			return rc;
		if (cid != 0 && cid != w->dclient)
			return crmi_err(crm, CRM_EINVAL, "deal %lld is not "
			    "with client '%s'", (long long)e->deal, e->client);
		snprintf(w->deal, sizeof(w->deal), "%lld", (long long)e->deal);
		snprintf(w->client, sizeof(w->client), "%lld",
		    (long long)w->dclient);
	}
	crmi_task_time(e->time, w->time);
	if (e->assignee != NULL && (w->to = crmi_person_id(crm,
	    e->assignee)) == 0)
		return CRM_ENOENT;
	return CRM_OK;
}

/* The deal a task keeps must stay with its client. */
static int
deal_fits(struct crm *crm, int64_t id, const struct vals *v)
{
	const char	*e;
	int64_t		 deal, dc = 0;
	int		 rc;

	if (v->v[4] == NULL)
		return CRM_OK;
	deal = strtonum(v->v[4], 1, INT64_MAX, &e);
	if ((rc = crmi_task_deal_client(crm, deal, &dc)) != CRM_OK)
		return rc;
	if (v->v[3] != NULL && dc == strtonum(v->v[3], 1, INT64_MAX, &e))
		return CRM_OK;
	return crmi_err(crm, CRM_EINVAL, "task %lld: deal %lld is not with "
	    "that client; give another deal, or -l - for none",
	    (long long)id, (long long)deal);
}

/* Who may give the task to someone else: the head, within the team. */
static int
may_reassign(struct crm *crm, const struct crmi_task_row *r,
    const struct want *w)
{
	char	 pre[32];
	int	 rc;

	if (w->to == 0 || w->to == r->assignee)
		return CRM_OK;
	if (strcmp(r->state, "open") != 0)
		return crmi_err(crm, CRM_ESTATE, "task %lld is %s: only open "
		    "work is given to another", (long long)r->id, r->state);
	if (crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EPERM, "task %lld: giving a task to "
		    "another is the head's", (long long)r->id);
	if ((rc = crm_may_act(crm, w->to)) != CRM_OK) {
		snprintf(pre, sizeof(pre), _("task %lld"), (long long)r->id);
		return crmi_task_prefix(crm, rc, pre);
	}
	return CRM_OK;
}

/* The fields v holds, bits as crmi_kind_fields(). */
static int
vals_have(const struct vals *v)
{
	return (v->v[3] != NULL) | (v->v[4] != NULL) << 1 |
	    (v->v[5] != NULL) << 2 | (v->v[2] != NULL) << 3;
}

/*
 * The entry check of an open task edited: its new kind, or its new
 * team, needs a field it lacks, or the edit took a needed one away.  A
 * gap it had before (had: the fields it held) is no new gap.
 */
static int
entry_kept(struct crm *crm, const struct crmi_task_row *r, const struct want *w,
    const struct vals *v, int had)
{
	struct crmi_entry	 e;
	int			 need, rc;

	if (strcmp(r->state, "open") != 0)
		return CRM_OK;
	if ((rc = crmi_kind_need(crm, r->assignee, r->kind, &need)) != CRM_OK)
		return rc;
	memset(&e, 0, sizeof(e));
	e.who = w->to != 0 ? w->to : r->assignee;
	e.kind = v->v[1];
	e.have = vals_have(v);
	e.gap = need & ~had;
	e.hint = CRMI_HINT_OPT;
	e.id = r->id;
	return crmi_task_entry(crm, &e);
}

/* The new values of task r; *n gets how many changed, *relabel how
 * many of the title and the kind, *had the fields it held. */
static int
apply(struct crm *crm, const struct crmi_task_row *r, const struct want *w,
    struct vals *v, struct crmi_buf *d, int *n, int *relabel, int *had)
{
	const struct crm_task_edit	*e = w->e;
	struct vals			 old;
	int				 i, rc, kept;

	if ((rc = vals_load(crm, r->id, &old)) != CRM_OK)
		return rc;
	if ((rc = vals_load(crm, r->id, v)) != CRM_OK) {
		vals_free(&old);
		return rc;
	}
	*n = 0;
	*had = vals_have(&old);
	kept = e->deal == -1 && (e->client == NULL ||
	    strcmp(w->client, old.v[3] != NULL ? old.v[3] : "") == 0);
	*n += e->title != NULL && vals_set(v, 0, e->title);
	*n += e->kind != NULL && vals_set(v, 1, e->kind);
	*relabel = *n;
	*n += e->note != NULL && vals_set(v, 2, e->note);
	*n += (e->client != NULL || e->deal > 0) && vals_set(v, 3, w->client);
	*n += e->deal != -1 && vals_set(v, 4, w->deal);
	*n += e->time != -1 && vals_set(v, 5, w->time);
	*n += e->assignee != NULL && vals_set(v, 6, e->assignee);
	rc = kept ? CRM_OK : deal_fits(crm, r->id, v);
	crmi_json_open(d);
	for (i = 0; i < 7; i++)
		if ((old.v[i] == NULL) != (v->v[i] == NULL) ||
		    (old.v[i] != NULL && strcmp(old.v[i], v->v[i]) != 0))
			crmi_json_change(d, edit_keys[i], old.v[i], v->v[i]);
	crmi_json_close(d);
	vals_free(&old);
	return rc;
}

/* The kind first changed from is kept: the KPI asks for its fields. */
static const char SQL_EDIT[] =
    "UPDATE task SET first_kind = CASE WHEN kind = ?3 THEN first_kind"
    " ELSE coalesce(first_kind, kind) END,"
    " title = ?2, kind = ?3, note = ?4, client_id = ?5,"
    " deal_id = ?6, due_time = ?7,"
    " assignee_id = (SELECT id FROM person WHERE login = ?8) WHERE id = ?1";

static int
edit_one(struct crm *crm, int64_t id, const struct want *w)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	struct crmi_task_row		 r;
	struct vals		 v;
	int			 i, n = 0, rc, had = 0, relabel = 0;

	if ((rc = crmi_task_load(crm, id, &r)) != CRM_OK ||
	    (rc = may_reassign(crm, &r, w)) != CRM_OK)
		return rc;
	if ((rc = apply(crm, &r, w, &v, &d, &n, &relabel, &had)) == CRM_OK &&
	    relabel > 0)
		rc = crmi_task_not_given(crm, &r);
	if (rc == CRM_OK && n > 0)
		rc = entry_kept(crm, &r, w, &v, had);
	if (rc == CRM_OK && n > 0) {
		if ((st = crmi_stmt(crm, SQL_EDIT)) == NULL)
			rc = CRM_EDB;
		else {
			crmi_bind_int(st, 1, id);
			for (i = 0; i < 7; i++)
				crmi_bind_text(st, i + 2, v.v[i]);
			rc = crmi_step_done(crm, st);
		}
		if (rc == CRM_OK && d.oom)
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
		else if (rc == CRM_OK)
			rc = crmi_audit(crm, "task", id, r.assignee, "edit",
			    d.s);
	}
	vals_free(&v);
	crmi_buf_clear(&d);
	return rc;
}

static int
edit_each(struct crm *crm, int64_t id, const void *w)
{
	return edit_one(crm, id, w);
}

int
crm_task_edit(struct crm *crm, const int64_t *ids, size_t n,
    const struct crm_task_edit *e)
{
	struct want	 w;
	int		 rc;

	if ((rc = want_init(crm, e, &w)) != CRM_OK)
		return rc;
	return crmi_task_each(crm, ids, n, edit_each, &w);
}

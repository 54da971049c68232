/*
 * deal.c: deals and the stages of the sales funnel.
 *
 * The stages are part of the regulations (table stage): an admin renames
 * or adds them.  A deal moves from stage to stage until it is won or lost,
 * which are final; every move is a row of deal_stage_log with its time
 * and who made it, so that the funnel can be told again later.
 */
#include <stdlib.h>
#include <string.h>

#include "records_int.h"
#include "sales_int.h"

#define STAGE_MAX	50

static const char SQL_EACH[] = CRMI_DEAL_SELECT
    "WHERE (CAST(?1 AS TEXT) IS NULL OR m.login = ?1)"
    " AND (CAST(?2 AS BIGINT) = 0 OR d.client_id = ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR s.name = ?3)"
    " AND ((?4 = 1 AND ?5 = 0) OR s.outcome = 'open')"
    " AND (?5 = 0 OR NOT EXISTS (SELECT 1 FROM task t"
    "  WHERE t.deal_id = d.id AND t.state = 'open'))"
    " AND (?6 = 1 OR d.manager_id = ?7 OR m.head_id = ?8)"
    " ORDER BY d.id";

static const char SQL_HISTORY[] =
    "SELECT l.deal_id, l.at, f.name, t.name, p.login, l.reason"
    " FROM deal_stage_log l LEFT JOIN stage f ON f.id = l.from_stage"
    " JOIN stage t ON t.id = l.to_stage JOIN person p ON p.id = l.by_id"
    " WHERE l.deal_id = ?1 ORDER BY l.id";

static const char SQL_LOG[] =
    "INSERT INTO deal_stage_log (deal_id, from_stage, to_stage, at, by_id,"
    " reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int
crmi_stage_find(struct crm *crm, const char *name, int64_t *id,
    int *outcome)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, "SELECT id, outcome FROM stage WHERE"
	    " (CAST(?1 AS TEXT) IS NULL AND outcome = 'open') OR name = ?1"
	    " ORDER BY pos, id LIMIT 1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, name);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*id = crmi_col_int(st, 0);
		*outcome = crmi_col_text(st, 1)[0];
		rc = CRM_OK;
	} else if (rc == CRMI_DONE)
		rc = crmi_err(crm, CRM_EINVAL, "no such stage '%s'",
		    name != NULL ? name : "");
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

static int
check_deal(struct crm *crm, const struct crm_deal *d)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "title", d->title, CRM_TITLE_MAX, 1,
	    0)) != CRM_OK ||
	    (rc = crmi_check_date(crm, "close date", d->close_date, 0)) !=
	    CRM_OK)
		return rc;
	if (d->amount < 0)
		return crmi_err(crm, CRM_EINVAL, "invalid amount: negative");
	return CRM_OK;
}

/* A new deal: the table's next id, or the one an import keeps (?12). */
#define SQL_INSERT_(idcol, idval) "INSERT INTO deal (client_id, " \
    "manager_id, title, amount, profit, close_date, stage_id, opened_at, " \
    "closed_at, lost_reason, created_by" idcol ") VALUES (?1, ?2, ?3, " \
    "?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11" idval ") RETURNING id"
static const char SQL_INSERT[] = SQL_INSERT_("", "");
static const char SQL_INSERT_ID[] = SQL_INSERT_(", id", ", ?12");

int
crmi_deal_insert(struct crm *crm, const struct crm_deal *d, int64_t client,
    int64_t manager, int64_t stage, int64_t want, int64_t *id)
{
	struct crmi_stmt	*st;
	const char		*opened;
	int			 rc;

	opened = d->opened_at != NULL ? d->opened_at : crm->now;
	st = crmi_stmt(crm, want != 0 ? SQL_INSERT_ID : SQL_INSERT);
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, client);
	crmi_bind_int(st, 2, manager);
	crmi_bind_str(st, 3, d->title);
	crmi_bind_int(st, 4, d->amount);
	crmi_bind_int(st, 5, d->profit);
	crmi_bind_text(st, 6, d->close_date);
	crmi_bind_int(st, 7, stage);
	crmi_bind_str(st, 8, opened);
	crmi_bind_text(st, 9, d->closed_at);
	crmi_bind_text(st, 10, d->lost_reason);
	crmi_bind_int(st, 11, crm->actor.id);
	if (want != 0)
		crmi_bind_int(st, 12, want);
	if ((rc = crmi_step_kept(crm, st, "deal", want, id)) != CRM_OK)
		return rc;
	if ((st = crmi_stmt(crm, SQL_LOG)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, *id);
	crmi_bind_int(st, 3, stage);
	crmi_bind_str(st, 4, d->closed_at != NULL && *d->closed_at ?
	    d->closed_at : opened);
	crmi_bind_int(st, 5, crm->actor.id);
	crmi_bind_text(st, 6, d->lost_reason);
	return crmi_step_done(crm, st);
}

static int
audit_deal(struct crm *crm, const struct crm_deal *d, int64_t id,
    int64_t client, int64_t manager, const char *stage)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	int		 rc;

	crmi_json_open(&b);
	crmi_json_int(&b, "client", client);
	crmi_json_str(&b, "title", d->title);
	crmi_json_int(&b, "amount", d->amount);
	crmi_json_int(&b, "profit", d->profit);
	crmi_json_str(&b, "close_date", d->close_date);
	crmi_json_str(&b, "stage", stage);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "deal", id, manager, "create", b.s);
	crmi_buf_clear(&b);
	return rc;
}

/* The name of stage id into buf. */
static void
stage_name(struct crm *crm, int64_t id, char *buf, size_t sz)
{
	crmi_text_of(crm, "SELECT name FROM stage WHERE id = ?1", id, buf,
	    sz);
}

/*
 * The one lookup of a deal (crmi_lookup): by id, title, part of it.  A
 * deal has no INN: step 1 never matches, and names ?3 only so that
 * PostgreSQL knows the type of every parameter bound.
 */
const char crmi_sql_deal_look[] =
    "SELECT d.id, d.title FROM deal d JOIN person m ON m.id = d.manager_id"
    " WHERE d.id BETWEEN ?8 AND ?9 AND CASE CAST(?1 AS INTEGER)"
    "  WHEN 0 THEN d.id = ?2 WHEN 1 THEN CAST(?3 AS TEXT) IS NULL AND false"
    "  WHEN 2 THEN crm_fold(d.title) = ?4"
    "  WHEN 3 THEN crm_has(d.title, ?4) ELSE false END"
    " AND (?5 = 1 OR d.manager_id = ?6 OR m.head_id = ?7)"
    " ORDER BY crm_fold(d.title), d.id";

int
crm_deal_find(struct crm *crm, const char *spec, int64_t *id)
{
	return crmi_lookup(crm, "deal", crmi_sql_deal_look, spec, 0, id);
}

/* The manager of a new deal: the one named, else the client's. */
static int
deal_manager(struct crm *crm, const struct crm_deal *d, int64_t *manager)
{
	int	 rc;

	if ((rc = crmi_client_attach(crm, d->client_id)) != CRM_OK ||
	    (rc = crmi_client_manager(crm, d->client_id, manager)) != CRM_OK)
		return rc;
	if (d->manager != NULL && *d->manager != '\0' &&
	    (*manager = crmi_person_id(crm, d->manager)) == 0)
		return CRM_ENOENT;
	return crm_may_act(crm, *manager);
}

int
crm_deal_add(struct crm *crm, const struct crm_deal *d, int64_t *idp)
{
	char	 name[STAGE_MAX + 1];
	int64_t	 manager, stage, id = 0;
	int	 outcome, rc;

	if ((rc = check_deal(crm, d)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = deal_manager(crm, d, &manager)) == CRM_OK &&
	    (rc = crmi_stage_find(crm, d->stage, &stage, &outcome)) ==
	    CRM_OK) {
		if (outcome != 'o')
			rc = crmi_err(crm, CRM_EINVAL, "a new deal cannot "
			    "start at the final stage '%s'", d->stage);
		else if ((rc = crmi_deal_insert(crm, d, d->client_id,
		    manager, stage, 0, &id)) == CRM_OK) {
			stage_name(crm, stage, name, sizeof(name));
			rc = audit_deal(crm, d, id, d->client_id, manager,
			    name);
		}
	}
	if ((rc = crmi_end(crm, rc)) == CRM_OK && idp != NULL)
		*idp = id;
	return rc;
}

/* The manager, stage and outcome of deal id, if the actor may see it. */
static int
deal_state(struct crm *crm, int64_t id, int64_t *manager, int64_t *stage,
    char *name, size_t sz, int *outcome)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, "SELECT d.manager_id, d.stage_id, s.name,"
	    " s.outcome FROM deal d JOIN stage s ON s.id = d.stage_id"
	    " WHERE d.id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step_row(crm, st)) == CRM_OK) {
		*manager = crmi_col_int(st, 0);
		*stage = crmi_col_int(st, 1);
		strlcpy(name, crmi_col_text(st, 2), sz);
		*outcome = crmi_col_text(st, 3)[0];
		crmi_reset(st);
	}
	if (rc == CRM_ENOENT || (rc == CRM_OK &&
	    crm_may_see(crm, *manager) != CRM_OK))
		rc = crmi_err(crm, CRM_ENOENT, "no such deal '%lld'",
		    (long long)id);
	return rc;
}

int
crmi_deal_owner(struct crm *crm, int64_t id, int64_t *manager,
    int *outcome)
{
	char	 name[STAGE_MAX + 1];
	int64_t	 stage;

	return deal_state(crm, id, manager, &stage, name, sizeof(name),
	    outcome);
}

int
crmi_deal_move(struct crm *crm, int64_t id, int64_t from, int64_t to,
    const char *closed_at, const char *lost, const char *reason)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, "UPDATE deal SET stage_id = ?1, closed_at = ?2,"
	    " lost_reason = ?3 WHERE id = ?4");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, to);
	crmi_bind_text(st, 2, closed_at);
	crmi_bind_text(st, 3, lost);
	crmi_bind_int(st, 4, id);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	if ((st = crmi_stmt(crm, SQL_LOG)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_int(st, 2, from);
	crmi_bind_int(st, 3, to);
	crmi_bind_str(st, 4, crm->now);
	crmi_bind_int(st, 5, crm->actor.id);
	crmi_bind_text(st, 6, reason);
	return crmi_step_done(crm, st);
}

/*
 * A won or lost deal does not change, but for a correction: the head
 * (of the deal's manager, or their own) moves it back to an open stage,
 * with a reason; the log keeps it and the KPI's sales follow.
 */
static int
reopen_may(struct crm *crm, int64_t id, const char *old, int final,
    const char *reason)
{
	if (crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_ESTATE, "deal %lld is %s: a won or "
		    "lost deal does not change (the head moves it back, with "
		    "a reason)", (long long)id, crmi_word("stage", old));
	if (final != 'o')
		return crmi_err(crm, CRM_ESTATE, "deal %lld is %s: it moves "
		    "back to an open stage only", (long long)id,
		    crmi_word("stage", old));
	if (reason == NULL || *reason == '\0')
		return crmi_err(crm, CRM_EINVAL, "moving deal %lld back from "
		    "'%s' needs a reason", (long long)id, old);
	return CRM_OK;
}

static int
stage_move(struct crm *crm, int64_t id, const char *stage,
    const char *reason)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	char		 old[STAGE_MAX + 1];
	int64_t		 manager, from, to;
	int		 outcome, final, rc;

	if ((rc = deal_state(crm, id, &manager, &from, old, sizeof(old),
	    &outcome)) != CRM_OK ||
	    (rc = crm_may_act(crm, manager)) != CRM_OK ||
	    (rc = crmi_stage_find(crm, stage, &to, &final)) != CRM_OK)
		return rc;
	if (outcome != 'o' && (rc = reopen_may(crm, id, old, final,
	    reason)) != CRM_OK)
		return rc;
	if (to == from)
		return crmi_already(crm, CRM_ESTATE, "deal %lld is already "
		    "at stage '%s'", (long long)id, crmi_word("stage", old));
	if (final == 'l' && (reason == NULL || *reason == '\0'))
		return crmi_err(crm, CRM_EINVAL, "moving deal %lld to '%s' "
		    "needs a reason", (long long)id, crmi_word("stage", stage));
	if ((rc = crmi_deal_move(crm, id, from, to, final != 'o' ? crm->now :
	    NULL, final == 'l' ? reason : NULL, reason)) != CRM_OK)
		return rc;
	crmi_json_open(&b);
	crmi_json_change(&b, "stage", old, stage);
	if (reason != NULL && *reason != '\0')
		crmi_json_str(&b, "reason", reason);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "deal", id, manager, "stage", b.s);
	crmi_buf_clear(&b);
	return rc;
}

int
crm_deal_stage(struct crm *crm, int64_t id, const char *stage,
    const char *reason)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "reason", reason, CRM_NOTE_MAX, 0,
	    1)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = stage_move(crm, id, stage, reason);
	return crmi_end(crm, rc);
}

int
crm_deal_each(struct crm *crm, const struct crm_deal_filter *f,
    int (*fn)(const struct crm_deal *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_deal		 d;
	int64_t			 sid;
	int			 rc = CRM_OK, src = CRMI_DONE, outcome;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_person_known(crm, f->manager)) != CRM_OK)
		return rc;
	if (f->stage != NULL &&
	    (rc = crmi_stage_find(crm, f->stage, &sid, &outcome)) != CRM_OK)
		return rc;
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL)
		return CRM_EDB;
	crmi_bind_text(st, 1, f->manager);
	crmi_bind_int(st, 2, f->client_id);
	crmi_bind_text(st, 3, f->stage);
	crmi_bind_int(st, 4, f->closed != 0);
	crmi_bind_int(st, 5, f->idle != 0);
	crmi_bind_sight(crm, st, 6);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		crmi_rec_fill(st, &crmi_deal_rec, &d, sizeof(d), 0);
		rc = fn(&d, arg);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	return rc;
}

int
crm_deal_history(struct crm *crm, int64_t id,
    int (*fn)(const struct crm_stage_change *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_stage_change	 c;
	int64_t			 manager;
	int			 outcome, rc, src = CRMI_DONE;

	if ((rc = crmi_deal_owner(crm, id, &manager, &outcome)) != CRM_OK)
		return rc;
	if ((st = crmi_stmt(crm, SQL_HISTORY)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		c.deal_id = crmi_col_int(st, 0);
		c.at = crmi_col_text(st, 1);
		c.from = crmi_col_text(st, 2);
		c.to = crmi_col_text(st, 3);
		c.by = crmi_col_text(st, 4);
		c.reason = crmi_col_text(st, 5);
		rc = fn(&c, arg);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	return rc;
}

int
crm_stage_each(struct crm *crm, int (*fn)(const struct crm_stage *, void *),
    void *arg)
{
	struct crmi_stmt	*st;
	struct crm_stage	 s;
	int			 rc = CRM_OK, src = CRMI_DONE;

	st = crmi_stmt(crm, "SELECT id, name, pos, outcome FROM stage"
	    " ORDER BY pos, id");
	if (st == NULL)
		return CRM_EDB;
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		s.id = crmi_col_int(st, 0);
		s.name = crmi_col_text(st, 1);
		s.pos = crmi_col_int(st, 2);
		s.outcome = crmi_col_text(st, 3);
		rc = fn(&s, arg);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	return rc;
}

static int
check_stage(struct crm *crm, const char *name)
{
	int64_t	 id;
	int	 outcome;

	if (crm->actor.role != CRM_ROLE_ADMIN)
		return crmi_err(crm, CRM_EPERM, "only an admin changes the "
		    "stages");
	if (name == NULL || *name == '\0' || strlen(name) > STAGE_MAX ||
	    !crm_text_valid(name, 0) || strpbrk(name, " \t") != NULL)
		return crmi_err(crm, CRM_EINVAL, "invalid stage name '%s': "
		    "1 to %d bytes without spaces", name ? name : "",
		    STAGE_MAX);
	if (crmi_stage_find(crm, name, &id, &outcome) == CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "stage '%s' already exists",
		    name);
	return CRM_OK;
}

static int
audit_stage(struct crm *crm, const char *action, const char *key,
    const char *old, const char *new)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	int64_t		 id;
	int		 outcome, rc;

	if ((rc = crmi_stage_find(crm, new, &id, &outcome)) != CRM_OK)
		return rc;
	crmi_json_open(&b);
	if (old != NULL)
		crmi_json_change(&b, key, old, new);
	else
		crmi_json_str(&b, key, new);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "stage", id, 0, action, b.s);
	crmi_buf_clear(&b);
	return rc;
}

int
crm_stage_add(struct crm *crm, const char *name, int pos,
    const char *outcome)
{
	struct crmi_stmt	*st;
	int			 rc;

	if (outcome == NULL || (strcmp(outcome, "open") != 0 &&
	    strcmp(outcome, "won") != 0 && strcmp(outcome, "lost") != 0))
		return crmi_err(crm, CRM_EINVAL, "invalid outcome '%s': "
		    "open, won or lost", outcome ? outcome : "");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = check_stage(crm, name)) != CRM_OK)
		return crmi_end(crm, rc);
	st = crmi_stmt(crm, "INSERT INTO stage (name, pos, outcome)"
	    " VALUES (?1, ?2, ?3)");
	if (st == NULL)
		return crmi_end(crm, CRM_EDB);
	crmi_bind_str(st, 1, name);
	crmi_bind_int(st, 2, pos);
	crmi_bind_str(st, 3, outcome);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK)
		rc = audit_stage(crm, "create", "name", NULL, name);
	return crmi_end(crm, rc);
}

int
crm_stage_rename(struct crm *crm, const char *old, const char *new)
{
	struct crmi_stmt	*st;
	int64_t			 id;
	int			 outcome, rc;

	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = check_stage(crm, new)) != CRM_OK ||
	    (rc = crmi_stage_find(crm, old, &id, &outcome)) != CRM_OK)
		return crmi_end(crm, rc);
	st = crmi_stmt(crm, "UPDATE stage SET name = ?1 WHERE id = ?2");
	if (st == NULL)
		return crmi_end(crm, CRM_EDB);
	crmi_bind_str(st, 1, new);
	crmi_bind_int(st, 2, id);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK &&
	    (st = crmi_stmt(crm, "UPDATE title SET code = ?1"
	    " WHERE what = 'stage' AND code = ?2")) == NULL)
		rc = CRM_EDB;
	if (rc == CRM_OK) {
		/* The department's name for the stage goes with it. */
		crmi_bind_str(st, 1, new);
		crmi_bind_str(st, 2, old);
		rc = crmi_step_done(crm, st);
	}
	if (rc == CRM_OK)
		rc = audit_stage(crm, "update", "name", old, new);
	return crmi_end(crm, rc);
}

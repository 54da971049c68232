/*
 * remind.c: reminders during the day.  Each person hears by mail of the
 * tasks due within the next remind.minutes, and a head of the tasks of
 * the team overdue by more than remind.overdue days; each once per task
 * and due time.  The reminder table is the memory: a reminder is claimed
 * there, in a committed transaction, before it is sent, so that two runs
 * at once never both send it (see task-remind(1) for the price: a crash
 * after the claim loses that reminder).
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

/*
 * The reminders not yet claimed, one row each, by recipient.  ?1 now and
 * ?4 the end of the minutes ahead ("YYYY-MM-DD HH:MM"), ?2 and ?3 their
 * days; ?5 the day before which an open task is overdue long enough to
 * tell the head, when ?6 (the days overdue, 0: none) is not 0.  The
 * dates are counted in C (remind_window): one text for every database.
 */
static const char remind_sql[] =
    "SELECT t.id, t.due_date || ' ' || t.due_time, 'due', p.login, p.name,"
    " p.email, t.assignee_id, p.login, t.kind, t.title, c.name"
    " FROM person p JOIN task t ON t.assignee_id = p.id AND"
    "  t.state = 'open' AND t.due_date BETWEEN ?2 AND ?3"
    " LEFT JOIN client c ON c.id = t.client_id"
    " WHERE p.active = 1 AND t.due_time IS NOT NULL"
    " AND t.due_date || ' ' || t.due_time > ?1"
    " AND t.due_date || ' ' || t.due_time <= ?4"
    " AND NOT EXISTS (SELECT 1 FROM reminder r WHERE r.task_id = t.id"
    "  AND r.due = t.due_date || ' ' || t.due_time AND r.kind = 'due')"
    " UNION ALL"
    " SELECT t.id, t.due_date, 'overdue', h.login, h.name, h.email,"
    " t.assignee_id, p.login, t.kind, t.title, c.name"
    " FROM person p JOIN person h ON h.id = p.head_id AND h.active = 1"
    " JOIN task t ON t.assignee_id = p.id AND t.state = 'open'"
    "  AND t.due_date < ?5"
    " LEFT JOIN client c ON c.id = t.client_id"
    " WHERE ?6 > 0 AND NOT EXISTS (SELECT 1 FROM reminder r"
    "  WHERE r.task_id = t.id AND r.due = t.due_date"
    "  AND r.kind = 'overdue')"
    " ORDER BY 4, 3, 2, 1";

/*
 * remind_sql's ?1 to ?5 for now ("YYYY-MM-DD HH:MM:SS"), the minutes
 * ahead and the days overdue; -1 when now is no such time.
 */
static int
remind_window(struct crmi_stmt *st, const char *now, int64_t minutes,
    int64_t days)
{
	char		 today[11], end[11], late[11], hm[6], from[17], to[24];
	int		 day, min;
	int64_t		 e;

	if (strlen(now) < 16)
		return -1;
	strlcpy(today, now, sizeof(today));
	strlcpy(hm, now + 11, sizeof(hm));
	if (crm_date_iso(today, &day) != CRM_OK ||
	    crm_time_parse(hm, &min) != CRM_OK)
		return -1;
	e = (int64_t)day * 1440 + min + minutes;
	crm_date_fmt((int)(e / 1440), end);
	crm_date_fmt((int)(day - days), late);
	snprintf(from, sizeof(from), "%s %s", today, hm);
	snprintf(to, sizeof(to), "%s %02d:%02d", end, (int)(e % 1440 / 60),
	    (int)(e % 60));
	crmi_bind_copy(st, 1, from);
	crmi_bind_copy(st, 2, today);
	crmi_bind_copy(st, 3, end);
	crmi_bind_copy(st, 4, to);
	crmi_bind_copy(st, 5, late);
	crmi_bind_int(st, 6, days);
	return 0;
}

/* Start a new recipient's reminder from row st. */
static int
remind_new(struct crm *crm, struct crm_remind **r, size_t *n,
    struct crmi_stmt *st)
{
	struct crm_remind	*v;

	if ((v = reallocarray(*r, *n + 1, sizeof(*v))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	*r = v;
	v = &v[(*n)++];
	memset(v, 0, sizeof(*v));
	v->dg.login = crmi_col_dup(st, 3);
	v->dg.name = crmi_col_dup(st, 4);
	v->dg.email = crmi_col_dup(st, 5);
	if (v->dg.login == NULL || v->dg.name == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* The text of column i of st, "" when NULL. */
static const char *
col(struct crmi_stmt *st, int i)
{
	const char	*s = crmi_col_text(st, i);

	return s != NULL ? s : "";
}

/*
 * A reminder's line, cut to the digest's width: "  HH:MM #id kind:
 * title — client", or for a head "  YYYY-MM-DD #id login kind: ...".
 * Free text escaped; malloc'd, NULL when out of memory.
 */
static char *
remind_line(struct crmi_stmt *st, const struct crm_remind_item *it)
{
	char	*k, *t, *c, *line = NULL, *f = NULL;
	int	 rc = -1;

	k = crm_escape(crmi_word("kind", col(st, 8)));
	t = crm_escape(col(st, 9));
	c = crm_escape(col(st, 10));
	if (k != NULL && t != NULL && c != NULL)
		rc = asprintf(&line, "  %s #%lld %s%s%s: %s%s%s",
		    it->overdue ? it->due : it->due + 11,
		    (long long)it->task, it->overdue ? col(st, 7) : "",
		    it->overdue ? " " : "", k, t, *c != '\0' ? " — " : "", c);
	if (rc >= 0)
		f = crmi_fit(line, CRM_DIGEST_WIDTH);
	free(line);
	free(k);
	free(t);
	free(c);
	return f;
}

/* Add row st to r: the claim, and its line of the message. */
static int
remind_add(struct crm *crm, struct crm_remind *r, struct crmi_stmt *st)
{
	struct crm_remind_item	*it;

	if ((it = reallocarray(r->item, r->n + 1, sizeof(*it))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	r->item = it;
	it = &it[r->n++];
	memset(it, 0, sizeof(*it));
	it->task = crmi_col_int(st, 0);
	it->overdue = strcmp(col(st, 2), "overdue") == 0;
	if ((it->due = crmi_col_dup(st, 1)) == NULL ||
	    (it->line = remind_line(st, it)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/*
 * An admin's or a director's run (root's cron acts as one) sends
 * everyone's reminders; another's, the actor's own.
 */
static int
sends_all(const struct crm *crm)
{
	return crm->actor.role == CRM_ROLE_ADMIN ||
	    crm->actor.role == CRM_ROLE_DIRECTOR;
}

int
crm_remind_list(struct crm *crm, struct crm_remind **r, size_t *n)
{
	struct crmi_stmt	*st;
	char			 now[20];
	int64_t			 minutes, days;
	int			 rc = CRM_OK, src;

	*r = NULL;
	*n = 0;
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crm_rule_int(crm, "remind.minutes", 30, &minutes)) !=
	    CRM_OK || (rc = crm_rule_int(crm, "remind.overdue", 0, &days)) !=
	    CRM_OK)
		return rc;
	crm_now(crm, now);
	if ((st = crmi_stmt(crm, remind_sql)) == NULL)
		return CRM_EDB;
	if (remind_window(st, now, minutes, days) == -1)
		return crmi_err(crm, CRM_EINVAL, "invalid time '%s'", now);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		/*
		 * Only the work the actor may see, and only what this run
		 * sends to its addressee: a reminder claimed is never sent
		 * again, so nobody silences another's; quietly.
		 */
		if (crm_may_see(crm, crmi_col_int(st, 6)) != CRM_OK ||
		    (!sends_all(crm) && strcmp(col(st, 3), crm->login) != 0))
			continue;
		if (*n == 0 || strcmp((*r)[*n - 1].dg.login,
		    col(st, 3)) != 0)
			rc = remind_new(crm, r, n, st);
		if (rc == CRM_OK)
			rc = remind_add(crm, &(*r)[*n - 1], st);
	}
	crmi_reset(st);
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	if (rc != CRM_OK) {
		crm_remind_free(*r, *n);
		*r = NULL;
		*n = 0;
	}
	return rc;
}

/* The message: subject and body, from the items left after the claim. */
static int
remind_text(struct crm *crm, struct crm_remind *r)
{
	struct crmi_buf	 b;
	size_t		 i, due = 0;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < r->n; i++)
		due += !r->item[i].overdue;
	crmi_buf_addf(&b, "%s,\n", r->dg.name);
	if (due > 0)
		crmi_buf_add(&b, "\nСкоро срок:\n");
	for (i = 0; i < r->n; i++)
		if (!r->item[i].overdue)
			crmi_buf_addf(&b, "%s\n", r->item[i].line);
	if (due < r->n)
		crmi_buf_add(&b, "\nДавно просрочено в команде:\n");
	for (i = 0; i < r->n; i++)
		if (r->item[i].overdue)
			crmi_buf_addf(&b, "%s\n", r->item[i].line);
	free(r->dg.subject);
	if (due > 0)
		r->dg.subject = strdup("Напоминание: скоро срок задач");
	else
		r->dg.subject = strdup("Давно просроченные задачи команды");
	if (b.oom || r->dg.subject == NULL) {
		crmi_buf_clear(&b);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	free(r->dg.text);
	r->dg.text = b.s;
	return CRM_OK;
}

/* Record (claim 1) or forget (claim 0) one reminder; *done: a change. */
static int
remind_mark(struct crm *crm, const struct crm_remind_item *it, int claim,
    int *done)
{
	struct crmi_stmt	*st;
	char			 now[20];
	int			 rc;

	if ((st = crmi_stmt(crm, claim ? "INSERT INTO reminder (task_id, "
	    "due, kind, sent_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO "
	    "NOTHING" : "DELETE FROM reminder WHERE task_id = ?1 AND "
	    "due = ?2 AND kind = ?3")) == NULL)
		return CRM_EDB;
	crm_now(crm, now);
	crmi_bind_int(st, 1, it->task);
	crmi_bind_str(st, 2, it->due);
	crmi_bind_str(st, 3, it->overdue ? "overdue" : "due");
	if (claim)
		crmi_bind_copy(st, 4, now);
	if ((rc = crmi_step_done(crm, st)) == CRM_OK)
		*done = crmi_changes(crm) == 1;
	return rc;
}

int
crm_remind_claim(struct crm *crm, struct crm_remind *r)
{
	size_t	 i, k = 0;
	int	 rc, done = 0;

	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	for (i = 0; rc == CRM_OK && i < r->n; i++) {
		if ((rc = remind_mark(crm, &r->item[i], 1, &done)) != CRM_OK)
			break;
		if (done)
			r->item[k++] = r->item[i];
		else {
			free(r->item[i].due);
			free(r->item[i].line);
		}
	}
	if (rc == CRM_OK)
		r->n = k;
	if ((rc = crmi_end(crm, rc)) != CRM_OK)
		return rc;
	return r->n > 0 ? remind_text(crm, r) : CRM_OK;
}

int
crm_remind_unclaim(struct crm *crm, const struct crm_remind *r)
{
	size_t	 i;
	int	 rc, done;

	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	for (i = 0; rc == CRM_OK && i < r->n; i++)
		rc = remind_mark(crm, &r->item[i], 0, &done);
	return crmi_end(crm, rc);
}

void
crm_remind_free(struct crm_remind *r, size_t n)
{
	size_t	 i, j;

	if (r == NULL)
		return;
	for (i = 0; i < n; i++) {
		for (j = 0; j < r[i].n; j++) {
			free(r[i].item[j].due);
			free(r[i].item[j].line);
		}
		free(r[i].item);
		crm_digest_clear(&r[i].dg);
	}
	free(r);
}

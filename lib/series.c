/*
 * series.c: repeating work.  A series is a rule; each occurrence is made
 * as a task of its own, a few weeks ahead, so that the KPIs count each
 * one and a missed Monday call stays missed.  Occurrences are made when
 * the series is added and whenever crm_task_extend() runs (task-add and
 * task-today call it), never further than CRM_TASK_HORIZON days ahead.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define SERIES_MAX	1000	/* occurrences one command may make */

static const char *const wdays[] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/* A weekday list "mon,thu" as a bit mask; 0 when it is not one. */
static int
wday_mask(const char *rule)
{
	const char	*p = rule;
	int		 i, mask = 0;

	while (*p != '\0') {
		for (i = 0; i < 7; i++)
			if (strncmp(p, wdays[i], 3) == 0)
				break;
		if (i == 7 || (p[3] != ',' && p[3] != '\0'))
			return 0;
		mask |= 1 << i;
		p += p[3] == ',' ? 4 : 3;
	}
	return mask;
}

/* Day N of the month of day, or its last day when shorter. */
static int
month_day(int day, int n)
{
	int	 y, m, d, last;

	crm_date_split(day, &y, &m, &d);
	last = crm_date_make(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) -
	    crm_date_make(y, m, 1);
	return crm_date_make(y, m, n < last ? n : last);
}

/* The day a monthly occurrence falls on, moved to a working day. */
static int
monthly_at(struct crm *crm, int target)
{
	int	 w;

	if ((w = crm_workday(crm, target)) < 0)
		return -1;
	return w ? target : crm_workday_next(crm, target);
}

/*
 * Whether rule (already checked) has an occurrence on day: 1 or 0, -1
 * on a database error.
 */
static int
occurs(struct crm *crm, const char *rule, int day)
{
	int	 n, w, prev, y, m, d;

	if (strncmp(rule, "monthly:", 8) == 0) {
		n = (int)strtonum(rule + 8, 1, 31, NULL);
		if ((w = monthly_at(crm, month_day(day, n))) == day)
			return 1;
		crm_date_split(day, &y, &m, &d);
		prev = crm_date_make(m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1,
		    1);
		return monthly_at(crm, month_day(prev, n)) == day ? 1 :
		    (w < 0 ? -1 : 0);
	}
	if (strcmp(rule, "workday") != 0 &&
	    !(wday_mask(rule) & (1 << crm_date_wday(day))))
		return 0;
	return crm_workday(crm, day);
}

static int
check_rule(struct crm *crm, const char *rule)
{
	const char	*e;

	if (strcmp(rule, "workday") == 0 || wday_mask(rule) != 0)
		return CRM_OK;
	if (strncmp(rule, "monthly:", 8) == 0) {
		strtonum(rule + 8, 1, 31, &e);
		if (e == NULL)
			return CRM_OK;
	}
	return crmi_err(crm, CRM_EINVAL, "invalid repeat '%s': workday, "
	    "weekdays such as mon,thu, or monthly:N (N 1 to 31)", rule);
}

struct series {
	int64_t			 id;
	int64_t			 assignee;
	int64_t			 author;
	int64_t			 client;
	char			 login[64];
	char			 rule[64];
	char			 tm[6];
	int			 from;	/* the first day not yet made */
	int			 to;	/* the last day to make */
	struct crm_task_new	 t;
};

/* The open tasks of a series due after ?2. */
static const char SQL_OPEN[] = "SELECT id FROM task WHERE series_id = ?1"
    " AND state = 'open' AND due_date > ?2 ORDER BY id";

const char *const crmi_sql_series[] = { SQL_OPEN, NULL };

static const char SQL_NEXT[] =
    "SELECT s.id, s.assignee_id, s.author_id, s.client_id, p.login,"
    " s.rule, s.due_time, s.made_until, s.end_date, s.kind, s.title,"
    " s.note, s.deal_id FROM task_series s"
    " JOIN person p ON p.id = s.assignee_id"
    " WHERE s.active = 1 AND s.made_until < ?1"
    " AND (s.end_date IS NULL OR s.made_until < s.end_date)"
    " ORDER BY s.id LIMIT 1";

/*
 * Make the occurrences of s from s->from to s->to; at most SERIES_MAX at
 * once, so that a start date typed years back is refused, not obeyed
 * with thousands of tasks.
 */
static int
make(struct crm *crm, struct series *s)
{
	struct crmi_stmt	*st;
	char			 until[11];
	int64_t			 id;
	int			 d, o, rc, n = 0;

	for (d = s->from; d <= s->to; d++) {
		if ((o = occurs(crm, s->rule, d)) < 0)
			return CRM_EDB;
		if (o == 0)
			continue;
		if (++n > SERIES_MAX)
			return crmi_err(crm, CRM_EINVAL, "the repeating task "
			    "'%s' would make more than %d tasks at once; "
			    "start it later or end it sooner", s->t.title,
			    SERIES_MAX);
		s->t.due = d;
		if ((rc = crmi_task_insert(crm, &s->t, s->assignee, s->login,
		    s->author, s->client, s->id, &id)) != CRM_OK)
			return rc;
	}
	crm_date_fmt(s->to, until);
	st = crmi_stmt(crm, "UPDATE task_series SET made_until = ?2"
	    " WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, s->id);
	crmi_bind_str(st, 2, until);
	return crmi_step_done(crm, st);
}

/* Load the next series that is behind; CRM_ENOENT when none is. */
static int
next_series(struct crm *crm, int horizon, struct series *s, char *kind,
    char *title, char *note)
{
	struct crmi_stmt	*st;
	char			 h[11], made[11], end[11];
	int			 rc, e;

	crm_date_fmt(horizon, h);
	if ((st = crmi_stmt(crm, SQL_NEXT)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, h);
	if ((rc = crmi_step_row(crm, st)) != CRM_OK)
		return rc;
	memset(s, 0, sizeof(*s));
	s->id = crmi_col_int(st, 0);
	s->assignee = crmi_col_int(st, 1);
	s->author = crmi_col_int(st, 2);
	s->client = crmi_col_int(st, 3);
	crmi_col_copy(st, 4, s->login, sizeof(s->login));
	crmi_col_copy(st, 5, s->rule, sizeof(s->rule));
	crmi_col_copy(st, 6, s->tm, sizeof(s->tm));
	crmi_col_copy(st, 7, made, sizeof(made));
	crmi_col_copy(st, 8, end, sizeof(end));
	crmi_col_copy(st, 9, kind, 64);
	crmi_col_copy(st, 10, title, CRM_TITLE_MAX + 1);
	crmi_col_copy(st, 11, note, CRM_NOTE_MAX + 1);
	s->t.deal = crmi_col_int(st, 12);
	crmi_reset(st);
	crm_date_iso(made, &s->from);
	s->from++;
	s->to = horizon;
	if (*end != '\0' && crm_date_iso(end, &e) == CRM_OK && e < horizon)
		s->to = e;
	s->t.kind = kind;
	s->t.title = title;
	s->t.note = note;
	s->t.time = -1;
	if (*s->tm != '\0')
		crm_time_parse(s->tm, &s->t.time);
	return CRM_OK;
}

/* Extend every series behind the horizon; in a transaction. */
static int
extend_all(struct crm *crm)
{
	struct series	 s;
	char		 kind[64], title[CRM_TITLE_MAX + 1];
	char		 note[CRM_NOTE_MAX + 1];
	int		 rc, horizon = crm_today(crm) + CRM_TASK_HORIZON;

	while ((rc = next_series(crm, horizon, &s, kind, title, note)) ==
	    CRM_OK)
		if ((rc = make(crm, &s)) != CRM_OK)
			return rc;
	return rc == CRM_ENOENT ? CRM_OK : rc;
}

int
crm_task_extend(struct crm *crm)
{
	struct series	 s;
	char		 kind[64], title[CRM_TITLE_MAX + 1];
	char		 note[CRM_NOTE_MAX + 1];
	int		 rc, horizon = crm_today(crm) + CRM_TASK_HORIZON;

	/* Look first, so that a read-only day takes no write lock. */
	if ((rc = next_series(crm, horizon, &s, kind, title, note)) !=
	    CRM_OK)
		return rc == CRM_ENOENT ? CRM_OK : rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, extend_all(crm));
}

static int
insert_series(struct crm *crm, const struct crm_task_new *t,
    const char *rule, int until, int64_t who, int64_t client, int64_t *sid)
{
	struct crmi_stmt	*st;
	char			 start[11], made[11], end[11], tm[6];

	crm_date_fmt(t->due, start);
	crm_date_fmt(t->due - 1, made);
	crm_date_fmt(until, end);
	crmi_task_time(t->time, tm);
	st = crmi_stmt(crm, "INSERT INTO task_series (assignee_id,"
	    " author_id, kind, title, note, client_id, deal_id, due_time,"
	    " rule, start_date, end_date, made_until, created_at) VALUES"
	    " (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	    " RETURNING id");
	if (st == NULL)
		return CRM_EDB;
	(void)crmi_task_bind_new(st, t, who, crm->actor.id, client);
	crmi_bind_text(st, 8, tm);
	crmi_bind_str(st, 9, rule);
	crmi_bind_str(st, 10, start);
	crmi_bind_text(st, 11, until >= 0 ? end : NULL);
	crmi_bind_str(st, 12, made);
	crmi_bind_str(st, 13, crm->now);
	if (crmi_step_id(crm, st, sid) != CRM_OK)
		return CRM_EDB;
	return CRM_OK;
}

static int
log_series(struct crm *crm, int64_t sid, int64_t who, const char *action,
    const char *k1, const char *v1, const char *k2, const char *v2)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	int		 rc;

	crmi_json_open(&d);
	crmi_json_str(&d, k1, v1);
	if (k2 != NULL)
		crmi_json_str(&d, k2, v2);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "task_series", sid, who, action, d.s);
	crmi_buf_clear(&d);
	return rc;
}

static int
repeat(struct crm *crm, const struct crm_task_new *t, const char *rule,
    int until, int64_t *sid)
{
	const char	*login;
	int64_t		 who, client;
	int		 rc;

	login = t->assignee != NULL && *t->assignee != '\0' ? t->assignee :
	    crm->actor.login;
	if ((who = crmi_person_id(crm, login)) == 0)
		return CRM_ENOENT;
	if ((rc = crmi_task_may_give(crm, who, login)) != CRM_OK ||
	    (rc = crmi_task_check(crm, t, &client)) != CRM_OK ||
	    (rc = crmi_task_entry_new(crm, t, who, client, CRMI_HINT_OPT,
	    0)) != CRM_OK ||
	    (rc = insert_series(crm, t, rule, until, who, client, sid)) !=
	    CRM_OK ||
	    (rc = log_series(crm, *sid, who, "create", "rule", rule,
	    "title", t->title)) != CRM_OK)
		return rc;
	return extend_all(crm);
}

/*
 * A series made today after its time of day starts tomorrow (its next
 * occurrence from there): else its first task would be overdue at once.
 */
static int
first_day(struct crm *crm, const struct crm_task_new *t)
{
	int	 h, m;

	if (t->due != crm_today(crm) || t->time < 0 ||
	    sscanf(crm->now + 11, "%2d:%2d", &h, &m) != 2)
		return t->due;
	return h * 60 + m > t->time ? t->due + 1 : t->due;
}

int
crm_task_repeat(struct crm *crm, const struct crm_task_new *t,
    const char *rule, int until, int64_t *sid)
{
	struct crm_task_new	 s = *t;
	int			 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = check_rule(crm, rule)) != CRM_OK)
		return rc;
	s.due = first_day(crm, t);
	if (until >= 0 && until < s.due)
		return crmi_err(crm, CRM_EINVAL, "the repeat ends before it "
		    "starts");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, repeat(crm, &s, rule, until, sid));
}

int
crm_series_tasks(struct crm *crm, int64_t sid, int64_t **ids, size_t *n)
{
	struct crmi_stmt	*st;
	int64_t			*v, who;
	int			 rc;

	*ids = NULL;
	*n = 0;
	if ((st = crmi_stmt(crm, "SELECT assignee_id FROM task_series"
	    " WHERE id = ?1")) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, sid);
	rc = crmi_step(st);
	who = rc == CRMI_ROW ? crmi_col_int(st, 0) : 0;
	crmi_reset(st);
	if (who == 0)
		return crmi_err(crm, CRM_ENOENT, "no such series '%lld'",
		    (long long)sid);
	if ((rc = crm_may_see(crm, who)) != CRM_OK)
		return rc;
	st = crmi_stmt(crm, "SELECT id FROM task WHERE series_id = ?1"
	    " ORDER BY due_date, id");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, sid);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((v = reallocarray(*ids, *n + 1, sizeof(*v))) == NULL) {
			crmi_reset(st);
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		}
		*ids = v;
		v[(*n)++] = crmi_col_int(st, 0);
	}
	crmi_reset(st);
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

static int
cancel_open(struct crm *crm, int64_t sid, int64_t who, const char *reason)
{
	struct crmi_stmt	*st, *up;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			 after[11];
	int64_t			 id;
	int			 rc = CRM_OK;

	crmi_json_open(&d);
	crmi_json_change(&d, "state", "open", "cancelled");
	crmi_json_str(&d, "reason", reason);
	crmi_json_close(&d);
	if (d.oom)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	crm_date_fmt(crm_today(crm), after);
	st = crmi_stmt(crm, SQL_OPEN);
	up = crmi_stmt(crm, "UPDATE task SET state = 'cancelled',"
	    " closed_at = ?2, closed_by = ?3, recorded_at = ?2,"
	    " cancel_reason = ?4 WHERE id = ?1");
	if (st == NULL || up == NULL) {
		crmi_buf_clear(&d);
		return CRM_EDB;
	}
	crmi_bind_int(st, 1, sid);
	crmi_bind_str(st, 2, after);
	while (rc == CRM_OK && crmi_step(st) == CRMI_ROW) {
		id = crmi_col_int(st, 0);
		crmi_reset(up);
		crmi_bind_int(up, 1, id);
		crmi_bind_str(up, 2, crm->now);
		crmi_bind_int(up, 3, crm->actor.id);
		crmi_bind_str(up, 4, reason);
		if ((rc = crmi_step_done(crm, up)) == CRM_OK)
			rc = crmi_audit(crm, "task", id, who, "cancel",
			    d.s);
	}
	crmi_reset(st);
	crmi_buf_clear(&d);
	return rc;
}

static int
stop(struct crm *crm, int64_t sid, const char *reason)
{
	struct crmi_stmt	*st;
	char			 by[64] = "";
	int64_t			 who, author;
	int			 rc, active;

	st = crmi_stmt(crm, "SELECT assignee_id, active, author_id"
	    " FROM task_series WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, sid);
	rc = crmi_step(st);
	who = crmi_col_int(st, 0);
	active = crmi_col_int(st, 1);
	author = crmi_col_int(st, 2);
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return crmi_err(crm, CRM_ENOENT, "no such series '%lld'",
		    (long long)sid);
	if ((rc = crm_may_act(crm, who)) != CRM_OK)
		return rc;
	/* The head's series is the head's to stop, as the head's tasks. */
	if (author != who && crm->actor.id == who) {
		crmi_text_of(crm, "SELECT login FROM person WHERE id = ?1",
		    author, by, sizeof(by));
		return crmi_err(crm, CRM_EPERM, "series %lld was given to you "
		    "by %s: ask them to stop it", (long long)sid, by);
	}
	if (!active)
		return crmi_err(crm, CRM_ESTATE, "series %lld is already "
		    "stopped", (long long)sid);
	st = crmi_stmt(crm, "UPDATE task_series SET active = 0 WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, sid);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK ||
	    (rc = log_series(crm, sid, who, "stop", "reason", reason, NULL,
	    NULL)) != CRM_OK)
		return rc;
	return cancel_open(crm, sid, who, reason);
}

int
crm_task_stop(struct crm *crm, int64_t sid, const char *reason)
{
	int	 rc;

	if ((rc = crmi_check_text(crm, "reason", reason, CRM_NOTE_MAX, 1, 0)) !=
	    CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, stop(crm, sid, reason));
}

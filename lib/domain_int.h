/*
 * domain_int.h: what the files of the domain layer and above (lib/
 * layers.txt: people, the audit log, tasks, deals, rules, the KPI; the
 * views; the assembly) share with each other: the internal interface
 * of the records and the rules.  The core below (crm_int.h) never
 * includes it; tests/07-layers.t fails if it does.
 */
#ifndef DOMAIN_INT_H
#define DOMAIN_INT_H

#include "crm_int.h"

/*
 * Append one entry to the audit log: entity and its id, the person whose
 * work it is (0 when none), the action, and a JSON object of detail.
 */
int	 crmi_audit(struct crm *, const char *entity, int64_t id,
	    int64_t owner, const char *action, const char *detail);
/*
 * The entry crmi_audit() would append, not inserted but handed to put
 * as the text of its CRMI_AUDIT_COLS (NULL: NULL), for a COPY (a task
 * import on a server): the chain moves on when put returns CRM_OK, and
 * the caller then owes the log the row, in the order of the entries.
 */
#define CRMI_AUDIT_COLS	"id, at, actor, entity, entity_id, owner_id," \
    " action, detail, detail_hash, hash, cmd"
#define CRMI_AUDIT_NCOLS	11
int	 crmi_audit_row(struct crm *, const char *entity, int64_t id,
	    int64_t owner, const char *action, const char *detail,
	    int (*put)(void *, char *const *f), void *arg);

/*
 * Chain the entries that have no hash yet, from the first, in the
 * caller's transaction (the migration that added the chain).  CRM_OK, or
 * an error when an entry that has one does not match.
 */
int	 crmi_audit_chain(struct crm *);

/*
 * Check the whole chain, from the first entry, in the caller's
 * transaction (a department carried in): CRM_OK with *bad the first
 * entry that does not match and a message saying how, or 0.
 */
int	 crmi_audit_check(struct crm *, int64_t *bad);
/*
 * Inside a write transaction: the actor is still the person the handle
 * opened as, active, with the same role and head (person.c); CRM_EPERM
 * with a message otherwise.  CRM_OK when the actor is no person.
 */
int	 crmi_actor_recheck(struct crm *);

/* The last entry's id and hash; 0 and "" when none (audit.c). */
int	 crmi_audit_head(struct crm *, int64_t *id, char hash[65]);
/*
 * The anchor (anchor.c): crmi_anchor_check, at open, fails when the
 * database lost the entry its anchor names (crm->behind is set);
 * crmi_anchor_note, after a commit, moves the anchor to the last entry
 * (force: even back).  Nothing without a setgid file database.
 */
int	 crmi_anchor_check(struct crm *);
void	 crmi_anchor_note(struct crm *, int force);

/*
 * The department's time zone (zone.c): store the machine's zone when
 * none is set (a migration); make the stored zone the process's TZ, so
 * that every time of record and "today" is read in it.
 */
int	 crmi_zone_default(struct crm *);
int	 crmi_zone_load(struct crm *);

/* Person id for login among active people, or 0 (message set). */
int64_t	 crmi_person_id(struct crm *, const char *login);

/*
 * CRM_OK when login is NULL or names a person, active or not; else
 * CRM_ENOENT "no such person" (a filter by a misspelt login).
 */
int	 crmi_person_known(struct crm *, const char *login);

/*
 * The checks of a person's fields (person.c), shared with the imports
 * and the clients: a login (1 to 32 of a-z, 0-9, '.', '_', '-', not
 * starting with '-'); an e-mail address (NULL or "" is none).  CRM_OK,
 * or CRM_EINVAL with a message quoting the value.
 */
int	 crmi_check_login(struct crm *, const char *);
int	 crmi_check_email(struct crm *, const char *);

/*
 * The head whose team the actor may see and change: the actor's own id
 * while their current role is head and they are active, else 0 (which
 * is nobody's head).  Every team right in a query goes through this.
 */
int64_t	 crmi_team(const struct crm *);

/*
 * The junk-comment rules in effect for person id: their team's where
 * its head set them, else the department's; id 0 the department's.
 */
int	 crmi_junk_person(struct crm *, int64_t id, struct crm_junk_rules *);

/*
 * The fields kind needs in the team of person id (rule.c): bits 1
 * client, 2 deal, 4 time, 8 note, from the team's "fields.KIND/head"
 * when its head set one; *need is left as it is (the department's, from
 * task_kind) otherwise.
 */
int	 crmi_kind_fields(struct crm *, int64_t id, const char *kind,
	    int *need);
/*
 * The value of key for person id's team (rule.c): the team's
 * "key/head" where its head set one, else the department's; *v
 * malloc'd.
 */
int	 crmi_rule_team(struct crm *, const char *key, int64_t id, char **v);

/*
 * Which done tasks of person id wait for their head's acceptance
 * (review.c): 0 none (a head, a director, a manager with no head), 1
 * those someone else gave them, 2 all (the team's review.all).
 */
int	 crmi_review_waits(struct crm *, int64_t id);

/*
 * The paste rule as plan-check judges it (plan.c), for the KPI: fn(i,
 * day, arg) once for each result of person ids[i]'s tasks first due
 * from[i] to to (not cancelled) that is pasted (the same result in
 * junk.paste tasks or more within junk.paste.days up to the task's due
 * date; notes are not counted) and not junk by crm_junk_check()
 * already; day is the task's first due date.  The n people are among
 * the team of head team and the head (team 0: anyone), and are read in
 * a fixed number of statements however many they are.
 */
int	 crmi_plan_paste_each(struct crm *, const int64_t *ids,
	    const int *from, size_t n, int to, int64_t team,
	    void (*fn)(size_t, int, void *), void *arg);
/*
 * The entry check (entry.c).  crmi_kind_need: the fields kind (NULL:
 * "other") needs in the team of person who, task_kind's as the team set
 * them (crmi_kind_fields): the one lookup plan-check uses.
 * crmi_task_entry: whether an open task e describes holds every field
 * its kind needs there, the fields in gap (missing already, which a
 * change does not make worse) aside.  A gap: under "entry.fields"
 * refuse (the default) CRM_EINVAL, the message naming the kind, the
 * field and, by hint, the option or the column that gives it (words:
 * the words of a quick add that named no client); under warn CRM_OK,
 * the message ("task ID: " first when id is not 0) handed to
 * crmi_notice().
 */
#define CRMI_HINT_OPT	0	/* -c client */
#define CRMI_HINT_COL	1	/* the client column */
struct crmi_entry {
	int64_t		 who;		/* the assignee */
	const char	*kind;
	int		 have;		/* bits as crmi_kind_fields() */
	int		 gap;
	int		 hint;
	const char	*words;
	int64_t		 id;		/* the task; 0: none yet */
	const int	*need;		/* its kind's, known; NULL: ask */
};
int	 crmi_kind_need(struct crm *, int64_t who, const char *kind,
	    int *need);
int	 crmi_task_entry(struct crm *, const struct crmi_entry *);
/* crmi_task_entry() of new task t of who, client its client. */
int	 crmi_task_entry_new(struct crm *, const struct crm_task_new *t,
	    int64_t who, int64_t client, int hint, int64_t id);
/* Fill e for new task t as crmi_task_entry_new() does (need NULL). */
void	 crmi_entry_new(struct crmi_entry *e, const struct crm_task_new *t,
	    int64_t who, int64_t client, int hint, int64_t id);

/*
 * The production calendar built in from data/calendar-ru.tsv
 * (calendar_ru.c, made by make), and its load into a new database
 * inside the caller's transaction, unaudited (calendar.c).
 */
extern const char	 crmi_calendar_ru[];
int	 crmi_calendar_ship(struct crm *);

/*
 * Lookups (client.c): the one lookup of a what ("client", "deal") by
 * spec, trying a visible id, a valid INN (when inn), the exact name
 * folded, a unique part of it.  sql selects id and name with ?1 the step
 * (0 id, 1 INN, 2 exact, 3 part), ?2 the id, ?3 spec, ?4 its folded key,
 * ?5 whether the actor sees all, ?6 the actor, ?7 the actor's team, and
 * "id BETWEEN ?8 AND ?9", the id twice by id (so that the primary key
 * finds the row: an import looks up a client and a deal on every line),
 * the whole range otherwise.
 * CRM_ENOENT "no such WHAT 'SPEC'", or CRM_EINVAL "several WHATs match
 * 'SPEC': " and the candidates.  crmi_client_attach: whether the actor
 * may attach a new deal or task to client id: its manager, their head
 * or an admin (CRM_EPERM otherwise).
 */
int	 crmi_lookup(struct crm *, const char *what, const char *sql,
	    const char *spec, int inn, int64_t *id);
int	 crmi_client_attach(struct crm *, int64_t id);
extern const char crmi_sql_client_look[];	/* for t-plans.c */
/*
 * fn(arg, id, name) for each client the actor may see whose folded name
 * holds key, by name; fn returns -1 to stop (out of memory).
 */
int	 crmi_client_like(struct crm *, const char *key,
	    int (*fn)(void *, int64_t, const char *), void *arg);
/*
 * The one client whose name spec is, as typed or with a Russian case
 * ending, quotes and legal form aside (quick.c): CRM_OK with *id,
 * CRM_ENOENT for none, CRM_EINVAL for several.
 */
int	 crmi_client_named(struct crm *, const char *spec, int64_t *id);
extern const char crmi_sql_deal_look[];

/*
 * Tasks (task.c), shared with taskmod.c, taskview.c and series.c: check
 * free text (field named in the message), a kind, a client (an id or a
 * unique part of the name), who may give work to whom, a whole new task
 * (*client gets its client, from the deal when only a deal is given);
 * insert a checked task in the caller's transaction and log it.
 */
int	 crmi_task_kind(struct crm *, const char *kind);
/*
 * Whether the task kind of name's first len bytes (all of it when len is
 * -1) is defined (kind.c): CRM_OK, CRM_ENOENT (no message) when it is
 * not, or the store's error.
 */
int	 crmi_kind_defined(struct crm *, const char *name, int len);
void	 crmi_task_time(int min, char buf[6]);	/* -1: "" */
/*
 * Where a task moves to (a move, a return): day's date into due, and
 * min's time into tm, or, when min is -1, old, the time the task has.
 */
void	 crmi_task_due(int day, int min, const char *old, char due[11],
	    char tm[6]);
/* A deal's client; CRM_ENOENT "no such deal" when there is none. */
int	 crmi_task_deal_client(struct crm *, int64_t deal, int64_t *client);
/*
 * Step st, a statement of task id's row, onto it: CRM_OK, or (st reset)
 * CRM_ENOENT "no such task" when there is none, or the database's error
 * (taskmod.c).
 */
int	 crmi_task_found(struct crm *, struct crmi_stmt *st, int64_t id);
int	 crmi_task_may_give(struct crm *, int64_t id, const char *login);
int	 crmi_task_check(struct crm *, const struct crm_task_new *,
	    int64_t *client);
int	 crmi_task_insert(struct crm *, const struct crm_task_new *,
	    int64_t assignee, const char *login, int64_t author,
	    int64_t client, int64_t series, int64_t *id);
/*
 * Bind what a task and a series of tasks both begin with, ?1 to ?7:
 * assignee, author, kind ("other" when t has none), title, note, client
 * and deal (none bound when 0).  Returns the kind bound.
 */
const char *crmi_task_bind_new(struct crmi_stmt *, const struct crm_task_new *,
	    int64_t assignee, int64_t author, int64_t client);

/* Whose task id is (taskview.c); 0 when there is no such task. */
int64_t	 crmi_task_owner(struct crm *, int64_t id);

/*
 * Reopen a done or cancelled task (taskmod.c), logged as "reopen", or,
 * when undo is the command undone, as "undo" (undo.c).
 */
int	 crmi_task_reopen(struct crm *, int64_t id, const char *reason,
	    int64_t undo);

/*
 * The main queries of the tools over tasks, each list NULL-terminated,
 * for tests/unit/t-plans.c, which checks that each is planned over the
 * index meant for it.
 */
extern const char *const crmi_sql_taskview[];	/* day, list, closed */
extern const char *const crmi_sql_taskmod[];	/* a task by id */
extern const char *const crmi_sql_series[];	/* a series' open tasks */
extern const char *const crmi_sql_plan[];	/* texts, size, tasks, overdue */
/* A line of the KPI report: a team's totals, a manager, a head's own. */
struct crmi_kpi_line {
	int64_t				 id;
	const char			*login, *name;
	const char			*row;	/* "team", "person", "head" */
	const char			*team;	/* the head's login, or NULL */
	const struct crm_kpi_counts	*c, *prev;
	const struct crm_kpi_score	*s, *sprev;
};

/* The head's id whose team a line counts in, 0 for none (kpiscore.c). */
int64_t	 crmi_kpi_team_of(const struct crm_kpi_person *);

/*
 * Sum the (person, day) pairs a change made stale into kpi_day again and
 * forget them (kpiday.c); crmi_end() calls it before every commit.
 */
int	 crmi_kpi_refresh(struct crm *);

/*
 * The detail of a change (the log's flat JSON object of [before, after]
 * pairs, as the library writes it) turned for its undo: each pair as
 * [after, before], and "undo" the command cmd, into *out (malloc'd); -1
 * when detail is no such object or memory ran out (undoturn.c).
 */
int	 crmi_undo_turn(const char *detail, int64_t cmd, char **out);

/*
 * A batch of new tasks inside a write transaction (task-add's batch, an
 * import), on SQLite: crmi_bulk_begin() drops the per-row triggers that
 * mark each new task's day stale and check each audit entry's id, in the
 * transaction; crmi_end() calls crmi_bulk_end() before the refresh, which
 * marks the day of every task from the batch's first id on in one
 * statement and makes the triggers again from their own text, so that
 * the commit leaves the schema as it was and the figures as the triggers
 * would have left them.  A rollback undoes the drop with the rest, and
 * its hook calls crmi_bulk_forget().  A task inserted with an id of its own below
 * the batch's first is noted with crmi_bulk_note().  Elsewhere (a
 * server: a trigger there is dropped under a lock that stops readers)
 * nothing is turned off.  Return CRM_OK or a status.
 */
int	 crmi_bulk_begin(struct crm *);
int	 crmi_bulk_end(struct crm *);
void	 crmi_bulk_forget(struct crm *);
void	 crmi_bulk_note(struct crm *, int64_t id);
/*
 * Mark stale the day of every task from id from on: what the trigger
 * does a row, for rows copied with it off (a COPY, store.h).
 */
int	 crmi_kpi_mark(struct crm *, int64_t from);

/* Line i of the people, or of the teams, of a report (kpiview.c). */
void	 crmi_kpi_person_line(const struct crm_kpi *, size_t,
	    struct crmi_kpi_line *);
void	 crmi_kpi_team_line(const struct crm_kpi *, size_t,
	    struct crmi_kpi_line *);

/* one person's, everyone's: tasks, kpi_day's days, the stale pairs' tasks */
extern const char *const crmi_sql_kpi[];
extern const char *const crmi_sql_kpiday[];	/* the stale pairs' tasks */
extern const char *const crmi_sql_kpisales[];	/* everyone's sales */

#endif /* !DOMAIN_INT_H */

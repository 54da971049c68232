/*
 * kpi_int.h: what kpi.c (the counting), kpipeople.c (the people
 * counted) and kpiscore.c (the rules, the score, the verdicts and the
 * correlations) share.
 */
#ifndef KPI_INT_H
#define KPI_INT_H

/* A period and which of its days are working days. */
struct span {
	int	 from, to;
	int	 upto;		/* last day that counts for plans: today */
	int	 cur;		/* the period asked for, not the one before */
	int	 ndays;
	int	 cutday;	/* open tasks due before it are not done */
	char	*work;		/* ndays flags */
	int	*plan;		/* people x ndays: tasks planned ahead */
};

struct byid {
	int64_t	 id;
	size_t	 i;		/* in k->people */
};

#define KINDS_MAX	32	/* a team's own fields of kinds */

/*
 * The weights, thresholds and junk rules of a team or the department,
 * and the fields of the kinds the team set for itself.
 */
struct kpirules {
	int64_t			 w[CRM_KPI_NPART];
	double			 reward, penalty;
	int64_t			 min_tasks;	/* fewer planned: nodata */
	double			 retpts;	/* kpi.return: off a return */
	int64_t			 filler;	/* plan.filler: any task fills
						   the plan, not only those with
						   a client or a deal */
	struct crm_junk_rules	 junk;
	struct {
		char	 kind[33];
		int	 need;
	}			 fk[KINDS_MAX];
	size_t			 nfk;
};

struct ctx {
	struct crm		*crm;
	struct crm_kpi		*k;
	int			 today;
	struct kpirules		 dept;	/* for the sums: the scope's team's */
	struct kpirules		*rs;	/* each person's, their team's */
	const struct kpirules	*r;	/* of the row or score at hand */
	struct span		 cur, prev;
	int64_t			*min;	/* plan.min of each person */
	struct byid		*byid;	/* people in order of id */
	int			 scratch; /* count tasks, not kpi_day */
	int			 stale;	/* kpi_stale has pairs */
	const struct sales	*sale;	/* the sales statement at hand */
	int			 clip;	/* the person's start, when after the
					   period's: the reasons say so */
	char			**kinds;	/* the kinds, read once */
	size_t			 nkinds;
	int			 kinds_read;	/* kinds holds them */
	int64_t			 team;	/* the head whose team (and who)
					   the people are among; 0: any */
};

/*
 * The columns of a task the KPI reads, in this order (column 16 the
 * times the head returned it, 17 to 19 what tells a cancel that only
 * took back a slip: its reason, the times made and closed); kpi.c and
 * kpiday.c select them from task t joined with task_kind k.  The fields
 * a task's kind needs (column 8, the department's, as bits client 1,
 * deal 2, time 4, note 8) are set against those it has (column 12) in C,
 * where a team's own fields of the kind take their place; so are those
 * of the kind it had before a change of kind (columns 14 and 15).
 */
#define KPI_TASK_COLS \
    "t.first_due, t.assignee_id, t.state, t.author_id," \
    " coalesce(t.closed_by, t.assignee_id), substr(t.created_at, 1, 10)," \
    " substr(t.closed_at, 1, 10), t.moves," \
    " k.need_client + 2 * k.need_deal + 4 * k.need_time + 8 * k.need_note," \
    " t.title, t.note, t.result," \
    " CASE WHEN t.client_id IS NULL THEN 0 ELSE 1 END" \
    " + CASE WHEN t.deal_id IS NULL THEN 0 ELSE 2 END" \
    " + CASE WHEN t.due_time IS NULL THEN 0 ELSE 4 END" \
    " + CASE WHEN coalesce(t.note, '') = '' THEN 0 ELSE 8 END," \
    " t.kind, t.first_kind, (SELECT f.need_client + 2 * f.need_deal" \
    " + 4 * f.need_time + 8 * f.need_note FROM task_kind f" \
    " WHERE f.name = t.first_kind)," \
    " t.returns, t.cancel_reason, t.created_at, t.closed_at"

/*
 * A person's sums over the tasks first due on one day: a row of kpi_day,
 * or one task.  What the clock alone changes is left open: open tasks
 * are not done when the day is before the period's cut, else pending.
 */
struct kday {
	int64_t	 planned, ontime, late, byhead, open, cancelled, moves;
	int64_t	 selfmade, assigned, advance, complete, comments, junk;
	int64_t	 ahead;		/* planned ahead: counts for the day's plan */
	int64_t	 returns;	/* times the head returned the tasks */
	int64_t	 linked;	/* of ahead, with a client or a deal */
};
#define KDAY_N	(sizeof(struct kday) / sizeof(int64_t))

/*
 * A task its maker cancels within this many seconds of making it was a
 * slip (the head's task for the wrong person, a typo): in nobody's
 * figures, as a task-add that crm-undo took back (reason "undo").
 */
#define KPI_SLIP_SECS	(10 * 60)

/* Whether the task of the row st (KPI_TASK_COLS) was a slip, as above. */
int	 crmi_kpi_slip(struct crmi_stmt *st);

/* Add the task of the row st (KPI_TASK_COLS) judged by r into d. */
void	 crmi_kpi_task(const struct kpirules *r, struct crmi_stmt *st,
	    struct kday *d);

/* Whether kpi_stale holds a pair: 1, 0, or -1 a database error. */
int	 crmi_kpi_stale(struct crm *);

/* Add d into c; past: its day is before the period's cut. */
void	 crmi_kpi_day_add(struct crm_kpi_counts *c, const struct kday *d,
	    int past);

/* The sums of c added into t, field by field (kpiscore.c). */
void	 crmi_kpi_sum(struct crm_kpi_counts *t, const struct crm_kpi_counts *c);

/*
 * The rules in effect for person id into r: their team's, else the
 * department's; id 0 the department's (kpiscore.c).
 */
int	 crmi_kpi_rules(struct ctx *, int64_t id, struct kpirules *r);

/* Free the kinds crmi_kpi_rules() kept in x; x's other members stay. */
void	 crmi_kpi_kinds_free(struct ctx *x);

/* The rules that judge the sums, those of id's team, into x->dept. */
int	 crmi_kpi_dept(struct ctx *, int64_t id);

/*
 * Once everything is counted: each person's score and verdict, the idle
 * heads' lines dropped, the team totals, the correlations.
 */
int	 crmi_kpi_judge(struct ctx *);

/* What crmi_kpi_query() calls for each row of day d of person i. */
typedef void crmi_kpi_rowfn(struct ctx *, struct span *, struct crmi_stmt *,
	    size_t, int);

/*
 * Run the statement for the one person (one, ?1 the person) or for all
 * (all), ?2 and ?3 sp's days, calling fn for each row of a day of the
 * span and a person of the report (kpi.c): CRM_OK, or the failure.
 */
int	 crmi_kpi_query(struct ctx *, struct span *, const char *one,
	    const char *all, crmi_kpi_rowfn *);

/* The week of the report that day is in, 0 the first (kpi.c). */
int	 crmi_kpi_week(const struct crm_kpi *, int day);

/*
 * Each person's sales of sp counted from the deals and documents
 * themselves, into the period's and the weeks' counts (kpisales.c).
 */
int	 crmi_kpi_sales(struct ctx *, struct span *);

/*
 * The people of the report into k, and *rules the person whose team's
 * rules judge the sums: the one person, the team's head, the acting
 * head for everyone they see; 0 (the department's) for a director or an
 * admin (kpipeople.c).
 */
int	 crmi_kpi_people(struct crm *, enum crm_kpi_who who, const char *login,
	    struct crm_kpi *k, int64_t *rules);

/* Free what a person's line holds (not the line). */
void	 crmi_kpi_person_clear(struct crm_kpi_person *);

/* A person's first day in the log, by login (kpipeople.c). */
struct crmi_kpi_first {
	char	 login[64];
	int	 day;
};

/*
 * rollout.launch as a day number into *launch (0: unset) and, when it
 * is set, everyone's first day in the department's log, sorted by login,
 * into *f (*n of them; the caller frees it, also after a failure).
 */
int	 crmi_kpi_starts(struct crm *, int *launch, struct crmi_kpi_first **f,
	    size_t *n);

/* The first day in the log of login among f (n of them); 0: none. */
int	 crmi_kpi_first_of(const struct crmi_kpi_first *f, size_t n,
	    const char *login);

#endif /* !KPI_INT_H */

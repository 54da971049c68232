/*
 * plan_int.h: what plan.c (the checks) and planset.c (what they read,
 * for many people at once) share.
 */
#ifndef PLAN_INT_H
#define PLAN_INT_H

#include "domain_int.h"

/* A KPI task whose result the paste rule judges. */
struct kpitext {
	char	*result;
	int	 due, first;
};

/* A task planned on the day, kept for check_task. */
struct daytask {
	int64_t	 id;
	char	*kind, *title, *note, *result;
	int	 lacks;		/* no client, deal, time, note: bits 0-3 */
	int	 needs;		/* its kind needs them: bits 0-3 */
};

/* An open task from before the day. */
struct late {
	int64_t	 id;
	char	*due, *title;
};

/* One result of the person within the paste window. */
struct text {
	int64_t	 task;
	int	 due;		/* the task's due date */
	char	*norm;		/* one of pc's norms */
};

/* One person's check of a day, or the KPI's paste rule of one person. */
struct pc {
	struct crm		*crm;
	int64_t			 pid;
	const char		*login;
	char			 day[11];
	int			 dayn;
	struct crm_junk_rules	 junk;
	int64_t			 paste;
	char			 since[11];
	int			 lo, hi;	/* the window pasted() counts */
	struct text		*texts;
	size_t			 ntexts, maxtexts;
	int			 sorted;	/* texts by norm, due, task */
	char			**norms;	/* distinct normalised texts */
	size_t			 nnorms;
	struct crmi_map		 seen;		/* text -> its norm's place */
	struct crmi_map		 canon;		/* norm -> its place */
	int			 (*fn)(const struct crm_finding *, void *);
	void			*arg;
	int			 sized;	/* the day's size is checked */
	int64_t			 filler;	/* plan.filler */
	int64_t			 days;		/* junk.paste.days */
	int64_t			(*size)[2];	/* a kind's tasks, those with
						   a client or a deal */
	struct daytask		*tasks;
	size_t			 ntasks;
	struct late		*late;
	size_t			 nlate;
	struct kpitext		*kt;		/* the KPI's tasks to judge */
	size_t			 nkt;
	int			 kfrom;		/* their first due from */
	int			 klast;		/* the latest due among them */
};

/* A person one may see, as a check finds the people it is asked for. */
struct seen {
	int64_t	 id;
	char	*login;
	int	 head;
};

/* The checks of many people, read in a fixed number of statements. */
struct plans {
	struct crm	*crm;
	struct pc	*c;		/* one a login, in the order asked */
	size_t		 n;		/* those found and read */
	size_t		*by;		/* c's places, by person id */
	struct seen	*seen;
	size_t		 nseen;
	char		**kinds;	/* SQL_KINDS */
	size_t		 nkinds;
	int		 all;		/* WHO_IN's ?2 to ?4 */
	int64_t		 self, team;
};

/*
 * Keep result s of task id, due on day due, in c's texts for the paste
 * rule (normalised once; an empty one is left out).  Status.
 */
int	 crmi_plan_text(struct pc *c, int64_t task, int due, const char *s);

/*
 * In how many tasks of c's window (c->lo to c->hi) the text s appears.
 */
int64_t	 crmi_plan_pasted(struct pc *c, const char *s);

/* Free what c holds. */
void	 crmi_plan_clear(struct pc *c);

/*
 * Read day (a working day when workday) of the pl->n people of pl->c
 * into their checks, in a fixed number of statements.  Status.
 */
int	 crmi_plan_read(struct plans *pl, int day, int workday);

#endif

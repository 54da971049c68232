/*
 * rulereg.c: the registry of the department's regulations: each key, its
 * type, its default and its help, which crm-rules prints.  Values live
 * in the rule table only when someone set them (rule.c); otherwise the
 * default here is in effect, so the registry is also the documentation.
 */
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"
#include "rule_int.h"

/*
 * The registry.  "plan.min.KIND" keys are matched by prefix: any task
 * kind may follow.  Keys of the working week and the rollout are the
 * department's; the others a head may override for their own team,
 * stored as "key/head" and found before the department's value.
 */
const struct crmi_reg crmi_rule_registry[] = {
	{ "plan.min", R_INT, "5",
	    NC_("help", "tasks a working day's plan needs at least"), 1, 1 },
	{ "plan.min.", R_INT, "0",
	    NC_("help", "tasks of one kind a working day needs "
	    "(plan.min.call)"), 1, 1 },
	{ "fields.", R_FIELDS, "",
	    NC_("help", "the fields a kind needs in a team (fields.call: "
	    "client,note)"), 0, 1 },
	{ "week.days", R_DAYS, "12345",
	    NC_("help", "working days of the week, 1 Monday .. 7 Sunday"),
	    0, 0 },
	{ "junk.short", R_INT, "2",
	    NC_("help", "a comment with fewer letters is junk (0: off)"),
	    0, 1 },
	{ "junk.repeat", R_BOOL, "1",
	    NC_("help", "one character repeated (ааааа) is junk"), 0, 1 },
	{ "junk.keyboard", R_BOOL, "1",
	    NC_("help", "keyboard runs (asdf, фыва, йцукен) are junk"), 0, 1 },
	{ "junk.noletters", R_BOOL, "1",
	    NC_("help", "a comment with no letters (dots, digits) is junk"),
	    0, 1 },
	{ "junk.title", R_BOOL, "1",
	    NC_("help", "a comment that only repeats the title is junk"),
	    0, 1 },
	{ "junk.paste", R_INT, "5",
	    NC_("help", "the same comment in this many tasks of a person "
	    "is junk (0: off)"), 0, 1 },
	{ "junk.paste.days", R_INT, "30",
	    NC_("help", "days looked back for the same comment pasted again"),
	    0, 1 },
	{ "rollout.launch", R_DATE, "",
	    NC_("help", "the day the CRM was launched (empty: no rollout)"),
	    0, 0 },
	{ "rollout.spot", R_INT, "2",
	    NC_("help", "managers of a team drawn for a detailed check in "
	    "weeks 2-4"), 0, 0 },
	{ "rollout.steady", R_REGIME, "weekly",
	    NC_("help", "control after week 4: weekly, daily or none"), 0, 0 },
	/*
	 * ---- KPI weights and thresholds (kpi.c) ----
	 * The KPI report adds its keys here, named "kpi.*".
	 */
	{ "kpi.closed", R_MONTH, "",
	    NC_("help", "the last closed month: its sales are the head's to "
	    "record"), 0, 1 },
	/* ---- (end of KPI keys) ---- */
	/* (more keys: keep each domain's keys together) */
	{ "kpi.w.ontime", R_INT, "40",
	    NC_("help", "weight in the CRM-use score of tasks done on time"),
	    0, 1 },
	{ "kpi.w.advance", R_INT, "15",
	    NC_("help", "weight in the score of tasks planned before their "
	    "day"), 0, 1 },
	{ "kpi.w.fullplan", R_INT, "20",
	    NC_("help", "weight in the score of working days with a full "
	    "plan"), 0, 1 },
	{ "kpi.w.fields", R_INT, "15",
	    NC_("help", "weight in the score of tasks with every field "
	    "their kind needs"), 0, 1 },
	{ "kpi.w.junk", R_INT, "10",
	    NC_("help", "weight in the score of comments that are not junk"),
	    0, 1 },
	{ "kpi.reward", R_INT, "85",
	    NC_("help", "a CRM-use score at least this earns a reward"), 0, 1 },
	{ "kpi.penalty", R_INT, "50",
	    NC_("help", "a CRM-use score below this earns a penalty"), 0, 1 },
	{ "kpi.min_tasks", R_INT, "5",
	    NC_("help", "fewer planned tasks in the period and the verdict "
	    "is nodata"), 0,
	    1 },
	{ "kpi.return", R_INT, "2",
	    NC_("help", "points the score loses for each task the head "
	    "returned"), 0, 1 },
	{ "plan.filler", R_BOOL, "0",
	    NC_("help", "tasks with neither a client nor a deal fill a day's "
	    "plan too"), 0, 1 },
	{ "review.all", R_BOOL, "0",
	    NC_("help", "every done task of the team waits for the head's "
	    "acceptance, not only those the head gave"), 0, 1 },
	{ "plan.heads", R_BOOL, "0",
	    NC_("help", "heads plan their own days too: plan-check flags "
	    "their empty days"), 0, 0 },
	/* (one run of task-remind for everyone: the department's) */
	{ "remind.minutes", R_INT, "30",
	    NC_("help", "task-remind: minutes ahead a due task is reminded "
	    "of"), 0, 0 },
	{ "remind.overdue", R_INT, "0",
	    NC_("help", "task-remind: days overdue a head hears of a task "
	    "(0: off)"), 0, 0 },
	/* ---- the entry check (entry.c) ---- */
	{ "entry.fields", R_ENTRY, "refuse",
	    NC_("help", "an open task lacking a field its kind needs: "
	    "refuse, or warn"), 0, 1 },
	{ NULL, R_INT, NULL, NULL, 0, 0 }
};

/*
 * The registry entry for key, with a kind suffix allowed, and *at at
 * its "@login" (a person's value) or "/login" (a team's), or NULL.
 */
const struct crmi_reg *
crmi_rule_lookup(const char *key, const char **at)
{
	const struct crmi_reg	*r;
	size_t			 n;

	*at = strpbrk(key, "@/");
	n = *at != NULL ? (size_t)(*at - key) : strlen(key);
	for (r = crmi_rule_registry; r->key != NULL; r++) {
		if (strlen(r->key) == n && strncmp(r->key, key, n) == 0)
			return r;
		if (r->key[strlen(r->key) - 1] == '.' &&
		    strncmp(r->key, key, strlen(r->key)) == 0 &&
		    n > strlen(r->key))
			return r;
	}
	return NULL;
}


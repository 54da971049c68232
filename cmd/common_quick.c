/*
 * common_quick.c: a task typed as a sentence, for the tools that take one
 * (task-add's words, task-done's -N): the words read by crm_task_quick()
 * for what the options did not say, and one way of refusing what is not
 * sure.  Linked from cmd/libcmd.a.
 */
#include <err.h>
#include <stdio.h>

#include "crm.h"
#include "common.h"

/* The words of a refusal: what would have been read, by example. */
static const char quick_forms[] =
    N_("15 December, Dec 15, the 15th, 05.12, tomorrow, Friday, by Friday, "
    "next week, end of the week, end of the month, in 2 days, in two "
    "weeks, in half an hour, in 2 hours, at 3 pm, at 10 am, at noon, "
    "15:00, 15.00, at 15-30, by 11");

/*
 * Read the sentence for what no option said; a word that looks like a
 * date and is not read, or a date, time or client the options contradict,
 * is exit 2; a name of several clients exit 1.  Returns 0 with t filled
 * in, or the exit status with the message said.
 */
int
cmd_quick_read(struct crm *crm, struct crm_task_new *t, const char *text,
    const char *lit, const struct cmd_quick_opts *o,
    struct crm_task_quick *q)
{
	int64_t	 id;
	char	 a[11], b[11];

	if (crm_task_quick(crm, text, lit, o->due != NULL || o->tm != NULL ||
	    t->kind != NULL || t->client != NULL || t->deal != 0 ?
	    CRM_QUICK_DATED : 0, q) != CRM_OK) {
		if (*q->bad != '\0') {
			warnx(_("'%s' looks like a date or a time but is not "
			    "read: try %s, or put the title's words after --"
			    " or within «»"), q->bad, _(quick_forms));
			return 2;
		}
		warnx("%s", crm_errmsg(crm));
		return 1;
	}
	if (q->title == NULL)
		return 0;
	if (o->due != NULL && q->due != -1 && q->due != t->due) {
		crm_date_fmt(q->due, a);
		crm_date_fmt(t->due, b);
		warnx(_("the words say %s, -d says %s"), a, b);
		return 2;
	}
	if (o->tm != NULL && q->time != -1 && q->time != t->time) {
		warnx(_("the words say %02d:%02d, -T says %02d:%02d"),
		    q->time / 60, q->time % 60, t->time / 60, t->time % 60);
		return 2;
	}
	if (t->client != NULL && q->client != 0 &&
	    crm_client_find(crm, t->client, &id) == CRM_OK && id != q->client) {
		warnx(_("the words name the client '%s', -c another"),
		    q->name);
		return 2;
	}
	t->title = q->title;
	if (q->due != -1)
		t->due = q->due;
	if (q->time != -1)
		t->time = q->time;
	if (t->kind == NULL)
		t->kind = q->kind;
	if (t->client == NULL && q->client != 0) {
		snprintf(q->cid, sizeof(q->cid), "%lld", (long long)q->client);
		t->client = q->cid;
	} else if (t->client == NULL)
		t->words = q->words;
	return 0;
}


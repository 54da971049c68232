/*
 * common_quick.c: a task typed as a sentence, for the tools that take one
 * (task-add's words, task-done's -N): the words read by crm_task_quick()
 * for what the options did not say, and one way of refusing what is not
 * sure; and what the words were read as, said.  Linked from
 * libcmd.a.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * What the sentence was read as, rc what cmd_quick_read returned: one
 * TSV line on standard output, "0, due, time, kind, client, title", or
 * "rc" and the word not read (task-add -Q).
 */
void
cmd_quick_dry(int rc, const struct crm_task_new *t, const struct crm_task_quick *q)
{
	char	 d[11], *ti, *nm;

	crm_date_fmt(t->due, d);
	if ((ti = crm_escape(rc != 0 ? (*q->bad ? q->bad : q->stem) :
	    t->title)) == NULL || (nm = crm_escape(q->name)) == NULL)
		err(1, NULL);
	if (rc != 0)
		printf("%d\t\t\t\t\t%s\n", rc, ti);
	else if (t->time >= 0)
		printf("0\t%s\t%02d:%02d\t%s\t%s\t%s\n", d, t->time / 60,
		    t->time % 60, t->kind ? t->kind : "other", nm, ti);
	else
		printf("0\t%s\t\t%s\t%s\t%s\n", d, t->kind ? t->kind : "other",
		    nm, ti);
	free(ti);
	free(nm);
}

/*
 * The task id made of a sentence: one line on standard error of what the
 * words were read as, on a terminal, or anywhere with verbose.
 */
void
cmd_quick_said(int64_t id, const struct crm_task_new *t,
    const struct crm_task_quick *q, int verbose)
{
	static const char *const wd[] = {
		N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
		N_("Sat"), N_("Sun")
	};
	char	 tm[16] = "", *name;
	int	 y, m, dd;

	if (q->title == NULL || (!verbose && !isatty(STDERR_FILENO)))
		return;
	crm_date_split(t->due, &y, &m, &dd);
	if (t->time >= 0)
		snprintf(tm, sizeof(tm), " %02d:%02d", t->time / 60,
		    t->time % 60);
	if ((name = crm_escape(q->name)) == NULL)
		err(1, NULL);
	/* TRANSLATORS: the quick-add line: id, weekday, day, month, time,
	   kind, then ", client" if any. */
	fprintf(stderr, _("task %lld: %s %02d.%02d%s, %s%s%s\n"),
	    (long long)id, _(wd[crm_date_wday(t->due)]), dd, m, tm,
	    cmd_word("kind", t->kind != NULL ? t->kind : "other"),
	    *name ? ", " : "", name);
	free(name);
}

/*
 * Each line of standard input a sentence, read as cmd_quick_read reads
 * it, with what the options o said, and said as cmd_quick_dry says;
 * "words -- kept" keeps the words after " -- " as typed.  Returns the
 * worst status of a line (0, 1 or 2).
 */
int
cmd_quick_dry_lines(struct crm *crm, const struct cmd_quick_opts *o)
{
	struct crm_task_new	 t;
	struct crm_task_quick	 q;
	char			*line = NULL, *lit;
	size_t			 cap = 0;
	ssize_t			 len;
	int			 rc, worst = 0;

	while ((len = getline(&line, &cap, stdin)) != -1) {
		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		memset(&t, 0, sizeof(t));
		t.time = -1;
		t.due = crm_today(crm);
		t.title = line;
		/* "words -- kept": as the operands after "--" are */
		if ((lit = strstr(line, " -- ")) != NULL)
			*lit = '\0', lit += 4;
		else if (strncmp(line, "-- ", 3) == 0)
			lit = line + 3, *line = '\0';
		rc = cmd_quick_read(crm, &t, line, lit, o, &q);
		cmd_quick_dry(rc, &t, &q);
		crm_task_quick_clear(&q);
		if (rc > worst)
			worst = rc;
	}
	free(line);
	if (ferror(stdin) || fflush(stdout) == EOF)
		err(1, _("standard input"));
	return worst;
}

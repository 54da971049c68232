/*
 * task-add: plan work, one task from the command line, a repeating
 * series, or a batch read as TSV from standard input; print the new ids
 * so that a script can go on with them.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

static const char synopsis[] =
    N_("usage: task-add [-c client] [-d due] [-E until] [-f file] [-k "
    "kind] [-l deal]\n"
    "                [-n note] [-R repeat] [-T time] [-u login] [title "
    "...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* The ids of the tasks added, one a line: a batch's, a series'. */
static void
put_ids(int64_t *ids, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		printf("%lld\n", (long long)ids[i]);
	if (fflush(stdout) == EOF)
		errx(1, _("%zu tasks added, but their ids could not be written "
		    "to standard output"), n);
	free(ids);
}

static void
batch(struct crm *crm)
{
	int64_t	*ids;
	size_t	 n;
	int	 rc;

	if ((rc = crm_task_add_tsv(crm, stdin, &ids, &n)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	put_ids(ids, n);
}

/*
 * No -c, -d, -k, -l, -R or -t: read the title as a sentence (завтра в
 * 10 позвонить в Ромашку) for what those would have said.
 */
static void
quick(struct crm *crm, struct crm_task_new *t, struct crm_task_quick *q,
    char *cid, size_t sz)
{
	if (crm_task_quick(crm, t->title, q) != CRM_OK) {
		if (*q->stem != '\0')
			warnx(_("'%s' fits several clients: nothing guessed, "
			    "the title kept as typed"), q->stem);
		return;
	}
	if (q->title == NULL)
		return;
	t->title = q->title;
	if (q->due != -1)
		t->due = q->due;
	if (q->time != -1)
		t->time = q->time;
	t->kind = q->kind;
	if (q->client != 0) {
		snprintf(cid, sz, "%lld", (long long)q->client);
		t->client = cid;
	} else
		t->words = q->words;
}

/* On a terminal, one line of what the sentence was read as. */
static void
understood(int64_t id, const struct crm_task_new *t,
    const struct crm_task_quick *q)
{
	static const char *const wd[] = {
		N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"),
		N_("Sat"), N_("Sun")
	};
	char	 tm[16] = "", *name;
	int	 y, m, dd;

	if (q->title == NULL || !isatty(STDERR_FILENO))
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

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_new	 t;
	struct crm_task_quick	 q;
	const char		*file = NULL, *due = NULL, *until = NULL;
	const char		*tm = NULL, *rule = NULL, *deal = NULL;
	char			*title = NULL, cid[24];
	int64_t			 id, *ids;
	size_t			 n;
	int			 ch, rc, end = -1;

	memset(&t, 0, sizeof(t));
	t.time = -1;
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "c:d:E:f:k:l:n:R:T:u:")) != -1)
		switch (ch) {
		case 'c':
			t.client = optarg;
			break;
		case 'd':
			due = optarg;
			break;
		case 'E':
			until = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			t.kind = optarg;
			break;
		case 'l':
			deal = optarg;
			break;
		case 'n':
			t.note = optarg;
			break;
		case 'R':
			rule = optarg;
			break;
		case 'T':
			tm = optarg;
			break;
		case 'u':
			t.assignee = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (until != NULL && rule == NULL)
		errx(2, _("-E until needs -R repeat"));
	if (tm != NULL && crm_time_parse(tm, &t.time) != CRM_OK)
		errx(2, _("invalid time '%s': try %s"), tm,
		    crm_date_forms(CRM_FORMS_TIME));
	if (argc == 0 && (isatty(STDIN_FILENO) || rule != NULL))
		usage();
	/* The new id goes to standard output: make sure it can. */
	if (fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	if ((rc = crm_open(&crm, file, 0)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (deal != NULL)
		t.deal = cmd_find(crm, crm_deal_find, deal);
	crm_notice_set(crm, cmd_warn, NULL);
	if ((rc = crm_task_extend(crm)) != CRM_OK)
		warnx(_("repeating tasks not made: %s"), crm_errmsg(crm));
	if (argc == 0) {
		batch(crm);
		crm_close(crm);
		return 0;
	}
	t.due = crm_today(crm);
	if (due != NULL && crm_date_parse(due, t.due, &t.due) != CRM_OK)
		errx(2, _("invalid due date '%s': try %s"), due,
		    crm_date_forms(CRM_FORMS_DATE));
	if (until != NULL && crm_date_parse(until, crm_today(crm), &end) !=
	    CRM_OK)
		errx(2, _("invalid until date '%s': try %s"), until,
		    crm_date_forms(CRM_FORMS_DATE));
	if ((t.title = title = crm_join(argc, argv)) == NULL)
		err(1, NULL);
	memset(&q, 0, sizeof(q));
	if (due == NULL && tm == NULL && t.kind == NULL && t.client == NULL &&
	    t.deal == 0 && rule == NULL)
		quick(crm, &t, &q, cid, sizeof(cid));
	if (rule != NULL)
		rc = crm_task_repeat(crm, &t, rule, end, &id);
	else
		rc = crm_task_add(crm, &t, &id);
	if (rc != CRM_OK) {
		/* Everything freed first: valgrind counts what exit leaves. */
		warnx("%s", crm_errmsg(crm));
		crm_task_quick_free(&q);
		free(title);
		crm_close(crm);
		return crm_exit_status(rc);
	}
	if (rule != NULL) {	/* the series' tasks, as a batch's */
		if ((rc = crm_series_tasks(crm, id, &ids, &n)) != CRM_OK)
			errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
		put_ids(ids, n);
	} else {
		printf("%lld\n", (long long)id);
		if (fflush(stdout) == EOF)
			errx(1, _("task %lld added, but its id could not be "
			    "written to standard output"), (long long)id);
	}
	understood(id, &t, &q);
	crm_task_quick_free(&q);
	free(title);
	crm_close(crm);
	return 0;
}

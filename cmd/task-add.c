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
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-add [-OQv] [-c client] [-d due] [-E until] [-f file] "
    "[-k kind]\n"
    "                [-l deal] [-n note] [-R repeat] [-T time] [-u login] "
    "[words ...]\n");

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

	cmd_check(crm, crm_task_add_tsv(crm, stdin, &ids, &n));
	put_ids(ids, n);
}

/* What the options said, for the sentence to fill in the rest. */
struct opts {
	struct cmd_quick_opts q;
	const char	*rule, *deal, *until;
	int		 dry, verbose, dayoff;
	int		 lit;		/* operands after "--" */
};

/* A due date on a day off of the calendar is made, and said (-O: not). */
static void
day_off(struct crm *crm, const struct crm_task_new *t, int given,
    const struct opts *o)
{
	char	 d[11];

	if (!given || o->dayoff || crm_workday(crm, t->due) != 0)
		return;
	crm_date_fmt(t->due, d);
	warnx(_("%s is a day off: the task is due on it all the same "
	    "(-O: on purpose)"), d);
}

/* The operands as the sentence and, after "--", the words kept as typed. */
static void
split_words(int argc, char *argv[], int lit, char **text, char **kept)
{
	if (lit > argc)
		lit = argc;
	if ((*text = crm_join(argc - lit, argv)) == NULL ||
	    (*kept = crm_join(lit, argv + argc - lit)) == NULL)
		err(1, NULL);
}

/* How many arguments follow the first "--" that is no option's value. */
static int
after_dashes(int argc, char *argv[])
{
	int	 i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--") == 0 && (argv[i - 1][0] != '-' ||
		    strchr("cdEfklnRTu", argv[i - 1][strlen(argv[i - 1]) - 1])
		    == NULL || strlen(argv[i - 1]) != 2))
			return argc - i - 1;
	return 0;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_new	 t;
	struct crm_task_quick	 q;
	struct opts		 o;
	char			*title = NULL, *kept = NULL;
	const char		*file = NULL;
	int64_t			 id, *ids;
	size_t			 n;
	int			 ch, rc, end = -1;

	memset(&t, 0, sizeof(t));
	memset(&o, 0, sizeof(o));
	memset(&q, 0, sizeof(q));
	t.time = -1;
	cmd_start(argc, argv, synopsis);
	o.lit = after_dashes(argc, argv);
	while ((ch = getopt(argc, argv, "c:d:E:f:k:l:n:OQR:T:u:v")) != -1)
		switch (ch) {
		case 'c':
			t.client = optarg;
			break;
		case 'd':
			o.q.due = optarg;
			break;
		case 'E':
			o.until = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			t.kind = optarg;
			break;
		case 'l':
			o.deal = optarg;
			break;
		case 'n':
			t.note = optarg;
			break;
		case 'O':
			o.dayoff = 1;
			break;
		case 'Q':
			o.dry = 1;
			break;
		case 'R':
			o.rule = optarg;
			break;
		case 'T':
			o.q.tm = optarg;
			break;
		case 'u':
			t.assignee = optarg;
			break;
		case 'v':
			o.verbose = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (o.until != NULL && o.rule == NULL)
		errx(2, _("-E until needs -R repeat"));
	if (o.q.tm != NULL && crm_time_parse(o.q.tm, &t.time) != CRM_OK)
		errx(2, _("invalid time '%s': try %s"), o.q.tm,
		    crm_date_forms(CRM_FORMS_TIME));
	if (argc == 0 && (isatty(STDIN_FILENO) || o.rule != NULL))
		usage();
	/* The new id goes to standard output: make sure it can. */
	if (fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	crm = cmd_open(file, 0);
	t.kind = crm_code(crm, "kind", t.kind);
	if (o.deal != NULL)
		t.deal = cmd_find(crm, crm_deal_find, o.deal);
	crm_notice_set(crm, cmd_warn, NULL);
	if (argc == 0 && o.dry) {
		rc = cmd_quick_dry_lines(crm, &o.q);
		crm_close(crm);
		return rc;
	}
	if (!o.dry && (rc = crm_task_extend(crm)) != CRM_OK)
		warnx(_("repeating tasks not made: %s"), crm_errmsg(crm));
	if (argc == 0) {
		batch(crm);
		crm_close(crm);
		return 0;
	}
	t.due = crm_today(crm);
	if (o.q.due != NULL && crm_date_parse(o.q.due, t.due, &t.due) != CRM_OK)
		errx(2, _("invalid due date '%s': try %s"), o.q.due,
		    crm_date_forms(CRM_FORMS_DATE));
	if (o.until != NULL && crm_date_parse(o.until, crm_today(crm), &end)
	    != CRM_OK)
		errx(2, _("invalid until date '%s': try %s"), o.until,
		    crm_date_forms(CRM_FORMS_DATE));
	split_words(argc, argv, o.lit, &title, &kept);
	t.title = *title != '\0' ? title : kept;
	rc = 0;
	if (o.rule == NULL && *title != '\0')
		rc = cmd_quick_read(crm, &t, title, kept, &o.q, &q);
	else if (*title != '\0' && *kept != '\0' && (t.title =
	    q.title = crm_join(argc, argv)) == NULL)
		err(1, NULL);
	if (o.dry || rc != 0) {
		if (o.dry)
			cmd_quick_dry(rc, &t, &q);
		goto out;
	}
	day_off(crm, &t, o.q.due != NULL || q.due != -1, &o);
	if (o.rule != NULL)
		rc = crm_task_repeat(crm, &t, o.rule, end, &id);
	else
		rc = crm_task_add(crm, &t, &id);
	if (rc != CRM_OK) {
		/* Everything freed first: valgrind counts what exit leaves. */
		warnx("%s", crm_errmsg(crm));
		rc = crm_exit_status(rc);
		goto out;
	}
	if (o.rule != NULL) {	/* the series' tasks, as a batch's */
		cmd_check(crm, crm_series_tasks(crm, id, &ids, &n));
		put_ids(ids, n);
	} else {
		printf("%lld\n", (long long)id);
		if (fflush(stdout) == EOF)
			errx(1, _("task %lld added, but its id could not be "
			    "written to standard output"), (long long)id);
	}
	cmd_quick_said(id, &t, &q, o.verbose);
out:
	crm_task_quick_clear(&q);
	free(title);
	free(kept);
	crm_close(crm);
	return rc;
}

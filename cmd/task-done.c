/*
 * task-done: close tasks as done, from the command line or from a view
 * piped in (task-today | grep ... | task-done), and plan the next step in
 * the same call.
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
    N_("usage: task-done [-y] [-D due-date] [-d when] [-f file] [-k kind] "
    "[-N title]\n"
    "                 [-r result] [-T time] [id ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/*
 * Whether when reads as "[date ]time": a value that does not is a usage
 * error (exit 2); the library still checks that it falls in the task's
 * life.
 */
static int
when_valid(struct crm *crm, const char *when)
{
	char		 buf[64], *sp;
	const char	*tm = buf;
	int		 day, min;

	if (strlcpy(buf, when, sizeof(buf)) >= sizeof(buf))
		return 0;
	if ((sp = strrchr(buf, ' ')) != NULL) {
		*sp = '\0';
		tm = sp + 1;
		if (crm_date_parse(buf, crm_today(crm), &day) != CRM_OK)
			return 0;
	}
	return crm_time_parse(tm, &min) == CRM_OK;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_new	 next;
	struct crm_task_quick	 qk;
	struct cmd_quick_opts	 qo;
	const char		*file = NULL, *at = NULL, *result = NULL;
	const char		*date = NULL, *tm = NULL;
	int64_t			*ids, nid = 0;
	size_t			 n;
	int			 ch, rc, yes = 0;

	memset(&next, 0, sizeof(next));
	memset(&qk, 0, sizeof(qk));
	next.time = -1;
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "D:d:f:k:N:r:T:y")) != -1)
		switch (ch) {
		case 'd':
			at = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			next.kind = optarg;
			break;
		case 'D':
			date = optarg;
			break;
		case 'N':
			next.title = optarg;
			break;
		case 'r':
			result = optarg;
			break;
		case 'T':
			tm = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if ((date != NULL || tm != NULL || next.kind != NULL) &&
	    next.title == NULL)
		errx(2,
		    _("-D, -k and -T describe the follow-up: give -N title"));
	if (tm != NULL && crm_time_parse(tm, &next.time) != CRM_OK)
		errx(2, _("invalid time '%s': try %s"), tm,
		    crm_date_forms(CRM_FORMS_TIME));
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	/* The follow-up's id goes to standard output: make sure it can. */
	if (next.title != NULL && fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	next.kind = crm_code(crm, "kind", next.kind);
	if (at != NULL && !when_valid(crm, at))
		errx(2, _("invalid done time '%s'"), at);
	ids = cmd_ids(crm, argc, argv, &n);
	next.due = crm_workday_next(crm, crm_today(crm));
	if (date != NULL && crm_date_parse(date, crm_today(crm), &next.due) !=
	    CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	qo.due = date;
	qo.tm = tm;
	/* The follow-up is a sentence too: "в пятницу в 11 встреча". */
	if (next.title != NULL &&
	    (rc = cmd_quick_read(crm, &next, next.title, NULL, &qo, &qk)) != 0) {
		/* Everything freed first: the sanitizers count what is left. */
		free(ids);
		crm_close(crm);
		return rc;
	}
	cmd_ask(crm, ids, n, yes, n_("close this %zu task? [y/N] ",
	    "close these %zu tasks? [y/N] ", n), n);
	rc = crm_task_done(crm, ids, n, result, at,
	    next.title != NULL ? &next : NULL, &nid);
	cmd_check(crm, rc);
	if (nid != 0)
		printf("%lld\n", (long long)nid);
	if (nid != 0 && fflush(stdout) == EOF)
		errx(1, _("follow-up %lld added, but its id could not be "
		    "written to standard output"), (long long)nid);
	free(ids);
	crm_task_quick_clear(&qk);
	crm_close(crm);
	return 0;
}

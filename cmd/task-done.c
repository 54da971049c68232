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
#include "taskcmd.h"


static void
usage(void)
{
	fprintf(stderr, "usage: task-done [-y] [-a when] [-f file] [-k kind] "
	    "[-N date] [-n title]\n"
	    "                 [-r result] [-T time] [id ...]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_new	 next;
	const char		*file = NULL, *at = NULL, *result = NULL;
	const char		*date = NULL, *tm = NULL;
	int64_t			*ids, nid = 0;
	size_t			 n;
	char			 q[64];
	int			 ch, rc, yes = 0;

	memset(&next, 0, sizeof(next));
	next.time = -1;
	while ((ch = getopt(argc, argv, "a:f:k:N:n:r:T:y")) != -1)
		switch (ch) {
		case 'a':
			at = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			next.kind = optarg;
			break;
		case 'N':
			date = optarg;
			break;
		case 'n':
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
		errx(2, "-k, -N and -T describe the follow-up: give -n title");
	if (tm != NULL && crm_time_parse(tm, &next.time) != CRM_OK)
		errx(2, "invalid time '%s': try %s", tm,
		    crm_date_forms(CRM_FORMS_TIME));
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	/* The follow-up's id goes to standard output: make sure it can. */
	if (next.title != NULL && fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, "standard output");
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	ids = ids_get(crm, argc, argv, &n);
	next.due = crm_workday_next(crm, crm_today(crm));
	if (date != NULL && crm_date_parse(date, crm_today(crm), &next.due) !=
	    CRM_OK)
		errx(2, "invalid date '%s': try %s", date,
		    crm_date_forms(CRM_FORMS_DATE));
	snprintf(q, sizeof(q), "close these %zu tasks? [y/N] ", n);
	if (!confirm(crm, q, ids, n, yes))
		errx(1, "nothing changed");
	rc = crm_task_done(crm, ids, n, result, at,
	    next.title != NULL ? &next : NULL, &nid);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (nid != 0)
		printf("%lld\n", (long long)nid);
	if (nid != 0 && fflush(stdout) == EOF)
		errx(1, "follow-up %lld added, but its id could not be written "
		    "to standard output", (long long)nid);
	free(ids);
	crm_close(crm);
	return 0;
}

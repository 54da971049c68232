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

#define ID_LINE_MAX	8191	/* bytes of a line read for its id */

static void
usage(void)
{
	fprintf(stderr, "usage: task-done [-a when] [-f file] [-k kind] "
	    "[-N date] [-n title] [-r result]\n"
	    "                 [-T time] [id ...]\n");
	exit(2);
}

static void
push(int64_t **ids, size_t *n, int64_t id)
{
	if ((*ids = reallocarray(*ids, *n + 1, sizeof(**ids))) == NULL)
		err(1, NULL);
	(*ids)[(*n)++] = id;
}

/* The ids in the first field of each line; lines with none are skipped. */
static void
read_ids(int64_t **ids, size_t *n)
{
	char		*line = NULL, *rest = NULL;
	size_t		 sz = 0, rsz = 0;
	long		 ln = 0;
	int64_t		 id;
	char		*bad;
	ssize_t		 len, r;

	while ((len = crm_line_read(&line, &sz, stdin, ID_LINE_MAX)) != -1) {
		ln++;
		/* Only the first field counts: skip the rest of a long line. */
		if (len == -2) {
			len = ID_LINE_MAX;
			while ((r = crm_line_read(&rest, &rsz, stdin,
			    ID_LINE_MAX)) == -2)
				continue;
			if (r == -3)
				len = -3;
		}
		if (len == -3)
			err(1, NULL);
		if (memchr(line, '\0', len) != NULL)
			errx(1, "line %ld: NUL byte in the line", ln);
		line[strcspn(line, "\t\r\n")] = '\0';
		if (*line == '\0')
			continue;
		if (crm_id_parse(line, &id) != CRM_OK) {
			if ((bad = crm_escape(line)) == NULL)
				err(1, NULL);
			errx(1, "line %ld: invalid id '%s'", ln, bad);
		}
		push(ids, n, id);
	}
	if (ferror(stdin))
		err(1, "standard input");
	free(line);
	free(rest);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_new	 next;
	const char		*file = NULL, *at = NULL, *result = NULL;
	const char		*date = NULL, *tm = NULL;
	int64_t			*ids = NULL, nid = 0, id;
	size_t			 n = 0;
	int			 ch, i, rc;

	memset(&next, 0, sizeof(next));
	next.time = -1;
	while ((ch = getopt(argc, argv, "a:f:k:N:n:r:T:")) != -1)
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
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if ((date != NULL || tm != NULL || next.kind != NULL) &&
	    next.title == NULL)
		errx(2, "-k, -N and -T describe the follow-up: give -n title");
	if (tm != NULL && crm_time_parse(tm, &next.time) != CRM_OK)
		errx(2, "invalid time '%s'", tm);
	for (i = 0; i < argc; i++) {
		if (crm_id_parse(argv[i], &id) != CRM_OK)
			errx(2, "invalid id '%s'", argv[i]);
		push(&ids, &n, id);
	}
	if (argc == 0 && isatty(STDIN_FILENO))
		usage();
	if (argc == 0)
		read_ids(&ids, &n);
	/* The follow-up's id goes to standard output: make sure it can. */
	if (next.title != NULL && fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, "standard output");
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	next.due = crm_workday_next(crm, crm_today(crm));
	if (date != NULL && crm_date_parse(date, crm_today(crm), &next.due) !=
	    CRM_OK)
		errx(2, "invalid date '%s'", date);
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

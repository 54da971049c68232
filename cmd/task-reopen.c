/*
 * task-reopen: take back a close that was a slip (task-today | grep |
 * task-done closed too much): the tasks are open again, with a reason,
 * and count as open in the KPI until they are done again.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "confirm.h"

static void
usage(void)
{
	fprintf(stderr, "usage: task-reopen [-y] [-f file] -r reason [id ...]\n");
	exit(2);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *reason = NULL, *e;
	int64_t		*ids = NULL;
	size_t		 n = 0;
	char		 q[64];
	int		 ch, i, rc, yes = 0;

	while ((ch = getopt(argc, argv, "f:r:y")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			reason = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (reason == NULL || (argc == 0 && isatty(STDIN_FILENO)))
		usage();
	if ((ids = reallocarray(NULL, argc + 1, sizeof(*ids))) == NULL)
		err(1, NULL);
	for (i = 0; i < argc; i++) {
		ids[n++] = strtonum(argv[i], 1, INT64_MAX, &e);
		if (e != NULL)
			errx(2, "invalid id '%s'", argv[i]);
	}
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE)) != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	if (argc == 0)
		rc = crm_ids_read(crm, stdin, &ids, &n);
	snprintf(q, sizeof(q), "reopen these %zu tasks? [y/N] ", n);
	if (rc == CRM_OK && !confirm(crm, q, ids, n, yes))
		errx(1, "nothing changed");
	if (rc == CRM_OK)
		rc = crm_task_reopen(crm, ids, n, reason);
	if (rc != CRM_OK)
		errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
	free(ids);
	crm_close(crm);
	return 0;
}

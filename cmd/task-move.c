/*
 * task-move: reschedule tasks, named as operands or piped in.  Every
 * move is kept, with who moved it, when and why, since the KPIs count
 * moves and lateness survives them.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-move [-f file] [-r reason] [id ...] date [time]\n");

struct move {
	int		 day, tm;
	const char	*reason;
};

static void
usage(void)
{
	cmd_usage(synopsis);
}

static int
move_one(struct crm *crm, int64_t id, void *arg)
{
	const struct move	*m = arg;

	return crm_task_move(crm, id, m->day, m->tm, m->reason);
}

/*
 * The date and time words from *k on, or from the number before them
 * ("13 15 декабря": 15 is the day): NULL, or the words not read.
 */
static char *
when(struct crm *crm, int argc, char *argv[], int *k, struct move *m)
{
	static char	*words;
	int		 from, day, min;

	/* From the number before the first word no id, on: the operands
	 * before the date words are ids, or refused as ids are. */
	for (from = *k > 0 ? *k - 1 : 0; from < argc; from++) {
		free(words);
		if ((words = crm_join(argc - from, argv + from)) == NULL)
			err(1, NULL);
		if (crm_when_parse(words, crm_today(crm), &day, &min) !=
		    CRM_OK || day == -1 || (min != -1 && m->tm == -2))
			continue;
		*k = from;
		m->day = day;
		if (min != -1)
			m->tm = min;
		return NULL;
	}
	free(words);
	if ((words = crm_join(argc - *k, argv + *k)) == NULL)
		err(1, NULL);
	return words;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct move	 m = { 0, -1, NULL };
	const char	*file = NULL, *date;
	int64_t		 one;
	int		 ch, k;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:r:")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'r':
			m.reason = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	/* The ids, then the date and time words: the first operand that
	 * is no id begins them, and every number after it is theirs. */
	if (argc == 0)
		usage();
	if (argc >= 2 && strcmp(argv[argc - 1], "-") == 0) {
		m.tm = -2;
		argc--;
	}
	for (k = 0; k < argc && crm_id_parse(argv[k], &one) == CRM_OK; k++)
		;
	if (k == argc)
		usage();	/* an id where the date should be */
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if ((date = when(crm, argc, argv, &k, &m)) != NULL &&
	    strchr(argv[argc - 1], ':') != NULL && argc - k >= 2)
		errx(2, _("invalid time '%s': try %s"), argv[argc - 1],
		    crm_date_forms(CRM_FORMS_TIME));
	if (date != NULL)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	argc = k;
	cmd_ids_each(crm, argc, argv, move_one, &m);
	crm_close(crm);
	return 0;
}

/*
 * common_when.c: the date and time words a person types where a tool
 * takes a date: operands (task-move, task-return: "15 декабря 10:00")
 * and options (task-add -d, task-done -D), read by the library's one
 * grammar (crm_when_parse) so that every tool reads a phrase alike.
 * Linked from libcmd.a.
 */
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

/*
 * The date and time words of argv from *k on, or from the number before
 * them ("13 15 декабря": 15 is the day), read as one phrase by the
 * grammar of every date (crm_when_parse()): 0 with *k where they begin,
 * -1 when they are no date.
 */
static int
when_words(struct crm *crm, int argc, char *argv[], int *k, int *day,
    int *tm)
{
	char	*words;
	int	 from, d, min, rc;

	for (from = *k > 0 ? *k - 1 : 0; from < argc; from++) {
		if ((words = crm_join(argc - from, argv + from)) == NULL)
			err(1, NULL);
		rc = crm_when_parse(words, crm_today(crm), &d, &min);
		free(words);
		if (rc != CRM_OK || d == -1 || (min != -1 && *tm == -2))
			continue;
		*k = from;
		*day = d;
		if (min != -1)
			*tm = min;
		return 0;
	}
	return -1;
}

/*
 * The operands "[id ...] date [time]" of a tool that gives tasks a new
 * due date (task-move, task-return): the ids first, then the date and
 * time words, one phrase as every tool reads a date ("15 декабря",
 * "завтра 10:00", "пт"), a last "-" for no time.  *left is the number
 * of ids, *day the day, *tm the time in minutes (-1: none said, keep
 * it; -2: "-", none).  An id where the date should be is a usage error;
 * words that are no date exit 2 with the forms.
 */
void
cmd_when_operands(struct crm *crm, int argc, char *argv[], int *left,
    int *day, int *tm, const char *synopsis)
{
	char	*words;
	int64_t	 one;
	int	 k;

	*tm = -1;
	if (argc >= 2 && strcmp(argv[argc - 1], "-") == 0) {
		*tm = -2;
		argc--;
	}
	/* The first operand that is no id begins the date words, and
	 * every number after it is theirs. */
	for (k = 0; k < argc && crm_id_parse(argv[k], &one) == CRM_OK; k++)
		;
	if (k == argc)
		cmd_usage(synopsis);	/* an id where the date should be */
	if (when_words(crm, argc, argv, &k, day, tm) == 0) {
		*left = k;
		return;
	}
	if (strchr(argv[argc - 1], ':') != NULL && argc - k >= 2)
		errx(2, _("invalid time '%s': try %s"), argv[argc - 1],
		    crm_date_forms(CRM_FORMS_TIME));
	if ((words = crm_join(argc - k, argv + k)) == NULL)
		err(1, NULL);
	errx(2, _("invalid date '%s': try %s"), words,
	    crm_date_forms(CRM_FORMS_DATE));
}

/*
 * The value s of a date option that has a time beside it (task-add -d,
 * task-done -D), read as every date is: a date, relative to today, or a
 * date and a time said together ("завтра 10:00"): *day, and *tm when
 * the words say a time.  tmopt is the time option's value (NULL: none),
 * already in *tm, which another time in the words contradicts (exit 2).
 * Returns 0, or -1 when s is no date.
 */
int
cmd_date_opt(struct crm *crm, const char *s, int today, int *day, int *tm,
    const char *tmopt)
{
	int	 d, min;

	if (crm_date_parse(s, today, day) == CRM_OK)
		return 0;
	if (crm_when_parse(s, today, &d, &min) != CRM_OK || d == -1)
		return -1;
	if (min != -1 && tmopt != NULL && min != *tm)
		errx(2, _("the words say %02d:%02d, -T says %02d:%02d"),
		    min / 60, min % 60, *tm / 60, *tm % 60);
	*day = d;
	if (min != -1)
		*tm = min;
	return 0;
}

/*
 * taskcmd.h: what the tools that close, cancel, reopen or edit tasks
 * share: the ids they take (ids.h), and the question they ask before
 * they change more than one, so that a pipe that took in too much can
 * still be stopped.  Each of those tools includes it: the code is written once,
 * here.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "ids.h"

static int
confirm_row(const struct crm_task *t, void *arg)
{
	return crm_task_row(arg, t) != CRM_OK;
}

/*
 * Whether to go on with the n tasks ids.  Yes for one task, with -y
 * (yes), and when nobody is there to ask: standard error is not a
 * terminal or /dev/tty does not open (cron, scripts).  Otherwise the
 * tasks are listed on the terminal, then the question, and the answer
 * is read from it; end of input is no.
 */
static int
confirm(struct crm *crm, const char *question, const int64_t *ids,
    size_t n, int yes)
{
	struct crm_out	*o;
	FILE		*tty;
	char		 line[64];
	int		 ok = 0, rc;

	if (yes || n < 2 || !isatty(STDERR_FILENO) ||
	    (tty = fopen("/dev/tty", "r+")) == NULL)
		return 1;
	if ((o = crm_out_open(tty, CRM_FMT_TABLE, 0, crm_task_view,
	    CRM_TASK_NLIST)) != NULL) {
		rc = crm_task_get(crm, ids, n, confirm_row, o);
		if (crm_out_close(o) == CRM_OK && rc == CRM_OK &&
		    fputs(question, tty) != EOF && fflush(tty) != EOF)
			ok = fgets(line, sizeof(line), tty) != NULL &&
			    cmd_yes(line);
	}
	fclose(tty);
	return ok;
}

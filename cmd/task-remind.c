/*
 * task-remind: run from cron every 10 to 15 minutes, mail each person
 * the tasks due within the next minutes of the regulations, and each
 * head the team's tasks overdue for long; every reminder once.
 */
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-remind [-M] [-F from] [-f file] [-S command]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/*
 * Claim, then send or write one person's reminders; 0 when done, 1 when
 * they could not go (claims forgotten, so the next run retries).
 */
static int
one(struct crm *crm, struct crm_remind *r, const char *from,
    const char *send, const char *now)
{
	char	*msg = NULL;
	int	 rc;

	if (r->dg.email == NULL)	/* nobody to mail: nothing claimed */
		return 0;
	cmd_check(crm, crm_remind_claim(crm, r));
	if (r->n == 0)		/* another run took them all */
		return 0;
	if ((rc = crm_digest_mail(crm, &r->dg, from, &msg)) == CRM_OK) {
		if (send != NULL)
			rc = crm_mail_send(crm, send, msg);
		else
			rc = crm_mail_mbox(stdout, "task-remind", now, msg);
	}
	free(msg);
	if (rc == CRM_OK)
		return 0;
	warnx("%s: %s", r->dg.login, crm_errmsg(crm));
	cmd_check(crm, crm_remind_unclaim(crm, r));
	return 1;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_remind	*r;
	const char		*file = NULL, *send = NULL, *from = NULL;
	char			*own = NULL, now[20];
	size_t			 i, n;
	int			 ch, bad = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "F:f:MS:")) != -1)
		switch (ch) {
		case 'F':
			from = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'S':
			send = optarg;
			break;
		case 'M':
			if (send == NULL)
				send = "sendmail -t";
			break;
		default:
			usage();
		}
	if (optind != argc)
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (from == NULL && (from = own = crm_mail_sender(crm)) == NULL)
		err(1, NULL);
	if (send != NULL)
		signal(SIGPIPE, SIG_IGN);
	crm_now(crm, now);
	cmd_check(crm, crm_remind_list(crm, &r, &n));
	for (i = 0; i < n; i++)
		bad |= one(crm, &r[i], from, send, now);
	if (fflush(stdout) != 0 || ferror(stdout))
		errx(1, _("write error on standard output"));
	crm_remind_free(r, n);
	free(own);
	crm_close(crm);
	return bad;
}

/*
 * crm-digest: the morning digest of a manager's day or a head's team, as
 * text or as mail messages that sendmail delivers, so that cron can bring
 * each person their day without anyone opening a terminal.
 */
#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

struct opts {
	int		 mail;		/* -m: messages, not text */
	const char	*send;		/* -s, -S: the command */
	const char	*from;
	char		 now[20];
	int		 bad;		/* someone not sent */
};

static const char synopsis[] =
    N_("usage: crm-digest [-aMmO] [-d date] [-F from] [-f file] [-S "
    "command]\n"
    "                  [-u login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* Everyone who gets a digest: active managers and heads. */
static int
add_person(const struct crm_person *p, void *arg)
{
	if (p->active && (p->role == CRM_ROLE_MANAGER ||
	    p->role == CRM_ROLE_HEAD))
		cmd_logins_add(arg, p->login, 1);
	return 0;
}

/* Write or send the digest of one person. */
static void
one(struct crm *crm, struct opts *o, const char *login, int day, int many,
    int *first)
{
	struct crm_digest	 dg;
	char			*msg = NULL;
	int			 rc;

	cmd_check(crm, crm_digest_make(crm, login, day, &dg));
	if (!o->mail) {
		printf("%s%s", *first ? "" : "\n", dg.text);
		*first = 0;
	} else if ((rc = crm_digest_mail(crm, &dg, o->from, &msg)) !=
	    CRM_OK) {
		if (rc != CRM_ENOENT && rc != CRM_EINVAL)
			cmd_fail(crm, rc);
		warnx("%s", crm_errmsg(crm));
		o->bad = 1;
	} else if (o->send != NULL) {
		if (crm_mail_send(crm, o->send, msg) != CRM_OK) {
			warnx("%s: %s", login, crm_errmsg(crm));
			o->bad = 1;
		}
	} else if (many)
		crm_mail_mbox(stdout, "crm-digest", o->now, msg);
	else
		fputs(msg, stdout);
	free(msg);
	crm_digest_clear(&dg);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct cmd_logins w = { NULL, 0 };
	struct opts	 o;
	const char	*date = NULL, *login = NULL, *file = NULL;
	char		*from = NULL;
	size_t		 i;
	int		 ch, all = 0, force = 0, day, rc, wd, first = 1;

	memset(&o, 0, sizeof(o));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "ad:F:f:MmOS:u:")) != -1)
		switch (ch) {
		case 'a':
			all = 1;
			break;
		case 'd':
			date = optarg;
			break;
		case 'F':
			o.from = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'm':
			o.mail = 1;
			break;
		case 'O':
			force = 1;
			break;
		case 'S':
			o.send = optarg;
			/* FALLTHROUGH */
		case 'M':
			o.mail = 1;
			if (o.send == NULL)
				o.send = "sendmail -t";
			break;
		case 'u':
			login = optarg;
			break;
		default:
			usage();
		}
	if (optind != argc || (all && login != NULL))
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (date == NULL)
		day = crm_today(crm);
	else if (crm_date_parse(date, crm_today(crm), &day) != CRM_OK)
		errx(2, _("invalid date '%s': try %s"), date,
		    crm_date_forms(CRM_FORMS_DATE));
	if ((wd = crm_workday(crm, day)) < 0)
		errx(1, "%s", crm_errmsg(crm));
	if (!wd && !force) {
		crm_close(crm);
		return 0;
	}
	crm_now(crm, o.now);
	if (o.mail && o.from == NULL)
		if ((o.from = from = crm_mail_sender(crm)) == NULL)
			err(1, NULL);
	if (o.send != NULL)
		signal(SIGPIPE, SIG_IGN);
	if (all && (rc = crm_person_each(crm, 0, add_person, &w)) != CRM_OK)
		cmd_fail(crm, rc);
	if (!all)
		cmd_logins_add(&w, login != NULL ? login :
		    crm_actor(crm)->login, 1);
	for (i = 0; i < w.n; i++)
		one(crm, &o, w.login[i], day, all, &first);
	if (fflush(stdout) != 0 || ferror(stdout))
		errx(1, _("write error on standard output"));
	cmd_logins_clear(&w);
	free(from);
	crm_close(crm);
	return o.bad;
}

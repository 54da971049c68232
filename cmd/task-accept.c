/*
 * task-accept: the head accepts the work a member of the team has done,
 * with a word of praise or none: the tasks named, piped in, or with -u
 * every done task of a person that waits for acceptance (done in a
 * period with -d), the head's daily review in one command.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-accept [-y] [-d period] [-f file] [-r comment] "
    "[-u login] [id ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

struct waiting {
	int64_t	*ids;
	size_t	 n;
	int	 oom;
};

static int
waiting_one(const struct crm_task *t, void *arg)
{
	struct waiting	*w = arg;
	int64_t		*p;

	if ((p = reallocarray(w->ids, w->n + 1, sizeof(*p))) == NULL) {
		w->oom = 1;
		return 1;
	}
	w->ids = p;
	w->ids[w->n++] = t->id;
	return 0;
}

/*
 * The done tasks of login that wait for the head's acceptance (-u), done
 * in period when not NULL (-d), in the order they were done; or exit.
 */
static int64_t *
waiting(struct crm *crm, const char *login, const char *period,
    size_t *n)
{
	struct crm_task_filter	 f;
	struct waiting		 w = { NULL, 0, 0 };

	memset(&f, 0, sizeof(f));
	f.assignee = login;
	f.state = "pending";
	if (period != NULL) {
		f.closed = f.dated = 1;
		if (crm_period_parse(period, crm_today(crm), &f.from,
		    &f.to) != CRM_OK)
			errx(2, _("invalid period '%s': try %s"), period,
			    crm_date_forms(CRM_FORMS_PERIOD));
	}
	cmd_check(crm, crm_task_list(crm, &f, waiting_one, &w));
	if (w.oom)
		err(1, NULL);
	*n = w.n;
	return w.ids;
}

static int
accept_one(struct crm *crm, int64_t id, void *word)
{
	return crm_task_accept(crm, id, word);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *period = NULL, *login = NULL;
	char		*word = NULL;
	int64_t		*ids;
	size_t		 n;
	int		 ch, rc, yes = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "d:f:r:u:y")) != -1)
		switch (ch) {
		case 'd':
			period = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'r':
			word = optarg;
			break;
		case 'u':
			login = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if ((login != NULL && argc > 0) || (period != NULL && login == NULL))
		usage();
	if (login == NULL && argc == 0 && isatty(STDIN_FILENO))
		cmd_usagex(synopsis, _("an id is required"));
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (login != NULL)
		ids = waiting(crm, login, period, &n);
	else
		ids = cmd_ids(crm, argc, argv, &n);
	if (n > 0)
		cmd_ask(crm, ids, n, yes, n_("accept this %zu task? [y/N] ",
		    "accept these %zu tasks? [y/N] ", n), n);
	if (n > 0 && (rc = crm_ids_each(crm, ids, n, accept_one, word)) !=
	    CRM_OK)
		cmd_fail(crm, rc);
	free(ids);
	crm_close(crm);
	return 0;
}

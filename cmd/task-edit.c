/*
 * task-edit: correct what a task says (title, kind, client, deal, note,
 * time) or give it to another member of the team, by id or from a view
 * piped in; the due date stays task-move's, so that moves are counted.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: task-edit [-y] [-c client] [-f file] [-k kind] [-l deal] "
    "[-N title]\n"
    "                 [-n note] [-T time] [-u login] [id ...]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* "-" is none. */
static const char *
none(const char *s)
{
	return strcmp(s, "-") == 0 ? "" : s;
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct crm_task_edit	 ed;
	const char		*file = NULL, *deal = NULL;
	int64_t			*ids;
	size_t			 n;
	int			 ch, any = 0, yes = 0;

	memset(&ed, 0, sizeof(ed));
	ed.deal = -1;
	ed.time = -1;
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "c:f:k:l:N:n:T:u:y")) != -1) {
		any += ch != 'f' && ch != 'y';
		switch (ch) {
		case 'c':
			ed.client = none(optarg);
			break;
		case 'f':
			file = optarg;
			break;
		case 'k':
			ed.kind = optarg;
			break;
		case 'l':
			deal = optarg;
			break;
		case 'n':
			ed.note = none(optarg);
			break;
		case 'N':
			ed.title = optarg;
			break;
		case 'T':
			if (strcmp(optarg, "-") == 0)
				ed.time = -2;
			else if (crm_time_parse(optarg, &ed.time) != CRM_OK)
				errx(2, _("invalid time '%s': try %s"), optarg,
				    crm_date_forms(CRM_FORMS_TIME));
			break;
		case 'u':
			ed.assignee = optarg;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	}
	argc -= optind;
	argv += optind;
	if (any == 0 || (argc == 0 && isatty(STDIN_FILENO)))
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	ed.kind = crm_code(crm, "kind", ed.kind);
	if (deal != NULL)
		ed.deal = strcmp(deal, "-") == 0 ? 0 :
		    cmd_find(crm, crm_deal_find, deal);
	crm_notice_set(crm, cmd_warn, NULL);
	ids = cmd_ids(crm, argc, argv, &n);
	cmd_ask(crm, ids, n, yes, n_("change this %zu task? [y/N] ",
	    "change these %zu tasks? [y/N] ", n), n);
	cmd_check(crm, crm_task_edit(crm, ids, n, &ed));
	free(ids);
	crm_close(crm);
	return 0;
}

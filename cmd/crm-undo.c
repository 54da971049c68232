/*
 * crm-undo: take back one's last command (a pipe that closed too much, a
 * move to the wrong day, a deal marked won by mistake), as a new change
 * in the log; the history stays.
 * It says what it takes back, and on a terminal asks first, so that
 * nobody takes back the wrong command without seeing it.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-undo [-vy] [-f file]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* What list() prints to: the stream, and whether the command is named. */
struct shown {
	FILE	*fp;
	int	 named;
};

/*
 * The command first, then each record, in the person's words: "  task
 * 12 (done): Позвонить", "  сделка 3 (смена этапа): Поставка".
 */
static int
show(const struct crm_undo_item *it, void *arg)
{
	struct shown	*s = arg;
	char		*t = NULL;

	if (!s->named) {
		fprintf(s->fp, _("crm-undo: your last command, %s, takes "
		    "back:\n"), it->tool);
		s->named = 1;
	}
	if (it->title != NULL && (t = crm_escape(it->title)) == NULL)
		err(1, NULL);
	fprintf(s->fp, "  %s %lld (%s)%s%s\n", cmd_word("entity", it->entity),
	    (long long)it->id, cmd_word("action", it->action),
	    t != NULL ? ": " : "", t != NULL ? t : "");
	free(t);
	return 0;
}

/* What is taken back, on fp: the command and its records. */
static void
list(struct crm *crm, FILE *fp)
{
	struct shown	 s = { fp, 0 };
	int64_t		 cmd;

	cmd_check(crm, crm_undo_list(crm, &cmd, show, &s));
}

/*
 * On a terminal, unless -y: show what is taken back and ask; y, yes, д
 * and да go on, anything else (end of input too) is no.
 */
static int
ask(struct crm *crm)
{
	FILE	*tty;
	char	 line[64];
	int	 ok;

	if (!isatty(STDERR_FILENO) || (tty = fopen("/dev/tty", "r+")) ==
	    NULL)
		return 1;
	list(crm, tty);
	fputs(_("take it back? [y/N] "), tty);
	fflush(tty);
	ok = fgets(line, sizeof(line), tty) != NULL && cmd_yes(line);
	fclose(tty);
	return ok;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL;
	int64_t		 cmd;
	int		 ch, verbose = 0, yes = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "f:vy")) != -1)
		switch (ch) {
		case 'f':
			file = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'y':
			yes = 1;
			break;
		default:
			usage();
		}
	if (argc != optind)
		usage();
	crm = cmd_open(file, CRM_OPEN_NOCREATE);
	if (!yes && !ask(crm))
		errx(1, _("nothing changed"));
	if (verbose)
		list(crm, stderr);
	cmd_check(crm, crm_undo(crm, &cmd));
	if (verbose)
		fprintf(stderr, _("crm-undo: command %lld undone\n"),
		    (long long)cmd);
	crm_close(crm);
	return 0;
}

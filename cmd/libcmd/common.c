/*
 * common.c: the grammar every tool shares (crm(7), THE GRAMMAR): one
 * meaning for each option letter, --help and --version, the usage on a
 * mistake with what is missing named, and one dispatch for the tools
 * that manage things by verb.  Linked into every tool (libcmd.a).
 */
#include <ctype.h>
#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

/*
 * Every option letter of every tool, and its one meaning.  args: the
 * names its argument goes by in the usages, space-separated; "-" where
 * the letter takes none.  crm(7) prints this table and tests/15-letters.t
 * holds every usage and SYNOPSIS to it: a line here is one letter.
 */
static const struct letter {
	int		 l;
	const char	*args;
	const char	*meaning;
} letters[] = {
	{ 'A', "amount", N_("the amount of a deal, in roubles") },
	{ 'a', "-", N_("all: everyone you may see, or every record") },
	{ 'B', "-", N_("root: accept the database behind its anchor, "
	    "after a loss crm-verify reported") },
	{ 'b', "charset", N_("the encoding of the file read: utf-8, "
	    "cp1251") },
	{ 'C', "-", N_("the correlations of the use of crm and sales") },
	{ 'c', "client", N_("a client: its id, INN or a part of its name") },
	{ 'D', "due-date", N_("a due date after the date: an invoice's, "
	    "a follow-up's") },
	{ 'd', "date period due close-date when", N_("the date, or the "
	    "period, the command is about") },
	{ 'E', "until", N_("the end date of a series of tasks") },
	{ 'e', "email", N_("an e-mail address") },
	{ 'F', "from", N_("the sender of the mail sent") },
	{ 'f', "file", N_("the database (crm(5))") },
	{ 'G', "profit", N_("the gross profit of a deal, in roubles") },
	{ 'g', "role", N_("a role: manager, head, director or admin") },
	{ 'H', "-", N_("a header line in TSV") },
	{ 'h', "head", N_("a head, by login: a person's head, a team") },
	{ 'I', "inn", N_("an INN (taxpayer number)") },
	{ 'i', "-", N_("output in iCalendar, for a calendar program") },
	{ 'j', "-", N_("JSON Lines output") },
	{ 'K', "-", N_("check only: say what would be done, change "
	    "nothing") },
	{ 'k', "kind", N_("the kind of a task, a document or a record") },
	{ 'L', "map", N_("read a header as a column: HEADER=column") },
	{ 'l', "deal", N_("a deal: its id or a part of its title") },
	{ 'M', "-", N_("send the mail with sendmail -t") },
	{ 'm', "-", N_("complete mail messages instead of text") },
	{ 'N', "title", N_("a title: a task's new one, a follow-up's") },
	{ 'n', "note", N_("a note") },
	{ 'O', "-", N_("even on a day off") },
	{ 'o', "file", N_("write the output to this file") },
	{ 'P', "phone", N_("a telephone number") },
	{ 'p', "-", N_("the aligned table for people, even into a pipe") },
	{ 'Q', "-", N_("only say what the words would make: nothing is made") },
	{ 'q', "text", N_("the records that hold this text") },
	{ 'R', "repeat -", N_("a series: the rule a task repeats by, or the "
	    "whole series") },
	{ 'r', "reason result findings comment", N_("why, or what came of "
	    "it: a reason, a result, findings, the head's comment") },
	{ 'S', "command", N_("send each message through this command") },
	{ 's', "status stage", N_("a state: a task's status, a deal's stage") },
	{ 'T', "time", N_("a time of day") },
	{ 't', "-", N_("TSV output, even on a terminal") },
	{ 'U', "-", N_("only the invoices not paid yet") },
	{ 'u', "login", N_("a person, by login: whose records, or the owner") },
	{ 'v', "-", N_("verbose: say what was done, on standard error") },
	{ 'w', "-", N_("only the deals without a next step") },
	{ 'x', "-", N_("the CSV that Russian Excel opens directly") },
	{ 'y', "-", N_("yes: do not ask") },
};

static const struct letter *
letter_find(int l)
{
	size_t	 i;

	for (i = 0; i < sizeof(letters) / sizeof(letters[0]); i++)
		if (letters[i].l == l)
			return &letters[i];
	return NULL;
}

/* The spaces that pad s, in UTF-8, to w characters wide. */
static int
pad(const char *s, int w)
{
	for (; *s != '\0'; s++)
		if ((*s & 0xc0) != 0x80)
			w--;
	return w > 0 ? w : 0;
}

/*
 * The lines of --help after the usage: one for each letter the usage
 * shows, sorted, each once, with the argument the usage gives it.
 */
static void
help(const char *synopsis)
{
	const struct letter	*lt;
	const char		*p, *q;
	char			 arg[256][32];
	int			 c, i, seen[256] = { 0 };
	size_t			 n;

	for (p = synopsis; (p = strchr(p, '-')) != NULL; p++) {
		if (p[-1] != '[' && p[-1] != ' ' && p[-1] != '|')
			continue;
		for (q = p + 1; isalpha((unsigned char)*q); q++)
			seen[(unsigned char)*q] = 1;
		if (q != p + 2 || *q != ' ' || q[1] == '-' || q[1] == '[' ||
		    q[1] == '|')
			continue;
		n = strcspn(q + 1, " ]\n");
		if (n >= sizeof(arg[0]) || (!islower((unsigned char)q[1]) &&
		    (unsigned char)q[1] < 0x80))
			continue;
		memcpy(arg[(unsigned char)p[1]], q + 1, n);
		arg[(unsigned char)p[1]][n] = '\0';
		seen[(unsigned char)p[1]] = 2;
	}
	/* sorted as getopt strings are: A a B b ... */
	for (i = 0; i < 52; i++) {
		c = i % 2 == 0 ? 'A' + i / 2 : 'a' + i / 2;
		if (!seen[c] || (lt = letter_find(c)) == NULL)
			continue;
		printf("  -%c %s%*s %s\n", c, seen[c] == 2 ? arg[c] : "",
		    pad(seen[c] == 2 ? arg[c] : "", 12), "", _(lt->meaning));
	}
}

/*
 * What every tool does first: the person's language, before any message
 * (crm(7), Language); then --help prints the usage and a line for each
 * option to standard output, --version the version; both exit 0.
 */
void
cmd_start(int argc, char *argv[], const char *synopsis)
{
	crm_locale_init();
	if (argc < 2)
		return;
	if (strcmp(argv[1], "--help") == 0) {
		fputs(_(synopsis), stdout);
		help(_(synopsis));
		printf(_("See %s(1) and crm(7).\n"), getprogname());
		exit(fflush(stdout) == EOF ? 1 : 0);
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("%s (crm) %s\n", getprogname(), CRM_VERSION);
		exit(fflush(stdout) == EOF ? 1 : 0);
	}
}

/*
 * A code (a kind, a state) as people read it: the catalogue's word in
 * the context ctx, as the library's aligned view shows it, else the code.
 */
const char *
cmd_word(const char *ctx, const char *code)
{
	static char	 key[128];
	const char	*t;

	if ((size_t)snprintf(key, sizeof(key), "%s\004%s", ctx, code) >=
	    sizeof(key) || (t = dgettext("crm", key)) == key)
		return code;
	return t;
}

/*
 * A notice of the library (crm_notice_set), a record skipped or a
 * change let through with a warning: one line on standard error; the
 * tool goes on.
 */
void
cmd_warn(const char *msg, void *arg)
{
	(void)arg;
	warnx("%s", msg);
}

/* The usage on standard error; exit 2: the command line was not right. */
void
cmd_usage(const char *synopsis)
{
	fputs(_(synopsis), stderr);
	exit(2);
}

/* What is missing or wrong, then the usage; exit 2. */
void
cmd_usagex(const char *synopsis, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	cmd_usage(synopsis);
}

/*
 * The verb of a tool that manages things by verb: argv[1] names one of
 * the n verbs, or, when it is missing or an option, the verb def (-1:
 * none, a usage error).  The verb is taken off the arguments, so that
 * getopt(3) reads its options next, and names the program in its
 * messages.
 */
const struct cmd_verb *
cmd_verb(const struct cmd_verb *verbs, size_t n, int def, int *argc,
    char ***argv, const char *synopsis)
{
	const char	*name;
	size_t		 i;

	if (*argc < 2 || (*argv)[1][0] == '-') {
		if (def < 0)
			cmd_usagex(synopsis, _("a command is required"));
		return &verbs[def];
	}
	name = (*argv)[1];
	for (i = 0; i < n; i++)
		if (strcmp(verbs[i].name, name) == 0)
			break;
	if (i == n) {
		if (def < 0)
			cmd_usagex(synopsis, _("unknown command '%s'"), name);
		return &verbs[def];
	}
	(*argv)[1] = (*argv)[0];
	(*argc)--;
	(*argv)++;
	return &verbs[i];
}

/* After getopt: the number of operands left is the verb's, or exit 2. */
void
cmd_operands(const struct cmd_verb *v, int argc, const char *synopsis)
{
	if (argc < v->min)
		cmd_usagex(synopsis, _("%s: an operand is missing"), v->name);
	if (argc > v->max)
		cmd_usagex(synopsis, _("%s: too many operands"), v->name);
}

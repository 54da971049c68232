/*
 * crm-shell: the forced command of a person's key on the department's
 * server (command="crm-shell" in authorized_keys, as gitolite's), so
 * that a person whose own machine holds no secret works over ssh: it
 * runs one crm tool, by its installed path, with the words the person's
 * ssh sent, as that person's Unix user, and nothing else: no shell, no
 * command of theirs, no file of the server.
 */
#include <err.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

#ifndef CRM_BINDIR
#define CRM_BINDIR	"/usr/local/bin"
#endif

#define MAXWORDS	256
#define MAXENV		24

static const char synopsis[] =
    N_("usage: crm-shell\n");

/* How a tool's operands may name a file of the server. */
enum files {
	FILES_NONE,	/* none does */
	FILES_ALL,	/* every operand is a file: none is allowed */
	FILES_VERB	/* crm-rules import, calendar load: "-" only */
};

/*
 * The tools a person may run, each with the letters of its getopt(3)
 * string (for a tool of verbs, every verb's), so that each word is read
 * as the tool will read it; tests/92-crm-shell.t holds this table to
 * cmd/.  A letter followed by ':' takes an argument.
 */
static const struct tool {
	const char	*name;
	const char	*opts;
	enum files	 files;
} tools[] = {
	{ "client-add",		"e:f:I:n:P:u:",			FILES_NONE },
	{ "client-edit",	"f:",				FILES_NONE },
	{ "client-list",	"f:Hjptu:",			FILES_NONE },
	{ "client-merge",	"f:",				FILES_NONE },
	{ "crm-backup",		"f:",				FILES_ALL },
	{ "crm-control",	"Hd:f:jn:pr:t",			FILES_NONE },
	{ "crm-digest",		"ad:F:f:MmOS:u:",		FILES_NONE },
	{ "crm-erase",		"f:",				FILES_NONE },
	{ "crm-export",		"f:jk:x",			FILES_NONE },
	{ "crm-import",		"b:f:Kk:L:v",			FILES_ALL },
	{ "crm-log",		"f:Hjk:ptu:",			FILES_NONE },
	{ "crm-rules",		"aHf:jpt",			FILES_VERB },
	{ "crm-undo",		"f:vy",				FILES_NONE },
	{ "crm-user",		"aHe:f:g:h:jpt",		FILES_NONE },
	{ "crm-verify",		"Bf:v",				FILES_NONE },
	{ "deal-add",		"A:d:f:G:s:u:",			FILES_NONE },
	{ "deal-edit",		"f:",				FILES_NONE },
	{ "deal-list",		"ac:f:Hjps:tu:w",		FILES_NONE },
	{ "deal-stage",		"f:Hjpr:t",			FILES_NONE },
	{ "doc-add",		"D:d:f:k:",			FILES_NONE },
	{ "doc-edit",		"f:",				FILES_NONE },
	{ "doc-list",		"f:Hjk:l:ptUu:",		FILES_NONE },
	{ "doc-pay",		"d:f:",				FILES_NONE },
	{ "kpi-report",		"aCd:f:Hh:jo:ptu:",		FILES_NONE },
	{ "plan-check",		"aHd:f:jptu:",			FILES_NONE },
	{ "task-accept",	"d:f:r:u:y",			FILES_NONE },
	{ "task-add",		"c:d:E:f:k:l:n:OQR:T:u:v",	FILES_NONE },
	{ "task-cancel",	"f:Rr:y",			FILES_NONE },
	{ "task-done",		"D:d:f:k:N:r:T:y",		FILES_NONE },
	{ "task-edit",		"c:f:k:l:N:n:T:u:y",		FILES_NONE },
	{ "task-list",		"Hac:d:f:ijk:l:pq:s:tu:",	FILES_NONE },
	{ "task-move",		"f:r:",				FILES_NONE },
	{ "task-remind",	"F:f:MS:",			FILES_NONE },
	{ "task-reopen",	"f:r:y",			FILES_NONE },
	{ "task-return",	"f:r:",				FILES_NONE },
	{ "task-today",		"Had:f:ijptu:",			FILES_NONE },
};

/* A refusal: the message, exit 1. */
static void __attribute__((__noreturn__, __format__(__printf__, 1, 2)))
refuse(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	vwarnx(fmt, ap);
	va_end(ap);
	exit(1);
}

static const struct tool *
tool_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]); i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	refuse(_("'%s' is not a crm tool"), name);
}

/* One option letter c of tool t, with its argument arg (or NULL). */
static void
option(const struct tool *t, int c, const char *arg)
{
	if (c == 'f')
		refuse(_("%s: -f is refused over ssh: the department's "
		    "database is the one the server names"), t->name);
	if (c == 'S')
		refuse(_("%s: -S is refused over ssh: it would run a "
		    "command on the server"), t->name);
	if (c == 'o' && (arg == NULL || strcmp(arg, "-") != 0))
		refuse(_("%s: -o '%s' is refused over ssh: it would write "
		    "a file on the server (-o - writes to standard output)"),
		    t->name, arg == NULL ? "" : arg);
}

/* Operand number i of tool t, its verb v (or NULL): never a file. */
static void
operand(const struct tool *t, const char *v, size_t i, const char *w)
{
	int	 file;

	switch (t->files) {
	case FILES_ALL:
		file = 1;
		break;
	case FILES_VERB:
		file = v != NULL && i > 0 && (strcmp(v, "import") == 0 ||
		    (strcmp(v, "calendar") == 0 && i > 1)) &&
		    strcmp(w, "-") != 0;
		break;
	default:
		file = 0;
	}
	if (file)
		refuse(_("%s: the file '%s' is refused over ssh: give it on "
		    "standard input"), t->name, w);
}

/*
 * Read the words after the tool's name as its getopt(3) will, operands
 * among the options included (as glibc's does), up to "--".
 */
static void
check(const struct tool *t, char *w[], size_t n)
{
	const char	*p, *o, *v = NULL;
	size_t		 i, k = 0;
	int		 opts = 1;

	if (n > 1 && w[1][0] != '-')
		v = w[1];
	for (i = 1; i < n; i++) {
		if (opts && strcmp(w[i], "--") == 0) {
			opts = 0;
			continue;
		}
		if (!opts || w[i][0] != '-' || w[i][1] == '\0') {
			operand(t, v, k++, w[i]);
			continue;
		}
		for (p = w[i] + 1; *p != '\0'; p++) {
			o = *p == ':' ? NULL : strchr(t->opts, *p);
			if (o == NULL || o[1] != ':') {
				option(t, *p, NULL);
				continue;
			}
			option(t, *p, p[1] != '\0' ? p + 1 :
			    i + 1 < n ? w[++i] : NULL);
			break;
		}
	}
}

/* Whether s is a plain value for a locale or a terminal's name. */
static int
plain(const char *s)
{
	return strlen(s) < 64 && s[strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789_.@:+-")] == '\0';
}

/*
 * The tool's environment, made anew: who the person is from the password
 * database, a fixed PATH, and only the department, the language and the
 * terminal of theirs (CRM_DB and the like never pass).
 */
static void
environment(char *env[], size_t max)
{
	static const char *const keep[] = { "CRM_DEPT", "TERM", "LANG",
	    "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LC_CTYPE", "LC_TIME",
	    "LC_NUMERIC", "LC_COLLATE", "LC_MONETARY", NULL };
	struct passwd		 *pw;
	const char		 *s;
	size_t			  n = 0, i;

	if ((pw = getpwuid(getuid())) == NULL)
		refuse(_("user %ld is not in the password database"),
		    (long)getuid());
	if (asprintf(&env[n++], "HOME=%s", pw->pw_dir) == -1 ||
	    asprintf(&env[n++], "USER=%s", pw->pw_name) == -1 ||
	    asprintf(&env[n++], "LOGNAME=%s", pw->pw_name) == -1 ||
	    (env[n++] = strdup("PATH=/usr/bin:/bin")) == NULL)
		err(1, NULL);
	for (i = 0; keep[i] != NULL && n + 1 < max; i++)
		if ((s = getenv(keep[i])) != NULL && plain(s) &&
		    asprintf(&env[n++], "%s=%s", keep[i], s) == -1)
			err(1, NULL);
	env[n] = NULL;
}

int
main(int argc, char *argv[])
{
	const struct tool	*t;
	const char		*line, *dept = NULL;
	char			*buf, *w[MAXWORDS + 1], **cmd, *env[MAXENV];
	char			 path[512];
	size_t			 n;

	cmd_start(argc, argv, synopsis);
	if (argc > 1)
		cmd_usage(synopsis);
	if ((line = getenv("SSH_ORIGINAL_COMMAND")) == NULL)
		line = "";
	if ((buf = malloc(strlen(line) + 1)) == NULL)
		err(1, NULL);
	if ((n = cmd_words(line, buf, w, MAXWORDS, synopsis)) == 0) {
		free(buf);
		cmd_usagex(synopsis, _("a command is required: ssh host "
		    "tool [argument ...]"));
	}
	w[n] = NULL;
	/* CRM_DEPT=NAME first, as sh sets a variable for one command */
	for (cmd = w; n > 1 && strncmp(*cmd, "CRM_DEPT=", 9) == 0; n--)
		dept = *cmd++;
	t = tool_find(cmd[0]);
	check(t, cmd, n);
	if (dept != NULL && setenv("CRM_DEPT", dept + 9, 1) == -1)
		err(1, NULL);
	environment(env, MAXENV);
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", CRM_BINDIR,
	    t->name) >= sizeof(path))
		errx(1, _("%s: path too long"), CRM_BINDIR);
	execve(path, cmd, env);
	err(1, "%s", path);
}

/*
 * common_words.c: a command line read into words as sh(1) reads plain
 * words, and nothing more: what crm-shell, the forced command of ssh
 * keys, runs no shell for.  Linked from libcmd.a.
 */
#include <err.h>
#include <string.h>

#include "crm.h"
#include "common.h"

/*
 * Split s into words as sh(1) reads plain words: blanks between words,
 * '...' and "..." quote, a backslash quotes the next character (in
 * double quotes only before $ ` " \ and a newline).  What sh would read
 * as more than a word (; | & $ ` < > ( ) and the like, a newline, a
 * pattern, a comment, ~) is refused: no shell runs here.  The words go
 * into buf (as long as s), their starts into w; the number of words.
 * A refusal exits 1, a quote not closed 2 with the usage, synopsis.
 */
size_t
cmd_words(const char *s, char *buf, char *w[], size_t max,
    const char *synopsis)
{
	char	*o = buf;
	int	 q = 0, in = 0;
	size_t	 n = 0;

	for (; *s != '\0'; s++) {
		if (q != '\'' && *s == '\\' && s[1] == '\n') {
			s++;	/* a line continued */
			continue;
		}
		if (q == 0 && strchr(" \t", *s) != NULL) {
			if (in) {
				*o++ = '\0';
				in = 0;
			}
			continue;
		}
		if (!in) {
			if (n == max)
				errx(1, _("more than %zu words"), max);
			w[n++] = o;
			in = 1;
		}
		if (q == '\'') {
			if (*s == '\'')
				q = 0;
			else
				*o++ = *s;
		} else if (q == '"') {
			if (*s == '"')
				q = 0;
			else if (*s == '\\' && s[1] != '\0' &&
			    strchr("$`\"\\", s[1]) != NULL)
				*o++ = *++s;
			else if (*s == '$' || *s == '`')
				errx(1, _("the shell character '%c' is refused: "
				    "crm-shell runs no shell"), *s);
			else
				*o++ = *s;
		} else if (*s == '\'' || *s == '"')
			q = *s;
		else if (*s == '\\' && s[1] != '\0')
			*o++ = *++s;
		else if (strchr(";|&$`<>()*?[]{}~#!\\\n\r", *s) != NULL)
			errx(1, _("the shell character '%c' is refused: "
			    "crm-shell runs no shell (quote it to mean it)"),
			    *s == '\n' || *s == '\r' ? ' ' : *s);
		else
			*o++ = *s;
	}
	if (q != 0)
		cmd_usagex(synopsis, _("a quote is not closed"));
	if (in)
		*o = '\0';
	return n;
}

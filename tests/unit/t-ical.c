/*
 * t-ical.c: iCalendar TEXT escaping and line folding (RFC 5545 3.1 and
 * 3.3.11): every physical line at most 75 octets and ended by CRLF, no
 * UTF-8 character and no backslash escape cut in two, and unfolding
 * gives back the line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "tap.h"

static void
test_escape(void)
{
	static const struct { const char *in, *want; } t[] = {
		{ "Позвонить в ООО «Ромашка»", "Позвонить в ООО «Ромашка»" },
		{ "a,b;c\\d", "a\\,b\\;c\\\\d" },
		{ "line1\nline2", "line1\\nline2" },
		{ "crlf\r\nnext", "crlf\\nnext" },
		{ "cr\rnext", "cr\\nnext" },
		{ "two\n\n", "two\\n\\n" },
		{ "tab\there", "tab\there" },
		{ "\033[31mred", "[31mred" },
		{ "bell\a del\177 nul-less", "bell del nul-less" },
		{ "c1\xc2\x9b.", "c1." },
		{ "bidi\xe2\x80\xae" "evil", "bidievil" },
		{ "lrm\xe2\x80\x8e\xe2\x81\xa6.", "lrm." },
		{ "bad\xff", "bad\xef\xbf\xbd" },
		{ "trunc\xd0", "trunc\xef\xbf\xbd" },
		{ "overlong\xc0\xaf", "overlong\xef\xbf\xbd\xef\xbf\xbd" },
		{ "ёЁ€😀", "ёЁ€😀" },
		{ "", "" },
	};
	size_t	 i;
	char	*s;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s = crm_ical_escape(t[i].in);
		is_str(s, t[i].want, "escape %zu", i);
		free(s);
	}
}

/* Fold line into a malloc'd string, as crm_ical_line writes it. */
static char *
fold(const char *line)
{
	char	*buf = NULL;
	size_t	 sz = 0;
	FILE	*fp;
	int	 rc;

	if ((fp = open_memstream(&buf, &sz)) == NULL)
		return NULL;
	rc = crm_ical_line(fp, line);
	fclose(fp);
	if (rc != CRM_OK) {
		free(buf);
		return NULL;
	}
	return buf;
}

/* An odd run of backslashes at the end of [s, e): an escape cut open. */
static int
open_escape(const char *s, const char *e)
{
	size_t	 k = 0;

	while (e > s && *--e == '\\')
		k++;
	return k % 2;
}

/*
 * Check the folded form f of line: each physical line at most 75
 * octets, ended by CRLF, continuation lines starting with one space,
 * each valid UTF-8 on its own, none ending inside an escape; unfolded,
 * the line again.  Returns NULL, or what is wrong.
 */
static const char *
check(const char *line, const char *f)
{
	static char	 phys[128];
	char		*un;
	const char	*p, *e;
	size_t		 n, first = 1, len = 0;
	const char	*why = NULL;

	if ((un = malloc(strlen(f) + 1)) == NULL)
		return "out of memory";
	for (p = f; *p != '\0' && why == NULL; p = e + 2) {
		if ((e = strstr(p, "\r\n")) == NULL) {
			why = "a line without CRLF";
			break;
		}
		n = e - p;
		if (n > 75)
			why = "a line over 75 octets";
		else if (memchr(p, '\n', n) != NULL ||
		    memchr(p, '\r', n) != NULL)
			why = "a bare CR or LF";
		else if (!first && *p != ' ')
			why = "a continuation without a space";
		else if (open_escape(p, e))
			why = "an escape cut open";
		memcpy(phys, p, n);
		phys[n] = '\0';
		if (why == NULL && !crm_text_valid(phys, 0))
			why = "a UTF-8 character cut in two";
		memcpy(un + len, p + !first, n - !first);
		len += n - !first;
		first = 0;
	}
	un[len] = '\0';
	if (why == NULL && strcmp(un, line) != 0)
		why = "unfolding does not give the line back";
	free(un);
	return why;
}

static void
test_fold_exact(void)
{
	char	 line[200], want[256], *f;
	int	 i;

	f = fold("VERSION:2.0");
	is_str(f, "VERSION:2.0\r\n", "a short line as it is, CRLF");
	free(f);
	memset(line, 'x', 75);
	line[75] = '\0';
	f = fold(line);
	ok(f != NULL && strlen(f) == 77 && strcmp(f + 75, "\r\n") == 0,
	    "75 octets: one line");
	free(f);
	memset(line, 'x', 76);
	line[76] = '\0';
	memset(want, 'x', 75);
	memcpy(want + 75, "\r\n x\r\n", 7);
	f = fold(line);
	is_str(f, want, "76 octets: the 76th on a continuation line");
	free(f);
	/* "SUMMARY:" is 8 octets, then 33 two-octet letters make 74. */
	strlcpy(line, "SUMMARY:", sizeof(line));
	for (i = 0; i < 34; i++)
		strlcat(line, "Ж", sizeof(line));
	f = fold(line);
	ok(f != NULL && strncmp(f + 74, "\r\n Ж\r\n", 8) == 0,
	    "a two-octet letter that would end at 76 goes to the next line");
	free(f);
	/* 74 octets, then \n: the backslash stays with its n. */
	memset(line, 'x', 74);
	strlcpy(line + 74, "\\nend", sizeof(line) - 74);
	memset(want, 'x', 74);
	strlcpy(want + 74, "\r\n \\nend\r\n", sizeof(want) - 74);
	f = fold(line);
	is_str(f, want, "an escape is not cut after its backslash");
	free(f);
	/* 73 octets, then \\ and n: cut after the escaped backslash. */
	memset(line, 'x', 73);
	strlcpy(line + 73, "\\\\nend", sizeof(line) - 73);
	memset(want, 'x', 73);
	strlcpy(want + 73, "\\\\\r\n nend\r\n", sizeof(want) - 73);
	f = fold(line);
	is_str(f, want, "an escaped backslash ends a line whole");
	free(f);
}

/* Every offset of many kinds of text: the properties hold. */
static void
test_fold_props(void)
{
	static const char *const unit[] = {
		"Ж", "€", "😀", "\\n", "\\,", "\\\\", "a", "Ё\\;",
	};
	char		 line[2048], *f;
	const char	*why, *bad = NULL;
	size_t		 u, pre, i, cases = 0;

	for (u = 0; u < sizeof(unit) / sizeof(unit[0]); u++)
		for (pre = 0; pre < 8; pre++) {
			memset(line, 'p', pre);
			line[pre] = '\0';
			for (i = 0; i < 120; i++)
				strlcat(line, unit[u], sizeof(line));
			f = fold(line);
			why = f == NULL ? "write failed" : check(line, f);
			if (why != NULL && bad == NULL)
				bad = why;
			free(f);
			cases++;
		}
	ok(bad == NULL, "%zu long lines of letters and escapes fold well%s%s",
	    cases, bad ? ": " : "", bad ? bad : "");
}

static void
test_write_error(void)
{
	FILE	*fp;

	if ((fp = fopen("/dev/null", "r")) == NULL) {
		ok(0, "open /dev/null");
		return;
	}
	is_int(crm_ical_line(fp, "BEGIN:VCALENDAR"), CRM_EDB,
	    "a failed write is CRM_EDB");
	fclose(fp);
}

int
main(void)
{
	test_escape();
	test_fold_exact();
	test_fold_props();
	test_write_error();
	done_testing();
}

/*
 * t-text.c: escaping, display width, JSON strings, case folding and the
 * output module's three formats, joining words.
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
		{ "ООО «Ромашка»", "ООО «Ромашка»" },
		{ "a\tb", "a\\tb" },
		{ "line1\nline2", "line1\\nline2" },
		{ "cr\rhere", "cr\\rhere" },
		{ "back\\slash", "back\\\\slash" },
		{ "\033[31mred", "\\033[31mred" },
		{ "bell\a", "bell\\007" },
		{ "del\177", "del\\177" },
		{ "bidi\xe2\x80\xae" "evil", "bidi\\342\\200\\256evil" },
		{ "lrm\xe2\x80\x8e", "lrm\\342\\200\\216" },
		{ "c1\xc2\x9b", "c1\\302\\233" },
		{ "bad\xff", "bad\\377" },
		{ "trunc\xd0", "trunc\\320" },
		{ "overlong\xc0\xaf", "overlong\\300\\257" },
		{ "surrogate\xed\xa0\x80", "surrogate\\355\\240\\200" },
		{ "", "" },
	};
	size_t	 i;
	char	*s;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		s = crm_escape(t[i].in);
		is_str(s, t[i].want, "escape %zu", i);
		if (s != NULL && crm_unescape(s) == 0)
			is_str(s, t[i].in, "unescape %zu round trip", i);
		else
			ok(0, "unescape %zu", i);
		free(s);
	}
	s = strdup("bad\\q");
	is_int(crm_unescape(s), -1, "unknown escape refused");
	free(s);
	s = strdup("nul\\000");
	is_int(crm_unescape(s), -1, "an escaped NUL is refused");
	free(s);
	s = strdup("tail\\");
	is_int(crm_unescape(s), -1, "a trailing backslash is refused");
	free(s);
}

static void
test_width(void)
{
	is_int(crm_width("Иванов"), 6, "Cyrillic: one column a letter");
	is_int(crm_width("Пётр"), 4, "ё is one column");
	is_int(crm_width("e\xcc\x81"), 1, "a combining accent adds nothing");
	is_int(crm_width("日本"), 4, "CJK is two columns");
	is_int(crm_width("«»—"), 3, "quotes and dash");
	is_int(crm_width(""), 0, "empty");
}

static void
test_json(void)
{
	char	*s;

	s = crm_json_str("Ромашка \"ООО\"\n\t\\");
	is_str(s, "\"Ромашка \\\"ООО\\\"\\n\\t\\\\\"", "JSON escapes");
	free(s);
	s = crm_json_str("\033x\xe2\x80\xae\xff");
	is_str(s, "\"\\u001bx\\u202e\\ufffd\"", "JSON: controls, bidi, bad");
	free(s);
}

static void
test_fold(void)
{
	char	*s;

	s = crmi_fold("ООО «Ромашка» LTD Ёлка");
	is_str(s, "ооо «ромашка» ltd елка", "fold Cyrillic and Latin");
	free(s);
}

static void
test_valid(void)
{
	ok(crm_text_valid("Перезвонить в пн", 0), "valid text");
	ok(!crm_text_valid("a\nb", 0), "newline refused in a line");
	ok(crm_text_valid("a\nb", 1), "newline allowed in a note");
	ok(!crm_text_valid("esc\033", 1), "ESC refused");
	ok(!crm_text_valid("bad\xff", 1), "invalid UTF-8 refused");
	ok(!crm_text_valid("c1\xc2\x85", 1), "C1 control refused");
}

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "name", CRM_COL_TEXT, "клиент", 0, 0, NULL },
	{ "sum", CRM_COL_MONEY, NULL, 0, 0, NULL },
};

static char *
render(enum crm_fmt fmt, int header)
{
	static char	 buf[4096];
	const char	*r1[] = { "1", "ООО «Ромашка»", "123456789" };
	const char	*r2[] = { "12", "Tab\there", NULL };
	struct crm_out	*o;
	FILE		*fp;

	memset(buf, 0, sizeof(buf));
	fp = fmemopen(buf, sizeof(buf) - 1, "w");
	o = crm_out_open(fp, fmt, header, cols, 3);
	crm_out_row(o, r1);
	crm_out_section(o, "Раздел");
	crm_out_row(o, r2);
	crm_out_note(o, "2 строки");
	ok(crm_out_close(o) == CRM_OK, "close %d", (int)fmt);
	fclose(fp);
	return buf;
}

static void
test_join(void)
{
	char *const	 w[] = { "ООО", "«Ромашка»", "", "x" };
	char		*s;

	s = crm_join(4, w);
	is_str(s, "ООО «Ромашка»  x", "join: words by single spaces");
	free(s);
	s = crm_join(1, w);
	is_str(s, "ООО", "join: one word as it is");
	free(s);
	s = crm_join(0, w);
	is_str(s, "", "join: no words, empty string");
	free(s);
}

static void
test_out(void)
{
	is_str(render(CRM_FMT_TSV, 1),
	    "id\tname\tsum\n1\tООО «Ромашка»\t123456789\n12\tTab\\there\t\n",
	    "TSV with header");
	is_str(render(CRM_FMT_JSON, 0),
	    "{\"id\":1,\"name\":\"ООО «Ромашка»\",\"sum\":123456789}\n"
	    "{\"id\":12,\"name\":\"Tab\\there\",\"sum\":null}\n", "JSON Lines");
	is_str(render(CRM_FMT_TABLE, 0),
	    "id  клиент                  sum\n"
	    " 1  ООО «Ромашка»  1 234 567,89\n"
	    "\nРаздел\n"
	    "id  клиент                  sum\n"
	    "12  Tab\\there\n"
	    "2 строки\n", "table aligned by display width");
}

int
main(void)
{
	test_escape();
	test_width();
	test_json();
	test_fold();
	test_valid();
	test_join();
	test_out();
	done_testing();
}

/*
 * t-input.c: the CSV reader and writer and the TSV splitter, on the
 * files people really have (Excel's BOM and CRLF, quoted newlines,
 * Cyrillic) and on every kind of broken file, each error with its line.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm.h"
#include "tap.h"

#define S(x)	x, sizeof(x) - 1	/* a literal with its NUL bytes */

struct csvcase {
	const char	*name;
	const char	*in;
	size_t		 len;
	const char	*want;	/* see render() */
};

static const struct csvcase csvcases[] = {
	{ "one record", S("a,b,c\n"), "1[a][b][c] " },
	{ "LF", S("a,b\nc,d\n"), "1[a][b] 2[c][d] " },
	{ "CRLF", S("a,b\r\nc,d\r\n"), "1[a][b] 2[c][d] " },
	{ "no final newline", S("a,b\nc,d"), "1[a][b] 2[c][d] " },
	{ "quoted", S("\"a\",\"b c\"\n"), "1[a][b c] " },
	{ "quoted at end of input", S("x,\"a\""), "1[x][a] " },
	{ "comma in quotes", S("\"a,b\",c\n"), "1[a,b][c] " },
	{ "doubled quotes", S("\"say \"\"hi\"\"\",\"\"\"\"\n"),
	    "1[say \"hi\"][\"] " },
	{ "newline in quotes", S("\"l1\nl2\",x\ny,z\n"),
	    "1[l1\nl2][x] 3[y][z] " },
	{ "CRLF in quotes", S("\"a\r\nb\"\r\nc\r\n"), "1[a\r\nb] 3[c] " },
	{ "CR in quotes", S("\"a\rb\"\n"), "1[a\rb] " },
	{ "lines across records", S("\"a\n\nb\",\"c\nd\"\ne\n\"f\ng\"\n"),
	    "1[a\n\nb][c\nd] 5[e] 6[f\ng] " },
	{ "BOM", S("\357\273\277a,b\r\n"), "1[a][b] " },
	{ "BOM then quote", S("\357\273\277\"a\"\n"), "1[a] " },
	{ "BOM later is text", S("a\n\357\273\277b\n"),
	    "1[a] 2[\357\273\277b] " },
	{ "only a BOM", S("\357\273\277"), "" },
	{ "empty input", S(""), "" },
	{ "only empty lines", S("\n\r\n\n"), "" },
	{ "empty lines skipped", S("\na\n\n\r\nb\n\n"), "2[a] 5[b] " },
	{ "empty fields", S(",,\n"), "1[][][] " },
	{ "comma at end of input", S("a,"), "1[a][] " },
	{ "quoted empty is a record", S("\"\"\n\"\"\n"), "1[] 2[] " },
	{ "spaces kept", S(" a , b \n"), "1[ a ][ b ] " },
	{ "cyrillic", S("Иванов,\"ООО \"\"Ромашка\"\"\",ёЁ\n"),
	    "1[Иванов][ООО \"Ромашка\"][ёЁ] " },
	{ "4-byte UTF-8", S("\xf0\x9f\x98\x80\n"), "1[\xf0\x9f\x98\x80] " },

	{ "unterminated quote", S("a\n\"b\nc,d\n"),
	    "1[a] ERR 2 unterminated quote" },
	{ "unterminated after fields", S("x,\"b"),
	    "ERR 1 unterminated quote" },
	{ "text after quote", S("\"ab\"c\n"),
	    "ERR 1 text after a closing quote" },
	{ "text after quote, later line", S("\"a\nb\"\n\"c\nd\"x\n"),
	    "1[a\nb] ERR 4 text after a closing quote" },
	{ "space after quote", S("\"a\" ,b\n"),
	    "ERR 1 text after a closing quote" },
	{ "quote in unquoted field", S("ok\nab\"c\n"),
	    "1[ok] ERR 2 quote in an unquoted field" },
	{ "NUL", S("a\nb\0c\n"), "1[a] ERR 2 NUL byte" },
	{ "NUL in quotes", S("\"a\n\0\"\n"), "ERR 2 NUL byte" },
	{ "bare CR", S("a\rb\n"), "ERR 1 bare CR" },
	{ "bare CR at end", S("a\nb\r"), "1[a] ERR 2 bare CR" },
	{ "bare CR after quote", S("\"a\"\rb"), "ERR 1 bare CR" },
	{ "bare CR on empty line", S("a\n\rb\n"),
	    "1[a] ERR 2 bare CR" },
	{ "invalid UTF-8", S("ok\n\xff\n"),
	    "1[ok] ERR 2 invalid UTF-8" },
	{ "invalid UTF-8 line in quotes", S("x\n\"a\nb\nc\xc3\"\n"),
	    "1[x] ERR 4 invalid UTF-8" },
	{ "invalid UTF-8 second field", S("a,\xd0\n"),
	    "ERR 1 invalid UTF-8" },
	{ "overlong UTF-8", S("\xc0\xaf\n"), "ERR 1 invalid UTF-8" },
	{ "overlong 3-byte", S("\xe0\x80\xaf\n"),
	    "ERR 1 invalid UTF-8" },
	{ "surrogate", S("\xed\xa0\x80\n"), "ERR 1 invalid UTF-8" },
	{ "past U+10FFFF", S("\xf4\x90\x80\x80\n"),
	    "ERR 1 invalid UTF-8" },
	{ "half a BOM", S("\357\273"), "ERR 1 invalid UTF-8" },
	{ "BOM then bad", S("\357\273\277\xbf"),
	    "ERR 1 invalid UTF-8" }
};

/*
 * Read all of in and describe it: each record as its start line and its
 * fields in brackets, then "ERR line message" if reading failed.
 */
static char *
render(const char *in, size_t len)
{
	struct crm_csv	 *c;
	FILE		 *fp, *out;
	char		**f, *s = NULL, *copy;
	size_t		  n, i, sz;
	int		  rc;

	if ((copy = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(copy, in, len);
	if (len == 0)
		fp = fopen("/dev/null", "r");
	else
		fp = fmemopen(copy, len, "r");
	if (fp == NULL || (out = open_memstream(&s, &sz)) == NULL)
		return NULL;
	c = crm_csv_open(fp);
	while ((rc = crm_csv_next(c, &f, &n)) == CRM_OK && f != NULL) {
		fprintf(out, "%ld", crm_csv_line(c));
		for (i = 0; i < n; i++)
			fprintf(out, "[%s]", f[i]);
		fputc(' ', out);
	}
	if (rc != CRM_OK)
		fprintf(out, "ERR %ld %s", crm_csv_line(c), crm_csv_error(c));
	crm_csv_close(c);
	fclose(fp);
	fclose(out);
	free(copy);
	return s;
}

static void
test_csv_cases(void)
{
	const struct csvcase	*t;
	char			*got;
	size_t			 i;

	for (i = 0; i < sizeof(csvcases) / sizeof(csvcases[0]); i++) {
		t = &csvcases[i];
		got = render(t->in, t->len);
		is_str(got, t->want, "csv: %s", t->name);
		free(got);
	}
}

/* After an error, the reader keeps saying so; after the end, the end. */
static void
test_csv_sticky(void)
{
	struct crm_csv	 *c;
	FILE		 *fp;
	char		**f;
	size_t		  n;
	char		  bad[] = "a\n\"b\nc\n", good[] = "a\n";

	fp = fmemopen(bad, strlen(bad), "r");
	c = crm_csv_open(fp);
	is_str(crm_csv_error(c), "", "csv: no error at first");
	is_int(crm_csv_line(c), 0, "csv: line 0 before the first record");
	is_int(crm_csv_next(c, &f, &n), CRM_OK, "csv: first record");
	is_int(crm_csv_next(c, &f, &n), CRM_EINVAL, "csv: error");
	is_int(crm_csv_next(c, &f, &n), CRM_EINVAL, "csv: error is sticky");
	ok(f == NULL && n == 0, "csv: no fields after an error");
	crm_csv_close(c);
	fclose(fp);

	fp = fmemopen(good, strlen(good), "r");
	c = crm_csv_open(fp);
	is_int(crm_csv_next(c, &f, &n), CRM_OK, "csv: record");
	is_int(crm_csv_next(c, &f, &n), CRM_OK, "csv: end");
	ok(f == NULL && n == 0, "csv: end is NULL and 0");
	is_int(crm_csv_line(c), 1, "csv: line stays on the last record");
	is_int(crm_csv_next(c, &f, &n), CRM_OK, "csv: end again");
	ok(f == NULL && n == 0, "csv: end again is NULL and 0");
	crm_csv_close(c);
	fclose(fp);
	crm_csv_close(NULL);
}

/* A field of exactly 1 MiB passes, one byte more does not. */
static void
test_csv_long(int quoted, size_t len, const char *want)
{
	char	*in, *got;
	size_t	 n = 0;

	if ((in = malloc(len + 8)) == NULL)
		return;
	in[n++] = 'x';
	in[n++] = '\n';
	if (quoted)
		in[n++] = '"';
	memset(in + n, 'a', len);
	n += len;
	if (quoted)
		in[n++] = '"';
	in[n++] = '\n';
	got = render(in, n);
	if (want[0] != '\0')
		is_str(got, want, "csv: %s field of %zu bytes",
		    quoted ? "quoted" : "plain", len);
	else
		ok(got != NULL && strlen(got) == len + 9 &&
		    strncmp(got, "1[x] 2[aaa", 10) == 0,
		    "csv: %s field of %zu bytes", quoted ? "quoted" : "plain",
		    len);
	free(got);
	free(in);
}

/* Many fields in one record, and a record of many lines: no limits. */
static void
test_csv_wide(void)
{
	struct crm_csv	 *c;
	FILE		 *fp;
	char		**f, *in;
	size_t		  n, i, len = 3 * 100000;

	if ((in = malloc(len + 1)) == NULL)
		return;
	for (i = 0; i < len; i += 3)
		memcpy(in + i, "ab,", 3);
	in[len - 1] = '\n';
	fp = fmemopen(in, len, "r");
	c = crm_csv_open(fp);
	is_int(crm_csv_next(c, &f, &n), CRM_OK, "csv: 100000 fields");
	is_int(n, 100000, "csv: 100000 fields counted");
	ok(n == 100000 && strcmp(f[0], "ab") == 0 &&
	    strcmp(f[99999], "ab") == 0, "csv: 100000 fields right");
	crm_csv_close(c);
	fclose(fp);
	free(in);
}

/*
 * 100000 rows, as an import of a year of calls: all read, right, and
 * fast.  The bound is loose enough for sanitizers and still catches a
 * reader that is quadratic in the rows or the fields.
 */
static void
test_csv_rows(void)
{
	struct crm_csv	 *c;
	FILE		 *fp, *out;
	char		**f, *in = NULL;
	size_t		  n, sz, rows = 0, sum = 0;
	long		  i;
	clock_t		  t0;
	double		  secs;
	int		  rc;

	if ((out = open_memstream(&in, &sz)) == NULL)
		return;
	for (i = 0; i < 100000; i++)
		fprintf(out, "%ld,\"ООО \"\"Ромашка %ld\"\"\",Москва,"
		    "\"ул. Ленина, %ld\",1234.56,2026-03-01\r\n", i, i, i);
	fclose(out);
	fp = fmemopen(in, sz, "r");
	t0 = clock();
	c = crm_csv_open(fp);
	while ((rc = crm_csv_next(c, &f, &n)) == CRM_OK && f != NULL) {
		rows++;
		sum += n == 6 ? strtoul(f[0], NULL, 10) : 1;
	}
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	printf("# 100000 rows in %.3f s\n", secs);
	ok(secs < 5.0,
	    "csv: 100000 rows in under 5 s of CPU");
	is_int(rc, CRM_OK, "csv: 100000 rows without error");
	is_int(rows, 100000, "csv: 100000 rows read");
	is_int(sum, 4999950000LL, "csv: every row has 6 fields and its id");
	is_int(crm_csv_line(c), 100000, "csv: last record on line 100000");
	crm_csv_close(c);
	fclose(fp);
	free(in);
}

static const char *const awkward[] = {
	"plain", "", "a,b", "say \"hi\"", "\"", ",", "line1\nline2",
	"cr\rx", "crlf\r\n", " lead", "trail ", "\t", " ", "Иванов Пётр",
	"ООО \"Ромашка\", Москва", "\357\273\277bom", "x\357\273\277",
	"a\"\"b", "''", ";", "\\n", "ё\nЁ"
};
#define NAWK	(sizeof(awkward) / sizeof(awkward[0]))
/* What reads back: an invisible character (here the BOM) is written as
 * its octal escape, visible in a spreadsheet (issue 27). */
static const char *const awkward_back[] = {
	"plain", "", "a,b", "say \"hi\"", "\"", ",", "line1\nline2",
	"cr\rx", "crlf\r\n", " lead", "trail ", "\t", " ", "Иванов Пётр",
	"ООО \"Ромашка\", Москва", "\\357\\273\\277bom",
	"x\\357\\273\\277", "a\"\"b", "''", ";", "\\n", "ё\nЁ"
};

/* Write the awkward fields, in records of 1, 2, 3 ... and read back. */
static void
test_csv_roundtrip(void)
{
	struct crm_csv	 *c;
	FILE		 *fp;
	char		**f, *buf = NULL;
	size_t		  sz, n, i, k, at = 0;
	int		  good = 1, rc;

	fp = open_memstream(&buf, &sz);
	for (k = 1, i = 0; i < NAWK; k++) {
		for (n = 0; n < k && i < NAWK; n++, i++)
			rc = crm_csv_put(fp, awkward[i], n == 0);
		rc = crm_csv_end(fp);
	}
	is_int(rc, CRM_OK, "csv: put returns CRM_OK");
	fclose(fp);
	fp = fmemopen(buf, sz, "r");
	c = crm_csv_open(fp);
	for (k = 1; (rc = crm_csv_next(c, &f, &n)) == CRM_OK && f; k++) {
		if (n != k && at + n != NAWK)
			good = 0;
		for (i = 0; i < n && at < NAWK; i++, at++)
			if (strcmp(f[i], awkward_back[at]) != 0)
				good = 0;
	}
	is_int(rc, CRM_OK, "csv: round trip reads back (%s)",
	    crm_csv_error(c));
	ok(good && at == NAWK, "csv: round trip gives the same fields");
	crm_csv_close(c);
	fclose(fp);
	free(buf);
}

/* The bytes crm_csv_put() writes, and a write error. */
static void
test_csv_put(void)
{
	FILE	*fp;
	char	*buf = NULL;
	size_t	 sz;

	fp = open_memstream(&buf, &sz);
	crm_csv_put(fp, "a", 1);
	crm_csv_put(fp, "", 0);
	crm_csv_put(fp, NULL, 0);
	crm_csv_put(fp, "b c", 0);
	crm_csv_put(fp, "x\"y", 0);
	crm_csv_put(fp, "Пётр ", 0);
	crm_csv_put(fp, "a;b", 0);
	crm_csv_end(fp);
	crm_csv_put(fp, "", 1);
	crm_csv_end(fp);
	crm_csv_put(fp, "", 1);
	crm_csv_put(fp, "", 0);
	crm_csv_end(fp);
	fclose(fp);
	is_str(buf, "a,,,b c,\"x\"\"y\",\"Пётр \",\"a;b\"\r\n\"\"\r\n\"\",\r\n",
	    "csv: put quotes only what needs it (';' too, a separator to "
	    "crm-import)");
	free(buf);

	if ((fp = fopen("/dev/null", "r")) == NULL)
		return;
	is_int(crm_csv_put(fp, "a", 1), CRM_EDB, "csv: put write error");
	is_int(crm_csv_end(fp), CRM_EDB, "csv: end write error");
	fclose(fp);
}

struct tsvcase {
	const char	*in;
	int		 max;
	int		 want;
	const char	*fields[5];
};

static const struct tsvcase tsvcases[] = {
	{ "a\tb\tc\n", 5, 3, { "a", "b", "c" } },
	{ "a\tb\r\n", 5, 2, { "a", "b" } },
	{ "a\tb", 5, 2, { "a", "b" } },
	{ "", 5, 1, { "" } },
	{ "\n", 5, 1, { "" } },
	{ "\r\n", 5, 1, { "" } },
	{ "a\r", 5, 1, { "a\r" } },
	{ "a\t\tb\t", 5, 4, { "a", "", "b", "" } },
	{ "x\\ty\tl1\\nl2\tback\\\\slash\tcr\\r", 5, 4,
	    { "x\ty", "l1\nl2", "back\\slash", "cr\r" } },
	{ "\\101\\102\t\\320\\224\\320\\260", 5, 2, { "AB", "Да" } },
	{ "Иванов\tООО «Ромашка»\n", 5, 2, { "Иванов", "ООО «Ромашка»" } },
	{ "a\tb\tc\td", 2, 2, { "a", "b" } },
	{ "42\tfoo\tbar\n", 1, 1, { "42" } },
	{ "a\tb", 0, 0, { NULL } },
	{ "a\t\\q", 5, -1, { NULL } },
	{ "a\tb\\", 5, -1, { NULL } },
	{ "\\9\tb", 5, -1, { NULL } },
	{ "a\t\\q", 1, 1, { "a" } }
};

static void
test_tsv(void)
{
	const struct tsvcase	*t;
	char			 line[128], *f[5];
	size_t			 i;
	int			 n, k, same;

	for (i = 0; i < sizeof(tsvcases) / sizeof(tsvcases[0]); i++) {
		t = &tsvcases[i];
		strlcpy(line, t->in, sizeof(line));
		n = crm_tsv_split(line, f, t->max);
		is_int(n, t->want, "tsv %zu: %d fields", i, t->want);
		for (same = 1, k = 0; k < n && k < 5; k++)
			if (strcmp(f[k], t->fields[k]) != 0)
				same = 0;
		ok(same, "tsv %zu: fields unescaped", i);
	}
}

int
main(void)
{
	test_csv_cases();
	test_csv_sticky();
	test_csv_long(0, 1024 * 1024, "");
	test_csv_long(0, 1024 * 1024 + 1,
	    "1[x] ERR 2 field too long");
	test_csv_long(1, 1024 * 1024, "");
	test_csv_long(1, 1024 * 1024 + 1,
	    "1[x] ERR 2 field too long");
	test_csv_wide();
	test_csv_rows();
	test_csv_roundtrip();
	test_csv_put();
	test_tsv();
	done_testing();
}

/*
 * input.c: reading what people and other programs hand the tools: TSV
 * lines in the tools' own escaped format, and CSV records as spreadsheets
 * and 1C export them (RFC 4180).
 *
 * The CSV reader is strict on purpose: an import that guesses what a
 * broken file meant puts wrong data into the database, so anything
 * RFC 4180 does not allow is an error that names its line, and the user
 * fixes the file.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "crm_int.h"

#define CSV_FIELD_MAX	(1024 * 1024)	/* a sanity cap, not a format limit */

/* Where the reader is inside a record. */
enum csv_state {
	CSV_START,	/* at the start of a field */
	CSV_PLAIN,	/* inside an unquoted field */
	CSV_QUOTED,	/* inside a quoted field */
	CSV_AFTERQ,	/* just after a quote inside a quoted field */
	CSV_END,	/* the record is complete */
	CSV_EOF,	/* no record: the input is over */
	CSV_FAIL	/* an error, in status and err */
};

struct crm_csv {
	FILE		 *fp;
	char		 *buf;		/* the record: fields, NUL-terminated */
	size_t		  len;
	size_t		  cap;
	size_t		 *offs;		/* where each field starts in buf */
	char		**fields;	/* what the caller gets */
	size_t		  nf;		/* fields in the record so far */
	size_t		  fcap;		/* slots in offs and fields */
	size_t		  fstart;	/* where the current field starts */
	long		  fline;	/* the line it starts on */
	long		  line;		/* the line being read */
	long		  start;	/* the line the record starts on */
	long		  errline;	/* the line of the error */
	int		  pend[3];	/* bytes pushed back, last first */
	int		  npend;
	int		  begun;	/* the BOM check is done */
	int		  sep;		/* ',' or ';'; 0: not known yet */
	int		  eof;
	int		  status;	/* sticky: once failed, always failed */
	char		  err[128];
};

/*
 * Split a TSV line in place at TABs into at most max fields, unescaping
 * each with crm_unescape().  A trailing newline or CRLF is removed first;
 * an empty line is one empty field.  Fields beyond max are ignored and
 * left alone, so a tool that wants only the id passes max 1, and one that
 * must refuse extra fields passes one more than it needs and checks.
 * Returns the number of fields stored, or -1 when one of them has a
 * malformed escape.
 */
int
crm_tsv_split(char *line, char **fields, int max)
{
	char	*p, *tab;
	size_t	 len;
	int	 n;

	len = strlen(line);
	if (len > 0 && line[len - 1] == '\n') {
		line[--len] = '\0';
		if (len > 0 && line[len - 1] == '\r')
			line[--len] = '\0';
	}
	for (n = 0, p = line; n < max; p = tab + 1) {
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		fields[n++] = p;
		if (crm_unescape(p) == -1)
			return -1;
		if (tab == NULL)
			break;
	}
	return n;
}

/*
 * Read one line, its newline included, into *line (of *cap bytes, grown
 * as getline(3) grows it), but never more than max bytes of it, so that
 * memory stays small however long a line someone sends.  Returns its
 * length; -1 at the end of the input or on a read error (see ferror);
 * -2 when the line goes on past max bytes: *line holds the first max and
 * the next call reads on from there; -3 when out of memory.  NUL bytes
 * are kept.
 */
ssize_t
crm_line_read(char **line, size_t *cap, FILE *fp, size_t max)
{
	size_t	 n = 0, ncap;
	char	*p;
	int	 ch;

	while ((ch = getc_unlocked(fp)) != EOF) {
		if (n == max) {
			ungetc(ch, fp);
			return -2;
		}
		if (n + 2 > *cap) {
			ncap = *cap < 128 ? 256 : *cap * 2;
			if (ncap > max + 1)
				ncap = max + 1;
			if ((p = realloc(*line, ncap)) == NULL)
				return -3;
			*line = p;
			*cap = ncap;
		}
		(*line)[n++] = (char)ch;
		(*line)[n] = '\0';
		if (ch == '\n')
			break;
	}
	return n == 0 ? -1 : (ssize_t)n;
}

/*
 * Start reading CSV records from fp, which stays the caller's to close.
 * The reader takes bytes through stdio as it needs them and reads no
 * further than the newline that ends the record it returns, so it works
 * on a pipe or a terminal too.  Returns NULL when out of memory.
 */
struct crm_csv *
crm_csv_open(FILE *fp)
{
	struct crm_csv	*c;

	if ((c = calloc(1, sizeof(*c))) == NULL)
		return NULL;
	c->fp = fp;
	c->line = 1;
	return c;
}

static int
csv_fail(struct crm_csv *c, int status, long line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* Fail on line, which the message leaves to crm_csv_line() to name. */
static int
csv_fail(struct crm_csv *c, int status, long line, const char *fmt, ...)
{
	va_list	 ap;

	c->errline = line;
	va_start(ap, fmt);
	vsnprintf(c->err, sizeof(c->err), fmt, ap);
	va_end(ap);
	c->status = status;
	return CSV_FAIL;
}

static inline int
csv_getc(struct crm_csv *c)
{
	if (c->npend > 0)
		return c->pend[--c->npend];
	return getc_unlocked(c->fp);
}

/*
 * Skip a UTF-8 byte-order mark at the very start of the input, as Excel
 * writes one; anything else read while looking is pushed back.
 */
static void
csv_bom(struct crm_csv *c)
{
	static const int	 bom[3] = { 0xef, 0xbb, 0xbf };
	int			 got[3], i;

	c->begun = 1;
	for (i = 0; i < 3; i++)
		if ((got[i] = csv_getc(c)) != bom[i])
			break;
	if (i == 3)
		return;
	for (; i >= 0; i--)
		c->pend[c->npend++] = got[i];
}

/*
 * Return the offset of the first byte of s[0..n) that is not part of
 * valid UTF-8 (overlong forms, surrogates and values past U+10FFFF are
 * not), or n when all of it is valid.
 */
static size_t
utf8_check(const unsigned char *s, size_t n)
{
	size_t		 i, k, len;
	unsigned int	 lo, hi;

	for (i = 0; i < n; i += len) {
		if (s[i] < 0x80) {
			len = 1;
			continue;
		}
		lo = 0x80;
		hi = 0xbf;
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2;
		else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			len = 3;
			lo = s[i] == 0xe0 ? 0xa0 : 0x80;
			hi = s[i] == 0xed ? 0x9f : 0xbf;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			len = 4;
			lo = s[i] == 0xf0 ? 0x90 : 0x80;
			hi = s[i] == 0xf4 ? 0x8f : 0xbf;
		} else
			return i;
		if (n - i < len || s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (k = 2; k < len; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return i;
	}
	return n;
}

/* Double the record buffer; 0, or CSV_FAIL. */
static int
csv_grow(struct crm_csv *c)
{
	size_t	 ncap;
	char	*p;

	ncap = c->cap == 0 ? 256 : c->cap * 2;
	if ((p = reallocarray(c->buf, ncap, 1)) == NULL)
		return csv_fail(c, CRM_ENOMEM, c->line, "out of memory");
	c->buf = p;
	c->cap = ncap;
	return 0;
}

/* Add one byte to the current field; returns st, or CSV_FAIL. */
static inline int
csv_add(struct crm_csv *c, int ch, int st)
{
	if (c->len - c->fstart >= CSV_FIELD_MAX)
		return csv_fail(c, CRM_EINVAL, c->line, "field too long");
	if (c->len + 1 >= c->cap && csv_grow(c) == CSV_FAIL)
		return CSV_FAIL;
	c->buf[c->len++] = (char)ch;
	return st;
}

/* Double the field slots; 0, or CSV_FAIL. */
static int
csv_grow_fields(struct crm_csv *c)
{
	size_t	  ncap;
	size_t	 *o;
	char	**f;

	ncap = c->fcap == 0 ? 16 : c->fcap * 2;
	if ((o = reallocarray(c->offs, ncap, sizeof(*o))) == NULL)
		return csv_fail(c, CRM_ENOMEM, c->line, "out of memory");
	c->offs = o;
	if ((f = reallocarray(c->fields, ncap, sizeof(*f))) == NULL)
		return csv_fail(c, CRM_ENOMEM, c->line, "out of memory");
	c->fields = f;
	c->fcap = ncap;
	return 0;
}

/*
 * End the current field: check that it is UTF-8, terminate it, and note
 * where it starts.  Returns st, or CSV_FAIL.
 */
static int
csv_endfield(struct crm_csv *c, int st)
{
	const char	*f;
	size_t		 n, bad, i;
	long		 line = c->fline;

	if (c->len + 1 >= c->cap && csv_grow(c) == CSV_FAIL)
		return CSV_FAIL;
	if (c->nf == c->fcap && csv_grow_fields(c) == CSV_FAIL)
		return CSV_FAIL;
	f = c->buf + c->fstart;
	n = c->len - c->fstart;
	if ((bad = utf8_check((const unsigned char *)f, n)) < n) {
		for (i = 0; i < bad; i++)
			if (f[i] == '\n')
				line++;
		return csv_fail(c, CRM_EINVAL, line, "invalid UTF-8");
	}
	c->buf[c->len++] = '\0';
	c->offs[c->nf++] = c->fstart;
	c->fstart = c->len;
	c->fline = c->line;
	return st;
}

/*
 * Whether ch separates fields.  The header decides: the first comma or
 * semicolon of the first record is the separator of the whole file, so
 * that what Russian Excel writes (';') reads as well as RFC 4180 (',').
 */
static int
csv_is_sep(struct crm_csv *c, int ch)
{
	if (ch != ',' && ch != ';')
		return 0;
	if (c->sep == 0)
		c->sep = ch;
	return ch == c->sep;
}

/* At the start of a field. */
static int
csv_start(struct crm_csv *c, int ch)
{
	if (csv_is_sep(c, ch))
		return csv_endfield(c, CSV_START);
	switch (ch) {
	case '"':
		return CSV_QUOTED;
	case '\n':
		/* An empty line is no record: skip it. */
		if (c->nf == 0)
			return CSV_START;
		return csv_endfield(c, CSV_END);
	case EOF:
		if (c->nf == 0)
			return CSV_EOF;
		return csv_endfield(c, CSV_END);
	default:
		return csv_add(c, ch, CSV_PLAIN);
	}
}

/* Inside a field that did not start with a quote. */
static int
csv_plain(struct crm_csv *c, int ch)
{
	if (csv_is_sep(c, ch))
		return csv_endfield(c, CSV_START);
	switch (ch) {
	case '\n':
	case EOF:
		return csv_endfield(c, CSV_END);
	case '"':
		return csv_fail(c, CRM_EINVAL, c->line,
		    "quote in an unquoted field");
	default:
		return csv_add(c, ch, CSV_PLAIN);
	}
}

/* Inside quotes, and just after a quote inside quotes. */
static int
csv_quoted(struct crm_csv *c, int ch, int st)
{
	if (st == CSV_QUOTED) {
		if (ch == '"')
			return CSV_AFTERQ;
		if (ch == EOF)
			return csv_fail(c, CRM_EINVAL, c->start,
			    "unterminated quote");
		return csv_add(c, ch, CSV_QUOTED);
	}
	if (csv_is_sep(c, ch))
		return csv_endfield(c, CSV_START);
	switch (ch) {
	case '"':
		return csv_add(c, '"', CSV_QUOTED);
	case '\n':
	case EOF:
		return csv_endfield(c, CSV_END);
	default:
		return csv_fail(c, CRM_EINVAL,
		    c->line, "text after a closing quote");
	}
}

#define CSV_BADBYTE	(-2)

/*
 * Read the next byte for state st: fail on a NUL byte or a read error,
 * and outside quotes turn CRLF into LF and fail on a bare CR.  Returns
 * the byte, EOF, or CSV_BADBYTE.
 */
static inline int
csv_byte(struct crm_csv *c, int st)
{
	int	 ch;

	ch = csv_getc(c);
	if (ch == '\r' && st != CSV_QUOTED) {
		if ((ch = csv_getc(c)) != '\n') {
			csv_fail(c, CRM_EINVAL, c->line, "bare CR");
			return CSV_BADBYTE;
		}
	} else if (ch == '\0') {
		csv_fail(c, CRM_EINVAL, c->line, "NUL byte");
		return CSV_BADBYTE;
	} else if (ch == EOF && ferror(c->fp)) {
		csv_fail(c, CRM_EDB, c->line, "read error: %s",
		    strerror(errno));
		return CSV_BADBYTE;
	}
	return ch;
}

/* Read one record into buf and offs; the final state. */
static int
csv_record(struct crm_csv *c)
{
	int	 ch, st = CSV_START;

	c->len = c->nf = c->fstart = 0;
	c->start = c->fline = c->line;
	while (st != CSV_END && st != CSV_EOF) {
		if ((ch = csv_byte(c, st)) == CSV_BADBYTE)
			return CSV_FAIL;
		if (st == CSV_START)
			st = csv_start(c, ch);
		else if (st == CSV_PLAIN)
			st = csv_plain(c, ch);
		else
			st = csv_quoted(c, ch, st);
		if (st == CSV_FAIL)
			return CSV_FAIL;
		if (ch == EOF)
			c->eof = 1;	/* do not ask a terminal twice */
		else if (ch == '\n') {
			c->line++;
			if (st == CSV_START && c->nf == 0)
				c->start = c->fline = c->line;	/* skipped */
		}
	}
	return st;
}

/*
 * Read the next record.  On CRM_OK, *fields and *n describe it, valid
 * until the next call; at the end of input *fields is NULL and *n is 0.
 * Completely empty lines are skipped, as a spreadsheet writes them and
 * nobody means a record by them; a line holding only "" is a record of
 * one empty field.  Errors, with the reason in crm_csv_error() and its
 * line in crm_csv_line(): CRM_EINVAL for malformed input (an unterminated quote,
 * text after a closing quote, a quote in an unquoted field, a bare CR
 * outside quotes, a NUL byte, invalid UTF-8, a field over 1 MiB),
 * CRM_ENOMEM, and CRM_EDB when reading failed.  Errors are sticky: every
 * later call returns the same one.
 */
int
crm_csv_next(struct crm_csv *c, char ***fields, size_t *n)
{
	long	 prev = c->start;
	size_t	 i;
	int	 st;

	*fields = NULL;
	*n = 0;
	if (c->status != CRM_OK || c->eof)
		return c->status;
	if (!c->begun)
		csv_bom(c);
	if ((st = csv_record(c)) == CSV_FAIL)
		return c->status;
	if (st == CSV_EOF) {
		c->start = prev;
		return CRM_OK;
	}
	if (c->sep == 0)	/* a header of one column */
		c->sep = ',';
	for (i = 0; i < c->nf; i++)
		c->fields[i] = c->buf + c->offs[i];
	*fields = c->fields;
	*n = c->nf;
	return CRM_OK;
}

/*
 * The 1-based line on which the last record read started; after an
 * error, the line of the error (for an unterminated quote, the line the
 * record starts on).  0 before the first.
 */
long
crm_csv_line(const struct crm_csv *c)
{
	if (c->status != CRM_OK)
		return c->errline;
	return c->start;
}

/* Why the last crm_csv_next() failed; "" when it did not. */
const char *
crm_csv_error(const struct crm_csv *c)
{
	return c->err;
}

/* Free the reader; the stream is left open.  Accepts NULL. */
void
crm_csv_close(struct crm_csv *c)
{
	if (c == NULL)
		return;
	free(c->buf);
	free(c->offs);
	free(c->fields);
	free(c);
}

/*
 * Whether a field must be quoted: when it holds a comma, a quote, CR or
 * LF; when it starts or ends with a space or TAB, which readers other
 * than ours strip; when it starts with a byte-order mark, which a reader
 * would take for the file's own; and when it is the empty first field,
 * so that a record of one empty field is not an empty line.
 */
static int
csv_needs_quotes(const char *s, int first)
{
	size_t	 n;

	if ((n = strlen(s)) == 0)
		return first;
	/* ';' too: crm-import takes the first ',' or ';' for the separator. */
	if (strpbrk(s, ",;\"\r\n") != NULL)
		return 1;
	if (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' ||
	    s[n - 1] == '\t')
		return 1;
	return strncmp(s, "\xef\xbb\xbf", 3) == 0;
}

/*
 * Write one CSV field s (NULL is empty) to fp: after a comma unless first
 * is set, in quotes when needed (see csv_needs_quotes), quotes doubled.
 * A record ends with crm_csv_end().  Returns CRM_OK, or CRM_EDB when the
 * stream has an error; as fp is buffered, the caller must still check
 * fflush() or fclose().
 */
/* As crm_int.h declares it; this file builds alone for the fuzzers. */
int	 crmi_csv_put(FILE *, const char *, int, int);

int
crm_csv_put(FILE *fp, const char *s, int first)
{
	return crmi_csv_put(fp, s, first, ',');
}

/*
 * s with each invisible or bidirectional character as its octal escape
 * (crm_escape's), which CSV has none of: a spreadsheet shows the text as
 * it is stored, never reordered.  NULL when s has none, or out of memory.
 */
static char *
csv_visible(const char *s)
{
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n, i;

	if (crmi_invisible_in(s) == 0)
		return NULL;
	for (; *p != '\0'; p += n) {
		if ((n = crmi_utf8_dec(p, &c)) == 0)
			n = 1;
		if (n > 1 && crmi_is_invisible(c))
			for (i = 0; i < n; i++)
				crmi_buf_addf(&b, "\\%03o", p[i]);
		else
			crmi_buf_addn(&b, (const char *)p, n);
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

int
crmi_csv_put(FILE *fp, const char *s, int first, int sep)
{
	char	*vis;
	int	 rc;

	if (s != NULL && (vis = csv_visible(s)) != NULL) {
		rc = crmi_csv_put(fp, vis, first, sep);
		free(vis);
		return rc;
	}
	if (s == NULL)
		s = "";
	if (!first)
		putc(sep, fp);
	if (!csv_needs_quotes(s, first) && strchr(s, sep) == NULL)
		fputs(s, fp);
	else {
		putc('"', fp);
		for (; *s != '\0'; s++) {
			if (*s == '"')
				putc('"', fp);
			putc(*s, fp);
		}
		putc('"', fp);
	}
	return ferror(fp) ? CRM_EDB : CRM_OK;
}

/* End a CSV record with CRLF, as RFC 4180 has it.  As crm_csv_put(). */
int
crm_csv_end(FILE *fp)
{
	fputs("\r\n", fp);
	return ferror(fp) ? CRM_EDB : CRM_OK;
}

#define SPOOL_MEM	(1024 * 1024)	/* then a temporary file */

/* The rest of fp after the n bytes at buf, in a temporary file, rewound. */
static FILE *
spool_file(const char *buf, size_t n, FILE *fp)
{
	FILE	*tmp;
	char	 b[8192];
	size_t	 k;

	if ((tmp = tmpfile()) == NULL)
		return NULL;
	if (fwrite(buf, 1, n, tmp) == n)
		while ((k = fread(b, 1, sizeof(b), fp)) > 0)
			if (fwrite(b, 1, k, tmp) != k)
				break;
	if (ferror(fp) || ferror(tmp) || fflush(tmp) == EOF ||
	    fseek(tmp, 0, SEEK_SET) == -1) {
		fclose(tmp);
		return NULL;
	}
	return tmp;
}

/*
 * All of fp, read now, to read back from the start: what a write
 * transaction then reads, so that no lock is held while a person or a
 * pipe takes its time (crm(7)).  Up to SPOOL_MEM in memory (*keep, to
 * free after the fclose of what this returns; a file-size limit is for
 * the database), more in an unnamed temporary file (memory stays
 * small).  NULL with a message; fp stays the caller's.
 */
FILE *
crmi_spool(struct crm *crm, FILE *fp, char **keep)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	FILE		*out = NULL;
	char		 buf[8192];
	size_t		 n;

	crmi_buf_add(&b, "");
	while (b.len <= SPOOL_MEM && (n = fread(buf, 1, sizeof(buf), fp)) > 0)
		crmi_buf_addn(&b, buf, n);
	*keep = NULL;
	if (!ferror(fp) && !b.oom && b.len > SPOOL_MEM)
		out = spool_file(b.s, b.len, fp);
	else if (!ferror(fp) && !b.oom && (out = fmemopen(b.s, b.len +
	    (b.len == 0), "r")) != NULL) {
		*keep = b.s;
		return out;
	}
	if (out == NULL)
		crmi_err(crm, b.oom ? CRM_ENOMEM : CRM_EDB, "cannot read the "
		    "input: %s", b.oom ? "out of memory" : strerror(errno));
	free(b.s);
	return out;
}

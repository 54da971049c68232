/*
 * out.c: the one place that writes records, so that every tool speaks
 * the same TSV, JSON Lines and aligned table.
 *
 * TSV and JSON rows go straight out.  The table view is buffered until
 * crm_out_close(), since a column is as wide as its widest cell.  The
 * columns marked group (a task's day and state) head the rows that share
 * them instead of standing in each row, and a login that is the same in
 * every row of a block is left out.  On a terminal the table fits its
 * width (the title wraps to a second line, then the columns marked fit
 * shrink, a cell cut with "…"; the continuation line starts with blanks,
 * which the id reader passes over) and rows get the colour of their
 * style; the escapes are this file's own, never stored text's.  A
 * table longer than the terminal goes through a pager, as git's output
 * does.  The table view itself, kept and printed, is outtable.c's.
 */
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "out_int.h"

/*
 * The terminal's width, or its height when rows is set: TIOCGWINSZ,
 * else $COLUMNS ($LINES), else 80 (24).
 */
static size_t
term_size(int fd, int rows)
{
	struct winsize	 ws;
	const char	*c, *err;
	long long	 n;

	if (ioctl(fd, TIOCGWINSZ, &ws) == 0 &&
	    (rows ? ws.ws_row : ws.ws_col) > 0)
		return rows ? ws.ws_row : ws.ws_col;
	if ((c = getenv(rows ? "LINES" : "COLUMNS")) != NULL) {
		n = strtonum(c, rows ? 2 : 10, 10000, &err);
		if (err == NULL)
			return n;
	}
	return rows ? 24 : 80;
}

/* Whether the program name is in a directory of $PATH. */
static int
in_path(const char *name)
{
	const char	*path = getenv("PATH"), *p, *end;
	char		 f[4096];

	for (p = path; p != NULL && *p != '\0'; p = *end ? end + 1 : end) {
		end = p + strcspn(p, ":");
		snprintf(f, sizeof(f), "%.*s/%s", (int)(end - p), p, name);
		if (access(f, X_OK) == 0)
			return 1;
	}
	return 0;
}

/*
 * The pager's command: $CRM_PAGER, else $PAGER, else less when there is
 * one; NULL for none ("" or "cat").
 */
static const char *
pager_cmd(void)
{
	const char	*p;

	if ((p = getenv("CRM_PAGER")) == NULL && (p = getenv("PAGER")) == NULL)
		p = in_path("less") ? "less" : "";
	return *p == '\0' || strcmp(p, "cat") == 0 ? NULL : p;
}

/* Colour on a terminal, unless NO_COLOR is set or TERM is dumb. */
static int
term_color(void)
{
	const char	*nc = getenv("NO_COLOR"), *term = getenv("TERM");

	return (nc == NULL || *nc == '\0') &&
	    (term == NULL || strcmp(term, "dumb") != 0);
}

struct crm_out *
crm_out_open(FILE *fp, enum crm_fmt fmt, int header,
    const struct crm_col *cols, size_t ncols)
{
	struct crm_out	*o;
	size_t		 i;
	int		 fl;

	if ((o = calloc(1, sizeof(*o))) == NULL)
		return NULL;
	if ((o->width = calloc(ncols, sizeof(size_t))) == NULL ||
	    (o->used = calloc(ncols, 1)) == NULL ||
	    (o->varies = calloc(ncols, 1)) == NULL) {
		free(o->width);
		free(o->used);
		free(o);
		return NULL;
	}
	if (fmt == CRM_FMT_AUTO)
		fmt = isatty(fileno(fp)) ? CRM_FMT_TABLE : CRM_FMT_TSV;
	/*
	 * A closed standard output (SQLite puts /dev/null, read-only, on
	 * it) fails even when there is nothing to write.
	 */
	if (fileno(fp) >= 0 && ((fl = fcntl(fileno(fp), F_GETFL)) == -1 ||
	    (fl & O_ACCMODE) == O_RDONLY))
		o->badfd = 1;
	if (fmt == CRM_FMT_TABLE && fileno(fp) >= 0 && isatty(fileno(fp))) {
		o->avail = term_size(fileno(fp), 0);
		o->color = term_color();
	}
	o->fp = fp;
	o->fmt = fmt;
	o->cols = cols;
	o->ncols = ncols;
	o->header = header;
	o->wrap = ncols;
	for (i = 0; i < ncols; i++)
		o->width[i] = crm_width(crmi_word("column",
		    cols[i].title != NULL ? cols[i].title : cols[i].name));
	if (fmt == CRM_FMT_TSV && header)
		for (i = 0; i < ncols; i++)
			fprintf(fp, "%s%c", cols[i].name,
			    i + 1 < ncols ? '\t' : '\n');
	return o;
}

enum crm_fmt
crm_fmt_opt(int ch)
{
	switch (ch) {
	case 'j':
		return CRM_FMT_JSON;
	case 'p':
		return CRM_FMT_TABLE;
	case 't':
		return CRM_FMT_TSV;
	default:
		return CRM_FMT_AUTO;
	}
}

enum crm_fmt
crm_out_fmt(const struct crm_out *o)
{
	return o->fmt;
}

static int
is_number(const char *s)
{
	char	*end;

	if (s == NULL || *s == '\0')
		return 0;
	(void)strtod(s, &end);
	return *end == '\0';
}

static void
row_json(struct crm_out *o, const char *const *v)
{
	size_t	 i;
	char	*s;

	fputc('{', o->fp);
	for (i = 0; i < o->ncols; i++) {
		fprintf(o->fp, "%s\"%s\":", i ? "," : "", o->cols[i].name);
		if (v[i] == NULL)
			fputs("null", o->fp);
		else if (o->cols[i].type != CRM_COL_TEXT &&
		    o->cols[i].type != CRM_COL_FIT &&
		    o->cols[i].type != CRM_COL_LOGIN &&
		    o->cols[i].type != CRM_COL_DATE && is_number(v[i]))
			fputs(v[i], o->fp);
		else if ((s = crm_json_str(v[i])) != NULL) {
			fputs(s, o->fp);
			free(s);
		} else
			o->failed = 1;
	}
	fputs("}\n", o->fp);
}

static void
row_tsv(struct crm_out *o, const char *const *v)
{
	size_t	 i;
	char	*s;

	for (i = 0; i < o->ncols; i++) {
		if (i > 0)
			fputc('\t', o->fp);
		if (v[i] == NULL)
			continue;
		/* Most fields need no escaping: no copy of those. */
		if (crmi_plain(v[i])) {
			fputs(v[i], o->fp);
			continue;
		}
		if ((s = crm_escape(v[i])) == NULL) {
			o->failed = 1;
			continue;
		}
		fputs(s, o->fp);
		free(s);
	}
	fputc('\n', o->fp);
}

int
crm_out_style(struct crm_out *o, enum crm_style style)
{
	if (style < CRM_STYLE_PLAIN || style > CRM_STYLE_GOOD)
		return CRM_EINVAL;
	o->style = style;
	return CRM_OK;
}

int
crm_out_row(struct crm_out *o, const char *const *vals)
{
	switch (o->fmt) {
	case CRM_FMT_JSON:
		row_json(o, vals);
		break;
	case CRM_FMT_TABLE:
		return crmi_out_table_row(o, vals);
	default:
		row_tsv(o, vals);
		break;
	}
	return o->failed ? CRM_ENOMEM : CRM_OK;
}

int
crm_out_section(struct crm_out *o, const char *title)
{
	return crmi_out_text(o, ITEM_SECTION, title);
}

int
crm_out_note(struct crm_out *o, const char *text)
{
	return crmi_out_text(o, ITEM_NOTE, text);
}

/*
 * Write the table through the pager, whose LESS is FRX unless set (as
 * git's is: colours pass, one screen quits).  The person quitting the
 * pager early is no error.  Returns 0 when no pager could be run (the
 * shell's 127), so that the table still goes out.
 */
static int
to_pager(const char *cmd, const char *buf, size_t len)
{
	FILE	*fp;
	char	*sh;
	void	 (*was)(int);
	int	 st;

	if (asprintf(&sh, "LESS=${LESS-FRX}; export LESS; %s", cmd) < 0)
		return 0;
	fp = popen(sh, "w");
	free(sh);
	if (fp == NULL)
		return 0;
	was = signal(SIGPIPE, SIG_IGN);
	(void)fwrite(buf, 1, len, fp);
	st = pclose(fp);
	signal(SIGPIPE, was);
	return st == -1 || !WIFEXITED(st) || WEXITSTATUS(st) != 127;
}

/*
 * The table on a terminal: made in memory, to count its lines, then
 * through the pager when it is longer than the screen leaves room for.
 */
static void
page_table(struct crm_out *o)
{
	FILE		*real = o->fp;
	char		*buf = NULL;
	const char	*cmd;
	size_t		 len = 0, i, n = 0;

	if ((o->fp = open_memstream(&buf, &len)) == NULL) {
		o->fp = real;
		crmi_out_print(o);
		return;
	}
	crmi_out_print(o);
	if (fclose(o->fp) == EOF)
		o->failed = 1;
	o->fp = real;
	for (i = 0; i < len; i++)
		n += buf[i] == '\n';
	if (o->failed || n < term_size(fileno(real), 1) ||
	    (cmd = pager_cmd()) == NULL || fflush(real) == EOF ||
	    !to_pager(cmd, buf, len))
		(void)fwrite(buf, 1, len, real);
	free(buf);
}

int
crm_out_close(struct crm_out *o)
{
	int	 failed;

	if (o == NULL)
		return CRM_OK;
	/* A tool's own output only: a question's list stays on screen. */
	if (o->fmt == CRM_FMT_TABLE && o->avail > 0 && o->fp == stdout)
		page_table(o);
	else if (o->fmt == CRM_FMT_TABLE)
		crmi_out_print(o);
	failed = o->failed || fflush(o->fp) == EOF || ferror(o->fp) ||
	    o->badfd;
	crmi_out_lines_free(o);
	free(o->width);
	free(o->used);
	free(o->varies);
	free(o->group);
	free(o);
	return failed ? CRM_EDB : CRM_OK;
}

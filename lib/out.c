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
 * does.
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

#include "crm_int.h"

enum item { ITEM_ROW, ITEM_SECTION, ITEM_NOTE, ITEM_GROUP };

struct line {
	enum item	 type;
	enum crm_style	 style;
	char		**cells;	/* ROW: ncols cells; else one */
};

#define MIN_FIT	8	/* a fitted column keeps this many columns */
#define MIN_WRAP 20	/* the wrapped column, before the others shrink */
#define INDENT	2	/* a line under a row or a note's next line */

/* SGR sequences of the styles; "" for none. */
static const char *const sgr[] = { "", "\033[31m", "\033[1m", "\033[2m",
    "\033[32m" };

struct crm_out {
	FILE			*fp;
	enum crm_fmt		 fmt;
	const struct crm_col	*cols;
	size_t			 ncols;
	int			 header;
	int			 failed;
	int			 badfd;		/* closed or read-only */
	struct line		*lines;
	size_t			 nlines, maxlines;
	size_t			*width;
	char			*used;		/* a column with a value */
	char			*varies;	/* a block's rows differ in it */
	char			*group;		/* the heading of the rows */
	size_t			 block;		/* its first line */
	size_t			 wrap;		/* wraps; ncols: none */
	int			 under;		/* the under columns too */
	size_t			 avail;		/* terminal columns; 0: any */
	int			 color;
	enum crm_style		 style;		/* of the next row */
};

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

static int
add_line(struct crm_out *o, enum item type, char **cells)
{
	struct line	*l;
	size_t		 n;

	if (o->nlines == o->maxlines) {
		n = o->maxlines ? o->maxlines * 2 : 64;
		if ((l = reallocarray(o->lines, n, sizeof(*l))) == NULL)
			return CRM_ENOMEM;
		o->lines = l;
		o->maxlines = n;
	}
	o->lines[o->nlines].type = type;
	o->lines[o->nlines].style = o->style;
	o->lines[o->nlines].cells = cells;
	o->style = CRM_STYLE_PLAIN;
	o->nlines++;
	return CRM_OK;
}

/*
 * A cell as the table shows it, for people: escaped text, money and
 * dates in the person's language, a code (a state, a verdict) as the
 * word the catalogue has for it in the column's context.
 */
static char *
table_cell(const struct crm_col *c, const char *v)
{
	char		 buf[64];
	long long	 k;
	const char	*err;

	if (v == NULL)
		return strdup("");
	switch (c->type) {
	case CRM_COL_MONEY:
		k = strtonum(v, -999999999999999999LL, 999999999999999999LL,
		    &err);
		if (err == NULL) {
			crmi_money_people(k, buf, sizeof(buf));
			return strdup(buf);
		}
		break;
	case CRM_COL_DATE:
		if (strlen(v) < 32) {
			crmi_date_people(v, buf, sizeof(buf));
			return crm_escape(buf);
		}
		break;
	case CRM_COL_TEXT:
		return crm_escape(crmi_word(c->name, v));
	default:
		break;
	}
	return crm_escape(v);
}

/* The cells of the block's first row so far, to see which columns vary. */
static char **
first_row(const struct crm_out *o)
{
	size_t	 i;

	for (i = o->block; i < o->nlines; i++)
		if (o->lines[i].type == ITEM_ROW)
			return o->lines[i].cells;
	return NULL;
}

static const char *col_title(const struct crm_out *, size_t);

static int
grouped(const struct crm_out *o, size_t i)
{
	return (o->cols[i].flags & CRM_COL_GROUP) != 0;
}

/*
 * A heading over the rows that follow when a row's cells in the columns
 * marked group (its day and state, as people read them) differ from
 * the row's before it in the block.  A figure (the days a task is late,
 * the same for every row of its day and state) goes after its column's
 * title, as under a row: "late 3".
 */
static int
group_line(struct crm_out *o, char **cells)
{
	struct crmi_buf	 b;
	enum crm_style	 style = o->style;
	char		**h = NULL;
	size_t		 i;
	int		 rc = CRM_OK;

	memset(&b, 0, sizeof(b));
	crmi_buf_add(&b, "");
	for (i = 0; i < o->ncols; i++)
		if (grouped(o, i) && *cells[i] != '\0')
			crmi_buf_addf(&b, "%s%s%s%s", b.len > 0 ? ", " : "",
			    o->cols[i].type == CRM_COL_INT ? col_title(o, i) :
			    "", o->cols[i].type == CRM_COL_INT ? " " : "",
			    cells[i]);
	if (b.oom)
		rc = CRM_ENOMEM;
	else if (b.len > 0 && (o->group == NULL ||
	    strcmp(o->group, b.s) != 0)) {
		free(o->group);
		if ((o->group = strdup(b.s)) == NULL ||
		    (h = calloc(1, sizeof(char *))) == NULL ||
		    (h[0] = strdup(b.s)) == NULL)
			rc = CRM_ENOMEM;
		o->style = CRM_STYLE_PLAIN;
		if (rc == CRM_OK && (rc = add_line(o, ITEM_GROUP, h)) ==
		    CRM_OK)
			h = NULL;
		o->style = style;
		if (h != NULL)
			free(h[0]);
		free(h);
	}
	crmi_buf_free(&b);
	return rc;
}

static int
row_table(struct crm_out *o, const char *const *v)
{
	char	**cells, **first = first_row(o);
	size_t	  i, w;

	if ((cells = calloc(o->ncols, sizeof(char *))) == NULL)
		return CRM_ENOMEM;
	for (i = 0; i < o->ncols; i++) {
		if ((cells[i] = table_cell(&o->cols[i], v[i])) == NULL)
			goto fail;
		if (grouped(o, i) || (o->cols[i].flags & CRM_COL_BELOW))
			continue;
		if (*cells[i] != '\0')
			o->used[i] = 1;
		if (first != NULL && strcmp(first[i], cells[i]) != 0)
			o->varies[i] = 1;
		if ((w = crm_width(cells[i])) > o->width[i])
			o->width[i] = w;
	}
	if (group_line(o, cells) == CRM_OK &&
	    add_line(o, ITEM_ROW, cells) == CRM_OK)
		return CRM_OK;
fail:
	for (i = 0; i < o->ncols; i++)
		free(cells[i]);
	free(cells);
	return CRM_ENOMEM;
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
		return row_table(o, vals);
	default:
		row_tsv(o, vals);
		break;
	}
	return o->failed ? CRM_ENOMEM : CRM_OK;
}

static int
add_text(struct crm_out *o, enum item type, const char *text)
{
	char	**cells;

	if (o->fmt != CRM_FMT_TABLE)
		return CRM_OK;
	if ((cells = calloc(1, sizeof(char *))) == NULL)
		return CRM_ENOMEM;
	if ((cells[0] = crm_escape(text)) == NULL ||
	    add_line(o, type, cells) != CRM_OK) {
		free(cells[0]);
		free(cells);
		return CRM_ENOMEM;
	}
	/* A new block: its rows get their own group headings. */
	free(o->group);
	o->group = NULL;
	if (type == ITEM_SECTION)
		o->block = o->nlines;
	return CRM_OK;
}

int
crm_out_section(struct crm_out *o, const char *title)
{
	return add_text(o, ITEM_SECTION, title);
}

int
crm_out_note(struct crm_out *o, const char *text)
{
	return add_text(o, ITEM_NOTE, text);
}

static int
right_aligned(const struct crm_col *c)
{
	return c->type == CRM_COL_INT || c->type == CRM_COL_MONEY ||
	    c->type == CRM_COL_REAL;
}

/*
 * Write one line of the table: cut to the terminal's width when there is
 * one, in the colour of style when colour is on.
 */
static void
put_line(struct crm_out *o, const char *text, enum crm_style style)
{
	char	*cut = NULL;

	if (o->avail > 0 && crm_width(text) > o->avail) {
		if ((cut = crmi_fit(text, o->avail)) == NULL) {
			o->failed = 1;
			return;
		}
		text = cut;
	}
	if (o->color && style != CRM_STYLE_PLAIN)
		fprintf(o->fp, "%s%s\033[0m\n", sgr[style], text);
	else
		fprintf(o->fp, "%s\n", text);
	free(cut);
}

/* One cell, padded (or cut) to its column's width, appended to b. */
static void
put_cell(struct crm_out *o, struct crmi_buf *b, size_t i, const char *cell,
    int last)
{
	char	*cut = NULL;
	size_t	 w = crm_width(cell), pad;

	if (w > o->width[i]) {
		if ((cut = crmi_fit(cell, o->width[i])) == NULL) {
			b->oom = 1;
			return;
		}
		cell = cut;
		w = crm_width(cell);
	}
	pad = o->width[i] > w ? o->width[i] - w : 0;
	if (right_aligned(&o->cols[i]))
		crmi_buf_addf(b, "%*s%s", (int)pad, "", cell);
	else if (!last)
		crmi_buf_addf(b, "%s%*s", cell, (int)pad, "");
	else
		crmi_buf_add(b, cell);
	free(cut);
}

/*
 * A column marked group stands in the headings, not in the rows; a login
 * the same in every row of each block (one's own day, a person's section)
 * says nothing.  On a terminal, a column no row has a value in is left
 * out too: its title alone would take the room the title and client
 * columns need.
 */
static int
hidden(const struct crm_out *o, size_t i)
{
	if (grouped(o, i) || (o->under && (o->cols[i].flags & CRM_COL_UNDER)) ||
	    (o->cols[i].flags & CRM_COL_BELOW) ||
	    (o->cols[i].type == CRM_COL_LOGIN && !o->varies[i]))
		return 1;
	return o->avail > 0 && !o->used[i];
}

/*
 * The columns shown below a row: "    title: text", one line each, the
 * text's newlines (escaped as \n) kept on the line, in no colour, so
 * that a colour marks a task and nothing else.
 */
static void
print_below(struct crm_out *o, const char *const *cells)
{
	char	*line;
	size_t	 i;

	for (i = 0; i < o->ncols; i++) {
		if (!(o->cols[i].flags & CRM_COL_BELOW) || *cells[i] == '\0')
			continue;
		if (asprintf(&line, "    %s: %s", crmi_word("column",
		    o->cols[i].title != NULL ? o->cols[i].title :
		    o->cols[i].name), cells[i]) < 0) {
			o->failed = 1;
			return;
		}
		put_line(o, line, CRM_STYLE_PLAIN);
		free(line);
	}
}

/*
 * Where the wrapped column's cell, too wide for w, breaks: at its last
 * blank within w, unless only a break at w leaves a rest that fits a
 * second line.  *len is the first line's length; returns the rest.
 */
static const char *
wrap_at(const char *cell, size_t w, size_t *len)
{
	size_t	 n = crmi_fit_len(cell, w), k = n;

	while (k > 0 && cell[k] != ' ')
		k--;
	if (k == 0 || (crm_width(cell + k + 1) > w &&
	    crm_width(cell + n) <= w))
		k = n;
	*len = k;
	return cell + k + strspn(cell + k, " ");
}

/*
 * The rest of the wrapped column's cell on a line of its own, under its
 * column: the line starts with blanks, so that the id reader
 * (crm_ids_read) passes over it.
 */
static void
print_more(struct crm_out *o, size_t at, const char *rest,
    enum crm_style style)
{
	struct crmi_buf	 b;

	memset(&b, 0, sizeof(b));
	crmi_buf_addf(&b, "%*s", (int)at, "");
	put_cell(o, &b, o->wrap, rest, 1);
	if (b.oom)
		o->failed = 1;
	else
		put_line(o, b.s, style);
	crmi_buf_free(&b);
}

/*
 * One table row, padded by display width; no trailing blanks.  The
 * wrapped column's cell goes on to a second line when too wide.
 */
static void
print_cells(struct crm_out *o, const char *const *cells,
    enum crm_style style)
{
	struct crmi_buf	 b;
	const char	*rest = NULL;
	char		*first = NULL;
	size_t		 i, n = o->ncols, at = 0, len;

	memset(&b, 0, sizeof(b));
	crmi_buf_add(&b, "");
	while (n > 1 && (*cells[n - 1] == '\0' || hidden(o, n - 1)))
		n--;
	for (i = 0; i < n; i++) {
		if (hidden(o, i))
			continue;
		if (b.len > 0)
			crmi_buf_add(&b, "  ");
		if (i == o->wrap && crm_width(cells[i]) > o->width[i]) {
			at = crm_width(b.s);
			rest = wrap_at(cells[i], o->width[i], &len);
			if ((first = strndup(cells[i], len)) == NULL)
				b.oom = 1;
			else
				put_cell(o, &b, i, first, i + 1 == n);
		} else
			put_cell(o, &b, i, cells[i], i + 1 == n);
	}
	if (b.oom)
		o->failed = 1;
	else
		put_line(o, b.s, style);
	if (rest != NULL && *rest != '\0' && !b.oom)
		print_more(o, at, rest, style);
	free(first);
	crmi_buf_free(&b);
}

/* A column's title as people read it. */
static const char *
col_title(const struct crm_out *o, size_t i)
{
	return crmi_word("column", o->cols[i].title != NULL ?
	    o->cols[i].title : o->cols[i].name);
}

/*
 * The columns marked under, when the row left them out: on lines under
 * it, indented, each value after its column's title, as many to a line
 * as the terminal holds.
 */
static void
print_under(struct crm_out *o, const char *const *cells,
    enum crm_style style)
{
	struct crmi_buf	 b;
	const char	*t;
	size_t		 i;

	memset(&b, 0, sizeof(b));
	for (i = 0; i < o->ncols && !b.oom; i++) {
		if (!(o->cols[i].flags & CRM_COL_UNDER) || *cells[i] == '\0')
			continue;
		t = col_title(o, i);
		if (b.len > INDENT && crm_width(b.s) + 2 + crm_width(t) + 1 +
		    crm_width(cells[i]) > o->avail) {
			put_line(o, b.s, style);
			crmi_buf_free(&b);
		}
		if (b.len == 0)
			crmi_buf_addf(&b, "%*s", INDENT, "");
		else
			crmi_buf_add(&b, "  ");
		crmi_buf_addf(&b, "%s%s%s", t, *t != '\0' ? " " : "",
		    cells[i]);
	}
	if (b.oom)
		o->failed = 1;
	else if (b.len > INDENT)
		put_line(o, b.s, style);
	crmi_buf_free(&b);
}

/*
 * A note (a summary, a reason) on a terminal too narrow for it: broken
 * at blanks, its next lines indented.
 */
static void
put_note(struct crm_out *o, const char *text, enum crm_style style)
{
	const char	*rest;
	char		*line;
	size_t		 len, ind = 0;

	while (o->avail > INDENT + MIN_FIT &&
	    ind + crm_width(text) > o->avail) {
		rest = wrap_at(text, o->avail - ind, &len);
		if (asprintf(&line, "%*s%.*s", (int)ind, "", (int)len,
		    text) < 0) {
			o->failed = 1;
			return;
		}
		put_line(o, line, style);
		free(line);
		text = rest;
		ind = INDENT;
	}
	if (asprintf(&line, "%*s%s", (int)ind, "", text) < 0) {
		o->failed = 1;
		return;
	}
	put_line(o, line, style);
	free(line);
}

/* The width of a row with every column shown at its width. */
static size_t
row_width(const struct crm_out *o)
{
	size_t	 i, total = 0;

	for (i = 0; i < o->ncols; i++)
		if (!hidden(o, i))
			total += o->width[i] + (total > 0 ? 2 : 0);
	return total;
}

/* The narrowest a fit column gets at first: MIN_FIT or its title. */
static size_t
fit_min(const struct crm_out *o, size_t i)
{
	size_t	 min = crm_width(o->cols[i].title != NULL ? o->cols[i].title :
		    o->cols[i].name);

	return min < MIN_FIT ? MIN_FIT : min;
}

/* Narrow column i, if it may be, down to min while the row is too wide. */
static void
narrow(struct crm_out *o, size_t i, size_t min, size_t *total)
{
	if (o->cols[i].type != CRM_COL_FIT || hidden(o, i))
		return;
	while (o->width[i] > min && *total > o->avail) {
		o->width[i]--;
		(*total)--;
	}
}

/*
 * Narrow the columns marked fit until a row fits the terminal: the last
 * one (the title), which wraps to a second line, down to MIN_WRAP; then
 * each other down to MIN_FIT (or its title's width), then the last
 * down to that too; then, on a narrow terminal, all but the last down
 * to two columns.  What still does not fit is cut at the edge.
 */
static void
fit_widths(struct crm_out *o)
{
	size_t	 i, total = row_width(o), last = o->ncols;

	/* First the figures that may go on a line under the row. */
	for (i = 0; i < o->ncols && total > o->avail; i++)
		if (o->cols[i].flags & CRM_COL_UNDER) {
			o->under = 1;
			total = row_width(o);
		}
	for (i = 0; i < o->ncols; i++)
		if (o->cols[i].type == CRM_COL_FIT && !hidden(o, i))
			last = i;
	if (last < o->ncols) {
		o->wrap = last;
		narrow(o, last, MIN_WRAP, &total);
	}
	for (i = 0; i < o->ncols; i++)
		if (i != last)
			narrow(o, i, fit_min(o, i), &total);
	if (last < o->ncols)
		narrow(o, last, fit_min(o, last), &total);
	for (i = 0; i < last; i++)
		narrow(o, i, 2, &total);
}

static void
print_header(struct crm_out *o)
{
	const char	**t;
	size_t		  i;

	if ((t = calloc(o->ncols, sizeof(char *))) == NULL) {
		o->failed = 1;
		return;
	}
	for (i = 0; i < o->ncols; i++)
		t[i] = col_title(o, i);
	print_cells(o, t, CRM_STYLE_PLAIN);
	free(t);
}

/* Headings and notes stand alone; a block of rows gets column titles. */
static void
print_table(struct crm_out *o)
{
	size_t		 i;
	int		 inrows = 0;
	struct line	*l;

	if (o->avail > 0)
		fit_widths(o);
	for (i = 0; i < o->nlines; i++) {
		l = &o->lines[i];
		if (l->type == ITEM_GROUP) {
			if (!inrows && o->header >= 0)
				print_header(o);
			inrows = 1;
			put_line(o, l->cells[0], l->style);
			continue;
		}
		if (l->type != ITEM_ROW) {
			if (l->type == ITEM_SECTION && i > 0)
				fputc('\n', o->fp);
			if (l->type == ITEM_NOTE)
				put_note(o, l->cells[0], l->style);
			else
				put_line(o, l->cells[0], l->style);
			inrows = 0;
			continue;
		}
		if (!inrows && o->header >= 0)
			print_header(o);
		inrows = 1;
		print_cells(o, (const char *const *)l->cells, l->style);
		if (o->under)
			print_under(o, (const char *const *)l->cells,
			    l->style);
		print_below(o, (const char *const *)l->cells);
	}
}

static void
free_lines(struct crm_out *o)
{
	size_t	 i, j, n;

	for (i = 0; i < o->nlines; i++) {
		n = o->lines[i].type == ITEM_ROW ? o->ncols : 1;
		for (j = 0; j < n; j++)
			free(o->lines[i].cells[j]);
		free(o->lines[i].cells);
	}
	free(o->lines);
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
		print_table(o);
		return;
	}
	print_table(o);
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
		print_table(o);
	failed = o->failed || fflush(o->fp) == EOF || ferror(o->fp) ||
	    o->badfd;
	free_lines(o);
	free(o->width);
	free(o->used);
	free(o->varies);
	free(o->group);
	free(o);
	return failed ? CRM_EDB : CRM_OK;
}

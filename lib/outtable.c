/*
 * outtable.c: the table view of crm_out (out.c): the rows kept in
 * memory, since a column is as wide as its widest cell, grouped under
 * headings, then fitted to the terminal and printed at the close.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out_int.h"

/* SGR sequences of the styles; "" for none. */
static const char *const sgr[] = { "", "\033[31m", "\033[1m", "\033[2m",
    "\033[32m" };

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
	crmi_buf_clear(&b);
	return rc;
}

int
crmi_out_table_row(struct crm_out *o, const char *const *v)
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
crmi_out_text(struct crm_out *o, enum item type, const char *text)
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
	crmi_buf_clear(&b);
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
	crmi_buf_clear(&b);
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
			crmi_buf_clear(&b);
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
	crmi_buf_clear(&b);
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
void
crmi_out_print(struct crm_out *o)
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

void
crmi_out_lines_free(struct crm_out *o)
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

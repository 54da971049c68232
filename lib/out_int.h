/*
 * out_int.h: what out.c (the writer of records: TSV, JSON Lines, the
 * API) and outtable.c (the table view, kept in memory and printed at
 * the close) share, and nobody else.
 */
#ifndef OUT_INT_H
#define OUT_INT_H

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

/* Add row v of the table view; CRM_ENOMEM. */
int	 crmi_out_table_row(struct crm_out *, const char *const *v);

/* Add a heading or a note (type) to the table view; other formats: none. */
int	 crmi_out_text(struct crm_out *, enum item type, const char *text);

/* Print the table view to o->fp; o->failed on a failure. */
void	 crmi_out_print(struct crm_out *);

/* Free the table view's lines. */
void	 crmi_out_lines_free(struct crm_out *);

#endif /* !OUT_INT_H */

/*
 * rec_int.h: a record's fields, each by its key, its type and its place
 * in the record's struct (offsetof), which the record's table of columns
 * (crm_*_cols, crm_task_view) names by key: from the two, the cells of
 * a row are made from the struct, whatever the columns' order.
 */
#ifndef REC_INT_H
#define REC_INT_H

#include <stddef.h>

#include "crm.h"

enum crmi_ftype {
	CRMI_F_STR,		/* const char *; NULL: an empty cell */
	CRMI_F_I64,		/* int64_t */
	CRMI_F_INT,		/* int */
	CRMI_F_ROLE		/* enum crm_role, by crm_role_name() */
};

#define CRMI_F_ZNULL	0x01	/* a number 0 is an empty cell */

struct crmi_field {
	const char	*key;	/* its column's name */
	enum crmi_ftype	 type;
	unsigned	 flags;	/* CRMI_F_ZNULL */
	size_t		 off;	/* in the record's struct */
};

/* A field of struct s: member m, of type t and flags fl. */
#define CRMI_FIELD(s, key, t, fl, m) \
	{ key, CRMI_F_##t, fl, offsetof(struct s, m) }

/* The cells of one row: the text of each column, and the numbers'. */
#define CRMI_CELLS_MAX	CRM_TASK_NCOLS	/* the most of any record */
struct crmi_cells {
	const char	*v[CRMI_CELLS_MAX];
	char		 num[CRMI_CELLS_MAX][24];
};

/*
 * The field of each of the n columns cols (at most CRMI_CELLS_MAX), by
 * its key, of the nf fields f, into map; NULL for a column with none
 * (recout.c).
 */
void	 crmi_rec_map(const struct crmi_field *f, size_t nf,
	    const struct crm_col *cols, size_t n,
	    const struct crmi_field **map);

/*
 * The cells of record rec for the n columns map was made for, each as
 * its field's member holds it; a column with no field is an empty cell.
 */
void	 crmi_rec_put(const void *rec, const struct crmi_field *const *map,
	    size_t n, struct crmi_cells *c);

/* The two at once, for one row. */
void	 crmi_rec_cells(const void *rec, const struct crmi_field *f,
	    size_t nf, const struct crm_col *cols, size_t n,
	    struct crmi_cells *c);

#endif /* !REC_INT_H */

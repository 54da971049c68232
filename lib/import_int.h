/*
 * import_int.h: what the files of crm_import() share and nobody else.
 * import.c reads the CSV, maps the header to the columns of a kind and
 * holds the checks that name the line, the column and the value, and
 * the lookups made once per import; import_people.c, import_sales.c
 * and import_tasks.c turn one row of each kind into a record.
 */
#ifndef IMPORT_INT_H
#define IMPORT_INT_H

#include "records_int.h"
#include "sales_int.h"

#define CRMI_IMP_NCOLS	CRM_TASK_NCOLS	/* the most of any kind */

/*
 * The columns of each kind, in the order of its table (crm_*_cols): a
 * person's, a client's, a deal's and a document's from its list
 * (records_int.h), P_, C_, D_ and O_.
 */
enum { CRMI_PERSON_FIELDS(CRMI_REC_ENUM_, CRMI_REC_ENUM_) };
enum { CRMI_CLIENT_FIELDS(CRMI_REC_ENUM_, CRMI_REC_ENUM_) };
enum { CRMI_DEAL_FIELDS(CRMI_REC_ENUM_, CRMI_REC_ENUM_) };
enum { CRMI_DOC_FIELDS(CRMI_REC_ENUM_, CRMI_REC_ENUM_) };
enum { T_LOGIN = 1, T_DUE, T_TIME, T_STATE, T_KIND, T_CLIENT, T_TITLE,
	T_LATE, T_SERIES, T_AUTHOR, T_NOTE, T_CLIENT_ID, T_DEAL, T_FIRST,
	T_CREATED, T_CLOSED, T_RESULT, T_CANCEL, T_ID = 0 };


struct crmi_imp;

/* A kind of record and its row reader. */
struct crmi_imp_kind {
	const char		*name;
	int			(*row)(struct crmi_imp *);
};

/* One import under way. */
struct crmi_imp {
	struct crm			*crm;
	const struct crmi_imp_kind	*k;
	const struct crm_col		*cols;	/* crmi_kind_cols */
	size_t				 ncols;
	long				 line;
	int				 pos[CRMI_IMP_NCOLS]; /* CSV field */
	const char			*as[CRMI_IMP_NCOLS]; /* its header */
	char				**f;
	size_t				 nf;
	struct crmi_map			 people, clients;
	struct crmi_map			 kinds, deals;	/* found: known */
	struct crmi_map			 dealcl, need;	/* a deal's client,
							   a kind's fields */
	int64_t				 noreason; /* lost, reason defaulted */
	const char			*backdated; /* the row's, for the log */
	const char *const		*map;	/* crm_import_opt's */
	char				*heads;	/* the header's names, for as */
	struct crm_import_check		*chk;	/* never NULL */
	int				 keepids; /* -1 not asked yet */
	struct crmi_tcopy		*copy;	/* tasks for COPY, or NULL */
};

/*
 * Map the header (the current row) to the kind's columns: pos and as of
 * every column it names (as points into heads, which the caller frees),
 * the names passed over in chk->skipped (import_head.c).  An unknown name is refused, with the list of the
 * columns read.
 */
int	 crmi_imp_header(struct crmi_imp *);

/*
 * The whole of fp as UTF-8 without a byte-order mark, in *text (of *len
 * bytes; the caller frees it): read as charset (a name iconv(3) knows)
 * when given, else as UTF-8 when it is valid UTF-8 and as Windows-1251
 * when not; the encoding read into used (import_read.c).
 */
int	 crmi_imp_decode(struct crm *, FILE *fp, const char *charset,
	    char **text, size_t *len, char used[32]);


/*
 * Read the current row as a record of its kind, in the import's
 * transaction, with its audit entry.  A failure leaves a message that
 * names the line, the column and the value.
 */
int	 crmi_import_people(struct crmi_imp *);
int	 crmi_import_clients(struct crmi_imp *);
int	 crmi_import_deals(struct crmi_imp *);
int	 crmi_import_docs(struct crmi_imp *);
int	 crmi_import_tasks(struct crmi_imp *);

/*
 * On a server (CRMI_STORE_COPY) a task import that is not a dry run
 * sends its tasks and their audit entries by COPY, some thousands at a
 * time, instead of two statements a row (import_tasks.c):
 * crmi_imp_copy_open() before the first row (CRM_OK, doing nothing,
 * where there is no COPY), crmi_imp_copy_close() after the last, which
 * sends what waits and marks the tasks' days stale (abort: forgets it,
 * the transaction to be rolled back) and frees im->copy; rc, or the
 * sending's status.
 */
int	 crmi_imp_copy_open(struct crmi_imp *);
int	 crmi_imp_copy_close(struct crmi_imp *, int rc);
/* crmi_imp_audit()'s entry of detail, to wait for the COPY too. */
int	 crmi_imp_copy_audit(struct crmi_imp *, const char *entity,
	    int64_t id, int64_t owner, const char *detail);

/* The value of column c in this row; NULL when absent or empty. */
const char *crmi_imp_val(const struct crmi_imp *, int c);

/*
 * Point the string members of rec, a struct of record r, at their
 * columns' values in this row (NULL when empty), but those crm-import
 * passes over (CRM_COL_OUT); the other members are zero.
 */
void	 crmi_imp_rec(const struct crmi_imp *, const struct crmi_rec *r,
	    void *rec, size_t size);

/* Prefix the handle's message with the line and the column; rc. */
int	 crmi_imp_fail(struct crmi_imp *, int c, int rc);

/* CRM_EINVAL, the message: "line N: column 'C': WHAT 'VALUE'". */
int	 crmi_imp_bad(struct crmi_imp *, int c, const char *what);

/*
 * A timestamp: YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (or
 * with a T), into out as YYYY-MM-DD HH:MM:SS; the import's time when
 * the column is empty.  Never later than the import's time.
 */
int	 crmi_imp_stamp(struct crmi_imp *, int c, char out[20]);

/* Money of at least min kopecks; 0 when empty. */
int	 crmi_imp_money(struct crmi_imp *, int c, int64_t min, int64_t *k);

/* An id column of table (client, deal, doc, task): a positive number
 * no record of it has, nor ever had (import.c); 0 when empty. */
int	 crmi_imp_id(struct crmi_imp *, int c, const char *table,
	    int64_t *id);

/* Free text of at most the column's max bytes (newlines when the
 * column has CRM_COL_LINES). */
int	 crmi_imp_text(struct crmi_imp *, int c);

/*
 * The column that names a client or a deal in this row: c_id (client_id,
 * deal_id) when it has a value, else c (a name, or an id as every tool
 * takes one).
 */
int	 crmi_imp_ref(const struct crmi_imp *, int c_id, int c);

/*
 * An active person by login, looked up once; a client as every tool finds
 * it (crm_client_find) and one the caller may add to, looked up once; a
 * deal as every tool finds it (crm_deal_find).
 */
int	 crmi_imp_person(struct crmi_imp *, int c, int64_t *id);
int	 crmi_imp_client(struct crmi_imp *, int c, int64_t *id);
int	 crmi_imp_deal(struct crmi_imp *, int c, int64_t *id);

/*
 * History (times of record, closed states, payments, other authors) is
 * an admin's to import: CRM_OK for an admin or an empty column c, else
 * the message "only an admin imports history".
 */
int	 crmi_imp_history(struct crmi_imp *, int c);

/* Whether the actor may import the work of person id. */
int	 crmi_imp_may(struct crmi_imp *, int c, int64_t id);

/* The audit entry "import" of a record: the line it came from and the
 * whole record as imported, every column by name. */
int	 crmi_imp_audit(struct crmi_imp *, const char *entity, int64_t id,
	    int64_t owner);

#endif /* !IMPORT_INT_H */

/*
 * recout.c: how people, clients, deals and documents (and audit entries,
 * stages and stage changes) look as records:
 * one table of columns each, which their listing tool, crm-export,
 * crm-import and every JSON read (taskout.c holds the tasks').  The
 * model is openradtool's one line per field: the key, the type, the
 * table's heading, the limit and what crm-import makes of it.  Each
 * record's row is made from its struct by a second table, of its fields
 * (rec_int.h): the member that holds each key, whatever the order; for
 * a person, a client, a deal and a document, the table is made from the
 * record's one list in records_int.h, and crmi_rec_fill() fills the
 * struct from a row that list selected.
 */
#include <stdio.h>
#include <string.h>

#include "records_int.h"
#include "sales_int.h"

const struct crm_col crm_person_cols[CRM_PERSON_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, CRM_COL_OUT, NULL },
	{ "login", CRM_COL_TEXT, NULL, 0, CRM_COL_REQ, NULL },
	{ "name", CRM_COL_TEXT, NULL, CRM_TITLE_MAX, CRM_COL_REQ, NULL },
	{ "role", CRM_COL_TEXT, NULL, 0, CRM_COL_REQ, NULL },
	{ "head", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "email", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "active", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "created_at", CRM_COL_DATE, "created", 0, CRM_COL_HIST, NULL },
};

const struct crm_col crm_client_cols[CRM_CLIENT_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "name", CRM_COL_FIT, NULL, CRM_TITLE_MAX, CRM_COL_REQ, NULL },
	{ "inn", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "phone", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "email", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "manager", CRM_COL_TEXT, NULL, 0, CRM_COL_REQ, NULL },
	{ "note", CRM_COL_FIT, NULL, CRM_NOTE_MAX, CRM_COL_LINES, NULL },
	{ "created_at", CRM_COL_DATE, "created", 0, CRM_COL_HIST, NULL },
};

/* client: a client as every tool finds it (crm_client_find); client_id,
 * when given, goes first. */
const struct crm_col crm_deal_cols[CRM_DEAL_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "client", CRM_COL_FIT, NULL, 0, CRM_COL_REQ, NULL },
	{ "title", CRM_COL_FIT, NULL, CRM_TITLE_MAX, CRM_COL_REQ, NULL },
	{ "stage", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "amount", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "profit", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "close_date", CRM_COL_DATE, "close", 0, 0, NULL },
	{ "manager", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "opened_at", CRM_COL_DATE, "opened", 0, CRM_COL_HIST, NULL },
	{ "closed_at", CRM_COL_DATE, "closed", 0, CRM_COL_HIST, NULL },
	{ "lost_reason", CRM_COL_FIT, "reason", CRM_NOTE_MAX, CRM_COL_LINES,
	    NULL },
	{ "client_id", CRM_COL_INT, NULL, 0, 0, NULL },
};

const struct crm_col crm_doc_cols[CRM_DOC_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "kind", CRM_COL_TEXT, NULL, 0, CRM_COL_REQ, NULL },
	{ "number", CRM_COL_TEXT, NULL, CRMI_NUMBER_MAX, CRM_COL_REQ, NULL },
	{ "doc_date", CRM_COL_DATE, "date", 0, CRM_COL_REQ, NULL },
	{ "amount", CRM_COL_MONEY, NULL, 0, CRM_COL_REQ, NULL },
	{ "due_date", CRM_COL_DATE, "due", 0, 0, NULL },
	{ "paid_date", CRM_COL_DATE, "paid", 0, CRM_COL_HIST, NULL },
	{ "deal_id", CRM_COL_INT, "deal", 0, CRM_COL_REQ, "deal" },
	{ "client", CRM_COL_TEXT, NULL, 0, CRM_COL_OUT, NULL },
	{ "manager", CRM_COL_TEXT, NULL, 0, CRM_COL_OUT, NULL },
	{ "created_at", CRM_COL_DATE, "created", 0, CRM_COL_HIST, NULL },
};

const struct crm_col crm_audit_cols[CRM_AUDIT_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "at", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "actor", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "entity", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "entity_id", CRM_COL_INT, "record", 0, 0, NULL },
	{ "action", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "detail", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

const struct crm_col crm_stage_cols[CRM_STAGE_NCOLS] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "name", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "pos", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "outcome", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

const struct crm_col crm_change_cols[CRM_CHANGE_NCOLS] = {
	{ "deal_id", CRM_COL_INT, "deal", 0, 0, NULL },
	{ "at", CRM_COL_DATE, NULL, 0, 0, NULL },
	{ "from", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "to", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "by", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "reason", CRM_COL_TEXT, NULL, 0, 0, NULL },
};

#define NF(f)	(sizeof(f) / sizeof((f)[0]))

/*
 * Each record's fields, by the key of its column above: the member of
 * its struct that holds it.  The rows below are made from them.  A
 * person's, a client's, a deal's and a document's are the lists of
 * records_int.h, in the order they are selected.
 */
#define P(e, col, key, sql, t, m)	CRMI_FIELD(crm_person, key, t, 0, m),
static const struct crmi_field person_fields[] = {
	CRMI_PERSON_FIELDS(P, P)
};

#define C(e, col, key, sql, t, m)	CRMI_FIELD(crm_client, key, t, 0, m),
static const struct crmi_field client_fields[] = {
	CRMI_CLIENT_FIELDS(C, C)
};

#define D(e, col, key, sql, t, m)	CRMI_FIELD(crm_deal, key, t, 0, m),
static const struct crmi_field deal_fields[] = {
	CRMI_DEAL_FIELDS(D, D)
};

#define O(e, col, key, sql, t, m)	CRMI_FIELD(crm_doc, key, t, 0, m),
static const struct crmi_field doc_fields[] = {
	CRMI_DOC_FIELDS(O, O)
};

const struct crmi_rec crmi_person_rec = {
	person_fields, NF(person_fields), crm_person_cols, CRM_PERSON_NCOLS
};

const struct crmi_rec crmi_client_rec = {
	client_fields, NF(client_fields), crm_client_cols, CRM_CLIENT_NCOLS
};

const struct crmi_rec crmi_deal_rec = {
	deal_fields, NF(deal_fields), crm_deal_cols, CRM_DEAL_NCOLS
};

const struct crmi_rec crmi_doc_rec = {
	doc_fields, NF(doc_fields), crm_doc_cols, CRM_DOC_NCOLS
};

#define A(key, t, m)	CRMI_FIELD(crm_audit, key, t, 0, m)
static const struct crmi_field audit_fields[] = {
	A("id", I64, id), A("at", STR, at), A("actor", STR, actor),
	A("entity", STR, entity), A("entity_id", I64, entity_id),
	A("action", STR, action), A("detail", STR, detail),
};

#define S(key, t, m)	CRMI_FIELD(crm_stage, key, t, 0, m)
static const struct crmi_field stage_fields[] = {
	S("id", I64, id), S("name", STR, name), S("pos", INT, pos),
	S("outcome", STR, outcome),
};

#define H(key, t, m)	CRMI_FIELD(crm_stage_change, key, t, 0, m)
static const struct crmi_field change_fields[] = {
	H("deal_id", I64, deal_id), H("at", STR, at), H("from", STR, from),
	H("to", STR, to), H("by", STR, by), H("reason", STR, reason),
};

/*
 * The field of the column key, or NULL, looked for from *at on (the
 * place after the last one found: columns mostly follow their fields'
 * order, so a row's cells cost a compare each).
 */
static const struct crmi_field *
field(const struct crmi_field *f, size_t nf, const char *key, size_t *at)
{
	size_t	 i, k;

	for (k = 0; k < nf; k++) {
		i = (*at + k) % nf;
		if (f[i].key != NULL && strcmp(f[i].key, key) == 0) {
			*at = i + 1;
			return &f[i];
		}
	}
	return NULL;
}

#define MEMBER(r, f, type) \
	(*(const type *)(const void *)((const char *)(r) + (f)->off))
#define SLOT(r, f, type)	((type *)(void *)((char *)(r) + (f)->off))

int
crmi_rec_fill(struct crmi_stmt *st, const struct crmi_rec *r, void *rec,
    size_t size, int dup)
{
	const struct crmi_field	*f;
	const char		*s;
	size_t			 i;
	int			 rc = CRM_OK;

	memset(rec, 0, size);
	for (i = 0; i < r->nf; i++) {
		f = &r->f[i];
		if (f->type == CRMI_F_I64)
			*SLOT(rec, f, int64_t) = crmi_col_int(st, (int)i);
		else if (f->type == CRMI_F_INT)
			*SLOT(rec, f, int) = (int)crmi_col_int(st, (int)i);
		else if (f->type == CRMI_F_ROLE)
			*SLOT(rec, f, enum crm_role) =
			    crm_role_parse(crmi_col_text(st, (int)i));
		else if ((s = crmi_col_text(st, (int)i)) == NULL || !dup)
			*SLOT(rec, f, const char *) = s;
		else if ((*SLOT(rec, f, char *) = strdup(s)) == NULL)
			rc = CRM_ENOMEM;
	}
	return rc;
}

void
crmi_rec_map(const struct crmi_field *fs, size_t nf,
    const struct crm_col *cols, size_t n, const struct crmi_field **map)
{
	size_t	 i, at = 0;

	for (i = 0; i < n; i++)
		map[i] = field(fs, nf, cols[i].name, &at);
}

void
crmi_rec_put(const void *rec, const struct crmi_field *const *map,
    size_t n, struct crmi_cells *c)
{
	const struct crmi_field	*f;
	long long		 v;
	size_t			 i;

	for (i = 0; i < n; i++) {
		c->v[i] = NULL;
		if ((f = map[i]) == NULL)
			continue;
		if (f->type == CRMI_F_STR) {
			c->v[i] = MEMBER(rec, f, char *);
			continue;
		}
		if (f->type == CRMI_F_ROLE) {
			c->v[i] = crm_role_name(MEMBER(rec, f, enum crm_role));
			continue;
		}
		v = f->type == CRMI_F_I64 ? MEMBER(rec, f, int64_t) :
		    MEMBER(rec, f, int);
		if (v != 0 || !(f->flags & CRMI_F_ZNULL)) {
			snprintf(c->num[i], sizeof(c->num[i]), "%lld", v);
			c->v[i] = c->num[i];
		}
	}
}

void
crmi_rec_cells(const void *rec, const struct crmi_field *fs, size_t nf,
    const struct crm_col *cols, size_t n, struct crmi_cells *c)
{
	const struct crmi_field	*map[CRMI_CELLS_MAX];

	crmi_rec_map(fs, nf, cols, n, map);
	crmi_rec_put(rec, map, n, c);
}

/* Write rec as one row of its columns, from its fields. */
static int
row(void *o, const void *rec, const struct crmi_field *f, size_t nf,
    const struct crm_col *cols, size_t n)
{
	struct crmi_cells	 c;

	crmi_rec_cells(rec, f, nf, cols, n, &c);
	return crm_out_row(o, c.v);
}

int
crm_person_row(const struct crm_person *p, void *o)
{
	return row(o, p, person_fields, NF(person_fields), crm_person_cols,
	    CRM_PERSON_NCOLS);
}

int
crm_client_row(const struct crm_client *c, void *o)
{
	return row(o, c, client_fields, NF(client_fields), crm_client_cols,
	    CRM_CLIENT_NCOLS);
}

int
crm_deal_row(const struct crm_deal *d, void *o)
{
	return row(o, d, deal_fields, NF(deal_fields), crm_deal_cols,
	    CRM_DEAL_NCOLS);
}

int
crm_doc_row(const struct crm_doc *d, void *o)
{
	return row(o, d, doc_fields, NF(doc_fields), crm_doc_cols,
	    CRM_DOC_NCOLS);
}

int
crm_audit_row(const struct crm_audit *a, void *o)
{
	return row(o, a, audit_fields, NF(audit_fields), crm_audit_cols,
	    CRM_AUDIT_NCOLS);
}

int
crm_stage_row(const struct crm_stage *s, void *o)
{
	return row(o, s, stage_fields, NF(stage_fields), crm_stage_cols,
	    CRM_STAGE_NCOLS);
}

int
crm_change_row(const struct crm_stage_change *c, void *o)
{
	return row(o, c, change_fields, NF(change_fields), crm_change_cols,
	    CRM_CHANGE_NCOLS);
}

/*
 * records_int.h: people, clients, deals and documents as records, each
 * defined once, as task_int.h defines a task.  Each field of a record's
 * struct that is selected is one line of its list, in the order of its
 * table of columns (recout.c, crm_*_cols), then those no column shows:
 *
 *	e	its place in crm_*_cols: crm-import's index of the column
 *	col	the column of the record's table that keeps it (NULL: joined
 *		from another table, or kept by another field's column)
 *	key	its column in crm_*_cols (NULL: selected for the library only)
 *	sql	the SQL that selects it, over the joins of CRMI_*_SELECT
 *	type	its member's type (rec_int.h: STR, I64, INT, ROLE)
 *	m	its member of the record's struct
 *
 * The first line is written F0, the others F, so that the select list
 * has its commas.  CRMI_*_SELECT selects the fields, in order, with the
 * joins they need: a statement adds its WHERE.  From that one line the
 * listing (person.c, client.c, deal.c, doc.c) and crm-export (export.c)
 * select it, crmi_rec_fill() fills it, crmi_rec_put() writes it
 * (recout.c), and crm-import finds its column (import_int.h) and its
 * string (crmi_imp_rec).  The columns of each table that no field reads
 * are its KEPT list.  tests/05-columns.t checks the lists against the
 * tables of the database and against crm_*_cols.
 */
#ifndef RECORDS_INT_H
#define RECORDS_INT_H

#include "domain_int.h"
#include "rec_int.h"

/* The select list of a record's fields, in order, from its list. */
#define CRMI_REC_SEL0_(e, col, key, sql, type, m)	sql
#define CRMI_REC_SEL_(e, col, key, sql, type, m)	", " sql
#define CRMI_REC_LIST(list)	list(CRMI_REC_SEL0_, CRMI_REC_SEL_)

#define CRMI_PERSON_FIELDS(F0, F) \
	F0(P_ID, "id", "id", "p.id", I64, id) \
	F(P_LOGIN, "login", "login", "p.login", STR, login) \
	F(P_NAME, "name", "name", "p.name", STR, name) \
	F(P_ROLE, "role", "role", "p.role", ROLE, role) \
	F(P_HEAD, "head_id", "head", "h.login", STR, head_login) \
	F(P_EMAIL, "email", "email", "p.email", STR, email) \
	F(P_ACTIVE, "active", "active", "p.active", INT, active) \
	F(P_CREATED, "created_at", "created_at", "p.created_at", STR, \
	    created_at) \
	F(P_HEAD_ID, NULL, NULL, "p.head_id", I64, head_id)
#define CRMI_PERSON_KEPT(K)
#define CRMI_PERSON_SELECT \
	"SELECT " CRMI_REC_LIST(CRMI_PERSON_FIELDS) \
	" FROM person p LEFT JOIN person h ON h.id = p.head_id "

#define CRMI_CLIENT_FIELDS(F0, F) \
	F0(C_ID, "id", "id", "c.id", I64, id) \
	F(C_NAME, "name", "name", "c.name", STR, name) \
	F(C_INN, "inn", "inn", "c.inn", STR, inn) \
	F(C_PHONE, "phone", "phone", "c.phone", STR, phone) \
	F(C_EMAIL, "email", "email", "c.email", STR, email) \
	F(C_MANAGER, "manager_id", "manager", "m.login", STR, manager) \
	F(C_NOTE, "note", "note", "c.note", STR, note) \
	F(C_CREATED, "created_at", "created_at", "c.created_at", STR, \
	    created_at)
/* The folded name a search reads, and who made the client. */
#define CRMI_CLIENT_KEPT(K)	K("name_key") K("created_by")
#define CRMI_CLIENT_SELECT \
	"SELECT " CRMI_REC_LIST(CRMI_CLIENT_FIELDS) \
	" FROM client c JOIN person m ON m.id = c.manager_id "

#define CRMI_DEAL_FIELDS(F0, F) \
	F0(D_ID, "id", "id", "d.id", I64, id) \
	F(D_CLIENT, NULL, "client", "c.name", STR, client) \
	F(D_TITLE, "title", "title", "d.title", STR, title) \
	F(D_STAGE, "stage_id", "stage", "s.name", STR, stage) \
	F(D_AMOUNT, "amount", "amount", "d.amount", I64, amount) \
	F(D_PROFIT, "profit", "profit", "d.profit", I64, profit) \
	F(D_CLOSE, "close_date", "close_date", "d.close_date", STR, \
	    close_date) \
	F(D_MANAGER, "manager_id", "manager", "m.login", STR, manager) \
	F(D_OPENED, "opened_at", "opened_at", "d.opened_at", STR, opened_at) \
	F(D_CLOSED, "closed_at", "closed_at", "d.closed_at", STR, closed_at) \
	F(D_REASON, "lost_reason", "lost_reason", "d.lost_reason", STR, \
	    lost_reason) \
	F(D_CLIENT_ID, "client_id", "client_id", "d.client_id", I64, \
	    client_id) \
	F(D_OUTCOME, NULL, NULL, "s.outcome", STR, outcome)
#define CRMI_DEAL_KEPT(K)	K("created_by")
#define CRMI_DEAL_SELECT \
	"SELECT " CRMI_REC_LIST(CRMI_DEAL_FIELDS) \
	" FROM deal d JOIN client c ON c.id = d.client_id" \
	" JOIN person m ON m.id = d.manager_id" \
	" JOIN stage s ON s.id = d.stage_id "

#define CRMI_DOC_FIELDS(F0, F) \
	F0(O_ID, "id", "id", "o.id", I64, id) \
	F(O_KIND, "kind", "kind", "o.kind", STR, kind) \
	F(O_NUMBER, "number", "number", "o.number", STR, number) \
	F(O_DATE, "doc_date", "doc_date", "o.doc_date", STR, doc_date) \
	F(O_AMOUNT, "amount", "amount", "o.amount", I64, amount) \
	F(O_DUE, "due_date", "due_date", "o.due_date", STR, due_date) \
	F(O_PAID, "paid_date", "paid_date", "o.paid_date", STR, paid_date) \
	F(O_DEAL, "deal_id", "deal_id", "o.deal_id", I64, deal_id) \
	F(O_CLIENT, NULL, "client", "c.name", STR, client) \
	F(O_MANAGER, NULL, "manager", "m.login", STR, manager) \
	F(O_CREATED, "created_at", "created_at", "o.created_at", STR, \
	    created_at)
#define CRMI_DOC_KEPT(K)	K("created_by")
#define CRMI_DOC_SELECT \
	"SELECT " CRMI_REC_LIST(CRMI_DOC_FIELDS) \
	" FROM doc o JOIN deal d ON d.id = o.deal_id" \
	" JOIN client c ON c.id = d.client_id" \
	" JOIN person m ON m.id = d.manager_id "

/* Each record's columns, in order, for crm-import (import_int.h). */
#define CRMI_REC_ENUM_(e, col, key, sql, type, m)	e,

/*
 * A record as a whole: its fields (from its list above), in the order
 * selected, and its table of columns.
 */
struct crmi_rec {
	const struct crmi_field	*f;
	size_t			 nf;
	const struct crm_col	*cols;
	size_t			 ncols;
};

extern const struct crmi_rec crmi_person_rec;
extern const struct crmi_rec crmi_client_rec;
extern const struct crmi_rec crmi_deal_rec;
extern const struct crmi_rec crmi_doc_rec;

/*
 * Fill rec, a struct of record r, from the current row of st, which
 * selects r's fields in order (CRMI_*_SELECT); the members no field
 * names are zero.  Strings point into st's row, or, when dup, are copies
 * the caller frees (the members of a struct crm_person).  CRM_ENOMEM,
 * and no message, when a copy failed (the others made are kept).
 */
int	 crmi_rec_fill(struct crmi_stmt *st, const struct crmi_rec *r,
	    void *rec, size_t size, int dup);

#endif /* !RECORDS_INT_H */

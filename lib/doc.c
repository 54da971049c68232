/*
 * doc.c: the contracts and invoices of a deal.  Issuing one and paying
 * an invoice are the recorded events the KPI report counts (by doc_date
 * and paid_date), so both go to the audit log; a document follows its
 * deal: whoever may change the deal may issue and pay its documents.
 */
#include <stdlib.h>
#include <string.h>

#include "records_int.h"
#include "sales_int.h"

static const char SQL_EACH[] = CRMI_DOC_SELECT
    "WHERE (CAST(?1 AS BIGINT) = 0 OR o.deal_id = ?1)"
    " AND (CAST(?2 AS TEXT) IS NULL OR o.kind = ?2)"
    " AND (CAST(?3 AS TEXT) IS NULL OR m.login = ?3)"
    " AND (?4 = 0 OR (o.kind = 'invoice' AND o.paid_date IS NULL))"
    " AND (?5 = 1 OR d.manager_id = ?6 OR m.head_id = ?7)"
    " ORDER BY o.id";

/* Whether s is set. */
static int
set(const char *s)
{
	return s != NULL && *s != '\0';
}

int
crmi_doc_check(struct crm *crm, const struct crm_doc *d)
{
	int	 rc, inv;

	if (d->kind == NULL || (strcmp(d->kind, "contract") != 0 &&
	    strcmp(d->kind, "invoice") != 0))
		return crmi_err(crm, CRM_EINVAL, "invalid kind '%s': contract "
		    "or invoice", d->kind != NULL ? d->kind : "");
	inv = strcmp(d->kind, "invoice") == 0;
	if ((rc = crmi_check_text(crm, "number", d->number, CRMI_NUMBER_MAX,
	    1, 0)) != CRM_OK ||
	    (rc = crmi_check_date(crm, "date", d->doc_date, 1)) != CRM_OK ||
	    (rc = crmi_check_date(crm, "due date", d->due_date, 0)) !=
	    CRM_OK ||
	    (rc = crmi_check_date(crm, "paid date", d->paid_date, 0)) !=
	    CRM_OK)
		return rc;
	if (d->amount <= 0)
		return crmi_err(crm, CRM_EINVAL, "invalid amount: not above "
		    "zero");
	if (!inv && (set(d->due_date) || set(d->paid_date)))
		return crmi_err(crm, CRM_EINVAL, "a contract has no due or "
		    "paid date");
	if (set(d->due_date) && strcmp(d->due_date, d->doc_date) < 0)
		return crmi_err(crm, CRM_EINVAL, "invalid due date '%s': "
		    "before the invoice's date %s", d->due_date, d->doc_date);
	if (set(d->paid_date) && strcmp(d->paid_date, d->doc_date) < 0)
		return crmi_err(crm, CRM_EINVAL, "invalid paid date '%s': "
		    "before the invoice's date %s", d->paid_date, d->doc_date);
	return CRM_OK;
}

int
crmi_closed_month(struct crm *crm, int64_t manager, char out[8])
{
	char	*d = NULL, *t = NULL;
	int	 rc;

	out[0] = '\0';
	if ((rc = crm_rule_get(crm, "kpi.closed", &d)) == CRM_OK &&
	    (rc = crmi_rule_team(crm, "kpi.closed", manager, &t)) == CRM_OK)
		strlcpy(out, strcmp(d, t) > 0 ? d : t, 8);
	free(d);
	free(t);
	return rc;
}

/* The day deal id was opened, into out. */
static int
deal_opened(struct crm *crm, int64_t id, char out[11])
{
	struct crmi_stmt	*st;
	int			 rc;

	out[0] = '\0';
	st = crmi_stmt(crm, "SELECT substr(opened_at, 1, 10) FROM deal "
	    "WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) == CRMI_ROW)
		strlcpy(out, crmi_col_text(st, 0), 11);
	crmi_reset(st);
	return rc == CRMI_ROW || rc == CRMI_DONE ? CRM_OK :
	    crmi_dberr(crm, rc);
}

/* Refuse date: 0 in the future, 1 in the closed period, 2 before the
 * deal was opened (at: the closed month, or the day it was opened). */
static int
refuse(struct crm *crm, int what, int paid, const char *date, int64_t deal,
    const char *at)
{
	if (what == 0)
		return paid ? crmi_err(crm, CRM_EINVAL, "invalid paid date "
		    "'%s': in the future", date) : crmi_err(crm, CRM_EINVAL,
		    "invalid date '%s': in the future", date);
	if (what == 1)
		return paid ? crmi_err(crm, CRM_EPERM, "paid date '%s' is in "
		    "the closed period (up to %s): only your head records it",
		    date, at) : crmi_err(crm, CRM_EPERM, "date '%s' is in the "
		    "closed period (up to %s): only your head records it",
		    date, at);
	return paid ? crmi_err(crm, CRM_EINVAL, "invalid paid date '%s': "
	    "before deal %lld was opened on %s (only your head records an "
	    "earlier date)", date, (long long)deal, at) : crmi_err(crm,
	    CRM_EINVAL, "invalid date '%s': before deal %lld was opened on "
	    "%s (only your head records an earlier date)", date,
	    (long long)deal, at);
}

int
crmi_sales_date(struct crm *crm, int64_t deal, int64_t manager, int paid,
    const char *date, const char **why)
{
	char	 today[11], opened[11], closed[8];
	int	 rc;

	*why = NULL;
	if (date == NULL || *date == '\0')
		return CRM_OK;
	strlcpy(today, crm->now, sizeof(today));
	if (strcmp(date, today) > 0)
		return refuse(crm, 0, paid, date, deal, NULL);
	if ((rc = deal_opened(crm, deal, opened)) != CRM_OK ||
	    (rc = crmi_closed_month(crm, manager, closed)) != CRM_OK)
		return rc;
	if (*closed != '\0' && strncmp(date, closed, 7) <= 0)
		*why = "closed period";
	else if (deal != 0 && strcmp(date, opened) < 0)
		*why = "before the deal";
	/* The head records it for the team, their own deals too. */
	if (*why == NULL || crm->actor.id != manager || crmi_team(crm) != 0)
		return CRM_OK;
	return **why == 'c' ? refuse(crm, 1, paid, date, deal, closed) :
	    refuse(crm, 2, paid, date, deal, opened);
}

/* A new document: the table's next id, or the one an import keeps (?10). */
#define SQL_INSERT_(idcol, idval) "INSERT INTO doc (deal_id, kind, " \
    "number, doc_date, amount, due_date, paid_date, created_at, " \
    "created_by" idcol ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9" \
    idval ") RETURNING id"
static const char SQL_INSERT[] = SQL_INSERT_("", "");
static const char SQL_INSERT_ID[] = SQL_INSERT_(", id", ", ?10");

int
crmi_doc_insert(struct crm *crm, const struct crm_doc *d, int64_t want,
    int64_t *id)
{
	struct crmi_stmt	*st;
	int			 dup, rc;

	st = crmi_stmt(crm, "SELECT 1 FROM doc WHERE kind = ?1 AND "
	    "number = ?2");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, d->kind);
	crmi_bind_str(st, 2, d->number);
	dup = crmi_step(st) == CRMI_ROW;
	crmi_reset(st);
	if (dup)
		return crmi_err(crm, CRM_EINVAL, "%s '%s' already exists",
		    d->kind, d->number);
	if ((rc = crmi_next_id(crm, "doc", &want)) != CRM_OK)
		return rc;
	st = crmi_stmt(crm, want != 0 ? SQL_INSERT_ID : SQL_INSERT);
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, d->deal_id);
	crmi_bind_str(st, 2, d->kind);
	crmi_bind_str(st, 3, d->number);
	crmi_bind_str(st, 4, d->doc_date);
	crmi_bind_int(st, 5, d->amount);
	crmi_bind_text(st, 6, d->due_date);
	crmi_bind_text(st, 7, d->paid_date);
	crmi_bind_str(st, 8, set(d->created_at) ? d->created_at :
	    crm->now);
	crmi_bind_int(st, 9, crm->actor.id);
	if (want != 0)
		crmi_bind_int(st, 10, want);
	return crmi_step_kept(crm, st, "doc", want, id);
}

static int
audit_doc(struct crm *crm, const struct crm_doc *d, int64_t id,
    int64_t manager, const char *why)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	int		 rc;

	crmi_json_open(&b);
	crmi_json_int(&b, "deal", d->deal_id);
	crmi_json_str(&b, "kind", d->kind);
	crmi_json_str(&b, "number", d->number);
	crmi_json_str(&b, "date", d->doc_date);
	crmi_json_int(&b, "amount", d->amount);
	crmi_json_str(&b, "due_date", d->due_date);
	if (why != NULL)
		crmi_json_str(&b, "backdated", why);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "doc", id, manager, "issue", b.s);
	crmi_buf_clear(&b);
	return rc;
}

int
crm_doc_add(struct crm *crm, const struct crm_doc *d, int64_t *idp)
{
	const char	*why;
	int64_t		 manager, id = 0;
	int		 outcome, rc;

	if ((rc = crmi_doc_check(crm, d)) != CRM_OK)
		return rc;
	if (set(d->paid_date))
		return crmi_err(crm, CRM_EINVAL, "a new invoice is not paid "
		    "yet: record the payment with doc-pay");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_deal_owner(crm, d->deal_id, &manager, &outcome)) ==
	    CRM_OK && (rc = crm_may_act(crm, manager)) == CRM_OK) {
		if (outcome == 'l')
			rc = crmi_err(crm, CRM_ESTATE, "deal %lld is lost: "
			    "no documents for it", (long long)d->deal_id);
		else if ((rc = crmi_sales_date(crm, d->deal_id, manager,
		    0, d->doc_date, &why)) == CRM_OK &&
		    (rc = crmi_doc_insert(crm, d, 0, &id)) == CRM_OK)
			rc = audit_doc(crm, d, id, manager, why);
	}
	if ((rc = crmi_end(crm, rc)) == CRM_OK && idp != NULL)
		*idp = id;
	return rc;
}

/* The deal, kind, date and payment of document id. */
static int
doc_get(struct crm *crm, int64_t id, int64_t *deal, char *kind,
    char *date, char *paid, int64_t *amount)
{
	struct crmi_stmt	*st;
	const char		*p;
	int			 rc;

	st = crmi_stmt(crm, "SELECT deal_id, kind, doc_date, paid_date, "
	    "amount FROM doc WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*deal = crmi_col_int(st, 0);
		strlcpy(kind, crmi_col_text(st, 1), 16);
		strlcpy(date, crmi_col_text(st, 2), 11);
		p = crmi_col_text(st, 3);
		strlcpy(paid, p != NULL ? p : "", 11);
		*amount = crmi_col_int(st, 4);
		rc = CRM_OK;
	} else if (rc == CRMI_DONE)
		rc = crmi_err(crm, CRM_ENOENT, "no such document '%lld'",
		    (long long)id);
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

static int
pay(struct crm *crm, int64_t id, const char *paid)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	const char		*why;
	char			 kind[16], date[11], was[11];
	int64_t			 deal = 0, manager, amount = 0;
	int			 outcome, rc;

	if ((rc = doc_get(crm, id, &deal, kind, date, was, &amount)) !=
	    CRM_OK)
		return rc;
	if (crmi_deal_owner(crm, deal, &manager, &outcome) != CRM_OK)
		return crmi_err(crm, CRM_ENOENT, "no such document '%lld'",
		    (long long)id);
	if ((rc = crm_may_act(crm, manager)) != CRM_OK)
		return rc;
	if (strcmp(kind, "invoice") != 0)
		return crmi_err(crm, CRM_EINVAL, "document %lld is a %s: only "
		    "an invoice is paid", (long long)id,
		    crmi_word("kind", kind));
	if (*was != '\0')
		return crmi_already(crm, CRM_ESTATE, "invoice %lld was paid "
		    "on %s",
		    (long long)id, was);
	if (strcmp(paid, date) < 0)
		return crmi_err(crm, CRM_EINVAL, "invalid paid date '%s': "
		    "before the invoice's date %s", paid, date);
	if ((rc = crmi_sales_date(crm, deal, manager, 1, paid, &why)) != CRM_OK)
		return rc;
	st = crmi_stmt(crm, "UPDATE doc SET paid_date = ?1 WHERE id = ?2");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, paid);
	crmi_bind_int(st, 2, id);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&b);
	crmi_json_str(&b, "paid_date", paid);
	crmi_json_int(&b, "amount", amount);
	if (why != NULL)
		crmi_json_str(&b, "backdated", why);
	crmi_json_close(&b);
	rc = b.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "doc", id, manager, "pay", b.s);
	crmi_buf_clear(&b);
	return rc;
}

int
crm_doc_pay(struct crm *crm, int64_t id, const char *paid)
{
	int	 rc;

	if ((rc = crmi_check_date(crm, "paid date", paid, 1)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = pay(crm, id, paid);
	return crmi_end(crm, rc);
}

int
crm_doc_each(struct crm *crm, const struct crm_doc_filter *f,
    int (*fn)(const struct crm_doc *, void *), void *arg)
{
	struct crmi_stmt	*st;
	struct crm_doc		 d;
	int64_t			 dc;
	int			 rc = CRM_OK, src = CRMI_DONE;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_person_known(crm, f->manager)) != CRM_OK)
		return rc;
	if (f->kind != NULL && strcmp(f->kind, "contract") != 0 &&
	    strcmp(f->kind, "invoice") != 0)
		return crmi_err(crm, CRM_EINVAL, "invalid kind '%s': contract "
		    "or invoice", f->kind);
	if (f->deal_id != 0 &&
	    (rc = crmi_task_deal_client(crm, f->deal_id, &dc)) != CRM_OK)
		return rc;
	if ((st = crmi_stmt(crm, SQL_EACH)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, f->deal_id);
	crmi_bind_text(st, 2, f->kind);
	crmi_bind_text(st, 3, f->manager);
	crmi_bind_int(st, 4, f->unpaid != 0);
	crmi_bind_sight(crm, st, 5);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		crmi_rec_fill(st, &crmi_doc_rec, &d, sizeof(d), 0);
		rc = fn(&d, arg);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_reset(st);
	return rc;
}

static const char SQL_NUMBER[] =
    "SELECT o.id FROM doc o JOIN deal d ON d.id = o.deal_id"
    " JOIN person m ON m.id = d.manager_id WHERE o.number = ?1"
    " AND (?2 = 1 OR d.manager_id = ?3 OR m.head_id = ?4) ORDER BY o.id";

int
crm_doc_find(struct crm *crm, const char *spec, int64_t *id)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	int			 n = 0, rc;

	if (crm_id_parse(spec, id) == CRM_OK)
		return CRM_OK;
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((st = crmi_stmt(crm, SQL_NUMBER)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, spec);
	crmi_bind_sight(crm, st, 2);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if (n++ == 0)
			*id = crmi_col_int(st, 0);
		crmi_buf_addf(&b, "%s%lld", n > 1 ? ", " : "",
		    (long long)crmi_col_int(st, 0));
	}
	crmi_reset(st);
	if (rc != CRMI_DONE)
		rc = crmi_dberr(crm, rc);
	else if (n == 0)
		rc = crmi_err(crm, CRM_ENOENT, "no document numbered '%s'",
		    spec);
	else if (n > 1)
		rc = crmi_err(crm, CRM_EINVAL, "several documents numbered "
		    "'%s': %s", spec, b.s != NULL ? b.s : "");
	else
		rc = CRM_OK;
	crmi_buf_clear(&b);
	return rc;
}

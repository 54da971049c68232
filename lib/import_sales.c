/*
 * import_sales.c: the clients, deals and documents of crm_import(), checked
 * as client.c, deal.c and doc.c check them, with their own dates kept.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

/* ---- clients --------------------------------------------------------- */

int
crmi_import_clients(struct crmi_imp *im)
{
	struct crm_client	 c;
	char			 at[20];
	int64_t			 want, manager, id;
	int			 rc;

	crmi_imp_rec(im, &crmi_client_rec, &c, sizeof(c));
	if ((rc = crmi_imp_id(im, C_ID, "client", &want)) != CRM_OK ||
	    (rc = crmi_imp_text(im, C_NAME)) != CRM_OK ||
	    (rc = crmi_imp_text(im, C_NOTE)) != CRM_OK ||
	    (rc = crmi_imp_stamp(im, C_CREATED, at)) != CRM_OK)
		return rc;
	if (crmi_check_inn(im->crm, c.inn) != CRM_OK)
		return crmi_imp_fail(im, C_INN, CRM_EINVAL);
	if (c.inn != NULL && crmi_inn_client(im->crm, c.inn) != 0)
		return crmi_imp_bad(im, C_INN, "a client already has INN");
	if (crmi_check_phone(im->crm, c.phone) != CRM_OK)
		return crmi_imp_fail(im, C_PHONE, CRM_EINVAL);
	if (crmi_check_email(im->crm, c.email) != CRM_OK)
		return crmi_imp_fail(im, C_EMAIL, CRM_EINVAL);
	if ((rc = crmi_imp_person(im, C_MANAGER, &manager)) != CRM_OK ||
	    (rc = crmi_imp_may(im, C_MANAGER, manager)) != CRM_OK ||
	    (rc = crmi_client_insert(im->crm, &c, manager, at, want, &id)) !=
	    CRM_OK)
		return rc;
	return crmi_imp_audit(im, "client", id, manager);
}

/* ---- deals ----------------------------------------------------------- */

static int
deal_dates(struct crmi_imp *im, int outcome, char opened[20], char closed[20])
{
	int	 rc;

	if ((rc = crmi_imp_stamp(im, D_OPENED, opened)) != CRM_OK)
		return rc;
	if (crmi_imp_val(im, D_CLOSED) == NULL) {
		closed[0] = '\0';
		return outcome == 'o' ? CRM_OK : crmi_imp_bad(im, D_CLOSED,
		    "a won or lost deal needs its closing time, not");
	}
	if (outcome == 'o')
		return crmi_imp_bad(im, D_CLOSED,
		    "an open deal has no closing time, not");
	if ((rc = crmi_imp_stamp(im, D_CLOSED, closed)) != CRM_OK)
		return rc;
	if (strcmp(closed, opened) < 0)
		return crmi_imp_bad(im, D_CLOSED,
		    "closed before it was opened:");
	return CRM_OK;
}

int
crmi_import_deals(struct crmi_imp *im)
{
	struct crm_deal	 d;
	char		 opened[20], closed[20];
	int64_t		 want, cl, manager, stage, id;
	int		 outcome, rc, client;

	crmi_imp_rec(im, &crmi_deal_rec, &d, sizeof(d));
	client = crmi_imp_ref(im, D_CLIENT_ID, D_CLIENT);
	if ((rc = crmi_imp_id(im, D_ID, "deal", &want)) != CRM_OK ||
	    (rc = crmi_imp_client(im, client, &cl)) != CRM_OK ||
	    (rc = crmi_imp_text(im, D_TITLE)) != CRM_OK ||
	    (rc = crmi_imp_text(im, D_REASON)) != CRM_OK ||
	    (rc = crmi_imp_money(im, D_AMOUNT, 0, &d.amount)) != CRM_OK ||
	    (rc = crmi_imp_money(im, D_PROFIT, INT64_MIN, &d.profit)) != CRM_OK)
		return rc;
	if (crmi_check_date(im->crm, "close date", d.close_date, 0) != CRM_OK)
		return crmi_imp_fail(im, D_CLOSE, CRM_EINVAL);
	if (crmi_stage_find(im->crm, crmi_imp_val(im, D_STAGE), &stage,
	    &outcome) != CRM_OK)
		return crmi_imp_bad(im, D_STAGE, "no such stage");
	if ((rc = deal_dates(im, outcome, opened, closed)) != CRM_OK)
		return rc;
	if (crmi_imp_val(im, D_MANAGER) != NULL)
		rc = crmi_imp_person(im, D_MANAGER, &manager);
	else if ((rc = crmi_client_manager(im->crm, cl, &manager)) != CRM_OK)
		rc = crmi_imp_fail(im, client, rc);
	if (rc != CRM_OK ||
	    (rc = crmi_imp_may(im, D_MANAGER, manager)) != CRM_OK)
		return rc;
	/* History from elsewhere often lost deals without saying why. */
	if (outcome == 'l' && d.lost_reason == NULL) {
		/* stored in the language of who imports, as typed */
		d.lost_reason = _("not stated in the source");
		im->noreason++;
	}
	d.opened_at = opened;
	d.closed_at = closed[0] != '\0' ? closed : NULL;
	if ((rc = crmi_deal_insert(im->crm, &d, cl, manager, stage, want,
	    &id)) != CRM_OK)
		return rc;
	return crmi_imp_audit(im, "deal", id, manager);
}

/* ---- documents ------------------------------------------------------- */

static int
doc_fields(struct crmi_imp *im, struct crm_doc *d)
{
	static const int	 dates[] = { O_DATE, O_DUE, O_PAID };
	size_t			 i;
	int			 rc;

	if (strcmp(d->kind, "contract") != 0 &&
	    strcmp(d->kind, "invoice") != 0)
		return crmi_imp_bad(im, O_KIND,
		    "invalid kind (contract or invoice)");
	if ((rc = crmi_imp_text(im, O_NUMBER)) != CRM_OK ||
	    (rc = crmi_imp_money(im, O_AMOUNT, 1, &d->amount)) != CRM_OK)
		return rc;
	for (i = 0; i < 3; i++)
		if (crmi_check_date(im->crm, im->as[dates[i]],
		    crmi_imp_val(im, dates[i]), 0) != CRM_OK)
			return crmi_imp_fail(im, dates[i], CRM_EINVAL);
	if (d->kind[0] == 'c' && d->due_date != NULL)
		return crmi_imp_bad(im, O_DUE,
		    "a contract has no due date, not");
	if (d->kind[0] == 'c' && d->paid_date != NULL)
		return crmi_imp_bad(im, O_PAID,
		    "a contract has no paid date, not");
	if (d->due_date != NULL && strcmp(d->due_date, d->doc_date) < 0)
		return crmi_imp_bad(im, O_DUE,
		    "due before the document's date:");
	if (d->paid_date != NULL && strcmp(d->paid_date, d->doc_date) < 0)
		return crmi_imp_bad(im, O_PAID,
		    "paid before the document's date:");
	return CRM_OK;
}

int
crmi_import_docs(struct crmi_imp *im)
{
	struct crm_doc	 d;
	char		 at[20];
	int64_t		 want, manager, id;
	int		 outcome, rc;

	crmi_imp_rec(im, &crmi_doc_rec, &d, sizeof(d));
	d.created_at = at;
	if ((rc = crmi_imp_id(im, O_ID, "doc", &want)) != CRM_OK ||
	    (rc = crmi_imp_deal(im, O_DEAL, &d.deal_id)) != CRM_OK)
		return rc;
	/* As doc-add: another team's deal is no deal, a lost one takes
	 * no documents. */
	if ((rc = crmi_deal_owner(im->crm, d.deal_id, &manager, &outcome)) !=
	    CRM_OK)
		return crmi_imp_fail(im, O_DEAL, rc);
	if (outcome == 'l')
		return crmi_imp_bad(im, O_DEAL,
		    "no documents for a lost deal:");
	if ((rc = crmi_imp_may(im, O_DEAL, manager)) != CRM_OK ||
	    (rc = doc_fields(im, &d)) != CRM_OK ||
	    (rc = crmi_imp_stamp(im, O_CREATED, at)) != CRM_OK)
		return rc;
	/* As doc-add: a head's dates in the sales window, or logged; an
	 * admin's history keeps the source's. */
	if (im->crm->actor.role != CRM_ROLE_ADMIN &&
	    (rc = crmi_sales_date(im->crm, d.deal_id, manager, 0,
	    d.doc_date, &im->backdated)) != CRM_OK)
		return crmi_imp_fail(im, O_DATE, rc);
	if ((rc = crmi_doc_insert(im->crm, &d, want, &id)) != CRM_OK)
		return rc == CRM_EINVAL ? crmi_imp_fail(im, O_NUMBER, rc) : rc;
	return crmi_imp_audit(im, "doc", id, manager);
}


/*
 * recout.c: how people, clients, deals and documents (and audit entries,
 * stages and stage changes) look as records:
 * one table of columns each, which their listing tool, crm-export,
 * crm-import and every JSON read (taskout.c holds the tasks').  The
 * model is openradtool's one line per field: the key, the type, the
 * table's heading, the limit and what crm-import makes of it.
 */
#include <stdio.h>

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

/* An integer as the text of a cell. */
static const char *
num(char *buf, size_t sz, long long n)
{
	snprintf(buf, sz, "%lld", n);
	return buf;
}

int
crm_person_row(const struct crm_person *p, void *o)
{
	char		 id[24], act[24];
	const char	*v[CRM_PERSON_NCOLS] = {
		num(id, sizeof(id), p->id), p->login, p->name,
		crm_role_name(p->role), p->head_login, p->email,
		num(act, sizeof(act), p->active), p->created_at
	};

	return crm_out_row(o, v);
}

int
crm_client_row(const struct crm_client *c, void *o)
{
	char		 id[24];
	const char	*v[CRM_CLIENT_NCOLS] = {
		num(id, sizeof(id), c->id), c->name, c->inn, c->phone,
		c->email, c->manager, c->note, c->created_at
	};

	return crm_out_row(o, v);
}

int
crm_deal_row(const struct crm_deal *d, void *o)
{
	char		 id[24], amount[24], profit[24], cid[24];
	const char	*v[CRM_DEAL_NCOLS] = {
		num(id, sizeof(id), d->id), d->client, d->title, d->stage,
		num(amount, sizeof(amount), d->amount),
		num(profit, sizeof(profit), d->profit), d->close_date,
		d->manager, d->opened_at, d->closed_at, d->lost_reason,
		num(cid, sizeof(cid), d->client_id)
	};

	return crm_out_row(o, v);
}

int
crm_doc_row(const struct crm_doc *d, void *o)
{
	char		 id[24], amount[24], deal[24];
	const char	*v[CRM_DOC_NCOLS] = {
		num(id, sizeof(id), d->id), d->kind, d->number, d->doc_date,
		num(amount, sizeof(amount), d->amount), d->due_date,
		d->paid_date, num(deal, sizeof(deal), d->deal_id), d->client,
		d->manager, d->created_at
	};

	return crm_out_row(o, v);
}

int
crm_audit_row(const struct crm_audit *a, void *o)
{
	char		 id[24], eid[24];
	const char	*v[CRM_AUDIT_NCOLS] = {
		num(id, sizeof(id), a->id), a->at, a->actor, a->entity,
		num(eid, sizeof(eid), a->entity_id), a->action, a->detail
	};

	return crm_out_row(o, v);
}

int
crm_stage_row(const struct crm_stage *s, void *o)
{
	char		 id[24], pos[24];
	const char	*v[CRM_STAGE_NCOLS] = {
		num(id, sizeof(id), s->id), s->name,
		num(pos, sizeof(pos), s->pos), s->outcome
	};

	return crm_out_row(o, v);
}

int
crm_change_row(const struct crm_stage_change *c, void *o)
{
	char		 id[24];
	const char	*v[CRM_CHANGE_NCOLS] = {
		num(id, sizeof(id), c->deal_id), c->at, c->from, c->to, c->by,
		c->reason
	};

	return crm_out_row(o, v);
}

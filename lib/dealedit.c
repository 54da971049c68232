/*
 * dealedit.c: corrections of a deal (its title, amount, profit and
 * expected close date) and of its documents (number, date, amount),
 * each logged with the value before and after.  The stage is not here:
 * it moves with crm_deal_stage, which keeps the funnel's history; nor
 * is the payment, which is crm_doc_pay's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sales_int.h"

static const char *const FIELDS[] = { "title", "amount", "profit", "close" };

static const char *const SQL_GET[] = {
	"SELECT title FROM deal WHERE id = ?1",
	"SELECT amount FROM deal WHERE id = ?1",
	"SELECT profit FROM deal WHERE id = ?1",
	"SELECT close_date FROM deal WHERE id = ?1"
};

static const char *const SQL_SET[] = {
	"UPDATE deal SET title = ?1 WHERE id = ?2",
	"UPDATE deal SET amount = ?1 WHERE id = ?2",
	"UPDATE deal SET profit = ?1 WHERE id = ?2",
	"UPDATE deal SET close_date = ?1 WHERE id = ?2"
};

/* The value to store for field f, as text (NULL: none) into out. */
static int
deal_value(struct crm *crm, int f, const char *v, char *out, size_t sz)
{
	int64_t	 k;
	int	 day;

	if (f == 0) {
		strlcpy(out, v, sz);
		return crmi_check_text(crm, "title", v, CRM_TITLE_MAX, 1, 0);
	}
	if (f == 3) {
		if (*v == '\0' || strcmp(v, "-") == 0) {
			*out = '\0';
			return CRM_OK;
		}
		if (crm_date_parse(v, crm_today(crm), &day) != CRM_OK)
			return crmi_err(crm, CRM_EINVAL, "invalid close date "
			    "'%s'", v);
		crm_date_fmt(day, out);
		return CRM_OK;
	}
	if (crm_money_parse(v, &k) != CRM_OK || (f == 1 && k < 0))
		return crmi_err(crm, CRM_EINVAL, "invalid %s '%s'", FIELDS[f],
		    v);
	snprintf(out, sz, "%lld", (long long)k);
	return CRM_OK;
}

/*
 * Set one field of entity id (whose work it is: owner) to v ("": none)
 * with sql_set (?1 the value, ?2 the id), logging key's value before
 * (sql_get, ?1 the id) and after.
 */
static int
set_field(struct crm *crm, const char *entity, int64_t id, int64_t owner,
    const char *key, const char *sql_get, const char *sql_set,
    const char *v, const char *why)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			*old = NULL;
	int			 rc;

	if ((st = crmi_stmt(crm, sql_get)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW)
		old = crmi_col_dup(st, 0);
	crmi_reset(st);
	if ((st = crmi_stmt(crm, sql_set)) == NULL) {
		free(old);
		return CRM_EDB;
	}
	crmi_bind_text(st, 1, v);
	crmi_bind_int(st, 2, id);
	rc = crmi_step_done(crm, st);
	crmi_json_open(&d);
	crmi_json_change(&d, key, old, *v != '\0' ? v : NULL);
	if (why != NULL)
		crmi_json_str(&d, "backdated", why);
	crmi_json_close(&d);
	if (rc == CRM_OK)
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    crmi_audit(crm, entity, id, owner, "update", d.s);
	crmi_buf_clear(&d);
	free(old);
	return rc;
}

int
crm_deal_set(struct crm *crm, int64_t id, const char *field,
    const char *value)
{
	char	 v[CRM_TITLE_MAX + 1];
	int64_t	 manager;
	int	 f, outcome, rc;

	for (f = 0; f < 4; f++)
		if (strcmp(field, FIELDS[f]) == 0)
			break;
	if (f == 4)
		return crmi_err(crm, CRM_EINVAL, "unknown field '%s': title, "
		    "amount, profit or close", field);
	if ((rc = deal_value(crm, f, value, v, sizeof(v))) != CRM_OK ||
	    (rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_deal_owner(crm, id, &manager, &outcome)) == CRM_OK &&
	    (rc = crm_may_act(crm, manager)) == CRM_OK)
		rc = set_field(crm, "deal", id, manager, FIELDS[f], SQL_GET[f],
		    SQL_SET[f], v, NULL);
	return crmi_end(crm, rc);
}

static const char *const DFIELDS[] = { "number", "date", "amount" };

static const char *const DSQL_GET[] = {
	"SELECT number FROM doc WHERE id = ?1",
	"SELECT doc_date FROM doc WHERE id = ?1",
	"SELECT amount FROM doc WHERE id = ?1"
};

static const char *const DSQL_SET[] = {
	"UPDATE doc SET number = ?1 WHERE id = ?2",
	"UPDATE doc SET doc_date = ?1 WHERE id = ?2",
	"UPDATE doc SET amount = ?1 WHERE id = ?2"
};

/* What a new value of field f of document id must not clash with. */
static int
doc_fits(struct crm *crm, int64_t id, int f, const char *v)
{
	static const char *const sql[] = {
		"SELECT 1 FROM doc o WHERE o.number = ?1 AND o.id <> ?2"
		" AND o.kind = (SELECT kind FROM doc WHERE id = ?2)",
		"SELECT 1 FROM doc WHERE id = ?2 AND (due_date < ?1"
		" OR paid_date < ?1)"
	};
	struct crmi_stmt	*st;
	int		 clash;

	if (f == 2)
		return CRM_OK;
	if ((st = crmi_stmt(crm, sql[f])) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, v);
	crmi_bind_int(st, 2, id);
	clash = crmi_step(st) == CRMI_ROW;
	crmi_reset(st);
	if (clash && f == 0)
		return crmi_err(crm, CRM_EINVAL, "number '%s' is taken by "
		    "another document of that kind", v);
	if (clash)
		return crmi_err(crm, CRM_EINVAL, "invalid date '%s': after "
		    "the document's due or paid date", v);
	return CRM_OK;
}

/* The value to store for field f of a document, as text, into out. */
static int
doc_value(struct crm *crm, int f, const char *v, char *out, size_t sz)
{
	int64_t	 k;
	int	 day;

	if (f == 0) {
		strlcpy(out, v, sz);
		return crmi_check_text(crm, "number", v, CRMI_NUMBER_MAX, 1,
		    0);
	}
	if (f == 1) {
		if (crm_date_parse(v, crm_today(crm), &day) != CRM_OK)
			return crmi_err(crm, CRM_EINVAL, "invalid date '%s'",
			    v);
		crm_date_fmt(day, out);
		return CRM_OK;
	}
	if (crm_money_parse(v, &k) != CRM_OK || k <= 0)
		return crmi_err(crm, CRM_EINVAL, "invalid amount '%s'", v);
	snprintf(out, sz, "%lld", (long long)k);
	return CRM_OK;
}

/* The manager whose deal document id belongs to, if the actor may act. */
static int
doc_owner(struct crm *crm, int64_t id, int64_t *manager)
{
	struct crmi_stmt	*st;
	int64_t			 deal = 0;
	int			 outcome;

	if ((st = crmi_stmt(crm, "SELECT deal_id FROM doc WHERE id = ?1"))
	    == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW)
		deal = crmi_col_int(st, 0);
	crmi_reset(st);
	if (deal == 0 || crmi_deal_owner(crm, deal, manager, &outcome) !=
	    CRM_OK)
		return crmi_err(crm, CRM_ENOENT, "no such document '%lld'",
		    (long long)id);
	return crm_may_act(crm, *manager);
}

/*
 * Whether a change of field f of document id to v is in the sales
 * window: the new date as doc-add's, and a document dated or paid in
 * the closed period changed only by the head; *why for the log.
 */
static int
doc_window(struct crm *crm, int64_t id, int64_t manager, int f,
    const char *v, const char **why)
{
	struct crmi_stmt	*st;
	char			 old[2][11] = { "", "" };
	const char		*p, *was;
	int64_t			 deal = 0;
	int			 i, rc = CRM_OK;

	*why = NULL;
	st = crmi_stmt(crm, "SELECT deal_id, doc_date, paid_date FROM doc "
	    "WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW) {
		deal = crmi_col_int(st, 0);
		for (i = 0; i < 2; i++)
			if ((p = crmi_col_text(st, 1 + i)) != NULL)
				strlcpy(old[i], p, sizeof(old[i]));
	}
	crmi_reset(st);
	if (f == 1 && (rc = crmi_sales_date(crm, deal, manager, 0, v, why)) != CRM_OK)
		return rc;
	/* Of the dates it had, only the closed period binds. */
	for (i = 0; i < 2 && rc != CRM_EPERM; i++)
		if ((rc = crmi_sales_date(crm, deal, manager, i, old[i],
		    &was)) != CRM_EPERM && was != NULL &&
		    *was == 'c' && *why == NULL)
			*why = was;
	return rc == CRM_EPERM ? rc : CRM_OK;
}

int
crm_doc_set(struct crm *crm, int64_t id, const char *field,
    const char *value)
{
	const char	*why;
	char		 v[CRM_TITLE_MAX + 1];
	int64_t		 manager;
	int		 f, rc;

	for (f = 0; f < 3; f++)
		if (strcmp(field, DFIELDS[f]) == 0)
			break;
	if (f == 3)
		return crmi_err(crm, CRM_EINVAL, "unknown field '%s': number, "
		    "date or amount", field);
	if ((rc = doc_value(crm, f, value, v, sizeof(v))) != CRM_OK ||
	    (rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = doc_owner(crm, id, &manager)) == CRM_OK &&
	    (rc = doc_fits(crm, id, f, v)) == CRM_OK &&
	    (rc = doc_window(crm, id, manager, f, v, &why)) == CRM_OK)
		rc = set_field(crm, "doc", id, manager, DFIELDS[f],
		    DSQL_GET[f], DSQL_SET[f], v, why);
	return crmi_end(crm, rc);
}

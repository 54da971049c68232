/*
 * dealedit.c: corrections of a deal (its title, amount, profit and
 * expected close date), each logged with the value before and after.
 * The stage is not here: it moves with crm_deal_stage, which keeps the
 * funnel's history.
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
		return crmi_check_text(crm, "title", v, CRMI_NAME_MAX, 1, 0);
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

static int
deal_update(struct crm *crm, int64_t id, int f, const char *v,
    int64_t manager)
{
	sqlite3_stmt	*st;
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	char		*old = NULL;
	int		 rc;

	if ((st = crmi_stmt(crm, SQL_GET[f])) == NULL)
		return CRM_EDB;
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) == SQLITE_ROW)
		old = crmi_col_dup(st, 0);
	sqlite3_reset(st);
	if ((st = crmi_stmt(crm, SQL_SET[f])) == NULL) {
		free(old);
		return CRM_EDB;
	}
	crmi_bind_text(st, 1, v);
	sqlite3_bind_int64(st, 2, id);
	rc = crmi_step_done(crm, st);
	crmi_json_open(&d);
	crmi_json_change(&d, FIELDS[f], old, *v != '\0' ? v : NULL);
	crmi_json_close(&d);
	if (rc == CRM_OK)
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    crmi_audit(crm, "deal", id, manager, "update", d.s);
	crmi_buf_free(&d);
	free(old);
	return rc;
}

int
crm_deal_set(struct crm *crm, int64_t id, const char *field,
    const char *value)
{
	char	 v[CRMI_NAME_MAX + 1];
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
		rc = deal_update(crm, id, f, v, manager);
	return crmi_end(crm, rc);
}

/*
 * kind.c: the kinds of task (call, meeting, ...) and the fields each
 * needs, which a head changes as the regulations (rule.c) are changed.
 */
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

int
crm_kind_each(struct crm *crm, int (*fn)(const struct crm_kind *, void *),
    void *arg)
{
	struct crmi_stmt	*st;
	struct crm_kind		 k;
	int			 rc, stop = 0;

	st = crmi_stmt(crm, "SELECT name, need_client, need_deal, need_time,"
	    " need_note FROM task_kind ORDER BY pos, name");
	if (st == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		k.name = crmi_col_text(st, 0);
		k.need_client = crmi_col_int(st, 1);
		k.need_deal = crmi_col_int(st, 2);
		k.need_time = crmi_col_int(st, 3);
		k.need_note = crmi_col_int(st, 4);
		if ((stop = fn(&k, arg)) != 0)
			break;
	}
	return crmi_each_end(crm, st, rc, stop);
}

int
crmi_kind_defined(struct crm *crm, const char *name, int len)
{
	struct crmi_stmt	*st;
	int			 rc;

	st = crmi_stmt(crm, "SELECT 1 FROM task_kind WHERE name = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_strn(st, 1, name, len);
	if ((rc = crmi_step_row(crm, st)) == CRM_OK)
		crmi_reset(st);
	return rc;
}

/* A kind's name: 1 to 32 small Latin letters, digits, '-' and '_'. */
static int
kind_name_valid(const char *s)
{
	size_t	 n = strlen(s);

	if (n == 0 || n > 32 || !(*s >= 'a' && *s <= 'z'))
		return 0;
	return strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-_") == n;
}

/* Run sql with ?1 the kind's name and ?2..?5 the fields it needs. */
static int
kind_step(struct crm *crm, const char *sql, const struct crm_kind *k)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, k->name);
	crmi_bind_int(st, 2, k->need_client != 0);
	crmi_bind_int(st, 3, k->need_deal != 0);
	crmi_bind_int(st, 4, k->need_time != 0);
	crmi_bind_int(st, 5, k->need_note != 0);
	return crmi_step_done(crm, st);
}

static int
kind_write(struct crm *crm, const struct crm_kind *k, int *added)
{
	int	 rc;

	rc = kind_step(crm, "UPDATE task_kind SET need_client = ?2, "
	    "need_deal = ?3, need_time = ?4, need_note = ?5 WHERE name = ?1",
	    k);
	if (rc != CRM_OK)
		return rc;
	if ((*added = crmi_changes(crm) == 0) == 0)
		return CRM_OK;
	return kind_step(crm, "INSERT INTO task_kind (name, need_client, "
	    "need_deal, need_time, need_note, pos) SELECT ?1, ?2, ?3, ?4, ?5,"
	    " COALESCE(MAX(pos), 0) + 1 FROM task_kind", k);
}

int
crm_kind_set(struct crm *crm, const struct crm_kind *k)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	int		 rc, added;

	if ((rc = crm_rule_may(crm)) != CRM_OK)
		return rc;
	if (!kind_name_valid(k->name))
		return crmi_err(crm, CRM_EINVAL, "invalid task kind '%s' "
		    "(small Latin letters, digits, - and _)", k->name);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = kind_write(crm, k, &added)) == CRM_OK) {
		crmi_json_open(&d);
		crmi_json_str(&d, "kind", k->name);
		crmi_json_int(&d, "need_client", k->need_client != 0);
		crmi_json_int(&d, "need_deal", k->need_deal != 0);
		crmi_json_int(&d, "need_time", k->need_time != 0);
		crmi_json_int(&d, "need_note", k->need_note != 0);
		crmi_json_close(&d);
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    crmi_audit(crm, "task_kind", 0, 0, added ? "add" : "set",
		    d.s);
		crmi_buf_clear(&d);
	}
	return crmi_end(crm, rc);
}

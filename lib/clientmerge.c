/*
 * clientmerge.c: two records of one client made into one.  The deals,
 * tasks and repeating series of the duplicate go to the client kept,
 * which takes the duplicate's INN, phone, e-mail and note where it has
 * none; the duplicate's record goes, and the log keeps it whole, with
 * its history under its old id.
 */
#include <stdlib.h>
#include <string.h>

#include "sales_int.h"

/* What moves to the client kept: ?1 keep, ?2 the duplicate. */
static const char *const SQL_MOVE[] = {
	"UPDATE deal SET client_id = ?1 WHERE client_id = ?2",
	"UPDATE task SET client_id = ?1 WHERE client_id = ?2",
	"UPDATE task_series SET client_id = ?1 WHERE client_id = ?2"
};
static const char *const moved[] = { "deals", "tasks", "series" };

static const char SQL_DUP[] =
    "SELECT c.name, c.inn, c.phone, c.email, m.login, c.note"
    " FROM client c LEFT JOIN person m ON m.id = c.manager_id"
    " WHERE c.id = ?1";
static const char *const dupcols[] = {
	"name", "inn", "phone", "email", "manager", "note"
};

static const char SQL_FILL[] =
    "UPDATE client SET inn = coalesce(inn, ?3),"
    " phone = coalesce(phone, (SELECT phone FROM client WHERE id = ?2)),"
    " email = coalesce(email, (SELECT email FROM client WHERE id = ?2)),"
    " note = coalesce(note, (SELECT note FROM client WHERE id = ?2))"
    " WHERE id = ?1";

/* An admin, or a head whose team has both clients. */
static int
may_merge(struct crm *crm, int64_t keep, int64_t dup)
{
	int64_t	 m[2];
	int	 i, rc;

	if ((rc = crmi_client_manager(crm, keep, &m[0])) != CRM_OK ||
	    (rc = crmi_client_manager(crm, dup, &m[1])) != CRM_OK)
		return rc;
	if (keep == dup)
		return crmi_err(crm, CRM_EINVAL, "a client is not merged with "
		    "itself");
	if (crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EPERM, "merging clients is for an "
		    "admin or the managers' head");
	for (i = 0; i < 2; i++)
		if (m[i] != 0 && (rc = crm_may_act(crm, m[i])) != CRM_OK)
			return rc;
	return CRM_OK;
}

/* The duplicate's record, as the log keeps it; *inn gets its INN. */
static int
dup_record(struct crm *crm, int64_t dup, int64_t keep, struct crmi_buf *d,
    char **inn)
{
	struct crmi_stmt	*st;
	int			 i, rc;

	if ((st = crmi_stmt(crm, SQL_DUP)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, dup);
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		return crmi_dberr(crm, rc);
	}
	crmi_json_open(d);
	for (i = 0; i < 6; i++)
		if (!crmi_col_null(st, i))
			crmi_json_str(d, dupcols[i],
			    crmi_col_text(st, i));
	crmi_json_int(d, "into", keep);
	*inn = crmi_col_dup(st, 1);
	crmi_reset(st);
	return CRM_OK;
}

static int
run2(struct crm *crm, const char *sql, int64_t keep, int64_t dup,
    const char *inn)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, keep);
	crmi_bind_int(st, 2, dup);
	if (inn != NULL)
		crmi_bind_str(st, 3, inn);
	return crmi_step_done(crm, st);
}

static int
merge(struct crm *crm, int64_t keep, int64_t dup)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	char		*inn = NULL;
	int64_t		 owner = 0;
	int		 i, rc;

	if ((rc = may_merge(crm, keep, dup)) != CRM_OK ||
	    (rc = dup_record(crm, dup, keep, &d, &inn)) != CRM_OK)
		goto out;
	for (i = 0; i < 3 && rc == CRM_OK; i++)
		if ((rc = run2(crm, SQL_MOVE[i], keep, dup, NULL)) == CRM_OK)
			crmi_json_int(&d, moved[i], crmi_changes(crm));
	crmi_json_close(&d);
	if (rc != CRM_OK ||
	    (rc = run2(crm, "UPDATE client SET inn = NULL WHERE id = ?2"
	    " AND ?1 = ?1", keep, dup, NULL)) != CRM_OK ||
	    (rc = run2(crm, SQL_FILL, keep, dup, inn)) != CRM_OK ||
	    (rc = run2(crm, "DELETE FROM client WHERE id = ?2 AND ?1 = ?1",
	    keep, dup, NULL)) != CRM_OK)
		goto out;
	crmi_client_manager(crm, keep, &owner);
	if (d.oom)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if ((rc = crmi_audit(crm, "client", dup, owner, "merge", d.s)) ==
	    CRM_OK) {
		crmi_buf_clear(&d);
		memset(&d, 0, sizeof(d));
		crmi_json_open(&d);
		crmi_json_int(&d, "from", dup);
		crmi_json_close(&d);
		rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    crmi_audit(crm, "client", keep, owner, "merge", d.s);
	}
out:
	crmi_buf_clear(&d);
	free(inn);
	return rc;
}

int
crm_client_merge(struct crm *crm, int64_t keep, int64_t dup)
{
	int	 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, merge(crm, keep, dup));
}

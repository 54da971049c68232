/*
 * import_people.c: the people of crm_import(): a login not yet used, a
 * role, the head of a manager, and who may import whom.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

static int
check_login(struct crmi_imp *im)
{
	const char	*s = crmi_imp_val(im, P_LOGIN);
	int		 dup;

	if (crmi_check_login(im->crm, s) != CRM_OK)
		return crmi_imp_fail(im, P_LOGIN, CRM_EINVAL);
	dup = crmi_exists(im->crm, "SELECT 1 FROM person WHERE login = ?1", s);
	if (dup == -1)
		return CRM_EDB;
	return dup ? crmi_imp_bad(im, P_LOGIN, "person already exists") :
	    CRM_OK;
}

/* The head of an imported person: an active head, or none. */
static int
head_of(struct crmi_imp *im, int role, int64_t *hid)
{
	struct crm_person	 h;
	const char		*v = crmi_imp_val(im, P_HEAD);
	int			 ok;

	*hid = 0;
	if (v == NULL)
		return im->crm->actor.role == CRM_ROLE_HEAD ?
		    (*hid = im->crm->actor.id, CRM_OK) : CRM_OK;
	if (role != CRM_ROLE_MANAGER)
		return crmi_imp_bad(im, P_HEAD,
		    "only a manager has a head, not");
	if (crm_person_get(im->crm, v, &h) != CRM_OK)
		return crmi_imp_bad(im, P_HEAD, "no such head");
	ok = h.role == CRM_ROLE_HEAD && h.active;
	*hid = h.id;
	crm_person_clear(&h);
	return ok ? CRM_OK : crmi_imp_bad(im, P_HEAD, "not an active head");
}

int
crmi_import_people(struct crmi_imp *im)
{
	struct crmi_stmt	*st;
	const char		*act = crmi_imp_val(im, P_ACTIVE);
	char			 at[20];
	int64_t			 hid, id;
	int			 role, rc;

	if ((rc = check_login(im)) != CRM_OK)
		return rc;
	if ((role = crm_role_parse(crmi_imp_val(im, P_ROLE))) < 0)
		return crmi_imp_bad(im, P_ROLE, "invalid role");
	if ((rc = crmi_imp_text(im, P_NAME)) != CRM_OK ||
	    (rc = head_of(im, role, &hid)) != CRM_OK ||
	    (rc = crmi_imp_stamp(im, P_CREATED, at)) != CRM_OK)
		return rc;
	if (crmi_check_email(im->crm, crmi_imp_val(im, P_EMAIL)) != CRM_OK)
		return crmi_imp_fail(im, P_EMAIL, CRM_EINVAL);
	if (act != NULL && strcmp(act, "0") != 0 && strcmp(act, "1") != 0)
		return crmi_imp_bad(im, P_ACTIVE, "invalid active (0 or 1)");
	if (im->crm->actor.role != CRM_ROLE_ADMIN &&
	    (role != CRM_ROLE_MANAGER || hid != im->crm->actor.id))
		return crmi_imp_bad(im, P_ROLE,
		    "a head imports only managers of their team, not");
	st = crmi_stmt(im->crm, "INSERT INTO person (login, name, role, "
	    "head_id, email, active, created_at) VALUES (?1, ?2, ?3, ?4, "
	    "?5, ?6, ?7) RETURNING id");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, crmi_imp_val(im, P_LOGIN));
	crmi_bind_str(st, 2, crmi_imp_val(im, P_NAME));
	crmi_bind_str(st, 3, crm_role_name(role));
	if (hid != 0)
		crmi_bind_int(st, 4, hid);
	crmi_bind_text(st, 5, crmi_imp_val(im, P_EMAIL));
	crmi_bind_int(st, 6, act == NULL || *act == '1');
	crmi_bind_str(st, 7, at);
	if ((rc = crmi_step_id(im->crm, st, &id)) != CRM_OK)
		return rc;
	return crmi_imp_audit(im, "person", id, id);
}


/*
 * crm.c: the assembly, above every layer of the library (crm_int.h):
 * the handle is made here, with the work of the upper layers that
 * opening, migrating and committing run (the hooks, in their order).
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

/* After a commit, the anchor follows the log's end (anchor.c). */
static int
anchor_follow(struct crm *crm)
{
	crmi_anchor_note(crm, 0);
	return CRM_OK;
}

/* A batch's triggers are made again before the sums (kpiday.c). */
static int
bulk_forget(struct crm *crm)
{
	crmi_bulk_forget(crm);
	return CRM_OK;
}

static const struct crmi_hook hooks[] = {
	/* a person's rights are theirs when the change is made */
	{ CRMI_AT_BEGIN,	crmi_actor_recheck },
	/* the KPI's stored figures, right in the same transaction, after
	 * a batch's triggers are made again and its days marked */
	{ CRMI_AT_COMMIT,	crmi_bulk_end },
	{ CRMI_AT_COMMIT,	crmi_kpi_refresh },
	{ CRMI_AT_ROLLBACK,	bulk_forget },
	{ CRMI_AT_COMMITTED,	anchor_follow },
	/* what SQL alone cannot migrate */
	{ CRMI_AT_MIGRATE,	crmi_audit_chain },
	{ CRMI_AT_MIGRATE,	crmi_zone_default },
	/* a new database gets the calendar shipped with crm */
	{ CRMI_AT_CREATE,	crmi_calendar_ship },
	{ 0,			NULL }
};

int
crm_open(struct crm **pp, const char *path, int flags)
{
	struct crm	*crm;
	int		 rc;

	crm_locale_init();
	if ((*pp = crm = calloc(1, sizeof(*crm))) == NULL)
		return CRM_ENOMEM;
	crm->hooks = hooks;
	crmi_store_fold_set(crmi_fold);
	crmi_word_titles(crmi_title);
	/* The clock is read in the department's zone. */
	if ((rc = crmi_db_open(crm, path, &flags)) != CRM_OK ||
	    (rc = crmi_zone_load(crm)) != CRM_OK ||
	    (rc = crmi_titles_load(crm)) != CRM_OK ||
	    (rc = crmi_clock_set(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_actor_load(crm)) != CRM_OK &&
	    !(flags & CRM_OPEN_NOUSER))
		return rc;
	/* Work cut from the log's end: crm-verify alone opens to say so. */
	if ((rc = crmi_anchor_check(crm)) != CRM_OK &&
	    !(flags & CRM_OPEN_BEHIND))
		return rc;
	return CRM_OK;
}

void
crm_close(struct crm *crm)
{
	if (crm == NULL)
		return;
	crmi_db_close(crm);
	crm_person_clear(&crm->actor);
	crmi_bulk_forget(crm);
	explicit_bzero(crm->secret, sizeof(crm->secret));
	free(crm);
}

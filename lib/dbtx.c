/*
 * dbtx.c: transactions and the time of record: the write transaction
 * with the hooks of its beginning and commit, the read of one state, and
 * the clock read as each write begins.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm_int.h"

void
crmi_forget(struct crm *crm)
{
	size_t	 i;

	for (i = 0; i < crm->nrules; i++) {
		free(crm->rules[i].key);
		free(crm->rules[i].value);
	}
	free(crm->rules);
	crm->rules = NULL;
	crm->nrules = 0;
	crm->rules_read = 0;
	free(crm->cal);
	crm->cal = NULL;
	crm->ncal = 0;
	crm->cal_read = 0;
	free(crm->teams);
	crm->teams = NULL;
	crm->nteams = 0;
	crm->team_read = 0;
	crm->audit_last = 0;
}

int
crmi_hooks_run(struct crm *crm, int at)
{
	const struct crmi_hook	*h;
	int			 rc;

	for (h = crm->hooks; h != NULL && h->at != 0; h++)
		if ((h->at & at) && (rc = h->fn(crm)) != CRM_OK)
			return rc;
	return CRM_OK;
}

static int	local_clock(struct crm *);

int
crmi_begin(struct crm *crm)
{
	int	 rc;

	/* Inside crm_ids_each() every change joins its transaction. */
	if (crm->batch && crm->intx)
		return CRM_OK;
	if ((rc = crm->drv->begin(crm->store)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	/*
	 * A server's time of record is the transaction's: its triggers
	 * give a person's own writes that time.
	 */
	if (crm->srvclock &&
	    (rc = crm->drv->clock(crm->store, NULL, crm->now)) != CRMI_SOK) {
		rc = crmi_dberr(crm, rc);
		crm->drv->rollback(crm->store);
		return rc;
	}
	/*
	 * The time of record is when the change is made (crm(7)), and the
	 * person's rights are theirs at that moment, not at the open.
	 */
	if ((!crm->srvclock && !crm->fixedclock &&
	    (rc = local_clock(crm)) != CRM_OK) ||
	    (rc = crmi_hooks_run(crm, CRMI_AT_BEGIN)) != CRM_OK) {
		crm->drv->rollback(crm->store);
		return rc;
	}
	crm->intx = 1;
	crm->cmd = 0;
	crmi_forget(crm);
	return CRM_OK;
}

/* Roll back, run the hooks of a rollback, and give status back. */
static int
rollback(struct crm *crm, int status)
{
	crm->drv->rollback(crm->store);
	(void)crmi_hooks_run(crm, CRMI_AT_ROLLBACK);
	return status;
}

int
crmi_end(struct crm *crm, int status)
{
	int	 rc;

	if (crm->batch)
		return status;
	if (status == CRMI_SKIP)	/* nothing changed, nothing wrong */
		status = CRM_OK;
	if (!crm->intx)
		return status;
	crm->intx = 0;
	crmi_forget(crm);
	/*
	 * The message stays the one that says what went wrong: a rollback
	 * never touches it (the driver does not see the handle).
	 */
	if (status != CRM_OK)
		return rollback(crm, status);
	/* (The KPI's stored figures stay right in the same transaction.) */
	if ((rc = crmi_hooks_run(crm, CRMI_AT_COMMIT)) != CRM_OK)
		return rollback(crm, rc);
	if ((rc = crm->drv->commit(crm->store)) == CRMI_SOK) {
		(void)crmi_hooks_run(crm, CRMI_AT_COMMITTED);
		return CRM_OK;
	}
	/* Read the reason before any other statement replaces it. */
	return rollback(crm, crmi_dberr(crm, rc));
}

int
crmi_snapshot(struct crm *crm)
{
	int	 rc;

	rc = crm->drv->snapshot(crm->store);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

/* $CRM_NOW, for root: "YYYY-MM-DD HH:MM:SS" or "YYYY-MM-DD". */
static int
fixed_clock(struct crm *crm, const char *s)
{
	char	 d[11];
	int	 day, h, m, sec;

	if (strlen(s) != 10 && strlen(s) != 19)
		goto bad;
	memcpy(d, s, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &day) != CRM_OK)
		goto bad;
	if (s[10] == '\0') {
		snprintf(crm->now, sizeof(crm->now), "%s 09:00:00", d);
		return CRM_OK;
	}
	if (sscanf(s + 10, " %2d:%2d:%2d", &h, &m, &sec) != 3 ||
	    s[10] != ' ' || s[13] != ':' || s[16] != ':' || h > 23 ||
	    m > 59 || sec > 59 || h < 0 || m < 0 || sec < 0)
		goto bad;
	strlcpy(crm->now, s, sizeof(crm->now));
	return CRM_OK;
bad:
	return crmi_err(crm, CRM_EINVAL, "invalid CRM_NOW '%s': "
	    "YYYY-MM-DD HH:MM:SS", s);
}

/*
 * The clock: root's CRM_NOW (a wall time in the department's zone) or
 * the system clock, read in the department's zone (crmi_zone_load).  A
 * server keeps the time of record itself: its clock, or root's CRM_NOW
 * handed to it (which it honours for its owner alone).
 */
/* The system clock, in the department's zone (crmi_zone_load's TZ). */
static int
local_clock(struct crm *crm)
{
	time_t		 t;
	struct tm	 tm;

	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL ||
	    strftime(crm->now, sizeof(crm->now), "%Y-%m-%d %H:%M:%S",
	    &tm) != 19)
		return crmi_err(crm, CRM_EINVAL, "cannot read the clock");
	return CRM_OK;
}

int
crmi_clock_set(struct crm *crm)
{
	const char	*s, *fixed = NULL;
	int		 rc;

	if (crm->root && (s = getenv("CRM_NOW")) != NULL && *s != '\0') {
		if ((rc = fixed_clock(crm, s)) != CRM_OK)
			return rc;
		fixed = crm->now;
	}
	if (crm->drv->clock != NULL) {
		if ((rc = crm->drv->clock(crm->store, fixed, crm->now)) !=
		    CRMI_SOK)
			return crmi_dberr(crm, rc);
		crm->srvclock = 1;
		return CRM_OK;
	}
	crm->fixedclock = fixed != NULL;
	return fixed != NULL ? CRM_OK : local_clock(crm);
}

void
crm_now(const struct crm *crm, char buf[20])
{
	memcpy(buf, crm->now, 20);
}

int
crm_today(const struct crm *crm)
{
	char	 d[11];
	int	 day = 0;

	memcpy(d, crm->now, 10);
	d[10] = '\0';
	crm_date_iso(d, &day);
	return day;
}

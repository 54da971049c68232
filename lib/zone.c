/*
 * zone.c: the department's time zone.  Times of record (created_at,
 * closed_at, the audit log), "today" and "overdue" are wall times in the
 * zone an admin set for the department, never in the caller's TZ: a
 * manager who sets TZ must not move a deadline.  The zone is kept in the
 * meta table; a new or migrated database gets the machine's zone.
 */
#include <sys/stat.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"

#define ZONEINFO	"/usr/share/zoneinfo/"

/*
 * A zone name as the system's zoneinfo has it ("Europe/Moscow", "UTC"):
 * plain name characters, no "..", a compiled zone file (TZif) behind it.
 * Returns 1 when it is one.
 */
static int
zone_known(const char *name)
{
	char	 path[PATH_MAX], magic[4];
	FILE	*fp;
	size_t	 n;

	if (strcmp(name, "UTC") == 0)
		return 1;
	if (*name == '\0' || *name == '/' || *name == '.' ||
	    strstr(name, "..") != NULL || strlen(name) > 64 ||
	    name[strspn(name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789/_+-")] != '\0')
		return 0;
	snprintf(path, sizeof(path), ZONEINFO "%s", name);
	if ((fp = fopen(path, "re")) == NULL)
		return 0;
	n = fread(magic, 1, sizeof(magic), fp);
	fclose(fp);
	return n == sizeof(magic) && memcmp(magic, "TZif", 4) == 0;
}

/* The machine's zone: /etc/timezone, else where /etc/localtime points. */
static void
machine_zone(char *buf, size_t sz)
{
	char	 link[PATH_MAX];
	char	*p;
	FILE	*fp;
	ssize_t	 n;

	if ((fp = fopen("/etc/timezone", "re")) != NULL) {
		if (fgets(buf, sz, fp) != NULL) {
			buf[strcspn(buf, " \t\r\n")] = '\0';
			if (zone_known(buf)) {
				fclose(fp);
				return;
			}
		}
		fclose(fp);
	}
	if ((n = readlink("/etc/localtime", link, sizeof(link) - 1)) > 0) {
		link[n] = '\0';
		if ((p = strstr(link, "zoneinfo/")) != NULL &&
		    zone_known(p + 9)) {
			strlcpy(buf, p + 9, sz);
			return;
		}
	}
	strlcpy(buf, "UTC", sz);
}

int
crmi_zone_default(struct crm *crm)
{
	struct crmi_stmt	*st;
	char			 zone[128];

	machine_zone(zone, sizeof(zone));
	if ((st = crmi_stmt(crm, "INSERT INTO meta (key, value)"
	    " VALUES ('zone', ?1) ON CONFLICT (key) DO NOTHING")) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, zone);
	return crmi_step_done(crm, st);
}

int
crm_zone_get(struct crm *crm, char *buf, size_t sz)
{
	struct crmi_stmt	*st;
	const char		*s;
	int			 rc;

	if ((st = crmi_stmt(crm, "SELECT value FROM meta"
	    " WHERE key = 'zone'")) == NULL)
		return CRM_EDB;
	if ((rc = crmi_step(st)) == CRMI_ROW &&
	    (s = crmi_col_text(st, 0)) != NULL)
		strlcpy(buf, s, sz);
	else if (rc == CRMI_DONE || rc == CRMI_ROW)
		machine_zone(buf, sz);
	else
		rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc == CRMI_ROW || rc == CRMI_DONE ? CRM_OK : rc;
}

/*
 * Make the department's zone the process's own (an absolute path, so
 * that TZDIR cannot point elsewhere) and read the clock in it.
 */
int
crmi_zone_load(struct crm *crm)
{
	char	 zone[128], tz[PATH_MAX];

	int	 rc;

	if ((rc = crm_zone_get(crm, zone, sizeof(zone))) != CRM_OK)
		return rc;
	if (!zone_known(zone))
		return crmi_err(crm, CRM_EINVAL, "%s: the department's time "
		    "zone '%s' is not known on this machine", crm->path,
		    zone);
	if (strcmp(zone, "UTC") == 0 && !zone_known("Etc/UTC"))
		strlcpy(tz, "UTC0", sizeof(tz));
	else
		snprintf(tz, sizeof(tz), ":" ZONEINFO "%s",
		    strcmp(zone, "UTC") == 0 ? "Etc/UTC" : zone);
	if (setenv("TZ", tz, 1) == -1)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	tzset();
	return CRM_OK;
}

int
crm_zone_set(struct crm *crm, const char *zone)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { 0 };
	char			 old[128];
	int			 rc;

	if (crm->actor.role != CRM_ROLE_ADMIN)
		return crmi_err(crm, CRM_EPERM, "only an admin may change "
		    "the department's time zone");
	if (!zone_known(zone))
		return crmi_err(crm, CRM_EINVAL, "unknown time zone '%s'",
		    zone);
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	if ((rc = crm_zone_get(crm, old, sizeof(old))) != CRM_OK)
		return crmi_end(crm, rc);
	if ((st = crmi_stmt(crm, "INSERT INTO meta (key, value)"
	    " VALUES ('zone', ?1) ON CONFLICT (key)"
	    " DO UPDATE SET value = excluded.value")) == NULL)
		return crmi_end(crm, CRM_EDB);
	crmi_bind_str(st, 1, zone);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return crmi_end(crm, rc);
	crmi_json_open(&d);
	crmi_json_change(&d, "zone", old, zone);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "rule", 0, 0, "zone", d.s);
	crmi_buf_clear(&d);
	return crmi_end(crm, rc);
}

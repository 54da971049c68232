/*
 * calendar.c: which days are working days.  The working week (rule
 * week.days) says most of it; the calendar table holds the exceptions the
 * Russian production calendar makes every year: holidays, days off moved
 * to another date, and the Saturdays worked in exchange.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define NOTE_MAX	200
#define CAL_LINE_MAX	8191	/* a line of the import, newline included */

static int
calday_fill(struct crmi_stmt *st, void *elem)
{
	struct crmi_calday	*c = elem;

	c->working = crmi_col_int(st, 1);
	return crm_date_iso(crmi_col_text(st, 0), &c->day) != CRM_OK;
}

/*
 * The calendar table into the handle, sorted by day: one statement
 * however many days a view asks about (a year's report asks 730).
 */
static int
cal_load(struct crm *crm)
{
	void	*a = crm->cal;
	int	 rc;

	rc = crmi_rows(crm, "SELECT day, working FROM calendar ORDER BY day",
	    &a, &crm->ncal, sizeof(*crm->cal), calday_fill);
	crm->cal = a;
	if (rc != CRM_OK) {
		crmi_forget(crm);
		return rc;
	}
	crm->cal_read = 1;
	return CRM_OK;
}

static int
calday_cmp(const void *key, const void *c)
{
	int	 d = *(const int *)key, e = ((const struct crmi_calday *)c)->day;

	return d < e ? -1 : d > e;
}

/*
 * The calendar's entry for day: 1 or 0, -1 none, -2 a database error.
 * Outside a write transaction the table is read once and kept (as the
 * rules are, rule.c); inside one it is asked each time, as the
 * transaction may be changing it.
 */
static int
cal_working(struct crm *crm, int day)
{
	struct crmi_stmt		*st;
	const struct crmi_calday	*c;
	char				 d[11];
	int				 rc, w;

	if (!crm->intx) {
		if (!crm->cal_read && cal_load(crm) != CRM_OK)
			return -2;
		c = crm->ncal == 0 ? NULL : bsearch(&day, crm->cal, crm->ncal,
		    sizeof(*c), calday_cmp);
		return c == NULL ? -1 : c->working;
	}
	crm_date_fmt(day, d);
	if ((st = crmi_stmt(crm, "SELECT working FROM calendar "
	    "WHERE day = ?1")) == NULL)
		return -2;
	crmi_bind_str(st, 1, d);
	rc = crmi_step(st);
	w = rc == CRMI_ROW ? crmi_col_int(st, 0) : -1;
	crmi_reset(st);
	if (rc != CRMI_ROW && rc != CRMI_DONE) {
		crmi_dberr(crm, rc);
		return -2;
	}
	return w;
}

int
crm_workday(struct crm *crm, int day)
{
	char	*days = NULL;
	int	 w;

	if ((w = cal_working(crm, day)) == -2)
		return -1;
	if (w >= 0)
		return w;
	if (crm_rule_get(crm, "week.days", &days) != CRM_OK)
		return -1;
	w = strchr(days, '1' + crm_date_wday(day)) != NULL;
	free(days);
	return w;
}

int
crm_workday_next(struct crm *crm, int day)
{
	int	 d;

	for (d = day + 1; d <= day + 366; d++)
		if (crm_workday(crm, d) == 1)
			return d;
	return day + 1;
}

/*
 * Write one calendar entry.  A hand-made entry (src "hand") replaces any
 * and is audited; a shipped one (src "decree") never replaces a
 * hand-made entry and is covered by the one audit entry of its load.
 */
static int
cal_write(struct crm *crm, int day, int working, const char *note,
    const char *src)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	char			 ds[11];
	int			 rc, hand = strcmp(src, "hand") == 0;

	crm_date_fmt(day, ds);
	if (note != NULL && (!crm_text_valid(note, 0) ||
	    strlen(note) > NOTE_MAX))
		return crmi_err(crm, CRM_EINVAL, "invalid calendar note '%s' "
		    "(at most %d bytes of text)", note, NOTE_MAX);
	if (working < 0)
		st = crmi_stmt(crm, "DELETE FROM calendar WHERE day = ?1");
	else
		st = crmi_stmt(crm, "INSERT INTO calendar (day, working, "
		    "note, source) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (day) "
		    "DO UPDATE SET working = excluded.working, note = "
		    "excluded.note, source = excluded.source "
		    "WHERE excluded.source = 'hand' OR calendar.source <> "
		    "'hand'");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, ds);
	if (working >= 0) {
		crmi_bind_int(st, 2, working != 0);
		crmi_bind_text(st, 3, note);
		crmi_bind_str(st, 4, src);
	}
	if ((rc = crmi_step_done(crm, st)) != CRM_OK || !hand)
		return rc;
	crmi_json_open(&d);
	crmi_json_str(&d, "day", ds);
	if (working >= 0) {
		crmi_json_int(&d, "working", working != 0);
		crmi_json_str(&d, "note", note);
	}
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "calendar", day, 0, working < 0 ? "reset" : "set",
	    d.s);
	crmi_buf_clear(&d);
	return rc;
}

int
crm_calendar_set(struct crm *crm, int day, int working, const char *note)
{
	int	 rc;

	if ((rc = crm_rule_may(crm)) != CRM_OK)
		return rc;
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	return crmi_end(crm, cal_write(crm, day, working, note, "hand"));
}

/*
 * Parse one import line in place: "YYYY-MM-DD off|work [note]".  Blank
 * lines and lines starting with # give *day = -1.
 */
static int
cal_line(struct crm *crm, char *s, long n, int *day, int *working,
    char **note)
{
	char	*w, *e;

	*day = -1;
	s[strcspn(s, "\r\n")] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == '#')
		return CRM_OK;
	w = s + strcspn(s, " \t");
	if (*w != '\0')
		*w++ = '\0';
	if (crm_date_iso(s, day) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "line %ld: invalid date '%s'",
		    n, s);
	w += strspn(w, " \t");
	e = w + strcspn(w, " \t");
	*note = *e != '\0' ? e + 1 + strspn(e + 1, " \t") : NULL;
	*e = '\0';
	if (strcmp(w, "off") == 0)
		*working = 0;
	else if (strcmp(w, "work") == 0)
		*working = 1;
	else
		return crmi_err(crm, CRM_EINVAL, "line %ld: invalid day kind "
		    "'%s' (off or work)", n, w);
	if (*note != NULL && **note == '\0')
		*note = NULL;
	return CRM_OK;
}

/*
 * Read entries from fp into the calendar, as src, inside the caller's
 * transaction; an error names the line.
 */
static int
cal_read(struct crm *crm, FILE *fp, const char *src, int *count)
{
	char	*line = NULL, *note = NULL, keep[CRMI_ERRSZ];
	size_t	 cap = 0;
	ssize_t	 len;
	long	 n = 0;
	int	 rc = CRM_OK, day, working = 0;

	*count = 0;
	while (rc == CRM_OK && (rc = crmi_line(crm, fp, &line, &cap,
	    CAL_LINE_MAX, &n, &len)) == CRM_OK && len != -1) {
		if ((rc = cal_line(crm, line, n, &day, &working, &note)) !=
		    CRM_OK || day < 0)
			continue;
		if ((rc = cal_write(crm, day, working, note, src)) == CRM_OK)
			(*count)++;
		else if (rc == CRM_EINVAL) {
			memcpy(keep, crm->err, sizeof(keep));
			crmi_err(crm, rc, "line %ld: %s", n, keep);
		}
	}
	if (rc == CRM_OK && ferror(fp))
		rc = crmi_err(crm, CRM_EINVAL, "cannot read the calendar");
	free(line);
	if (rc != CRM_OK)
		*count = 0;
	return rc;
}

int
crm_calendar_import(struct crm *crm, FILE *fp, int *count)
{
	char	*keep;
	int	 rc;

	*count = 0;
	if ((rc = crm_rule_may(crm)) != CRM_OK)
		return rc;
	/* All is read before the lock is taken. */
	if ((fp = crmi_spool(crm, fp, &keep)) == NULL)
		return CRM_EDB;
	if ((rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, cal_read(crm, fp, "hand", count));
	fclose(fp);
	free(keep);
	return rc;
}

/* The shipped calendar (data/calendar-ru.tsv, built in), as a stream. */
static FILE *
cal_shipped(struct crm *crm)
{
	FILE	*fp;

	if ((fp = fmemopen((void *)crmi_calendar_ru,
	    strlen(crmi_calendar_ru), "r")) == NULL)
		crmi_err(crm, CRM_ENOMEM, "out of memory");
	return fp;
}

int
crmi_calendar_ship(struct crm *crm)
{
	FILE	*fp;
	int	 rc, n;

	if ((fp = cal_shipped(crm)) == NULL)
		return CRM_ENOMEM;
	rc = cal_read(crm, fp, "decree", &n);
	fclose(fp);
	return rc;
}

int
crm_calendar_load(struct crm *crm, FILE *fp, const char *name,
    int *count)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	FILE		*own = NULL;
	int		 rc;

	*count = 0;
	if ((rc = crm_rule_may(crm)) != CRM_OK)
		return rc;
	if (fp == NULL && (fp = own = cal_shipped(crm)) == NULL)
		return CRM_ENOMEM;
	if ((rc = crmi_begin(crm)) == CRM_OK) {
		rc = cal_read(crm, fp, "decree", count);
		crmi_json_open(&d);
		crmi_json_str(&d, "file", name != NULL ? name : "(built in)");
		crmi_json_int(&d, "days", *count);
		crmi_json_close(&d);
		if (rc == CRM_OK)
			rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of "
			    "memory") : crmi_audit(crm, "calendar", 0, 0,
			    "load", d.s);
		crmi_buf_clear(&d);
		rc = crmi_end(crm, rc);
	}
	if (own != NULL)
		fclose(own);
	return rc;
}

static int
cal_get(struct crm *crm, const char *ds, int *working, char **note,
    char **src)
{
	struct crmi_stmt	*st;
	int			 rc;

	*working = -1;
	*note = *src = NULL;
	if ((st = crmi_stmt(crm, "SELECT working, note, source FROM calendar "
	    "WHERE day = ?1")) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, ds);
	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*working = crmi_col_int(st, 0);
		*note = crmi_col_dup(st, 1);
		*src = crmi_col_dup(st, 2);
	}
	crmi_reset(st);
	if (rc != CRMI_ROW && rc != CRMI_DONE)
		return crmi_dberr(crm, rc);
	return CRM_OK;
}

int
crm_calendar_each(struct crm *crm, int from, int to, int all,
    int (*fn)(const struct crm_day *, void *), void *arg)
{
	struct crm_day	 c;
	char		 ds[11], *note, *src;
	int		 day, rc, w;

	if (to - from > 3660)
		return crmi_err(crm, CRM_EINVAL, "the period is longer than "
		    "ten years");
	for (day = from; day <= to; day++) {
		crm_date_fmt(day, ds);
		if ((rc = cal_get(crm, ds, &w, &note, &src)) != CRM_OK)
			return rc;
		if (w < 0 && !all)
			continue;
		c.source = src;
		c.day = ds;
		c.listed = w >= 0;
		c.working = w >= 0 ? w : crm_workday(crm, day);
		c.note = note;
		rc = c.working < 0 ? CRM_EDB : fn(&c, arg);
		free(note);
		free(src);
		if (rc != 0)
			return rc;
	}
	return CRM_OK;
}

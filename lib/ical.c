/*
 * ical.c: tasks as an iCalendar object (RFC 5545), for a calendar
 * program: one VTODO a task, DUE its due date (and time, as floating
 * local time: the office's wall clock wherever the calendar is shown).
 *
 * Text is written as the RFC wants it and no more: TEXT values escaped
 * (backslash, semicolon, comma, newline), valid UTF-8 only (a stray byte
 * becomes U+FFFD), no control characters but TAB, lines folded at 75
 * octets between whole UTF-8 characters and never inside an escape, and
 * every line ended by CRLF.  Times the RFC wants in UTC (DTSTAMP,
 * CREATED, COMPLETED) are the database's local times converted with the
 * department's time zone, which crm_open() made the process's (zone.c).
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crm_int.h"
#include "domain_int.h"

#define ICAL_LINE	75	/* octets a line, CRLF not counted */
#define ICAL_DOMAIN	"crm.local"

struct crm_ical {
	struct crm	*crm;
	FILE		*fp;
	char		 stamp[17];	/* DTSTAMP: now in UTC */
};

static const char SQL_TASK[] = "SELECT t.assignee_id, p.login, p.name,"
    " t.kind, t.title, t.note, c.name, t.deal_id, t.due_date, t.due_time,"
    " t.state, t.created_at, t.closed_at, t.moves, t.result,"
    " t.cancel_reason FROM task t JOIN person p ON p.id = t.assignee_id"
    " LEFT JOIN client c ON c.id = t.client_id WHERE t.id = ?1";

/* The columns of SQL_TASK. */
enum { C_ASSIGNEE, C_LOGIN, C_NAME, C_KIND, C_TITLE, C_NOTE, C_CLIENT,
	C_DEAL, C_DUE, C_TIME, C_STATE, C_CREATED, C_CLOSED, C_MOVES,
	C_RESULT, C_REASON };

/*
 * Characters iCalendar has no way to say (C0 but TAB, DEL, C1), and the
 * bidirectional controls, that could make a title show as another.
 */
static int
unsayable(unsigned int c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f ||
	    (c >= 0x80 && c <= 0x9f) || crmi_is_bidi(c);
}

/*
 * Escape text as an iCalendar TEXT value: \\ \; \, and \n (for LF, CR
 * and CRLF alike); TAB stays; other control characters and the bidi
 * controls are dropped; bytes that are not valid UTF-8 become U+FFFD.
 * Returns a malloc'd string, or NULL when out of memory.
 */
char *
crm_ical_escape(const char *s)
{
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n;
	char			 one[5];

	crmi_buf_add(&b, "");
	while (p != NULL && *p != '\0') {
		if ((n = crmi_utf8_dec(p, &c)) == 0) {
			crmi_buf_add(&b, "\xef\xbf\xbd");
			p++;
			continue;
		}
		if (c == '\r' && p[1] == '\n')
			;	/* the \n that follows says it */
		else if (c == '\n' || c == '\r')
			crmi_buf_add(&b, "\\n");
		else if (c == '\\' || c == ';' || c == ',') {
			one[0] = '\\';
			one[1] = (char)c;
			one[2] = '\0';
			crmi_buf_add(&b, one);
		} else if (unsayable(c))
			;
		else {
			memcpy(one, p, n);
			one[n] = '\0';
			crmi_buf_add(&b, one);
		}
		p += n;
	}
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/*
 * Where to end a physical line that may hold room octets of s: before a
 * UTF-8 continuation byte never, nor between a backslash and the
 * character it escapes.  s starts at a safe place and is longer than
 * room, which is at least 4.
 */
static size_t
cut(const char *s, size_t room)
{
	size_t	 n = room, k = 0;

	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return k % 2 ? n - 1 : n;
}

/*
 * Write one content line (NAME, parameters, ":" and the value, all
 * already in their syntax) to fp, folded so that no physical line has
 * more than 75 octets before its CRLF: a continuation line starts with
 * one space.  Returns CRM_OK, or CRM_EDB when the write failed.
 */
int
crm_ical_line(FILE *fp, const char *line)
{
	size_t	 len = strlen(line), room = ICAL_LINE, n;

	while (len > room) {
		n = cut(line, room);
		if (fwrite(line, 1, n, fp) != n || fputs("\r\n ", fp) == EOF)
			return CRM_EDB;
		line += n;
		len -= n;
		room = ICAL_LINE - 1;
	}
	if (fwrite(line, 1, len, fp) != len || fputs("\r\n", fp) == EOF)
		return CRM_EDB;
	return CRM_OK;
}

/* NAME:text, the text escaped; nothing when text is NULL or empty. */
static int
put_text(FILE *fp, const char *name, const char *text)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	char		*v;
	int		 rc;

	if (text == NULL || *text == '\0')
		return CRM_OK;
	if ((v = crm_ical_escape(text)) == NULL)
		return CRM_ENOMEM;
	crmi_buf_add(&b, name);
	crmi_buf_add(&b, ":");
	crmi_buf_add(&b, v);
	free(v);
	if (b.oom) {
		free(b.s);
		return CRM_ENOMEM;
	}
	rc = crm_ical_line(fp, b.s);
	free(b.s);
	return rc;
}

/*
 * A local "YYYY-MM-DD HH:MM:SS" as UTC "YYYYMMDDTHHMMSSZ" in buf[17],
 * through the time zone in effect.  -1 when it is not such a time.
 */
static int
utc(const char *local, char buf[17])
{
	struct tm	 tm;
	const char	*end;
	time_t		 t;

	memset(&tm, 0, sizeof(tm));
	if (local == NULL ||
	    (end = strptime(local, "%Y-%m-%d %H:%M:%S", &tm)) == NULL ||
	    *end != '\0')
		return -1;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || gmtime_r(&t, &tm) == NULL)
		return -1;
	return strftime(buf, 17, "%Y%m%dT%H%M%SZ", &tm) == 16 ? 0 : -1;
}

/* NAME:time in UTC for a local timestamp; nothing when there is none. */
static int
put_utc(FILE *fp, const char *name, const char *local)
{
	char	 line[64], u[17];

	if (local == NULL || utc(local, u) == -1)
		return CRM_OK;
	snprintf(line, sizeof(line), "%s:%s", name, u);
	return crm_ical_line(fp, line);
}

struct crm_ical *
crm_ical_open(struct crm *crm, FILE *fp, const char *tool)
{
	struct crm_ical	*ic;
	char		 now[20], line[256];

	if ((ic = calloc(1, sizeof(*ic))) == NULL)
		return NULL;
	ic->crm = crm;
	ic->fp = fp;
	crm_now(crm, now);
	if (utc(now, ic->stamp) == -1)
		strlcpy(ic->stamp, "19700101T000000Z", sizeof(ic->stamp));
	snprintf(line, sizeof(line), "PRODID:-//crm//%s//EN", tool);
	crm_ical_line(fp, "BEGIN:VCALENDAR");
	crm_ical_line(fp, "VERSION:2.0");
	crm_ical_line(fp, line);
	crm_ical_line(fp, "CALSCALE:GREGORIAN");
	crm_ical_line(fp, "METHOD:PUBLISH");
	return ic;
}

/* The DESCRIPTION: the note, then who, kind, client, deal, outcome. */
static char *
describe(struct crmi_stmt *st)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	const char	*note = crmi_col_text(st, C_NOTE);
	const char	*s;

	crmi_buf_add(&b, "");
	if (note != NULL && *note != '\0')
		crmi_buf_addf(&b, "%s\n\n", note);
	crmi_buf_addf(&b, "who: %s (%s)\nkind: %s",
	    crmi_col_text(st, C_NAME), crmi_col_text(st, C_LOGIN),
	    crmi_col_text(st, C_KIND));
	if ((s = crmi_col_text(st, C_CLIENT)) != NULL)
		crmi_buf_addf(&b, "\nclient: %s", s);
	if (crmi_col_int(st, C_DEAL) != 0)
		crmi_buf_addf(&b, "\ndeal: %lld",
		    (long long)crmi_col_int(st, C_DEAL));
	if ((s = crmi_col_text(st, C_RESULT)) != NULL)
		crmi_buf_addf(&b, "\nresult: %s", s);
	if ((s = crmi_col_text(st, C_REASON)) != NULL)
		crmi_buf_addf(&b, "\ncancelled: %s", s);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* DUE: a date, or a date and a floating local time. */
static int
put_due(FILE *fp, const char *date, const char *time)
{
	char	 line[64];

	if (date == NULL || strlen(date) != 10)
		return CRM_OK;
	if (time != NULL && strlen(time) == 5)
		snprintf(line, sizeof(line), "DUE:%.4s%.2s%.2sT%.2s%.2s00",
		    date, date + 5, date + 8, time, time + 3);
	else
		snprintf(line, sizeof(line), "DUE;VALUE=DATE:%.4s%.2s%.2s",
		    date, date + 5, date + 8);
	return crm_ical_line(fp, line);
}

/* The VTODO of the task in the current row of st. */
static int
vtodo(struct crm_ical *ic, int64_t id, struct crmi_stmt *st)
{
	FILE		*fp = ic->fp;
	const char	*state = crmi_col_text(st, C_STATE);
	char		 line[128], *d;
	int		 rc, closed = strcmp(state, "open") != 0;

	crm_ical_line(fp, "BEGIN:VTODO");
	snprintf(line, sizeof(line), "UID:task-%lld@" ICAL_DOMAIN,
	    (long long)id);
	crm_ical_line(fp, line);
	snprintf(line, sizeof(line), "DTSTAMP:%s", ic->stamp);
	crm_ical_line(fp, line);
	put_utc(fp, "CREATED", crmi_col_text(st,
	    C_CREATED));
	snprintf(line, sizeof(line), "SEQUENCE:%lld",
	    (long long)crmi_col_int(st, C_MOVES) + closed);
	crm_ical_line(fp, line);
	if ((rc = put_text(fp, "SUMMARY", crmi_col_text(st,
	    C_TITLE))) != CRM_OK)
		return rc;
	if ((d = describe(st)) == NULL)
		return CRM_ENOMEM;
	rc = put_text(fp, "DESCRIPTION", d);
	free(d);
	if (rc != CRM_OK || (rc = put_text(fp, "CATEGORIES",
	    crmi_col_text(st, C_KIND))) != CRM_OK)
		return rc;
	put_due(fp, crmi_col_text(st, C_DUE),
	    crmi_col_text(st, C_TIME));
	crm_ical_line(fp, strcmp(state, "done") == 0 ? "STATUS:COMPLETED" :
	    closed ? "STATUS:CANCELLED" : "STATUS:NEEDS-ACTION");
	if (strcmp(state, "done") == 0)
		put_utc(fp, "COMPLETED", crmi_col_text(st,
		    C_CLOSED));
	return crm_ical_line(fp, "END:VTODO");
}

int
crm_ical_task(const struct crm_task *t, void *arg)
{
	struct crm_ical		*ic = arg;
	struct crm		*crm = ic->crm;
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_TASK)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, t->id);
	if ((rc = crmi_step(st)) != CRMI_ROW) {
		crmi_reset(st);
		if (rc != CRMI_DONE)
			return crmi_dberr(crm, rc);
		return crmi_err(crm, CRM_ENOENT, "no task %lld",
		    (long long)t->id);
	}
	if ((rc = crm_may_see(crm, crmi_col_int(st, C_ASSIGNEE))) !=
	    CRM_OK) {
		crmi_reset(st);
		return rc;
	}
	rc = vtodo(ic, t->id, st);
	crmi_reset(st);
	if (rc == CRM_ENOMEM)
		return crmi_err(crm, rc, "out of memory");
	if (rc == CRM_EDB)
		return crmi_err(crm, rc, "write error");
	return rc;
}

int
crm_ical_close(struct crm_ical *ic)
{
	FILE	*fp;
	int	 rc;

	if (ic == NULL)
		return CRM_OK;
	fp = ic->fp;
	free(ic);
	rc = crm_ical_line(fp, "END:VCALENDAR");
	if (fflush(fp) == EOF || ferror(fp))
		rc = CRM_EDB;
	return rc;
}

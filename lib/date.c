/*
 * date.c: dates, times of day and reporting periods as people type them.
 *
 * A day number counts days since 1970-01-01 in the proleptic Gregorian
 * calendar.  Everything here is integer arithmetic (the civil-from-days
 * algorithms of Howard Hinnant), so no answer depends on the time zone,
 * the locale or the C library's tables.
 */
#include <libintl.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "crm_int.h"

/*
 * The dates crm takes, everywhere: a date before 2000 or after 2100 is a
 * typing mistake, and a repeating task from 1900 would fill the database.
 */
#define YEAR_MIN	2000
#define YEAR_MAX	2100
#define DAY_MIN		10957		/* 2000-01-01 */
#define DAY_MAX		47846		/* 2100-12-31 */
#define WORD_MAX	32		/* longest folded word, with NUL */

/*
 * The words crm_date_parse() knows, in folded (lower) case: wday -1 for
 * a fixed offset from today, else the weekday (0 Monday) whose next
 * occurrence after today is meant.
 */
struct word {
	const char	*name;
	int		 off;
	int		 wday;
};

static const struct word words[] = {
	{ "today", 0, -1 },
	{ "tomorrow", 1, -1 },
	{ "yesterday", -1, -1 },
	{ "сегодня", 0, -1 },
	{ "завтра", 1, -1 },
	{ "послезавтра", 2, -1 },
	{ "вчера", -1, -1 },
	{ "mon", 0, 0 }, { "tue", 0, 1 }, { "wed", 0, 2 }, { "thu", 0, 3 },
	{ "fri", 0, 4 }, { "sat", 0, 5 }, { "sun", 0, 6 },
	{ "monday", 0, 0 }, { "tuesday", 0, 1 }, { "wednesday", 0, 2 },
	{ "thursday", 0, 3 }, { "friday", 0, 4 }, { "saturday", 0, 5 },
	{ "sunday", 0, 6 },
	{ "пн", 0, 0 }, { "вт", 0, 1 }, { "ср", 0, 2 }, { "чт", 0, 3 },
	{ "пт", 0, 4 }, { "сб", 0, 5 }, { "вс", 0, 6 },
	{ "понедельник", 0, 0 }, { "вторник", 0, 1 }, { "среда", 0, 2 },
	{ "четверг", 0, 3 }, { "пятница", 0, 4 }, { "суббота", 0, 5 },
	{ "воскресенье", 0, 6 },
	{ "среду", 0, 2 }, { "пятницу", 0, 4 }, { "субботу", 0, 5 },
	{ NULL, 0, 0 }
};

/* The reporting period words: how many months a span covers, 0 a week. */
static const struct word pwords[] = {
	{ "week", 0, 0 }, { "неделя", 0, 0 },
	{ "month", 1, 0 }, { "месяц", 1, 0 },
	{ "quarter", 3, 0 }, { "квартал", 3, 0 },
	{ "year", 12, 0 }, { "год", 12, 0 },
	{ NULL, 0, 0 }
};

/* Units of "через 3 дня", "in 2 weeks": days, or months when off is 0. */
static const struct word units[] = {
	{ "день", 1, 0 }, { "дня", 1, 0 }, { "дней", 1, 0 },
	{ "неделю", 7, 0 }, { "недели", 7, 0 }, { "недель", 7, 0 },
	{ "месяц", 0, 1 }, { "месяца", 0, 1 }, { "месяцев", 0, 1 },
	{ "год", 0, 12 }, { "года", 0, 12 }, { "лет", 0, 12 },
	{ "day", 1, 0 }, { "days", 1, 0 }, { "week", 7, 0 },
	{ "weeks", 7, 0 }, { "month", 0, 1 }, { "months", 0, 1 },
	{ "year", 0, 12 }, { "years", 0, 12 },
	{ NULL, 0, 0 }
};

/* The words before a weekday that change nothing: в пятницу, next fri. */
static const char *const lead[] = {
	"в", "во", "next", "on", "следующий", "следующую", "следующая",
	"следующее", "в следующий", "в следующую", "во следующий", NULL
};

/* Month names: Russian nominative and genitive, English. */
static const char *const mnames[][12] = {
	{ "январь", "февраль", "март", "апрель", "май", "июнь", "июль",
	  "август", "сентябрь", "октябрь", "ноябрь", "декабрь" },
	{ "января", "февраля", "марта", "апреля", "мая", "июня", "июля",
	  "августа", "сентября", "октября", "ноября", "декабря" },
	{ "january", "february", "march", "april", "may", "june", "july",
	  "august", "september", "october", "november", "december" }
};

static int	 time_word(const char *, int *);

/* Parse exactly n ASCII digits at s into *v: 0, or -1 when not digits. */
static int
digits(const char *s, size_t n, int *v)
{
	size_t	 i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

static int
leap(int y)
{

	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
crmi_mdays(int y, int m)
{
	static const int n[12] =
	    { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && leap(y) ? 29 : n[m - 1];
}

/*
 * The day number of y-m-d.  y, m and d must form a valid date; a d past
 * the end of the month counts on into the next one.
 */
int
crm_date_make(int y, int m, int d)
{
	long long	 yy, era, yoe, doy, doe;

	yy = (long long)y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = yy - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (int)(era * 146097 + doe - 719468);
}

/* Split any day number into year, month (1..12) and day (1..31). */
void
crm_date_split(int day, int *y, int *m, int *d)
{
	long long	 z, era, doe, yoe, doy, mp;

	z = (long long)day + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The weekday of a day number: 0 Monday .. 6 Sunday (1970-01-01: 3). */
int
crm_date_wday(int day)
{

	return (int)((((long long)day + 3) % 7 + 7) % 7);
}

/*
 * Write "YYYY-MM-DD" into buf[11].  Years outside 0..9999 do not fit and
 * come out truncated (crm_date_parse() never returns such a day).
 */
void
crm_date_fmt(int day, char buf[11])
{
	int	 y, m, d;

	crm_date_split(day, &y, &m, &d);
	(void)snprintf(buf, 11, "%04d-%02d-%02d", y, m, d);
}

/*
 * Strict "YYYY-MM-DD", a real calendar date with the year in 2000..2100,
 * nothing before or after.  Returns CRM_OK with *day set, or CRM_EINVAL.
 */
int
crm_date_iso(const char *s, int *day)
{
	int	 y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    digits(s, 4, &y) == -1 || digits(s + 5, 2, &m) == -1 ||
	    digits(s + 8, 2, &d) == -1)
		return CRM_EINVAL;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 ||
	    d > crmi_mdays(y, m))
		return CRM_EINVAL;
	*day = crm_date_make(y, m, d);
	return CRM_OK;
}

/*
 * Copy s into buf (sz bytes) in lower case: ASCII A-Z and the Cyrillic
 * capitals А-Я.  Returns -1 when it does not fit: then it is no word.
 */
static int
fold(const char *s, char *buf, size_t sz)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0;

	for (; *p != '\0'; p++) {
		if (i + 2 >= sz)
			return -1;
		if (*p >= 'A' && *p <= 'Z')
			buf[i++] = *p + ('a' - 'A');
		else if (*p == 0xd0 && p[1] >= 0x90 && p[1] <= 0x9f) {
			buf[i++] = (char)0xd0;
			buf[i++] = (char)(*++p + 0x20);
		} else if (*p == 0xd0 && p[1] >= 0xa0 && p[1] <= 0xaf) {
			buf[i++] = (char)0xd1;
			buf[i++] = (char)(*++p - 0x20);
		} else
			buf[i++] = (char)*p;
	}
	buf[i] = '\0';
	return 0;
}

/* "+N", "+Nd", "-Nd", "+Nw", "-Nw", 1..4 digits N: *off in days, or -1. */
static int
offset(const char *s, int *off)
{
	size_t	 i;
	int	 n = 0;

	if (s[0] != '+' && s[0] != '-')
		return -1;
	for (i = 1; s[i] >= '0' && s[i] <= '9'; i++) {
		if (i > 4)
			return -1;
		n = n * 10 + (s[i] - '0');
	}
	if (i > 1 && s[i] == '\0') {
		*off = s[0] == '-' ? -n : n;
		return 0;
	}
	if (i == 1 || (s[i] != 'd' && s[i] != 'w') || s[i + 1] != '\0')
		return -1;
	if (s[i] == 'w')
		n *= 7;
	*off = s[0] == '-' ? -n : n;
	return 0;
}

/* A word of the table words: *off in days from today, or -1. */
static int
word(const char *s, int today, int *off)
{
	const struct word	*w;

	for (w = words; w->name != NULL; w++)
		if (strcmp(s, w->name) == 0)
			break;
	if (w->name == NULL)
		return -1;
	if (w->wday < 0)
		*off = w->off;
	else
		*off = (w->wday - crm_date_wday(today) + 6) % 7 + 1;
	return 0;
}

/* Day number of y-m-d, or -1 when that is no date (31.02). */
static int
valid(int y, int m, int d, int *day)
{
	if (y < YEAR_MIN || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > crmi_mdays(y, m))
		return -1;
	*day = crm_date_make(y, m, d);
	return 0;
}

/*
 * D.M, DD.MM (the one of last, this or next year nearest today, so that
 * 05.01 said in late December is next January), D.M.YY (20YY) and
 * D.M.YYYY.
 */
static int
dotted(const char *s, int today, int *day)
{
	size_t	 nd, nm, ny = 0;
	int	 d, m, y, ty, tm, td, i, best = -1, c;

	nd = strspn(s, "0123456789");
	if (nd < 1 || nd > 2 || s[nd] != '.')
		return -1;
	nm = strspn(s + nd + 1, "0123456789");
	if (nm < 1 || nm > 2)
		return -1;
	if (s[nd + 1 + nm] == '.') {
		ny = strspn(s + nd + nm + 2, "0123456789");
		if ((ny != 2 && ny != 4) || s[nd + nm + 2 + ny] != '\0')
			return -1;
	} else if (s[nd + 1 + nm] != '\0')
		return -1;
	digits(s, nd, &d);
	digits(s + nd + 1, nm, &m);
	if (ny != 0) {
		digits(s + nd + nm + 2, ny, &y);
		return valid(ny == 2 ? 2000 + y : y, m, d, day);
	}
	crm_date_split(today, &ty, &tm, &td);
	for (i = -1; i <= 1; i++)
		if (valid(ty + i, m, d, &c) == 0 && (best == -1 ||
		    (c > today ? c - today : today - c) <
		    (best > today ? best - today : today - best)))
			best = c;
	if (best == -1)
		return -1;
	*day = best;
	return 0;
}

/* The same day k months after day (clamped to the month's end). */
int
crmi_date_months(int day, int k)
{
	int	 y, m, d;

	crm_date_split(day, &y, &m, &d);
	m += k;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	return crm_date_make(y, m, d > crmi_mdays(y, m) ? crmi_mdays(y, m) : d);
}

/* A whole number of 1 to 4 digits, or -1. */
static int
number(const char *s)
{
	size_t	 n = strspn(s, "0123456789");
	int	 v;

	if (n < 1 || n > 4 || s[n] != '\0')
		return -1;
	digits(s, n, &v);
	return v;
}

/* "через 3 дня", "через неделю", "in 2 weeks", "in a month". */
static int
later(const char *s, int today, long long *r)
{
	const struct word	*u;
	const char		*sp;
	char			 n[8];
	int			 k = 1;

	if (strncmp(s, "через ", 11) == 0)
		s += 11;
	else if (strncmp(s, "in ", 3) == 0)
		s += 3;
	else
		return -1;
	if ((sp = strchr(s, ' ')) != NULL) {
		if ((size_t)(sp - s) >= sizeof(n))
			return -1;
		memcpy(n, s, sp - s);
		n[sp - s] = '\0';
		if ((k = number(n)) == -1 && strcmp(n, "a") != 0 &&
		    strcmp(n, "one") != 0)
			return -1;
		if (k == -1)
			k = 1;
		s = sp + 1;
	}
	for (u = units; u->name != NULL; u++)
		if (strcmp(s, u->name) == 0)
			break;
	if (u->name == NULL)
		return -1;
	*r = u->off != 0 ? (long long)today + (long long)k * u->off :
	    crmi_date_months(today, k * u->wday);
	return 0;
}

/* A weekday after words that change nothing (в пятницу, next monday). */
static int
weekday(const char *s, int today, int *off)
{
	const char *const	*l;
	size_t			 n;
	int			 n1;

	/* A weekday, not a fixed word: its offset changes with the day. */
	if (word(s, today, off) == 0)
		return strchr(s, ' ') == NULL ? 0 : -1;
	for (l = lead; *l != NULL; l++) {
		n = strlen(*l);
		if (strncmp(s, *l, n) == 0 && s[n] == ' ' &&
		    word(s + n + 1, today, off) == 0 && *off > 0 &&
		    word(s + n + 1, today - 1, &n1) == 0 && n1 != *off)
			return 0;
	}
	return -1;
}

/*
 * Parse a date as people type it, relative to day number today: strict
 * YYYY-MM-DD (crm_date_iso); D.M, DD.MM (the nearest such day), D.M.YY,
 * D.M.YYYY; today, tomorrow, yesterday; +N, +Nd, +Nw, -N, -Nd, -Nw with
 * 1..4 digits N; mon..sun or monday..sunday (the next such day, never
 * today), also after "next", "в", "во", "следующий"; the Russian
 * сегодня, завтра, послезавтра, вчера, пн..вс and понедельник..
 * воскресенье (and среду, пятницу, субботу); через N дней (недель,
 * месяцев, лет), через неделю (месяц, год), in N days (weeks, months,
 * years), in a week.  Words are matched in any case (ASCII and
 * Cyrillic), separated by single spaces.  The day must fall within
 * 1900-01-01..9999-12-31.  Returns CRM_OK with *day set, or CRM_EINVAL.
 */
int
crmi_date_word(const char *s, int today, int *day)
{
	char		 buf[WORD_MAX * 2];
	long long	 r;
	int		 off;

	if (s == NULL)
		return CRM_EINVAL;
	if (crm_date_iso(s, day) == CRM_OK)
		return CRM_OK;
	/* "05.12" said late in 2100 would be 2101: out of range too. */
	if (dotted(s, today, &off) == 0) {
		if (off < DAY_MIN || off > DAY_MAX)
			return CRM_EINVAL;
		*day = off;
		return CRM_OK;
	}
	if (fold(s, buf, sizeof(buf)) == -1)
		return CRM_EINVAL;
	if (later(buf, today, &r) == -1) {
		if (offset(buf, &off) == -1 && weekday(buf, today, &off) == -1)
			return CRM_EINVAL;
		r = (long long)today + off;
	}
	if (r < DAY_MIN || r > DAY_MAX)
		return CRM_EINVAL;
	*day = (int)r;
	return CRM_OK;
}

/*
 * A date as people type it: one of the forms above, or a phrase of the
 * reader of when.c ("15 декабря", "до пятницы", "на следующей неделе").
 */
int
crm_date_parse(const char *s, int today, int *day)
{
	if (s == NULL)
		return CRM_EINVAL;
	if (crmi_date_word(s, today, day) == CRM_OK)
		return CRM_OK;
	if (crmi_when_date(s, today, day) == CRM_OK &&
	    *day >= DAY_MIN && *day <= DAY_MAX)
		return CRM_OK;
	return CRM_EINVAL;
}

const char *
crm_date_forms(int what)
{
	/* The reader's forms only: English under C, Russian under ru. */
	if (what == CRM_FORMS_TIME)
		return dgettext("crm", "10, 10:30, 10.30, 10am");
	if (what == CRM_FORMS_PERIOD)
		return dgettext("crm", "2026-11, november, november 2026, "
		    "last month, week, 2026-W48, 2017-Q1, 2021-H1, 2026, "
		    "2026-11-01..2026-11-15");
	return dgettext("crm", "2026-12-05, 05.12, 5.12.2026, 05.12.26, "
	    "today, tomorrow, fri, next monday, in 3 days, +3");
}

/* Strip suffix x (and a space before it) from buf; 1 when it was there. */
static int
strip(char *buf, const char *x)
{
	size_t	 n = strlen(buf), k = strlen(x);

	if (n <= k || strcmp(buf + n - k, x) != 0)
		return 0;
	buf[n - k] = '\0';
	if (buf[n - k - 1] == ' ')
		buf[n - k - 1] = '\0';
	return 1;
}

/*
 * A time of day: H, HH, H:MM, HH:MM, H.MM, HH.MM, from 0:00 to 23:59;
 * "в 10", "10ч", "10 ч"; 1..12 with am or pm ("10am", "10:30 pm").
 * Nothing else before or after.  Returns CRM_OK with *min the minutes
 * since midnight, or CRM_EINVAL.
 */
int
crm_time_parse(const char *s, int *min)
{
	if (time_word(s, min) == CRM_OK)
		return CRM_OK;
	return s != NULL ? crmi_when_time(s, min) : CRM_EINVAL;
}

static int
time_word(const char *s, int *min)
{
	char		 buf[WORD_MAX];
	const char	*p = buf;
	size_t		 n;
	int		 h, m = 0, ampm = 0;

	if (s == NULL || fold(s, buf, sizeof(buf)) == -1)
		return CRM_EINVAL;
	if (strncmp(p, "в ", 3) == 0)
		p += 3;
	if (strip(buf, "am"))
		ampm = 1;
	else if (strip(buf, "pm"))
		ampm = 2;
	else
		strip(buf, "ч");
	n = strspn(p, "0123456789");
	if (n < 1 || n > 2)
		return CRM_EINVAL;
	digits(p, n, &h);
	if (p[n] == ':' || p[n] == '.') {
		if (digits(p + n + 1, 2, &m) == -1 || p[n + 3] != '\0')
			return CRM_EINVAL;
	} else if (p[n] != '\0')
		return CRM_EINVAL;
	if (ampm != 0 && (h < 1 || h > 12))
		return CRM_EINVAL;
	if (ampm != 0)
		h = h % 12 + (ampm == 2 ? 12 : 0);
	if (h > 23 || m > 59)
		return CRM_EINVAL;
	*min = h * 60 + m;
	return CRM_OK;
}

/* Months m1..m2 of year y. */
static void
months(int y, int m1, int m2, int *from, int *to)
{

	*from = crm_date_make(y, m1, 1);
	*to = crm_date_make(y, m2, crmi_mdays(y, m2));
}

/* The Monday of ISO week 1 of year y: the week that holds 4 January. */
static int
week1(int y)
{
	int	 jan4;

	jan4 = crm_date_make(y, 1, 4);
	return jan4 - crm_date_wday(jan4);
}

/* YYYY-Www (ISO 8601: Monday to Sunday; W53 only when the year has it). */
static int
isoweek(int y, const char *s, int *from, int *to)
{
	int	 w;

	if ((s[0] != 'W' && s[0] != 'w') || digits(s + 1, 2, &w) == -1 ||
	    s[3] != '\0' || w < 1 || w > (week1(y + 1) - week1(y)) / 7)
		return -1;
	*from = week1(y) + (w - 1) * 7;
	*to = *from + 6;
	return 0;
}

/* YYYY, YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY-Www or YYYY-MM-DD: 0, or -1. */
static int
calendar(const char *s, int *from, int *to)
{
	size_t	 len;
	int	 y, n;

	len = strlen(s);
	if (len == 10 && crm_date_iso(s, from) == CRM_OK) {
		*to = *from;
		return 0;
	}
	if (digits(s, 4, &y) == -1 || y < YEAR_MIN || y > YEAR_MAX)
		return -1;
	if (len == 4) {
		months(y, 1, 12, from, to);
		return 0;
	}
	if (s[4] != '-')
		return -1;
	if (len == 8)
		return isoweek(y, s + 5, from, to);
	if (len != 7)
		return -1;
	if ((s[5] == 'Q' || s[5] == 'q') && digits(s + 6, 1, &n) == 0 &&
	    n >= 1 && n <= 4) {
		months(y, n * 3 - 2, n * 3, from, to);
		return 0;
	}
	if ((s[5] == 'H' || s[5] == 'h') && digits(s + 6, 1, &n) == 0 &&
	    n >= 1 && n <= 2) {
		months(y, n * 6 - 5, n * 6, from, to);
		return 0;
	}
	if (digits(s + 5, 2, &n) == -1 || n < 1 || n > 12)
		return -1;
	months(y, n, n, from, to);
	return 0;
}

/* The words before a period word that mean the one before this one. */
static const char *const last[] = {
	"прошлый ", "прошлая ", "прошлую ", "last ", NULL
};

/*
 * week, month, quarter, year (and in Russian): the one holding today;
 * after "прошлый" or "last", the one before it.
 */
static int
current(const char *s, int today, int *from, int *to)
{
	const struct word	*w;
	const char *const	*l;
	char			 buf[WORD_MAX], *p = buf;
	int			 y, m, d, m1;

	if (today < DAY_MIN || today > DAY_MAX ||
	    fold(s, buf, sizeof(buf)) == -1)
		return -1;
	for (l = last; *l != NULL; l++)
		if (strncmp(buf, *l, strlen(*l)) == 0)
			break;
	if (*l != NULL)
		p += strlen(*l);
	for (w = pwords; w->name != NULL; w++)
		if (strcmp(p, w->name) == 0)
			break;
	if (w->name != NULL && *l != NULL && current(w->name, today, from,
	    to) == 0)
		return current(w->name, *from - 1, from, to);
	if (w->name == NULL)
		return -1;
	if (w->off == 0) {
		*from = today - crm_date_wday(today);
		*to = *from + 6;
		return 0;
	}
	crm_date_split(today, &y, &m, &d);
	m1 = (m - 1) / w->off * w->off + 1;
	months(y, m1, m1 + w->off - 1, from, to);
	return 0;
}

/*
 * A month by name, "ноябрь" (the last one begun: November said in
 * January is last year's) or "ноябрь 2026"; a quarter as "1 квартал
 * 2017" or "1 квартал" (this year's).
 */
static int
named(const char *s, int today, int *from, int *to)
{
	char	 buf[WORD_MAX * 2], *sp;
	size_t	 i, j;
	int	 y, m, d, n;

	if (fold(s, buf, sizeof(buf)) == -1)
		return -1;
	crm_date_split(today, &y, &m, &d);
	if ((sp = strchr(buf, ' ')) != NULL) {
		*sp++ = '\0';
		if (strncmp(sp, "квартал", 14) == 0) {
			n = number(buf);
			if (sp[14] == ' ')
				y = number(sp + 15);
			if (n < 1 || n > 4 || (sp[14] != '\0' &&
			    (sp[14] != ' ' || y < YEAR_MIN)))
				return -1;
			months(y, n * 3 - 2, n * 3, from, to);
			return 0;
		}
		if ((y = number(sp)) < YEAR_MIN)
			return -1;
	}
	for (i = 0; i < 3; i++)
		for (j = 0; j < 12; j++)
			if (strcmp(buf, mnames[i][j]) == 0) {
				if (sp == NULL && (int)j + 1 > m)
					y--;
				months(y, j + 1, j + 1, from, to);
				return 0;
			}
	return -1;
}

/* A..B, two dates as crm_date_parse() takes them. */
static int
range(const char *s, const char *dots, int today, int *from, int *to)
{
	char	 a[WORD_MAX];

	if ((size_t)(dots - s) >= sizeof(a))
		return -1;
	memcpy(a, s, dots - s);
	a[dots - s] = '\0';
	if (crm_date_parse(a, today, from) != CRM_OK ||
	    crm_date_parse(dots + 2, today, to) != CRM_OK)
		return -1;
	return 0;
}

/*
 * A reporting period, inclusive, into *from and *to: YYYY-MM-DD, YYYY-Www
 * (ISO 8601), YYYY-MM, YYYY-Qn, YYYY-Hn, YYYY; A..B with A and B anything
 * crm_date_parse() takes and A <= B; the words week, month, quarter,
 * year (неделя, месяц, квартал, год), the ones holding today, and after
 * прошлый or last the ones before; a month by name (ноябрь, november:
 * the last one begun; ноябрь 2026); N квартал [YYYY]; and any
 * other single date crm_date_parse() takes (today, вчера, +3d) as a
 * period of one day.  Both ends must fall within 1900-01-01..9999-12-31.
 * Returns CRM_OK, or CRM_EINVAL leaving *from and *to unchanged.
 */
int
crm_period_parse(const char *s, int today, int *from, int *to)
{
	const char	*dots;
	int		 f, t;

	if (s == NULL)
		return CRM_EINVAL;
	if ((dots = strstr(s, "..")) != NULL) {
		if (range(s, dots, today, &f, &t) == -1)
			return CRM_EINVAL;
	} else if (calendar(s, &f, &t) == -1 &&
	    current(s, today, &f, &t) == -1 &&
	    named(s, today, &f, &t) == -1) {
		if (crm_date_parse(s, today, &f) != CRM_OK)
			return CRM_EINVAL;
		t = f;
	}
	if (f < DAY_MIN || t > DAY_MAX || f > t)
		return CRM_EINVAL;
	*from = f;
	*to = t;
	return CRM_OK;
}

/*
 * t-date.c: dates, times, periods, INNs and money (lib/date.c and
 * lib/money.c) against tables of what people type and what they mean.
 * Relative forms are read on Thursday 2026-11-26 unless said otherwise.
 */
#include <stdint.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct dcase {
	const char	*in;
	const char	*want;		/* NULL: refused */
};

struct pcase {
	const char	*in;
	const char	*from;		/* NULL: refused */
	const char	*to;
};

struct tcase {
	const char	*in;
	int		 want;		/* -1: refused */
};

struct mcase {
	const char	*in;
	int		 ok;
	int64_t		 kop;
};

struct fcase {
	int64_t		 kop;
	const char	*want;
};

static const struct dcase dates[] = {
	/* strict ISO */
	{ "2026-11-26", "2026-11-26" },
	{ "2024-02-29", "2024-02-29" },
	{ "2000-02-29", "2000-02-29" },
	{ "2100-02-29", NULL },
	{ "1900-02-29", NULL },
	{ "2026-02-29", NULL },
	{ "2026-02-30", NULL },
	{ "2026-04-31", NULL },
	{ "2026-13-01", NULL },
	{ "2026-00-10", NULL },
	{ "2026-01-00", NULL },
	{ "2026-01-32", NULL },
	{ "2000-01-01", "2000-01-01" },
	{ "1999-12-31", NULL },
	{ "1900-01-01", NULL },
	{ "2100-12-31", "2100-12-31" },
	{ "2101-01-01", NULL },
	{ "9999-12-31", NULL },
	{ "0000-01-01", NULL },
	{ "2026-1-01", NULL },
	{ "2026-01-1", NULL },
	{ "26-11-26", NULL },
	{ "20261126", NULL },
	{ "2026/11/26", NULL },
	{ "2026-11-260", NULL },
	{ " 2026-11-26", NULL },
	{ "2026-11-26 ", NULL },
	{ "2026-11-2x", NULL },
	{ "+2026-11-26", NULL },
	{ "", NULL },
	/* English words, any case */
	{ "today", "2026-11-26" },
	{ "Today", "2026-11-26" },
	{ "TODAY", "2026-11-26" },
	{ "tomorrow", "2026-11-27" },
	{ "yesterday", "2026-11-25" },
	{ "today ", NULL },
	{ " today", NULL },
	{ "tod", NULL },
	{ "todayy", NULL },
	/* offsets */
	{ "+0d", "2026-11-26" },
	{ "-0d", "2026-11-26" },
	{ "+3d", "2026-11-29" },
	{ "+2w", "2026-12-10" },
	{ "-1d", "2026-11-25" },
	{ "-2w", "2026-11-12" },
	{ "+5d", "2026-12-01" },
	{ "+36d", "2027-01-01" },
	{ "+0003d", "2026-11-29" },
	{ "+9999d", "2054-04-12" },
	{ "+9999w", NULL },
	{ "+10000d", NULL },
	{ "+3D", "2026-11-29" },
	{ "+0x3d", NULL },
	{ "+", NULL },
	{ "-", NULL },
	{ "+d", NULL },
	{ "+w", NULL },
	{ "+ 3d", NULL },
	{ "+3 d", NULL },
	{ "+3d ", NULL },
	{ "3d", NULL },
	{ "+3", "2026-11-29" },
	{ "+3dd", NULL },
	{ "+3x", NULL },
	{ "+3m", NULL },
	{ "++3d", NULL },
	{ "+-3d", NULL },
	{ "--3d", NULL },
	/* weekdays: the next one, never today (a Thursday) */
	{ "mon", "2026-11-30" },
	{ "tue", "2026-12-01" },
	{ "wed", "2026-12-02" },
	{ "thu", "2026-12-03" },
	{ "fri", "2026-11-27" },
	{ "sat", "2026-11-28" },
	{ "sun", "2026-11-29" },
	{ "monday", "2026-11-30" },
	{ "tuesday", "2026-12-01" },
	{ "wednesday", "2026-12-02" },
	{ "thursday", "2026-12-03" },
	{ "friday", "2026-11-27" },
	{ "saturday", "2026-11-28" },
	{ "sunday", "2026-11-29" },
	{ "Friday", "2026-11-27" },
	{ "THU", "2026-12-03" },
	{ "mo", NULL },
	{ "mond", NULL },
	{ "fri.", NULL },
	/* Russian */
	{ "сегодня", "2026-11-26" },
	{ "Сегодня", "2026-11-26" },
	{ "завтра", "2026-11-27" },
	{ "Завтра", "2026-11-27" },
	{ "ЗАВТРА", "2026-11-27" },
	{ "послезавтра", "2026-11-28" },
	{ "Послезавтра", "2026-11-28" },
	{ "вчера", "2026-11-25" },
	{ "Вчера", "2026-11-25" },
	{ "пн", "2026-11-30" },
	{ "вт", "2026-12-01" },
	{ "ср", "2026-12-02" },
	{ "чт", "2026-12-03" },
	{ "пт", "2026-11-27" },
	{ "сб", "2026-11-28" },
	{ "вс", "2026-11-29" },
	{ "Пн", "2026-11-30" },
	{ "понедельник", "2026-11-30" },
	{ "вторник", "2026-12-01" },
	{ "среда", "2026-12-02" },
	{ "четверг", "2026-12-03" },
	{ "пятница", "2026-11-27" },
	{ "суббота", "2026-11-28" },
	{ "воскресенье", "2026-11-29" },
	{ "Воскресенье", "2026-11-29" },
	{ "Пятница", "2026-11-27" },
	{ "завтра ", NULL },
	{ "зав", NULL },
	{ "завтраа", NULL },
	{ "\xd0", NULL },
	{ "\xd0\x97", NULL },
	{ "sunday sunday sunday sunday sunday", NULL }
};

static const struct tcase times[] = {
	{ "00:00", 0 },
	{ "23:59", 1439 },
	{ "09:30", 570 },
	{ "9:00", 540 },
	{ "0:05", 5 },
	{ "12:05", 725 },
	{ "24:00", -1 },
	{ "23:60", -1 },
	{ "99:99", -1 },
	{ "9:5", -1 },
	{ "09:5", -1 },
	{ "009:00", -1 },
	{ "12:345", -1 },
	{ "12:34 ", -1 },
	{ " 12:34", -1 },
	{ "1234", -1 },
	{ "12-34", -1 },
	{ "12.34", 754 },
	{ "ab:cd", -1 },
	{ ":30", -1 },
	{ "12:", -1 },
	{ ":", -1 },
	{ "", -1 }
};

static const struct pcase periods[] = {
	{ "2026-11-26", "2026-11-26", "2026-11-26" },
	{ "2026-W48", "2026-11-23", "2026-11-29" },
	{ "2026-w48", "2026-11-23", "2026-11-29" },
	{ "2026-W01", "2025-12-29", "2026-01-04" },
	{ "2026-W53", "2026-12-28", "2027-01-03" },
	{ "2025-W53", NULL, NULL },
	{ "2025-W52", "2025-12-22", "2025-12-28" },
	{ "2020-W53", "2020-12-28", "2021-01-03" },
	{ "2021-W01", "2021-01-04", "2021-01-10" },
	{ "2001-W01", "2001-01-01", "2001-01-07" },
	{ "1900-W01", NULL, NULL },
	{ "2100-W51", "2100-12-20", "2100-12-26" },
	{ "2100-W52", NULL, NULL },
	{ "2026-W00", NULL, NULL },
	{ "2026-W54", NULL, NULL },
	{ "2026-W4", NULL, NULL },
	{ "2026-W480", NULL, NULL },
	{ "2026W48", NULL, NULL },
	{ "2026-11", "2026-11-01", "2026-11-30" },
	{ "2026-02", "2026-02-01", "2026-02-28" },
	{ "2024-02", "2024-02-01", "2024-02-29" },
	{ "2026-12", "2026-12-01", "2026-12-31" },
	{ "2026-13", NULL, NULL },
	{ "2026-00", NULL, NULL },
	{ "2026-1", NULL, NULL },
	{ "2026-Q1", "2026-01-01", "2026-03-31" },
	{ "2026-Q2", "2026-04-01", "2026-06-30" },
	{ "2026-Q3", "2026-07-01", "2026-09-30" },
	{ "2026-Q4", "2026-10-01", "2026-12-31" },
	{ "2026-q4", "2026-10-01", "2026-12-31" },
	{ "2026-Q0", NULL, NULL },
	{ "2026-Q5", NULL, NULL },
	{ "2026-Q", NULL, NULL },
	{ "2026", "2026-01-01", "2026-12-31" },
	{ "2000", "2000-01-01", "2000-12-31" },
	{ "2100", "2100-01-01", "2100-12-31" },
	{ "1999", NULL, NULL },
	{ "2101", NULL, NULL },
	{ "9999", NULL, NULL },
	{ "202", NULL, NULL },
	{ "20266", NULL, NULL },
	{ "2026-11-01..2026-11-15", "2026-11-01", "2026-11-15" },
	{ "2026-11-15..2026-11-15", "2026-11-15", "2026-11-15" },
	{ "2026-11-15..2026-11-01", NULL, NULL },
	{ "today..+6d", "2026-11-26", "2026-12-02" },
	{ "-1w..today", "2026-11-19", "2026-11-26" },
	{ "yesterday..tomorrow", "2026-11-25", "2026-11-27" },
	{ "вчера..завтра", "2026-11-25", "2026-11-27" },
	{ "fri..mon", "2026-11-27", "2026-11-30" },
	{ "mon..fri", NULL, NULL },
	{ "2026-11-01..", NULL, NULL },
	{ "..2026-11-01", NULL, NULL },
	{ "..", NULL, NULL },
	{ "2026-11-01...2026-11-02", NULL, NULL },
	{ "2026-11-01 .. 2026-11-02", NULL, NULL },
	{ "2026-11..2026-12", NULL, NULL },
	{ "today", "2026-11-26", "2026-11-26" },
	{ "сегодня", "2026-11-26", "2026-11-26" },
	{ "yesterday", "2026-11-25", "2026-11-25" },
	{ "week", "2026-11-23", "2026-11-29" },
	{ "month", "2026-11-01", "2026-11-30" },
	{ "quarter", "2026-10-01", "2026-12-31" },
	{ "year", "2026-01-01", "2026-12-31" },
	{ "Week", "2026-11-23", "2026-11-29" },
	{ "неделя", "2026-11-23", "2026-11-29" },
	{ "месяц", "2026-11-01", "2026-11-30" },
	{ "квартал", "2026-10-01", "2026-12-31" },
	{ "год", "2026-01-01", "2026-12-31" },
	{ "Месяц", "2026-11-01", "2026-11-30" },
	{ "weeks", NULL, NULL },
	{ "month ", NULL, NULL },
	{ " 2026", NULL, NULL },
	{ "2026 ", NULL, NULL },
	{ "", NULL, NULL }
};

static const struct pcase periods_jan1[] = {	/* on 2026-01-01, Thu */
	{ "week", "2025-12-29", "2026-01-04" },
	{ "month", "2026-01-01", "2026-01-31" },
	{ "quarter", "2026-01-01", "2026-03-31" },
	{ "year", "2026-01-01", "2026-12-31" }
};

static const struct pcase periods_sun[] = {	/* on 2026-03-29, Sun */
	{ "week", "2026-03-23", "2026-03-29" },
	{ "month", "2026-03-01", "2026-03-31" },
	{ "quarter", "2026-01-01", "2026-03-31" },
	{ "неделя", "2026-03-23", "2026-03-29" }
};

static const char *inn_good[] = {
	"7707083893",		/* Sberbank */
	"7736207543",		/* Yandex */
	"7710140679",
	"7702070139",
	"7830002293",
	"500100732259"
};

static const char *inn_bad[] = {
	"7707083894",		/* check digit off by one */
	"7707083803",
	"7707083",
	"770708389",
	"77070838930",
	"7707083893 ",
	" 7707083893",
	"+7707083893",
	"770708389a",
	"7707-083893",
	"500100732258",		/* n12 wrong */
	"500100732266",		/* n11 wrong, n12 right */
	"500100732269",
	"5001007322590",
	"50010073225",
	"773670220706",
	""
};

static const struct mcase money[] = {
	{ "1 234 567,89", 1, 123456789 },
	{ "1234567.89", 1, 123456789 },
	{ "1234567,89", 1, 123456789 },
	{ "1234567", 1, 123456700 },
	{ "-5", 1, -500 },
	{ "12,5", 1, 1250 },
	{ "12.5", 1, 1250 },
	{ "0,05", 1, 5 },
	{ "0,5", 1, 50 },
	{ "0", 1, 0 },
	{ "-0", 1, 0 },
	{ "0,00", 1, 0 },
	{ "007", 1, 700 },
	{ "-1 234,00", 1, -123400 },
	{ "999", 1, 99900 },
	{ "1 000", 1, 100000 },
	{ "12 345", 1, 1234500 },
	{ "123 456", 1, 12345600 },
	{ "1\xc2\xa0" "234,50", 1, 123450 },
	{ "1\xe2\x80\xaf" "234", 1, 123400 },
	{ "1 234\xc2\xa0" "567", 1, 123456700 },
	{ "1 000 000 000 000 000", 1, 100000000000000000LL },
	{ "-1000000000000000", 1, -100000000000000000LL },
	{ "999999999999999,99", 1, 99999999999999999LL },
	{ "0000000000000000000001", 1, 100 },
	{ "1000000000000000,01", 0, 0 },
	{ "-1000000000000000,01", 0, 0 },
	{ "1000000000000001", 0, 0 },
	{ "10000000000000000", 0, 0 },
	{ "99999999999999999999999", 0, 0 },
	{ "9223372036854775807", 0, 0 },
	{ "", 0, 0 },
	{ "-", 0, 0 },
	{ "--5", 0, 0 },
	{ "+5", 0, 0 },
	{ "- 5", 0, 0 },
	{ "abc", 0, 0 },
	{ "12a", 0, 0 },
	{ "a12", 0, 0 },
	{ "1e3", 0, 0 },
	{ "0x10", 0, 0 },
	{ "1.2.3", 0, 0 },
	{ "1,2,3", 0, 0 },
	{ "1,234.56", 0, 0 },
	{ "1.234,56", 0, 0 },
	{ "1,234", 0, 0 },
	{ "1.234", 0, 0 },
	{ "1,", 0, 0 },
	{ "1.", 0, 0 },
	{ ",5", 0, 0 },
	{ ".5", 0, 0 },
	{ " 5", 0, 0 },
	{ "5 ", 0, 0 },
	{ "5-", 0, 0 },
	{ "1  234", 0, 0 },
	{ "1234 567", 0, 0 },
	{ "12 34", 0, 0 },
	{ "1 2345", 0, 0 },
	{ "1 234 56", 0, 0 },
	{ "1 234,5 6", 0, 0 },
	{ "1 234, 56", 0, 0 },
	{ "1 ,50", 0, 0 },
	{ "1\t234", 0, 0 },
	{ "1\xc2", 0, 0 },
	{ "1\xc2\xa0", 0, 0 },
	{ "1\xe2\x80", 0, 0 },
	{ "1\xe2\x80\xaf", 0, 0 },
	{ "\xc2\xa0" "1", 0, 0 },
	{ "5 руб", 0, 0 }
};

static const struct fcase fmts[] = {
	{ 0, "0,00" },
	{ 5, "0,05" },
	{ 50, "0,50" },
	{ -1, "-0,01" },
	{ 1250, "12,50" },
	{ -500, "-5,00" },
	{ 99999, "999,99" },
	{ 100000, "1 000,00" },
	{ -123400, "-1 234,00" },
	{ 12345600, "123 456,00" },
	{ 123456789, "1 234 567,89" },
	{ 100000000000000000LL, "1 000 000 000 000 000,00" },
	{ INT64_MAX, "92 233 720 368 547 758,07" },
	{ INT64_MIN, "-92 233 720 368 547 758,08" }
};

static void
test_dates(int today)
{
	char	 buf[11];
	size_t	 i;
	int	 day, rc;

	for (i = 0; i < NELEM(dates); i++) {
		day = -1;
		rc = crm_date_parse(dates[i].in, today, &day);
		if (dates[i].want == NULL) {
			ok(rc == CRM_EINVAL && day == -1,
			    "date '%s' refused", dates[i].in);
			continue;
		}
		crm_date_fmt(day, buf);
		ok(rc == CRM_OK, "date '%s' accepted", dates[i].in);
		is_str(rc == CRM_OK ? buf : "", dates[i].want,
		    "date '%s' is %s", dates[i].in, dates[i].want);
	}
	is_int(crm_date_parse(NULL, today, &day), CRM_EINVAL,
	    "date NULL refused");
}

/* Weekdays from a Monday, and offsets that would leave 2000..2100. */
static void
test_dates_edge(void)
{
	char	 buf[11];
	int	 day, mon;

	mon = crm_date_make(2026, 11, 23);
	ok(crm_date_parse("mon", mon, &day) == CRM_OK && day == mon + 7,
	    "mon on a Monday is a week on");
	ok(crm_date_parse("пн", mon, &day) == CRM_OK && day == mon + 7,
	    "пн on a Monday is a week on");
	ok(crm_date_parse("tue", mon, &day) == CRM_OK && day == mon + 1,
	    "tue on a Monday is tomorrow");
	ok(crm_date_parse("вс", mon + 6, &day) == CRM_OK &&
	    day == mon + 13, "вс on a Sunday is a week on");
	day = crm_date_make(2100, 12, 31);
	is_int(crm_date_parse("+1d", day, &day), CRM_EINVAL,
	    "+1d past 2100-12-31 refused");
	is_int(crm_date_parse("sun", day, &day), CRM_EINVAL,
	    "sun past 2100-12-31 refused");
	is_int(crm_date_parse("today", day, &day), CRM_OK,
	    "today on 2100-12-31");
	day = crm_date_make(2000, 1, 1);
	is_int(crm_date_parse("-1d", day, &day), CRM_EINVAL,
	    "-1d before 2000-01-01 refused");
	is_int(crm_date_parse("today", 2147483647, &day), CRM_EINVAL,
	    "today on a day past 9999 refused");
	is_int(crm_date_parse("+9999w", 2147483647, &day), CRM_EINVAL,
	    "+9999w on INT_MAX refused");
	is_int(crm_date_parse("-9999w", -2147483647 - 1, &day), CRM_EINVAL,
	    "-9999w on INT_MIN refused");
	ok(crm_date_iso("2026-11-26", &day) == CRM_OK && day == 20783,
	    "crm_date_iso 2026-11-26");
	is_int(crm_date_iso("today", &day), CRM_EINVAL,
	    "crm_date_iso refuses words");
	is_int(crm_date_iso(NULL, &day), CRM_EINVAL, "crm_date_iso NULL");
	crm_date_fmt(crm_date_make(1, 1, 1), buf);
	is_str(buf, "0001-01-01", "fmt year 1");
}

/* One id rule for every tool: [1-9][0-9]*, at most 18 digits. */
static void
test_ids(void)
{
	static const char *const bad[] = { "", " 1", "1 ", "+1", "-1", "01",
	    "0", "1e3", "0x1", "1234567890123456789", "1\n", "\xd0\x86" };
	size_t	 i;
	int64_t	 id;

	for (i = 0; i < NELEM(bad); i++)
		is_int(crm_id_parse(bad[i], &id), CRM_EINVAL,
		    "id '%s' refused", bad[i]);
	is_int(crm_id_parse(NULL, &id), CRM_EINVAL, "id NULL refused");
	ok(crm_id_parse("1", &id) == CRM_OK && id == 1, "id 1");
	ok(crm_id_parse("123456789012345678", &id) == CRM_OK &&
	    id == 123456789012345678LL, "id of 18 digits");
	ok(crm_id_parse("999999999999999999", &id) == CRM_OK &&
	    id == 999999999999999999LL, "the largest id");
}

/* Known day numbers (computed with Python's datetime) and weekdays. */
static void
test_known(void)
{
	static const struct {
		int	 y, m, d, day, wday;
	} k[] = {
		{ 1970, 1, 1, 0, 3 },
		{ 1969, 12, 31, -1, 2 },
		{ 1900, 1, 1, -25567, 0 },
		{ 2000, 1, 1, 10957, 5 },
		{ 2000, 3, 1, 11017, 2 },
		{ 2024, 2, 29, 19782, 3 },
		{ 2026, 11, 26, 20783, 3 },
		{ 9999, 12, 31, 2932896, 4 }
	};
	size_t	 i;
	int	 y, m, d;

	for (i = 0; i < NELEM(k); i++) {
		is_int(crm_date_make(k[i].y, k[i].m, k[i].d), k[i].day,
		    "make %04d-%02d-%02d", k[i].y, k[i].m, k[i].d);
		crm_date_split(k[i].day, &y, &m, &d);
		ok(y == k[i].y && m == k[i].m && d == k[i].d,
		    "split %d", k[i].day);
		is_int(crm_date_wday(k[i].day), k[i].wday,
		    "weekday of %04d-%02d-%02d", k[i].y, k[i].m, k[i].d);
	}
}

/* Every day of 1900..9999 in order, and a wide range of day numbers. */
static void
test_roundtrip(void)
{
	char	 buf[11];
	long	 bad = 0, badfmt = 0, badwide = 0;
	int	 day, y, m, d, py = 1899, pm = 12, pd = 31, back;

	for (day = -25567; day <= 2932896; day++) {
		crm_date_split(day, &y, &m, &d);
		if (crm_date_make(y, m, d) != day ||
		    crm_date_wday(day) != ((day % 7 + 7) % 7 + 3) % 7)
			bad++;
		if (!((y == py && m == pm && d == pd + 1) ||
		    (y == py && m == pm + 1 && d == 1 && pd >= 28) ||
		    (y == py + 1 && m == 1 && d == 1 && pm == 12 && pd == 31)))
			bad++;
		py = y, pm = m, pd = d;
		if (day % 97 == 0) {
			crm_date_fmt(day, buf);
			if (y >= 2000 && y <= 2100 &&
			    (crm_date_iso(buf, &back) != CRM_OK ||
			    back != day))
				badfmt++;
			if ((y < 2000 || y > 2100) &&
			    crm_date_iso(buf, &back) == CRM_OK)
				badfmt++;
		}
	}
	for (day = -100000000; day <= 100000000; day += 9973) {
		crm_date_split(day, &y, &m, &d);
		if (crm_date_make(y, m, d) != day)
			badwide++;
	}
	is_int(bad, 0, "split/make/wday agree on every day 1900..9999");
	is_int(badfmt, 0, "fmt/iso round trip 2000..2100, refused outside");
	is_int(badwide, 0, "split/make round trip over +-10^8 days");
}

static void
test_times(void)
{
	size_t	 i;
	int	 min, rc;

	for (i = 0; i < NELEM(times); i++) {
		min = -2;
		rc = crm_time_parse(times[i].in, &min);
		if (times[i].want < 0)
			ok(rc == CRM_EINVAL && min == -2,
			    "time '%s' refused", times[i].in);
		else
			ok(rc == CRM_OK && min == times[i].want,
			    "time '%s' is %d", times[i].in, times[i].want);
	}
	is_int(crm_time_parse(NULL, &min), CRM_EINVAL, "time NULL refused");
}

static void
test_ptable(const struct pcase *p, size_t n, int today, const char *on)
{
	char	 fb[11], tb[11];
	size_t	 i;
	int	 f, t, rc, good;

	for (i = 0; i < n; i++) {
		f = t = -1;
		rc = crm_period_parse(p[i].in, today, &f, &t);
		if (p[i].from == NULL) {
			ok(rc == CRM_EINVAL && f == -1 && t == -1,
			    "period '%s' refused", p[i].in);
			continue;
		}
		crm_date_fmt(f, fb);
		crm_date_fmt(t, tb);
		good = rc == CRM_OK && strcmp(fb, p[i].from) == 0 &&
		    strcmp(tb, p[i].to) == 0;
		ok(good, "period '%s' on %s is %s..%s", p[i].in, on,
		    p[i].from, p[i].to);
		if (!good)
			printf("#   got %s..%s, status %d\n", fb, tb, rc);
	}
}

static void
test_periods(int today)
{
	static const struct {
		const char	*in;
		int		 len;
	} years[] = {
		{ "2024", 366 }, { "2026", 365 }, { "2000", 366 },
		{ "2100", 365 }, { "2099", 365 }, { "2024-Q1", 91 },
		{ "2026-Q1", 90 }, { "2024-W10", 7 }
	};
	size_t	 i;
	int	 f, t;

	test_ptable(periods, NELEM(periods), today, "2026-11-26");
	test_ptable(periods_jan1, NELEM(periods_jan1),
	    crm_date_make(2026, 1, 1), "2026-01-01");
	test_ptable(periods_sun, NELEM(periods_sun),
	    crm_date_make(2026, 3, 29), "2026-03-29");
	for (i = 0; i < NELEM(years); i++) {
		f = t = 0;
		(void)crm_period_parse(years[i].in, today, &f, &t);
		is_int(t - f + 1, years[i].len, "period %s has %d days",
		    years[i].in, years[i].len);
	}
	is_int(crm_period_parse(NULL, today, &f, &t), CRM_EINVAL,
	    "period NULL refused");
	is_int(crm_period_parse("week", 2147483647, &f, &t), CRM_EINVAL,
	    "week on INT_MAX refused");
}

static void
test_inn(void)
{
	size_t	 i;

	for (i = 0; i < NELEM(inn_good); i++)
		is_int(crm_inn_valid(inn_good[i]), 1, "INN %s valid",
		    inn_good[i]);
	for (i = 0; i < NELEM(inn_bad); i++)
		is_int(crm_inn_valid(inn_bad[i]), 0, "INN '%s' invalid",
		    inn_bad[i]);
	is_int(crm_inn_valid(NULL), 0, "INN NULL invalid");
}

static void
test_money(void)
{
	size_t	 i;
	int64_t	 k;
	int	 rc;

	for (i = 0; i < NELEM(money); i++) {
		k = 42;
		rc = crm_money_parse(money[i].in, &k);
		if (!money[i].ok)
			ok(rc == CRM_EINVAL && k == 42,
			    "money '%s' refused", money[i].in);
		else {
			ok(rc == CRM_OK && k == money[i].kop,
			    "money '%s' is %lld", money[i].in,
			    (long long)money[i].kop);
			if (k != money[i].kop)
				printf("#   got %lld\n", (long long)k);
		}
	}
	is_int(crm_money_parse(NULL, &k), CRM_EINVAL, "money NULL refused");
}

static void
test_money_fmt(void)
{
	char	 buf[32];
	size_t	 i;

	for (i = 0; i < NELEM(fmts); i++) {
		crm_money_fmt(fmts[i].kop, buf, sizeof(buf));
		is_str(buf, fmts[i].want, "fmt %lld", (long long)fmts[i].kop);
	}
	crm_money_fmt(123456789, buf, 5);
	is_str(buf, "1 23", "fmt truncates to fit 5 bytes");
	crm_money_fmt(123456789, buf, 1);
	is_str(buf, "", "fmt into 1 byte is empty");
	memcpy(buf, "xyz", 4);
	crm_money_fmt(123456789, buf, 0);
	is_str(buf, "xyz", "fmt into 0 bytes writes nothing");
	crm_money_fmt(INT64_MIN, buf, 27);
	is_str(buf, "-92 233 720 368 547 758,08", "27 bytes fit INT64_MIN");
}

/* Format then parse gives back the kopecks, small and large. */
static void
test_money_roundtrip(void)
{
	char		 buf[32];
	int64_t		 k, back;
	long		 bad = 0;

	for (k = -200000; k <= 200000; k++) {
		crm_money_fmt(k, buf, sizeof(buf));
		if (crm_money_parse(buf, &back) != CRM_OK || back != k)
			bad++;
	}
	for (k = -100000000000000000LL; k <= 100000000000000000LL;
	    k += 999999999937LL) {
		crm_money_fmt(k, buf, sizeof(buf));
		if (crm_money_parse(buf, &back) != CRM_OK || back != k)
			bad++;
	}
	is_int(bad, 0, "money fmt/parse round trip");
}

int
main(void)
{
	int	 today;

	today = crm_date_make(2026, 11, 26);
	test_dates(today);
	test_dates_edge();
	test_ids();
	test_known();
	test_roundtrip();
	test_times();
	test_periods(today);
	test_inn();
	test_money();
	test_money_fmt();
	test_money_roundtrip();
	done_testing();
}

/*
 * t-typed.c: dates, times and periods as people type them, in Russian
 * and in English (lib/date.c), each form pinned in a table with the day
 * it is said on: Thursday 2026-11-26 unless the row says otherwise, a
 * Friday, the turn of a year, leap days.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

struct dcase {
	const char	*on;		/* the day said; NULL: 2026-11-26 */
	const char	*in;
	const char	*want;		/* NULL: refused */
};

static const struct dcase dates[] = {
	/* day.month, with and without the year */
	{ NULL, "05.12", "2026-12-05" },
	{ NULL, "5.12", "2026-12-05" },
	{ NULL, "1.12", "2026-12-01" },
	{ NULL, "5.12.2026", "2026-12-05" },
	{ NULL, "05.12.26", "2026-12-05" },
	{ NULL, "07.12.2026", "2026-12-07" },
	{ NULL, "31.12.2027", "2027-12-31" },
	/* the nearest 20 January from the last day crm takes: 2101, out */
	{ "2100-12-31", "20.01", NULL },
	{ NULL, "31.02", NULL },
	{ NULL, "31.02.2026", NULL },
	{ NULL, "31.04.2026", NULL },
	{ NULL, "00.12", NULL },
	{ NULL, "12.13", NULL },
	{ NULL, "5.12.202", NULL },
	{ NULL, "5.12.", NULL },
	{ NULL, ".12", NULL },
	{ NULL, "123.12", NULL },
	{ NULL, "5.12.2026x", NULL },
	/* the year turns: the nearest such day */
	{ "2026-12-30", "05.01", "2027-01-05" },
	{ "2027-01-03", "28.12", "2026-12-28" },
	{ "2026-12-31", "+1", "2027-01-01" },
	{ "2026-12-28", "через неделю", "2027-01-04" },
	/* leap days */
	{ "2028-01-10", "29.02", "2028-02-29" },
	{ NULL, "29.02", NULL },
	{ NULL, "29.02.2028", "2028-02-29" },
	{ NULL, "29.02.2100", NULL },
	{ "2028-01-31", "через месяц", "2028-02-29" },
	{ "2026-01-31", "через месяц", "2026-02-28" },
	{ "2028-02-29", "через год", "2029-02-28" },
	/* after a while */
	{ NULL, "через 3 дня", "2026-11-29" },
	{ NULL, "через 1 день", "2026-11-27" },
	{ NULL, "через день", "2026-11-27" },
	{ NULL, "через 5 дней", "2026-12-01" },
	{ NULL, "через неделю", "2026-12-03" },
	{ NULL, "через 2 недели", "2026-12-10" },
	{ NULL, "через месяц", "2026-12-26" },
	{ NULL, "через 2 месяца", "2027-01-26" },
	{ NULL, "Через 3 Дня", "2026-11-29" },
	{ NULL, "in 3 days", "2026-11-29" },
	{ NULL, "in a week", "2026-12-03" },
	{ NULL, "in 2 weeks", "2026-12-10" },
	{ NULL, "in a month", "2026-12-26" },
	{ NULL, "in 1 year", "2027-11-26" },
	{ NULL, "через", NULL },
	{ NULL, "через 3", NULL },
	{ NULL, "через три дня", "2026-11-29" },
	{ NULL, "через 3 попугая", NULL },
	{ NULL, "in 3", NULL },
	{ NULL, "in 3 days later", NULL },
	{ NULL, "через  3 дня", NULL },
	/* +N days */
	{ NULL, "+3", "2026-11-29" },
	{ NULL, "-3", "2026-11-23" },
	{ NULL, "+0", "2026-11-26" },
	{ NULL, "+", NULL },
	{ NULL, "+12345", NULL },
	/* weekdays: the next one, never today */
	{ NULL, "в пятницу", "2026-11-27" },
	{ NULL, "во вторник", "2026-12-01" },
	{ NULL, "в среду", "2026-12-02" },
	{ NULL, "в четверг", "2026-12-03" },
	{ NULL, "в субботу", "2026-11-28" },
	{ NULL, "в воскресенье", "2026-11-29" },
	{ NULL, "в понедельник", "2026-11-30" },
	{ NULL, "пятницу", "2026-11-27" },
	{ NULL, "следующий понедельник", "2026-11-30" },
	{ NULL, "в следующий понедельник", "2026-11-30" },
	{ NULL, "следующую пятницу", "2026-11-27" },
	{ NULL, "в следующую среду", "2026-12-02" },
	{ NULL, "следующее воскресенье", "2026-11-29" },
	{ NULL, "next monday", "2026-11-30" },
	{ NULL, "Next Friday", "2026-11-27" },
	{ NULL, "next fri", "2026-11-27" },
	{ NULL, "on monday", "2026-11-30" },
	{ "2026-11-27", "в пятницу", "2026-12-04" },
	{ "2026-11-27", "friday", "2026-12-04" },
	{ "2026-11-27", "пт", "2026-12-04" },
	{ "2026-11-27", "следующую пятницу", "2026-12-04" },
	{ NULL, "в", NULL },
	{ NULL, "в пятницу вечером", NULL },
	{ NULL, "next", NULL },
	{ NULL, "next week", "2026-11-30" },
	{ NULL, "15 декабря", "2026-12-15" },
	{ NULL, "до пятницы", "2026-11-27" },
	{ NULL, "в конце месяца", "2026-11-30" },
	{ NULL, "в завтра", NULL },
	/* the words that were there stay */
	{ NULL, "завтра", "2026-11-27" },
	{ NULL, "2026-12-05", "2026-12-05" },
};

struct tcase {
	const char	*in;
	int		 want;		/* -1: refused */
};

static const struct tcase times[] = {
	{ "10", 600 },
	{ "9", 540 },
	{ "0", 0 },
	{ "23", 1380 },
	{ "24", -1 },
	{ "10.30", 630 },
	{ "10:30", 630 },
	{ "9.05", 545 },
	{ "10ч", 600 },
	{ "10 ч", 600 },
	{ "10Ч", 600 },
	{ "в 10", 600 },
	{ "в 10:30", 630 },
	{ "В 9", 540 },
	{ "10am", 600 },
	{ "10 am", 600 },
	{ "10AM", 600 },
	{ "10pm", 1320 },
	{ "10:30pm", 1350 },
	{ "12am", 0 },
	{ "12pm", 720 },
	{ "0am", -1 },
	{ "13pm", -1 },
	{ "10.3", -1 },
	{ "10.300", -1 },
	{ "10:60", -1 },
	{ "100", -1 },
	{ "в", -1 },
	{ "ч", -1 },
	{ "am", -1 },
	{ "10 часов", 600 },
	{ "в 3 часа дня", 900 },
	{ "в10", -1 },
	{ "", -1 },
};

struct pcase {
	const char	*on;		/* NULL: 2026-11-26 */
	const char	*in;
	const char	*from;		/* NULL: refused */
	const char	*to;
};

static const struct pcase periods[] = {
	{ NULL, "ноябрь", "2026-11-01", "2026-11-30" },
	{ NULL, "Ноябрь", "2026-11-01", "2026-11-30" },
	{ NULL, "ноябрь 2026", "2026-11-01", "2026-11-30" },
	{ NULL, "февраль 2028", "2028-02-01", "2028-02-29" },
	{ NULL, "декабрь", "2025-12-01", "2025-12-31" },
	{ NULL, "november", "2026-11-01", "2026-11-30" },
	{ NULL, "march 2017", "2017-03-01", "2017-03-31" },
	{ "2027-01-10", "ноябрь", "2026-11-01", "2026-11-30" },
	{ NULL, "ноябрь 26", NULL, NULL },
	{ NULL, "ноябрь 2026 года", NULL, NULL },
	{ NULL, "2017-Q1", "2017-01-01", "2017-03-31" },
	{ NULL, "1 квартал 2017", "2017-01-01", "2017-03-31" },
	{ NULL, "4 квартал 2026", "2026-10-01", "2026-12-31" },
	{ NULL, "2 квартал", "2026-04-01", "2026-06-30" },
	{ NULL, "5 квартал 2017", NULL, NULL },
	{ NULL, "2021-H1", "2021-01-01", "2021-06-30" },
	{ NULL, "2021-H2", "2021-07-01", "2021-12-31" },
	{ NULL, "2021-h2", "2021-07-01", "2021-12-31" },
	{ NULL, "2021-H3", NULL, NULL },
	{ NULL, "2026-W48", "2026-11-23", "2026-11-29" },
	{ NULL, "2025-W53", NULL, NULL },
	{ NULL, "2026-W53", "2026-12-28", "2027-01-03" },
	{ NULL, "2020-W53", "2020-12-28", "2021-01-03" },
	{ NULL, "прошлый месяц", "2026-10-01", "2026-10-31" },
	{ "2026-01-15", "прошлый месяц", "2025-12-01", "2025-12-31" },
	{ NULL, "прошлая неделя", "2026-11-16", "2026-11-22" },
	{ NULL, "прошлый квартал", "2026-07-01", "2026-09-30" },
	{ NULL, "прошлый год", "2025-01-01", "2025-12-31" },
	{ NULL, "last month", "2026-10-01", "2026-10-31" },
	{ NULL, "last week", "2026-11-16", "2026-11-22" },
	{ NULL, "прошлый", NULL, NULL },
	{ NULL, "прошлый понедельник", NULL, NULL },
	{ NULL, "неделя", "2026-11-23", "2026-11-29" },
};

static int
day_of(const char *on)
{
	int	 d;

	if (on == NULL)
		return crm_date_make(2026, 11, 26);
	if (crm_date_iso(on, &d) != CRM_OK)
		abort();
	return d;
}

static void
test_dates(void)
{
	char	 buf[11];
	size_t	 i;
	int	 day, rc;

	for (i = 0; i < NELEM(dates); i++) {
		day = -1;
		rc = crm_date_parse(dates[i].in, day_of(dates[i].on), &day);
		if (dates[i].want == NULL) {
			ok(rc == CRM_EINVAL && day == -1, "date '%s' refused",
			    dates[i].in);
			continue;
		}
		crm_date_fmt(day, buf);
		is_str(rc == CRM_OK ? buf : "refused", dates[i].want,
		    "date '%s' said on %s is %s", dates[i].in,
		    dates[i].on ? dates[i].on : "2026-11-26", dates[i].want);
	}
}

static void
test_times(void)
{
	size_t	 i;
	int	 min, rc;

	for (i = 0; i < NELEM(times); i++) {
		min = -1;
		rc = crm_time_parse(times[i].in, &min);
		if (times[i].want == -1)
			ok(rc == CRM_EINVAL && min == -1, "time '%s' refused",
			    times[i].in);
		else
			is_int(rc == CRM_OK ? min : -1, times[i].want,
			    "time '%s' is minute %d", times[i].in,
			    times[i].want);
	}
}

static void
test_periods(void)
{
	char	 f[11], t[11], got[24], want[24];
	size_t	 i;
	int	 from, to, rc;

	for (i = 0; i < NELEM(periods); i++) {
		from = to = -1;
		rc = crm_period_parse(periods[i].in, day_of(periods[i].on),
		    &from, &to);
		if (periods[i].from == NULL) {
			ok(rc == CRM_EINVAL && from == -1,
			    "period '%s' refused", periods[i].in);
			continue;
		}
		crm_date_fmt(from, f);
		crm_date_fmt(to, t);
		snprintf(got, sizeof(got), "%s %s", rc == CRM_OK ? f : "-",
		    rc == CRM_OK ? t : "-");
		snprintf(want, sizeof(want), "%s %s", periods[i].from,
		    periods[i].to);
		is_str(got, want, "period '%s' is %s", periods[i].in, want);
	}
}

int
main(void)
{
	const char	*forms;

	test_dates();
	test_times();
	test_periods();
	forms = crm_date_forms(CRM_FORMS_DATE);
	/* The reader's forms: English here (no locale set), Russian under
	 * ru_RU through the catalogue (tests/36). */
	ok(strstr(forms, "05.12") != NULL && strstr(forms, "in 3 days") !=
	    NULL && strchr(forms, '\n') == NULL,
	    "the accepted dates, by example, on one line");
	ok(strstr(crm_date_forms(CRM_FORMS_TIME), "10:30") != NULL,
	    "the accepted times, by example");
	ok(strstr(crm_date_forms(CRM_FORMS_PERIOD), "2021-H1") != NULL,
	    "the accepted periods, by example");
	done_testing();
}

/*
 * when.c: the one reader of the date and time words people type, in
 * Russian and in English ("15 декабря", "завтра в 3 часа дня", "через
 * две недели", "до пятницы", "in 2 days", "at 3 pm", "by Friday").
 * It reads folded words (crmi_fold) one phrase at a time, so that the
 * quick add can take the phrase at the start or the end of a sentence,
 * and the options (-d, -T) take a whole value through the same tables.
 * The meaning of each form is written down in task-add(1).
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

#define AMBIG_MAX	7	/* "в 1".."в 7": morning or evening? */
#define NONE		(-99999)	/* no such word */
#define DAY_ANY		20000		/* a day for "is it a date at all" */

struct nword {
	const char	*w;
	int		 n;
};

/* Numbers in words, for "через две недели", "in two days". */
static const struct nword nums[] = {
	{ "один", 1 }, { "одну", 1 }, { "одна", 1 }, { "a", 1 },
	{ "an", 1 }, { "one", 1 }, { "два", 2 }, { "две", 2 },
	{ "пару", 2 }, { "two", 2 }, { "три", 3 }, { "three", 3 },
	{ "четыре", 4 }, { "four", 4 }, { "пять", 5 }, { "five", 5 },
	{ "шесть", 6 }, { "six", 6 }, { "семь", 7 }, { "seven", 7 },
	{ "десять", 10 }, { "ten", 10 },
	{ NULL, 0 }
};

/* Units after "через"/"in": minutes (n > 0), or -days, or -1000*months. */
static const struct nword units[] = {
	{ "минуту", 1 }, { "минуты", 1 }, { "минут", 1 }, { "мин", 1 },
	{ "minute", 1 }, { "minutes", 1 }, { "min", 1 },
	{ "час", 60 }, { "часа", 60 }, { "часов", 60 }, { "hour", 60 },
	{ "hours", 60 },
	{ "день", -1 }, { "дня", -1 }, { "дней", -1 }, { "сутки", -1 },
	{ "day", -1 }, { "days", -1 },
	{ "неделю", -7 }, { "недели", -7 }, { "недель", -7 },
	{ "week", -7 }, { "weeks", -7 },
	{ "месяц", -1000 }, { "месяца", -1000 }, { "месяцев", -1000 },
	{ "month", -1000 }, { "months", -1000 },
	{ "год", -12000 }, { "года", -12000 }, { "лет", -12000 },
	{ "year", -12000 }, { "years", -12000 },
	{ NULL, 0 }
};

/* Month names, folded: genitive, nominative, short, English. */
static const struct nword months[] = {
	{ "января", 1 }, { "февраля", 2 }, { "марта", 3 }, { "апреля", 4 },
	{ "мая", 5 }, { "июня", 6 }, { "июля", 7 }, { "августа", 8 },
	{ "сентября", 9 }, { "октября", 10 }, { "ноября", 11 },
	{ "декабря", 12 },
	{ "янв", 1 }, { "фев", 2 }, { "февр", 2 }, { "мар", 3 },
	{ "апр", 4 }, { "июн", 6 }, { "июл", 7 }, { "авг", 8 },
	{ "сен", 9 }, { "сент", 9 }, { "окт", 10 }, { "ноя", 11 },
	{ "нояб", 11 }, { "дек", 12 },
	{ "january", 1 }, { "february", 2 }, { "march", 3 },
	{ "april", 4 }, { "may", 5 }, { "june", 6 }, { "july", 7 },
	{ "august", 8 }, { "september", 9 }, { "october", 10 },
	{ "november", 11 }, { "december", 12 },
	{ "jan", 1 }, { "feb", 2 }, { "mar", 3 }, { "apr", 4 },
	{ "jun", 6 }, { "jul", 7 }, { "aug", 8 }, { "sep", 9 },
	{ "sept", 9 }, { "oct", 10 }, { "nov", 11 }, { "dec", 12 },
	{ NULL, 0 }
};

/* Weekdays (0 Monday) after "до" (genitive) and "к" (dative). */
static const struct nword wdays[] = {
	{ "понедельника", 0 }, { "вторника", 1 }, { "среды", 2 },
	{ "четверга", 3 }, { "пятницы", 4 }, { "субботы", 5 },
	{ "воскресенья", 6 },
	{ "понедельнику", 0 }, { "вторнику", 1 }, { "среде", 2 },
	{ "четвергу", 3 }, { "пятнице", 4 }, { "субботе", 5 },
	{ "воскресенью", 6 },
	{ NULL, 0 }
};

/* An hour in the morning (1), afternoon (2), evening (3) or night (4). */
static const struct nword halves[] = {
	{ "утра", 1 }, { "am", 1 }, { "a.m.", 1 }, { "дня", 2 },
	{ "pm", 3 }, { "p.m.", 3 }, { "вечера", 3 }, { "ночи", 4 },
	{ NULL, 0 }
};

static int
look(const struct nword *t, const char *w)
{
	for (; t->w != NULL; t++)
		if (strcmp(t->w, w) == 0)
			return t->n;
	return NONE;
}

static int
is(const char *w, const char *a)
{
	return w != NULL && strcmp(w, a) == 0;
}

static int
any(const char *w, const char *const *l)
{
	for (; *l != NULL; l++)
		if (is(w, *l))
			return 1;
	return 0;
}

/* 1..4 digits: their value, else -1. */
static int
num(const char *s)
{
	size_t	 n = strspn(s, "0123456789");
	int	 v = 0;

	if (n < 1 || n > 4 || s[n] != '\0')
		return -1;
	for (; *s != '\0'; s++)
		v = v * 10 + (*s - '0');
	return v;
}

/* A day of the month as "15", "15-го", "15го", "15-е", "15th": 1..31, or -1. */
static int
mday(const char *s)
{
	static const char *const sfx[] = { "", "-го", "го", "-е", "-му",
	    "th", "st", "nd", "rd", NULL };
	const char *const	*x;
	size_t			 n = strspn(s, "0123456789");
	int			 v;

	if (n < 1 || n > 2)
		return -1;
	for (x = sfx; *x != NULL; x++)
		if (strcmp(s + n, *x) == 0)
			break;
	if (*x == NULL)
		return -1;
	v = (s[0] - '0') * (n == 2 ? 10 : 1) + (n == 2 ? s[1] - '0' : 0);
	return v >= 1 && v <= 31 ? v : -1;
}

/* Day d of month m nearest today (this, last or next year), or of year y. */
static int
dm(int d, int m, int y, int today)
{
	int	 ty, tm, td, i, c, best = -1;

	if (y > 0)
		return d <= crmi_mdays(y, m) ? crm_date_make(y, m, d) : -1;
	crm_date_split(today, &ty, &tm, &td);
	for (i = -1; i <= 1; i++) {
		if (d > crmi_mdays(ty + i, m))
			continue;
		c = crm_date_make(ty + i, m, d);
		if (best == -1 || abs(c - today) < abs(best - today))
			best = c;
	}
	return best;
}

/* Day d of this month, or of the next months, on or after today. */
static int
nth(int d, int today)
{
	int	 y, m, td, i;

	crm_date_split(today, &y, &m, &td);
	for (i = 0; i < 3; i++, m = m % 12 + 1, y += m == 1)
		if (d <= crmi_mdays(y, m) && (i > 0 || d >= td))
			return crm_date_make(y, m, d);
	return -1;
}

/* The next weekday wd after today (a week on, said on that day). */
static int
next_wd(int wd, int today)
{
	return today + (wd - crm_date_wday(today) + 6) % 7 + 1;
}

/* The last day of today's month; the Friday of today's week (or today). */
static int
month_end(int today)
{
	int	 y, m, d;

	crm_date_split(today, &y, &m, &d);
	return crm_date_make(y, m, crmi_mdays(y, m));
}

static int
week_end(int today)
{
	int	 fri = today - crm_date_wday(today) + 4;

	return fri < today ? today : fri;
}

/*
 * "конце недели", "конца месяца", "end of the week": a span's last day.
 * Returns the words read (at f[i]), 0 for none.
 */
static int
span_end(char *const *f, int n, int i, int today, int *day)
{
	static const char *const endw[] = { "конце", "конца", "концу",
	    NULL };
	int	 k = i, y, m, d;

	if (k + 1 < n && (is(f[k], "в") || is(f[k], "at")) &&
	    (is(f[k + 1], "конце") || is(f[k + 1], "the")))
		k++;
	if (k < n && is(f[k], "the"))
		k++;
	if (k + 1 < n && any(f[k], endw)) {
		k++;
	} else if (k + 2 < n && is(f[k], "end") && is(f[k + 1], "of")) {
		k += 2;
		if (is(f[k], "the") && k + 1 < n)
			k++;
	} else
		return 0;
	if (is(f[k], "дня") || is(f[k], "day"))
		*day = today;
	else if (is(f[k], "недели") || is(f[k], "week"))
		*day = week_end(today);
	else if (is(f[k], "месяца") || is(f[k], "month"))
		*day = month_end(today);
	else if (is(f[k], "года") || is(f[k], "year")) {
		crm_date_split(today, &y, &m, &d);
		*day = crm_date_make(y, 12, 31);
	} else
		return 0;
	return k + 1 - i;
}

/* "следующей неделе", "next week", "следующем месяце", "этой неделе". */
static int
span_word(char *const *f, int n, int i, int today, int *day)
{
	int	 y, m, d;

	if (i + 1 >= n)
		return 0;
	if ((is(f[i], "следующей") && is(f[i + 1], "неделе")) ||
	    (is(f[i], "next") && is(f[i + 1], "week"))) {
		*day = today - crm_date_wday(today) + 7;
		return 2;
	}
	if ((is(f[i], "этой") && is(f[i + 1], "неделе")) ||
	    (is(f[i], "this") && is(f[i + 1], "week"))) {
		*day = week_end(today);
		return 2;
	}
	if ((is(f[i], "следующем") && is(f[i + 1], "месяце")) ||
	    (is(f[i], "next") && is(f[i + 1], "month"))) {
		crm_date_split(today, &y, &m, &d);
		*day = crm_date_make(y + (m == 12), m % 12 + 1, 1);
		return 2;
	}
	return 0;
}

/* "15 декабря [2027 [г|года]]", "dec 15 [2027]", "15-го": read, or 0. */
static int
day_month(char *const *f, int n, int i, int today, int *day)
{
	int	 d, m, y = 0, k;

	if (i + 1 < n && is(f[i], "the") && mday(f[i + 1]) > 0)
		return (k = day_month(f, n, i + 1, today, day)) > 0 ? k + 1 : 0;
	if (i >= n)
		return 0;
	if ((d = mday(f[i])) > 0 && i + 1 < n &&
	    (m = look(months, f[i + 1])) > 0)
		k = i + 2;
	else if ((m = look(months, f[i])) > 0 && i + 1 < n &&
	    (d = mday(f[i + 1])) > 0)
		k = i + 2;
	else if ((d = mday(f[i])) > 0 && num(f[i]) == -1) {
		if ((*day = nth(d, today)) == -1)
			return 0;
		return 1;
	} else
		return 0;
	if (k < n && (y = num(f[k])) >= 2000 && y <= 2100) {
		k++;
		if (k < n && (is(f[k], "г") || is(f[k], "г.") ||
		    is(f[k], "года")))
			k++;
	} else
		y = 0;
	if ((*day = dm(d, m, y, today)) == -1)
		return 0;
	return k - i;
}

/* "через 2 дня", "через полчаса", "in two weeks": read, or 0. */
static int
later(char *const *f, int n, int i, int today, int now, struct crmi_when *w)
{
	int	 k = i + 1, c = 1, u, t;

	if (i + 1 >= n || (!is(f[i], "через") && !is(f[i], "in")))
		return 0;
	if (is(f[k], "полчаса") || (k + 2 < n && is(f[k], "half") &&
	    is(f[k + 1], "an") && is(f[k + 2], "hour"))) {
		u = 30;
		k += is(f[k], "полчаса") ? 1 : 3;
	} else {
		if ((c = num(f[k])) > 0 || (c = look(nums, f[k])) > 0)
			k++;
		else
			c = 1;
		if (k >= n || (u = look(units, f[k])) == NONE)
			return 0;
		/* "in a day" and "in day" alike; "in 2 day" too */
		k++;
	}
	if (u > 0) {
		if (now < 0)
			return 0;
		t = now + c * u;
		w->day = today + t / 1440;
		w->time = t % 1440;
	} else if (u > -1000)
		w->day = today + c * -u;
	else
		w->day = crmi_date_months(today, c * (-u / 1000));
	return k - i;
}

/*
 * A date at f[i]: a word crm_date_parse() takes alone, a weekday after
 * в/во/on/next/следующий, a day and a month, a span's end.
 */
static int
date_at(char *const *f, int n, int i, int today, int *day)
{
	static const char *const lead[] = { "в", "во", "on", "next",
	    "следующий", "следующую", "следующее", NULL };
	char	 buf[96];
	int	 k;

	if (i >= n)
		return 0;
	if ((k = day_month(f, n, i, today, day)) > 0)
		return k;
	if ((k = span_word(f, n, i, today, day)) > 0)
		return k;
	if (i + 2 < n && is(f[i], "в") &&
	    (k = span_word(f, n, i + 1, today, day)) > 0)
		return k + 1;		/* в следующем месяце */
	if ((k = span_end(f, n, i, today, day)) > 0)
		return k;
	/* 3, then 2 words: "в следующую пятницу", "в пятницу" */
	for (k = 3; k >= 2; k--) {
		if (i + k > n || !any(f[i], lead))
			continue;
		if (k == 3 && !any(f[i + 1], lead))
			continue;
		snprintf(buf, sizeof(buf), k == 3 ? "%s %s %s" : "%s %s",
		    f[i], f[i + 1], k == 3 ? f[i + 2] : "");
		if (crmi_date_word(buf, today, day) == CRM_OK)
			return k;
	}
	if (any(f[i], lead))
		return 0;
	/* a bare number is a day only with a month, a bare hour no date */
	if (num(f[i]) != -1)
		return 0;
	if (crmi_date_word(f[i], today, day) == CRM_OK)
		return 1;
	return 0;
}

/* "до пятницы", "к пятнице", "by friday", "до 15 декабря", "на завтра". */
static int
date_by(char *const *f, int n, int i, int today, int *day)
{
	static const char *const by[] = { "до", "к", "ко", "by", "на",
	    "for", "until", NULL };
	int	 k, wd;

	if (i + 1 >= n || !any(f[i], by))
		return 0;
	if ((wd = look(wdays, f[i + 1])) >= 0) {
		*day = next_wd(wd, today);
		return 2;
	}
	if ((k = date_at(f, n, i + 1, today, day)) > 0)
		return k + 1;
	return 0;
}

/* The minutes of "15", "15:30", "15.30", "15-30", "3pm", "15ч": -1 if none. */
static int
clock_of(const char *s, int dot, int *plain, int *half)
{
	char	 buf[16];
	size_t	 n;
	int	 h, m = 0, l;

	*plain = 0;
	*half = 0;
	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	l = strlen(buf);
	if (l > 2 && (strcmp(buf + l - 2, "am") == 0 ||
	    strcmp(buf + l - 2, "pm") == 0)) {
		*half = buf[l - 2] == 'a' ? 1 : 3;
		buf[l - 2] = '\0';
	} else if (l > 2 && strcmp(buf + l - 2, "ч") == 0)
		buf[l - 2] = '\0';
	n = strspn(buf, "0123456789");
	if (n < 1 || n > 2)
		return -1;
	if (buf[n] != '\0') {
		if ((buf[n] != ':' && buf[n] != '.' && !(dot &&
		    buf[n] == '-')) || strlen(buf + n + 1) != 2 ||
		    (m = num(buf + n + 1)) == -1)
			return -1;
		buf[n] = '\0';
	} else
		*plain = 1;
	h = num(buf);
	if (h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

/* An hour put in a half of the day; -1 when it cannot be in it. */
static int
in_half(int t, int half)
{
	int	 h = t / 60;

	switch (half) {
	case 1:
		return h >= 1 && h <= 12 ? t % 720 : -1;
	case 2:
		return h == 12 ? t : h >= 1 && h <= 6 ? t + 720 : -1;
	case 3:
		return h == 12 ? t : h >= 1 && h <= 11 ? t + 720 : -1;
	case 4:
		return h == 12 ? t - 720 : h <= 5 ? t : -1;
	}
	return t;
}

/*
 * A time at f[i]: [в|к|at|by] clock [час|часа|часов] [утра|дня|вечера|
 * ночи|am|pm], в полдень, noon.  bare: a plain hour with no word before
 * (right after a date).  *bad the word when it is an hour of 1..7 with
 * nothing to say morning or evening.
 */
static int
time_at(char *const *f, int n, int i, int bare, int *t, int *bad)
{
	static const char *const pre[] = { "в", "во", "к", "at", "by",
	    "около", "на", NULL };
	static const char *const hw[] = { "час", "часа", "часов", "ч",
	    "ч.", "o'clock", NULL };
	int	 k = i, p, plain, half, h, x;

	*bad = -1;
	if (k < n && any(f[k], pre))
		k++;
	if (k >= n)
		return 0;
	if (is(f[k], "полдень") || is(f[k], "noon")) {
		*t = 720;
		return k + 1 - i;
	}
	if (is(f[k], "полночь") || is(f[k], "midnight")) {
		*t = 0;
		return k + 1 - i;
	}
	if (k > i && is(f[k], "час") && k + 1 < n &&
	    look(halves, f[k + 1]) > 0) {
		p = 60;
		plain = 1;
		half = 0;
	} else if ((p = clock_of(f[k], k > i, &plain, &half)) == -1)
		return 0;
	else if (strchr(f[k], '.') != NULL &&
	    crmi_date_word(f[k], DAY_ANY, &x) == CRM_OK) {
		*bad = k;	/* в 9.05: nine o'clock, or the 9th of May? */
		return 0;
	}
	else if (is(f[i], "на") && plain)
		return 0;	/* на 10 позиций; на 15:00 is a time */
	else if (k == i && plain && !half && !bare &&
	    !any(f[k + 1 < n ? k + 1 : k],
	    hw) && (k + 1 >= n || look(halves, f[k + 1]) <= 0))
		return 0;
	h = k++;
	if (k < n && any(f[k], hw))
		k++, plain = 2;
	if (half == 0 && k < n && (x = look(halves, f[k])) > 0) {
		half = x;
		k++;
	}
	if (half != 0) {
		if ((p = in_half(p, half)) == -1) {
			*bad = h;
			return 0;
		}
	} else if (plain && p / 60 >= 1 && p / 60 <= AMBIG_MAX &&
	    p % 60 == 0) {
		*bad = h;
		return 0;
	}
	*t = p;
	return k - i;
}

int
crmi_when_at(char *const *f, int n, int i, int today, int now,
    struct crmi_when *w)
{
	int	 k, start = i, day, t, bad;

	w->day = w->time = w->bad = -1;
	while (i < n) {
		if (w->day == -1 && w->time == -1 &&
		    (k = later(f, n, i, today, now, w)) > 0) {
			i += k;
			continue;
		}
		if (w->day == -1 && ((k = date_by(f, n, i, today, &day)) > 0 ||
		    (k = date_at(f, n, i, today, &day)) > 0)) {
			w->day = day;
			i += k;
			continue;
		}
		if (w->time == -1 && (k = time_at(f, n, i, i > start &&
		    w->day != -1, &t, &bad)) > 0) {
			w->time = t;
			i += k;
			continue;
		}
		if (w->time == -1 && bad != -1)
			w->bad = bad;
		break;
	}
	return i - start;
}

int
crmi_when_odd(char *const *f, int n, int i)
{
	static const char *const pre[] = { "в", "во", "к", "at", "до",
	    "by", NULL };
	/* Said of a time or a span, but no one time or day: not guessed. */
	static const char *const vague[] = { "утром", "днем", "вечером",
	    "ночью", "начале", "середине", "течение", "каждый", "каждую",
	    "каждое", "каждые", "днях", "morning",
	    "afternoon", "evening", "tonight", "every", NULL };
	char		 head[32];
	int		 day;
	const char	*s = f[i];
	size_t		 d = strspn(s, "0123456789");

	if (any(s, vague) || (i > 0 && ((is(s, "обед") && is(f[i - 1],
	    "в")) || (is(s, "обеда") && (is(f[i - 1], "после") ||
	    is(f[i - 1], "до"))))))
		return i;
	/* завтра-послезавтра, пн-вт: two days, not one */
	if ((d = strcspn(s, "-")) > 0 && s[d] == '-' && d < sizeof(head)) {
		memcpy(head, s, d);
		head[d] = '\0';
		if (crmi_date_word(head, DAY_ANY, &day) == CRM_OK)
			return i;
	}
	d = strspn(s, "0123456789");
	if (is(s, "через"))
		return i + 1 < n ? i + 1 : i;
	if (any(s, pre) && i + 1 < n && strspn(f[i + 1], "0123456789") > 0)
		return i + 1;
	if (d > 0 && i + 1 < n && look(months, f[i + 1]) > 0)
		return i;
	if (look(wdays, s) >= 0 && i > 0 && (is(f[i - 1], "до") ||
	    is(f[i - 1], "к")))
		return i;
	/* 31.02, 25:00, 10:5: digits and a stop, but no date or time */
	if (d > 0 && d <= 4 && (s[d] == '.' || s[d] == ':'))
		return i;
	return -1;
}

/* The whole of s as a phrase: *day and *t, -1 each when not said. */
static int
whole(const char *s, int today, int now, struct crmi_when *w)
{
	char	*buf, *p, *q, *f[16];
	int	 n = 0, k;

	if (*s == ' ' || *s == '\0' || s[strlen(s) - 1] == ' ' ||
	    strstr(s, "  ") != NULL || (buf = crmi_fold(s)) == NULL)
		return -1;
	for (q = buf; (p = strsep(&q, " ")) != NULL && n < 16;)
		if (*p != '\0')
			f[n++] = p;
	k = n > 0 && p == NULL ? crmi_when_at(f, n, 0, today, now, w) : -1;
	free(buf);
	return k == n ? 0 : -1;
}

int
crmi_when_date(const char *s, int today, int *day)
{
	struct crmi_when	 w;

	if (whole(s, today, -1, &w) == -1 || w.day == -1 || w.time != -1)
		return CRM_EINVAL;
	*day = w.day;
	return CRM_OK;
}

int
crmi_when_time(const char *s, int *t)
{
	struct crmi_when	 w;

	if (whole(s, 0, -1, &w) == -1 || w.time == -1 || w.day != -1)
		return CRM_EINVAL;
	*t = w.time;
	return CRM_OK;
}

int
crm_when_parse(const char *s, int today, int *day, int *min)
{
	struct crmi_when	 w;

	if (s == NULL || whole(s, today, -1, &w) == -1 ||
	    (w.day == -1 && w.time == -1))
		return CRM_EINVAL;
	*day = w.day;
	*min = w.time;
	return CRM_OK;
}

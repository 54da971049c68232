/*
 * fuzz-date.c: a libFuzzer target for the date, time and period parsers
 * (lib/date.c).  Beyond not crashing, it checks what must always hold:
 * a strict ISO date formats back to itself, a parsed date lies within
 * the dates crm takes (2000..2100), and a period never ends before it
 * starts.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_date(const char *s, int today)
{
	char	 buf[11];
	int	 day, back, y, m, d;

	if (crm_date_iso(s, &day) == CRM_OK) {
		crm_date_fmt(day, buf);
		if (strcmp(buf, s) != 0)
			abort();
	}
	if (crm_date_parse(s, today, &day) == CRM_OK) {
		crm_date_split(day, &y, &m, &d);
		if (y < 2000 || y > 2100 || crm_date_make(y, m, d) != day)
			abort();
		crm_date_fmt(day, buf);
		if (crm_date_iso(buf, &back) != CRM_OK || back != day)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;
	int	 today, from, to, min;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	today = crm_date_make(2026, 11, 26);
	check_date(s, today);
	check_date(s, crm_date_make(9999, 12, 31));
	if (crm_time_parse(s, &min) == CRM_OK && (min < 0 || min >= 1440))
		abort();
	if (crm_period_parse(s, today, &from, &to) == CRM_OK && from > to)
		abort();
	(void)crm_inn_valid(s);
	free(s);
	return 0;
}

/*
 * fuzz-money.c: a libFuzzer target for crm_money_parse() and
 * crm_money_fmt() (lib/money.c).  Whatever parses must format and parse
 * back to the same kopecks; any eight bytes must format without harm.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s, buf[32], small[8];
	int64_t	 k, back;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (crm_money_parse(s, &k) == CRM_OK) {
		crm_money_fmt(k, buf, sizeof(buf));
		if (crm_money_parse(buf, &back) != CRM_OK || back != k)
			abort();
		crm_money_fmt(k, small, sizeof(small));
		if (strncmp(small, buf, sizeof(small) - 1) != 0)
			abort();
	}
	if (size >= sizeof(k)) {
		memcpy(&k, data, sizeof(k));
		crm_money_fmt(k, buf, sizeof(buf));
		if (strlen(buf) > 26)
			abort();
	}
	free(s);
	return 0;
}

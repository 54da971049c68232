/*
 * fuzz-escape.c: a libFuzzer target for the output escaping.  Whatever
 * bytes a title holds, the escaped text must hold no control character,
 * no bidi control and no invalid UTF-8, must undo to the same bytes, and
 * the JSON string must hold no raw control character either.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *e, *j;
	const char	*p;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if ((e = crm_escape(s)) == NULL || (j = crm_json_str(s)) == NULL)
		abort();
	if (!crm_text_valid(e, 0) || strchr(e, '\t') != NULL ||
	    strstr(e, "\xe2\x80\xae") != NULL)
		abort();
	for (p = j; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			abort();
	if (crm_unescape(e) != 0 || strcmp(e, s) != 0)
		abort();
	crm_width(s);
	free(j);
	free(e);
	free(s);
	return 0;
}

/*
 * fuzz-tsv.c: a libFuzzer target for crm_tsv_split().  Any line must
 * split without a crash or undefined behaviour, into no more fields than
 * asked, each inside the line.
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c99 \
 *	    -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib \
 *	    `pkg-config --cflags libbsd-overlay` tests/fuzz/fuzz-tsv.c \
 *	    lib/input.c lib/text.c `pkg-config --libs libbsd-overlay` \
 *	    -o fuzz-tsv
 *	./fuzz-tsv -max_total_time=20 tests/fuzz/corpus/tsv
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

#define MAXF	8

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*line, *f[MAXF];
	size_t	 len;
	int	 n, i, max;

	if ((line = malloc(size + 1)) == NULL)
		return 0;
	memcpy(line, data, size);
	line[size] = '\0';
	len = strlen(line);
	max = size > 0 ? data[0] % (MAXF + 1) : MAXF;
	n = crm_tsv_split(line, f, max);
	if (n < -1 || n > max)
		abort();
	for (i = 0; i < n; i++)
		if (f[i] < line || f[i] + strlen(f[i]) > line + len)
			abort();
	free(line);
	return 0;
}

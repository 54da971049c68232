/*
 * fuzz-csv.c: a libFuzzer target for the CSV reader.  Any bytes must
 * read to the end or to an error without a crash, a leak or undefined
 * behaviour; and what was read, written back with crm_csv_put(), must
 * read back the same.
 *
 *	clang -g -O1 -fsanitize=fuzzer,address,undefined -std=c99 \
 *	    -D_DEFAULT_SOURCE -D_GNU_SOURCE -Ilib \
 *	    `pkg-config --cflags libbsd-overlay` tests/fuzz/fuzz-csv.c \
 *	    lib/input.c lib/text.c `pkg-config --libs libbsd-overlay` \
 *	    -o fuzz-csv
 *	./fuzz-csv -max_total_time=20 tests/fuzz/corpus/csv
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);
/* text.c, as crm_int.h declares it (this file builds without it). */
unsigned int crmi_invisible_in(const char *);

/* Read fp to the end, writing each record to out (may be NULL). */
static int
readall(FILE *fp, FILE *out)
{
	struct crm_csv	 *c;
	char		**f;
	size_t		  n, i;
	int		  rc;

	if ((c = crm_csv_open(fp)) == NULL)
		return -1;
	while ((rc = crm_csv_next(c, &f, &n)) == CRM_OK && f != NULL) {
		if (n == 0 || crm_csv_line(c) < 1)
			abort();
		for (i = 0; out != NULL && i < n; i++)
			crm_csv_put(out, f[i], i == 0);
		if (out != NULL)
			crm_csv_end(out);
	}
	if (rc != CRM_OK && crm_csv_error(c)[0] == '\0')
		abort();
	crm_csv_close(c);
	return rc;
}

/* Read a and b in step; every record must be the same. */
static void
compare(FILE *a, FILE *b)
{
	struct crm_csv	 *ca, *cb;
	char		**fa, **fb;
	size_t		  na, nb, i;

	ca = crm_csv_open(a);
	cb = crm_csv_open(b);
	if (ca == NULL || cb == NULL)
		abort();
	do {
		if (crm_csv_next(ca, &fa, &na) != CRM_OK ||
		    crm_csv_next(cb, &fb, &nb) != CRM_OK || na != nb)
			abort();
		/* Invisible characters are written escaped (crm-export(1)):
		 * such a field comes back with none. */
		for (i = 0; i < na; i++)
			if (crmi_invisible_in(fa[i]) != 0 ?
			    crmi_invisible_in(fb[i]) != 0 :
			    strcmp(fa[i], fb[i]) != 0)
				abort();
	} while (fa != NULL);
	crm_csv_close(ca);
	crm_csv_close(cb);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FILE	*fp, *out, *back;
	char	*copy, *buf = NULL;
	size_t	 sz;

	if (size == 0 || (copy = malloc(size)) == NULL)
		return 0;
	memcpy(copy, data, size);
	if ((fp = fmemopen(copy, size, "r")) == NULL ||
	    (out = open_memstream(&buf, &sz)) == NULL)
		abort();
	if (readall(fp, out) == CRM_OK) {
		fclose(out);
		rewind(fp);
		if ((back = fmemopen(buf, sz == 0 ? 1 : sz, "r")) == NULL)
			abort();
		if (sz > 0)
			compare(fp, back);
		fclose(back);
	} else
		fclose(out);
	fclose(fp);
	free(buf);
	free(copy);
	return 0;
}

/*
 * t-sha256.c: the audit chain's SHA-256 (lib/sha256.c) against libmd's,
 * on both paths (the SHA instructions where the processor has them, and
 * libmd's block function), for every length from 0 to 300 bytes (the
 * edges of one, two and more blocks, and of the padding's own block),
 * in one piece and fed in uneven parts; and the standard's own vectors.
 */
#include <sys/types.h>

#include <sha2.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "crm_int.h"
#include "tap.h"

static uint8_t	 data[300];

/* Whether both ways of hashing the first len bytes give libmd's. */
static int
same(size_t len)
{
	struct crmi_sha256	 c;
	char			 want[SHA256_DIGEST_STRING_LENGTH];
	char			 one[65], parts[65];
	size_t			 i, k;

	SHA256Data(data, len, want);
	crmi_sha256(data, len, one);
	crmi_sha256_init(&c);
	for (i = 0, k = 1; i < len; i += k, k = k * 3 % 71 + 1)
		crmi_sha256_update(&c, data + i, k < len - i ? k : len - i);
	crmi_sha256_end(&c, parts);
	if (strcmp(one, want) != 0 || strcmp(parts, want) != 0) {
		printf("# length %zu: %s, %s; libmd %s\n", len, one, parts,
		    want);
		return 0;
	}
	return 1;
}

static void
lengths(const char *path)
{
	size_t	 n;
	int	 bad = 0;

	for (n = 0; n <= sizeof(data); n++)
		bad += !same(n);
	ok(bad == 0, "%s: libmd's digest for lengths 0 to %zu", path,
	    sizeof(data));
}

int
main(void)
{
	char	 h[65];
	size_t	 i;
	uint32_t x = 2463534242u;

	for (i = 0; i < sizeof(data); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		data[i] = (uint8_t)x;
	}
	crmi_sha256("abc", 3, h);
	is_str(h, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad", "FIPS 180-2: abc");
	crmi_sha256("", 0, h);
	is_str(h, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855", "the empty text");
	crmi_sha256_path(0);
	lengths("the quickest path");
	crmi_sha256_path(1);
	lengths("libmd's block function");
	crmi_sha256_path(0);
	printf("1..%d\n", tap_n);
	return tap_fail != 0;
}

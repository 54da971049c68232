/*
 * t-sha.c: crmi_sha (sha.c), by the processor's SHA instructions where
 * it has them, gives libmd's digests: for every length from 0 to 300
 * bytes, which crosses the padding's edges (55, 56, 63, 64 ...), fed
 * whole and in pieces of every size from 1 to 70, and for a megabyte;
 * and the known digests of FIPS 180-2's examples.
 */
#include <sha2.h>
#include <stdio.h>
#include <string.h>

#include "crm_int.h"
#include "tap.h"

static unsigned char	 buf[1 << 20];

/* crmi_sha over buf[0..len) fed in pieces of step bytes. */
static void
pieces(size_t len, size_t step, char out[SHA256_DIGEST_STRING_LENGTH])
{
	struct crmi_sha	 c;
	size_t		 i, k;

	crmi_sha_init(&c);
	for (i = 0; i < len; i += k) {
		k = len - i < step ? len - i : step;
		crmi_sha_update(&c, buf + i, k);
	}
	crmi_sha_end(&c, out);
}

int
main(void)
{
	char		 a[SHA256_DIGEST_STRING_LENGTH];
	char		 b[SHA256_DIGEST_STRING_LENGTH];
	size_t		 len, step, i;
	uint32_t	 x = 2463534242u;
	int		 bad = 0, badp = 0;

	for (i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	crmi_sha_data("abc", 3, a);
	is_str(a, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	    "FIPS 180-2: abc");
	crmi_sha_data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
	    56, a);
	is_str(a, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
	    "FIPS 180-2: the 56 bytes");
	crmi_sha_data("", 0, a);
	is_str(a, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
	    "nothing");
	for (len = 0; len <= 300; len++) {
		SHA256Data(buf, len, b);
		crmi_sha_data(buf, len, a);
		bad += strcmp(a, b) != 0;
		for (step = 1; step <= 70; step++) {
			pieces(len, step, a);
			badp += strcmp(a, b) != 0;
		}
	}
	is_int(bad, 0, "0 to 300 bytes: libmd's digest");
	is_int(badp, 0, "the same fed in pieces of 1 to 70 bytes");
	SHA256Data(buf, sizeof(buf), b);
	pieces(sizeof(buf), 4093, a);
	is_str(a, b, "a megabyte");
	done_testing();
}

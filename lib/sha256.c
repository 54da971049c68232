/*
 * sha256.c: the audit chain's SHA-256, with the processor's SHA
 * instructions where it has them (x86's SHA extensions), and libmd's
 * block function where it has not.  The digest is SHA-256's whatever
 * the path: tests/unit/t-sha256.c compares both with libmd's on inputs
 * of every length around the blocks' edges.  A batch of task-add hashes
 * two entries a task, some 35,000 instructions of libmd's a task.
 */
#include <sys/types.h>

#include <sha2.h>
#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define CRMI_SHA_X86 1
#endif

#include "crm_int.h"

static void	 block_md(uint32_t *, const uint8_t *);
static void	(*block)(uint32_t *, const uint8_t *);

/* libmd's own, one block. */
static void
block_md(uint32_t *h, const uint8_t *p)
{
	SHA256Transform(h, p);
}

#ifdef CRMI_SHA_X86
static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b,
	0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
	0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7,
	0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
	0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152,
	0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
	0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
	0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
	0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f,
	0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
};

/*
 * One block with the SHA instructions.  They keep the eight words as
 * two vectors, (a, b, e, f) and (c, d, g, h), highest lane first, and
 * run two rounds an instruction; the schedule makes four words at a
 * time from the four before (msg1, msg2).
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void
block_ni(uint32_t *h, const uint8_t *p)
{
	const __m128i	 swap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
	    0x0405060700010203ULL);
	__m128i		 abef, cdgh, abef0, cdgh0, t, m, w[16];
	int		 i;

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)h), 0xb1);
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)(h + 4)),
	    0x1b);
	abef = _mm_alignr_epi8(t, cdgh, 8);
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);
	abef0 = abef;
	cdgh0 = cdgh;
	for (i = 0; i < 16; i++) {
		if (i < 4)
			w[i] = _mm_shuffle_epi8(_mm_loadu_si128(
			    (const __m128i *)(p + 16 * i)), swap);
		else
			w[i] = _mm_sha256msg2_epu32(_mm_add_epi32(
			    _mm_sha256msg1_epu32(w[i - 4], w[i - 3]),
			    _mm_alignr_epi8(w[i - 1], w[i - 2], 4)), w[i - 1]);
		m = _mm_add_epi32(w[i], _mm_loadu_si128((const __m128i *)
		    (K + 4 * i)));
		cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
		abef = _mm_sha256rnds2_epu32(abef, cdgh,
		    _mm_shuffle_epi32(m, 0x0e));
	}
	abef = _mm_add_epi32(abef, abef0);
	cdgh = _mm_add_epi32(cdgh, cdgh0);
	t = _mm_shuffle_epi32(abef, 0x1b);
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);
	_mm_storeu_si128((__m128i *)h, _mm_blend_epi16(t, cdgh, 0xf0));
	_mm_storeu_si128((__m128i *)(h + 4), _mm_alignr_epi8(cdgh, t, 8));
}

/* Whether the processor has the SHA instructions and SSE4.1. */
static int
has_ni(void)
{
	unsigned int	 a, b, c, d;

	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1) ||
	    !(c & bit_SSSE3))
		return 0;
	if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
		return 0;
	return (b & (1u << 29)) != 0;
}
#endif

void
crmi_sha256_path(int md)
{
	block = block_md;
#ifdef CRMI_SHA_X86
	if (!md && has_ni())
		block = block_ni;
#endif
}

void
crmi_sha256_init(struct crmi_sha256 *c)
{
	static const uint32_t	 iv[8] = { 0x6a09e667, 0xbb67ae85,
	    0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab,
	    0x5be0cd19 };

	if (block == NULL)
		crmi_sha256_path(0);
	memcpy(c->h, iv, sizeof(iv));
	c->len = 0;
	c->n = 0;
}

void
crmi_sha256_update(struct crmi_sha256 *c, const void *data, size_t len)
{
	const uint8_t	*p = data;
	size_t		 k;

	c->len += len;
	if (c->n > 0) {
		k = 64 - c->n < len ? 64 - c->n : len;
		memcpy(c->buf + c->n, p, k);
		c->n += k;
		p += k;
		len -= k;
		if (c->n < 64)
			return;
		block(c->h, c->buf);
		c->n = 0;
	}
	for (; len >= 64; p += 64, len -= 64)
		block(c->h, p);
	memcpy(c->buf, p, len);
	c->n = len;
}

void
crmi_sha256_end(struct crmi_sha256 *c, char out[65])
{
	static const char	 hex[] = "0123456789abcdef";
	uint64_t		 bits = c->len * 8;
	int			 i;

	c->buf[c->n++] = 0x80;
	if (c->n > 56) {
		memset(c->buf + c->n, 0, 64 - c->n);
		block(c->h, c->buf);
		c->n = 0;
	}
	memset(c->buf + c->n, 0, 56 - c->n);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	block(c->h, c->buf);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[c->h[i / 4] >> (28 - 8 * (i % 4)) & 0xf];
		out[2 * i + 1] = hex[c->h[i / 4] >> (24 - 8 * (i % 4)) & 0xf];
	}
	out[64] = '\0';
}

void
crmi_sha256(const void *data, size_t len, char out[65])
{
	struct crmi_sha256	 c;

	crmi_sha256_init(&c);
	crmi_sha256_update(&c, data, len);
	crmi_sha256_end(&c, out);
}

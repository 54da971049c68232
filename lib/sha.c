/*
 * sha.c: SHA-256 for the audit chain (audit.c).  Every change hashes its
 * whole record twice, and a batch or an import of a million records
 * spends a third of its time there with libmd's portable code.  Where
 * the processor has the SHA extensions (x86-64: sha_ni) the blocks go
 * through them, several times faster; elsewhere libmd does the whole
 * hash as before.  Either way it is SHA-256 (FIPS 180-4): the same
 * digests, which tests/unit/t-sha.c checks against libmd.
 */
#include <sha2.h>
#include <stdint.h>
#include <string.h>

#include "crm_int.h"

#if defined(__x86_64__) && defined(__GNUC__)
#include <cpuid.h>
#include <immintrin.h>

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

/* n blocks of 64 bytes into the state, by the SHA extensions. */
__attribute__((target("sha,sse4.1")))
static void
blocks_ni(uint32_t st[8], const uint8_t *p, size_t n)
{
	const __m128i	 mask = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 s0, s1, t, m, w[4], save0, save1;
	int		 g;

	/* The state as the instructions want it: ABEF and CDGH. */
	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[0]),
	    0xb1);
	s1 = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&st[4]),
	    0x1b);
	s0 = _mm_alignr_epi8(t, s1, 8);
	s1 = _mm_blend_epi16(s1, t, 0xf0);
	for (; n > 0; n--, p += 64) {
		save0 = s0;
		save1 = s1;
		for (g = 0; g < 16; g++) {
			/* Four words of the schedule, then four rounds. */
			if (g < 4)
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128(
				    (const __m128i *)(p + 16 * g)), mask);
			else
				w[g % 4] = _mm_sha256msg2_epu32(_mm_add_epi32(
				    _mm_sha256msg1_epu32(w[g % 4],
				    w[(g + 1) % 4]), _mm_alignr_epi8(
				    w[(g + 3) % 4], w[(g + 2) % 4], 4)),
				    w[(g + 3) % 4]);
			m = _mm_add_epi32(w[g % 4],
			    _mm_loadu_si128((const __m128i *)&K[4 * g]));
			s1 = _mm_sha256rnds2_epu32(s1, s0, m);
			s0 = _mm_sha256rnds2_epu32(s0, s1,
			    _mm_shuffle_epi32(m, 0x0e));
		}
		s0 = _mm_add_epi32(s0, save0);
		s1 = _mm_add_epi32(s1, save1);
	}
	t = _mm_shuffle_epi32(s0, 0x1b);
	s1 = _mm_shuffle_epi32(s1, 0xb1);
	s0 = _mm_blend_epi16(t, s1, 0xf0);
	s1 = _mm_alignr_epi8(s1, t, 8);
	_mm_storeu_si128((__m128i *)&st[0], s0);
	_mm_storeu_si128((__m128i *)&st[4], s1);
}

static int
have_ni(void)
{
	static int	 ni = -1;

	unsigned int	 a, b, c, d;

	/* CPUID: SSE4.1 is leaf 1's ECX bit 19, SHA leaf 7's EBX bit 29. */
	if (ni == -1)
		ni = __get_cpuid(1, &a, &b, &c, &d) && (c & 1u << 19) &&
		    __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b & 1u << 29);
	return ni;
}
#else
static void
blocks_ni(uint32_t st[8], const uint8_t *p, size_t n)
{
	(void)st;
	(void)p;
	(void)n;
}

static int
have_ni(void)
{
	return 0;
}
#endif

void
crmi_sha_init(struct crmi_sha *c)
{
	static const uint32_t	 h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
	};

	memset(c, 0, sizeof(*c));
	if ((c->ni = have_ni()) == 0)
		SHA256Init(&c->md);
	else
		memcpy(c->h, h0, sizeof(c->h));
}

void
crmi_sha_update(struct crmi_sha *c, const void *data, size_t len)
{
	const uint8_t	*p = data;
	size_t		 k;

	if (!c->ni) {
		SHA256Update(&c->md, p, len);
		return;
	}
	c->bytes += len;
	if (c->nbuf > 0) {
		k = 64 - c->nbuf < len ? 64 - c->nbuf : len;
		memcpy(c->buf + c->nbuf, p, k);
		c->nbuf += k;
		p += k;
		len -= k;
		if (c->nbuf < 64)
			return;
		blocks_ni(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	if (len >= 64) {
		blocks_ni(c->h, p, len / 64);
		p += len / 64 * 64;
		len %= 64;
	}
	memcpy(c->buf, p, len);
	c->nbuf = len;
}

void
crmi_sha_end(struct crmi_sha *c, char *out)
{
	static const char	 hex[] = "0123456789abcdef";
	uint64_t		 bits;
	int			 i;

	if (!c->ni) {
		SHA256End(&c->md, out);
		return;
	}
	bits = c->bytes * 8;
	c->buf[c->nbuf++] = 0x80;
	if (c->nbuf > 56) {
		memset(c->buf + c->nbuf, 0, 64 - c->nbuf);
		blocks_ni(c->h, c->buf, 1);
		c->nbuf = 0;
	}
	memset(c->buf + c->nbuf, 0, 56 - c->nbuf);
	for (i = 0; i < 8; i++)
		c->buf[56 + i] = (uint8_t)(bits >> (56 - 8 * i));
	blocks_ni(c->h, c->buf, 1);
	for (i = 0; i < 32; i++) {
		out[2 * i] = hex[(c->h[i / 4] >> (28 - 8 * (i % 4))) & 0xf];
		out[2 * i + 1] = hex[(c->h[i / 4] >> (24 - 8 * (i % 4))) & 0xf];
	}
	out[64] = '\0';
}

void
crmi_sha_data(const void *data, size_t len,
    char *out)
{
	struct crmi_sha	 c;

	crmi_sha_init(&c);
	crmi_sha_update(&c, data, len);
	crmi_sha_end(&c, out);
}

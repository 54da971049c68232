/*
 * money.c: sums of money as people in Russia write them ("1 234 567,89")
 * and as programs do ("1234567.89"), kept as an int64_t count of kopecks.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crm.h"

#define RUB_MAX	1000000000000000LL	/* 10^15 rubles */
#define KOP_MAX	(RUB_MAX * 100)		/* 10^17 kopecks */

static int
isdig(char c)
{

	return c >= '0' && c <= '9';
}

/*
 * The length of the thousands separator at s: an ASCII space, a no-break
 * space (U+00A0) or a narrow no-break space (U+202F); 0 when none.
 */
static size_t
sep(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;

	if (p[0] == ' ')
		return 1;
	if (p[0] == 0xc2 && p[1] == 0xa0)
		return 2;
	if (p[0] == 0xe2 && p[1] == 0x80 && p[2] == 0xaf)
		return 3;
	return 0;
}

/*
 * The rubles at *sp: digits, or groups of three digits after a first
 * group of one to three, joined by single separators.  Moves *sp past
 * them.  Returns 0, or -1 when malformed or above RUB_MAX.
 */
static int
rubles(const char **sp, int64_t *rub)
{
	const char	*s = *sp;
	size_t		 n, len;
	int		 first = 1;

	*rub = 0;
	for (;;) {
		for (n = 0; isdig(*s); n++, s++) {
			*rub = *rub * 10 + (*s - '0');
			if (*rub > RUB_MAX)
				return -1;
		}
		if (n == 0 || (!first && n != 3))
			return -1;
		if ((len = sep(s)) == 0)
			break;
		if (first && n > 3)
			return -1;
		first = 0;
		s += len;
	}
	*sp = s;
	return 0;
}

/* The kopecks after a decimal separator at s: one or two digits, the end. */
static int
kopecks(const char *s, int64_t *kop)
{

	*kop = 0;
	if (*s == '\0')
		return 0;
	if (*s != ',' && *s != '.')
		return -1;
	s++;
	if (!isdig(s[0]))
		return -1;
	*kop = (s[0] - '0') * 10;
	if (s[1] == '\0')
		return 0;
	if (!isdig(s[1]) || s[2] != '\0')
		return -1;
	*kop += s[1] - '0';
	return 0;
}

/*
 * Parse a sum of money: an optional '-', rubles as digits, optionally
 * grouped in threes by single spaces (ASCII, U+00A0 or U+202F: "1 234
 * 567"), then optionally ',' or '.' and one or two digits of kopecks
 * ("12,5" is 12 rubles 50).  Nothing before or after; at most 10^17
 * kopecks either way.  Returns CRM_OK with *kop set, or CRM_EINVAL.
 */
int
crm_money_parse(const char *s, int64_t *kop)
{
	int64_t	 rub, k;
	int	 neg;

	if (s == NULL)
		return CRM_EINVAL;
	if ((neg = *s == '-'))
		s++;
	if (rubles(&s, &rub) == -1 || kopecks(s, &k) == -1)
		return CRM_EINVAL;
	k += rub * 100;
	if (k > KOP_MAX)
		return CRM_EINVAL;
	*kop = neg ? -k : k;
	return CRM_OK;
}

/*
 * Write kopecks as "1 234 567,89": ASCII spaces between thousands, a
 * comma, always two decimals, a leading '-' when negative.  Any int64_t
 * value works.  Truncates to fit buf of sz bytes, always NUL-terminated
 * when sz > 0; 28 bytes always suffice.
 */
void
crm_money_fmt(int64_t kop, char *buf, size_t sz)
{
	char		 tmp[32], *p = tmp + sizeof(tmp);
	uint64_t	 u;
	int		 n;

	if (buf == NULL || sz == 0)
		return;
	u = kop < 0 ? (uint64_t)-(kop + 1) + 1 : (uint64_t)kop;
	*--p = '\0';
	*--p = '0' + u % 10;
	u /= 10;
	*--p = '0' + u % 10;
	u /= 10;
	*--p = ',';
	for (n = 0; n == 0 || u != 0; n++, u /= 10) {
		if (n > 0 && n % 3 == 0)
			*--p = ' ';
		*--p = '0' + u % 10;
	}
	if (kop < 0)
		*--p = '-';
	(void)strlcpy(buf, p, sz);
}

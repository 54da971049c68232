/*
 * text.c: UTF-8 text as the tools see it: what is valid input, how free
 * text is escaped so that it can break neither a TSV line nor a terminal,
 * how wide it is on a terminal, and growing strings with JSON.
 *
 * Nothing here depends on the locale: a cron job runs in the C locale and
 * must still write Cyrillic correctly.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

size_t
crmi_utf8_dec(const unsigned char *s, unsigned int *cp)
{
	unsigned int	 c = s[0], min;
	size_t		 n, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4; c &= 0x07; min = 0x10000;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
crmi_is_bidi(unsigned int c)
{
	return c == 0x061c || c == 0x200e || c == 0x200f ||
	    (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/*
 * What shows nothing or moves what follows: the bidirectional controls,
 * zero-width characters, the line and paragraph separators, the byte
 * order mark, and noncharacters (U+FDD0-U+FDEF, U+xFFFE, U+xFFFF).
 */
int
crmi_is_invisible(unsigned int c)
{
	return crmi_is_bidi(c) || (c >= 0x200b && c <= 0x200f) ||
	    c == 0x2028 || c == 0x2029 || (c >= 0x2060 && c <= 0x2064) ||
	    c == 0xfeff || (c >= 0xfdd0 && c <= 0xfdef) ||
	    (c & 0xfffe) == 0xfffe;
}

void
crmi_nbsp_space(char *s)
{
	char	*w = s;

	for (; *s != '\0'; s++)
		if (s[0] == '\xc2' && s[1] == '\xa0') {
			*w++ = ' ';
			s++;
		} else
			*w++ = *s;
	*w = '\0';
}

/* The first invisible character of s (crmi_is_invisible), or 0. */
unsigned int
crmi_invisible_in(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n;

	for (; *p != '\0'; p += n)
		if ((n = crmi_utf8_dec(p, &c)) == 0)
			n = 1;
		else if (crmi_is_invisible(c))
			return c;
	return 0;
}

static int
is_control(unsigned int c)
{
	return c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
}

int
crm_text_valid(const char *s, int nl)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n;

	while (*p != '\0') {
		if ((n = crmi_utf8_dec(p, &c)) == 0)
			return 0;
		if (is_control(c) && c != '\t' && !(nl && c == '\n'))
			return 0;
		p += n;
	}
	return 1;
}

static void
put_octal(struct crmi_buf *b, const unsigned char *p, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		crmi_buf_addf(b, "\\%03o", p[i]);
}

/*
 * The length of the character at p when it passes output as it is, or 0
 * when it must be escaped.  Latin and Cyrillic, nearly all of our text,
 * are told without decoding.
 */
static size_t
plain(const unsigned char *p)
{
	unsigned int	 c;
	size_t		 n;

	if (p[0] < 0x80)
		return p[0] >= 0x20 && p[0] < 0x7f && p[0] != '\\';
	if (p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80)
		return (p[0] == 0xc2 && p[1] < 0xa0) ||
		    (p[0] == 0xd8 && p[1] == 0x9c) ? 0 : 2;
	if ((n = crmi_utf8_dec(p, &c)) == 0 || is_control(c) ||
	    crmi_is_invisible(c))
		return 0;
	return n;
}

int
crmi_plain(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n;

	for (; *p != '\0'; p += n)
		if ((n = plain(p)) == 0)
			return 0;
	return 1;
}

char *
crm_escape(const char *s)
{
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	const unsigned char	*p = (const unsigned char *)s, *run;
	unsigned int		 c;
	size_t			 n;

	crmi_buf_add(&b, "");
	/* What passes as it is goes in runs, one copy each. */
	for (run = p; p != NULL && *p != '\0'; p += n) {
		if ((n = plain(p)) != 0)
			continue;
		n = crmi_utf8_dec(p, &c);
		crmi_buf_addn(&b, (const char *)run, (size_t)(p - run));
		if (n == 0) {
			put_octal(&b, p, 1);
			n = 1;
		} else if (c == '\t')
			crmi_buf_add(&b, "\\t");
		else if (c == '\n')
			crmi_buf_add(&b, "\\n");
		else if (c == '\r')
			crmi_buf_add(&b, "\\r");
		else if (c == '\\')
			crmi_buf_add(&b, "\\\\");
		else
			put_octal(&b, p, n);
		run = p + n;
	}
	if (p != NULL)
		crmi_buf_addn(&b, (const char *)run, (size_t)(p - run));
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

char *
crm_join(int argc, char *const argv[])
{
	size_t	 len = 1, n;
	int	 i;
	char	*s, *p;

	for (i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	if ((s = p = malloc(len)) == NULL)
		return NULL;
	for (i = 0; i < argc; i++) {
		if (i > 0)
			*p++ = ' ';
		n = strlen(argv[i]);
		memcpy(p, argv[i], n);
		p += n;
	}
	*p = '\0';
	return s;
}

int
crm_unescape(char *s)
{
	char	*w = s;
	int	 v;

	for (; *s != '\0'; s++) {
		if (*s != '\\') {
			*w++ = *s;
			continue;
		}
		s++;
		if (*s == 't')
			*w++ = '\t';
		else if (*s == 'n')
			*w++ = '\n';
		else if (*s == 'r')
			*w++ = '\r';
		else if (*s == '\\')
			*w++ = '\\';
		else if (s[0] >= '0' && s[0] <= '3' && s[1] >= '0' &&
		    s[1] <= '7' && s[2] >= '0' && s[2] <= '7') {
			v = (s[0] - '0') * 64 + (s[1] - '0') * 8 + s[2] - '0';
			if (v == 0)
				return -1;
			*w++ = (char)v;
			s += 2;
		} else
			return -1;
	}
	*w = '\0';
	return 0;
}

/* s as a JSON string, quoted, appended to b; plain text in runs. */
static void
json_put(struct crmi_buf *b, const char *s)
{
	const unsigned char	*p = (const unsigned char *)s, *run;
	unsigned int		 c;
	size_t			 n;

	crmi_buf_add(b, "\"");
	for (run = p; p != NULL && *p != '\0'; p += n) {
		if ((n = plain(p)) != 0 && *p != '"')
			continue;
		crmi_buf_addn(b, (const char *)run, (size_t)(p - run));
		if ((n = crmi_utf8_dec(p, &c)) == 0) {
			crmi_buf_add(b, "\\ufffd");
			n = 1;
		} else if (c == '"')
			crmi_buf_add(b, "\\\"");
		else if (c == '\\')
			crmi_buf_add(b, "\\\\");
		else if (c == '\n')
			crmi_buf_add(b, "\\n");
		else if (c == '\t')
			crmi_buf_add(b, "\\t");
		else
			crmi_buf_addf(b, "\\u%04x", c);
		run = p + n;
	}
	if (p != NULL)
		crmi_buf_addn(b, (const char *)run, (size_t)(p - run));
	crmi_buf_add(b, "\"");
}

char *
crm_json_str(const char *s)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };

	json_put(&b, s);
	if (b.oom) {
		free(b.s);
		return NULL;
	}
	return b.s;
}

/* Zero-width: combining marks and format characters. */
static int
is_zero_width(unsigned int c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x0483 && c <= 0x0489) ||
	    (c >= 0x0591 && c <= 0x05bd) || (c >= 0x0610 && c <= 0x061a) ||
	    (c >= 0x064b && c <= 0x065f) || (c >= 0x200b && c <= 0x200f) ||
	    (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe00 && c <= 0xfe0f) ||
	    c == 0xfeff;
}

/* East Asian wide and fullwidth characters, emoji. */
static int
is_wide(unsigned int c)
{
	return (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0x303e) ||
	    (c >= 0x3041 && c <= 0x33ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa000 && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
	    (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1f64f) ||
	    (c >= 0x1f900 && c <= 0x1f9ff) || (c >= 0x20000 && c <= 0x3fffd);
}

size_t
crm_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n, w = 0;

	while (p != NULL && *p != '\0') {
		if ((n = crmi_utf8_dec(p, &c)) == 0) {
			w++;
			p++;
			continue;
		}
		if (is_wide(c))
			w += 2;
		else if (!is_zero_width(c))
			w++;
		p += n;
	}
	return w;
}

/* Lower case for Latin and Cyrillic; ё folds to е for searching. */
unsigned int
crmi_fold_cp(unsigned int c)
{
	if (c >= 'A' && c <= 'Z')
		return c + 32;
	if (c >= 0x0410 && c <= 0x042f)
		return c + 32;
	if (c == 0x0401 || c == 0x0451)
		return 0x0435;
	if (c >= 0x0400 && c <= 0x040f)
		return c + 80;
	return c;
}

size_t
crmi_utf8_enc(char *o, unsigned int c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xc0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3f));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xe0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		o[2] = (char)(0x80 | (c & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3f));
	o[3] = (char)(0x80 | (c & 0x3f));
	return 4;
}

char *
crmi_fold(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	unsigned int		 c;
	size_t			 n;
	char			*out, *o;

	/* A folded letter is never longer than the letter: one malloc. */
	if ((out = o = malloc(s != NULL ? strlen(s) + 1 : 1)) == NULL)
		return NULL;
	while (p != NULL && *p != '\0') {
		if (*p < 0x80) {
			*o++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
			p++;
		} else if ((n = crmi_utf8_dec(p, &c)) == 0)
			p++;
		else {
			o += crmi_utf8_enc(o, crmi_fold_cp(c));
			p += n;
		}
	}
	*o = '\0';
	return out;
}

void
crmi_buf_addn(struct crmi_buf *b, const char *s, size_t n)
{
	size_t	 cap;
	char	*p;

	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		cap = b->cap ? b->cap : 64;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->s, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
crmi_buf_add(struct crmi_buf *b, const char *s)
{
	crmi_buf_addn(b, s, strlen(s));
}

void
crmi_buf_addf(struct crmi_buf *b, const char *fmt, ...)
{
	va_list	 ap;
	char	 small[256], *big = NULL;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->oom = 1;
		return;
	}
	if ((size_t)n < sizeof(small)) {
		crmi_buf_add(b, small);
		return;
	}
	va_start(ap, fmt);
	if (vasprintf(&big, fmt, ap) == -1)
		b->oom = 1;
	else
		crmi_buf_add(b, big);
	va_end(ap);
	free(big);
}

void
crmi_buf_clear(struct crmi_buf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

void
crmi_json_open(struct crmi_buf *b)
{
	crmi_buf_add(b, "{");
}

static void
json_key(struct crmi_buf *b, const char *key)
{
	if (b->len > 1)
		crmi_buf_add(b, ",");
	json_put(b, key);
	crmi_buf_add(b, ":");
}

static void
json_val(struct crmi_buf *b, const char *val)
{
	if (val == NULL)
		crmi_buf_add(b, "null");
	else
		json_put(b, val);
}

void
crmi_json_str(struct crmi_buf *b, const char *key, const char *val)
{
	json_key(b, key);
	json_val(b, val);
}

void
crmi_json_int(struct crmi_buf *b, const char *key, int64_t val)
{
	json_key(b, key);
	crmi_buf_addf(b, "%lld", (long long)val);
}

void
crmi_json_change(struct crmi_buf *b, const char *key, const char *old,
    const char *new)
{
	json_key(b, key);
	crmi_buf_add(b, "[");
	json_val(b, old);
	crmi_buf_add(b, ",");
	json_val(b, new);
	crmi_buf_add(b, "]");
}

void
crmi_json_close(struct crmi_buf *b)
{
	crmi_buf_add(b, "}");
}

int
crmi_line(struct crm *crm, FILE *fp, char **line, size_t *cap, size_t max,
    long *n, ssize_t *len)
{
	char	 keep[CRMI_ERRSZ];
	long	 ln = n != NULL ? ++*n : 0;
	int	 rc = CRM_OK;

	*len = crm_line_read(line, cap, fp, max);
	if (*len == -3)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	/* Refused as read: a huge line costs no more than max bytes. */
	else if (*len == -2)
		rc = crmi_err(crm, CRM_EINVAL, "line too long: at most %zu "
		    "bytes", max);
	/* A NUL would cut the line short without a word: refuse. */
	else if (*len > 0 && memchr(*line, '\0', *len) != NULL)
		rc = crmi_err(crm, CRM_EINVAL, "NUL byte in the line");
	if (rc != CRM_OK && n != NULL) {
		memcpy(keep, crm->err, sizeof(keep));
		rc = crmi_err(crm, rc, "line %ld: %s", ln, keep);
	}
	return rc;
}

size_t
crmi_fit_len(const char *s, size_t width)
{
	char	 ch[8];
	size_t	 i, n, w = 0, cw;

	for (i = 0; s[i] != '\0'; i += n) {
		for (n = 1; n < 4 && ((unsigned char)s[i + n] & 0xc0) ==
		    0x80; n++)
			;
		memcpy(ch, s + i, n);
		ch[n] = '\0';
		if (w + (cw = crm_width(ch)) > width)
			break;
		w += cw;
	}
	return i;
}

char *
crmi_fit(const char *s, size_t width)
{
	char	*out;

	if (crm_width(s) <= width)
		return strdup(s);
	if (asprintf(&out, "%.*s…", (int)crmi_fit_len(s, width - 1), s) < 0)
		out = NULL;
	return out;
}

int
crmi_check_text(struct crm *crm, const char *what, const char *s,
    size_t max, int need, int nl)
{
	unsigned int	 c;
	int		 n;

	if (s == NULL || *s == '\0')
		return need ? crmi_err(crm, CRM_EINVAL, "missing %s", what) :
		    CRM_OK;
	if (!crm_text_valid(s, nl) || (strchr(s, '\t') != NULL && !nl))
		return crmi_err(crm, CRM_EINVAL, "invalid %s '%s': control "
		    "characters or invalid UTF-8", what, s);
	if ((c = crmi_invisible_in(s)) != 0)
		return crmi_err(crm, CRM_EINVAL, "invalid %s '%s': an "
		    "invisible or bidirectional character, U+%04X", what, s,
		    c);
	if (strlen(s) > max) {
		/* Quote the start only, so the message keeps its reason. */
		for (n = 40; (s[n] & 0xc0) == 0x80; n--)
			continue;
		return crmi_err(crm, CRM_EINVAL, "invalid %s '%.*s...': %zu "
		    "bytes, at most %zu", what, n, s, strlen(s), max);
	}
	return CRM_OK;
}

/* ---- a string -> id map ----------------------------------------- */

static uint32_t
map_hash(const char *s)
{
	uint32_t	 h = 2166136261u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

int
crmi_map_get(const struct crmi_map *m, const char *key, int64_t *val)
{
	size_t	 i;

	if (m->cap == 0)
		return 0;
	for (i = map_hash(key) % m->cap; m->keys[i] != NULL;
	    i = (i + 1) % m->cap)
		if (strcmp(m->keys[i], key) == 0) {
			*val = m->vals[i];
			return 1;
		}
	return 0;
}

static int
map_grow(struct crmi_map *m)
{
	struct crmi_map	 g;
	size_t		 i, j;

	g.cap = m->cap ? m->cap * 2 : 256;
	g.keys = calloc(g.cap, sizeof(char *));
	g.vals = calloc(g.cap, sizeof(int64_t));
	if (g.keys == NULL || g.vals == NULL) {
		free(g.keys);
		free(g.vals);
		return -1;
	}
	for (i = 0; i < m->cap; i++) {
		if (m->keys[i] == NULL)
			continue;
		for (j = map_hash(m->keys[i]) % g.cap; g.keys[j] != NULL;
		    j = (j + 1) % g.cap)
			;
		g.keys[j] = m->keys[i];
		g.vals[j] = m->vals[i];
	}
	g.n = m->n;
	free(m->keys);
	free(m->vals);
	*m = g;
	return 0;
}

int
crmi_map_put(struct crmi_map *m, const char *key, int64_t val)
{
	size_t	 i;

	if (2 * (m->n + 1) > m->cap && map_grow(m) == -1)
		return -1;
	for (i = map_hash(key) % m->cap; m->keys[i] != NULL;
	    i = (i + 1) % m->cap)
		;
	if ((m->keys[i] = strdup(key)) == NULL)
		return -1;
	m->vals[i] = val;
	m->n++;
	return 0;
}

void
crmi_map_clear(struct crmi_map *m)
{
	size_t	 i;

	for (i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
}

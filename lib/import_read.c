/*
 * import_read.c: the bytes of an import's file as the CSV reader takes
 * them, UTF-8: what Russian Excel saves by default is Windows-1251, and
 * what it saves as "CSV UTF-8" starts with a byte-order mark.  The
 * conversion is iconv(3)'s, from the C library.
 */
#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "import_int.h"

#define READ_MAX	((size_t)1 << 30)	/* a sanity cap */

/* All of fp into *buf, *len bytes (NUL-terminated); status. */
static int
slurp(struct crm *crm, FILE *fp, char **buf, size_t *len)
{
	size_t	 cap = 0, n;
	char	*p;

	*buf = NULL;
	*len = 0;
	do {
		if (*len + 4096 + 1 > cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if (cap > READ_MAX || (p = realloc(*buf, cap)) == NULL)
				return crmi_err(crm, CRM_ENOMEM,
				    "out of memory");
			*buf = p;
		}
		n = fread(*buf + *len, 1, cap - *len - 1, fp);
		*len += n;
	} while (n > 0);
	if (ferror(fp))
		return crmi_err(crm, CRM_EDB, "read error: %s",
		    strerror(errno));
	(*buf)[*len] = '\0';
	return CRM_OK;
}

/*
 * Drop the UTF-8 byte-order mark Excel writes first, if any; whether
 * there was one.  The one place that knows the mark.
 */
static int
drop_bom(char *buf, size_t *len)
{
	if (*len < 3 || memcmp(buf, "\xef\xbb\xbf", 3) != 0)
		return 0;
	memmove(buf, buf + 3, *len - 3 + 1);
	*len -= 3;
	return 1;
}

/*
 * in (n bytes) from encoding from into UTF-8, in *out (*outlen bytes,
 * NUL-terminated); -1 when it is not text in that encoding, -2 when
 * out of memory, -3 when iconv knows no encoding from.
 */
static int
convert(const char *from, const char *in, size_t n, char **out,
    size_t *outlen)
{
	iconv_t	 cd;
	char	*ip = (char *)in, *op;
	size_t	 il = n, ol, cap = n * 3 + 16;
	int	 rc = 0;

	if ((cd = iconv_open("UTF-8", from)) == (iconv_t)-1)
		return -3;
	if ((*out = malloc(cap)) == NULL) {
		iconv_close(cd);
		return -2;
	}
	op = *out;
	ol = cap - 1;
	if (iconv(cd, &ip, &il, &op, &ol) == (size_t)-1 ||
	    iconv(cd, NULL, NULL, &op, &ol) == (size_t)-1)
		rc = errno == E2BIG ? -2 : -1;
	iconv_close(cd);
	if (rc != 0) {
		free(*out);
		*out = NULL;
		return rc;
	}
	*op = '\0';
	*outlen = (size_t)(op - *out);
	return 0;
}

int
crmi_imp_decode(struct crm *crm, FILE *fp, const char *charset,
    char **text, size_t *len, char used[32])
{
	char	*raw, *u;
	size_t	 n, un;
	int	 rc, bom;

	if ((rc = slurp(crm, fp, &raw, &n)) != CRM_OK)
		return rc;
	bom = drop_bom(raw, &n);
	/* UTF-8 said: the CSV reader names the line of a bad byte. */
	if (charset != NULL && (strcasecmp(charset, "utf-8") == 0 ||
	    strcasecmp(charset, "utf8") == 0))
		bom = 1;
	if ((charset == NULL || bom) && (bom || convert("UTF-8", raw, n, &u,
	    &un) == 0)) {
		if (!bom)
			free(u);
		strlcpy(used, "UTF-8", 32);
		*text = raw;
		*len = n;
		return CRM_OK;
	}
	if (charset == NULL)
		charset = "WINDOWS-1251";
	strlcpy(used, charset, 32);
	rc = convert(charset, raw, n, text, len);
	free(raw);
	if (rc == -2)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	if (rc == -3)
		return crmi_err(crm, CRM_EINVAL, "unknown encoding '%s'",
		    charset);
	if (rc == -1)
		return crmi_err(crm, CRM_EINVAL, "the file is not text in "
		    "%s", charset);
	return CRM_OK;
}

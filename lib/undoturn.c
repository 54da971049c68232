/*
 * undoturn.c: the turn of a change's detail for crm-undo (undo.c): the
 * log's flat JSON object of [before, after] pairs written again as
 * [after, before].
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

/*
 * The turn of a change's detail, a flat JSON object as the library
 * writes it, in C on every database (it was SQLite's json_each and
 * json_group_object): each [before, after] as [after, before], "undo"
 * the command undone; the text as SQLite's JSON functions wrote it, so
 * that the log reads as it always did.  Strings are written again as
 * SQLite writes them: '"' and '\' escaped, control characters as \n,
 * \t ... or \u00XX, the rest as it is.
 */
static const char *
ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Four hex digits at p; -1 when they are not. */
static int
hex4(const char *p)
{
	int	 i, v = 0;

	for (i = 0; i < 4; i++, p++) {
		v <<= 4;
		if (*p >= '0' && *p <= '9')
			v |= *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v |= *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			v |= *p - 'A' + 10;
		else
			return -1;
	}
	return v;
}

/* The code point c into b as SQLite writes it in a JSON string. */
static void
put_cp(struct crmi_buf *b, unsigned int c)
{
	static const char	 special[] = "btn0fr";	/* 8 to 13 */
	char			 u[4];

	if (c == '"' || c == '\\')
		crmi_buf_addf(b, "\\%c", (int)c);
	else if (c >= 8 && c <= 13 && special[c - 8] != '0')
		crmi_buf_addf(b, "\\%c", special[c - 8]);
	else if (c < 0x20)
		crmi_buf_addf(b, "\\u%04x", c);
	else
		crmi_buf_addn(b, u, crmi_utf8_enc(u, c));
}

/* The JSON string at p (its quote) into b as SQLite writes it; past it. */
static const char *
put_str(struct crmi_buf *b, const char *p)
{
	int	 c, lo;

	crmi_buf_add(b, "\"");
	for (p++; *p != '"'; p++) {
		if (*p == '\0')
			return NULL;
		if (*p != '\\') {
			if ((unsigned char)*p < 0x20 || *p == '"')
				put_cp(b, (unsigned char)*p);
			else
				crmi_buf_addn(b, p, 1);
			continue;
		}
		switch (*++p) {
		case 'b':	c = '\b';	break;
		case 'f':	c = '\f';	break;
		case 'n':	c = '\n';	break;
		case 'r':	c = '\r';	break;
		case 't':	c = '\t';	break;
		case 'u':
			if ((c = hex4(p + 1)) == -1)
				return NULL;
			p += 4;
			if (c >= 0xd800 && c < 0xdc00 && p[1] == '\\' &&
			    p[2] == 'u' && (lo = hex4(p + 3)) >= 0xdc00 &&
			    lo < 0xe000) {
				c = 0x10000 + ((c - 0xd800) << 10) +
				    (lo - 0xdc00);
				p += 6;
			}
			break;
		case '"': case '\\': case '/':
			c = *p;
			break;
		default:
			return NULL;
		}
		put_cp(b, (unsigned int)c);
	}
	crmi_buf_add(b, "\"");
	return p + 1;
}

/* A scalar (string, number, true, false, null) at p into b; past it. */
static const char *
put_scalar(struct crmi_buf *b, const char *p)
{
	size_t	 n;

	if (*p == '"')
		return put_str(b, p);
	if ((n = strcspn(p, ",]} \t\n\r")) == 0 || strchr("[{", *p) != NULL)
		return NULL;
	crmi_buf_addn(b, p, n);
	return p + n;
}

/* The array at p of two scalars into b, turned: [second, first]. */
static const char *
put_turned(struct crmi_buf *b, const char *p)
{
	struct crmi_buf	 v[2] = { { NULL, 0, 0, 0 }, { NULL, 0, 0, 0 } };
	int		 i;

	for (i = 0, p = ws(p + 1); i < 2 && p != NULL; i++) {
		if ((p = put_scalar(&v[i], p)) != NULL)
			p = ws(p);
		if (p != NULL && i == 0)
			p = *p == ',' ? ws(p + 1) : NULL;
	}
	if (p != NULL && *p == ']' && !v[0].oom && !v[1].oom) {
		crmi_buf_add(b, "[");
		crmi_buf_add(b, v[1].s);
		crmi_buf_add(b, ",");
		crmi_buf_add(b, v[0].s);
		crmi_buf_add(b, "]");
		p++;
	} else
		p = NULL;
	free(v[0].s);
	free(v[1].s);
	return p;
}

int
crmi_undo_turn(const char *detail, int64_t cmd, char **out)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 }, skip = { NULL, 0, 0, 0 };
	const char	*p = ws(detail), *k;
	int		 undone = 0;

	crmi_buf_add(&b, "{");
	if (*p++ != '{')
		p = NULL;
	while (p != NULL && *(p = ws(p)) != '}') {
		if (b.len > 1) {
			p = *p == ',' ? ws(p + 1) : NULL;
			crmi_buf_add(&b, ",");
		}
		k = p;
		if (p == NULL || *p != '"' || (p = put_str(&b, p)) == NULL ||
		    *(p = ws(p)) != ':') {
			p = NULL;
			break;
		}
		crmi_buf_add(&b, ":");
		p = ws(p + 1);
		if (strncmp(k, "\"undo\"", 6) == 0) {
			crmi_buf_addf(&b, "%lld", (long long)cmd);
			undone = 1;
			p = put_scalar(&skip, p);
			crmi_buf_clear(&skip);
		} else
			p = *p == '[' ? put_turned(&b, p) : put_scalar(&b, p);
	}
	if (p == NULL || b.oom) {
		crmi_buf_clear(&b);
		return -1;
	}
	if (!undone)
		crmi_buf_addf(&b, "%s\"undo\":%lld", b.len > 1 ? "," : "",
		    (long long)cmd);
	crmi_buf_add(&b, "}");
	*out = b.s;
	return b.oom ? -1 : 0;
}


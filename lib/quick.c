/*
 * quick.c: a task typed as a sentence ("завтра в 10 позвонить в
 * Ромашку"): the leading date and time words, a leading verb or noun
 * for the kind, and a client named anywhere in the rest, Russian case
 * endings and all, when exactly one client the actor may see matches.
 * What is not sure is not guessed: a client name that fits several
 * clients leaves the whole sentence as the title, and says so.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

#define QWORDS	64

/* Kinds by their leading words, folded (ё as е); two words first. */
static const struct {
	const char	*w1, *w2, *kind;
} kinds[] = {
	{ "написать", "письмо", "email" },
	{ "письмо", "почтой", "letter" },
	{ "позвонить", NULL, "call" }, { "звонок", NULL, "call" },
	{ "созвониться", NULL, "call" }, { "call", NULL, "call" },
	{ "встреча", NULL, "meeting" }, { "встретиться", NULL, "meeting" },
	{ "meeting", NULL, "meeting" },
	{ "написать", NULL, "email" }, { "письмо", NULL, "email" },
	{ "email", NULL, "email" },
	{ "счет", NULL, "invoice" }, { "invoice", NULL, "invoice" },
	{ "договор", NULL, "contract" }, { "contract", NULL, "contract" },
	{ NULL, NULL, NULL }
};

struct words {
	char	*buf;
	char	*w[QWORDS];
	char	*f[QWORDS];	/* folded */
	int	 n;
};

static void
words_free(struct words *ws)
{
	int	 i;

	for (i = 0; i < ws->n; i++)
		free(ws->f[i]);
	free(ws->buf);
}

static int
words_split(const char *text, struct words *ws)
{
	char	*p, *s;

	memset(ws, 0, sizeof(*ws));
	if ((ws->buf = strdup(text)) == NULL)
		return -1;
	for (s = ws->buf; (p = strsep(&s, " ")) != NULL;) {
		if (*p == '\0')
			continue;
		if (ws->n == QWORDS)
			return -1;
		ws->w[ws->n] = p;
		if ((ws->f[ws->n++] = crmi_fold(p)) == NULL)
			return -1;
	}
	return 0;
}

/* Words i..i+k-1 joined by spaces into buf; -1 when they do not fit. */
static int
span(const struct words *ws, int i, int k, char *buf, size_t sz)
{
	int	 j;

	if (i + k > ws->n)
		return -1;
	buf[0] = '\0';
	for (j = i; j < i + k; j++)
		if ((j > i && strlcat(buf, " ", sz) >= sz) ||
		    strlcat(buf, ws->w[j], sz) >= sz)
			return -1;
	return 0;
}

/* A leading date of 3, 2 or 1 words at i: how many, or 0. */
static int
lead_date(const struct words *ws, int i, int today, int *day)
{
	char	 buf[128];
	int	 k;

	for (k = 3; k >= 1; k--)
		if (span(ws, i, k, buf, sizeof(buf)) == 0 &&
		    crm_date_parse(buf, today, day) == CRM_OK)
			return k;
	return 0;
}

/*
 * A leading time at i: "в 10", "10:30", "10ч", "10am", or a bare hour
 * right after a date; never with a dot, which is a date (10.12).
 */
static int
lead_time(const struct words *ws, int i, int bare, int *min)
{
	const char	*f;

	if (i >= ws->n || strchr(ws->f[i], '.') != NULL)
		return 0;
	f = ws->f[i];
	if (strcmp(f, "в") == 0 && i + 1 < ws->n &&
	    strchr(ws->f[i + 1], '.') == NULL &&
	    crm_time_parse(ws->f[i + 1], min) == CRM_OK)
		return 2;
	if (crm_time_parse(f, min) != CRM_OK)
		return 0;
	if (bare || strpbrk(f, ":ap") != NULL || strstr(f, "ч") != NULL)
		return 1;
	return 0;
}

static int
lead_kind(const struct words *ws, int i, const char **kind)
{
	int	 k;

	if (i >= ws->n)
		return 0;
	for (k = 0; kinds[k].w1 != NULL; k++) {
		if (strcmp(ws->f[i], kinds[k].w1) != 0)
			continue;
		if (kinds[k].w2 == NULL) {
			*kind = kinds[k].kind;
			return 1;
		}
		if (i + 1 < ws->n && strcmp(ws->f[i + 1], kinds[k].w2) == 0) {
			*kind = kinds[k].kind;
			return 2;
		}
	}
	return 0;
}

/*
 * The client a word names: the word without quotes, then less its last
 * one and two letters (Ромашку, Ромашкой), four letters at least left.
 * 1 with *id, 0 for none, -1 when it fits several (the stem in stem).
 */
static int
client_of(struct crm *crm, const char *f, int64_t *id, char *stem,
    size_t sz)
{
	char		 buf[128], try[128];
	const char	*p = buf;
	size_t		 n, cut, min;
	int		 rc;

	if (strlcpy(buf, f, sizeof(buf)) >= sizeof(buf) ||
	    strpbrk(buf, "0123456789") != NULL)
		return 0;
	for (n = strlen(buf); n > 0 && strchr("\"',.!?", buf[n - 1]); n--)
		buf[n - 1] = '\0';
	if (n >= 2 && strcmp(buf + n - 2, "»") == 0)
		buf[n -= 2] = '\0';
	if (strncmp(p, "«", 2) == 0 || *p == '"')
		p += *p == '"' ? 1 : 2;
	n = strlen(p);
	min = (unsigned char)*p >= 0x80 ? 8 : 4;
	for (cut = 0; cut <= 4 && n >= cut + min; cut += 2) {
		memcpy(try, p, n - cut);
		try[n - cut] = '\0';
		rc = crm_client_find(crm, try, id);
		if (rc == CRM_OK)
			return 1;
		if (rc == CRM_EINVAL) {
			strlcpy(stem, try, sz);
			return -1;
		}
	}
	return 0;
}

/*
 * A title that lost its leading date words starts with a capital:
 * Latin and Russian lower-case letters, in place (the same byte count).
 */
static void
capital(char *s)
{
	unsigned char	*u = (unsigned char *)s;

	if (*u >= 'a' && *u <= 'z')
		*u -= 'a' - 'A';
	else if (u[0] == 0xd0 && u[1] >= 0xb0 && u[1] <= 0xbf)
		u[1] -= 0x20;			/* а-п */
	else if (u[0] == 0xd1 && u[1] >= 0x80 && u[1] <= 0x8f) {
		u[0] = 0xd0;			/* р-я */
		u[1] += 0x20;
	} else if (u[0] == 0xd1 && u[1] == 0x91) {
		u[0] = 0xd0;			/* ё */
		u[1] = 0x81;
	}
}

/* The one client the words from i name; -1 when that is not sure. */
static int
find_client(struct crm *crm, const struct words *ws, int i,
    struct crm_task_quick *q)
{
	int64_t	 id;
	int	 r;

	for (; i < ws->n; i++) {
		if ((r = client_of(crm, ws->f[i], &id, q->stem,
		    sizeof(q->stem))) == -1)
			return -1;
		if (r == 1 && q->client != 0 && q->client != id) {
			strlcpy(q->stem, ws->w[i], sizeof(q->stem));
			return -1;
		}
		if (r == 1)
			q->client = id;
	}
	return 0;
}

static int
read_words(struct crm *crm, const struct words *ws,
    struct crm_task_quick *q)
{
	char	 buf[CRM_TITLE_MAX + 1];
	int	 i = 0, k, t, pass;

	for (pass = 0; pass < 2; pass++) {
		if (q->due == -1 && (k = lead_date(ws, i, crm_today(crm),
		    &q->due)) > 0)
			i += k;
		if (q->time == -1)
			i += lead_time(ws, i, i > 0 && q->due != -1, &q->time);
	}
	/* The kind's words stay in the title: "Позвонить в Ромашку". */
	t = i;
	i += lead_kind(ws, i, &q->kind);
	if (find_client(crm, ws, i, q) == -1)
		return -1;
	if (q->client != 0)
		crmi_text_of(crm, "SELECT name FROM client WHERE id = ?1",
		    q->client, q->name, sizeof(q->name));
	else if (i < ws->n && span(ws, i, ws->n - i, q->words,
	    sizeof(q->words)) == -1)
		q->words[0] = '\0';
	if (t < ws->n && span(ws, t, ws->n - t, buf, sizeof(buf)) == 0) {
		if (t > 0)
			capital(buf);
		if ((q->title = strdup(buf)) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	return CRM_OK;
}

int
crm_task_quick(struct crm *crm, const char *text, struct crm_task_quick *q)
{
	struct words	 ws;
	int		 rc;

	memset(q, 0, sizeof(*q));
	q->due = q->time = -1;
	if (words_split(text, &ws) == -1) {
		words_free(&ws);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	rc = read_words(crm, &ws, q);
	words_free(&ws);
	if (rc == -1 || (rc == CRM_OK && q->title == NULL)) {
		/* Not sure, or nothing left for a title: take nothing. */
		free(q->title);
		q->title = NULL;
		q->due = q->time = -1;
		q->kind = NULL;
		q->client = 0;
		return rc == -1 ? CRM_EINVAL : CRM_OK;
	}
	return rc;
}

void
crm_task_quick_free(struct crm_task_quick *q)
{
	free(q->title);
	q->title = NULL;
}

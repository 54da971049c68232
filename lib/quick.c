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
#include "domain_int.h"

#define QWORDS	64

/* Kinds by their leading words, folded (ё as е); two words first. */
static const struct {
	const char	*w1, *w2, *kind;
} kinds[] = {
	{ "написать", "письмо", "email" },
	{ "письмо", "почтой", "letter" },
	{ "выставить", "счет", "invoice" }, { "отправить", "счет", "invoice" },
	{ "отправить", "договор", "contract" },
	{ "подписать", "договор", "contract" },
	{ "позвонить", NULL, "call" }, { "звонок", NULL, "call" },
	{ "перезвонить", NULL, "call" }, { "набрать", NULL, "call" },
	{ "созвон", NULL, "call" },
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
	char	*f[QWORDS];	/* folded, less the stops after a word */
	char	 prot[QWORDS];	/* within «»: never date words */
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

/* "завтра," and "дек." are "завтра" and "дек"; "15.00" stays. */
static void
unstop(char *f)
{
	size_t	 n = strlen(f);

	while (n > 1 && strchr(",;!?", f[n - 1]) != NULL)
		f[--n] = '\0';
	if (n > 1 && f[n - 1] == '.' && (f[n - 2] < '0' || f[n - 2] > '9'))
		f[--n] = '\0';
}

/* The words from one that opens « to one that closes » are kept. */
static void
guard(struct words *ws)
{
	int	 i, in = 0;

	for (i = 0; i < ws->n; i++) {
		if (strstr(ws->w[i], "«") != NULL)
			in = 1;
		ws->prot[i] = in;
		if (strstr(ws->w[i], "»") != NULL)
			in = 0;
	}
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
		if ((ws->f[ws->n] = crmi_fold(p)) == NULL)
			return -1;
		unstop(ws->f[ws->n++]);
	}
	guard(ws);
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


/* ---- clients as people name them --------------------------------- */

#define PARTS	8
#define LETTERS	48
#define FOUND	8

/* A name as parts of letters: folded, no quotes, no legal form. */
struct name {
	unsigned int	 c[PARTS][LETTERS];
	int		 len[PARTS];
	int		 n;
};

/* The clients found: at the best level yet, 3 as typed, 2 declined, 1 part. */
struct found {
	int64_t		 id[FOUND];
	char		 name[FOUND][96];
	int		 n;
	int		 level;
};

struct look {
	struct name	 typed;
	struct found	*fd;
	int		 part;		/* a part of a name will do */
	char		 key[LETTERS * 2 + 1];
};

static const char *const legal[] = {
	"ооо", "оао", "зао", "пао", "ао", "ип", "нко", "ltd", "llc", "inc",
	NULL
};

/* Words that never begin a client's name. */
static const char *const stops[] = {
	"в", "во", "с", "со", "к", "ко", "у", "о", "об", "от", "для", "по",
	"на", "из", "за", "до", "и", "а", "the", "to", "for", "with", "at",
	"in", "of", "on", "by", "and", NULL
};

static int
listed(const char *w, const char *const *l)
{
	for (; *l != NULL; l++)
		if (strcmp(w, *l) == 0)
			return 1;
	return 0;
}

/* Letters and digits of w into part i of nm; 0 when it is no part. */
static int
part_of(const char *w, struct name *nm)
{
	const char	*p;
	char		 u[LETTERS * 4 + 1];
	unsigned int	 c;
	size_t		 k, o = 0;
	int		*len = &nm->len[nm->n];

	*len = 0;
	for (p = w; *p != '\0'; p += k) {
		if ((k = crmi_utf8_dec((const unsigned char *)p, &c)) == 0) {
			k = 1;
			continue;
		}
		if (((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    (c >= 0x430 && c <= 0x44f)) && *len < LETTERS) {
			nm->c[nm->n][(*len)++] = c;
			o += crmi_utf8_enc(u + o, c);
		}
	}
	u[o] = '\0';
	return *len > 0 && !listed(u, legal);
}

/* A name's parts: folded, split at spaces and hyphens. */
static void
name_of(const char *s, struct name *nm)
{
	char	*f, *q, *w;

	memset(nm, 0, sizeof(*nm));
	if ((f = crmi_fold(s)) == NULL)
		return;
	for (q = f; (w = strsep(&q, " -")) != NULL && nm->n < PARTS;)
		if (part_of(w, nm))
			nm->n++;
	free(f);
}

/*
 * How typed part a names part b: 3 the same, 2 the same less a case
 * ending (Ромашку, Севером, Бетой for Ромашка, Север, Бета), 0 not.
 */
static int
part_level(const struct name *x, int i, const struct name *y, int j)
{
	int	 p = 0, la = x->len[i], lb = y->len[j];

	while (p < la && p < lb && x->c[i][p] == y->c[j][p])
		p++;
	if (p == la && p == lb)
		return 3;
	return p >= 3 && lb - p <= 1 && la - p <= 2 ? 2 : 0;
}

static int
name_level(const struct name *typed, const struct name *nm)
{
	int	 i, l, level = 3;

	if (typed->n != nm->n || nm->n == 0)
		return 0;
	for (i = 0; i < nm->n; i++)
		if ((l = part_level(typed, i, nm, i)) < level)
			level = l;
	return level;
}

static void
keep(struct found *fd, int level, int64_t id, const char *name)
{
	int	 i;

	if (level < fd->level)
		return;
	if (level > fd->level) {
		fd->level = level;
		fd->n = 0;
	}
	for (i = 0; i < fd->n; i++)
		if (fd->id[i] == id)
			return;
	if (fd->n == FOUND)
		return;
	fd->id[fd->n] = id;
	strlcpy(fd->name[fd->n++], name, sizeof(fd->name[0]));
}

static int
look_one(void *arg, int64_t id, const char *name)
{
	struct look	*lk = arg;
	struct name	 nm;
	int		 level;

	name_of(name, &nm);
	if ((level = name_level(&lk->typed, &nm)) == 0 && lk->part)
		level = 1;
	if (level > 0)
		keep(lk->fd, level, id, name);
	return 0;
}

/* The first n letters of part 0 of nm, as UTF-8, into buf. */
static void
prefix(const struct name *nm, int n, char *buf)
{
	size_t	 o = 0;
	int	 i;

	for (i = 0; i < n && i < nm->len[0]; i++)
		o += crmi_utf8_enc(buf + o, nm->c[0][i]);
	buf[o] = '\0';
}

/* Clients named by the k words from i, whole or (part) a part. */
static int
look_span(struct crm *crm, const struct words *ws, int i, int k, int part,
    struct found *fd)
{
	struct look	 lk;
	char		 buf[CRM_TITLE_MAX + 1];
	int		 l;

	if (span(ws, i, k, buf, sizeof(buf)) == -1)
		return CRM_OK;
	memset(&lk, 0, sizeof(lk));
	lk.fd = fd;
	lk.part = part;
	name_of(buf, &lk.typed);
	if (lk.typed.n == 0 || (part && lk.typed.n != 1))
		return CRM_OK;
	/* a part: four letters at least, less up to two of an ending */
	l = lk.typed.len[0];
	if (part && l < 4)
		return CRM_OK;
	l = part ? (l - 2 >= 4 ? l - 2 : 4) : l - 2 >= 3 ? l - 2 :
	    l < 3 ? l : 3;
	prefix(&lk.typed, l, lk.key);
	return crmi_client_like(crm, lk.key, look_one, &lk);
}

int
crmi_client_named(struct crm *crm, const char *spec, int64_t *id)
{
	struct look	 lk;
	struct found	 fd;
	int		 l, rc;

	memset(&lk, 0, sizeof(lk));
	memset(&fd, 0, sizeof(fd));
	lk.fd = &fd;
	name_of(spec, &lk.typed);
	if (lk.typed.n == 0)
		return CRM_ENOENT;
	l = lk.typed.len[0];
	prefix(&lk.typed, l - 2 >= 3 ? l - 2 : l < 3 ? l : 3, lk.key);
	if ((rc = crmi_client_like(crm, lk.key, look_one, &lk)) != CRM_OK)
		return rc;
	if (fd.n != 1)
		return fd.n == 0 ? CRM_ENOENT : CRM_EINVAL;
	*id = fd.id[0];
	return CRM_OK;
}

/*
 * The client the words i..e-1 name: a name as typed beats a declined
 * one, which beats a part of a name.  Several at the best level: the
 * stem and the candidates in q, CRM_EINVAL.
 */
static int
find_client(struct crm *crm, const struct words *ws, int i, int e,
    struct crm_task_quick *q)
{
	struct found	 fd;
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	int		 j, k, rc, at = -1;

	memset(&fd, 0, sizeof(fd));
	for (j = i; j < e; j++) {
		if (listed(ws->f[j], stops) ||
		    strpbrk(ws->f[j], "0123456789") != NULL)
			continue;
		for (k = 1; k <= 3 && j + k <= e; k++) {
			int lv = fd.level, n = fd.n;

			if ((rc = look_span(crm, ws, j, k, 0, &fd)) != CRM_OK)
				return rc;
			if (fd.level != lv || fd.n != n)
				at = j;
		}
	}
	for (j = i; fd.n == 0 && j < e; j++)
		if (!listed(ws->f[j], stops) &&
		    strpbrk(ws->f[j], "0123456789") == NULL) {
			if ((rc = look_span(crm, ws, j, 1, 1, &fd)) != CRM_OK)
				return rc;
			if (fd.n > 0)
				at = j;
		}
	if (fd.n == 1) {
		q->client = fd.id[0];
		strlcpy(q->name, fd.name[0], sizeof(q->name));
		return CRM_OK;
	}
	if (fd.n == 0)
		return CRM_OK;
	strlcpy(q->stem, at >= 0 ? ws->w[at] : "", sizeof(q->stem));
	for (j = 0; j < fd.n; j++)
		crmi_buf_addf(&b, "%s%lld %s", j > 0 ? ", " : "",
		    (long long)fd.id[j], fd.name[j]);
	rc = crmi_err(crm, CRM_EINVAL, "several clients match '%s': %s",
	    q->stem, b.s != NULL ? b.s : "");
	crmi_buf_clear(&b);
	return rc;
}

/* ---- the sentence ------------------------------------------------ */

/* The first word from i that is kept (within «»), or n. */
static int
kept(const struct words *ws, int i)
{
	while (i < ws->n && !ws->prot[i])
		i++;
	return i;
}

static int
odd(struct crm *crm, const struct words *ws, int i, struct crm_task_quick *q)
{
	strlcpy(q->bad, ws->w[i], sizeof(q->bad));
	return crmi_err(crm, CRM_EINVAL, "'%s' looks like a date or a time "
	    "but is not read", ws->w[i]);
}

/*
 * The date and time words at the start (s words) and at the end (from
 * *e); a word that looks like a date or a time in between: CRM_EINVAL,
 * unless (dated) an option said the date and there are none.
 */
static int
read_when(struct crm *crm, const struct words *ws, int now, int dated,
    int *s, int *e, struct crm_task_quick *q)
{
	struct crmi_when	 a, b, m;
	int			 today = crm_today(crm), j, lim;


	lim = kept(ws, 0);
	*s = crmi_when_at((char *const *)ws->f, lim, 0, today, now, &a);
	if (a.bad != -1 && (*s < ws->n))
		return odd(crm, ws, a.bad, q);
	*e = ws->n;
	b.day = b.time = -1;
	for (j = *s + 1; j < ws->n; j++)
		if (kept(ws, j) == ws->n && crmi_when_at((char *const *)ws->f,
		    ws->n, j, today, now, &b) == ws->n - j) {
			*e = j;
			break;
		}
	if (*e == ws->n)
		b.day = b.time = -1;
	if ((a.day != -1 && b.day != -1) || (a.time != -1 && b.time != -1))
		return odd(crm, ws, *e, q);
	q->due = a.day != -1 ? a.day : b.day;
	q->time = a.time != -1 ? a.time : b.time;
	if (dated && *s == 0 && *e == ws->n)
		return CRM_OK;	/* an option said it: a title as typed */
	for (j = *s; j < *e; j++) {
		if (ws->prot[j])
			continue;
		if ((lim = crmi_when_odd((char *const *)ws->f, *e, j)) != -1)
			return odd(crm, ws, lim, q);
		if (crmi_when_at((char *const *)ws->f, kept(ws, j) < *e ?
		    kept(ws, j) : *e, j, today, now, &m) > 0)
			return odd(crm, ws, j, q);
		if (m.bad != -1)
			return odd(crm, ws, m.bad, q);
	}
	return CRM_OK;
}

/* Minutes since midnight of the clock. */
static int
now_min(const struct crm *crm)
{
	char	 now[20];

	crm_now(crm, now);
	return ((now[11] - '0') * 10 + now[12] - '0') * 60 +
	    (now[14] - '0') * 10 + now[15] - '0';
}

static int
read_words(struct crm *crm, const struct words *ws, const char *lit,
    int flags, struct crm_task_quick *q)
{
	char	 buf[CRM_TITLE_MAX + 1];
	int	 s = 0, e = 0, k, rc;

	if ((rc = read_when(crm, ws, now_min(crm), flags & CRM_QUICK_DATED,
	    &s, &e, q)) != CRM_OK)
		return rc;
	if (s >= e && (lit == NULL || *lit == '\0'))
		return CRM_OK;		/* nothing left for a title */
	if ((flags & CRM_QUICK_DATED) && s == 0 && e == ws->n)
		return CRM_OK;		/* no date words: a title as typed */
	k = s < e ? s + lead_kind(ws, s, &q->kind) : s;
	if ((rc = find_client(crm, ws, k, e, q)) != CRM_OK)
		return rc;
	if (q->client == 0 && k < e && span(ws, k, e - k, q->words,
	    sizeof(q->words)) == -1)
		q->words[0] = '\0';
	/* Too long a title: as typed, for crm_task_add() to say so. */
	buf[0] = '\0';
	if ((s < e && span(ws, s, e - s, buf, sizeof(buf)) == -1) ||
	    (lit != NULL && *lit != '\0' && ((*buf != '\0' &&
	    strlcat(buf, " ", sizeof(buf)) >= sizeof(buf)) ||
	    strlcat(buf, lit, sizeof(buf)) >= sizeof(buf))))
		return CRM_OK;
	if (s > 0)
		capital(buf);
	if ((q->title = strdup(buf)) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

int
crm_task_quick(struct crm *crm, const char *text, const char *lit,
    int flags, struct crm_task_quick *q)
{
	struct words	 ws;
	int		 rc;

	memset(q, 0, sizeof(*q));
	q->due = q->time = -1;
	if (words_split(text != NULL ? text : "", &ws) == -1) {
		words_free(&ws);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	rc = read_words(crm, &ws, lit, flags, q);
	words_free(&ws);
	if (rc != CRM_OK || q->title == NULL) {
		/* Nothing left for a title: take nothing. */
		free(q->title);
		q->title = NULL;
		q->due = q->time = -1;
		q->kind = NULL;
		q->client = 0;
	}
	return rc;
}

void
crm_task_quick_clear(struct crm_task_quick *q)
{
	free(q->title);
	q->title = NULL;
}

/*
 * task.c: adding tasks, one or a batch read as TSV.
 *
 * The checks of a new task (who may give whom work, the kind, the client
 * and the deal, the text) are done here and nowhere else, so that the
 * batch and the single task, and the occurrences of a series, obey the
 * same rules.  The batch path is kept fast: statements are prepared once,
 * people and kinds already checked are remembered, and everything is one
 * transaction.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define TSV_FIELDS	8
#define LINE_MAX_	8192

static const char SQL_INSERT[] =
    "INSERT INTO task (assignee_id, author_id, kind, title, note,"
    " client_id, deal_id, due_date, due_time, first_due, created_at,"
    " series_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?8, ?10, ?11)"
    " RETURNING id";

/*
 * Kind k into the list of the kinds known, for the message refusing an
 * unknown one: by the word people read, with its code where that
 * differs ("эл. письмо (email)"), since either is taken.
 */
static int
list_kind(const struct crm_kind *k, void *arg)
{
	struct crmi_buf	*b = arg;
	const char	*word = crmi_word("kind", k->name);

	if (b->len > 0)
		crmi_buf_add(b, ", ");
	if (strcmp(word, k->name) == 0)
		crmi_buf_add(b, k->name);
	else
		crmi_buf_addf(b, "%s (%s)", word, k->name);
	return 0;
}

static int
unknown_kind(struct crm *crm, const char *kind)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	int		 rc;

	if ((rc = crm_kind_each(crm, list_kind, &b)) == CRM_OK)
		rc = crmi_err(crm, CRM_EINVAL, "unknown kind '%s': %s", kind,
		    b.s != NULL ? b.s : "no kinds are defined");
	crmi_buf_clear(&b);
	return rc;
}

int
crmi_task_kind(struct crm *crm, const char *kind)
{
	int	 rc;

	if ((rc = crmi_kind_defined(crm, kind, -1)) != CRM_ENOENT)
		return rc;
	return unknown_kind(crm, kind);
}

int
crmi_task_deal_client(struct crm *crm, int64_t deal, int64_t *client)
{
	struct crmi_stmt	*st;
	int64_t			 owner = 0;
	int			 rc;

	st = crmi_stmt(crm, "SELECT client_id, manager_id FROM deal"
	    " WHERE id = ?1");
	if (st == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, deal);
	rc = crmi_step(st);
	if (rc == CRMI_ROW) {
		*client = crmi_col_int(st, 0);
		owner = crmi_col_int(st, 1);
	}
	crmi_reset(st);
	/* Another manager's deal is no deal of yours. */
	if (rc == CRMI_ROW && crm_may_see(crm, owner) == CRM_OK)
		return CRM_OK;
	return crmi_err(crm, CRM_ENOENT, "no such deal '%lld'",
	    (long long)deal);
}

/* Whether the actor may give work to person id (login for messages). */
int
crmi_task_may_give(struct crm *crm, int64_t id, const char *login)
{
	int	 rc;

	if ((rc = crm_may_act(crm, id)) == CRM_OK ||
	    crm->actor.role == CRM_ROLE_DIRECTOR || crm->actor.id == 0)
		return rc;
	return crmi_err(crm, CRM_EPERM, "you may not give tasks to '%s': a "
	    "manager plans their own work, a head their team's", login);
}

/* The deal's client dc is the task's: the one it names, if any. */
static int
deal_with(struct crm *crm, const struct crm_task_new *t, int64_t dc,
    int64_t *client)
{
	if (*client != 0 && *client != dc)
		return crmi_err(crm, CRM_EINVAL, "deal %lld is not with "
		    "client '%s'", (long long)t->deal, t->client);
	*client = dc;
	return CRM_OK;
}

/* Check what does not depend on people: text, kind, client, deal. */
int
crmi_task_check(struct crm *crm, const struct crm_task_new *t,
    int64_t *client)
{
	int64_t	 dc = 0;
	int	 rc;

	*client = 0;
	if ((rc = crmi_check_text(crm, "title", t->title, CRM_TITLE_MAX, 1,
	    0)) != CRM_OK ||
	    (rc = crmi_check_text(crm, "note", t->note, CRM_NOTE_MAX, 0, 0)) !=
	    CRM_OK)
		return rc;
	if (t->kind != NULL && *t->kind != '\0' &&
	    (rc = crmi_task_kind(crm, t->kind)) != CRM_OK)
		return rc;
	if (t->client != NULL && *t->client != '\0' &&
	    ((rc = crm_client_find(crm, t->client, client)) != CRM_OK ||
	    (rc = crmi_client_attach(crm, *client)) != CRM_OK))
		return rc;
	if (t->deal == 0)
		return CRM_OK;
	if ((rc = crmi_task_deal_client(crm, t->deal, &dc)) != CRM_OK)
		return rc;
	return deal_with(crm, t, dc, client);
}

void
crmi_task_time(int min, char buf[6])
{
	if (min < 0)
		buf[0] = '\0';
	else
		snprintf(buf, 6, "%02u:%02u", (unsigned)min / 60 % 24,
		    (unsigned)min % 60);
}

void
crmi_task_due(int day, int min, const char *old, char due[11], char tm[6])
{
	crm_date_fmt(day, due);
	if (min == -1)
		strlcpy(tm, old, 6);
	else
		crmi_task_time(min, tm);
}

/*
 * A JSON string member; text without quotes or backslashes (checked text
 * has no control characters and is valid UTF-8) goes in as it is, which
 * keeps the batch fast.
 */
static void
put(struct crmi_buf *b, const char *key, const char *val)
{
	if (strpbrk(val, "\"\\") != NULL) {
		crmi_json_str(b, key, val);
		return;
	}
	crmi_buf_add(b, b->len > 1 ? ",\"" : "\"");
	crmi_buf_add(b, key);
	crmi_buf_add(b, "\":\"");
	crmi_buf_add(b, val);
	crmi_buf_add(b, "\"");
}

static int
audit_new(struct crm *crm, int64_t id, int64_t owner,
    const struct crm_task_new *t, const char *login, const char *kind,
    const char *due, const char *tm, int64_t client, int64_t series)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	int		 rc;

	crmi_json_open(&d);
	put(&d, "assignee", login);
	put(&d, "kind", kind);
	put(&d, "title", t->title);
	put(&d, "due", due);
	if (*tm != '\0')
		put(&d, "time", tm);
	if (client != 0)
		crmi_json_int(&d, "client", client);
	if (t->deal != 0)
		crmi_json_int(&d, "deal", t->deal);
	if (t->note != NULL && *t->note != '\0')
		put(&d, "note", t->note);
	if (series != 0)
		crmi_json_int(&d, "series", series);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(crm, "task", id, owner, "create", d.s);
	crmi_buf_clear(&d);
	return rc;
}

const char *
crmi_task_bind_new(struct crmi_stmt *st, const struct crm_task_new *t,
    int64_t assignee, int64_t author, int64_t client)
{
	const char	*kind;

	kind = t->kind != NULL && *t->kind != '\0' ? t->kind : "other";
	crmi_bind_int(st, 1, assignee);
	crmi_bind_int(st, 2, author);
	crmi_bind_str(st, 3, kind);
	crmi_bind_str(st, 4, t->title);
	crmi_bind_text(st, 5, t->note);
	if (client != 0)
		crmi_bind_int(st, 6, client);
	if (t->deal != 0)
		crmi_bind_int(st, 7, t->deal);
	return kind;
}

/*
 * Insert a checked task of assignee (login for the log) by author, in
 * the caller's transaction, and log it.
 */
int
crmi_task_insert(struct crm *crm, const struct crm_task_new *t,
    int64_t assignee, const char *login, int64_t author, int64_t client,
    int64_t series, int64_t *id)
{
	struct crmi_stmt	*st;
	const char		*kind;
	char			 due[11], tm[6];
	int			 rc;

	crm_date_fmt(t->due, due);
	crmi_task_time(t->time, tm);
	if ((st = crmi_stmt(crm, SQL_INSERT)) == NULL)
		return CRM_EDB;
	kind = crmi_task_bind_new(st, t, assignee, author, client);
	crmi_bind_str(st, 8, due);
	crmi_bind_text(st, 9, tm);
	crmi_bind_str(st, 10, crm->now);
	if (series != 0)
		crmi_bind_int(st, 11, series);
	if ((rc = crmi_step_id(crm, st, id)) != CRM_OK)
		return rc;
	/* The audit entry's owner is the assignee: it is their work. */
	if ((rc = audit_new(crm, *id, assignee, t, login, kind, due, tm, client,
	    series)) != CRM_OK)
		return rc;
	return CRM_OK;
}

/* People already looked up in this call, with whether we may. */
struct who {
	int64_t	 id;
	int	 rc;
	char	*err;		/* the refusal, when rc is not CRM_OK */
};

/*
 * A batch names the same people, clients, deals and kinds again and
 * again: what was found and allowed once is remembered, by a hash, for
 * the rest of the batch (which changes none of them).  A refusal is
 * not remembered but a person's: it is looked up again, and said.
 */
struct ctx {
	struct who	*who;
	size_t		 nwho;
	struct crmi_map	 index;		/* login -> its place in who */
	char		 kind[16][32];	/* kinds known to exist */
	size_t		 nkind;
	struct crmi_map	 clients;	/* client as written -> its id */
	struct crmi_map	 deals;		/* deal as written -> its id */
	struct crmi_map	 dealcl;	/* deal id -> its client */
	struct crmi_map	 need;		/* "who kind" -> crmi_kind_need() */
	int		 hint;		/* CRMI_HINT_OPT, _COL */
};

static void
ctx_free(struct ctx *c)
{
	size_t	 i;

	for (i = 0; i < c->nwho; i++)
		free(c->who[i].err);
	free(c->who);
	crmi_map_clear(&c->index);
	crmi_map_clear(&c->clients);
	crmi_map_clear(&c->deals);
	crmi_map_clear(&c->dealcl);
	crmi_map_clear(&c->need);
}

/* Remember key's val in m; CRM_OK, or out of memory. */
static int
remember(struct crm *crm, struct crmi_map *m, const char *key, int64_t val)
{
	if (crmi_map_put(m, key, val) == -1)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* The assignee's id, checked, remembering the answer. */
static int
assignee(struct crm *crm, struct ctx *c, const char *login, int64_t *id)
{
	struct who	*w;
	int64_t		 i;

	if (login == NULL || *login == '\0')
		login = crm->actor.login != NULL ? crm->actor.login : "";
	if (crmi_map_get(&c->index, login, &i)) {
		w = &c->who[i];
		*id = w->id;
		if (w->rc != CRM_OK)
			strlcpy(crm->err, w->err, sizeof(crm->err));
		return w->rc;
	}
	if ((w = reallocarray(c->who, c->nwho + 1, sizeof(*w))) == NULL)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	c->who = w;
	w = &c->who[c->nwho];
	w->err = NULL;
	if ((w->id = crmi_person_id(crm, login)) == 0)
		w->rc = CRM_ENOENT;
	else
		w->rc = crmi_task_may_give(crm, w->id, login);
	if ((w->rc != CRM_OK && (w->err = strdup(crm->err)) == NULL) ||
	    crmi_map_put(&c->index, login, (int64_t)c->nwho) == -1) {
		free(w->err);
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	}
	c->nwho++;
	*id = w->id;
	return w->rc;
}

/* Whether kind is known to exist; if not, check it and remember. */
static int
kind(struct crm *crm, struct ctx *c, const char *k)
{
	size_t	 i;
	int	 rc;

	if (k == NULL || *k == '\0')
		return CRM_OK;
	for (i = 0; i < c->nkind; i++)
		if (strcmp(c->kind[i], k) == 0)
			return CRM_OK;
	if ((rc = crmi_task_kind(crm, k)) == CRM_OK && c->nkind < 16 &&
	    strlcpy(c->kind[c->nkind], k, 32) < 32)
		c->nkind++;
	return rc;
}

/* The client as written (crm_client_find()), ours to add to. */
static int
client_of(struct crm *crm, struct ctx *c, const char *spec, int64_t *id)
{
	int	 rc;

	*id = 0;
	if (spec == NULL || *spec == '\0' || crmi_map_get(&c->clients, spec,
	    id))
		return CRM_OK;
	if ((rc = crm_client_find(crm, spec, id)) != CRM_OK ||
	    (rc = crmi_client_attach(crm, *id)) != CRM_OK)
		return rc;
	return remember(crm, &c->clients, spec, *id);
}

/* The deal of t with the client it names (crmi_task_check()'s end). */
static int
deal_of(struct crm *crm, struct ctx *c, const struct crm_task_new *t,
    int64_t *client)
{
	char	 key[24];
	int64_t	 dc;
	int	 rc;

	if (t->deal == 0)
		return CRM_OK;
	snprintf(key, sizeof(key), "%lld", (long long)t->deal);
	if (!crmi_map_get(&c->dealcl, key, &dc) &&
	    ((rc = crmi_task_deal_client(crm, t->deal, &dc)) != CRM_OK ||
	    (rc = remember(crm, &c->dealcl, key, dc)) != CRM_OK))
		return rc;
	return deal_with(crm, t, dc, client);
}

/* The fields kind needs of who (crmi_kind_need()). */
static int
need_of(struct crm *crm, struct ctx *c, int64_t who, const char *kind,
    int *need)
{
	char	 key[64];
	int64_t	 v;
	int	 rc;

	snprintf(key, sizeof(key), "%lld %s", (long long)who,
	    kind != NULL ? kind : "");
	if (crmi_map_get(&c->need, key, &v)) {
		*need = (int)v;
		return CRM_OK;
	}
	if ((rc = crmi_kind_need(crm, who, kind, need)) != CRM_OK)
		return rc;
	return remember(crm, &c->need, key, *need);
}

static int
add_one(struct crm *crm, struct ctx *c, const struct crm_task_new *t,
    int64_t *id)
{
	struct crm_task_new	 k = *t;
	struct crmi_entry	 e;
	int64_t			 who = 0, client;
	const char		*login;
	int			 need, rc;

	login = t->assignee != NULL && *t->assignee != '\0' ? t->assignee :
	    crm->actor.login;
	/* The kind, client and deal are checked here, with the caches. */
	k.kind = NULL;
	k.client = NULL;
	k.deal = 0;
	if ((rc = assignee(crm, c, login, &who)) != CRM_OK ||
	    (rc = kind(crm, c, t->kind)) != CRM_OK ||
	    (rc = crmi_task_check(crm, &k, &client)) != CRM_OK ||
	    (rc = client_of(crm, c, t->client, &client)) != CRM_OK ||
	    (rc = deal_of(crm, c, t, &client)) != CRM_OK)
		return rc;
	if ((rc = crmi_task_insert(crm, t, who, login, crm->actor.id, client,
	    0, id)) != CRM_OK ||
	    (rc = need_of(crm, c, who, t->kind, &need)) != CRM_OK)
		return rc;
	crmi_entry_new(&e, t, who, client, c->hint, *id);
	e.need = &need;
	return crmi_task_entry(crm, &e);
}

int
crm_task_add(struct crm *crm, const struct crm_task_new *t, int64_t *id)
{
	struct ctx	 c;
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.hint = CRMI_HINT_OPT;
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = add_one(crm, &c, t, id);
	ctx_free(&c);
	return crmi_end(crm, rc);
}

/* Fill t from the fields of one TSV line. */
static int
parse_line(struct crm *crm, struct ctx *c, char **f, int nf,
    struct crm_task_new *t)
{
	int	 rc;

	if (nf > TSV_FIELDS)
		return crmi_err(crm, CRM_EINVAL, "too many fields: %d, at "
		    "most %d (login, due, time, kind, title, note, client, "
		    "deal)", nf, TSV_FIELDS);
	if (nf < 5)
		return crmi_err(crm, CRM_EINVAL, "missing title: %d fields, "
		    "want login, due, time, kind, title[, note, client, deal]",
		    nf);
	memset(t, 0, sizeof(*t));
	t->assignee = f[0];
	if (crm_date_parse(f[1], crm_today(crm), &t->due) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "invalid due date '%s'",
		    f[1]);
	t->time = -1;
	if (*f[2] != '\0' && crm_time_parse(f[2], &t->time) != CRM_OK)
		return crmi_err(crm, CRM_EINVAL, "invalid time '%s'", f[2]);
	t->kind = f[3];
	t->title = f[4];
	t->note = nf > 5 ? f[5] : NULL;
	t->client = nf > 6 && *f[6] != '\0' ? f[6] : NULL;
	/* The deal as the client: the library's one lookup, once. */
	if (nf < 8 || *f[7] == '\0' || crmi_map_get(&c->deals, f[7],
	    &t->deal))
		return CRM_OK;
	if ((rc = crm_deal_find(crm, f[7], &t->deal)) != CRM_OK)
		return rc;
	return remember(crm, &c->deals, f[7], t->deal);
}

/* Append id to the growing array. */
static int
push(struct crm *crm, int64_t **ids, size_t *n, size_t *max, int64_t id)
{
	int64_t	*p;
	size_t	 m;

	if (*n == *max) {
		m = *max ? *max * 2 : 64;
		if ((p = reallocarray(*ids, m, sizeof(*p))) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		*ids = p;
		*max = m;
	}
	(*ids)[(*n)++] = id;
	return CRM_OK;
}

static int
read_lines(struct crm *crm, FILE *fp, int64_t **ids, size_t *n)
{
	struct ctx		 c;
	struct crm_task_new	 t;
	char			*line = NULL, *p, *f[TSV_FIELDS + 1];
	char			 msg[CRMI_ERRSZ + 32];
	size_t			 max = 0, cap = 0;
	ssize_t			 len;
	long			 ln = 0;
	int64_t			 id;
	int			 nf, rc = CRM_OK;

	memset(&c, 0, sizeof(c));
	c.hint = CRMI_HINT_COL;
	while (rc == CRM_OK) {
		ln++;
		if ((rc = crmi_line(crm, fp, &line, &cap, LINE_MAX_ - 1, NULL,
		    &len)) != CRM_OK || len == -1)
			break;
		p = line;
		/* A byte-order mark, as a spreadsheet writes, is no text. */
		if (ln == 1 && strncmp(p, "\357\273\277", 3) == 0)
			p += 3;
		if (p[strspn(p, " \r\n")] == '\0')
			continue;
		if ((nf = crm_tsv_split(p, f, TSV_FIELDS + 1)) == -1)
			rc = crmi_err(crm, CRM_EINVAL, "malformed escape");
		else if ((rc = parse_line(crm, &c, f, nf, &t)) == CRM_OK &&
		    (rc = add_one(crm, &c, &t, &id)) == CRM_OK)
			rc = push(crm, ids, n, &max, id);
	}
	free(line);
	ctx_free(&c);
	if (rc == CRM_OK && ferror(fp))
		return crmi_err(crm, CRM_EINVAL, "read error");
	if (rc != CRM_OK) {
		snprintf(msg, sizeof(msg), _("line %ld: %s"), ln, crm->err);
		strlcpy(crm->err, msg, sizeof(crm->err));
	}
	return rc;
}

int
crm_task_add_tsv(struct crm *crm, FILE *fp, int64_t **ids, size_t *n)
{
	char	*keep;
	int	 rc;

	*ids = NULL;
	*n = 0;
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	/* Read all before the lock; crmi_begin() lets the cache hold a big
	 * batch until the commit. */
	if ((fp = crmi_spool(crm, fp, &keep)) == NULL)
		return CRM_EDB;
	/* The days are marked once at the end (crmi_bulk_begin()). */
	if ((rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, (rc = crmi_bulk_begin(crm)) != CRM_OK ? rc :
		    read_lines(crm, fp, ids, n));
	fclose(fp);
	free(keep);
	if (rc != CRM_OK) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

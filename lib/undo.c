/*
 * undo.c: take back a person's last command.  A command's changes are
 * one unit in the log (audit.cmd); undoing them is a new command of its
 * own, logged entry by entry as "undo" with the command it undoes, so
 * that nothing of the history is ever deleted.  Only changes to tasks
 * are taken back, and only while nothing else has touched them since.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

/*
 * The actor's last command that is neither an undo nor undone; the
 * repeating tasks that a view makes on the way (crm_task_extend) are no
 * command of the person who looked.
 */
static const char SQL_LAST[] =
    "SELECT max(coalesce(cmd, id)) FROM audit WHERE actor = ?1"
    " AND action <> 'undo' AND NOT (entity = 'task' AND action = 'create'"
    "  AND json_extract(detail, '$.series') IS NOT NULL)"
    " AND coalesce(cmd, id) NOT IN"
    " (SELECT CAST(json_extract(detail, '$.undo') AS BIGINT) FROM audit"
    "  WHERE actor = ?1 AND action = 'undo')";

static const char SQL_ENTRIES[] =
    "SELECT id, entity, entity_id, action, detail FROM audit"
    " WHERE actor = ?2 AND (cmd = ?1 OR (cmd IS NULL AND id = ?1))"
    " ORDER BY id DESC";

/*
 * The first change to a record after the command, leaving out the
 * actor's own commands that are undone and their undos, which put the
 * record back as the command left it.
 */
static const char SQL_SINCE[] =
    "SELECT action, actor, at FROM audit WHERE entity = ?1"
    " AND entity_id = ?2 AND id > ?3 AND NOT (actor = ?4"
    "  AND (action = 'undo' OR coalesce(cmd, id) IN"
    "  (SELECT CAST(json_extract(detail, '$.undo') AS BIGINT) FROM audit"
    "   WHERE actor = ?4 AND action = 'undo')))"
    " ORDER BY id LIMIT 1";


static const char SQL_UNMOVE[] =
    "UPDATE task SET due_date = json_extract(?2, '$.due[0]'),"
    " due_time = json_extract(?2, '$.time[0]'), moves = moves - 1"
    " WHERE id = ?1";

static const char SQL_UNMOVE_LOG[] =
    "UPDATE task_move SET undone_at = ?2 WHERE id ="
    " (SELECT max(id) FROM task_move WHERE task_id = ?1)";

/* A column as it was before (as type: TEXT, or BIGINT for an id). */
#define KEEP(k, col, type) \
    " " col " = CASE WHEN json_type(?2, '$." k "') IS NULL THEN " col \
    " ELSE CAST(json_extract(?2, '$." k "[0]') AS " type ") END"

static const char SQL_UNEDIT[] =
    "UPDATE task SET" KEEP("title", "title", "TEXT") ","
    KEEP("kind", "kind", "TEXT") "," KEEP("note", "note", "TEXT") ","
    KEEP("client", "client_id", "BIGINT") ","
    KEEP("deal", "deal_id", "BIGINT") "," KEEP("time", "due_time", "TEXT") ","
    " assignee_id = CASE WHEN json_type(?2, '$.assignee') IS NULL"
    " THEN assignee_id ELSE (SELECT id FROM person"
    " WHERE login = json_extract(?2, '$.assignee[0]')) END WHERE id = ?1";

static const char SQL_UNREOPEN[] =
    "UPDATE task SET state = json_extract(?2, '$.state[0]'),"
    " closed_at = json_extract(?2, '$.closed_at[0]'),"
    " closed_by = (SELECT id FROM person"
    "  WHERE login = json_extract(?2, '$.closed_by[0]')),"
    " recorded_at = json_extract(?2, '$.recorded_at[0]'),"
    " result = json_extract(?2, '$.result[0]'),"
    " cancel_reason = json_extract(?2, '$.cancel_reason[0]')"
    " WHERE id = ?1";

/* The head's review as it was before an accept or a return. */
#define UNREVIEW \
    " review = json_extract(?2, '$.review[0]')," \
    " review_note = json_extract(?2, '$.review_note[0]')," \
    " reviewed_by = CASE WHEN json_extract(?2, '$.review[0]') IS NULL" \
    "  THEN NULL ELSE reviewed_by END," \
    " reviewed_at = CASE WHEN json_extract(?2, '$.review[0]') IS NULL" \
    "  THEN NULL ELSE reviewed_at END"

static const char SQL_UNACCEPT[] = "UPDATE task SET" UNREVIEW
    " WHERE id = ?1";

static const char SQL_UNRETURN[] =
    "UPDATE task SET state = json_extract(?2, '$.state[0]'),"
    " closed_at = json_extract(?2, '$.closed_at[0]'),"
    " closed_by = (SELECT id FROM person"
    "  WHERE login = json_extract(?2, '$.closed_by[0]')),"
    " recorded_at = json_extract(?2, '$.recorded_at[0]'),"
    " result = json_extract(?2, '$.result[0]'),"
    KEEP("due", "due_date", "TEXT") "," KEEP("time", "due_time", "TEXT") ","
    " returns = returns - 1," UNREVIEW " WHERE id = ?1";

static const char SQL_UNCREATE[] =
    "UPDATE task SET state = 'cancelled', closed_at = ?2,"
    " closed_by = ?3, recorded_at = ?2, cancel_reason = 'undo'"
    " WHERE id = ?1 AND state = 'open'";

struct entry {
	int64_t		 id;
	char		 entity[32];
	int64_t		 eid;
	char		 action[16];
	char		*detail;
};

static void
entries_free(struct entry *e, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(e[i].detail);
	free(e);
}

static int
last_command(struct crm *crm, int64_t *cmd)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_LAST)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, crm->login);
	rc = crmi_step(st);
	*cmd = rc == CRMI_ROW ? crmi_col_int(st, 0) : 0;
	crmi_reset(st);
	if (rc != CRMI_ROW)
		return crmi_dberr(crm, rc);
	return *cmd == 0 ? crmi_err(crm, CRM_ENOENT, "nothing to undo") :
	    CRM_OK;
}

static int
load_entries(struct crm *crm, int64_t cmd, struct entry **out, size_t *n)
{
	struct crmi_stmt	*st;
	struct entry		*e = NULL, *v;
	int			 rc;

	*n = 0;
	if ((st = crmi_stmt(crm, SQL_ENTRIES)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, cmd);
	crmi_bind_str(st, 2, crm->login);
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((v = reallocarray(e, *n + 1, sizeof(*e))) == NULL)
			break;
		e = v;
		v = &e[(*n)++];
		v->id = crmi_col_int(st, 0);
		strlcpy(v->entity, crmi_col_text(st, 1),
		    sizeof(v->entity));
		v->eid = crmi_col_int(st, 2);
		strlcpy(v->action, crmi_col_text(st, 3),
		    sizeof(v->action));
		v->detail = crmi_col_dup(st, 4);
	}
	crmi_reset(st);
	*out = e;
	if (rc == CRMI_ROW)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/* A time of the log as people read it (crmi_date_people), into buf. */
static const char *
people_time(const char *stamp, char *buf, size_t sz)
{
	crmi_date_people(stamp != NULL ? stamp : "", buf, sz);
	return buf;
}

/* Whether entry e can be taken back: a task, untouched since. */
static int
check(struct crm *crm, const struct entry *e, int64_t last)
{
	static const char *const ok[] = {
		"create", "done", "cancel", "move", "edit", "reopen",
		"accept", "return", NULL
	};
	const char *const	*a;
	struct crmi_stmt		*st;
	char			 at[64];
	int			 rc;

	for (a = ok; *a != NULL && strcmp(*a, e->action) != 0; a++)
		continue;
	if (strcmp(e->entity, "task") != 0 || *a == NULL)
		return crmi_err(crm, CRM_ESTATE, "your last command cannot be "
		    "undone: only changes to tasks can (%s %lld: %s)",
		    crmi_word("entity", e->entity), (long long)e->eid,
		    crmi_word("action", e->action));
	if ((st = crmi_stmt(crm, SQL_SINCE)) == NULL)
		return CRM_EDB;
	crmi_bind_str(st, 1, e->entity);
	crmi_bind_int(st, 2, e->eid);
	crmi_bind_int(st, 3, last);
	crmi_bind_str(st, 4, crm->login);
	if ((rc = crmi_step(st)) == CRMI_ROW)
		rc = crmi_err(crm, CRM_ESTATE, "task %lld has changed since "
		    "your last command: %s by %s at %s; nothing undone",
		    (long long)e->eid, crmi_word("action",
		    crmi_col_text(st, 0)), crmi_col_text(st, 1),
		    people_time(crmi_col_text(st, 2), at, sizeof(at)));
	else
		rc = rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

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

/* detail turned into *out (malloc'd); -1 when it is no such object. */
static int
turn(const char *detail, int64_t cmd, char **out)
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
			crmi_buf_free(&skip);
		} else
			p = *p == '[' ? put_turned(&b, p) : put_scalar(&b, p);
	}
	if (p == NULL || b.oom) {
		crmi_buf_free(&b);
		return -1;
	}
	if (!undone)
		crmi_buf_addf(&b, "%s\"undo\":%lld", b.len > 1 ? "," : "",
		    (long long)cmd);
	crmi_buf_add(&b, "}");
	*out = b.s;
	return b.oom ? -1 : 0;
}

/* Log the undo of e: its changes turned, or detail when given. */
static int
log_undo(struct crm *crm, const struct entry *e, int64_t cmd,
    const char *detail)
{
	char	*d = NULL;
	int	 rc;

	if (detail == NULL) {
		if (turn(e->detail, cmd, &d) == -1)
			return crmi_err(crm, CRM_EDB, "task %lld: the log's "
			    "detail is no change to undo", (long long)e->eid);
		detail = d;
	}
	rc = crmi_audit(crm, "task", e->eid, crmi_task_owner(crm, e->eid),
	    "undo", detail);
	free(d);
	return rc;
}

/* Run an UPDATE of ?1 the task and ?2 the text s. */
static int
update(struct crm *crm, const char *sql, int64_t id, const char *s)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	crmi_bind_str(st, 2, s);
	return crmi_step_done(crm, st);
}

static int
uncreate(struct crm *crm, const struct entry *e, int64_t cmd)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 d = { NULL, 0, 0, 0 };
	int			 rc;

	if ((st = crmi_stmt(crm, SQL_UNCREATE)) == NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, e->eid);
	crmi_bind_str(st, 2, crm->now);
	crmi_bind_int(st, 3, crm->actor.id);
	if ((rc = crmi_step_done(crm, st)) != CRM_OK)
		return rc;
	crmi_json_open(&d);
	crmi_json_change(&d, "state", "open", "cancelled");
	crmi_json_str(&d, "closed_at", crm->now);
	crmi_json_str(&d, "reason", "undo");
	crmi_json_int(&d, "undo", cmd);
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
	    log_undo(crm, e, cmd, d.s);
	crmi_buf_free(&d);
	return rc;
}

static int
undo_one(struct crm *crm, const struct entry *e, int64_t cmd)
{
	const char	*a = e->action;
	int		 rc;

	if (strcmp(a, "create") == 0)
		return uncreate(crm, e, cmd);
	if (strcmp(a, "done") == 0 || strcmp(a, "cancel") == 0)
		return crmi_task_reopen(crm, e->eid, "undo", cmd);
	if (strcmp(a, "move") == 0) {
		if ((rc = update(crm, SQL_UNMOVE, e->eid, e->detail)) ==
		    CRM_OK)
			rc = update(crm, SQL_UNMOVE_LOG, e->eid, crm->now);
	} else
		rc = update(crm, strcmp(a, "edit") == 0 ? SQL_UNEDIT :
		    strcmp(a, "accept") == 0 ? SQL_UNACCEPT :
		    strcmp(a, "return") == 0 ? SQL_UNRETURN : SQL_UNREOPEN,
		    e->eid, e->detail);
	return rc == CRM_OK ? log_undo(crm, e, cmd, NULL) : rc;
}

static int
undo(struct crm *crm, int64_t *cmd)
{
	struct entry	*e = NULL;
	size_t		 n, i;
	int		 rc;

	if ((rc = last_command(crm, cmd)) != CRM_OK ||
	    (rc = load_entries(crm, *cmd, &e, &n)) != CRM_OK) {
		free(e);
		return rc;
	}
	for (i = 0; i < n && rc == CRM_OK; i++)
		rc = check(crm, &e[i], e[0].id);
	for (i = 0; i < n && rc == CRM_OK; i++)
		rc = undo_one(crm, &e[i], *cmd);
	entries_free(e, n);
	return rc;
}

int
crm_undo(struct crm *crm, int64_t *cmd)
{
	int64_t	 c = 0;
	int	 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = crmi_begin(crm)) != CRM_OK)
		return rc;
	rc = crmi_end(crm, undo(crm, &c));
	if (cmd != NULL)
		*cmd = c;
	return rc;
}

static const char SQL_TITLE[] = "SELECT title FROM task WHERE id = ?1";

int
crm_undo_list(struct crm *crm, int64_t *cmd,
    int (*fn)(const struct crm_undo_item *, void *), void *arg)
{
	struct crm_undo_item	 it;
	struct crmi_stmt	*st;
	struct entry		*e = NULL;
	size_t			 n, i;
	int			 rc;

	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	if ((rc = last_command(crm, cmd)) != CRM_OK ||
	    (rc = load_entries(crm, *cmd, &e, &n)) != CRM_OK) {
		free(e);
		return rc;
	}
	for (i = 0; i < n && rc == CRM_OK; i++) {
		it.action = e[i].action;
		it.entity = e[i].entity;
		it.id = e[i].eid;
		it.title = NULL;
		if (strcmp(e[i].entity, "task") == 0 &&
		    (st = crmi_stmt(crm, SQL_TITLE)) != NULL) {
			crmi_bind_int(st, 1, e[i].eid);
			if (crmi_step(st) == CRMI_ROW)
				it.title = crmi_col_text(st, 0);
			rc = fn(&it, arg);
			crmi_reset(st);
		} else
			rc = fn(&it, arg);
	}
	entries_free(e, n);
	return rc;
}

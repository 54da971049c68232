/*
 * department.c: a whole department, history included, in one file and
 * back (crm-export -k department, crm-import -k department), so that it
 * moves between databases and between backends (SQLite, PostgreSQL) as
 * it is: every table's rows with their ids, the audit log with its
 * chain, the task moves, the deal stage history, the regulations and
 * the calendar.  The KPI's stored figures are not carried: the import
 * sums them again.
 *
 * The file is text, one record a line, fields separated by TAB:
 *
 *	crm-department	1	SCHEMA
 *	table	NAME	COLUMN...
 *	VALUE...			(the table's rows)
 *	...
 *	end	ROWS
 *
 * A value is escaped as crm_escape() escapes TSV fields, NULL is \N.
 * Tables keyed by an id come in the order of their ids; the others in
 * the byte order of their lines, so that the file is the same whichever
 * backend and collation it was written from.  SCHEMA is the schema's
 * version: a file is read by a crm of the same schema.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"
#include "domain_int.h"

#define MAGIC		"crm-department"
#define FORMAT		1
#define LINE_MAX_BYTES	(16 * 1024 * 1024)
#define NCOLS_MAX	32

/*
 * The tables carried, in an order that the foreign keys allow, and
 * their columns, in the schema's order.  order: the key the rows come
 * in, NULL: by the bytes of their lines.  self: a column naming a row of
 * the same table (a person's head), set once every row is in.
 */
static const struct dtable {
	const char	*name;
	const char	*cols;
	const char	*order;
	const char	*self;
} tables[] = {
	{ "meta", "key, value", NULL, NULL },
	{ "person", "id, login, name, role, head_id, email, active,"
	    " created_at", "id", "head_id" },
	{ "audit", "id, at, actor, entity, entity_id, owner_id, action,"
	    " detail, detail_hash, hash, cmd", "id", NULL },
	{ "task_kind", "name, need_client, need_deal, need_time, need_note,"
	    " pos", NULL, NULL },
	{ "client", "id, name, name_key, inn, phone, email, manager_id, note,"
	    " created_at, created_by", "id", NULL },
	{ "stage", "id, name, pos, outcome", "id", NULL },
	{ "deal", "id, client_id, manager_id, title, amount, profit,"
	    " close_date, stage_id, opened_at, closed_at, lost_reason,"
	    " created_by", "id", NULL },
	{ "deal_stage_log", "id, deal_id, from_stage, to_stage, at, by_id,"
	    " reason", "id", NULL },
	{ "doc", "id, deal_id, kind, number, doc_date, amount, due_date,"
	    " paid_date, created_at, created_by", "id", NULL },
	{ "task_series", "id, assignee_id, author_id, kind, title, note,"
	    " client_id, deal_id, due_time, rule, start_date, end_date,"
	    " made_until, active, created_at", "id", NULL },
	{ "task", "id, assignee_id, author_id, kind, title, note, client_id,"
	    " deal_id, due_date, due_time, first_due, state, created_at,"
	    " closed_at, closed_by, recorded_at, result, cancel_reason, moves,"
	    " series_id, imported, first_kind, review, review_note,"
	    " reviewed_by, reviewed_at, returns", "id", NULL },
	{ "task_move", "id, task_id, from_date, from_time, to_date, to_time,"
	    " at, by_id, reason, undone_at", "id", NULL },
	{ "rule", "key, value, changed_at, changed_by", NULL, NULL },
	{ "calendar", "day, working, note, source", NULL, NULL },
	{ "control", "id, day, kind, person_id, checker_id, at, findings,"
	    " note", "id", NULL },
	{ "reminder", "task_id, due, kind, sent_at", NULL, NULL },
	{ "title", "what, code, title", NULL, NULL },
};
#define NTABLES	(sizeof(tables) / sizeof(tables[0]))

/*
 * The ids made next follow those carried in: the driver moves each id
 * table's sequence on (PostgreSQL's); SQLite's takes max(id) + 1.
 */
static int
ids_in(struct crm *crm)
{
	size_t	 i;
	int	 rc;

	for (i = 0; i < NTABLES; i++)
		if (tables[i].order != NULL &&
		    strcmp(tables[i].order, "id") == 0 &&
		    (rc = crmi_ids_taken(crm, tables[i].name)) != CRM_OK)
			return rc;
	return CRM_OK;
}

/* The number of columns of a table's list. */
static int
ncols(const struct dtable *t)
{
	const char	*p;
	int		 n = 1;

	for (p = t->cols; (p = strchr(p, ',')) != NULL; p++)
		n++;
	return n;
}

/*
 * An admin takes a whole department out.  Into the department's
 * database (the tools setgid) only root brings one, as only root makes
 * that database; elsewhere whoever may write the new database.
 */
static int
may_move(struct crm *crm, int in)
{
	if (in && (crm->root || !crm->secure))
		return CRM_OK;
	if (!in && crm->actor.id != 0 && crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (in)
		return crmi_err(crm, CRM_EPERM, "only root may move a "
		    "department into the department's database");
	return crmi_err(crm, CRM_EPERM, "only an admin may export the whole "
	    "department");
}

/* ---- out ---------------------------------------------------------- */

/* The current row of st as one line, escaped, into b. */
static int
row_line(struct crmi_stmt *st, int n, struct crmi_buf *b)
{
	const char	*v;
	char		*e;
	int		 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			crmi_buf_add(b, "\t");
		if ((v = crmi_col_text(st, i)) == NULL) {
			crmi_buf_add(b, "\\N");
			continue;
		}
		if ((e = crm_escape(v)) == NULL)
			return CRM_ENOMEM;
		crmi_buf_add(b, e);
		free(e);
	}
	crmi_buf_add(b, "\n");
	return b->oom ? CRM_ENOMEM : CRM_OK;
}

static int
cmp_line(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lines sorted by their bytes, written; all freed. */
static void
put_sorted(FILE *fp, char **lines, size_t n)
{
	size_t	 i;

	if (n > 1)	/* none: lines is NULL, which qsort may not take */
		qsort(lines, n, sizeof(*lines), cmp_line);
	for (i = 0; i < n; i++) {
		fputs(lines[i], fp);
		free(lines[i]);
	}
	free(lines);
}

/* One table's header and rows to fp; *rows counts them. */
static int
table_out(struct crm *crm, const struct dtable *t, FILE *fp, int64_t *rows)
{
	struct crmi_stmt	*st;
	struct crmi_buf		 b = { NULL, 0, 0, 0 };
	char			*sql, **lines = NULL, **nl;
	size_t			 nlines = 0, i;
	int			 n = ncols(t), rc = CRM_OK, src;

	if (asprintf(&sql, "SELECT %s FROM %s%s%s", t->cols, t->name,
	    t->order != NULL ? " ORDER BY " : "",
	    t->order != NULL ? t->order : "") == -1)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	st = crmi_prepare(crm, sql);
	free(sql);
	if (st == NULL)
		return CRM_EDB;
	fprintf(fp, "table\t%s\t", t->name);
	for (i = 0; t->cols[i] != '\0'; i++)
		if (t->cols[i] != ' ')
			putc(t->cols[i] == ',' ? '\t' : t->cols[i], fp);
	putc('\n', fp);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		b.len = 0;
		if ((rc = row_line(st, n, &b)) != CRM_OK)
			break;
		(*rows)++;
		if (t->order != NULL) {
			fputs(b.s, fp);
			continue;
		}
		if ((nl = reallocarray(lines, nlines + 1,
		    sizeof(*lines))) == NULL ||
		    (nl[nlines] = strdup(b.s)) == NULL) {
			lines = nl != NULL ? nl : lines;
			rc = CRM_ENOMEM;
			break;
		}
		lines = nl;
		nlines++;
	}
	if (rc == CRM_ENOMEM)
		rc = crmi_err(crm, rc, "out of memory");
	else if (src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	crmi_finalize(crm, st);
	crmi_buf_clear(&b);
	if (rc == CRM_OK) {
		put_sorted(fp, lines, nlines);
		return CRM_OK;
	}
	for (i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	return rc;
}

int
crm_department_export(struct crm *crm, FILE *fp)
{
	int64_t	 rows = 0;
	size_t	 i;
	int	 rc;

	if ((rc = may_move(crm, 0)) != CRM_OK)
		return rc;
	/* One read transaction: the file is one state of the department. */
	rc = crmi_snapshot(crm);
	if (rc == CRM_OK)
		fprintf(fp, "%s\t%d\t%d\n", MAGIC, FORMAT,
		    crm_schema_version());
	for (i = 0; rc == CRM_OK && i < NTABLES; i++)
		rc = table_out(crm, &tables[i], fp, &rows);
	crmi_exec_quiet(crm, "COMMIT");
	if (rc != CRM_OK)
		return rc;
	fprintf(fp, "end\t%lld\n", (long long)rows);
	if (fflush(fp) == EOF || ferror(fp))
		return crmi_err(crm, CRM_EDB, "write error");
	return CRM_OK;
}

/* ---- in ----------------------------------------------------------- */

/* A person's head, set once every person is in. */
struct self {
	int64_t		 id;
	char		*ref;
};

/* What the reading of a file has got to. */
struct din {
	FILE			*fp;
	char			*line;
	size_t			 cap;
	long			 ln;
	const struct dtable	*t;		/* the table being read */
	int			 n;		/* its columns */
	int			 selfcol;	/* its self column, or -1 */
	struct crmi_stmt	*ins;		/* its insert */
	int			 copying;	/* ...or its COPY, begun */
	struct self		*self;		/* its self references */
	size_t			 nself;
	int64_t			 rows;
};

/* Split line at TABs into at most max fields; \N is NULL.  -1: bad. */
static int
split(char *line, char **f, int max)
{
	char	*p = line, *tab;
	int	 n = 0;

	for (;;) {
		if (n == max)
			return -1;
		if ((tab = strchr(p, '\t')) != NULL)
			*tab = '\0';
		if (strcmp(p, "\\N") == 0)
			f[n++] = NULL;
		else if (crm_unescape(p) == -1)
			return -1;
		else
			f[n++] = p;
		if (tab == NULL)
			return n;
		p = tab + 1;
	}
}

/* The next line without its newline; 0 at the end, -1 on error. */
static int
next_line(struct crm *crm, struct din *d, int *rc)
{
	ssize_t	 len;

	if ((*rc = crmi_line(crm, d->fp, &d->line, &d->cap, LINE_MAX_BYTES,
	    &d->ln, &len)) != CRM_OK)
		return -1;
	if (len == -1)
		return 0;
	if (len > 0 && d->line[len - 1] == '\n')
		d->line[--len] = '\0';
	return 1;
}

/* Forget the self references. */
static void
self_free(struct din *d)
{
	size_t	 i;

	for (i = 0; i < d->nself; i++)
		free(d->self[i].ref);
	free(d->self);
	d->self = NULL;
	d->nself = 0;
}

/*
 * The end of the table's COPY, if one is begun: its rows checked and
 * stored, or (abort) undone, the transaction then to be rolled back.
 */
static int
copy_end(struct crm *crm, struct din *d, int abort)
{
	char	 keep[CRMI_ERRSZ];
	int	 rc;

	if (!d->copying)
		return CRM_OK;
	d->copying = 0;
	if ((rc = crm->drv->copy_end(crm->store, abort)) == CRMI_SOK ||
	    abort)
		return CRM_OK;
	rc = crmi_dberr(crm, rc);
	memcpy(keep, crm->err, sizeof(keep));
	return crmi_err(crm, rc, "table '%s': %s", d->t->name, keep);
}

/* Set the self references of the table just read, and forget them. */
static int
self_set(struct crm *crm, struct din *d)
{
	struct crmi_stmt	*st = NULL;
	char			*sql = NULL;
	size_t			 i;
	int			 rc;

	if ((rc = copy_end(crm, d, 0)) != CRM_OK)
		return rc;
	if (d->nself > 0 && (asprintf(&sql, "UPDATE %s SET %s = ?2 WHERE"
	    " id = ?1", d->t->name, d->t->self) == -1 ||
	    (st = crmi_prepare(crm, sql)) == NULL))
		rc = sql == NULL ? crmi_err(crm, CRM_ENOMEM, "out of memory") :
		    CRM_EDB;
	for (i = 0; rc == CRM_OK && i < d->nself; i++) {
		crmi_bind_int(st, 1, d->self[i].id);
		crmi_bind_str(st, 2, d->self[i].ref);
		rc = crmi_step_done(crm, st);
	}
	free(sql);
	crmi_finalize(crm, st);
	self_free(d);
	return rc;
}

/* A "table" line: the table it names, with the columns it has here. */
static int
table_in(struct crm *crm, struct din *d, char **f, int nf)
{
	struct crmi_buf	 b = { NULL, 0, 0, 0 };
	char		*sql;
	size_t		 i;
	int		 j, rc;

	if ((rc = self_set(crm, d)) != CRM_OK)
		return rc;
	crmi_finalize(crm, d->ins);
	d->ins = NULL;
	for (i = 0; i < NTABLES && strcmp(tables[i].name, f[1]) != 0; i++)
		;
	if (i == NTABLES || &tables[i] <= d->t)
		return crmi_err(crm, CRM_EINVAL, "line %ld: unknown table "
		    "'%s', or out of its order", d->ln, f[1]);
	d->t = &tables[i];
	d->n = ncols(d->t);
	d->selfcol = -1;
	for (j = 2; j < nf; j++) {
		crmi_buf_addf(&b, "%s%s", j > 2 ? ", " : "", f[j]);
		if (d->t->self != NULL && strcmp(f[j], d->t->self) == 0)
			d->selfcol = j - 2;
	}
	if (b.oom)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if (nf - 2 != d->n || strcmp(b.s, d->t->cols) != 0)
		rc = crmi_err(crm, CRM_EINVAL, "line %ld: table '%s': the "
		    "columns are not this crm's: %s", d->ln, d->t->name,
		    d->t->cols);
	/* On a server its rows go by COPY: no round trip a row. */
	if (rc == CRM_OK && (crmi_caps(crm) & CRMI_STORE_COPY)) {
		if ((rc = crm->drv->copy_begin(crm->store, d->t->name,
		    d->t->cols, CRMI_COPY_LATEKEYS)) != CRMI_SOK)
			rc = crmi_dberr(crm, rc);
		else
			d->copying = 1;
	} else if (rc == CRM_OK) {
		b.len = 0;
		crmi_buf_addf(&b, "INSERT INTO %s (%s) VALUES (", d->t->name,
		    d->t->cols);
		for (j = 1; j <= d->n; j++)
			crmi_buf_addf(&b, "%s?%d", j > 1 ? ", " : "", j);
		crmi_buf_add(&b, ")");
		sql = b.s;
		if (b.oom)
			rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
		else if ((d->ins = crmi_prepare(crm, sql)) == NULL)
			rc = CRM_EDB;
	}
	crmi_buf_clear(&b);
	return rc;
}

/* A row of the table being read. */
static int
row_in(struct crm *crm, struct din *d, char **f, int nf)
{
	struct self	*s;
	char		 keep[CRMI_ERRSZ], *ref = NULL;
	int		 i, rc;

	if ((d->ins == NULL && !d->copying) || nf != d->n)
		return crmi_err(crm, CRM_EINVAL, "line %ld: %d fields, not "
		    "the %d of table '%s'", d->ln, nf, d->n,
		    d->t != NULL ? d->t->name : "");
	if (d->selfcol >= 0 && f[d->selfcol] != NULL) {
		if ((s = reallocarray(d->self, d->nself + 1,
		    sizeof(*s))) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		d->self = s;
		s += d->nself;
		if ((s->ref = strdup(f[d->selfcol])) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
		if (crm_id_parse(f[0], &s->id) != CRM_OK) {
			free(s->ref);
			return crmi_err(crm, CRM_EINVAL, "line %ld: invalid "
			    "id '%s'", d->ln, f[0]);
		}
		d->nself++;
	}
	/* the self column's NULL first, set when the table is read */
	if (d->selfcol >= 0) {
		ref = f[d->selfcol];
		f[d->selfcol] = NULL;
	}
	if (d->copying) {
		rc = crm->drv->copy_row(crm->store, f, nf);
		rc = rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
	} else {
		for (i = 0; i < nf; i++)
			crmi_bind_str(d->ins, i + 1, f[i]);
		rc = crmi_step_done(crm, d->ins);
	}
	if (d->selfcol >= 0)
		f[d->selfcol] = ref;
	if (rc != CRM_OK) {
		memcpy(keep, crm->err, sizeof(keep));
		return crmi_err(crm, rc, "line %ld: %s", d->ln, keep);
	}
	d->rows++;
	return CRM_OK;
}

/* The first line: this format, this schema. */
static int
header_in(struct crm *crm, struct din *d)
{
	char	 want[64];
	int	 rc;

	if (next_line(crm, d, &rc) != 1)
		return rc != CRM_OK ? rc : crmi_err(crm, CRM_EINVAL,
		    "an empty file, not a department");
	snprintf(want, sizeof(want), "%s\t%d\t%d", MAGIC, FORMAT,
	    crm_schema_version());
	if (strncmp(d->line, MAGIC "\t", sizeof(MAGIC)) != 0)
		return crmi_err(crm, CRM_EINVAL, "line 1: not a department "
		    "written by crm-export -k department");
	if (strcmp(d->line, want) != 0)
		return crmi_err(crm, CRM_EINVAL, "line 1: '%s': a department "
		    "of another version of crm, not %s", d->line, want);
	return CRM_OK;
}

/* Every line after the first, up to "end". */
static int
body_in(struct crm *crm, struct din *d)
{
	char		*f[NCOLS_MAX + 2];
	int64_t		 n;
	int		 nf, more, rc = CRM_OK;

	while ((more = next_line(crm, d, &rc)) == 1) {
		if ((nf = split(d->line, f, NCOLS_MAX + 2)) == -1)
			return crmi_err(crm, CRM_EINVAL, "line %ld: a "
			    "malformed field", d->ln);
		if (nf >= 2 && f[0] != NULL && strcmp(f[0], "table") == 0)
			rc = table_in(crm, d, f, nf);
		else if (nf == 2 && f[0] != NULL && strcmp(f[0], "end") == 0)
			break;
		else
			rc = row_in(crm, d, f, nf);
		if (rc != CRM_OK)
			return rc;
	}
	if (more != 1)
		return rc != CRM_OK ? rc : crmi_err(crm, CRM_EINVAL, "line "
		    "%ld: the file ends before its end line", d->ln);
	if (f[1] == NULL || crm_id_parse(f[1], &n) != CRM_OK || n != d->rows)
		return crmi_err(crm, CRM_EINVAL, "line %ld: %lld rows read, "
		    "the end line says '%s'", d->ln, (long long)d->rows,
		    f[1] != NULL ? f[1] : "");
	if ((more = next_line(crm, d, &rc)) != 0)
		return rc != CRM_OK ? rc : crmi_err(crm, CRM_EINVAL, "line "
		    "%ld: more after the end line", d->ln);
	return self_set(crm, d);
}

/* The new database holds nobody, and what it was made with goes. */
static int
empty_in(struct crm *crm)
{
	char	 sql[64];
	size_t	 i;
	int	 rc, n;

	if ((n = crmi_exists_id(crm, "SELECT 1 FROM person WHERE ?1 = 0"
	    " UNION ALL SELECT 1 FROM audit", 0)) == -1)
		return CRM_EDB;
	if (n == 1)
		return crmi_err(crm, CRM_EINVAL, "the database is not new: a "
		    "department moves into a database with nobody in it");
	for (i = NTABLES; i-- > 0; ) {
		if (strcmp(tables[i].name, "audit") == 0)
			continue;
		snprintf(sql, sizeof(sql), "DELETE FROM %s", tables[i].name);
		if ((rc = crmi_exec(crm, sql)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

/* The chain of the log carried in, checked: none of it may be changed. */
static int
chain_in(struct crm *crm)
{
	char	 keep[CRMI_ERRSZ];
	int64_t	 bad;
	int	 rc;

	if ((rc = crmi_audit_check(crm, &bad)) != CRM_OK || bad == 0)
		return rc;
	memcpy(keep, crm->err, sizeof(keep));
	return crmi_err(crm, CRM_EINVAL, "the audit log does not verify: "
	    "%s; nothing was imported", keep);
}

int
crm_department_import(struct crm *crm, FILE *fp, int64_t *rows)
{
	struct din	 d;
	char		*keep;
	int		 rc;

	*rows = 0;
	if ((rc = may_move(crm, 1)) != CRM_OK)
		return rc;
	memset(&d, 0, sizeof(d));
	/* All is read before the lock is taken. */
	if ((d.fp = crmi_spool(crm, fp, &keep)) == NULL)
		return CRM_EDB;
	if ((rc = header_in(crm, &d)) == CRM_OK &&
	    (rc = crmi_begin(crm)) == CRM_OK) {
		if ((rc = empty_in(crm)) == CRM_OK &&
		    (rc = body_in(crm, &d)) == CRM_OK &&
		    (rc = chain_in(crm)) == CRM_OK &&
		    (rc = ids_in(crm)) == CRM_OK)
			rc = crmi_exec(crm, crmi_sql_kpifill);
		(void)copy_end(crm, &d, 1);	/* a COPY left by a failure */
		crmi_finalize(crm, d.ins);
		d.ins = NULL;
		rc = crmi_end(crm, rc);
	}
	self_free(&d);
	crmi_finalize(crm, d.ins);
	free(d.line);
	fclose(d.fp);
	free(keep);
	if (rc == CRM_OK)
		*rows = d.rows;
	return rc;
}

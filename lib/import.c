/*
 * import.c: bring the records of an old system in from CSV: people,
 * clients, deals, documents and tasks with their history.  This file
 * reads the CSV and holds what every kind shares; import_people.c,
 * import_sales.c and import_tasks.c read the rows of each kind.
 *
 * An import is one transaction: the first bad row stops it, nothing is
 * written, and the message names the line, the column and the value.
 * Records keep their own dates; each gets one audit entry "import" by
 * the person who ran it.  Statements are prepared once (crmi_stmt) and
 * logins and clients are looked up once each, so that 100,000 rows take
 * seconds.
 */
#include <stdlib.h>
#include <string.h>

#include "import_int.h"

/* ---- small helpers --------------------------------------------------- */

/* The value of column c in this row; NULL when absent or empty. */
const char *
crmi_imp_val(const struct crmi_imp *im, int c)
{
	int	 p = im->pos[c];

	if (p < 0 || (size_t)p >= im->nf || im->f[p][0] == '\0')
		return NULL;
	return im->f[p];
}

/* The string members of a record from this row (import_int.h). */
void
crmi_imp_rec(const struct crmi_imp *im, const struct crmi_rec *r, void *rec,
    size_t size)
{
	const struct crmi_field	*f;
	size_t			 i;

	memset(rec, 0, size);
	for (i = 0; i < r->nf && i < r->ncols; i++) {
		f = &r->f[i];
		if (f->type == CRMI_F_STR && !(r->cols[i].flags & CRM_COL_OUT))
			*(const char **)(void *)((char *)rec + f->off) =
			    crmi_imp_val(im, (int)i);
	}
}

/* Prefix the handle's message with the line and the column. */
int
crmi_imp_fail(struct crmi_imp *im, int c, int rc)
{
	char	 msg[CRMI_ERRSZ];

	strlcpy(msg, im->crm->err, sizeof(msg));
	return crmi_err(im->crm, rc, "line %ld: column '%s': %s", im->line,
	    im->as[c], msg);
}

/* A message for column c with its value. */
int
crmi_imp_bad(struct crmi_imp *im, int c, const char *what)
{
	const char	*v = crmi_imp_val(im, c);

	return crmi_err(im->crm, CRM_EINVAL, "line %ld: column '%s': %s "
	    "'%s'", im->line, im->as[c], _(what), v != NULL ? v : "");
}

/* A time of record is never later than now, whoever imports it. */
static int
future(struct crmi_imp *im, int c, const char *stamp)
{
	if (strcmp(stamp, im->crm->now) > 0)
		return crmi_imp_bad(im, c, N_("a time of record cannot be "
		    "later than now, not"));
	return CRM_OK;
}

/*
 * A timestamp: YYYY-MM-DD, YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (or
 * with a T), kept as YYYY-MM-DD HH:MM:SS; the import's time when empty.
 */
int
crmi_imp_stamp(struct crmi_imp *im, int c, char out[20])
{
	const char	*v = crmi_imp_val(im, c);
	char		 d[11], t[6];
	size_t		 n;
	int		 x;

	if (v == NULL) {
		memcpy(out, im->crm->now, 20);
		return CRM_OK;
	}
	n = strlen(v);
	if (n != 10 && n != 16 && n != 19)
		return crmi_imp_bad(im, c, N_("invalid time"));
	memcpy(d, v, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &x) != CRM_OK)
		return crmi_imp_bad(im, c, N_("invalid time"));
	snprintf(out, 20, "%s 00:00:00", d);
	if (n == 10)
		return future(im, c, out);
	memcpy(t, v + 11, 5);
	t[5] = '\0';
	if ((v[10] != ' ' && v[10] != 'T') || crm_time_parse(t, &x) != CRM_OK)
		return crmi_imp_bad(im, c, N_("invalid time"));
	if (n == 19 && (v[16] != ':' || v[17] < '0' || v[17] > '5' ||
	    v[18] < '0' || v[18] > '9'))
		return crmi_imp_bad(im, c, N_("invalid time"));
	snprintf(out, 20, "%s %s:%s", d, t, n == 19 ? v + 17 : "00");
	return future(im, c, out);
}

/*
 * History is an admin's to import: anyone else's value in column c is
 * refused, so that a head cannot record work as done in the past.
 */
int
crmi_imp_history(struct crmi_imp *im, int c)
{
	if (im->crm->actor.role == CRM_ROLE_ADMIN ||
	    crmi_imp_val(im, c) == NULL)
		return CRM_OK;
	return crmi_imp_bad(im, c, N_("only an admin imports history, "
	    "not"));
}

int
crmi_imp_money(struct crmi_imp *im, int c, int64_t min, int64_t *k)
{
	const char	*v = crmi_imp_val(im, c);

	*k = 0;
	if (v == NULL)
		return CRM_OK;
	if (crm_money_parse(v, k) != CRM_OK || *k < min)
		return crmi_imp_bad(im, c, N_("invalid amount"));
	return CRM_OK;
}

/*
 * Whether id is used in each table that takes an imported one: held, or
 * named by the log (a client merged away), since two records under one
 * id would be one history in crm-log; and whether the table ever held a
 * record at all.
 */
#define ID_USED(t) "SELECT 1 WHERE EXISTS (SELECT 1 FROM " t " WHERE" \
    " id = ?1) OR EXISTS (SELECT 1 FROM audit WHERE entity = '" t "'" \
    " AND entity_id = ?1)"
#define ID_EVER(t) "SELECT 1 WHERE EXISTS (SELECT 1 FROM " t ") OR" \
    " EXISTS (SELECT 1 FROM audit WHERE entity = '" t "') AND ?1 = ?1"
static const char *const used_sql[][3] = {
	{ "client", ID_USED("client"), ID_EVER("client") },
	{ "deal", ID_USED("deal"), ID_EVER("deal") },
	{ "doc", ID_USED("doc"), ID_EVER("doc") },
	{ "task", ID_USED("task"), ID_EVER("task") },
};

/*
 * Whether the import may keep the ids of its file: only an admin's, and
 * only into a table that never held a record, the department filled anew
 * from another crm's files (crm-export(1)).  Anywhere else a number from
 * the file would jump the sequence every later record takes its id from,
 * or be another system's number taken for crm's: 1 yes, 0 no, -1 a
 * database error.  Asked once, at the import's first id.
 */
static int
keep_ids(struct crmi_imp *im, const char *ever)
{
	int	 held;

	if (im->keepids != -1)
		return im->keepids;
	if (im->crm->actor.role != CRM_ROLE_ADMIN)
		return im->keepids = 0;
	if ((held = crmi_exists_id(im->crm, ever, 0)) == -1)
		return -1;
	return im->keepids = !held;
}

/* An id column: a positive number never used in table. */
int
crmi_imp_id(struct crmi_imp *im, int c, const char *table, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);
	size_t		 i;
	int		 used, keep;

	*id = 0;
	if (v == NULL)
		return CRM_OK;
	if (crm_id_parse(v, &*id) != CRM_OK)
		return crmi_imp_bad(im, c, N_("invalid id"));
	for (i = 0; i < sizeof(used_sql) / sizeof(used_sql[0]) &&
	    strcmp(used_sql[i][0], table) != 0; i++)
		continue;
	if (i == sizeof(used_sql) / sizeof(used_sql[0]))
		return crmi_err(im->crm, CRM_EINVAL, "no ids kept for '%s'",
		    table);
	/* A task import by COPY into a table that held none knows its
	 * own ids (import_tasks.c): none other is in the table. */
	if (im->copy != NULL && im->keepids == 1)
		used = 0;
	else if ((used = crmi_exists_id(im->crm, used_sql[i][1], *id)) == -1)
		return CRM_EDB;
	if (used)
		return crmi_imp_bad(im, c, N_("id already used"));
	if ((keep = keep_ids(im, used_sql[i][2])) == -1)
		return CRM_EDB;
	return keep ? CRM_OK : crmi_imp_bad(im, c, N_("ids are kept only in "
	    "an admin's import into an empty table; leave the column out "
	    "(-L id=) to have new ones, not"));
}

/*
 * Whether name (a person's full name, folded) is who v (folded) names:
 * the same words in any order ("Пётр Иванов" for "Иванов Пётр"), or v
 * one word, the first of name, as a Russian full name puts the surname.
 */
static int
names(const char *name, const char *v)
{
	char	 nw[8][64], vw[8][64], buf[256], *p, *w;
	int	 nn = 0, nv = 0, i, j, hit;

	strlcpy(buf, name, sizeof(buf));
	for (p = buf; nn < 8 && (w = strsep(&p, " ")) != NULL;)
		if (*w != '\0')
			strlcpy(nw[nn++], w, sizeof(nw[0]));
	strlcpy(buf, v, sizeof(buf));
	for (p = buf; nv < 8 && (w = strsep(&p, " ")) != NULL;)
		if (*w != '\0')
			strlcpy(vw[nv++], w, sizeof(vw[0]));
	if (nv == 1 && nn > 0 && strcmp(vw[0], nw[0]) == 0)
		return 1;
	if (nv != nn || nn == 0)
		return 0;
	for (i = 0; i < nv; i++) {
		for (hit = 0, j = 0; j < nn && !hit; j++)
			hit = strcmp(vw[i], nw[j]) == 0;
		if (!hit)
			return 0;
	}
	return 1;
}

/*
 * An active person whose full name or surname is v, when exactly one
 * is (names()), into *id; status, with the message.
 */
static int
person_named(struct crmi_imp *im, int c, const char *v, int64_t *id)
{
	struct crmi_stmt	*st;
	char			*fv, *fn;
	int			 n = 0, rc;

	if ((st = crmi_stmt(im->crm, "SELECT id, name FROM person "
	    "WHERE active = 1 ORDER BY id")) == NULL)
		return CRM_EDB;
	if ((fv = crmi_fold(v)) == NULL)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if ((fn = crmi_fold(crmi_col_text(st, 1))) == NULL)
			break;
		if (names(fn, fv) && n++ == 0)
			*id = crmi_col_int(st, 0);
		free(fn);
	}
	free(fv);
	crmi_reset(st);
	if (n == 1)
		return CRM_OK;
	return crmi_imp_bad(im, c, n == 0 ? N_("no such person") :
	    N_("more than one person has the name"));
}

/* An active person by login, or by name (person_named); looked up once. */
int
crmi_imp_person(struct crmi_imp *im, int c, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);
	int		 login, rc;

	if (crmi_map_get(&im->people, v, id))
		return CRM_OK;
	if ((login = crmi_exists(im->crm, "SELECT 1 FROM person "
	    "WHERE login = ?1", v)) == -1)
		return CRM_EDB;
	if (!login && (rc = person_named(im, c, v, id)) != CRM_OK)
		return rc;
	if (login && (*id = crmi_person_id(im->crm, v)) == 0)
		return crmi_imp_bad(im, c, N_("no such person"));
	if (crmi_map_put(&im->people, v, *id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* Whether the actor may import the work of person id. */
int
crmi_imp_may(struct crmi_imp *im, int c, int64_t id)
{
	if (im->crm->actor.role == CRM_ROLE_ADMIN)
		return CRM_OK;
	if (crm_may_act(im->crm, id) != CRM_OK)
		return crmi_imp_fail(im, c, CRM_EPERM);
	return CRM_OK;
}

int
crmi_imp_audit(struct crmi_imp *im, const char *entity, int64_t id,
    int64_t owner)
{
	struct crmi_buf	 d = { NULL, 0, 0, 0 };
	int		 c, rc;

	crmi_json_open(&d);
	crmi_json_int(&d, "line", im->line);
	for (c = 0; (size_t)c < im->ncols; c++)
		if (!(im->cols[c].flags & (CRM_COL_OUT | CRM_COL_VIEW)))
			crmi_json_str(&d, im->cols[c].name,
			    crmi_imp_val(im, c));
	if (im->backdated != NULL)
		crmi_json_str(&d, "backdated", im->backdated);
	im->backdated = NULL;
	crmi_json_close(&d);
	if (d.oom)
		rc = crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	else if (im->copy != NULL)	/* a task by COPY: its entry too */
		rc = crmi_imp_copy_audit(im, entity, id, owner, d.s);
	else
		rc = crmi_audit(im->crm, entity, id, owner, "import", d.s);
	crmi_buf_clear(&d);
	return rc;
}

int
crmi_imp_text(struct crmi_imp *im, int c)
{
	if (crmi_check_text(im->crm, im->as[c], crmi_imp_val(im, c),
	    im->cols[c].max, 0, (im->cols[c].flags & CRM_COL_LINES) != 0) !=
	    CRM_OK)
		return crmi_imp_fail(im, c, CRM_EINVAL);
	return CRM_OK;
}

int
crmi_imp_ref(const struct crmi_imp *im, int c_id, int c)
{
	return crmi_imp_val(im, c_id) != NULL ? c_id : c;
}

/* ---- lookups --------------------------------------------------------- */

/*
 * A client as every tool finds it (crm_client_find), so that what the
 * caller may not see is "no such client" here too, and one the caller
 * may add to (crmi_client_attach); looked up once per import.
 */
int
crmi_imp_client(struct crmi_imp *im, int c, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);
	int		 rc;

	if (crmi_map_get(&im->clients, v, id))
		return CRM_OK;
	if ((rc = crm_client_find(im->crm, v, id)) != CRM_OK ||
	    (rc = crmi_client_attach(im->crm, *id)) != CRM_OK)
		return rc == CRM_EINVAL || rc == CRM_ENOENT ||
		    rc == CRM_EPERM ? crmi_imp_fail(im, c, rc) : rc;
	if (crmi_map_put(&im->clients, v, *id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* A deal as every tool finds it (crm_deal_find); looked up once. */
int
crmi_imp_deal(struct crmi_imp *im, int c, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);
	int		 rc;

	if (crmi_map_get(&im->deals, v, id))
		return CRM_OK;
	if ((rc = crm_deal_find(im->crm, v, id)) != CRM_OK)
		return rc == CRM_EINVAL || rc == CRM_ENOENT ?
		    crmi_imp_fail(im, c, rc) : rc;
	if (crmi_map_put(&im->deals, v, *id) == -1)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	return CRM_OK;
}

/* ---- the file -------------------------------------------------------- */

static const struct crmi_imp_kind kinds[] = {
	{ "people", crmi_import_people },
	{ "clients", crmi_import_clients },
	{ "deals", crmi_import_deals },
	{ "docs", crmi_import_docs },
	{ "tasks", crmi_import_tasks },
};

/*
 * The column NAME_id of a kind that names a record by NAME as well
 * (client_id beside client): either one gives the record; -1 if none.
 */
static int
twin(const struct crmi_imp *im, int c)
{
	char	 id[64];
	size_t	 i;

	snprintf(id, sizeof(id), "%s_id", im->cols[c].name);
	for (i = 0; i < im->ncols; i++)
		if (strcmp(im->cols[i].name, id) == 0)
			return (int)i;
	return -1;
}

/* Whether required column c (or its twin) is in the header. */
static int
given(const struct crmi_imp *im, int c)
{
	int	 t = twin(im, c);

	return im->pos[c] != -1 || (t != -1 && im->pos[t] != -1);
}

/* Whether required column c (or its twin) has a value in this row. */
static int
filled(const struct crmi_imp *im, int c)
{
	int	 t = twin(im, c);

	return crmi_imp_val(im, c) != NULL ||
	    (t != -1 && crmi_imp_val(im, t) != NULL);
}

/* Map the header's names to the kind's columns; all required there. */
static int
header(struct crmi_imp *im)
{
	int	 c, rc;

	if ((rc = crmi_imp_header(im)) != CRM_OK)
		return rc;
	for (c = 0; (size_t)c < im->ncols; c++)
		if ((im->cols[c].flags & CRM_COL_REQ) && !given(im, c))
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "missing column '%s' for %s", im->line,
			    im->cols[c].name, im->k->name);
	return CRM_OK;
}

/*
 * A date as Russian Excel writes it, DD.MM.YYYY (a time may follow),
 * turned in place into YYYY-MM-DD, which every reader of a date takes.
 */
static void
ru_date(char *v)
{
	char	 d[10];
	int	 i;

	for (i = 0; i < 10; i++)
		if (v[i] == '\0' || ((i == 2 || i == 5) ? v[i] != '.' :
		    (v[i] < '0' || v[i] > '9')))
			return;
	if (v[10] != '\0' && v[10] != ' ')
		return;
	memcpy(d, v + 6, 4);
	d[4] = '-';
	memcpy(d + 5, v + 3, 2);
	d[7] = '-';
	memcpy(d + 8, v, 2);
	memcpy(v, d, 10);
}

/* A line break inside a quoted field is kept as one newline. */
static void
crlf(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++)
		if (s[0] != '\r' || s[1] != '\n')
			*o++ = *s;
	*o = '\0';
}

/* One record: the right number of fields, the required ones set. */
static int
record(struct crmi_imp *im, size_t width)
{
	size_t	 i;
	int	 c;

	for (i = 0; i < im->nf; i++)
		if (strchr(im->f[i], '\r') != NULL)
			crlf(im->f[i]);
	for (c = 0; (size_t)c < im->ncols; c++)
		if (im->cols[c].type == CRM_COL_DATE && im->pos[c] != -1 &&
		    (size_t)im->pos[c] < im->nf)
			ru_date(im->f[im->pos[c]]);

	if (im->nf != width)
		return crmi_err(im->crm, CRM_EINVAL, "line %ld: %zu fields, "
		    "the header has %zu", im->line, im->nf, width);
	for (c = 0; (size_t)c < im->ncols; c++)
		if ((im->cols[c].flags & CRM_COL_REQ) && !filled(im, c))
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: column "
			    "'%s': missing value", im->line, im->as[c]);
	for (c = 0; (size_t)c < im->ncols; c++)
		if ((im->cols[c].flags & CRM_COL_HIST) &&
		    crmi_imp_history(im, c) != CRM_OK)
			return CRM_EINVAL;
	return im->k->row(im);
}

/*
 * Keep the message of a line a dry run refuses, with the first ones,
 * and undo what the line wrote, so that the next line is read as the
 * import would read it.
 */
static int
refused(struct crmi_imp *im, int rc)
{
	struct crm_import_check	*k = im->chk;

	if (rc != CRM_EINVAL && rc != CRM_ENOENT && rc != CRM_EPERM)
		return rc;
	if (k->nprob < CRM_IMPORT_NPROB)
		strlcpy(k->prob[k->nprob++], im->crm->err,
		    sizeof(k->prob[0]));
	k->bad++;
	return crmi_exec(im->crm, "ROLLBACK TO SAVEPOINT crm_import_line");
}

/* One record; in a dry run, undone alone when refused (refused()). */
static int
line(struct crmi_imp *im, size_t width, int dry)
{
	int	 rc;

	if (!dry)
		return record(im, width);
	if ((rc = crmi_exec(im->crm, "SAVEPOINT crm_import_line")) != CRM_OK)
		return rc;
	if ((rc = record(im, width)) != CRM_OK)
		return refused(im, rc);
	return crmi_exec(im->crm, "RELEASE SAVEPOINT crm_import_line");
}

static int
read_all(struct crmi_imp *im, struct crm_csv *csv, int dry, int64_t *count)
{
	size_t	 width = 0, i;
	int64_t	 bad;
	int	 rc;

	for (;;) {
		if ((rc = crm_csv_next(csv, &im->f, &im->nf)) != CRM_OK)
			return crmi_err(im->crm, rc, "line %ld: %s",
			    crm_csv_line(csv), crm_csv_error(csv));
		if (im->f == NULL)
			break;
		/* A spreadsheet's no-break space is a space (issue 27). */
		for (i = 0; i < im->nf; i++)
			crmi_nbsp_space(im->f[i]);
		im->line = crm_csv_line(csv);
		if (width == 0) {
			width = im->nf;
			if ((rc = header(im)) != CRM_OK)
				return rc;
			continue;
		}
		bad = im->chk->bad;
		if ((rc = line(im, width, dry)) != CRM_OK)
			return rc;
		if (im->chk->bad == bad)
			(*count)++;
	}
	if (width == 0)
		return crmi_err(im->crm, CRM_EINVAL, "no header line");
	return CRM_OK;
}

int
crm_import(struct crm *crm, const char *kind, FILE *fp, int64_t *count)
{
	struct crm_import_sum	 sum;
	int			 rc;

	if ((rc = crm_import_sum(crm, kind, fp, &sum)) == CRM_OK &&
	    count != NULL)
		*count = sum.records;
	return rc;
}

int
crm_import_sum(struct crm *crm, const char *kind, FILE *fp,
    struct crm_import_sum *sum)
{
	return crm_import_with(crm, kind, fp, NULL, sum, NULL);
}

/* The kind's reader, or the message. */
static int
kind_of(struct crmi_imp *im, const char *kind)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].name) == 0)
			im->k = &kinds[i];
	if (im->k == NULL || (im->cols = crmi_kind_cols(kind, &im->ncols)) ==
	    NULL)
		return crmi_err(im->crm, CRM_EINVAL, "unknown kind '%s': "
		    "people, clients, deals, docs, tasks or department",
		    kind ? kind : "");
	if (im->crm->actor.role != CRM_ROLE_ADMIN &&
	    im->crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(im->crm, CRM_EPERM, "only an admin or a head "
		    "imports");
	return CRM_OK;
}

/* The file read in one transaction, kept unless a dry run or refused. */
static int
transact(struct crmi_imp *im, FILE *in, int dry, int64_t *n)
{
	struct crm_csv	*csv;
	int		 rc;

	if ((csv = crm_csv_open(in)) == NULL)
		return crmi_err(im->crm, CRM_ENOMEM, "out of memory");
	if ((rc = crmi_begin(im->crm)) == CRM_OK) {
		if ((rc = crmi_bulk_begin(im->crm)) == CRM_OK &&
		    (dry || (rc = crmi_imp_copy_open(im)) == CRM_OK))
			rc = crmi_imp_copy_close(im, read_all(im, csv, dry, n));
		if (rc == CRM_OK && im->chk->bad > 0)
			rc = crmi_err(im->crm, CRM_EINVAL, "%s",
			    im->chk->prob[0]);
		else if (rc == CRM_EINVAL && im->chk->nprob == 0) {
			/* The file itself: its header, its CSV. */
			strlcpy(im->chk->prob[im->chk->nprob++],
			    im->crm->err, sizeof(im->chk->prob[0]));
			im->chk->bad++;
		}
		/* A dry run rolls back whatever it found. */
		if (dry)
			(void)crmi_end(im->crm, CRM_EINVAL);
		else
			rc = crmi_end(im->crm, rc);
	}
	crm_csv_close(csv);
	return rc;
}

int
crm_import_with(struct crm *crm, const char *kind, FILE *fp,
    const struct crm_import_opt *opt, struct crm_import_sum *sum,
    struct crm_import_check *chk)
{
	static const struct crm_import_opt none;
	struct crm_import_check	 own;
	struct crmi_imp		 im;
	FILE			*in;
	char			*text = NULL;
	size_t			 len;
	int64_t			 n = 0;
	int			 rc;

	if (opt == NULL)
		opt = &none;
	memset(sum, 0, sizeof(*sum));
	memset(&im, 0, sizeof(im));
	im.crm = crm;
	im.map = opt->map;
	im.keepids = -1;
	im.chk = chk != NULL ? chk : &own;
	memset(im.chk, 0, sizeof(*im.chk));
	if ((rc = kind_of(&im, kind)) != CRM_OK ||
	    (rc = crmi_imp_decode(crm, fp, opt->charset, &text, &len,
	    im.chk->charset)) != CRM_OK) {
		free(text);
		return rc;
	}
	if ((in = fmemopen(text, len > 0 ? len : 1, "r")) == NULL)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else {
		if (len == 0)
			(void)getc(in);		/* an empty file is empty */
		rc = transact(&im, in, opt->dry, &n);
		fclose(in);
	}
	free(text);
	free(im.heads);
	crmi_map_clear(&im.people);
	crmi_map_clear(&im.clients);
	crmi_map_clear(&im.kinds);
	crmi_map_clear(&im.deals);
	crmi_map_clear(&im.dealcl);
	crmi_map_clear(&im.need);
	if (rc == CRM_OK || opt->dry) {
		sum->records = n;
		sum->noreason = im.noreason;
	}
	return rc;
}

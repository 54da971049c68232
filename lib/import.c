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
	    "'%s'", im->line, im->as[c], what, v != NULL ? v : "");
}

/* A time of record is never later than now, whoever imports it. */
static int
future(struct crmi_imp *im, int c, const char *stamp)
{
	if (strcmp(stamp, im->crm->now) > 0)
		return crmi_imp_bad(im, c, "a time of record cannot be later "
		    "than now, not");
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
		return crmi_imp_bad(im, c, "invalid time");
	memcpy(d, v, 10);
	d[10] = '\0';
	if (crm_date_iso(d, &x) != CRM_OK)
		return crmi_imp_bad(im, c, "invalid time");
	snprintf(out, 20, "%s 00:00:00", d);
	if (n == 10)
		return future(im, c, out);
	memcpy(t, v + 11, 5);
	t[5] = '\0';
	if ((v[10] != ' ' && v[10] != 'T') || crm_time_parse(t, &x) != CRM_OK)
		return crmi_imp_bad(im, c, "invalid time");
	if (n == 19 && (v[16] != ':' || v[17] < '0' || v[17] > '5' ||
	    v[18] < '0' || v[18] > '9'))
		return crmi_imp_bad(im, c, "invalid time");
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
	return crmi_imp_bad(im, c, "only an admin imports history, not");
}

int
crmi_imp_money(struct crmi_imp *im, int c, int64_t min, int64_t *k)
{
	const char	*v = crmi_imp_val(im, c);

	*k = 0;
	if (v == NULL)
		return CRM_OK;
	if (crm_money_parse(v, k) != CRM_OK || *k < min)
		return crmi_imp_bad(im, c, "invalid amount");
	return CRM_OK;
}

/*
 * Whether id is used in each table that takes an imported one: held, or
 * named by the log (a client merged away), since two records under one
 * id would be one history in crm-log.
 */
#define ID_USED(t) "SELECT 1 WHERE EXISTS (SELECT 1 FROM " t " WHERE" \
    " id = ?1) OR EXISTS (SELECT 1 FROM audit WHERE entity = '" t "'" \
    " AND entity_id = ?1)"
static const char *const used_sql[][2] = {
	{ "client", ID_USED("client") },
	{ "deal", ID_USED("deal") },
	{ "doc", ID_USED("doc") },
	{ "task", ID_USED("task") },
};

/* An id column: a positive number never used in table. */
int
crmi_imp_id(struct crmi_imp *im, int c, const char *table, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);
	size_t		 i;
	int		 used;

	*id = 0;
	if (v == NULL)
		return CRM_OK;
	if (crm_id_parse(v, &*id) != CRM_OK)
		return crmi_imp_bad(im, c, "invalid id");
	for (i = 0; i < sizeof(used_sql) / sizeof(used_sql[0]) &&
	    strcmp(used_sql[i][0], table) != 0; i++)
		continue;
	if (i == sizeof(used_sql) / sizeof(used_sql[0]))
		return crmi_err(im->crm, CRM_EINVAL, "no ids kept for '%s'",
		    table);
	if ((used = crmi_exists_id(im->crm, used_sql[i][1], *id)) == -1)
		return CRM_EDB;
	return used ? crmi_imp_bad(im, c, "id already used") : CRM_OK;
}

/* An active person by login, looked up once. */
int
crmi_imp_person(struct crmi_imp *im, int c, int64_t *id)
{
	const char	*v = crmi_imp_val(im, c);

	if (crmi_map_get(&im->people, v, id))
		return CRM_OK;
	if ((*id = crmi_person_id(im->crm, v)) == 0)
		return crmi_imp_bad(im, c, "no such person");
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
	crmi_json_close(&d);
	rc = d.oom ? crmi_err(im->crm, CRM_ENOMEM, "out of memory") :
	    crmi_audit(im->crm, entity, id, owner, "import", d.s);
	crmi_buf_free(&d);
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

/* A deal as every tool finds it (crm_deal_find). */
int
crmi_imp_deal(struct crmi_imp *im, int c, int64_t *id)
{
	int	 rc;

	if ((rc = crm_deal_find(im->crm, crmi_imp_val(im, c), id)) != CRM_OK)
		return rc == CRM_EINVAL || rc == CRM_ENOENT ?
		    crmi_imp_fail(im, c, rc) : rc;
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

/* Map the header's names to the kind's columns. */
static int
header(struct crmi_imp *im)
{
	size_t	 i;
	int	 c;

	for (c = 0; c < CRMI_IMP_NCOLS; c++)
		im->pos[c] = -1;
	for (c = 0; (size_t)c < im->ncols; c++)
		im->as[c] = im->cols[c].name;
	for (i = 0; i < im->nf; i++) {
		for (c = 0; (size_t)c < im->ncols; c++)
			if (strcmp(im->f[i], im->cols[c].name) == 0 ||
			    (im->cols[c].old != NULL &&
			    strcmp(im->f[i], im->cols[c].old) == 0))
				break;
		if ((size_t)c == im->ncols)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "unknown column '%s' for %s (see crm-import(1))",
			    im->line, im->f[i], im->k->name);
		if (im->pos[c] != -1)
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "column '%s' twice", im->line, im->f[i]);
		im->pos[c] = (int)i;
		if (strcmp(im->f[i], im->cols[c].name) != 0)
			im->as[c] = im->cols[c].old;
	}
	for (c = 0; (size_t)c < im->ncols; c++)
		if ((im->cols[c].flags & CRM_COL_REQ) && !given(im, c))
			return crmi_err(im->crm, CRM_EINVAL, "line %ld: "
			    "missing column '%s' for %s", im->line,
			    im->cols[c].name, im->k->name);
	return CRM_OK;
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

static int
read_all(struct crmi_imp *im, struct crm_csv *csv, int64_t *count)
{
	size_t	 width = 0, i;
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
		if ((rc = record(im, width)) != CRM_OK)
			return rc;
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
	struct crmi_imp	 im;
	struct crm_csv	*csv;
	size_t		 i;
	int64_t		 n = 0;
	char		*keep;
	int		 rc;

	memset(&im, 0, sizeof(im));
	im.crm = crm;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].name) == 0)
			im.k = &kinds[i];
	if (im.k == NULL || (im.cols = crmi_kind_cols(kind, &im.ncols)) ==
	    NULL)
		return crmi_err(crm, CRM_EINVAL, "unknown kind '%s': people, "
		    "clients, deals, docs, tasks or department",
		    kind ? kind : "");
	if (crm->actor.role != CRM_ROLE_ADMIN &&
	    crm->actor.role != CRM_ROLE_HEAD)
		return crmi_err(crm, CRM_EPERM, "only an admin or a head "
		    "imports");
	/* All is read before the lock is taken. */
	if ((fp = crmi_spool(crm, fp, &keep)) == NULL)
		return CRM_EDB;
	if ((csv = crm_csv_open(fp)) == NULL)
		rc = crmi_err(crm, CRM_ENOMEM, "out of memory");
	else if ((rc = crmi_begin(crm)) == CRM_OK)
		rc = crmi_end(crm, read_all(&im, csv, &n));
	if (csv != NULL)
		crm_csv_close(csv);
	fclose(fp);
	free(keep);
	crmi_map_free(&im.people);
	crmi_map_free(&im.clients);
	if (rc == CRM_OK) {
		sum->records = n;
		sum->noreason = im.noreason;
	}
	return rc;
}

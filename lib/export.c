/*
 * export.c: write the records crm_import() reads, as the same CSV (so
 * that import, export and import again give the same data) or as JSON
 * Lines, each kind in the columns of its table (recout.c, taskout.c),
 * the same keys as its listing tool's.  Records keep their ids, and
 * deals, documents and tasks name their client and deal by id, so a
 * whole database moves in five files: people, clients, deals, docs,
 * tasks, imported in that order.
 */
#include <stdlib.h>
#include <string.h>

#include "records_int.h"
#include "sales_int.h"
#include "task_int.h"

/*
 * Each kind's query: a record's fields, as its listing selects them
 * (records_int.h); a task's, as the views select them (task_int.h).
 * ?1 the actor sees everything, ?2 the actor, ?3 the actor's team.
 */
static const char SQL_PEOPLE[] = CRMI_PERSON_SELECT
    "WHERE ?1 = 1 OR p.id = ?2 OR p.head_id = ?3 ORDER BY p.id";
static const char SQL_CLIENTS[] = CRMI_CLIENT_SELECT
    "WHERE ?1 = 1 OR m.id = ?2 OR m.head_id = ?3 ORDER BY c.id";
static const char SQL_DEALS[] = CRMI_DEAL_SELECT
    "WHERE ?1 = 1 OR m.id = ?2 OR m.head_id = ?3 ORDER BY d.id";
static const char SQL_DOCS[] = CRMI_DOC_SELECT
    "WHERE ?1 = 1 OR m.id = ?2 OR m.head_id = ?3 ORDER BY o.id";
static const char SQL_TASKS[] = "SELECT " CRMI_TASK_SELECT CRMI_TASK_FROM
    "WHERE ?1 = 1 OR a.id = ?2 OR a.head_id = ?3 ORDER BY t.id";

static const struct {
	const char		*kind;
	const char		*sql;
	const struct crm_col	*cols;
	size_t			 n;
	const struct crmi_rec	*rec;	/* NULL: a task (task_int.h) */
} kinds[] = {
	{ "people", SQL_PEOPLE, crm_person_cols, CRM_PERSON_NCOLS,
	    &crmi_person_rec },
	{ "clients", SQL_CLIENTS, crm_client_cols, CRM_CLIENT_NCOLS,
	    &crmi_client_rec },
	{ "deals", SQL_DEALS, crm_deal_cols, CRM_DEAL_NCOLS, &crmi_deal_rec },
	{ "docs", SQL_DOCS, crm_doc_cols, CRM_DOC_NCOLS, &crmi_doc_rec },
	{ "tasks", SQL_TASKS, crm_task_cols, CRM_TASK_NCOLS, NULL },
};

const struct crm_col *
crmi_kind_cols(const char *kind, size_t *n)
{
	size_t	 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kind != NULL && strcmp(kind, kinds[i].kind) == 0) {
			*n = kinds[i].n;
			return kinds[i].cols;
		}
	return NULL;
}

/* The forms of CSV: RFC 4180, and what Russian Excel opens directly. */
struct csvform {
	int	 sep;		/* ',' or ';' */
	int	 point;		/* '.' or ',': the decimal mark of money */
};

static const struct csvform rfc4180 = { ',', '.' };
static const struct csvform excel = { ';', ',' };

/*
 * Kopecks as rubles with the form's decimal mark, "-1234567.89" or
 * "-1234567,89", both as crm_money_parse reads.
 */
static void
rubles(const char *kop, int point, char *buf, size_t sz)
{
	long long	 k = strtoll(kop, NULL, 10);
	unsigned long long u = k < 0 ? 0ULL - (unsigned long long)k :
	    (unsigned long long)k;

	snprintf(buf, sz, "%s%llu%c%02llu", k < 0 ? "-" : "", u / 100,
	    point, u % 100);
}

static int
put_csv(FILE *fp, const struct csvform *f, const struct crm_col *cols,
    size_t n, const char **v)
{
	char	 buf[32];
	size_t	 i;
	int	 rc = CRM_OK;

	for (i = 0; i < n && rc == CRM_OK; i++) {
		if (cols[i].type == CRM_COL_MONEY && v[i] != NULL) {
			rubles(v[i], f->point, buf, sizeof(buf));
			rc = crmi_csv_put(fp, buf, i == 0, f->sep);
		} else
			rc = crmi_csv_put(fp, v[i], i == 0, f->sep);
	}
	return rc == CRM_OK ? crm_csv_end(fp) : rc;
}

/* A record of any kind, as crmi_rec_fill() fills it. */
union anyrec {
	struct crm_person	 p;
	struct crm_client	 c;
	struct crm_deal		 d;
	struct crm_doc		 o;
};

/*
 * The row of st in the columns map was made for: a task as the views
 * fill it and show its state (task_int.h), another kind as its listing
 * fills it (records_int.h).
 */
static void
cells(struct crm *crm, struct crmi_stmt *st, const struct crmi_rec *rec,
    const struct crmi_field *const *map, size_t n, struct crmi_cells *c)
{
	struct crm_task	 t;
	union anyrec	 r;

	if (rec != NULL) {
		crmi_rec_fill(st, rec, &r, sizeof(r), 0);
		crmi_rec_put(&r, map, n, c);
		return;
	}
	crmi_task_fill(st, &t);
	crmi_task_when(&t, crm_today(crm));
	crmi_rec_put(&t, map, n, c);
}

static int
walk(struct crm *crm, struct crmi_stmt *st, FILE *fp, struct crm_out *o,
    const struct csvform *f, const struct crm_col *cols, size_t n,
    const struct crmi_rec *rec)
{
	const struct crmi_field	*map[CRMI_CELLS_MAX];
	struct crmi_cells	 c;
	int			 rc = CRM_OK, src;

	if (rec != NULL)
		crmi_rec_map(rec->f, rec->nf, cols, n, map);
	else
		crmi_task_map(cols, n, map);
	while (rc == CRM_OK && (src = crmi_step(st)) == CRMI_ROW) {
		cells(crm, st, rec, map, n, &c);
		rc = o != NULL ? crm_out_row(o, c.v) : put_csv(fp, f, cols, n,
		    c.v);
	}
	if (rc == CRM_OK && src != CRMI_DONE)
		rc = crmi_dberr(crm, src);
	else if (rc != CRM_OK)
		rc = crmi_err(crm, rc, "write error");
	crmi_reset(st);
	return rc;
}

/* Export as JSON Lines when f is NULL, else as CSV of form f. */
static int
export(struct crm *crm, const char *kind, FILE *fp,
    const struct csvform *f)
{
	const struct crm_col	*all;
	struct crm_col		 cols[CRM_TASK_NCOLS];	/* the most */
	struct crm_out		*o = NULL;
	struct crmi_stmt	*st;
	size_t			 i, k, n, na;
	int			 rc;

	if ((all = crmi_kind_cols(kind, &na)) == NULL)
		return crmi_err(crm, CRM_EINVAL, "unknown kind '%s': people, "
		    "clients, deals, docs, tasks or department",
		    kind ? kind : "");
	for (i = n = 0; i < na; i++)
		if (!(all[i].flags & CRM_COL_VIEW))
			cols[n++] = all[i];
	if (crm->actor.id == 0)
		return crmi_err(crm, CRM_EPERM, "you are not a person here");
	for (k = 0; strcmp(kinds[k].kind, kind) != 0; k++)
		;
	if ((st = crmi_stmt(crm, kinds[k].sql)) == NULL)
		return CRM_EDB;
	crmi_bind_sight(crm, st, 1);
	if (f == NULL) {
		if ((o = crm_out_open(fp, CRM_FMT_JSON, 0, cols, n)) == NULL)
			return crmi_err(crm, CRM_ENOMEM, "out of memory");
	} else {
		if (f == &excel)	/* the BOM: Excel reads UTF-8 then */
			fputs("\xef\xbb\xbf", fp);
		for (i = 0; i < n; i++)
			crmi_csv_put(fp, cols[i].name, i == 0, f->sep);
	}
	if (f != NULL && crm_csv_end(fp) != CRM_OK)
		return crmi_err(crm, CRM_EDB, "write error");
	rc = walk(crm, st, fp, o, f, cols, n, kinds[k].rec);
	if (o != NULL && crm_out_close(o) != CRM_OK && rc == CRM_OK)
		rc = crmi_err(crm, CRM_EDB, "write error");
	return rc;
}

int
crm_export(struct crm *crm, const char *kind, FILE *fp, int json)
{
	return export(crm, kind, fp, json ? NULL : &rfc4180);
}

int
crm_export_excel(struct crm *crm, const char *kind, FILE *fp)
{
	return export(crm, kind, fp, &excel);
}

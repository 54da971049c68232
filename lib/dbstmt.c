/*
 * dbstmt.c: the statements of the library through the handle's store:
 * cached and one-off statements, steps and what they give, bindings.
 */
#include <stdlib.h>
#include <string.h>

#include "crm_int.h"

struct crmi_stmt *
crmi_stmt(struct crm *crm, const char *sql)
{
	struct crmi_cached	*c;
	size_t			 i;
	int			 rc;

	for (i = 0; i < crm->ncache; i++) {
		c = &crm->cache[i];
		if (c->sql == sql) {
			crm->drv->reset(c->stmt);
			crm->drv->clear_bindings(c->stmt);
			return c->stmt;
		}
	}
	if (crm->ncache == CRMI_NSTMT) {
		crmi_err(crm, CRM_EDB, "too many prepared statements");
		return NULL;
	}
	c = &crm->cache[crm->ncache];
	rc = crm->drv->prepare(crm->store, sql, 1, &c->stmt);
	if (rc != CRMI_SOK) {
		crmi_dberr(crm, rc);
		return NULL;
	}
	c->sql = sql;
	crm->ncache++;
	return c->stmt;
}

int
crmi_exec(struct crm *crm, const char *sql)
{
	int	 rc;

	rc = crm->drv->exec(crm->store, sql);
	return rc == CRMI_SOK ? CRM_OK : crmi_dberr(crm, rc);
}

struct crmi_stmt *
crmi_prepare(struct crm *crm, const char *sql)
{
	struct crmi_stmt	*st;
	int			 rc;

	if ((rc = crm->drv->prepare(crm->store, sql, 0, &st)) != CRMI_SOK) {
		crmi_dberr(crm, rc);
		return NULL;
	}
	return st;
}

void
crmi_finalize(struct crm *crm, struct crmi_stmt *st)
{
	crm->drv->finalize(st);
}

int
crmi_step_done(struct crm *crm, struct crmi_stmt *st)
{
	int	 rc;

	rc = crmi_step(st);
	if (rc == CRMI_DONE || rc == CRMI_ROW) {
		crmi_reset(st);
		return CRM_OK;
	}
	rc = crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_step_row(struct crm *crm, struct crmi_stmt *st)
{
	int	 rc;

	if ((rc = crmi_step(st)) == CRMI_ROW)
		return CRM_OK;
	rc = rc == CRMI_DONE ? CRM_ENOENT : crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_step_id(struct crm *crm, struct crmi_stmt *st, int64_t *id)
{
	int	 rc;

	if ((rc = crmi_step(st)) == CRMI_ROW) {
		*id = crmi_col_int(st, 0);
		crmi_reset(st);
		return CRM_OK;
	}
	rc = rc == CRMI_DONE ? crmi_err(crm, CRM_EDB, "%s: an insert gave "
	    "no id", crm->path) : crmi_dberr(crm, rc);
	crmi_reset(st);
	return rc;
}

int
crmi_step_kept(struct crm *crm, struct crmi_stmt *st, const char *table,
    int64_t want, int64_t *id)
{
	int	 rc;

	if ((rc = crmi_step_id(crm, st, id)) != CRM_OK || want == 0)
		return rc;
	return crmi_ids_taken(crm, table);
}

int
crmi_ids_taken(struct crm *crm, const char *table)
{
	int	 rc;

	if (crm->drv->ids_taken == NULL)
		return CRM_OK;
	if ((rc = crm->drv->ids_taken(crm->store, table)) != CRMI_SOK)
		return crmi_dberr(crm, rc);
	return CRM_OK;
}

int
crmi_caps(const struct crm *crm)
{
	return crm->drv != NULL ? crm->drv->caps : 0;
}

/* Step st once: 1 a row, 0 none, -1 a database error (message set). */
static int
exists(struct crm *crm, struct crmi_stmt *st)
{
	int	 rc;

	rc = crmi_step(st);
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return 1;
	if (rc == CRMI_DONE)
		return 0;
	crmi_dberr(crm, rc);
	return -1;
}

int
crmi_exists(struct crm *crm, const char *sql, const char *text)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	crmi_bind_str(st, 1, text);
	return exists(crm, st);
}

int
crmi_exists_id(struct crm *crm, const char *sql, int64_t id)
{
	struct crmi_stmt	*st;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return -1;
	crmi_bind_int(st, 1, id);
	return exists(crm, st);
}

void
crmi_text_of(struct crm *crm, const char *sql, int64_t id, char *buf,
    size_t sz)
{
	struct crmi_stmt	*st;
	const char		*s;

	strlcpy(buf, "?", sz);
	if ((st = crmi_stmt(crm, sql)) == NULL)
		return;
	crmi_bind_int(st, 1, id);
	if (crmi_step(st) == CRMI_ROW && (s = crmi_col_text(st, 0)) != NULL)
		strlcpy(buf, s, sz);
	crmi_reset(st);
}

void
crmi_bind_text(struct crmi_stmt *st, int idx, const char *s)
{
	if (s == NULL || *s == '\0')
		crmi_bind_null(st, idx);
	else
		crmi_bind_copy(st, idx, s);
}

void
crmi_bind_col(struct crmi_stmt *dst, int i, struct crmi_stmt *src, int j)
{
	switch (crmi_col_type(src, j)) {
	case CRMI_NULL:
		crmi_bind_null(dst, i);
		break;
	case CRMI_INT:
		crmi_bind_int(dst, i, crmi_col_int(src, j));
		break;
	default:	/* a copy: src may step on */
		dst->drv->bind_text(dst, i, crmi_col_text(src, j),
		    crmi_col_bytes(src, j), 1);
		break;
	}
}

char *
crmi_col_dup(struct crmi_stmt *st, int i)
{
	const char	*s;

	if ((s = crmi_col_text(st, i)) == NULL)
		return NULL;
	return strdup(s);
}

void
crmi_col_copy(struct crmi_stmt *st, int i, char *buf, size_t sz)
{
	const char	*s = crmi_col_text(st, i);

	strlcpy(buf, s != NULL ? s : "", sz);
}

int
crmi_each_end(struct crm *crm, struct crmi_stmt *st, int rc, int stop)
{
	if (stop == 0 && rc != CRMI_DONE)
		stop = crmi_dberr(crm, rc);
	crmi_reset(st);
	return stop;
}

int
crmi_rows(struct crm *crm, const char *sql, void **arr, size_t *n,
    size_t size, int (*fill)(struct crmi_stmt *, void *))
{
	struct crmi_stmt	*st;
	size_t			 max = *n;
	void			*a;
	int			 rc, f = 0;

	if ((st = crmi_stmt(crm, sql)) == NULL)
		return CRM_EDB;
	while ((rc = crmi_step(st)) == CRMI_ROW) {
		if (*n == max) {
			max = max ? max * 2 : 16;
			if ((a = reallocarray(*arr, max, size)) == NULL)
				break;
			*arr = a;
		}
		if ((f = fill(st, (char *)*arr + *n * size)) < 0) {
			(*n)++;
			break;
		}
		if (f == 0)
			(*n)++;
	}
	crmi_reset(st);
	if (rc == CRMI_ROW)
		return crmi_err(crm, CRM_ENOMEM, "out of memory");
	return rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

/*
 * kpisales.c: what each person sold, counted from the deals and the
 * documents themselves (CRM_KPI_SCRATCH, or days kpi_day does not hold),
 * for kpi.c: deals opened, won and lost, contracts, invoices and
 * payments, into each person's counts of the period and its weeks.
 */
#include <stddef.h>
#include <stdint.h>

#include "crm_int.h"
#include "domain_int.h"
#include "kpi_int.h"

#define OFF(f)	offsetof(struct crm_kpi_counts, f)

/*
 * Sales from scratch: each statement gives (day, person, count, sum,
 * sum2) rows.
 * For a few people, one statement each over the person's deals (the
 * CROSS JOIN keeps SQLite from reading every invoice through the index
 * on (kind, number): the person's deals come first); for many, one over
 * the period's days through the indexes on the dates (m_kpifast), so
 * that the cost follows the period, not every deal ever made.
 */
#define OPENED(n) \
    "SELECT substr(opened_at, 1, 10) AS d, manager_id, " n ", 0, 0" \
    " FROM deal WHERE substr(opened_at, 1, 10) BETWEEN ?2 AND ?3"
#define CLOSED(n, sums, outcome) \
    "SELECT substr(d.closed_at, 1, 10) AS day, d.manager_id, " n ", " \
    sums " FROM deal d JOIN stage s ON s.id = d.stage_id" \
    " WHERE s.outcome = '" outcome "'" \
    " AND substr(d.closed_at, 1, 10) BETWEEN ?2 AND ?3"
#define DOCS(day, kind) \
    "SELECT c." day ", d.manager_id, count(*), sum(c.amount), 0" \
    " FROM deal d CROSS JOIN doc c WHERE c.deal_id = d.id" \
    " AND c.kind = '" kind "' AND c." day " BETWEEN ?2 AND ?3" \
    " AND d.manager_id = ?1 GROUP BY c." day ", d.manager_id"
/* everyone's: a row a record, in the order of the index, no sorting */
#define DOCS_ALL(day, kind) \
    "SELECT c." day ", d.manager_id, 1, c.amount, 0" \
    " FROM doc c JOIN deal d ON d.id = c.deal_id" \
    " WHERE c.kind = '" kind "' AND c." day " BETWEEN ?2 AND ?3"

static const char SQL_OPENED[] =
    OPENED("count(*)") " AND manager_id = ?1 GROUP BY d, manager_id";
static const char SQL_OPENED_ALL[] = OPENED("1");
static const char SQL_WON[] = CLOSED("count(*)", "sum(d.profit),"
    " sum(d.amount)", "won") " AND d.manager_id = ?1"
    " GROUP BY day, d.manager_id";
static const char SQL_WON_ALL[] = CLOSED("1", "d.profit, d.amount", "won");
static const char SQL_LOST[] = CLOSED("count(*)", "0, 0", "lost")
    " AND d.manager_id = ?1 GROUP BY day, d.manager_id";
static const char SQL_LOST_ALL[] = CLOSED("1", "0, 0", "lost");
static const char SQL_CONTRACTS[] = DOCS("doc_date", "contract");
static const char SQL_CONTRACTS_ALL[] = DOCS_ALL("doc_date", "contract");
static const char SQL_INVOICES[] = DOCS("doc_date", "invoice");
static const char SQL_INVOICES_ALL[] = DOCS_ALL("doc_date", "invoice");
static const char SQL_PAID[] = DOCS("paid_date", "invoice");
static const char SQL_PAID_ALL[] = DOCS_ALL("paid_date", "invoice");

const char *const crmi_sql_kpisales[] = { SQL_OPENED_ALL, SQL_WON_ALL,
    SQL_LOST_ALL, SQL_CONTRACTS_ALL, SQL_INVOICES_ALL, SQL_PAID_ALL, NULL };

/* Where each sales statement from scratch puts its count and its sums. */
struct sales {
	const char	*one, *all;
	size_t		 n;	/* offsetof a count, or -1 */
	size_t		 sum;	/* offsetof a sum, or -1 */
	size_t		 sum2;	/* offsetof a second sum, or -1 */
};

#define NONE	((size_t)-1)

static const struct sales sales_sql[] = {
	{ SQL_OPENED, SQL_OPENED_ALL, OFF(opened), NONE, NONE },
	{ SQL_WON, SQL_WON_ALL, OFF(won), OFF(profit), OFF(wonsum) },
	{ SQL_LOST, SQL_LOST_ALL, OFF(lost), NONE, NONE },
	{ SQL_CONTRACTS, SQL_CONTRACTS_ALL, OFF(contracts), NONE, NONE },
	{ SQL_INVOICES, SQL_INVOICES_ALL, OFF(invoices), OFF(invoiced), NONE },
	{ SQL_PAID, SQL_PAID_ALL, NONE, OFF(paid), NONE },
};

static void
add_sale(struct crm_kpi_counts *c, const struct sales *s, struct crmi_stmt *st)
{
	char	*p = (char *)c;

	if (s->n != NONE)
		*(int64_t *)(p + s->n) += crmi_col_int(st, 2);
	if (s->sum != NONE)
		*(int64_t *)(p + s->sum) += crmi_col_int(st, 3);
	if (s->sum2 != NONE)
		*(int64_t *)(p + s->sum2) += crmi_col_int(st, 4);
}

/* A day's sales of person i, of the statement x->sale. */
static void
sale_row(struct ctx *x, struct span *sp, struct crmi_stmt *st, size_t i, int d)
{
	struct crm_kpi_person	*p = &x->k->people[i];

	add_sale(sp->cur ? &p->c : &p->prev, x->sale, st);
	if (sp->cur)
		add_sale(&p->week[crmi_kpi_week(x->k, d)], x->sale, st);
}

#define NSALES	(sizeof(sales_sql) / sizeof(sales_sql[0]))

int
crmi_kpi_sales(struct ctx *x, struct span *sp)
{
	size_t	 i;
	int	 rc;

	for (i = 0; i < NSALES; i++) {
		x->sale = &sales_sql[i];
		if ((rc = crmi_kpi_query(x, sp, sales_sql[i].one, sales_sql[i].all,
		    sale_row)) != CRM_OK)
			return rc;
	}
	return CRM_OK;
}

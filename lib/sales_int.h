/*
 * sales_int.h: what client.c, deal.c, doc.c, import.c and export.c share
 * and nobody else: field checks that leave a message naming the value,
 * and the inserts that both the tools and crm_import() use.
 */
#ifndef SALES_INT_H
#define SALES_INT_H

#include "domain_int.h"

#define CRMI_PHONE_MAX	50
#define CRMI_NUMBER_MAX	50	/* document numbers */

int	 crmi_check_inn(struct crm *, const char *);
int	 crmi_check_phone(struct crm *, const char *);
int	 crmi_check_date(struct crm *, const char *what, const char *s,
	    int need);

/* Whether the actor reads everything (a director or an admin). */
int	 crmi_sees_all(const struct crm *);

/*
 * Bind the three parameters from idx on that the sales records' rule of
 * who sees what reads: whether the actor sees all, the actor's id and
 * the actor's team.
 */
void	 crmi_bind_sight(struct crm *, struct crmi_stmt *, int idx);

/* The manager of client id among clients the actor may see. */
int	 crmi_client_manager(struct crm *, int64_t id, int64_t *manager);

/* The id of the client with this INN, or 0 when there is none. */
int64_t	 crmi_inn_client(struct crm *, const char *inn);

/*
 * Where the table gives max(id) + 1 (SQLite), a record deleted (a client
 * merged away, a client or a document taken back by crm-undo) would lend
 * its id, and its history in the log, to the next: *want, when 0 and the
 * store has no sequence, becomes the next id after every id of table
 * ("client" or "doc") that the table or the log ever held.  A server's
 * sequence never goes back.
 */
int	 crmi_next_id(struct crm *, const char *table, int64_t *want);

/*
 * Insert a checked client: manager is a person id; created_at the time
 * to keep; want an id to use or 0.  No audit entry: the caller writes it.
 */
int	 crmi_client_insert(struct crm *, const struct crm_client *,
	    int64_t manager, const char *created_at, int64_t want,
	    int64_t *id);

/* The id of stage name (or of the first open stage when name is NULL),
 * and its outcome ('o', 'w' or 'l'). */
int	 crmi_stage_find(struct crm *, const char *name, int64_t *id,
	    int *outcome);

/* Insert a checked deal and the first row of its stage log. */
int	 crmi_deal_insert(struct crm *, const struct crm_deal *,
	    int64_t client, int64_t manager, int64_t stage, int64_t want,
	    int64_t *id);

/* The manager and the outcome of deal id (one the actor may see). */
int	 crmi_deal_owner(struct crm *, int64_t id, int64_t *manager,
	    int *outcome);

/*
 * Move deal id from stage from to stage to, with closed_at and lost (its
 * lost reason) as given (NULL: none), and log the move in the deal's
 * stage log by the actor, now, with reason; no audit entry.
 */
int	 crmi_deal_move(struct crm *, int64_t id, int64_t from, int64_t to,
	    const char *closed_at, const char *lost, const char *reason);

/* Insert a checked document; no audit entry. */
int	 crmi_doc_insert(struct crm *, const struct crm_doc *, int64_t want,
	    int64_t *id);

/* Check the fields of a document against each other. */
int	 crmi_doc_check(struct crm *, const struct crm_doc *);

/*
 * The closed month (rule kpi.closed) for the work of manager, "YYYY-MM",
 * into out: the later of the department's and the team's, or "".
 */
int	 crmi_closed_month(struct crm *, int64_t manager, char out[8]);

/*
 * Whether date (the document's date, or an invoice's paid date when
 * paid is 1) of a document on deal id, whose manager is manager, is in the
 * sales window: never in the future; not before the deal was opened nor
 * in the closed period (rule kpi.closed, the department's or the team's,
 * the later) unless the actor is the manager's head, when *why says
 * which ("before the deal", "closed period") for the log.
 */
int	 crmi_sales_date(struct crm *, int64_t deal, int64_t manager,
	    int paid, const char *date, const char **why);

/*
 * The columns of kind (people, clients, deals, docs, tasks) as
 * crm_export() writes them and crm_import() reads them, the tables of
 * recout.c and taskout.c, and *n their number; NULL when there is no
 * such kind (export.c).
 */
const struct crm_col *crmi_kind_cols(const char *kind, size_t *n);

#endif /* !SALES_INT_H */

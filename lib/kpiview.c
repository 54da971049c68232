/*
 * kpiview.c: the KPI report as listings (out.c): one row a person with
 * every count for scripts, one row a correlation, or the view a head
 * reads on a terminal: the main counts, a bar and the weeks' sparkline,
 * then why each verdict and how use and sales go together.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"

static const struct crm_col cols[] = {
	{ "id", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "login", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "name", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "planned", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "ontime", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "late", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "byhead", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "notdone", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "pending", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "cancelled", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "moves", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "selfmade", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "assigned", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "advance", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "complete", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "comments", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "junk", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "workdays", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "fulldays", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "ontime_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "advance_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "fullplan_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "fields_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "clean_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "pts_ontime", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "pts_advance", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "pts_fullplan", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "pts_fields", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "pts_clean", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "score", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "verdict", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "reason", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "opened", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "won", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "lost", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "contracts", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "invoices", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "invoiced", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "paid", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "profit", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "prev_score", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "score_change", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "prev_paid", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "paid_change", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "won_amount", CRM_COL_MONEY, NULL, 0, 0, NULL },
	{ "win_pct", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "row", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "team", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "prev_verdict", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "returns", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "pts_returns", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "filler", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "slips", CRM_COL_INT, NULL, 0, 0, NULL },
};
#define NCOLS	(sizeof(cols) / sizeof(cols[0]))

/*
 * The terminal view: the columns a head reads first.  On a terminal too
 * narrow for them all, those marked U go under each person's row, so
 * that login, score, verdict, won and paid stay on it.
 */
#define U	CRM_COL_UNDER
static const struct crm_col tcols[] = {
	{ "login", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "planned", CRM_COL_INT, NULL, 0, U, NULL },
	{ "ontime", CRM_COL_INT, NULL, 0, U, NULL },
	{ "late", CRM_COL_INT, NULL, 0, U, NULL },
	{ "notdone", CRM_COL_INT, NULL, 0, U, NULL },
	{ "cancelled", CRM_COL_INT, NULL, 0, U, NULL },
	{ "moves", CRM_COL_INT, NULL, 0, U, NULL },
	{ "score", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "bar", CRM_COL_TEXT, "", 0, U, NULL },
	{ "weeks", CRM_COL_TEXT, NULL, 0, U, NULL },
	{ "change", CRM_COL_REAL, NULL, 0, U, NULL },
	{ "verdict", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "won", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "won_amount", CRM_COL_MONEY, NULL, 0, U, NULL },
	{ "win%", CRM_COL_REAL, NULL, 0, U, NULL },
	{ "paid", CRM_COL_MONEY, NULL, 0, 0, NULL },
};
#undef U
#define NTCOLS	(sizeof(tcols) / sizeof(tcols[0]))

static const struct crm_col rcols[] = {
	{ "scope", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "x", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "y", CRM_COL_TEXT, NULL, 0, 0, NULL },
	{ "n", CRM_COL_INT, NULL, 0, 0, NULL },
	{ "pearson", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "spearman", CRM_COL_REAL, NULL, 0, 0, NULL },
	{ "note", CRM_COL_TEXT, NULL, 0, 0, NULL },
};
#define NRCOLS	(sizeof(rcols) / sizeof(rcols[0]))

/* Formatted cells, each its own buffer. */
struct cells {
	char		 buf[NCOLS][32];
	const char	*v[NCOLS];
	size_t		 n;
};

static void
put_int(struct cells *c, int64_t v)
{
	snprintf(c->buf[c->n], sizeof(c->buf[0]), "%lld", (long long)v);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
put_real(struct cells *c, double v)
{
	snprintf(c->buf[c->n], sizeof(c->buf[0]), "%.1f", v + 0.0);
	c->v[c->n] = c->buf[c->n];
	c->n++;
}

static void
put_text(struct cells *c, const char *s)
{
	c->v[c->n++] = s;
}

static void
put_counts(struct cells *c, const struct crm_kpi_counts *k)
{
	const int64_t	 v[] = { k->planned, k->ontime, k->late, k->byhead,
	    k->notdone, k->pending, k->cancelled, k->moves, k->selfmade,
	    k->assigned, k->advance, k->complete, k->comments, k->junk,
	    k->workdays, k->fulldays };
	size_t		 i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
		put_int(c, v[i]);
}

/* A reward green, a penalty red, on a terminal. */
static void
verdict_style(struct crm_out *o, enum crm_kpi_verdict v)
{
	crm_out_style(o, v == CRM_KPI_REWARD ? CRM_STYLE_GOOD :
	    v == CRM_KPI_PENALTY ? CRM_STYLE_ALERT : CRM_STYLE_PLAIN);
}

static int
line_row(struct crm_out *o, const struct crmi_kpi_line *l)
{
	struct cells	 c;
	int		 i;

	c.n = 0;
	put_int(&c, l->id);
	put_text(&c, l->login);
	put_text(&c, l->name);
	put_counts(&c, l->c);
	for (i = 0; i < CRM_KPI_NPART; i++)
		put_real(&c, 100 * l->s->rate[i]);
	for (i = 0; i < CRM_KPI_NPART; i++)
		put_real(&c, l->s->points[i]);
	put_real(&c, l->s->score);
	put_text(&c, crm_kpi_verdict_name(l->s->verdict));
	put_text(&c, l->s->reason);
	put_int(&c, l->c->opened);
	put_int(&c, l->c->won);
	put_int(&c, l->c->lost);
	put_int(&c, l->c->contracts);
	put_int(&c, l->c->invoices);
	put_int(&c, l->c->invoiced);
	put_int(&c, l->c->paid);
	put_int(&c, l->c->profit);
	put_real(&c, l->sprev->score);
	put_real(&c, l->s->score - l->sprev->score);
	verdict_style(o, l->s->verdict);
	put_int(&c, l->prev->paid);
	put_int(&c, l->c->paid - l->prev->paid);
	put_int(&c, l->c->wonsum);
	put_real(&c, 100 * crm_kpi_winrate(l->c));
	put_text(&c, l->row);
	put_text(&c, l->team);
	put_text(&c, crm_kpi_verdict_name(l->sprev->verdict));
	put_int(&c, l->c->returns);
	put_real(&c, l->s->returned);
	put_int(&c, l->c->filler);
	put_int(&c, l->c->slips);
	return crm_out_row(o, c.v);
}

/* The login of the head of a person's team, or NULL. */
static const char *
team_login(const struct crm_kpi *k, const struct crm_kpi_person *p)
{
	size_t	 i;
	int64_t	 id = crmi_kpi_team_of(p);

	for (i = 0; i < k->nteams; i++)
		if (k->teams[i].id == id)
			return k->teams[i].login;
	return p->head ? p->login : NULL;
}

void
crmi_kpi_person_line(const struct crm_kpi *k, size_t i,
    struct crmi_kpi_line *l)
{
	const struct crm_kpi_person	*p = &k->people[i];

	l->id = p->id;
	l->login = p->login;
	l->name = p->name;
	l->row = p->head ? "head" : "person";
	l->team = team_login(k, p);
	l->c = &p->c;
	l->prev = &p->prev;
	l->s = &p->s;
	l->sprev = &p->sprev;
}

void
crmi_kpi_team_line(const struct crm_kpi *k, size_t i,
    struct crmi_kpi_line *l)
{
	const struct crm_kpi_team	*t = &k->teams[i];

	l->id = t->id;
	l->login = t->login;
	l->name = t->name;
	l->row = "team";
	l->team = t->login;
	l->c = &t->c;
	l->prev = &t->prev;
	l->s = &t->s;
	l->sprev = &t->sprev;
}

/* The team lines first (a report over several teams), then the people. */
static int
lines(struct crm_out *o, const struct crm_kpi *k)
{
	struct crmi_kpi_line	 l;
	size_t		 i;
	int		 rc = CRM_OK;

	for (i = 0; i < k->nteams && rc == CRM_OK; i++) {
		crmi_kpi_team_line(k, i, &l);
		rc = line_row(o, &l);
	}
	for (i = 0; i < k->npeople && rc == CRM_OK; i++) {
		crmi_kpi_person_line(k, i, &l);
		rc = line_row(o, &l);
	}
	return rc;
}

/* A bar of ten cells of eighths: 100 fills it. */
static void
bar(char *buf, size_t sz, double score)
{
	static const char *const part[] = { "", "▏", "▎", "▍", "▌", "▋",
	    "▊", "▉" };
	int	 e, i;

	e = (int)(score * 80 / 100 + 0.5);
	*buf = '\0';
	for (i = 0; i < e / 8; i++)
		strlcat(buf, "█", sz);
	strlcat(buf, part[e % 8], sz);
}

/* One block a week begun by today, its height the week's score. */
static void
spark(char *buf, size_t sz, const struct crm_kpi *k,
    const struct crm_kpi_person *p, int today)
{
	static const char *const lv[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇",
	    "█" };
	size_t	 i;
	int	 h;

	*buf = '\0';
	for (i = p->week1; i < k->nweeks && k->week0 + 7 * (int)i <= today;
	    i++) {
		h = (int)(p->wscore[i].score * 8 / 100);
		strlcat(buf, lv[h > 7 ? 7 : h], sz);
	}
}

static int
table_row(struct crm_out *o, const char *login,
    const struct crm_kpi_counts *k, const struct crm_kpi_score *s,
    const struct crm_kpi_score *prev, const char *weeks)
{
	struct cells	 c;
	char		 b[64];

	c.n = 0;
	bar(b, sizeof(b), s->score);
	put_text(&c, login);
	put_int(&c, k->planned);
	put_int(&c, k->ontime);
	put_int(&c, k->late);
	put_int(&c, k->notdone);
	put_int(&c, k->cancelled);
	put_int(&c, k->moves);
	put_real(&c, s->score);
	put_text(&c, b);
	put_text(&c, weeks);
	/* A change from a period too thin to judge would mislead. */
	if (prev->verdict == CRM_KPI_NODATA)
		put_text(&c, NULL);
	else
		put_real(&c, s->score - prev->score);
	put_text(&c, crm_kpi_verdict_name(s->verdict));
	put_int(&c, k->won);
	put_int(&c, k->wonsum);
	put_real(&c, 100 * crm_kpi_winrate(k));
	put_int(&c, k->paid);
	verdict_style(o, s->verdict);
	return crm_out_row(o, c.v);
}

static void
corr_cells(struct cells *c, const struct crm_kpi_corr *r)
{
	c->n = 0;
	put_text(c, r->scope);
	put_text(c, r->x);
	put_text(c, r->y);
	put_int(c, r->n);
	if (r->ok) {
		snprintf(c->buf[c->n], sizeof(c->buf[0]), "%.2f", r->pearson);
		c->v[c->n] = c->buf[c->n];
		c->n++;
		snprintf(c->buf[c->n], sizeof(c->buf[0]), "%.2f",
		    r->spearman);
		c->v[c->n] = c->buf[c->n];
		c->n++;
		put_text(c, NULL);
	} else {
		put_text(c, NULL);
		put_text(c, NULL);
		put_text(c, r->why);
	}
}

static int
corr_rows(struct crm_out *o, const struct crm_kpi *k)
{
	struct cells	 c;
	size_t		 i;
	int		 rc = CRM_OK;

	for (i = 0; i < k->ncorr && rc == CRM_OK; i++) {
		corr_cells(&c, &k->corr[i]);
		rc = crm_out_row(o, c.v);
	}
	return rc;
}

/* The terminal view: a row a person, the team, then why and relations. */
static int
table(struct crm_out *o, const struct crm_kpi *k, int today)
{
	const struct crm_kpi_person	*p;
	const struct crm_kpi_corr	*r;
	char				 w[512], line[800];
	size_t				 i;
	int				 rc = CRM_OK;

	for (i = 0; i < k->nteams && rc == CRM_OK; i++) {
		snprintf(line, sizeof(line), _("team %s"), k->teams[i].login);
		rc = table_row(o, line, &k->teams[i].c, &k->teams[i].s,
		    &k->teams[i].sprev, "");
	}
	for (i = 0; i < k->npeople && rc == CRM_OK; i++) {
		p = &k->people[i];
		spark(w, sizeof(w), k, p, today);
		rc = table_row(o, p->login, &p->c, &p->s, &p->sprev, w);
	}
	if (k->npeople > 1 && rc == CRM_OK)
		rc = table_row(o, _("team"), &k->team, &k->steam,
		    &k->steamprev, "");
	for (i = 0; i < k->npeople && rc == CRM_OK; i++) {
		p = &k->people[i];
		snprintf(line, sizeof(line), _("%s: %s: %s"), p->login,
		    crmi_word("verdict", crm_kpi_verdict_name(p->s.verdict)),
		    p->s.hreason);
		rc = crm_out_note(o, line);
	}
	for (i = 0; i < k->ncorr && rc == CRM_OK; i++) {
		r = &k->corr[i];
		if (r->ok)
			snprintf(line, sizeof(line), _("%s: score ~ %s: "
			    "n=%zu, Pearson r=%.2f, Spearman rho=%.2f"),
			    crmi_word("scope", r->scope), crmi_word("corr",
			    r->y), r->n, r->pearson, r->spearman);
		else
			snprintf(line, sizeof(line), _("%s: score ~ %s: "
			    "n=%zu, %s"), crmi_word("scope", r->scope),
			    crmi_word("corr", r->y), r->n,
			    crmi_word("why", r->why));
		rc = crm_out_note(o, line);
	}
	return rc;
}

int
crm_kpi_out(FILE *fp, const struct crm_kpi *k, enum crm_fmt fmt,
    int header, int rel, int today)
{
	struct crm_out	*o;
	int		 rc = CRM_OK;

	if (fmt == CRM_FMT_AUTO && isatty(fileno(fp)))
		fmt = CRM_FMT_TABLE;
	if (fmt == CRM_FMT_TABLE)
		o = crm_out_open(fp, fmt, header, tcols, NTCOLS);
	else if (rel)
		o = crm_out_open(fp, fmt, header, rcols, NRCOLS);
	else
		o = crm_out_open(fp, fmt, header, cols, NCOLS);
	if (o == NULL)
		return CRM_ENOMEM;
	if (fmt == CRM_FMT_TABLE)
		rc = table(o, k, today);
	else if (rel)
		rc = corr_rows(o, k);
	else
		rc = lines(o, k);
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		rc = CRM_EDB;
	return rc;
}

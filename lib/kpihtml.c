/*
 * kpihtml.c: the KPI report as one HTML document a head puts on the
 * screen in a meeting or prints: no scripts, no fonts or images from the
 * network, the charts as inline SVG that is also well-formed XML.  It
 * fits 1280 pixels without scrolling sideways and prints on A4
 * landscape, a page a section.  Every word a person reads goes through
 * L(), gettext's catalogue "crm", so that a translation changes the page
 * and its lang attribute together.
 */
#include <libintl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "crm_int.h"

#define W	600	/* chart size in SVG user units */
#define H	300
#define PADL	78	/* room for the value ticks */
#define PADR	16
#define PADT	16
#define PADB	44	/* room for the ticks and the axis name */
#define LEGROW	18	/* a legend row */
#define LEGCOL	120	/* a legend column */

static const char *const colour[] = { "#1f77b4", "#d62728", "#2ca02c",
    "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf" };
#define NCOLOUR	(sizeof(colour) / sizeof(colour[0]))

static const char *L(const char *) __attribute__((format_arg(1)));

/* The one door for every label: a translation when there is one. */
static const char *
L(const char *s)
{
	return dgettext("crm", s);
}

/* The language of the labels as they come out of L(). */
static const char *
lang(void)
{
	/* TRANSLATORS: the BCP 47 code of your language, e.g. "ru". */
	return L("en");
}

static const char *const css =
    "*{box-sizing:border-box}"
    "body{font:14px/1.35 sans-serif;margin:16px;max-width:1248px;"
    "color:#111}"
    "h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;margin:20px 0 8px}"
    "h3{font-size:15px;margin:0 0 6px}"
    ".made{color:#555;margin:0 0 12px}"
    "table{border-collapse:collapse}"
    "td,th{border:1px solid #bbb;padding:3px 7px;vertical-align:middle}"
    "th{background:#f0f0f0;text-align:left;font-weight:600}"
    "td.num,td.money{text-align:right;font-variant-numeric:tabular-nums}"
    ".money,.num,.nowrap{white-space:nowrap}"
    "tr.team td{font-weight:600;background:#f6f6f6}"
    "tr.total td{font-weight:600;border-top:2px solid #666}"
    ".v{display:inline-block;padding:1px 8px;border-radius:9px;"
    "white-space:nowrap;font-size:13px}"
    ".v-reward{background:#1b7f3b;color:#fff}"
    ".v-nothing{background:#e2e2e2;color:#222}"
    ".v-penalty{background:#c62828;color:#fff}"
    ".v-nodata{background:#fff;color:#444;border:1px dashed #777}"
    ".muted{color:#777}"
    ".cards{display:grid;grid-template-columns:repeat(auto-fill,"
    "minmax(390px,1fr));gap:12px}"
    ".card{border:1px solid #ccc;border-radius:6px;padding:8px 10px;"
    "break-inside:avoid}"
    ".card table{width:100%}.card p{margin:6px 0 0}"
    ".card td,.card th{padding:2px 5px;font-size:13px}"
    ".card td:first-child{white-space:nowrap}"
    ".charts{display:flex;flex-wrap:wrap;gap:16px}"
    ".charts figure{margin:0;flex:1 1 560px;max-width:610px}"
    "figcaption{font-weight:600;margin:0 0 4px}"
    "svg.chart{width:100%;height:auto;display:block}"
    "svg.spark{vertical-align:middle}"
    "@page{size:A4 landscape;margin:10mm}"
    "@media print{body{margin:0;max-width:none;font-size:12px}"
    "section+section{break-before:page}"
    "tr,figure,.card{break-inside:avoid}"
    ".charts figure{flex:1 1 45%;max-width:49%}"
    ".cards{grid-template-columns:repeat(3,1fr)}}";

/* Text for HTML and XML alike; control bytes become spaces. */
static void
esc(FILE *fp, const char *s)
{
	for (; s != NULL && *s != '\0'; s++)
		switch (*s) {
		case '&':
			fputs("&amp;", fp);
			break;
		case '<':
			fputs("&lt;", fp);
			break;
		case '>':
			fputs("&gt;", fp);
			break;
		case '"':
			fputs("&quot;", fp);
			break;
		case '\'':
			fputs("&#39;", fp);
			break;
		default:
			fputc((unsigned char)*s < 0x20 || *s == 0x7f ? ' ' :
			    *s, fp);
		}
}

static void
money(FILE *fp, int64_t k)
{
	char	 b[40];

	crmi_money_people(k, b, sizeof(b));
	fprintf(fp, "<td class=\"money\">%s</td>", b);
}

static const char *
verdict_label(enum crm_kpi_verdict v)
{
	switch (v) {
	case CRM_KPI_REWARD:
		return L("reward");
	case CRM_KPI_PENALTY:
		return L("penalty");
	case CRM_KPI_NODATA:
		return L("insufficient data");
	default:
		return L("nothing");
	}
}

static void
badge(FILE *fp, enum crm_kpi_verdict v)
{
	fprintf(fp, "<span class=\"v v-%s\">%s</span>",
	    crm_kpi_verdict_name(v), verdict_label(v));
}

/* Weeks begun by the day the report was made. */
static size_t
weeks_begun(const struct crm_kpi *k)
{
	size_t	 n = 0;

	while (n < k->nweeks && k->week0 + 7 * (int)n <= k->made)
		n++;
	return n;
}

/* A week cut by the period's ends or by today. */
static int
partial(const struct crm_kpi *k, size_t w)
{
	int	 mon = k->week0 + 7 * (int)w;

	return mon < k->from || mon + 6 > k->to || mon + 6 > k->made;
}

static int
any_partial(const struct crm_kpi *k)
{
	size_t	 w, n = weeks_begun(k);

	for (w = 0; w < n; w++)
		if (partial(k, w))
			return 1;
	return 0;
}

/*
 * A bar a week begun, its height the week's score; a partial week paler,
 * a week with nothing planned a grey dot rather than a zero.
 */
static void
spark(FILE *fp, const struct crm_kpi *k, const struct crm_kpi_person *p)
{
	size_t	 i, n = weeks_begun(k);
	int	 bw = n > 0 && 96 / (int)n < 8 ? 96 / (int)n : 8, h;

	if (bw < 2)
		bw = 2;
	fprintf(fp, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\""
	    " width=\"%d\" height=\"18\" viewBox=\"0 0 %d 18\" role=\"img\">"
	    "<title>%s</title>", (int)n * bw + 1, (int)n * bw + 1,
	    L("score week by week"));
	for (i = p->week1; i < n; i++) {	/* none before the start */
		if (p->week[i].planned == 0) {
			fprintf(fp, "<rect x=\"%zu\" y=\"16\" width=\"%d\" "
			    "height=\"2\" fill=\"#bbb\"/>", i * bw, bw - 1);
			continue;
		}
		h = (int)(p->wscore[i].score * 16 / 100 + 0.5);
		fprintf(fp, "<rect x=\"%zu\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#1f77b4\"%s/>", i * bw, 18 - h - 1,
		    bw - 1, h + 1, partial(k, i) ? " fill-opacity=\"0.4\"" :
		    "");
	}
	fputs("</svg>", fp);
}

static void
change(FILE *fp, const struct crm_kpi_score *s,
    const struct crm_kpi_score *ps)
{
	if (ps->verdict == CRM_KPI_NODATA)
		fprintf(fp, "<td class=\"num muted\" title=\"%s\">–</td>",
		    L("too little in the period before to compare"));
	else
		fprintf(fp, "<td class=\"num\">%+.1f</td>",
		    s->score - ps->score);
}

/* "(from 23.11)": the person's period starts later than the report's. */
static void
since(FILE *fp, int start)
{
	int	 y, m, d;

	crm_date_split(start, &y, &m, &d);
	fputs(" <span class=\"muted since\">(", fp);
	fprintf(fp, L("from %02d.%02d"), d, m);
	fputs(")</span>", fp);
}

static void
summary_row(FILE *fp, const struct crmi_kpi_line *l, const char *cls,
    const struct crm_kpi *k, const struct crm_kpi_person *p)
{
	fprintf(fp, "<tr class=\"%s\"><td class=\"login\">", cls);
	if (strcmp(cls, "team") == 0)
		fprintf(fp, "%s ", L("team"));
	esc(fp, l->login);
	fputs("</td><td>", fp);
	esc(fp, l->name);
	if (strcmp(l->row, "head") == 0)
		fprintf(fp, " <span class=\"muted\">(%s)</span>",
		    L("own tasks"));
	if (p != NULL && p->start > k->from)
		since(fp, p->start);
	fputs("</td><td>", fp);
	badge(fp, l->s->verdict);
	fprintf(fp, "</td><td class=\"num\"><b>%.1f</b></td>", l->s->score);
	change(fp, l->s, l->sprev);
	fprintf(fp, "<td class=\"num\">%lld</td>", (long long)l->c->won);
	money(fp, l->c->wonsum);
	fprintf(fp, "<td class=\"num\">%.1f%%</td>",
	    100 * crm_kpi_winrate(l->c));
	money(fp, l->c->paid);
	money(fp, l->c->profit);
	fputs("<td>", fp);
	if (p != NULL)
		spark(fp, k, p);
	fputs("</td></tr>\n", fp);
}

static void
person_summary(FILE *fp, const struct crm_kpi *k, size_t i)
{
	struct crmi_kpi_line	 l;

	crmi_kpi_person_line(k, i, &l);
	summary_row(fp, &l, "person", k, &k->people[i]);
}

/* Teams each followed by their people, then anyone in no team. */
static void
summary_rows(FILE *fp, const struct crm_kpi *k)
{
	struct crmi_kpi_line	 l;
	size_t			 i, t;
	int			 placed;

	for (t = 0; t < k->nteams; t++) {
		crmi_kpi_team_line(k, t, &l);
		summary_row(fp, &l, "team", k, NULL);
		for (i = 0; i < k->npeople; i++)
			if (crmi_kpi_team_of(&k->people[i]) == k->teams[t].id)
				person_summary(fp, k, i);
	}
	for (i = 0; i < k->npeople; i++) {
		for (t = 0, placed = 0; t < k->nteams; t++)
			placed |= crmi_kpi_team_of(&k->people[i]) ==
			    k->teams[t].id;
		if (!placed)
			person_summary(fp, k, i);
	}
	if (k->npeople > 1) {
		memset(&l, 0, sizeof(l));
		l.login = L("total");
		l.name = "";
		l.row = "team";
		l.c = &k->team;
		l.prev = &k->teamprev;
		l.s = &k->steam;
		l.sprev = &k->steamprev;
		summary_row(fp, &l, "total", k, NULL);
	}
}

/*
 * The thresholds of each person whose team's regulations differ from
 * those the legend states, so that the legend reads every team's rules.
 */
static void
team_legend(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	size_t				 i;

	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		if (p->reward == k->reward && p->penalty == k->penalty &&
		    p->min_tasks == k->min_tasks)
			continue;
		fputc(' ', fp);
		fprintf(fp, L("For %s, by the team's regulations: %s at %g or "
		    "more, %s below %g, %s under %lld tasks."), p->login,
		    verdict_label(CRM_KPI_REWARD), p->reward,
		    verdict_label(CRM_KPI_PENALTY), p->penalty,
		    verdict_label(CRM_KPI_NODATA), (long long)p->min_tasks);
	}
}

static void
summary(FILE *fp, const struct crm_kpi *k)
{
	fprintf(fp, "<section id=\"summary\">\n<h2>%s</h2>\n"
	    "<table class=\"summary\">\n<thead><tr><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n"
	    "<tbody>\n", L("Summary"), L("Login"), L("Name"), L("Verdict"),
	    L("Score"), L("Change"), L("Won"), L("Won amount"),
	    L("Win rate"), L("Paid"), L("Profit"), L("Weeks"));
	summary_rows(fp, k);
	fputs("</tbody>\n</table>\n<p class=\"muted\">", fp);
	fprintf(fp, L("Verdicts: %s at a score of %g or more; %s below %g; "
	    "%s between; %s when fewer than %lld tasks were planned in the "
	    "period. Score: how the CRM was used, 0 to 100. Change: against "
	    "the period before, when it had data. Win rate: won out of won "
	    "and lost. Weeks: the score of each week begun; pale, a partial "
	    "week; grey, nothing planned."), verdict_label(CRM_KPI_REWARD),
	    k->reward, verdict_label(CRM_KPI_PENALTY), k->penalty,
	    verdict_label(CRM_KPI_NOTHING), verdict_label(CRM_KPI_NODATA),
	    (long long)k->min_tasks);
	team_legend(fp, k);
	fputs("</p>\n</section>\n", fp);
}

/* One part of the score: its weight, the numbers behind it, points. */
static void
part(FILE *fp, const struct crm_kpi *k, const struct crm_kpi_score *s,
    int i, const char *name, int64_t n, int64_t of)
{
	fputs("<tr><td>", fp);
	esc(fp, name);
	fprintf(fp, "</td><td class=\"num\">%lld</td><td class=\"num\">",
	    (long long)k->w[i]);
	fprintf(fp, L("%lld of %lld"), (long long)n, (long long)of);
	fprintf(fp, "</td><td class=\"num\">%.0f%%</td>"
	    "<td class=\"num\">%.1f</td></tr>\n", 100 * s->rate[i],
	    s->points[i]);
}

static void
card(FILE *fp, const struct crm_kpi *k, const struct crm_kpi_person *p)
{
	const struct crm_kpi_counts	*c = &p->c;
	const struct crm_kpi_score	*s = &p->s;

	fputs("<div class=\"card\">\n<h3>", fp);
	esc(fp, p->name);
	fputs(" <span class=\"muted\">", fp);
	esc(fp, p->login);
	fputs("</span> ", fp);
	badge(fp, s->verdict);
	fprintf(fp, "</h3>\n<table>\n<tr><th>%s</th><th>%s</th><th>%s</th>"
	    "<th>%s</th><th>%s</th></tr>\n", L("Part of the score"),
	    L("Weight"), L("Numbers"), L("Share"), L("Points"));
	part(fp, k, s, CRM_KPI_ONTIME, L("done on time"), c->ontime,
	    c->ontime + c->late + c->byhead + c->notdone);
	part(fp, k, s, CRM_KPI_ADVANCE, L("planned ahead"), c->advance,
	    c->planned);
	part(fp, k, s, CRM_KPI_FULLPLAN, L("days with a full plan"),
	    c->fulldays, c->workdays);
	part(fp, k, s, CRM_KPI_FIELDS, L("all fields filled"), c->complete,
	    c->planned);
	part(fp, k, s, CRM_KPI_CLEAN, L("comments not junk"),
	    c->comments - c->junk, c->comments);
	if (c->returns > 0) {
		fprintf(fp, "<tr><td>%s</td><td></td><td class=\"num\">",
		    L("returned by the head"));
		fprintf(fp, crmi_ntr("%lld time", "%lld times", c->returns),
		    (long long)c->returns);
		fprintf(fp, "</td><td></td><td class=\"num\">%.1f</td></tr>\n",
		    s->returned);
	}
	fprintf(fp, "<tr class=\"total\"><td colspan=\"4\">%s</td>"
	    "<td class=\"num\">%.1f</td></tr>\n</table>\n<p>", L("Score"),
	    s->score);
	fprintf(fp, L("Tasks planned: %lld; late: %lld; not done: %lld; "
	    "closed by a head: %lld; cancelled: %lld; moved: %lld times; "
	    "junk comments: %lld of %lld."), (long long)c->planned,
	    (long long)c->late, (long long)c->notdone, (long long)c->byhead,
	    (long long)c->cancelled, (long long)c->moves, (long long)c->junk,
	    (long long)c->comments);
	fputs("</p>\n<p class=\"muted\">", fp);
	esc(fp, s->hreason);
	fputs("</p>\n</div>\n", fp);
}

static void
detail(FILE *fp, const struct crm_kpi *k)
{
	size_t	 i;

	fprintf(fp, "<section id=\"detail\">\n<h2>%s</h2>\n"
	    "<div class=\"cards\">\n", L("Why each verdict"));
	for (i = 0; i < k->npeople; i++)
		card(fp, k, &k->people[i]);
	fputs("</div>\n</section>\n", fp);
}

/* A round step giving about n ticks up to max. */
static double
step_of(double max, int n)
{
	double	 raw = max / n, mag, f;

	if (raw <= 0)
		return 1;
	mag = pow(10, floor(log10(raw)));
	f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Legend rows under the plot for n entries. */
static int
legend_rows(size_t n)
{
	int	 cols = (W - PADL) / LEGCOL;

	return ((int)n + cols - 1) / cols;
}

static int
chart_h(size_t n)
{
	return H + legend_rows(n) * LEGROW + 6;
}

static void
chart_open(FILE *fp, const char *title, size_t nleg)
{
	fprintf(fp, "<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\""
	    " viewBox=\"0 0 %d %d\" role=\"img\">\n<title>", W, chart_h(nleg));
	esc(fp, title);
	fprintf(fp, "</title>\n<rect x=\"0\" y=\"0\" width=\"%d\" "
	    "height=\"%d\" fill=\"#fff\"/>\n", W, chart_h(nleg));
}

static void
axis_names(FILE *fp, const char *xl, const char *yl)
{
	fprintf(fp, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
	    "stroke=\"#000\"/>\n<line x1=\"%d\" y1=\"%d\" x2=\"%d\" "
	    "y2=\"%d\" stroke=\"#000\"/>\n<text class=\"axis\" x=\"%d\" "
	    "y=\"%d\" font-size=\"12\" text-anchor=\"middle\">", PADL,
	    H - PADB, W - PADR, H - PADB, PADL, H - PADB, PADL, PADT,
	    (PADL + W - PADR) / 2, H - 8);
	esc(fp, xl);
	fprintf(fp, "</text>\n<text class=\"axis\" x=\"12\" y=\"%d\" "
	    "font-size=\"12\" transform=\"rotate(-90 12 %d)\" "
	    "text-anchor=\"middle\">", (PADT + H - PADB) / 2,
	    (PADT + H - PADB) / 2);
	esc(fp, yl);
	fputs("</text>\n", fp);
}

static double
px(double v, double max)
{
	return PADL + (W - PADL - PADR) * (max > 0 ? v / max : 0);
}

static double
py(double v, double max)
{
	return H - PADB - (H - PADB - PADT) * (max > 0 ? v / max : 0);
}

/* Value ticks up the side: a grid line and the value, step by step. */
static void
yticks(FILE *fp, double max, double step, int money_ticks)
{
	char	 b[40], *comma;
	double	 v;

	for (v = 0; v <= max + step / 2; v += step) {
		if (money_ticks) {
			crm_money_fmt((int64_t)v, b, sizeof(b));
			if ((comma = strchr(b, ',')) != NULL)
				*comma = '\0';
		} else
			snprintf(b, sizeof(b), "%g", v);
		fprintf(fp, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
		    "y2=\"%.1f\" stroke=\"#ddd\"/>\n<text class=\"tick\" "
		    "x=\"%d\" y=\"%.1f\" font-size=\"10\" "
		    "text-anchor=\"end\">%s</text>\n",
		    PADL + 1, py(v, max), W - PADR, py(v, max), PADL - 4,
		    py(v, max) + 3, b);
	}
}

static void
legend(FILE *fp, const struct crm_kpi *k, int extra)
{
	int	 cols = (W - PADL) / LEGCOL, x, y;
	size_t	 i;

	fputs("<g class=\"legend\">\n", fp);
	for (i = 0; i < k->npeople; i++) {
		x = PADL + (int)(i % cols) * LEGCOL;
		y = H + (int)(i / cols) * LEGROW + 4;
		fprintf(fp, "<rect x=\"%d\" y=\"%d\" width=\"10\" "
		    "height=\"10\" fill=\"%s\"/><text x=\"%d\" y=\"%d\" "
		    "font-size=\"11\">",
		    x, y, colour[i % NCOLOUR], x + 14, y + 9);
		esc(fp, k->people[i].login);
		fputs("</text>\n", fp);
	}
	if (extra) {
		i = k->npeople;
		x = PADL + (int)(i % cols) * LEGCOL;
		y = H + (int)(i / cols) * LEGROW + 4;
		fprintf(fp, "<circle cx=\"%d\" cy=\"%d\" r=\"4\" "
		    "fill=\"#fff\" stroke=\"#333\" stroke-width=\"2\"/>"
		    "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s</text>\n",
		    x + 5, y + 5, x + 14, y + 9, L("partial week"));
	}
	fputs("</g>\n", fp);
}

/*
 * The score week by week, a line a person.  A week not yet begun is not
 * drawn; a week with nothing planned leaves a gap, not a zero; a partial
 * week is a hollow point and its tick says so.
 */
static void
trend(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	char				 d[11];
	size_t				 i, w, n = weeks_begun(k);
	double				 span = n > 1 ? n - 1 : 1, x;
	int				 pen, every;

	every = n > 12 ? (int)(n + 11) / 12 : 1;

	fprintf(fp, "<figure>\n<figcaption>%s</figcaption>\n",
	    L("CRM-use score week by week, a line a person"));
	chart_open(fp, L("CRM-use score week by week"), k->npeople + 1);
	yticks(fp, 100, 25, 0);
	for (w = 0; w < n; w++) {
		if (w % every != 0)
			continue;
		x = n > 1 ? px(w, span) : px(0.5, 1);
		crm_date_fmt(k->week0 + 7 * (int)w, d);
		fprintf(fp, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" "
		    "font-size=\"10\" text-anchor=\"middle\">%s%s</text>\n", x,
		    H - PADB + 13, d + 5, partial(k, w) ? "*" : "");
	}
	axis_names(fp, L("weeks, by their Monday (* partial)"),
	    L("score, 0-100"));
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		fprintf(fp, "<path class=\"series\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"2\" d=\"",
		    colour[i % NCOLOUR]);
		for (w = 0, pen = 0; w < n; w++) {
			if (p->week[w].planned == 0) {
				pen = 0;
				continue;
			}
			fprintf(fp, "%s%.1f %.1f ", pen ? "L" : "M",
			    n > 1 ? px(w, span) : px(0.5, 1),
			    py(p->wscore[w].score, 100));
			pen = 1;
		}
		fputs("\"><title>", fp);
		esc(fp, p->login);
		fputs("</title></path>\n", fp);
		for (w = 0; w < n; w++)
			if (p->week[w].planned > 0)
				fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"3.5\" fill=\"%s\" stroke=\"%s\" "
				    "stroke-width=\"2\"/>\n",
				    n > 1 ? px(w, span) : px(0.5, 1),
				    py(p->wscore[w].score, 100),
				    partial(k, w) ? "#fff" :
				    colour[i % NCOLOUR],
				    colour[i % NCOLOUR]);
	}
	legend(fp, k, any_partial(k));
	fputs("</svg>\n</figure>\n", fp);
}

struct box {
	double	 x0, y0, x1, y1;
};

static int
overlaps(const struct box *a, const struct box *b)
{
	return a->x0 < b->x1 && b->x0 < a->x1 && a->y0 < b->y1 &&
	    b->y0 < a->y1;
}

/* Characters, not bytes, for the width of a label. */
static size_t
chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/*
 * Place a label by point i where it overlaps no label placed before it
 * and no point; 0 when there is no such place (the legend still names
 * the point).
 */
static int
place(struct box *lab, size_t nlab, const struct box *pts, size_t npts,
    double cx, double cy, double w, struct box *out)
{
	static const double	 off[][2] = { { 8, -4 }, { 8, 10 },
	    { -8, -4 }, { -8, 10 }, { 8, -16 }, { 8, 22 }, { -8, -16 },
	    { -8, 22 } };
	struct box		 b;
	size_t			 o, j;
	int			 ok;

	for (o = 0; o < sizeof(off) / sizeof(off[0]); o++) {
		b.x0 = off[o][0] > 0 ? cx + off[o][0] : cx + off[o][0] - w;
		b.x1 = b.x0 + w;
		b.y1 = cy + off[o][1] + 2;
		b.y0 = b.y1 - 12;
		ok = b.x0 >= PADL && b.x1 <= W - 2 && b.y0 >= 2 &&
		    b.y1 <= H - PADB;
		for (j = 0; ok && j < nlab; j++)
			ok = !overlaps(&b, &lab[j]);
		for (j = 0; ok && j < npts; j++)
			ok = !overlaps(&b, &pts[j]);
		if (ok) {
			*out = b;
			return 1;
		}
	}
	return 0;
}

/* Score across, sum paid up: a point a person, labels apart. */
static void
scatter_svg(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	struct box			 lab[64], pts[64], b;
	double				 maxy = 0, step, cx, cy;
	size_t				 i, nlab = 0, n;

	for (i = 0; i < k->npeople; i++)
		if (k->people[i].c.paid > maxy)
			maxy = k->people[i].c.paid;
	step = step_of(maxy > 0 ? maxy : 100, 4);
	maxy = step * ceil((maxy > 0 ? maxy : 100) / step);
	chart_open(fp, L("CRM-use score and sum paid"), k->npeople);
	yticks(fp, maxy, step, 1);
	for (i = 0; i <= 100; i += 20)
		fprintf(fp, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" "
		    "font-size=\"10\" text-anchor=\"middle\">%zu</text>\n",
		    px(i, 100), H - PADB + 13, i);
	axis_names(fp, L("CRM-use score, 0-100"), L("paid, roubles"));
	n = k->npeople < 64 ? k->npeople : 64;
	for (i = 0; i < n; i++) {
		cx = px(k->people[i].s.score, 100);
		cy = py(k->people[i].c.paid, maxy);
		pts[i].x0 = cx - 5;
		pts[i].x1 = cx + 5;
		pts[i].y0 = cy - 5;
		pts[i].y1 = cy + 5;
	}
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		cx = px(p->s.score, 100);
		cy = py(p->c.paid, maxy);
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
		    "fill=\"%s\" fill-opacity=\"0.85\"><title>", cx, cy,
		    colour[i % NCOLOUR]);
		esc(fp, p->login);
		fputs("</title></circle>\n", fp);
		if (nlab < 64 && place(lab, nlab, pts, n, cx, cy,
		    6.2 * chars(p->login), &b)) {
			lab[nlab++] = b;
			fprintf(fp, "<text class=\"label\" x=\"%.1f\" "
			    "y=\"%.1f\" font-size=\"10\">", b.x0, b.y1 - 2);
			esc(fp, p->login);
			fputs("</text>\n", fp);
		}
	}
	legend(fp, k, 0);
	fputs("</svg>\n", fp);
}

/* Too few people for a picture: the same pairs as a plain table. */
static void
scatter_table(FILE *fp, const struct crm_kpi *k)
{
	size_t	 i;

	fprintf(fp, "<table>\n<tr><th>%s</th><th>%s</th><th>%s</th></tr>\n",
	    L("Login"), L("Score"), L("Paid"));
	for (i = 0; i < k->npeople; i++) {
		fputs("<tr><td>", fp);
		esc(fp, k->people[i].login);
		fprintf(fp, "</td><td class=\"num\">%.1f</td>",
		    k->people[i].s.score);
		money(fp, k->people[i].c.paid);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void
scatter(FILE *fp, const struct crm_kpi *k)
{
	fprintf(fp, "<figure>\n<figcaption>%s</figcaption>\n",
	    L("CRM-use score and sum paid, a point a person"));
	if (k->npeople < CRM_KPI_MIN_N) {
		fprintf(fp, "<p class=\"muted\">");
		fprintf(fp, L("Fewer than %d people: a table instead of a "
		    "chart."), CRM_KPI_MIN_N);
		fputs("</p>\n", fp);
		scatter_table(fp, k);
	} else
		scatter_svg(fp, k);
	fputs("</figure>\n", fp);
}

static const char *
strength(double r)
{
	double	 a = fabs(r);

	if (a < 0.1)
		return L("No relation");
	if (a < 0.3)
		return r > 0 ? L("A weak positive relation") :
		    L("A weak negative relation");
	if (a < 0.5)
		return r > 0 ? L("A moderate positive relation") :
		    L("A moderate negative relation");
	return r > 0 ? L("A strong positive relation") :
	    L("A strong negative relation");
}

/*
 * In words: how strong, and whether chance could give as much at this
 * n (|r| beyond about 2 / sqrt(n) rarely comes by chance).
 */
static void
words(FILE *fp, const struct crm_kpi_corr *r)
{
	if (!r->have) {
		if (r->n < 3)
			fprintf(fp, L("Too few pairs (n = %zu) to measure "
			    "anything."), r->n);
		else
			fprintf(fp, L("One side does not vary, so there is "
			    "nothing to relate (n = %zu)."), r->n);
		return;
	}
	fputs(strength(r->pearson), fp);
	fputs(". ", fp);
	if (r->n < CRM_KPI_MIN_N)
		fprintf(fp, L("With only %zu pairs this means nothing yet: "
		    "chance alone gives numbers like these."), r->n);
	else if (fabs(r->pearson) < 2 / sqrt((double)r->n))
		fprintf(fp, L("With %zu pairs chance could give as much: "
		    "do not rely on it."), r->n);
	else if (r->n < 30)
		fprintf(fp, L("With %zu pairs it is unlikely to be chance, "
		    "but it is a hint, not proof."), r->n);
	else
		fprintf(fp, L("With %zu pairs it is fairly reliable."), r->n);
}

static void
relations(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_corr	*r;
	size_t				 i;

	fprintf(fp, "<h3>%s</h3>\n<table>\n<tr><th>%s</th><th>%s</th>"
	    "<th>n</th><th>r</th><th>ρ</th><th>%s</th></tr>\n",
	    L("Does using the CRM go with sales?"), L("Across"),
	    L("Score and"), L("What it says"));
	for (i = 0; i < k->ncorr; i++) {
		r = &k->corr[i];
		fputs("<tr><td>", fp);
		if (strcmp(r->scope, "team") == 0)
			fputs(L("people"), fp);
		else {
			fprintf(fp, "%s: ", L("weeks of"));
			esc(fp, r->scope);
		}
		fprintf(fp, "</td><td>%s</td><td class=\"num\">%zu</td>",
		    strcmp(r->y, "paid") == 0 ? L("sum paid") :
		    L("deals won"), r->n);
		if (r->have)
			fprintf(fp, "<td class=\"num\">%.2f</td>"
			    "<td class=\"num\">%.2f</td>", r->pearson,
			    r->spearman);
		else
			fputs("<td class=\"num\">–</td><td class=\"num\">–"
			    "</td>", fp);
		fputs("<td>", fp);
		words(fp, r);
		fputs("</td></tr>\n", fp);
	}
	fprintf(fp, "</table>\n<p class=\"muted\">%s</p>\n",
	    L("r: Pearson's correlation of the values; ρ: Spearman's, of "
	    "their ranks; both from -1 to 1, 0 meaning no relation; n: the "
	    "pairs."));
}

static void
charts(FILE *fp, const struct crm_kpi *k)
{
	fprintf(fp, "<section id=\"charts\">\n<h2>%s</h2>\n"
	    "<div class=\"charts\">\n", L("Trends and sales"));
	trend(fp, k);
	scatter(fp, k);
	fputs("</div>\n", fp);
	relations(fp, k);
	fputs("</section>\n", fp);
}

/* "Department", "Team of NAME" or the person's name. */
static void
scope(FILE *fp, const struct crm_kpi *k)
{
	if (k->who == CRM_KPI_ALL)
		fputs(L("Department"), fp);
	else if (k->who == CRM_KPI_TEAM) {
		fprintf(fp, "%s ", L("Team of"));
		esc(fp, k->title);
	} else
		esc(fp, k->title);
}

static void
heading(FILE *fp, const struct crm_kpi *k)
{
	char	 d[11], f[40], t[40], m[40], pf[40], pt[40];

	/* The dates as people read them in the report's language. */
	crm_date_fmt(k->from, d);
	crmi_date_people(d, f, sizeof(f));
	crm_date_fmt(k->to, d);
	crmi_date_people(d, t, sizeof(t));
	crm_date_fmt(k->made, d);
	crmi_date_people(d, m, sizeof(m));
	crm_date_fmt(k->pfrom, d);
	crmi_date_people(d, pf, sizeof(pf));
	crm_date_fmt(k->pto, d);
	crmi_date_people(d, pt, sizeof(pt));
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<meta name=\"viewport\" "
	    "content=\"width=device-width\">\n<title>%s: ", lang(),
	    L("KPI review"));
	scope(fp, k);
	fprintf(fp, ", %s – %s</title>\n<style>%s</style>\n</head>\n"
	    "<body>\n<header>\n<h1>%s: ", f, t, css, L("KPI review"));
	scope(fp, k);
	fprintf(fp, ", <span class=\"nowrap\">%s – %s</span></h1>\n"
	    "<p class=\"made\">", f, t);
	fprintf(fp, L("Made on %s. Compared with %s – %s."), m, pf, pt);
	fputs("</p>\n</header>\n", fp);
}

int
crm_kpi_html(FILE *fp, const struct crm_kpi *k)
{
	heading(fp, k);
	summary(fp, k);
	detail(fp, k);
	charts(fp, k);
	fputs("</body>\n</html>\n", fp);
	return fflush(fp) == EOF || ferror(fp) ? CRM_EDB : CRM_OK;
}

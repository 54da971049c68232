/*
 * kpisvg.c: the charts of the KPI report (kpihtml.c) as inline SVG that
 * is also well-formed XML: the weekly trend, sales against the score,
 * and the relations between them in words.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "kpihtml_int.h"

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

static int
any_partial(const struct crm_kpi *k)
{
	size_t	 w, n = crmi_kpi_weeks(k);

	for (w = crmi_kpi_week1(k); w < n; w++)
		if (crmi_kpi_partial(k, w))
			return 1;
	return 0;
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
	crmi_kpi_esc(fp, title);
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
	crmi_kpi_esc(fp, xl);
	fprintf(fp, "</text>\n<text class=\"axis\" x=\"12\" y=\"%d\" "
	    "font-size=\"12\" transform=\"rotate(-90 12 %d)\" "
	    "text-anchor=\"middle\">", (PADT + H - PADB) / 2,
	    (PADT + H - PADB) / 2);
	crmi_kpi_esc(fp, yl);
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
		crmi_kpi_esc(fp, k->people[i].login);
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
 * The score week by week, a line a person, from the first week anyone's
 * work counts (crmi_kpi_week1()), each line from its person's.  A week
 * not yet begun is not drawn; a week with nothing planned leaves a gap,
 * not a zero; a partial week is a hollow point and its tick says so.
 */
static void
trend(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	char				 d[11];
	size_t				 i, w, w1 = crmi_kpi_week1(k);
	size_t				 n = crmi_kpi_weeks(k) - w1;
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
		crm_date_fmt(k->week0 + 7 * (int)(w1 + w), d);
		fprintf(fp, "<text class=\"tick\" x=\"%.1f\" y=\"%d\" "
		    "font-size=\"10\" text-anchor=\"middle\">%s%s</text>\n", x,
		    H - PADB + 13, d + 5, crmi_kpi_partial(k, w1 + w) ? "*" :
		    "");
	}
	axis_names(fp, L("weeks, by their Monday (* partial)"),
	    L("score, 0-100"));
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		fprintf(fp, "<path class=\"series\" fill=\"none\" "
		    "stroke=\"%s\" stroke-width=\"2\" d=\"",
		    colour[i % NCOLOUR]);
		for (w = 0, pen = 0; w < n; w++) {
			if (w1 + w < p->week1 ||
			    p->week[w1 + w].planned == 0) {
				pen = 0;
				continue;
			}
			fprintf(fp, "%s%.1f %.1f ", pen ? "L" : "M",
			    n > 1 ? px(w, span) : px(0.5, 1),
			    py(p->wscore[w1 + w].score, 100));
			pen = 1;
		}
		fputs("\"><title>", fp);
		crmi_kpi_esc(fp, p->login);
		fputs("</title></path>\n", fp);
		for (w = 0; w < n; w++)
			if (w1 + w >= p->week1 && p->week[w1 + w].planned > 0)
				fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" "
				    "r=\"3.5\" fill=\"%s\" stroke=\"%s\" "
				    "stroke-width=\"2\"/>\n",
				    n > 1 ? px(w, span) : px(0.5, 1),
				    py(p->wscore[w1 + w].score, 100),
				    crmi_kpi_partial(k, w1 + w) ? "#fff" :
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
	chart_open(fp, L("CRM-use score and sum paid"), k->npeople);
	if (maxy > 0) {
		/* Whole roubles: kopecks would tick 0, 0, 1. */
		step = fmax(step_of(maxy, 4), 100);
		maxy = step * ceil(maxy / step);
		yticks(fp, maxy, step, 1);
	} else {
		/* Nothing paid: the points on the 0 line, and why. */
		yticks(fp, 0, 1, 1);
		fprintf(fp, "<text class=\"note\" x=\"%.1f\" y=\"%.1f\" "
		    "fill=\"#555\" font-size=\"12\" text-anchor=\"middle\">",
		    px(50, 100), py(1, 2));
		crmi_kpi_esc(fp, L("nothing paid in the period yet"));
		fputs("</text>\n", fp);
	}
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
		crmi_kpi_esc(fp, p->login);
		fputs("</title></circle>\n", fp);
		if (nlab < 64 && place(lab, nlab, pts, n, cx, cy,
		    6.2 * chars(p->login), &b)) {
			lab[nlab++] = b;
			fprintf(fp, "<text class=\"label\" x=\"%.1f\" "
			    "y=\"%.1f\" font-size=\"10\">", b.x0, b.y1 - 2);
			crmi_kpi_esc(fp, p->login);
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
		crmi_kpi_esc(fp, k->people[i].login);
		fprintf(fp, "</td><td class=\"num\">%.1f</td>",
		    k->people[i].s.score);
		crmi_kpi_money(fp, k->people[i].c.paid);
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
			crmi_kpi_esc(fp, r->scope);
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

void
crmi_kpi_charts(FILE *fp, const struct crm_kpi *k)
{
	fprintf(fp, "<section id=\"charts\">\n<h2>%s</h2>\n"
	    "<div class=\"charts\">\n", L("Trends and sales"));
	trend(fp, k);
	scatter(fp, k);
	fputs("</div>\n", fp);
	relations(fp, k);
	fputs("</section>\n", fp);
}

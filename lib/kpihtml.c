/*
 * kpihtml.c: the KPI report as one HTML page a head can mail or keep:
 * no scripts, no fonts or images from the network, the charts as inline
 * SVG that is also well-formed XML.
 */
#include <stdio.h>
#include <string.h>

#include "crm_int.h"

#define W	560	/* chart size in SVG user units */
#define H	300
#define PAD	48

static const char *const colour[] = { "#1f77b4", "#d62728", "#2ca02c",
    "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf" };
#define NCOLOUR	(sizeof(colour) / sizeof(colour[0]))

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

	crm_money_fmt(k, b, sizeof(b));
	fprintf(fp, "<td>%s</td>", b);
}

static void
row(FILE *fp, const char *login, const char *name,
    const struct crm_kpi_counts *c, const struct crm_kpi_score *s,
    const struct crm_kpi_counts *pc, const struct crm_kpi_score *ps)
{
	int	 i;

	fputs("<tr><td>", fp);
	esc(fp, login);
	fputs("</td><td>", fp);
	esc(fp, name);
	fprintf(fp, "</td><td>%lld</td><td>%lld</td><td>%lld</td>"
	    "<td>%lld</td><td>%lld</td><td>%lld</td><td>%lld</td>",
	    (long long)c->planned, (long long)c->ontime, (long long)c->late,
	    (long long)c->byhead, (long long)c->notdone,
	    (long long)c->cancelled, (long long)c->moves);
	for (i = 0; i < CRM_KPI_NPART; i++)
		fprintf(fp, "<td>%.1f</td>", s->points[i]);
	fprintf(fp, "<td><b>%.1f</b></td><td>%+.1f</td><td>%s</td>",
	    s->score, s->score - ps->score, crm_kpi_verdict_name(s->verdict));
	fprintf(fp, "<td>%lld</td><td>%lld</td><td>%lld</td>",
	    (long long)c->opened, (long long)c->won, (long long)c->lost);
	money(fp, c->paid);
	money(fp, c->paid - pc->paid);
	money(fp, c->profit);
	fputs("</tr>\n", fp);
}

static void
people(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	size_t				 i;

	fputs("<h2>People</h2>\n<table>\n<tr><th>login</th><th>name</th>"
	    "<th>planned</th><th>on time</th><th>late</th><th>closed by "
	    "a head</th><th>not done</th><th>cancelled</th>"
	    "<th>moves</th><th>points: on time</th><th>ahead</th>"
	    "<th>full plan</th><th>fields</th><th>no junk</th>"
	    "<th>score</th><th>change</th><th>verdict</th><th>deals opened</th>"
	    "<th>won</th><th>lost</th><th>paid</th>"
	    "<th>paid change</th><th>profit</th></tr>\n", fp);
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		row(fp, p->login, p->name, &p->c, &p->s, &p->prev, &p->sprev);
	}
	if (k->npeople > 1)
		row(fp, "team", "", &k->team, &k->steam, &k->teamprev,
		    &k->steamprev);
	fputs("</table>\n<h2>Verdicts</h2>\n<ul>\n", fp);
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		fputs("<li>", fp);
		esc(fp, p->login);
		fprintf(fp, ": %s: ", crm_kpi_verdict_name(p->s.verdict));
		esc(fp, p->s.reason);
		fputs("</li>\n", fp);
	}
	fputs("</ul>\n", fp);
}

static void
relations(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_corr	*r;
	size_t				 i;

	fputs("<h2>CRM use and sales</h2>\n<table>\n<tr>"
	    "<th>scope</th><th>x</th><th>y</th><th>n</th><th>Pearson r</th>"
	    "<th>Spearman ρ</th><th></th></tr>\n", fp);
	for (i = 0; i < k->ncorr; i++) {
		r = &k->corr[i];
		fputs("<tr><td>", fp);
		esc(fp, r->scope);
		fprintf(fp, "</td><td>%s</td><td>%s</td><td>%zu</td>", r->x,
		    r->y, r->n);
		if (r->ok)
			fprintf(fp, "<td>%.2f</td><td>%.2f</td><td></td>",
			    r->pearson, r->spearman);
		else
			fprintf(fp, "<td></td><td></td><td>%s</td>", r->why);
		fputs("</tr>\n", fp);
	}
	fputs("</table>\n", fp);
}

static void
axes(FILE *fp, const char *title, const char *xl, const char *yl)
{
	fprintf(fp, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n"
	    "<title>%s</title>\n"
	    "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" "
	    "fill=\"#fff\"/>\n"
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n"
	    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#000\"/>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"12\" "
	    "text-anchor=\"middle\">%s</text>\n"
	    "<text x=\"12\" y=\"%d\" font-size=\"12\" "
	    "transform=\"rotate(-90 12 %d)\" text-anchor=\"middle\">%s"
	    "</text>\n", W, H, W, H, title, W, H, PAD, H - PAD, W - 10,
	    H - PAD, PAD, H - PAD, PAD, 10, W / 2, H - 12, xl, H / 2, H / 2,
	    yl);
}

static double
sx(double v, double max)
{
	return PAD + (W - PAD - 20) * (max > 0 ? v / max : 0);
}

static double
sy(double v, double max)
{
	return H - PAD - (H - PAD - 20) * (max > 0 ? v / max : 0);
}

/* Score across, sum paid up: one point a person. */
static void
scatter(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	char				 b[40];
	double				 maxy = 0;
	size_t				 i;

	for (i = 0; i < k->npeople; i++)
		if (k->people[i].c.paid > maxy)
			maxy = k->people[i].c.paid;
	axes(fp, "Score and sum paid", "CRM-use score (0-100)",
	    "paid, roubles");
	crm_money_fmt((int64_t)maxy, b, sizeof(b));
	fprintf(fp, "<text x=\"%d\" y=\"24\" font-size=\"10\">%s</text>\n"
	    "<text x=\"%d\" y=\"%d\" font-size=\"10\">100</text>\n",
	    PAD + 4, b, W - 30, H - PAD + 14);
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		fprintf(fp, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"5\" "
		    "fill=\"%s\"><title>", sx(p->s.score, 100),
		    sy(p->c.paid, maxy), colour[i % NCOLOUR]);
		esc(fp, p->login);
		fprintf(fp, "</title></circle>\n<text x=\"%.1f\" y=\"%.1f\" "
		    "font-size=\"10\">", sx(p->s.score, 100) + 7,
		    sy(p->c.paid, maxy) - 4);
		esc(fp, p->login);
		fputs("</text>\n", fp);
	}
	fputs("</svg>\n", fp);
}

/* The weekly score of each person, one line each. */
static void
trend(FILE *fp, const struct crm_kpi *k)
{
	const struct crm_kpi_person	*p;
	char				 d[11];
	size_t				 i, w, last;

	axes(fp, "Score by week", "weeks", "score");
	last = k->nweeks > 1 ? k->nweeks - 1 : 1;
	crm_date_fmt(k->week0, d);
	fprintf(fp, "<text x=\"%d\" y=\"%d\" font-size=\"10\">%s</text>\n",
	    PAD, H - PAD + 14, d);
	for (i = 0; i < k->npeople; i++) {
		p = &k->people[i];
		fprintf(fp, "<polyline fill=\"none\" stroke=\"%s\" "
		    "stroke-width=\"2\" points=\"", colour[i % NCOLOUR]);
		for (w = 0; w < k->nweeks; w++)
			fprintf(fp, "%s%.1f,%.1f", w ? " " : "",
			    sx(w, last), sy(p->wscore[w].score, 100));
		fputs("\"><title>", fp);
		esc(fp, p->login);
		fputs("</title></polyline>\n", fp);
	}
	fputs("</svg>\n", fp);
}

int
crm_kpi_html(FILE *fp, const struct crm_kpi *k)
{
	char	 f[11], t[11];

	crm_date_fmt(k->from, f);
	crm_date_fmt(k->to, t);
	fprintf(fp, "<!DOCTYPE html>\n<html lang=\"ru\">\n<head>\n"
	    "<meta charset=\"utf-8\">\n<title>KPI %s – %s</title>\n"
	    "<style>body{font-family:sans-serif}table{border-collapse:"
	    "collapse}td,th{border:1px solid #999;padding:2px 6px}"
	    "td{text-align:right}td:nth-child(2){text-align:left}</style>\n"
	    "</head>\n<body>\n<h1>KPI %s – %s</h1>\n", f, t, f, t);
	people(fp, k);
	relations(fp, k);
	fputs("<h2>Charts</h2>\n", fp);
	scatter(fp, k);
	trend(fp, k);
	fputs("</body>\n</html>\n", fp);
	return fflush(fp) == EOF || ferror(fp) ? CRM_EDB : CRM_OK;
}

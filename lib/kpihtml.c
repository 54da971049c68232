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

#include "kpihtml_int.h"

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
void
crmi_kpi_esc(FILE *fp, const char *s)
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

void
crmi_kpi_money(FILE *fp, int64_t k)
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
size_t
crmi_kpi_weeks(const struct crm_kpi *k)
{
	size_t	 n = 0;

	while (n < k->nweeks && k->week0 + 7 * (int)n <= k->made)
		n++;
	return n;
}

/*
 * The first week the charts draw: the earliest week anyone's work counts
 * from (the launch's, or a newcomer's own when everyone came later);
 * the days before are counted nowhere.
 */
size_t
crmi_kpi_week1(const struct crm_kpi *k)
{
	size_t	 i, w = k->npeople > 0 ? k->people[0].week1 : 0, n;

	for (i = 1; i < k->npeople; i++)
		if (k->people[i].week1 < w)
			w = k->people[i].week1;
	n = crmi_kpi_weeks(k);
	return w < n ? w : n > 0 ? n - 1 : 0;
}

/* A week cut by the period's ends or by today. */
int
crmi_kpi_partial(const struct crm_kpi *k, size_t w)
{
	int	 mon = k->week0 + 7 * (int)w;

	return mon < k->from || mon + 6 > k->to || mon + 6 > k->made;
}

/*
 * A bar a week begun, its height the week's score; a partial week paler,
 * a week with nothing planned a grey dot rather than a zero.
 */
static void
spark(FILE *fp, const struct crm_kpi *k, const struct crm_kpi_person *p)
{
	size_t	 i, w1 = crmi_kpi_week1(k), n = crmi_kpi_weeks(k) - w1;
	int	 bw = n > 0 && 96 / (int)n < 8 ? 96 / (int)n : 8, h;

	if (bw < 2)
		bw = 2;
	fprintf(fp, "<svg class=\"spark\" xmlns=\"http://www.w3.org/2000/svg\""
	    " width=\"%d\" height=\"18\" viewBox=\"0 0 %d 18\" role=\"img\">"
	    "<title>%s</title>", (int)n * bw + 1, (int)n * bw + 1,
	    L("score week by week"));
	for (i = p->week1; i < w1 + n; i++) {	/* none before the start */
		if (p->week[i].planned == 0) {
			fprintf(fp, "<rect x=\"%zu\" y=\"16\" width=\"%d\" "
			    "height=\"2\" fill=\"#bbb\"/>", (i - w1) * bw,
			    bw - 1);
			continue;
		}
		h = (int)(p->wscore[i].score * 16 / 100 + 0.5);
		fprintf(fp, "<rect x=\"%zu\" y=\"%d\" width=\"%d\" "
		    "height=\"%d\" fill=\"#1f77b4\"%s/>", (i - w1) * bw,
		    18 - h - 1, bw - 1, h + 1, crmi_kpi_partial(k, i) ?
		    " fill-opacity=\"0.4\"" : "");
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
	crmi_kpi_esc(fp, l->login);
	fputs("</td><td>", fp);
	crmi_kpi_esc(fp, l->name);
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
	crmi_kpi_money(fp, l->c->wonsum);
	fprintf(fp, "<td class=\"num\">%.1f%%</td>",
	    100 * crm_kpi_winrate(l->c));
	crmi_kpi_money(fp, l->c->paid);
	crmi_kpi_money(fp, l->c->profit);
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
	crmi_kpi_esc(fp, name);
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
	crmi_kpi_esc(fp, p->name);
	fputs(" <span class=\"muted\">", fp);
	crmi_kpi_esc(fp, p->login);
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
	crmi_kpi_esc(fp, s->hreason);
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

/* "Department", "Team of NAME" or the person's name. */
static void
scope(FILE *fp, const struct crm_kpi *k)
{
	if (k->who == CRM_KPI_ALL)
		fputs(L("Department"), fp);
	else if (k->who == CRM_KPI_TEAM) {
		fprintf(fp, "%s ", L("Team of"));
		crmi_kpi_esc(fp, k->title);
	} else
		crmi_kpi_esc(fp, k->title);
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
	crmi_kpi_charts(fp, k);
	fputs("</body>\n</html>\n", fp);
	return fflush(fp) == EOF || ferror(fp) ? CRM_EDB : CRM_OK;
}

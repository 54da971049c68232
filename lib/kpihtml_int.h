/*
 * kpihtml_int.h: what kpihtml.c (the KPI report as HTML: its summary
 * and cards) and kpisvg.c (its charts, as inline SVG) share, and
 * nobody else.
 */
#ifndef KPIHTML_INT_H
#define KPIHTML_INT_H

#include <libintl.h>
#include <stdio.h>

#include "domain_int.h"

/* The one door for every label: a translation when there is one. */
#define L(s)	dgettext("crm", (s))

/* Text for HTML and XML alike; control bytes become spaces. */
void	 crmi_kpi_esc(FILE *, const char *);

/* Money, kopecks k, as a table cell. */
void	 crmi_kpi_money(FILE *, int64_t k);

/* Weeks begun by the day the report was made. */
size_t	 crmi_kpi_weeks(const struct crm_kpi *);

/* The first week the charts draw: the earliest anyone's work counts. */
size_t	 crmi_kpi_week1(const struct crm_kpi *);

/* A week cut by the period's ends or by today. */
int	 crmi_kpi_partial(const struct crm_kpi *, size_t w);

/* The section of charts: the trend, the scatter, the relations. */
void	 crmi_kpi_charts(FILE *, const struct crm_kpi *);

#endif /* !KPIHTML_INT_H */

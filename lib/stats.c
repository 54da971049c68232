/*
 * stats.c: the two correlation measures the KPI report prints, so that a
 * head can see whether using the CRM goes with selling more.
 *
 * Pearson's r measures a straight-line relation; Spearman's rho, r over
 * ranks, any steady rise or fall, and is not swayed by one big deal.
 */
#include <math.h>
#include <stdlib.h>

#include "crm.h"

struct pair {
	double	 v;
	size_t	 i;
};

static int
by_value(const void *a, const void *b)
{
	double	 x = ((const struct pair *)a)->v;
	double	 y = ((const struct pair *)b)->v;

	return x < y ? -1 : x > y;
}

/*
 * Ranks 1..n of x into rk; equal values share the average of the ranks
 * they span (1, 2.5, 2.5, 4).  Returns 0, or -1 when out of memory.
 */
int
crm_stats_rank(const double *x, size_t n, double *rk)
{
	struct pair	*p;
	size_t		 i, j, k;

	if (n == 0)
		return 0;
	if ((p = reallocarray(NULL, n, sizeof(*p))) == NULL)
		return -1;
	for (i = 0; i < n; i++) {
		p[i].v = x[i];
		p[i].i = i;
	}
	qsort(p, n, sizeof(*p), by_value);
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && p[j].v == p[i].v; j++)
			continue;
		for (k = i; k < j; k++)
			rk[p[k].i] = (i + 1 + j) / 2.0;
	}
	free(p);
	return 0;
}

/*
 * Pearson's r of n pairs into *r.  Returns -1 when n < 2 or when either
 * side is constant (r is then undefined), else 0.
 */
int
crm_stats_pearson(const double *x, const double *y, size_t n, double *r)
{
	double	 mx = 0, my = 0, sxy = 0, sxx = 0, syy = 0;
	size_t	 i;

	if (n < 2)
		return -1;
	for (i = 0; i < n; i++) {
		mx += x[i];
		my += y[i];
	}
	mx /= n;
	my /= n;
	for (i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) * (x[i] - mx);
		syy += (y[i] - my) * (y[i] - my);
	}
	if (sxx <= 0 || syy <= 0)
		return -1;
	*r = sxy / sqrt(sxx * syy);
	if (*r > 1)
		*r = 1;
	else if (*r < -1)
		*r = -1;
	return 0;
}

/*
 * Spearman's rho: Pearson's r of the ranks (average ranks for ties, so
 * that ties need no correction formula).  Returns as crm_stats_pearson,
 * and -1 when out of memory.
 */
int
crm_stats_spearman(const double *x, const double *y, size_t n, double *rho)
{
	double	*rx, *ry;
	int	 rc = -1;

	if (n < 2)
		return -1;
	rx = reallocarray(NULL, n, sizeof(double));
	ry = reallocarray(NULL, n, sizeof(double));
	if (rx != NULL && ry != NULL && crm_stats_rank(x, n, rx) == 0 &&
	    crm_stats_rank(y, n, ry) == 0)
		rc = crm_stats_pearson(rx, ry, n, rho);
	free(rx);
	free(ry);
	return rc;
}

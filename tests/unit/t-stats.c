/*
 * t-stats.c: the correlation measures of kpi-report against values
 * worked out by hand: perfect rises and falls, ties that share their
 * average rank, and the cases where no number may be given.
 */
#include <math.h>
#include <stddef.h>

#include "crm.h"
#include "tap.h"

#define near(a, b)	(fabs((a) - (b)) < 1e-9)

int
main(void)
{
	const double	 x[] = { 1, 2, 3, 4, 5 };
	const double	 up[] = { 2, 4, 6, 8, 10 };
	const double	 down[] = { 50, 40, 30, 20, 10 };
	const double	 curve[] = { 1, 8, 27, 64, 125 };
	const double	 flat[] = { 7, 7, 7, 7, 7 };
	const double	 tied[] = { 10, 20, 20, 30 };
	const double	 y4[] = { 1, 3, 2, 4 };
	const double	 a[] = { 1, 2, 3, 4, 5 };
	const double	 b[] = { 2, 1, 4, 3, 5 };
	double		 r, rk[4];

	ok(crm_stats_pearson(x, up, 5, &r) == 0 && near(r, 1),
	    "pearson: a straight rise is 1");
	ok(crm_stats_pearson(x, down, 5, &r) == 0 && near(r, -1),
	    "pearson: a straight fall is -1");
	ok(crm_stats_spearman(x, curve, 5, &r) == 0 && near(r, 1),
	    "spearman: any steady rise is 1");
	ok(crm_stats_pearson(x, curve, 5, &r) == 0 && r < 0.99 && r > 0.9,
	    "pearson: a curve is below 1 (%.4f)", r);
	/*
	 * a, b: d = -1 1 -1 1 0, sum d^2 = 4, rho = 1 - 6*4/(5*24) = 0.8;
	 * without ties Pearson of the ranks is the same 0.8.
	 */
	ok(crm_stats_spearman(a, b, 5, &r) == 0 && near(r, 0.8),
	    "spearman: 1 - 6 sum d^2 / n(n^2-1) = 0.8 (%.4f)", r);
	ok(crm_stats_pearson(a, b, 5, &r) == 0 && near(r, 0.8),
	    "pearson of the same: 0.8 (%.4f)", r);
	ok(crm_stats_rank(tied, 4, rk) == 0 && rk[0] == 1 && rk[1] == 2.5 &&
	    rk[2] == 2.5 && rk[3] == 4, "ties share the average rank");
	/*
	 * Ranks of tied: 1 2.5 2.5 4; of y4: 1 3 2 4.  Means 2.5; products
	 * of deviations 2.25 + 0 + 0 + 2.25 = 4.5; sums of squares 4.5 and
	 * 5: rho = 4.5 / sqrt(22.5) = 0.9487.
	 */
	ok(crm_stats_spearman(tied, y4, 4, &r) == 0 &&
	    near(r, 4.5 / sqrt(22.5)), "spearman with ties: %.4f", r);
	is_int(crm_stats_pearson(x, flat, 5, &r), -1,
	    "pearson: no number when one side does not vary");
	is_int(crm_stats_spearman(flat, x, 5, &r), -1,
	    "spearman: no number when one side does not vary");
	is_int(crm_stats_pearson(x, up, 1, &r), -1, "pearson: one pair");
	is_int(crm_stats_spearman(x, up, 0, &r), -1, "spearman: no pairs");
	done_testing();
}

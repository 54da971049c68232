/*
 * t-rollout.c: the spot-check draw is reproducible, draws k distinct
 * members, never the same set two weeks running, everyone once before
 * anyone twice, and fair over many weeks.
 */
#include <stdlib.h>
#include <string.h>

#include "crm.h"
#include "tap.h"

#define WEEKS	30

/* Draw WEEKS weeks of k out of n; count each member's draws. */
static int
simulate(const char *seed, int n, int k, int *count)
{
	int	 a[16], b[16], w, i, j, prev[16], same, dup = 0;

	memset(count, 0, n * sizeof(*count));
	for (w = 0; w < WEEKS; w++) {
		if (crm_rollout_draw(seed, n, k, w, a) != k)
			return -1;
		crm_rollout_draw(seed, n, k, w, b);
		if (memcmp(a, b, k * sizeof(*a)) != 0)
			return -2;
		for (i = 0; i < k; i++) {
			if (a[i] < 0 || a[i] >= n)
				return -3;
			for (j = 0; j < i; j++)
				if (a[j] == a[i])
					dup = 1;
			count[a[i]]++;
		}
		if (w > 0 && 2 * k <= n) {
			for (same = 1, i = 0; i < k; i++)
				if (a[i] != prev[i])
					same = 0;
			if (same)
				return -4;
		}
		memcpy(prev, a, k * sizeof(*a));
	}
	return dup ? -5 : 0;
}

static void
fair(const char *seed, int n, int k)
{
	int	 count[16], i, min, max;

	is_int(simulate(seed, n, k, count), 0, "%d of %d, seed %s: "
	    "reproducible, distinct, not the same two weeks running",
	    k, n, seed);
	min = max = count[0];
	for (i = 1; i < n; i++) {
		if (count[i] < min)
			min = count[i];
		if (count[i] > max)
			max = count[i];
	}
	ok(max - min <= 1 && min > 0, "%d of %d over %d weeks: drawn "
	    "%d..%d times each", k, n, WEEKS, min, max);
}

int
main(void)
{
	int	 a[16], b[16], seen[16], i, w;

	fair("2026-11-02/petrova", 4, 2);
	fair("2026-11-02/petrova", 5, 2);
	fair("2026-11-02/sidorov", 7, 3);
	fair("2027-01-11/", 10, 2);
	fair("2027-01-11/x", 3, 1);

	/* Everyone once before anyone twice: n / k weeks cover the team. */
	memset(seen, 0, sizeof(seen));
	for (w = 0; w < 3; w++) {
		crm_rollout_draw("2026-11-02/petrova", 6, 2, w, a);
		seen[a[0]]++;
		seen[a[1]]++;
	}
	for (i = 0, w = 1; i < 6; i++)
		if (seen[i] != 1)
			w = 0;
	ok(w, "six drawn two a week: everyone once in three weeks");

	/* Another launch date or team gives another draw. */
	crm_rollout_draw("2026-11-02/petrova", 10, 3, 0, a);
	crm_rollout_draw("2026-11-09/petrova", 10, 3, 0, b);
	w = memcmp(a, b, 3 * sizeof(*a)) != 0;
	crm_rollout_draw("2026-11-02/sidorov", 10, 3, 0, b);
	w += memcmp(a, b, 3 * sizeof(*a)) != 0;
	ok(w >= 1, "the seed matters");

	/* Edge cases. */
	is_int(crm_rollout_draw("s", 2, 5, 0, a), 2, "k above n: all");
	ok(a[0] == 0 && a[1] == 1, "k above n: both, in order");
	is_int(crm_rollout_draw("s", 0, 2, 0, a), 0, "an empty team");
	is_int(crm_rollout_draw("s", 5, 0, 0, a), 0, "k zero");
	done_testing();
}

/*
 * deal-add: open a deal with a client and print its id: what is sold,
 * for how much, with what expected profit, and when it should close.
 */
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: deal-add [-A amount] [-d close-date] [-f file] [-G profit] "
    "[-s stage]\n"
    "                [-u login] client title ...\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

/* An amount in roubles, the deal's or (profit) its profit. */
static int64_t
money(const char *s, int profit)
{
	int64_t	 k;

	if (crm_money_parse(s, &k) != CRM_OK)
		errx(2, profit ? _("invalid profit '%s'") :
		    _("invalid amount '%s'"), s);
	return k;
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	struct crm_deal	 d;
	const char	*file = NULL, *close = NULL;
	char		*title, day[11];
	int64_t		 id;
	int		 ch, n, rc;

	memset(&d, 0, sizeof(d));
	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "A:d:f:G:s:u:")) != -1)
		switch (ch) {
		case 'A':
			d.amount = money(optarg, 0);
			break;
		case 'd':
			close = optarg;
			break;
		case 'f':
			file = optarg;
			break;
		case 'u':
			d.manager = optarg;
			break;
		case 'G':
			d.profit = money(optarg, 1);
			break;
		case 's':
			d.stage = optarg;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc < 2)
		usage();
	if ((d.title = title = crm_join(argc - 1, argv + 1)) == NULL)
		err(1, NULL);
	/* The new id goes to standard output: make sure it can. */
	if (fcntl(STDOUT_FILENO, F_GETFL) == -1)
		err(1, _("standard output"));
	crm = cmd_open(file, 0);
	d.stage = crm_code(crm, "stage", d.stage);
	if (close != NULL) {
		if (crm_date_parse(close, crm_today(crm), &n) != CRM_OK)
			errx(2, _("invalid close date '%s'"), close);
		crm_date_fmt(n, day);
		d.close_date = day;
	}
	if ((rc = crm_client_find(crm, argv[0], &d.client_id)) == CRM_OK)
		rc = crm_deal_add(crm, &d, &id);
	cmd_check(crm, rc);
	printf("%lld\n", (long long)id);
	if (fflush(stdout) == EOF)
		errx(1, _("deal %lld added, but its id could not be written "
		    "to standard output"), (long long)id);
	free(title);
	crm_close(crm);
	return 0;
}

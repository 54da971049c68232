/*
 * kpi-report: how each manager uses the CRM and what they sold in a
 * period, the verdict the regulations give, and whether use and sales go
 * together; for the head's review and for the managers themselves.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: kpi-report [-aCHjpt] [-d period] [-f file] [-o file]\n"
    "                  [-h head | -u login]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

static void
html(const char *path, const struct crm_kpi *k)
{
	FILE	*fp;

	if (strcmp(path, "-") == 0)
		fp = stdout;
	else if ((fp = crm_fopen_user(path, "w")) == NULL)
		err(1, "%s", path);
	if (crm_kpi_html(fp, k) != CRM_OK || fclose(fp) == EOF)
		errx(1, _("%s: cannot write the report"), path);
}

int
main(int argc, char *argv[])
{
	struct crm		*crm;
	struct cmd_list		 l = { NULL, CRM_FMT_AUTO, 0 };
	struct crm_kpi		*k;
	enum crm_kpi_who	 who = CRM_KPI_SELF;
	const char		*period = "month", *login = NULL;
	const char		*ofile = NULL;
	int			 ch, rc, rel = 0, from, to;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "aCd:f:Hh:jo:ptu:")) != -1)
		switch (ch) {
		case 'a':
			who = CRM_KPI_ALL;
			break;
		case 'C':
			rel = 1;
			break;
		case 'o':
			ofile = optarg;
			break;
		case 'd':
			period = optarg;
			break;
		case 'h':
		case 'u':
			if (login != NULL)
				usage();
			login = optarg;
			who = ch == 'h' ? CRM_KPI_TEAM : CRM_KPI_USER;
			break;
		default:
			if (!cmd_list_opt(&l, ch))
				usage();
		}
	if (optind != argc || (login != NULL && who == CRM_KPI_ALL))
		usage();
	crm = cmd_open(l.file, 0);
	if (crm_period_parse(period, crm_today(crm), &from, &to) != CRM_OK)
		errx(2, _("invalid period '%s': try %s"), period,
		    crm_date_forms(CRM_FORMS_PERIOD));
	cmd_check(crm, crm_kpi_report(crm, who, login, from, to, &k));
	if (ofile != NULL)
		html(ofile, k);
	else if ((rc = crm_kpi_out(stdout, k, l.fmt, l.header, rel,
	    crm_today(crm))) != CRM_OK)
		errx(1, "%s", rc == CRM_EDB ? _("cannot write the report") :
		    _("out of memory"));
	crm_kpi_free(k);
	crm_close(crm);
	return 0;
}

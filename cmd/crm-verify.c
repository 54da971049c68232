/*
 * crm-verify: check that the audit log is as it was written.  Each entry
 * is a link of a hash chain; the walk names the first entry that no
 * longer matches.  Given an entry and the hash a mailed digest carried
 * for it, it also catches a log rewritten whole.  Exits like grep: 0
 * nothing found, 1 a broken entry found, 2 could not check.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: crm-verify [-Bv] [-f file] [entry hash]\n");

static void
usage(void)
{
	cmd_usage(synopsis);
}

int
main(int argc, char *argv[])
{
	struct crm	*crm;
	const char	*file = NULL, *hash = NULL;
	char		 h[CRM_HASH_LEN + 1];
	int64_t		 last = 0, bad, top;
	int		 ch, rc, verbose = 0, accept = 0;

	cmd_start(argc, argv, synopsis);
	while ((ch = getopt(argc, argv, "Bf:v")) != -1)
		switch (ch) {
		case 'B':
			accept = 1;
			break;
		case 'f':
			file = optarg;
			break;
		case 'v':
			verbose = 1;
			break;
		default:
			usage();
		}
	argc -= optind;
	argv += optind;
	if (argc != 0 && argc != 2)
		usage();
	if (argc == 2) {
		if (crm_id_parse(argv[0], &last) != CRM_OK)
			errx(2, _("invalid entry '%s'"), argv[0]);
		hash = argv[1];
		if (strlen(hash) != CRM_HASH_LEN ||
		    hash[strspn(hash, "0123456789abcdef")] != '\0')
			errx(2, _("invalid hash '%s'"), hash);
	}
	if ((rc = crm_open(&crm, file, CRM_OPEN_NOCREATE | CRM_OPEN_BEHIND |
	    (accept ? CRM_OPEN_NOUSER : 0))) != CRM_OK)
		errx(rc == CRM_EBUSY ? 75 : 2, "%s", crm_errmsg(crm));
	if (accept) {
		if (argc != 0)
			usage();
		if ((rc = crm_audit_anchor(crm)) != CRM_OK)
			errx(rc == CRM_EBUSY ? 75 : 1, "%s", crm_errmsg(crm));
		crm_close(crm);
		return 0;
	}
	if ((rc = crm_audit_verify(crm, last, hash, &bad)) != CRM_OK)
		errx(rc == CRM_EBUSY ? 75 : 2, "%s", crm_errmsg(crm));
	if (bad != 0)
		errx(1, "%s", crm_errmsg(crm));
	if (verbose && last == 0 &&
	    (rc = crm_audit_last(crm, &top, h)) == CRM_OK && top != 0)
		printf("audit: %lld %s\n", (long long)top, h);
	else if (verbose && last != 0)
		printf("audit: %lld %s\n", (long long)last, hash);
	if (rc != CRM_OK)
		errx(2, "%s", crm_errmsg(crm));
	crm_close(crm);
	return 0;
}

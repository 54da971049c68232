/* A program outside the tree, built against the installed libcrm. */
#include <stdio.h>

#include <crm.h>

static int
count(const struct crm_person *p, void *arg)
{
	(*(int *)arg)++;
	return 0;
}

int
main(void)
{
	struct crm	*crm;
	int		 n = 0, rc;

	if ((rc = crm_open(&crm, NULL, CRM_OPEN_NOCREATE)) == CRM_OK)
		rc = crm_person_each(crm, 0, count, &n);
	if (rc != CRM_OK) {
		fprintf(stderr, "prog: %s\n", crm_errmsg(crm));
		crm_close(crm);
		return crm_exit_status(rc);
	}
	printf("%d people, schema %d\n", n, crm_schema_version());
	crm_close(crm);
	return 0;
}

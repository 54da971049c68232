/*
 * deal-edit: correct one field of a deal (its title, amount, profit or
 * expected close date); the value before stays in the log.
 */
#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: deal-edit [-f file] [deal ...] field value\n");

int
main(int argc, char *argv[])
{
	return cmd_edit_main(argc, argv, synopsis, CRM_OPEN_NOCREATE, crm_deal_find,
	    crm_deal_set);
}

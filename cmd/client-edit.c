/*
 * client-edit: change one field of a client (its name, INN, phone,
 * e-mail, responsible manager or note); the old value stays in the log.
 */
#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: client-edit [-f file] [client ...] field value\n");

int
main(int argc, char *argv[])
{
	return cmd_edit_main(argc, argv, synopsis, 0, crm_client_find,
	    crm_client_set);
}

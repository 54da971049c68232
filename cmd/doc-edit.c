/*
 * doc-edit: correct one field of a contract or an invoice (its number,
 * date or amount); the value before stays in the log.
 */
#include "crm.h"
#include "libcmd/common.h"

static const char synopsis[] =
    N_("usage: doc-edit [-f file] [doc ...] field value\n");

int
main(int argc, char *argv[])
{
	return cmd_edit_main(argc, argv, synopsis, CRM_OPEN_NOCREATE,
	    cmd_doc_find, crm_doc_set);
}

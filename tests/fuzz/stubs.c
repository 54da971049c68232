/*
 * stubs.c: the functions of the rest of the library that the fuzzed
 * files name and that no fuzzer's input reaches (text.c's checks report
 * through the handle; id.c's crm_ids_each acts in a transaction): the
 * fuzzers link lib/text.c, lib/input.c, lib/date.c, lib/id.c and
 * lib/when.c alone, without the database.
 */
#include "crm_int.h"

int
crmi_err(struct crm *crm, int status, const char *fmt, ...)
{
	(void)crm;
	(void)fmt;
	return status;
}

int
crmi_begin(struct crm *crm)
{
	(void)crm;
	return CRM_EDB;
}

int
crmi_end(struct crm *crm, int status)
{
	(void)crm;
	return status;
}

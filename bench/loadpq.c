/*
 * bench/loadpq: a process that loads libpq as the PostgreSQL driver does
 * (lib/store_pgconn.c: dlopen at the first PostgreSQL database, every
 * symbol bound at once) and does nothing with it.  bench/floor times it
 * against /bin/true: what loading libpq and the libraries it needs costs
 * each command, before any connection.  Exit 1 if it cannot be loaded.
 */
#include <dlfcn.h>
#include <stdio.h>

int
main(void)
{
	if (dlopen("libpq.so.5", RTLD_NOW) == NULL) {
		fprintf(stderr, "loadpq: %s\n", dlerror());
		return 1;
	}
	return 0;
}

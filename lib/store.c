/*
 * store.c: the registry of the store's drivers (store.h): which driver
 * a database's name is for, how the name shows in a message, and the
 * work of the layers above that a driver runs (the fold of crm_fold()).
 * Nothing here names an engine: each driver says what it claims.
 */
#include <stddef.h>
#include <string.h>

#include "store.h"

/* Asked in this order; the last claims any name. */
static const struct crmi_driver *const *const drivers[] = {
	&crmi_pg_driver,
	&crmi_sqlite_driver,
};

static char	*(*fold_fn)(const char *);

const struct crmi_driver *
crmi_driver_for(const char *name)
{
	size_t	 i, n = sizeof(drivers) / sizeof(drivers[0]);

	for (i = 0; i < n - 1; i++)
		if ((*drivers[i])->claims(name))
			return *drivers[i];
	return *drivers[n - 1];
}

void
crmi_db_shown(const char *name, char *out, size_t outsz)
{
	const struct crmi_driver	*drv = crmi_driver_for(name);

	if (outsz == 0)
		return;
	if (drv->shown != NULL)
		drv->shown(name, out, outsz);
	else
		strlcpy(out, name, outsz);
}

void
crmi_store_fold_set(char *(*fn)(const char *))
{
	fold_fn = fn;
}

char *
crmi_store_fold(const char *s)
{
	return fold_fn != NULL ? fold_fn(s) : NULL;
}

void
crmi_path_dir(const char *path, char *dir, size_t sz)
{
	char	*p;

	strlcpy(dir, path, sz);
	if ((p = strrchr(dir, '/')) == NULL)
		strlcpy(dir, ".", sz);
	else if (p == dir)
		p[1] = '\0';
	else
		*p = '\0';
}

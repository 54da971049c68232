/*
 * tmpdb.h: a new database under /tmp for a unit test that opens the
 * library on a file, and its removal with the files SQLite keeps beside.
 */
#ifndef TMPDB_H
#define TMPDB_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A free name "/tmp/NAME.XXXXXX.db" into db; 0, or -1 (message said). */
static int
tmpdb_name(const char *name, char *db, size_t sz)
{
	char	 path[64];
	int	 fd;

	snprintf(path, sizeof(path), "/tmp/%s.XXXXXX", name);
	if ((fd = mkstemp(path)) == -1) {
		perror("mkstemp");
		return -1;
	}
	close(fd);
	unlink(path);
	if ((size_t)snprintf(db, sz, "%s.db", path) >= sz) {
		fprintf(stderr, "%s: name too long\n", path);
		return -1;
	}
	return 0;
}

static void
tmpdb_remove(const char *db)
{
	char	 p[80];

	unlink(db);
	snprintf(p, sizeof(p), "%s-wal", db);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", db);
	unlink(p);
}

#endif /* !TMPDB_H */

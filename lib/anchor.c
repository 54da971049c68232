/*
 * anchor.c: the head of the audit chain kept outside the database, so
 * that committed work cut from the end shows.  A walk of the chain sees
 * every entry that is there, and nothing of those cut from its end (a
 * -wal restored or overwritten, an old copy of the file put back).  In
 * the department's setup (setgid, crm(7) SECURITY) the last entry's id
 * and hash are also written, after each commit, to the file beside the
 * database named like it with "-head": root makes it, of the group that
 * only the tools act with, so no person writes it but through them.
 * Each open checks that the database still holds that entry with that
 * hash; a database behind its anchor is opened by crm-verify alone,
 * which reports it, until root accepts the state (crm-verify -B).
 */
#include <sys/file.h>

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"
#include "domain_int.h"

#define ANCHOR_SZ	96	/* "id hash\n", as written */

/* The anchor's file open (locked as op asks); -1 when none is kept. */
static int
anchor_open(const struct crm *crm, int op)
{
	char	 f[PATH_MAX];
	int	 fd;

	if (!crm->secure || !(crmi_caps(crm) & CRMI_STORE_FILE) ||
	    (size_t)snprintf(f, sizeof(f), "%s-head", crm->path) >=
	    sizeof(f))
		return -1;
	if ((fd = open(f, O_RDWR | O_CLOEXEC | O_NOFOLLOW)) == -1)
		return -1;
	if (flock(fd, op) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

/* The id and hash the file holds (0 and "": none yet). */
static void
anchor_read(int fd, int64_t *id, char hash[65])
{
	char	 buf[ANCHOR_SZ + 1];
	ssize_t	 n;

	*id = 0;
	hash[0] = '\0';
	if ((n = pread(fd, buf, ANCHOR_SZ, 0)) <= 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%" SCNd64 " %64[0-9a-f]", id, hash) != 2) {
		*id = 0;
		hash[0] = '\0';
	}
}

static int
anchor_write(int fd, int64_t id, const char *hash)
{
	char	 buf[ANCHOR_SZ];
	int	 n;

	n = snprintf(buf, sizeof(buf), "%" PRId64 " %s\n", id, hash);
	if (pwrite(fd, buf, n, 0) != n || ftruncate(fd, n) == -1 ||
	    fdatasync(fd) == -1)
		return -1;
	return 0;
}

/* The hash of entry id in the database ("" when it has none). */
static int
entry_hash_of(struct crm *crm, int64_t id, char hash[65])
{
	struct crmi_stmt	*st;
	int			 rc;

	hash[0] = '\0';
	if ((st = crmi_stmt(crm, "SELECT hash FROM audit WHERE id = ?1")) ==
	    NULL)
		return CRM_EDB;
	crmi_bind_int(st, 1, id);
	if ((rc = crmi_step(st)) == CRMI_ROW)
		crmi_col_copy(st, 0, hash, 65);
	crmi_reset(st);
	return rc == CRMI_ROW || rc == CRMI_DONE ? CRM_OK : crmi_dberr(crm, rc);
}

int
crmi_anchor_check(struct crm *crm)
{
	char	 want[65], have[65];
	int	 fd, rc;

	crm->behind = 0;
	if ((fd = anchor_open(crm, LOCK_SH)) == -1)
		return CRM_OK;
	anchor_read(fd, &crm->behind, want);
	close(fd);
	if (crm->behind == 0 ||
	    (rc = entry_hash_of(crm, crm->behind, have)) != CRM_OK)
		return crm->behind = 0, CRM_OK;
	if (strcmp(want, have) == 0) {
		crm->behind = 0;
		return CRM_OK;
	}
	if (have[0] == '\0')
		return crmi_err(crm, CRM_EDB, "%s: the database is behind "
		    "its anchor: entry %lld is missing (committed work was "
		    "lost or rolled back); see crm-verify(1)", crm->path,
		    (long long)crm->behind);
	return crmi_err(crm, CRM_EDB, "%s: the database is behind its "
	    "anchor: entry %lld differs (committed work was lost or "
	    "rolled back); see crm-verify(1)", crm->path,
	    (long long)crm->behind);
}

void
crmi_anchor_note(struct crm *crm, int force)
{
	int64_t	 id, old;
	char	 hash[65], was[65];
	int	 fd;

	if ((fd = anchor_open(crm, LOCK_EX)) == -1)
		return;
	anchor_read(fd, &old, was);
	if (crmi_audit_head(crm, &id, hash) == CRM_OK && hash[0] != '\0' &&
	    (force || id > old))
		(void)anchor_write(fd, id, hash);
	close(fd);
}

int
crm_audit_anchor(struct crm *crm)
{
	if (!crm->root)
		return crmi_err(crm, CRM_EPERM, "only root may accept the "
		    "database as it is");
	if (!crm->secure || !(crmi_caps(crm) & CRMI_STORE_FILE))
		return crmi_err(crm, CRM_EINVAL, "no anchor is kept here: "
		    "only a department's database installed setgid has one");
	crmi_anchor_note(crm, 1);
	crm->behind = 0;
	return CRM_OK;
}

/*
 * common_run.c: the tools' dealings with the library that every tool has
 * alike: the database opened, a failure said in the library's words with
 * its exit status, the output options of the listing tools, the end of a
 * listing, and a record found by its name.  Linked from libcmd.a.
 */
#include <err.h>
#include <stdio.h>
#include <unistd.h>

#include "crm.h"
#include "common.h"

/*
 * The handle cmd_open() made: a tool keeps its database open until it
 * exits, and an exit on a usage error read after the open (errx) leaves
 * it held here, not lost (the leak checkers of make sanitize and
 * valgrind count a handle no pointer reaches as leaked).
 */
static struct crm	*opened;

/*
 * The database file (NULL: crm_db_path's) opened with flags (crm_open),
 * or exit with the library's message and status.
 */
struct crm *
cmd_open(const char *file, int flags)
{
	int	 rc;

	if ((rc = crm_open(&opened, file, flags)) != CRM_OK)
		cmd_fail(opened, rc);
	return opened;
}

/* Exit with the library's message of crm and the exit status of rc. */
void
cmd_fail(struct crm *crm, int rc)
{
	errx(crm_exit_status(rc), "%s", crm_errmsg(crm));
}

/*
 * rc, the status of a call of the library on crm: back when it is
 * CRM_OK, else exit with the library's message and status.
 */
void
cmd_check(struct crm *crm, int rc)
{
	if (rc != CRM_OK)
		cmd_fail(crm, rc);
}

/*
 * The option letter ch of a listing tool, with its argument optarg: -f
 * file, -H, -j, -p or -t kept in l, and 1; any other letter 0, for the
 * tool to read.
 */
int
cmd_list_opt(struct cmd_list *l, int ch)
{
	switch (ch) {
	case 'f':
		l->file = optarg;
		return 1;
	case 'H':
		l->header = 1;
		return 1;
	case 'j':
	case 'p':
	case 't':
		l->fmt = crm_fmt_opt(ch);
		return 1;
	default:
		return 0;
	}
}

/*
 * The record spec names, found by find (the one lookup of a client or a
 * deal: crm_client_find, crm_deal_find), or exit with the library's
 * message and status.
 */
int64_t
cmd_find(struct crm *crm, int (*find)(struct crm *, const char *,
    int64_t *), const char *spec)
{
	int64_t	 id;

	cmd_check(crm, find(crm, spec, &id));
	return id;
}

/*
 * The end of a listing: close o, the output of the walk whose status is
 * rc, and exit 1 when it could not be written, or with the library's
 * message and status when the walk failed.
 */
void
cmd_out_end(struct crm *crm, struct crm_out *o, int rc)
{
	if (crm_out_close(o) != CRM_OK && rc == CRM_OK)
		errx(1, _("write error on standard output"));
	cmd_check(crm, rc);
}

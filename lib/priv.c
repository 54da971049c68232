/*
 * priv.c: the rights a tool uses.  Installed setgid to the group that
 * alone may open the department's database (make install-shared), a tool
 * keeps that group for the database only: whatever the caller names (a
 * report to write, a file to import) it opens with the caller's own
 * rights, and a command it starts never has the group at all.
 */
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "crm_int.h"

/*
 * Whether the tool runs with a group that is not the caller's: installed
 * setgid (the kernel marks such a program AT_SECURE for its whole life).
 */
int
crm_priv_setgid(void)
{
	return getauxval(AT_SECURE) != 0 || getegid() != getgid();
}

/*
 * Act with the caller's own group (crmi_priv_user) until crmi_priv_tool
 * gives the tool's group back.  The saved set-group-ID keeps it, so the
 * switch can go both ways.  0, or -1 with errno set.
 */
int
crmi_priv_user(gid_t *saved)
{
	*saved = getegid();
	if (*saved == getgid())
		return 0;
	return setegid(getgid());
}

int
crmi_priv_tool(gid_t saved)
{
	if (getegid() == saved)
		return 0;
	return setegid(saved);
}

/*
 * Whether a file the caller opened is one of the department's: of the
 * tool's group (the database, its -wal and -shm, everything in the
 * setgid directory is).  A file the caller names never may be, whatever
 * its path (/proc/self/fd/N reopens a descriptor the tool holds).
 */
int
crmi_priv_theirs(int fd, gid_t tool)
{
	struct stat	 sb;

	if (tool == getgid())
		return 0;
	return fstat(fd, &sb) == -1 || sb.st_gid == tool;
}

/* open(2) flags for an fopen(3) mode: "r", "w", "a", with "+". */
static int
mode_flags(const char *mode)
{
	int	 rw = strchr(mode, '+') != NULL ? O_RDWR : 0;

	switch (mode[0]) {
	case 'r':
		return rw ? rw : O_RDONLY;
	case 'w':
		return (rw ? rw : O_WRONLY) | O_CREAT;
	case 'a':
		return (rw ? rw : O_WRONLY) | O_CREAT | O_APPEND;
	default:
		return -1;
	}
}

/*
 * fopen(3) with the caller's own rights: a file the caller names is
 * opened, or created (mode 0666 less the umask, the caller's group), as
 * the caller could open it without crm.  A file of the tool's group is
 * refused (EACCES) before anything is written to it: "w" truncates only
 * once the file is known to be the caller's.  NULL with errno set.
 */
FILE *
crm_fopen_user(const char *path, const char *mode)
{
	FILE	*fp = NULL;
	gid_t	 saved;
	int	 fd, e, flags;

	if ((flags = mode_flags(mode)) == -1) {
		errno = EINVAL;
		return NULL;
	}
	if (crmi_priv_user(&saved) == -1)
		return NULL;
	fd = open(path, flags | O_CLOEXEC, 0666);
	e = errno;
	if (crmi_priv_tool(saved) == -1) {
		e = EPERM;
		goto fail;
	}
	if (fd == -1)
		goto fail;
	if (crmi_priv_theirs(fd, saved)) {
		e = EACCES;
		goto fail;
	}
	if ((mode[0] == 'w' && ftruncate(fd, 0) == -1) ||
	    (fp = fdopen(fd, mode)) == NULL) {
		e = errno;
		goto fail;
	}
	return fp;
fail:
	if (fd != -1)
		close(fd);
	errno = e;
	return NULL;
}

/*
 * Give up the tool's group for good: real, effective and saved
 * set-group-ID become the caller's group.  For a child before exec.
 */
int
crmi_priv_drop(void)
{
	gid_t	 g = getgid();

	return setresgid(g, g, g);
}

/*
 * Start "sh -c cmd" as the caller, without the tool's group, with a pipe
 * to its standard input; *pid gets its process id.  NULL with errno set.
 * Close with crm_pclose_user().
 */
FILE *
crm_popen_user(const char *cmd, pid_t *pid)
{
	FILE	*fp;
	int	 fd[2];

	if (pipe2(fd, O_CLOEXEC) == -1)
		return NULL;
	if ((*pid = fork()) == -1) {
		close(fd[0]);
		close(fd[1]);
		return NULL;
	}
	if (*pid == 0) {
		if (crmi_priv_drop() == -1 || dup2(fd[0], 0) == -1)
			_exit(127);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fd[0]);
	if ((fp = fdopen(fd[1], "w")) == NULL)
		close(fd[1]);
	return fp;
}

/* Close the pipe and wait for the command: its wait(2) status, or -1. */
int
crm_pclose_user(FILE *fp, pid_t pid)
{
	int	 st;

	fclose(fp);
	while (waitpid(pid, &st, 0) == -1)
		if (errno != EINTR)
			return -1;
	return st;
}

/*
 * priv.c: the rights a tool uses.  Installed setgid to the group that
 * alone may open the department's database (make install-shared), a tool
 * keeps that group for the database only: whatever the caller names (a
 * report to write, a file to import) it opens with the caller's own
 * rights, and a command it starts never has the group at all.
 */
#include <sys/auxv.h>
#include <sys/types.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
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
 * fopen(3) with the caller's own rights: a file the caller names is
 * opened, or created (mode 0666 less the umask, the caller's group), as
 * the caller could open it without crm.  NULL with errno set.
 */
FILE *
crm_fopen_user(const char *path, const char *mode)
{
	FILE	*fp;
	gid_t	 saved;
	int	 e;

	if (crmi_priv_user(&saved) == -1)
		return NULL;
	fp = fopen(path, mode);
	e = errno;
	if (crmi_priv_tool(saved) == -1) {
		if (fp != NULL)
			fclose(fp);
		errno = EPERM;
		return NULL;
	}
	errno = e;
	return fp;
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

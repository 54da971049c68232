/*
 * runs.c: run a command n times, its output thrown away, and print the
 * median wall time and the median CPU time (user + system) in
 * milliseconds, and the largest peak resident set in KiB, as
 * getrusage(2) gives it for the child (what /usr/bin/time -v reports).
 *
 *	runs n command [argument ...]
 *
 * The CPU time is the figure to read on a shared machine: waiting for
 * a core does not count in it.  The command's exit status is ignored
 * (plan-check exits 1 when it finds something).
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
ms(const struct timeval *tv)
{
	return tv->tv_sec * 1e3 + tv->tv_usec / 1e3;
}

int
main(int argc, char *argv[])
{
	struct timespec	 s, e;
	struct rusage	 ru;
	double		*wall, *cpu;
	long		 n, i, rss = 0;
	pid_t		 pid;
	int		 st, fd;
	char		*end;

	if (argc < 3 || (n = strtol(argv[1], &end, 10)) < 1 || *end != '\0') {
		fprintf(stderr, "usage: runs n command [argument ...]\n");
		return 2;
	}
	wall = calloc(n, sizeof(*wall));
	cpu = calloc(n, sizeof(*cpu));
	if (wall == NULL || cpu == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		clock_gettime(CLOCK_MONOTONIC, &s);
		if ((pid = fork()) == -1) {
			perror("fork");
			return 1;
		}
		if (pid == 0) {
			if ((fd = open("/dev/null", O_WRONLY)) != -1)
				dup2(fd, 1);
			execvp(argv[2], argv + 2);
			perror(argv[2]);
			_exit(127);
		}
		if (wait4(pid, &st, 0, &ru) == -1) {
			perror("wait4");
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &e);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 127)
			return 1;
		wall[i] = (e.tv_sec - s.tv_sec) * 1e3 +
		    (e.tv_nsec - s.tv_nsec) / 1e6;
		cpu[i] = ms(&ru.ru_utime) + ms(&ru.ru_stime);
		if (ru.ru_maxrss > rss)
			rss = ru.ru_maxrss;
	}
	qsort(wall, n, sizeof(*wall), cmp);
	qsort(cpu, n, sizeof(*cpu), cmp);
	printf("%.1f %.1f %ld\n", wall[n / 2], cpu[n / 2], rss);
	return 0;
}

/*
** runtime: run a command and append "WALL CPU" (seconds, microsecond
** resolution; CPU = user + system of the command) to a file. /usr/bin/time
** rounds to 10 ms, too coarse for a check that takes one; and on a shared
** machine CPU time is what stays comparable between two programs.
**
**   runtime TIMES_FILE COMMAND [ARG...]
**
** The command's stdout and stderr pass through; the exit status is its own.
*/
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/util.h"

int main(int argc, char **argv)
{
	struct timespec a, b;
	struct rusage ru;
	int status = 0;
	pid_t pid;
	FILE *f;

	if (argc < 3) {
		fputs("usage: runtime TIMES_FILE COMMAND [ARG...]\n", stderr);
		return 2;
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	pid = fork();
	if (pid < 0) {
		perror("fork");
		return 1;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("wait4");
		return 1;
	}
	clock_gettime(CLOCK_MONOTONIC, &b);
	f = fopen(argv[1], "a");
	if (!f) {
		perror(argv[1]);
		return 1;
	}
	fprintf(f, "%.6f %.6f\n", (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9,
		(double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 + (double)ru.ru_stime.tv_sec +
			(double)ru.ru_stime.tv_usec / 1e6);
	fclose(f);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}

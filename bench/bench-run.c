/* bench-run.c - run one command and say what it cost.
 *
 *   bench-run [--watch PID] [--timeout SECONDS] [--label TEXT] -- CMD [ARG...]
 *
 * Prints one JSON line on file descriptor 3 when it is open (else on
 * standard error), so the command's own output can go anywhere (run.sh
 * sends it to /dev/null):
 *
 *   {"label":..,"wall_s":..,"user_s":..,"sys_s":..,"cpu_s":..,"exit":..,
 *    "watch_cpu_s":..,"timed_out":false}
 *
 * user/sys are the command's and all its waited-for descendants' (wait4's
 * rusage: xargs' ipmitool processes, FreeIPMI's threads, runuser's tshark).
 * watch_cpu_s is the CPU time the watched process (bmcsim) used between the
 * start and the end of the command: the sum over its threads of
 * /proc/PID/task/TID/schedstat (nanoseconds), or /proc/PID/stat utime+stime
 * (clock ticks) where schedstat is missing.  The command runs in its own
 * process group, which is killed when --timeout (default 600 s) expires. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench-util.h"

static double
stat_cpu(long pid)
{
	char path[64], buf[2048];
	snprintf(path, sizeof path, "/proc/%ld/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	if (!p)
		return -1;
	/* after ") ": state(3) ppid(4) ... utime(14) stime(15) */
	unsigned long ut = 0, st = 0;
	if (sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

/* CPU seconds of a process, every thread. */
static double
proc_cpu(long pid)
{
	if (pid <= 0)
		return -1;
	char path[64];
	snprintf(path, sizeof path, "/proc/%ld/task", pid);
	DIR *d = opendir(path);
	if (!d)
		return -1;
	double sum = 0;
	bool ok = true;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char sp[320];
		snprintf(sp, sizeof sp, "/proc/%ld/task/%s/schedstat", pid, e->d_name);
		FILE *f = fopen(sp, "r");
		unsigned long long ns = 0;
		if (!f || fscanf(f, "%llu", &ns) != 1)
			ok = false;
		if (f)
			fclose(f);
		sum += (double)ns / 1e9;
	}
	closedir(d);
	return ok ? sum : stat_cpu(pid);
}

static volatile sig_atomic_t timed_out;
static pid_t child;

static void
on_alarm(int sig)
{
	(void)sig;
	timed_out = 1;
	if (child > 0)
		kill(-child, SIGKILL);
}

int
main(int argc, char **argv)
{
	long watch = 0;
	unsigned timeout = 600;
	const char *label = "";
	int i = 1;
	for (; i < argc; i++) {
		if (!strcmp(argv[i], "--watch") && i + 1 < argc)
			watch = strtol(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--timeout") && i + 1 < argc)
			timeout = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--label") && i + 1 < argc)
			label = argv[++i];
		else if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else
			break;
	}
	if (i >= argc || !timeout || timeout > 3600) {
		fprintf(stderr, "usage: bench-run [--watch PID] [--timeout S] [--label TEXT] -- "
				"CMD [ARG...]\n");
		return 2;
	}
	FILE *report = fdopen(3, "w");
	if (!report)
		report = stderr;
	double w0 = proc_cpu(watch);
	double t0 = now_s();
	child = fork();
	if (child < 0) {
		perror("bench-run: fork");
		return 2;
	}
	if (child == 0) {
		setpgid(0, 0);
		if (report != stderr)
			close(3);
		execvp(argv[i], argv + i);
		fprintf(stderr, "bench-run: %s: %s\n", argv[i], strerror(errno));
		_exit(127);
	}
	setpgid(child, child);
	signal(SIGALRM, on_alarm);
	alarm(timeout);
	int status = 0;
	struct rusage ru;
	pid_t r;
	do
		r = wait4(child, &status, 0, &ru);
	while (r < 0 && errno == EINTR);
	alarm(0);
	double t1 = now_s();
	double w1 = proc_cpu(watch);
	if (r < 0) {
		perror("bench-run: wait4");
		return 2;
	}
	int code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
	double u = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6;
	double s = (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	fprintf(report,
		"{\"label\":\"%s\",\"wall_s\":%.6f,\"user_s\":%.6f,\"sys_s\":%.6f,\"cpu_s\":%.6f,"
		"\"exit\":%d,\"watch_cpu_s\":%.6f,\"timed_out\":%s}\n",
		label, t1 - t0, u, s, u + s, code, (watch > 0 && w0 >= 0 && w1 >= 0) ? w1 - w0 : -1,
		timed_out ? "true" : "false");
	fflush(report);
	return code;
}

/* SPDX-License-Identifier: Apache-2.0 */
/* timing.c - clocks, medians, and the wall time of a whole process. */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>

#include "bench.h"

extern char **environ;

uint64_t timing_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int _cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

double timing_median(double *v, size_t n)
{
	if (n == 0)
		return 0;
	qsort(v, n, sizeof(*v), _cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int timing_spawn_median(char *const argv[], size_t runs, double *ret_us, double *ret_min_us,
			double *ret_cpu_us)
{
	posix_spawn_file_actions_t fa;
	double *t, *cpu;
	int r;

	t = calloc(runs ? 2 * runs : 2, sizeof(*t));
	if (!t)
		return -ENOMEM;
	cpu = t + runs;
	r = posix_spawn_file_actions_init(&fa);
	if (r) {
		free(t);
		return -r;
	}
	r = posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	if (!r)
		r = posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	/* An OCI profile's warnings are not figures: a failure shows in the status. */
	if (!r)
		r = posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	for (size_t i = 0; i < runs && !r; i++) {
		uint64_t t0 = timing_now_ns();
		struct rusage ru;
		pid_t pid;
		int status;

		r = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
		if (r)
			break;
		while (wait4(pid, &status, 0, &ru) < 0)
			if (errno != EINTR) {
				r = errno;
				break;
			}
		t[i] = (double)(timing_now_ns() - t0) / 1000.0;
		cpu[i] = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e6 +
			 (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec);
		if (!r && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
			r = ECHILD;
	}
	posix_spawn_file_actions_destroy(&fa);
	if (!r) {
		*ret_us = timing_median(t, runs);
		*ret_min_us = t[0]; /* sorted by timing_median() */
		*ret_cpu_us = timing_median(cpu, runs);
	}
	free(t);
	return -r;
}

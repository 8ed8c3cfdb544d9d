/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernel.c - the real-kernel micro-benchmark: how long one syscall takes
 * with no filter, with sjail's program and with libseccomp's.
 *
 * Each measurement runs in a fresh forked child, so every filter is the
 * only one in its process (filters stack and cannot be removed). The child
 * reports through shared memory and then spins without a syscall until the
 * parent kills it (as test/unit/kernel.h does): its filter only has to
 * allow the call being measured (and clock_gettime, should the vDSO fall
 * back to the syscall).
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#define KERNEL_WARMUP 2000
#define KERNEL_BATCHES 20
#define KERNEL_TIMEOUT_MS 60000

enum { _PENDING, _DONE, _FAILED };

struct _shared {
	_Atomic int state;
	double ns;
	char msg[256];
};

static _Noreturn void _child(struct _shared *sh, const struct bench_prog *prog,
			     const struct kernel_call *c, unsigned long iterations, int pin_cpu)
{
	const unsigned long *a = c->args;
	uint64_t t0;

	/* One CPU for every child: the figures do not wander with the scheduler. */
	if (pin_cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(pin_cpu, &set);
		sched_setaffinity(0, sizeof(set), &set);
	}
	if (prog) {
		struct sjail_program p = {
		    .insns = prog->insns, .len = prog->len, .arch = sjail_arch_native()};
		struct sjail_error err;
		int r;

		sjail_error_clear(&err);
		r = sjail_install(&p, /* flags= */ 0, &err);
		if (r < 0) {
			snprintf(sh->msg, sizeof(sh->msg), "install: %.200s", err.msg);
			atomic_store(&sh->state, _FAILED);
			for (;;)
				; /* no syscall: the parent ends us */
		}
	}
	for (unsigned long i = 0; i < KERNEL_WARMUP; i++)
		syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
	/*
	 * The fastest of KERNEL_BATCHES batches: an interrupt or a stolen
	 * time slice (this may be a VM) lands in one batch and is dropped.
	 */
	sh->ns = 0;
	for (unsigned b = 0; b < KERNEL_BATCHES; b++) {
		unsigned long n = iterations / KERNEL_BATCHES + 1;
		double ns;

		t0 = timing_now_ns();
		for (unsigned long i = 0; i < n; i++)
			syscall(c->nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		ns = (double)(timing_now_ns() - t0) / (double)n;
		if (b == 0 || ns < sh->ns)
			sh->ns = ns;
	}
	atomic_store(&sh->state, _DONE);
	for (;;)
		; /* no syscall: the parent ends us */
}

int kernel_time_call(const struct bench_prog *prog, const struct kernel_call *c,
		     unsigned long iterations, double *ret_ns, char *msg, size_t msg_len)
{
	struct _shared *sh;
	int r = -ETIMEDOUT, status, state;
	pid_t pid;

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED)
		return -errno;
	atomic_store(&sh->state, _PENDING);
	pid = fork();
	if (pid < 0) {
		r = -errno;
		munmap(sh, sizeof(*sh));
		return r;
	}
	if (pid == 0)
		_child(sh, prog, c, iterations, (int)sysconf(_SC_NPROCESSORS_ONLN) - 1);

	for (int ms = 0; ms < KERNEL_TIMEOUT_MS; ms++) {
		state = atomic_load(&sh->state);
		if (state == _DONE) {
			*ret_ns = sh->ns;
			r = 0;
			break;
		}
		if (state == _FAILED) {
			snprintf(msg, msg_len, "%s", sh->msg);
			r = -ECHILD;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			if (WIFSIGNALED(status))
				snprintf(msg, msg_len, "the child died of signal %d (%s)",
					 WTERMSIG(status), strsignal(WTERMSIG(status)));
			else
				snprintf(msg, msg_len, "the child exited with %d",
					 WEXITSTATUS(status));
			pid = 0;
			r = -ECHILD;
			break;
		}
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
	}
	if (r == -ETIMEDOUT)
		snprintf(msg, msg_len, "the child did not report within %d ms", KERNEL_TIMEOUT_MS);
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	munmap(sh, sizeof(*sh));
	return r;
}

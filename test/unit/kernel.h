/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kernel.h - does the real kernel accept this program? Installs it in a
 * forked child that reports through shared memory and then spins without a
 * syscall (its filter may forbid every one, exit included) until the parent
 * kills it.
 */
#ifndef SJAIL_TEST_KERNEL_H
#define SJAIL_TEST_KERNEL_H

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "sjail.h"

#define KERNEL_PENDING 1000000

/* 0 when the kernel accepts insns, -errno of seccomp(2) when it refuses. */
static inline int kernel_accepts_insns(const struct sock_filter *insns, size_t len)
{
	struct sock_fprog fprog = {.len = (unsigned short)len,
				   .filter = (struct sock_filter *)insns};
	_Atomic int *shared;
	int result;
	pid_t pid;

	shared =
	    mmap(NULL, sizeof(*shared), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return -errno;
	atomic_store(shared, KERNEL_PENDING);
	pid = fork();
	if (pid < 0) {
		munmap((void *)shared, sizeof(*shared));
		return -errno;
	}
	if (pid == 0) {
		long r = prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);

		if (r == 0)
			r = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &fprog);
		atomic_store(shared, r == 0 ? 0 : -errno);
		for (;;)
			; /* no syscall: the parent ends us */
	}
	for (int i = 0; i < 5000 && atomic_load(shared) == KERNEL_PENDING; i++)
		nanosleep(&(struct timespec){.tv_nsec = 1000000}, NULL);
	result = atomic_load(shared);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	munmap((void *)shared, sizeof(*shared));
	return result == KERNEL_PENDING ? -ETIMEDOUT : result;
}

static inline int kernel_accepts(const struct sjail_program *prog)
{
	return kernel_accepts_insns(prog->insns, prog->len);
}

#endif

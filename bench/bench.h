/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench.h - the benchmark's parts, one job per file:
 *   bench.c    main: inputs, figures, tables, targets
 *   scmp.c     the same rules through libseccomp's C API (the only libseccomp user)
 *   kcache.c   the kernel's constant-action cache check, emulated
 *   timing.c   medians, the in-process clock, posix_spawn of the sjail binary
 *   kernel.c   the real-kernel micro-benchmark (forked children under a filter)
 *
 * The benchmark uses the library's internals (ir.h) freely: it builds
 * filters in C, runs programs in the in-tree interpreter and holds them to
 * the reference evaluator.
 */
#ifndef SJAIL_BENCH_H
#define SJAIL_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ir.h"

/* A program that is not necessarily sjail's (libseccomp's, for one). */
struct bench_prog {
	struct sock_filter *insns;
	size_t len;
};

/* ---- scmp.c ----------------------------------------------------------- */

/*
 * A filter as calls into libseccomp's API, prepared once so that timing
 * covers libseccomp's own work only (as for a program that passes
 * SCMP_SYS() constants).
 */
struct scmp_plan;

/*
 * Lowers filter (rules for arch) to libseccomp calls. Conditions that
 * libseccomp 2.5 cannot state exactly are lowered to their nearest 64-bit
 * form and counted in *ret_inexact (the args they touch in *ret_inexact_args,
 * a bit per index). dword_eq_64: state dword eq as SCMP_A<n>_32(SCMP_CMP_EQ)
 * does in 2.5, a 64-bit eq (inexact: a set high half fails it) instead of
 * the exact masked form. Errors: -ENOMEM, -EINVAL (unknown syscall).
 */
int scmp_plan_new(const struct sjail_filter *filter, const struct sjail_arch *arch,
		  bool dword_eq_64, struct scmp_plan **ret_plan, size_t *ret_inexact,
		  unsigned *ret_inexact_args);

/*
 * An OCI filter (lenient rules) is planned as runc builds it: the filter's
 * companion ABIs (i386, x32) are added, a name is resolved as
 * seccomp_syscall_resolve_name() resolves it (names libseccomp does not
 * know are left out), and rules with the default action are left out.
 * True when libseccomp cannot state the rules for call d as sjail reads
 * them: its name on d's ABI has no number in libseccomp, the ABI is a
 * 32-bit one to libseccomp (i386, x32: it compares the low halves only)
 * and an argument has its high half set, or d's number is 2^31 or more
 * with x32 in the filter (sjail kills those, libseccomp gives them x32's
 * default). unit/oci_libseccomp shows the first two are the only
 * differences on Docker's default for numbers 0..470.
 */
bool scmp_plan_outside(const struct scmp_plan *plan, const struct seccomp_data *d);

/* The names the plan leaves out because libseccomp does not know them. */
size_t scmp_plan_skipped(const struct scmp_plan *plan);
void scmp_plan_free(struct scmp_plan *plan);

/*
 * Builds the filter through libseccomp (seccomp_init, attributes,
 * seccomp_rule_add_array for every rule) and exports it with
 * seccomp_export_bpf into memfd (an open memfd the caller owns), then reads
 * it back. *ret (insns owned by the caller) is written on success only.
 * A rule libseccomp refuses is skipped and described in refused (may be
 * NULL; first refusal only), and *ret_refused counts them.
 * Errors: -errno of libseccomp or the memfd.
 */
int scmp_plan_compile(const struct scmp_plan *plan, int memfd, struct bench_prog *ret,
		      size_t *ret_refused, char *refused, size_t refused_len);

/* libseccomp's version, "2.5.4". Static. */
const char *scmp_version(void);

/* ---- kcache.c --------------------------------------------------------- */

/*
 * Would the kernel (kernel/seccomp.c, seccomp_is_const_allow) find that
 * insns allows syscall nr of audit_arch whatever its arguments, and so
 * cache it and never run the filter for it?
 */
bool kcache_const_allow(const struct sock_filter *insns, size_t len, uint32_t audit_arch,
			uint32_t nr);

/* ---- timing.c --------------------------------------------------------- */

/* CLOCK_MONOTONIC in nanoseconds. */
uint64_t timing_now_ns(void);

/* The median of v[0..n) (sorts v in place); 0 when n == 0. */
double timing_median(double *v, size_t n);

/*
 * Runs argv[0] (a path) with argv through posix_spawn, stdin, stdout and
 * stderr on /dev/null, runs times, and writes the median and the fastest
 * wall time
 * (spawn to reaped) and the median CPU time (user + system, from wait4) in
 * microseconds. Errors: -errno of posix_spawn, -ECHILD when a run does not
 * exit 0.
 */
int timing_spawn_median(char *const argv[], size_t runs, double *ret_us, double *ret_min_us,
			double *ret_cpu_us);

/* ---- kernel.c --------------------------------------------------------- */

/* One call the micro-benchmark makes: a raw syscall with its arguments. */
struct kernel_call {
	long nr;
	unsigned long args[6];
};

/*
 * Nanoseconds per call of c, measured in a forked child that first installs
 * prog (NULL: no filter) and then makes the call iterations times, in
 * batches: the figure is the fastest batch's. The
 * child reports through shared memory and spins until it is killed, so its
 * filter needs to allow c (and clock_gettime, should the vDSO fall back to
 * the syscall) and nothing else.
 * Errors: -errno (fork, mmap), -ETIMEDOUT, -ECHILD (the child died: the
 * filter refused c or the install failed; *msg says which).
 */
int kernel_time_call(const struct bench_prog *prog, const struct kernel_call *c,
		     unsigned long iterations, double *ret_ns, char *msg, size_t msg_len);

#endif

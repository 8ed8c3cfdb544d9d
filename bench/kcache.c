/* SPDX-License-Identifier: Apache-2.0 */
/*
 * kcache.c - the kernel's constant-action cache (Linux >= 5.11), emulated.
 *
 * When a filter is attached, kernel/seccomp.c (seccomp_cache_prepare_bitmap)
 * runs seccomp_is_const_allow() on it for every syscall number of the
 * native arch, with the number and the arch known and the arguments
 * unknown. It follows only what it can decide from those two values; a
 * number for which it reaches "ret ALLOW" gets a bit in the cache, and from
 * then on that syscall skips the filter entirely. This is the same walk.
 */
#include "bench.h"

bool kcache_const_allow(const struct sock_filter *insns, size_t len, uint32_t audit_arch,
			uint32_t nr)
{
	uint32_t a = 0;

	for (size_t pc = 0; pc < len; pc++) {
		const struct sock_filter *in = &insns[pc];
		bool taken;

		switch (in->code) {
		case BPF_LD | BPF_W | BPF_ABS:
			if (in->k == offsetof(struct seccomp_data, nr))
				a = nr;
			else if (in->k == offsetof(struct seccomp_data, arch))
				a = audit_arch;
			else
				return false; /* an argument (or the ip): not constant */
			continue;
		case BPF_RET | BPF_K:
			/* NOTE: exactly ALLOW; "log" or "ret A" are not cached. */
			return in->k == SECCOMP_RET_ALLOW;
		case BPF_JMP | BPF_JA:
			pc += in->k;
			continue;
		case BPF_JMP | BPF_JEQ | BPF_K:
			taken = a == in->k;
			break;
		case BPF_JMP | BPF_JGE | BPF_K:
			taken = a >= in->k;
			break;
		case BPF_JMP | BPF_JGT | BPF_K:
			taken = a > in->k;
			break;
		case BPF_JMP | BPF_JSET | BPF_K:
			taken = (a & in->k) != 0;
			break;
		case BPF_ALU | BPF_AND | BPF_K:
			a &= in->k;
			continue;
		default:
			return false; /* anything else: the kernel gives up */
		}
		pc += taken ? in->jt : in->jf;
	}
	return false; /* ran off the end: the kernel warns and gives up */
}

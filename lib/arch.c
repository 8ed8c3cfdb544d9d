/* SPDX-License-Identifier: Apache-2.0 */
/*
 * arch.c - syscall names <-> numbers per architecture.
 *
 * The tables are generated into arch/<name>.c by arch/gen-syscalls.sh from
 * the kernel's own syscall tables and, for arm, ARM's private calls, which
 * the kernel numbers in a header instead (0x0f0001 up: set_tls, cacheflush,
 * ...; the generator lists them). arch/syscall-args.c holds by hand how the
 * kernel declares the arguments of some syscalls. This file only looks
 * things up in them: by number in a table sorted by number, by name through
 * its by_name index, wherever in 0..2^32-1 the numbers lie.
 * Everything here is read-only: no state, no allocation, thread-safe.
 */
#include <errno.h>
#include <string.h>

#include "ir.h"

/*
 * Every ABI sjail has a table for, and compiles for: the 64-bit ones
 * first, then those a 64-bit kernel also runs (x86_64 before x32: the
 * owner of their shared arch value comes first).
 */
const struct sjail_arch *const sjail_arches[] = {
    &sjail_arch_x86_64,
    &sjail_arch_aarch64,
    &sjail_arch_riscv64,
    &sjail_arch_i386,
    &sjail_arch_x32,
    &sjail_arch_arm,
    NULL,
};

/*
 * NOTE: a program for x86_64 or aarch64 may also cover the 32-bit ABIs
 * the same kernel runs, when the profile asks (an OCI profile's
 * "architectures"). A program for one of those 32-bit ABIs covers it
 * alone: an i386 process can switch to 64-bit mode, and an x32 process
 * can make x86_64 calls without the x32 bit, so every other ABI must be
 * killed for it.
 */
static const struct sjail_arch *const _x86_64_companions[] = {&sjail_arch_i386, &sjail_arch_x32,
							      NULL};
static const struct sjail_arch *const _aarch64_companions[] = {&sjail_arch_arm, NULL};
static const struct sjail_arch *const _no_companions[] = {NULL};

const struct sjail_arch *const *arch_companions(const struct sjail_arch *arch)
{
	if (arch == &sjail_arch_x86_64)
		return _x86_64_companions;
	if (arch == &sjail_arch_aarch64)
		return _aarch64_companions;
	return _no_companions;
}

size_t arch_select(const struct sjail_filter *filter, const struct sjail_arch *target,
		   const struct sjail_arch *out[SJAIL_MAX_ABIS])
{
	const struct sjail_arch *const *c = arch_companions(target);
	size_t n = 0;

	out[n++] = target;
	for (; *c && n < SJAIL_MAX_ABIS; c++)
		for (size_t i = 0; i < filter->nabis; i++)
			if (sjail_arch_by_name(filter->abis[i]) == *c) {
				out[n++] = *c;
				break;
			}
	return n;
}

/* Must list sjail_arches in order; test_tables.c checks it does. */
#define _ARCH_NAMES "x86_64, aarch64, riscv64, i386, x32, arm"

/*
 * Debian's and Go's names (amd64, arm64), Debian's for its two arm EABI
 * ports (armhf, armel), Docker's (x86) and uname -m's (i686).
 */
static const struct {
	const char *alias;
	const struct sjail_arch *arch;
} _aliases[] = {
    {"amd64", &sjail_arch_x86_64}, {"arm64", &sjail_arch_aarch64}, {"x86", &sjail_arch_i386},
    {"i686", &sjail_arch_i386},	   {"armhf", &sjail_arch_arm},	   {"armel", &sjail_arch_arm},
};

const struct sjail_arch *sjail_arch_native(void)
{
	/*
	 * NOTE: each table is for one ABI. x32 (x86_64 with ILP32) shares
	 * AUDIT_ARCH_X86_64 with x86_64 but numbers its syscalls from
	 * __X32_SYSCALL_BIT; arm's table is EABI's (OABI numbers from
	 * 0x900000), little-endian; big-endian arm and arm64 have other
	 * AUDIT_ARCH values. None of those may use another's table.
	 */
#if defined(__x86_64__) && defined(__ILP32__)
	return &sjail_arch_x32;
#elif defined(__x86_64__)
	return &sjail_arch_x86_64;
#elif defined(__i386__)
	return &sjail_arch_i386;
#elif defined(__aarch64__) && !defined(__ILP32__) && !defined(__AARCH64EB__)
	return &sjail_arch_aarch64;
#elif defined(__arm__) && defined(__ARM_EABI__) && !defined(__ARMEB__)
	return &sjail_arch_arm;
#elif defined(__riscv) && defined(__riscv_xlen) && __riscv_xlen == 64
	return &sjail_arch_riscv64;
#else
	return NULL;
#endif
}

const struct sjail_arch *sjail_arch_by_name(const char *name)
{
	size_t i;

	if (!name)
		return NULL;
	for (i = 0; sjail_arches[i]; i++)
		if (strcmp(sjail_arches[i]->name, name) == 0)
			return sjail_arches[i];
	for (i = 0; i < ELEMENTSOF(_aliases); i++)
		if (strcmp(_aliases[i].alias, name) == 0)
			return _aliases[i].arch;
	return NULL;
}

const char *sjail_arch_name(const struct sjail_arch *arch)
{
	return arch ? arch->name : NULL;
}

const char *sjail_arch_names(void)
{
	return _ARCH_NAMES;
}

/* Finds name in arch->syscalls: true, and its index in *ret_index. */
static bool _syscall_index(const struct sjail_arch *arch, const char *name, size_t *ret_index)
{
	size_t lo = 0, hi = arch->nsyscalls, i;

	if (!arch->by_name) {
		for (i = 0; i < arch->nsyscalls; i++)
			if (strcmp(arch->syscalls[i].name, name) == 0) {
				*ret_index = i;
				return true;
			}
		return false;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		size_t k = arch->by_name[mid];
		int c = strcmp(name, arch->syscalls[k].name);

		if (c == 0) {
			*ret_index = k;
			return true;
		}
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return false;
}

int sjail_arch_syscall_nr(const struct sjail_arch *arch, const char *name, uint32_t *ret_nr)
{
	size_t i;

	if (!arch || !name || !_syscall_index(arch, name, &i))
		return -ENOENT;
	if (ret_nr)
		*ret_nr = arch->syscalls[i].nr;
	return 0;
}

const char *sjail_arch_syscall_name(const struct sjail_arch *arch, uint32_t nr)
{
	size_t lo = 0, hi;

	if (!arch)
		return NULL;
	hi = arch->nsyscalls;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (arch->syscalls[mid].nr == nr)
			return arch->syscalls[mid].name;
		if (arch->syscalls[mid].nr > nr)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

/*
 * Longest name arch_suggest() compares. No syscall name comes near it
 * (test_tables.c checks), and with the cutoff below a longer input is never
 * close to any of them.
 */
#define _SUGGEST_MAX 63

static size_t _min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;

	return m < c ? m : c;
}

/*
 * Edit distance of a and b, counting insertions, deletions, substitutions
 * and swaps of two adjacent characters as one each (the "optimal string
 * alignment" distance): a swap is the commonest typo ("opne"), and plain
 * Levenshtein would count it as two. Returns a value > max as soon as the
 * distance is known to exceed max. Both strings are at most _SUGGEST_MAX long.
 */
static size_t _edit_distance(const char *a, const char *b, size_t max)
{
	size_t la = strlen(a), lb = strlen(b), i, j;
	size_t rows[3][_SUGGEST_MAX + 1];
	size_t *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

	if ((la > lb ? la - lb : lb - la) > max)
		return max + 1;
	for (j = 0; j <= lb; j++)
		prev[j] = j;
	for (i = 1; i <= la; i++) {
		size_t *t, row_min;

		cur[0] = row_min = i;
		for (j = 1; j <= lb; j++) {
			size_t cost = a[i - 1] != b[j - 1];

			cur[j] = _min3(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    prev2[j - 2] + 1 < cur[j])
				cur[j] = prev2[j - 2] + 1;
			if (cur[j] < row_min)
				row_min = cur[j];
		}
		if (row_min > max)
			return max + 1;
		t = prev2;
		prev2 = prev;
		prev = cur;
		cur = t;
	}
	return prev[lb];
}

/*
 * The closest name of arch to name within max, not name itself; ties go to
 * the first in table order. *best_dist is lowered when one is found.
 */
static const char *_closest(const struct sjail_arch *arch, const char *name, size_t max,
			    size_t *best_dist)
{
	const char *best = NULL;
	size_t i;

	for (i = 0; i < arch->nsyscalls; i++) {
		const char *cand = arch->syscalls[i].name;
		size_t d;

		if (strlen(cand) > _SUGGEST_MAX)
			continue;
		d = _edit_distance(name, cand, max);
		if (d == 0 || d > max || d >= *best_dist)
			continue;
		best = cand;
		*best_dist = d;
	}
	return best;
}

const char *arch_suggest(const struct sjail_arch *arch, const char *name)
{
	const char *best = NULL;
	size_t len, max, best_dist = SIZE_MAX, i;

	if (!name)
		return NULL;
	len = strlen(name);
	if (len > _SUGGEST_MAX)
		return NULL;
	max = len / 3 > 1 ? len / 3 : 1;

	/*
	 * A close name of arch beats a closer one of another arch: "stat" on
	 * aarch64 should suggest an aarch64 name ("fstat"), not the x86_64
	 * "stat" (the caller tells that case apart with arch_find_other()).
	 * Hence also the d == 0 skip in _closest(): suggesting the name as
	 * written helps nobody.
	 */
	if (arch) {
		best = _closest(arch, name, max, &best_dist);
		if (best)
			return best;
	}
	for (i = 0; sjail_arches[i]; i++) {
		const char *c;

		if (sjail_arches[i] == arch)
			continue;
		c = _closest(sjail_arches[i], name, max, &best_dist);
		if (c)
			best = c;
	}
	return best;
}

const struct sjail_arch *arch_find_other(const struct sjail_arch *arch, const char *name)
{
	size_t i, k;

	if (!name)
		return NULL;
	for (i = 0; sjail_arches[i]; i++)
		if (sjail_arches[i] != arch && _syscall_index(sjail_arches[i], name, &k))
			return sjail_arches[i];
	return NULL;
}

uint32_t sjail_arch_audit(const struct sjail_arch *arch)
{
	return arch->audit_arch;
}

const struct sjail_syscall_args *arch_syscall_args(const struct sjail_arch *arch, const char *name)
{
	if (!arch || !(arch->audit_arch & 0x80000000u) || !name) /* __AUDIT_ARCH_64BIT */
		return NULL;
	for (size_t i = 0; i < sjail_nsyscall_args; i++)
		if (strcmp(sjail_syscall_args[i].name, name) == 0)
			return &sjail_syscall_args[i];
	return NULL;
}

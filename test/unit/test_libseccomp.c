/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_libseccomp.c - our syscall tables against libseccomp's resolver, a
 * second reading of the kernel's tables by other people. A name both know
 * must have one number on both sides, and so must every number 0..600 that
 * libseccomp names. What only one side knows is listed, and the list must be
 * exactly the expected one: libseccomp 2.5.4 (Debian 12) predates the newest
 * syscalls, and it knows nfsservctl, which the kernel's generic table has no
 * row for. A lost or misspelled name in a table changes a list and fails.
 *
 * All six tables: the 64-bit ones and the 32-bit ones (i386, x32 with its
 * numbers' bit, arm). On arm also the block the kernel keeps for ARM's
 * private calls, 0x0f0000 to 0x0f07ff, where libseccomp 2.5.4 names
 * breakpoint, cacheflush, usr26, usr32, set_tls and get_tls as the arm
 * table does. Built only when pkg-config finds libseccomp (a test-only
 * dependency).
 */
#include <seccomp.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"

#define MAX_NR 600
#define NEW_IN_LINUX_6_x                                                                           \
	"statmount", "listmount", "lsm_get_self_attr", "lsm_set_self_attr", "lsm_list_modules",    \
	    "mseal"

static const struct {
	const char *arch;
	uint32_t scmp_arch;
	const char *unknown[40]; /* ours, not known to libseccomp 2.5.4 */
	const char *extra[8];	 /* known to libseccomp, not in the kernel's table */
	uint32_t block[2];	 /* numbers compared beside 0..MAX_NR, first and last */
} expected[] = {
    {"x86_64", SCMP_ARCH_X86_64, {"uretprobe", NEW_IN_LINUX_6_x}, {NULL}},
    {"aarch64", SCMP_ARCH_AARCH64, {NEW_IN_LINUX_6_x}, {"nfsservctl"}},
    {"riscv64", SCMP_ARCH_RISCV64, {"riscv_hwprobe", NEW_IN_LINUX_6_x}, {"nfsservctl"}},
    /*
     * i386: libseccomp 2.5.4 resolves the socket and System V IPC calls to
     * pseudo-syscalls of socketcall and ipc, although the kernel's i386
     * table has direct calls for them too.
     */
    {"i386",
     SCMP_ARCH_X86,
     {"recvmmsg",    "sendmmsg",     "socket",	   "socketpair",     "bind",	    "connect",
      "listen",	     "accept4",	     "getsockopt", "setsockopt",     "getsockname", "getpeername",
      "sendto",	     "sendmsg",	     "recvfrom",   "recvmsg",	     "shutdown",    "semget",
      "semctl",	     "shmget",	     "shmctl",	   "shmat",	     "shmdt",	    "msgget",
      "msgsnd",	     "msgrcv",	     "msgctl",	   NEW_IN_LINUX_6_x, "setxattrat",  "getxattrat",
      "listxattrat", "removexattrat"},
     {NULL}},
    {"x32", SCMP_ARCH_X32, {"uretprobe", "map_shadow_stack", NEW_IN_LINUX_6_x}, {NULL}},
    {"arm",
     SCMP_ARCH_ARM,
     {NEW_IN_LINUX_6_x, "setxattrat", "getxattrat", "listxattrat", "removexattrat",
      "open_tree_attr", "file_getattr", "file_setattr"},
     {NULL},
     {0x0f0000, 0x0f07ff}}, /* __ARM_NR_BASE up to where the kernel answers -ENOSYS */
};

static bool _in(const char *const *names, const char *name)
{
	for (; *names; names++)
		if (strcmp(*names, name) == 0)
			return true;
	return false;
}

/* Adds name to the printed list; an unexpected one fails the test. */
static void _list(char *list, size_t len, const char *const *want, const char *name)
{
	size_t n = strlen(list);

	snprintf(list + n, len - n, "%s%s", n ? " " : "", name);
	CHECK(_in(want, name));
}

/* Joins names with spaces, for CHECK_STR. */
static const char *_join(char *buf, size_t len, const char *const *names)
{
	buf[0] = '\0';
	for (; *names; names++) {
		size_t n = strlen(buf);

		snprintf(buf + n, len - n, "%s%s", n ? " " : "", *names);
	}
	return buf;
}

/*
 * Number n, when libseccomp names it: the same name here, or no such name
 * here (then it goes to the list extra).
 */
static void _number(const struct sjail_arch *arch, uint32_t sa, int n, char *extra, size_t len,
		    const char *const *want_extra)
{
	char *name = seccomp_syscall_resolve_num_arch(sa, n);
	const char *ours = sjail_arch_syscall_name(arch, (uint32_t)n);
	uint32_t nr;

	check_count++;
	if (name && !ours && sjail_arch_syscall_nr(arch, name, &nr) < 0) {
		_list(extra, len, want_extra, name);
	} else if (name && (!ours || strcmp(name, ours) != 0)) {
		check_failed++;
		fprintf(stderr, "%s: number %d is %s here, %s in libseccomp\n", arch->name, n,
			ours ? ours : "nothing", name);
	}
	free(name);
}

static void test_arch(size_t e, const char *version, bool exact)
{
	const struct sjail_arch *arch = sjail_arch_by_name(expected[e].arch);
	const char *const *want_unknown = expected[e].unknown;
	const char *const *want_extra = expected[e].extra;
	char unknown[4096] = "", extra[4096] = "", want[4096];
	uint32_t sa = expected[e].scmp_arch, nr;

	CHECK(arch != NULL);
	if (!arch)
		return;
	/* Every name of ours: the same number there, or not known there. */
	for (size_t i = 0; i < arch->nsyscalls; i++) {
		const struct sjail_syscall_def *s = &arch->syscalls[i];
		int n = seccomp_syscall_resolve_name_arch(sa, s->name);

		check_count++;
		if (n == __NR_SCMP_ERROR || n < 0) { /* other negatives: pseudo-syscalls */
			_list(unknown, sizeof(unknown), want_unknown, s->name);
		} else if ((uint32_t)n != s->nr) {
			check_failed++;
			fprintf(stderr, "%s: %s is %u here, %d in libseccomp\n", arch->name,
				s->name, s->nr, n);
		}
	}
	/* Every number libseccomp names: the same name here, or no such name here. */
	for (int i = 0; i <= MAX_NR; i++)
		/* x32's numbers carry __X32_SYSCALL_BIT, in both. */
		_number(arch, sa, arch == &sjail_arch_x32 ? 0x40000000 | i : i, extra,
			sizeof(extra), want_extra);
	for (uint32_t i = expected[e].block[0]; i && i <= expected[e].block[1]; i++)
		_number(arch, sa, (int)i, extra, sizeof(extra), want_extra);
	printf("%s: not known to libseccomp %s: %s\n", arch->name, version,
	       unknown[0] ? unknown : "(none)");
	printf("%s: known to libseccomp %s only: %s\n", arch->name, version,
	       extra[0] ? extra : "(none)");
	/* A newer libseccomp may know more; then the lists may only shrink. */
	if (exact) {
		CHECK_STR(unknown, _join(want, sizeof(want), want_unknown));
		CHECK_STR(extra, _join(want, sizeof(want), want_extra));
	}
	/* Whatever libseccomp knows: our table still has every name it does not. */
	for (; *want_unknown; want_unknown++)
		CHECK_INT(sjail_arch_syscall_nr(arch, *want_unknown, &nr), 0);
}

int main(void)
{
	const struct scmp_version *v = seccomp_version();
	bool exact = v->major == 2 && v->minor == 5 && v->micro == 4;
	char version[64];

	snprintf(version, sizeof(version), "%u.%u.%u", v->major, v->minor, v->micro);
	if (!exact)
		printf("libseccomp %s, not 2.5.4: only unexpected names fail\n", version);
	for (size_t e = 0; e < ELEMENTSOF(expected); e++)
		test_arch(e, version, exact);
	return check_exit();
}

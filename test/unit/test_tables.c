/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_tables.c - the generated syscall tables (arch/) and their lookups
 * (lib/arch.c). That the tables are what arch/gen-syscalls.sh makes of the
 * kernel's tables is the CTest test tables/regenerate. Also the hand-written
 * table of argument declarations (arch/syscall-args.c): its names, its
 * shape, and that each argument's width and sign follow from its type.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "check.h"
#include "ir.h"

/* The installed <sys/syscall.h>, as test/unit/native-sysh.sh reads it. */
static const struct sjail_syscall_def _native_sysh[] = {
#include "native_sysh.inc"
    {NULL, 0},
};

static bool _has(const struct sjail_arch *arch, const char *name)
{
	return sjail_arch_syscall_nr(arch, name, NULL) == 0;
}

static uint32_t _nr(const struct sjail_arch *arch, const char *name)
{
	uint32_t nr = UINT32_MAX;

	CHECK_INT(sjail_arch_syscall_nr(arch, name, &nr), 0);
	return nr;
}

/* Every number the installed header knows is in the native table. */
static void _test_native(void)
{
	const struct sjail_arch *native = sjail_arch_native();
	size_t i, n = 0, missing = 0;

#if defined(__x86_64__) && !defined(__ILP32__)
	CHECK(native == &sjail_arch_x86_64);
#elif defined(__x86_64__)
	CHECK(native == &sjail_arch_x32);
#elif defined(__i386__)
	CHECK(native == &sjail_arch_i386);
#elif defined(__aarch64__) && !defined(__AARCH64EB__)
	CHECK(native == &sjail_arch_aarch64);
#elif defined(__arm__) && defined(__ARM_EABI__) && !defined(__ARMEB__)
	CHECK(native == &sjail_arch_arm);
#elif defined(__riscv) && __riscv_xlen == 64
	CHECK(native == &sjail_arch_riscv64);
#endif
	if (!native) {
		printf("no table for this architecture: <sys/syscall.h> not compared\n");
		return;
	}

	for (i = 0; _native_sysh[i].name; i++) {
		uint32_t nr = UINT32_MAX;

		n++;
		if (sjail_arch_syscall_nr(native, _native_sysh[i].name, &nr) != 0) {
			fprintf(stderr, "%s: <sys/syscall.h> has %s (%u), the table does not\n",
				native->name, _native_sysh[i].name, _native_sysh[i].nr);
			CHECK(_has(native, _native_sysh[i].name));
			continue;
		}
		if (nr != _native_sysh[i].nr)
			fprintf(stderr, "%s: %s is %u in <sys/syscall.h> but %u in the table\n",
				native->name, _native_sysh[i].name, _native_sysh[i].nr, nr);
		CHECK_INT(nr, _native_sysh[i].nr);
	}
	/* A header with next to nothing in it would prove nothing. */
	CHECK(n >= 250);
	printf("%s: %zu numbers of <sys/syscall.h> match the table\n", native->name, n);

	/* Information only: the header is usually from an older kernel. */
	for (i = 0; i < native->nsyscalls; i++) {
		const char *name = native->syscalls[i].name;
		size_t j;

		for (j = 0; _native_sysh[j].name; j++)
			if (strcmp(_native_sysh[j].name, name) == 0)
				break;
		if (!_native_sysh[j].name) {
			if (missing++ == 0)
				printf("%s: in the table but not in <sys/syscall.h>:",
				       native->name);
			printf(" %s(%u)", name, native->syscalls[i].nr);
		}
	}
	if (missing)
		printf("\n");
}

/* Sorted by nr, names unique, the name index right, lookups round-trip. */
static void _test_shape(const struct sjail_arch *arch)
{
	size_t i, j;

	bool x32 = arch == &sjail_arch_x32;

	CHECK(arch->nsyscalls >= 250);
	CHECK(arch->bits == (arch == &sjail_arch_x86_64 || arch == &sjail_arch_aarch64 ||
				     arch == &sjail_arch_riscv64
				 ? 64u
				 : 32u));
	CHECK(!arch->big_endian);
	CHECK(arch->by_name != NULL);
	for (i = 0; i < arch->nsyscalls; i++) {
		const struct sjail_syscall_def *s = &arch->syscalls[i];
		uint32_t nr = UINT32_MAX;

		if (i > 0 && s[-1].nr >= s->nr)
			fprintf(stderr, "%s: %s (%u) after %s (%u)\n", arch->name, s->name, s->nr,
				s[-1].name, s[-1].nr);
		CHECK(i == 0 || s[-1].nr < s->nr);
		/* Foreign-ABI numbers must not be in the table; x32's carry the bit, below 2^31. */
		if (arch->foreign_nr_bit)
			CHECK((s->nr & arch->foreign_nr_bit) == 0);
		if (x32)
			CHECK(s->nr >= 0x40000000u && s->nr <= 0x7fffffffu);
		else
			CHECK(s->nr < 0x40000000u);
		/* arch_suggest() ignores longer names; none is near that. */
		CHECK(strlen(s->name) >= 3 && strlen(s->name) <= 32);
		for (j = 0; j < i; j++)
			if (strcmp(arch->syscalls[j].name, s->name) == 0) {
				fprintf(stderr, "%s: %s twice\n", arch->name, s->name);
				CHECK(strcmp(arch->syscalls[j].name, s->name) != 0);
			}

		CHECK_INT(sjail_arch_syscall_nr(arch, s->name, &nr), 0);
		CHECK_INT(nr, s->nr);
		CHECK_STR(sjail_arch_syscall_name(arch, s->nr), s->name);
		CHECK(arch_find_other(NULL, s->name) != NULL);
	}
	for (i = 0; i < arch->nsyscalls; i++) {
		CHECK(arch->by_name[i] < arch->nsyscalls);
		if (i > 0)
			CHECK(strcmp(arch->syscalls[arch->by_name[i - 1]].name,
				     arch->syscalls[arch->by_name[i]].name) < 0);
	}

	/* Numbers between and beyond the rows have no name. */
	for (i = 1; i < arch->nsyscalls; i++)
		if (arch->syscalls[i].nr > arch->syscalls[i - 1].nr + 1)
			CHECK(sjail_arch_syscall_name(arch, arch->syscalls[i - 1].nr + 1) == NULL);
	CHECK(sjail_arch_syscall_name(arch, arch->syscalls[arch->nsyscalls - 1].nr + 1) == NULL);
	CHECK(sjail_arch_syscall_name(arch, UINT32_MAX) == NULL);
	if (x32)
		CHECK(sjail_arch_syscall_name(arch, 0) == NULL);
	else
		CHECK(sjail_arch_syscall_name(arch, 0x40000000u) == NULL);

	/* Not found: written nowhere. */
	{
		uint32_t nr = 12345;

		CHECK_INT(sjail_arch_syscall_nr(arch, "no_such_syscall", &nr), -ENOENT);
		CHECK_INT(sjail_arch_syscall_nr(arch, "", &nr), -ENOENT);
		CHECK_INT(sjail_arch_syscall_nr(arch, "READ", &nr), -ENOENT);
		CHECK_INT(sjail_arch_syscall_nr(arch, "read ", &nr), -ENOENT);
		CHECK_INT(sjail_arch_syscall_nr(arch, NULL, &nr), -ENOENT);
		CHECK_INT(nr, 12345);
	}
}

/* A copy of arch without the name index takes the linear path. */
static void _test_linear(const struct sjail_arch *arch)
{
	struct sjail_arch copy = *arch;
	uint32_t nr = UINT32_MAX;
	size_t i;

	copy.by_name = NULL;
	for (i = 0; i < copy.nsyscalls; i++) {
		CHECK_INT(sjail_arch_syscall_nr(&copy, copy.syscalls[i].name, &nr), 0);
		CHECK_INT(nr, copy.syscalls[i].nr);
	}
	CHECK_INT(sjail_arch_syscall_nr(&copy, "no_such_syscall", &nr), -ENOENT);
}

static void _test_spots(void)
{
	const struct sjail_arch *x86 = &sjail_arch_x86_64, *a64 = &sjail_arch_aarch64,
				*rv = &sjail_arch_riscv64;

	CHECK_INT(x86->audit_arch, 0xc000003eu);
	CHECK_INT(a64->audit_arch, 0xc00000b7u);
	CHECK_INT(rv->audit_arch, 0xc00000f3u);
	CHECK_INT(x86->foreign_nr_bit, 0x40000000u);
	CHECK_INT(a64->foreign_nr_bit, 0);
	CHECK_INT(rv->foreign_nr_bit, 0);
	CHECK_INT(sjail_arch_i386.audit_arch, 0x40000003u);
	CHECK_INT(sjail_arch_x32.audit_arch, 0xc000003eu); /* AUDIT_ARCH_X86_64, shared */
	CHECK_INT(sjail_arch_arm.audit_arch, 0x40000028u);
	CHECK_INT(sjail_arch_i386.foreign_nr_bit, 0);
	CHECK_INT(sjail_arch_x32.foreign_nr_bit, 0);
	CHECK_INT(sjail_arch_arm.foreign_nr_bit, 0);

	/* The 32-bit ABIs: the old sigreturn beside rt_sigreturn on i386 and arm, not on x32. */
	CHECK_INT(_nr(&sjail_arch_i386, "getpid"), 20);
	CHECK_INT(_nr(&sjail_arch_i386, "sigreturn"), 119);
	CHECK_INT(_nr(&sjail_arch_i386, "rt_sigreturn"), 173);
	CHECK_INT(_nr(&sjail_arch_i386, "socketcall"), 102);
	CHECK_INT(_nr(&sjail_arch_x32, "getpid"), 0x40000000u | 39);
	CHECK_INT(_nr(&sjail_arch_x32, "execve"), 0x40000000u | 520); /* x32's own row */
	CHECK_INT(_nr(&sjail_arch_x32, "rt_sigreturn"), 0x40000000u | 513);
	CHECK(!_has(&sjail_arch_x32, "sigreturn"));
	CHECK_INT(_nr(&sjail_arch_arm, "getpid"), 20);
	CHECK_INT(_nr(&sjail_arch_arm, "sigreturn"), 119);
	CHECK_INT(_nr(&sjail_arch_arm, "exit_group"), 248);
	/*
	 * ARM's private calls, __ARM_NR_BASE (0x0f0000) + 1 ... + 6, which
	 * syscall.tbl does not list: the generator adds them, after the rest.
	 * 0x0f0000 itself and the numbers between the table's last row and
	 * them have no name.
	 */
	{
		static const struct sjail_syscall_def arm_private[] = {
		    {"breakpoint", 0x0f0001}, {"cacheflush", 0x0f0002}, {"usr26", 0x0f0003},
		    {"usr32", 0x0f0004},      {"set_tls", 0x0f0005},	{"get_tls", 0x0f0006},
		};
		const struct sjail_arch *arm = &sjail_arch_arm;
		size_t first = arm->nsyscalls - ELEMENTSOF(arm_private);

		for (size_t i = 0; i < ELEMENTSOF(arm_private); i++) {
			CHECK_INT(_nr(arm, arm_private[i].name), arm_private[i].nr);
			CHECK_STR(sjail_arch_syscall_name(arm, arm_private[i].nr),
				  arm_private[i].name);
			CHECK_STR(arm->syscalls[first + i].name, arm_private[i].name);
			/* arm's alone: no other table has these names */
			CHECK(arch_find_other(arm, arm_private[i].name) == NULL);
		}
		CHECK(arm->syscalls[first - 1].nr < 0x0f0000u);
		CHECK(sjail_arch_syscall_name(arm, 0x0f0000) == NULL);
		CHECK(sjail_arch_syscall_name(arm, 0x0f0007) == NULL);
		CHECK(sjail_arch_syscall_name(arm, arm->syscalls[first - 1].nr + 1) == NULL);
		CHECK(sjail_arch_syscall_name(arm, 0x0effff) == NULL);
		CHECK(sjail_arch_syscall_name(arm, 0x9f0005) == NULL); /* OABI's set_tls */
		CHECK(!_has(&sjail_arch_aarch64, "set_tls"));
		CHECK(sjail_arch_syscall_name(&sjail_arch_aarch64, 0x0f0005) == NULL);
	}

	/* x86_64: common and 64 rows, reserved ones included, x32 ones not. */
	CHECK_INT(_nr(x86, "read"), 0);
	CHECK_INT(_nr(x86, "execve"), 59);
	CHECK_INT(_nr(x86, "open"), 2);
	CHECK_INT(_nr(x86, "rt_sigaction"), 13);
	CHECK_INT(_nr(x86, "uselib"), 134);	 /* no entry point */
	CHECK_INT(_nr(x86, "afs_syscall"), 183); /* no entry point */
	CHECK_INT(_nr(x86, "mseal"), 462);
	CHECK_STR(sjail_arch_syscall_name(x86, 59), "execve");
	CHECK(sjail_arch_syscall_name(x86, 520) == NULL); /* x32 execve - 0x40000000 */
	CHECK(sjail_arch_syscall_name(x86, 0x40000000u + 520) == NULL);

	/* The generic table: common, 64 and the Makefile.syscalls lists. */
	CHECK_INT(_nr(a64, "execve"), 221);
	CHECK_INT(_nr(a64, "io_setup"), 0);
	CHECK(!_has(a64, "open"));
	CHECK(!_has(a64, "stat"));
	CHECK_INT(_nr(a64, "fstat"), 80); /* the 64 row, not stat64's fstat64 */
	CHECK(!_has(a64, "fstat64"));
	CHECK(!_has(a64, "fcntl64"));
	CHECK_INT(_nr(a64, "renameat"), 38);	  /* syscall_abis_64: renameat */
	CHECK_INT(_nr(a64, "getrlimit"), 163);	  /* rlimit */
	CHECK_INT(_nr(a64, "memfd_secret"), 447); /* memfd_secret */
	CHECK(!_has(a64, "riscv_flush_icache"));
	CHECK(!_has(a64, "nfsservctl"));
	CHECK(sjail_arch_syscall_name(a64, 42) == NULL);
	CHECK(sjail_arch_syscall_name(a64, 244) == NULL); /* arch-private block */
	CHECK_INT(_nr(a64, "mseal"), 462);

	CHECK(!_has(rv, "renameat"));
	CHECK_INT(_nr(rv, "riscv_hwprobe"), 258);
	CHECK_INT(_nr(rv, "riscv_flush_icache"), 259);
	CHECK_INT(_nr(rv, "getrlimit"), 163);
	CHECK_INT(_nr(rv, "memfd_secret"), 447);
	CHECK_INT(_nr(rv, "execve"), 221);
	CHECK(!_has(rv, "open"));
	CHECK(!_has(rv, "cacheflush")); /* arc, csky, nios2 rows */
}

static void _test_names(void)
{
	char buf[256] = "";
	size_t i;

	CHECK(sjail_arch_by_name("x86_64") == &sjail_arch_x86_64);
	CHECK(sjail_arch_by_name("amd64") == &sjail_arch_x86_64);
	CHECK(sjail_arch_by_name("aarch64") == &sjail_arch_aarch64);
	CHECK(sjail_arch_by_name("arm64") == &sjail_arch_aarch64);
	CHECK(sjail_arch_by_name("riscv64") == &sjail_arch_riscv64);
	CHECK(sjail_arch_by_name("i386") == &sjail_arch_i386);
	CHECK(sjail_arch_by_name("x86") == &sjail_arch_i386);
	CHECK(sjail_arch_by_name("i686") == &sjail_arch_i386);
	CHECK(sjail_arch_by_name("x32") == &sjail_arch_x32);
	CHECK(sjail_arch_by_name("arm") == &sjail_arch_arm);
	CHECK(sjail_arch_by_name("armhf") == &sjail_arch_arm);
	CHECK(sjail_arch_by_name("armel") == &sjail_arch_arm);
	CHECK(sjail_arch_by_name("X86_64") == NULL);
	CHECK(sjail_arch_by_name("i386 ") == NULL);
	CHECK(sjail_arch_by_name("armeb") == NULL); /* big-endian: another AUDIT_ARCH */
	CHECK(sjail_arch_by_name("") == NULL);
	CHECK(sjail_arch_by_name(NULL) == NULL);
	CHECK_STR(sjail_arch_name(&sjail_arch_aarch64), "aarch64");
	CHECK_STR(sjail_arch_name(sjail_arch_by_name("amd64")), "x86_64");

	/* sjail_arch_names() lists sjail_arches, in order. */
	for (i = 0; sjail_arches[i]; i++) {
		CHECK(sjail_arch_by_name(sjail_arches[i]->name) == sjail_arches[i]);
		CHECK_STR(sjail_arch_name(sjail_arches[i]), sjail_arches[i]->name);
		if (i > 0)
			strncat(buf, ", ", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, sjail_arches[i]->name, sizeof(buf) - strlen(buf) - 1);
	}
	CHECK_INT(i, 6);
	CHECK_STR(sjail_arch_names(), buf);
	CHECK_STR(sjail_arch_names(), "x86_64, aarch64, riscv64, i386, x32, arm");
}

static void _test_suggest(void)
{
	const struct sjail_arch *x86 = &sjail_arch_x86_64, *a64 = &sjail_arch_aarch64,
				*rv = &sjail_arch_riscv64;

	/* A swap, a deletion, an insertion, a substitution: one edit each. */
	CHECK_STR(arch_suggest(x86, "opne"), "open");
	CHECK_STR(arch_suggest(x86, "opn"), "open");
	CHECK_STR(arch_suggest(x86, "exceve"), "execve");
	CHECK_STR(arch_suggest(x86, "execvee"), "execve");
	CHECK_STR(arch_suggest(x86, "mmpa"), "mmap");
	CHECK_STR(arch_suggest(x86, "wirte"), "write");
	CHECK_STR(arch_suggest(x86, "clock_getitme"), "clock_gettime");
	/* Up to len/3 edits: "rt_sigactoin" is 12 long, so 4 may be spent. */
	CHECK_STR(arch_suggest(x86, "rt_sgiaction"), "rt_sigaction");
	CHECK_STR(arch_suggest(x86, "sigaction"), "rt_sigaction");

	/* Nothing close. */
	CHECK(arch_suggest(x86, "frobnicate") == NULL);
	CHECK(arch_suggest(x86, "xyzzy") == NULL);
	CHECK(arch_suggest(x86, "") == NULL);
	CHECK(arch_suggest(x86, NULL) == NULL);
	CHECK(arch_suggest(x86, "OPEN") == NULL);
	{
		char longname[200];

		memset(longname, 'a', sizeof(longname) - 1);
		longname[sizeof(longname) - 1] = '\0';
		CHECK(arch_suggest(x86, longname) == NULL);
	}

	/* The arch's own names first, then the others'; never name itself. */
	CHECK_STR(arch_suggest(a64, "opne"), "open"); /* none close on aarch64 */
	CHECK_STR(arch_suggest(a64, "stat"), "fstat");
	CHECK_STR(arch_suggest(x86, "read"), "readv");
	CHECK_STR(arch_suggest(rv, "renameat"), "renameat2");
	CHECK_STR(arch_suggest(rv, "riscv_flush_icahce"), "riscv_flush_icache");
	CHECK_STR(arch_suggest(x86, "riscv_flush_icahce"), "riscv_flush_icache");
	CHECK_STR(arch_suggest(NULL, "opne"), "open");

	CHECK(arch_find_other(a64, "open") == x86);
	CHECK(arch_find_other(x86, "renameat") == a64);
	CHECK(arch_find_other(rv, "renameat") == x86);
	CHECK(arch_find_other(rv, "riscv_hwprobe") == NULL); /* only riscv64 has it */
	CHECK(arch_find_other(x86, "riscv_hwprobe") == rv);
	CHECK(arch_find_other(x86, "read") == a64); /* the first other arch that has it */
	CHECK(arch_find_other(a64, "execve") == x86);
	CHECK(arch_find_other(a64, "no_such_syscall") == NULL);
	CHECK(arch_find_other(a64, NULL) == NULL);
}

/* How an argument of type type (its declaration without the name) is read on a 64-bit ABI. */
struct _type_class {
	const char *type;
	bool narrow, is_signed;
};

static const struct _type_class _types[] = {
    {"int", true, true},      {"pid_t", true, true},	{"unsigned int", true, false},
    {"u32", true, false},     {"uid_t", true, false},	{"gid_t", true, false},
    {"qid_t", true, false},   {"umode_t", true, false}, {"unsigned long", false, false},
    {"size_t", false, false}, {"off_t", false, false},
};

/* The names arch/syscall-args.c lists that aarch64 and riscv64 do not have. */
static const char *const _x86_only[] = {"open", "dup2", "arch_prctl"};

static void _test_syscall_args(void)
{
	const struct sjail_arch *a64 = &sjail_arch_aarch64, *rv = &sjail_arch_riscv64;
	size_t nnarrow = 0;

	CHECK(sjail_nsyscall_args >= 40);
	for (size_t i = 0; i < sjail_nsyscall_args; i++) {
		const struct sjail_syscall_args *s = &sjail_syscall_args[i];
		bool x86_only = false, ended = false;
		size_t nargs = 0;

		for (size_t k = 0; k < ELEMENTSOF(_x86_only); k++)
			x86_only |= strcmp(s->name, _x86_only[k]) == 0;
		/* A name the kernel has, on every 64-bit ABI but for the x86 ones. */
		CHECK(_has(&sjail_arch_x86_64, s->name));
		CHECK(_has(a64, s->name) == !x86_only);
		CHECK(_has(rv, s->name) == !x86_only);
		for (size_t j = 0; j < i; j++)
			CHECK(strcmp(sjail_syscall_args[j].name, s->name) != 0);
		CHECK(arch_syscall_args(&sjail_arch_x86_64, s->name) == s);
		if (!x86_only)
			CHECK(arch_syscall_args(rv, s->name) == s);

		for (size_t k = 0; k < 6; k++) {
			const struct sjail_arg_decl *a = &s->args[k];
			const char *name;
			size_t typelen;
			bool known = false;

			if (!a->decl) {
				ended = true;
				CHECK(!a->narrow && !a->is_signed);
				continue;
			}
			/* Arguments in order: none after the last. */
			CHECK(!ended);
			nargs++;
			nnarrow += a->narrow;
			name = strrchr(a->decl, ' ');
			CHECK(name != NULL);
			if (!name)
				continue;
			typelen = (size_t)(name - a->decl);
			if (strchr(a->decl, '*')) {
				/* A pointer is 64-bit. */
				CHECK(!a->narrow && !a->is_signed);
				continue;
			}
			for (size_t t = 0; t < ELEMENTSOF(_types); t++) {
				if (strlen(_types[t].type) != typelen ||
				    strncmp(_types[t].type, a->decl, typelen) != 0)
					continue;
				known = true;
				CHECK(a->narrow == _types[t].narrow);
				CHECK(a->is_signed == _types[t].is_signed);
			}
			CHECK(known);
			if (!known)
				fprintf(stderr, "  %s: unknown type in '%s'\n", s->name, a->decl);
		}
		CHECK(nargs >= 1);
	}
	CHECK(nnarrow >= 60);

	/* Known declarations, argument by argument. */
	CHECK_STR(arch_syscall_args(&sjail_arch_x86_64, "socket")->args[0].decl, "int family");
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "socket")->args[0].is_signed);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "socket")->args[3].decl == NULL);
	CHECK(arch_syscall_args(a64, "ioctl")->args[1].narrow);
	CHECK(!arch_syscall_args(a64, "ioctl")->args[2].narrow);
	CHECK(!arch_syscall_args(a64, "prctl")->args[1].narrow);
	CHECK(arch_syscall_args(a64, "futex")->args[1].is_signed);
	CHECK(!arch_syscall_args(a64, "futex")->args[2].is_signed);

	/* What is 64-bit where a filter reads it is not listed. */
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "mmap") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "clone") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "unshare") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "mprotect") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, "no_such_syscall") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_x86_64, NULL) == NULL);
	/* i386 and arm: the kernel zero-fills the high half, nothing for them. */
	CHECK(arch_syscall_args(&sjail_arch_i386, "socket") == NULL);
	CHECK(arch_syscall_args(&sjail_arch_arm, "socket") == NULL);
	/* x32 runs in 64-bit mode: its filter sees the whole registers. */
	CHECK(arch_syscall_args(&sjail_arch_x32, "socket") ==
	      arch_syscall_args(&sjail_arch_x86_64, "socket"));
	CHECK(arch_syscall_args(NULL, "socket") == NULL);
}

int main(void)
{
	size_t i;

	_test_native();
	for (i = 0; sjail_arches[i]; i++) {
		printf("%s: %zu syscalls\n", sjail_arches[i]->name, sjail_arches[i]->nsyscalls);
		_test_shape(sjail_arches[i]);
		_test_linear(sjail_arches[i]);
	}
	_test_spots();
	_test_names();
	_test_suggest();
	_test_syscall_args();
	return check_exit();
}

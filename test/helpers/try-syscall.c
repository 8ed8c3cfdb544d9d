/* SPDX-License-Identifier: Apache-2.0 */
/*
 * try-syscall - makes exactly one system call and says how it went.
 *
 *   try-syscall [--x32|--i386] NAME|NR [ARG...]
 *
 * Prints "ok RET" or "errno N NAME" on stdout and exits 0; usage errors exit
 * 2. Arguments are 64-bit values written in decimal, negative decimal or 0x
 * hex; missing ones are 0.
 *
 * This is the harmless-failure trick of bubblewrap's tests/try-syscall.c:
 * the tests pass a bad fd or pointer, so a call the filter allows fails with
 * EBADF or EFAULT and a call the filter catches fails with the profile's
 * unusual errno (EDQUOT, 99, ...). A filter hit can never pass for a natural
 * failure, and nothing is ever really done.
 *
 * After the call only write(2) and exit_group(2) happen, so a filter that
 * allows those two sees nothing else from this program.
 *
 * --x32  (x86_64) makes the call through the x32 ABI: NR | __X32_SYSCALL_BIT.
 * --i386 (x86_64) makes the call through the i386 ABI with int $0x80; NR
 *        must be the i386 number (20 is getpid there).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#include "sjail.h"

#define X32_SYSCALL_BIT 0x40000000u /* __X32_SYSCALL_BIT, <asm/unistd.h> */
#define MAX_ARGS 6
#define EXIT_USAGE 2

enum abi { ABI_NATIVE, ABI_X32, ABI_I386 };

__attribute__((format(printf, 1, 2), noreturn)) static void _usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "try-syscall: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: try-syscall [--x32|--i386] NAME|NR [ARG...]\n");
	exit(EXIT_USAGE);
}

/* Decimal, negative decimal or 0x hex, as a 64-bit value. */
static int _parse_u64(const char *s, uint64_t *ret)
{
	const char *digits = s;
	bool negative = false;
	unsigned long long v;
	char *end;
	int base = 10;

	if (*digits == '-') {
		negative = true;
		digits++;
	}
	if (digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
		base = 16;
		digits += 2;
	}
	/* strtoull would take its own sign and leading blanks: refuse them. */
	if (!((base == 10 && *digits >= '0' && *digits <= '9') ||
	      (base == 16 && strchr("0123456789abcdefABCDEF", *digits) && *digits)))
		return -EINVAL;
	errno = 0;
	v = strtoull(digits, &end, base);
	if (errno || *end)
		return -EINVAL;
	*ret = negative ? -(uint64_t)v : (uint64_t)v;
	return 0;
}

#if defined(__x86_64__)
/*
 * NOTE: in 64-bit mode int $0x80 enters the kernel's i386 entry point: eax is
 * the i386 number, ebx/ecx/edx/esi/edi/ebp the (32-bit) arguments, and eax the
 * result, -errno on failure. seccomp sees AUDIT_ARCH_I386, which is the door
 * a filter must close.
 *
 * ebp cannot be named as an asm operand (it may be the frame pointer), so the
 * sixth argument travels in r8 and is moved into ebp between a push and a
 * pop. The push would overwrite the red zone below rsp, where the compiler may
 * keep locals of this leaf function: step over it first.
 */
static long _syscall_i386(uint32_t nr, const uint64_t *a)
{
	register uint64_t r8 __asm__("r8") = (uint32_t)a[5];
	uint32_t eax = nr;

	__asm__ volatile("lea -128(%%rsp), %%rsp\n\t"
			 "push %%rbp\n\t"
			 "mov %%r8d, %%ebp\n\t"
			 "int $0x80\n\t"
			 "pop %%rbp\n\t"
			 "lea 128(%%rsp), %%rsp"
			 : "+a"(eax), "+r"(r8)
			 : "b"((uint32_t)a[0]), "c"((uint32_t)a[1]), "d"((uint32_t)a[2]),
			   "S"((uint32_t)a[3]), "D"((uint32_t)a[4])
			 : "r9", "r10", "r11", "memory", "cc");
	return (int32_t)eax;
}
#endif

int main(int argc, char **argv)
{
	enum abi abi = ABI_NATIVE;
	uint64_t a[MAX_ARGS] = {0};
	uint64_t nr64;
	uint32_t nr;
	const char *name;
	char out[128];
	long ret;
	int err = 0;
	int i, n;

	argv++;
	argc--;
	if (argc > 0 && strcmp(argv[0], "--x32") == 0)
		abi = ABI_X32;
	else if (argc > 0 && strcmp(argv[0], "--i386") == 0)
		abi = ABI_I386;
	if (abi != ABI_NATIVE) {
#if !defined(__x86_64__)
		_usage_error("'%s' is for x86_64 only", argv[0]);
#endif
		argv++;
		argc--;
	}
	if (argc > 0 && strcmp(argv[0], "--") == 0) {
		argv++;
		argc--;
	}
	if (argc < 1)
		_usage_error("missing NAME or NR");
	if (argv[0][0] == '-' && !(argv[0][1] >= '0' && argv[0][1] <= '9'))
		_usage_error("unknown option '%s'", argv[0]);
	if (argc > 1 + MAX_ARGS)
		_usage_error("at most 6 arguments");

	name = argv[0];
	if (_parse_u64(name, &nr64) == 0) {
		if (nr64 > UINT32_MAX)
			_usage_error("syscall number '%s' out of range", name);
		nr = (uint32_t)nr64;
	} else if (abi == ABI_I386) {
		_usage_error("--i386 takes the i386 syscall number, not '%s'", name);
	} else if (!sjail_arch_native() ||
		   sjail_arch_syscall_nr(sjail_arch_native(), name, &nr) < 0) {
		_usage_error("unknown syscall '%s'", name);
	}
	for (i = 1; i < argc; i++)
		if (_parse_u64(argv[i], &a[i - 1]) < 0)
			_usage_error("bad argument '%s' (decimal, -decimal or 0x hex)", argv[i]);

	/* The one call. Nothing between it and reading errno. */
	switch (abi) {
	case ABI_NATIVE:
	case ABI_X32:
		if (abi == ABI_X32)
			nr |= X32_SYSCALL_BIT;
		ret = syscall((long)nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		if (ret == -1)
			err = errno;
		break;
	case ABI_I386:
#if defined(__x86_64__)
		ret = _syscall_i386(nr, a);
		if (ret < 0 && ret >= -4095) {
			err = (int)-ret;
			ret = -1;
		}
#else
		ret = -1;
		err = ENOSYS;
#endif
		break;
	}

	if (err) {
		const char *ename = strerrorname_np(err);

		n = snprintf(out, sizeof(out), "errno %d%s%s\n", err, ename ? " " : "",
			     ename ? ename : "");
	} else {
		n = snprintf(out, sizeof(out), "ok %ld\n", ret);
	}
	if (n > 0 && write(STDOUT_FILENO, out, (size_t)n) != n)
		return 1;
	return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * try-syscall - makes exactly one system call and says how it went.
 *
 *   try-syscall [--filter PROGRAM] [--x32|--i386] NAME|NR [ARG...]
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
 * --filter PROGRAM installs PROGRAM, a raw sock_filter array as `sjail
 *        compile` writes it, itself (no_new_privs, then seccomp(2)) right
 *        before the call, and then writes and exits through the call's own
 *        ABI: a program for i386 or x32, which kills every x86_64 call,
 *        sees nothing but calls of its ABI. Where the kernel has no x32,
 *        x32's write fails and the x86_64 one follows.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
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
	fprintf(stderr,
		"\nusage: try-syscall [--filter PROGRAM] [--x32|--i386] NAME|NR [ARG...]\n");
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

/* Reads the program at path (at most 4096 instructions) into *prog; exits 2 on failure. */
static void _read_program(const char *path, struct sock_fprog *prog)
{
	static struct sock_filter insns[4096];
	size_t len = 0;
	ssize_t n;
	char more;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		_usage_error("cannot open '%s': %s", path, strerror(errno));
	while (len < sizeof(insns) && (n = read(fd, (char *)insns + len, sizeof(insns) - len)) > 0)
		len += (size_t)n;
	if (len == 0 || len % sizeof(insns[0]) || read(fd, &more, 1) != 0)
		_usage_error("'%s' is not a program of 1 to 4096 instructions", path);
	close(fd);
	prog->filter = insns;
	prog->len = (unsigned short)(len / sizeof(insns[0]));
}

/*
 * Writes out[0..n) to stdout and exits with status, through the ABI the
 * call went through, so that a filter for that ABI sees nothing else.
 */
__attribute__((noreturn)) static void _finish(enum abi abi, const char *out, int n, int status)
{
#if defined(__x86_64__)
	uint64_t a[MAX_ARGS] = {STDOUT_FILENO, (uint64_t)(uintptr_t)out, (uint64_t)n};

	if (abi == ABI_I386) {
		_syscall_i386(4, a); /* write */
		a[0] = (uint64_t)status;
		_syscall_i386(252, a); /* exit_group */
	} else if (abi == ABI_X32) {
		syscall((long)(1 | X32_SYSCALL_BIT), a[0], a[1], a[2]); /* write */
		syscall((long)(231 | X32_SYSCALL_BIT), status);		/* exit_group */
		/* No x32 in this kernel: ENOSYS, and on to x86_64's. */
	}
#else
	(void)abi;
#endif
	if (n > 0 && write(STDOUT_FILENO, out, (size_t)n) != n)
		status = 1;
	syscall(SYS_exit_group, status);
	_exit(status);
}

int main(int argc, char **argv)
{
	struct sock_fprog filter = {0};
	bool install = false;
	char *text = NULL;
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
	if (argc > 1 && strcmp(argv[0], "--filter") == 0) {
		_read_program(argv[1], &filter);
		install = true;
		argv += 2;
		argc -= 2;
	}
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

	/*
	 * Under --filter, the output goes where int $0x80 can point: its
	 * arguments are 32 bits, and the stack and a PIE's data are above
	 * 4 GiB. Without it nothing changes: no call but the one is added.
	 */
	text = out;
#if defined(__x86_64__)
	if (install) {
		text = mmap(NULL, sizeof(out), PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
		if (text == MAP_FAILED)
			_usage_error("cannot map a buffer below 4 GiB: %s", strerror(errno));
	}
#endif
	if (install && (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0 ||
			syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &filter) < 0))
		_usage_error("cannot install the program: %s", strerror(errno));

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

		n = snprintf(text, sizeof(out), "errno %d%s%s\n", err, ename ? " " : "",
			     ename ? ename : "");
	} else {
		n = snprintf(text, sizeof(out), "ok %ld\n", ret);
	}
	if (install)
		_finish(abi, text, n, 0);
	if (n > 0 && write(STDOUT_FILENO, text, (size_t)n) != n)
		return 1;
	return 0;
}

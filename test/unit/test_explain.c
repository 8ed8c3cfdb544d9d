/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_explain.c - sjail_explain() names the rule that decided a call, the
 * verdict and the instructions run; sjail_syscall_parse() reads names and
 * numbers; sjail_action_describe() names errnos.
 */
#include <errno.h>
#include <linux/audit.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"

#define FIRECRACKER SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.json"

static const struct sjail_arch *x86_64;

static struct seccomp_data call(const struct sjail_arch *arch, const char *name, uint64_t a0,
				uint64_t a1)
{
	struct seccomp_data d = {.arch = sjail_arch_audit(arch), .args = {a0, a1}};
	uint32_t nr = UINT32_MAX;

	CHECK_INT(sjail_syscall_parse(arch, name, &nr, NULL), 0);
	d.nr = (int)nr;
	return d;
}

/* Explains d under filter name of profile; the error, if any, goes to stderr. */
static int explain(const struct sjail_profile *profile, const char *name,
		   const struct sjail_arch *arch, const struct seccomp_data *d,
		   struct sjail_explanation *x)
{
	struct sjail_error err;
	size_t index = 0;
	int r;

	sjail_error_clear(&err);
	r = sjail_profile_find_filter(profile, name, &index, &err);
	if (r == 0)
		r = sjail_explain(profile, index, arch, d, x, &err);
	if (r < 0)
		fprintf(stderr, "  explain: %s:%u:%u: %s: %s\n", err.file, err.line, err.col,
			err.path, err.msg);
	return r;
}

/* The program's own count, to hold explain's to. */
static size_t executed(const struct sjail_profile *profile, const char *name,
		       const struct seccomp_data *d)
{
	struct sjail_program *prog = NULL;
	size_t index = 0, n = 0;

	CHECK_INT(sjail_profile_find_filter(profile, name, &index, NULL), 0);
	CHECK_INT(sjail_compile(profile, index, x86_64, &prog, NULL), 0);
	if (prog)
		sjail_program_run(prog, d, &n);
	sjail_program_free(prog);
	return n;
}

static void test_firecracker(void)
{
	struct sjail_profile *fc = NULL;
	struct sjail_explanation x;
	struct seccomp_data d;

	CHECK_INT(sjail_profile_load(FIRECRACKER, &fc, NULL), 0);
	if (!fc)
		return;

	/* KVM_RUN on fd 12: the ioctl rule at line 1248 (filter index 28). */
	d = call(x86_64, "ioctl", 12, 0xae80);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	CHECK_STR(x.file, FIRECRACKER);
	CHECK_INT(x.line, 1248);
	CHECK_INT(x.col, 13);
	CHECK_STR(x.path, "vcpu.filter[28]");
	CHECK_STR(x.syscall, "ioctl");
	CHECK_STR(x.conditions, "args[1] dword eq 0xae80");
	CHECK(x.comment == NULL);
	CHECK(x.executed > 4);
	CHECK_INT(x.executed, executed(fc, "vcpu", &d));

	/* dword: the high half of the argument is not looked at. */
	d = call(x86_64, "ioctl", 12, 0x51000ae80ull);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_TRAP);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	d = call(x86_64, "ioctl", 12, 0x50000ae80ull);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.line, 1248);

	/* A syscall vcpu does not name: the mismatch action, trap. */
	d = call(x86_64, "getpid", 0, 0);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_TRAP);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	CHECK_STR(x.why, "no rule matched: the mismatch action applies");
	CHECK_INT(x.line, 0);
	CHECK_STR(x.path, "");
	CHECK(x.syscall == NULL);
	CHECK_INT(x.executed, executed(fc, "vcpu", &d));

	/* x32's numbers are killed before any rule is looked at. */
	d = call(x86_64, "0x40000027", 0, 0);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_FOREIGN);
	CHECK_STR(x.why, "x32 syscall numbers are always killed");

	/* -1 is a tracer's skip: the mismatch action. */
	d = call(x86_64, "-1", 0, 0);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_TRAP);
	CHECK_INT(x.reason, SJAIL_REASON_SKIP);
	CHECK_STR(x.why, "-1 is a tracer's \"skip this call\", not a syscall: the mismatch action "
			 "applies");

	/* The i386 door: another arch value. */
	d = call(x86_64, "ioctl", 12, 0xae80);
	d.arch = AUDIT_ARCH_I386;
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_ARCH);
	CHECK_STR(x.why, "calls of architectures the filter does not cover are always killed");
	CHECK_INT(x.executed, executed(fc, "vcpu", &d));

	sjail_profile_free(fc);
}

static void test_rules(void)
{
	static const char text[] =
	    "{\"t\":{\"mismatch_action\":{\"errno\":13},\"match_action\":\"allow\",\"filter\":[\n"
	    "  {\"syscall\":\"read\",\"comment\":\"all reads\"},\n"
	    "  "
	    "{\"syscall\":\"dup\",\"args\":[{\"index\":0,\"type\":\"qword\",\"op\":{\"masked_eq\":"
	    "240},\"val\":80},\n"
	    "                          "
	    "{\"index\":2,\"type\":\"dword\",\"op\":\"lt\",\"val\":3}]},\n"
	    "  {\"syscall\":\"dup\"}\n"
	    "]}}\n";
	struct sjail_profile *p = NULL;
	struct sjail_explanation x;
	struct seccomp_data d;

	CHECK_INT(sjail_profile_parse("r.json", text, strlen(text), &p, NULL), 0);
	if (!p)
		return;

	d = call(x86_64, "read", 0, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	CHECK_STR(x.file, "r.json");
	CHECK_INT(x.line, 2);
	CHECK_INT(x.col, 3);
	CHECK_STR(x.path, "t.filter[0]");
	CHECK_STR(x.conditions, "");
	CHECK_STR(x.comment, "all reads");

	/* The first rule that holds decides: the argument rule before the plain one. */
	d = call(x86_64, "dup", 0x53, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.line, 3);
	CHECK_STR(x.path, "t.filter[1]");
	CHECK_STR(x.conditions, "args[0] qword masked_eq 0xf0 80 and args[2] dword lt 3");
	CHECK(x.comment == NULL);
	d = call(x86_64, "dup", 0x63, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.line, 5);
	CHECK_STR(x.path, "t.filter[2]");

	/* The mismatch action carries the errno. */
	d = call(x86_64, "openat", 0, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);

	/* The same profile on aarch64: no x32 there, numbers are numbers. */
	d = call(sjail_arch_by_name("aarch64"), "0x40000027", 0, 0);
	CHECK_INT(explain(p, "t", sjail_arch_by_name("aarch64"), &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);

	/* A filter that does not compile for the arch: the compiler's error. */
	sjail_profile_free(p);
	p = NULL;
	{
		static const char bad[] = "{\"t\":{\"mismatch_action\":\"trap\",\"match_action\":"
					  "\"allow\",\"filter\":[{\"syscall\":\"open\"}]}}";
		struct sjail_error err;

		CHECK_INT(sjail_profile_parse("b.json", bad, strlen(bad), &p, NULL), 0);
		d = call(sjail_arch_by_name("aarch64"), "read", 0, 0);
		sjail_error_clear(&err);
		CHECK_INT(sjail_explain(p, 0, sjail_arch_by_name("aarch64"), &d, &x, &err),
			  -EINVAL);
		CHECK_STR(err.msg,
			  "syscall 'open' does not exist on aarch64 (it exists on x86_64)");
		CHECK_INT(sjail_explain(p, 1, x86_64, &d, &x, &err), -EINVAL);
	}
	sjail_profile_free(p);
}

/* A filter that covers x32 and i386 decides their calls by its rules. */
static void test_companions(void)
{
	static const char text[] = "{\"t\":{\"mismatch_action\":{\"errno\":13},\"match_action\":"
				   "\"allow\",\"filter\":[{\"syscall\":\"getpid\"}]}}";
	struct sjail_profile *p = NULL;
	struct sjail_explanation x;
	struct seccomp_data d;
	struct sjail_filter *f;

	CHECK_INT(sjail_profile_parse("c.json", text, strlen(text), &p, NULL), 0);
	if (!p)
		return;
	/* The profile format has no key for it yet: set the IR's list by hand. */
	f = &p->filters[0];
	f->abis = calloc(2, sizeof(*f->abis));
	if (!f->abis) {
		sjail_profile_free(p);
		return;
	}
	f->abis[0] = strdup("x32");
	f->abis[1] = strdup("i386");
	f->nabis = 2;

	/* x32's getpid: its rule decides. */
	d = call(x86_64, "0x40000027", 0, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	/* Another x32 number: the mismatch action, not a kill. */
	d = call(x86_64, "0x40000000", 0, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	/* Past x32's numbers: killed. */
	d = call(x86_64, "0x80000000", 0, 0);
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_FOREIGN);
	CHECK_STR(x.why, "numbers from 0x80000000 up are always killed");
	/* i386's getpid (20) through int $0x80, and another i386 call. */
	d = call(x86_64, "20", 0, 0);
	d.arch = AUDIT_ARCH_I386;
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	d.nr = 21;
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	/* arm is no companion of x86_64. */
	d.arch = AUDIT_ARCH_ARM;
	CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
	CHECK_INT(x.reason, SJAIL_REASON_ARCH);
	sjail_profile_free(p);
}

/*
 * The 32-bit targets: names are theirs (x32's carry the bit), and the
 * reasons of their doors: under an x32 filter the x86_64 numbers are
 * killed, under an i386 one the x86_64 arch value is.
 */
static void test_targets_32(void)
{
	static const char text[] = "{\"t\":{\"mismatch_action\":{\"errno\":13},\"match_action\":"
				   "\"allow\",\"filter\":[{\"syscall\":\"getpid\"}]}}";
	const struct sjail_arch *i386 = sjail_arch_by_name("i386"),
				*x32 = sjail_arch_by_name("x32"), *arm = sjail_arch_by_name("arm");
	struct sjail_profile *p = NULL;
	struct sjail_explanation x;
	struct seccomp_data d;

	CHECK_INT(sjail_profile_parse("c.json", text, strlen(text), &p, NULL), 0);
	if (!p)
		return;

	d = call(i386, "getpid", 0, 0);
	CHECK_INT(d.nr, 20);
	CHECK_INT(d.arch, AUDIT_ARCH_I386);
	CHECK_INT(explain(p, "t", i386, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	CHECK_STR(x.path, "t.filter[0]");
	d.arch = AUDIT_ARCH_X86_64; /* far jump to 64-bit mode */
	CHECK_INT(explain(p, "t", i386, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_ARCH);
	d = call(i386, "-1", 0, 0);
	CHECK_INT(explain(p, "t", i386, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_SKIP);

	d = call(x32, "getpid", 0, 0);
	CHECK_INT(d.nr, 0x40000027);
	CHECK_INT(d.arch, AUDIT_ARCH_X86_64);
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ALLOW);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	d = call(x32, "0x40000000", 0, 0); /* x32's read */
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	d = call(x32, "39", 0, 0); /* x86_64's getpid, without the bit */
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_FOREIGN);
	CHECK_STR(x.why, "x86_64 syscall numbers are always killed: the filter covers x32 alone");
	d = call(x32, "0xc0000027", 0, 0);
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_FOREIGN);
	CHECK_STR(x.why, "numbers from 0x80000000 up are always killed");
	d = call(x32, "-1", 0, 0);
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_SKIP);
	d = call(x32, "getpid", 0, 0);
	d.arch = AUDIT_ARCH_I386;
	CHECK_INT(explain(p, "t", x32, &d, &x), 0);
	CHECK_INT(x.reason, SJAIL_REASON_ARCH);

	/* arm: ARM's private set_tls, which this filter does not name: the mismatch action. */
	d = call(arm, "0xf0005", 0, 0);
	CHECK_INT(explain(p, "t", arm, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_ERRNO | 13);
	CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
	d = call(arm, "getpid", 0, 0);
	CHECK_INT(explain(p, "t", arm, &d, &x), 0);
	CHECK_INT(x.reason, SJAIL_REASON_RULE);
	d.arch = AUDIT_ARCH_AARCH64;
	CHECK_INT(explain(p, "t", arm, &d, &x), 0);
	CHECK_INT(x.reason, SJAIL_REASON_ARCH);
	sjail_profile_free(p);
}

static void test_parse(void)
{
	static const struct {
		const char *arch, *text;
		int r;
		uint32_t nr;
		const char *msg;
	} cases[] = {
	    {"x86_64", "execve", 0, 59, NULL},
	    {"x86_64", "59", 0, 59, NULL},
	    {"x86_64", "0x3b", 0, 59, NULL},
	    {"x86_64", "0X3B", 0, 59, NULL},
	    {"x86_64", "0x40000027", 0, 0x40000027, NULL},
	    {"x86_64", "4294967295", 0, UINT32_MAX, NULL},
	    {"x86_64", "-1", 0, UINT32_MAX, NULL},
	    {"aarch64", "execve", 0, 221, NULL},
	    {"i386", "execve", 0, 11, NULL},
	    {"x32", "execve", 0, 0x40000208, NULL},
	    {"arm", "exit_group", 0, 248, NULL},
	    {"arm", "set_tls", 0, 0x0f0005, NULL}, /* ARM's private calls, far above the rest */
	    {"arm", "cacheflush", 0, 0x0f0002, NULL},
	    {"aarch64", "set_tls", -EINVAL, 0,
	     "syscall 'set_tls' does not exist on aarch64 (it exists on arm)"},
	    {"x32", "chown32", -EINVAL, 0,
	     "syscall 'chown32' does not exist on x32 (it exists on i386)"},
	    {"x86_64", "4294967296", -EINVAL, 0,
	     "'4294967296' is not a syscall number (decimal or 0x hex, at most 0xffffffff)"},
	    {"x86_64", "0x", -EINVAL, 0,
	     "'0x' is not a syscall number (decimal or 0x hex, at most 0xffffffff)"},
	    {"x86_64", "12abc", -EINVAL, 0,
	     "'12abc' is not a syscall number (decimal or 0x hex, at most 0xffffffff)"},
	    {"x86_64", "-2", -EINVAL, 0, "unknown syscall '-2' for x86_64"},
	    {"x86_64", "opne", -EINVAL, 0,
	     "unknown syscall 'opne' for x86_64 (did you mean 'open'?)"},
	    {"aarch64", "open", -EINVAL, 0,
	     "syscall 'open' does not exist on aarch64 (it exists on x86_64)"},
	};

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct sjail_error err;
		uint32_t nr = 12345;

		sjail_error_clear(&err);
		CHECK_INT(sjail_syscall_parse(sjail_arch_by_name(cases[i].arch), cases[i].text, &nr,
					      &err),
			  cases[i].r);
		if (cases[i].r == 0) {
			CHECK_INT(nr, cases[i].nr);
		} else {
			CHECK_INT(nr, 12345); /* written on success only */
			CHECK_STR(err.msg, cases[i].msg);
		}
	}
}

static void test_describe(void)
{
	char buf[64];

	CHECK_STR(sjail_action_describe(SECCOMP_RET_ERRNO | 1, buf, sizeof(buf)),
		  "errno 1 (EPERM)");
	CHECK_STR(sjail_action_describe(SECCOMP_RET_ERRNO | 13, buf, sizeof(buf)),
		  "errno 13 (EACCES)");
	CHECK_STR(sjail_action_describe(SECCOMP_RET_ERRNO | 4095, buf, sizeof(buf)), "errno 4095");
	CHECK_STR(sjail_action_describe(SECCOMP_RET_ALLOW, buf, sizeof(buf)), "allow");
	CHECK_STR(sjail_action_describe(SECCOMP_RET_KILL_PROCESS, buf, sizeof(buf)),
		  "kill_process");
	CHECK_STR(sjail_action_describe(SECCOMP_RET_TRACE | 7, buf, sizeof(buf)), "trace 7");
	/* Cut short, still terminated. */
	CHECK_STR(sjail_action_describe(SECCOMP_RET_ERRNO | 13, buf, 12), "errno 13 (E");
}

int main(void)
{
	x86_64 = sjail_arch_by_name("x86_64");
	test_firecracker();
	test_rules();
	test_companions();
	test_targets_32();
	test_parse();
	test_describe();
	return check_exit();
}

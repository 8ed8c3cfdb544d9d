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
	/* From 0x80000000 up no ABI has numbers: x32 does not either. */
	d = call(x86_64, "0x80000000", 0, 0);
	CHECK_INT(explain(fc, "vcpu", x86_64, &d, &x), 0);
	CHECK_INT(x.action, SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(x.reason, SJAIL_REASON_FOREIGN);
	CHECK_STR(x.why, "numbers from 0x80000000 up are always killed");

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
	d = call(arm, "set_tls", 0, 0);
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

/* explain() under compile options. */
static int explain_with(const struct sjail_profile *profile, const struct sjail_arch *arch,
			const struct sjail_compile_options *opts, const struct seccomp_data *d,
			struct sjail_explanation *x)
{
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = sjail_explain_with(profile, 0, arch, opts, d, x, &err);
	if (r < 0)
		fprintf(stderr, "  explain: %s:%u:%u: %s: %s\n", err.file, err.line, err.col,
			err.path, err.msg);
	return r;
}

/* The count of the program opts make, to hold explain's to. */
static size_t executed_with(const struct sjail_profile *profile, size_t index,
			    const struct sjail_arch *arch, const struct sjail_compile_options *opts,
			    const struct seccomp_data *d)
{
	struct sjail_program *prog = NULL;
	size_t n = 0;

	CHECK_INT(sjail_compile_with(profile, index, arch, opts, &prog, NULL), 0);
	if (prog)
		sjail_program_run(prog, d, &n);
	sjail_program_free(prog);
	return n;
}

/* Profile text of filter "t" (errno 13, else allow) naming syscalls, with companion ABIs. */
static struct sjail_profile *enosys_profile(const char *rules, const char *abi1, const char *abi2)
{
	char text[512];
	struct sjail_profile *p = NULL;
	struct sjail_filter *f;

	snprintf(text, sizeof(text),
		 "{\"t\":{\"mismatch_action\":{\"errno\":13},\"match_action\":\"allow\","
		 "\"filter\":[%s]}}",
		 rules);
	CHECK_INT(sjail_profile_parse("e.json", text, strlen(text), &p, NULL), 0);
	if (!p || !abi1)
		return p;
	/* The profile format has no key for companions: set the IR's list by hand. */
	f = &p->filters[0];
	f->abis = calloc(2, sizeof(*f->abis));
	if (!f->abis)
		return p;
	f->abis[f->nabis++] = strdup(abi1);
	if (abi2)
		f->abis[f->nabis++] = strdup(abi2);
	return p;
}

/* One call explained under --enosys-new: its verdict, reason and --enosys-new's text. */
struct enosys_case {
	const char *abi; /* the call's ABI: its arch value (x32's is x86_64's), names */
	const char *call;
	uint32_t action;
	enum sjail_reason reason;
	const char *text; /* x.enosys_new */
};

static void check_enosys_cases(const struct sjail_profile *p, const struct sjail_arch *target,
			       const struct enosys_case *cases, size_t n)
{
	const struct sjail_compile_options on = {.enosys_new = true};

	for (size_t i = 0; i < n; i++) {
		const struct sjail_arch *abi = sjail_arch_by_name(cases[i].abi);
		struct sjail_explanation x;
		struct seccomp_data d = call(abi, cases[i].call, 0, 0);

		memset(&x, 0, sizeof(x));
		CHECK_INT(explain_with(p, target, &on, &d, &x), 0);
		if (x.action != cases[i].action || x.reason != cases[i].reason)
			fprintf(stderr, "  case %zu: %s %s on %s\n", i, cases[i].abi, cases[i].call,
				target->name);
		CHECK_INT(x.action, cases[i].action);
		CHECK_INT(x.reason, cases[i].reason);
		CHECK_STR(x.enosys_new, cases[i].text);
		/* The count is that of the program --enosys-new installs. */
		CHECK_INT(x.executed, executed_with(p, 0, target, &on, &d));
		if (cases[i].reason == SJAIL_REASON_ENOSYS_NEW)
			CHECK_STR(x.why,
				  "no rule matched, and --enosys-new gives ENOSYS to numbers "
				  "above the highest the filter names on the call's ABI");
	}
}

#define ENOSYS_ERRNO (SECCOMP_RET_ERRNO | 38)
#define EACCES_ERRNO (SECCOMP_RET_ERRNO | 13)

/*
 * --enosys-new: a number above the highest the filter names on the call's
 * ABI gets ENOSYS, and explain says so with both numbers; one below gets
 * the mismatch action, and explain says why the stub did not apply. Each
 * ABI has its own highest: x86_64's newfstatat (262) is no i386 name, and
 * x32's carries the x32 bit.
 */
static void test_enosys_new(void)
{
	static const struct enosys_case x86[] = {
	    {"x86_64", "unlinkat", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "unlinkat (263) is above the highest number the filter names on x86_64 (262, "
	     "newfstatat): ENOSYS"},
	    {"x86_64", "1000", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "1000 is above the highest number the filter names on x86_64 (262, newfstatat): "
	     "ENOSYS"},
	    {"x86_64", "0x3fffffff", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "0x3fffffff is above the highest number the filter names on x86_64 (262, "
	     "newfstatat): ENOSYS"},
	    {"x86_64", "sendfile", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "sendfile (40) is not above the highest number the filter names on x86_64 (262, "
	     "newfstatat)"},
	    {"x86_64", "newfstatat", SECCOMP_RET_ALLOW, SJAIL_REASON_RULE, ""},
	    {"x86_64", "-1", EACCES_ERRNO, SJAIL_REASON_SKIP, ""},
	    /* i386's highest is getpid (20): x86_64's newfstatat is no i386 call. */
	    {"i386", "mount", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "mount (21) is above the highest number the filter names on i386 (20, getpid): "
	     "ENOSYS"},
	    {"i386", "lseek", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "lseek (19) is not above the highest number the filter names on i386 (20, getpid)"},
	    {"i386", "getpid", SECCOMP_RET_ALLOW, SJAIL_REASON_RULE, ""},
	    /* x32's numbers carry the x32 bit, and so does its highest. */
	    {"x32", "unlinkat", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "unlinkat (0x40000107) is above the highest number the filter names on x32 "
	     "(0x40000106, newfstatat): ENOSYS"},
	    {"x32", "0x7fffffff", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "0x7fffffff is above the highest number the filter names on x32 (0x40000106, "
	     "newfstatat): ENOSYS"},
	    {"x32", "sendfile", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "sendfile (0x40000028) is not above the highest number the filter names on x32 "
	     "(0x40000106, newfstatat)"},
	    /* The ABI doors are shut before any number is compared. */
	    {"x32", "0x80000000", SECCOMP_RET_KILL_PROCESS, SJAIL_REASON_FOREIGN, ""},
	    {"arm", "mount", SECCOMP_RET_KILL_PROCESS, SJAIL_REASON_ARCH, ""},
	};
	/* A filter that names no i386 syscall: i386 has no highest, the stub never applies. */
	static const struct enosys_case none[] = {
	    {"i386", "mount", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "the filter names no i386 syscall"},
	    {"i386", "0x7fffffff", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "the filter names no i386 syscall"},
	    {"x86_64", "unlinkat", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "unlinkat (263) is above the highest number the filter names on x86_64 (262, "
	     "newfstatat): ENOSYS"},
	};
	/* arm beside aarch64: each its own getpid. */
	static const struct enosys_case aarch64[] = {
	    {"aarch64", "getppid", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "getppid (173) is above the highest number the filter names on aarch64 (172, "
	     "getpid): ENOSYS"},
	    {"aarch64", "mount", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "mount (40) is not above the highest number the filter names on aarch64 (172, "
	     "getpid)"},
	    {"arm", "mount", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "mount (21) is above the highest number the filter names on arm (20, getpid): "
	     "ENOSYS"},
	    {"arm", "getppid", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "getppid (64) is above the highest number the filter names on arm (20, getpid): "
	     "ENOSYS"},
	};
	const struct sjail_compile_options off = {0};
	struct sjail_profile *p;
	struct sjail_explanation x;
	struct seccomp_data d;

	p = enosys_profile("{\"syscall\":\"getpid\"},{\"syscall\":\"newfstatat\"},"
			   "{\"syscall\":\"read\"}",
			   "x32", "i386");
	if (p) {
		check_enosys_cases(p, x86_64, x86, ELEMENTSOF(x86));
		/* Without the option: the mismatch action, and nothing said about the stub. */
		d = call(x86_64, "unlinkat", 0, 0);
		CHECK_INT(explain_with(p, x86_64, &off, &d, &x), 0);
		CHECK_INT(x.action, EACCES_ERRNO);
		CHECK_INT(x.reason, SJAIL_REASON_MISMATCH);
		CHECK_STR(x.enosys_new, "");
		CHECK_STR(x.why, "no rule matched: the mismatch action applies");
		CHECK_INT(explain(p, "t", x86_64, &d, &x), 0);
		CHECK_INT(x.action, EACCES_ERRNO);
		CHECK_STR(x.enosys_new, "");
	}
	sjail_profile_free(p);

	p = enosys_profile("{\"syscall\":\"newfstatat\"}", "i386", NULL);
	if (p)
		check_enosys_cases(p, x86_64, none, ELEMENTSOF(none));
	sjail_profile_free(p);

	p = enosys_profile("{\"syscall\":\"getpid\"}", "arm", NULL);
	if (p)
		check_enosys_cases(p, sjail_arch_by_name("aarch64"), aarch64, ELEMENTSOF(aarch64));
	sjail_profile_free(p);
}

/*
 * The 32-bit targets under --enosys-new: the target's own highest, the
 * doors shut before it (x86_64's numbers under x32), and ARM's private
 * calls (0x0f0000 up, in no table) above everything a filter can name.
 */
static void test_enosys_new_32(void)
{
	static const struct enosys_case i386[] = {
	    {"i386", "mount", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "mount (21) is above the highest number the filter names on i386 (20, getpid): "
	     "ENOSYS"},
	    {"i386", "lseek", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "lseek (19) is not above the highest number the filter names on i386 (20, getpid)"},
	    {"x86_64", "mount", SECCOMP_RET_KILL_PROCESS, SJAIL_REASON_ARCH, ""},
	};
	static const struct enosys_case x32[] = {
	    {"x32", "sendfile", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "sendfile (0x40000028) is above the highest number the filter names on x32 "
	     "(0x40000027, getpid): ENOSYS"},
	    {"x32", "lseek", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "lseek (0x40000008) is not above the highest number the filter names on x32 "
	     "(0x40000027, getpid)"},
	    /* x86_64's sendfile (40) without the x32 bit: the door, not the stub. */
	    {"x86_64", "sendfile", SECCOMP_RET_KILL_PROCESS, SJAIL_REASON_FOREIGN, ""},
	};
	static const struct enosys_case arm[] = {
	    {"arm", "set_tls", ENOSYS_ERRNO, SJAIL_REASON_ENOSYS_NEW,
	     "set_tls (0xf0005) is above the highest number the filter names on arm (20, getpid): "
	     "ENOSYS"},
	    {"arm", "lseek", EACCES_ERRNO, SJAIL_REASON_MISMATCH,
	     "lseek (19) is not above the highest number the filter names on arm (20, getpid)"},
	    {"arm", "getpid", SECCOMP_RET_ALLOW, SJAIL_REASON_RULE, ""},
	};
	struct sjail_profile *p = enosys_profile("{\"syscall\":\"getpid\"}", NULL, NULL);

	if (!p)
		return;
	check_enosys_cases(p, sjail_arch_by_name("i386"), i386, ELEMENTSOF(i386));
	check_enosys_cases(p, sjail_arch_by_name("x32"), x32, ELEMENTSOF(x32));
	check_enosys_cases(p, sjail_arch_by_name("arm"), arm, ELEMENTSOF(arm));
	sjail_profile_free(p);
}

/*
 * --weights: the count is that of the weighted program, the one that
 * would be installed, and the verdict and the rule do not change.
 */
static void test_weights(void)
{
	struct sjail_weight w[] = {{.weight = 1e6}};
	const struct sjail_compile_options weighted = {.weights = w, .nweights = 1};
	struct sjail_explanation plain, x;
	struct sjail_profile *fc = NULL;
	struct seccomp_data d;
	size_t vmm = 0;

	CHECK_INT(sjail_profile_load(FIRECRACKER, &fc, NULL), 0);
	if (!fc)
		return;
	CHECK_INT(sjail_profile_find_filter(fc, "vmm", &vmm, NULL), 0);
	CHECK_INT(sjail_arch_syscall_nr(x86_64, "futex", &w[0].nr), 0);

	d = call(x86_64, "futex", 0, 0);
	CHECK_INT(sjail_explain(fc, vmm, x86_64, &d, &plain, NULL), 0);
	CHECK_INT(sjail_explain_with(fc, vmm, x86_64, &weighted, &d, &x, NULL), 0);
	CHECK_INT(x.action, plain.action);
	CHECK_INT(x.reason, plain.reason);
	CHECK_STR(x.path, plain.path);
	CHECK_INT(x.executed, executed_with(fc, vmm, x86_64, &weighted, &d));
	/* A call the trace makes often is decided sooner. */
	CHECK(x.executed < plain.executed);

	/* Every other syscall of vmm's: the same verdict and reason, the weighted count. */
	for (size_t i = 0; i < fc->filters[vmm].nrules; i++) {
		d = call(x86_64, fc->filters[vmm].rules[i].syscall, 0, 0);
		CHECK_INT(sjail_explain(fc, vmm, x86_64, &d, &plain, NULL), 0);
		CHECK_INT(sjail_explain_with(fc, vmm, x86_64, &weighted, &d, &x, NULL), 0);
		CHECK_INT(x.action, plain.action);
		CHECK_INT(x.reason, plain.reason);
		CHECK_INT(x.line, plain.line);
		CHECK_INT(x.executed, executed_with(fc, vmm, x86_64, &weighted, &d));
	}
	sjail_profile_free(fc);
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
	test_enosys_new();
	test_enosys_new_32();
	test_weights();
	test_parse();
	test_describe();
	return check_exit();
}

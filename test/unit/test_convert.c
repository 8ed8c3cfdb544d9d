/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_convert.c - sjail convert (lib/convert.c): a converted profile means
 * what the original meant, on every syscall number and on each argument
 * rule's boundaries, wherever the conversion gave no warning; and every
 * loss gives its exact warning.
 *   - sjail -> OCI: the bundled and Firecracker's profiles, every filter;
 *   - OCI -> sjail: Docker's default, one file per ABI (x86_64, i386 and
 *     x32; aarch64 and arm), each against the profile's program on its
 *     ABI's calls, or the target's alone (the warning names the others);
 *     a native-only profile, whose program comes out byte for byte the
 *     same.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"
#include "kernel.h"

static const struct sjail_load_options oci_x86 = {
    .format = SJAIL_FORMAT_OCI,
    .arch = &sjail_arch_x86_64,
    .caps_given = true,
    .kernel_major = 6,
    .kernel_minor = 1,
};

static unsigned long long verdicts;

static struct sjail_program *compile_for(const struct sjail_profile *p, size_t index,
					 const struct sjail_arch *arch)
{
	struct sjail_program *prog = NULL;
	struct sjail_error err;

	sjail_error_clear(&err);
	CHECK_INT(sjail_compile(p, index, arch, &prog, &err), 0);
	if (!prog)
		fprintf(stderr, "  %s:%u:%u: %s\n", err.file, err.line, err.col, err.msg);
	return prog;
}

static struct sjail_program *compile(const struct sjail_profile *p, size_t index)
{
	return compile_for(p, index, &sjail_arch_x86_64);
}

static void same(const struct sjail_program *a, const struct sjail_program *b,
		 const struct seccomp_data *d, const char *what)
{
	uint32_t va = sjail_program_run(a, d, NULL), vb = sjail_program_run(b, d, NULL);

	verdicts++;
	if (va != vb) {
		check_failed++;
		fprintf(stderr, "%s: nr %d arch 0x%x args %llx %llx %llx: 0x%x, converted 0x%x\n",
			what, d->nr, d->arch, d->args[0], d->args[1], d->args[2], va, vb);
	}
}

/*
 * a and b agree on every number 0..600 of x86_64 (and of x32 and i386 when
 * abis), and on the boundaries of every argument rule of f; low: only with
 * the arguments' high halves 0 (what a dword warning promises).
 */
static void agree(const struct sjail_program *a, const struct sjail_program *b,
		  const struct sjail_filter *f, bool abis, bool low, const char *what)
{
	static const uint64_t deltas[] = {0, 1, (uint64_t)-1, 1ull << 32, 0xffffffff00000000ull};

	for (uint32_t n = 0; n <= 600; n++) {
		struct seccomp_data d = {.nr = (int)n, .arch = 0xc000003eu};

		same(a, b, &d, what);
		if (!abis)
			continue;
		d.nr = (int)(n | 0x40000000u);
		same(a, b, &d, what);
		d.nr = (int)n;
		d.arch = 0x40000003u;
		same(a, b, &d, what);
	}
	for (size_t i = 0; i < f->nrules; i++) {
		const struct sjail_rule *r = &f->rules[i];
		uint32_t nr;

		if (sjail_arch_syscall_nr(&sjail_arch_x86_64, r->syscall, &nr) < 0)
			continue;
		for (size_t j = 0; j < r->nconds; j++)
			for (size_t k = 0; k < ELEMENTSOF(deltas); k++) {
				struct seccomp_data d = {.nr = (int)nr, .arch = 0xc000003eu};

				for (size_t m = 0; m < r->nconds; m++)
					d.args[r->conds[m].index] = r->conds[m].val;
				d.args[r->conds[j].index] += deltas[k];
				for (size_t m = 0; low && m < 6; m++)
					d.args[m] &= UINT32_MAX;
				same(a, b, &d, what);
			}
	}
}

/* Converts filter index of p to format to; parses the text back (opts). */
static struct sjail_profile *convert(const struct sjail_profile *p, size_t index,
				     enum sjail_format to, const struct sjail_load_options *opts,
				     struct sjail_error **ret_warnings, size_t *ret_n,
				     char **ret_text)
{
	struct sjail_profile *out = NULL;
	struct sjail_error err;
	char *text = NULL;
	int r;

	r = sjail_profile_convert(p, index, &sjail_arch_x86_64, NULL, to, &text, ret_warnings,
				  ret_n);
	CHECK_INT(r, 0);
	if (r < 0)
		return NULL;
	sjail_error_clear(&err);
	r = sjail_profile_parse_with("out.json", text, strlen(text), opts, &out, &err);
	CHECK_INT(r, 0);
	if (r < 0)
		fprintf(stderr, "  converted text does not parse: %s:%u:%u: %s\n%s\n", err.file,
			err.line, err.col, err.msg, text);
	CHECK_INT(out ? (int)sjail_profile_format(out) : -1, (int)to);
	if (ret_text)
		*ret_text = text;
	else
		free(text);
	return out;
}

/* Every filter of the bundled profiles and Firecracker's, to OCI and back to a program. */
static void test_sjail_to_oci(void)
{
	static const struct {
		const char *file;
		size_t warnings; /* nginx.json: two dword 'ne' conditions */
	} files[] = {
	    {SRCDIR "/profiles/demo.json", 0},
	    {SRCDIR "/profiles/coreutils.json", 0},
	    {SRCDIR "/profiles/nginx.json", 2},
	    {SRCDIR "/profiles/python-http-server.json", 0},
	    {SRCDIR "/profiles/busybox-httpd.json", 0},
	    {SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.json", 0},
	    {SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.v1.10.1.json", 0},
	};

	for (size_t i = 0; i < ELEMENTSOF(files); i++) {
		struct sjail_profile *p = NULL;
		size_t total = 0;

		CHECK_INT(sjail_profile_load(files[i].file, &p, NULL), 0);
		for (size_t k = 0; p && k < p->nfilters; k++) {
			struct sjail_error *w = NULL;
			size_t n = 0;
			struct sjail_profile *o =
			    convert(p, k, SJAIL_FORMAT_OCI, &oci_x86, &w, &n, NULL);
			struct sjail_program *a = compile(p, k), *b = o ? compile(o, 0) : NULL;

			total += n;
			if (a && b)
				agree(a, b, &p->filters[k], true, n > 0, files[i].file);
			/* No ABI beside the target's, as in the original. */
			CHECK(o && o->filters[0].nabis == 1);
			sjail_program_free(a);
			sjail_program_free(b);
			sjail_profile_free(o);
			free(w);
		}
		CHECK_INT(total, files[i].warnings);
		sjail_profile_free(p);
	}
}

/*
 * Docker's default to the sjail format, the target's file alone (as
 * `-o -` writes it): on x86_64 calls the same verdicts (the i386 and x32
 * calls it leaves out are killed, and a warning says so); each loss
 * warned about, exactly.
 */
static void test_docker_to_sjail(void)
{
	struct sjail_load_options opts = oci_x86;
	struct sjail_profile *p = NULL, *o;
	struct sjail_program *a, *b;
	struct sjail_error *w = NULL;
	char got[2048];
	size_t n = 0;

	opts.format = SJAIL_FORMAT_AUTO;
	CHECK_INT(sjail_caps_parse("CAP_CHOWN,CAP_KILL", &opts.caps, NULL), 0);
	CHECK_INT(
	    sjail_profile_load_with(SHARED_DIR "/profiles/docker/default.json", &opts, &p, NULL),
	    0);
	if (!p)
		return;
	o = convert(p, 0, SJAIL_FORMAT_SJAIL, &(struct sjail_load_options){0}, &w, &n, NULL);
	a = compile(p, 0);
	b = o ? compile(o, 0) : NULL;
	if (a && b) {
		struct seccomp_data d = {.nr = 20, .arch = 0x40000003u};

		agree(a, b, &p->filters[0], false, false, "docker");
		CHECK_INT(sjail_program_run(a, &d, NULL), SECCOMP_RET_ALLOW);
		CHECK_INT(sjail_program_run(b, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	}
	CHECK(o && o->filters[0].nabis == 0);
	CHECK_INT(n, 7);
	for (size_t i = 0; i < n; i++) {
		static const char *const want[] = {
		    SHARED_DIR "/profiles/docker/default.json:285:5: syscalls[0].names[221]: "
			       "unknown syscall 'recv' on x86_64: left out",
		    NULL,
		    NULL,
		    SHARED_DIR "/profiles/docker/default.json:1:1: oci: 1 rule has an action other "
			       "than the match action: written with sjail's per-rule \"action\", "
			       "which seccompiler does not read",
		    SHARED_DIR
		    "/profiles/docker/default.json:1:1: oci: the profile covers i386 and "
		    "x32 as well, and a file in the sjail format holds one ABI: this is "
		    "x86_64's, and a program compiled from it kills their calls",
		    NULL,
		    SHARED_DIR
		    "/profiles/docker/default.json:1:1: oci: Docker's archMap, includes "
		    "and excludes were resolved for x86_64, capabilities CAP_CHOWN, "
		    "CAP_KILL, kernel 6.1: the output holds what they selected (19 entries "
		    "left out)",
		};

		sjail_error_format(&w[i], got, sizeof(got));
		if (i < ELEMENTSOF(want) && want[i])
			CHECK_STR(got, want[i]);
	}
	if (n == 7)
		CHECK(strstr(w[5].msg,
			     " rules name syscalls that x86_64 has not (they are for i386 "
			     "and x32): left out") != NULL);
	free(w);
	sjail_program_free(a);
	sjail_program_free(b);
	sjail_profile_free(o);
	sjail_profile_free(p);
}

#define DOCKER SHARED_DIR "/profiles/docker/default.json"

/* What Docker gives a container (moby's oci/caps/defaults.go): no CAP_SYS_ADMIN. */
#define DOCKER_CAPS                                                                                \
	"CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,"       \
	"CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,"         \
	"CAP_AUDIT_WRITE"

/*
 * a (the profile's program for its target) and b (one ABI's file compiled
 * for that ABI) agree on every number 0..600 of abi (x32's with the bit),
 * each with arguments at the 32- and 64-bit edges, and on the boundaries
 * of every argument rule of f that abi has.
 */
static void agree_abi(const struct sjail_program *a, const struct sjail_program *b,
		      const struct sjail_filter *f, const struct sjail_arch *abi, const char *what)
{
	static const uint64_t edges[] = {0, 1, 0xffffffffull, 1ull << 32, UINT64_MAX};
	static const uint64_t deltas[] = {0, 1, (uint64_t)-1, 1ull << 32, 0xffffffff00000000ull};
	uint32_t bit = abi == &sjail_arch_x32 ? 0x40000000u : 0;

	for (uint32_t n = 0; n <= 600; n++)
		for (size_t e = 0; e < ELEMENTSOF(edges); e++) {
			struct seccomp_data d = {.nr = (int)(n | bit), .arch = abi->audit_arch};

			for (size_t m = 0; m < 6; m++)
				d.args[m] = edges[(e + m) % ELEMENTSOF(edges)];
			same(a, b, &d, what);
		}
	for (size_t i = 0; i < f->nrules; i++) {
		const struct sjail_rule *r = &f->rules[i];
		uint32_t nr;

		if (sjail_arch_syscall_nr(abi, r->syscall, &nr) < 0)
			continue;
		for (size_t j = 0; j < r->nconds; j++)
			for (size_t k = 0; k < ELEMENTSOF(deltas); k++) {
				struct seccomp_data d = {.nr = (int)nr, .arch = abi->audit_arch};

				for (size_t m = 0; m < r->nconds; m++)
					d.args[r->conds[m].index] = r->conds[m].val;
				d.args[r->conds[j].index] += deltas[k];
				same(a, b, &d, what);
			}
	}
}

/* "FILE:LINE:5: syscalls[E].names[I]: unknown syscall 'NAME' on ABI: left out" */
struct unknown_name {
	unsigned line;
	unsigned entry, index;
	const char *name;
};

/* Docker's names that no x86 ABI has; those that neither arm ABI has (as resolved for arm64). */
static const struct unknown_name x86_unknown[] = {
    {285, 0, 221, "recv"},
    {297, 0, 233, "riscv_hwprobe"},
    {329, 0, 265, "send"},
};
static const struct unknown_name arm_unknown[] = {
    {68, 0, 4, "alarm"},
    {97, 0, 33, "epoll_ctl_old"},
    {101, 0, 37, "epoll_wait_old"},
    {111, 0, 47, "fadvise64_64"},
    {175, 0, 111, "get_thread_area"},
    {196, 0, 132, "ipc"},
    {297, 0, 233, "riscv_hwprobe"},
    {323, 0, 259, "select"},
    {358, 0, 294, "set_thread_area"},
    {374, 0, 310, "socketcall"},
    {391, 0, 327, "time"},
    {413, 0, 349, "uretprobe"},
    {414, 0, 350, "utime"},
    {422, 0, 358, "waitpid"},
    {559, 11, 2, "sync_file_range2"},
};

/*
 * Docker's default as Docker resolves it on x86_64 (three ABIs) and on
 * arm64 (two), to the sjail format one file per ABI, as `sjail convert -o
 * FILE` writes them: each file compiled for its own ABI gives that ABI's
 * calls the verdicts the profile's program gives them, is taken by the
 * kernel, and goes back to OCI for its ABI ("architectures" its own) and
 * to the same program. Each file's warnings, exactly.
 */
static void test_docker_per_abi(void)
{
	static const struct {
		const struct sjail_arch *target;
		const struct unknown_name *unknown;
		size_t nunknown;
		size_t nabis;
		/* per ABI: rules left out as another ABI's, the OCI name */
		struct {
			const char *name;
			size_t elsewhere;
			const char *others, *scmp;
		} abis[3];
		size_t dropped;
	} cases[] = {
	    {&sjail_arch_x86_64,
	     x86_unknown,
	     ELEMENTSOF(x86_unknown),
	     3,
	     {{"x86_64", 62, "i386 and x32", "SCMP_ARCH_X86_64"},
	      {"i386", 7, "x86_64 and x32", "SCMP_ARCH_X86"},
	      {"x32", 66, "x86_64 and i386", "SCMP_ARCH_X32"}},
	     18},
	    {&sjail_arch_aarch64,
	     arm_unknown,
	     ELEMENTSOF(arm_unknown),
	     2,
	     {{"aarch64", 96, "arm", "SCMP_ARCH_AARCH64"}, {"arm", 6, "aarch64", "SCMP_ARCH_ARM"}},
	     19},
	};

	for (size_t c = 0; c < ELEMENTSOF(cases); c++) {
		struct sjail_load_options opts = {.arch = cases[c].target,
						  .caps_given = true,
						  .kernel_major = 6,
						  .kernel_minor = 1};
		const struct sjail_arch *abis[SJAIL_MAX_ABIS];
		struct sjail_profile *p = NULL;
		struct sjail_program *a;
		size_t nabis;

		CHECK_INT(sjail_caps_parse(DOCKER_CAPS, &opts.caps, NULL), 0);
		CHECK_INT(sjail_profile_load_with(DOCKER, &opts, &p, NULL), 0);
		if (!p)
			continue;
		a = compile_for(p, 0, cases[c].target);
		nabis = sjail_profile_abis(p, 0, cases[c].target, abis);
		CHECK_INT(nabis, cases[c].nabis);
		for (size_t i = 0; a && i < nabis && i < cases[c].nabis; i++) {
			const struct sjail_arch *abi = abis[i];
			struct sjail_profile *o = NULL, *back = NULL;
			struct sjail_program *b = NULL, *b2 = NULL;
			struct sjail_error *w = NULL, err;
			char *text = NULL, *oci = NULL, got[2048], want[2048];
			size_t n = 0, k = 0;

			CHECK_STR(abi->name, cases[c].abis[i].name);
			CHECK_INT(sjail_profile_convert(p, 0, cases[c].target, abi,
							SJAIL_FORMAT_SJAIL, &text, &w, &n),
				  0);
			if (!text)
				continue;
			sjail_error_clear(&err);
			CHECK_INT(sjail_profile_parse("abi.json", text, strlen(text), &o, &err), 0);
			b = o ? compile_for(o, 0, abi) : NULL;
			if (b) {
				CHECK_INT(kernel_accepts(b), 0);
				agree_abi(a, b, &p->filters[0], abi, abi->name);
			}

			/* The warnings: unknown names, the per-rule action, the other ABIs', the
			 * resolution. */
			CHECK_INT(n, cases[c].nunknown + 3);
			for (size_t u = 0; u < cases[c].nunknown && k < n; u++, k++) {
				snprintf(
				    want, sizeof(want),
				    DOCKER ":%u:5: syscalls[%u].names[%u]: unknown syscall '%s' "
					   "on %s: left out",
				    cases[c].unknown[u].line, cases[c].unknown[u].entry,
				    cases[c].unknown[u].index, cases[c].unknown[u].name, abi->name);
				sjail_error_format(&w[k], got, sizeof(got));
				CHECK_STR(got, want);
			}
			if (k + 3 == n) {
				sjail_error_format(&w[k++], got, sizeof(got));
				CHECK_STR(got,
					  DOCKER ":1:1: oci: 1 rule has an action other than the "
						 "match action: written with sjail's per-rule "
						 "\"action\", which seccompiler does not read");
				snprintf(
				    want, sizeof(want),
				    DOCKER ":1:1: oci: %zu rules name syscalls that %s has not "
					   "(they are for %s): left out",
				    cases[c].abis[i].elsewhere, abi->name, cases[c].abis[i].others);
				sjail_error_format(&w[k++], got, sizeof(got));
				CHECK_STR(got, want);
				snprintf(want, sizeof(want),
					 DOCKER
					 ":1:1: oci: Docker's archMap, includes and excludes "
					 "were resolved for %s, capabilities CAP_CHOWN, "
					 "CAP_DAC_OVERRIDE, CAP_FOWNER, CAP_FSETID, CAP_KILL, "
					 "CAP_SETGID, CAP_SETUID, CAP_SETPCAP, "
					 "CAP_NET_BIND_SERVICE, CAP_NET_RAW, CAP_SYS_CHROOT, "
					 "CAP_MKNOD, CAP_AUDIT_WRITE, CAP_SETFCAP, kernel 6.1: "
					 "the output holds what they selected (%zu entries left "
					 "out)",
					 cases[c].target->name, cases[c].dropped);
				sjail_error_format(&w[k++], got, sizeof(got));
				CHECK_STR(got, want);
			}
			free(w);
			w = NULL;

			/* Back to OCI for its ABI: "architectures" is the ABI's, the program the
			 * same. */
			if (o)
				CHECK_INT(sjail_profile_convert(o, 0, abi, NULL, SJAIL_FORMAT_OCI,
								&oci, &w, &n),
					  0);
			if (oci) {
				snprintf(want, sizeof(want), "\"architectures\": [ \"%s\" ]",
					 cases[c].abis[i].scmp);
				CHECK(strstr(oci, want) != NULL);
				CHECK_INT(sjail_profile_parse_with(
					      "back.json", oci, strlen(oci),
					      &(struct sjail_load_options){.arch = abi}, &back,
					      NULL),
					  0);
			}
			b2 = back ? compile_for(back, 0, abi) : NULL;
			CHECK(b && b2 && b->len == b2->len &&
			      memcmp(b->insns, b2->insns, b->len * sizeof(*b->insns)) == 0);
			free(w);
			free(oci);
			free(text);
			sjail_program_free(b);
			sjail_program_free(b2);
			sjail_profile_free(back);
			sjail_profile_free(o);
		}

		/* Not one of the program's ABIs, or one ABI of an OCI file: refused. */
		{
			char *text = NULL;
			struct sjail_error *w = NULL;
			size_t n = 0;

			CHECK_INT(sjail_profile_convert(p, 0, cases[c].target, &sjail_arch_riscv64,
							SJAIL_FORMAT_SJAIL, &text, &w, &n),
				  -EINVAL);
			CHECK_INT(sjail_profile_convert(p, 0, cases[c].target, abis[1],
							SJAIL_FORMAT_OCI, &text, &w, &n),
				  -EINVAL);
			CHECK(text == NULL && w == NULL);
		}
		sjail_program_free(a);
		sjail_profile_free(p);
	}
}

/* A native-only OCI profile to the sjail format and back: the same program, byte for byte. */
static void test_round_trip(void)
{
	static const char text[] =
	    "{\"defaultAction\": \"SCMP_ACT_KILL_PROCESS\",\n"
	    " \"syscalls\": [\n"
	    "  {\"names\": [\"read\", \"write\", \"exit_group\"], \"action\": "
	    "\"SCMP_ACT_ALLOW\"},\n"
	    "  {\"names\": [\"ioctl\"], \"action\": \"SCMP_ACT_ALLOW\", \"comment\": \"a "
	    "\\\"tty\\\"\",\n"
	    "   \"args\": [{\"index\": 1, \"value\": 21505, \"op\": \"SCMP_CMP_EQ\"},\n"
	    "            {\"index\": 2, \"value\": 4294967295, \"valueTwo\": 0, \"op\": "
	    "\"SCMP_CMP_MASKED_EQ\"}]},\n"
	    "  {\"names\": [\"mkdir\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 13},\n"
	    "  {\"names\": [\"clone3\"], \"action\": \"SCMP_ACT_ERRNO\", \"errnoRet\": 38}]}";
	struct sjail_profile *p = NULL, *o, *back;
	struct sjail_program *a, *b, *c;
	struct sjail_error *w = NULL;
	char *out = NULL;
	size_t n = 0;

	CHECK_INT(sjail_profile_parse_with("t.json", text, strlen(text), &oci_x86, &p, NULL), 0);
	if (!p)
		return;
	o = convert(p, 0, SJAIL_FORMAT_SJAIL, &(struct sjail_load_options){0}, &w, &n, &out);
	/* The per-rule actions (errno 13 and 38 beside allow) and the resolution note. */
	CHECK_INT(n, 2);
	free(w);
	CHECK(out && strstr(out, "{ \"syscall\": \"mkdir\", \"action\": { \"errno\": 13 } }"));
	CHECK(out && strstr(out, "\"comment\": \"a \\\"tty\\\"\""));
	free(out);
	back = o ? convert(o, 0, SJAIL_FORMAT_OCI, &oci_x86, &w, &n, NULL) : NULL;
	CHECK_INT(n, 0);
	free(w);
	a = compile(p, 0);
	b = o ? compile(o, 0) : NULL;
	c = back ? compile(back, 0) : NULL;
	CHECK(a && b && c);
	if (a && b && c) {
		CHECK_INT(b->len, a->len);
		CHECK_INT(c->len, a->len);
		CHECK(b->len == a->len &&
		      memcmp(a->insns, b->insns, a->len * sizeof(*a->insns)) == 0);
		CHECK(c->len == a->len &&
		      memcmp(a->insns, c->insns, a->len * sizeof(*a->insns)) == 0);
	}
	sjail_program_free(a);
	sjail_program_free(b);
	sjail_program_free(c);
	sjail_profile_free(back);
	sjail_profile_free(o);
	sjail_profile_free(p);
}

/* What sjail's format says that OCI cannot: each loss, placed and worded. */
static void test_sjail_losses(void)
{
	static const char text[] =
	    "{\"m\": {\"mismatch_action\": \"allow\", \"match_action\": {\"errno\": 1},\n"
	    "\"filter\": [\n"
	    "{\"syscall\": \"read\", \"args\": [{\"index\": 0, \"type\": \"dword\", \"op\": "
	    "\"lt\", "
	    "\"val\": 3}]},\n"
	    "{\"syscall\": \"write\", \"args\": [{\"index\": 0, \"type\": \"qword\", \"op\": "
	    "\"ge\", "
	    "\"val\": 3},\n"
	    "  {\"index\": 0, \"type\": \"qword\", \"op\": \"le\", \"val\": 9}]},\n"
	    "{\"syscall\": \"close\", \"action\": \"allow\", \"args\": [{\"index\": 0, \"type\": "
	    "\"dword\", \"op\": \"eq\", \"val\": 1}]},\n"
	    "{\"syscall\": \"close\"},\n"
	    "{\"syscall\": \"kill\", \"action\": \"trap\", \"args\": [{\"index\": 1, \"type\": "
	    "\"dword\", \"op\": \"eq\", \"val\": 9}]},\n"
	    "{\"syscall\": \"kill\"}\n"
	    "]}}";
	static const char *const want[] = {
	    "t.json:3:1: m.filter[0]: dword 'lt' on args[0] has no exact OCI form: written as the "
	    "64-bit comparison, which differs when the argument's high half is not 0",
	    "t.json:4:1: m.filter[1]: two conditions on args[0]: runc makes each its own rule "
	    "(OR), so this AND cannot be written; left out",
	    "t.json:6:1: m.filter[2]: this rule gives the default action, so runc leaves it out, "
	    "and a later rule for 'close' may decide instead",
	    "t.json:7:1: m.filter[3]: 'close' has rules with different actions: sjail takes the "
	    "first that holds, libseccomp (runc) does not go by their order",
	    "t.json:9:1: m.filter[5]: 'kill' has rules with different actions: sjail takes the "
	    "first that holds, libseccomp (runc) does not go by their order",
	};
	struct sjail_profile *p = NULL;
	struct sjail_error *w = NULL;
	char *out = NULL, got[2048];
	size_t n = 0;

	CHECK_INT(sjail_profile_parse("t.json", text, strlen(text), &p, NULL), 0);
	if (!p)
		return;
	CHECK_INT(
	    sjail_profile_convert(p, 0, &sjail_arch_x86_64, NULL, SJAIL_FORMAT_OCI, &out, &w, &n),
	    0);
	CHECK_INT(n, ELEMENTSOF(want));
	for (size_t i = 0; i < n && i < ELEMENTSOF(want); i++) {
		sjail_error_format(&w[i], got, sizeof(got));
		CHECK_STR(got, want[i]);
	}
	/* The dword eq is exact as a masked eq; the AND on one argument is not there. */
	CHECK(out && strstr(out, "{ \"index\": 0, \"value\": 4294967295, \"valueTwo\": 1, \"op\": "
				 "\"SCMP_CMP_MASKED_EQ\" }"));
	CHECK(out && !strstr(out, "\"write\""));
	CHECK_INT(
	    sjail_profile_convert(p, 1, &sjail_arch_x86_64, NULL, SJAIL_FORMAT_OCI, &out, &w, &n),
	    -EINVAL);
	free(out);
	free(w);
	sjail_profile_free(p);
}

/* Flags, ABIs and action names: lost to the sjail format with a warning each, kept in OCI's. */
static void test_flags_abis(void)
{
	static const char text[] =
	    "{\"defaultAction\": \"SCMP_ACT_KILL\", \"architectures\": [\"SCMP_ARCH_X86\"],\n"
	    " \"flags\": [\"SECCOMP_FILTER_FLAG_LOG\", \"SECCOMP_FILTER_FLAG_TSYNC\"],\n"
	    " \"syscalls\": [{\"names\": [\"read\"], \"action\": \"SCMP_ACT_TRACE\"}]}";
	static const char *const want[] = {
	    "t.json:1:1: oci: the profile covers i386 as well, and a file in the sjail format "
	    "holds one ABI: this is x86_64's, and a program compiled from it kills their calls",
	    "t.json:1:1: oci: flag SECCOMP_FILTER_FLAG_TSYNC: the sjail format has no install "
	    "flags, left out",
	    "t.json:1:1: oci: flag SECCOMP_FILTER_FLAG_LOG: the sjail format has no install flags, "
	    "left out (run it with --log)",
	    "t.json:1:1: oci: Docker's archMap, includes and excludes were resolved for x86_64: "
	    "the "
	    "output holds what they selected (0 entries left out)",
	};
	struct sjail_profile *p = NULL;
	struct sjail_error *w = NULL;
	char *out = NULL, got[2048];
	size_t n = 0;

	CHECK_INT(sjail_profile_parse_with("t.json", text, strlen(text), &oci_x86, &p, NULL), 0);
	if (!p)
		return;
	CHECK_INT(
	    sjail_profile_convert(p, 0, &sjail_arch_x86_64, NULL, SJAIL_FORMAT_SJAIL, &out, &w, &n),
	    0);
	CHECK_INT(n, ELEMENTSOF(want));
	for (size_t i = 0; i < n && i < ELEMENTSOF(want); i++) {
		sjail_error_format(&w[i], got, sizeof(got));
		CHECK_STR(got, want[i]);
	}
	CHECK(out && strstr(out, "\"mismatch_action\": \"kill_thread\""));
	CHECK(out && strstr(out, "\"match_action\": { \"trace\": 1 }"));
	free(out);
	free(w);
	CHECK_INT(
	    sjail_profile_convert(p, 0, &sjail_arch_x86_64, NULL, SJAIL_FORMAT_OCI, &out, &w, &n),
	    0);
	CHECK_INT(n, 1); /* the resolution note */
	CHECK(out && strstr(out, "\"defaultAction\": \"SCMP_ACT_KILL_THREAD\""));
	CHECK(out && strstr(out, "\"architectures\": [ \"SCMP_ARCH_X86_64\", \"SCMP_ARCH_X86\" ]"));
	CHECK(out && strstr(out, "\"flags\": [ \"SECCOMP_FILTER_FLAG_TSYNC\", "
				 "\"SECCOMP_FILTER_FLAG_LOG\" ]"));
	CHECK(out && strstr(out, "\"action\": \"SCMP_ACT_TRACE\",\n\t\t\t\"errnoRet\": 1"));
	free(out);
	free(w);
	sjail_profile_free(p);
}

int main(void)
{
	test_sjail_to_oci();
	test_docker_to_sjail();
	test_docker_per_abi();
	test_round_trip();
	test_sjail_losses();
	test_flags_abis();
	printf("%llu verdicts compared\n", verdicts);
	CHECK(verdicts > 10000);
	return check_exit();
}

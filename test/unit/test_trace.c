/* SPDX-License-Identifier: Apache-2.0 */
/* test_trace.c - reading syscall traces for weighted trees. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "ir.h"

static const char *_write(const char *text)
{
	static char path[64];
	FILE *f;

	snprintf(path, sizeof(path), "/tmp/sjail-test-trace-%d.tsv", (int)getpid());
	f = fopen(path, "we");
	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
	return path;
}

static void test_good(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_weight *w = NULL;
	struct sjail_error err;
	size_t n = 0;

	sjail_error_clear(&err);
	CHECK_INT(
	    sjail_trace_load(_write("# a comment\nread\t10\n\n  write 3.5\r\nno_such_call\t7\n"
				    "clone3\t0\n"),
			     arch, &w, &n, &err),
	    0);
	CHECK_INT(n, 3); /* the unknown name is skipped */
	if (n == 3) {
		CHECK_INT(w[0].nr, 0);
		CHECK(w[0].weight == 10);
		CHECK_INT(w[1].nr, 1);
		CHECK(w[1].weight == 3.5);
		CHECK_INT(w[2].nr, 435);
		CHECK(w[2].weight == 0);
	}
	free(w);
	unlink(_write(""));

	/* Names are the target's: i386's and arm's numbers, x32's with the bit. */
	{
		static const struct {
			const char *arch;
			uint32_t read, write;
		} abis[] = {{"i386", 3, 4}, {"arm", 3, 4}, {"x32", 0x40000000u, 0x40000001u}};

		for (size_t i = 0; i < ELEMENTSOF(abis); i++) {
			w = NULL;
			CHECK_INT(sjail_trace_load(_write("read\t10\nwrite\t3\n"),
						   sjail_arch_by_name(abis[i].arch), &w, &n, &err),
				  0);
			CHECK_INT(n, 2);
			if (n == 2) {
				CHECK_INT(w[0].nr, abis[i].read);
				CHECK_INT(w[1].nr, abis[i].write);
			}
			free(w);
		}
		unlink(_write(""));
	}

	/* The shared workloads load, every name known on x86_64. */
	w = NULL;
	CHECK_INT(sjail_trace_load(SHARED_DIR "/workloads/nginx-curl.tsv", arch, &w, &n, &err), 0);
	CHECK_INT(n, 11);
	free(w);
}

static void test_bad(void)
{
	static const struct {
		const char *text, *msg;
		unsigned line, col;
	} cases[] = {
	    {"read\t10\nRead\t1\n",
	     "expected 'NAME<TAB>COUNT', a syscall name and how often it was made", 2, 1},
	    {"read\n", "expected 'NAME<TAB>COUNT', a syscall name and how often it was made", 1, 1},
	    {"read\tmany\n", "expected a count, a number 0 or more, after 'read'", 1, 6},
	    {"write\t-3\n", "expected a count, a number 0 or more, after 'write'", 1, 7},
	    {"write\t3 4\n", "expected a count, a number 0 or more, after 'write'", 1, 7},
	    {"write\tnan\n", "expected a count, a number 0 or more, after 'write'", 1, 7},
	    {"write\tinf\n", "expected a count, a number 0 or more, after 'write'", 1, 7},
	    {"write\t1e999\n", "expected a count, a number 0 or more, after 'write'", 1, 7},
	};
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");

	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		struct sjail_weight *w = NULL;
		struct sjail_error err;
		size_t n = 99;

		sjail_error_clear(&err);
		CHECK_INT(sjail_trace_load(_write(cases[i].text), arch, &w, &n, &err), -EINVAL);
		CHECK(w == NULL);
		CHECK_INT(n, 99);
		CHECK_STR(err.msg, cases[i].msg);
		CHECK_INT(err.line, cases[i].line);
		CHECK_INT(err.col, cases[i].col);
	}
	{
		struct sjail_weight *w = NULL;
		struct sjail_error err;
		size_t n;

		CHECK_INT(sjail_trace_load("/nonexistent/trace.tsv", arch, &w, &n, &err), -ENOENT);
		CHECK_STR(err.msg, "cannot open: No such file or directory");
		CHECK_INT(sjail_trace_load("/", arch, &w, &n, &err), -EINVAL);
	}
	unlink(_write(""));
}

/* A trace changes the program's cost, never its meaning. */
static void test_weighted_program(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_profile *p = NULL;
	struct sjail_program *plain = NULL, *traced = NULL;
	struct sjail_weight *w = NULL;
	struct sjail_compile_options opts = {0};
	struct sjail_error err;
	size_t vmm, cost_plain = 0, cost_traced = 0;

	CHECK_INT(sjail_profile_load(
		      SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.json", &p, &err),
		  0);
	CHECK_INT(
	    sjail_trace_load(SHARED_DIR "/workloads/nginx-wrk.tsv", arch, &w, &opts.nweights, &err),
	    0);
	opts.weights = w;
	if (!p || !w)
		goto out;
	CHECK_INT(sjail_profile_find_filter(p, "vmm", &vmm, &err), 0);
	CHECK_INT(sjail_compile(p, vmm, arch, &plain, &err), 0);
	CHECK_INT(sjail_compile_with(p, vmm, arch, &opts, &traced, &err), 0);
	if (!plain || !traced)
		goto out;
	for (uint32_t nr = 0; nr < 600; nr++) {
		struct seccomp_data d = {.nr = (int)nr, .arch = arch->audit_arch};

		CHECK_INT(sjail_program_run(plain, &d, NULL), sjail_program_run(traced, &d, NULL));
	}
	for (size_t i = 0; i < opts.nweights; i++) {
		struct seccomp_data d = {.nr = (int)w[i].nr, .arch = arch->audit_arch};
		size_t e = 0;

		sjail_program_run(plain, &d, &e);
		cost_plain += (size_t)w[i].weight * e;
		sjail_program_run(traced, &d, &e);
		cost_traced += (size_t)w[i].weight * e;
	}
	printf("nginx-wrk on vmm: %zu instructions plain, %zu fed the trace\n", cost_plain,
	       cost_traced);
	CHECK(cost_traced < cost_plain);
out:
	sjail_program_free(plain);
	sjail_program_free(traced);
	sjail_profile_free(p);
	free(w);
}

int main(void)
{
	test_good();
	test_bad();
	test_weighted_program();
	return check_exit();
}

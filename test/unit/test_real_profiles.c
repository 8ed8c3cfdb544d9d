/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_real_profiles.c - the bundled profiles and ../shared's real ones
 * (Firecracker, Docker): every filter compiles for x86_64, the real kernel
 * accepts it, and on every syscall number 0..600 (plus x32 numbers, -1 and
 * a foreign arch) with arguments that satisfy and just miss each argument
 * rule, the program gives the verdict the rules give.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"
#include "kernel.h"

static const char *const files[] = {
    SRCDIR "/profiles/demo.json",
    SRCDIR "/profiles/coreutils.json",
    SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.json",
    SHARED_DIR "/profiles/firecracker/x86_64-unknown-linux-musl.v1.10.1.json",
    SHARED_DIR "/profiles/docker/default.x86_64.sjail.json",
};

static unsigned long long verdicts;

static void compare(const struct sjail_filter *f, const struct sjail_program *prog,
		    const struct seccomp_data *d)
{
	int64_t want = eval_decide(f, prog->arch, d, NULL);
	uint32_t got = sjail_program_run(prog, d, NULL);

	verdicts++;
	if (want != (int64_t)got) {
		check_failed++;
		fprintf(stderr, "MISMATCH filter %s nr %d args %llx %llx %llx: 0x%x vs 0x%llx\n",
			f->name, d->nr, d->args[0], d->args[1], d->args[2], got, (long long)want);
	}
}

/* Arguments that make every condition of rule r hold, then each one miss by one. */
static void rule_inputs(const struct sjail_filter *f, const struct sjail_program *prog,
			const struct sjail_rule *r, uint32_t nr)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = prog->arch->audit_arch};

	for (size_t j = 0; j < r->nconds; j++) {
		const struct sjail_cond *c = &r->conds[j];

		d.args[c->index] = c->op == SJAIL_OP_MASKED_EQ ? (c->val & c->mask) : c->val;
		if (c->op == SJAIL_OP_GT)
			d.args[c->index]++;
		if (c->op == SJAIL_OP_LT)
			d.args[c->index]--;
	}
	compare(f, prog, &d);
	for (size_t j = 0; j < r->nconds; j++) {
		const struct sjail_cond *c = &r->conds[j];
		struct seccomp_data e = d;
		static const uint64_t deltas[] = {1, (uint64_t)-1, 1ull << 32, 0xffffffffull};

		for (size_t k = 0; k < ELEMENTSOF(deltas); k++) {
			e.args[c->index] = d.args[c->index] + deltas[k];
			compare(f, prog, &e);
			e.args[c->index] = d.args[c->index] ^ (deltas[k] << 1);
			compare(f, prog, &e);
		}
	}
}

static void test_filter(const struct sjail_profile *p, size_t i)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	const struct sjail_filter *f = &p->filters[i];
	struct sjail_program *prog = NULL;
	struct sjail_error err;
	uint32_t nr;
	int r;

	sjail_error_clear(&err);
	r = sjail_compile(p, i, arch, &prog, &err);
	CHECK_INT(r, 0);
	if (r < 0) {
		fprintf(stderr, "  %s: %s\n", f->name, err.msg);
		return;
	}
	if (arch == sjail_arch_native())
		CHECK_INT(kernel_accepts(prog), 0);

	for (uint32_t n = 0; n <= 600; n++) {
		struct seccomp_data d = {.nr = (int)n, .arch = arch->audit_arch};

		compare(f, prog, &d);
		d.nr = (int)(n | 0x40000000u);
		compare(f, prog, &d);
		d.nr = (int)n;
		d.arch = 0x40000003u; /* i386 */
		compare(f, prog, &d);
	}
	compare(f, prog, &(struct seccomp_data){.nr = -1, .arch = arch->audit_arch});
	for (size_t j = 0; j < f->nrules; j++)
		if (sjail_arch_syscall_nr(arch, f->rules[j].syscall, &nr) == 0)
			rule_inputs(f, prog, &f->rules[j], nr);
	printf("%s: %zu instructions\n", f->name, prog->len);
	sjail_program_free(prog);
}

int main(void)
{
	for (size_t i = 0; i < ELEMENTSOF(files); i++) {
		struct sjail_profile *p = NULL;
		struct sjail_error err;
		int r;

		sjail_error_clear(&err);
		r = sjail_profile_load(files[i], &p, &err);
		CHECK_INT(r, 0);
		if (r < 0) {
			fprintf(stderr, "%s: %s\n", files[i], err.msg);
			continue;
		}
		printf("%s\n", files[i]);
		for (size_t j = 0; j < p->nfilters; j++)
			test_filter(p, j);
		sjail_profile_free(p);
	}
	printf("%llu verdicts compared\n", verdicts);
	CHECK(verdicts > 10000);
	return check_exit();
}

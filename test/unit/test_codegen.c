/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_codegen.c - the compiler by behaviour: filters built in C (no JSON),
 * compiled, then run by the in-tree interpreter and held to the reference
 * evaluator on inputs biased to the boundaries; plus a golden dump, the
 * 255-jump trampolines, the length limit and the real kernel's checker.
 *
 * SJAIL_TEST_SEED=N replays a run; the seed is printed either way.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <time.h>

#include "check.h"
#include "ir.h"
#include "kernel.h"

static uint64_t rng;

static uint64_t rnd(void)
{
	/* xorshift64* */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ull;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

static const uint64_t boundaries[] = {
    0,
    1,
    2,
    0x7fffffffu,
    0x80000000u,
    0xfffffffeu,
    0xffffffffu,
    0x100000000ull,
    0x100000001ull,
    0x7fffffffffffffffull,
    0x8000000000000000ull,
    0xfffffffffffffffeull,
    0xffffffffffffffffull,
    0xffffffff00000000ull,
    0x00000001ffffffffull,
};

static uint64_t boundary(void)
{
	if (below(4) == 0)
		return rnd() >> below(64);
	return boundaries[below(ELEMENTSOF(boundaries))];
}

/* A value near v: v, v +- 1, or v with one half flipped or swapped. */
static uint64_t near(uint64_t v)
{
	switch (below(7)) {
	case 0:
		return v + 1;
	case 1:
		return v - 1;
	case 2:
		return v ^ 0xffffffff00000000ull;
	case 3:
		return v ^ 0x00000000ffffffffull;
	case 4:
		return (v << 32) | (v >> 32);
	case 5:
		return boundary();
	default:
		return v;
	}
}

static const uint32_t actions[] = {
    SECCOMP_RET_ALLOW,	   SECCOMP_RET_KILL_PROCESS, SECCOMP_RET_KILL_THREAD,
    SECCOMP_RET_TRAP,	   SECCOMP_RET_LOG,	     SECCOMP_RET_USER_NOTIF,
    SECCOMP_RET_ERRNO | 1, SECCOMP_RET_ERRNO | 4095, SECCOMP_RET_TRACE | 7,
    SECCOMP_RET_ERRNO | 0,
};

struct fixture {
	struct sjail_profile profile;
	struct sjail_filter filter;
	struct sjail_rule *rules;
};

static void free_filter(struct sjail_filter *f)
{
	for (size_t i = 0; i < f->nrules; i++)
		free(f->rules[i].conds);
	free(f->rules);
	f->rules = NULL;
	f->nrules = 0;
}

static void random_cond(struct sjail_cond *c)
{
	c->index = (uint8_t)below(6);
	c->width = below(2) ? 64 : 32;
	c->op = (enum sjail_op)below(SJAIL_OP_MASKED_EQ + 1);
	c->val = boundary();
	c->mask = boundary();
	if (c->width == 32) {
		c->val &= UINT32_MAX;
		c->mask &= UINT32_MAX;
	}
}

/* A random filter over the first `spread` syscalls of arch. */
static void random_filter(struct sjail_filter *f, const struct sjail_arch *arch, size_t nrules,
			  size_t spread, size_t maxconds)
{
	f->name = "random";
	f->mismatch_action = actions[below(ELEMENTSOF(actions))];
	do
		f->match_action = actions[below(ELEMENTSOF(actions))];
	while (f->match_action == f->mismatch_action);
	f->nrules = nrules;
	f->rules = calloc(nrules, sizeof(*f->rules));
	for (size_t i = 0; i < nrules; i++) {
		struct sjail_rule *r = &f->rules[i];

		r->syscall = (char *)arch->syscalls[below(spread)].name;
		r->action = f->match_action;
		r->nconds = below(8) == 0 ? 0 : 1 + below(maxconds);
		r->conds = calloc(r->nconds ? r->nconds : 1, sizeof(*r->conds));
		for (size_t j = 0; j < r->nconds; j++)
			random_cond(&r->conds[j]);
	}
}

static char *abi_names[] = {"i386", "x32", "arm", "x86_64"};

/*
 * Now and then: rules with their own actions, companion ABIs (i386, x32,
 * arm) with rules named from their tables, and lenient rules (as from an
 * OCI profile) whose names no ABI knows. A 32-bit target has no
 * companions: the ABIs it lists anyway change nothing.
 */
static void random_extensions(struct sjail_filter *f, const struct sjail_arch *arch)
{
	const struct sjail_arch *const *comp = arch_companions(arch);
	size_t ncomp = 0;

	while (comp[ncomp])
		ncomp++;
	if (below(3) == 0)
		for (size_t i = 0; i < f->nrules; i++)
			f->rules[i].action = actions[below(ELEMENTSOF(actions))];
	if (!ncomp && below(4) == 0) {
		f->abis = abi_names;
		f->nabis = ELEMENTSOF(abi_names);
	}
	if (ncomp && below(2)) {
		/* A slice of abi_names: i386, x32 and x86_64 (ignored: the target's own), or arm.
		 */
		f->abis = arch == &sjail_arch_aarch64 ? &abi_names[2] : &abi_names[below(2)];
		f->nabis = arch == &sjail_arch_aarch64 ? 1 : 1 + below(3);
		for (size_t i = 0; i < f->nrules; i++)
			if (below(3) == 0) {
				/* A name from an ABI the program covers. */
				const struct sjail_arch *sel[SJAIL_MAX_ABIS], *c;

				c = sel[below(arch_select(f, arch, sel))];

				f->rules[i].syscall = (char *)c->syscalls[below(c->nsyscalls)].name;
			}
	}
	if (below(6) == 0)
		for (size_t i = 0; i < f->nrules; i++)
			if (below(4) == 0) {
				f->rules[i].syscall = "no_such_syscall";
				f->rules[i].lenient = true;
			}
}

/*
 * The highest number f's rules name on abi, found here from the rules and
 * abi's table (a third reading, beside rules.c's and eval.c's): what
 * --enosys-new compares a number with. False when they name none.
 */
static bool highest_named(const struct sjail_filter *f, const struct sjail_arch *abi,
			  uint32_t *ret_top)
{
	bool named = false;
	uint32_t top = 0;

	for (size_t i = 0; i < f->nrules; i++) {
		uint32_t nr;

		if (sjail_arch_syscall_nr(abi, f->rules[i].syscall, &nr) < 0)
			continue;
		if (!named || nr > top)
			top = nr;
		named = true;
	}
	if (named)
		*ret_top = top;
	return named;
}

static void random_input(const struct sjail_filter *f, const struct sjail_arch *arch,
			 struct seccomp_data *d)
{
	const struct sjail_rule *r = f->nrules ? &f->rules[below(f->nrules)] : NULL;
	const struct sjail_arch *const *comp = arch_companions(arch);
	uint32_t nr = 0;

	/*
	 * The call comes from the target's ABI, a companion's, or another
	 * one: i386's and x86_64's arch values are doors for each other.
	 */
	if (comp[0] && below(3) == 0)
		arch = comp[below(comp[1] ? 2 : 1)];
	switch (below(50)) {
	case 0:
		d->arch = 0x40000003u; /* AUDIT_ARCH_I386 */
		break;
	case 1:
		d->arch = 0xc000003eu; /* AUDIT_ARCH_X86_64 */
		break;
	case 2:
		d->arch = arch->audit_arch ^ 1;
		break;
	default:
		d->arch = arch->audit_arch;
		break;
	}
	switch (below(11)) {
	case 0:
		d->nr = (int)below(500);
		break;
	case 1:
		d->nr = -1;
		break;
	case 4: {
		/* Where --enosys-new's stub starts: the ABI's highest named number, -1, +1. */
		uint32_t top = 0;

		if (highest_named(f, arch, &top))
			d->nr = (int)(top + (uint32_t)below(3) - 1);
		break;
	}
	case 2:
		d->nr = (int)(0x40000000u | (uint32_t)below(600));
		break;
	case 3:
		d->nr = (int)(uint32_t)boundary();
		break;
	default:
		if (r && sjail_arch_syscall_nr(arch, r->syscall, &nr) == 0)
			d->nr = (int)nr;
		/*
		 * The rule's number with the x32 bit flipped (x32's twin, or
		 * x86_64's), or a neighbour: the edges of the ranges the
		 * compiler made around it.
		 */
		if (below(5) == 0)
			d->nr ^= 0x40000000;
		else if (below(4) == 0)
			d->nr = (int)((uint32_t)d->nr + (uint32_t)below(3) - 1);
		break;
	}
	for (int i = 0; i < 6; i++) {
		d->args[i] = boundary();
		if (r && r->nconds && below(3)) {
			const struct sjail_cond *c = &r->conds[below(r->nconds)];

			d->args[c->index] = near(below(3) ? c->val : c->mask);
		}
	}
	/* Make every eq/masked_eq condition of one rule hold now and then. */
	if (r && below(4) == 0)
		for (size_t j = 0; j < r->nconds; j++) {
			const struct sjail_cond *c = &r->conds[j];
			uint64_t *a = (uint64_t *)&d->args[c->index];

			if (c->op == SJAIL_OP_EQ)
				*a = c->val;
			else if (c->op == SJAIL_OP_MASKED_EQ)
				*a = (*a & ~c->mask) | (c->val & c->mask);
		}
}

static unsigned long long verdicts;

/* Compiles f and holds the program to the evaluator on n inputs. Returns the program. */
/*
 * Compiles filter k of p (with random syscall weights now and then: they
 * must not change the meaning) and holds the program to the evaluator on
 * n inputs. Returns the program.
 */
static struct sjail_program *differential_at(struct sjail_profile *p, size_t k,
					     const struct sjail_arch *arch, size_t n, uint64_t seed)
{
	struct sjail_filter *f = &p->filters[k];
	struct sjail_weight weights[8];
	struct sjail_compile_options opts = {.weights = weights, .enosys_new = below(3) == 0};
	struct sjail_program *prog = NULL;
	struct sjail_error err;
	unsigned mismatches = 0;
	int r;

	opts.nweights = below(3) == 0 ? ELEMENTSOF(weights) : 0;
	for (size_t i = 0; i < opts.nweights; i++)
		weights[i] = (struct sjail_weight){
		    .nr = arch->syscalls[below(arch->nsyscalls)].nr,
		    .weight = (double)below(100000),
		};
	/* --strict turns a lenient rule's unknown name into an error. */
	for (size_t i = 0; i < f->nrules; i++)
		if (f->rules[i].lenient) {
			opts.strict = true;
			CHECK_INT(sjail_compile_with(p, k, arch, &opts, &prog, &err), -EINVAL);
			CHECK(prog == NULL);
			opts.strict = false;
			break;
		}
	r = sjail_compile_with(p, k, arch, &opts, &prog, &err);
	if (r == -E2BIG)
		return NULL; /* too long for the kernel: checked elsewhere */
	CHECK_INT(r, 0);
	if (r < 0) {
		fprintf(stderr, "  compile failed: %s (seed %llu)\n", err.msg,
			(unsigned long long)seed);
		return NULL;
	}
	CHECK(bpf_check(prog->insns, prog->len, NULL, NULL) == 0);
	for (size_t i = 0; i < n; i++) {
		struct seccomp_data d = {0};
		int64_t want;
		uint32_t got;

		random_input(f, arch, &d);
		want = eval_decide_with(f, arch, &opts, &d, NULL);
		got = sjail_program_run(prog, &d, NULL);
		verdicts++;
		if (want != (int64_t)got && mismatches++ < 3) {
			check_failed++;
			fprintf(stderr,
				"MISMATCH seed %llu filter %zu arch %s nr %d arch 0x%x args %llx "
				"%llx %llx %llx %llx %llx: program 0x%x, rules 0x%llx\n",
				(unsigned long long)seed, k, arch->name, d.nr, d.arch, d.args[0],
				d.args[1], d.args[2], d.args[3], d.args[4], d.args[5], got,
				(long long)want);
		}
	}
	check_count++;
	return prog;
}

static struct sjail_program *differential(struct sjail_filter *f, const struct sjail_arch *arch,
					  size_t n, uint64_t seed)
{
	struct sjail_profile p = {.file = "random.json", .nfilters = 1, .filters = f};

	return differential_at(&p, 0, arch, n, seed);
}

/*
 * Rules shaped like Firecracker's ioctl and mmap lists: each starts with
 * "eq" on one dword (values from a small pool, so some repeat), some go
 * on with more conditions, a few are unconditional.
 */
static void searchable_filter(struct sjail_filter *f, const struct sjail_arch *arch, size_t nrules)
{
	uint64_t pool[12];

	random_filter(f, arch, nrules, 3, 3);
	for (size_t i = 0; i < ELEMENTSOF(pool); i++)
		pool[i] = boundary() & UINT32_MAX;
	for (size_t i = 0; i < nrules; i++) {
		struct sjail_rule *r = &f->rules[i];

		if (r->nconds == 0)
			continue;
		r->conds[0] = (struct sjail_cond){.index = 1,
						  .width = 32,
						  .op = SJAIL_OP_EQ,
						  .val = pool[below(ELEMENTSOF(pool))]};
		if (below(2))
			r->nconds = 1;
	}
}

static void random_shape(struct sjail_filter *f, const struct sjail_arch *arch, size_t shape)
{
	switch (shape) {
	case 0: /* small */
		random_filter(f, arch, 1 + below(20), 40, 3);
		break;
	case 1: /* wide: anywhere in the table */
		random_filter(f, arch, 1 + below(150), arch->nsyscalls, 2);
		break;
	case 2: /* long conjunctions: 100 conditions and more */
		random_filter(f, arch, 1 + below(4), 5, 1);
		for (size_t i = 0; i < f->nrules; i++) {
			struct sjail_rule *r = &f->rules[i];

			free(r->conds);
			r->nconds = 100 + below(40);
			r->conds = calloc(r->nconds, sizeof(*r->conds));
			for (size_t j = 0; j < r->nconds; j++)
				random_cond(&r->conds[j]);
		}
		break;
	case 3: /* 300 rules on one syscall */
		random_filter(f, arch, 300, 1, 2);
		break;
	case 4: /* value searches */
		searchable_filter(f, arch, 3 + below(60));
		break;
	default: /* interval searches: one condition per rule, one argument, any op */
		random_filter(f, arch, 2 + below(12), 2, 1);
		for (size_t i = 0, width = below(2) ? 64 : 32; i < f->nrules; i++) {
			struct sjail_cond *c = &f->rules[i].conds[0];

			f->rules[i].nconds = 1;
			random_cond(c);
			c->index = 2;
			c->width = (uint8_t)width;
			if (c->op == SJAIL_OP_MASKED_EQ && below(2))
				c->op = SJAIL_OP_LT;
			if (width == 64 && below(2))
				c->val &= UINT32_MAX;
			if (width == 32) {
				c->val &= UINT32_MAX;
				c->mask &= UINT32_MAX;
			}
		}
		break;
	}
}

/*
 * Profiles of one to three random filters, each compiled for every target
 * in turn and checked.
 */
static void test_random(uint64_t seed, size_t nprofiles)
{
	size_t narches = 0;

	while (sjail_arches[narches])
		narches++;
	for (size_t i = 0; i < nprofiles; i++) {
		const struct sjail_arch *arch = sjail_arches[i % narches];
		struct sjail_filter filters[3] = {{0}};
		struct sjail_profile p = {.file = "random.json", .filters = filters};
		uint64_t s = seed * 1000003u + i;

		rng = s ? s : 1;
		p.nfilters = 1 + below(3);
		for (size_t k = 0; k < p.nfilters; k++) {
			random_shape(&filters[k], arch, (i + k) % 6);
			random_extensions(&filters[k], arch);
		}
		for (size_t k = 0; k < p.nfilters; k++) {
			struct sjail_program *prog = differential_at(&p, k, arch, 3000, s);

			/*
			 * Every program the tests make must pass the real kernel's
			 * checker, whatever its target: the checker does not read
			 * arch values, and every target is little-endian like this
			 * machine.
			 */
			if (prog && !arch->big_endian)
				CHECK_INT(kernel_accepts(prog), 0);
			sjail_program_free(prog);
		}
		for (size_t k = 0; k < p.nfilters; k++)
			free_filter(&filters[k]);
	}
}

/* ---- fixed cases ------------------------------------------------------ */

static struct sjail_cond conds_write[] = {
    {.index = 0, .width = 32, .op = SJAIL_OP_EQ, .val = 1},
};
static struct sjail_cond conds_mmap[] = {
    {.index = 2, .width = 32, .op = SJAIL_OP_MASKED_EQ, .mask = 4, .val = 0},
};
static struct sjail_cond conds_lseek[] = {
    {.index = 1, .width = 64, .op = SJAIL_OP_GT, .val = 0x100000000ull},
};

static void test_golden(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_rule rules[] = {
	    {.syscall = "read", .action = SECCOMP_RET_ALLOW},
	    {.syscall = "write", .action = SECCOMP_RET_ALLOW, .nconds = 1, .conds = conds_write},
	    {.syscall = "mmap", .action = SECCOMP_RET_ALLOW, .nconds = 1, .conds = conds_mmap},
	    {.syscall = "lseek", .action = SECCOMP_RET_ALLOW, .nconds = 1, .conds = conds_lseek},
	};
	struct sjail_filter f = {.name = "main",
				 .mismatch_action = SECCOMP_RET_ERRNO | 1,
				 .match_action = SECCOMP_RET_ALLOW,
				 .nrules = ELEMENTSOF(rules),
				 .rules = rules};
	struct sjail_profile p = {.file = "golden.json", .nfilters = 1, .filters = &f};
	struct sjail_program *prog = NULL;
	char *text = NULL;
	/* Read it as a review would: every path is easy to follow by hand. */
	const char *want = "0000: ld [arch]\n"
			   "0001: jeq #0xc000003e jt 2 jf 10  ; x86_64\n"
			   "0002: ld [nr]\n"
			   "0003: jge #10 jt 8 jf 4  ; >= mprotect\n"
			   "0004: jge #8 jt 7 jf 5  ; >= lseek\n"
			   "0005: jge #2 jt 22 jf 6  ; >= open\n"
			   "0006: jeq #0 jt 21 jf 11  ; read\n"
			   "0007: jeq #8 jt 13 jf 18  ; lseek\n"
			   "0008: jge #1073741824 jt 9 jf 22  ; >= x32 numbers\n"
			   "0009: jeq #4294967295 jt 22 jf 10  ; -1\n"
			   "0010: ret kill_process\n"
			   "0011: ld [args[0].lo]\n"
			   "0012: jeq #0x1 jt 21 jf 22\n"
			   "0013: ld [args[1].hi]\n"
			   "0014: jgt #0x1 jt 21 jf 15\n"
			   "0015: jeq #0x1 jt 16 jf 22\n"
			   "0016: ld [args[1].lo]\n"
			   "0017: jgt #0x0 jt 21 jf 22\n"
			   "0018: ld [args[2].lo]\n"
			   "0019: and #0x4\n"
			   "0020: jeq #0x0 jt 21 jf 22\n"
			   "0021: ret allow\n"
			   "0022: ret errno 1 (EPERM)\n";

	CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
	if (!prog)
		return;
	CHECK_INT(sjail_program_dump(prog, &text), 0);
	CHECK_STR(text, want);
	CHECK_INT(prog->nsyscalls, 4);
	CHECK_INT(prog->nrules, 4);
	free(text);
	sjail_program_free(prog);
}

static void test_abi_doors(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_rule rules[] = {{.syscall = "getpid", .action = SECCOMP_RET_ERRNO | 99}};
	struct sjail_filter f = {.name = "deny",
				 .mismatch_action = SECCOMP_RET_ALLOW,
				 .match_action = SECCOMP_RET_ERRNO | 99,
				 .nrules = 1,
				 .rules = rules};
	struct sjail_profile p = {.file = "doors.json", .nfilters = 1, .filters = &f};
	struct sjail_program *prog = NULL;
	struct seccomp_data d = {.arch = 0xc000003eu};

	CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
	if (!prog)
		return;
	d.nr = 39; /* getpid */
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_ERRNO | 99);
	d.nr = 0x40000000 | 39; /* x32 getpid */
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	d.nr = (int)0xbfffffffu;
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	d.nr = -1; /* "skip the syscall": not an x32 number */
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_ALLOW);
	d.nr = 0x3fffffff;
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_ALLOW);
	d.nr = 20;
	d.arch = 0x40000003u; /* AUDIT_ARCH_I386: int $0x80 */
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	sjail_program_free(prog);

	/* aarch64 has no foreign numbers: only the arch check. */
	arch = sjail_arch_by_name("aarch64");
	rules[0].syscall = "getpid";
	CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
	if (!prog)
		return;
	d.arch = 0xc00000b7u;
	d.nr = 0x40000000 | 172;
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_ALLOW);
	d.nr = 172;
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_ERRNO | 99);
	d.arch = 0xc000003eu;
	CHECK_INT(sjail_program_run(prog, &d, NULL), SECCOMP_RET_KILL_PROCESS);
	sjail_program_free(prog);
}

/* One call's verdict under a program, with the program held to the rules as well. */
static void door(const struct sjail_program *prog, const struct sjail_filter *f, uint32_t audit,
		 uint32_t nr, uint32_t want)
{
	struct seccomp_data d = {.nr = (int)nr, .arch = audit};

	CHECK_INT(sjail_program_run(prog, &d, NULL), want);
	CHECK_INT(eval_decide(f, prog->arch, &d, NULL), want);
}

/*
 * The doors of the 32-bit targets, under a denylist (the worst case: what
 * a door lets through is allowed). An i386 program covers AUDIT_ARCH_I386
 * alone: an i386 process can switch to 64-bit mode. An x32 program covers
 * the x32 numbers of AUDIT_ARCH_X86_64 alone: an x32 process can make
 * x86_64 calls by leaving out the bit. The ABIs a filter lists change
 * nothing there: no 32-bit target has companions.
 */
static void test_abi_doors_32(void)
{
	struct sjail_rule rules[] = {{.syscall = "getpid", .action = SECCOMP_RET_ERRNO | 99}};
	char *abis[] = {"x86_64", "i386", "x32", "aarch64", "arm"};
	struct sjail_filter f = {.name = "deny",
				 .mismatch_action = SECCOMP_RET_ALLOW,
				 .match_action = SECCOMP_RET_ERRNO | 99,
				 .nrules = 1,
				 .rules = rules};
	struct sjail_profile p = {.file = "doors.json", .nfilters = 1, .filters = &f};
	const uint32_t allow = SECCOMP_RET_ALLOW, deny = SECCOMP_RET_ERRNO | 99,
		       kill = SECCOMP_RET_KILL_PROCESS, x86_64 = 0xc000003eu, i386 = 0x40000003u,
		       arm = 0x40000028u, aarch64 = 0xc00000b7u;

	for (int listed = 0; listed < 2; listed++) {
		struct sjail_program *prog = NULL;

		f.abis = listed ? abis : NULL;
		f.nabis = listed ? ELEMENTSOF(abis) : 0;

		CHECK_INT(sjail_compile(&p, 0, &sjail_arch_i386, &prog, NULL), 0);
		if (!prog)
			return;
		CHECK_INT(kernel_accepts(prog), 0);
		door(prog, &f, i386, 20, deny);		  /* getpid */
		door(prog, &f, i386, 39, allow);	  /* umask, not named */
		door(prog, &f, i386, 0x40000014u, allow); /* i386 has no foreign numbers */
		door(prog, &f, i386, UINT32_MAX, allow);  /* -1: the mismatch action */
		door(prog, &f, x86_64, 39, kill);	  /* x86_64's getpid: 64-bit mode */
		door(prog, &f, x86_64, 20, kill);
		door(prog, &f, x86_64, 0x40000027u, kill); /* x32's getpid */
		door(prog, &f, x86_64, UINT32_MAX, kill);
		door(prog, &f, arm, 20, kill);
		sjail_program_free(prog);

		CHECK_INT(sjail_compile(&p, 0, &sjail_arch_x32, &prog, NULL), 0);
		if (!prog)
			return;
		CHECK_INT(kernel_accepts(prog), 0);
		door(prog, &f, x86_64, 0x40000027u, deny);  /* x32's getpid */
		door(prog, &f, x86_64, 0x40000000u, allow); /* x32's read */
		door(prog, &f, x86_64, 0x40000000u | 600, allow);
		door(prog, &f, x86_64, 0x7fffffffu, allow); /* the last x32 number */
		door(prog, &f, x86_64, UINT32_MAX, allow);  /* -1: the mismatch action */
		door(prog, &f, x86_64, 39, kill);	    /* x86_64's getpid, the bypass */
		door(prog, &f, x86_64, 0, kill);
		door(prog, &f, x86_64, 0x3fffffffu, kill);
		door(prog, &f, x86_64, 0x80000000u, kill); /* no ABI's numbers */
		door(prog, &f, x86_64, 0xc0000027u, kill);
		door(prog, &f, x86_64, 0xfffffffeu, kill);
		door(prog, &f, i386, 20, kill); /* int $0x80 */
		door(prog, &f, i386, UINT32_MAX, kill);
		sjail_program_free(prog);

		CHECK_INT(sjail_compile(&p, 0, &sjail_arch_arm, &prog, NULL), 0);
		if (!prog)
			return;
		CHECK_INT(kernel_accepts(prog), 0);
		door(prog, &f, arm, 20, deny);
		/* ARM's private set_tls, which the filter does not name: the mismatch action. */
		door(prog, &f, arm, 0x0f0005u, allow);
		door(prog, &f, arm, UINT32_MAX, allow);
		door(prog, &f, aarch64, 172, kill); /* aarch64's getpid */
		door(prog, &f, aarch64, 20, kill);
		door(prog, &f, i386, 20, kill);
		sjail_program_free(prog);
	}
}

static struct sjail_cond conds_cacheflush[] = {
    {.index = 2, .width = 32, .op = SJAIL_OP_EQ, .val = 0}, /* flags: must be 0 */
};

/*
 * ARM's private calls (breakpoint ... get_tls, 0x0f0001 ... 0x0f0006), far
 * above the rest of arm's table: named in rules, under the arm target and
 * as aarch64's companion. Every number from 0 past the table, around the
 * private block and at the top holds the program to the rules, and the
 * named ones get their rule's verdict, the rest the mismatch action. Then
 * random filters with a private call in every one.
 */
static void test_arm_private(void)
{
	struct sjail_rule rules[] = {
	    {.syscall = "set_tls", .action = SECCOMP_RET_ALLOW},
	    {.syscall = "cacheflush",
	     .action = SECCOMP_RET_ALLOW,
	     .nconds = ELEMENTSOF(conds_cacheflush),
	     .conds = conds_cacheflush},
	    {.syscall = "breakpoint", .action = SECCOMP_RET_ERRNO | 99},
	    {.syscall = "exit_group", .action = SECCOMP_RET_ALLOW},
	};
	char *abis[] = {"arm"};
	struct sjail_filter f = {.name = "private",
				 .mismatch_action = SECCOMP_RET_ERRNO | 1,
				 .match_action = SECCOMP_RET_ALLOW,
				 .nrules = ELEMENTSOF(rules),
				 .rules = rules};
	struct sjail_profile p = {.file = "private.json", .nfilters = 1, .filters = &f};
	const struct sjail_arch *arm = &sjail_arch_arm;
	const uint32_t allow = SECCOMP_RET_ALLOW, eperm = SECCOMP_RET_ERRNO | 1,
		       kill = SECCOMP_RET_KILL_PROCESS;
	const uint32_t spans[][2] = {
	    {0, 1000}, {0x0eff00u, 0x0f0900u}, {0x9f0000u, 0x9f0010u}, {0xfffffff0u, 0xffffffffu}};

	for (int target = 0; target < 2; target++) {
		const struct sjail_arch *arch = target ? &sjail_arch_aarch64 : arm;
		struct sjail_program *prog = NULL;

		f.abis = target ? abis : NULL;
		f.nabis = target ? ELEMENTSOF(abis) : 0;
		CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
		if (!prog)
			continue;
		CHECK_INT(kernel_accepts(prog), 0);
		for (size_t s = 0; s < ELEMENTSOF(spans); s++)
			for (uint32_t nr = spans[s][0];; nr++) {
				for (int a = 0; a < 4; a++) {
					struct seccomp_data d = {.nr = (int)nr,
								 .arch = a & 1 ? arch->audit_arch
									       : arm->audit_arch,
								 .args = {0, 0, (uint64_t)a >> 1}};

					CHECK_INT(sjail_program_run(prog, &d, NULL),
						  eval_decide(&f, arch, &d, NULL));
				}
				if (nr == spans[s][1])
					break;
			}
		door(prog, &f, arm->audit_arch, 0x0f0005u, allow); /* set_tls */
		door(prog, &f, arm->audit_arch, 0x0f0002u, allow); /* cacheflush(…, 0) */
		door(prog, &f, arm->audit_arch, 0x0f0001u, SECCOMP_RET_ERRNO | 99);
		door(prog, &f, arm->audit_arch, 248, allow);	   /* exit_group */
		door(prog, &f, arm->audit_arch, 0x0f0000u, eperm); /* __ARM_NR_BASE: no call */
		door(prog, &f, arm->audit_arch, 0x0f0006u, eperm); /* get_tls, not named */
		door(prog, &f, arm->audit_arch, 0x0f0007u, eperm);
		door(prog, &f, arm->audit_arch, 0x9f0005u, eperm); /* OABI's set_tls */
		door(prog, &f, arm->audit_arch, UINT32_MAX, eperm);
		if (target) {
			/* aarch64's own numbers: nothing is named there but exit_group (94). */
			door(prog, &f, arch->audit_arch, 0x0f0005u, eperm);
			door(prog, &f, arch->audit_arch, 94, allow);
		} else {
			door(prog, &f, 0xc00000b7u, 0x0f0005u, kill); /* AUDIT_ARCH_AARCH64 */
		}
		sjail_program_free(prog);
	}

	rng = 0x0f0005;
	for (size_t i = 0; i < 60; i++) {
		static char *private[] = {"breakpoint", "cacheflush", "usr26",
					  "usr32",	"set_tls",    "get_tls"};
		const struct sjail_arch *arch = i % 2 ? &sjail_arch_aarch64 : arm;
		struct sjail_filter r = {0};
		struct sjail_program *prog;

		random_filter(&r, arm, 1 + below(40), arm->nsyscalls, 2);
		for (size_t k = 0; k < r.nrules; k++)
			if (k == 0 || below(3) == 0)
				r.rules[k].syscall = private[below(ELEMENTSOF(private))];
		if (arch != arm) {
			r.abis = abis;
			r.nabis = ELEMENTSOF(abis);
		}
		prog = differential(&r, arch, 3000, 0x0f0005);
		if (prog)
			CHECK_INT(kernel_accepts(prog), 0);
		sjail_program_free(prog);
		free_filter(&r);
	}
}

/* Unconditional and conditional rules for one syscall: the unconditional wins. */
static void test_unconditional_wins(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_rule rules[] = {
	    {.syscall = "write", .action = SECCOMP_RET_ALLOW, .nconds = 1, .conds = conds_write},
	    {.syscall = "write", .action = SECCOMP_RET_ALLOW},
	};
	struct sjail_filter f = {.name = "m",
				 .mismatch_action = SECCOMP_RET_KILL_PROCESS,
				 .match_action = SECCOMP_RET_ALLOW,
				 .nrules = 2,
				 .rules = rules};
	struct sjail_profile p = {.file = "m.json", .nfilters = 1, .filters = &f};
	struct sjail_program *prog = NULL;
	struct seccomp_data d = {.arch = 0xc000003eu, .nr = 1, .args = {7}};
	size_t executed = 0;

	CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
	if (!prog)
		return;
	CHECK_INT(sjail_program_run(prog, &d, &executed), SECCOMP_RET_ALLOW);
	/* Decided without loading an argument: arch, nr and the tree only. */
	for (size_t i = 0; i < prog->len; i++)
		CHECK(prog->insns[i].k < 16 || prog->insns[i].code != (BPF_LD | BPF_W | BPF_ABS));
	sjail_program_free(prog);
}

/*
 * Weights only change the cost of each path, so any weights must give the
 * same verdicts, extreme ones too: an infinite count (a trace may say
 * "inf") or counts whose sum overflows a double once made the planner's
 * costs NaN, and the tree it built let x32 numbers through a denylist.
 */
static void test_extreme_weights(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_rule rules[] = {{.syscall = "mkdir"}, {.syscall = "ptrace"}};
	struct sjail_filter f = {.name = "deny",
				 .mismatch_action = SECCOMP_RET_ALLOW,
				 .match_action = SECCOMP_RET_ERRNO | 99,
				 .nrules = 2,
				 .rules = rules};
	struct sjail_profile p = {.file = "w.json", .nfilters = 1, .filters = &f};
	const struct sjail_weight sets[][2] = {
	    {{.nr = 0, .weight = HUGE_VAL}, {.nr = 1, .weight = 1}},
	    {{.nr = 0, .weight = DBL_MAX}, {.nr = 1, .weight = DBL_MAX}},
	    {{.nr = 83, .weight = HUGE_VAL}, {.nr = 101, .weight = HUGE_VAL}},
	};
	const uint32_t nrs[] = {0,	    1,		83,	    101,
				0x3fffffff, 0x40000000, 0x40000053, 0x7fffffff,
				0x80000000, 0xfffffffe, 0xffffffff};

	for (size_t s = 0; s < ELEMENTSOF(sets); s++) {
		struct sjail_program *prog = NULL;

		CHECK_INT(sjail_compile_weighted(&p, 0, arch, sets[s], 2, &prog, NULL), 0);
		if (!prog)
			continue;
		for (size_t i = 0; i < ELEMENTSOF(nrs); i++) {
			struct seccomp_data d = {.nr = (int)nrs[i], .arch = 0xc000003eu};

			CHECK_INT(sjail_program_run(prog, &d, NULL),
				  eval_decide(&f, arch, &d, NULL));
		}
		sjail_program_free(prog);
	}
}

/* Enough argument rules that the tree's jumps must go through trampolines. */
static void test_long_jumps(void)
{
	const struct sjail_arch *arch = sjail_arch_native();
	struct sjail_filter f = {0};
	struct sjail_program *prog;
	bool trampolines = false;

	rng = 42;
	random_filter(&f, arch, 400, arch->nsyscalls, 1);
	for (size_t i = 0; i < f.nrules; i++)
		if (f.rules[i].nconds == 0) { /* every rule conditional: no constant verdicts */
			f.rules[i].nconds = 1;
			random_cond(&f.rules[i].conds[0]);
		}
	prog = differential(&f, arch, 20000, 42);
	CHECK(prog != NULL);
	if (prog) {
		CHECK(prog->len > 600);
		for (size_t i = 0; i < prog->len; i++)
			if (prog->insns[i].code == (BPF_JMP | BPF_JA))
				trampolines = true;
		CHECK(trampolines);
		CHECK_INT(kernel_accepts(prog), 0);
	}
	sjail_program_free(prog);
	free_filter(&f);
}

/* Sixteen ioctl request codes: a search over the values, the argument loaded once. */
static void test_value_search(void)
{
	const struct sjail_arch *arch = sjail_arch_by_name("x86_64");
	struct sjail_cond conds[16];
	struct sjail_rule rules[16];
	struct sjail_filter f = {.name = "ioctls",
				 .mismatch_action = SECCOMP_RET_ERRNO | 1,
				 .match_action = SECCOMP_RET_ALLOW,
				 .nrules = 16,
				 .rules = rules};
	struct sjail_profile p = {.file = "ioctl.json", .nfilters = 1, .filters = &f};
	struct sjail_program *prog = NULL;
	size_t loads = 0, most = 0;

	for (size_t i = 0; i < 16; i++) {
		conds[i] = (struct sjail_cond){
		    .index = 1, .width = 32, .op = SJAIL_OP_EQ, .val = 0xae80 + 7 * i};
		rules[i] = (struct sjail_rule){.syscall = "ioctl",
					       .action = SECCOMP_RET_ALLOW,
					       .nconds = 1,
					       .conds = &conds[i]};
	}
	CHECK_INT(sjail_compile(&p, 0, arch, &prog, NULL), 0);
	if (!prog)
		return;
	for (size_t i = 0; i < prog->len; i++)
		if (prog->insns[i].code == (BPF_LD | BPF_W | BPF_ABS) && prog->insns[i].k == 24)
			loads++;
	CHECK_INT(loads, 1);
	for (uint64_t v = 0xae70; v < 0xae80 + 7 * 16 + 8; v++) {
		struct seccomp_data d = {.nr = 16, .arch = 0xc000003eu, .args = {3, v}};
		size_t executed = 0;
		uint32_t want = (v >= 0xae80 && (v - 0xae80) % 7 == 0 && v < 0xae80 + 7 * 16)
				    ? SECCOMP_RET_ALLOW
				    : SECCOMP_RET_ERRNO | 1;

		CHECK_INT(sjail_program_run(prog, &d, &executed), want);
		if (executed > most)
			most = executed;
	}
	/* arch, nr, the tree, the load, log2(16) + 1 tests, ret: a chain would need 16 tests. */
	CHECK(most <= 14);
	sjail_program_free(prog);
}

static void test_too_long(void)
{
	const struct sjail_arch *arch = sjail_arch_native();
	struct sjail_filter f = {0};
	struct sjail_profile p = {.file = "big.json", .nfilters = 1, .filters = &f};
	struct sjail_program *prog = NULL;
	struct sjail_error err;
	char line[2048];

	rng = 7;
	random_filter(&f, arch, 1200, arch->nsyscalls, 4);
	for (size_t i = 0; i < f.nrules; i++)
		if (f.rules[i].nconds == 0) {
			f.rules[i].nconds = 1;
			random_cond(&f.rules[i].conds[0]);
		}
	f.name = "big";
	f.loc = (struct sjail_loc){2, 5};
	sjail_error_clear(&err);
	CHECK_INT(sjail_compile(&p, 0, arch, &prog, &err), -E2BIG);
	CHECK(prog == NULL);
	sjail_error_format(&err, line, sizeof(line));
	CHECK(strncmp(line, "big.json:2:5: big: the filter compiles to ", 42) == 0);
	CHECK(strstr(line, "over the kernel's limit of 4096") != NULL);
	free_filter(&f);
}

static void test_interpreter(void)
{
	/* Instructions sjail never emits, as the kernel runs them. */
	struct sock_filter prog[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_LEN, 0),	   /* A = 64 */
	    BPF_STMT(BPF_ST, 3),			   /* M[3] = 64 */
	    BPF_STMT(BPF_LDX | BPF_IMM, 3),		   /* X = 3 */
	    BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),	   /* A = 21 */
	    BPF_STMT(BPF_ALU | BPF_LSH | BPF_K, 1),	   /* A = 42 */
	    BPF_STMT(BPF_MISC | BPF_TAX, 0),		   /* X = 42 */
	    BPF_STMT(BPF_LD | BPF_MEM, 3),		   /* A = 64 */
	    BPF_STMT(BPF_ALU | BPF_SUB | BPF_X, 0),	   /* A = 22 */
	    BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, 2, 1, 0), /* 22 & 2: taken */
	    BPF_STMT(BPF_ALU | BPF_NEG, 0),		   /* A = -22 */
	    BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter divzero[] = {
	    BPF_STMT(BPF_LDX | BPF_IMM, 0),
	    BPF_STMT(BPF_ALU | BPF_DIV | BPF_X, 0),
	    BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_filter bad_mem[] = {
	    BPF_STMT(BPF_LD | BPF_MEM, 0),
	    BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter bad_jump[] = {
	    BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, 0, 1, 0),
	    BPF_STMT(BPF_RET | BPF_K, 0),
	};
	struct sock_filter bad_load[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 64),
	    BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct sock_filter args_be[] = {
	    BPF_STMT(BPF_LD | BPF_W | BPF_ABS, 16), /* args[0] first word */
	    BPF_STMT(BPF_RET | BPF_A, 0),
	};
	struct seccomp_data d = {.args = {0x1122334455667788ull}};
	size_t executed = 0;

	CHECK_INT(bpf_check(prog, ELEMENTSOF(prog), NULL, NULL), 0);
	CHECK_INT(bpf_run(prog, ELEMENTSOF(prog), &d, false, &executed), 22);
	CHECK_INT(executed, 10);
	CHECK_INT(bpf_run(divzero, ELEMENTSOF(divzero), &d, false, NULL), 0);
	CHECK_INT(bpf_check(bad_mem, ELEMENTSOF(bad_mem), NULL, NULL), -EINVAL);
	CHECK_INT(bpf_check(bad_jump, ELEMENTSOF(bad_jump), NULL, NULL), -EINVAL);
	CHECK_INT(bpf_check(bad_load, ELEMENTSOF(bad_load), NULL, NULL), -EINVAL);
	CHECK_INT(bpf_run(bad_load, ELEMENTSOF(bad_load), &d, false, NULL),
		  SECCOMP_RET_KILL_PROCESS);
	CHECK_INT(bpf_run(args_be, ELEMENTSOF(args_be), &d, false, NULL), 0x55667788);
	CHECK_INT(bpf_run(args_be, ELEMENTSOF(args_be), &d, true, NULL), 0x11223344);
	/* The kernel agrees with the checker on what it accepts. */
	CHECK_INT(kernel_accepts_insns(prog, ELEMENTSOF(prog)), 0);
	CHECK_INT(kernel_accepts_insns(bad_mem, ELEMENTSOF(bad_mem)), -EINVAL);
	CHECK_INT(kernel_accepts_insns(bad_jump, ELEMENTSOF(bad_jump)), -EINVAL);
	CHECK_INT(kernel_accepts_insns(bad_load, ELEMENTSOF(bad_load)), -EINVAL);
}

/*
 * Checks prog on every number of abi from 0 to a little past the highest f
 * names there (and on the last of abi's space) against three readings:
 * the interpreter, the evaluator, and this test's own: a number a rule
 * names gets its rule, one above the highest named on abi gets ENOSYS,
 * the rest the mismatch action.
 */
static void enosys_abi(const struct sjail_program *prog, const struct sjail_filter *f,
		       const struct sjail_arch *abi, const struct sjail_compile_options *opts)
{
	uint32_t base = abi == &sjail_arch_x32 ? 0x40000000u : 0, top = 0, last;
	bool named = highest_named(f, abi, &top);

	last = abi->foreign_nr_bit	? abi->foreign_nr_bit - 1
	       : abi == &sjail_arch_x32 ? 0x7fffffffu
					: 0xfffffffeu;
	for (uint32_t n = base, end = (named ? top : base + 600) + 3; n <= end || n == last;
	     n = n == end ? last : n + 1) {
		struct seccomp_data d = {.nr = (int)n, .arch = abi->audit_arch};
		uint32_t want = f->mismatch_action, got;
		const struct sjail_rule *rule = NULL;
		int64_t eval;

		for (size_t i = 0; i < f->nrules && !rule; i++) {
			uint32_t nr;

			if (sjail_arch_syscall_nr(abi, f->rules[i].syscall, &nr) == 0 && nr == n)
				rule = &f->rules[i];
		}
		if (rule)
			want = rule->action;
		else if (named && n > top)
			want = SECCOMP_RET_ERRNO | ENOSYS;
		got = sjail_program_run(prog, &d, NULL);
		eval = eval_decide_with(f, prog->arch, opts, &d, NULL);
		verdicts++;
		if (got != want || eval != (int64_t)want) {
			check_failed++;
			fprintf(
			    stderr,
			    "ENOSYS STUB: target %s abi %s nr 0x%x (highest 0x%x): program 0x%x, "
			    "evaluator 0x%llx, want 0x%x\n",
			    prog->arch->name, abi->name, n, top, got, (long long)eval, want);
			return;
		}
		if (n == last)
			break;
	}
	check_count++;
}

/*
 * A random name of from's table; alone: one no other ABI of abis[1..nabis)
 * has. NULL when none is found.
 */
static const char *stub_name(const struct sjail_arch *from, const struct sjail_arch *const *abis,
			     size_t nabis, bool alone)
{
	for (int tries = 0; tries < 10000; tries++) {
		const char *name = from->syscalls[below(from->nsyscalls)].name;
		bool shared = false;

		for (size_t a = 1; alone && a < nabis; a++)
			shared |= sjail_arch_syscall_nr(abis[a], name, NULL) == 0;
		if (!shared)
			return name;
	}
	return NULL;
}

/*
 * --enosys-new on every target with its companions (i386 and x32 beside
 * x86_64, arm beside aarch64) and on the 32-bit targets alone: each ABI
 * has its own highest named number, from its own table. The rules are
 * unconditional (their verdict is the number's), named from the covered
 * ABIs' tables (shape 0), the target's (1), or the target's alone with
 * names no companion has (2): then a companion has no highest, and the
 * stub never applies to it.
 */
static void test_enosys_new(void)
{
	static char *companions[] = {"i386", "x32", "arm"};
	const struct sjail_compile_options opts = {.enosys_new = true};

	rng = 7;
	for (size_t k = 0; sjail_arches[k / 12]; k++) {
		const struct sjail_arch *target = sjail_arches[k / 12], *abis[SJAIL_MAX_ABIS];
		int shape = (int)(k % 3);
		struct sjail_rule rules[12];
		struct sjail_filter f = {.name = "stub",
					 .mismatch_action = SECCOMP_RET_ERRNO | 1,
					 .match_action = SECCOMP_RET_ALLOW,
					 .nrules = 1 + below(ELEMENTSOF(rules)),
					 .rules = rules,
					 .abis = companions,
					 .nabis = ELEMENTSOF(companions)};
		struct sjail_profile p = {.file = "stub.json", .nfilters = 1, .filters = &f};
		struct sjail_program *prog = NULL;
		size_t nabis = arch_select(&f, target, abis);

		for (size_t i = 0; i < f.nrules; i++) {
			const struct sjail_arch *from = shape ? target : abis[below(nabis)];
			const char *name = stub_name(from, abis, nabis, shape == 2);

			CHECK(name != NULL);
			rules[i] = (struct sjail_rule){.syscall = (char *)(name ? name : "read"),
						       .action = below(4) ? SECCOMP_RET_ALLOW
									  : SECCOMP_RET_TRAP};
		}
		CHECK_INT(sjail_compile_with(&p, 0, target, &opts, &prog, NULL), 0);
		if (!prog)
			continue;
		for (size_t a = 0; a < nabis; a++)
			enosys_abi(prog, &f, abis[a], &opts);
		sjail_program_free(prog);
	}
}

int main(void)
{
	const char *env = getenv("SJAIL_TEST_SEED");
	uint64_t fresh = env ? strtoull(env, NULL, 0) : (uint64_t)time(NULL);

	test_golden();
	test_abi_doors();
	test_abi_doors_32();
	test_arm_private();
	test_unconditional_wins();
	test_extreme_weights();
	test_interpreter();
	test_long_jumps();
	test_value_search();
	test_too_long();
	test_enosys_new();

	/* Fixed seeds, then one fresh seed; SJAIL_TEST_SEED=N replays it. */
	test_random(1, 180);
	test_random(2, 180);
	printf("fresh seed: %llu (replay: SJAIL_TEST_SEED=%llu)\n", (unsigned long long)fresh,
	       (unsigned long long)fresh);
	test_random(fresh, 90);
	printf("%llu verdicts compared\n", verdicts);
	return check_exit();
}

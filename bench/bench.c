/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench.c - sjail against libseccomp on real filters, figures side by side.
 *
 * For Firecracker's vmm, api and vcpu filters and Docker's default profile
 * (the sjail-format x86_64 version, and the OCI file as runc reads it,
 * with its i386 and x32 sections) it builds sjail's program and
 * libseccomp's binary tree from the same rules, holds both to the reference evaluator, and prints
 * per filter: program length, instructions executed (uniform over the numbers, on inputs that
 * satisfy each argument rule, weighted by real traces), how many unconditional allows the kernel's
 * cache can skip, the lower bound of the number search, and compile times; then a real-kernel
 * micro-benchmark and the targets of issue 4.
 *
 * Figures, not pass/fail: it exits 0 whatever the figures are, 1 when
 * something is broken (a profile does not load, a program disagrees with
 * the rules, a child dies), 2 on a usage error.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

#ifndef SHARED_DIR
#define SHARED_DIR "../shared"
#endif
#ifndef SJAIL_BIN
#define SJAIL_BIN "sjail"
#endif

#define UNIFORM_LAST 460  /* the uniform range: numbers 0..460 */
#define MAX_WORKLOADS 16  /* *.tsv files read */
#define TARGET_RATIO 0.70 /* sjail/libseccomp, instructions executed */
#define TARGET_SLACK 2.0  /* uniform mean within this of the lower bound */
#define TARGET_COMPILE_US 1000.0
#define PROLOGUE 3 /* ld [arch]; jeq #AUDIT_ARCH; ld [nr] */
#define MICRO_ROUNDS 7
#define MICRO_ITERATIONS 100000ul

enum { SJ, SC, NSIDES };
static const char *const side_name[NSIDES] = {"sjail", "libseccomp"};

struct options {
	bool quick;
	bool kernel;
	const char *dump; /* --dump NAME: print both programs of filter NAME */
	const char *shared;
	const char *sjail_bin;
};

/* A trace: syscall numbers with their counts. */
struct workload {
	char name[64];
	size_t n;
	uint32_t *nrs;
	double *counts;
	double total;
	size_t nunknown;
	char unknown[256]; /* names the arch table does not know */
};

/* The median and the fastest of a number of runs, µs. */
struct timing {
	double median, fastest;
};

struct figures {
	size_t len;
	double uniform_mean;
	double i386_mean, x32_mean; /* numbers 0-460 of the companions, when covered */
	size_t uniform_max;
	double rule_mean;
	double workload_mean[MAX_WORKLOADS];
	double traced_mean[MAX_WORKLOADS]; /* sjail compiled with that trace's weights */
	size_t cache_const;
	struct timing compile;
};

/* One input that satisfies one argument rule. */
struct rule_input {
	const struct sjail_rule *rule;
	struct seccomp_data data;
};

enum { CALL_GETPPID, CALL_ARGS, NCALLS };
enum { CFG_NONE, CFG_ALLOW, CFG_SJ, CFG_SC, NCFGS };
static const char *const cfg_name[NCFGS] = {"none", "ret-allow", "sjail", "libseccomp"};

struct fbench {
	const char *label; /* "firecracker vmm" */
	const char *name;  /* "vmm" */
	struct sjail_profile *profile;
	size_t index;
	const struct sjail_filter *f;
	const struct sjail_arch *arch;
	uint32_t *rule_nr; /* the number of each rule; UINT32_MAX: not on arch (OCI) */
	bool i386, x32;	   /* the program has sections for them (OCI's archMap) */

	struct sjail_program *sj;
	struct bench_prog prog[NSIDES]; /* [SJ] borrows sj's instructions */
	struct scmp_plan *plan;
	size_t inexact;	       /* conditions libseccomp states only approximately */
	unsigned inexact_args; /* the argument indexes they test */
	size_t refused;	       /* rules libseccomp refused */
	char refused_msg[256];
	/* libseccomp with dword eq as SCMP_A<n>_32(SCMP_CMP_EQ) states it */
	bool has_alt;
	struct bench_prog alt;
	struct figures alt_fig;
	size_t alt_bad;

	struct rule_input *inputs;
	size_t ninputs, nunsat;
	size_t cache_total; /* unconditionally allowed numbers the kernel checks */
	size_t intervals;
	unsigned lower_bound;
	struct figures fig[NSIDES];

	size_t checked, bad[NSIDES], outside; /* agreement with eval_decide */

	bool micro_done;
	char micro_note[256];
	char call_desc[NCALLS][96];
	size_t call_executed[NCALLS][NSIDES]; /* by the micro-benchmark's programs */
	bool call_cached[NCALLS][NSIDES];     /* the kernel skips the program */
	double micro_ns[NCALLS][NCFGS];
};

static bool broken;

static void _broken(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void _broken(const char *fmt, ...)
{
	va_list ap;

	broken = true;
	fputs("bench: BROKEN: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static size_t _exec(const struct fbench *b, const struct bench_prog *p,
		    const struct seccomp_data *d, uint32_t *ret)
{
	size_t executed = 0;
	uint32_t v;

	v = bpf_run(p->insns, p->len, d, b->arch->big_endian, &executed);
	if (ret)
		*ret = v;
	return executed;
}

static size_t _run(const struct fbench *b, int side, const struct seccomp_data *d, uint32_t *ret)
{
	return _exec(b, &b->prog[side], d, ret);
}

static struct seccomp_data _data(const struct fbench *b, uint32_t nr)
{
	return (struct seccomp_data){.nr = (int)nr, .arch = b->arch->audit_arch};
}

static double _ratio(double a, double b)
{
	return b > 0 ? a / b : 0;
}

static unsigned _ceil_log2(size_t n)
{
	unsigned bits = 0;

	while (((size_t)1 << bits) < n)
		bits++;
	return bits;
}

/* ---- inputs ----------------------------------------------------------- */

/*
 * Arguments that make every condition of r hold: per argument, the first
 * candidate (each condition's value, one above, one below, 0, all ones)
 * that satisfies all the conditions on that argument. Candidates of dword
 * conditions stay within 32 bits, so the input is in libseccomp's exact
 * domain too. false when no candidate fits some argument.
 */
static bool _satisfy(const struct sjail_rule *r, struct seccomp_data *d)
{
	for (unsigned idx = 0; idx < 6; idx++) {
		bool constrained = false, found = false;

		for (size_t j = 0; j < r->nconds && !found; j++) {
			const struct sjail_cond *c = &r->conds[j];
			uint64_t v = c->op == SJAIL_OP_MASKED_EQ ? c->val & c->mask : c->val;
			uint64_t cand[] = {v, v + 1, v - 1, 0, UINT32_MAX, UINT64_MAX};

			if (c->index != idx)
				continue;
			constrained = true;
			for (size_t k = 0; k < ELEMENTSOF(cand) && !found; k++) {
				uint64_t a = c->width == 32 ? cand[k] & UINT32_MAX : cand[k];

				found = true;
				for (size_t m = 0; m < r->nconds && found; m++)
					if (r->conds[m].index == idx)
						found = eval_cond_holds(&r->conds[m], a);
				if (found)
					d->args[idx] = a;
			}
		}
		if (constrained && !found)
			return false;
	}
	return true;
}

static int _rule_inputs(struct fbench *b)
{
	b->inputs = calloc(b->f->nrules ? b->f->nrules : 1, sizeof(*b->inputs));
	if (!b->inputs)
		return -ENOMEM;
	for (size_t i = 0; i < b->f->nrules; i++) {
		const struct sjail_rule *r = &b->f->rules[i];
		struct seccomp_data d = _data(b, b->rule_nr[i]);

		if (!r->nconds || b->rule_nr[i] == UINT32_MAX)
			continue;
		if (!_satisfy(r, &d)) {
			b->nunsat++;
			continue;
		}
		b->inputs[b->ninputs++] = (struct rule_input){.rule = r, .data = d};
	}
	return 0;
}

static int _workload_load(const char *path, const char *name, const struct sjail_arch *arch,
			  struct workload *w)
{
	char line[256];
	FILE *fp;
	int r = 0;

	fp = fopen(path, "re");
	if (!fp)
		return -errno;
	snprintf(w->name, sizeof(w->name), "%s", name);
	while (fgets(line, sizeof(line), fp)) {
		char *tab = strchr(line, '\t'), *end;
		double count;
		uint32_t nr;

		if (!tab || line[0] == '#')
			continue;
		*tab = '\0';
		count = strtod(tab + 1, &end);
		if (end == tab + 1 || count < 0) {
			r = -EINVAL;
			break;
		}
		if (sjail_arch_syscall_nr(arch, line, &nr) < 0) {
			size_t used = strlen(w->unknown);

			w->nunknown++;
			snprintf(w->unknown + used, sizeof(w->unknown) - used, "%s%s",
				 used ? ", " : "", line);
			continue;
		}
		if (w->n % 64 == 0) {
			uint32_t *nrs = realloc(w->nrs, (w->n + 64) * sizeof(*nrs));
			double *counts =
			    nrs ? realloc(w->counts, (w->n + 64) * sizeof(*counts)) : NULL;

			if (nrs)
				w->nrs = nrs;
			if (counts)
				w->counts = counts;
			if (!nrs || !counts) {
				r = -ENOMEM;
				break;
			}
		}
		w->nrs[w->n] = nr;
		w->counts[w->n++] = count;
		w->total += count;
	}
	fclose(fp);
	if (r == 0 && w->total <= 0)
		r = -EINVAL;
	return r;
}

static int _cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every .tsv file in DIR/workloads, in name order. Returns how many, or -errno. */
static int _workloads_load(const char *shared, const struct sjail_arch *arch, struct workload *w)
{
	char dir[4096], path[4096 + 256], *names[MAX_WORKLOADS];
	struct dirent *de;
	size_t n = 0;
	DIR *dp;
	int r = 0;

	snprintf(dir, sizeof(dir), "%s/workloads", shared);
	dp = opendir(dir);
	if (!dp) {
		r = -errno;
		_broken("%s: %s", dir, strerror(-r));
		return r;
	}
	while ((de = readdir(dp)) && n < MAX_WORKLOADS) {
		size_t len = strlen(de->d_name);

		if (len > 4 && len < 60 && strcmp(de->d_name + len - 4, ".tsv") == 0) {
			names[n] = strdup(de->d_name);
			if (!names[n]) {
				r = -ENOMEM;
				break;
			}
			n++;
		}
	}
	closedir(dp);
	qsort(names, n, sizeof(*names), _cmp_str);
	for (size_t i = 0; i < n; i++) {
		if (r == 0) {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
			names[i][strlen(names[i]) - 4] = '\0';
			r = _workload_load(path, names[i], arch, &w[i]);
			if (r < 0)
				_broken("%s: cannot read the trace: %s", path, strerror(-r));
		}
		free(names[i]);
	}
	return r < 0 ? r : (int)n;
}

/* ---- what the rules say ------------------------------------------------ */

static bool _has_cond_rule(const struct fbench *b, uint32_t nr, bool *ret_uncond)
{
	bool cond = false;

	*ret_uncond = false;
	for (size_t i = 0; i < b->f->nrules; i++)
		if (b->rule_nr[i] == nr && nr != UINT32_MAX) {
			if (b->f->rules[i].nconds)
				cond = true;
			else
				*ret_uncond = true;
		}
	return cond;
}

/* Does nr's verdict depend on its arguments? */
static bool _arg_dependent(const struct fbench *b, uint32_t nr)
{
	bool uncond;

	return _has_cond_rule(b, nr, &uncond) && !uncond;
}

static int _cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x > y) - (x < y);
}

/*
 * The intervals of 0..2^32-1: maximal runs of numbers with one verdict
 * (eval_decide's, arguments 0), where a number whose verdict depends on its
 * arguments is an interval of its own. The verdict can only change at a
 * number some rule names, one past it, the foreign-ABI bit and -1.
 */
static int _intervals(struct fbench *b, size_t *ret)
{
	size_t n = 0, count = 0;
	uint64_t *cut, prev_key = UINT64_MAX;

	cut = calloc(2 * b->f->nrules + 3, sizeof(*cut));
	if (!cut)
		return -ENOMEM;
	cut[n++] = 0;
	cut[n++] = UINT32_MAX;
	if (b->arch->foreign_nr_bit)
		cut[n++] = b->arch->foreign_nr_bit;
	for (size_t i = 0; i < b->f->nrules; i++) {
		cut[n++] = b->rule_nr[i];
		cut[n++] = (uint64_t)b->rule_nr[i] + 1;
	}
	qsort(cut, n, sizeof(*cut), _cmp_u64);
	for (size_t i = 0; i < n; i++) {
		struct seccomp_data d;
		uint64_t key;

		if (cut[i] > UINT32_MAX || (i && cut[i] == cut[i - 1]))
			continue;
		d = _data(b, (uint32_t)cut[i]);
		if (_arg_dependent(b, (uint32_t)cut[i]))
			key = (1ull << 40) | cut[i]; /* never equal to a neighbour's */
		else
			key = (uint32_t)eval_decide(b->f, b->arch, &d, NULL);
		if (key != prev_key)
			count++;
		prev_key = key;
	}
	free(cut);
	*ret = count;
	return 0;
}

/* ---- agreement with the rules ----------------------------------------- */

static void _check(struct fbench *b, const struct seccomp_data *d)
{
	int64_t want = eval_decide(b->f, b->arch, d, NULL);
	bool outside = false;

	for (unsigned i = 0; i < 6; i++)
		if ((b->inexact_args & (1u << i)) && (d->args[i] >> 32))
			outside = true;
	b->checked++;
	for (int s = 0; s < NSIDES; s++) {
		uint32_t got;

		_run(b, s, d, &got);
		if ((int64_t)got == want)
			continue;
		if (s == SC && (outside || b->refused || scmp_plan_outside(b->plan, d))) {
			b->outside++; /* what libseccomp cannot state, or refused */
			continue;
		}
		if (b->bad[s]++ < 5) {
			char w[64], g[64];

			_broken("%s: %s gives %s (%#x) where the rules give %s (%#x): nr %d arch "
				"%#x args %#llx %#llx %#llx %#llx %#llx %#llx",
				b->label, side_name[s], sjail_action_format(got, g, sizeof(g)), got,
				sjail_action_format((uint32_t)want, w, sizeof(w)), (uint32_t)want,
				d->nr, d->arch, (unsigned long long)d->args[0],
				(unsigned long long)d->args[1], (unsigned long long)d->args[2],
				(unsigned long long)d->args[3], (unsigned long long)d->args[4],
				(unsigned long long)d->args[5]);
		} else {
			broken = true;
		}
	}
}

/*
 * Both programs against eval_decide: every number 0..600 (and its x32
 * twin, and the i386 arch), the ABI edges, -1, and each rule's input with
 * each argument nudged (one off, high half set, low half flipped).
 */
static void _agreement(struct fbench *b)
{
	static const uint32_t edges[] = {0x3fffffff, 0x40000000, 0x40000001, 0x7fffffff,
					 0x80000000, 0xfffffffe, UINT32_MAX};
	static const uint64_t nudges[] = {1, (uint64_t)-1, 1ull << 32, 0xffffffff00000000ull,
					  0xffffffffull};

	for (uint32_t nr = 0; nr <= 600; nr++) {
		struct seccomp_data d = _data(b, nr);

		_check(b, &d);
		d.nr = (int)(nr | 0x40000000u);
		_check(b, &d);
		d.nr = (int)nr;
		d.arch = 0x40000003u; /* AUDIT_ARCH_I386 */
		_check(b, &d);
	}
	for (size_t i = 0; i < ELEMENTSOF(edges); i++) {
		struct seccomp_data d = _data(b, edges[i]);

		_check(b, &d);
	}
	for (size_t i = 0; i < b->ninputs; i++) {
		const struct seccomp_data *d = &b->inputs[i].data;

		_check(b, d);
		for (unsigned idx = 0; idx < 6; idx++)
			for (size_t k = 0; k < ELEMENTSOF(nudges); k++) {
				struct seccomp_data e = *d;

				e.args[idx] = d->args[idx] + nudges[k];
				_check(b, &e);
				e.args[idx] = d->args[idx] ^ nudges[k];
				_check(b, &e);
			}
	}
	if (!b->has_alt)
		return;
	/* The 64-bit form agrees where high halves are 0: the benchmark's inputs. */
	for (uint32_t nr = 0; nr <= 600 + b->ninputs; nr++) {
		struct seccomp_data d = nr <= 600 ? _data(b, nr) : b->inputs[nr - 601].data;
		int64_t want = eval_decide(b->f, b->arch, &d, NULL);
		uint32_t got;

		_exec(b, &b->alt, &d, &got);
		if ((int64_t)got != want && b->alt_bad++ == 0)
			_broken("%s: libseccomp (dword eq as 64-bit eq) disagrees with the rules "
				"on nr %d",
				b->label, d.nr);
	}
}

/* ---- figures ---------------------------------------------------------- */

static void _prog_figures(const struct fbench *b, const struct bench_prog *p, struct figures *fig,
			  const struct workload *w, size_t nw)
{
	double sum = 0;

	fig->len = p->len;
	for (uint32_t nr = 0; nr <= UNIFORM_LAST; nr++) {
		struct seccomp_data d = _data(b, nr);
		size_t e = _exec(b, p, &d, NULL);

		sum += (double)e;
		if (e > fig->uniform_max)
			fig->uniform_max = e;
	}
	fig->uniform_mean = sum / (UNIFORM_LAST + 1);
	/* The companion sections: i386's arch value, x32's numbers in x86_64's. */
	for (int c = 0; c < 2; c++) {
		if (!(c ? b->x32 : b->i386))
			continue;
		sum = 0;
		for (uint32_t nr = 0; nr <= UNIFORM_LAST; nr++) {
			struct seccomp_data d = _data(b, c ? nr | 0x40000000u : nr);

			if (!c)
				d.arch = 0x40000003u; /* AUDIT_ARCH_I386 */
			sum += (double)_exec(b, p, &d, NULL);
		}
		*(c ? &fig->x32_mean : &fig->i386_mean) = sum / (UNIFORM_LAST + 1);
	}

	sum = 0;
	for (size_t i = 0; i < b->ninputs; i++)
		sum += (double)_exec(b, p, &b->inputs[i].data, NULL);
	fig->rule_mean = b->ninputs ? sum / (double)b->ninputs : 0;

	for (size_t i = 0; i < nw; i++) {
		sum = 0;
		for (size_t j = 0; j < w[i].n; j++) {
			struct seccomp_data d = _data(b, w[i].nrs[j]);

			sum += w[i].counts[j] * (double)_exec(b, p, &d, NULL);
		}
		fig->workload_mean[i] = sum / w[i].total;
	}
}

/*
 * sjail's program compiled with trace i as weights (sjail_compile_weighted:
 * the trace-fed tree), figured on that trace; it must still mean what the
 * rules say on every number 0-460 and every argument-rule input.
 */
static void _traced_figures(struct fbench *b, const struct workload *w, size_t nw)
{
	for (size_t i = 0; i < nw; i++) {
		struct sjail_weight *weights = calloc(w[i].n ? w[i].n : 1, sizeof(*weights));
		struct sjail_program *prog = NULL;
		struct bench_prog bp;
		struct sjail_error err;
		double sum = 0;

		if (!weights)
			_broken("out of memory");
		for (size_t j = 0; j < w[i].n; j++)
			weights[j] =
			    (struct sjail_weight){.nr = w[i].nrs[j], .weight = w[i].counts[j]};
		if (sjail_compile_weighted(b->profile, b->index, b->arch, weights, w[i].n, &prog,
					   &err) < 0)
			_broken("%s: compiling with the %s trace: %s", b->name, w[i].name, err.msg);
		bp = (struct bench_prog){.insns = prog->insns, .len = prog->len};
		for (uint32_t nr = 0; nr <= UNIFORM_LAST; nr++) {
			struct seccomp_data d = _data(b, nr);
			uint32_t v;

			_exec(b, &bp, &d, &v);
			if ((int64_t)v != eval_decide(b->f, b->arch, &d, NULL))
				_broken("%s: the %s-fed program differs from the rules on %u",
					b->name, w[i].name, nr);
		}
		for (size_t k = 0; k < b->ninputs; k++) {
			uint32_t v;

			_exec(b, &bp, &b->inputs[k].data, &v);
			if ((int64_t)v != eval_decide(b->f, b->arch, &b->inputs[k].data, NULL))
				_broken("%s: the %s-fed program differs from the rules", b->name,
					w[i].name);
		}
		for (size_t j = 0; j < w[i].n; j++) {
			struct seccomp_data d = _data(b, w[i].nrs[j]);

			sum += w[i].counts[j] * (double)_exec(b, &bp, &d, NULL);
		}
		b->fig[SJ].traced_mean[i] = sum / w[i].total;
		sjail_program_free(prog);
		free(weights);
	}
}

static void _figures(struct fbench *b, const struct workload *w, size_t nw)
{
	uint32_t last = b->arch->syscalls[b->arch->nsyscalls - 1].nr;

	/* Numbers the kernel's cache covers: its syscall table, holes included. */
	b->cache_total = 0;
	for (uint32_t nr = 0; nr <= last; nr++) {
		bool allow = true, decided = false;

		/* Allowed whatever the arguments: every rule that can decide allows. */
		for (size_t i = 0; i < b->f->nrules && !decided; i++) {
			if (b->rule_nr[i] != nr)
				continue;
			allow &= b->f->rules[i].action == SECCOMP_RET_ALLOW;
			decided = b->f->rules[i].nconds == 0;
		}
		if (!decided)
			allow &= b->f->mismatch_action == SECCOMP_RET_ALLOW;
		if (!allow)
			continue;
		b->cache_total++;
		for (int s = 0; s < NSIDES; s++)
			if (kcache_const_allow(b->prog[s].insns, b->prog[s].len,
					       b->arch->audit_arch, nr))
				b->fig[s].cache_const++;
	}
	for (int s = 0; s < NSIDES; s++)
		_prog_figures(b, &b->prog[s], &b->fig[s], w, nw);
	_traced_figures(b, w, nw);
	if (b->has_alt)
		_prog_figures(b, &b->alt, &b->alt_fig, w, nw);
}

/* ---- compile times ---------------------------------------------------- */

static void _timing_set(struct timing *ret, double *t, size_t runs)
{
	ret->median = timing_median(t, runs);
	ret->fastest = t[0]; /* sorted by timing_median() */
}

static size_t _runs(const struct options *o, size_t full)
{
	return o->quick ? 5 : full;
}

/* Median µs of sjail_compile() of filters idx[0..n) of p. */
static int _time_sjail_compile(const struct sjail_profile *p, const size_t *idx, size_t n,
			       size_t runs, struct timing *ret)
{
	double *t = calloc(runs, sizeof(*t));
	int r = 0;

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < runs && r == 0; i++) {
		uint64_t t0 = timing_now_ns();

		for (size_t j = 0; j < n && r == 0; j++) {
			struct sjail_program *prog = NULL;
			struct sjail_error err;

			r = sjail_compile(p, idx[j], sjail_arch_by_name("x86_64"), &prog, &err);
			sjail_program_free(prog);
		}
		t[i] = (double)(timing_now_ns() - t0) / 1000.0;
	}
	_timing_set(ret, t, runs);
	free(t);
	return r;
}

/* Median µs of load + parse + compile of the filters named in names[0..n) of path. */
static int _time_sjail_load(const char *path, const char *const *names, size_t n, size_t runs,
			    struct timing *ret)
{
	double *t = calloc(runs, sizeof(*t));
	int r = 0;

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < runs && r == 0; i++) {
		uint64_t t0 = timing_now_ns();
		struct sjail_profile *p = NULL;
		struct sjail_error err;

		r = sjail_profile_load(path, &p, &err);
		for (size_t j = 0; j < n && r == 0; j++) {
			struct sjail_program *prog = NULL;
			size_t idx;

			r = sjail_profile_find_filter(p, names[j], &idx, &err);
			if (r == 0)
				r = sjail_compile(p, idx, sjail_arch_by_name("x86_64"), &prog,
						  &err);
			sjail_program_free(prog);
		}
		sjail_profile_free(p);
		t[i] = (double)(timing_now_ns() - t0) / 1000.0;
	}
	_timing_set(ret, t, runs);
	free(t);
	return r;
}

/* Median µs of building and exporting plans[0..n) through libseccomp. */
static int _time_scmp(struct scmp_plan *const *plans, size_t n, int memfd, size_t runs,
		      struct timing *ret)
{
	double *t = calloc(runs, sizeof(*t));
	int r = 0;

	if (!t)
		return -ENOMEM;
	for (size_t i = 0; i < runs && r == 0; i++) {
		uint64_t t0 = timing_now_ns();

		for (size_t j = 0; j < n && r == 0; j++) {
			struct bench_prog prog = {0};

			r = scmp_plan_compile(plans[j], memfd, &prog, NULL, NULL, 0);
			free(prog.insns);
		}
		t[i] = (double)(timing_now_ns() - t0) / 1000.0;
	}
	_timing_set(ret, t, runs);
	free(t);
	return r;
}

/* ---- the real-kernel micro-benchmark ----------------------------------- */

static bool _harmless(const char *syscall)
{
	return strcmp(syscall, "ioctl") == 0 || strcmp(syscall, "fcntl") == 0 ||
	       strcmp(syscall, "personality") == 0;
}

static int _cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a >> 16, y = *(const size_t *)b >> 16;

	return (x > y) - (x < y);
}

/*
 * The argument-checked call: among the filter's rules on ioctl or fcntl
 * whose conditions leave the fd alone (the call gets fd -1 and fails with
 * EBADF) and on personality (harmless in a throwaway child), the one in
 * the middle by libseccomp's instruction count. false when none.
 */
static bool _pick_arg_call(const struct fbench *b, struct seccomp_data *ret)
{
	size_t *keys = calloc(b->ninputs ? b->ninputs : 1, sizeof(*keys)), n = 0;
	bool found = false;

	if (!keys)
		return false;
	for (size_t i = 0; i < b->ninputs; i++) {
		const struct sjail_rule *r = b->inputs[i].rule;
		struct seccomp_data d = b->inputs[i].data;
		bool fd_free = true;

		if (!_harmless(r->syscall))
			continue;
		if (strcmp(r->syscall, "personality") != 0) {
			for (size_t j = 0; j < r->nconds; j++)
				fd_free &= r->conds[j].index != 0;
			if (!fd_free)
				continue;
			d.args[0] = UINT32_MAX; /* fd -1 */
		}
		if (eval_decide(b->f, b->arch, &d, NULL) != b->f->match_action)
			continue;
		keys[n++] = (_run(b, SC, &d, NULL) << 16) | i; /* ninputs < 65536 rules */
	}
	if (n) {
		size_t pick;

		qsort(keys, n, sizeof(*keys), _cmp_size);
		pick = keys[(n - 1) / 2] & 0xffff;
		*ret = b->inputs[pick].data;
		if (strcmp(b->inputs[pick].rule->syscall, "personality") != 0)
			ret->args[0] = UINT32_MAX; /* fd -1 */
		found = true;
	}
	free(keys);
	return found;
}

/*
 * Times getppid() and the argument-checked call with no filter, under a
 * one-instruction "ret allow" program (what seccomp costs before any
 * program runs: the slow syscall entry path, the cache lookup, and where
 * the kernel is booted so, the speculative store bypass mitigation), and
 * under sjail's and libseccomp's program
 * for the filter plus unconditional rules for getppid and clock_gettime
 * where it does not allow them (the child makes no other syscall). Rounds
 * rotate the order of the configurations; each figure is the median of
 * its rounds.
 */
static void _micro(struct fbench *b, int memfd)
{
	static const char *const extras[] = {"getppid", "clock_gettime"};
	static struct sock_filter allow_all[] = {BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW)};
	struct sjail_rule *rules = NULL;
	struct sjail_filter f2;
	struct sjail_profile p2;
	struct sjail_program *sj2 = NULL;
	struct scmp_plan *plan2 = NULL;
	struct bench_prog progs[NCFGS] = {{0}};
	struct kernel_call calls[NCALLS];
	struct seccomp_data arg_data, call_data[NCALLS];
	double t[NCALLS][NCFGS][MICRO_ROUNDS];
	struct sjail_error err;
	size_t inexact, refused = 0, nextra = 0;
	unsigned inexact_args;
	int r;

	if (b->arch != sjail_arch_native()) {
		snprintf(b->micro_note, sizeof(b->micro_note), "not the native arch");
		return;
	}
	if (!_pick_arg_call(b, &arg_data)) {
		snprintf(b->micro_note, sizeof(b->micro_note),
			 "no harmless argument-checked call (ioctl/fcntl on any fd, personality)");
		return;
	}

	rules = calloc(b->f->nrules + ELEMENTSOF(extras), sizeof(*rules));
	if (!rules) {
		_broken("out of memory");
		return;
	}
	memcpy(rules, b->f->rules, b->f->nrules * sizeof(*rules));
	f2 = *b->f;
	f2.rules = rules;
	for (size_t i = 0; i < ELEMENTSOF(extras); i++) {
		uint32_t nr;
		struct seccomp_data d;

		if (sjail_arch_syscall_nr(b->arch, extras[i], &nr) < 0)
			continue;
		d = _data(b, nr);
		if (eval_decide(b->f, b->arch, &d, NULL) == SECCOMP_RET_ALLOW)
			continue;
		if (b->f->match_action != SECCOMP_RET_ALLOW) {
			snprintf(b->micro_note, sizeof(b->micro_note),
				 "%s is not allowed and the match action is not allow", extras[i]);
			goto out;
		}
		rules[f2.nrules++] =
		    (struct sjail_rule){.syscall = (char *)extras[i], .action = SECCOMP_RET_ALLOW};
		nextra++;
	}
	p2 = (struct sjail_profile){.file = b->profile->file, .nfilters = 1, .filters = &f2};

	sjail_error_clear(&err);
	r = sjail_compile(&p2, 0, b->arch, &sj2, &err);
	if (r == 0)
		r = scmp_plan_new(&f2, b->arch, /* dword_eq_64= */ false, &plan2, &inexact,
				  &inexact_args);
	if (r == 0)
		r = scmp_plan_compile(plan2, memfd, &progs[CFG_SC], &refused, NULL, 0);
	if (r < 0 || refused) {
		_broken("%s: the micro-benchmark's filter does not compile: %s", b->label,
			err.msg[0] ? err.msg : strerror(-r));
		goto out;
	}
	progs[CFG_SJ] = (struct bench_prog){.insns = sj2->insns, .len = sj2->len};
	progs[CFG_ALLOW] = (struct bench_prog){.insns = allow_all, .len = ELEMENTSOF(allow_all)};

	call_data[CALL_GETPPID] = _data(b, (uint32_t)SYS_getppid);
	call_data[CALL_ARGS] = arg_data;
	for (int c = 0; c < NCALLS; c++) {
		const struct seccomp_data *d = &call_data[c];
		const char *name = sjail_arch_syscall_name(b->arch, (uint32_t)d->nr);

		calls[c].nr = d->nr;
		for (int i = 0; i < 6; i++)
			calls[c].args[i] = (unsigned long)d->args[i];
		if (c == CALL_GETPPID)
			snprintf(b->call_desc[c], sizeof(b->call_desc[c]), "getppid()");
		else if (strcmp(name, "personality") == 0)
			snprintf(b->call_desc[c], sizeof(b->call_desc[c]), "personality(%#llx)",
				 (unsigned long long)d->args[0]);
		else
			snprintf(b->call_desc[c], sizeof(b->call_desc[c]), "%s(-1, %#llx, %#llx)",
				 name, (unsigned long long)d->args[1],
				 (unsigned long long)d->args[2]);
		for (int s = 0; s < NSIDES; s++) {
			const struct bench_prog *p = &progs[s == SJ ? CFG_SJ : CFG_SC];
			size_t executed = 0;
			uint32_t v = bpf_run(p->insns, p->len, d, b->arch->big_endian, &executed);

			if (v != SECCOMP_RET_ALLOW) {
				_broken("%s: the micro-benchmark's %s program does not allow %s",
					b->label, side_name[s], b->call_desc[c]);
				goto out;
			}
			b->call_executed[c][s] = executed;
			b->call_cached[c][s] = kcache_const_allow(
			    p->insns, p->len, b->arch->audit_arch, (uint32_t)d->nr);
		}
	}

	for (int round = 0; round < MICRO_ROUNDS; round++)
		for (int c = 0; c < NCALLS; c++)
			for (int k = 0; k < NCFGS; k++) {
				int cfg = (k + round) % NCFGS; /* rotate the order */
				char msg[256] = "";

				r = kernel_time_call(cfg == CFG_NONE ? NULL : &progs[cfg],
						     &calls[c], MICRO_ITERATIONS, &t[c][cfg][round],
						     msg, sizeof(msg));
				if (r < 0) {
					_broken("%s: micro-benchmark of %s under %s: %s", b->label,
						b->call_desc[c], cfg_name[cfg],
						msg[0] ? msg : strerror(-r));
					goto out;
				}
			}
	for (int c = 0; c < NCALLS; c++)
		for (int k = 0; k < NCFGS; k++)
			b->micro_ns[c][k] = timing_median(t[c][k], MICRO_ROUNDS);
	b->micro_done = true;
	if (nextra)
		snprintf(b->micro_note, sizeof(b->micro_note), "+%zu unconditional allow%s", nextra,
			 nextra > 1 ? "s" : "");
out:
	sjail_program_free(sj2);
	scmp_plan_free(plan2);
	free(progs[CFG_SC].insns);
	free(rules);
}

/* ---- output ----------------------------------------------------------- */

static void _row_f(const char *label, double a, double b, int decimals)
{
	if (b > 0)
		printf("  %-44s %10.*f %11.*f %7.2f\n", label, decimals, a, decimals, b,
		       _ratio(a, b));
	else
		printf("  %-44s %10.*f %11.*f %7s\n", label, decimals, a, decimals, b, "-");
}

static const char *_action(uint32_t action, char *buf, size_t len)
{
	return sjail_action_format(action, buf, len);
}

static void _print_filter(const struct fbench *b, const struct workload *w, size_t nw)
{
	const struct figures *s = &b->fig[SJ], *l = &b->fig[SC];
	char label[128], a1[64], a2[64];

	printf("\n%s: %zu rules, %zu syscalls, match %s, mismatch %s\n", b->label, b->f->nrules,
	       b->sj->nsyscalls, _action(b->f->match_action, a1, sizeof(a1)),
	       _action(b->f->mismatch_action, a2, sizeof(a2)));
	printf("  %-44s %10s %11s %7s\n", "", "sjail", "libseccomp", "ratio");
	_row_f("program length (instructions)", (double)s->len, (double)l->len, 0);
	_row_f("executed, numbers 0-460: mean", s->uniform_mean, l->uniform_mean, 2);
	_row_f("executed, numbers 0-460: max", (double)s->uniform_max, (double)l->uniform_max, 0);
	if (b->i386)
		_row_f("executed, i386 numbers 0-460: mean", s->i386_mean, l->i386_mean, 2);
	if (b->x32)
		_row_f("executed, x32 numbers 0-460: mean", s->x32_mean, l->x32_mean, 2);
	snprintf(label, sizeof(label), "executed, per argument rule (%zu): mean", b->ninputs);
	if (b->ninputs)
		_row_f(label, s->rule_mean, l->rule_mean, 2);
	else
		printf("  %-44s %10s %11s %7s\n", label, "-", "-", "-");
	for (size_t i = 0; i < nw; i++) {
		snprintf(label, sizeof(label), "executed, workload %.40s: mean", w[i].name);
		_row_f(label, s->workload_mean[i], l->workload_mean[i], 2);
	}
	for (size_t i = 0; i < nw; i++) {
		snprintf(label, sizeof(label), "  %.24s, sjail's tree fed that trace", w[i].name);
		_row_f(label, s->traced_mean[i], l->workload_mean[i], 2);
	}
	snprintf(a1, sizeof(a1), "%zu of %zu", s->cache_const, b->cache_total);
	snprintf(a2, sizeof(a2), "%zu of %zu", l->cache_const, b->cache_total);
	printf("  %-44s %10s %11s\n", "unconditional allows the kernel caches", a1, a2);
	_row_f("compile in-process (µs, median)", s->compile.median, l->compile.median, 1);
	printf("  lower bound, number search: %d + ceil(log2 %zu intervals) = %u; "
	       "mean 0-460 minus bound: sjail %+.2f, libseccomp %+.2f\n",
	       PROLOGUE + 1, b->intervals, b->lower_bound, s->uniform_mean - b->lower_bound,
	       l->uniform_mean - b->lower_bound);
	if (b->has_alt) {
		const struct figures *a = &b->alt_fig;

		printf("  libseccomp with dword eq as SCMP_A*_32(SCMP_CMP_EQ), a 64-bit eq "
		       "that also refuses a set high half:\n"
		       "    length %zu (sjail/it %.2f), mean 0-460 %.2f (%.2f), per rule %.2f "
		       "(%.2f)",
		       a->len, _ratio((double)s->len, (double)a->len), a->uniform_mean,
		       _ratio(s->uniform_mean, a->uniform_mean), a->rule_mean,
		       _ratio(s->rule_mean, a->rule_mean));
		for (size_t i = 0; i < nw; i++)
			printf(", %.20s %.2f (%.2f)", w[i].name, a->workload_mean[i],
			       _ratio(s->workload_mean[i], a->workload_mean[i]));
		printf("\n");
	}
	printf("  agreement with the rules (eval_decide), %zu inputs: sjail %zu wrong, "
	       "libseccomp %zu wrong",
	       b->checked, b->bad[SJ], b->bad[SC]);
	if (b->outside)
		printf(", %zu different where it cannot state the rule", b->outside);
	printf("\n");
	if (b->nunsat)
		printf("  note: %zu argument rules can never hold (no input satisfies them)\n",
		       b->nunsat);
	if (b->inexact)
		printf("  note: libseccomp 2.5 cannot state %zu dword condition%s exactly "
		       "(it compares all 64 bits); they agree when the high half is 0\n",
		       b->inexact, b->inexact > 1 ? "s" : "");
	if (b->refused)
		printf("  note: libseccomp refused %zu rule%s (first: %s); its figures are for "
		       "the rules it took\n",
		       b->refused, b->refused > 1 ? "s" : "", b->refused_msg);
	if (scmp_plan_skipped(b->plan))
		printf("  note: as runc, libseccomp's program leaves out %zu names libseccomp %s "
		       "does not know; the agreement check excuses those calls, i386 and x32 "
		       "arguments with a high half, and numbers from 2^31 (see "
		       "docs/PERFORMANCE.md)\n",
		       scmp_plan_skipped(b->plan), scmp_version());
}

struct target {
	char what[96];
	char figure[48];
	bool met;
};

static struct target targets[64];
static size_t ntargets;

static void _target(bool met, const char *figure, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void _target(bool met, const char *figure, const char *fmt, ...)
{
	struct target *t;
	va_list ap;

	if (ntargets == ELEMENTSOF(targets))
		return;
	t = &targets[ntargets++];
	va_start(ap, fmt);
	vsnprintf(t->what, sizeof(t->what), fmt, ap);
	va_end(ap);
	snprintf(t->figure, sizeof(t->figure), "%s", figure);
	t->met = met;
}

static void _filter_targets(const struct fbench *b, const struct workload *w, size_t nw)
{
	const struct figures *s = &b->fig[SJ], *l = &b->fig[SC];
	double ratio, worst = 0;
	size_t worst_i = 0;
	char fig[48];

	ratio = _ratio(s->uniform_mean, l->uniform_mean);
	snprintf(fig, sizeof(fig), "%.2f", ratio);
	_target(ratio <= TARGET_RATIO, fig, "%s: executed 0-460, sjail/libseccomp <= %.2f", b->name,
		TARGET_RATIO);
	if (b->ninputs) {
		ratio = _ratio(s->rule_mean, l->rule_mean);
		snprintf(fig, sizeof(fig), "%.2f", ratio);
		_target(ratio <= TARGET_RATIO, fig,
			"%s: executed per argument rule, sjail/libseccomp <= %.2f", b->name,
			TARGET_RATIO);
	}
	for (size_t i = 0; i < nw; i++) {
		ratio = _ratio(s->workload_mean[i], l->workload_mean[i]);
		if (ratio >= worst) {
			worst = ratio;
			worst_i = i;
		}
	}
	if (nw) {
		snprintf(fig, sizeof(fig), "%.2f (%.20s)", worst, w[worst_i].name);
		_target(worst <= TARGET_RATIO, fig,
			"%s: per workload, default tree, every ratio <= %.2f", b->name,
			TARGET_RATIO);
	}
	/* The weighted tree: sjail compiled with the trace it is measured on. */
	worst = 0;
	for (size_t i = 0; i < nw; i++) {
		ratio = _ratio(s->traced_mean[i], l->workload_mean[i]);
		if (ratio >= worst) {
			worst = ratio;
			worst_i = i;
		}
	}
	if (nw) {
		snprintf(fig, sizeof(fig), "%.2f (%.20s)", worst, w[worst_i].name);
		_target(worst <= TARGET_RATIO, fig,
			"%s: per workload, trace-fed tree, every ratio <= %.2f", b->name,
			TARGET_RATIO);
	}
	snprintf(fig, sizeof(fig), "%.2f vs %u", s->uniform_mean, b->lower_bound);
	_target(s->uniform_mean <= b->lower_bound + TARGET_SLACK, fig,
		"%s: mean 0-460 within %.0f of the lower bound", b->name, TARGET_SLACK);
	snprintf(fig, sizeof(fig), "%zu of %zu", s->cache_const, b->cache_total);
	_target(s->cache_const == b->cache_total, fig,
		"%s: every unconditional allow cached by the kernel", b->name);
}

/* ---- main ------------------------------------------------------------- */

static const char *const fc_filters[] = {"vmm", "api", "vcpu"};
static const char *const docker_filters[] = {"container"};
static const char *const oci_filters[] = {"oci"};

/* Docker's default capabilities for a container (moby's oci/caps/defaults.go). */
#define DOCKER_CAPS                                                                                \
	"CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,"       \
	"CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,"         \
	"CAP_AUDIT_WRITE"

/*
 * Loads a profile; an OCI one as Docker resolves it for a container with
 * Docker's default capabilities on kernel 6.1, so the figures do not
 * depend on the machine.
 */
static int _load(const char *path, struct sjail_profile **ret)
{
	struct sjail_load_options opts = {.arch = sjail_arch_by_name("x86_64"),
					  .caps_given = true,
					  .kernel_major = 6,
					  .kernel_minor = 1};
	struct sjail_error err;
	char line[2048];
	int r;

	sjail_error_clear(&err);
	r = sjail_caps_parse(DOCKER_CAPS, &opts.caps, &err);
	if (r == 0)
		r = sjail_profile_load_with(path, &opts, ret, &err);
	if (r < 0) {
		sjail_error_format(&err, line, sizeof(line));
		_broken("%s: cannot load: %s", path, line[0] ? line : strerror(-r));
	}
	return r;
}

static int _setup(struct fbench *b, struct sjail_profile *p, const char *name, const char *label,
		  int memfd)
{
	struct sjail_error err;
	char line[2048];
	int r;

	sjail_error_clear(&err);
	b->label = label;
	b->name = name;
	b->profile = p;
	b->arch = sjail_arch_by_name("x86_64");
	r = sjail_profile_find_filter(p, name, &b->index, &err);
	if (r < 0)
		goto fail;
	b->f = &p->filters[b->index];
	r = sjail_compile(p, b->index, b->arch, &b->sj, &err);
	if (r < 0)
		goto fail;
	b->prog[SJ] = (struct bench_prog){.insns = b->sj->insns, .len = b->sj->len};

	b->rule_nr = calloc(b->f->nrules ? b->f->nrules : 1, sizeof(*b->rule_nr));
	if (!b->rule_nr) {
		_broken("out of memory");
		return -ENOMEM;
	}
	for (size_t i = 0; i < b->f->nrules; i++)
		if (sjail_arch_syscall_nr(b->arch, b->f->rules[i].syscall, &b->rule_nr[i]) < 0) {
			b->rule_nr[i] = UINT32_MAX;
			if (b->f->rules[i].lenient)
				continue; /* an OCI name of another ABI, or of none */
			/* sjail_compile() would have refused it */
			_broken("%s: unknown syscall '%s'", label, b->f->rules[i].syscall);
			return -EINVAL;
		}
	{
		const struct sjail_arch *abis[SJAIL_MAX_ABIS];
		size_t n = arch_select(b->f, b->arch, abis);

		for (size_t a = 1; a < n; a++) {
			b->i386 |= strcmp(abis[a]->name, "i386") == 0;
			b->x32 |= strcmp(abis[a]->name, "x32") == 0;
		}
	}

	r = scmp_plan_new(b->f, b->arch, /* dword_eq_64= */ false, &b->plan, &b->inexact,
			  &b->inexact_args);
	if (r == 0)
		r = scmp_plan_compile(b->plan, memfd, &b->prog[SC], &b->refused, b->refused_msg,
				      sizeof(b->refused_msg));
	if (r == 0) {
		struct scmp_plan *alt = NULL;
		size_t inexact, refused = 0;
		unsigned inexact_args;

		r = scmp_plan_new(b->f, b->arch, /* dword_eq_64= */ true, &alt, &inexact,
				  &inexact_args);
		if (r == 0 && inexact > b->inexact) {
			r = scmp_plan_compile(alt, memfd, &b->alt, &refused, NULL, 0);
			b->has_alt = r == 0 && !refused;
		}
		scmp_plan_free(alt);
	}
	if (r < 0) {
		_broken("%s: libseccomp cannot build the filter: %s", label, strerror(-r));
		return r;
	}
	r = _rule_inputs(b);
	if (r == 0)
		r = _intervals(b, &b->intervals);
	if (r < 0)
		_broken("out of memory");
	b->lower_bound = PROLOGUE + 1 + _ceil_log2(b->intervals);
	return r;
fail:
	sjail_error_format(&err, line, sizeof(line));
	_broken("%s: %s", label, line[0] ? line : strerror(-r));
	return r;
}

static int _dump(const struct fbench *b, size_t nb, const char *name)
{
	for (size_t i = 0; i < nb; i++) {
		if (strcmp(b[i].name, name) != 0)
			continue;
		for (int s = 0; s < NSIDES; s++) {
			char *text = NULL;
			int r = bpf_dump(b[i].prog[s].insns, b[i].prog[s].len, b[i].arch, &text);

			if (r < 0)
				return r;
			printf("\n%s, %s: %zu instructions\n%s", b[i].label, side_name[s],
			       b[i].prog[s].len, text);
			free(text);
		}
		return 0;
	}
	fprintf(stderr, "sjail-bench: no filter '%s' (vmm, api, vcpu, container, oci)\n", name);
	return -ENOENT;
}

static void _usage(FILE *fp)
{
	fprintf(fp,
		"usage: sjail-bench [--quick] [--no-kernel] [--shared DIR] [--sjail PATH]\n"
		"  --quick       few timing runs, no kernel micro-benchmark (the smoke test)\n"
		"  --no-kernel   skip the kernel micro-benchmark\n"
		"  --shared DIR  the shared/ folder (profiles, workloads); default %s\n"
		"  --sjail PATH  the sjail binary to time; default %s\n"
		"  --dump NAME   disassemble sjail's and libseccomp's programs for filter NAME\n"
		"                (vmm, api, vcpu, container, oci) and exit\n",
		SHARED_DIR, SJAIL_BIN);
}

static int _options(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
	    {"quick", no_argument, NULL, 'q'},
	    {"no-kernel", no_argument, NULL, 'K'},
	    {"shared", required_argument, NULL, 's'},
	    {"sjail", required_argument, NULL, 'b'},
	    {"dump", required_argument, NULL, 'd'},
	    {"help", no_argument, NULL, 'h'},
	    {0},
	};
	int c;

	*o = (struct options){.kernel = true, .shared = SHARED_DIR, .sjail_bin = SJAIL_BIN};
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'q':
			o->quick = true;
			o->kernel = false;
			break;
		case 'K':
			o->kernel = false;
			break;
		case 's':
			o->shared = optarg;
			break;
		case 'b':
			o->sjail_bin = optarg;
			break;
		case 'd':
			o->dump = optarg;
			break;
		case 'h':
			_usage(stdout);
			exit(0);
		default:
			_usage(stderr);
			return -EINVAL;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "sjail-bench: unexpected argument '%s'\n", argv[optind]);
		return -EINVAL;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct options o;
	struct workload w[MAX_WORKLOADS] = {{{0}}};
	struct fbench b[5] = {{0}};
	struct sjail_profile *fc = NULL, *docker = NULL, *oci = NULL;
	char fc_path[4096], docker_path[4096], oci_path[4096], date[32];
	struct scmp_plan *fc_plans[ELEMENTSOF(fc_filters)];
	size_t fc_idx[ELEMENTSOF(fc_filters)], nw = 0, nb = 0, met = 0;
	struct timing fc_load = {0}, fc_compile = {0}, fc_scmp = {0}, docker_load = {0};
	struct timing oci_load = {0};
	double proc_us[5] = {0}, proc_min_us[5] = {0}, proc_cpu_us[5] = {0};
	struct utsname uts;
	time_t now = time(NULL);
	int memfd, r, status = 0;

	if (_options(argc, argv, &o) < 0)
		return 2;
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(fc_path, sizeof(fc_path), "%s/profiles/firecracker/x86_64-unknown-linux-musl.json",
		 o.shared);
	snprintf(docker_path, sizeof(docker_path), "%s/profiles/docker/default.x86_64.sjail.json",
		 o.shared);
	snprintf(oci_path, sizeof(oci_path), "%s/profiles/docker/default.json", o.shared);
	memfd = memfd_create("sjail-bench", MFD_CLOEXEC);
	if (memfd < 0) {
		_broken("memfd_create: %s", strerror(errno));
		return 1;
	}

	uname(&uts);
	strftime(date, sizeof(date), "%Y-%m-%d", gmtime(&now));
	printf("sjail-bench: sjail %s (lib/codegen.c as built), libseccomp %s, %s %s %s, "
	       "%ld CPUs, %s%s\n",
	       SJAIL_VERSION, scmp_version(), uts.sysname, uts.release, uts.machine,
	       sysconf(_SC_NPROCESSORS_ONLN), date, o.quick ? ", --quick" : "");
	printf("Programs for x86_64. Executed = instructions the interpreter runs for one "
	       "input (bpf_run).\n"
	       "Numbers 0-460 and workloads have arguments 0; per argument rule = one input "
	       "that satisfies each rule.\n"
	       "libseccomp: seccomp_init(mismatch), CTL_OPTIMIZE=2, ACT_BADARCH=kill_process, "
	       "one seccomp_rule_add_array per rule.\n"
	       "docker oci: default.json as Docker and runc read it, for Docker's default "
	       "capabilities and kernel 6.1;\n"
	       "  x86_64, i386 and x32 in one program; libseccomp adds the two arches and, as "
	       "runc, leaves out names it does not know.\n");

	r = _workloads_load(o.shared, sjail_arch_by_name("x86_64"), w);
	if (r < 0) {
		if (!broken)
			_broken("reading the workloads: %s", strerror(-r));
		goto out;
	}
	nw = (size_t)r;
	if (nw == 0)
		_broken("%s/workloads: no .tsv traces", o.shared);
	if (_load(fc_path, &fc) < 0 || _load(docker_path, &docker) < 0 || _load(oci_path, &oci) < 0)
		goto out;

	for (size_t i = 0; i < ELEMENTSOF(fc_filters); i++) {
		static const char *const labels[] = {"firecracker vmm", "firecracker api",
						     "firecracker vcpu"};

		if (_setup(&b[nb++], fc, fc_filters[i], labels[i], memfd) < 0)
			goto out;
	}
	if (_setup(&b[nb++], docker, "container", "docker container", memfd) < 0)
		goto out;
	if (_setup(&b[nb++], oci, "oci", "docker oci", memfd) < 0)
		goto out;

	if (o.dump) {
		if (_dump(b, nb, o.dump) < 0)
			status = 2;
		goto out;
	}
	for (size_t i = 0; i < nb; i++) {
		_agreement(&b[i]);
		_figures(&b[i], w, nw);
		r = _time_sjail_compile(b[i].profile, &b[i].index, 1, _runs(&o, 501),
					&b[i].fig[SJ].compile);
		if (r == 0)
			r = _time_scmp(&b[i].plan, 1, memfd, _runs(&o, 201), &b[i].fig[SC].compile);
		if (r < 0) {
			_broken("%s: timing the compilers: %s", b[i].label, strerror(-r));
			goto out;
		}
	}
	for (size_t i = 0; i < ELEMENTSOF(fc_filters); i++) {
		fc_idx[i] = b[i].index;
		fc_plans[i] = b[i].plan;
	}
	r = _time_sjail_load(fc_path, fc_filters, ELEMENTSOF(fc_filters), _runs(&o, 301), &fc_load);
	if (r == 0)
		r = _time_sjail_compile(fc, fc_idx, ELEMENTSOF(fc_idx), _runs(&o, 301),
					&fc_compile);
	if (r == 0)
		r = _time_scmp(fc_plans, ELEMENTSOF(fc_plans), memfd, _runs(&o, 201), &fc_scmp);
	if (r == 0)
		r = _time_sjail_load(docker_path, docker_filters, 1, _runs(&o, 301), &docker_load);
	if (r == 0)
		r = _time_sjail_load(oci_path, oci_filters, 1, _runs(&o, 301), &oci_load);
	if (r < 0) {
		_broken("timing the compilers: %s", strerror(-r));
		goto out;
	}
	{
		char *argvs[][9] = {
		    {(char *)o.sjail_bin, "--version", NULL},
		    {(char *)o.sjail_bin, "compile", "-p", fc_path, "-t", "vmm", "-o", "-", NULL},
		    {(char *)o.sjail_bin, "check", "-p", fc_path, NULL},
		    {(char *)o.sjail_bin, "check", "-p", docker_path, NULL},
		    {(char *)o.sjail_bin, "check", "-p", oci_path, "--caps", DOCKER_CAPS, NULL},
		};

		for (size_t i = 0; i < ELEMENTSOF(argvs) && r == 0; i++)
			r = timing_spawn_median(argvs[i], o.quick ? 3 : 21, &proc_us[i],
						&proc_min_us[i], &proc_cpu_us[i]);
		if (r < 0) {
			_broken("running %s: %s", o.sjail_bin, strerror(-r));
			goto out;
		}
	}
	if (o.kernel)
		for (size_t i = 0; i < nb && !broken; i++)
			_micro(&b[i], memfd);

	for (size_t i = 0; i < nb; i++)
		_print_filter(&b[i], w, nw);
	for (size_t i = 0; i < nw; i++)
		if (w[i].nunknown)
			printf("note: workload %s: %zu names unknown on x86_64, left out: %s\n",
			       w[i].name, w[i].nunknown, w[i].unknown);

	printf("\ncompile time (median; in-process: %zu runs, processes: %d runs)\n",
	       _runs(&o, 301), o.quick ? 3 : 21);
	printf("  %-60s %9.1f µs   (fastest %.0f)\n",
	       "firecracker file: sjail load + parse + compile 3 filters", fc_load.median,
	       fc_load.fastest);
	printf("  %-60s %9.1f µs   (fastest %.0f)\n", "firecracker file: sjail compile 3 filters",
	       fc_compile.median, fc_compile.fastest);
	printf("  %-60s %9.1f µs   (fastest %.0f)\n",
	       "firecracker file: libseccomp build + export 3 filters", fc_scmp.median,
	       fc_scmp.fastest);
	printf("  %-60s %9.2f\n", "firecracker file: compile, sjail / libseccomp",
	       _ratio(fc_compile.median, fc_scmp.median));
	printf("  %-60s %9.1f µs   (fastest %.0f)\n", "docker file: sjail load + parse + compile",
	       docker_load.median, docker_load.fastest);
	printf("  %-60s %9.1f µs   (fastest %.0f)\n",
	       "docker OCI file: sjail load + resolve + compile 3 ABIs", oci_load.median,
	       oci_load.fastest);
	{
		static const char *const what[] = {
		    "process: sjail --version (start-up alone)",
		    "process: sjail compile -p firecracker -t vmm -o -",
		    "process: sjail check -p firecracker (3 filters)",
		    "process: sjail check -p docker",
		    "process: sjail check -p docker OCI --caps (3 ABIs)"};

		for (size_t i = 0; i < ELEMENTSOF(what); i++)
			printf("  %-60s %9.1f µs   (fastest %.0f, CPU %.0f)\n", what[i], proc_us[i],
			       proc_min_us[i], proc_cpu_us[i]);
	}

	if (o.kernel) {
		printf("\nreal kernel: ns per call (median of %d rounds x %lu calls, each in a "
		       "fresh child)\n",
		       MICRO_ROUNDS, MICRO_ITERATIONS);
		printf("  %-9s %-30s %7s %7s %7s %7s %7s %7s %6s\n", "filter",
		       "call [sjail/libseccomp]", "none", "allow", "sjail", "libscmp", "sj-allow",
		       "ls-allow", "sj/ls");
		for (size_t i = 0; i < nb; i++) {
			if (!b[i].micro_done) {
				printf("  %-9s skipped: %s\n", b[i].name, b[i].micro_note);
				continue;
			}
			for (int c = 0; c < NCALLS; c++) {
				const double *ns = b[i].micro_ns[c];
				char desc[160], ins[NSIDES][24];

				for (int sd = 0; sd < NSIDES; sd++)
					snprintf(ins[sd], sizeof(ins[sd]),
						 b[i].call_cached[c][sd] ? "cached" : "%zu",
						 b[i].call_executed[c][sd]);
				snprintf(desc, sizeof(desc), "%s [%s/%s]", b[i].call_desc[c],
					 ins[SJ], ins[SC]);
				printf("  %-9s %-30s %7.1f %7.1f %7.1f %7.1f %+8.1f %+8.1f %6.2f\n",
				       c == 0 ? b[i].name : "", desc, ns[CFG_NONE], ns[CFG_ALLOW],
				       ns[CFG_SJ], ns[CFG_SC], ns[CFG_SJ] - ns[CFG_ALLOW],
				       ns[CFG_SC] - ns[CFG_ALLOW], _ratio(ns[CFG_SJ], ns[CFG_SC]));
			}
			if (b[i].micro_note[0])
				printf("  %-9s (filter %s)\n", "", b[i].micro_note);
		}
		printf("  none: no filter; allow: a 1-instruction \"ret allow\" program (seccomp's "
		       "fixed "
		       "cost);\n  sjail, libscmp: the filter's programs; [a/b]: instructions each "
		       "runs for the call, \"cached\" when the kernel skips it\n");
	}

	/* Issue 4's targets are for its four filters; the OCI one is shown, not judged. */
	for (size_t i = 0; i < nb; i++)
		if (b[i].profile->format != SJAIL_FORMAT_OCI)
			_filter_targets(&b[i], w, nw);
	{
		char fig[48];

		snprintf(fig, sizeof(fig), "%.0f µs", fc_load.median);
		_target(fc_load.median < TARGET_COMPILE_US, fig,
			"firecracker file: load + parse + compile 3 filters < 1 ms");
	}
	printf("\ntargets (issue 4)%s\n", o.quick ? " -- --quick: timings from few runs" : "");
	for (size_t i = 0; i < ntargets; i++) {
		printf("  %-64s %-18s %s\n", targets[i].what, targets[i].figure,
		       targets[i].met ? "MET" : "NOT MET");
		met += targets[i].met;
	}
	printf("  %zu of %zu targets met\n", met, ntargets);

out:
	for (size_t i = 0; i < nb; i++) {
		sjail_program_free(b[i].sj);
		scmp_plan_free(b[i].plan);
		free(b[i].prog[SC].insns);
		free(b[i].alt.insns);
		free(b[i].inputs);
		free(b[i].rule_nr);
	}
	for (size_t i = 0; i < MAX_WORKLOADS; i++) {
		free(w[i].nrs);
		free(w[i].counts);
	}
	sjail_profile_free(fc);
	sjail_profile_free(docker);
	sjail_profile_free(oci);
	close(memfd);
	if (broken) {
		fprintf(stderr, "bench: something is broken (see above): exit 1\n");
		return 1;
	}
	return status;
}

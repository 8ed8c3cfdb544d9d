/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.c - a filter's rules, resolved on the ABIs a program covers,
 * lowered to sorted syscall-number ranges with one verdict each.
 *
 * A program has a section per arch value (x86_64 and x32 share one, i386
 * has its own). Each section's ranges cover all 2^32 numbers, so the code
 * generator needs no default case: numbers the profile does not name get
 * the mismatch action; numbers of an ABI the program does not cover (x32's
 * under an x86_64 program, x86_64's under an x32 one) get kill_process.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

struct _named {
	uint32_t nr;
	size_t rule; /* index into filter->rules */
};

static int _named_cmp(const void *a, const void *b)
{
	const struct _named *x = a, *y = b;

	if (x->nr != y->nr)
		return x->nr < y->nr ? -1 : 1;
	/* Keep profile order within one syscall: first match decides. */
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

/* The error for a rule whose name no covered ABI knows. */
static void _unknown(const struct sjail_profile *profile, const struct sjail_filter *filter,
		     size_t i, const struct sjail_arch *arch, struct sjail_error *err)
{
	const struct sjail_rule *rule = &filter->rules[i];
	const struct sjail_arch *other;
	const char *near;
	char path[512];

	error_rule_path(path, sizeof(path), filter, i, ".syscall");
	other = arch_find_other(arch, rule->syscall);
	near = other ? NULL : arch_suggest(arch, rule->syscall);
	if (other)
		error_set(err, profile->file, rule->syscall_loc, path,
			  "syscall '%s' does not exist on %s (it exists on %s)", rule->syscall,
			  arch->name, other->name);
	else if (near)
		error_set(err, profile->file, rule->syscall_loc, path,
			  "unknown syscall '%s' for %s (did you mean '%s'?)", rule->syscall,
			  arch->name, near);
	else
		error_set(err, profile->file, rule->syscall_loc, path,
			  "unknown syscall '%s' for %s", rule->syscall, arch->name);
}

/*
 * The verdict of one syscall from its rules group[0..n) (profile order).
 * Sets *ret_constant and *ret_action when it does not depend on the
 * arguments; otherwise fills *v (its rules array is new).
 */
static int _verdict(const struct sjail_filter *filter, const struct _named *group, size_t n,
		    bool *ret_constant, uint32_t *ret_action, struct sjail_arg_verdict *v)
{
	uint32_t fallback = filter->mismatch_action;
	size_t keep = n;

	/* An unconditional rule always matches: the rules after it never decide. */
	for (size_t i = 0; i < n; i++) {
		const struct sjail_rule *r = &filter->rules[group[i].rule];

		if (r->nconds == 0) {
			fallback = r->action;
			keep = i;
			break;
		}
	}
	/* Trailing rules that would give the fallback anyway change nothing. */
	while (keep > 0 && filter->rules[group[keep - 1].rule].action == fallback)
		keep--;

	if (keep == 0) {
		*ret_constant = true;
		*ret_action = fallback;
		return 0;
	}

	v->rules = calloc(keep, sizeof(*v->rules));
	if (!v->rules)
		return -ENOMEM;
	for (size_t i = 0; i < keep; i++)
		v->rules[i] = &filter->rules[group[i].rule];
	v->nr = group[0].nr;
	v->nrules = keep;
	v->fallback = fallback;
	*ret_constant = false;
	return 0;
}

static void _push(struct sjail_range *out, size_t *n, uint32_t lo, uint32_t hi, uint32_t action,
		  const struct sjail_arg_verdict *args)
{
	struct sjail_range *last = *n ? &out[*n - 1] : NULL;

	if (last && !args && !last->args && last->action == action && last->hi + 1 == lo) {
		last->hi = hi;
		return;
	}
	out[(*n)++] = (struct sjail_range){.lo = lo, .hi = hi, .action = action, .args = args};
}

/* A run of numbers that belong to one ABI (or to none: kill). */
struct _space {
	uint32_t lo, hi;
	bool kill;    /* no ABI the program covers: kill_process */
	bool named;   /* the filter names a number in it */
	uint32_t top; /* the highest number named in it */
};

/*
 * The spaces of a section, in order, covering 0..UINT32_MAX - 1 (-1 is
 * not a syscall: it always gets the mismatch action, as in libseccomp).
 * abis[0..nabis) are the covered ABIs of the section's arch value.
 *
 * NOTE: one arch value may number two ABIs: x86_64 below its foreign bit
 * (__X32_SYSCALL_BIT), x32 from the bit up to 2^31 - 1. The kernel takes
 * either from any process, so a space whose ABI the program does not
 * cover is killed, or a filter for one would be bypassed through the
 * other: x32 numbers under an x86_64 program, x86_64 numbers under an x32
 * program. From 2^31 up no ABI has numbers.
 */
static size_t _spaces(const struct sjail_arch *const *abis, size_t nabis, struct _space out[3])
{
	const struct sjail_arch *low = NULL; /* the ABI numbered below a foreign bit */
	bool covers_low = false, covers_high = false;
	uint32_t bit;

	for (size_t i = 0; sjail_arches[i]; i++)
		if (sjail_arches[i]->audit_arch == abis[0]->audit_arch &&
		    sjail_arches[i]->foreign_nr_bit)
			low = sjail_arches[i];
	if (!low) {
		out[0] = (struct _space){.lo = 0, .hi = UINT32_MAX - 1};
		return 1;
	}
	for (size_t a = 0; a < nabis; a++) {
		covers_low |= abis[a] == low;
		covers_high |= abis[a] != low;
	}
	bit = low->foreign_nr_bit;
	out[0] = (struct _space){.lo = 0, .hi = bit - 1, .kill = !covers_low};
	out[1] = (struct _space){.lo = bit, .hi = 0x7fffffffu, .kill = !covers_high};
	out[2] = (struct _space){.lo = 0x80000000u, .hi = UINT32_MAX - 1, .kill = true};
	return 3;
}

/* The action for numbers no rule names in space s. */
static uint32_t _gap(const struct sjail_filter *filter, const struct _space *s, uint32_t nr,
		     const struct sjail_compile_options *opts)
{
	if (s->kill)
		return SECCOMP_RET_KILL_PROCESS;
	if (opts && opts->enosys_new && s->named && nr > s->top)
		return SECCOMP_RET_ERRNO | 38; /* ENOSYS */
	return filter->mismatch_action;
}

/* Fills gaps [lo, hi] of the section, space by space. */
static void _fill(const struct sjail_filter *filter, const struct _space *spaces, size_t nspaces,
		  uint32_t lo, uint32_t hi, const struct sjail_compile_options *opts,
		  struct sjail_range *out, size_t *n)
{
	for (size_t s = 0; s < nspaces && lo <= hi; s++) {
		const struct _space *sp = &spaces[s];
		uint32_t a = lo > sp->lo ? lo : sp->lo, b = hi < sp->hi ? hi : sp->hi;

		/* A gap holds no named number: it lies wholly below or above the top. */
		if (a <= b)
			_push(out, n, a, b, _gap(filter, sp, a, opts), NULL);
	}
}

void rules_free(struct sjail_ranges *ranges)
{
	if (!ranges)
		return;
	for (size_t s = 0; s < ranges->nsections; s++) {
		struct sjail_section *sec = &ranges->sections[s];

		for (size_t i = 0; i < sec->nargs; i++)
			free(sec->args[i].rules);
		free(sec->args);
		free(sec->ranges);
	}
	free(ranges->warnings);
	memset(ranges, 0, sizeof(*ranges));
}

/*
 * One section: the covered ABIs abis[0..nabis) share one arch value.
 * named holds (nr, rule) pairs resolved on those ABIs.
 */
static int _section(const struct sjail_filter *filter, const struct sjail_arch *const *abis,
		    size_t nabis, struct _named *named, size_t nnamed,
		    const struct sjail_compile_options *opts, struct sjail_section *sec,
		    size_t *ret_nsyscalls)
{
	struct _space spaces[3];
	size_t nspaces = _spaces(abis, nabis, spaces), n = 0;
	uint32_t cursor = 0;

	sec->arch = abis[0];
	qsort(named, nnamed, sizeof(*named), _named_cmp);
	for (size_t i = 0; i < nnamed; i++)
		for (size_t s = 0; s < nspaces; s++)
			if (named[i].nr >= spaces[s].lo && named[i].nr <= spaces[s].hi) {
				spaces[s].named = true;
				spaces[s].top = named[i].nr;
			}

	/* At most: a gap before each syscall, the syscall, and 6 more around the spaces. */
	sec->ranges = calloc(2 * nnamed + 8, sizeof(*sec->ranges));
	sec->args = calloc(nnamed ? nnamed : 1, sizeof(*sec->args));
	if (!sec->ranges || !sec->args)
		return -ENOMEM;

	for (size_t i = 0; i < nnamed;) {
		size_t j = i;
		bool constant;
		uint32_t action = 0;
		struct sjail_arg_verdict *v = &sec->args[sec->nargs];
		int r;

		while (j < nnamed && named[j].nr == named[i].nr)
			j++;
		r = _verdict(filter, &named[i], j - i, &constant, &action, v);
		if (r < 0)
			return r;
		if (named[i].nr > cursor)
			_fill(filter, spaces, nspaces, cursor, named[i].nr - 1, opts, sec->ranges,
			      &n);
		if (constant) {
			_push(sec->ranges, &n, named[i].nr, named[i].nr, action, NULL);
		} else {
			_push(sec->ranges, &n, named[i].nr, named[i].nr, 0, v);
			sec->nargs++;
		}
		cursor = named[i].nr + 1;
		(*ret_nsyscalls)++;
		i = j;
	}
	/*
	 * NOTE: numbers of an ABI the program does not cover are killed
	 * whatever the profile says, or an allow-by-default filter would be
	 * bypassed through it (x32). -1 is what a tracer or a filter sets to
	 * skip a syscall; it is no syscall, so the mismatch action applies.
	 */
	_fill(filter, spaces, nspaces, cursor, UINT32_MAX - 1, opts, sec->ranges, &n);
	_push(sec->ranges, &n, UINT32_MAX, UINT32_MAX, filter->mismatch_action, NULL);
	sec->nranges = n;
	return 0;
}

static int _warn(struct sjail_ranges *out, const struct sjail_profile *profile,
		 const struct sjail_filter *filter, size_t i, const struct sjail_arch *const *abis,
		 size_t nabis)
{
	const struct sjail_rule *rule = &filter->rules[i];
	struct sjail_error *w;
	char path[512], names[128] = "";

	w = realloc(out->warnings, (out->nwarnings + 1) * sizeof(*w));
	if (!w)
		return -ENOMEM;
	out->warnings = w;
	for (size_t a = 0; a < nabis; a++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
			 a == 0		  ? ""
			 : a + 1 == nabis ? " or "
					  : ", ",
			 abis[a]->name);
	error_rule_path(path, sizeof(path), filter, i, ".names");
	error_set(&w[out->nwarnings++], profile->file, rule->syscall_loc, path,
		  "unknown syscall '%s' on %s: left out", rule->syscall, names);
	return 0;
}

int rules_normalize(const struct sjail_profile *profile, const struct sjail_filter *filter,
		    const struct sjail_arch *target, const struct sjail_compile_options *opts,
		    struct sjail_ranges *ret, struct sjail_error *err)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	struct sjail_ranges out = {.arch = target};
	struct _named *named = NULL;
	size_t nabis, cap = (filter->nrules ? filter->nrules : 1) * SJAIL_MAX_ABIS;
	bool *known = NULL;
	int r;

	nabis = arch_select(filter, target, abis);
	named = calloc(cap, sizeof(*named));
	known = calloc(filter->nrules ? filter->nrules : 1, sizeof(*known));
	if (!named || !known) {
		r = -ENOMEM;
		goto out;
	}

	/* A name no covered ABI knows is an error, or a warning for lenient (OCI) rules. */
	for (size_t i = 0; i < filter->nrules; i++) {
		uint32_t nr;

		for (size_t a = 0; a < nabis; a++)
			if (sjail_arch_syscall_nr(abis[a], filter->rules[i].syscall, &nr) == 0)
				known[i] = true;
		if (known[i])
			continue;
		if (!filter->rules[i].lenient || (opts && opts->strict)) {
			_unknown(profile, filter, i, target, err);
			r = -EINVAL;
			goto out;
		}
		r = _warn(&out, profile, filter, i, abis, nabis);
		if (r < 0)
			goto out;
	}

	/* Sections in order of first appearance of their arch value; the target's first. */
	for (size_t a = 0; a < nabis; a++) {
		const struct sjail_arch *shared[SJAIL_MAX_ABIS];
		size_t nshared = 0, nnamed = 0;
		bool seen = false;

		for (size_t s = 0; s < out.nsections; s++)
			if (out.sections[s].arch->audit_arch == abis[a]->audit_arch)
				seen = true;
		if (seen)
			continue;
		for (size_t b = 0; b < nabis; b++) {
			if (abis[b]->audit_arch != abis[a]->audit_arch)
				continue;
			shared[nshared++] = abis[b];
			for (size_t i = 0; i < filter->nrules; i++) {
				uint32_t nr;

				if (sjail_arch_syscall_nr(abis[b], filter->rules[i].syscall, &nr) <
				    0)
					continue;
				named[nnamed++] = (struct _named){.nr = nr, .rule = i};
			}
		}
		r = _section(filter, shared, nshared, named, nnamed, opts,
			     &out.sections[out.nsections++], &out.nsyscalls);
		if (r < 0)
			goto out;
	}

	*ret = out;
	memset(&out, 0, sizeof(out));
	r = 0;
out:
	rules_free(&out);
	free(named);
	free(known);
	return r;
}

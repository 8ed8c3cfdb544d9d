/* SPDX-License-Identifier: Apache-2.0 */
/*
 * rules.c - a filter's rules, resolved on one arch, lowered to sorted
 * syscall-number ranges with one verdict each.
 *
 * The ranges cover all 2^32 numbers, so the code generator needs no default
 * case: numbers the profile does not name get the mismatch action, and the
 * numbers of a foreign ABI sharing the arch value (x32) get kill_process.
 */
#include <errno.h>
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

static int _resolve(const struct sjail_profile *profile, const struct sjail_filter *filter,
		    size_t i, const struct sjail_arch *arch, uint32_t *ret_nr,
		    struct sjail_error *err)
{
	const struct sjail_rule *rule = &filter->rules[i];
	const struct sjail_arch *other;
	const char *near;
	char path[512];

	if (sjail_arch_syscall_nr(arch, rule->syscall, ret_nr) == 0)
		return 0;

	error_rule_path(path, sizeof(path), filter, i, ".syscall");
	other = arch_find_other(arch, rule->syscall);
	if (other) {
		error_set(err, profile->file, rule->syscall_loc, path,
			  "syscall '%s' does not exist on %s (it exists on %s)", rule->syscall,
			  arch->name, other->name);
		return -EINVAL;
	}
	near = arch_suggest(arch, rule->syscall);
	if (near)
		error_set(err, profile->file, rule->syscall_loc, path,
			  "unknown syscall '%s' for %s (did you mean '%s'?)", rule->syscall,
			  arch->name, near);
	else
		error_set(err, profile->file, rule->syscall_loc, path,
			  "unknown syscall '%s' for %s", rule->syscall, arch->name);
	return -EINVAL;
}

/*
 * The verdict of one syscall from its rules group[0..n) (profile order).
 * Returns true and *ret_action when it does not depend on the arguments;
 * otherwise fills *v (its rules array is new).
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

void rules_free(struct sjail_ranges *ranges)
{
	if (!ranges)
		return;
	for (size_t i = 0; i < ranges->nargs; i++)
		free(ranges->args[i].rules);
	free(ranges->args);
	free(ranges->ranges);
	memset(ranges, 0, sizeof(*ranges));
}

int rules_normalize(const struct sjail_profile *profile, const struct sjail_filter *filter,
		    const struct sjail_arch *arch, struct sjail_ranges *ret,
		    struct sjail_error *err)
{
	struct sjail_ranges out = {.arch = arch};
	struct _named *named = NULL;
	uint32_t cursor = 0, top;
	size_t n = 0;
	int r;

	named = calloc(filter->nrules ? filter->nrules : 1, sizeof(*named));
	if (!named)
		return -ENOMEM;
	for (size_t i = 0; i < filter->nrules; i++) {
		r = _resolve(profile, filter, i, arch, &named[i].nr, err);
		if (r < 0)
			goto out;
		named[i].rule = i;
	}
	qsort(named, filter->nrules, sizeof(*named), _named_cmp);

	/* At most: one range before each syscall, the syscall, and 3 at the top. */
	out.ranges = calloc(2 * filter->nrules + 4, sizeof(*out.ranges));
	out.args = calloc(filter->nrules ? filter->nrules : 1, sizeof(*out.args));
	if (!out.ranges || !out.args) {
		r = -ENOMEM;
		goto out;
	}

	for (size_t i = 0; i < filter->nrules;) {
		size_t j = i;
		bool constant;
		uint32_t action = 0;
		struct sjail_arg_verdict *v = &out.args[out.nargs];

		while (j < filter->nrules && named[j].nr == named[i].nr)
			j++;
		r = _verdict(filter, &named[i], j - i, &constant, &action, v);
		if (r < 0)
			goto out;
		if (named[i].nr > cursor)
			_push(out.ranges, &n, cursor, named[i].nr - 1, filter->mismatch_action,
			      NULL);
		if (constant) {
			_push(out.ranges, &n, named[i].nr, named[i].nr, action, NULL);
		} else {
			_push(out.ranges, &n, named[i].nr, named[i].nr, 0, v);
			out.nargs++;
		}
		cursor = named[i].nr + 1;
		out.nsyscalls++;
		i = j;
	}

	/*
	 * NOTE: -1 is what a tracer or a seccomp filter sets to skip a
	 * syscall; it is no syscall, so the mismatch action applies (as in
	 * libseccomp). Everything else from the foreign ABI's bit up is killed
	 * whatever the profile says, or an allow-by-default filter would be
	 * bypassed through the x32 ABI.
	 */
	top = arch->foreign_nr_bit ? arch->foreign_nr_bit : UINT32_MAX;
	if (cursor < top)
		_push(out.ranges, &n, cursor, top - 1, filter->mismatch_action, NULL);
	if (arch->foreign_nr_bit)
		_push(out.ranges, &n, arch->foreign_nr_bit, UINT32_MAX - 1,
		      SECCOMP_RET_KILL_PROCESS, NULL);
	_push(out.ranges, &n, UINT32_MAX, UINT32_MAX, filter->mismatch_action, NULL);
	out.nranges = n;

	*ret = out;
	memset(&out, 0, sizeof(out));
	r = 0;
out:
	rules_free(&out);
	free(named);
	return r;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lint.c - what `sjail check` warns about in a filter that compiles: rules
 * that never decide, conditions that can never (or always) hold, and
 * filters that block what every process needs or allow what nobody named.
 *
 * It reads the IR only and decides nothing itself: eval.c says what a call
 * gets, this file says where a profile probably does not mean what it says.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

/* The syscalls an allowlist must let through, and why. */
static const struct {
	const char *name;
	const char *why;
} _essential[] = {
    {"execve", "sjail itself calls it to start the command"},
    {"exit_group", "every process calls it to exit"},
    {"exit", "every thread calls it to end"},
    {"rt_sigreturn", "every signal handler returns through it"},
};

struct _lints {
	const struct sjail_profile *profile;
	const struct sjail_filter *filter;
	struct sjail_lint *items;
	size_t n, cap, dropped;
};

__attribute__((format(printf, 5, 6))) static int _add(struct _lints *l, enum sjail_lint_level level,
						      struct sjail_loc loc, const char *path,
						      const char *fmt, ...)
{
	struct sjail_lint *it;
	char msg[sizeof(it->where.msg)];
	va_list ap;

	if (l->n == SJAIL_MAX_LINTS) {
		l->dropped++;
		return 0;
	}
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct sjail_lint *p = realloc(l->items, cap * sizeof(*p));

		if (!p)
			return -ENOMEM;
		l->items = p;
		l->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	it = &l->items[l->n++];
	it->level = level;
	sjail_error_clear(&it->where);
	error_set(&it->where, l->profile->file, loc, path, "%s", msg);
	return 0;
}

/* One condition on its own: never holds, always holds, or neither. */
static int _lint_cond(struct _lints *l, size_t ri, size_t ci)
{
	const struct sjail_cond *c = &l->filter->rules[ri].conds[ci];
	uint64_t max = c->width == 32 ? UINT32_MAX : UINT64_MAX;
	const char *type = c->width == 32 ? "dword" : "qword";
	const char *op = op_name(c->op);
	char path[512], v[32], m[32];
	bool never = false, always = false;

	error_rule_path(path, sizeof(path), l->filter, ri, "");
	snprintf(path + strlen(path), sizeof(path) - strlen(path), ".args[%zu]", ci);
	num_format(c->val, v, sizeof(v));

	switch (c->op) {
	case SJAIL_OP_EQ:
		never = c->val > max;
		break;
	case SJAIL_OP_NE:
		always = c->val > max;
		break;
	case SJAIL_OP_LT:
		never = c->val == 0;
		always = c->val > max;
		break;
	case SJAIL_OP_LE:
		always = c->val >= max;
		break;
	case SJAIL_OP_GT:
		never = c->val >= max;
		break;
	case SJAIL_OP_GE:
		never = c->val > max;
		always = c->val == 0;
		break;
	case SJAIL_OP_MASKED_EQ:
		if ((c->mask & max) == 0)
			return _add(l, SJAIL_LINT_NOTE, c->loc, path,
				    "%s masked_eq with mask 0 always holds: the condition changes "
				    "nothing",
				    type);
		if (c->val & ~c->mask) {
			snprintf(m, sizeof(m), "0x%" PRIx64, c->mask);
			return _add(l, SJAIL_LINT_WARNING, c->loc, path,
				    "val %s has bits outside mask %s: sjail compares with val & "
				    "mask (0x%" PRIx64
				    "), but seccompiler compares with val itself, "
				    "and there this condition never holds",
				    v, m, c->val & c->mask);
		}
		return 0;
	}
	if (never)
		return _add(l, SJAIL_LINT_WARNING, c->loc, path,
			    "%s '%s %s' never holds (%s): the rule never matches", type, op, v,
			    c->op == SJAIL_OP_LT ? "arguments are unsigned"
			    : c->width == 32	 ? "a dword is at most 0xffffffff"
						 : "a qword is at most 0xffffffffffffffff");
	if (always)
		return _add(l, SJAIL_LINT_NOTE, c->loc, path,
			    "%s '%s %s' always holds: the condition changes nothing", type, op, v);
	return 0;
}

/* Whether a condition can never hold on its own (then _lint_cond said so). */
static bool _never(const struct sjail_cond *c)
{
	uint64_t max = c->width == 32 ? UINT32_MAX : UINT64_MAX;

	switch (c->op) {
	case SJAIL_OP_EQ:
	case SJAIL_OP_GE:
		return c->val > max;
	case SJAIL_OP_LT:
		return c->val == 0;
	case SJAIL_OP_GT:
		return c->val >= max;
	case SJAIL_OP_NE:
	case SJAIL_OP_LE:
	case SJAIL_OP_MASKED_EQ:
		return false;
	}
	return false;
}

/*
 * Conditions of one rule that contradict each other ("eq 1" and "eq 2" on
 * one argument): the values each allows are intersected per argument and
 * width. ne and masked_eq are left out, except ne against a single value.
 */
static int _lint_contradiction(struct _lints *l, size_t ri)
{
	const struct sjail_rule *r = &l->filter->rules[ri];
	char path[512];

	for (size_t ci = 0; ci < r->nconds; ci++)
		if (_never(&r->conds[ci]))
			return 0; /* said already, and more precisely */

	for (unsigned index = 0; index < 6; index++) {
		for (unsigned width = 32; width <= 64; width += 32) {
			uint64_t lo = 0, hi = width == 32 ? UINT32_MAX : UINT64_MAX;
			bool seen = false;

			for (size_t ci = 0; ci < r->nconds; ci++) {
				const struct sjail_cond *c = &r->conds[ci];

				if (c->index != index || c->width != width)
					continue;
				seen = true;
				switch (c->op) {
				case SJAIL_OP_EQ:
					lo = lo > c->val ? lo : c->val;
					hi = hi < c->val ? hi : c->val;
					break;
				case SJAIL_OP_LT: /* val > 0: _never() */
					hi = hi < c->val - 1 ? hi : c->val - 1;
					break;
				case SJAIL_OP_LE:
					hi = hi < c->val ? hi : c->val;
					break;
				case SJAIL_OP_GT: /* val < max: _never() */
					lo = lo > c->val + 1 ? lo : c->val + 1;
					break;
				case SJAIL_OP_GE:
					lo = lo > c->val ? lo : c->val;
					break;
				case SJAIL_OP_NE:
				case SJAIL_OP_MASKED_EQ:
					break;
				}
			}
			if (!seen)
				continue;
			for (size_t ci = 0; ci < r->nconds && lo == hi; ci++) {
				const struct sjail_cond *c = &r->conds[ci];

				if (c->index == index && c->width == width &&
				    c->op == SJAIL_OP_NE && c->val == lo)
					lo = hi + 1; /* empty; lo == hi < max, no wrap */
			}
			if (lo > hi) {
				error_rule_path(path, sizeof(path), l->filter, ri, "");
				return _add(
				    l, SJAIL_LINT_WARNING, r->loc, path,
				    "the conditions on args[%u] (%s) contradict each other: "
				    "the rule never matches",
				    index, width == 32 ? "dword" : "qword");
			}
		}
	}
	return 0;
}

/* A rule with its syscall number and its conditions in a canonical order. */
struct _entry {
	uint32_t nr;
	size_t rule;
	size_t nconds;
	struct sjail_cond *conds; /* sorted copy; masked_eq val & mask, mask 0 otherwise */
};

static int _cond_cmp(const struct sjail_cond *a, const struct sjail_cond *b)
{
	if (a->index != b->index)
		return a->index < b->index ? -1 : 1;
	if (a->width != b->width)
		return a->width < b->width ? -1 : 1;
	if (a->op != b->op)
		return a->op < b->op ? -1 : 1;
	if (a->val != b->val)
		return a->val < b->val ? -1 : 1;
	if (a->mask != b->mask)
		return a->mask < b->mask ? -1 : 1;
	return 0;
}

static int _cond_qsort(const void *a, const void *b)
{
	return _cond_cmp(a, b);
}

/* Same syscall, same conditions: 0. */
static int _same(const struct _entry *a, const struct _entry *b)
{
	if (a->nr != b->nr)
		return a->nr < b->nr ? -1 : 1;
	if (a->nconds != b->nconds)
		return a->nconds < b->nconds ? -1 : 1;
	for (size_t i = 0; i < a->nconds; i++) {
		int c = _cond_cmp(&a->conds[i], &b->conds[i]);

		if (c)
			return c;
	}
	return 0;
}

static int _entry_qsort(const void *a, const void *b)
{
	const struct _entry *x = a, *y = b;
	int c = _same(x, y);

	if (c)
		return c;
	return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static const char *_action(uint32_t action, char *buf, size_t len)
{
	return sjail_action_describe(action, buf, len);
}

static bool _allows(uint32_t action)
{
	action &= SECCOMP_RET_ACTION_FULL;
	return action == SECCOMP_RET_ALLOW || action == SECCOMP_RET_LOG;
}

/*
 * Rules that never decide: those with conditions beside a rule of the same
 * syscall without any, and copies of an earlier rule. entries are sorted by
 * (nr, conditions, rule index).
 */
static int _lint_rules(struct _lints *l, const struct _entry *e, size_t n)
{
	const struct sjail_filter *f = l->filter;
	char path[512], other[512];
	int r;

	for (size_t i = 0; i < n; i++) {
		const struct sjail_rule *rule = &f->rules[e[i].rule];
		const struct _entry *uncond = NULL;

		/* Entries without conditions sort first among a syscall's. */
		for (size_t j = i; j-- > 0 && e[j].nr == e[i].nr;)
			if (e[j].nconds == 0)
				uncond = &e[j];
		if (e[i].nconds == 0 && uncond)
			uncond = NULL; /* a duplicate, below */
		if (uncond && uncond->rule > e[i].rule &&
		    f->rules[uncond->rule].action != rule->action)
			uncond = NULL; /* this rule decides first, differently */

		error_rule_path(path, sizeof(path), f, e[i].rule, "");
		if (uncond) {
			error_rule_path(other, sizeof(other), f, uncond->rule, "");
			r = _add(l, SJAIL_LINT_WARNING, rule->loc, path,
				 "'%s' is also matched whatever its arguments by %s (line %u): "
				 "the conditions of this rule change nothing",
				 rule->syscall, other, f->rules[uncond->rule].loc.line);
		} else if (i > 0 && _same(&e[i - 1], &e[i]) == 0) {
			size_t first = i - 1;

			while (first > 0 && _same(&e[first - 1], &e[i]) == 0)
				first--;
			error_rule_path(other, sizeof(other), f, e[first].rule, "");
			r = _add(l, SJAIL_LINT_WARNING, rule->loc, path,
				 "duplicate of %s (line %u): same syscall '%s', same conditions",
				 other, f->rules[e[first].rule].loc.line, rule->syscall);
		} else {
			r = 0;
		}
		if (r < 0)
			return r;
	}
	return 0;
}

/* An allowlist that blocks what every process needs; a denylist. */
static int _lint_filter(struct _lints *l, const struct sjail_arch *arch, const struct _entry *e,
			size_t n)
{
	const struct sjail_filter *f = l->filter;
	char act[64];
	int r;

	if (_allows(f->mismatch_action))
		return _add(l, SJAIL_LINT_WARNING, f->loc, f->name,
			    "the filter is a denylist (mismatch action %s): every syscall it does "
			    "not name is allowed, including those new kernels add",
			    _action(f->mismatch_action, act, sizeof(act)));

	for (size_t k = 0; k < ELEMENTSOF(_essential); k++) {
		const struct sjail_rule *uncond = NULL;
		bool sometimes = false;
		uint32_t nr, verdict;

		if (sjail_arch_syscall_nr(arch, _essential[k].name, &nr) < 0)
			continue;
		for (size_t i = 0; i < n; i++) {
			const struct sjail_rule *rule = &f->rules[e[i].rule];

			if (e[i].nr != nr)
				continue;
			if (e[i].nconds == 0 && (!uncond || rule < uncond))
				uncond = rule;
			else if (e[i].nconds > 0 && _allows(rule->action))
				sometimes = true;
		}
		verdict = uncond ? uncond->action : f->mismatch_action;
		if (_allows(verdict))
			continue;
		if (sometimes && !uncond)
			r = _add(l, SJAIL_LINT_WARNING, f->loc, f->name,
				 "the filter allows '%s' only when its arguments match, but %s",
				 _essential[k].name, _essential[k].why);
		else
			r = _add(l, SJAIL_LINT_WARNING, f->loc, f->name,
				 "the filter blocks '%s' (%s), but %s", _essential[k].name,
				 _action(verdict, act, sizeof(act)), _essential[k].why);
		if (r < 0)
			return r;
	}
	return 0;
}

/* Where a lint is, and when it was found: file order, stable. */
struct _key {
	unsigned line, col;
	size_t seq;
};

static int _key_qsort(const void *a, const void *b)
{
	const struct _key *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Sorts l->items into file order, keeping the order of lints at one place. */
static int _sort(struct _lints *l)
{
	struct sjail_lint *sorted;
	struct _key *keys;

	if (l->n < 2)
		return 0;
	keys = calloc(l->n, sizeof(*keys));
	sorted = calloc(l->cap, sizeof(*sorted));
	if (!keys || !sorted) {
		free(keys);
		free(sorted);
		return -ENOMEM;
	}
	for (size_t i = 0; i < l->n; i++)
		keys[i] = (struct _key){l->items[i].where.line, l->items[i].where.col, i};
	qsort(keys, l->n, sizeof(*keys), _key_qsort);
	for (size_t i = 0; i < l->n; i++)
		sorted[i] = l->items[keys[i].seq];
	free(keys);
	free(l->items);
	l->items = sorted;
	return 0;
}

int sjail_lint(const struct sjail_profile *profile, size_t filter_index,
	       const struct sjail_arch *arch, struct sjail_lint **ret_lints, size_t *ret_count)
{
	struct _lints l = {.profile = profile};
	struct _entry *e = NULL;
	size_t n = 0;
	int r = -ENOMEM;

	if (filter_index >= profile->nfilters)
		return -EINVAL;
	l.filter = &profile->filters[filter_index];

	e = calloc(l.filter->nrules ? l.filter->nrules : 1, sizeof(*e));
	if (!e)
		goto out;
	for (size_t i = 0; i < l.filter->nrules; i++) {
		const struct sjail_rule *rule = &l.filter->rules[i];
		struct _entry *x = &e[n];

		/* A name unknown on arch is the compiler's error, not a lint. */
		if (sjail_arch_syscall_nr(arch, rule->syscall, &x->nr) < 0)
			continue;
		x->rule = i;
		x->nconds = rule->nconds;
		if (rule->nconds) {
			x->conds = malloc(rule->nconds * sizeof(*x->conds));
			if (!x->conds)
				goto out;
			memcpy(x->conds, rule->conds, rule->nconds * sizeof(*x->conds));
			for (size_t j = 0; j < rule->nconds; j++) {
				struct sjail_cond *c = &x->conds[j];

				c->loc = (struct sjail_loc){0};
				if (c->op == SJAIL_OP_MASKED_EQ)
					c->val &= c->mask;
				else
					c->mask = 0;
			}
			qsort(x->conds, x->nconds, sizeof(*x->conds), _cond_qsort);
		}
		n++;
	}
	qsort(e, n, sizeof(*e), _entry_qsort);

	r = _lint_filter(&l, arch, e, n);
	if (r < 0)
		goto out;
	r = _lint_rules(&l, e, n);
	if (r < 0)
		goto out;
	for (size_t i = 0; i < l.filter->nrules; i++) {
		for (size_t j = 0; j < l.filter->rules[i].nconds; j++) {
			r = _lint_cond(&l, i, j);
			if (r < 0)
				goto out;
		}
		r = _lint_contradiction(&l, i);
		if (r < 0)
			goto out;
	}
	r = _sort(&l);
	if (r < 0)
		goto out;
	if (l.dropped) {
		size_t dropped = l.dropped;

		l.dropped = 0;
		l.n--; /* make room: the last one gives way to the count */
		r = _add(&l, SJAIL_LINT_NOTE, l.filter->loc, l.filter->name,
			 "%zu more warnings and notes not shown", dropped + 1);
		if (r < 0)
			goto out;
	}

	*ret_lints = l.items;
	*ret_count = l.n;
	l.items = NULL;
	r = 0;
out:
	for (size_t i = 0; i < n; i++)
		free(e[i].conds);
	free(e);
	free(l.items);
	return r;
}

void sjail_lints_free(struct sjail_lint *lints)
{
	free(lints);
}

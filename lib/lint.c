/* SPDX-License-Identifier: Apache-2.0 */
/*
 * lint.c - what `sjail check` warns about in a filter that compiles: rules
 * that never decide, conditions that can never (or always) hold, conditions
 * that the ignored high half of a 32-bit argument steers, and filters that
 * block what every process needs or allow what nobody named.
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

/*
 * The syscalls an allowlist must let through, and why; why_old where the
 * ABI also has the old sigreturn (i386, arm). There a handler installed
 * without SA_SIGINFO gets the old frame, which only sigreturn unwinds.
 */
static const struct {
	const char *name;
	const char *why, *why_old;
} _essential[] = {
    {"execve", "sjail itself calls it to start the command", NULL},
    {"exit_group", "every process calls it to exit", NULL},
    {"exit", "every thread calls it to end", NULL},
    {"rt_sigreturn", "every signal handler returns through it",
     "signal handlers installed with SA_SIGINFO return through it"},
    {"sigreturn", NULL, "signal handlers installed without SA_SIGINFO return through it"},
};

struct _lints {
	const struct sjail_profile *profile;
	const struct sjail_filter *filter;
	struct sjail_lint *items;
	size_t n, cap, dropped;
	size_t work, unchecked; /* the high-half check's budget (_lint_high_half()) */
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
		bool old = sjail_arch_syscall_nr(arch, "sigreturn", NULL) == 0;
		const char *why =
		    old && _essential[k].why_old ? _essential[k].why_old : _essential[k].why;

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
				 _essential[k].name, why);
		else
			r = _add(l, SJAIL_LINT_WARNING, f->loc, f->name,
				 "the filter blocks '%s' (%s), but %s", _essential[k].name,
				 _action(verdict, act, sizeof(act)), why);
		if (r < 0)
			return r;
	}
	return 0;
}

/* ---- conditions the high half of a narrow argument can steer ----------- */

/*
 * How permissive a verdict is, to tell which way a condition errs:
 * allow > log > user_notif, trace > errno > trap > kill_thread > kill_process.
 */
static int _permissive(uint32_t action)
{
	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ALLOW:
		return 6;
	case SECCOMP_RET_LOG:
		return 5;
	case SECCOMP_RET_USER_NOTIF:
	case SECCOMP_RET_TRACE:
		return 4;
	case SECCOMP_RET_ERRNO:
		return 3;
	case SECCOMP_RET_TRAP:
		return 2;
	case SECCOMP_RET_KILL_THREAD:
		return 1;
	default:
		return 0; /* kill_process */
	}
}

/*
 * Rules the check below may try on one filter, a fraction of a second's
 * work: a profile of thousands of qword rules of one syscall stays quick to
 * check, and a note says how many conditions were left unchecked.
 */
#define _HIGH_HALF_BUDGET (1u << 24)

static int _size_qsort(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* The rules of one syscall, in file order, as a filter of their own for eval_decide(). */
struct _one_syscall {
	const struct sjail_arch *arch;
	uint32_t nr;
	const struct sjail_syscall_args *decl;
	struct sjail_filter filter; /* its rules are shallow copies */
	size_t *index;		    /* index[k]: the index in l->filter of filter.rules[k] */
};

/* What one call gets: the verdict, and the rule that decided (NULL: none). */
struct _try {
	uint32_t verdict;
	const struct sjail_rule *rule;
};

/* Decides the call data with args[index] = arg by the reference evaluator. */
static int _decide(struct _lints *l, const struct _one_syscall *s, const struct seccomp_data *data,
		   unsigned index, uint64_t arg, struct _try *ret)
{
	struct seccomp_data d = *data;
	int64_t v;

	d.args[index] = arg;
	v = eval_decide(&s->filter, s->arch, &d, &ret->rule);
	if (v < 0)
		return (int)v;
	/* The rules it tried: up to the one that decided, or all of them. */
	l->work += ret->rule ? (size_t)(ret->rule - s->filter.rules) + 1 : s->filter.nrules;
	ret->verdict = (uint32_t)v;
	return 0;
}

/* Appends x to v[0..*n) unless it is there or v is full (max). */
static void _push(uint32_t *v, size_t *n, size_t max, uint32_t x)
{
	for (size_t i = 0; i < *n; i++)
		if (v[i] == x)
			return;
	if (*n < max)
		v[(*n)++] = x;
}

/* The value a condition compares with: val, or val & mask for masked_eq. */
static uint64_t _operand(const struct sjail_cond *c)
{
	return c->op == SJAIL_OP_MASKED_EQ ? c->val & c->mask : c->val;
}

/*
 * A value of argument j for which every condition of rule on j holds,
 * chosen among the values those conditions name and their neighbours.
 * False when none is found (the rule may never hold; other lints say so).
 */
static bool _satisfy(const struct sjail_rule *rule, unsigned j, uint64_t *ret)
{
	uint64_t cand[1 + 4 * 16];
	size_t n = 0;

	cand[n++] = 0;
	for (size_t ci = 0; ci < rule->nconds && n + 4 <= ELEMENTSOF(cand); ci++) {
		const struct sjail_cond *c = &rule->conds[ci];

		if (c->index != j)
			continue;
		cand[n++] = _operand(c);
		cand[n++] = c->val + 1;
		cand[n++] = c->val - 1;
		cand[n++] = c->val;
	}
	for (size_t k = 0; k < n; k++) {
		bool all = true;

		for (size_t ci = 0; ci < rule->nconds && all; ci++)
			if (rule->conds[ci].index == j)
				all = eval_cond_holds(&rule->conds[ci], cand[k]);
		if (all) {
			*ret = cand[k];
			return true;
		}
	}
	return false;
}

/* The name in a declaration: "family" of "int family". */
static const char *_decl_name(const char *decl)
{
	const char *p = decl + strlen(decl);

	while (p > decl && p[-1] != ' ' && p[-1] != '*')
		p--;
	return p;
}

/*
 * "socket(0x100000028, \u2026)": the call with argument index shown as
 * value and the others left out.
 */
static const char *_call(char *buf, size_t len, const struct _one_syscall *s, unsigned index,
			 const char *value)
{
	size_t nargs = 0, used;

	while (nargs < 6 && s->decl->args[nargs].decl)
		nargs++;
	used = (size_t)snprintf(buf, len, "%s(", s->decl->name);
	for (unsigned k = 0; k < index && used < len; k++)
		used += (size_t)snprintf(buf + used, len - used, "\u2026, ");
	if (used < len)
		used += (size_t)snprintf(buf + used, len - used, "%s%s)", value,
					 index + 1 < nargs ? ", \u2026" : "");
	return buf;
}

/* A call's argument as the caller wrote it: "40", "-100" (a sign-extended int), "0x100000028". */
static const char *_value(char *buf, size_t len, const struct sjail_arg_decl *a, uint64_t v)
{
	if (a->is_signed && (v >> 31) == 0x1ffffffffull)
		snprintf(buf, len, "%" PRId32, (int32_t)(uint32_t)v);
	else if (v >> 32)
		snprintf(buf, len, "0x%" PRIx64, v);
	else
		num_format(v, buf, len);
	return buf;
}

/* What to write instead of condition c, in the profile's format. */
static const char *_fix(char *buf, size_t len, const struct _lints *l, const struct sjail_cond *c,
			const struct sjail_arg_decl *a)
{
	if (l->profile->format != SJAIL_FORMAT_OCI)
		snprintf(buf, len, "use \"type\": \"dword\" to compare the low half alone");
	else if (c->op == SJAIL_OP_EQ)
		snprintf(buf, len,
			 "compare the low half alone: \"op\": \"SCMP_CMP_MASKED_EQ\", \"value\": "
			 "4294967295 (the mask), \"valueTwo\": %" PRIu64,
			 c->val & UINT32_MAX);
	else if (c->op == SJAIL_OP_MASKED_EQ)
		snprintf(buf, len, "leave the high half out of the mask: \"value\": %" PRIu64,
			 c->mask & UINT32_MAX);
	else
		snprintf(buf, len,
			 "only SCMP_CMP_MASKED_EQ can leave the high half out: one condition per "
			 "%s this rule is for, \"value\": 4294967295 (the mask), \"valueTwo\": "
			 "the %s",
			 _decl_name(a->decl), _decl_name(a->decl));
	return buf;
}

/*
 * One qword condition, ci of rule k of syscall s, on a narrow argument:
 * whether two calls that differ only in the argument's high half, and so
 * are the same call to the kernel, get different verdicts because of it.
 * Candidate low halves come first from the condition's own value, so that
 * the witness is the value the rule is about.
 */
static int _lint_high_half_cond(struct _lints *l, const struct _one_syscall *s, size_t k, size_t ci)
{
	const struct sjail_rule *rule = &s->filter.rules[k];
	const struct sjail_cond *c = &rule->conds[ci];
	const struct sjail_arg_decl *a = &s->decl->args[c->index];
	uint64_t v = _operand(c);
	/* The author wrote a negative int sign-extended (0xffffffffffffff9c): they mean that form.
	 */
	bool sext = a->is_signed && (v >> 31) == 0x1ffffffffull;
	struct seccomp_data data = {.nr = (int)s->nr, .arch = s->arch->audit_arch};
	uint32_t lows[24], highs[24];
	size_t nlows = 0, nhighs = 0;
	char path[512], act1[64], act2[64], v1[32], v2[32], call1[128], call2[128], fix[256];
	const char *type = l->profile->format == SJAIL_FORMAT_OCI ? "OCI conditions compare"
								  : "this qword condition compares";
	struct _try want, got;
	int r;

	for (unsigned j = 0; j < 6; j++) {
		uint64_t arg = 0;

		if (j != c->index && !_satisfy(rule, j, &arg))
			return 0;
		data.args[j] = arg;
	}

	for (size_t pass = 0; pass < 2; pass++)
		for (size_t cj = 0; cj < rule->nconds; cj++) {
			const struct sjail_cond *o = &rule->conds[cj];
			uint64_t ov = _operand(o);

			/* This condition's values first, then the others' on the argument. */
			if (o->index != c->index || (pass == 0) != (cj == ci))
				continue;
			_push(lows, &nlows, ELEMENTSOF(lows), (uint32_t)ov);
			_push(lows, &nlows, ELEMENTSOF(lows), (uint32_t)ov + 1);
			_push(lows, &nlows, ELEMENTSOF(lows), (uint32_t)ov - 1);
			_push(highs, &nhighs, ELEMENTSOF(highs), (uint32_t)(ov >> 32));
			_push(highs, &nhighs, ELEMENTSOF(highs), (uint32_t)(ov >> 32) + 1);
			_push(highs, &nhighs, ELEMENTSOF(highs), (uint32_t)(ov >> 32) - 1);
			if (o->op == SJAIL_OP_MASKED_EQ)
				_push(highs, &nhighs, ELEMENTSOF(highs),
				      (uint32_t)((ov ^ o->mask) >> 32));
		}
	for (size_t i = 0; i < 6; i++) {
		static const uint32_t edges[] = {0,	     1,		 0x7fffffff,
						 0x80000000, 0xfffffffe, 0xffffffff};

		_push(lows, &nlows, ELEMENTSOF(lows), edges[i]);
		_push(highs, &nhighs, ELEMENTSOF(highs), edges[i]);
	}

	error_rule_path(path, sizeof(path), l->filter, s->index[k], "");
	snprintf(path + strlen(path), sizeof(path) - strlen(path), ".args[%zu]", ci);

	/*
	 * Bypass: for some low half, the call as the author wrote it gets the
	 * stricter verdict, and the same call with another high half gets a
	 * more permissive one, through this condition.
	 */
	for (size_t i = 0; i < nlows; i++) {
		uint64_t ref = lows[i];
		bool decided = false;

		if (sext && (lows[i] & 0x80000000u))
			ref |= 0xffffffff00000000ull;
		for (size_t t = 0; t <= nhighs; t++) {
			/* First the high half a C library gives a negative int. */
			uint32_t high = t == 0 ? 0xffffffffu : highs[t - 1];
			uint64_t x = (uint64_t)high << 32 | lows[i];

			if (x == ref || (t == 0 && !(a->is_signed && (lows[i] & 0x80000000u))))
				continue;
			/* Only a pair this condition tells apart can be its doing. */
			if (eval_cond_holds(c, x) == eval_cond_holds(c, ref))
				continue;
			if (l->work >= _HIGH_HALF_BUDGET) {
				l->unchecked++;
				return 0;
			}
			r = decided ? 0 : _decide(l, s, &data, c->index, ref, &want);
			if (r == 0)
				r = _decide(l, s, &data, c->index, x, &got);
			if (r < 0)
				return r;
			decided = true;
			if (_permissive(got.verdict) <= _permissive(want.verdict) ||
			    (got.rule != rule && want.rule != rule))
				continue;
			_call(call1, sizeof(call1), s, c->index, _value(v1, sizeof(v1), a, x));
			_call(call2, sizeof(call2), s, c->index, _value(v2, sizeof(v2), a, ref));
			return _add(
			    l, SJAIL_LINT_WARNING, c->loc, path,
			    "the kernel reads args[%u] of '%s' as '%s', ignoring its high "
			    "half, but %s all 64 bits: %s gets %s%s, while %s, the same call "
			    "to the kernel, gets %s%s; %s",
			    c->index, rule->syscall, a->decl, type, call1,
			    _action(got.verdict, act1, sizeof(act1)),
			    got.rule == rule ? " from this rule" : "", call2,
			    _action(want.verdict, act2, sizeof(act2)),
			    want.rule == rule ? " from this rule" : "",
			    _fix(fix, sizeof(fix), l, c, a));
		}
	}

	/*
	 * The other way, stricter than meant, is flagged only where real
	 * callers go: a C library passes a negative int sign-extended, so a
	 * rule written with its 32-bit pattern (0xffffff9c for -100) misses
	 * them.
	 */
	if (!a->is_signed || sext)
		return 0;
	for (size_t i = 0; i < nlows; i++) {
		uint64_t x = 0xffffffff00000000ull | lows[i];

		if (!(lows[i] & 0x80000000u) ||
		    eval_cond_holds(c, x) == eval_cond_holds(c, lows[i]))
			continue;
		if (l->work >= _HIGH_HALF_BUDGET) {
			l->unchecked++;
			return 0;
		}
		r = _decide(l, s, &data, c->index, lows[i], &want);
		if (r == 0)
			r = _decide(l, s, &data, c->index, x, &got);
		if (r < 0)
			return r;
		if (_permissive(got.verdict) >= _permissive(want.verdict) ||
		    (got.rule != rule && want.rule != rule))
			continue;
		_call(call1, sizeof(call1), s, c->index, _value(v1, sizeof(v1), a, x));
		snprintf(v1, sizeof(v1), "0x%" PRIx64, x);
		_call(call2, sizeof(call2), s, c->index, num_format(lows[i], v2, sizeof(v2)));
		return _add(l, SJAIL_LINT_NOTE, c->loc, path,
			    "the kernel reads args[%u] of '%s' as '%s', and a C library passes a "
			    "negative int sign-extended, but %s all 64 bits: %s, which arrives as "
			    "%s, gets %s%s, while %s, the same call to the kernel, gets %s%s; %s",
			    c->index, rule->syscall, a->decl, type, call1, v1,
			    _action(got.verdict, act1, sizeof(act1)),
			    got.rule == rule ? " from this rule" : "", call2,
			    _action(want.verdict, act2, sizeof(act2)),
			    want.rule == rule ? " from this rule" : "",
			    _fix(fix, sizeof(fix), l, c, a));
	}
	return 0;
}

/*
 * Rules of one syscall (entries e[0..n), all of one number) whose qword
 * conditions read a narrow argument, each condition on its own.
 */
static int _lint_high_half_syscall(struct _lints *l, const struct sjail_arch *arch,
				   const struct sjail_syscall_args *decl, const struct _entry *e,
				   size_t n)
{
	struct _one_syscall s = {.arch = arch, .nr = e[0].nr, .decl = decl};
	struct sjail_rule *rules = calloc(n, sizeof(*rules));
	int r = 0;

	s.index = calloc(n, sizeof(*s.index));
	if (!rules || !s.index) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t k = 0; k < n; k++)
		s.index[k] = e[k].rule;
	qsort(s.index, n, sizeof(*s.index), _size_qsort);
	for (size_t k = 0; k < n; k++)
		rules[k] = l->filter->rules[s.index[k]];
	s.filter = *l->filter;
	s.filter.rules = rules;
	s.filter.nrules = n;

	for (size_t k = 0; k < n && r >= 0; k++)
		for (size_t ci = 0; ci < rules[k].nconds && r >= 0; ci++) {
			const struct sjail_cond *c = &rules[k].conds[ci];

			if (c->width != 64 || c->index >= 6 || !decl->args[c->index].narrow)
				continue;
			if (l->work >= _HIGH_HALF_BUDGET)
				l->unchecked++;
			else
				r = _lint_high_half_cond(l, &s, k, ci);
		}
out:
	free(rules);
	free(s.index);
	return r;
}

/*
 * qword conditions on arguments the kernel reads as 32 bits: where a
 * caller's high half changes the verdict, the caller picks it.
 */
static int _lint_high_half(struct _lints *l, const struct sjail_arch *arch, const struct _entry *e,
			   size_t n)
{
	const struct sjail_filter *f = l->filter;
	int r;

	for (size_t i = 0, j; i < n; i = j) {
		const struct sjail_syscall_args *decl =
		    arch_syscall_args(arch, f->rules[e[i].rule].syscall);
		bool any = false;

		for (j = i; j < n && e[j].nr == e[i].nr; j++)
			for (size_t ci = 0; decl && ci < e[j].nconds; ci++)
				any |= e[j].conds[ci].width == 64 && e[j].conds[ci].index < 6 &&
				       decl->args[e[j].conds[ci].index].narrow;
		if (!any)
			continue;
		r = _lint_high_half_syscall(l, arch, decl, e + i, j - i);
		if (r < 0)
			return r;
	}
	if (l->unchecked)
		return _add(l, SJAIL_LINT_NOTE, f->loc, f->name,
			    "%zu qword conditions on 32-bit arguments were not checked for "
			    "what their high half lets through: the filter has too many for one "
			    "check",
			    l->unchecked);
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
	r = _lint_high_half(&l, arch, e, n);
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

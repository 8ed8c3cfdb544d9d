/* SPDX-License-Identifier: Apache-2.0 */
/*
 * codegen.c - syscall ranges -> classic BPF.
 *
 * The program is emitted backwards, from its last instruction to its first
 * (as kafel and minijail do): every jump goes forward, so when a jump is
 * emitted its targets are already placed and its distances are known. A
 * target more than 255 instructions away is reached through a JA
 * trampoline placed right after the jump.
 *
 * Layout:
 *   ld [arch]; jeq #AUDIT_ARCH, next, kill_process
 *   ld [nr]; a search tree over the ranges; each leaf is a shared
 *   "ret #action" or the argument block of one syscall.
 *
 * The search tree is the cheapest one (fewest instructions executed, by
 * weight) among trees of JGE splits and JEQ tests, found by dynamic
 * programming over the sorted ranges. Without a trace every syscall number
 * of the table weighs the same; a trace makes the calls it saw cheaper.
 *
 * Argument blocks load each 32-bit half at most once per path (a jump whose
 * target starts by loading the word the accumulator already holds lands
 * after that load), and a run of rules that each start with an "eq" on the
 * same dword becomes a binary search over the values, not a chain.
 *
 * NOTE: the syscall-number part only loads arch and nr and uses JEQ/JGE/JA
 * and RET #k, so the kernel's constant-action cache (Linux >= 5.11) can
 * emulate it: a syscall allowed whatever its arguments then skips the
 * filter entirely.
 */
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

/* Refuse to build anything this much longer than the kernel's limit. */
#define CODEGEN_HARD_CAP (16 * SJAIL_MAX_INSNS)

/* Labels count instructions from the end: the last one has label 1. */
typedef size_t label_t;

struct _ret {
	uint32_t action;
	label_t at;
};

struct _gen {
	struct sock_filter *rev; /* instructions in emission (reverse) order */
	size_t n, cap;
	bool overflow; /* over CODEGEN_HARD_CAP or out of memory */
	int error;
	struct _ret *rets; /* return instructions emitted so far */
	size_t nrets, caprets;
	bool big_endian;
};

static label_t _emit(struct _gen *g, uint16_t code, uint8_t jt, uint8_t jf, uint32_t k)
{
	if (g->overflow)
		return g->n;
	if (g->n == g->cap) {
		size_t cap = g->cap ? 2 * g->cap : 256;
		struct sock_filter *p;

		if (cap > CODEGEN_HARD_CAP) {
			g->overflow = true;
			g->error = -E2BIG;
			return g->n;
		}
		p = realloc(g->rev, cap * sizeof(*p));
		if (!p) {
			g->overflow = true;
			g->error = -ENOMEM;
			return g->n;
		}
		g->rev = p;
		g->cap = cap;
	}
	g->rev[g->n++] = (struct sock_filter)BPF_JUMP(code, k, jt, jf);
	return g->n;
}

/* Distance from the next instruction to be emitted to label t. */
static size_t _dist(const struct _gen *g, label_t t)
{
	return g->n - t;
}

static label_t _ja(struct _gen *g, label_t t)
{
	if (t == g->n)
		return t; /* falls through */
	return _emit(g, BPF_JMP | BPF_JA, 0, 0, (uint32_t)_dist(g, t));
}

/* No word of seccomp_data is known to be in the accumulator. */
#define A_UNKNOWN UINT32_MAX

/*
 * NOTE: when the accumulator already holds word a_word and the target
 * starts by loading that same word, jump past the load: this is how a
 * chain of tests on one argument loads it once.
 */
static label_t _skip_load(const struct _gen *g, label_t t, uint32_t a_word)
{
	const struct sock_filter *f;

	if (a_word == A_UNKNOWN || t < 2 || t > g->n)
		return t;
	f = &g->rev[t - 1];
	if (f->code == (BPF_LD | BPF_W | BPF_ABS) && f->k == a_word)
		return t - 1;
	return t;
}

/*
 * A conditional jump to jt/jf, with trampolines where they are too far.
 * a_word is what the accumulator holds here (A_UNKNOWN if not a word).
 */
static label_t _jump(struct _gen *g, uint16_t code, uint32_t k, label_t jt, label_t jf,
		     uint32_t a_word)
{
	label_t orig = jt;

	if (jt == jf)
		return jt; /* the test decides nothing */
	jt = _skip_load(g, jt, a_word);
	jf = _skip_load(g, jf, a_word);
	/*
	 * Both lead to one place once past the load: the test decides
	 * nothing, but the caller may not hold the word, so go via the load.
	 */
	if (jt == jf)
		return orig;
	for (;;) {
		if (_dist(g, jf) > 255)
			jf = _ja(g, jf);
		else if (_dist(g, jt) > 255)
			jt = _ja(g, jt);
		else
			break;
		if (g->overflow)
			return g->n;
	}
	return _emit(g, BPF_JMP | code | BPF_K, (uint8_t)_dist(g, jt), (uint8_t)_dist(g, jf), k);
}

/*
 * ld [off] in front of the code at t, which was emitted since the count
 * was n_before. When nothing was emitted (t is a leaf that needs no A),
 * there is nothing to load for: t itself. When t is not the instruction
 * right after, a JA gets there.
 */
static label_t _load_before(struct _gen *g, uint32_t off, label_t t, size_t n_before)
{
	if (g->n == n_before)
		return t;
	_ja(g, t);
	return _emit(g, BPF_LD | BPF_W | BPF_ABS, 0, 0, off);
}

/*
 * A shared "ret #action". Reused while a conditional jump can still reach
 * it directly; a new one costs the same space as a trampoline and saves
 * the trampoline's run time.
 */
static label_t _ret(struct _gen *g, uint32_t action)
{
	struct _ret *r;

	for (size_t i = 0; i < g->nrets; i++)
		if (g->rets[i].action == action && _dist(g, g->rets[i].at) <= 200)
			return g->rets[i].at;
	for (size_t i = 0; i < g->nrets; i++)
		if (g->rets[i].action == action) {
			r = &g->rets[i];
			goto emit;
		}
	if (g->nrets == g->caprets) {
		size_t cap = g->caprets ? 2 * g->caprets : 16;
		struct _ret *p = realloc(g->rets, cap * sizeof(*p));

		if (!p) {
			g->overflow = true;
			g->error = -ENOMEM;
			return g->n;
		}
		g->rets = p;
		g->caprets = cap;
	}
	r = &g->rets[g->nrets++];
	r->action = action;
emit:
	r->at = _emit(g, BPF_RET | BPF_K, 0, 0, action);
	return r->at;
}

static uint32_t _arg_off(const struct _gen *g, unsigned index, bool high)
{
	uint32_t off = (uint32_t)offsetof(struct seccomp_data, args) + 8 * index;

	/* The kernel's u64 args: the low word comes first on little endian. */
	return off + ((high != g->big_endian) ? 4 : 0);
}

/*
 * ld [half]; (and #mask); j<code> #k, jt, jf. mask 0xffffffff means no
 * "and". Returns the label of the load (or of jt when the test is moot).
 */
static label_t _half(struct _gen *g, uint32_t off, uint32_t mask, uint16_t code, uint32_t k,
		     label_t jt, label_t jf)
{
	size_t n_before = g->n;
	label_t l;

	if (jt == jf)
		return jt; /* nothing to test */
	l = _jump(g, code, k, jt, jf, mask == UINT32_MAX ? off : A_UNKNOWN);
	if (g->n == n_before)
		return l; /* the targets became one: nothing to test */
	if (mask != UINT32_MAX)
		_emit(g, BPF_ALU | BPF_AND | BPF_K, 0, 0, mask);
	return _emit(g, BPF_LD | BPF_W | BPF_ABS, 0, 0, off);
}

/* One condition: control goes to t when it holds, else to f. */
static label_t _cond(struct _gen *g, const struct sjail_cond *c, label_t t, label_t f)
{
	uint32_t lo_off = _arg_off(g, c->index, false), hi_off = _arg_off(g, c->index, true);
	uint32_t vlo = (uint32_t)c->val, vhi = (uint32_t)(c->val >> 32);
	uint32_t mlo = (uint32_t)c->mask, mhi = (uint32_t)(c->mask >> 32);
	bool wide = c->width == 64;
	label_t l;

	switch (c->op) {
	case SJAIL_OP_NE:
		/* ne is eq with its exits swapped. */
		return _cond(
		    g,
		    &(struct sjail_cond){
			.index = c->index, .width = c->width, .op = SJAIL_OP_EQ, .val = c->val},
		    f, t);
	case SJAIL_OP_LT:
		return _cond(
		    g,
		    &(struct sjail_cond){
			.index = c->index, .width = c->width, .op = SJAIL_OP_GE, .val = c->val},
		    f, t);
	case SJAIL_OP_LE:
		return _cond(
		    g,
		    &(struct sjail_cond){
			.index = c->index, .width = c->width, .op = SJAIL_OP_GT, .val = c->val},
		    f, t);
	case SJAIL_OP_EQ:
		l = _half(g, lo_off, UINT32_MAX, BPF_JEQ, vlo, t, f);
		if (!wide)
			return l;
		return _half(g, hi_off, UINT32_MAX, BPF_JEQ, vhi, l, f);
	case SJAIL_OP_MASKED_EQ:
		l = mlo ? _half(g, lo_off, mlo, BPF_JEQ, vlo & mlo, t, f) : t;
		if (!wide || mhi == 0)
			return l;
		return _half(g, hi_off, mhi, BPF_JEQ, vhi & mhi, l, f);
	case SJAIL_OP_GT:
	case SJAIL_OP_GE:
		/*
		 * NOTE: BPF compares 32 bits, unsigned. A 64-bit a > v is
		 * hi(a) > hi(v) || (hi(a) == hi(v) && lo(a) > lo(v)): the low
		 * halves are compared only when the high halves are equal
		 * (the bug class of GHSA-4q85-33p6-j5g6 is getting this wrong).
		 */
		l = _half(g, lo_off, UINT32_MAX, c->op == SJAIL_OP_GT ? BPF_JGT : BPF_JGE, vlo, t,
			  f);
		if (!wide)
			return l;
		l = _jump(g, BPF_JEQ, vhi, l, f, hi_off);
		return _half(g, hi_off, UINT32_MAX, BPF_JGT, vhi, t, l);
	}
	g->overflow = true; /* an op this generator does not know */
	g->error = -EINVAL;
	return g->n;
}

/* Conditions from..nconds of rule r: control goes to t when all hold, else to f. */
static label_t _rule(struct _gen *g, const struct sjail_rule *r, size_t from, label_t t, label_t f)
{
	for (size_t j = r->nconds; j-- > from;)
		t = _cond(g, &r->conds[j], t, f);
	return t;
}

/* Whether r can join a value search led by first: same action, eq on the same argument. */
static bool _searchable(const struct sjail_rule *r, const struct sjail_rule *first)
{
	const struct sjail_cond *c = r->nconds ? &r->conds[0] : NULL;

	return c && c->op == SJAIL_OP_EQ && r->action == first->action &&
	       c->index == first->conds[0].index && c->width == first->conds[0].width;
}

static int _by_first_value(const void *a, const void *b)
{
	const struct sjail_rule *const *x = a, *const *y = b;
	uint64_t u = (*x)->conds[0].val, v = (*y)->conds[0].val;

	if (u != v)
		return u < v ? -1 : 1;
	return *x < *y ? -1 : *x > *y; /* keep profile order among equal values */
}

/* A binary search over the 32-bit values[lo..hi]; A holds the word at off. */
static label_t _search(struct _gen *g, const uint32_t *values, const label_t *hits, size_t lo,
		       size_t hi, label_t miss, uint32_t off)
{
	size_t mid;
	label_t right, left;

	if (lo == hi)
		return _jump(g, BPF_JEQ, values[lo], hits[lo], miss, off);
	mid = lo + (hi - lo + 1) / 2;
	right = _search(g, values, hits, mid, hi, miss, off);
	left = _search(g, values, hits, lo, mid - 1, miss, off);
	return _jump(g, BPF_JGE, values[mid], right, left, off);
}

/* ld [off]; a search over halves[lo..hi]. Returns the label of the load. */
static label_t _load_search(struct _gen *g, const uint32_t *halves, const label_t *hits, size_t lo,
			    size_t hi, label_t miss, uint32_t off)
{
	size_t n_before = g->n;

	return _load_before(g, off, _search(g, halves, hits, lo, hi, miss, off), n_before);
}

/*
 * Rules rules[0..n) all start with "eq" on one argument and share an
 * action: search the value, then test the rest of the rules that have
 * that value. A qword is searched by its high half, then by its low half
 * among the values with that high half. miss is where control goes when
 * none holds.
 */
static label_t _value_search(struct _gen *g, const struct sjail_rule **rules, size_t n,
			     label_t miss)
{
	const struct sjail_cond *c0 = &rules[0]->conds[0];
	uint32_t lo_off = _arg_off(g, c0->index, false), hi_off = _arg_off(g, c0->index, true);
	const struct sjail_rule **sorted = NULL;
	uint64_t *values = NULL;
	uint32_t *halves = NULL;
	label_t *hits = NULL, *groups = NULL, entry = miss;
	size_t m = 0, ng = 0;

	sorted = malloc(n * sizeof(*sorted));
	values = malloc(n * sizeof(*values));
	halves = malloc(n * sizeof(*halves));
	hits = malloc(n * sizeof(*hits));
	groups = malloc(n * sizeof(*groups));
	if (!sorted || !values || !halves || !hits || !groups) {
		g->overflow = true;
		g->error = -ENOMEM;
		goto out;
	}
	memcpy(sorted, rules, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), _by_first_value);

	/* One hit block per distinct value, ascending: its rules' other conditions, OR-ed. */
	for (size_t i = 0; i < n;) {
		size_t j = i;
		label_t hit = miss;

		while (j < n && sorted[j]->conds[0].val == sorted[i]->conds[0].val)
			j++;
		for (size_t k = j; k-- > i;)
			hit = _rule(g, sorted[k], 1, _ret(g, sorted[k]->action), hit);
		values[m] = sorted[i]->conds[0].val;
		hits[m++] = hit;
		i = j;
	}
	if (c0->width == 32) {
		for (size_t i = 0; i < m; i++)
			halves[i] = (uint32_t)values[i];
		entry = _load_search(g, halves, hits, 0, m - 1, miss, lo_off);
		goto out;
	}
	/* qword: a low-half search per distinct high half, then a search over the high halves. */
	for (size_t i = 0; i < m;) {
		size_t j = i;

		while (j < m && values[j] >> 32 == values[i] >> 32)
			j++;
		for (size_t k = i; k < j; k++)
			halves[k] = (uint32_t)values[k];
		groups[ng++] = _load_search(g, halves, hits, i, j - 1, miss, lo_off);
		i = j;
	}
	for (size_t i = 0, k = 0; i < m; k++) {
		size_t j = i;

		while (j < m && values[j] >> 32 == values[i] >> 32)
			j++;
		halves[k] = (uint32_t)(values[i] >> 32);
		i = j;
	}
	entry = _load_search(g, halves, groups, 0, ng - 1, miss, hi_off);
out:
	free(sorted);
	free(values);
	free(halves);
	free(hits);
	free(groups);
	return entry;
}

static bool _interval_search(struct _gen *g, const struct sjail_rule **rules, size_t n,
			     label_t miss, label_t *ret_entry);

/* Whether r can join an interval search led by first: one condition, not masked, same argument. */
static bool _intervalable(const struct sjail_rule *r, const struct sjail_rule *first)
{
	const struct sjail_cond *c = r->nconds == 1 ? &r->conds[0] : NULL;

	return c && first->nconds == 1 && c->op != SJAIL_OP_MASKED_EQ &&
	       first->conds[0].op != SJAIL_OP_MASKED_EQ && r->action == first->action &&
	       c->index == first->conds[0].index && c->width == first->conds[0].width;
}

/* The argument checks of one syscall; control enters with anything in A. */
static label_t _args(struct _gen *g, const struct sjail_arg_verdict *v)
{
	label_t next = _ret(g, v->fallback);

	for (size_t i = v->nrules; i > 0;) {
		const struct sjail_rule *last = v->rules[i - 1];
		size_t s = i - 1;
		label_t entry;

		/* Rules that each test one argument once: a search over its intervals. */
		if (_intervalable(last, last))
			while (s > 0 && _intervalable(v->rules[s - 1], last))
				s--;
		if (i - s >= 2 && _interval_search(g, v->rules + s, i - s, next, &entry)) {
			next = entry;
			i = s;
			continue;
		}
		s = i - 1;
		if (_searchable(last, last))
			while (s > 0 && _searchable(v->rules[s - 1], last))
				s--;
		/*
		 * A search pays off from three rules on: it costs one test
		 * more than a chain for one or two.
		 */
		if (i - s >= 3) {
			next = _value_search(g, v->rules + s, i - s, next);
		} else {
			for (size_t k = i; k-- > s;)
				next = _rule(g, v->rules[k], 0, _ret(g, v->rules[k]->action), next);
		}
		i = s;
	}
	return next;
}

/* ---- the syscall-number tree -------------------------------------------- */

enum {
	PLAN_LEAF = -1,	      /* one verdict for the whole span */
	PLAN_PEEL_FIRST = -2, /* jeq the first range (a single number) */
	PLAN_PEEL_LAST = -3,  /* jeq the last range */
	PLAN_PEEL_MID = -4,   /* jeq the one number that differs from the rest */
};

struct _plan {
	size_t n;
	double *cost;	 /* [i * n + j]: weighted tests to decide ranges i..j */
	int32_t *choice; /* PLAN_* or the range a JGE splits at */
	uint64_t *key;	 /* what decides range r: its action, or its argument block */
	size_t *same;	 /* same[i]: last j with key[i..j] all equal */
	double *prefix;	 /* prefix[i]: weight of ranges 0..i-1 */
	uint32_t word;	 /* the word of seccomp_data the tree searches */
};

static double _weight(const struct _plan *p, size_t i, size_t j)
{
	return p->prefix[j + 1] - p->prefix[i];
}

static bool _single(const struct sjail_range *r)
{
	return r->lo == r->hi;
}

/*
 * The middle range that a JEQ can take out of i..j so that the rest has
 * one verdict, or 0 when there is none.
 */
static size_t _mid_peel(const struct _plan *p, const struct sjail_section *ranges, size_t i,
			size_t j)
{
	size_t m = p->same[i] + 1;

	if (m <= i || m >= j || !_single(&ranges->ranges[m]))
		return 0;
	if (p->same[m + 1] < j || p->key[m + 1] != p->key[i])
		return 0;
	return m;
}

/*
 * The cheapest tree by dynamic programming over spans of ranges, with
 * Knuth's bound on where a split can be (root(i, j-1) <= root(i, j) <=
 * root(i+1, j)), so it runs in O(n^2) for the usual few hundred ranges.
 */
static void _plan_fill(struct _plan *p, const struct sjail_section *ranges)
{
	size_t n = p->n;

	for (size_t len = 1; len <= n; len++)
		for (size_t i = 0; i + len - 1 < n; i++) {
			size_t j = i + len - 1, lo, hi;
			double w = _weight(p, i, j), best;
			int32_t choice;

			if (p->same[i] >= j) {
				p->cost[i * n + j] = 0;
				p->choice[i * n + j] = PLAN_LEAF;
				continue;
			}
			/*
			 * NOTE: choice starts valid whatever the costs say (a JEQ
			 * peels one number only; a JGE split at i + 1 always
			 * works): with a NaN among the weights no comparison holds,
			 * and the tree must still mean what the ranges say.
			 */
			best = w + p->cost[(i + 1) * n + j];
			choice = PLAN_PEEL_FIRST;
			if (!_single(&ranges->ranges[i])) {
				best = HUGE_VAL;
				choice = (int32_t)(i + 1);
			}
			if (_single(&ranges->ranges[j]) && w + p->cost[i * n + j - 1] < best) {
				best = w + p->cost[i * n + j - 1];
				choice = PLAN_PEEL_LAST;
			}
			if (_mid_peel(p, ranges, i, j) && w < best) {
				best = w;
				choice = PLAN_PEEL_MID;
			}
			lo =
			    p->choice[i * n + j - 1] > 0 ? (size_t)p->choice[i * n + j - 1] : i + 1;
			hi =
			    p->choice[(i + 1) * n + j] > 0 ? (size_t)p->choice[(i + 1) * n + j] : j;
			if (lo > hi) {
				lo = i + 1;
				hi = j;
			}
			for (size_t m = lo; m <= hi; m++) {
				double c = w + p->cost[i * n + m - 1] + p->cost[m * n + j];

				if (c < best) {
					best = c;
					choice = (int32_t)m;
				}
			}
			p->cost[i * n + j] = best;
			p->choice[i * n + j] = choice;
		}
}

static label_t _leaf(struct _gen *g, const struct sjail_section *ranges, size_t r,
		     const label_t *arg_labels)
{
	const struct sjail_range *range = &ranges->ranges[r];

	if (!range->args)
		return _ret(g, range->action);
	return arg_labels[range->args - ranges->args];
}

/* Emits the planned tree for ranges i..j; A holds the syscall number. */
static label_t _tree(struct _gen *g, const struct _plan *p, const struct sjail_section *ranges,
		     size_t i, size_t j, const label_t *arg_labels)
{
	const uint32_t nr = p->word;
	int32_t c = p->choice[i * p->n + j];
	label_t hi, lo;
	size_t m;

	switch (c) {
	case PLAN_LEAF:
		return _leaf(g, ranges, i, arg_labels);
	case PLAN_PEEL_FIRST:
		lo = _tree(g, p, ranges, i + 1, j, arg_labels);
		return _jump(g, BPF_JEQ, ranges->ranges[i].lo, _leaf(g, ranges, i, arg_labels), lo,
			     nr);
	case PLAN_PEEL_LAST:
		lo = _tree(g, p, ranges, i, j - 1, arg_labels);
		return _jump(g, BPF_JEQ, ranges->ranges[j].lo, _leaf(g, ranges, j, arg_labels), lo,
			     nr);
	case PLAN_PEEL_MID:
		m = _mid_peel(p, ranges, i, j);
		lo = _leaf(g, ranges, i, arg_labels);
		return _jump(g, BPF_JEQ, ranges->ranges[m].lo, _leaf(g, ranges, m, arg_labels), lo,
			     nr);
	default:
		hi = _tree(g, p, ranges, (size_t)c, j, arg_labels);
		lo = _tree(g, p, ranges, i, (size_t)c - 1, arg_labels);
		return _jump(g, BPF_JGE, ranges->ranges[c].lo, hi, lo, nr);
	}
}

/*
 * Past this many ranges the plan's n^2 tables grow too big: the tree is
 * then balanced by range count instead (still at most ceil(log2 n) deep).
 */
#define PLAN_MAX_RANGES 1024

static label_t _tree_balanced(struct _gen *g, const struct sjail_section *ranges, size_t i,
			      size_t j, const label_t *arg_labels)
{
	size_t mid;
	label_t hi, lo;

	if (i == j)
		return _leaf(g, ranges, i, arg_labels);
	mid = i + (j - i + 1) / 2;
	hi = _tree_balanced(g, ranges, mid, j, arg_labels);
	lo = _tree_balanced(g, ranges, i, mid - 1, arg_labels);
	return _jump(g, BPF_JGE, ranges->ranges[mid].lo, hi, lo, offsetof(struct seccomp_data, nr));
}

/* The weight of syscall number nr: 1 inside the table's span, plus the trace's. */
static int _plan_alloc(struct _plan *p, size_t n, uint32_t word)
{
	p->n = n;
	p->word = word;
	p->cost = calloc(n * n, sizeof(*p->cost));
	p->choice = calloc(n * n, sizeof(*p->choice));
	p->key = calloc(n, sizeof(*p->key));
	p->same = calloc(n, sizeof(*p->same));
	p->prefix = calloc(n + 1, sizeof(*p->prefix));
	if (!p->cost || !p->choice || !p->key || !p->same || !p->prefix)
		return -ENOMEM;
	return 0;
}

/* Keys from the ranges' verdicts, then the plan itself; prefix[] is filled. */
static void _plan_finish(struct _plan *p, const struct sjail_section *ranges)
{
	size_t n = p->n;

	for (size_t r = 0; r < n; r++) {
		const struct sjail_range *range = &ranges->ranges[r];

		p->key[r] = range->args ? (1ull << 32) | (uint64_t)(range->args - ranges->args)
					: range->action;
	}
	for (size_t r = n; r-- > 0;)
		p->same[r] = r + 1 < n && p->key[r] == p->key[r + 1] ? p->same[r + 1] : r;
	_plan_fill(p, ranges);
}

/*
 * The weight of a range of syscall numbers: 1 per number of the table;
 * ARG_WEIGHT more for a syscall with argument checks (see below); and
 * the trace's counts.
 *
 * NOTE: the kernel's constant-action cache lets a syscall allowed whatever
 * its arguments skip the filter, so the filter really runs for the calls
 * it checks the arguments of, and for the ones it denies. The extra weight
 * moves argument-checked syscalls nearer the root.
 */
#define ARG_WEIGHT 32.0

/*
 * A trace count as a finite number from 0 to 1: the count over the largest.
 *
 * NOTE: the planner compares sums of weights, and one NaN among them makes
 * every comparison false: the tree it then builds need not mean what the
 * rules say. A count of "inf", or counts whose sum overflows, gave NaN
 * (0 * inf). So NaN and negative counts weigh 0, inf weighs as DBL_MAX,
 * and all are divided by the largest, so that their sum stays finite.
 */
static double _trace_weight(double weight, double max)
{
	if (!(weight > 0) || !(max > 0))
		return 0;
	return (weight > DBL_MAX ? DBL_MAX : weight) / max;
}

static int _plan_init(struct _plan *p, const struct sjail_section *ranges,
		      const struct sjail_weight *weights, size_t nweights)
{
	const struct sjail_arch *arch = ranges->arch;
	uint32_t top = arch->nsyscalls ? arch->syscalls[arch->nsyscalls - 1].nr : 0;
	double trace_total = 0, trace_max = 0, scale;
	size_t n = ranges->nranges;

	if (_plan_alloc(p, n, offsetof(struct seccomp_data, nr)) < 0)
		return -ENOMEM;
	for (size_t w = 0; w < nweights; w++)
		if (weights[w].weight > trace_max)
			trace_max = weights[w].weight > DBL_MAX ? DBL_MAX : weights[w].weight;
	for (size_t w = 0; w < nweights; w++)
		trace_total += _trace_weight(weights[w].weight, trace_max);
	/* A trace weighs four times the uniform part: what it did not see stays cheap too. */
	scale = trace_total > 0 ? 4.0 * (top + 1) / trace_total : 0;

	for (size_t r = 0; r < n; r++) {
		const struct sjail_range *range = &ranges->ranges[r];
		double w = 1e-3; /* numbers past the table: rare, but not free */

		if (range->lo <= top)
			w += (double)((range->hi < top ? range->hi : top) - range->lo + 1);
		if (range->args)
			w += ARG_WEIGHT;
		for (size_t k = 0; k < nweights; k++)
			if (weights[k].nr >= range->lo && weights[k].nr <= range->hi)
				w += scale * _trace_weight(weights[k].weight, trace_max);
		p->prefix[r + 1] = p->prefix[r] + w;
	}
	_plan_finish(p, ranges);
	return 0;
}

static void _plan_free(struct _plan *p)
{
	free(p->cost);
	free(p->choice);
	free(p->key);
	free(p->same);
	free(p->prefix);
}

/* ---- argument interval searches ---------------------------------------- */

struct _interval {
	uint64_t lo, hi;
};

static int _by_lo(const void *a, const void *b)
{
	const struct _interval *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The values for which c holds, as at most two intervals of [0, max]. */
static size_t _cond_intervals(const struct sjail_cond *c, uint64_t max, struct _interval out[2])
{
	uint64_t v = c->val;

	switch (c->op) {
	case SJAIL_OP_EQ:
		out[0] = (struct _interval){v, v};
		return 1;
	case SJAIL_OP_NE:
		if (v == 0)
			return out[0] = (struct _interval){1, max}, 1;
		if (v == max)
			return out[0] = (struct _interval){0, max - 1}, 1;
		out[0] = (struct _interval){0, v - 1};
		out[1] = (struct _interval){v + 1, max};
		return 2;
	case SJAIL_OP_LT:
		if (v == 0)
			return 0;
		out[0] = (struct _interval){0, v - 1};
		return 1;
	case SJAIL_OP_LE:
		out[0] = (struct _interval){0, v};
		return 1;
	case SJAIL_OP_GT:
		if (v >= max)
			return 0;
		out[0] = (struct _interval){v + 1, max};
		return 1;
	case SJAIL_OP_GE:
		out[0] = (struct _interval){v, max};
		return 1;
	case SJAIL_OP_MASKED_EQ:
		break;
	}
	return 0;
}

/*
 * Rules rules[0..n) each test one argument once (no mask) and share an
 * action: the values they accept are a union of intervals, so decide the
 * argument by searching those intervals with the same planned tree as
 * syscall numbers. A qword qualifies when every interval boundary is
 * below 2^32: its high half is then tested once, against 0. Returns false
 * (emitting nothing) when the rules do not qualify.
 */
static bool _interval_search(struct _gen *g, const struct sjail_rule **rules, size_t n,
			     label_t miss, label_t *ret_entry)
{
	const struct sjail_cond *c0 = &rules[0]->conds[0];
	uint64_t max = c0->width == 32 ? UINT32_MAX : UINT64_MAX;
	uint32_t lo_off = _arg_off(g, c0->index, false), hi_off = _arg_off(g, c0->index, true);
	struct _interval *iv = NULL;
	struct sjail_arg_verdict leaves[2] = {{0}}; /* [0]: accepted, [1]: not */
	struct sjail_section sec = {.args = leaves, .nargs = 2};
	struct sjail_range *ranges = NULL;
	struct _plan plan = {0};
	label_t labels[2], entry, above;
	size_t niv = 0, m = 0, nr = 0, n_before;
	bool ok = false, top_hit;

	iv = malloc(2 * n * sizeof(*iv));
	ranges = malloc((4 * n + 2) * sizeof(*ranges));
	if (!iv || !ranges) {
		g->overflow = true;
		g->error = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		niv += _cond_intervals(&rules[i]->conds[0], max, &iv[niv]);
	qsort(iv, niv, sizeof(*iv), _by_lo);
	/* Merge overlapping and touching intervals. */
	for (size_t i = 0; i < niv; i++) {
		if (m && (iv[m - 1].hi == UINT64_MAX || iv[i].lo <= iv[m - 1].hi + 1)) {
			if (iv[i].hi > iv[m - 1].hi)
				iv[m - 1].hi = iv[i].hi;
			continue;
		}
		iv[m++] = iv[i];
	}
	/* Every boundary below 2^32, or the high half would need a search of its own. */
	for (size_t i = 0; i < m; i++)
		if (iv[i].lo > UINT32_MAX || (iv[i].hi != max && iv[i].hi > UINT32_MAX))
			goto out;
	top_hit = m && iv[m - 1].hi == max;

	/* The partition of the low half into accepted and other ranges. */
	for (uint64_t i = 0, cursor = 0; i <= m; i++) {
		uint64_t lo = i < m ? iv[i].lo : (uint64_t)UINT32_MAX + 1;

		if (lo > cursor)
			ranges[nr++] = (struct sjail_range){
			    .lo = (uint32_t)cursor, .hi = (uint32_t)(lo - 1), .args = &leaves[1]};
		if (i == m)
			break;
		ranges[nr++] = (struct sjail_range){
		    .lo = (uint32_t)iv[i].lo,
		    .hi = (uint32_t)(iv[i].hi > UINT32_MAX ? UINT32_MAX : iv[i].hi),
		    .args = &leaves[0]};
		cursor = iv[i].hi > UINT32_MAX ? (uint64_t)UINT32_MAX + 1 : iv[i].hi + 1;
	}
	sec.ranges = ranges;
	sec.nranges = nr;
	if (_plan_alloc(&plan, nr, lo_off) < 0) {
		g->overflow = true;
		g->error = -ENOMEM;
		goto out;
	}
	/* Every interval as likely as another: values are what the rules name. */
	for (size_t r = 0; r < nr; r++)
		plan.prefix[r + 1] = plan.prefix[r] + 1;
	_plan_finish(&plan, &sec);

	labels[0] = _ret(g, rules[0]->action);
	labels[1] = miss;
	above = top_hit ? labels[0] : miss;
	n_before = g->n;
	entry = _load_before(g, lo_off, _tree(g, &plan, &sec, 0, nr - 1, labels), n_before);
	if (c0->width == 64) {
		/* A high half above 0 is above every boundary: the last range decides. */
		n_before = g->n;
		entry =
		    _load_before(g, hi_off, _jump(g, BPF_JEQ, 0, entry, above, hi_off), n_before);
	}
	*ret_entry = entry;
	ok = true;
out:
	_plan_free(&plan);
	free(iv);
	free(ranges);
	return ok;
}

/* One section: ld [nr] and its tree. Returns the label of the load. */
static label_t _section(struct _gen *g, const struct sjail_section *sec,
			const struct sjail_weight *weights, size_t nweights)
{
	struct _plan plan = {0};
	label_t *arg_labels = NULL, start = 0;

	arg_labels = calloc(sec->nargs ? sec->nargs : 1, sizeof(*arg_labels));
	if (!arg_labels ||
	    (sec->nranges <= PLAN_MAX_RANGES && _plan_init(&plan, sec, weights, nweights) < 0)) {
		g->overflow = true;
		g->error = -ENOMEM;
		goto out;
	}
	for (size_t i = sec->nargs; i-- > 0;)
		arg_labels[i] = _args(g, &sec->args[i]);
	if (plan.n)
		start = _tree(g, &plan, sec, 0, sec->nranges - 1, arg_labels);
	else
		start = _tree_balanced(g, sec, 0, sec->nranges - 1, arg_labels);
	_ja(g, start);
	start = _emit(g, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));
out:
	_plan_free(&plan);
	free(arg_labels);
	return start;
}

int codegen_generate(const struct sjail_ranges *ranges, const struct sjail_weight *weights,
		     size_t nweights, struct sock_filter **ret_insns, size_t *ret_len)
{
	struct _gen g = {.big_endian = ranges->arch->big_endian};
	label_t entries[SJAIL_MAX_ABIS], next;
	struct sock_filter *out = NULL;
	int r;

	/*
	 * Sections are emitted last first. A trace is of the target's own
	 * calls: it weighs the first section only.
	 */
	for (size_t s = ranges->nsections; s-- > 0;)
		entries[s] = _section(&g, &ranges->sections[s], s == 0 ? weights : NULL,
				      s == 0 ? nweights : 0);
	/* ld [arch]; jeq #ARCH0, section 0; jeq #ARCH1, section 1; ...; ret kill_process */
	next = _ret(&g, SECCOMP_RET_KILL_PROCESS);
	for (size_t s = ranges->nsections; s-- > 0;)
		next = _jump(&g, BPF_JEQ, ranges->sections[s].arch->audit_arch, entries[s], next,
			     A_UNKNOWN);
	_emit(&g, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, arch));
	if (g.overflow) {
		r = g.error;
		goto out;
	}

	out = malloc(g.n * sizeof(*out));
	if (!out) {
		r = -ENOMEM;
		goto out;
	}
	for (size_t i = 0; i < g.n; i++)
		out[i] = g.rev[g.n - 1 - i];
	*ret_insns = out;
	*ret_len = g.n;
	r = 0;
out:
	free(g.rev);
	free(g.rets);
	return r;
}

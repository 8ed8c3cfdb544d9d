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
 *   ld [nr]; a balanced JGE tree over the ranges; each leaf is a shared
 *   "ret #action" or the argument block of one syscall.
 *
 * NOTE: the syscall-number part only loads arch and nr and uses JEQ/JGE/JA
 * and RET #k, so the kernel's constant-action cache (Linux >= 5.11) can
 * emulate it: a syscall allowed whatever its arguments then skips the
 * filter entirely.
 */
#include <errno.h>
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

/* A conditional jump to jt/jf, with trampolines where they are too far. */
static label_t _jump(struct _gen *g, uint16_t code, uint32_t k, label_t jt, label_t jf)
{
	if (jt == jf)
		return jt; /* the test decides nothing */
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
	if (jt == jf)
		return jt; /* nothing to test */
	_jump(g, code, k, jt, jf);
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
		l = _jump(g, BPF_JEQ, vhi, l, f);
		return _half(g, hi_off, UINT32_MAX, BPF_JGT, vhi, t, l);
	}
	g->overflow = true; /* an op this generator does not know */
	g->error = -EINVAL;
	return g->n;
}

/* The argument checks of one syscall; control enters with anything in A. */
static label_t _args(struct _gen *g, const struct sjail_arg_verdict *v)
{
	label_t next = _ret(g, v->fallback);

	for (size_t i = v->nrules; i-- > 0;) {
		const struct sjail_rule *r = v->rules[i];
		label_t entry = _ret(g, r->action);

		for (size_t j = r->nconds; j-- > 0;)
			entry = _cond(g, &r->conds[j], entry, next);
		next = entry;
	}
	return next;
}

static label_t _leaf(struct _gen *g, const struct sjail_range *r, const label_t *arg_labels,
		     const struct sjail_ranges *ranges)
{
	if (!r->args)
		return _ret(g, r->action);
	return arg_labels[r->args - ranges->args];
}

/* A balanced search over ranges[i..j]; A holds the syscall number. */
static label_t _tree(struct _gen *g, const struct sjail_ranges *ranges, size_t i, size_t j,
		     const label_t *arg_labels)
{
	size_t mid;
	label_t hi, lo;

	if (i == j)
		return _leaf(g, &ranges->ranges[i], arg_labels, ranges);
	mid = i + (j - i + 1) / 2;
	hi = _tree(g, ranges, mid, j, arg_labels);
	lo = _tree(g, ranges, i, mid - 1, arg_labels);
	return _jump(g, BPF_JGE, ranges->ranges[mid].lo, hi, lo);
}

int codegen_generate(const struct sjail_ranges *ranges, struct sock_filter **ret_insns,
		     size_t *ret_len)
{
	struct _gen g = {.big_endian = ranges->arch->big_endian};
	label_t *arg_labels = NULL, start, load_nr, kill;
	struct sock_filter *out = NULL;
	int r;

	arg_labels = calloc(ranges->nargs ? ranges->nargs : 1, sizeof(*arg_labels));
	if (!arg_labels) {
		r = -ENOMEM;
		goto out;
	}

	for (size_t i = ranges->nargs; i-- > 0;)
		arg_labels[i] = _args(&g, &ranges->args[i]);
	start = _tree(&g, ranges, 0, ranges->nranges - 1, arg_labels);
	_ja(&g, start);
	load_nr = _emit(&g, BPF_LD | BPF_W | BPF_ABS, 0, 0, offsetof(struct seccomp_data, nr));
	kill = _ret(&g, SECCOMP_RET_KILL_PROCESS);
	_jump(&g, BPF_JEQ, ranges->arch->audit_arch, load_nr, kill);
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
	free(arg_labels);
	free(g.rev);
	free(g.rets);
	return r;
}

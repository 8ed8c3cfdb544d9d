/* SPDX-License-Identifier: Apache-2.0 */
/*
 * eval.c - the reference meaning of a filter: decides one syscall straight
 * from the rules, the way README.md defines the format. It shares no code
 * with rules.c or codegen.c, so the differential tests can hold the
 * compiled program to it.
 */
#include <errno.h>

#include "ir.h"

static bool _cond_holds(const struct sjail_cond *c, const struct seccomp_data *data)
{
	uint64_t a = data->args[c->index];

	if (c->width == 32)
		a &= UINT32_MAX; /* dword: the low 32 bits */
	switch (c->op) {
	case SJAIL_OP_EQ:
		return a == c->val;
	case SJAIL_OP_NE:
		return a != c->val;
	case SJAIL_OP_LT:
		return a < c->val;
	case SJAIL_OP_LE:
		return a <= c->val;
	case SJAIL_OP_GT:
		return a > c->val;
	case SJAIL_OP_GE:
		return a >= c->val;
	case SJAIL_OP_MASKED_EQ:
		return (a & c->mask) == (c->val & c->mask);
	}
	return false;
}

int64_t eval_decide(const struct sjail_filter *filter, const struct sjail_arch *arch,
		    const struct seccomp_data *data, const struct sjail_rule **ret_rule)
{
	uint32_t nr = (uint32_t)data->nr;

	if (ret_rule)
		*ret_rule = NULL;
	if (data->arch != arch->audit_arch)
		return SECCOMP_RET_KILL_PROCESS;
	if (arch->foreign_nr_bit && nr >= arch->foreign_nr_bit && nr != UINT32_MAX)
		return SECCOMP_RET_KILL_PROCESS;

	/* Rules in profile order; the first that holds decides. */
	for (size_t i = 0; i < filter->nrules; i++) {
		const struct sjail_rule *r = &filter->rules[i];
		bool holds = true;
		uint32_t rnr;

		if (sjail_arch_syscall_nr(arch, r->syscall, &rnr) < 0)
			return -EINVAL;
		if (rnr != nr)
			continue;
		for (size_t j = 0; j < r->nconds && holds; j++)
			holds = _cond_holds(&r->conds[j], data);
		if (holds) {
			if (ret_rule)
				*ret_rule = r;
			return r->action;
		}
	}
	return filter->mismatch_action;
}

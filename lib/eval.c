/* SPDX-License-Identifier: Apache-2.0 */
/*
 * eval.c - the reference meaning of a filter: decides one syscall straight
 * from the rules, the way README.md defines the format. It shares no code
 * with rules.c or codegen.c, so the differential tests can hold the
 * compiled program to it.
 */
#include <errno.h>

#include "ir.h"

bool eval_cond_holds(const struct sjail_cond *c, uint64_t a)
{
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

/*
 * Whether nr is a number of abi under its arch value: x86_64's are below
 * its foreign bit, x32's carry that bit (__X32_SYSCALL_BIT, 0x40000000)
 * and stay below 2^31, every other ABI has them all. -1 is nobody's.
 */
static bool _numbers(const struct sjail_arch *abi, uint32_t nr)
{
	if (nr == UINT32_MAX)
		return false;
	if (abi->foreign_nr_bit)
		return nr < abi->foreign_nr_bit;
	if (abi == &sjail_arch_x32)
		return nr >= 0x40000000u && nr <= 0x7fffffffu;
	return true;
}

/*
 * Which covered ABI a call belongs to, by its arch value and number; NULL:
 * none (killed). A tracer's -1 belongs to the first ABI of its arch value,
 * so that it gets the mismatch action.
 */
static const struct sjail_arch *_abi_of(const struct sjail_arch *const *abis, size_t nabis,
					const struct seccomp_data *data)
{
	uint32_t nr = (uint32_t)data->nr;

	for (size_t a = 0; a < nabis; a++)
		if (abis[a]->audit_arch == data->arch &&
		    (nr == UINT32_MAX || _numbers(abis[a], nr)))
			return abis[a];
	return NULL;
}

int64_t eval_decide_why(const struct sjail_filter *filter, const struct sjail_arch *arch,
			const struct sjail_compile_options *opts, const struct seccomp_data *data,
			struct eval_why *ret)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	size_t nabis = arch_select(filter, arch, abis);
	struct eval_why why = {0};
	uint32_t nr = (uint32_t)data->nr;

	why.abi = _abi_of(abis, nabis, data);
	if (!why.abi) {
		*ret = why;
		return SECCOMP_RET_KILL_PROCESS;
	}

	/*
	 * Rules in profile order; the first that holds decides. On the way,
	 * the highest number the rules name on the call's ABI: what runc's
	 * stub compares with. It is the ABI's own, from its own table: x32's
	 * numbers carry its bit and never mix with x86_64's, i386 and arm
	 * have arch values of their own.
	 */
	for (size_t i = 0; i < filter->nrules; i++) {
		const struct sjail_rule *r = &filter->rules[i];
		bool holds = true, anywhere = false;
		uint32_t rnr;

		if (sjail_arch_syscall_nr(why.abi, r->syscall, &rnr) < 0) {
			for (size_t a = 0; a < nabis; a++)
				anywhere |= sjail_arch_syscall_nr(abis[a], r->syscall, &rnr) == 0;
			if (!anywhere && (!r->lenient || (opts && opts->strict)))
				return -EINVAL;
			continue;
		}
		if (!why.top_rule || rnr > why.top) {
			why.top = rnr;
			why.top_rule = r;
		}
		if (rnr != nr || nr == UINT32_MAX)
			continue;
		for (size_t j = 0; j < r->nconds && holds; j++)
			holds = eval_cond_holds(&r->conds[j], data->args[r->conds[j].index]);
		if (holds) {
			why.rule = r;
			*ret = why;
			return r->action;
		}
	}
	/* runc's stub: syscalls newer than every one the filter names. */
	if (opts && opts->enosys_new && why.top_rule && nr > why.top && nr != UINT32_MAX) {
		why.enosys_new = true;
		*ret = why;
		return SECCOMP_RET_ERRNO | ENOSYS;
	}
	*ret = why;
	return filter->mismatch_action;
}

int64_t eval_decide_with(const struct sjail_filter *filter, const struct sjail_arch *arch,
			 const struct sjail_compile_options *opts, const struct seccomp_data *data,
			 const struct sjail_rule **ret_rule)
{
	struct eval_why why;
	int64_t action = eval_decide_why(filter, arch, opts, data, &why);

	if (ret_rule)
		*ret_rule = action < 0 ? NULL : why.rule;
	return action;
}

int64_t eval_decide(const struct sjail_filter *filter, const struct sjail_arch *arch,
		    const struct seccomp_data *data, const struct sjail_rule **ret_rule)
{
	return eval_decide_with(filter, arch, NULL, data, ret_rule);
}

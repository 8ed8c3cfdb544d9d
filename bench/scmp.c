/* SPDX-License-Identifier: Apache-2.0 */
/*
 * scmp.c - the same rules through libseccomp's C API: the reference the
 * benchmark measures sjail against. The only file that includes seccomp.h.
 *
 * What runc, crun and Firecracker's former code do: seccomp_init(mismatch
 * action), one seccomp_rule_add_array() per rule, seccomp_export_bpf().
 * With SCMP_FLTATR_CTL_OPTIMIZE = 2 libseccomp sorts the syscalls into a
 * binary tree; SCMP_FLTATR_ACT_BADARCH = kill_process makes a foreign arch
 * (and the x32 numbers, which libseccomp treats as one) end as in sjail.
 *
 * NOTE: in libseccomp 2.5 every comparison is a 64-bit one: SCMP_A1_32()
 * only casts its datum to uint32_t, so SCMP_A1_32(SCMP_CMP_EQ, v) fails
 * when the high half of the argument is not 0, where sjail's dword "eq"
 * holds. A dword eq is therefore stated as SCMP_CMP_MASKED_EQ with mask
 * 0xffffffff (the high half is then masked to 0 == 0), and a dword
 * masked_eq as a 64-bit masked_eq whose mask has a zero high half: both
 * exact. dword ne/lt/le/gt/ge have no exact form; they become the 64-bit
 * comparison, which agrees whenever the argument's high half is 0, and
 * are counted so the report can say so.
 *
 * NOTE: the exact dword eq costs libseccomp an "and #0; jeq #0" on the high
 * half that always holds. What a libseccomp user writes, SCMP_A1_32(
 * SCMP_CMP_EQ, v), is one instruction shorter and refuses a set high half;
 * the benchmark builds that form too (dword_eq_64) and shows it beside.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <seccomp.h>

#include "bench.h"

struct scmp_call {
	uint32_t action;
	int nr;
	const char *syscall; /* for messages; points into the filter */
	size_t rule_index;
	unsigned ncmps;
	struct scmp_arg_cmp *cmps;
};

struct scmp_plan {
	uint32_t default_action;
	uint32_t arch_token; /* SCMP_ARCH_* */
	bool native;
	const struct sjail_arch *abis[SJAIL_MAX_ABIS]; /* the target's, then companions */
	size_t nabis;
	size_t skipped; /* names libseccomp does not know (OCI filters) */
	size_t ncalls;
	struct scmp_call *calls;
};

static uint32_t _arch_token(const struct sjail_arch *arch)
{
	if (strcmp(arch->name, "i386") == 0)
		return SCMP_ARCH_X86;
	if (strcmp(arch->name, "x32") == 0)
		return SCMP_ARCH_X32;
	if (strcmp(arch->name, "arm") == 0)
		return SCMP_ARCH_ARM;
	if (strcmp(arch->name, "x86_64") == 0)
		return SCMP_ARCH_X86_64;
	if (strcmp(arch->name, "aarch64") == 0)
		return SCMP_ARCH_AARCH64;
	if (strcmp(arch->name, "riscv64") == 0)
		return SCMP_ARCH_RISCV64;
	return 0;
}

static const enum scmp_compare _ops[] = {
    [SJAIL_OP_EQ] = SCMP_CMP_EQ,
    [SJAIL_OP_NE] = SCMP_CMP_NE,
    [SJAIL_OP_LT] = SCMP_CMP_LT,
    [SJAIL_OP_LE] = SCMP_CMP_LE,
    [SJAIL_OP_GT] = SCMP_CMP_GT,
    [SJAIL_OP_GE] = SCMP_CMP_GE,
    [SJAIL_OP_MASKED_EQ] = SCMP_CMP_MASKED_EQ,
};

/* c as libseccomp states it; false when only approximately (see the NOTE above). */
static bool _cmp(const struct sjail_cond *c, bool dword_eq_64, struct scmp_arg_cmp *ret)
{
	*ret = (struct scmp_arg_cmp){.arg = c->index, .op = _ops[c->op], .datum_a = c->val};
	if (c->op == SJAIL_OP_MASKED_EQ) {
		ret->datum_a = c->mask;
		ret->datum_b = c->val & c->mask; /* libseccomp does not mask the datum */
		return true;
	}
	if (c->width == 64)
		return true;
	if (c->op == SJAIL_OP_EQ && !dword_eq_64) {
		ret->op = SCMP_CMP_MASKED_EQ;
		ret->datum_a = UINT32_MAX;
		ret->datum_b = c->val;
		return true;
	}
	return false;
}

void scmp_plan_free(struct scmp_plan *plan)
{
	if (!plan)
		return;
	for (size_t i = 0; i < plan->ncalls; i++)
		free(plan->calls[i].cmps);
	free(plan->calls);
	free(plan);
}

int scmp_plan_new(const struct sjail_filter *filter, const struct sjail_arch *arch,
		  bool dword_eq_64, struct scmp_plan **ret_plan, size_t *ret_inexact,
		  unsigned *ret_inexact_args)
{
	struct scmp_plan *p;
	size_t inexact = 0;
	unsigned inexact_args = 0;
	int r;

	p = calloc(1, sizeof(*p));
	if (!p)
		return -ENOMEM;
	p->default_action = filter->mismatch_action;
	p->arch_token = _arch_token(arch);
	p->native = arch == sjail_arch_native();
	p->nabis = arch_select(filter, arch, p->abis);
	p->calls = calloc(filter->nrules ? filter->nrules : 1, sizeof(*p->calls));
	if (!p->calls || !p->arch_token) {
		r = p->calls ? -EINVAL : -ENOMEM;
		goto fail;
	}
	for (size_t i = 0; i < filter->nrules; i++) {
		const struct sjail_rule *rule = &filter->rules[i];
		struct scmp_call *call = &p->calls[p->ncalls];
		uint32_t nr;

		/*
		 * NOTE: libseccomp reads a rule's number as the host's number
		 * and translates it by name for other arches; on the target
		 * itself the number goes through untouched.
		 */
		if (rule->lenient) {
			/* runc's matchCall(): the default's rules and unknown names are left out.
			 */
			if (rule->action == filter->mismatch_action)
				continue;
			call->nr = seccomp_syscall_resolve_name(rule->syscall);
			if (call->nr == __NR_SCMP_ERROR) {
				p->skipped++;
				continue;
			}
		} else if (p->native) {
			if (sjail_arch_syscall_nr(arch, rule->syscall, &nr) < 0) {
				r = -EINVAL;
				goto fail;
			}
			call->nr = (int)nr;
		} else {
			call->nr = seccomp_syscall_resolve_name(rule->syscall);
			if (call->nr == __NR_SCMP_ERROR) {
				r = -EINVAL;
				goto fail;
			}
		}
		p->ncalls++;
		call->action = rule->action;
		call->syscall = rule->syscall;
		call->rule_index = i;
		call->ncmps = (unsigned)rule->nconds;
		if (rule->nconds) {
			call->cmps = calloc(rule->nconds, sizeof(*call->cmps));
			if (!call->cmps) {
				r = -ENOMEM;
				goto fail;
			}
		}
		for (size_t j = 0; j < rule->nconds; j++)
			if (!_cmp(&rule->conds[j], dword_eq_64, &call->cmps[j])) {
				inexact++;
				inexact_args |= 1u << rule->conds[j].index;
			}
	}
	*ret_plan = p;
	*ret_inexact = inexact;
	*ret_inexact_args = inexact_args;
	return 0;
fail:
	scmp_plan_free(p);
	return r;
}

int scmp_plan_compile(const struct scmp_plan *plan, int memfd, struct bench_prog *ret,
		      size_t *ret_refused, char *refused, size_t refused_len)
{
	struct sock_filter *insns = NULL;
	scmp_filter_ctx ctx;
	size_t nrefused = 0;
	off_t size;
	int r;

	ctx = seccomp_init(plan->default_action);
	if (!ctx)
		return -EINVAL;
	r = seccomp_attr_set(ctx, SCMP_FLTATR_ACT_BADARCH, SCMP_ACT_KILL_PROCESS);
	if (r == 0)
		r = seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2);
	if (r == 0 && !plan->native) {
		r = seccomp_arch_add(ctx, plan->arch_token);
		if (r == 0)
			r = seccomp_arch_remove(ctx, SCMP_ARCH_NATIVE);
	}
	for (size_t a = 1; r == 0 && a < plan->nabis; a++)
		r = seccomp_arch_add(ctx, _arch_token(plan->abis[a]));
	if (r < 0)
		goto out;

	for (size_t i = 0; i < plan->ncalls; i++) {
		const struct scmp_call *c = &plan->calls[i];

		r = seccomp_rule_add_array(ctx, c->action, c->nr, c->ncmps, c->cmps);
		if (r < 0) {
			if (nrefused++ == 0 && refused)
				snprintf(refused, refused_len, "rule %zu (%s): %s", c->rule_index,
					 c->syscall, strerror(-r));
		}
	}

	if (ftruncate(memfd, 0) < 0 || lseek(memfd, 0, SEEK_SET) < 0) {
		r = -errno;
		goto out;
	}
	r = seccomp_export_bpf(ctx, memfd);
	if (r < 0)
		goto out;
	size = lseek(memfd, 0, SEEK_CUR);
	if (size <= 0 || size % (off_t)sizeof(*insns)) {
		r = -EIO;
		goto out;
	}
	insns = malloc((size_t)size);
	if (!insns) {
		r = -ENOMEM;
		goto out;
	}
	if (pread(memfd, insns, (size_t)size, 0) != size) {
		r = -EIO;
		goto out;
	}
	*ret = (struct bench_prog){.insns = insns, .len = (size_t)size / sizeof(*insns)};
	insns = NULL;
	if (ret_refused)
		*ret_refused = nrefused;
	r = 0;
out:
	free(insns);
	seccomp_release(ctx);
	return r;
}

bool scmp_plan_outside(const struct scmp_plan *plan, const struct seccomp_data *d)
{
	const struct sjail_arch *abi = NULL;
	uint32_t nr = (uint32_t)d->nr;
	bool numbered = (nr & 0x40000000u) && nr != UINT32_MAX, high = false;
	const char *name;

	/* The call's ABI: by arch value; x86_64's numbers with the x32 bit are x32's. */
	for (size_t a = 0; a < plan->nabis; a++) {
		if (plan->abis[a]->audit_arch != d->arch)
			continue;
		/*
		 * From 2^31 up (but -1) no ABI has numbers: sjail kills them,
		 * but libseccomp, with x32 in the filter, gives them x32's
		 * default.
		 */
		if (_arch_token(plan->abis[a]) == SCMP_ARCH_X32 && nr >= 0x80000000u &&
		    nr != UINT32_MAX)
			return true;
		if ((_arch_token(plan->abis[a]) == SCMP_ARCH_X32) == numbered)
			abi = plan->abis[a];
	}
	if (!abi)
		return false;
	for (size_t i = 0; i < 6; i++)
		high |= d->args[i] >> 32 != 0;
	if (high && (_arch_token(abi) == SCMP_ARCH_X86 || _arch_token(abi) == SCMP_ARCH_X32))
		return true;
	name = sjail_arch_syscall_name(abi, nr);
	return name && seccomp_syscall_resolve_name_arch(_arch_token(abi), name) < 0;
}

size_t scmp_plan_skipped(const struct scmp_plan *plan)
{
	return plan->skipped;
}

const char *scmp_version(void)
{
	static char buf[32];
	const struct scmp_version *v = seccomp_version();

	snprintf(buf, sizeof(buf), "%u.%u.%u", v->major, v->minor, v->micro);
	return buf;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * supervise.c - the programs of a supervisor and what decided a call.
 *
 * `sjail learn` installs a program that sends every call to user space;
 * `sjail --report` installs the profile's own program with every denying
 * return turned into a user-space notification. The kernel side (install,
 * receive, answer) is in install.c.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

bool sjail_action_denies(uint32_t action)
{
	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_KILL_PROCESS:
	case SECCOMP_RET_KILL_THREAD:
	case SECCOMP_RET_TRAP:
	case SECCOMP_RET_ERRNO:
		return true;
	default:
		return false;
	}
}

static struct sjail_program *_program_new(const struct sjail_arch *arch, size_t len)
{
	struct sjail_program *p = calloc(1, sizeof(*p));

	if (!p)
		return NULL;
	p->insns = calloc(len, sizeof(*p->insns));
	if (!p->insns) {
		free(p);
		return NULL;
	}
	p->len = len;
	p->arch = arch;
	return p;
}

int sjail_program_notify_denials(const struct sjail_program *program,
				 struct sjail_program **ret_program)
{
	struct sjail_program *p;

	/*
	 * NOTE: one RET may serve many syscalls (a range, a shared errno), so
	 * the rewritten program cannot say which verdict it replaced. It does
	 * not need to: the original program is deterministic in seccomp_data,
	 * which the notification carries whole, so running it again gives the
	 * verdict the kernel would have given.
	 */
	for (size_t i = 0; i < program->len; i++)
		if (program->insns[i].code == (BPF_RET | BPF_A))
			return -EINVAL;
	p = _program_new(program->arch, program->len);
	if (!p)
		return -ENOMEM;
	memcpy(p->insns, program->insns, program->len * sizeof(*p->insns));
	p->nsyscalls = program->nsyscalls;
	p->nrules = program->nrules;
	p->install_flags = program->install_flags;
	for (size_t i = 0; i < p->len; i++)
		if (p->insns[i].code == (BPF_RET | BPF_K) && sjail_action_denies(p->insns[i].k))
			p->insns[i].k = SECCOMP_RET_USER_NOTIF;
	*ret_program = p;
	return 0;
}

int sjail_program_learner(const struct sjail_arch *arch, const struct seccomp_data *let_through,
			  struct sjail_program **ret_program)
{
	/* ld arch; jne; ld nr; jne; 3 x (ld lo; jne; ld hi; jne); ret allow; ret notif */
	const size_t len = let_through ? 18 : 1;
	const uint32_t lo = arch->big_endian ? 4 : 0, hi = arch->big_endian ? 0 : 4;
	struct sjail_program *p;
	size_t n = 0;

	p = _program_new(arch, len);
	if (!p)
		return -ENOMEM;
	if (let_through) {
		/* Every JEQ falls through on a match and jumps to the last RET otherwise. */
#define _CHECK(off, val)                                                                           \
	do {                                                                                       \
		p->insns[n] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, (off));       \
		n++;                                                                               \
		p->insns[n] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (val), 0,    \
							   (uint8_t)(len - 2 - n));                \
		n++;                                                                               \
	} while (0)
		_CHECK(offsetof(struct seccomp_data, arch), let_through->arch);
		_CHECK(offsetof(struct seccomp_data, nr), (uint32_t)let_through->nr);
		for (size_t i = 0; i < 3; i++) {
			uint32_t off = (uint32_t)offsetof(struct seccomp_data, args[i]);
			uint64_t v = let_through->args[i];

			_CHECK(off + lo, (uint32_t)v);
			_CHECK(off + hi, (uint32_t)(v >> 32));
		}
#undef _CHECK
		p->insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
	}
	p->insns[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF);
	*ret_program = p;
	return 0;
}

int sjail_profile_decide(const struct sjail_profile *profile, size_t filter_index,
			 const struct sjail_arch *arch, const struct sjail_compile_options *opts,
			 const struct seccomp_data *data, struct sjail_decision *ret)
{
	const struct sjail_filter *filter;
	const struct sjail_rule *rule;
	struct sjail_decision d = {0};
	struct eval_why why;
	int64_t action;

	if (filter_index >= profile->nfilters)
		return -EINVAL;
	filter = &profile->filters[filter_index];
	action = eval_decide_why(filter, arch, opts, data, &why);
	if (action < 0)
		return (int)action;
	rule = why.rule;

	d.action = (uint32_t)action;
	d.file = profile->file;
	d.filter = filter->name;
	if (rule) {
		d.by_rule = true;
		d.line = rule->loc.line;
		d.col = rule->loc.col;
		d.comment = rule->comment;
	} else {
		d.line = filter->loc.line;
		d.col = filter->loc.col;
		if ((uint32_t)data->nr == UINT32_MAX) {
			d.why = "no syscall (-1, a tracer's skip): mismatch action";
		} else if (why.enosys_new) {
			d.why =
			    "no rule matched; --enosys-new: above the highest number the filter "
			    "names: ENOSYS";
			d.enosys_new = true;
			d.abi = why.abi ? why.abi->name : NULL;
			d.top = why.top;
			d.top_name = why.abi ? sjail_arch_syscall_name(why.abi, why.top) : NULL;
		} else if (d.action == filter->mismatch_action)
			d.why = "no rule matched (mismatch action)";
		else
			d.why =
			    "a call through an ABI the filter does not cover: always kill_process";
	}
	*ret = d;
	return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * explain.c - why one call gets its verdict: the compiled program says what
 * happens and how many instructions it takes, the reference evaluator says
 * which rule decided. The two must agree; when they do not, that is a bug
 * in sjail, and it is reported as one.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

const char *sjail_action_describe(uint32_t action, char *buf, size_t len)
{
	const char *name;
	size_t n;

	sjail_action_format(action, buf, len);
	if ((action & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ERRNO)
		return buf;
	/* glibc >= 2.32; NULL for numbers without a name. */
	name = strerrorname_np((int)(action & SECCOMP_RET_DATA));
	n = strlen(buf);
	if (name && n < len)
		snprintf(buf + n, len - n, " (%s)", name);
	return buf;
}

/* "59", "0x3b" or "-1" (the tracers' skip number, UINT32_MAX). */
static bool _parse_nr(const char *text, uint32_t *ret_nr)
{
	bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	const char *p = hex ? text + 2 : text;
	uint64_t v = 0;

	if (strcmp(text, "-1") == 0) {
		*ret_nr = UINT32_MAX;
		return true;
	}
	if (!*p)
		return false;
	for (; *p; p++) {
		unsigned d;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (hex && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return false;
		v = v * (hex ? 16 : 10) + d;
		if (v > UINT32_MAX)
			return false;
	}
	*ret_nr = (uint32_t)v;
	return true;
}

int sjail_syscall_parse(const struct sjail_arch *arch, const char *text, uint32_t *ret_nr,
			struct sjail_error *err)
{
	const struct sjail_arch *other;
	const char *near;

	if (sjail_arch_syscall_nr(arch, text, ret_nr) == 0)
		return 0;
	if (text[0] >= '0' && text[0] <= '9') {
		if (_parse_nr(text, ret_nr))
			return 0;
		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "'%s' is not a syscall number (decimal or 0x hex, at most 0xffffffff)",
			  text);
		return -EINVAL;
	}
	if (_parse_nr(text, ret_nr))
		return 0; /* -1 */
	other = arch_find_other(arch, text);
	near = other ? NULL : arch_suggest(arch, text);
	if (other)
		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "syscall '%s' does not exist on %s (it exists on %s)", text, arch->name,
			  other->name);
	else if (near)
		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "unknown syscall '%s' for %s (did you mean '%s'?)", text, arch->name,
			  near);
	else
		error_set(err, NULL, (struct sjail_loc){0}, NULL, "unknown syscall '%s' for %s",
			  text, arch->name);
	return -EINVAL;
}

/* "args[1] dword eq 0xae80 and args[2] qword masked_eq 0xf0 80", cut at len. */
static void _conditions(const struct sjail_rule *rule, char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < rule->nconds && used < len; i++) {
		const struct sjail_cond *c = &rule->conds[i];
		char v[32], m[32] = "";
		int n;

		if (c->op == SJAIL_OP_MASKED_EQ)
			snprintf(m, sizeof(m), " 0x%" PRIx64, c->mask);
		n = snprintf(buf + used, len - used, "%sargs[%u] %s %s%s %s", i ? " and " : "",
			     c->index, c->width == 32 ? "dword" : "qword", op_name(c->op), m,
			     num_format(c->val, v, sizeof(v)));
		if (n < 0)
			break;
		used += (size_t)n;
	}
}

/*
 * Why no rule decided data: the ABI checks every program starts with, the
 * tracers' -1, or the mismatch action. The numbers of the x86 arch value
 * are x86_64's below 0x40000000, x32's from there to 2^31 - 1, and
 * nobody's from 2^31 up; a program kills those of an ABI it does not
 * cover.
 */
static void _no_rule(const struct sjail_filter *filter, const struct sjail_arch *arch,
		     const struct seccomp_data *data, struct sjail_explanation *x)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	size_t nabis = arch_select(filter, arch, abis);
	uint32_t nr = (uint32_t)data->nr;
	bool arch_known = false, x86_64 = false, x32 = false;

	for (size_t i = 0; i < nabis; i++) {
		arch_known |= abis[i]->audit_arch == data->arch;
		x86_64 |= abis[i] == &sjail_arch_x86_64;
		x32 |= abis[i] == &sjail_arch_x32;
	}
	x->reason = SJAIL_REASON_FOREIGN;
	if (!arch_known) {
		x->reason = SJAIL_REASON_ARCH;
		x->why = "calls of architectures the filter does not cover are always killed";
	} else if (nr == UINT32_MAX) {
		x->reason = SJAIL_REASON_SKIP;
		x->why = "-1 is a tracer's \"skip this call\", not a syscall: the mismatch action "
			 "applies";
	} else if (data->arch != sjail_arch_x86_64.audit_arch) {
		x->reason = SJAIL_REASON_MISMATCH;
	} else if (nr > INT32_MAX) {
		x->why = "numbers from 0x80000000 up are always killed";
	} else if (nr >= 0x40000000u && !x32) {
		x->why = "x32 syscall numbers are always killed";
	} else if (nr < 0x40000000u && !x86_64) {
		x->why = "x86_64 syscall numbers are always killed: the filter covers x32 alone";
	} else {
		x->reason = SJAIL_REASON_MISMATCH;
	}
	if (x->reason == SJAIL_REASON_MISMATCH)
		x->why = "no rule matched: the mismatch action applies";
}

/* "clone3 (435)", or the number alone when abi's table has no name for it. */
static void _nr_text(const struct sjail_arch *abi, uint32_t nr, char *buf, size_t len)
{
	const char *name = sjail_arch_syscall_name(abi, nr);
	char num[32];

	num_format(nr, num, sizeof(num));
	if (name)
		snprintf(buf, len, "%s (%s)", name, num);
	else
		snprintf(buf, len, "%s", num);
}

/*
 * What --enosys-new made of a call no rule decided, from the evaluator's
 * why: the number against the highest one the filter names on the call's
 * ABI.
 */
static void _enosys_new(const struct eval_why *why, uint32_t nr, char *buf, size_t len)
{
	char call[96], top[32];

	if (!why->top_rule) {
		snprintf(buf, len, "the filter names no %s syscall", why->abi->name);
		return;
	}
	_nr_text(why->abi, nr, call, sizeof(call));
	snprintf(buf, len, "%s is %sabove the highest number the filter names on %s (%s, %s)%s",
		 call, why->enosys_new ? "" : "not ", why->abi->name,
		 num_format(why->top, top, sizeof(top)), why->top_rule->syscall,
		 why->enosys_new ? ": ENOSYS" : "");
}

int sjail_explain_with(const struct sjail_profile *profile, size_t filter_index,
		       const struct sjail_arch *arch, const struct sjail_compile_options *opts,
		       const struct seccomp_data *data, struct sjail_explanation *ret,
		       struct sjail_error *err)
{
	struct sjail_explanation x = {0};
	const struct sjail_filter *filter;
	struct sjail_program *prog = NULL;
	struct eval_why why;
	char want[64], got[64];
	int64_t decided;
	int r;

	if (filter_index >= profile->nfilters)
		return -EINVAL;
	filter = &profile->filters[filter_index];

	/* The very program these options install: weights change its paths, not its verdicts. */
	r = sjail_compile_with(profile, filter_index, arch, opts, &prog, err);
	if (r < 0)
		return r;
	x.action = sjail_program_run(prog, data, &x.executed);
	sjail_program_free(prog);

	decided = eval_decide_why(filter, arch, opts, data, &why);
	if (decided < 0) {
		/* sjail_compile_with() resolved every name: it cannot fail here. */
		error_set(err, profile->file, filter->loc, filter->name,
			  "internal error: the rules cannot be evaluated for %s; please report "
			  "this with the profile",
			  arch->name);
		return -EPROTO;
	}
	if ((uint32_t)decided != x.action) {
		error_set(err, profile->file, filter->loc, filter->name,
			  "internal error: the program says %s but the rules say %s; please report "
			  "this with the profile and the call",
			  sjail_action_describe(x.action, got, sizeof(got)),
			  sjail_action_describe((uint32_t)decided, want, sizeof(want)));
		return -EPROTO;
	}

	x.file = profile->file;
	if (why.rule) {
		x.reason = SJAIL_REASON_RULE;
		x.line = why.rule->loc.line;
		x.col = why.rule->loc.col;
		error_rule_path(x.path, sizeof(x.path), filter, (size_t)(why.rule - filter->rules),
				"");
		x.syscall = why.rule->syscall;
		_conditions(why.rule, x.conditions, sizeof(x.conditions));
		x.comment = why.rule->comment;
	} else if (why.enosys_new) {
		x.reason = SJAIL_REASON_ENOSYS_NEW;
		x.why = "no rule matched, and --enosys-new gives ENOSYS to numbers above the "
			"highest the filter names on the call's ABI";
		_enosys_new(&why, (uint32_t)data->nr, x.enosys_new, sizeof(x.enosys_new));
	} else {
		_no_rule(filter, arch, data, &x);
		if (x.reason == SJAIL_REASON_MISMATCH && why.abi && opts && opts->enosys_new)
			_enosys_new(&why, (uint32_t)data->nr, x.enosys_new, sizeof(x.enosys_new));
	}
	*ret = x;
	return 0;
}

int sjail_explain(const struct sjail_profile *profile, size_t filter_index,
		  const struct sjail_arch *arch, const struct seccomp_data *data,
		  struct sjail_explanation *ret, struct sjail_error *err)
{
	return sjail_explain_with(profile, filter_index, arch, NULL, data, ret, err);
}

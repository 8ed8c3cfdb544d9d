/* SPDX-License-Identifier: Apache-2.0 */
/*
 * convert.c - a filter of a loaded profile, written out as profile text in
 * either format (sjail convert). It writes from the IR, so what it writes
 * means what sjail made of the input; where the other format cannot say
 * the same, it leaves out or approximates, and says so in a warning.
 *
 * The text is plain JSON written by hand, as the learner writes its
 * profiles: json.c stays the only yajl user, and reading is its job.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

struct _out {
	char *text;
	size_t len, cap;
	bool oom;
	struct sjail_error *warnings;
	size_t nwarnings;
	const struct sjail_profile *profile;
};

static void _put(struct _out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void _put(struct _out *o, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (o->oom)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		o->oom = true;
		return;
	}
	if (o->len + (size_t)n + 1 > o->cap) {
		size_t cap = (o->len + (size_t)n + 1) * 2;
		char *text = realloc(o->text, cap);

		if (!text) {
			o->oom = true;
			return;
		}
		o->text = text;
		o->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(o->text + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	o->len += (size_t)n;
}

/* s as a JSON string. */
static void _put_string(struct _out *o, const char *s)
{
	_put(o, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			_put(o, "\\%c", *p);
		else if (*p < 0x20 || *p == 0x7f)
			_put(o, "\\u%04x", *p);
		else
			_put(o, "%c", *p);
	}
	_put(o, "\"");
}

/* A warning about rule (NULL: the filter) of filter; at the rule's name when name. */
static void _warn_at(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		     bool name, const char *fmt, va_list ap) __attribute__((format(printf, 5, 0)));

static void _warn_at(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		     bool name, const char *fmt, va_list ap)
{
	struct sjail_error *w;
	char path[512], msg[1024];

	if (o->oom)
		return;
	w = realloc(o->warnings, (o->nwarnings + 1) * sizeof(*w));
	if (!w) {
		o->oom = true;
		return;
	}
	o->warnings = w;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (rule)
		error_rule_path(path, sizeof(path), f, (size_t)(rule - f->rules),
				name ? ".syscall" : "");
	error_set(&w[o->nwarnings++], o->profile->file,
		  rule ? (name ? rule->syscall_loc : rule->loc) : f->loc, rule ? path : f->name,
		  "%s", msg);
}

static void _warn(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		  const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void _warn(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	_warn_at(o, f, rule, false, fmt, ap);
	va_end(ap);
}

static void _warn_name(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void _warn_name(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *rule,
		       const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	_warn_at(o, f, rule, true, fmt, ap);
	va_end(ap);
}

/* ---- the sjail format ------------------------------------------------- */

static void _sjail_action(struct _out *o, uint32_t action)
{
	uint32_t data = action & SECCOMP_RET_DATA;
	char buf[32];

	switch (action & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		_put(o, "{ \"errno\": %" PRIu32 " }", data);
		break;
	case SECCOMP_RET_TRACE:
		_put(o, "{ \"trace\": %" PRIu32 " }", data);
		break;
	default:
		_put(o, "\"%s\"", sjail_action_format(action, buf, sizeof(buf)));
		break;
	}
}

static const char *const _op_names[] = {
    [SJAIL_OP_EQ] = "eq", [SJAIL_OP_NE] = "ne", [SJAIL_OP_LT] = "lt",
    [SJAIL_OP_LE] = "le", [SJAIL_OP_GT] = "gt", [SJAIL_OP_GE] = "ge",
};

static void _sjail_cond(struct _out *o, const struct sjail_cond *c)
{
	_put(o, "{ \"index\": %u, \"type\": \"%s\", \"op\": ", c->index,
	     c->width == 32 ? "dword" : "qword");
	if (c->op == SJAIL_OP_MASKED_EQ)
		_put(o, "{ \"masked_eq\": %" PRIu64 " }", c->mask);
	else
		_put(o, "\"%s\"", _op_names[c->op]);
	_put(o, ", \"val\": %" PRIu64 " }", c->val);
}

/* "CAP_CHOWN, CAP_KILL" (the names the set holds), or "none". */
static void _cap_list(uint64_t caps, char *buf, size_t size)
{
	size_t used = 0;
	unsigned n = 0;

	while (oci_cap_name(n))
		n++;
	if ((caps & ((1ull << n) - 1)) == (1ull << n) - 1) {
		snprintf(buf, size, "all %u", n);
		return;
	}
	buf[0] = '\0';
	for (unsigned i = 0; oci_cap_name(i) && used < size; i++)
		if (caps >> i & 1)
			used += (size_t)snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
						 oci_cap_name(i));
	if (!used)
		snprintf(buf, size, "none");
}

/* The install flags OCI names, in their order. */
static const unsigned _flags[] = {
    SECCOMP_FILTER_FLAG_TSYNC,
    SECCOMP_FILTER_FLAG_LOG,
    SECCOMP_FILTER_FLAG_SPEC_ALLOW,
};

/* What Docker's extensions were resolved against: the output holds what they selected. */
static void _resolved(struct _out *o, const struct sjail_filter *f, const struct sjail_arch *arch)
{
	const struct sjail_profile *p = o->profile;
	char caps[800], kernel[32] = "";

	if (p->format != SJAIL_FORMAT_OCI)
		return;
	_cap_list(p->oci.cap_set, caps, sizeof(caps));
	if (p->oci.kernel)
		snprintf(kernel, sizeof(kernel), "%u.%u", p->oci.kernel_major, p->oci.kernel_minor);
	_warn(o, f, NULL,
	      "Docker's archMap, includes and excludes were resolved for %s%s%s%s%s: the output "
	      "holds what they selected (%zu entries left out)",
	      p->oci.arch ? p->oci.arch->name : arch->name, p->oci.caps ? ", capabilities " : "",
	      p->oci.caps ? caps : "", p->oci.kernel ? ", kernel " : "", kernel, p->oci.dropped);
}

/* "i386 and x32": the names of abis[0..n) but skip, joined for a message. */
static void _abi_list(const struct sjail_arch *const *abis, size_t n, const struct sjail_arch *skip,
		      char *buf, size_t size)
{
	size_t left = 0, k = 0;

	buf[0] = '\0';
	for (size_t a = 0; a < n; a++)
		left += abis[a] != skip;
	for (size_t a = 0; a < n; a++) {
		if (abis[a] == skip)
			continue;
		k++;
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s",
			 k == 1	     ? ""
			 : k == left ? " and "
				     : ", ",
			 abis[a]->name);
	}
}

/*
 * The rules of one ABI, abi, of the program for arch: names are resolved
 * on abi alone (the format has no other), so those it has not are left
 * out. Its calls get the verdicts they get from the program for arch.
 * others: warn that the output leaves out the program's other ABIs.
 */
static void _to_sjail(struct _out *o, const struct sjail_filter *f, const struct sjail_arch *arch,
		      const struct sjail_arch *abi, bool others)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	size_t nabis = arch_select(f, arch, abis), own = 0, elsewhere_only = 0, written = 0;
	char names[64];

	_abi_list(abis, nabis, abi, names, sizeof(names));
	_put(o, "{\n\t");
	_put_string(o, f->name);
	_put(o, ": {\n\t\t\"mismatch_action\": ");
	_sjail_action(o, f->mismatch_action);
	_put(o, ",\n\t\t\"match_action\": ");
	_sjail_action(o, f->match_action);
	_put(o, ",\n\t\t\"filter\": [");
	for (size_t i = 0; i < f->nrules; i++) {
		const struct sjail_rule *r = &f->rules[i];
		uint32_t nr;
		bool elsewhere = false;

		if (sjail_arch_syscall_nr(abi, r->syscall, &nr) < 0) {
			for (size_t a = 0; a < nabis; a++)
				elsewhere |= sjail_arch_syscall_nr(abis[a], r->syscall, &nr) == 0;
			if (elsewhere)
				elsewhere_only++;
			else
				_warn_name(o, f, r, "unknown syscall '%s' on %s: left out",
					   r->syscall, abi->name);
			continue;
		}
		_put(o, "%s\n\t\t\t{ \"syscall\": ", written++ ? "," : "");
		_put_string(o, r->syscall);
		if (r->action != f->match_action) {
			_put(o, ", \"action\": ");
			_sjail_action(o, r->action);
			own++;
		}
		if (r->nconds) {
			_put(o, ", \"args\": [");
			for (size_t j = 0; j < r->nconds; j++) {
				_put(o, "%s", j ? ", " : " ");
				_sjail_cond(o, &r->conds[j]);
			}
			_put(o, " ]");
		}
		if (r->comment) {
			_put(o, ", \"comment\": ");
			_put_string(o, r->comment);
		}
		_put(o, " }");
	}
	_put(o, "%s]\n\t}\n}\n", written ? "\n\t\t" : "");

	if (own)
		_warn(o, f, NULL,
		      "%zu %s an action other than the match action: written with sjail's per-rule "
		      "\"action\", which seccompiler does not read",
		      own, own == 1 ? "rule has" : "rules have");
	if (nabis > 1 && others)
		_warn(
		    o, f, NULL,
		    "the profile covers %s as well, and a file in the sjail format holds one ABI: "
		    "this is %s's, and a program compiled from it kills their calls",
		    names, abi->name);
	if (elsewhere_only)
		_warn(o, f, NULL, "%zu %s syscalls that %s has not (they are for %s): left out",
		      elsewhere_only, elsewhere_only == 1 ? "rule names" : "rules name", abi->name,
		      names);
	for (size_t k = 0; k < ELEMENTSOF(_flags); k++)
		if (f->install_flags & _flags[k])
			_warn(o, f, NULL,
			      "flag %s: the sjail format has no install flags, left out%s",
			      oci_flag_name(_flags[k]),
			      _flags[k] == SECCOMP_FILTER_FLAG_LOG ? " (run it with --log)" : "");
}

/* ---- the OCI format --------------------------------------------------- */

static const char *const _oci_op_names[] = {
    [SJAIL_OP_EQ] = "SCMP_CMP_EQ",
    [SJAIL_OP_NE] = "SCMP_CMP_NE",
    [SJAIL_OP_LT] = "SCMP_CMP_LT",
    [SJAIL_OP_LE] = "SCMP_CMP_LE",
    [SJAIL_OP_GT] = "SCMP_CMP_GT",
    [SJAIL_OP_GE] = "SCMP_CMP_GE",
    [SJAIL_OP_MASKED_EQ] = "SCMP_CMP_MASKED_EQ",
};

/* "SCMP_ACT_ERRNO"; *ret_data: the action carries errnoRet (errno, trace). */
static const char *_oci_action(uint32_t action, bool *ret_data)
{
	uint32_t kind = action & SECCOMP_RET_ACTION_FULL;

	*ret_data = kind == SECCOMP_RET_ERRNO || kind == SECCOMP_RET_TRACE;
	return oci_action_name(action);
}

/* Can rule r be written for runc as it means? Warns and returns false when not. */
static bool _oci_writable(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *r)
{
	unsigned seen = 0;

	for (size_t j = 0; j < r->nconds; j++) {
		if (seen & (1u << r->conds[j].index)) {
			_warn(o, f, r,
			      "two conditions on args[%u]: runc makes each its own rule (OR), so "
			      "this AND cannot be written; left out",
			      r->conds[j].index);
			return false;
		}
		seen |= 1u << r->conds[j].index;
	}
	return true;
}

static void _oci_cond(struct _out *o, const struct sjail_filter *f, const struct sjail_rule *r,
		      const struct sjail_cond *c)
{
	uint64_t value = c->val, two = 0;
	const char *op = _oci_op_names[c->op];

	if (c->op == SJAIL_OP_MASKED_EQ) {
		value = c->mask;
		two = c->val & c->mask;
	} else if (c->width == 32 && c->op == SJAIL_OP_EQ) {
		/* The low half equal: exact as a masked eq. */
		op = _oci_op_names[SJAIL_OP_MASKED_EQ];
		value = UINT32_MAX;
		two = c->val;
	} else if (c->width == 32) {
		_warn(o, f, r,
		      "dword '%s' on args[%u] has no exact OCI form: written as the 64-bit "
		      "comparison, which differs when the argument's high half is not 0",
		      _op_names[c->op], c->index);
	}
	_put(o, "{ \"index\": %u, \"value\": %" PRIu64, c->index, value);
	if (!strcmp(op, "SCMP_CMP_MASKED_EQ"))
		_put(o, ", \"valueTwo\": %" PRIu64, two);
	_put(o, ", \"op\": \"%s\" }", op);
}

static void _to_oci(struct _out *o, const struct sjail_filter *f, const struct sjail_arch *arch)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	size_t nabis = arch_select(f, arch, abis), written = 0;
	bool data;

	_put(o, "{\n\t\"defaultAction\": \"%s\"", _oci_action(f->mismatch_action, &data));
	if (data)
		_put(o, ",\n\t\"defaultErrnoRet\": %" PRIu32,
		     f->mismatch_action & SECCOMP_RET_DATA);
	if (f->mismatch_action == SECCOMP_RET_USER_NOTIF)
		_warn(o, f, NULL,
		      "the mismatch action user_notif becomes SCMP_ACT_NOTIFY, which runc refuses "
		      "as the default action");
	_put(o, ",\n\t\"architectures\": [");
	for (size_t a = 0; a < nabis; a++) {
		_put(o, "%s", a ? ", " : " ");
		_put_string(o, oci_arch_name(abis[a]));
	}
	_put(o, " ]");
	if (f->install_flags) {
		size_t n = 0;

		_put(o, ",\n\t\"flags\": [");
		for (size_t k = 0; k < ELEMENTSOF(_flags); k++)
			if (f->install_flags & _flags[k])
				_put(o, "%s\"%s\"", n++ ? ", " : " ", oci_flag_name(_flags[k]));
		_put(o, " ]");
	}
	_put(o, ",\n\t\"syscalls\": [");
	for (size_t i = 0; i < f->nrules;) {
		const struct sjail_rule *r = &f->rules[i];
		size_t run = 1;

		if (!_oci_writable(o, f, r)) {
			i++;
			continue;
		}
		/* runc leaves out a rule with the default action: later rules of its syscall
		 * decide. */
		if (r->action == f->mismatch_action)
			for (size_t j = i + 1; j < f->nrules; j++)
				if (strcmp(f->rules[j].syscall, r->syscall) == 0) {
					_warn(
					    o, f, r,
					    "this rule gives the default action, so runc leaves it "
					    "out, and a later rule for '%s' may decide instead",
					    r->syscall);
					break;
				}
		/* Consecutive unconditional rules with one action and no comment share an entry. */
		while (!r->nconds && !r->comment && i + run < f->nrules &&
		       !f->rules[i + run].nconds && !f->rules[i + run].comment &&
		       f->rules[i + run].action == r->action)
			run++;
		_put(o, "%s\n\t\t{\n\t\t\t\"names\": [", written++ ? "," : "");
		for (size_t k = 0; k < run; k++) {
			_put(o, "%s", k ? ", " : " ");
			_put_string(o, f->rules[i + k].syscall);
		}
		_put(o, " ],\n\t\t\t\"action\": \"%s\"", _oci_action(r->action, &data));
		if (data)
			_put(o, ",\n\t\t\t\"errnoRet\": %" PRIu32, r->action & SECCOMP_RET_DATA);
		if (r->nconds) {
			_put(o, ",\n\t\t\t\"args\": [");
			for (size_t j = 0; j < r->nconds; j++) {
				_put(o, "%s\n\t\t\t\t", j ? "," : "");
				_oci_cond(o, f, r, &r->conds[j]);
			}
			_put(o, "\n\t\t\t]");
		}
		if (r->comment) {
			_put(o, ",\n\t\t\t\"comment\": ");
			_put_string(o, r->comment);
		}
		_put(o, "\n\t\t}");
		i += run;
	}
	_put(o, "%s]\n}\n", written ? "\n\t" : "");

	/* libseccomp does not decide a syscall's rules in file order. */
	for (size_t i = 0; i < f->nrules; i++)
		for (size_t j = 0; j < i; j++) {
			if (strcmp(f->rules[i].syscall, f->rules[j].syscall) != 0)
				continue;
			if (f->rules[i].action != f->rules[j].action) {
				_warn(
				    o, f, &f->rules[i],
				    "'%s' has rules with different actions: sjail takes the first "
				    "that holds, libseccomp (runc) does not go by their order",
				    f->rules[i].syscall);
				break;
			}
		}
}

size_t sjail_profile_abis(const struct sjail_profile *profile, size_t filter_index,
			  const struct sjail_arch *arch,
			  const struct sjail_arch *ret[SJAIL_MAX_ABIS])
{
	if (filter_index >= profile->nfilters)
		return 0;
	return arch_select(&profile->filters[filter_index], arch, ret);
}

int sjail_profile_convert(const struct sjail_profile *profile, size_t filter_index,
			  const struct sjail_arch *arch, const struct sjail_arch *abi,
			  enum sjail_format to, char **ret_text, struct sjail_error **ret_warnings,
			  size_t *ret_nwarnings)
{
	const struct sjail_arch *abis[SJAIL_MAX_ABIS];
	struct _out o = {.profile = profile};
	size_t nabis = sjail_profile_abis(profile, filter_index, arch, abis);
	bool covered = !abi;

	for (size_t a = 0; a < nabis; a++)
		covered |= abis[a] == abi;
	if (!nabis || !covered || (to != SJAIL_FORMAT_SJAIL && to != SJAIL_FORMAT_OCI) ||
	    (to == SJAIL_FORMAT_OCI && abi && abi != arch))
		return -EINVAL;
	if (to == SJAIL_FORMAT_SJAIL)
		_to_sjail(&o, &profile->filters[filter_index], arch, abi ? abi : arch,
			  /* others= */ !abi);
	else
		_to_oci(&o, &profile->filters[filter_index], arch);
	_resolved(&o, &profile->filters[filter_index], arch);
	if (o.oom) {
		free(o.text);
		free(o.warnings);
		return -ENOMEM;
	}
	*ret_text = o.text;
	*ret_warnings = o.warnings;
	*ret_nwarnings = o.nwarnings;
	return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * oci.c - an OCI seccomp profile (the runtime spec's "seccomp" object, with
 * Docker's extensions) -> one filter, "oci", as runc and Docker read it.
 *
 * Docker resolves its extensions while loading, for one host: an archMap
 * entry picks the ABIs, and "includes"/"excludes" keep or drop whole
 * entries by architecture ("arches"), capabilities ("caps") and kernel
 * version ("minKernel"). sjail does the same here, for the target, the
 * capability set and the kernel the load options name. Then runc's
 * reading: each name of an entry is a rule of its own; when two
 * conditions of an entry test one argument, each condition becomes a rule
 * of its own (OR), otherwise they are one rule (AND); a rule whose action
 * is the default action is left out; SCMP_ACT_KILL is kill_thread, and
 * ERRNO and TRACE return EPERM unless errnoRet says otherwise.
 *
 * Every rule is lenient: a name that no ABI of the program knows is left
 * out with a warning when the filter is compiled (runc leaves it out
 * silently), or is an error under --strict.
 *
 * Unlike Go's decoder, the walk refuses keys it does not know, so that a
 * misspelled "defaultErrnoRet" or "minKernal" is an error, not a profile
 * that silently means something else. It accepts Docker's "comment" and
 * deprecated "name", and the spec's "listenerPath" and "listenerMetadata"
 * (ignored with a warning: sjail hands its listener to no agent).
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "json.h"

/* ---- names: actions, operators, architectures, flags, capabilities ---- */

static const struct {
	const char *name;
	uint32_t action; /* ERRNO and TRACE: without their data */
} _actions[] = {
    /* oci_action_name() gives the first name of an action: KILL_THREAD, not KILL. */
    {"SCMP_ACT_KILL_THREAD", SECCOMP_RET_KILL_THREAD},
    {"SCMP_ACT_KILL", SECCOMP_RET_KILL_THREAD},
    {"SCMP_ACT_KILL_PROCESS", SECCOMP_RET_KILL_PROCESS},
    {"SCMP_ACT_TRAP", SECCOMP_RET_TRAP},
    {"SCMP_ACT_ERRNO", SECCOMP_RET_ERRNO},
    {"SCMP_ACT_TRACE", SECCOMP_RET_TRACE},
    {"SCMP_ACT_ALLOW", SECCOMP_RET_ALLOW},
    {"SCMP_ACT_LOG", SECCOMP_RET_LOG},
    {"SCMP_ACT_NOTIFY", SECCOMP_RET_USER_NOTIF},
};

#define _EXPECTED_ACTION                                                                           \
	"expected an action: 'SCMP_ACT_KILL', 'SCMP_ACT_KILL_PROCESS', 'SCMP_ACT_KILL_THREAD', "   \
	"'SCMP_ACT_TRAP', 'SCMP_ACT_ERRNO', 'SCMP_ACT_TRACE', 'SCMP_ACT_ALLOW', 'SCMP_ACT_LOG' "   \
	"or 'SCMP_ACT_NOTIFY'"

static const struct {
	const char *name;
	enum sjail_op op;
} _ops[] = {
    {"SCMP_CMP_NE", SJAIL_OP_NE},
    {"SCMP_CMP_LT", SJAIL_OP_LT},
    {"SCMP_CMP_LE", SJAIL_OP_LE},
    {"SCMP_CMP_EQ", SJAIL_OP_EQ},
    {"SCMP_CMP_GE", SJAIL_OP_GE},
    {"SCMP_CMP_GT", SJAIL_OP_GT},
    {"SCMP_CMP_MASKED_EQ", SJAIL_OP_MASKED_EQ},
};

#define _EXPECTED_OP                                                                               \
	"expected an operator: 'SCMP_CMP_NE', 'SCMP_CMP_LT', 'SCMP_CMP_LE', 'SCMP_CMP_EQ', "       \
	"'SCMP_CMP_GE', 'SCMP_CMP_GT' or 'SCMP_CMP_MASKED_EQ'"

/*
 * libseccomp's architectures (what runc accepts), the ABI sjail has a table
 * for (NULL: none; such an architecture never shares an arch value with
 * sjail's targets, so leaving it out changes nothing), and Docker's name
 * for it in "arches" (moby's goToNative of Go's GOARCH: "x86" for 386).
 * Go has no x32 port, so Docker never runs as x32; "x32" is the name
 * Docker's own profile writes for it.
 */
static const struct {
	const char *scmp;
	const char *abi;
	const char *docker;
} _archs[] = {
    {"SCMP_ARCH_X86", "i386", "x86"},
    {"SCMP_ARCH_X86_64", "x86_64", "amd64"},
    {"SCMP_ARCH_X32", "x32", "x32"},
    {"SCMP_ARCH_ARM", "arm", "arm"},
    {"SCMP_ARCH_AARCH64", "aarch64", "arm64"},
    {"SCMP_ARCH_RISCV64", "riscv64", "riscv64"},
    {"SCMP_ARCH_MIPS", NULL, NULL},
    {"SCMP_ARCH_MIPS64", NULL, NULL},
    {"SCMP_ARCH_MIPS64N32", NULL, NULL},
    {"SCMP_ARCH_MIPSEL", NULL, NULL},
    {"SCMP_ARCH_MIPSEL64", NULL, NULL},
    {"SCMP_ARCH_MIPSEL64N32", NULL, NULL},
    {"SCMP_ARCH_PPC", NULL, NULL},
    {"SCMP_ARCH_PPC64", NULL, NULL},
    {"SCMP_ARCH_PPC64LE", NULL, NULL},
    {"SCMP_ARCH_S390", NULL, NULL},
    {"SCMP_ARCH_S390X", NULL, NULL},
    {"SCMP_ARCH_PARISC", NULL, NULL},
    {"SCMP_ARCH_PARISC64", NULL, NULL},
    {"SCMP_ARCH_LOONGARCH64", NULL, NULL},
    {"SCMP_ARCH_M68K", NULL, NULL},
    {"SCMP_ARCH_SH", NULL, NULL},
    {"SCMP_ARCH_SHEB", NULL, NULL},
};

static const struct {
	const char *name;
	unsigned flag;
} _flags[] = {
    {"SECCOMP_FILTER_FLAG_TSYNC", SECCOMP_FILTER_FLAG_TSYNC},
    {"SECCOMP_FILTER_FLAG_LOG", SECCOMP_FILTER_FLAG_LOG},
    {"SECCOMP_FILTER_FLAG_SPEC_ALLOW", SECCOMP_FILTER_FLAG_SPEC_ALLOW},
};

/* Capability N is _cap_names[N] (<linux/capability.h>; unit/oci checks them). */
static const char *const _cap_names[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};

/* The number of capability name[0..len), or -1. */
static int _cap_number(const char *name, size_t len)
{
	for (size_t i = 0; i < ELEMENTSOF(_cap_names); i++)
		if (strlen(_cap_names[i]) == len && memcmp(_cap_names[i], name, len) == 0)
			return (int)i;
	return -1;
}

const char *oci_action_name(uint32_t action)
{
	for (size_t i = 0; i < ELEMENTSOF(_actions); i++)
		if (_actions[i].action == (action & SECCOMP_RET_ACTION_FULL))
			return _actions[i].name;
	return NULL;
}

const char *oci_arch_name(const struct sjail_arch *abi)
{
	for (size_t i = 0; i < ELEMENTSOF(_archs); i++)
		if (_archs[i].abi && strcmp(_archs[i].abi, abi->name) == 0)
			return _archs[i].scmp;
	return NULL;
}

const char *oci_flag_name(unsigned flag)
{
	for (size_t i = 0; i < ELEMENTSOF(_flags); i++)
		if (_flags[i].flag == flag)
			return _flags[i].name;
	return NULL;
}

const char *oci_cap_name(unsigned n)
{
	return n < ELEMENTSOF(_cap_names) ? _cap_names[n] : NULL;
}

int sjail_caps_parse(const char *text, uint64_t *ret_caps, struct sjail_error *err)
{
	uint64_t caps = 0;

	for (const char *p = text; *p;) {
		size_t len = strcspn(p, ",");
		int n = _cap_number(p, len);

		if (n < 0) {
			char name[JSON_QUOTE_MAX];

			json_escape(name, sizeof(name), p, len);
			error_set(err, NULL, (struct sjail_loc){0}, NULL,
				  "unknown capability '%s' (expected names like CAP_SYS_ADMIN, "
				  "comma-separated)",
				  name);
			return -EINVAL;
		}
		caps |= 1ull << n;
		p += len;
		if (*p == ',' && *++p == '\0') {
			error_set(err, NULL, (struct sjail_loc){0}, NULL,
				  "unknown capability '' (expected names like CAP_SYS_ADMIN, "
				  "comma-separated)");
			return -EINVAL;
		}
	}
	*ret_caps = caps;
	return 0;
}

/* "X.Y" at the start of text (X, Y decimal, at most 255 as Docker has it); the rest is ignored. */
static bool _kernel_version(const char *text, bool whole, unsigned *ret_major, unsigned *ret_minor)
{
	unsigned v[2] = {0, 0};
	const char *p = text;

	for (int i = 0; i < 2; i++) {
		if (i == 1 && *p++ != '.')
			return false;
		if (*p < '0' || *p > '9')
			return false;
		for (; *p >= '0' && *p <= '9'; p++) {
			v[i] = v[i] * 10 + (unsigned)(*p - '0');
			if (v[i] > 255)
				return false;
		}
	}
	if (whole && *p)
		return false;
	if (v[0] == 0 && v[1] == 0)
		return false;
	*ret_major = v[0];
	*ret_minor = v[1];
	return true;
}

int sjail_kernel_parse(const char *text, unsigned *ret_major, unsigned *ret_minor,
		       struct sjail_error *err)
{
	char quoted[JSON_QUOTE_MAX];
	size_t n = strspn(text, "0123456789.");

	/*
	 * X.Y, or a release as uname -r gives it (6.1.0-18-amd64, 5.15.0+):
	 * after the digits and dots, nothing or one of '-', '+', '_', '~'.
	 */
	if ((!text[n] || strchr("-+_~", text[n])) &&
	    _kernel_version(text, /* whole= */ false, ret_major, ret_minor))
		return 0;
	json_escape(quoted, sizeof(quoted), text, strlen(text));
	error_set(err, NULL, (struct sjail_loc){0}, NULL,
		  "'%s' is not a kernel version: expected X.Y, like 6.1", quoted);
	return -EINVAL;
}

/* ---- the walk --------------------------------------------------------- */

struct _oci {
	const struct json_walker *w;
	const struct sjail_load_options *opts;
	const struct sjail_arch *target;
	struct sjail_profile *profile;
	struct sjail_filter *filter;
	size_t rules_cap;
	bool have_caps; /* caps: the options' or the bounding set, once read */
	uint64_t caps;
	bool have_kernel;
	unsigned kernel_major, kernel_minor;
};

/* The Docker "arches" name of the target ("amd64"), or NULL. */
static const char *_docker_arch(const struct sjail_arch *target)
{
	for (size_t i = 0; i < ELEMENTSOF(_archs); i++)
		if (_archs[i].abi && strcmp(_archs[i].abi, target->name) == 0)
			return _archs[i].docker;
	return NULL;
}

/* Adds a warning at loc and path. */
static int _warn(struct _oci *o, struct sjail_loc loc, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int _warn(struct _oci *o, struct sjail_loc loc, const char *path, const char *fmt, ...)
{
	struct sjail_profile *p = o->profile;
	struct sjail_error *warnings;
	char msg[JSON_MSG_MAX];
	va_list ap;

	warnings = realloc(p->warnings, (p->nwarnings + 1) * sizeof(*warnings));
	if (!warnings)
		return json_oom(o->w);
	p->warnings = warnings;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	error_set(&p->warnings[p->nwarnings++], o->w->file, loc, path, "%s", msg);
	return 0;
}

/* The capability set includes and excludes are held to: the options', or CapBnd. */
static int _caps(struct _oci *o, struct sjail_loc loc, const char *path, uint64_t *ret)
{
	char line[256];
	FILE *f;
	int e = 0;

	if (o->have_caps) {
		*ret = o->caps;
		return 0;
	}
	if (o->opts->caps_given) {
		o->caps = o->opts->caps;
		o->have_caps = true;
		o->profile->oci.caps = true;
		o->profile->oci.cap_set = o->caps;
		*ret = o->caps;
		return 0;
	}
	f = fopen("/proc/self/status", "re");
	if (!f)
		e = errno;
	while (f && fgets(line, sizeof(line), f)) {
		unsigned long long v;

		if (sscanf(line, "CapBnd: %llx", &v) == 1) {
			o->caps = v;
			o->have_caps = true;
		}
	}
	if (f)
		fclose(f);
	o->profile->oci.caps = o->have_caps;
	o->profile->oci.cap_set = o->caps;
	if (!o->have_caps)
		return json_fail(o->w, loc, path,
				 "cannot read this process's capability bounding set (CapBnd in "
				 "/proc/self/status%s%s): give the capabilities with --caps",
				 e ? ": " : "", e ? strerror(e) : "");
	*ret = o->caps;
	return 0;
}

static int _kernel(struct _oci *o, struct sjail_loc loc, const char *path, unsigned *ret_major,
		   unsigned *ret_minor)
{
	struct utsname u;

	if (!o->have_kernel && (o->opts->kernel_major || o->opts->kernel_minor)) {
		o->kernel_major = o->opts->kernel_major;
		o->kernel_minor = o->opts->kernel_minor;
		o->have_kernel = true;
	}
	if (!o->have_kernel) {
		if (uname(&u) < 0 || !_kernel_version(u.release, /* whole= */ false,
						      &o->kernel_major, &o->kernel_minor))
			return json_fail(
			    o->w, loc, path,
			    "cannot tell the running kernel's version from uname: give "
			    "it with --kernel X.Y");
		o->have_kernel = true;
	}
	o->profile->oci.kernel = true;
	o->profile->oci.kernel_major = o->kernel_major;
	o->profile->oci.kernel_minor = o->kernel_minor;
	*ret_major = o->kernel_major;
	*ret_minor = o->kernel_minor;
	return 0;
}

/*
 * An array of non-empty strings (null: none), each "a syscall name" (one);
 * "syscall names" (many). On success *ret is the array node, NULL for null.
 */
static int _strings(const struct json_walker *w, const struct json_node *node, const char *path,
		    const char *one, const char *many, const struct json_node **ret)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];

	if (node->type == JSON_NULL) {
		*ret = NULL;
		return 0;
	}
	if (node->type != JSON_ARRAY)
		return json_fail(w, node->loc, path, "expected an array of %s, got %s", many,
				 json_describe(w, node, got, sizeof(got)));
	for (size_t i = 0; i < node->n; i++) {
		const struct json_node *s = &node->kids[i];

		json_sub_index(sub, sizeof(sub), path, i);
		if (s->type != JSON_STRING || s->len == 0)
			return json_fail(w, s->loc, sub, "expected %s, got %s", one,
					 json_describe(w, s, got, sizeof(got)));
		if (memchr(json_text(w, s), '\0', s->len))
			return json_fail(w, s->loc, sub, "name %s contains a NUL byte",
					 json_quote(w, s, got, sizeof(got)));
	}
	*ret = node;
	return 0;
}

/* The index in _archs of an SCMP_ARCH_* string node. */
static int _arch(const struct json_walker *w, const struct json_node *node, const char *path,
		 size_t *ret)
{
	char got[JSON_QUOTE_MAX + 2];

	for (size_t i = 0; i < ELEMENTSOF(_archs); i++)
		if (json_is(w, node, _archs[i].scmp)) {
			*ret = i;
			return 0;
		}
	return json_fail(w, node->loc, path,
			 "unknown architecture %s (expected an SCMP_ARCH_* name such as "
			 "'SCMP_ARCH_X86_64', 'SCMP_ARCH_X86' or 'SCMP_ARCH_AARCH64')",
			 json_quote(w, node, got, sizeof(got)));
}

/* Adds ABI _archs[i] to the filter, once. */
static int _abi_add(struct _oci *o, size_t i)
{
	struct sjail_filter *f = o->filter;
	char **abis;

	if (!_archs[i].abi)
		return 0;
	for (size_t k = 0; k < f->nabis; k++)
		if (strcmp(f->abis[k], _archs[i].abi) == 0)
			return 0;
	abis = realloc(f->abis, (f->nabis + 1) * sizeof(*abis));
	if (!abis)
		return json_oom(o->w);
	f->abis = abis;
	f->abis[f->nabis] = strdup(_archs[i].abi);
	if (!f->abis[f->nabis])
		return json_oom(o->w);
	f->nabis++;
	return 0;
}

static int _walk_architectures(struct _oci *o, const struct json_node *node, const char *path)
{
	const struct json_node *list;
	char sub[JSON_PATH_MAX];
	int r;

	r = _strings(o->w, node, path, "an SCMP_ARCH_* name", "SCMP_ARCH_* names", &list);
	for (size_t i = 0; r == 0 && list && i < list->n; i++) {
		size_t a;

		json_sub_index(sub, sizeof(sub), path, i);
		r = _arch(o->w, &list->kids[i], sub, &a);
		if (r == 0)
			r = _abi_add(o, a);
	}
	return r;
}

static const struct json_key _archmap_keys[] = {{"architecture", 0}, {"subArchitectures", 1}};

/* Docker's archMap: the entry of the target gives it and its subarchitectures. */
static int _walk_archmap(struct _oci *o, const struct json_node *node, const char *path)
{
	const struct json_walker *w = o->w;
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX], key[JSON_PATH_MAX];
	bool found = false;
	int r;

	if (node->type == JSON_NULL)
		return 0;
	if (node->type != JSON_ARRAY)
		return json_fail(w, node->loc, path,
				 "expected an array of architecture maps, got %s",
				 json_describe(w, node, got, sizeof(got)));
	for (size_t i = 0; i < node->n; i++) {
		const struct json_node *entry = &node->kids[i], *subs = NULL;
		size_t seen[2] = {JSON_NONE, JSON_NONE}, arch = 0;
		unsigned slot;

		json_sub_index(sub, sizeof(sub), path, i);
		if (entry->type != JSON_OBJECT)
			return json_fail(w, entry->loc, sub,
					 "expected an object with 'architecture' and "
					 "'subArchitectures', got %s",
					 json_describe(w, entry, got, sizeof(got)));
		for (size_t k = 0; k < entry->n / 2; k++) {
			const struct json_node *value = &entry->kids[2 * k + 1];

			r = json_member(w, entry, k, sub, _archmap_keys, ELEMENTSOF(_archmap_keys),
					"'architecture' or 'subArchitectures'", seen, &slot, key,
					sizeof(key));
			if (r < 0)
				return r;
			if (slot == 1) {
				r = _strings(w, value, key, "an SCMP_ARCH_* name",
					     "SCMP_ARCH_* names", &subs);
				for (size_t s = 0; r == 0 && subs && s < subs->n; s++) {
					char at[JSON_PATH_MAX];
					size_t ignored;

					json_sub_index(at, sizeof(at), key, s);
					r = _arch(w, &subs->kids[s], at, &ignored);
				}
			} else if (value->type != JSON_STRING) {
				r = json_fail(w, value->loc, key,
					      "expected an SCMP_ARCH_* name, got %s",
					      json_describe(w, value, got, sizeof(got)));
			} else {
				r = _arch(w, value, key, &arch);
			}
			if (r < 0)
				return r;
		}
		r = json_missing(w, entry, sub, _archmap_keys, ELEMENTSOF(_archmap_keys), seen, 1);
		if (r < 0)
			return r;
		/* The first entry of the target counts, as in Docker. */
		if (found || !_archs[arch].abi || strcmp(_archs[arch].abi, o->target->name) != 0)
			continue;
		found = true;
		r = _abi_add(o, arch);
		for (size_t s = 0; r == 0 && subs && s < subs->n; s++) {
			size_t a = 0;

			_arch(w, &subs->kids[s], sub, &a);
			r = _abi_add(o, a);
		}
		if (r < 0)
			return r;
	}
	return 0;
}

static int _walk_flags(struct _oci *o, const struct json_node *node, const char *path)
{
	const struct json_walker *w = o->w;
	const struct json_node *list;
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	int r;

	r = _strings(w, node, path, "a SECCOMP_FILTER_FLAG_* name", "SECCOMP_FILTER_FLAG_* names",
		     &list);
	for (size_t i = 0; r == 0 && list && i < list->n; i++) {
		const struct json_node *s = &list->kids[i];
		size_t k;

		json_sub_index(sub, sizeof(sub), path, i);
		for (k = 0; k < ELEMENTSOF(_flags); k++)
			if (json_is(w, s, _flags[k].name))
				break;
		if (k < ELEMENTSOF(_flags)) {
			o->filter->install_flags |= _flags[k].flag;
			continue;
		}
		if (json_is(w, s, "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"))
			return json_fail(w, s->loc, sub,
					 "flag 'SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV' is not "
					 "supported: it is for seccomp agents, and sjail hands its "
					 "listener to none (runc refuses it too)");
		return json_fail(w, s->loc, sub,
				 "unknown flag %s (expected 'SECCOMP_FILTER_FLAG_TSYNC', "
				 "'SECCOMP_FILTER_FLAG_LOG' or 'SECCOMP_FILTER_FLAG_SPEC_ALLOW')",
				 json_quote(w, s, got, sizeof(got)));
	}
	return r;
}

/* An action name; *ret without data (ERRNO and TRACE get theirs later). */
static int _walk_action(const struct json_walker *w, const struct json_node *node, const char *path,
			uint32_t *ret)
{
	char got[JSON_QUOTE_MAX + 2];

	for (size_t i = 0; i < ELEMENTSOF(_actions); i++)
		if (json_is(w, node, _actions[i].name)) {
			*ret = _actions[i].action;
			return 0;
		}
	return json_fail(w, node->loc, path, _EXPECTED_ACTION ", got %s",
			 json_describe(w, node, got, sizeof(got)));
}

/*
 * The action with its errno or trace value: errnoRet (errno_node, NULL
 * when absent) or EPERM. An errnoRet on any other action is an error, as
 * the spec asks ("the runtime MUST print an error and fail").
 */
static int _action_data(const struct json_walker *w, uint32_t *action,
			const struct json_node *errno_node, const char *errno_path)
{
	uint64_t v = 1; /* EPERM */
	int r;

	if (*action != SECCOMP_RET_ERRNO && *action != SECCOMP_RET_TRACE) {
		if (errno_node)
			return json_fail(w, errno_node->loc, errno_path,
					 "an errno return is for SCMP_ACT_ERRNO and SCMP_ACT_TRACE "
					 "only");
		return 0;
	}
	if (errno_node) {
		if (*action == SECCOMP_RET_ERRNO)
			r = json_walk_uint(w, errno_node, errno_path, 4095, "errno", &v);
		else
			r = json_walk_uint(w, errno_node, errno_path, 65535, "trace", &v);
		if (r < 0)
			return r;
	}
	*action |= (uint32_t)v;
	return 0;
}

static const struct json_key _arg_keys[] = {{"index", 0}, {"value", 1}, {"valueTwo", 2}, {"op", 3}};

/*
 * One condition. The comparisons are 64-bit, as libseccomp makes them on
 * 64-bit ABIs. MASKED_EQ: value is the mask, valueTwo the datum (0 when
 * absent). *ret_never: the condition can never hold (a datum with bits
 * outside the mask: libseccomp compares the masked argument with the datum
 * as it is, where sjail's masked_eq masks both).
 */
static int _walk_arg(const struct json_walker *w, const struct json_node *node, const char *path,
		     struct sjail_cond *c, bool *ret_never)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[4] = {JSON_NONE, JSON_NONE, JSON_NONE, JSON_NONE};
	uint64_t v, two = 0;
	unsigned slot;
	int r;

	if (node->type != JSON_OBJECT)
		return json_fail(
		    w, node->loc, path,
		    "expected a condition object with 'index', 'value' and 'op', got %s",
		    json_describe(w, node, got, sizeof(got)));
	*c = (struct sjail_cond){.width = 64, .loc = node->loc};
	for (size_t i = 0; i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1];

		r = json_member(w, node, i, path, _arg_keys, ELEMENTSOF(_arg_keys),
				"'index', 'value', 'valueTwo' or 'op'", seen, &slot, sub,
				sizeof(sub));
		if (r < 0)
			return r;
		switch (slot) {
		case 0:
			r = json_walk_uint(w, value, sub, 5, NULL, &v);
			c->index = (uint8_t)v;
			break;
		case 1:
			r = json_walk_uint(w, value, sub, UINT64_MAX, NULL, &c->val);
			break;
		case 2:
			r = json_walk_uint(w, value, sub, UINT64_MAX, NULL, &two);
			break;
		default: {
			size_t k = 0;

			while (k < ELEMENTSOF(_ops) && !json_is(w, value, _ops[k].name))
				k++;
			if (k == ELEMENTSOF(_ops))
				r = json_fail(w, value->loc, sub, _EXPECTED_OP ", got %s",
					      json_describe(w, value, got, sizeof(got)));
			else
				c->op = _ops[k].op;
			break;
		}
		}
		if (r < 0)
			return r;
	}
	/* "index", "value" and "op" are required; "op" is slot 3. */
	r = json_missing(w, node, path, _arg_keys, ELEMENTSOF(_arg_keys), seen, 2);
	if (r == 0 && seen[3] == JSON_NONE)
		r = json_fail(w, node->loc, path, "missing key 'op'");
	if (r < 0)
		return r;
	*ret_never = false;
	if (c->op == SJAIL_OP_MASKED_EQ) {
		c->mask = c->val;
		c->val = two;
		*ret_never = (two & ~c->mask) != 0;
	}
	return 0;
}

static const struct json_key _filter_keys[] = {{"caps", 0}, {"arches", 1}, {"minKernel", 2}};

/*
 * Docker's includes (include) or excludes (!include). *ret_keep: false
 * when the entry is dropped. Every key is checked even when an earlier one
 * decides.
 */
static int _walk_selector(struct _oci *o, const struct json_node *node, const char *path,
			  bool include, bool *ret_keep)
{
	const struct json_walker *w = o->w;
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[3] = {JSON_NONE, JSON_NONE, JSON_NONE};
	const char *arch = _docker_arch(o->target);
	bool keep = true;
	unsigned slot;
	int r;

	if (node->type == JSON_NULL) {
		*ret_keep = true;
		return 0;
	}
	if (node->type != JSON_OBJECT)
		return json_fail(w, node->loc, path,
				 "expected an object with 'caps', 'arches' or 'minKernel', got %s",
				 json_describe(w, node, got, sizeof(got)));
	for (size_t i = 0; i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1], *list = NULL;

		r = json_member(w, node, i, path, _filter_keys, ELEMENTSOF(_filter_keys),
				"'caps', 'arches' or 'minKernel'", seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		if (slot == 0) {
			uint64_t caps = 0;
			bool all = true, any = false;

			r = _strings(w, value, sub, "a capability name", "capability names", &list);
			if (r < 0)
				return r;
			if (!list || list->n == 0)
				continue;
			r = _caps(o, value->loc, sub, &caps);
			for (size_t k = 0; r == 0 && k < list->n; k++) {
				const struct json_node *s = &list->kids[k];
				int n = _cap_number(json_text(w, s), s->len);
				char at[JSON_PATH_MAX];

				if (n < 0) {
					json_sub_index(at, sizeof(at), sub, k);
					r = _warn(o, s->loc, at,
						  "unknown capability %s: it is never in the "
						  "set",
						  json_quote(w, s, got, sizeof(got)));
				}
				if (n >= 0 && (caps >> n & 1))
					any = true;
				else
					all = false;
			}
			if (r < 0)
				return r;
			/* Docker: includes need every capability, excludes any one. */
			if (include ? !all : any)
				keep = false;
		} else if (slot == 1) {
			bool in = false;

			r = _strings(w, value, sub, "an architecture name", "architecture names",
				     &list);
			if (r < 0)
				return r;
			for (size_t k = 0; list && arch && k < list->n; k++)
				in |= json_is(w, &list->kids[k], arch);
			if (list && list->n && (include ? !in : in))
				keep = false;
		} else {
			unsigned want_major, want_minor, major = 0, minor = 0;
			bool at_least;

			if (value->type != JSON_STRING ||
			    !_kernel_version(json_text(w, value), /* whole= */ true, &want_major,
					     &want_minor))
				return json_fail(
				    w, value->loc, sub,
				    "expected a kernel version 'X.Y' (like '5.8'), got %s",
				    json_describe(w, value, got, sizeof(got)));
			r = _kernel(o, value->loc, sub, &major, &minor);
			if (r < 0)
				return r;
			at_least =
			    major > want_major || (major == want_major && minor >= want_minor);
			if (include ? !at_least : at_least)
				keep = false;
		}
	}
	*ret_keep = keep;
	return 0;
}

/* Appends a rule: name (node) of entry (at path), conds[0..n) (copied), action. */
static int _add_rule(struct _oci *o, const struct json_node *entry, const char *path,
		     const struct json_node *name, const char *name_path,
		     const struct json_node *comment, const struct sjail_cond *conds, size_t n,
		     uint32_t action)
{
	const struct json_walker *w = o->w;
	struct sjail_filter *f = o->filter;
	struct sjail_rule *rule;

	if (f->nrules == SJAIL_MAX_RULES)
		return json_fail(w, name->loc, name_path,
				 "too many rules: an OCI profile may give at most %d (a rule per "
				 "name, and per condition when conditions share an argument)",
				 SJAIL_MAX_RULES);
	if (f->nrules == o->rules_cap) {
		size_t cap = o->rules_cap ? 2 * o->rules_cap : 64;
		struct sjail_rule *rules = realloc(f->rules, cap * sizeof(*rules));

		if (!rules)
			return json_oom(w);
		f->rules = rules;
		o->rules_cap = cap;
	}
	rule = &f->rules[f->nrules++];
	*rule = (struct sjail_rule){
	    .loc = entry->loc,
	    .syscall_loc = name->loc,
	    .action = action,
	    .lenient = true,
	    .nconds = n,
	};
	rule->syscall = strdup(json_text(w, name));
	rule->path = strdup(path);
	rule->syscall_path = strdup(name_path);
	rule->comment = comment ? strdup(json_text(w, comment)) : NULL;
	rule->conds = n ? calloc(n, sizeof(*conds)) : NULL;
	if (!rule->syscall || !rule->path || !rule->syscall_path || (comment && !rule->comment) ||
	    (n && !rule->conds))
		return json_oom(w);
	if (n)
		memcpy(rule->conds, conds, n * sizeof(*conds));
	return 0;
}

static const struct json_key _syscall_keys[] = {
    {"names", 0}, {"name", 1},	  {"action", 2},   {"errnoRet", 3},
    {"args", 4},  {"comment", 5}, {"includes", 6}, {"excludes", 7},
};

static int _walk_syscall(struct _oci *o, const struct json_node *node, const char *path)
{
	const struct json_walker *w = o->w;
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX], names_path[JSON_PATH_MAX] = "",
							  errno_path[JSON_PATH_MAX] = "";
	size_t seen[8], nconds = 0;
	const struct json_node *names = NULL, *errno_node = NULL, *comment = NULL, *args = NULL;
	struct sjail_cond *conds = NULL;
	bool *never = NULL, keep = true, split = false;
	uint32_t action = 0;
	unsigned slot, count[6] = {0};
	int r = 0;

	for (size_t i = 0; i < ELEMENTSOF(seen); i++)
		seen[i] = JSON_NONE;
	if (node->type != JSON_OBJECT)
		return json_fail(
		    w, node->loc, path,
		    "expected a syscall entry object with 'names' and 'action', got %s",
		    json_describe(w, node, got, sizeof(got)));

	for (size_t i = 0; r == 0 && i < node->n / 2; i++) {
		const struct json_node *value = &node->kids[2 * i + 1];
		bool k = true;

		r = json_member(w, node, i, path, _syscall_keys, ELEMENTSOF(_syscall_keys),
				"'names', 'name', 'action', 'errnoRet', 'args', 'comment', "
				"'includes' or 'excludes'",
				seen, &slot, sub, sizeof(sub));
		if (r < 0)
			break;
		switch (slot) {
		case 0:
			r = _strings(w, value, sub, "a syscall name", "syscall names", &names);
			if (r == 0 && (!names || names->n == 0))
				r = json_fail(w, value->loc, sub,
					      "expected at least one syscall name");
			if (r == 0 && seen[1] != JSON_NONE)
				r = json_fail(w, node->kids[2 * i].loc, sub,
					      "'name' and 'names' both given: use one");
			snprintf(names_path, sizeof(names_path), "%s", sub);
			break;
		case 1:
			if (value->type != JSON_STRING || value->len == 0)
				r = json_fail(w, value->loc, sub, "expected a syscall name, got %s",
					      json_describe(w, value, got, sizeof(got)));
			else if (memchr(json_text(w, value), '\0', value->len))
				r = json_fail(w, value->loc, sub, "name %s contains a NUL byte",
					      json_quote(w, value, got, sizeof(got)));
			else if (seen[0] != JSON_NONE)
				r = json_fail(w, node->kids[2 * i].loc, sub,
					      "'name' and 'names' both given: use one");
			names = value;
			snprintf(names_path, sizeof(names_path), "%s", sub);
			break;
		case 2:
			r = _walk_action(w, value, sub, &action);
			break;
		case 3:
			/* Checked with the action, which may come later. */
			errno_node = value;
			snprintf(errno_path, sizeof(errno_path), "%s", sub);
			break;
		case 4:
			if (value->type == JSON_NULL)
				break;
			if (value->type != JSON_ARRAY) {
				r = json_fail(w, value->loc, sub,
					      "expected an array of conditions, got %s",
					      json_describe(w, value, got, sizeof(got)));
				break;
			}
			if (value->n > SJAIL_MAX_CONDS) {
				r = json_fail(w, value->kids[SJAIL_MAX_CONDS].loc, sub,
					      "too many conditions: an entry may have at most %d",
					      SJAIL_MAX_CONDS);
				break;
			}
			args = value;
			conds = calloc(value->n ? value->n : 1, sizeof(*conds));
			never = calloc(value->n ? value->n : 1, sizeof(*never));
			if (!conds || !never) {
				r = json_oom(w);
				break;
			}
			for (size_t c = 0; r == 0 && c < value->n; c++) {
				char at[JSON_PATH_MAX];

				json_sub_index(at, sizeof(at), sub, c);
				r = _walk_arg(w, &value->kids[c], at, &conds[c], &never[c]);
				if (r == 0 && ++count[conds[c].index] > 1)
					split = true;
			}
			nconds = value->n;
			break;
		case 5:
			if (value->type != JSON_STRING)
				r = json_fail(w, value->loc, sub, "expected a string, got %s",
					      json_describe(w, value, got, sizeof(got)));
			comment = value;
			break;
		default:
			r = _walk_selector(o, value, sub, slot == 6, &k);
			keep = keep && k;
			break;
		}
	}
	if (r == 0 && seen[0] == JSON_NONE && seen[1] == JSON_NONE)
		r = json_fail(w, node->loc, path, "missing key 'names'");
	if (r == 0 && seen[2] == JSON_NONE)
		r = json_fail(w, node->loc, path, "missing key 'action'");
	if (r == 0)
		r = _action_data(w, &action, errno_node, errno_path);
	if (r < 0)
		goto out;
	if (!keep) {
		o->profile->oci.dropped++;
		goto out;
	}

	for (size_t n = 0; r == 0 && n < (names->type == JSON_ARRAY ? names->n : 1); n++) {
		const struct json_node *name = names->type == JSON_ARRAY ? &names->kids[n] : names;
		char name_path[JSON_PATH_MAX];

		snprintf(name_path, sizeof(name_path), "%s", names_path);
		if (names->type == JSON_ARRAY)
			json_path_add_index(name_path, sizeof(name_path), n);
		if (!split) {
			bool holds = true;

			for (size_t c = 0; c < nconds; c++)
				holds = holds && !never[c];
			if (holds)
				r = _add_rule(o, node, path, name, name_path, comment, conds,
					      nconds, action);
			continue;
		}
		/* runc: when an argument is tested twice, every condition is a rule of its own. */
		for (size_t c = 0; r == 0 && c < nconds; c++)
			if (!never[c])
				r = _add_rule(o, node, path, name, name_path, comment, &conds[c], 1,
					      action);
	}
	/* One warning per condition that can never hold, at the condition. */
	for (size_t c = 0; r == 0 && c < nconds; c++) {
		char at[JSON_PATH_MAX];

		if (!never[c])
			continue;
		json_sub_key(w, at, sizeof(at), path, &node->kids[2 * seen[4]]);
		json_path_add_index(at, sizeof(at), c);
		r = _warn(o, args->kids[c].loc, at,
			  "SCMP_CMP_MASKED_EQ can never hold: valueTwo 0x%" PRIx64
			  " has bits outside the mask 0x%" PRIx64 "; %s left out",
			  conds[c].val, conds[c].mask,
			  split ? "this condition's rule is" : "the entry's rules are");
	}
out:
	free(conds);
	free(never);
	return r;
}

static int _walk_syscalls(struct _oci *o, const struct json_node *node, const char *path)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	int r;

	if (node->type == JSON_NULL)
		return 0;
	if (node->type != JSON_ARRAY)
		return json_fail(o->w, node->loc, path,
				 "expected an array of syscall entries, got %s",
				 json_describe(o->w, node, got, sizeof(got)));
	for (size_t i = 0; i < node->n; i++) {
		json_sub_index(sub, sizeof(sub), path, i);
		r = _walk_syscall(o, &node->kids[i], sub);
		if (r < 0)
			return r;
	}
	return 0;
}

static const struct json_key _top_keys[] = {
    {"defaultAction", 0},    {"defaultErrnoRet", 1}, {"architectures", 2},
    {"archMap", 3},	     {"flags", 4},	     {"listenerPath", 5},
    {"listenerMetadata", 6}, {"syscalls", 7},	     {"comment", 8},
};

bool oci_detect(const struct json_walker *w, const struct json_node *root)
{
	if (root->type != JSON_OBJECT)
		return false;
	for (size_t i = 0; i < root->n / 2; i++) {
		const struct json_node *key = &root->kids[2 * i], *value = &root->kids[2 * i + 1];

		/* A seccompiler filter is an object: a "syscalls" array is no filter. */
		if (json_is(w, key, "defaultAction") ||
		    (json_is(w, key, "syscalls") && value->type == JSON_ARRAY))
			return true;
	}
	return false;
}

/*
 * The action most rules have: what a seccompiler match_action would be
 * (sjail convert writes it so). Allow when there are no rules; never the
 * default action.
 */
static uint32_t _match_action(const struct sjail_filter *f)
{
	uint32_t best =
	    f->mismatch_action == SECCOMP_RET_ALLOW ? SECCOMP_RET_ERRNO | 1 : SECCOMP_RET_ALLOW;
	size_t best_count = 0;

	for (size_t i = 0; i < f->nrules; i++) {
		size_t count = 0;

		for (size_t j = 0; j < f->nrules; j++)
			count += f->rules[j].action == f->rules[i].action;
		if (count > best_count) {
			best = f->rules[i].action;
			best_count = count;
		}
	}
	return best;
}

int oci_walk(const struct json_walker *w, const struct json_node *root,
	     const struct sjail_load_options *opts, struct sjail_profile *profile)
{
	char got[JSON_QUOTE_MAX + 2], sub[JSON_PATH_MAX];
	size_t seen[9];
	const struct json_node *errno_node = NULL;
	char errno_path[JSON_PATH_MAX] = "";
	struct _oci o = {
	    .w = w,
	    .opts = opts,
	    .target = opts->arch ? opts->arch : sjail_arch_native(),
	    .profile = profile,
	};
	struct sjail_filter *f;
	unsigned slot;
	size_t keep;
	int r;

	for (size_t i = 0; i < ELEMENTSOF(seen); i++)
		seen[i] = JSON_NONE;
	if (!o.target)
		return json_fail(
		    w, (struct sjail_loc){0}, "",
		    "this machine's architecture has no syscall table: choose one with "
		    "--arch");
	if (root->type != JSON_OBJECT)
		return json_fail(
		    w, root->loc, "",
		    "expected an OCI seccomp profile (an object with 'defaultAction'), "
		    "got %s",
		    json_describe(w, root, got, sizeof(got)));
	f = profile->filters = calloc(1, sizeof(*profile->filters));
	if (!f)
		return json_oom(w);
	profile->nfilters = 1;
	o.filter = f;
	f->name = strdup("oci");
	if (!f->name)
		return json_oom(w);
	f->loc = root->loc;
	profile->oci.arch = o.target;

	for (size_t i = 0; i < root->n / 2; i++) {
		const struct json_node *value = &root->kids[2 * i + 1];

		r = json_member(w, root, i, "", _top_keys, ELEMENTSOF(_top_keys),
				"'defaultAction', 'defaultErrnoRet', 'architectures', 'archMap', "
				"'flags', 'listenerPath', 'listenerMetadata', 'syscalls' or "
				"'comment'",
				seen, &slot, sub, sizeof(sub));
		if (r < 0)
			return r;
		switch (slot) {
		case 0:
			r = _walk_action(w, value, sub, &f->mismatch_action);
			if (r == 0 && f->mismatch_action == SECCOMP_RET_USER_NOTIF)
				r = json_fail(w, value->loc, sub,
					      "SCMP_ACT_NOTIFY cannot be the default action (runc "
					      "refuses it too)");
			break;
		case 1:
			errno_node = value;
			snprintf(errno_path, sizeof(errno_path), "%s", sub);
			break;
		case 2:
			r = _walk_architectures(&o, value, sub);
			break;
		case 3:
			r = _walk_archmap(&o, value, sub);
			break;
		case 4:
			r = _walk_flags(&o, value, sub);
			break;
		case 5:
		case 6:
		case 8:
			if (value->type != JSON_STRING)
				r = json_fail(w, value->loc, sub, "expected a string, got %s",
					      json_describe(w, value, got, sizeof(got)));
			else if (slot == 5 && value->len)
				r = _warn(&o, value->loc, sub,
					  "ignored: sjail hands its listener to no seccomp "
					  "agent");
			break;
		default:
			r = _walk_syscalls(&o, value, sub);
			break;
		}
		if (r < 0)
			return r;
	}
	r = json_missing(w, root, "", _top_keys, ELEMENTSOF(_top_keys), seen, 1);
	if (r < 0)
		return r;
	if (seen[2] != JSON_NONE && seen[3] != JSON_NONE && root->kids[2 * seen[2] + 1].n &&
	    root->kids[2 * seen[3] + 1].n)
		return json_fail(w, root->kids[2 * seen[3]].loc, "archMap",
				 "'architectures' and 'archMap' both given: use one (as Docker "
				 "asks)");
	r = _action_data(w, &f->mismatch_action, errno_node, errno_path);
	if (r < 0)
		return r;

	/* runc leaves out the rules whose action is the default: they would change nothing. */
	keep = 0;
	for (size_t i = 0; i < f->nrules; i++) {
		struct sjail_rule *rule = &f->rules[i];

		if (rule->action != f->mismatch_action) {
			f->rules[keep++] = *rule;
			continue;
		}
		free(rule->syscall);
		free(rule->comment);
		free(rule->conds);
		free(rule->path);
		free(rule->syscall_path);
	}
	f->nrules = keep;
	f->match_action = _match_action(f);
	return 0;
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_oci_libseccomp.c - Docker's default profile as sjail compiles it
 * against the same profile as libseccomp compiles it the way runc does,
 * both run by sjail's interpreter (bpf_run) on every x86_64, i386 and x32
 * number 0..470, with boundary arguments for the argument rules.
 *
 * The libseccomp side is built here, apart from lib/oci.c: Docker's
 * setupSeccomp() selects the entries (archMap, includes, excludes), then
 * runc's InitSeccomp(): seccomp_init(default action), seccomp_arch_add()
 * for each architecture, SCMP_FLTATR_CTL_OPTIMIZE 2 (more than 32 rules),
 * and for each name matchCall(): skip a rule whose action is the default,
 * skip a name libseccomp cannot resolve, one seccomp_rule_add_array() with
 * every condition, or one per condition when an argument is tested twice.
 * Only the JSON parser (lib/json.c) is shared.
 *
 * Where the two disagree, the cause must be one of these, and each is
 * counted and printed:
 *   - a name libseccomp 2.5.4 has no number for on that ABI (it is newer
 *     than 2.5.4, or 2.5.4's table leaves it out of that ABI): runc leaves
 *     the rule out there, so libseccomp answers with the default where
 *     sjail allows (the lists of such names must be exactly the expected
 *     ones);
 *   - an i386 or x32 call whose argument has its high half set:
 *     libseccomp takes both for 32-bit ABIs and compares the low 32 bits
 *     only (its x32 arch_def has ARCH_SIZE_32), sjail all 64 bits, as the
 *     spec's uint64 values say. The kernel zero-extends i386 arguments, so
 *     such an i386 call never happens; an x32 process can make one (its
 *     registers are 64-bit), and then the two differ in both directions.
 * Any other difference fails the test.
 *
 * Built only when pkg-config finds libseccomp (a test-only dependency).
 */
#include <errno.h>
#include <seccomp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"
#include "json.h"

#define DOCKER SHARED_DIR "/profiles/docker/default.json"
#define MAX_NR 470
#define X32_BIT 0x40000000u

/* Docker's default capabilities for a container (moby's oci/caps/defaults.go). */
static const char *const docker_caps[] = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_FSETID",
    "CAP_FOWNER",
    "CAP_MKNOD",
    "CAP_NET_RAW",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETFCAP",
    "CAP_SETPCAP",
    "CAP_NET_BIND_SERVICE",
    "CAP_SYS_CHROOT",
    "CAP_KILL",
    "CAP_AUDIT_WRITE",
    NULL,
};
/* The same plus the ones Docker's profile asks about: what --privileged-ish containers get. */
static const char *const more_caps[] = {
    "CAP_CHOWN",
    "CAP_KILL",
    "CAP_SYS_ADMIN",
    "CAP_SYS_PTRACE",
    "CAP_SYS_BOOT",
    "CAP_SYS_CHROOT",
    "CAP_SYS_MODULE",
    "CAP_SYS_PACCT",
    "CAP_SYS_RAWIO",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_SYS_NICE",
    "CAP_SYSLOG",
    "CAP_BPF",
    "CAP_PERFMON",
    "CAP_DAC_READ_SEARCH",
    NULL,
};

/*
 * The names of the entries Docker's default keeps for amd64 that
 * libseccomp 2.5.4 cannot resolve, so runc leaves them out: syscalls newer
 * than it (Linux 6.7 on), and riscv_hwprobe, which no x86 ABI has.
 */
#define UNKNOWN_TO_2_5_4                                                                           \
	"getxattrat listmount listxattrat mseal removexattrat riscv_hwprobe setxattrat statmount " \
	"uretprobe"
#define LSM " lsm_get_self_attr lsm_list_modules lsm_set_self_attr"

/*
 * The ABI:name pairs whose verdicts differ for that reason (sjail allows,
 * libseccomp gives the default): the names above where sjail's tables have
 * them (on i386 the *xattrat calls are numbered below 470, on x86_64 and
 * x32 the tables do not have them yet), and map_shadow_stack on x32, which
 * the kernel's table gives x32 ("common") and libseccomp 2.5.4 does not.
 */
#define DIFFER(lsm_x86_64, lsm_i386, lsm_x32)                                                      \
	"x86_64:uretprobe x86_64:statmount x86_64:listmount" lsm_x86_64 " x86_64:mseal "           \
	"i386:statmount i386:listmount" lsm_i386 " i386:mseal i386:setxattrat i386:getxattrat "    \
	"i386:listxattrat i386:removexattrat x32:uretprobe x32:map_shadow_stack x32:statmount "    \
	"x32:listmount" lsm_x32 " x32:mseal"

/* ---- the DOM, read as Docker does -------------------------------------- */

static struct json_walker w;

static const struct json_node *member(const struct json_node *obj, const char *key)
{
	if (!obj || obj->type != JSON_OBJECT)
		return NULL;
	for (size_t i = 0; i < obj->n / 2; i++)
		if (json_is(&w, &obj->kids[2 * i], key))
			return &obj->kids[2 * i + 1];
	return NULL;
}

static bool in_list(const struct json_node *list, const char *s)
{
	for (size_t i = 0; list && list->type == JSON_ARRAY && i < list->n; i++)
		if (json_is(&w, &list->kids[i], s))
			return true;
	return false;
}

static bool in_names(const char *const *names, const struct json_node *s)
{
	for (; *names; names++)
		if (json_is(&w, s, *names))
			return true;
	return false;
}

static size_t count(const struct json_node *list)
{
	return list && list->type == JSON_ARRAY ? list->n : 0;
}

/* Docker's setupSeccomp() for amd64, kernel 6.1 and caps: keep this entry? */
static bool docker_keeps(const struct json_node *entry, const char *const *caps)
{
	const struct json_node *inc = member(entry, "includes"), *exc = member(entry, "excludes");
	const struct json_node *kernel;

	if (in_list(member(exc, "arches"), "amd64"))
		return false;
	for (size_t i = 0; i < count(member(exc, "caps")); i++)
		if (in_names(caps, &member(exc, "caps")->kids[i]))
			return false;
	kernel = member(exc, "minKernel");
	if (kernel) {
		unsigned a, b;

		CHECK(sscanf(json_text(&w, kernel), "%u.%u", &a, &b) == 2);
		if (a < 6 || (a == 6 && b <= 1))
			return false;
	}
	if (count(member(inc, "arches")) && !in_list(member(inc, "arches"), "amd64"))
		return false;
	for (size_t i = 0; i < count(member(inc, "caps")); i++)
		if (!in_names(caps, &member(inc, "caps")->kids[i]))
			return false;
	kernel = member(inc, "minKernel");
	if (kernel) {
		unsigned a, b;

		CHECK(sscanf(json_text(&w, kernel), "%u.%u", &a, &b) == 2);
		if (a > 6 || (a == 6 && b > 1))
			return false;
	}
	return true;
}

static uint32_t scmp_arch(const struct json_node *s)
{
	if (json_is(&w, s, "SCMP_ARCH_X86_64"))
		return SCMP_ARCH_X86_64;
	if (json_is(&w, s, "SCMP_ARCH_X86"))
		return SCMP_ARCH_X86;
	if (json_is(&w, s, "SCMP_ARCH_X32"))
		return SCMP_ARCH_X32;
	CHECK(!"an architecture the x86_64 entry should not have");
	return 0;
}

/* runc's getAction(). */
static uint32_t scmp_action(const struct json_node *action, const struct json_node *errno_ret)
{
	uint32_t data = errno_ret ? (uint32_t)errno_ret->u : EPERM;

	if (json_is(&w, action, "SCMP_ACT_ERRNO"))
		return SCMP_ACT_ERRNO(data);
	if (json_is(&w, action, "SCMP_ACT_TRACE"))
		return SCMP_ACT_TRACE(data);
	if (json_is(&w, action, "SCMP_ACT_ALLOW"))
		return SCMP_ACT_ALLOW;
	if (json_is(&w, action, "SCMP_ACT_LOG"))
		return SCMP_ACT_LOG;
	if (json_is(&w, action, "SCMP_ACT_KILL") || json_is(&w, action, "SCMP_ACT_KILL_THREAD"))
		return SCMP_ACT_KILL_THREAD;
	if (json_is(&w, action, "SCMP_ACT_KILL_PROCESS"))
		return SCMP_ACT_KILL_PROCESS;
	if (json_is(&w, action, "SCMP_ACT_TRAP"))
		return SCMP_ACT_TRAP;
	CHECK(!"an action Docker's default should not have");
	return SCMP_ACT_KILL_PROCESS;
}

static enum scmp_compare scmp_op(const struct json_node *op)
{
	static const struct {
		const char *name;
		enum scmp_compare op;
	} ops[] = {
	    {"SCMP_CMP_NE", SCMP_CMP_NE},
	    {"SCMP_CMP_LT", SCMP_CMP_LT},
	    {"SCMP_CMP_LE", SCMP_CMP_LE},
	    {"SCMP_CMP_EQ", SCMP_CMP_EQ},
	    {"SCMP_CMP_GE", SCMP_CMP_GE},
	    {"SCMP_CMP_GT", SCMP_CMP_GT},
	    {"SCMP_CMP_MASKED_EQ", SCMP_CMP_MASKED_EQ},
	};

	for (size_t i = 0; i < ELEMENTSOF(ops); i++)
		if (json_is(&w, op, ops[i].name))
			return ops[i].op;
	CHECK(!"an operator Docker's default should not have");
	return SCMP_CMP_EQ;
}

/*
 * Builds Docker's default for caps the way runc does and exports it; the
 * names libseccomp could not resolve are appended to unknown.
 */
static struct sock_filter *libseccomp_program(const struct json_node *root, const char *const *caps,
					      size_t *ret_len, char *unknown, size_t unknown_len)
{
	const struct json_node *map = member(root, "archMap"), *calls = member(root, "syscalls");
	uint32_t dflt = scmp_action(member(root, "defaultAction"), member(root, "defaultErrnoRet"));
	struct sock_filter *insns = NULL;
	scmp_filter_ctx ctx = seccomp_init(dflt);
	size_t nrules = 0;
	off_t size;
	int fd = memfd_create("scmp", MFD_CLOEXEC);

	CHECK(ctx != NULL && fd >= 0);
	if (!ctx || fd < 0)
		goto out;
	/* archMap: the entry of amd64 and its subarchitectures (the native one is there). */
	for (size_t i = 0; i < count(map); i++) {
		const struct json_node *e = &map->kids[i], *subs = member(e, "subArchitectures");
		int r;

		if (!json_is(&w, member(e, "architecture"), "SCMP_ARCH_X86_64"))
			continue;
		r = seccomp_arch_add(ctx, SCMP_ARCH_X86_64);
		CHECK(r == 0 || r == -EEXIST);
		for (size_t k = 0; k < count(subs); k++)
			CHECK_INT(seccomp_arch_add(ctx, scmp_arch(&subs->kids[k])), 0);
		break;
	}
	for (size_t i = 0; i < count(calls); i++)
		nrules += count(member(&calls->kids[i], "names"));
	if (nrules > 32)
		CHECK_INT(seccomp_attr_set(ctx, SCMP_FLTATR_CTL_OPTIMIZE, 2), 0);

	for (size_t i = 0; i < count(calls); i++) {
		const struct json_node *e = &calls->kids[i], *names = member(e, "names"),
				       *args = member(e, "args");
		uint32_t action = scmp_action(member(e, "action"), member(e, "errnoRet"));
		struct scmp_arg_cmp cmps[6];
		unsigned seen = 0, ncmps = 0;
		bool split = false;

		if (!docker_keeps(e, caps) || action == dflt)
			continue;
		for (size_t k = 0; k < count(args); k++) {
			const struct json_node *a = &args->kids[k], *two = member(a, "valueTwo");
			unsigned index = (unsigned)member(a, "index")->u;

			CHECK(ncmps < 6);
			if (ncmps == 6)
				break;
			split |= (seen >> index) & 1;
			seen |= 1u << index;
			cmps[ncmps++] = (struct scmp_arg_cmp){
			    .arg = index,
			    .op = scmp_op(member(a, "op")),
			    .datum_a = member(a, "value")->u,
			    .datum_b = two ? two->u : 0,
			};
		}
		for (size_t n = 0; n < count(names); n++) {
			const char *name = json_text(&w, &names->kids[n]);
			int nr = seccomp_syscall_resolve_name(name);

			if (nr == __NR_SCMP_ERROR) {
				if (!strstr(unknown, name))
					snprintf(unknown + strlen(unknown),
						 unknown_len - strlen(unknown), "%s%s",
						 unknown[0] ? " " : "", name);
				continue;
			}
			if (!split) {
				CHECK_INT(seccomp_rule_add_array(ctx, action, nr, ncmps, cmps), 0);
				continue;
			}
			for (unsigned k = 0; k < ncmps; k++)
				CHECK_INT(seccomp_rule_add_array(ctx, action, nr, 1, &cmps[k]), 0);
		}
	}
	CHECK_INT(seccomp_export_bpf(ctx, fd), 0);
	size = lseek(fd, 0, SEEK_CUR);
	CHECK(size > 0 && size % 8 == 0);
	if (size <= 0)
		goto out;
	insns = malloc((size_t)size);
	if (insns && pread(fd, insns, (size_t)size, 0) != size) {
		free(insns);
		insns = NULL;
	}
	*ret_len = (size_t)size / sizeof(*insns);
out:
	if (fd >= 0)
		close(fd);
	seccomp_release(ctx);
	return insns;
}

/* ---- the comparison ---------------------------------------------------- */

struct tally {
	unsigned long long verdicts, unknown_name, i386_high, x32_high, other;
};

/* The ABI that owns a call, for messages and the categories. */
static const struct sjail_arch *abi_of(const struct seccomp_data *d)
{
	if (d->arch == AUDIT_ARCH_I386)
		return &sjail_arch_i386;
	return (uint32_t)d->nr & X32_BIT ? &sjail_arch_x32 : &sjail_arch_x86_64;
}

/* The libseccomp token of an ABI. */
static uint32_t token(const struct sjail_arch *abi)
{
	if (abi == &sjail_arch_i386)
		return SCMP_ARCH_X86;
	return abi == &sjail_arch_x32 ? SCMP_ARCH_X32 : SCMP_ARCH_X86_64;
}

static void compare(const struct sjail_program *ours, const struct sock_filter *theirs,
		    size_t theirs_len, const struct seccomp_data *d, char *unknown, size_t len,
		    struct tally *t)
{
	uint32_t a = bpf_run(ours->insns, ours->len, d, false, NULL);
	uint32_t b = bpf_run(theirs, theirs_len, d, false, NULL);
	const struct sjail_arch *abi = abi_of(d);
	const char *name = sjail_arch_syscall_name(abi, (uint32_t)d->nr);
	bool high = false;

	t->verdicts++;
	if (a == b)
		return;
	for (size_t i = 0; i < 6; i++)
		high |= d->args[i] >> 32 != 0;
	if (abi == &sjail_arch_i386 && high) {
		t->i386_high++;
		return;
	}
	if (abi == &sjail_arch_x32 && high) {
		t->x32_high++;
		return;
	}
	/*
	 * A name libseccomp has no number for on this ABI (unknown, or a
	 * pseudo-number: "not on this ABI"), so runc's rule is not there.
	 */
	if (name && b == (SECCOMP_RET_ERRNO | EPERM) && a == SECCOMP_RET_ALLOW &&
	    seccomp_syscall_resolve_name_arch(token(abi), name) < 0) {
		char entry[80];

		snprintf(entry, sizeof(entry), "%s%s:%s", unknown[0] ? " " : "", abi->name, name);
		if (!strstr(unknown, entry))
			snprintf(unknown + strlen(unknown), len - strlen(unknown), "%s", entry);
		t->unknown_name++;
		return;
	}
	if (t->other++ < 10)
		fprintf(stderr,
			"DIFFERENT %s nr %d (%s) args %llx %llx %llx: sjail 0x%08x, libseccomp "
			"0x%08x\n",
			abi->name, d->nr, name ? name : "?", d->args[0], d->args[1], d->args[2], a,
			b);
}

/* Argument values around v: the rule's boundaries. */
static size_t near(uint64_t v, uint64_t *out)
{
	static const uint64_t fixed[] = {0,
					 1,
					 0xfffffffeull,
					 0xffffffffull,
					 0x100000000ull,
					 0x100000001ull,
					 0xffffffff00000000ull};
	size_t n = 0;

	for (size_t i = 0; i < ELEMENTSOF(fixed); i++)
		out[n++] = fixed[i];
	out[n++] = v - 1;
	out[n++] = v;
	out[n++] = v + 1;
	out[n++] = v | 0xffffffff00000000ull;
	out[n++] = v | 0x100000000ull;
	return n;
}

static void compare_all(const struct sjail_profile *p, const struct sjail_program *ours,
			const struct sock_filter *theirs, size_t theirs_len, char *unknown,
			size_t len, struct tally *t)
{
	static const struct sjail_arch *const abis[] = {&sjail_arch_x86_64, &sjail_arch_i386,
							&sjail_arch_x32};
	const struct sjail_filter *f = &p->filters[0];

	for (size_t a = 0; a < ELEMENTSOF(abis); a++)
		for (uint32_t n = 0; n <= MAX_NR; n++) {
			struct seccomp_data d = {
			    .nr = (int)(abis[a] == &sjail_arch_x32 ? n | X32_BIT : n),
			    .arch = abis[a]->audit_arch,
			};
			const char *name = sjail_arch_syscall_name(abis[a], (uint32_t)d.nr);

			compare(ours, theirs, theirs_len, &d, unknown, len, t);
			/* The boundaries of every condition of this syscall's rules. */
			for (size_t i = 0; name && i < f->nrules; i++) {
				const struct sjail_rule *r = &f->rules[i];

				if (strcmp(r->syscall, name) != 0)
					continue;
				for (size_t j = 0; j < r->nconds; j++) {
					const struct sjail_cond *c = &r->conds[j];
					uint64_t vals[32];
					size_t nv = near(c->val, vals);

					/* MASKED_EQ: around the mask too. */
					if (c->op == SJAIL_OP_MASKED_EQ)
						nv += near(c->mask, vals + nv);
					for (size_t k = 0; k < nv; k++) {
						struct seccomp_data e = d;

						e.args[r->conds[j].index] = vals[k];
						compare(ours, theirs, theirs_len, &e, unknown, len,
							t);
					}
				}
			}
		}
}

/*
 * Docker's default for caps, both ways. want_skipped: the names runc
 * leaves out; want_differ: the ABI:name pairs whose verdicts differ because
 * libseccomp cannot resolve the name on that ABI (exact for 2.5.4).
 */
static void test_caps(const struct json_node *root, const char *const *caps, const char *label,
		      const char *want_skipped, const char *want_differ)
{
	const struct scmp_version *v = seccomp_version();
	bool exact = v->major == 2 && v->minor == 5 && v->micro == 4;
	struct sjail_load_options opts = {
	    .arch = &sjail_arch_x86_64, .caps_given = true, .kernel_major = 6, .kernel_minor = 1};
	struct sjail_profile *p = NULL;
	struct sjail_program *ours = NULL;
	struct sock_filter *theirs;
	struct tally t = {0};
	char skipped[4096] = "", differ[4096] = "";
	size_t theirs_len = 0;

	for (const char *const *c = caps; *c; c++) {
		uint64_t bit;

		CHECK_INT(sjail_caps_parse(*c, &bit, NULL), 0);
		opts.caps |= bit;
	}
	CHECK_INT(sjail_profile_load_with(DOCKER, &opts, &p, NULL), 0);
	if (p)
		CHECK_INT(sjail_compile(p, 0, &sjail_arch_x86_64, &ours, NULL), 0);
	theirs = libseccomp_program(root, caps, &theirs_len, skipped, sizeof(skipped));
	CHECK(theirs != NULL);
	if (!ours || !theirs)
		goto out;
	compare_all(p, ours, theirs, theirs_len, differ, sizeof(differ), &t);
	printf("%s: %llu verdicts, %llu differ: %llu by names libseccomp %u.%u.%u does not know, "
	       "%llu by i386 and %llu by x32 arguments with the high half set, %llu otherwise\n",
	       label, t.verdicts, t.unknown_name + t.i386_high + t.x32_high + t.other,
	       t.unknown_name, v->major, v->minor, v->micro, t.i386_high, t.x32_high, t.other);
	printf("%s: sjail %zu instructions, libseccomp %zu\n", label, ours->len, theirs_len);
	printf("%s: names runc leaves out: %s\n", label, skipped[0] ? skipped : "(none)");
	printf("%s: verdicts that differ by them: %s\n", label, differ[0] ? differ : "(none)");
	CHECK(t.verdicts > 3 * (MAX_NR + 1));
	CHECK(t.i386_high > 0 && t.x32_high > 0);
	CHECK_INT(t.other, 0);
	/* A newer libseccomp knows more names: then only the counts may shrink. */
	if (exact) {
		CHECK_STR(skipped, want_skipped);
		CHECK_STR(differ, want_differ);
	}
out:
	free(theirs);
	sjail_program_free(ours);
	sjail_profile_free(p);
}

int main(void)
{
	struct json_doc doc = {0};
	char *text = NULL;
	size_t len = 0;
	FILE *f = fopen(DOCKER, "re");

	CHECK(f != NULL);
	if (!f)
		return check_exit();
	text = malloc(SJAIL_MAX_FILE_SIZE);
	if (text)
		len = fread(text, 1, SJAIL_MAX_FILE_SIZE, f);
	fclose(f);
	CHECK_INT(json_parse(DOCKER, text, len, &doc, NULL), 0);
	w = (struct json_walker){.file = DOCKER, .arena = doc.arena};
	if (doc.have_root) {
		test_caps(&doc.root, docker_caps, "docker caps", UNKNOWN_TO_2_5_4,
			  DIFFER("", "", ""));
		test_caps(
		    &doc.root, more_caps, "with CAP_SYS_ADMIN", UNKNOWN_TO_2_5_4 LSM,
		    DIFFER(" x86_64:lsm_get_self_attr x86_64:lsm_set_self_attr "
			   "x86_64:lsm_list_modules",
			   " i386:lsm_get_self_attr i386:lsm_set_self_attr i386:lsm_list_modules",
			   " x32:lsm_get_self_attr x32:lsm_set_self_attr x32:lsm_list_modules"));
	}
	json_free(&doc);
	free(text);
	return check_exit();
}

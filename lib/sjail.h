/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sjail.h - the only header cmd/ includes.
 *
 * The pipeline: profile text -> rules (IR) -> syscall ranges -> BPF -> install.
 * Every entry point returns 0 or a negative errno and, where it can fail on
 * user input, fills a struct sjail_error. Nothing in the library prints,
 * exits or aborts.
 */
#ifndef SJAIL_H
#define SJAIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#define SJAIL_VERSION "0.1.0"

/* Caps on every input (systemd CODING_STYLE: cap everything). */
#define SJAIL_MAX_FILE_SIZE (8u << 20) /* profile bytes */
#define SJAIL_MAX_DEPTH 32	       /* JSON nesting */
#define SJAIL_MAX_STRING 4096	       /* bytes in one JSON string */
#define SJAIL_MAX_FILTERS 1024	       /* filters in one profile */
#define SJAIL_MAX_RULES 65536	       /* rules in one filter */
#define SJAIL_MAX_CONDS 4096	       /* conditions in one rule */
#define SJAIL_MAX_INSNS 4096	       /* BPF_MAXINSNS, the kernel's limit */

/*
 * What went wrong, and where. file/path/line/col are empty or 0 when they do
 * not apply. line and col are 1-based; col counts bytes.
 */
struct sjail_error {
	char file[512];
	unsigned line;
	unsigned col;
	char path[512]; /* JSON path: main_thread.filter[3].args[0].op */
	char msg[1024];
};

/* Empties *err. */
void sjail_error_clear(struct sjail_error *err);

/*
 * Formats err as "FILE:LINE:COL: PATH: MSG" into buf (always NUL-terminated
 * when len > 0), leaving out the parts that are unknown. Returns the length
 * the full text would have, like snprintf.
 */
size_t sjail_error_format(const struct sjail_error *err, char *buf, size_t len);

/* ---- architectures ---------------------------------------------------- */

struct sjail_arch;

/*
 * The architecture sjail runs on (its ABI: x32 on an x32 build, i386 on an
 * i386 one), or NULL when it has no table. Static.
 */
const struct sjail_arch *sjail_arch_native(void);

/*
 * "x86_64", "aarch64", "riscv64", "i386", "x32", "arm" (and the aliases
 * "amd64", "arm64", "x86", "i686", "armhf", "armel"); NULL when unknown.
 * Static.
 */
const struct sjail_arch *sjail_arch_by_name(const char *name);

/* The canonical name ("x86_64"). */
const char *sjail_arch_name(const struct sjail_arch *arch);

/*
 * The most ABIs one program covers: the target and its companions (i386
 * and x32 beside x86_64).
 */
#define SJAIL_MAX_ABIS 4

/* The AUDIT_ARCH_* value the kernel puts in seccomp_data.arch for arch. */
uint32_t sjail_arch_audit(const struct sjail_arch *arch);

/* A comma-separated list of the supported names, for messages. Static. */
const char *sjail_arch_names(void);

/* Syscall number of name on arch: 0, or -ENOENT. */
int sjail_arch_syscall_nr(const struct sjail_arch *arch, const char *name, uint32_t *ret_nr);

/* Name of syscall nr on arch, or NULL. Static. */
const char *sjail_arch_syscall_name(const struct sjail_arch *arch, uint32_t nr);

/* ---- profiles --------------------------------------------------------- */

struct sjail_profile;

/*
 * Reads and parses the profile at path (opened O_CLOEXEC, at most
 * SJAIL_MAX_FILE_SIZE bytes). On success *ret_profile is a new profile that
 * the caller frees with sjail_profile_free().
 * Errors: -ENOENT, -EACCES, ... (from open/read), -EFBIG (too large),
 * -EINVAL (not a valid profile; err says where and why), -ENOMEM.
 */
int sjail_profile_load(const char *path, struct sjail_profile **ret_profile,
		       struct sjail_error *err);

/*
 * Parses len bytes of text; file is the name used in messages. Same contract
 * as sjail_profile_load(). text need not be NUL-terminated.
 */
int sjail_profile_parse(const char *file, const char *text, size_t len,
			struct sjail_profile **ret_profile, struct sjail_error *err);

/* Frees a profile; accepts NULL. */
void sjail_profile_free(struct sjail_profile *profile);

/* Number of filters, and the name of filter i (in file order). */
size_t sjail_profile_filter_count(const struct sjail_profile *profile);
const char *sjail_profile_filter_name(const struct sjail_profile *profile, size_t i);

/*
 * Finds the filter called name; name NULL selects the only filter of a
 * profile that has exactly one. Errors: -ENOENT (no such filter, or name NULL
 * and several filters: err lists the names).
 */
int sjail_profile_find_filter(const struct sjail_profile *profile, const char *name,
			      size_t *ret_index, struct sjail_error *err);

/* ---- profile formats: seccompiler's and OCI's (profile.c, oci.c) ------- */

enum sjail_format {
	SJAIL_FORMAT_AUTO,  /* by the keys: "defaultAction", or a "syscalls" array, at the top: OCI
			     */
	SJAIL_FORMAT_SJAIL, /* seccompiler's format, with sjail's per-rule "action" */
	SJAIL_FORMAT_OCI,   /* the OCI runtime spec's seccomp object, with Docker's extensions */
};

/*
 * How to load a profile. An OCI profile is resolved while it is loaded,
 * as Docker resolves it: archMap, "arches", "caps" and "minKernel" select
 * entries for one target, capability set and kernel. It becomes one
 * filter, "oci". A zeroed struct (or NULL) means: detect the format, the
 * native architecture, this process's capability bounding set (CapBnd in
 * /proc/self/status) and the running kernel (uname).
 */
struct sjail_load_options {
	enum sjail_format format;
	const struct sjail_arch *arch;	     /* the target; NULL: the native one */
	bool caps_given;		     /* caps holds the set (else: the bounding set) */
	uint64_t caps;			     /* bit N: capability N (CAP_CHOWN is 0) */
	unsigned kernel_major, kernel_minor; /* 0.0: the running kernel */
};

/*
 * sjail_profile_load() and sjail_profile_parse() with options (NULL: as
 * above). Same contract; -EINVAL also when the bounding set or the kernel
 * version is needed and cannot be read (err says so).
 */
int sjail_profile_load_with(const char *path, const struct sjail_load_options *opts,
			    struct sjail_profile **ret_profile, struct sjail_error *err);
int sjail_profile_parse_with(const char *file, const char *text, size_t len,
			     const struct sjail_load_options *opts,
			     struct sjail_profile **ret_profile, struct sjail_error *err);

/* The format the profile was read in: SJAIL_FORMAT_SJAIL or SJAIL_FORMAT_OCI. */
enum sjail_format sjail_profile_format(const struct sjail_profile *profile);

/*
 * What loading left out or ignored, each with its place (an OCI rule that
 * can never hold, a listenerPath, an unknown capability name): the count,
 * and in *ret_warnings an array that lives as long as the profile.
 */
size_t sjail_profile_warnings(const struct sjail_profile *profile,
			      const struct sjail_error **ret_warnings);

/*
 * Capability names as OCI files and --caps write them, comma-separated
 * ("CAP_CHOWN,CAP_KILL"; "" is the empty set), into a bit set.
 * Errors: -EINVAL (an unknown name: err says which).
 */
int sjail_caps_parse(const char *text, uint64_t *ret_caps, struct sjail_error *err);

/*
 * A kernel version "X.Y" (what follows, as in "6.1.0-18-amd64", is
 * ignored, as Docker ignores it). Errors: -EINVAL (err says why).
 */
int sjail_kernel_parse(const char *text, unsigned *ret_major, unsigned *ret_minor,
		       struct sjail_error *err);

/*
 * The ABIs a program of filter filter_index of profile for arch covers:
 * arch first, then the companions the filter lists (i386 and x32 beside
 * x86_64, arm beside aarch64, as an OCI profile's "architectures" says).
 * Writes them to ret (at most SJAIL_MAX_ABIS) and returns how many; 0
 * when there is no such filter.
 */
size_t sjail_profile_abis(const struct sjail_profile *profile, size_t filter_index,
			  const struct sjail_arch *arch,
			  const struct sjail_arch *ret[SJAIL_MAX_ABIS]);

/*
 * Writes filter filter_index of profile, as loaded for arch, in format to
 * (SJAIL_FORMAT_SJAIL or SJAIL_FORMAT_OCI): *ret_text is new, the caller
 * frees it. What the other format cannot say the same way is left out or
 * written as near as it can be, and each such loss is one entry of
 * *ret_warnings (new, free() it; NULL when there are none; *ret_nwarnings
 * of them), placed at the rule or filter it concerns.
 *
 * A file in the sjail format holds the rules of one ABI: abi, one of
 * sjail_profile_abis(), selects which, and the text compiled for abi
 * gives its calls the verdicts a program of the profile for arch gives
 * them. abi NULL is arch, and then a warning names the other ABIs the
 * program covers, which the text leaves out. An OCI profile holds every
 * ABI: abi must be NULL or arch.
 * Errors: -EINVAL (no such filter, to is neither format, or abi is not
 * one of the program's), -ENOMEM.
 */
int sjail_profile_convert(const struct sjail_profile *profile, size_t filter_index,
			  const struct sjail_arch *arch, const struct sjail_arch *abi,
			  enum sjail_format to, char **ret_text, struct sjail_error **ret_warnings,
			  size_t *ret_nwarnings);

/* ---- programs --------------------------------------------------------- */

struct sjail_program {
	struct sock_filter *insns;
	size_t len;
	const struct sjail_arch *arch;
	size_t nsyscalls;	/* distinct syscalls named by the filter */
	size_t nrules;		/* rules of the filter */
	unsigned install_flags; /* SECCOMP_FILTER_FLAG_* the profile asks for */
	size_t nwarnings;	/* what the compiler left out, and where */
	struct sjail_error *warnings;
};

/*
 * Compiles filter filter_index of profile for arch. On success *ret_program
 * is new, freed with sjail_program_free(). The program is checked before it
 * is returned: length <= SJAIL_MAX_INSNS, every jump in range, every path
 * ends in a return.
 * Errors: -EINVAL (a syscall unknown on arch: err points at the rule),
 * -E2BIG (longer than SJAIL_MAX_INSNS), -ENOMEM.
 */
int sjail_compile(const struct sjail_profile *profile, size_t filter_index,
		  const struct sjail_arch *arch, struct sjail_program **ret_program,
		  struct sjail_error *err);

/* How often a syscall is made, e.g. a count from a trace. */
struct sjail_weight {
	uint32_t nr;
	double weight;
};

/*
 * sjail_compile() with a syscall frequency profile: the search tree puts
 * the weighted syscalls nearer its root. The program means the same.
 */
int sjail_compile_weighted(const struct sjail_profile *profile, size_t filter_index,
			   const struct sjail_arch *arch, const struct sjail_weight *weights,
			   size_t nweights, struct sjail_program **ret_program,
			   struct sjail_error *err);

struct sjail_compile_options {
	const struct sjail_weight *weights; /* see sjail_compile_weighted() */
	size_t nweights;
	/* A rule of an OCI profile naming a syscall no ABI knows is an error, not a warning. */
	bool strict;
	/*
	 * Numbers above the highest one the filter names (per ABI) get
	 * errno ENOSYS instead of the mismatch action, as runc's stub does:
	 * a libc then falls back from syscalls newer than the profile.
	 */
	bool enosys_new;
};

/*
 * Reads a syscall trace ("NAME<TAB>COUNT" lines, as ../shared/workloads/)
 * for arch into *ret_weights (new; the caller frees it) for a weighted
 * tree. Names arch does not know are skipped. Errors: -errno of open and
 * read, -EFBIG (over 1 MiB), -E2BIG (over 65536 lines), -EINVAL (err says
 * which line), -ENOMEM.
 */
int sjail_trace_load(const char *path, const struct sjail_arch *arch,
		     struct sjail_weight **ret_weights, size_t *ret_n, struct sjail_error *err);

/* sjail_compile() with options (NULL: none). */
int sjail_compile_with(const struct sjail_profile *profile, size_t filter_index,
		       const struct sjail_arch *arch, const struct sjail_compile_options *opts,
		       struct sjail_program **ret_program, struct sjail_error *err);

/* Frees a program; accepts NULL. */
void sjail_program_free(struct sjail_program *program);

/*
 * Writes the program as a raw array of struct sock_filter in the target's
 * byte order (libseccomp's seccomp_export_bpf format) to fd.
 * Errors: -errno of write(2).
 */
int sjail_program_write(const struct sjail_program *program, int fd);

/*
 * Runs the program on data exactly as the kernel would and returns the
 * seccomp return value. *ret_executed (may be NULL) gets the number of
 * instructions executed. Programs sjail did not check may be run: an
 * instruction the kernel would refuse returns SECCOMP_RET_KILL_PROCESS.
 */
uint32_t sjail_program_run(const struct sjail_program *program, const struct seccomp_data *data,
			   size_t *ret_executed);

/*
 * Disassembles the program, one instruction a line, with symbolic names
 * (ld [nr], jeq #59 ... ; execve, ret errno 1). *ret_text is new; the
 * caller frees it. Errors: -ENOMEM.
 */
int sjail_program_dump(const struct sjail_program *program, char **ret_text);

/*
 * Describes the seccomp return value action as the profile format spells
 * it ("allow", "errno 13", "kill_process") into buf. Returns buf.
 */
const char *sjail_action_format(uint32_t action, char *buf, size_t len);

/*
 * Sets PR_SET_NO_NEW_PRIVS and installs program for the calling thread with
 * seccomp(SECCOMP_SET_MODE_FILTER, flags). The program's arch must be the
 * native one. Errors: -EINVAL (foreign arch), -errno of prctl/seccomp.
 */
int sjail_install(const struct sjail_program *program, unsigned int flags, struct sjail_error *err);

/* ---- operator tools: explain, lint (explain.c, lint.c) ---------------- */

/* sjail_action_format() plus the errno's name: "errno 13 (EACCES)". Returns buf. */
const char *sjail_action_describe(uint32_t action, char *buf, size_t len);

/*
 * The number of syscall text on arch: a name ("openat"), a number in
 * decimal or 0x hex up to 0xffffffff, or -1. Errors: -EINVAL (err says why,
 * with the nearest name when there is one).
 */
int sjail_syscall_parse(const struct sjail_arch *arch, const char *text, uint32_t *ret_nr,
			struct sjail_error *err);

enum sjail_reason {
	SJAIL_REASON_RULE,     /* a rule held: the explanation names it */
	SJAIL_REASON_MISMATCH, /* no rule held: the mismatch action */
	SJAIL_REASON_SKIP,     /* nr -1, a tracer's "skip this call": the mismatch action */
	SJAIL_REASON_FOREIGN,  /* a number of an ABI the filter does not cover (x32's under
				  x86_64, x86_64's under x32) or of none (2^31 up): killed */
	SJAIL_REASON_ARCH,     /* an arch value the filter does not cover: kill_process */
	/*
	 * No rule held, and --enosys-new answers the number with ENOSYS: it
	 * is above the highest the filter names on the call's ABI.
	 */
	SJAIL_REASON_ENOSYS_NEW,
};

/* What a call gets, and why. Pointers point into the profile. */
struct sjail_explanation {
	uint32_t action; /* the program's verdict, a SECCOMP_RET_* value */
	size_t executed; /* BPF instructions the program executed */
	enum sjail_reason reason;
	const char *file; /* the profile's name */
	/* SJAIL_REASON_RULE only; otherwise 0, "" or NULL: */
	unsigned line, col;   /* of the rule object */
	char path[512];	      /* its JSON path: "vcpu.filter[20]" */
	const char *syscall;  /* as the rule spells it */
	char conditions[512]; /* "args[1] dword eq 0xae80"; "" for none; may be cut short */
	const char *comment;  /* the rule's; NULL when none */
	/* Otherwise: why no rule decided ("x32 syscall numbers are always killed"); static. */
	const char *why;
	/*
	 * Under --enosys-new (opts->enosys_new), when no rule held on an ABI
	 * the filter covers (SJAIL_REASON_MISMATCH, SJAIL_REASON_ENOSYS_NEW):
	 * the call's number against the highest the filter names on that
	 * ABI, "clone3 (435) is above the highest number the filter names on
	 * x86_64 (334, rseq): ENOSYS", "... is not above ...", or "the filter
	 * names no i386 syscall". Otherwise "".
	 */
	char enosys_new[256];
};

/*
 * Compiles filter filter_index of profile for arch, runs the program on
 * data, and finds the rule that decided with the reference evaluator. Fills
 * *ret on success; nothing to free, but *ret points into profile.
 * Errors: those of sjail_compile(); -EPROTO when the program and the rules
 * disagree, a bug in sjail (err says so).
 */
int sjail_explain(const struct sjail_profile *profile, size_t filter_index,
		  const struct sjail_arch *arch, const struct seccomp_data *data,
		  struct sjail_explanation *ret, struct sjail_error *err);

/*
 * sjail_explain() of the program that compile options opts (NULL: none)
 * make, the one `sjail --enosys-new --weights TRACE` would install: its
 * verdict (--enosys-new's ENOSYS included, with the reason) and its
 * instruction count (the weights change it, never the verdict). Same
 * contract.
 */
int sjail_explain_with(const struct sjail_profile *profile, size_t filter_index,
		       const struct sjail_arch *arch, const struct sjail_compile_options *opts,
		       const struct seccomp_data *data, struct sjail_explanation *ret,
		       struct sjail_error *err);

#define SJAIL_MAX_LINTS 1024 /* per filter; the rest are counted in a last note */

enum sjail_lint_level {
	SJAIL_LINT_WARNING, /* probably not what the profile means */
	SJAIL_LINT_NOTE,    /* harmless but useless, or refusing more than it means to */
};

struct sjail_lint {
	enum sjail_lint_level level;
	struct sjail_error where; /* file:line:col, JSON path, and the message */
};

/*
 * Finds what in filter filter_index of profile probably does not mean what
 * it says, on arch: rules that never decide (shadowed by a rule of the same
 * syscall without conditions, duplicates), conditions that never or always
 * hold, qword conditions on an argument the kernel reads as 32 bits whose
 * high half changes the verdict, an allowlist that blocks execve,
 * exit_group, exit, rt_sigreturn or (where the ABI has it: i386, arm)
 * sigreturn, a denylist. Rules naming syscalls unknown on arch are left out
 * (that is sjail_compile()'s error). On success *ret_lints (new, in file
 * order, freed with sjail_lints_free(); NULL when none) holds *ret_count
 * lints.
 * Errors: -EINVAL (no such filter), -ENOMEM.
 */
int sjail_lint(const struct sjail_profile *profile, size_t filter_index,
	       const struct sjail_arch *arch, struct sjail_lint **ret_lints, size_t *ret_count);

/* Frees what sjail_lint() returned; accepts NULL. */
void sjail_lints_free(struct sjail_lint *lints);

/* ---- supervision: learn and --report (supervise.c, install.c) --------- */

/*
 * One user-space notification (SECCOMP_RET_USER_NOTIF): which thread made
 * which call. pid is the thread's id in the supervisor's pid namespace.
 */
struct sjail_notif {
	uint64_t id;
	uint32_t pid;
	struct seccomp_data data;
};

/*
 * sjail_install() with SECCOMP_FILTER_FLAG_NEW_LISTENER: on success
 * *ret_fd is the listener (O_CLOEXEC), from which the calls the program
 * sends to user space are read. Errors: those of sjail_install();
 * -EBUSY: a filter with a listener is in place already (the kernel allows
 * one per process), err says so.
 */
int sjail_install_listener(const struct sjail_program *program, unsigned int flags, int *ret_fd,
			   struct sjail_error *err);

/*
 * Reads the next notification from listener fd (blocks when none is
 * pending). Errors: -ENOENT (its caller went away before it was read:
 * read the next), -errno of ioctl(SECCOMP_IOCTL_NOTIF_RECV).
 */
int sjail_notif_recv(int fd, struct sjail_notif *ret);

/*
 * Answers notification id. proceed: the call runs as if the filter had
 * allowed it (SECCOMP_USER_NOTIF_FLAG_CONTINUE). Otherwise it does not run
 * and returns -error when error > 0, else val.
 * Errors: -ENOENT (its caller is gone or a signal interrupted the call),
 * -errno of ioctl(SECCOMP_IOCTL_NOTIF_SEND).
 */
int sjail_notif_send(int fd, uint64_t id, bool proceed, int64_t val, int error);

/* 0 while notification id is pending (its caller alive and waiting), else -ENOENT. */
int sjail_notif_valid(int fd, uint64_t id);

/* True for the verdicts that refuse a call: errno, trap, kill_thread, kill_process. */
bool sjail_action_denies(uint32_t action);

/*
 * A copy of program in which every return of a denying verdict (see
 * sjail_action_denies()) returns SECCOMP_RET_USER_NOTIF instead; allow,
 * log, trace and user_notif are kept. A supervisor runs the original
 * program on the notification's data to recover the verdict exactly.
 * *ret_program is new (sjail_program_free()). Errors: -EINVAL (a return
 * of the accumulator: the verdict is not in the instruction), -ENOMEM.
 */
int sjail_program_notify_denials(const struct sjail_program *program,
				 struct sjail_program **ret_program);

/*
 * The program of `sjail learn`: every call of arch (and of any other ABI)
 * goes to user space, except the one call equal to *let_through in nr,
 * arch and args[0..2] (all 64 bits), which is allowed. let_through may be
 * NULL. *ret_program is new. Errors: -ENOMEM.
 */
int sjail_program_learner(const struct sjail_arch *arch, const struct seccomp_data *let_through,
			  struct sjail_program **ret_program);

/* Which part of a profile decided a call. Pointers point into the profile. */
struct sjail_decision {
	uint32_t action;     /* the rules' verdict, a SECCOMP_RET_* value */
	const char *file;    /* the profile's name */
	const char *filter;  /* the filter's name */
	unsigned line, col;  /* of the rule that decided; of the filter when none did */
	bool by_rule;	     /* false: the mismatch action or an ABI check decided */
	const char *comment; /* the rule's comment; NULL when none */
	const char *why;     /* !by_rule: "no rule matched (mismatch action)", ... (static) */
	/* why is the --enosys-new stub's: the highest number the filter names on the call's ABI */
	bool enosys_new;
	const char *abi;      /* that ABI's name ("x32") */
	uint32_t top;	      /* that number */
	const char *top_name; /* its name on that ABI */
};

/*
 * Decides data with filter filter_index of profile on arch straight from
 * the rules (the reference evaluator), under the compile options opts (NULL:
 * none; of them only enosys_new changes a verdict), and says what decided it.
 * Errors: -EINVAL (no such filter, or a rule names a syscall unknown on arch).
 */
int sjail_profile_decide(const struct sjail_profile *profile, size_t filter_index,
			 const struct sjail_arch *arch, const struct sjail_compile_options *opts,
			 const struct seccomp_data *data, struct sjail_decision *ret);

#endif

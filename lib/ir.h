/* SPDX-License-Identifier: Apache-2.0 */
/*
 * ir.h - the library's internals shared between its stages.
 *
 * The IR knows nothing of JSON: a unit test can build a struct sjail_profile
 * in C and compile it. Stages and files:
 *   json.c      JSON text -> a DOM with positions          (the only yajl user)
 *   profile.c   the DOM -> struct sjail_profile (seccompiler format)
 *   oci.c       the DOM -> struct sjail_profile (OCI format)
 *   arch.c      syscall names <-> numbers per architecture (tables in arch/)
 *   rules.c     struct sjail_filter -> struct sjail_ranges (per arch)
 *   codegen.c   struct sjail_ranges -> BPF
 *   bpf.c       BPF checker, interpreter, disassembler, serializer
 *   eval.c      decides a syscall straight from the rules (shares no code
 *               with rules.c/codegen.c: the differential tests compare them)
 *   install.c   prctl + seccomp(2)                        (the only kernel user)
 *   error.c     struct sjail_error helpers
 */
#ifndef SJAIL_IR_H
#define SJAIL_IR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sjail.h"

#define ELEMENTSOF(x) (sizeof(x) / sizeof((x)[0]))

/* ---- architectures (tables generated into arch/) ---------------------- */

struct sjail_syscall_def {
	const char *name;
	uint32_t nr;
};

struct sjail_arch {
	const char *name;    /* "x86_64" */
	uint32_t audit_arch; /* AUDIT_ARCH_X86_64 */
	unsigned bits;	     /* word size: 32 or 64 */
	bool big_endian;
	/*
	 * Numbers from this one up belong to another ABI that shares the
	 * arch value (x32 on x86_64: __X32_SYSCALL_BIT; x32's own numbers
	 * carry it). A program kills them unless it covers that ABI, and
	 * kills this ABI's numbers when it covers the other alone; -1 (the
	 * "skip this syscall" number of tracers) gets the mismatch action as
	 * libseccomp does. 0 when none.
	 */
	uint32_t foreign_nr_bit;
	const struct sjail_syscall_def *syscalls; /* sorted by nr */
	size_t nsyscalls;
	/*
	 * Indexes into syscalls, sorted by name (strcmp order), for binary
	 * search; NULL: names are searched linearly.
	 */
	const uint16_t *by_name;
};

/* The generated tables (arch/<name>.c). */
extern const struct sjail_arch sjail_arch_x86_64, sjail_arch_aarch64, sjail_arch_riscv64;
extern const struct sjail_arch sjail_arch_i386, sjail_arch_x32, sjail_arch_arm;

/*
 * Every ABI sjail has a table for, and compiles for (--arch); the owner of
 * an arch value before the ABIs that share it (x86_64, then x32).
 * NULL-terminated.
 */
extern const struct sjail_arch *const sjail_arches[];

/*
 * The ABIs a process of arch can also use, whose syscalls its filter sees
 * and may cover: i386 and x32 on x86_64, arm on aarch64; none for the
 * others, the 32-bit ABIs included. NULL-terminated; static.
 */
const struct sjail_arch *const *arch_companions(const struct sjail_arch *arch);

/*
 * The ABIs a program for target covers for filter: target itself, then
 * those of its companions that the filter lists (filter->abis). Returns
 * how many were written to out (at most SJAIL_MAX_ABIS).
 */
struct sjail_filter;
size_t arch_select(const struct sjail_filter *filter, const struct sjail_arch *target,
		   const struct sjail_arch *out[SJAIL_MAX_ABIS]);

/*
 * The name among all tables' names closest to name (edit distance), or NULL
 * when none is close enough to suggest. Prefers names of arch.
 */
const char *arch_suggest(const struct sjail_arch *arch, const char *name);

/* Another architecture whose table has name, or NULL. */
const struct sjail_arch *arch_find_other(const struct sjail_arch *arch, const char *name);

/* ---- argument declarations (arch/syscall-args.c, written by hand) ----- */

/* One argument as SYSCALL_DEFINEn() declares it. */
struct sjail_arg_decl {
	const char *decl; /* "int family"; NULL: the syscall has no such argument */
	bool narrow;	  /* 32 bits or fewer: on a 64-bit ABI the kernel ignores the high half */
	bool is_signed;	  /* narrow and signed (int, pid_t): a C library sign-extends it */
};

struct sjail_syscall_args {
	const char *name;
	struct sjail_arg_decl args[6]; /* in order; those past the last have decl NULL */
};

extern const struct sjail_syscall_args sjail_syscall_args[];
extern const size_t sjail_nsyscall_args;

/*
 * The arguments of syscall name as the kernel declares them, when arch
 * passes whole 64-bit registers to the filter (its arch value has
 * __AUDIT_ARCH_64BIT: x86_64, x32, aarch64, riscv64), where a narrow
 * argument leaves a high half that the kernel ignores. NULL on i386 and arm
 * (the kernel zero-fills the high half) and for syscalls the table does not
 * list. Static.
 *
 * NOTE: x32 is ILP32 but runs in 64-bit mode: its calls reach seccomp with
 * the full registers, and its compat entry points read even some `long`
 * arguments as 32 bits; the table lists only what holds for the native
 * entry points, so on x32 it may miss some, never invent one.
 */
const struct sjail_syscall_args *arch_syscall_args(const struct sjail_arch *arch, const char *name);

/* ---- the rule IR ------------------------------------------------------ */

struct sjail_loc {
	unsigned line; /* 1-based; 0: unknown */
	unsigned col;  /* 1-based byte column */
};

enum sjail_op {
	SJAIL_OP_EQ,
	SJAIL_OP_NE,
	SJAIL_OP_LT,
	SJAIL_OP_LE,
	SJAIL_OP_GT,
	SJAIL_OP_GE,
	SJAIL_OP_MASKED_EQ, /* (arg & mask) == (val & mask) */
};

/* One argument comparison. Unsigned; width 32 compares the low half only. */
struct sjail_cond {
	uint8_t index; /* 0..5 */
	uint8_t width; /* 32 (dword) or 64 (qword) */
	enum sjail_op op;
	uint64_t val;	      /* fits in 32 bits when width == 32 */
	uint64_t mask;	      /* SJAIL_OP_MASKED_EQ only; fits like val */
	struct sjail_loc loc; /* of the condition object */
};

/* A rule: the syscall, AND of conds (none: unconditional), and its action. */
struct sjail_rule {
	char *syscall;		      /* as written in the profile */
	struct sjail_loc loc;	      /* of the rule object */
	struct sjail_loc syscall_loc; /* of the "syscall" value */
	char *comment;		      /* NULL when none */
	uint32_t action;	      /* SECCOMP_RET_* value: the rule's own or the match action */
	bool lenient;		      /* unknown on every ABI: skipped with a warning (OCI) */
	size_t nconds;
	struct sjail_cond *conds;
	/*
	 * JSON paths when the rule is not NAME.filter[i] (OCI): of its
	 * entry ("syscalls[3]") and of its name ("syscalls[3].names[2]").
	 * NULL in the sjail format.
	 */
	char *path, *syscall_path;
};

struct sjail_filter {
	/*
	 * ABIs the filter covers beside the target's own, by name ("i386",
	 * "x32", "arm"); a program kills the ABIs it does not cover.
	 */
	size_t nabis;
	char **abis;
	unsigned install_flags; /* SECCOMP_FILTER_FLAG_* the profile asks for */
	char *name;
	struct sjail_loc loc;	  /* of the filter's key */
	uint32_t mismatch_action; /* SECCOMP_RET_* value */
	uint32_t match_action;
	size_t nrules;
	struct sjail_rule *rules;
};

struct sjail_profile {
	char *file; /* as given, for messages */
	enum sjail_format format;
	size_t nfilters;
	struct sjail_filter *filters;
	size_t nwarnings; /* what loading left out or ignored, and where */
	struct sjail_error *warnings;
	/* OCI: what Docker's extensions were resolved against (oci.c), for sjail convert. */
	struct {
		const struct sjail_arch *arch; /* the target: archMap, "arches" */
		bool caps, kernel;	       /* "caps", "minKernel" were evaluated */
		uint64_t cap_set;
		unsigned kernel_major, kernel_minor;
		size_t dropped; /* entries that includes or excludes left out */
	} oci;
};

/* ---- normalized syscall ranges (rules.c) ------------------------------ */

/*
 * The verdict of one syscall whose outcome depends on its arguments: the
 * rules are tried in profile order, the first that holds decides; when none
 * holds, fallback applies.
 */
struct sjail_arg_verdict {
	uint32_t nr;
	size_t nrules;
	const struct sjail_rule **rules;
	uint32_t fallback;
};

/* A run of syscall numbers [lo, hi] that share one verdict. */
struct sjail_range {
	uint32_t lo, hi;		      /* inclusive */
	uint32_t action;		      /* the verdict when args == NULL */
	const struct sjail_arg_verdict *args; /* NULL: constant verdict */
};

/*
 * The part of a program for one arch value: the ABIs that share it (x86_64
 * and x32). Ranges are sorted, disjoint, cover 0..UINT32_MAX, and adjacent
 * constant ranges with equal actions are merged.
 */
struct sjail_section {
	const struct sjail_arch *arch; /* its audit_arch selects the section */
	size_t nranges;
	struct sjail_range *ranges;
	size_t nargs;
	struct sjail_arg_verdict *args; /* owned; each owns its rules array */
};

/* A filter lowered for one target: a section per arch value it covers. */
struct sjail_ranges {
	const struct sjail_arch *arch; /* the target; sections[0] is its own */
	size_t nsections;
	struct sjail_section sections[SJAIL_MAX_ABIS];
	size_t nsyscalls; /* distinct syscall numbers named, all ABIs */
	size_t nwarnings;
	struct sjail_error *warnings; /* owned */
};

/*
 * Resolves filter's rules on the ABIs that a program for target covers
 * and lowers them to ranges. opts may be NULL. *ret is written on success
 * only; free with rules_free().
 * Errors: -EINVAL (a syscall unknown on every ABI; err points at the
 * rule), -ENOMEM.
 */
int rules_normalize(const struct sjail_profile *profile, const struct sjail_filter *filter,
		    const struct sjail_arch *target, const struct sjail_compile_options *opts,
		    struct sjail_ranges *ret, struct sjail_error *err);
void rules_free(struct sjail_ranges *ranges);

/* ---- BPF (codegen.c, bpf.c) ------------------------------------------- */

/*
 * Generates the program for ranges into a new array (*ret_insns, *ret_len;
 * caller frees). weights (may be NULL) make the syscalls they name cheaper
 * to reach. Errors: -E2BIG (far over SJAIL_MAX_INSNS), -ENOMEM.
 */
int codegen_generate(const struct sjail_ranges *ranges, const struct sjail_weight *weights,
		     size_t nweights, struct sock_filter **ret_insns, size_t *ret_len);

/*
 * Checks a program as the kernel's seccomp checker would (plus: every jump
 * lands inside, the last instruction returns). Returns 0 or -EINVAL with a
 * reason in *ret_reason (static) and the offending index in *ret_pc.
 */
int bpf_check(const struct sock_filter *insns, size_t len, const char **ret_reason, size_t *ret_pc);

/*
 * Runs insns on data as the kernel does; see sjail_program_run(). data is in
 * host order; big_endian says how the target lays out the 64-bit args.
 */
uint32_t bpf_run(const struct sock_filter *insns, size_t len, const struct seccomp_data *data,
		 bool big_endian, size_t *ret_executed);

/*
 * Disassembles the program, one instruction a line ("0004: jeq #59 (execve)
 * jt 5 jf 6"), naming seccomp_data fields, syscalls (where the accumulator
 * holds the number on every path) and actions. *ret_text is new; the caller
 * frees it. Errors: -ENOMEM.
 */
int bpf_dump(const struct sock_filter *insns, size_t len, const struct sjail_arch *arch,
	     char **ret_text);

/* Writes insns as raw struct sock_filter in the given byte order into out (8 * len bytes). */
void bpf_serialize(const struct sock_filter *insns, size_t len, bool big_endian, uint8_t *out);

/* ---- the reference evaluator (eval.c) --------------------------------- */

/*
 * Decides data straight from filter's rules, the way the profile format
 * defines it. *ret_rule (may be NULL) gets the rule that decided, or NULL
 * when the mismatch action (or an ABI check) decided. Returns the
 * SECCOMP_RET_* value, or -EINVAL with nothing decided when a rule names a
 * syscall unknown on arch.
 */
int64_t eval_decide(const struct sjail_filter *filter, const struct sjail_arch *arch,
		    const struct seccomp_data *data, const struct sjail_rule **ret_rule);

/* Whether condition c holds for the argument value arg (dword: its low half). */
bool eval_cond_holds(const struct sjail_cond *c, uint64_t arg);

/* eval_decide() under compile options (opts may be NULL): the ENOSYS stub. */
int64_t eval_decide_with(const struct sjail_filter *filter, const struct sjail_arch *arch,
			 const struct sjail_compile_options *opts, const struct seccomp_data *data,
			 const struct sjail_rule **ret_rule);

/* What decided a call, as the evaluator sees it. Pointers point into the filter. */
struct eval_why {
	const struct sjail_arch *abi;  /* the covered ABI the call is of; NULL: none (killed) */
	const struct sjail_rule *rule; /* the rule that held; NULL: none did */
	bool enosys_new;	       /* opts->enosys_new decided: nr is above top */
	/*
	 * When no rule held: the highest number the rules name on abi, and
	 * the first rule that names it; top_rule NULL when they name none.
	 */
	uint32_t top;
	const struct sjail_rule *top_rule;
};

/*
 * eval_decide_with() that also says why (*ret, written unless it returns
 * -EINVAL): which ABI, which rule, or whether --enosys-new's stub decided
 * and what it compared the number with.
 */
int64_t eval_decide_why(const struct sjail_filter *filter, const struct sjail_arch *arch,
			const struct sjail_compile_options *opts, const struct seccomp_data *data,
			struct eval_why *ret);

/* ---- the OCI format (oci.c) ------------------------------------------- */

/* The name of capability n ("CAP_CHOWN" for 0), or NULL beyond the last sjail knows. */
const char *oci_cap_name(unsigned n);

/* "SCMP_ACT_ERRNO" for a SECCOMP_RET_* action (its data aside), or NULL. */
const char *oci_action_name(uint32_t action);

/* "SCMP_ARCH_X86" for the ABI i386, or NULL. */
const char *oci_arch_name(const struct sjail_arch *abi);

/* "SECCOMP_FILTER_FLAG_LOG" for the one flag SECCOMP_FILTER_FLAG_LOG, or NULL. */
const char *oci_flag_name(unsigned flag);

/* ---- files (file.c) ---------------------------------------------------- */

/*
 * Reads the regular file at path (opened O_CLOEXEC, never blocking on a
 * FIFO) into *ret_buf (new, *ret_len bytes plus a terminating NUL) when
 * it is at most max bytes. Errors: -errno of open/fstat/read with
 * "cannot open: ...", -EINVAL (not a regular file), -EFBIG, -ENOMEM; err
 * names the file.
 */
int file_read_all(const char *path, size_t max, char **ret_buf, size_t *ret_len,
		  struct sjail_error *err);

/* ---- errors (error.c) ------------------------------------------------- */

/* Fills err (may be NULL): printf-style message at file:loc, JSON path. */
void error_set(struct sjail_error *err, const char *file, struct sjail_loc loc, const char *path,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/*
 * Writes the JSON path of a rule ("name.filter[3]"; an OCI rule's entry,
 * "syscalls[3]", or with suffix ".syscall" or ".names" its name,
 * "syscalls[3].names[2]") plus suffix into buf.
 */
const char *error_rule_path(char *buf, size_t len, const struct sjail_filter *filter,
			    size_t rule_index, const char *suffix);

/* The profile's spelling of op: "eq", ..., "masked_eq". Static. */
const char *op_name(enum sjail_op op);

/* v for messages: small numbers in decimal, the rest in 0x hex ("lt 0", "gt 0xffffffff"). */
const char *num_format(uint64_t v, char *buf, size_t len);

#endif

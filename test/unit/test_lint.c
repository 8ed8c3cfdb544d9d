/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_lint.c - sjail_lint(): one dubious thing per tiny profile, with the
 * exact "LINE:COL: PATH: level: message" it gives, and nothing for a clean
 * profile.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"

/*
 * Line 1 opens filter "f" (its key at 1:2), the rules of a case follow one
 * per line from line 2, and the last line allows what every allowlist
 * needs, so that only the case's own rules give lints.
 */
#define HEAD(mismatch)                                                                             \
	"{\"f\":{\"mismatch_action\":" mismatch ",\"match_action\":\"allow\",\"filter\":[\n"
#define TAIL                                                                                       \
	"{\"syscall\":\"execve\"},{\"syscall\":\"exit_group\"},{\"syscall\":\"exit\"},"            \
	"{\"syscall\":\"rt_sigreturn\"}]}}\n"
#define ALLOWLIST(rules) HEAD("\"kill_process\"") rules TAIL
/* Line 1 as HEAD's, but allow by default and errno 1 on a match; the filter's lint comes first. */
#define DENYLIST(rules)                                                                            \
	"{\"f\":{\"mismatch_action\":\"allow\",\"match_action\":{\"errno\":1},\"filter\":["        \
	"\n" rules "{\"syscall\":\"ptrace\"}]}}\n"
#define DENYLIST_LINT                                                                              \
	"1:2: f: warning: the filter is a denylist (mismatch action allow): every syscall it "     \
	"does "                                                                                    \
	"not name is allowed, including those new kernels add\n"
#define COND(i, type, op, val)                                                                     \
	"{\"index\":" #i ",\"type\":\"" type "\",\"op\":" op ",\"val\":" val "}"
#define RULE(name, ...) "{\"syscall\":\"" name "\",\"args\":[" __VA_ARGS__ "]},\n"
#define PLAIN(name) "{\"syscall\":\"" name "\"},\n"

struct lint_case {
	const char *what;
	const char *arch;
	const char *text;
	const char *want; /* the lints, one "LINE:COL: PATH: level: message" a line */
};

static const struct lint_case cases[] = {
    {"a clean allowlist", "x86_64",
     ALLOWLIST(PLAIN("read") RULE("dup", COND(0, "dword", "\"eq\"", "5"))
		   RULE("dup", COND(0, "dword", "\"eq\"", "6"))),
     ""},

    /* Rules that never decide. */
    {"an argument rule before an unconditional rule of its syscall", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"eq\"", "5")) PLAIN("dup")),
     "2:1: f.filter[0]: warning: 'dup' is also matched whatever its arguments by f.filter[1] "
     "(line 3): the conditions of this rule change nothing\n"},
    {"an argument rule after an unconditional rule of its syscall", "x86_64",
     ALLOWLIST(PLAIN("dup") PLAIN("read") RULE("dup", COND(1, "qword", "\"ne\"", "7"))),
     "4:1: f.filter[2]: warning: 'dup' is also matched whatever its arguments by f.filter[0] "
     "(line 2): the conditions of this rule change nothing\n"},
    {"an argument rule with its own action, before the unconditional rule: it decides", "x86_64",
     ALLOWLIST("{\"syscall\":\"dup\",\"action\":{\"errno\":9},\"args\":[" COND(
	 0, "dword", "\"eq\"", "5") "]},\n" PLAIN("dup")),
     ""},
    {"an argument rule with its own action, after the unconditional rule: it never decides",
     "x86_64",
     ALLOWLIST(PLAIN("dup") "{\"syscall\":\"dup\",\"action\":{\"errno\":9},\"args\":[" COND(
	 0, "dword", "\"eq\"", "5") "]},\n"),
     "3:1: f.filter[1]: warning: 'dup' is also matched whatever its arguments by f.filter[0] "
     "(line 2): the conditions of this rule change nothing\n"},
    {"the same conditions in another order", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"eq\"", "5") "," COND(1, "qword", "\"lt\"", "9"))
		   PLAIN("read") RULE(
		       "dup", COND(1, "qword", "\"lt\"", "9") "," COND(0, "dword", "\"eq\"", "5"))),
     "4:1: f.filter[2]: warning: duplicate of f.filter[0] (line 2): same syscall 'dup', same "
     "conditions\n"},
    {"three copies: each names the first", "x86_64",
     ALLOWLIST(PLAIN("read") PLAIN("read") PLAIN("read")),
     "3:1: f.filter[1]: warning: duplicate of f.filter[0] (line 2): same syscall 'read', same "
     "conditions\n"
     "4:1: f.filter[2]: warning: duplicate of f.filter[0] (line 2): same syscall 'read', same "
     "conditions\n"},
    {"a duplicate of an unconditional rule of the tail", "x86_64", ALLOWLIST(PLAIN("exit")),
     "3:47: f.filter[3]: warning: duplicate of f.filter[0] (line 2): same syscall 'exit', same "
     "conditions\n"},
    {"the same value under a mask is the same condition", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "{\"masked_eq\":240}", "80"))
		   RULE("dup", COND(0, "dword", "{\"masked_eq\":240}", "80"))),
     "3:1: f.filter[1]: warning: duplicate of f.filter[0] (line 2): same syscall 'dup', same "
     "conditions\n"},
    /* mmap's and munmap's addr are 64-bit: the high-half lint stays out of it. */
    {"same values, different widths or ops: not duplicates", "x86_64",
     ALLOWLIST(RULE("mmap", COND(0, "dword", "\"eq\"", "5")) RULE(
	 "mmap", COND(0, "qword", "\"eq\"", "5")) RULE("mmap", COND(0, "qword", "\"ge\"", "5"))
		   RULE("munmap", COND(0, "qword", "\"ge\"", "5"))),
     ""},

    /* Conditions that never hold. */
    {"dword lt 0", "x86_64", ALLOWLIST(RULE("dup", COND(0, "dword", "\"lt\"", "0"))),
     "2:26: f.filter[0].args[0]: warning: dword 'lt 0' never holds (arguments are unsigned): "
     "the rule never matches\n"},
    {"qword lt 0", "x86_64", ALLOWLIST(RULE("dup", COND(2, "qword", "\"lt\"", "0"))),
     "2:26: f.filter[0].args[0]: warning: qword 'lt 0' never holds (arguments are unsigned): "
     "the rule never matches\n"},
    {"dword gt 0xffffffff", "x86_64",
     ALLOWLIST(
	 RULE("dup", COND(0, "dword", "\"eq\"", "1") "," COND(1, "dword", "\"gt\"", "4294967295"))),
     "2:71: f.filter[0].args[1]: warning: dword 'gt 0xffffffff' never holds (a dword is at "
     "most 0xffffffff): the rule never matches\n"},
    {"qword gt 2^64-1", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "qword", "\"gt\"", "18446744073709551615"))),
     "2:26: f.filter[0].args[0]: warning: qword 'gt 0xffffffffffffffff' never holds (a qword "
     "is at most 0xffffffffffffffff): the rule never matches\n"},
    {"qword gt 2^32-1 can hold", "x86_64",
     ALLOWLIST(RULE("mmap", COND(0, "qword", "\"gt\"", "4294967295"))), ""},
    {"masked_eq: val has bits outside the mask", "x86_64",
     ALLOWLIST(RULE("mmap", COND(2, "dword", "{\"masked_eq\":4}", "5"))),
     "2:27: f.filter[0].args[0]: warning: val 5 has bits outside mask 0x4: sjail compares with "
     "val & mask (0x4), but seccompiler compares with val itself, and there this condition "
     "never holds\n"},

    /* Conditions that always hold: notes. */
    {"ge 0", "x86_64", ALLOWLIST(RULE("dup", COND(0, "qword", "\"ge\"", "0"))),
     "2:26: f.filter[0].args[0]: note: qword 'ge 0' always holds: the condition changes "
     "nothing\n"},
    {"dword le 0xffffffff", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"le\"", "4294967295"))),
     "2:26: f.filter[0].args[0]: note: dword 'le 0xffffffff' always holds: the condition "
     "changes nothing\n"},
    {"masked_eq with mask 0", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "qword", "{\"masked_eq\":0}", "0"))),
     "2:26: f.filter[0].args[0]: note: qword masked_eq with mask 0 always holds: the "
     "condition changes nothing\n"},

    /* Conditions of one rule that contradict each other. */
    {"eq 1 and eq 2", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"eq\"", "1") "," COND(0, "dword", "\"eq\"", "2"))),
     "2:1: f.filter[0]: warning: the conditions on args[0] (dword) contradict each other: the "
     "rule never matches\n"},
    {"ge 10 and le 5", "x86_64",
     ALLOWLIST(RULE("dup", COND(3, "qword", "\"ge\"", "10") "," COND(3, "qword", "\"le\"", "5"))),
     "2:1: f.filter[0]: warning: the conditions on args[3] (qword) contradict each other: the "
     "rule never matches\n"},
    {"gt 5 and lt 6", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"gt\"", "5") "," COND(0, "dword", "\"lt\"", "6"))),
     "2:1: f.filter[0]: warning: the conditions on args[0] (dword) contradict each other: the "
     "rule never matches\n"},
    {"eq 3 and ne 3", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"eq\"", "3") "," COND(0, "dword", "\"ne\"", "3"))),
     "2:1: f.filter[0]: warning: the conditions on args[0] (dword) contradict each other: the "
     "rule never matches\n"},
    {"gt 5 and lt 7: 6 is left", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"gt\"", "5") "," COND(0, "dword", "\"lt\"", "7"))),
     ""},
    {"other arguments, other widths: no contradiction", "x86_64",
     ALLOWLIST(
	 RULE("dup", COND(0, "dword", "\"eq\"", "1") "," COND(1, "dword", "\"eq\"", "2"))
	     RULE("dup3", COND(0, "dword", "\"eq\"", "1") "," COND(0, "qword", "\"eq\"", "2"))),
     ""},

    /* The filter as a whole. */
    {"an allowlist without what every process needs", "x86_64",
     HEAD("{\"errno\":1}") "{\"syscall\":\"read\"}]}}",
     "1:2: f: warning: the filter blocks 'execve' (errno 1 (EPERM)), but sjail itself calls it "
     "to start the command\n"
     "1:2: f: warning: the filter blocks 'exit_group' (errno 1 (EPERM)), but every process "
     "calls it to exit\n"
     "1:2: f: warning: the filter blocks 'exit' (errno 1 (EPERM)), but every thread calls it "
     "to end\n"
     "1:2: f: warning: the filter blocks 'rt_sigreturn' (errno 1 (EPERM)), but every signal "
     "handler returns through it\n"},
    {"i386 and arm: the old sigreturn beside rt_sigreturn, each for its own handlers", "i386",
     HEAD("{\"errno\":1}") "{\"syscall\":\"read\"}]}}",
     "1:2: f: warning: the filter blocks 'execve' (errno 1 (EPERM)), but sjail itself calls it "
     "to start the command\n"
     "1:2: f: warning: the filter blocks 'exit_group' (errno 1 (EPERM)), but every process "
     "calls it to exit\n"
     "1:2: f: warning: the filter blocks 'exit' (errno 1 (EPERM)), but every thread calls it "
     "to end\n"
     "1:2: f: warning: the filter blocks 'rt_sigreturn' (errno 1 (EPERM)), but signal handlers "
     "installed with SA_SIGINFO return through it\n"
     "1:2: f: warning: the filter blocks 'sigreturn' (errno 1 (EPERM)), but signal handlers "
     "installed without SA_SIGINFO return through it\n"},
    {"the whole allowlist on arm wants sigreturn too", "arm", ALLOWLIST(PLAIN("read")),
     "1:2: f: warning: the filter blocks 'sigreturn' (kill_process), but signal handlers "
     "installed without SA_SIGINFO return through it\n"},
    {"with sigreturn, a clean allowlist on i386", "i386",
     ALLOWLIST(PLAIN("read") PLAIN("sigreturn")), ""},
    {"x32 has rt_sigreturn alone", "x32", ALLOWLIST(PLAIN("read")), ""},
    {"an allowlist that allows exit_group only for some arguments", "aarch64",
     HEAD("\"trap\"") RULE("exit_group", COND(0, "dword", "\"eq\"", "0")) PLAIN("exit")
	 PLAIN("execve") "{\"syscall\":\"rt_sigreturn\"}]}}",
     "1:2: f: warning: the filter allows 'exit_group' only when its arguments match, but every "
     "process calls it to exit\n"},
    {"a denylist", "x86_64",
     "{\"f\":{\"mismatch_action\":\"allow\",\"match_action\":\"kill_process\",\"filter\":["
     "{\"syscall\":\"ptrace\"}]}}",
     "1:2: f: warning: the filter is a denylist (mismatch action allow): every syscall it does "
     "not name is allowed, including those new kernels add\n"},
    {"log as the mismatch action is a denylist too", "riscv64",
     "{\"f\":{\"mismatch_action\":\"log\",\"match_action\":{\"errno\":13},\"filter\":["
     "{\"syscall\":\"ptrace\"}]}}",
     "1:2: f: warning: the filter is a denylist (mismatch action log): every syscall it does "
     "not name is allowed, including those new kernels add\n"},
    {"in file order, whatever the kind", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"lt\"", "0")) PLAIN("read") PLAIN("read")),
     "2:26: f.filter[0].args[0]: warning: dword 'lt 0' never holds (arguments are unsigned): "
     "the rule never matches\n"
     "4:1: f.filter[2]: warning: duplicate of f.filter[1] (line 3): same syscall 'read', same "
     "conditions\n"},
    {"a name unknown on the arch is left to the compiler", "aarch64",
     ALLOWLIST(PLAIN("open") PLAIN("open")), ""},

    /*
     * qword conditions on arguments the kernel reads as 32 bits. An allowlist
     * errs where the high half lets a call in; a denylist where it lets a
     * call out. Stricter than meant is left alone, but for a negative int
     * written as its 32-bit pattern, which a C library never passes.
     */
    {"allowlist, qword gt on int family: the high half gets 40 in", "x86_64",
     ALLOWLIST(RULE("socket", COND(0, "qword", "\"gt\"", "40"))),
     "2:29: f.filter[0].args[0]: warning: the kernel reads args[0] of 'socket' as 'int "
     "family', ignoring its high half, but this qword condition compares all 64 bits: "
     "socket(0x100000028, \u2026) gets allow from this rule, while socket(40, \u2026), the same "
     "call to the kernel, gets kill_process; use \"type\": \"dword\" to compare the low half "
     "alone\n"},
    {"allowlist, qword ne", "x86_64", ALLOWLIST(RULE("socket", COND(0, "qword", "\"ne\"", "40"))),
     "2:29: f.filter[0].args[0]: warning: the kernel reads args[0] of 'socket' as 'int "
     "family', ignoring its high half, but this qword condition compares all 64 bits: "
     "socket(0x100000028, \u2026) gets allow from this rule, while socket(40, \u2026), the same "
     "call to the kernel, gets kill_process; use \"type\": \"dword\" to compare the low half "
     "alone\n"},
    {"allowlist, qword ge on unsigned int", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "qword", "\"ge\"", "5"))),
     "2:26: f.filter[0].args[0]: warning: the kernel reads args[0] of 'dup' as 'unsigned "
     "int fildes', ignoring its high half, but this qword condition compares all 64 bits: "
     "dup(0x100000004) gets allow from this rule, while dup(4), the same call to the "
     "kernel, gets kill_process; use \"type\": \"dword\" to compare the low half alone\n"},
    {"allowlist, qword eq, lt, le: the high half only refuses more", "x86_64",
     ALLOWLIST(RULE("close", COND(0, "qword", "\"eq\"", "5")) RULE(
	 "dup", COND(0, "qword", "\"lt\"", "5")) RULE("dup2", COND(0, "qword", "\"le\"", "5"))),
     ""},
    {"allowlist, masked_eq whose mask reaches the high half", "x86_64",
     ALLOWLIST(RULE("fcntl", COND(1, "qword", "{\"masked_eq\":4294967297}", "4294967297"))),
     "2:28: f.filter[0].args[0]: warning: the kernel reads args[1] of 'fcntl' as "
     "'unsigned int cmd', ignoring its high half, but this qword condition compares all "
     "64 bits: fcntl(\u2026, 0x100000001, \u2026) gets allow from this rule, while fcntl(\u2026, "
     "1, \u2026), "
     "the same call to the kernel, gets kill_process; use \"type\": \"dword\" to compare the "
     "low half alone\n"},
    {"allowlist, masked_eq whose mask reaches the high half, but only to refuse", "x86_64",
     ALLOWLIST(RULE("ioctl", COND(1, "qword", "{\"masked_eq\":18446744073709551615}", "21523"))),
     ""},
    {"allowlist, masked_eq on the low half: the high half is left out", "x86_64",
     ALLOWLIST(RULE("fcntl", COND(1, "qword", "{\"masked_eq\":4294967295}", "1"))), ""},
    {"dword: never", "x86_64",
     ALLOWLIST(RULE("socket", COND(0, "dword", "\"gt\"", "40"))
		   RULE("dup", COND(0, "dword", "\"ne\"", "5"))),
     ""},
    {"64-bit arguments: mmap's addr, clone's flags, ioctl's arg, prctl's arg2", "x86_64",
     ALLOWLIST(RULE("mmap", COND(0, "qword", "\"gt\"", "40"))
		   RULE("clone", COND(0, "qword", "{\"masked_eq\":2114060288}", "0"))
		       RULE("ioctl", COND(2, "qword", "\"ne\"", "0"))
			   RULE("prctl", COND(1, "qword", "\"gt\"", "1"))),
     ""},
    {"the same on aarch64", "aarch64", ALLOWLIST(RULE("socket", COND(0, "qword", "\"gt\"", "40"))),
     "2:29: f.filter[0].args[0]: warning: the kernel reads args[0] of 'socket' as 'int "
     "family', ignoring its high half, but this qword condition compares all 64 bits: "
     "socket(0x100000028, \u2026) gets allow from this rule, while socket(40, \u2026), the same "
     "call to the kernel, gets kill_process; use \"type\": \"dword\" to compare the low half "
     "alone\n"},
    {"Docker's personality rules: unsigned, stricter only", "x86_64",
     HEAD("{\"errno\":1}") RULE("personality", COND(0, "qword", "\"eq\"", "0"))
	 RULE("personality", COND(0, "qword", "\"eq\"", "4294967295")) TAIL,
     ""},
    {"denylist, errno rule qword eq: v | 1 << 32 gets out", "x86_64",
     DENYLIST(RULE("dup", COND(0, "qword", "\"eq\"", "5"))),
     DENYLIST_LINT
     "2:26: f.filter[0].args[0]: warning: the kernel reads args[0] of 'dup' as 'unsigned "
     "int fildes', ignoring its high half, but this qword condition compares all 64 bits: "
     "dup(0x100000005) gets allow, while dup(5), the same call to the kernel, gets errno "
     "1 (EPERM) from this rule; use \"type\": \"dword\" to compare the low half alone\n"},
    {"denylist, errno rule qword lt", "x86_64",
     DENYLIST(RULE("dup", COND(0, "qword", "\"lt\"", "5"))),
     DENYLIST_LINT
     "2:26: f.filter[0].args[0]: warning: the kernel reads args[0] of 'dup' as 'unsigned "
     "int fildes', ignoring its high half, but this qword condition compares all 64 bits: "
     "dup(0x100000004) gets allow, while dup(4), the same call to the kernel, gets errno "
     "1 (EPERM) from this rule; use \"type\": \"dword\" to compare the low half alone\n"},
    {"denylist, errno rule masked_eq with the high half in the mask", "x86_64",
     DENYLIST(RULE("dup", COND(0, "qword", "{\"masked_eq\":18446744073709551615}", "5"))),
     DENYLIST_LINT
     "2:26: f.filter[0].args[0]: warning: the kernel reads args[0] of 'dup' as 'unsigned "
     "int fildes', ignoring its high half, but this qword condition compares all 64 bits: "
     "dup(0x100000005) gets allow, while dup(5), the same call to the kernel, gets errno "
     "1 (EPERM) from this rule; use \"type\": \"dword\" to compare the low half alone\n"},
    {"denylist, errno rule qword ne, gt, ge, low-half masked_eq: the high half only refuses "
     "more",
     "x86_64",
     DENYLIST(RULE("dup", COND(0, "qword", "\"ne\"", "5")) RULE(
	 "dup2", COND(0, "qword", "\"gt\"", "5")) RULE("dup3", COND(0, "qword", "\"ge\"", "5"))
		  RULE("close", COND(0, "qword", "{\"masked_eq\":4294967295}", "5"))),
     DENYLIST_LINT},
    {"denylist, another rule refuses what gets past this one", "x86_64",
     DENYLIST(RULE("socket", COND(0, "qword", "\"eq\"", "40"))
		  RULE("socket", COND(0, "qword", "\"gt\"", "40"))),
     DENYLIST_LINT},
    {"denylist, a negative int written as its 32-bit pattern: a C library's -100 gets out",
     "x86_64", DENYLIST(RULE("openat", COND(0, "qword", "\"eq\"", "4294967196"))),
     DENYLIST_LINT
     "2:29: f.filter[0].args[0]: warning: the kernel reads args[0] of 'openat' as 'int "
     "dfd', ignoring its high half, but this qword condition compares all 64 bits: "
     "openat(-100, \u2026) gets allow, while openat(0xffffff9c, \u2026), the same call to the "
     "kernel, gets errno 1 (EPERM) from this rule; use \"type\": \"dword\" to compare the low "
     "half alone\n"},
    {"denylist, a negative int written sign-extended: its 32-bit pattern gets out", "x86_64",
     DENYLIST(RULE("openat", COND(0, "qword", "\"eq\"", "18446744073709551516"))),
     DENYLIST_LINT
     "2:29: f.filter[0].args[0]: warning: the kernel reads args[0] of 'openat' as 'int "
     "dfd', ignoring its high half, but this qword condition compares all 64 bits: "
     "openat(0xffffff9c, \u2026) gets allow, while openat(-100, \u2026), the same call to the "
     "kernel, gets errno 1 (EPERM) from this rule; use \"type\": \"dword\" to compare the low "
     "half alone\n"},
    {"allowlist, a negative int written as its 32-bit pattern: a C library's -100 is refused",
     "x86_64", ALLOWLIST(RULE("openat", COND(0, "qword", "\"eq\"", "4294967196"))),
     "2:29: f.filter[0].args[0]: note: the kernel reads args[0] of 'openat' as 'int dfd', "
     "and a C library passes a negative int sign-extended, but this qword condition "
     "compares all 64 bits: openat(-100, \u2026), which arrives as 0xffffffffffffff9c, gets "
     "kill_process, while openat(0xffffff9c, \u2026), the same call to the kernel, gets allow "
     "from this rule; use \"type\": \"dword\" to compare the low half alone\n"},
    {"allowlist, a negative int written sign-extended: as a C library passes it", "x86_64",
     ALLOWLIST(RULE("kill", COND(0, "qword", "\"eq\"", "18446744073709551615"))), ""},
    {"the other arguments of the rule are set so that it can hold", "x86_64",
     ALLOWLIST(
	 RULE("setsockopt", COND(0, "dword", "\"eq\"", "3") "," COND(
				1, "qword", "\"ge\"", "6") "," COND(2, "dword", "\"eq\"", "7"))),
     "2:78: f.filter[0].args[1]: warning: the kernel reads args[1] of 'setsockopt' as "
     "'int level', ignoring its high half, but this qword condition compares all 64 bits: "
     "setsockopt(\u2026, 0x100000005, \u2026) gets allow from this rule, while setsockopt(\u2026, "
     "5, \u2026), "
     "the same call to the kernel, gets kill_process; use \"type\": \"dword\" to compare the "
     "low half alone\n"},
};

/* The lints as "LINE:COL: PATH: level: message" lines (FILE: is left out). */
static char *format(const struct sjail_lint *lints, size_t n)
{
	size_t cap = 1, used = 0;
	char *text;

	for (size_t i = 0; i < n; i++)
		cap += 2048;
	text = calloc(cap, 1);
	for (size_t i = 0; text && i < n; i++) {
		struct sjail_error where = lints[i].where;
		size_t skip = strlen(where.file) + 1, len;

		where.msg[0] = '\0';
		len = sjail_error_format(&where, text + used, cap - used);
		if (len < skip || text[used + skip - 1] != ':')
			skip = 0; /* no file: shows as a mismatch */
		memmove(text + used, text + used + skip, len - skip + 1);
		used += len - skip;
		used += (size_t)snprintf(text + used, cap - used, "%s: %s\n",
					 lints[i].level == SJAIL_LINT_NOTE ? "note" : "warning",
					 lints[i].where.msg);
	}
	return text;
}

static void test_cases(void)
{
	for (size_t i = 0; i < ELEMENTSOF(cases); i++) {
		const struct lint_case *c = &cases[i];
		struct sjail_profile *profile = NULL;
		struct sjail_lint *lints = NULL;
		struct sjail_error err;
		size_t n = 99;
		char *got;
		int r;

		sjail_error_clear(&err);
		r = sjail_profile_parse("t.json", c->text, strlen(c->text), &profile, &err);
		CHECK_INT(r, 0);
		if (r < 0) {
			fprintf(stderr, "  %s: %s:%u:%u: %s\n", c->what, err.file, err.line,
				err.col, err.msg);
			continue;
		}
		CHECK_INT(sjail_lint(profile, 0, sjail_arch_by_name(c->arch), &lints, &n), 0);
		got = format(lints, n);
		CHECK_STR(got, c->want);
		if (!got || strcmp(got, c->want) != 0)
			fprintf(stderr, "  in case: %s\n", c->what);
		for (size_t j = 0; j < n; j++)
			CHECK_STR(lints[j].where.file, "t.json");
		free(got);
		sjail_lints_free(lints);
		sjail_profile_free(profile);
	}
}

/* What the parser refuses can still be in an IR built in C: dword values over 32 bits. */
static void test_ir(void)
{
	struct sjail_cond conds[] = {
	    {.index = 0, .width = 32, .op = SJAIL_OP_GE, .val = 1ull << 32, .loc = {3, 5}},
	    {.index = 1, .width = 32, .op = SJAIL_OP_EQ, .val = 1ull << 32, .loc = {3, 9}},
	    {.index = 2, .width = 32, .op = SJAIL_OP_NE, .val = 1ull << 32, .loc = {3, 13}},
	};
	struct sjail_rule rules[] = {
	    {.syscall = "dup",
	     .loc = {3, 1},
	     .action = SECCOMP_RET_ALLOW,
	     .nconds = 3,
	     .conds = conds},
	    {.syscall = "exit_group", .loc = {4, 1}, .action = SECCOMP_RET_ALLOW},
	    {.syscall = "exit", .loc = {5, 1}, .action = SECCOMP_RET_ALLOW},
	    {.syscall = "rt_sigreturn", .loc = {6, 1}, .action = SECCOMP_RET_ALLOW},
	    {.syscall = "execve", .loc = {7, 1}, .action = SECCOMP_RET_ALLOW},
	};
	struct sjail_filter filter = {
	    .name = "ir",
	    .loc = {2, 3},
	    .mismatch_action = SECCOMP_RET_KILL_PROCESS,
	    .match_action = SECCOMP_RET_ALLOW,
	    .nrules = ELEMENTSOF(rules),
	    .rules = rules,
	};
	struct sjail_profile profile = {.file = "ir.json", .nfilters = 1, .filters = &filter};
	struct sjail_lint *lints = NULL;
	size_t n = 0;
	char *got;

	CHECK_INT(sjail_lint(&profile, 0, sjail_arch_by_name("x86_64"), &lints, &n), 0);
	got = format(lints, n);
	CHECK_STR(got, "3:5: ir.filter[0].args[0]: warning: dword 'ge 0x100000000' never holds (a "
		       "dword is at most 0xffffffff): the rule never matches\n"
		       "3:9: ir.filter[0].args[1]: warning: dword 'eq 0x100000000' never holds (a "
		       "dword is at most 0xffffffff): the rule never matches\n"
		       "3:13: ir.filter[0].args[2]: note: dword 'ne 0x100000000' always holds: "
		       "the condition changes nothing\n");
	free(got);
	sjail_lints_free(lints);

	CHECK_INT(sjail_lint(&profile, 1, sjail_arch_by_name("x86_64"), &lints, &n), -EINVAL);
}

/* Past SJAIL_MAX_LINTS, the last place goes to a count of the rest. */
static void test_cap(void)
{
	const size_t nrules = SJAIL_MAX_LINTS + 100;
	struct sjail_rule *rules = calloc(nrules, sizeof(*rules));
	struct sjail_filter filter = {
	    .name = "many",
	    .loc = {1, 2},
	    .mismatch_action = SECCOMP_RET_ALLOW,
	    .match_action = SECCOMP_RET_KILL_PROCESS,
	    .nrules = nrules,
	    .rules = rules,
	};
	struct sjail_profile profile = {.file = "many.json", .nfilters = 1, .filters = &filter};
	struct sjail_lint *lints = NULL;
	size_t n = 0;

	for (size_t i = 0; i < nrules; i++)
		rules[i] = (struct sjail_rule){.syscall = "dup",
					       .loc = {(unsigned)i + 2, 1},
					       .action = SECCOMP_RET_KILL_PROCESS};
	/* The denylist warning, then nrules - 1 duplicates. */
	CHECK_INT(sjail_lint(&profile, 0, sjail_arch_by_name("x86_64"), &lints, &n), 0);
	CHECK_INT(n, SJAIL_MAX_LINTS);
	if (n == SJAIL_MAX_LINTS) {
		CHECK_INT(lints[0].where.line, 1);
		CHECK_INT(lints[n - 2].where.line, SJAIL_MAX_LINTS);
		CHECK_INT(lints[n - 1].level, SJAIL_LINT_NOTE);
		CHECK_STR(lints[n - 1].where.msg, "101 more warnings and notes not shown");
	}
	sjail_lints_free(lints);
	free(rules);
}

/*
 * OCI profiles: every condition is a qword, and the fix is said in OCI's
 * terms. Each entry is on a line of its own (line 2 on), after the default
 * action on line 1.
 */
static void test_oci_high_half(void)
{
	static const struct {
		const char *what, *text, *want;
	} oci_cases[] = {
	    {"Docker's socket rule",
	     "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[\n"
	     "{\"names\":[\"socket\"],\"action\":\"SCMP_ACT_ALLOW\","
	     "\"args\":[{\"index\":0,\"value\":40,\"op\":\"SCMP_CMP_GT\"}]}]}",
	     "2:55: syscalls[0].args[0]: warning: the kernel reads args[0] of 'socket' as "
	     "'int family', ignoring its high half, but OCI conditions compare all 64 "
	     "bits: socket(0x100000028, \u2026) gets allow from this rule, while socket(40, "
	     "\u2026), the same call to the kernel, gets errno 1 (EPERM); only "
	     "SCMP_CMP_MASKED_EQ can leave the high half out: one condition per family "
	     "this rule is for, \"value\": 4294967295 (the mask), \"valueTwo\": the family\n"},
	    {"an errno entry's EQ",
	     "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[\n"
	     "{\"names\":[\"dup\"],\"action\":\"SCMP_ACT_ERRNO\","
	     "\"args\":[{\"index\":0,\"value\":5,\"op\":\"SCMP_CMP_EQ\"}]}]}",
	     "2:52: syscalls[0].args[0]: warning: the kernel reads args[0] of 'dup' as "
	     "'unsigned int fildes', ignoring its high half, but OCI conditions compare "
	     "all 64 bits: dup(0x100000005) gets allow, while dup(5), the same call to "
	     "the kernel, gets errno 1 (EPERM) from this rule; compare the low half "
	     "alone: \"op\": \"SCMP_CMP_MASKED_EQ\", \"value\": 4294967295 (the mask), "
	     "\"valueTwo\": 5\n"},
	    {"an errno entry's MASKED_EQ, the high half in the mask",
	     "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[\n"
	     "{\"names\":[\"dup\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,"
	     "\"value\":18446744073709551615,\"valueTwo\":5,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}]}",
	     "2:52: syscalls[0].args[0]: warning: the kernel reads args[0] of 'dup' as "
	     "'unsigned int fildes', ignoring its high half, but OCI conditions compare "
	     "all 64 bits: dup(0x100000005) gets allow, while dup(5), the same call to "
	     "the kernel, gets errno 1 (EPERM) from this rule; leave the high half out of "
	     "the mask: \"value\": 4294967295\n"},
	    {"MASKED_EQ on the low half: the fix itself",
	     "{\"defaultAction\":\"SCMP_ACT_ALLOW\",\"syscalls\":[\n"
	     "{\"names\":[\"dup\"],\"action\":\"SCMP_ACT_ERRNO\",\"args\":[{\"index\":0,"
	     "\"value\":4294967295,\"valueTwo\":5,\"op\":\"SCMP_CMP_MASKED_EQ\"}]}]}",
	     ""},
	};
	struct sjail_load_options opts = {.format = SJAIL_FORMAT_OCI,
					  .arch = sjail_arch_by_name("x86_64")};

	for (size_t i = 0; i < ELEMENTSOF(oci_cases); i++) {
		struct sjail_profile *profile = NULL;
		struct sjail_lint *lints = NULL, *keep;
		size_t n = 0, m = 0;
		char *got;

		CHECK_INT(sjail_profile_parse_with("t.json", oci_cases[i].text,
						   strlen(oci_cases[i].text), &opts, &profile,
						   NULL),
			  0);
		if (!profile)
			continue;
		CHECK_INT(sjail_lint(profile, 0, opts.arch, &lints, &n), 0);
		/* The filters' own lints (denylists, no execve) are tested above. */
		keep = calloc(n + 1, sizeof(*keep));
		for (size_t j = 0; keep && j < n; j++)
			if (strstr(lints[j].where.msg, "high half"))
				keep[m++] = lints[j];
		got = format(keep, m);
		CHECK_STR(got, oci_cases[i].want);
		if (!got || strcmp(got, oci_cases[i].want) != 0)
			fprintf(stderr, "  in case: %s\n", oci_cases[i].what);
		free(got);
		free(keep);
		sjail_lints_free(lints);
		sjail_profile_free(profile);
	}
}

/*
 * Thousands of qword rules of one syscall: the high-half check stops within
 * its budget and says how many conditions it left. dup's rule comes first
 * (syscalls are checked in number order) and is warned of.
 */
static void test_high_half_budget(void)
{
	const size_t nrules = 3000;
	struct sjail_rule *rules = calloc(nrules + 5, sizeof(*rules));
	struct sjail_cond *conds = calloc(nrules + 1, sizeof(*conds));
	struct sjail_filter filter = {
	    .name = "big",
	    .loc = {1, 2},
	    .mismatch_action = SECCOMP_RET_KILL_PROCESS,
	    .match_action = SECCOMP_RET_ALLOW,
	    .nrules = nrules + 5,
	    .rules = rules,
	};
	struct sjail_profile profile = {.file = "big.json", .nfilters = 1, .filters = &filter};
	static const char *const essential[] = {"execve", "exit_group", "exit", "rt_sigreturn"};
	struct sjail_lint *lints = NULL;
	unsigned long unchecked;
	size_t n = 0;

	if (!rules || !conds) {
		CHECK(0);
		free(rules);
		free(conds);
		return;
	}
	/* dup if fd >= 5, then socket if family == 100 + k for each k: each tried against all. */
	conds[0] = (struct sjail_cond){
	    .index = 0, .width = 64, .op = SJAIL_OP_GE, .val = 5, .loc = {2, 9}};
	rules[0] = (struct sjail_rule){.syscall = "dup",
				       .loc = {2, 1},
				       .action = SECCOMP_RET_ALLOW,
				       .nconds = 1,
				       .conds = conds};
	for (size_t i = 1; i <= nrules; i++) {
		conds[i] =
		    (struct sjail_cond){.index = 0, .width = 64, .op = SJAIL_OP_EQ, .val = 99 + i};
		rules[i] = (struct sjail_rule){.syscall = "socket",
					       .loc = {(unsigned)i + 2, 1},
					       .action = SECCOMP_RET_ALLOW,
					       .nconds = 1,
					       .conds = &conds[i]};
	}
	for (size_t i = 0; i < 4; i++)
		rules[nrules + 1 + i] = (struct sjail_rule){.syscall = (char *)essential[i],
							    .loc = {(unsigned)(nrules + i) + 3, 1},
							    .action = SECCOMP_RET_ALLOW};
	CHECK_INT(sjail_lint(&profile, 0, sjail_arch_by_name("x86_64"), &lints, &n), 0);
	CHECK_INT(n, 2);
	if (n == 2) {
		CHECK_INT(lints[0].level, SJAIL_LINT_NOTE);
		CHECK_INT(lints[0].where.line, 1);
		CHECK(strstr(lints[0].where.msg,
			     " qword conditions on 32-bit arguments were not checked for what "
			     "their high half lets through: the filter has too many for one "
			     "check") != NULL);
		unchecked = strtoul(lints[0].where.msg, NULL, 10);
		CHECK(unchecked > 0);
		CHECK(unchecked < nrules);
		CHECK_INT(lints[1].level, SJAIL_LINT_WARNING);
		CHECK_INT(lints[1].where.line, 2);
		CHECK(strstr(lints[1].where.msg,
			     "dup(0x100000004) gets allow from this rule, while dup(4)") != NULL);
	}
	sjail_lints_free(lints);
	free(conds);
	free(rules);
}

int main(void)
{
	test_cases();
	test_oci_high_half();
	test_high_half_budget();
	test_ir();
	test_cap();
	return check_exit();
}

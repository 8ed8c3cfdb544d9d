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
    {"same values, different widths or ops: not duplicates", "x86_64",
     ALLOWLIST(RULE("dup", COND(0, "dword", "\"eq\"", "5")) RULE(
	 "dup", COND(0, "qword", "\"eq\"", "5")) RULE("dup", COND(0, "qword", "\"ge\"", "5"))
		   RULE("dup3", COND(0, "qword", "\"ge\"", "5"))),
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
     ALLOWLIST(RULE("dup", COND(0, "qword", "\"gt\"", "4294967295"))), ""},
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

int main(void)
{
	test_cases();
	test_ir();
	test_cap();
	return check_exit();
}

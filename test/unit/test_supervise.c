/* SPDX-License-Identifier: Apache-2.0 */
/*
 * test_supervise.c - the supervisor's programs: the profile's program with
 * denials sent to user space, the learner, and what decided a call.
 */
#include <errno.h>
#include <stdlib.h>

#include "check.h"
#include "ir.h"

/* xorshift64*: fixed seed, the same inputs every run. */
static uint64_t _rng = 0x5a11u;

static uint64_t _rand(void)
{
	_rng ^= _rng >> 12;
	_rng ^= _rng << 25;
	_rng ^= _rng >> 27;
	return _rng * 0x2545f4914f6cdd1dull;
}

/* Syscall numbers near the ones the filters name, their args near the rules' values. */
static void _random_call(const struct sjail_arch *arch, struct seccomp_data *d)
{
	static const uint64_t vals[] = {0, 1, 2, 99, 122, 0x5401, 0xffffffff, 0x100000000ull};

	d->arch = _rand() % 16 ? arch->audit_arch : 0x40000003u;
	d->nr = (int)(_rand() % 8 ? _rand() % 500 : (uint32_t)_rand());
	for (size_t i = 0; i < 6; i++)
		d->args[i] = _rand() % 2 ? vals[_rand() % ELEMENTSOF(vals)] : _rand();
	d->instruction_pointer = _rand();
}

static void _test_notify_denials(void)
{
	const struct sjail_arch *arch = &sjail_arch_x86_64;
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	size_t denials = 0, allowed = 0;

	sjail_error_clear(&err);
	CHECK_INT(sjail_profile_load(SRCDIR "/test/fixtures/good/report.json", &profile, &err), 0);
	if (!profile)
		return;
	for (size_t f = 0; f < sjail_profile_filter_count(profile); f++) {
		struct sjail_program *prog = NULL, *notif = NULL;
		const char *reason = NULL;
		size_t pc = 0;

		CHECK_INT(sjail_compile(profile, f, arch, &prog, &err), 0);
		CHECK_INT(sjail_program_notify_denials(prog, &notif), 0);
		if (!prog || !notif)
			continue;
		CHECK_INT(notif->len, prog->len);
		CHECK_INT(bpf_check(notif->insns, notif->len, &reason, &pc), 0);
		for (size_t i = 0; i < 20000; i++) {
			struct seccomp_data d = {0};
			uint32_t v, w;

			_random_call(arch, &d);
			v = sjail_program_run(prog, &d, NULL);
			w = sjail_program_run(notif, &d, NULL);
			if (sjail_action_denies(v)) {
				denials++;
				CHECK_INT(w, SECCOMP_RET_USER_NOTIF);
			} else {
				allowed++;
				CHECK_INT(w, v);
			}
		}
		sjail_program_free(prog);
		sjail_program_free(notif);
	}
	/* Both kinds were seen, so both branches were tested. */
	CHECK(denials > 1000);
	CHECK(allowed > 1000);
	sjail_profile_free(profile);
}

static void _test_denies(void)
{
	CHECK(sjail_action_denies(SECCOMP_RET_KILL_PROCESS));
	CHECK(sjail_action_denies(SECCOMP_RET_KILL_THREAD));
	CHECK(sjail_action_denies(SECCOMP_RET_TRAP | 7));
	CHECK(sjail_action_denies(SECCOMP_RET_ERRNO | 0));
	CHECK(sjail_action_denies(SECCOMP_RET_ERRNO | 4095));
	CHECK(!sjail_action_denies(SECCOMP_RET_ALLOW));
	CHECK(!sjail_action_denies(SECCOMP_RET_LOG));
	CHECK(!sjail_action_denies(SECCOMP_RET_TRACE | 3));
	CHECK(!sjail_action_denies(SECCOMP_RET_USER_NOTIF));
}

static void _test_learner(void)
{
	const struct sjail_arch *arch = &sjail_arch_x86_64;
	struct seccomp_data exec = {
	    .nr = 59,
	    .arch = 0xc000003e,
	    .args = {0x7ffd00001234, 0x7ffd00005678, 0x7ffd00009abc, 5, 6, 7}};
	struct sjail_program *p = NULL;
	const char *reason = NULL;
	size_t pc = 0;

	CHECK_INT(sjail_program_learner(arch, &exec, &p), 0);
	if (!p)
		return;
	CHECK_INT(bpf_check(p->insns, p->len, &reason, &pc), 0);
	CHECK_INT(sjail_program_run(p, &exec, NULL), SECCOMP_RET_ALLOW);
	/* args 3..5 and the instruction pointer do not matter */
	exec.args[4] = 99;
	exec.instruction_pointer = 42;
	CHECK_INT(sjail_program_run(p, &exec, NULL), SECCOMP_RET_ALLOW);
	/* any other nr, arch, or bit of args 0..2: user space */
	for (int bit = 0; bit < 64; bit++)
		for (int a = 0; a < 3; a++) {
			struct seccomp_data d = exec;

			d.args[a] ^= 1ull << bit;
			CHECK_INT(sjail_program_run(p, &d, NULL), SECCOMP_RET_USER_NOTIF);
		}
	{
		struct seccomp_data d = exec;

		d.nr = 322; /* execveat */
		CHECK_INT(sjail_program_run(p, &d, NULL), SECCOMP_RET_USER_NOTIF);
		d = exec;
		d.arch = 0x40000003; /* i386 */
		CHECK_INT(sjail_program_run(p, &d, NULL), SECCOMP_RET_USER_NOTIF);
	}
	sjail_program_free(p);

	/* With nothing let through: one instruction. */
	CHECK_INT(sjail_program_learner(arch, NULL, &p), 0);
	if (p) {
		CHECK_INT(p->len, 1);
		CHECK_INT(sjail_program_run(p, &exec, NULL), SECCOMP_RET_USER_NOTIF);
	}
	sjail_program_free(p);
}

static void _test_decide(void)
{
	static const char text[] =
	    "{\n"
	    "  \"f\": {\n"
	    "    \"mismatch_action\": {\"errno\": 1},\n"
	    "    \"match_action\": \"allow\",\n"
	    "    \"filter\": [\n"
	    "      {\"syscall\": \"read\"},\n"
	    "      {\"syscall\": \"dup\", \"comment\": \"fd 5\", \"args\": [\n"
	    "        {\"index\": 0, \"type\": \"dword\", \"op\": \"eq\", \"val\": 5}]}\n"
	    "    ]\n"
	    "  }\n"
	    "}\n";
	const struct sjail_arch *arch = &sjail_arch_x86_64;
	struct sjail_profile *profile = NULL;
	struct sjail_decision d;
	struct sjail_error err;
	struct seccomp_data call = {.nr = 32 /* dup */, .arch = 0xc000003e, .args = {5}};

	sjail_error_clear(&err);
	CHECK_INT(sjail_profile_parse("p.json", text, sizeof(text) - 1, &profile, &err), 0);
	if (!profile)
		return;
	CHECK_INT(sjail_profile_decide(profile, 0, arch, NULL, &call, &d), 0);
	CHECK_INT(d.action, SECCOMP_RET_ALLOW);
	CHECK(d.by_rule);
	CHECK_STR(d.file, "p.json");
	CHECK_STR(d.filter, "f");
	CHECK_INT(d.line, 7);
	CHECK_INT(d.col, 7);
	CHECK_STR(d.comment, "fd 5");

	call.args[0] = 6;
	CHECK_INT(sjail_profile_decide(profile, 0, arch, NULL, &call, &d), 0);
	CHECK_INT(d.action, SECCOMP_RET_ERRNO | 1);
	CHECK(!d.by_rule);
	CHECK_INT(d.line, 2);
	CHECK_INT(d.col, 3);
	CHECK_STR(d.why, "no rule matched (mismatch action)");

	call.nr = 0x40000000 | 32; /* x32 */
	CHECK_INT(sjail_profile_decide(profile, 0, arch, NULL, &call, &d), 0);
	CHECK_INT(d.action, SECCOMP_RET_KILL_PROCESS);
	CHECK(!d.by_rule);

	CHECK_INT(sjail_profile_decide(profile, 1, arch, NULL, &call, &d), -EINVAL);
	sjail_profile_free(profile);
}

int main(void)
{
	_test_denies();
	_test_notify_denials();
	_test_learner();
	_test_decide();
	return check_exit();
}

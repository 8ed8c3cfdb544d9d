/* SPDX-License-Identifier: Apache-2.0 */
/*
 * sjail.c - argv -> options -> profile -> program -> install -> execve.
 *
 * Everything that can fail happens before the filter is installed; after
 * it, only execve(2) runs (bubblewrap's "the last thing before execve").
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"
#include "supervise.h"

extern char **environ;

static int _run(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_program *prog = NULL;
	struct seccomp_data call = {0};
	struct sjail_error err;
	uint32_t verdict;
	char *path = NULL, action[32];
	int status, e;

	if (load_arch(NULL, &arch) < 0)
		return 125;
	if (load_program(o, arch, &prog, NULL) < 0)
		return 125;

	status = supervise_resolve(o->argv, &path);
	if (status != 0)
		goto out;

	/*
	 * NOTE: the filter applies to sjail's own execve. Decide that very
	 * call (same number, same argument pointers) with the program now:
	 * otherwise a profile that forgets execve would fail only after the
	 * filter is in, when sjail can no longer say why.
	 */
	status = 125;
	supervise_execve_call(arch, path, o->argv, &call);
	verdict = sjail_program_run(prog, &call, NULL);
	if ((verdict & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_ALLOW &&
	    (verdict & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_LOG) {
		fprintf(stderr,
			"sjail: %s: the filter would block sjail's own execve of '%s' (%s): "
			"allow 'execve' in the profile\n",
			o->profile, path, sjail_action_format(verdict, action, sizeof(action)));
		goto out;
	}

	sjail_error_clear(&err);
	/* --log: errno, trap, ... verdicts go to the audit log too, not only kills. */
	if (sjail_install(prog, prog->install_flags | (o->log ? SECCOMP_FILTER_FLAG_LOG : 0),
			  &err) < 0) {
		report(&err);
		goto out;
	}
	execve(path, o->argv, environ);

	/* The filter is in: this is best effort, and the filter may forbid it. */
	e = errno;
	fprintf(stderr, "sjail: '%s': cannot execute: %s\n", path, strerror(e));
	status = e == ENOENT ? 127 : 126;
out:
	free(path);
	sjail_program_free(prog);
	return status;
}

int main(int argc, char **argv)
{
	struct cli_options o;
	char msg[512];

	if (cli_parse(argc, argv, &o, msg, sizeof(msg)) < 0) {
		fprintf(stderr, "sjail: %s\n", msg);
		return 125;
	}
	switch (o.command) {
	case CLI_HELP:
		fputs(cli_usage, stdout);
		return fflush(stdout) == 0 ? 0 : 125;
	case CLI_VERSION:
		printf("sjail %s\n", SJAIL_VERSION);
		return fflush(stdout) == 0 ? 0 : 125;
	case CLI_CHECK:
		return command_check(&o);
	case CLI_COMPILE:
		return command_compile(&o);
	case CLI_EXPLAIN:
		return command_explain(&o);
	case CLI_DUMP:
		return command_dump(&o);
	case CLI_LEARN:
		return command_learn(&o);
	case CLI_CONVERT:
		return command_convert(&o);
	case CLI_RUN:
		/* --report: sjail stays, as a supervisor; otherwise it becomes COMMAND. */
		return o.report ? command_report(&o) : _run(&o);
	}
	return 125;
}

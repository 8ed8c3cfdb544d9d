/* SPDX-License-Identifier: Apache-2.0 */
/* cli.h - sjail's command line, parsed apart from main() so a test can drive it. */
#ifndef SJAIL_CLI_H
#define SJAIL_CLI_H

#include <stdbool.h>
#include <stddef.h>

enum cli_command {
	CLI_RUN,     /* sjail -p FILE [-t NAME] [--] COMMAND [ARG...] */
	CLI_COMPILE, /* sjail compile -p FILE [-t NAME] -o OUT [--arch A] */
	CLI_CHECK,   /* sjail check -p FILE [-t NAME] [--arch A] */
	CLI_EXPLAIN, /* sjail explain -p FILE [-t NAME] [--arch A] SYSCALL [ARG...] */
	CLI_DUMP,    /* sjail dump -p FILE [-t NAME] [--arch A] */
	CLI_LEARN,   /* sjail learn -o OUT [-t NAME] [--args] [--] COMMAND [ARG...] */
	CLI_CONVERT, /* sjail convert -p FILE [-t NAME] [--to sjail|oci] -o OUT */
	CLI_HELP,
	CLI_VERSION,
};

struct cli_options {
	enum cli_command command;
	const char *profile; /* -p */
	const char *filter;  /* -t; NULL: the only filter */
	const char *output;  /* -o; "-" is stdout */
	const char *arch;    /* --arch; NULL: native */
	char **argv;	     /* CLI_RUN: COMMAND [ARG...], CLI_EXPLAIN: SYSCALL [ARG...];
				NULL-terminated, inside argv */
	bool log;	     /* --log: SECCOMP_FILTER_FLAG_LOG */
	bool report;	     /* --report: supervise COMMAND, print each denied call */
	bool dry_run;	     /* --dry-run (with --report): denied calls proceed */
	bool learn_args;     /* learn --args: argument rules for ioctl, socket, ... */
	/* Reading profiles (all but learn): */
	const char *format;  /* --format: "oci", "sjail"; NULL: by the keys */
	const char *caps;    /* --caps: "CAP_CHOWN,CAP_KILL" for OCI includes/excludes */
	const char *kernel;  /* --kernel: "X.Y" for OCI minKernel */
	bool strict;	     /* --strict: an unknown syscall in an OCI profile is an error */
	bool enosys_new;     /* --enosys-new: numbers past the highest named get ENOSYS */
	const char *weights; /* --weights: a syscall trace the search tree is weighted by */
	const char *to;	     /* convert --to: "oci", "sjail"; NULL: the other format */
	const char *abi;     /* explain --abi: the ABI the call is made through; NULL: ARCH's */
};

extern const char cli_usage[];

/*
 * Parses argv into *ret (written on success only). Returns 0, or -EINVAL
 * with a one-line message in msg. Uses getopt_long (not reentrant).
 */
int cli_parse(int argc, char **argv, struct cli_options *ret, char *msg, size_t msglen);

/*
 * Finds command as execvp(3) would, through $PATH when it has no '/'.
 * Returns 0 with *ret_path (new, caller frees), or the exit code to use:
 * 127 when nothing was found, 126 when a match cannot be executed; *ret_errno
 * says why.
 */
int exec_resolve(const char *command, char **ret_path, int *ret_errno);

#endif

/* SPDX-License-Identifier: Apache-2.0 */
/* cli.c - argv -> struct cli_options. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cli_usage[] =
    "usage: sjail [--report [--dry-run]] [-p|--profile FILE] [-t|--filter NAME] [--]\n"
    "             COMMAND [ARG...]\n"
    "       sjail compile -p FILE [-t NAME] -o OUT [--arch ARCH]\n"
    "       sjail check -p FILE [-t NAME] [--arch ARCH]\n"
    "       sjail learn -o OUT [-t NAME] [--args] [--] COMMAND [ARG...]\n"
    "       sjail --help | --version\n"
    "\n"
    "Runs COMMAND under filter NAME of the seccompiler-format profile FILE:\n"
    "sets no_new_privs, installs the seccomp filter, then executes COMMAND.\n"
    "-t may be left out when FILE holds one filter.\n"
    "\n"
    "  compile   write the BPF program (raw struct sock_filter array) to OUT ('-': stdout)\n"
    "  check     validate every filter of FILE and print its size\n"
    "  --arch    x86_64, aarch64 or riscv64 (default: this machine's)\n"
    "  learn     run COMMAND with every call let through and write OUT, an allowlist of\n"
    "            the calls it made (filter NAME, default 'main'); --args adds argument\n"
    "            rules for ioctl, socket, prctl, fcntl and personality\n"
    "  --report  stay as a supervisor: print each call the filter denies, then deny it\n"
    "  --dry-run with --report: print denied calls but let them through (no sandbox!)\n"
    "\n"
    "Exit status: COMMAND's own once it runs; 125 sjail failed (nothing ran),\n"
    "126 COMMAND cannot be executed, 127 COMMAND was not found.\n";

enum {
	OPT_ARCH = 0x100,
	OPT_REPORT,
	OPT_DRY_RUN,
	OPT_ARGS,
};

static const struct option _options[] = {
    {"profile", required_argument, NULL, 'p'}, {"filter", required_argument, NULL, 't'},
    {"output", required_argument, NULL, 'o'},  {"arch", required_argument, NULL, OPT_ARCH},
    {"report", no_argument, NULL, OPT_REPORT}, {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"args", no_argument, NULL, OPT_ARGS},     {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},       {NULL, 0, NULL, 0},
};

__attribute__((format(printf, 3, 4))) static int _fail(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

int cli_parse(int argc, char **argv, struct cli_options *ret, char *msg, size_t msglen)
{
	struct cli_options o = {.command = CLI_RUN};
	const char *sub = NULL;
	int c, first = 1;

	/* A subcommand is only ever the first word: "sjail -p f -- check" runs check. */
	if (argc > 1 && (strcmp(argv[1], "compile") == 0 || strcmp(argv[1], "check") == 0)) {
		sub = argv[1];
		o.command = sub[1] == 'o' ? CLI_COMPILE : CLI_CHECK;
		first = 2;
	} else if (argc > 1 && strcmp(argv[1], "learn") == 0) {
		sub = argv[1];
		o.command = CLI_LEARN;
		first = 2;
	}

	/*
	 * '+': stop at the first non-option, so COMMAND's options are never
	 * ours. ':': report a missing argument as ':'. optind = 0 re-initializes
	 * glibc's getopt, so the parser can run more than once.
	 */
	opterr = 0;
	optind = 0;
	for (;;) {
		int idx = -1;

		c = getopt_long(argc - first + 1, argv + first - 1, "+:p:t:o:hV", _options, &idx);
		if (c == -1)
			break;
		switch (c) {
		case 'p':
			o.profile = optarg;
			break;
		case 't':
			o.filter = optarg;
			break;
		case 'o':
			if (!sub || (o.command != CLI_COMPILE && o.command != CLI_LEARN))
				return _fail(
				    msg, msglen,
				    "option '-o' is for 'sjail compile' and 'sjail learn' only");
			o.output = optarg;
			break;
		case OPT_ARCH:
			if (!sub)
				return _fail(
				    msg, msglen,
				    "option '--arch' is for 'sjail compile' and 'sjail check' "
				    "only");
			o.arch = optarg;
			break;
		case OPT_REPORT:
		case OPT_DRY_RUN:
			if (sub)
				return _fail(msg, msglen,
					     "option '%s' is for running a command only",
					     c == OPT_REPORT ? "--report" : "--dry-run");
			*(c == OPT_REPORT ? &o.report : &o.dry_run) = true;
			break;
		case OPT_ARGS:
			if (o.command != CLI_LEARN)
				return _fail(msg, msglen,
					     "option '--args' is for 'sjail learn' only");
			o.learn_args = true;
			break;
		case 'h':
			o.command = CLI_HELP;
			*ret = o;
			return 0;
		case 'V':
			o.command = CLI_VERSION;
			*ret = o;
			return 0;
		case ':':
			return _fail(msg, msglen, "option '%s' needs an argument",
				     argv[first - 1 + optind - 1]);
		default:
			return _fail(msg, msglen, "unknown option '%s' (see sjail --help)",
				     argv[first - 1 + optind - 1]);
		}
	}

	argv += first - 1 + optind;
	argc -= first - 1 + optind;
	if (o.command == CLI_LEARN && o.profile)
		return _fail(msg, msglen,
			     "option '-p' is not for 'sjail learn': it writes a profile (-o OUT)");
	if (!o.profile && o.command != CLI_LEARN)
		return _fail(msg, msglen, "no profile given: use -p FILE");
	if (o.dry_run && !o.report)
		return _fail(msg, msglen, "option '--dry-run' needs '--report'");
	if (o.command == CLI_LEARN) {
		if (!o.output)
			return _fail(msg, msglen, "no output given: use -o FILE");
		if (argc == 0)
			return _fail(msg, msglen,
				     "no command given: sjail learn -o OUT [-t NAME] -- COMMAND "
				     "[ARG...]");
		o.argv = argv;
	} else if (sub) {
		if (argc > 0)
			return _fail(msg, msglen, "unexpected argument '%s' after the options",
				     argv[0]);
		if (o.command == CLI_COMPILE && !o.output)
			return _fail(msg, msglen,
				     "no output given: use -o FILE (or -o - for stdout)");
	} else {
		if (argc == 0)
			return _fail(
			    msg, msglen,
			    "no command given: sjail -p FILE [-t NAME] -- COMMAND [ARG...]");
		o.argv = argv;
	}
	*ret = o;
	return 0;
}

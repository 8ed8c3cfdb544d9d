/* SPDX-License-Identifier: Apache-2.0 */
/* cli.c - argv -> struct cli_options. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

const char cli_usage[] =
    "usage: sjail [--log] [--report [--dry-run]] -p|--profile FILE [-t|--filter NAME]\n"
    "             [--] COMMAND [ARG...]\n"
    "       sjail compile -p FILE [-t NAME] -o|--output OUT [--arch ARCH]\n"
    "       sjail check -p FILE [-t NAME] [--arch ARCH]\n"
    "       sjail explain -p FILE [-t NAME] [--arch ARCH] [--abi ABI] SYSCALL [ARGS]\n"
    "       sjail dump -p FILE [-t NAME] [--arch ARCH]\n"
    "       sjail learn -o OUT [-t NAME] [--args] [--] COMMAND [ARG...]\n"
    "       sjail convert -p FILE [-t NAME] [--to sjail|oci] -o OUT [--arch ARCH]\n"
    "       sjail -h|--help | -V|--version\n"
    "\n"
    "Runs COMMAND under filter NAME of the profile FILE (seccompiler's format, or\n"
    "an OCI/Docker profile, told apart by its keys): sets no_new_privs, installs\n"
    "the seccomp filter, then executes COMMAND. -t may be left out when FILE holds\n"
    "one filter (an OCI profile is one, 'oci').\n"
    "\n"
    "  compile   write the BPF program (raw sock_filter array) to OUT ('-': stdout)\n"
    "  check     validate the filters, print their sizes, warn about dubious rules\n"
    "  explain   the verdict for one call (SYSCALL: name or number; up to 6 ARGs;\n"
    "            --abi: made through that ABI, e.g. i386) and what decided it\n"
    "  dump      print the BPF program, one annotated instruction a line\n"
    "  learn     run COMMAND letting every call through and write OUT, an allowlist\n"
    "            of the calls it made (filter NAME, default 'main'); --args adds\n"
    "            argument rules for ioctl, socket, prctl, fcntl and personality\n"
    "  convert   write filter NAME in the other format (--to: sjail or oci) to OUT,\n"
    "            with a warning for everything it cannot carry over; an OCI\n"
    "            profile of several ABIs becomes a sjail file per ABI beside OUT\n"
    "  --arch    x86_64, aarch64, riscv64, i386, x32 or arm (default: this\n"
    "            machine's)\n"
    "  --log     the kernel logs every verdict but allow (SECCOMP_FILTER_FLAG_LOG)\n"
    "  --report  stay as a supervisor: print each call the filter denies, deny it\n"
    "  --dry-run with --report: print denied calls but let them through (no sandbox!)\n"
    "  --format  oci or sjail: read FILE in that format, whatever its keys\n"
    "  --caps    CAP_A,CAP_B: the capabilities OCI 'includes'/'excludes' see\n"
    "            (default: this process's bounding set)\n"
    "  --kernel  X.Y: the kernel OCI 'minKernel' sees (default: the running one)\n"
    "  --strict  an OCI rule naming a syscall no ABI knows is an error, not a warning\n"
    "  --enosys-new  syscalls above the highest the filter names get ENOSYS, as\n"
    "            runc answers them, so that libcs fall back from newer calls\n"
    "  --weights TRACE  make the calls of a trace (NAME<TAB>COUNT lines) cheaper to\n"
    "            decide; the filter means the same (neither is for convert)\n"
    "\n"
    "Exit status: COMMAND's own once it runs; 125 sjail failed (nothing ran),\n"
    "126 COMMAND cannot be executed, 127 COMMAND was not found. See sjail(1).\n";

enum {
	OPT_ARCH = 0x100,
	OPT_LOG,
	OPT_REPORT,
	OPT_DRY_RUN,
	OPT_ARGS,
	OPT_FORMAT,
	OPT_CAPS,
	OPT_KERNEL,
	OPT_STRICT,
	OPT_ENOSYS_NEW,
	OPT_WEIGHTS,
	OPT_TO,
	OPT_ABI,
};

static const struct option _options[] = {
    {"profile", required_argument, NULL, 'p'},
    {"filter", required_argument, NULL, 't'},
    {"output", required_argument, NULL, 'o'},
    {"arch", required_argument, NULL, OPT_ARCH},
    {"log", no_argument, NULL, OPT_LOG},
    {"report", no_argument, NULL, OPT_REPORT},
    {"dry-run", no_argument, NULL, OPT_DRY_RUN},
    {"args", no_argument, NULL, OPT_ARGS},
    {"format", required_argument, NULL, OPT_FORMAT},
    {"caps", required_argument, NULL, OPT_CAPS},
    {"kernel", required_argument, NULL, OPT_KERNEL},
    {"strict", no_argument, NULL, OPT_STRICT},
    {"weights", required_argument, NULL, OPT_WEIGHTS},
    {"enosys-new", no_argument, NULL, OPT_ENOSYS_NEW},
    {"to", required_argument, NULL, OPT_TO},
    {"abi", required_argument, NULL, OPT_ABI},
    {"help", no_argument, NULL, 'h'},
    {"version", no_argument, NULL, 'V'},
    {NULL, 0, NULL, 0},
};

static const struct {
	const char *name;
	enum cli_command command;
} _subcommands[] = {
    {"compile", CLI_COMPILE}, {"check", CLI_CHECK}, {"explain", CLI_EXPLAIN},
    {"dump", CLI_DUMP},	      {"learn", CLI_LEARN}, {"convert", CLI_CONVERT},
};

__attribute__((format(printf, 3, 4))) static int _fail(char *msg, size_t len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, len, fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/*
 * The options that take a value, as --help names them. Each may be given
 * once: with two -p, one profile would go unused without a word.
 */
static const struct {
	int c;
	const char *name;
} _valued[] = {
    {'p', "-p/--profile"},    {'t', "-t/--filter"},	  {'o', "-o/--output"},
    {OPT_ARCH, "--arch"},     {OPT_FORMAT, "--format"},	  {OPT_CAPS, "--caps"},
    {OPT_KERNEL, "--kernel"}, {OPT_WEIGHTS, "--weights"}, {OPT_TO, "--to"},
    {OPT_ABI, "--abi"},
};

int cli_parse(int argc, char **argv, struct cli_options *ret, char *msg, size_t msglen)
{
	struct cli_options o = {.command = CLI_RUN};
	const char *sub = NULL;
	unsigned given = 0; /* bit i: _valued[i] was given */
	int c, first = 1;

	/* A subcommand is only ever the first word: "sjail -p f -- check" runs check. */
	for (size_t i = 0; argc > 1 && i < sizeof(_subcommands) / sizeof(_subcommands[0]); i++)
		if (strcmp(argv[1], _subcommands[i].name) == 0) {
			sub = argv[1];
			o.command = _subcommands[i].command;
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
		for (size_t i = 0; i < sizeof(_valued) / sizeof(_valued[0]); i++) {
			if (_valued[i].c != c)
				continue;
			if (given & (1u << i))
				return _fail(msg, msglen, "option '%s' given twice: give it once",
					     _valued[i].name);
			given |= 1u << i;
			/* A file name; --caps '' is a set (none), so it may be empty. */
			if (!optarg[0] && (c == 'p' || c == 'o' || c == OPT_WEIGHTS))
				return _fail(msg, msglen, "option '%s' needs a file name, not ''",
					     _valued[i].name);
		}
		switch (c) {
		case 'p':
			o.profile = optarg;
			break;
		case 't':
			o.filter = optarg;
			break;
		case 'o':
			if (!sub || (o.command != CLI_COMPILE && o.command != CLI_LEARN &&
				     o.command != CLI_CONVERT))
				return _fail(
				    msg, msglen,
				    "option '-o' is for 'sjail compile', 'sjail learn' and "
				    "'sjail convert' only");
			o.output = optarg;
			break;
		case OPT_ARCH:
			if (!sub)
				return _fail(
				    msg, msglen,
				    "option '--arch' is for the subcommands only, not for running "
				    "a command");
			o.arch = optarg;
			break;
		case OPT_LOG:
			if (sub)
				return _fail(msg, msglen,
					     "option '--log' is for running a command only");
			o.log = true;
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
		case OPT_FORMAT:
		case OPT_TO:
			if (strcmp(optarg, "oci") != 0 && strcmp(optarg, "sjail") != 0)
				return _fail(msg, msglen,
					     "option '%s' takes 'oci' or 'sjail', not '%s'",
					     c == OPT_FORMAT ? "--format" : "--to", optarg);
			if (c == OPT_TO && o.command != CLI_CONVERT)
				return _fail(msg, msglen,
					     "option '--to' is for 'sjail convert' only");
			*(c == OPT_FORMAT ? &o.format : &o.to) = optarg;
			break;
		case OPT_ABI:
			if (o.command != CLI_EXPLAIN)
				return _fail(msg, msglen,
					     "option '--abi' is for 'sjail explain' only");
			o.abi = optarg;
			break;
		case OPT_CAPS:
			o.caps = optarg;
			break;
		case OPT_KERNEL:
			o.kernel = optarg;
			break;
		case OPT_STRICT:
			o.strict = true;
			break;
		case OPT_WEIGHTS:
			if (o.command == CLI_LEARN)
				return _fail(msg, msglen, "option '--weights' is not for '%s'",
					     sub);
			if (o.command == CLI_CONVERT)
				return _fail(
				    msg, msglen,
				    "option '--weights' is not for 'convert': it shapes the "
				    "compiled program, not what the profile means, and "
				    "neither format has a key for it; give it where the "
				    "converted file is compiled or run");
			o.weights = optarg;
			break;
		case OPT_ENOSYS_NEW:
			if (o.command == CLI_CONVERT)
				return _fail(
				    msg, msglen,
				    "option '--enosys-new' is not for 'convert': neither an "
				    "OCI nor a sjail profile has a key for it; give it where "
				    "the converted file is compiled or run");
			o.enosys_new = true;
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
	if (o.command == CLI_LEARN && (o.format || o.caps || o.kernel || o.strict || o.enosys_new))
		return _fail(msg, msglen,
			     "options '--format', '--caps', '--kernel', '--strict' and "
			     "'--enosys-new' are for reading a profile, not for 'sjail learn'");
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
	} else if (o.command == CLI_EXPLAIN) {
		if (argc == 0)
			return _fail(msg, msglen,
				     "no syscall given: sjail explain -p FILE SYSCALL [ARG...]");
		if (argc > 7)
			return _fail(msg, msglen, "too many arguments: a syscall has at most 6");
		o.argv = argv;
	} else if (sub) {
		if (argc > 0)
			return _fail(msg, msglen, "unexpected argument '%s' after the options",
				     argv[0]);
		if ((o.command == CLI_COMPILE || o.command == CLI_CONVERT) && !o.output)
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

/* SPDX-License-Identifier: Apache-2.0 */
/* test_cli.c - argv parsing and the PATH search, without running anything. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "cli.h"

#define ARGV(...) ((char *[]){"sjail", __VA_ARGS__, NULL})
#define ARGC(...) ((int)(sizeof((char *[]){"sjail", __VA_ARGS__}) / sizeof(char *)))
#define ELEMENTSOF_ARGV(a) ((int)(sizeof(a) / sizeof((a)[0])) - 1)

struct good {
	int argc;
	char **argv;
	enum cli_command command;
	const char *profile, *filter, *output, *arch, *argv0;
};

struct bad {
	int argc;
	char **argv;
	const char *msg;
};

#define GOOD(cmd, p, t, o, a, c0, ...)                                                             \
	{                                                                                          \
		ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), cmd, p, t, o, a, c0                          \
	}
#define BAD(msg, ...)                                                                              \
	{                                                                                          \
		ARGC(__VA_ARGS__), ARGV(__VA_ARGS__), msg                                          \
	}

static void test_good(void)
{
	const struct good cases[] = {
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "ls", "-p", "f.json", "ls"),
	    GOOD(CLI_RUN, "f.json", "main", NULL, NULL, "ls", "-p", "f.json", "-t", "main", "--",
		 "ls", "-l"),
	    GOOD(CLI_RUN, "f.json", "main", NULL, NULL, "ls", "--profile=f.json", "--filter",
		 "main", "ls"),
	    /* The command's own options are never ours ('+' in getopt). */
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "ls", "-p", "f.json", "ls", "-t", "x"),
	    /* A subcommand word is only a subcommand in first place. */
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "check", "-p", "f.json", "--", "check"),
	    GOOD(CLI_COMPILE, "f.json", "vmm", "out.bpf", "aarch64", NULL, "compile", "-p",
		 "f.json", "-t", "vmm", "-o", "out.bpf", "--arch", "aarch64"),
	    GOOD(CLI_COMPILE, "f.json", NULL, "-", NULL, NULL, "compile", "-o", "-", "-p",
		 "f.json"),
	    GOOD(CLI_CHECK, "f.json", NULL, NULL, "riscv64", NULL, "check", "-p", "f.json",
		 "--arch=riscv64"),
	    GOOD(CLI_EXPLAIN, "f.json", "vcpu", NULL, "x86_64", "ioctl", "explain", "-p", "f.json",
		 "-t", "vcpu", "--arch", "x86_64", "ioctl", "12", "0xae80"),
	    GOOD(CLI_EXPLAIN, "f.json", NULL, NULL, NULL, "read", "explain", "-p", "f.json", "read",
		 "1", "2", "3", "4", "5", "6"),
	    GOOD(CLI_DUMP, "f.json", "vcpu", NULL, "aarch64", NULL, "dump", "-p", "f.json", "-t",
		 "vcpu", "--arch", "aarch64"),
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "dump", "-p", "f.json", "--", "dump"),
	    GOOD(CLI_LEARN, NULL, "web", "out.json", NULL, "nginx", "learn", "--args", "-o",
		 "out.json", "-t", "web", "--", "nginx", "-g", "daemon off;"),
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "learn", "-p", "f.json", "--", "learn"),
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "ls", "--report", "--dry-run", "-p", "f.json",
		 "ls", "--dry-run"),
	    GOOD(CLI_HELP, NULL, NULL, NULL, NULL, NULL, "--help"),
	    GOOD(CLI_HELP, NULL, NULL, NULL, NULL, NULL, "check", "-h"),
	    GOOD(CLI_VERSION, NULL, NULL, NULL, NULL, NULL, "--version"),
	    GOOD(CLI_CONVERT, "d.json", NULL, "d.sjail.json", "x86_64", NULL, "convert", "-p",
		 "d.json", "--arch", "x86_64", "-o", "d.sjail.json"),
	    GOOD(CLI_RUN, "f.json", NULL, NULL, NULL, "convert", "-p", "f.json", "--", "convert"),
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct good *c = &cases[i];
		struct cli_options o;
		char msg[256] = "";

		CHECK_INT(cli_parse(c->argc, c->argv, &o, msg, sizeof(msg)), 0);
		if (msg[0]) {
			fprintf(stderr, "  case %zu: %s\n", i, msg);
			continue;
		}
		CHECK_INT(o.command, c->command);
		if (c->command == CLI_HELP || c->command == CLI_VERSION)
			continue;
		CHECK(c->profile ? o.profile && strcmp(o.profile, c->profile) == 0 : !o.profile);
		CHECK(c->filter ? o.filter && strcmp(o.filter, c->filter) == 0 : !o.filter);
		CHECK(c->output ? o.output && strcmp(o.output, c->output) == 0 : !o.output);
		CHECK(c->arch ? o.arch && strcmp(o.arch, c->arch) == 0 : !o.arch);
		if (c->argv0)
			CHECK_STR(o.argv ? o.argv[0] : NULL, c->argv0);
		else
			CHECK(o.argv == NULL);
	}
}

/* The options for reading profiles, as given (their values are checked when used). */
static void test_profile_options(void)
{
	char *argv[] = {"sjail",
			"--format",
			"oci",
			"--caps",
			"CAP_KILL,CAP_CHOWN",
			"--kernel",
			"5.10",
			"--strict",
			"--enosys-new",
			"-p",
			"d.json",
			"--",
			"true",
			NULL};
	struct cli_options o;
	char msg[256] = "";

	CHECK_INT(cli_parse(ELEMENTSOF_ARGV(argv), argv, &o, msg, sizeof(msg)), 0);
	CHECK_STR(o.format, "oci");
	CHECK_STR(o.caps, "CAP_KILL,CAP_CHOWN");
	CHECK_STR(o.kernel, "5.10");
	CHECK(o.strict);
	CHECK(o.enosys_new);
	CHECK(o.to == NULL);
	CHECK_STR(o.argv ? o.argv[0] : NULL, "true");
	CHECK_INT(cli_parse(ARGC("convert", "-p", "f", "--to", "sjail", "-o", "-"),
			    ARGV("convert", "-p", "f", "--to", "sjail", "-o", "-"), &o, msg,
			    sizeof(msg)),
		  0);
	CHECK_STR(o.to, "sjail");
	CHECK(o.format == NULL && !o.strict && !o.enosys_new);
	CHECK(o.abi == NULL);
	CHECK_INT(cli_parse(ARGC("explain", "-p", "f", "--abi", "i386", "getpid"),
			    ARGV("explain", "-p", "f", "--abi", "i386", "getpid"), &o, msg,
			    sizeof(msg)),
		  0);
	CHECK_STR(o.abi, "i386");
	CHECK_STR(o.argv ? o.argv[0] : NULL, "getpid");
	/* explain explains the program these two make, so it takes them as compile does. */
	CHECK_INT(
	    cli_parse(ARGC("explain", "-p", "f", "--enosys-new", "--weights", "t.tsv", "clone3"),
		      ARGV("explain", "-p", "f", "--enosys-new", "--weights", "t.tsv", "clone3"),
		      &o, msg, sizeof(msg)),
	    0);
	CHECK_INT(o.command, CLI_EXPLAIN);
	CHECK(o.enosys_new);
	CHECK_STR(o.weights, "t.tsv");
	CHECK_STR(o.argv ? o.argv[0] : NULL, "clone3");
}

/* --log is a run option, off unless given. */
static void test_log(void)
{
	struct cli_options o;
	char msg[256] = "";

	CHECK_INT(cli_parse(ARGC("--log", "-p", "f", "ls"), ARGV("--log", "-p", "f", "ls"), &o, msg,
			    sizeof(msg)),
		  0);
	CHECK(o.log);
	CHECK_INT(cli_parse(ARGC("-p", "f", "ls", "--log"), ARGV("-p", "f", "ls", "--log"), &o, msg,
			    sizeof(msg)),
		  0);
	CHECK(!o.log); /* the command's option */
}

static void test_bad(void)
{
	const struct bad cases[] = {
	    BAD("no command given: sjail -p FILE [-t NAME] -- COMMAND [ARG...]", "-p", "f.json"),
	    BAD("no profile given: use -p FILE", "ls"),
	    BAD("no profile given: use -p FILE", "check"),
	    BAD("unknown option '--bogus' (see sjail --help)", "--bogus", "-p", "f", "ls"),
	    BAD("unknown option '-x' (see sjail --help)", "-x", "ls"),
	    BAD("option '-p' needs an argument", "-p"),
	    BAD("option '--filter' needs an argument", "-p", "f", "--filter"),
	    BAD("option '-o' is for 'sjail compile', 'sjail learn' and 'sjail convert' only", "-p",
		"f", "-o", "x", "ls"),
	    BAD("option '-o' is for 'sjail compile', 'sjail learn' and 'sjail convert' only",
		"check", "-p", "f", "-o", "x"),
	    BAD("no output given: use -o FILE", "learn", "--", "ls"),
	    BAD("no command given: sjail learn -o OUT [-t NAME] -- COMMAND [ARG...]", "learn", "-o",
		"x"),
	    BAD("option '-p' is not for 'sjail learn': it writes a profile (-o OUT)", "learn", "-p",
		"f", "-o", "x", "ls"),
	    BAD("option '--args' is for 'sjail learn' only", "-p", "f", "--args", "ls"),
	    BAD("option '--report' is for running a command only", "check", "-p", "f", "--report"),
	    BAD("option '--dry-run' needs '--report'", "--dry-run", "-p", "f", "ls"),
	    BAD("option '--arch' is for the subcommands only, not for running a command", "--arch",
		"x86_64", "-p", "f", "ls"),
	    BAD("option '--log' is for running a command only", "check", "-p", "f", "--log"),
	    BAD("option '-o' is for 'sjail compile', 'sjail learn' and 'sjail convert' only",
		"dump", "-p", "f", "-o", "x"),
	    BAD("no syscall given: sjail explain -p FILE SYSCALL [ARG...]", "explain", "-p", "f"),
	    BAD("too many arguments: a syscall has at most 6", "explain", "-p", "f", "read", "1",
		"2", "3", "4", "5", "6", "7"),
	    BAD("unexpected argument 'x' after the options", "dump", "-p", "f", "x"),
	    BAD("no output given: use -o FILE (or -o - for stdout)", "compile", "-p", "f"),
	    BAD("unexpected argument 'extra' after the options", "check", "-p", "f", "extra"),
	    /* Reading profiles: --format, --caps, --kernel, --strict, --enosys-new; convert --to.
	     */
	    BAD("option '--format' takes 'oci' or 'sjail', not 'docker'", "--format", "docker",
		"-p", "f", "ls"),
	    BAD("option '--to' takes 'oci' or 'sjail', not 'OCI'", "convert", "-p", "f", "--to",
		"OCI", "-o", "x"),
	    BAD("option '--to' is for 'sjail convert' only", "compile", "-p", "f", "--to", "oci",
		"-o", "x"),
	    BAD("option '--abi' is for 'sjail explain' only", "dump", "-p", "f", "--abi", "i386"),
	    /* An option with a value, given twice: one of them would go unused. */
	    BAD("option '-p/--profile' given twice: give it once", "-p", "a", "--profile", "b",
		"ls"),
	    BAD("option '-t/--filter' given twice: give it once", "check", "-p", "f", "-t", "a",
		"-t", "b"),
	    BAD("option '-o/--output' given twice: give it once", "compile", "-p", "f", "-o", "a",
		"-o", "b"),
	    BAD("option '--arch' given twice: give it once", "check", "-p", "f", "--arch", "x86_64",
		"--arch", "i386"),
	    BAD("option '-p/--profile' needs a file name, not ''", "check", "-p", ""),
	    BAD("option '-o/--output' needs a file name, not ''", "compile", "-p", "f", "-o", ""),
	    BAD("option '--weights' needs a file name, not ''", "check", "-p", "f", "--weights",
		""),
	    BAD("option '--abi' needs an argument", "explain", "-p", "f", "--abi"),
	    BAD("option '--caps' needs an argument", "check", "-p", "f", "--caps"),
	    BAD("option '--enosys-new' is not for 'convert': neither an OCI nor a sjail profile "
		"has "
		"a key for it; give it where the converted file is compiled or run",
		"convert", "-p", "f", "--enosys-new", "-o", "x"),
	    BAD("option '--weights' is not for 'convert': it shapes the compiled program, not what "
		"the profile means, and neither format has a key for it; give it where the "
		"converted file is compiled or run",
		"convert", "-p", "f", "--weights", "t.tsv", "-o", "x"),
	    BAD("option '--weights' is not for 'learn'", "learn", "--weights", "t.tsv", "-o", "x",
		"ls"),
	    BAD("options '--format', '--caps', '--kernel', '--strict' and '--enosys-new' are for "
		"reading a profile, not for 'sjail learn'",
		"learn", "--strict", "-o", "x", "ls"),
	    BAD("no output given: use -o FILE (or -o - for stdout)", "convert", "-p", "f"),
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct cli_options o;
		char msg[256] = "";

		CHECK_INT(cli_parse(cases[i].argc, cases[i].argv, &o, msg, sizeof(msg)), -EINVAL);
		CHECK_STR(msg, cases[i].msg);
	}
}

static void test_resolve(void)
{
	char dir[] = "/tmp/sjail-test-cli-XXXXXX", path[256], *found = NULL;
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	int e = 0, fd;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(path, sizeof(path), "%s/noexec", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
	CHECK(fd >= 0);
	close(fd);
	snprintf(path, sizeof(path), "%s/tool", dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0755);
	CHECK(fd >= 0);
	close(fd);

	/* Through PATH: the first executable match wins; an empty entry is ".". */
	snprintf(path, sizeof(path), "/nonexistent:%s:/usr/bin", dir);
	setenv("PATH", path, 1);
	CHECK_INT(exec_resolve("tool", &found, &e), 0);
	snprintf(path, sizeof(path), "%s/tool", dir);
	CHECK_STR(found, path);
	free(found);
	found = NULL;
	CHECK_INT(exec_resolve("sh", &found, &e), 0);
	free(found);
	found = NULL;

	/* Found but not executable: 126 with EACCES; nowhere: 127 with ENOENT. */
	CHECK_INT(exec_resolve("noexec", &found, &e), 126);
	CHECK_INT(e, EACCES);
	CHECK_INT(exec_resolve("no-such-command-anywhere", &found, &e), 127);
	CHECK_INT(e, ENOENT);
	CHECK_INT(exec_resolve("", &found, &e), 127);

	/* With a slash, PATH is not used. */
	CHECK_INT(exec_resolve("./no-such-file", &found, &e), 127);
	CHECK_INT(exec_resolve(dir, &found, &e), 126); /* a directory */
	CHECK_INT(e, EACCES);
	snprintf(path, sizeof(path), "%s/noexec/x", dir);
	CHECK_INT(exec_resolve(path, &found, &e), 127); /* ENOTDIR */

	snprintf(path, sizeof(path), "%s/noexec", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/tool", dir);
	unlink(path);
	rmdir(dir);
	if (saved)
		setenv("PATH", saved, 1);
	free(saved);
	CHECK(found == NULL);
}

int main(void)
{
	test_good();
	test_bad();
	test_log();
	test_profile_options();
	test_resolve();
	return check_exit();
}

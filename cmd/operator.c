/* SPDX-License-Identifier: Apache-2.0 */
/* operator.c - the subcommands that show what a profile does: explain, dump. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"

/* An argument: decimal or 0x hex, 64 bits. Returns false when it is neither. */
static bool _parse_arg(const char *text, uint64_t *ret)
{
	bool hex = text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
	const char *p = hex ? text + 2 : text;
	uint64_t v = 0;

	if (!*p)
		return false;
	for (; *p; p++) {
		unsigned d, base = hex ? 16 : 10;

		if (*p >= '0' && *p <= '9')
			d = (unsigned)(*p - '0');
		else if (hex && *p >= 'a' && *p <= 'f')
			d = (unsigned)(*p - 'a' + 10);
		else if (hex && *p >= 'A' && *p <= 'F')
			d = (unsigned)(*p - 'A' + 10);
		else
			return false;
		if (v > (UINT64_MAX - d) / base)
			return false;
		v = v * base + d;
	}
	*ret = v;
	return true;
}

/*
 * Loads the profile, finds the filter (NULL: the only one) and reads o's
 * compile options (*ret_weights: new, the caller frees it); prints any
 * error. It compiles the filter once, for the warnings and --strict.
 */
static int _load(const struct cli_options *o, const struct sjail_arch *arch,
		 struct sjail_profile **ret_profile, size_t *ret_index,
		 struct sjail_compile_options *ret_opts, struct sjail_weight **ret_weights)
{
	struct sjail_profile *profile = NULL;
	struct sjail_program *prog = NULL;
	struct sjail_weight *weights = NULL;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = load_profile(o, arch, &profile);
	if (r < 0)
		return r;
	r = sjail_profile_find_filter(profile, o->filter, ret_index, &err);
	if (r < 0)
		report(&err);
	else
		r = compile_options(o, arch, ret_opts, &weights);
	if (r >= 0)
		r = compile_filter_with(ret_opts, profile, *ret_index, arch, &prog);
	sjail_program_free(prog);
	if (r < 0) {
		free(weights);
		sjail_profile_free(profile);
		return r;
	}
	*ret_profile = profile;
	*ret_weights = weights;
	return 0;
}

static const char *_num(uint64_t v, char *buf, size_t len)
{
	if (v < 0x1000)
		snprintf(buf, len, "%" PRIu64, v);
	else
		snprintf(buf, len, "0x%" PRIx64, v);
	return buf;
}

static void _print(const struct sjail_explanation *x, const struct sjail_arch *arch,
		   const struct sjail_arch *abi, const struct seccomp_data *data)
{
	uint32_t nr = (uint32_t)data->nr;
	const char *name = sjail_arch_syscall_name(abi, nr);
	char num[32], act[64];

	if (name)
		printf("call:     %s(", name);
	else if (nr == UINT32_MAX)
		printf("call:     -1(");
	else
		printf("call:     0x%" PRIx32 "(", nr);
	for (size_t i = 0; i < 6; i++)
		printf("%s%s", i ? ", " : "", _num(data->args[i], num, sizeof(num)));
	if (abi == arch)
		printf(") on %s\n", sjail_arch_name(arch));
	else
		printf(") on %s, under the program for %s\n", sjail_arch_name(abi),
		       sjail_arch_name(arch));
	printf("verdict:  %s\n", sjail_action_describe(x->action, act, sizeof(act)));

	switch (x->reason) {
	case SJAIL_REASON_RULE:
		printf("rule:     %s:%u:%u: %s: %s%s%s\n", x->file, x->line, x->col, x->path,
		       x->syscall, x->conditions[0] ? " if " : ", whatever the arguments",
		       x->conditions);
		if (x->comment)
			printf("comment:  %s\n", x->comment);
		break;
	case SJAIL_REASON_MISMATCH:
		printf("rule:     none matched: the mismatch action applies%s%s\n",
		       x->enosys_new[0] ? "; --enosys-new: " : "", x->enosys_new);
		break;
	case SJAIL_REASON_ENOSYS_NEW:
		printf("rule:     none matched; --enosys-new: %s\n", x->enosys_new);
		break;
	case SJAIL_REASON_SKIP:
	case SJAIL_REASON_FOREIGN:
	case SJAIL_REASON_ARCH:
		printf("rule:     none: %s\n", x->why);
		break;
	}
	printf("executed: %zu BPF instructions\n", x->executed);
}

int command_explain(const struct cli_options *o)
{
	const struct sjail_arch *arch, *abi;
	struct sjail_profile *profile = NULL;
	struct sjail_compile_options opts;
	struct sjail_weight *weights = NULL;
	struct sjail_explanation x;
	struct seccomp_data data = {0};
	struct sjail_error err;
	uint32_t nr;
	size_t index;
	int r, status = 125;

	if (load_arch(o->arch, &arch) < 0)
		return 125;
	/*
	 * --abi: the call comes through another ABI (i386's int $0x80 under an
	 * x86_64 program): named on its table, with its arch value. A number
	 * is taken as it is; x32's carry their bit (0x40000000).
	 */
	abi = arch;
	if (o->abi && !(abi = sjail_arch_by_name(o->abi))) {
		fprintf(stderr, "sjail: unknown ABI '%s' for --abi (expected %s)\n", o->abi,
			sjail_arch_names());
		return 125;
	}
	sjail_error_clear(&err);
	if (sjail_syscall_parse(abi, o->argv[0], &nr, &err) < 0) {
		report(&err);
		return 125;
	}
	for (size_t i = 1; o->argv[i]; i++) {
		uint64_t v;

		if (!_parse_arg(o->argv[i], &v)) {
			fprintf(stderr,
				"sjail: argument %zu '%s' is not a number (decimal or 0x hex, at "
				"most 64 bits)\n",
				i, o->argv[i]);
			return 125;
		}
		data.args[i - 1] = v;
	}
	data.nr = (int)nr;
	data.arch = sjail_arch_audit(abi);

	/* The options of the program a run or compile would make: explain that very program. */
	if (_load(o, arch, &profile, &index, &opts, &weights) < 0)
		return 125;
	r = sjail_explain_with(profile, index, arch, &opts, &data, &x, &err);
	if (r < 0) {
		if (r == -ENOMEM && !err.msg[0])
			fprintf(stderr, "sjail: out of memory\n");
		else
			report(&err);
		goto out;
	}
	_print(&x, arch, abi, &data);
	status = 0;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sjail: cannot write to stdout: %s\n", strerror(errno));
		status = 125;
	}
out:
	sjail_profile_free(profile);
	free(weights);
	return status;
}

int command_dump(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_program *prog = NULL;
	char *text = NULL;
	int status = 125;

	if (load_arch(o->arch, &arch) < 0)
		return 125;
	if (load_program(o, arch, &prog, NULL) < 0)
		return 125;
	if (sjail_program_dump(prog, &text) < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	fputs(text, stdout);
	status = 0;
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sjail: cannot write to stdout: %s\n", strerror(errno));
		status = 125;
	}
out:
	free(text);
	sjail_program_free(prog);
	return status;
}

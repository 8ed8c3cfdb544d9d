/* SPDX-License-Identifier: Apache-2.0 */
/* commands.c - the subcommands that do not exec: check and compile. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"

void report(const struct sjail_error *err)
{
	char line[2048];

	sjail_error_format(err, line, sizeof(line));
	fprintf(stderr, "sjail: %s\n", line);
}

int load_arch(const char *name, const struct sjail_arch **ret_arch)
{
	const struct sjail_arch *arch;

	arch = name ? sjail_arch_by_name(name) : sjail_arch_native();
	if (!arch) {
		if (name)
			fprintf(stderr, "sjail: unknown architecture '%s' (expected %s)\n", name,
				sjail_arch_names());
		else
			fprintf(stderr, "sjail: this machine's architecture has no syscall table; "
					"use --arch with compile or check\n");
		return -EINVAL;
	}
	*ret_arch = arch;
	return 0;
}

void report_level(const struct sjail_error *err, const char *level)
{
	struct sjail_error where = *err;
	char line[1024];

	where.msg[0] = '\0'; /* "FILE:LINE:COL: PATH: " */
	sjail_error_format(&where, line, sizeof(line));
	fprintf(stderr, "sjail: %s%s: %s\n", line, level, err->msg);
}

int load_profile(const struct cli_options *o, const struct sjail_arch *arch,
		 struct sjail_profile **ret_profile)
{
	struct sjail_load_options opts = {.arch = arch};
	struct sjail_profile *profile = NULL;
	const struct sjail_error *warnings;
	struct sjail_error err;
	size_t n;
	int r;

	sjail_error_clear(&err);
	if (o->format)
		opts.format = strcmp(o->format, "oci") == 0 ? SJAIL_FORMAT_OCI : SJAIL_FORMAT_SJAIL;
	r = o->caps ? sjail_caps_parse(o->caps, &opts.caps, &err) : 0;
	opts.caps_given = o->caps != NULL;
	if (r >= 0 && o->kernel)
		r = sjail_kernel_parse(o->kernel, &opts.kernel_major, &opts.kernel_minor, &err);
	if (r >= 0)
		r = sjail_profile_load_with(o->profile, &opts, &profile, &err);
	if (r < 0) {
		if (r == -ENOMEM && !err.msg[0])
			fprintf(stderr, "sjail: out of memory\n");
		else
			report(&err);
		return r;
	}
	n = sjail_profile_warnings(profile, &warnings);
	for (size_t i = 0; i < n; i++)
		report_level(&warnings[i], "warning");
	*ret_profile = profile;
	return 0;
}

int compile_options(const struct cli_options *o, const struct sjail_arch *arch,
		    struct sjail_compile_options *ret_opts, struct sjail_weight **ret_weights)
{
	struct sjail_compile_options opts = {.strict = o->strict, .enosys_new = o->enosys_new};
	struct sjail_weight *weights = NULL;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	if (o->weights) {
		r = sjail_trace_load(o->weights, arch, &weights, &opts.nweights, &err);
		if (r < 0) {
			if (r == -ENOMEM && !err.msg[0])
				fprintf(stderr, "sjail: out of memory\n");
			else
				report(&err);
			return r;
		}
	}
	opts.weights = weights;
	*ret_opts = opts;
	*ret_weights = weights;
	return 0;
}

int compile_filter_with(const struct sjail_compile_options *opts,
			const struct sjail_profile *profile, size_t index,
			const struct sjail_arch *arch, struct sjail_program **ret_program)
{
	struct sjail_program *prog = NULL;
	struct sjail_error err;
	int r;

	sjail_error_clear(&err);
	r = sjail_compile_with(profile, index, arch, opts, &prog, &err);
	if (r < 0) {
		if (r == -ENOMEM && !err.msg[0])
			fprintf(stderr, "sjail: out of memory\n");
		else
			report(&err);
		return r;
	}
	for (size_t i = 0; i < prog->nwarnings; i++)
		report_level(&prog->warnings[i], "warning");
	*ret_program = prog;
	return 0;
}

int compile_filter(const struct cli_options *o, const struct sjail_profile *profile, size_t index,
		   const struct sjail_arch *arch, struct sjail_program **ret_program)
{
	struct sjail_compile_options opts;
	struct sjail_weight *weights = NULL;
	int r;

	if (compile_options(o, arch, &opts, &weights) < 0)
		return -EINVAL;
	r = compile_filter_with(&opts, profile, index, arch, ret_program);
	free(weights);
	return r;
}

int load_program(const struct cli_options *o, const struct sjail_arch *arch,
		 struct sjail_program **ret_program, const char **ret_filter_name)
{
	struct sjail_profile *profile = NULL;
	struct sjail_error err;
	size_t index;
	int r;

	sjail_error_clear(&err);
	r = load_profile(o, arch, &profile);
	if (r < 0)
		return r;
	r = sjail_profile_find_filter(profile, o->filter, &index, &err);
	if (r < 0)
		report(&err);
	else
		r = compile_filter(o, profile, index, arch, ret_program);
	if (r >= 0 && ret_filter_name)
		/* The name outlives the profile: it points into argv or is static. */
		*ret_filter_name = o->filter ? o->filter : "(the only filter)";
	sjail_profile_free(profile);
	return r;
}

/* Prints the lints of filter index as "sjail: FILE:LINE:COL: PATH: warning: MSG". */
static int _lint(const struct sjail_profile *profile, size_t index, const struct sjail_arch *arch)
{
	struct sjail_lint *lints = NULL;
	size_t n = 0;
	int r;

	r = sjail_lint(profile, index, arch, &lints, &n);
	if (r < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		return r;
	}
	for (size_t i = 0; i < n; i++)
		report_level(&lints[i].where,
			     lints[i].level == SJAIL_LINT_NOTE ? "note" : "warning");
	sjail_lints_free(lints);
	return 0;
}

int command_check(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_profile *profile = NULL;
	struct sjail_compile_options opts;
	struct sjail_weight *weights = NULL;
	struct sjail_error err;
	size_t only = 0;
	int status = 0;

	if (load_arch(o->arch, &arch) < 0)
		return 125;
	if (load_profile(o, arch, &profile) < 0)
		return 125;
	sjail_error_clear(&err);
	if (o->filter && sjail_profile_find_filter(profile, o->filter, &only, &err) < 0) {
		report(&err);
		sjail_profile_free(profile);
		return 125;
	}
	/* The trace once for all filters: a bad one is said once. */
	if (compile_options(o, arch, &opts, &weights) < 0) {
		sjail_profile_free(profile);
		return 125;
	}
	for (size_t i = 0; i < sjail_profile_filter_count(profile); i++) {
		struct sjail_program *prog = NULL;

		if (o->filter && i != only)
			continue;
		if (compile_filter_with(&opts, profile, i, arch, &prog) < 0) {
			status = 125;
			continue;
		}
		if (_lint(profile, i, arch) < 0)
			status = 125;
		printf("%s: %zu syscalls, %zu rules, %zu instructions\n",
		       sjail_profile_filter_name(profile, i), prog->nsyscalls, prog->nrules,
		       prog->len);
		sjail_program_free(prog);
	}
	free(weights);
	sjail_profile_free(profile);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "sjail: cannot write to stdout: %s\n", strerror(errno));
		return 125;
	}
	return status;
}

int output_target(const char *out, char **ret_path, bool *ret_direct)
{
	struct stat st;
	bool direct = false;
	char *path;

	if (stat(out, &st) < 0) {
		/* Nothing there yet (or a dangling link): creating it says why not. */
		path = strdup(out);
	} else if (S_ISDIR(st.st_mode)) {
		fprintf(stderr, "sjail: %s: cannot write: %s\n", out, strerror(EISDIR));
		return -1;
	} else if (!S_ISREG(st.st_mode)) {
		direct = true;
		path = strdup(out);
	} else {
		path = realpath(out, NULL);
		if (!path && errno != ENOMEM)
			path = strdup(out);
	}
	if (!path) {
		fprintf(stderr, "sjail: out of memory\n");
		return -1;
	}
	*ret_path = path;
	*ret_direct = direct;
	return 0;
}

/*
 * Writes a new file beside out through fill: *ret_tmp is its name (new;
 * the caller renames or unlinks it). Prints any error as name's; returns
 * 0 or -1.
 */
static int _write_beside(const char *out, const char *name, int (*fill)(int fd, const void *ctx),
			 const void *ctx, char **ret_tmp)
{
	char *tmp = NULL;
	int fd, r;

	if (asprintf(&tmp, "%s.XXXXXX", out) < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		return -1;
	}
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "sjail: %s: cannot create: %s\n", name, strerror(errno));
		free(tmp);
		return -1;
	}
	r = fill(fd, ctx);
	if (r == 0 && fchmod(fd, 0644) < 0)
		r = -errno;
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0) {
		fprintf(stderr, "sjail: %s: cannot write: %s\n", name, strerror(-r));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	*ret_tmp = tmp;
	return 0;
}

/* Writes straight into out, a device, FIFO or socket. Prints any error; returns 0 or -1. */
static int _write_direct(const char *out, int (*fill)(int fd, const void *ctx), const void *ctx)
{
	int fd, r;

	fd = open(out, O_WRONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		fprintf(stderr, "sjail: %s: cannot open: %s\n", out, strerror(errno));
		return -1;
	}
	r = fill(fd, ctx);
	if (close(fd) < 0 && r == 0)
		r = -errno;
	if (r < 0) {
		fprintf(stderr, "sjail: %s: cannot write: %s\n", out, strerror(-r));
		return -1;
	}
	return 0;
}

int outputs_write(size_t n, const char *const *outs, int (*fill)(int fd, const void *ctx),
		  const void *const *ctxs)
{
	char **tmps = NULL, **paths = NULL;
	bool *direct = NULL;
	size_t i, renamed = 0;
	int r, status = -1;

	if (n == 1 && strcmp(outs[0], "-") == 0) {
		r = fill(STDOUT_FILENO, ctxs[0]);
		if (r < 0)
			fprintf(stderr, "sjail: cannot write to stdout: %s\n", strerror(-r));
		return r < 0 ? -1 : 0;
	}

	/*
	 * Every file is written beside its OUT first, then each is renamed
	 * into place: an OUT is never half written, and a failure while
	 * writing leaves every OUT as it was. A symlink's target is replaced,
	 * not the link, and a device (/dev/null) is written into, not
	 * replaced by a file.
	 */
	tmps = calloc(n, sizeof(*tmps));
	paths = calloc(n, sizeof(*paths));
	direct = calloc(n, sizeof(*direct));
	if (!tmps || !paths || !direct) {
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	for (i = 0; i < n; i++)
		if (output_target(outs[i], &paths[i], &direct[i]) < 0)
			goto out;
	for (i = 0; i < n; i++)
		if (!direct[i] && _write_beside(paths[i], outs[i], fill, ctxs[i], &tmps[i]) < 0)
			goto out;
	for (i = 0; i < n; i++, renamed++) {
		if (direct[i]) {
			if (_write_direct(outs[i], fill, ctxs[i]) < 0)
				goto out;
			continue;
		}
		if (rename(tmps[i], paths[i]) < 0) {
			fprintf(stderr, "sjail: %s: cannot write: %s", outs[i], strerror(errno));
			for (size_t k = 0; k < renamed; k++)
				fprintf(stderr, "%s%s", k ? ", " : " (written: ", outs[k]);
			fprintf(stderr, "%s\n", renamed ? ")" : "");
			goto out;
		}
	}
	status = 0;
out:
	for (i = renamed; tmps && i < n; i++)
		if (tmps[i])
			unlink(tmps[i]);
	for (i = 0; i < n; i++) {
		if (tmps)
			free(tmps[i]);
		if (paths)
			free(paths[i]);
	}
	free(tmps);
	free(paths);
	free(direct);
	return status;
}

int output_write(const char *out, int (*fill)(int fd, const void *ctx), const void *ctx)
{
	return outputs_write(1, &out, fill, &ctx);
}

static int _write_program(int fd, const void *prog)
{
	return sjail_program_write(prog, fd);
}

int command_compile(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_program *prog = NULL;
	int status;

	if (load_arch(o->arch, &arch) < 0)
		return 125;
	if (load_program(o, arch, &prog, NULL) < 0)
		return 125;
	status = output_write(o->output, _write_program, prog) < 0 ? 125 : 0;
	sjail_program_free(prog);
	return status;
}

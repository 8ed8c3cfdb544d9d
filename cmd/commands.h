/* SPDX-License-Identifier: Apache-2.0 */
/* commands.h - what cmd/sjail.c dispatches to. Each returns an exit status. */
#ifndef SJAIL_COMMANDS_H
#define SJAIL_COMMANDS_H

#include "cli.h"
#include "sjail.h"

/* Prints err as one "sjail: FILE:LINE:COL: PATH: MSG" line on stderr. */
void report(const struct sjail_error *err);

/* The architecture called name (NULL: native); prints why not and returns -EINVAL. */
int load_arch(const char *name, const struct sjail_arch **ret_arch);

/* Prints err as "sjail: FILE:LINE:COL: PATH: LEVEL: MSG" (LEVEL: "warning", "note"). */
void report_level(const struct sjail_error *err, const char *level);

/*
 * Loads o->profile as o's --format, --caps and --kernel say, for arch;
 * prints any error, and the warnings of the load.
 */
int load_profile(const struct cli_options *o, const struct sjail_arch *arch,
		 struct sjail_profile **ret_profile);

/*
 * The compile options o asks for on arch: --strict, --enosys-new, and
 * --weights with its trace read into *ret_weights (new, the caller frees
 * it; NULL without --weights), which ret_opts->weights points to. Prints
 * any error.
 */
int compile_options(const struct cli_options *o, const struct sjail_arch *arch,
		    struct sjail_compile_options *ret_opts, struct sjail_weight **ret_weights);

/* Compiles filter index with opts; prints any error and the warnings. */
int compile_filter_with(const struct sjail_compile_options *opts,
			const struct sjail_profile *profile, size_t index,
			const struct sjail_arch *arch, struct sjail_program **ret_program);

/* compile_options() and compile_filter_with(): filter index as o's options compile it. */
int compile_filter(const struct cli_options *o, const struct sjail_profile *profile, size_t index,
		   const struct sjail_arch *arch, struct sjail_program **ret_program);

/* load_profile(), picks filter o->filter (NULL: the only one), compile_filter(). */
int load_program(const struct cli_options *o, const struct sjail_arch *arch,
		 struct sjail_program **ret_program, const char **ret_filter_name);

/*
 * Writes OUT ("-": stdout) through fill(fd, ctx), which returns 0 or
 * -errno: beside OUT, then renamed over it, so OUT is never half written.
 * Prints any error; returns 0 or -1.
 */
int output_write(const char *out, int (*fill)(int fd, const void *ctx), const void *ctx);

/*
 * Where OUT is written: *ret_path (new, the caller frees it) is the file to
 * rename a new file over, a symlink's target rather than the link; or, with
 * *ret_direct, OUT itself, a device, FIFO or socket to write straight into
 * (renaming over /dev/null would replace the device). A directory is an
 * error. Prints any error; returns 0 or -1.
 */
int output_target(const char *out, char **ret_path, bool *ret_direct);

/*
 * output_write() for n files at once, outs[i] filled from ctxs[i]: all are
 * written beside their OUT before any is renamed over it, so that on an
 * error while writing none is changed. "-" (stdout) only when n is 1.
 */
int outputs_write(size_t n, const char *const *outs, int (*fill)(int fd, const void *ctx),
		  const void *const *ctxs);

int command_check(const struct cli_options *o);
int command_compile(const struct cli_options *o);
int command_explain(const struct cli_options *o); /* operator.c */
int command_dump(const struct cli_options *o);	  /* operator.c */
int command_convert(const struct cli_options *o); /* convert.c */

#endif

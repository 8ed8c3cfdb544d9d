/* SPDX-License-Identifier: Apache-2.0 */
/*
 * convert.c - sjail convert: a filter written out in the other profile
 * format. A file in the sjail format holds one ABI, so an OCI profile that
 * covers several (Docker's: x86_64, i386 and x32) becomes one file each.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "commands.h"

/* Writes the NUL-terminated text ctx to fd. */
static int _write_text(int fd, const void *ctx)
{
	const char *text = ctx;
	size_t len = strlen(text), off = 0;

	while (off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		off += (size_t)n;
	}
	return 0;
}

/*
 * The file of a companion ABI beside out: ".ABI" before a trailing
 * ".json" (docker.json: docker.i386.json), else ".ABI.json" appended. New;
 * NULL when out of memory.
 */
static char *_abi_path(const char *out, const struct sjail_arch *abi)
{
	size_t len = strlen(out);
	char *path = NULL;

	if (len > 5 && strcmp(out + len - 5, ".json") == 0) {
		if (asprintf(&path, "%.*s.%s.json", (int)(len - 5), out, sjail_arch_name(abi)) < 0)
			path = NULL;
	} else if (asprintf(&path, "%s.%s.json", out, sjail_arch_name(abi)) < 0) {
		path = NULL;
	}
	return path;
}

/* One output: its ABI, text, warnings and path. */
struct _file {
	const struct sjail_arch *abi;
	char *text, *path;
	struct sjail_error *warnings;
	size_t nwarnings;
};

int command_convert(const struct cli_options *o)
{
	const struct sjail_arch *arch, *abis[SJAIL_MAX_ABIS];
	struct sjail_profile *profile = NULL;
	struct sjail_program *prog = NULL;
	struct _file files[SJAIL_MAX_ABIS] = {{0}};
	const char *paths[SJAIL_MAX_ABIS];
	const void *texts[SJAIL_MAX_ABIS];
	struct sjail_error err;
	enum sjail_format to;
	size_t index, nabis, nfiles = 1;
	bool to_stdout = strcmp(o->output, "-") == 0;
	int r, status = 125;

	if (load_arch(o->arch, &arch) < 0)
		return 125;
	if (load_profile(o, arch, &profile) < 0)
		return 125;
	sjail_error_clear(&err);
	if (sjail_profile_find_filter(profile, o->filter, &index, &err) < 0) {
		report(&err);
		goto out;
	}
	/*
	 * The filter must compile (--strict included): a converted broken
	 * profile helps nobody. Its warnings are the converter's to give.
	 */
	r = sjail_compile_with(profile, index, arch,
			       &(struct sjail_compile_options){.strict = o->strict}, &prog, &err);
	if (r < 0) {
		report(&err);
		goto out;
	}
	if (o->to)
		to = strcmp(o->to, "oci") == 0 ? SJAIL_FORMAT_OCI : SJAIL_FORMAT_SJAIL;
	else
		to = sjail_profile_format(profile) == SJAIL_FORMAT_OCI ? SJAIL_FORMAT_SJAIL
								       : SJAIL_FORMAT_OCI;

	/*
	 * To the sjail format, a file per ABI the program covers: OUT for the
	 * target's, one beside it for each other. stdout takes one file: the
	 * target's, and the library's warning names what it leaves out.
	 */
	nabis = sjail_profile_abis(profile, index, arch, abis);
	if (to == SJAIL_FORMAT_SJAIL && !to_stdout)
		nfiles = nabis;
	for (size_t i = 0; i < nfiles; i++) {
		struct _file *f = &files[i];

		f->abi = abis[i];
		f->path = i == 0 ? strdup(o->output) : _abi_path(o->output, abis[i]);
		r = f->path
			? sjail_profile_convert(profile, index, arch, nfiles > 1 ? abis[i] : NULL,
						to, &f->text, &f->warnings, &f->nwarnings)
			: -ENOMEM;
		if (r < 0) {
			fprintf(stderr, "sjail: out of memory\n");
			goto out;
		}
		paths[i] = f->path;
		texts[i] = f->text;
	}

	/* What each file leaves out, under its name when there are several. */
	for (size_t i = 0; i < nfiles; i++) {
		if (nfiles > 1)
			fprintf(stderr, "sjail: %s: %s's calls, for --arch %s\n", files[i].path,
				sjail_arch_name(files[i].abi), sjail_arch_name(files[i].abi));
		for (size_t k = 0; k < files[i].nwarnings; k++)
			report_level(&files[i].warnings[k], "warning");
	}
	if (to == SJAIL_FORMAT_SJAIL && to_stdout && nabis > 1) {
		fprintf(stderr,
			"sjail: warning: only %s's file is written to stdout: -o OUT.json writes "
			"OUT.json for %s and, beside it,",
			sjail_arch_name(arch), sjail_arch_name(arch));
		for (size_t a = 1; a < nabis; a++)
			fprintf(stderr, "%s OUT.%s.json",
				a == 1		 ? ""
				: a + 1 == nabis ? " and"
						 : ",",
				sjail_arch_name(abis[a]));
		fprintf(stderr, "\n");
	}
	if (outputs_write(nfiles, paths, _write_text, texts) == 0)
		status = 0;
out:
	for (size_t i = 0; i < SJAIL_MAX_ABIS; i++) {
		free(files[i].text);
		free(files[i].path);
		free(files[i].warnings);
	}
	sjail_program_free(prog);
	sjail_profile_free(profile);
	return status;
}

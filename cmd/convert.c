/* SPDX-License-Identifier: Apache-2.0 */
/* convert.c - sjail convert: a filter written out in the other profile format. */
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

int command_convert(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_profile *profile = NULL;
	struct sjail_program *prog = NULL;
	struct sjail_error err, *warnings = NULL;
	enum sjail_format to;
	char *text = NULL;
	size_t index, n = 0;
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
	r = sjail_profile_convert(profile, index, arch, to, &text, &warnings, &n);
	if (r < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		report_level(&warnings[i], "warning");
	if (output_write(o->output, _write_text, text) == 0)
		status = 0;
out:
	free(text);
	free(warnings);
	sjail_program_free(prog);
	sjail_profile_free(profile);
	return status;
}

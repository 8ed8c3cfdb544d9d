/* SPDX-License-Identifier: Apache-2.0 */
/* program.c - the front door to compiling and running programs. */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#include "ir.h"

int sjail_compile(const struct sjail_profile *profile, size_t filter_index,
		  const struct sjail_arch *arch, struct sjail_program **ret_program,
		  struct sjail_error *err)
{
	return sjail_compile_with(profile, filter_index, arch, NULL, ret_program, err);
}

int sjail_compile_weighted(const struct sjail_profile *profile, size_t filter_index,
			   const struct sjail_arch *arch, const struct sjail_weight *weights,
			   size_t nweights, struct sjail_program **ret_program,
			   struct sjail_error *err)
{
	struct sjail_compile_options opts = {.weights = weights, .nweights = nweights};

	return sjail_compile_with(profile, filter_index, arch, &opts, ret_program, err);
}

int sjail_compile_with(const struct sjail_profile *profile, size_t filter_index,
		       const struct sjail_arch *arch, const struct sjail_compile_options *opts,
		       struct sjail_program **ret_program, struct sjail_error *err)
{
	const struct sjail_filter *filter;
	struct sjail_ranges ranges = {0};
	struct sjail_program *p = NULL;
	const char *reason = NULL;
	size_t pc = 0;
	int r;

	if (filter_index >= profile->nfilters)
		return -EINVAL;
	filter = &profile->filters[filter_index];

	r = rules_normalize(profile, filter, arch, opts, &ranges, err);
	if (r < 0)
		goto out;

	p = calloc(1, sizeof(*p));
	if (!p) {
		r = -ENOMEM;
		goto out;
	}
	p->arch = arch;
	p->nsyscalls = ranges.nsyscalls;
	p->nrules = filter->nrules;
	p->install_flags = filter->install_flags;
	p->warnings = ranges.warnings;
	p->nwarnings = ranges.nwarnings;
	ranges.warnings = NULL;
	ranges.nwarnings = 0;

	r = codegen_generate(&ranges, opts ? opts->weights : NULL, opts ? opts->nweights : 0,
			     &p->insns, &p->len);
	if (r == 0 && p->len > SJAIL_MAX_INSNS)
		r = -E2BIG;
	if (r == -E2BIG) {
		if (p->len)
			error_set(err, profile->file, filter->loc, filter->name,
				  "the filter compiles to %zu BPF instructions for %s, over the "
				  "kernel's limit of %u: split it or drop argument rules",
				  p->len, arch->name, SJAIL_MAX_INSNS);
		else
			error_set(err, profile->file, filter->loc, filter->name,
				  "the filter compiles to far more than the kernel's limit of %u "
				  "BPF instructions for %s: split it or drop argument rules",
				  SJAIL_MAX_INSNS, arch->name);
		goto out;
	}
	if (r < 0)
		goto out;

	/* The compiler checks its own output, as the kernel will. */
	r = bpf_check(p->insns, p->len, &reason, &pc);
	if (r < 0) {
		error_set(err, profile->file, filter->loc, filter->name,
			  "internal error: the program for %s fails the seccomp checker at "
			  "instruction %zu (%s); please report this with the profile",
			  arch->name, pc, reason ? reason : "?");
		goto out;
	}

	*ret_program = p;
	p = NULL;
	r = 0;
out:
	sjail_program_free(p);
	rules_free(&ranges);
	return r;
}

void sjail_program_free(struct sjail_program *program)
{
	if (!program)
		return;
	free(program->insns);
	free(program->warnings);
	free(program);
}

int sjail_program_write(const struct sjail_program *program, int fd)
{
	uint8_t *buf, *p;
	size_t left = program->len * 8;
	int r = 0;

	buf = malloc(left ? left : 1);
	if (!buf)
		return -ENOMEM;
	bpf_serialize(program->insns, program->len, program->arch->big_endian, buf);
	for (p = buf; left > 0;) {
		ssize_t n = write(fd, p, left);

		if (n < 0) {
			if (errno == EINTR)
				continue;
			r = -errno;
			break;
		}
		p += n;
		left -= (size_t)n;
	}
	free(buf);
	return r;
}

uint32_t sjail_program_run(const struct sjail_program *program, const struct seccomp_data *data,
			   size_t *ret_executed)
{
	return bpf_run(program->insns, program->len, data, program->arch->big_endian, ret_executed);
}

int sjail_program_dump(const struct sjail_program *program, char **ret_text)
{
	return bpf_dump(program->insns, program->len, program->arch, ret_text);
}

/* SPDX-License-Identifier: Apache-2.0 */
/*
 * trace.c - syscall frequencies from a trace file, for weighted trees.
 *
 * The format of the traces in ../shared/workloads: one "NAME<TAB>COUNT" a line
 * (spaces work too), '#' starts a comment, blank lines are skipped.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ir.h"

#define TRACE_MAX_SIZE (1u << 20) /* bytes */
#define TRACE_MAX_LINES 65536

int sjail_trace_load(const char *path, const struct sjail_arch *arch,
		     struct sjail_weight **ret_weights, size_t *ret_n, struct sjail_error *err)
{
	struct sjail_weight *w = NULL;
	char *text = NULL, *line, *next;
	size_t len, n = 0;
	unsigned lineno = 0;
	int r;

	r = file_read_all(path, TRACE_MAX_SIZE, &text, &len, err);
	if (r < 0)
		return r;
	w = calloc(TRACE_MAX_LINES, sizeof(*w));
	if (!w) {
		r = -ENOMEM;
		goto out;
	}
	for (line = text; line && *line; line = next) {
		char name[64], *end;
		double count;
		uint32_t nr;
		int used = 0;

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line += strspn(line, " \t\r");
		if (!*line || *line == '#')
			continue;
		if (n == TRACE_MAX_LINES) {
			r = -E2BIG;
			error_set(err, path, (struct sjail_loc){lineno, 1}, NULL,
				  "more than %u syscalls: not a syscall trace", TRACE_MAX_LINES);
			goto out;
		}
		if (sscanf(line, "%63[a-z0-9_]%n", name, &used) != 1 || !line[used] ||
		    !strchr(" \t", line[used])) {
			r = -EINVAL;
			error_set(
			    err, path, (struct sjail_loc){lineno, 1}, NULL,
			    "expected 'NAME<TAB>COUNT', a syscall name and how often it was made");
			goto out;
		}
		errno = 0;
		count = strtod(line + used, &end);
		end += strspn(end, " \t\r");
		if (errno || end == line + used || *end || !(count >= 0) || isinf(count)) {
			r = -EINVAL;
			error_set(err, path, (struct sjail_loc){lineno, (unsigned)used + 2}, NULL,
				  "expected a count, a number 0 or more, after '%s'", name);
			goto out;
		}
		if (sjail_arch_syscall_nr(arch, name, &nr) < 0)
			continue; /* another arch's or a newer kernel's: nothing to weigh */
		w[n++] = (struct sjail_weight){.nr = nr, .weight = count};
	}
	*ret_weights = w;
	*ret_n = n;
	w = NULL;
	r = 0;
out:
	free(w);
	free(text);
	return r;
}

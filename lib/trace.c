/* SPDX-License-Identifier: Apache-2.0 */
/*
 * trace.c - syscall frequencies from a trace file, for weighted trees.
 *
 * The format of the traces in ../shared/workloads: one "NAME<TAB>COUNT" a line
 * (spaces work too), '#' starts a comment, blank lines are skipped.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ir.h"

#define TRACE_MAX_SIZE (1u << 20) /* bytes */
#define TRACE_MAX_LINES 65536

static int _read_all(const char *path, char **ret_text, size_t *ret_len, struct sjail_error *err)
{
	struct stat st;
	char *text = NULL;
	size_t len = 0;
	int fd, r;

	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0) {
		r = -errno;
		error_set(err, path, (struct sjail_loc){0}, NULL, "cannot open: %s", strerror(-r));
		return r;
	}
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		r = -EINVAL;
		error_set(err, path, (struct sjail_loc){0}, NULL, "not a regular file");
		goto out;
	}
	text = malloc(TRACE_MAX_SIZE + 1);
	if (!text) {
		r = -ENOMEM;
		goto out;
	}
	for (;;) {
		ssize_t n = read(fd, text + len, TRACE_MAX_SIZE + 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			error_set(err, path, (struct sjail_loc){0}, NULL, "cannot read: %s",
				  strerror(-r));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > TRACE_MAX_SIZE) {
			r = -EFBIG;
			error_set(err, path, (struct sjail_loc){0}, NULL,
				  "larger than %u bytes: not a syscall trace", TRACE_MAX_SIZE);
			goto out;
		}
	}
	text[len] = '\0';
	*ret_text = text;
	*ret_len = len;
	text = NULL;
	r = 0;
out:
	free(text);
	close(fd);
	return r;
}

int sjail_trace_load(const char *path, const struct sjail_arch *arch,
		     struct sjail_weight **ret_weights, size_t *ret_n, struct sjail_error *err)
{
	struct sjail_weight *w = NULL;
	char *text = NULL, *line, *next;
	size_t len, n = 0;
	unsigned lineno = 0;
	int r;

	r = _read_all(path, &text, &len, err);
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
		if (errno || end == line + used || *end || !(count >= 0)) {
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

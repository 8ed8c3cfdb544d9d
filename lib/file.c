/* SPDX-License-Identifier: Apache-2.0 */
/* file.c - reading an input file whole, capped: profiles and traces. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ir.h"

int file_read_all(const char *path, size_t max, char **ret_buf, size_t *ret_len,
		  struct sjail_error *err)
{
	const struct sjail_loc none = {0};
	char *buf = NULL;
	size_t len = 0, cap;
	struct stat st;
	int fd, r;

	/*
	 * O_NONBLOCK so that opening a FIFO by mistake does not hang: anything
	 * but a regular file is refused below, before it is read.
	 */
	fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0) {
		r = -errno;
		error_set(err, path, none, "", "cannot open: %s", strerror(-r));
		goto out;
	}
	if (fstat(fd, &st) < 0) {
		r = -errno;
		error_set(err, path, none, "", "cannot stat: %s", strerror(-r));
		goto out;
	}
	if (!S_ISREG(st.st_mode)) {
		r = -EINVAL;
		error_set(err, path, none, "", "not a regular file");
		goto out;
	}
	if (st.st_size > (off_t)max) {
		r = -EFBIG;
		error_set(err, path, none, "",
			  "the file is %jd bytes, more than the limit of %zu bytes",
			  (intmax_t)st.st_size, max);
		goto out;
	}

	/* st_size is a hint (files in /proc say 0): read to the end, capped. */
	cap = (size_t)st.st_size + 1;
	if (cap < 4096)
		cap = 4096;
	buf = malloc(cap);
	if (!buf) {
		r = -ENOMEM;
		error_set(err, path, none, "", "out of memory");
		goto out;
	}
	for (;;) {
		ssize_t n;

		if (len == cap) {
			char *bigger;

			cap = cap * 2 > max + 1 ? max + 1 : cap * 2;
			bigger = realloc(buf, cap);
			if (!bigger) {
				r = -ENOMEM;
				error_set(err, path, none, "", "out of memory");
				goto out;
			}
			buf = bigger;
		}
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			r = -errno;
			error_set(err, path, none, "", "cannot read: %s", strerror(-r));
			goto out;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			r = -EFBIG;
			error_set(err, path, none, "",
				  "the file is more than the limit of %zu bytes", max);
			goto out;
		}
	}

	buf[len] = '\0'; /* the loop leaves len < cap: text callers may use C strings */
	*ret_buf = buf;
	*ret_len = len;
	buf = NULL;
	r = 0;
out:
	free(buf);
	if (fd >= 0)
		close(fd);
	return r;
}

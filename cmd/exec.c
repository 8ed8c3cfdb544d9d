/* SPDX-License-Identifier: Apache-2.0 */
/* exec.c - finding COMMAND the way execvp(3) would, before any filter is in place. */
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* 0 when path can be executed; else the errno execve(2) would give. */
static int _executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno;
	if (!S_ISREG(st.st_mode))
		return EACCES;
	if (eaccess(path, X_OK) < 0)
		return errno;
	return 0;
}

int exec_resolve(const char *command, char **ret_path, int *ret_errno)
{
	const char *path, *p, *end;
	bool denied = false;
	char buf[PATH_MAX];
	int e;

	if (!command[0]) {
		*ret_errno = ENOENT;
		return 127;
	}
	if (strchr(command, '/')) {
		e = _executable(command);
		if (e) {
			*ret_errno = e;
			return e == ENOENT || e == ENOTDIR ? 127 : 126;
		}
		if (!(*ret_path = strdup(command))) {
			*ret_errno = ENOMEM;
			return 126;
		}
		return 0;
	}

	/* glibc's execvp: no $PATH means confstr(_CS_PATH). */
	path = getenv("PATH");
	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p = end + 1) {
		size_t dirlen;
		int n;

		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		dirlen = (size_t)(end - p);
		/* An empty entry is the current directory. */
		n = snprintf(buf, sizeof(buf), "%.*s%s%s", (int)dirlen, p, dirlen ? "/" : "",
			     command);
		if (n > 0 && (size_t)n < sizeof(buf)) {
			e = _executable(buf);
			if (e == 0) {
				if (!(*ret_path = strdup(buf))) {
					*ret_errno = ENOMEM;
					return 126;
				}
				return 0;
			}
			if (e == EACCES)
				denied = true;
		}
		if (!*end)
			break;
	}
	*ret_errno = denied ? EACCES : ENOENT;
	return denied ? 126 : 127;
}

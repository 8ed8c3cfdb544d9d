/* SPDX-License-Identifier: Apache-2.0 */
/* install.c - the only file that talks to the kernel about seccomp. */
#include <errno.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ir.h"

int sjail_install(const struct sjail_program *program, unsigned int flags, struct sjail_error *err)
{
	struct sock_fprog fprog = {
	    .len = (unsigned short)program->len,
	    .filter = program->insns,
	};

	if (program->arch != sjail_arch_native()) {
		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "cannot install a program for %s on this machine", program->arch->name);
		return -EINVAL;
	}
	if (program->len == 0 || program->len > SJAIL_MAX_INSNS) {
		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "cannot install a program of %zu instructions", program->len);
		return -EINVAL;
	}

	/*
	 * NOTE: no_new_privs is what lets an unprivileged process install a
	 * filter; it also keeps a setuid COMMAND from gaining privileges the
	 * filter was not written for.
	 */
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) < 0) {
		int e = errno;

		error_set(err, NULL, (struct sjail_loc){0}, NULL, "cannot set no_new_privs: %s",
			  strerror(e));
		return -e;
	}
	if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog) < 0) {
		int e = errno;

		error_set(err, NULL, (struct sjail_loc){0}, NULL,
			  "the kernel refused the filter: seccomp(SECCOMP_SET_MODE_FILTER): %s%s",
			  strerror(e), e == EINVAL ? " (is CONFIG_SECCOMP_FILTER enabled?)" : "");
		return -e;
	}
	return 0;
}

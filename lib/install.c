/* SPDX-License-Identifier: Apache-2.0 */
/*
 * install.c - the only file that talks to the kernel about seccomp: it
 * installs programs and, for a supervisor, reads and answers the calls a
 * program sends to user space (seccomp_unotify(2)).
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "ir.h"

/* Returns what seccomp(2) returned (the listener with NEW_LISTENER), or -errno. */
static int _install(const struct sjail_program *program, unsigned int flags,
		    struct sjail_error *err)
{
	long fd;

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
	fd = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &fprog);
	if (fd < 0) {
		int e = errno;

		if (e == EBUSY && (flags & SECCOMP_FILTER_FLAG_NEW_LISTENER))
			error_set(err, NULL, (struct sjail_loc){0}, NULL,
				  "the kernel refused the filter: this process runs under a "
				  "filter with a listener already (sjail learn or --report inside "
				  "another?), and there can be only one");
		else
			error_set(
			    err, NULL, (struct sjail_loc){0}, NULL,
			    "the kernel refused the filter: seccomp(SECCOMP_SET_MODE_FILTER): "
			    "%s%s",
			    strerror(e), e == EINVAL ? " (is CONFIG_SECCOMP_FILTER enabled?)" : "");
		return -e;
	}
	return (int)fd;
}

int sjail_install(const struct sjail_program *program, unsigned int flags, struct sjail_error *err)
{
	int r = _install(program, flags, err);

	return r < 0 ? r : 0;
}

int sjail_install_listener(const struct sjail_program *program, unsigned int flags, int *ret_fd,
			   struct sjail_error *err)
{
	int fd;

	/*
	 * NOTE: with TSYNC (an OCI profile's flags), seccomp(2) returns the id
	 * of a thread it could not synchronize, which it could not tell from a
	 * listener; so the kernel refuses TSYNC beside NEW_LISTENER (EINVAL)
	 * unless TSYNC_ESRCH makes that failure -ESRCH instead (Linux 5.7).
	 */
	if (flags & SECCOMP_FILTER_FLAG_TSYNC)
		flags |= SECCOMP_FILTER_FLAG_TSYNC_ESRCH;
	fd = _install(program, flags | SECCOMP_FILTER_FLAG_NEW_LISTENER, err);

	if (fd < 0)
		return fd;
	*ret_fd = fd;
	return 0;
}

/*
 * NOTE: the kernel's struct seccomp_notif and seccomp_notif_resp may grow;
 * SECCOMP_GET_NOTIF_SIZES says how large they are in the running kernel,
 * and the ioctls copy that many bytes. RECV also wants its buffer zeroed.
 * So both go through a zeroed buffer of the kernel's size, at least ours.
 */
#define _NOTIF_BUF 512

static int _notif_sizes(size_t *ret_notif, size_t *ret_resp)
{
	static struct seccomp_notif_sizes sizes;

	if (sizes.seccomp_notif == 0 &&
	    syscall(SYS_seccomp, SECCOMP_GET_NOTIF_SIZES, 0, &sizes) < 0) {
		memset(&sizes, 0, sizeof(sizes));
		return -errno;
	}
	if (sizes.seccomp_notif > _NOTIF_BUF || sizes.seccomp_notif_resp > _NOTIF_BUF)
		return -E2BIG;
	*ret_notif = sizes.seccomp_notif;
	*ret_resp = sizes.seccomp_notif_resp;
	return 0;
}

int sjail_notif_recv(int fd, struct sjail_notif *ret)
{
	union {
		struct seccomp_notif n;
		unsigned char bytes[_NOTIF_BUF];
	} buf;
	size_t size, resp_size;
	int r;

	r = _notif_sizes(&size, &resp_size);
	if (r < 0)
		return r;
	for (;;) {
		memset(&buf, 0, sizeof(buf));
		if (ioctl(fd, SECCOMP_IOCTL_NOTIF_RECV, &buf) == 0)
			break;
		if (errno != EINTR)
			return -errno;
	}
	ret->id = buf.n.id;
	ret->pid = buf.n.pid;
	ret->data = buf.n.data;
	return 0;
}

int sjail_notif_send(int fd, uint64_t id, bool proceed, int64_t val, int error)
{
	union {
		struct seccomp_notif_resp r;
		unsigned char bytes[_NOTIF_BUF];
	} buf;
	size_t size, resp_size;
	int r;

	r = _notif_sizes(&size, &resp_size);
	if (r < 0)
		return r;
	memset(&buf, 0, sizeof(buf));
	buf.r.id = id;
	if (proceed) {
		/*
		 * NOTE: the kernel wants error and val 0 with CONTINUE. The call
		 * then runs with whatever its pointers point to by then
		 * (seccomp_unotify(2): a supervisor that continues calls is no
		 * sandbox for them). sjail continues only calls that the
		 * profile allows by their registers alone, or in learn and
		 * --dry-run, which enforce nothing.
		 */
		buf.r.flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE;
	} else {
		buf.r.error = error > 0 ? -error : 0;
		buf.r.val = error > 0 ? 0 : val;
	}
	while (ioctl(fd, SECCOMP_IOCTL_NOTIF_SEND, &buf) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

int sjail_notif_valid(int fd, uint64_t id)
{
	return ioctl(fd, SECCOMP_IOCTL_NOTIF_ID_VALID, &id) == 0 ? 0 : -ENOENT;
}

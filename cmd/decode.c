/* SPDX-License-Identifier: Apache-2.0 */
/*
 * decode.c - a syscall's arguments as a person reads them, for the lines of
 * `sjail --report` and the comments of `sjail learn --args`.
 *
 * Only what helps to recognise a call is decoded; everything else is hex.
 * Pointers are never followed: what they point to may change before the
 * kernel reads it, and reading another process's memory needs more rights
 * than a report is worth.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>

#include "supervise.h"

enum kind {
	K_END,
	K_HEX,	  /* 0x1f */
	K_INT,	  /* signed decimal, int-sized */
	K_SIZE,	  /* unsigned decimal */
	K_FD,	  /* decimal */
	K_DIRFD,  /* decimal, or AT_FDCWD */
	K_PTR,	  /* NULL or 0x7ffd... */
	K_OFLAGS, /* O_RDONLY|O_CLOEXEC */
	K_MODE,	  /* 0644 */
	K_AF,	  /* AF_INET */
	K_SOCK,	  /* SOCK_STREAM|SOCK_CLOEXEC */
	K_IOCTL,  /* TCGETS */
	K_FCNTL,  /* F_GETFD */
	K_PRCTL,  /* PR_SET_NAME */
	K_PTRACE, /* PTRACE_TRACEME */
	K_SIGNAL, /* SIGTERM */
};

static const struct signature {
	const char *name;
	enum kind args[6];
} _signatures[] = {
    {"accept", {K_FD, K_PTR, K_PTR}},
    {"accept4", {K_FD, K_PTR, K_PTR, K_SOCK}},
    {"bind", {K_FD, K_PTR, K_SIZE}},
    {"chdir", {K_PTR}},
    {"chmod", {K_PTR, K_MODE}},
    {"chroot", {K_PTR}},
    {"clone", {K_HEX, K_PTR, K_PTR, K_PTR, K_HEX}},
    {"clone3", {K_PTR, K_SIZE}},
    {"close", {K_FD}},
    {"connect", {K_FD, K_PTR, K_SIZE}},
    {"creat", {K_PTR, K_MODE}},
    {"dup", {K_FD}},
    {"dup2", {K_FD, K_FD}},
    {"dup3", {K_FD, K_FD, K_HEX}},
    {"execve", {K_PTR, K_PTR, K_PTR}},
    {"execveat", {K_DIRFD, K_PTR, K_PTR, K_PTR, K_HEX}},
    {"exit", {K_INT}},
    {"exit_group", {K_INT}},
    {"fchdir", {K_FD}},
    {"fchmod", {K_FD, K_MODE}},
    {"fchmodat", {K_DIRFD, K_PTR, K_MODE}},
    {"fchown", {K_FD, K_INT, K_INT}},
    {"fcntl", {K_FD, K_FCNTL, K_HEX}},
    {"fdatasync", {K_FD}},
    {"fsync", {K_FD}},
    {"getdents64", {K_FD, K_PTR, K_SIZE}},
    {"getpgid", {K_INT}},
    {"getsid", {K_INT}},
    {"ioctl", {K_FD, K_IOCTL, K_HEX}},
    {"kill", {K_INT, K_SIGNAL}},
    {"link", {K_PTR, K_PTR}},
    {"linkat", {K_DIRFD, K_PTR, K_DIRFD, K_PTR, K_HEX}},
    {"listen", {K_FD, K_INT}},
    {"lseek", {K_FD, K_INT, K_INT}},
    {"mkdir", {K_PTR, K_MODE}},
    {"mkdirat", {K_DIRFD, K_PTR, K_MODE}},
    {"mknod", {K_PTR, K_MODE, K_HEX}},
    {"mknodat", {K_DIRFD, K_PTR, K_MODE, K_HEX}},
    {"mmap", {K_PTR, K_SIZE, K_HEX, K_HEX, K_FD, K_HEX}},
    {"mount", {K_PTR, K_PTR, K_PTR, K_HEX, K_PTR}},
    {"mprotect", {K_PTR, K_SIZE, K_HEX}},
    {"munmap", {K_PTR, K_SIZE}},
    {"open", {K_PTR, K_OFLAGS, K_MODE}},
    {"openat", {K_DIRFD, K_PTR, K_OFLAGS, K_MODE}},
    {"personality", {K_HEX}},
    {"pivot_root", {K_PTR, K_PTR}},
    {"prctl", {K_PRCTL, K_HEX, K_HEX, K_HEX, K_HEX}},
    {"pread64", {K_FD, K_PTR, K_SIZE, K_INT}},
    {"ptrace", {K_PTRACE, K_INT, K_PTR, K_PTR}},
    {"pwrite64", {K_FD, K_PTR, K_SIZE, K_INT}},
    {"read", {K_FD, K_PTR, K_SIZE}},
    {"readlink", {K_PTR, K_PTR, K_SIZE}},
    {"readlinkat", {K_DIRFD, K_PTR, K_PTR, K_SIZE}},
    {"recvfrom", {K_FD, K_PTR, K_SIZE, K_HEX, K_PTR, K_PTR}},
    {"recvmsg", {K_FD, K_PTR, K_HEX}},
    {"rename", {K_PTR, K_PTR}},
    {"renameat", {K_DIRFD, K_PTR, K_DIRFD, K_PTR}},
    {"renameat2", {K_DIRFD, K_PTR, K_DIRFD, K_PTR, K_HEX}},
    {"rmdir", {K_PTR}},
    {"sendmsg", {K_FD, K_PTR, K_HEX}},
    {"sendto", {K_FD, K_PTR, K_SIZE, K_HEX, K_PTR, K_SIZE}},
    {"setgid", {K_INT}},
    {"setns", {K_FD, K_HEX}},
    {"setsid", {K_END}},
    {"setsockopt", {K_FD, K_INT, K_INT, K_PTR, K_SIZE}},
    {"setuid", {K_INT}},
    {"socket", {K_AF, K_SOCK, K_INT}},
    {"socketpair", {K_AF, K_SOCK, K_INT, K_PTR}},
    {"symlink", {K_PTR, K_PTR}},
    {"symlinkat", {K_PTR, K_DIRFD, K_PTR}},
    {"syncfs", {K_FD}},
    {"tgkill", {K_INT, K_INT, K_SIGNAL}},
    {"tkill", {K_INT, K_SIGNAL}},
    {"truncate", {K_PTR, K_INT}},
    {"umount2", {K_PTR, K_HEX}},
    {"unlink", {K_PTR}},
    {"unlinkat", {K_DIRFD, K_PTR, K_HEX}},
    {"unshare", {K_HEX}},
    {"write", {K_FD, K_PTR, K_SIZE}},
};

struct name {
	uint64_t value;
	const char *name;
};

#define _N(x)                                                                                      \
	{                                                                                          \
		(uint64_t)(x), #x                                                                  \
	}

static const struct name _families[] = {
    _N(AF_UNSPEC), _N(AF_UNIX),	 _N(AF_INET),	   _N(AF_AX25),	   _N(AF_IPX),	  _N(AF_APPLETALK),
    _N(AF_X25),	   _N(AF_INET6), _N(AF_KEY),	   _N(AF_NETLINK), _N(AF_PACKET), _N(AF_RDS),
    _N(AF_CAN),	   _N(AF_TIPC),	 _N(AF_BLUETOOTH), _N(AF_ALG),	   _N(AF_VSOCK),  _N(AF_XDP),
};

static const struct name _socktypes[] = {
    _N(SOCK_STREAM), _N(SOCK_DGRAM), _N(SOCK_RAW), _N(SOCK_RDM), _N(SOCK_SEQPACKET),
};

static const struct name _fcntls[] = {
    _N(F_DUPFD),      _N(F_GETFD),     _N(F_SETFD),	_N(F_GETFL),	     _N(F_SETFL),
    _N(F_GETLK),      _N(F_SETLK),     _N(F_SETLKW),	_N(F_SETOWN),	     _N(F_GETOWN),
    _N(F_SETSIG),     _N(F_GETSIG),    _N(F_OFD_GETLK), _N(F_OFD_SETLK),     _N(F_OFD_SETLKW),
    _N(F_SETLEASE),   _N(F_GETLEASE),  _N(F_NOTIFY),	_N(F_DUPFD_CLOEXEC), _N(F_SETPIPE_SZ),
    _N(F_GETPIPE_SZ), _N(F_ADD_SEALS), _N(F_GET_SEALS),
};

static const struct name _prctls[] = {
    _N(PR_SET_PDEATHSIG),
    _N(PR_GET_PDEATHSIG),
    _N(PR_GET_DUMPABLE),
    _N(PR_SET_DUMPABLE),
    _N(PR_GET_KEEPCAPS),
    _N(PR_SET_KEEPCAPS),
    _N(PR_SET_NAME),
    _N(PR_GET_NAME),
    _N(PR_GET_SECCOMP),
    _N(PR_SET_SECCOMP),
    _N(PR_CAPBSET_READ),
    _N(PR_CAPBSET_DROP),
    _N(PR_GET_SECUREBITS),
    _N(PR_SET_SECUREBITS),
    _N(PR_SET_TIMERSLACK),
    _N(PR_GET_TIMERSLACK),
    _N(PR_SET_MM),
    _N(PR_SET_PTRACER),
    _N(PR_SET_CHILD_SUBREAPER),
    _N(PR_GET_CHILD_SUBREAPER),
    _N(PR_SET_NO_NEW_PRIVS),
    _N(PR_GET_NO_NEW_PRIVS),
    _N(PR_GET_TID_ADDRESS),
    _N(PR_SET_THP_DISABLE),
    _N(PR_GET_THP_DISABLE),
    _N(PR_CAP_AMBIENT),
    _N(PR_SET_VMA),
};

static const struct name _ptraces[] = {
    _N(PTRACE_TRACEME),	 _N(PTRACE_PEEKTEXT), _N(PTRACE_PEEKDATA),  _N(PTRACE_POKETEXT),
    _N(PTRACE_POKEDATA), _N(PTRACE_CONT),     _N(PTRACE_KILL),	    _N(PTRACE_ATTACH),
    _N(PTRACE_DETACH),	 _N(PTRACE_SEIZE),    _N(PTRACE_INTERRUPT),
};

/* The common terminal and file ioctls, by number (they are the same on every arch sjail has). */
static const struct name _ioctls[] = {
    {0x5401, "TCGETS"},	    {0x5402, "TCSETS"},	      {0x5403, "TCSETSW"},
    {0x5404, "TCSETSF"},    {0x540b, "TCFLSH"},	      {0x540e, "TIOCSCTTY"},
    {0x540f, "TIOCGPGRP"},  {0x5410, "TIOCSPGRP"},    {0x5412, "TIOCSTI"},
    {0x5413, "TIOCGWINSZ"}, {0x5414, "TIOCSWINSZ"},   {0x541b, "FIONREAD"},
    {0x5421, "FIONBIO"},    {0x5450, "FIONCLEX"},     {0x5451, "FIOCLEX"},
    {0x5452, "FIOASYNC"},   {0x80045430, "TIOCGPTN"}, {0x40045431, "TIOCSPTLCK"},
};

static const char *_lookup(const struct name *names, size_t n, uint64_t value)
{
	for (size_t i = 0; i < n; i++)
		if (names[i].value == value)
			return names[i].name;
	return NULL;
}

#define _LOOKUP(table, v) _lookup(table, sizeof(table) / sizeof(table[0]), (v))

const char *decode_arg_name(const char *syscall, unsigned index, uint64_t value)
{
	uint32_t v = (uint32_t)value;

	if (strcmp(syscall, "ioctl") == 0 && index == 1)
		return _LOOKUP(_ioctls, v);
	if ((strcmp(syscall, "socket") == 0 || strcmp(syscall, "socketpair") == 0) && index == 0)
		return _LOOKUP(_families, v);
	if (strcmp(syscall, "fcntl") == 0 && index == 1)
		return _LOOKUP(_fcntls, v);
	if (strcmp(syscall, "prctl") == 0 && index == 0)
		return _LOOKUP(_prctls, v);
	if (strcmp(syscall, "personality") == 0 && index == 0 && v == 0xffffffffu)
		return "query";
	return NULL;
}

const char *decode_errno(int e, char *buf, size_t len)
{
	const char *name = e > 0 ? strerrorname_np(e) : NULL;

	if (name)
		snprintf(buf, len, "%s", name);
	else
		snprintf(buf, len, "%d", e);
	return buf;
}

/* Appends to buf at *pos, never past len. */
__attribute__((format(printf, 4, 5))) static void _put(char *buf, size_t len, size_t *pos,
						       const char *fmt, ...)
{
	va_list ap;
	int n;

	if (*pos >= len)
		return;
	va_start(ap, fmt);
	n = vsnprintf(buf + *pos, len - *pos, fmt, ap);
	va_end(ap);
	if (n > 0)
		*pos += (size_t)n < len - *pos ? (size_t)n : len - *pos - 1;
}

static void _oflags(char *buf, size_t len, size_t *pos, uint64_t v)
{
	static const struct name bits[] = {
	    _N(O_CREAT),     _N(O_EXCL),     _N(O_NOCTTY),  _N(O_TRUNC),   _N(O_APPEND),
	    _N(O_NONBLOCK),  _N(O_SYNC),     _N(O_DSYNC),   _N(O_DIRECT),  _N(O_LARGEFILE),
	    _N(O_DIRECTORY), _N(O_NOFOLLOW), _N(O_NOATIME), _N(O_CLOEXEC), _N(O_PATH),
	    _N(__O_TMPFILE), _N(FASYNC),
	};
	static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
	uint64_t rest = v & ~(uint64_t)O_ACCMODE;

	_put(buf, len, pos, "%s", acc[v & O_ACCMODE]);
	for (size_t i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (bits[i].value && (rest & bits[i].value) == bits[i].value) {
			_put(buf, len, pos, "|%s", bits[i].name);
			rest &= ~bits[i].value;
		}
	if (rest)
		_put(buf, len, pos, "|%#" PRIx64, rest);
}

static void _arg(char *buf, size_t len, size_t *pos, enum kind k, uint64_t v)
{
	const char *name = NULL;

	switch (k) {
	case K_END:
		return;
	case K_INT:
		_put(buf, len, pos, "%d", (int)v);
		return;
	case K_SIZE:
		_put(buf, len, pos, "%" PRIu64, v);
		return;
	case K_FD:
		_put(buf, len, pos, "%d", (int)v);
		return;
	case K_DIRFD:
		if ((int)v == AT_FDCWD)
			_put(buf, len, pos, "AT_FDCWD");
		else
			_put(buf, len, pos, "%d", (int)v);
		return;
	case K_PTR:
		if (v == 0)
			_put(buf, len, pos, "NULL");
		else
			_put(buf, len, pos, "%#" PRIx64, v);
		return;
	case K_OFLAGS:
		_oflags(buf, len, pos, v);
		return;
	case K_MODE:
		_put(buf, len, pos, "0%" PRIo64, v);
		return;
	case K_SOCK: {
		uint64_t rest = v & ~(uint64_t)(SOCK_CLOEXEC | SOCK_NONBLOCK | 0xf);

		name = _LOOKUP(_socktypes, v & 0xf);
		if (name)
			_put(buf, len, pos, "%s", name);
		else
			_put(buf, len, pos, "%#" PRIx64, v & 0xf);
		if (v & SOCK_NONBLOCK)
			_put(buf, len, pos, "|SOCK_NONBLOCK");
		if (v & SOCK_CLOEXEC)
			_put(buf, len, pos, "|SOCK_CLOEXEC");
		if (rest)
			_put(buf, len, pos, "|%#" PRIx64, rest);
		return;
	}
	case K_AF:
		name = _LOOKUP(_families, (uint32_t)v);
		break;
	case K_IOCTL:
		name = _LOOKUP(_ioctls, (uint32_t)v);
		break;
	case K_FCNTL:
		name = _LOOKUP(_fcntls, (uint32_t)v);
		break;
	case K_PRCTL:
		name = _LOOKUP(_prctls, (uint32_t)v);
		break;
	case K_PTRACE:
		name = _LOOKUP(_ptraces, (uint32_t)v);
		break;
	case K_SIGNAL:
		name = (int)v > 0 ? sigabbrev_np((int)v) : NULL;
		if (name) {
			_put(buf, len, pos, "SIG%s", name);
			return;
		}
		_put(buf, len, pos, "%d", (int)v);
		return;
	case K_HEX:
		break;
	}
	if (name)
		_put(buf, len, pos, "%s", name);
	else
		_put(buf, len, pos, "%#" PRIx64, v);
}

void decode_call(const struct sjail_arch *arch, const struct seccomp_data *data, char *buf,
		 size_t len)
{
	const char *name = NULL;
	const struct signature *sig = NULL;
	size_t pos = 0, nargs = 6;

	if (data->arch == sjail_arch_audit(arch))
		name = sjail_arch_syscall_name(arch, (uint32_t)data->nr);
	if (name) {
		for (size_t i = 0; i < sizeof(_signatures) / sizeof(_signatures[0]); i++)
			if (strcmp(_signatures[i].name, name) == 0)
				sig = &_signatures[i];
		_put(buf, len, &pos, "%s(", name);
	} else if (data->arch == sjail_arch_audit(arch)) {
		_put(buf, len, &pos, "syscall_%u(", (uint32_t)data->nr);
	} else {
		_put(buf, len, &pos, "syscall_%u[arch %#x](", (uint32_t)data->nr, data->arch);
	}
	if (sig) {
		for (nargs = 0; nargs < 6 && sig->args[nargs] != K_END; nargs++)
			;
		/* The mode of open/openat means something only when a file may be made. */
		if (nargs >= 2 && sig->args[nargs - 1] == K_MODE &&
		    sig->args[nargs - 2] == K_OFLAGS &&
		    !(data->args[nargs - 2] & (O_CREAT | __O_TMPFILE)))
			nargs--;
	}
	for (size_t i = 0; i < nargs; i++) {
		if (i)
			_put(buf, len, &pos, ", ");
		_arg(buf, len, &pos, sig ? sig->args[i] : K_HEX, data->args[i]);
	}
	_put(buf, len, &pos, ")");
}

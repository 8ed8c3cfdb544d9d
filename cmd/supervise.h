/* SPDX-License-Identifier: Apache-2.0 */
/*
 * supervise.h - sjail as a supervisor of COMMAND: `sjail learn` (learn.c)
 * and `sjail --report` (supervise.c), and how they print a call (decode.c).
 */
#ifndef SJAIL_SUPERVISE_H
#define SJAIL_SUPERVISE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "cli.h"
#include "sjail.h"

struct supervisor;

/*
 * Handles one notification: answers it with sjail_notif_send() or sees to
 * it that its caller dies. Returns 0, or a negative errno that ends the
 * supervision (the listener is closed: the calls still to come fail with
 * ENOSYS).
 */
typedef int (*supervise_fn)(struct supervisor *s, const struct sjail_notif *n, void *ctx);

struct supervisor {
	int listener; /* -1 once closed */
	int sigfd;    /* signalfd of SIGCHLD and the forwarded signals */
	pid_t child;  /* COMMAND */
	bool child_done;
	int wait_status; /* COMMAND's, once child_done */
	bool stop;	 /* a signal came after COMMAND ended: stop serving */
	sigset_t oldmask;
	supervise_fn handle;
	void *ctx;
};

/*
 * Finds argv[0] as execvp(3) would; *ret_path is new. Returns 0, or 126 or
 * 127 after saying why on stderr.
 */
int supervise_resolve(char **argv, char **ret_path);

/*
 * The execve(2) the child will make to start COMMAND at path, as the
 * filter will see it: a program must let exactly this call through (the
 * learner does, see sjail_program_learner()), since sjail cannot answer it.
 */
void supervise_execve_call(const struct sjail_arch *arch, const char *path, char **argv,
			   struct seccomp_data *ret);

/*
 * Starts path (argv) under program, installed with a listener and flags,
 * and fills *s; when it returns 0, COMMAND runs. Returns 0, or the exit
 * status to use (125, 126, 127) after saying why on stderr.
 */
int supervise_start(struct supervisor *s, const struct sjail_program *program, unsigned flags,
		    const char *path, char **argv);

/*
 * Serves notifications with s->handle until COMMAND has ended and every
 * process under the filter is gone (or a signal comes after COMMAND ended).
 * Forwards SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1 and SIGUSR2 to COMMAND
 * unless the terminal sent them to its whole process group. Returns
 * COMMAND's exit status (128 + N when signal N ended it).
 */
int supervise_run(struct supervisor *s);

/* The pid and name ("/proc/PID/comm") of a notification's caller, for messages. */
void supervise_comm(uint32_t pid, char *buf, size_t len);

/*
 * Writes "openat(AT_FDCWD, 0x7ffd5c3a1b20, O_RDONLY)" for the call in data
 * on arch into buf: arguments decoded for common syscalls, hex otherwise.
 */
void decode_call(const struct sjail_arch *arch, const struct seccomp_data *data, char *buf,
		 size_t len);

/* "EACCES", or "4000" for a number without a name. */
const char *decode_errno(int e, char *buf, size_t len);

/*
 * The symbolic name of value as argument index of syscall ("TCGETS" for
 * ioctl's 1, "AF_INET" for socket's 0, ...), or NULL.
 */
const char *decode_arg_name(const char *syscall, unsigned index, uint64_t value);

int command_learn(const struct cli_options *o);
int command_report(const struct cli_options *o);

#endif

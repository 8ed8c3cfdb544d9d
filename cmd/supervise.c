/* SPDX-License-Identifier: Apache-2.0 */
/*
 * supervise.c - sjail as a supervisor: starting COMMAND under a program
 * with a listener, serving its notifications, and `sjail --report`.
 *
 * How COMMAND starts: clone(CLONE_VM | CLONE_VFORK | CLONE_FILES), as
 * posix_spawn does plus a shared file table. The child installs the filter
 * with a listener and execs; that is all it does once the filter is in, as
 * on the plain path (cmd/sjail.c). The listener lands in the table it
 * shares with sjail, so sjail has it without the child sending it (a
 * sendmsg after the install would itself go to the listener no one reads
 * yet). CLONE_VFORK holds sjail until the exec has passed the filter; the
 * exec unshares the table and closes the child's copy of the listener
 * (O_CLOEXEC), so COMMAND never holds it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "commands.h"
#include "supervise.h"

extern char **environ;

static const int _forwarded[] = {SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGUSR1, SIGUSR2};

int supervise_resolve(char **argv, char **ret_path)
{
	int status, e = 0;

	status = exec_resolve(argv[0], ret_path, &e);
	if (status == 127)
		fprintf(stderr, "sjail: '%s': command not found\n", argv[0]);
	else if (status != 0)
		fprintf(stderr, "sjail: '%s': cannot execute: %s\n", argv[0], strerror(e));
	return status;
}

void supervise_execve_call(const struct sjail_arch *arch, const char *path, char **argv,
			   struct seccomp_data *ret)
{
	uint32_t nr = 0;

	sjail_arch_syscall_nr(arch, "execve", &nr);
	memset(ret, 0, sizeof(*ret));
	ret->nr = (int)nr;
	ret->arch = sjail_arch_audit(arch);
	ret->args[0] = (uintptr_t)path;
	ret->args[1] = (uintptr_t)argv;
	ret->args[2] = (uintptr_t)environ;
}

struct _spawn {
	const struct sjail_program *program;
	unsigned flags;
	const char *path;
	char **argv;
	const sigset_t *mask;
	int listener;
	int setup_errno; /* of sigprocmask or prctl, before the filter */
	int install;	 /* sjail_install_listener()'s result */
	int exec_errno;
	struct sjail_error err;
};

/*
 * NOTE: the child runs in sjail's memory (CLONE_VM) while sjail waits
 * (CLONE_VFORK), like posix_spawn's: it leaves its results in *sp and uses
 * neither malloc nor stdio. Once the filter is in, the next call after a
 * failed execve would go to a listener that sjail, held by CLONE_VFORK,
 * cannot read yet. So the child then ends without a syscall: an illegal
 * instruction, which the kernel turns into SIGILL. PR_SET_DUMPABLE 0 keeps
 * that from leaving a core; a successful exec makes COMMAND dumpable again.
 */
static int _child(void *arg)
{
	struct _spawn *sp = arg;

	if (sigprocmask(SIG_SETMASK, sp->mask, NULL) < 0 ||
	    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) < 0) {
		sp->setup_errno = errno;
		_exit(125);
	}
	sp->install = sjail_install_listener(sp->program, sp->flags, &sp->listener, &sp->err);
	if (sp->install < 0)
		_exit(125);
	execve(sp->path, sp->argv, environ);
	sp->exec_errno = errno;
	__builtin_trap();
}

#define _STACK_SIZE (256u << 10)

/* Undoes supervise_start()'s signal set-up; returns status. */
static int _undo(struct supervisor *s, int status)
{
	if (s->sigfd >= 0)
		close(s->sigfd);
	s->sigfd = -1;
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
	return status;
}

int supervise_start(struct supervisor *s, const struct sjail_program *program, unsigned flags,
		    const char *path, char **argv)
{
	struct _spawn sp = {
	    .program = program, .flags = flags, .path = path, .argv = argv, .listener = -1};
	sigset_t block;
	char *stack;
	pid_t pid;

	*s = (struct supervisor){.listener = -1, .sigfd = -1, .child = -1};
	sigemptyset(&block);
	sigaddset(&block, SIGCHLD);
	for (size_t i = 0; i < sizeof(_forwarded) / sizeof(_forwarded[0]); i++)
		sigaddset(&block, _forwarded[i]);
	if (sigprocmask(SIG_BLOCK, &block, &s->oldmask) < 0) {
		fprintf(stderr, "sjail: cannot block signals: %s\n", strerror(errno));
		return 125;
	}
	s->sigfd = signalfd(-1, &block, SFD_CLOEXEC | SFD_NONBLOCK);
	if (s->sigfd < 0) {
		fprintf(stderr, "sjail: cannot make a signalfd: %s\n", strerror(errno));
		return _undo(s, 125);
	}
	stack = mmap(NULL, _STACK_SIZE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK, -1, 0);
	if (stack == MAP_FAILED) {
		fprintf(stderr, "sjail: out of memory\n");
		return _undo(s, 125);
	}
	sp.mask = &s->oldmask;
	sjail_error_clear(&sp.err);
	pid =
	    clone(_child, stack + _STACK_SIZE, CLONE_VM | CLONE_VFORK | CLONE_FILES | SIGCHLD, &sp);
	munmap(stack, _STACK_SIZE);
	if (pid < 0) {
		fprintf(stderr, "sjail: cannot start '%s': clone: %s\n", path, strerror(errno));
		return _undo(s, 125);
	}

	/* The child has exec'd COMMAND, or ended. */
	if (sp.setup_errno || sp.install < 0 || sp.exec_errno) {
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
		if (sp.listener >= 0)
			close(sp.listener);
		if (sp.setup_errno) {
			fprintf(stderr, "sjail: cannot prepare the child: %s\n",
				strerror(sp.setup_errno));
			return _undo(s, 125);
		}
		if (sp.install < 0) {
			report(&sp.err);
			return _undo(s, 125);
		}
		fprintf(stderr, "sjail: '%s': cannot execute: %s\n", path, strerror(sp.exec_errno));
		return _undo(s, sp.exec_errno == ENOENT ? 127 : 126);
	}
	s->listener = sp.listener;
	s->child = pid;
	/* A reader that went away must not kill the supervisor. After the exec: COMMAND keeps
	 * its own disposition. */
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static void _reap(struct supervisor *s)
{
	int st;

	while (!s->child_done && waitpid(s->child, &st, WNOHANG) == s->child) {
		s->child_done = true;
		s->wait_status = st;
	}
}

static void _signals(struct supervisor *s)
{
	struct signalfd_siginfo si;

	while (read(s->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
		if (si.ssi_signo == SIGCHLD) {
			_reap(s);
			continue;
		}
		/*
		 * NOTE: what the terminal sends (^C, ^\, hangup) goes to its
		 * whole foreground process group with si_code SI_KERNEL: COMMAND
		 * has it already. Whatever kill(2) sent to sjail alone is passed on.
		 */
		if (s->child_done)
			s->stop = true;
		else if (si.ssi_code != SI_KERNEL)
			kill(s->child, (int)si.ssi_signo);
	}
}

static void _close_listener(struct supervisor *s)
{
	if (s->listener >= 0)
		close(s->listener);
	s->listener = -1;
}

int supervise_run(struct supervisor *s)
{
	struct sjail_notif n;
	int r;

	/*
	 * NOTE: the listener says POLLHUP once no task uses the filter any
	 * more (Linux >= 5.8): COMMAND and all it started have ended and been
	 * reaped. Until then sjail serves, even after COMMAND itself ended.
	 */
	while (!s->child_done || s->listener >= 0) {
		struct pollfd pfd[2] = {
		    {.fd = s->sigfd, .events = POLLIN},
		    {.fd = s->listener, .events = POLLIN},
		};

		if (poll(pfd, s->listener >= 0 ? 2 : 1, -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "sjail: poll: %s\n", strerror(errno));
			_close_listener(s);
			s->stop = true;
		}
		if (pfd[0].revents & POLLIN)
			_signals(s);
		if (s->listener >= 0 && (pfd[1].revents & POLLIN)) {
			r = sjail_notif_recv(s->listener, &n);
			if (r == 0)
				r = s->handle(s, &n, s->ctx);
			if (r < 0 && r != -ENOENT) {
				fprintf(stderr,
					"sjail: cannot serve the filter's notifications: %s\n",
					strerror(-r));
				_close_listener(s);
			}
		} else if (s->listener >= 0 && (pfd[1].revents & (POLLHUP | POLLERR | POLLNVAL))) {
			_close_listener(s);
		}
		if (s->stop) {
			/* Whatever is left of COMMAND's processes now gets ENOSYS for the calls
			 * that would come here. */
			_close_listener(s);
			if (!s->child_done) {
				while (waitpid(s->child, &s->wait_status, 0) < 0 && errno == EINTR)
					;
				s->child_done = true;
			}
		}
	}
	close(s->sigfd);
	s->sigfd = -1;
	sigprocmask(SIG_SETMASK, &s->oldmask, NULL);
	if (WIFEXITED(s->wait_status))
		return WEXITSTATUS(s->wait_status);
	if (WIFSIGNALED(s->wait_status))
		return 128 + WTERMSIG(s->wait_status);
	return 125;
}

void supervise_comm(uint32_t pid, char *buf, size_t len)
{
	char path[64];
	ssize_t n = -1;
	int fd;

	snprintf(path, sizeof(path), "/proc/%u/comm", pid);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, len - 1);
		close(fd);
	}
	if (n <= 0) {
		snprintf(buf, len, "?");
		return;
	}
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
}

/* ---- sjail --report ------------------------------------------------------ */

struct _report {
	const struct sjail_program *program; /* the profile's, unchanged */
	const struct sjail_profile *profile;
	const char *file;
	size_t filter_index;
	const struct sjail_arch *arch;
	struct sjail_compile_options opts; /* what the program was compiled with */
	bool dry_run;
};

/* What /proc/PID/status says about the caller's SIGSYS. */
struct _proc {
	pid_t tgid;
	unsigned threads;
	/* SIGSYS: the thread blocks it; the process ignores it, catches it */
	bool blocked, ignored, caught;
	bool known; /* read from /proc/PID/status */
};

static bool _sig_in(const char *hexmask, int sig)
{
	unsigned long long m = strtoull(hexmask, NULL, 16);

	return (m >> (sig - 1)) & 1;
}

static int _proc_read(uint32_t pid, struct _proc *ret)
{
	char path[64], line[256];
	struct _proc p = {0};
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%u/status", pid);
	f = fopen(path, "re");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		if (strncmp(line, "Tgid:", 5) == 0)
			p.tgid = (pid_t)strtol(line + 5, NULL, 10);
		else if (strncmp(line, "Threads:", 8) == 0)
			p.threads = (unsigned)strtoul(line + 8, NULL, 10);
		else if (strncmp(line, "SigBlk:", 7) == 0)
			p.blocked = _sig_in(line + 7, SIGSYS);
		else if (strncmp(line, "SigIgn:", 7) == 0)
			p.ignored = _sig_in(line + 7, SIGSYS);
		else if (strncmp(line, "SigCgt:", 7) == 0)
			p.caught = _sig_in(line + 7, SIGSYS);
	}
	fclose(f);
	if (p.tgid <= 0)
		return -ESRCH;
	*ret = p;
	return 0;
}

enum _effect {
	EFFECT_ERROR,	/* the call fails with error */
	EFFECT_SIGSYS,	/* SIGSYS to the thread, which takes its process down */
	EFFECT_TRAP,	/* the call returns what the kernel leaves, then SIGSYS to the thread */
	EFFECT_SIGKILL, /* SIGKILL to the process */
};

/*
 * How sjail makes verdict take effect on the caller, and what to say where
 * that differs from the kernel. See README.md, "How exact --report is".
 */
static enum _effect _plan(uint32_t verdict, const struct _proc *p, int *ret_error,
			  const char **ret_note)
{
	uint32_t action = verdict & SECCOMP_RET_ACTION_FULL;
	bool dfl = p->known && !p->caught && !p->ignored && !p->blocked;

	*ret_note = "";
	switch (action) {
	case SECCOMP_RET_ERRNO:
		*ret_error = (int)(verdict & SECCOMP_RET_DATA);
		return EFFECT_ERROR;
	case SECCOMP_RET_USER_NOTIF:
		*ret_error = ENOSYS;
		*ret_note = " (no listener: errno ENOSYS)";
		return EFFECT_ERROR;
	case SECCOMP_RET_TRAP:
		if (p->known && p->caught && !p->blocked) {
			*ret_note =
			    " (emulated: SIGSYS to its handler without SYS_SECCOMP siginfo)";
			return EFFECT_TRAP;
		}
		break;
	case SECCOMP_RET_KILL_THREAD:
		if (dfl && p->threads > 1)
			*ret_note = " (emulated: the whole process is killed)";
		break;
	default:
		break;
	}
	if (dfl)
		return EFFECT_SIGSYS;
	*ret_note = !p->known	 ? " (emulated with SIGKILL: /proc/PID/status is unreadable)"
		    : p->blocked ? " (emulated with SIGKILL: the thread blocks SIGSYS)"
		    : p->ignored ? " (emulated with SIGKILL: the process ignores SIGSYS)"
				 : " (emulated with SIGKILL: the process catches SIGSYS)";
	return EFFECT_SIGKILL;
}

static void _verdict_text(uint32_t verdict, char *buf, size_t len)
{
	char name[32];

	switch (verdict & SECCOMP_RET_ACTION_FULL) {
	case SECCOMP_RET_ERRNO:
		snprintf(buf, len, "errno %s",
			 decode_errno((int)(verdict & SECCOMP_RET_DATA), name, sizeof(name)));
		return;
	case SECCOMP_RET_USER_NOTIF:
		snprintf(buf, len, "user_notif");
		return;
	default:
		sjail_action_format(verdict, buf, len);
		return;
	}
}

static void _where(const struct _report *r, const struct seccomp_data *data, uint32_t verdict,
		   char *buf, size_t len)
{
	struct sjail_decision d;

	if (sjail_profile_decide(r->profile, r->filter_index, r->arch, &r->opts, data, &d) < 0 ||
	    d.action != verdict) {
		/* Never: the tests hold the program to the rules. Say less rather than wrong. */
		snprintf(buf, len, "%s filter %s", r->file,
			 sjail_profile_filter_name(r->profile, r->filter_index));
		return;
	}
	if (d.by_rule)
		snprintf(buf, len, "%s:%u:%u filter %s", d.file, d.line, d.col, d.filter);
	else if (d.enosys_new && d.abi)
		/* As explain says it: numbers below 0x1000 in decimal. */
		snprintf(buf, len,
			 d.top < 0x1000
			     ? "%s:%u:%u filter %s: no rule matched; --enosys-new: the "
			       "highest number the filter names on %s is %" PRIu32 " (%s): ENOSYS"
			     : "%s:%u:%u filter %s: no rule matched; --enosys-new: the "
			       "highest number the filter names on %s is %#" PRIx32 " (%s): ENOSYS",
			 d.file, d.line, d.col, d.filter, d.abi, d.top,
			 d.top_name ? d.top_name : "?");
	else
		snprintf(buf, len, "%s:%u:%u filter %s: %s", d.file, d.line, d.col, d.filter,
			 d.why);
}

/* The register the kernel's trap leaves as the call's return value (syscall_rollback()). */
static int64_t _trap_return(const struct sjail_arch *arch, const struct seccomp_data *data)
{
	const char *name = sjail_arch_name(arch);

	if (strcmp(name, "x86_64") == 0 || strcmp(name, "x32") == 0 || strcmp(name, "i386") == 0)
		return data->nr;       /* ax = orig_ax */
	return (int64_t)data->args[0]; /* a0 / x0 / r0 = orig_a0 / orig_x0 / ORIG_r0 */
}

static int _report_notif(struct supervisor *s, const struct sjail_notif *n, void *ctx)
{
	struct _report *r = ctx;
	uint32_t verdict = sjail_program_run(r->program, &n->data, NULL);
	char comm[32], call[1024], what[128], where[1024], line[2400];
	const char *note = "";
	struct _proc proc = {.threads = 1};
	enum _effect effect = EFFECT_ERROR;
	int error = 0, len;

	/* Only denials come here: the rewritten program allows what the profile allows. */
	if (!sjail_action_denies(verdict) &&
	    (verdict & SECCOMP_RET_ACTION_FULL) != SECCOMP_RET_USER_NOTIF)
		return sjail_notif_send(s->listener, n->id, /* proceed= */ true, 0, 0);

	supervise_comm(n->pid, comm, sizeof(comm));
	if (!r->dry_run) {
		/* Unreadable (gone, or no /proc): the plan falls back to SIGKILL. */
		if (_proc_read(n->pid, &proc) == 0)
			proc.known = true;
		effect = _plan(verdict, &proc, &error, &note);
	}
	/*
	 * NOTE: the caller waits in the kernel until it is answered, so its
	 * pid cannot have been reused while the notification is valid: checked
	 * after reading /proc/PID (seccomp_unotify(2)).
	 */
	if (sjail_notif_valid(s->listener, n->id) < 0)
		return 0;

	decode_call(r->arch, &n->data, call, sizeof(call));
	_verdict_text(verdict, what, sizeof(what));
	_where(r, &n->data, verdict, where, sizeof(where));
	len = snprintf(line, sizeof(line), "sjail: pid %u (%s) %s: %s \u2192 %s%s  [%s]\n", n->pid,
		       comm, r->dry_run ? "allowed by --dry-run" : "blocked", call, what, note,
		       where);
	if (len > 0)
		(void)!write(STDERR_FILENO, line,
			     (size_t)len < sizeof(line) ? (size_t)len : sizeof(line) - 1);

	if (r->dry_run)
		return sjail_notif_send(s->listener, n->id, /* proceed= */ true, 0, 0);
	switch (effect) {
	case EFFECT_ERROR:
		return sjail_notif_send(s->listener, n->id, false, 0, error);
	case EFFECT_SIGSYS:
		/*
		 * NOTE: the thread waits for the answer in an interruptible
		 * sleep; SIGSYS with its default action wakes it, the call never
		 * runs, and the thread group dies of SIGSYS (core and all), as
		 * from the kernel's kill. There is no answer to send.
		 */
		syscall(SYS_tgkill, proc.tgid, (pid_t)n->pid, SIGSYS);
		return 0;
	case EFFECT_TRAP:
		/*
		 * NOTE: the call returns first (what the kernel's trap leaves in
		 * the return register), then SIGSYS arrives: signalled while it
		 * waits, the call would be restarted after the handler and
		 * trapped again, forever.
		 */
		error =
		    sjail_notif_send(s->listener, n->id, false, _trap_return(r->arch, &n->data), 0);
		syscall(SYS_tgkill, proc.tgid, (pid_t)n->pid, SIGSYS);
		return error;
	case EFFECT_SIGKILL:
		/* kill(2) of a thread's id reaches its whole thread group. */
		kill(proc.known ? proc.tgid : (pid_t)n->pid, SIGKILL);
		return 0;
	}
	return 0;
}

int command_report(const struct cli_options *o)
{
	const struct sjail_arch *arch;
	struct sjail_profile *profile = NULL;
	struct sjail_program *program = NULL, *notifying = NULL;
	struct sjail_error err;
	struct seccomp_data call;
	struct supervisor s;
	struct _report ctx = {.dry_run = o->dry_run};
	char *path = NULL, action[32];
	uint32_t verdict;
	size_t index = 0;
	int r, status = 125;

	if (load_arch(NULL, &arch) < 0)
		return 125;
	sjail_error_clear(&err);
	if (load_profile(o, arch, &profile) < 0)
		goto out;
	r = sjail_profile_find_filter(profile, o->filter, &index, &err);
	if (r < 0) {
		report(&err);
		goto out;
	}
	if (compile_filter(o, profile, index, arch, &program) < 0)
		goto out;
	r = sjail_program_notify_denials(program, &notifying);
	if (r < 0) {
		fprintf(stderr, "sjail: cannot make the reporting program: %s\n", strerror(-r));
		goto out;
	}

	status = supervise_resolve(o->argv, &path);
	if (status != 0)
		goto out;
	status = 125;

	/*
	 * NOTE: as on the plain path, the filter applies to the child's own
	 * execve, and sjail is held until that exec is through: a profile
	 * that blocks it is refused here, with --dry-run too.
	 */
	supervise_execve_call(arch, path, o->argv, &call);
	verdict = sjail_program_run(program, &call, NULL);
	if (sjail_action_denies(verdict) ||
	    (verdict & SECCOMP_RET_ACTION_FULL) == SECCOMP_RET_USER_NOTIF) {
		fprintf(stderr,
			"sjail: %s: the filter would block sjail's own execve of '%s' (%s): "
			"allow 'execve' in the profile\n",
			o->profile, path, sjail_action_format(verdict, action, sizeof(action)));
		goto out;
	}

	ctx.program = program;
	ctx.profile = profile;
	ctx.file = o->profile;
	ctx.filter_index = index;
	ctx.arch = arch;
	ctx.opts = (struct sjail_compile_options){.strict = o->strict, .enosys_new = o->enosys_new};
	/* --log: the kernel logs the verdicts too (user_notif, for the denials). */
	status = supervise_start(&s, notifying,
				 notifying->install_flags | (o->log ? SECCOMP_FILTER_FLAG_LOG : 0),
				 path, o->argv);
	if (status != 0)
		goto out;
	s.handle = _report_notif;
	s.ctx = &ctx;
	status = supervise_run(&s);
out:
	free(path);
	sjail_program_free(notifying);
	sjail_program_free(program);
	sjail_profile_free(profile);
	return status;
}

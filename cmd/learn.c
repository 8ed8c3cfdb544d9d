/* SPDX-License-Identifier: Apache-2.0 */
/*
 * learn.c - `sjail learn`: run COMMAND with every call sent to sjail and let
 * through, count them, and write the allowlist that lets that run through.
 *
 * The filter sends every call of every thread and child to sjail
 * (SECCOMP_RET_USER_NOTIF), which counts it and answers CONTINUE. The
 * kernel's cache of constant verdicts holds allow only, so no call is
 * missed. Nothing is enforced: a continued call runs with whatever its
 * pointers point to when it runs (seccomp_unotify(2)); learn is not a
 * sandbox.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "supervise.h"

#define _MAX_NR 4096   /* counts kept for numbers below base + this; others are "foreign" */
#define _MAX_VALUES 64 /* distinct argument values per syscall, for --args */

/* The calls whose argument, not the call, is the policy (--args). */
static const struct {
	const char *syscall;
	unsigned index;
} _arg_calls[] = {
    {"fcntl", 1}, {"ioctl", 1}, {"personality", 0}, {"prctl", 0}, {"socket", 0},
};

#define _NARG_CALLS (sizeof(_arg_calls) / sizeof(_arg_calls[0]))

struct _value {
	uint32_t value;
	uint64_t count;
};

struct _learn {
	const struct sjail_arch *arch;
	bool args;
	uint32_t base;		  /* 0; x32's numbers carry __X32_SYSCALL_BIT */
	uint64_t counts[_MAX_NR]; /* of number base + i */
	uint64_t foreign;	  /* calls of another ABI, or numbers without a name */
	uint64_t total;
	struct {
		uint32_t nr;
		bool known; /* the syscall exists on arch */
		size_t nvalues;
		bool overflow; /* more than _MAX_VALUES distinct values */
		struct _value values[_MAX_VALUES];
	} arg[_NARG_CALLS];
};

static void _record_value(struct _learn *l, size_t a, uint32_t value)
{
	for (size_t i = 0; i < l->arg[a].nvalues; i++)
		if (l->arg[a].values[i].value == value) {
			l->arg[a].values[i].count++;
			return;
		}
	if (l->arg[a].nvalues == _MAX_VALUES) {
		l->arg[a].overflow = true;
		return;
	}
	l->arg[a].values[l->arg[a].nvalues++] = (struct _value){.value = value, .count = 1};
}

static int _learn_notif(struct supervisor *s, const struct sjail_notif *n, void *ctx)
{
	struct _learn *l = ctx;
	uint32_t nr = (uint32_t)n->data.nr;

	l->total++;
	if (n->data.arch != sjail_arch_audit(l->arch) || nr < l->base || nr - l->base >= _MAX_NR ||
	    !sjail_arch_syscall_name(l->arch, nr)) {
		l->foreign++;
	} else {
		l->counts[nr - l->base]++;
		for (size_t a = 0; l->args && a < _NARG_CALLS; a++)
			if (l->arg[a].known && l->arg[a].nr == nr)
				_record_value(l, a, (uint32_t)n->data.args[_arg_calls[a].index]);
	}
	return sjail_notif_send(s->listener, n->id, /* proceed= */ true, 0, 0);
}

/* ---- the profile ---------------------------------------------------------- */

struct _buf {
	char *text;
	size_t len, cap;
	bool oom;
};

__attribute__((format(printf, 2, 3))) static void _out(struct _buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (b->oom)
		return;
	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(b->text + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
		if (n < 0) {
			b->oom = true;
			return;
		}
		if ((size_t)n < b->cap - b->len) {
			b->len += (size_t)n;
			return;
		}
		char *t = realloc(b->text, 2 * b->cap + (size_t)n + 1);

		if (!t) {
			b->oom = true;
			return;
		}
		b->text = t;
		b->cap = 2 * b->cap + (size_t)n + 1;
	}
}

/* s as a JSON string. */
static void _out_string(struct _buf *b, const char *s)
{
	_out(b, "\"");
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			_out(b, "\\%c", c);
		else if (c < 0x20)
			_out(b, "\\u%04x", c);
		else
			_out(b, "%c", c);
	}
	_out(b, "\"");
}

static const char *_calls(uint64_t n, char *buf, size_t len)
{
	snprintf(buf, len, "%" PRIu64 " call%s", n, n == 1 ? "" : "s");
	return buf;
}

static int _value_cmp(const void *a, const void *b)
{
	const struct _value *x = a, *y = b;

	return x->value < y->value ? -1 : x->value > y->value;
}

struct _named {
	const char *name;
	uint32_t nr;
};

static int _named_cmp(const void *a, const void *b)
{
	return strcmp(((const struct _named *)a)->name, ((const struct _named *)b)->name);
}

/* The rules of one syscall: one, or one per argument value with --args. */
static void _out_rules(struct _buf *b, struct _learn *l, const struct _named *sc, bool last)
{
	char calls[64];
	size_t a;

	for (a = 0; a < _NARG_CALLS; a++)
		if (l->args && l->arg[a].known && l->arg[a].nr == sc->nr)
			break;
	if (a == _NARG_CALLS || l->arg[a].nvalues == 0 || l->arg[a].overflow) {
		_out(b, "\t\t\t{ \"syscall\": \"%s\", \"comment\": \"%s", sc->name,
		     _calls(l->counts[sc->nr - l->base], calls, sizeof(calls)));
		if (strcmp(sc->name, "execve") == 0)
			_out(b, ", sjail's exec of COMMAND included");
		if (a < _NARG_CALLS && l->arg[a].overflow)
			_out(b, ", with over %d values of args[%u]: too many for argument rules",
			     _MAX_VALUES, _arg_calls[a].index);
		_out(b, "\" }%s\n", last ? "" : ",");
		return;
	}
	qsort(l->arg[a].values, l->arg[a].nvalues, sizeof(struct _value), _value_cmp);
	for (size_t i = 0; i < l->arg[a].nvalues; i++) {
		const struct _value *v = &l->arg[a].values[i];
		const char *name = decode_arg_name(sc->name, _arg_calls[a].index, v->value);

		_out(b,
		     "\t\t\t{ \"syscall\": \"%s\", \"args\": [ { \"index\": %u, \"type\": "
		     "\"dword\", \"op\": \"eq\", \"val\": %" PRIu32 " } ], \"comment\": \"",
		     sc->name, _arg_calls[a].index, v->value);
		if (name)
			_out(b, "%s, ", name);
		_out(b, "%s\" }%s\n", _calls(v->count, calls, sizeof(calls)),
		     last && i + 1 == l->arg[a].nvalues ? "" : ",");
	}
}

/* The profile text; *ret_count gets the number of syscalls in it. */
static int _profile_text(struct _learn *l, const char *name, struct _buf *b, size_t *ret_count)
{
	struct _named *used;
	size_t n = 0;

	used = calloc(_MAX_NR, sizeof(*used));
	if (!used)
		return -ENOMEM;
	for (uint32_t i = 0; i < _MAX_NR; i++)
		if (l->counts[i])
			used[n++] = (struct _named){sjail_arch_syscall_name(l->arch, l->base + i),
						    l->base + i};
	qsort(used, n, sizeof(*used), _named_cmp);

	/*
	 * NOTE: the mismatch action is errno EPERM, as in Docker's profile
	 * and profiles/coreutils.json: a path the learning run did not take
	 * fails a call the program can report, where kill_process would end
	 * it. Run the profile under `sjail --report` to see what it refuses.
	 */
	_out(b, "{\n\t");
	_out_string(b, name);
	_out(b, ": {\n"
		"\t\t\"mismatch_action\": { \"errno\": 1 },\n"
		"\t\t\"match_action\": \"allow\",\n"
		"\t\t\"filter\": [\n");
	for (size_t i = 0; i < n; i++)
		_out_rules(b, l, &used[i], i + 1 == n);
	_out(b, "\t\t]\n\t}\n}\n");
	free(used);
	*ret_count = n;
	return b->oom ? -ENOMEM : 0;
}

/*
 * Writes text to fd: a temporary file renamed over out, or (tmp NULL) out
 * itself, a device or FIFO.
 */
static int _write(int fd, const char *tmp, const char *out, const struct _buf *b)
{
	size_t off = 0;

	while (off < b->len) {
		ssize_t w = write(fd, b->text + off, b->len - off);

		if (w < 0) {
			int e = errno;

			if (e == EINTR)
				continue;
			close(fd);
			return -e;
		}
		off += (size_t)w;
	}
	if (!tmp)
		return close(fd) < 0 ? -errno : 0;
	if (fchmod(fd, 0644) < 0) {
		int e = errno;

		close(fd);
		return -e;
	}
	if (close(fd) < 0)
		return -errno;
	if (rename(tmp, out) < 0)
		return -errno;
	return 0;
}

int command_learn(const struct cli_options *o)
{
	const char *name = o->filter ? o->filter : "main";
	const struct sjail_arch *arch;
	struct sjail_program *program = NULL;
	struct sjail_profile *check = NULL;
	struct sjail_error err;
	struct seccomp_data call;
	struct supervisor s;
	struct _learn *l = NULL;
	struct _buf b = {0};
	char *path = NULL, *tmp = NULL, *target = NULL;
	size_t nsyscalls = 0;
	int fd = -1, r, status = 125, command_status;
	bool direct = false;

	if (load_arch(NULL, &arch) < 0)
		return 125;
	if (!name[0]) {
		fprintf(stderr, "sjail: the filter name (-t) is empty\n");
		return 125;
	}
	/* Fail before COMMAND runs when OUT cannot be written: a directory, say. */
	if (output_target(o->output, &target, &direct) < 0)
		return 125;
	l = calloc(1, sizeof(*l));
	b.cap = 16384;
	b.text = malloc(b.cap);
	if (!l || !b.text || (!direct && asprintf(&tmp, "%s.XXXXXX", target) < 0)) {
		tmp = NULL;
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	l->arch = arch;
	/* x32's numbers carry __X32_SYSCALL_BIT (an x32 build of sjail learns x32 calls). */
	l->base = strcmp(sjail_arch_name(arch), "x32") == 0 ? 0x40000000u : 0;
	l->args = o->learn_args;
	for (size_t a = 0; a < _NARG_CALLS; a++)
		l->arg[a].known =
		    sjail_arch_syscall_nr(arch, _arg_calls[a].syscall, &l->arg[a].nr) == 0;

	fd = direct ? open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY) : mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "sjail: %s: cannot %s: %s\n", o->output, direct ? "open" : "create",
			strerror(errno));
		goto out;
	}

	status = supervise_resolve(o->argv, &path);
	if (status != 0)
		goto out;
	status = 125;
	/* The child's own exec goes through: sjail cannot answer it (see supervise.c). */
	supervise_execve_call(arch, path, o->argv, &call);
	r = sjail_program_learner(arch, &call, &program);
	if (r < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	status = supervise_start(&s, program, /* flags= */ 0, path, o->argv);
	if (status != 0)
		goto out;
	s.handle = _learn_notif;
	s.ctx = l;
	if ((uint32_t)call.nr >= l->base && (uint32_t)call.nr - l->base < _MAX_NR)
		l->counts[(uint32_t)call.nr - l->base]++; /* the child's exec, let through */
	command_status = supervise_run(&s);

	status = 125;
	r = _profile_text(l, name, &b, &nsyscalls);
	if (r < 0) {
		fprintf(stderr, "sjail: out of memory\n");
		goto out;
	}
	/* What sjail writes, sjail must read: a learned profile that fails is a bug here. */
	sjail_error_clear(&err);
	r = sjail_profile_parse(o->output, b.text, b.len, &check, &err);
	if (r < 0) {
		char msg[2048];

		sjail_error_format(&err, msg, sizeof(msg));
		fprintf(stderr, "sjail: internal error: the learned profile does not load: %s\n",
			msg);
		goto out;
	}
	r = _write(fd, tmp, target, &b);
	fd = -1;
	if (r < 0) {
		fprintf(stderr, "sjail: %s: cannot write: %s\n", o->output, strerror(-r));
		goto out;
	}
	free(tmp);
	tmp = NULL;
	if (l->foreign)
		fprintf(stderr,
			"sjail: learn: %" PRIu64 " calls through another ABI or without a name on "
			"%s are not in the profile\n",
			l->foreign, sjail_arch_name(arch));
	fprintf(stderr,
		"sjail: learn: %zu syscalls (%" PRIu64 " calls) written to %s as filter '%s'\n",
		nsyscalls, l->total + 1, o->output, name);
	status = command_status;
out:
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	free(tmp);
	free(target);
	free(path);
	free(b.text);
	free(l);
	sjail_profile_free(check);
	sjail_program_free(program);
	return status;
}

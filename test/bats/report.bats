#!/usr/bin/env bats
# sjail --report [--dry-run]: sjail stays as a supervisor, prints one line for
# each call the filter denies, then makes the verdict take effect. The
# profile's errno is the unusual 122 (EDQUOT) and try-syscall passes a bad
# fd, so an allowed call says EBADF and a denied one EDQUOT.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	REPORT="$FIXTURES/report.json"
	SIGSYS_PY="$BATS_TEST_TMPDIR/sigsys.py"
	# getsid(0) under a filter; with "handle", a SIGSYS handler that records the signal
	cat >"$SIGSYS_PY" <<-'EOF'
	import os, signal, sys, time
	got = []
	if sys.argv[1:] == ["handle"]:
	    signal.signal(signal.SIGSYS, lambda s, f: got.append(s))
	r = os.getsid(0)
	time.sleep(0.2)
	print(r, got)
	EOF
}

# The line (1-based) and column of the first "syscall": "NAME" in FILTER of
# $REPORT: where the rule object of that line starts is where sjail points.
# usage: rule_at FILTER NAME
rule_at() {
	awk -v f="\"$1\": {" -v s="\"syscall\": \"$2\"" '
		index($0, f) { infilter = 1 }
		infilter && (c = index($0, s)) {
			# the rule object starts at the "{" before "syscall"
			line = substr($0, 1, c - 1)
			n = split(line, parts, "{")
			print NR ":" length(line) - length(parts[n])
			exit
		}' "$REPORT"
}

PY=/usr/bin/python3

skip_unless_python() {
	[ -x "$PY" ] || skip "no $PY"
}

# ---- errno -------------------------------------------------------------------

@test "errno: one exact line on stderr, then the call fails with the profile's errno" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	[ "${#stderr_lines[@]}" -eq 1 ]
	[[ "${stderr_lines[0]}" =~ ^"sjail: pid "([0-9]+)" (try-syscall) blocked: dup(99) → errno EDQUOT  ["(.*)"]"$ ]]
	[ "${BASH_REMATCH[2]}" = "$REPORT:$(rule_at errno dup) filter errno" ]
}

@test "errno: the pid in the line is the caller's" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- \
		sh -c 'echo $$; exec "$1" dup 99' sh "$TRY_SYSCALL"
	[ "${lines[0]}" -gt 0 ]
	[ "${lines[1]}" = "errno 122 EDQUOT" ]
	[[ "$stderr" == "sjail: pid ${lines[0]} (try-syscall) blocked: dup(99) → errno EDQUOT  ["* ]]
}

@test "errno: allowed calls pass silently, at their own result" {
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- "$TRY_SYSCALL" dup3 99 98 0
	[ "$output" = "errno 9 EBADF" ]
	[ -z "$stderr" ]
}

@test "an allowlist: a call no rule names is reported as the mismatch action, at the filter" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t allowlist -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	local at
	at=$(grep -n '"allowlist": {' "$REPORT" | cut -d: -f1)
	[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) blocked: dup(99) → errno EDQUOT  [$REPORT:$at:2 filter allowlist: no rule matched (mismatch action)]"$ ]]
}

@test "--enosys-new: a number above the highest the filter names is reported as the stub's ENOSYS, and why" {
	skip_unless_x86_64
	local docker="$SHARED_DIR/profiles/docker/default.json"
	run -0 --separate-stderr "$SJAIL" --report --enosys-new -p "$docker" --caps "$DOCKER_CAPS" -- "$TRY_SYSCALL" 463
	[ "$output" = "errno 38 ENOSYS" ]
	[[ "$stderr" =~ "sjail: pid "[0-9]+" (try-syscall) blocked: syscall_463(0, 0, 0, 0, 0, 0) → errno ENOSYS  [$docker:1:1 filter oci: no rule matched; --enosys-new: the highest number the filter names on x86_64 is 462 (mseal): ENOSYS]"$ ]]
	# a number below it, which no rule names: the mismatch action, as without the option
	run -0 --separate-stderr "$SJAIL" --report --enosys-new -p "$docker" --caps "$DOCKER_CAPS" -- "$TRY_SYSCALL" mount 0 0 0
	[ "$output" = "errno 1 EPERM" ]
	[[ "$stderr" == *"blocked: mount(NULL, NULL, NULL, 0, NULL) → errno EPERM  [$docker:1:1 filter oci: no rule matched (mismatch action)]" ]]
}

@test "the supervisor adds no call: try-syscall under an allowlist of its own calls reports nothing" {
	skip_unless_x86_64
	# what the child does between the install and COMMAND would be refused and reported
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t allowlist -- "$TRY_SYSCALL" read 99 0 0
	[ "$output" = "errno 9 EBADF" ]
	[ -z "$stderr" ]
}

@test "calls are decoded: openat, socket, ioctl, kill" {
	skip_unless_x86_64
	expect_line() {
		run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t allowlist -- "$TRY_SYSCALL" "$@"
		[ "$output" = "errno 122 EDQUOT" ]
		[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) blocked: "(.*)" → errno EDQUOT  [" ]]
		echo "${BASH_REMATCH[1]}"
	}
	[ "$(expect_line socket 2 0x80801 0)" = "socket(AF_INET, SOCK_STREAM|SOCK_NONBLOCK|SOCK_CLOEXEC, 0)" ]
	[ "$(expect_line ioctl 99 0x5413 0)" = "ioctl(99, TIOCGWINSZ, 0)" ]
	[ "$(expect_line kill 1 15)" = "kill(1, SIGTERM)" ]
	[ "$(expect_line mkdirat -100 0 0x1ed)" = "mkdirat(AT_FDCWD, NULL, 0755)" ]
	[ "$(expect_line ptrace 16 1 0 0)" = "ptrace(PTRACE_ATTACH, 1, NULL, NULL)" ]
	[ "$(expect_line getsid 0x1000000000)" = "getsid(0)" ]
	[ "$(expect_line setns 99 0x40000000)" = "setns(99, 0x40000000)" ]
}

# ---- kill and trap -----------------------------------------------------------

@test "kill_process: a line, then the command dies of SIGSYS (159)" {
	skip_unless_x86_64
	run -159 --separate-stderr "$SJAIL" --report -p "$REPORT" -t kill_process -- "$TRY_SYSCALL" dup 99
	[ -z "$output" ]
	[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) blocked: dup(99) → kill_process  [$REPORT:$(rule_at kill_process dup) filter kill_process]"$ ]]
}

@test "kill_process: the call never runs" {
	skip_unless_x86_64
	local dir="$BATS_TEST_TMPDIR/never"
	# mkdir would succeed if the call went through after the line
	cat >"$BATS_TEST_TMPDIR/mkdir.json" <<-'EOF'
	{ "f": { "mismatch_action": "allow", "match_action": "kill_process",
	         "filter": [ { "syscall": "mkdir" }, { "syscall": "mkdirat" } ] } }
	EOF
	run -159 --separate-stderr "$SJAIL" --report -p "$BATS_TEST_TMPDIR/mkdir.json" -- mkdir "$dir"
	[[ "$stderr" == *" blocked: mkdir"*" → kill_process  ["* ]]
	[ ! -e "$dir" ]
}

@test "kill_thread, single-threaded: SIGSYS (159), like the kernel" {
	skip_unless_x86_64
	run -159 --separate-stderr "$SJAIL" --report -p "$REPORT" -t kill_thread -- "$TRY_SYSCALL" dup 99
	[[ "$stderr" == *"(try-syscall) blocked: dup(99) → kill_thread  ["* ]]
}

@test "trap without a handler: SIGSYS kills (159), like the kernel" {
	skip_unless_x86_64
	run -159 --separate-stderr "$SJAIL" --report -p "$REPORT" -t trap -- "$TRY_SYSCALL" dup 99
	[[ "$stderr" == *"(try-syscall) blocked: dup(99) → trap  ["* ]]
}

@test "trap with a SIGSYS handler: the program sees what it sees under the kernel's trap" {
	skip_unless_x86_64
	skip_unless_python
	# the kernel: the handler runs and getsid returns its own number (124) from the rolled-back register
	run -0 --separate-stderr "$SJAIL" -p "$REPORT" -t trap -- "$PY" "$SIGSYS_PY" handle
	[ "$output" = "124 [31]" ]
	local kernel=$output
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t trap -- "$PY" "$SIGSYS_PY" handle
	[ "$output" = "$kernel" ]
	[[ "$stderr" == *"(python3) blocked: getsid(0) → trap (emulated: SIGSYS to its handler without SYS_SECCOMP siginfo)  ["* ]]
}

@test "kill_process when SIGSYS is caught: SIGKILL (137) where the kernel gives SIGSYS (159), and the line says so" {
	skip_unless_x86_64
	skip_unless_python
	# a documented difference: a supervisor cannot make a caught SIGSYS fatal
	run -159 --separate-stderr "$SJAIL" -p "$REPORT" -t kill_process -- "$PY" "$SIGSYS_PY" handle
	run -137 --separate-stderr "$SJAIL" --report -p "$REPORT" -t kill_process -- "$PY" "$SIGSYS_PY" handle
	[ -z "$output" ]
	[[ "$stderr" == *"(python3) blocked: getsid(0) → kill_process (emulated with SIGKILL: the process catches SIGSYS)  ["* ]]
}

@test "a denied call in a thread: the line names the thread, errno as under the kernel" {
	skip_unless_x86_64
	skip_unless_python
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- "$PY" -c '
import os, threading
def f():
    try:
        os.getsid(0)
    except OSError as e:
        print(threading.get_native_id(), e.errno)
t = threading.Thread(target=f, name="worker")
t.start(); t.join()
print(os.getpid())'
	local tid=${lines[0]%% *}
	[ "${lines[0]#* }" = 122 ]
	[ "$tid" != "${lines[1]}" ]
	[[ "$stderr" =~ ^"sjail: pid $tid ("[^\)]*") blocked: getsid(0) → errno EDQUOT  [" ]]
}

@test "--log with --report: installed with SECCOMP_FILTER_FLAG_LOG, still reported and denied" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --log --report -p "$REPORT" -t errno -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) blocked: dup(99) → errno EDQUOT  [" ]]
}

@test "an OCI profile's SECCOMP_FILTER_FLAG_TSYNC with --report: installed (with TSYNC_ESRCH), reported and denied" {
	skip_unless_x86_64
	local oci="$BATS_TEST_TMPDIR/tsync.json"
	cat >"$oci" <<-'EOF'
	{"defaultAction": "SCMP_ACT_ALLOW", "flags": ["SECCOMP_FILTER_FLAG_TSYNC"],
	 "syscalls": [{"names": ["dup"], "action": "SCMP_ACT_ERRNO", "errnoRet": 122}]}
	EOF
	run -0 --separate-stderr "$SJAIL" --report -p "$oci" -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) blocked: dup(99) → errno EDQUOT  [" ]]
}

# ---- --dry-run ---------------------------------------------------------------

@test "--dry-run: the denied call is reported and proceeds" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --report --dry-run -p "$REPORT" -t errno -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
	[[ "$stderr" =~ ^"sjail: pid "[0-9]+" (try-syscall) allowed by --dry-run: dup(99) → errno EDQUOT  [$REPORT:$(rule_at errno dup) filter errno]"$ ]]
}

@test "--dry-run: kill_process does not kill" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" --report --dry-run -p "$REPORT" -t kill_process -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
	[[ "$stderr" == *"allowed by --dry-run: dup(99) → kill_process  ["* ]]
}

@test "--dry-run without --report: 125" {
	run -125 --separate-stderr "$SJAIL" --dry-run -p "$REPORT" -t errno -- true
	[ "$stderr" = "sjail: option '--dry-run' needs '--report'" ]
}

# ---- the supervisor ----------------------------------------------------------

@test "exit status passes through: exit 7, and 128+N for a signal" {
	run -7 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c 'exit 7'
	[ -z "$stderr" ]
	run -143 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c 'kill -TERM $$'
}

@test "126, 127 and a profile that blocks execve: as without --report" {
	run -127 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- no-such-command-sjail
	[ "$stderr" = "sjail: 'no-such-command-sjail': command not found" ]
	run -126 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- /
	run -125 --separate-stderr "$SJAIL" --report -p "$FIXTURES/blocks-execve.json" -t allowlist -- true
	[[ "$stderr" == *execve* ]]
}

@test "the command holds no fd of sjail's (not the listener)" {
	local without
	without=$(sh -c 'ls /proc/$$/fd')
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c 'ls /proc/$$/fd'
	[ "$output" = "$without" ]
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c 'ls -l /proc/$$/fd'
	[[ "$output" != *seccomp* ]]
}

@test "the command runs under the filter, with no_new_privs, in a child of sjail" {
	local out="$BATS_TEST_TMPDIR/out"
	run -0 --separate-stderr bash -c '"$1" --report -p "$2" -t errno -- sh -c "grep -E \"^(NoNewPrivs|Seccomp):\" /proc/self/status; echo \$PPID" >"$3" & echo $!; wait' _ "$SJAIL" "$REPORT" "$out"
	local sjail_pid=$output
	mapfile -t lines <"$out"
	[ "${lines[0]}" = $'NoNewPrivs:\t1' ]
	[ "${lines[1]}" = $'Seccomp:\t2' ]
	[ "${lines[2]}" = "$sjail_pid" ]
}

@test "SIGTERM to sjail is passed on to the command" {
	local out="$BATS_TEST_TMPDIR/out"
	"$SJAIL" --report -p "$REPORT" -t errno -- sh -c 'trap "echo got TERM; exit 3" TERM; echo up; while :; do sleep 0.1; done' >"$out" 2>&1 &
	local pid=$!
	for _ in $(seq 50); do grep -q up "$out" && break; sleep 0.1; done
	kill -TERM "$pid"
	local rc=0
	wait "$pid" || rc=$?
	[ "$rc" -eq 3 ]
	grep -q "got TERM" "$out"
}

@test "a denied call in a grandchild is reported and denied" {
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c '"$1" dup 99 | cat' sh "$TRY_SYSCALL"
	[ "$output" = "errno 122 EDQUOT" ]
	[[ "$stderr" == *"(try-syscall) blocked: dup(99) → errno EDQUOT  ["* ]]
}

@test "sjail waits for the command's children that outlive it" {
	local marker="$BATS_TEST_TMPDIR/late"
	run -0 --separate-stderr "$SJAIL" --report -p "$REPORT" -t errno -- sh -c '(sleep 0.5; "$1" dup 99 >"$2") & exit 0' sh "$TRY_SYSCALL" "$marker"
	[ "$(cat "$marker")" = "errno 122 EDQUOT" ]
	[[ "$stderr" == *"(try-syscall) blocked: dup(99)"* ]]
}

@test "without --report sjail still execs in place" {
	run -0 bash -c '"$1" -p "$2" -t errno -- sh -c "echo \$\$" & echo $!; wait' _ "$SJAIL" "$REPORT"
	[ "${lines[0]}" = "${lines[1]}" ]
}

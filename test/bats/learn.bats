#!/usr/bin/env bats
# sjail learn: run a command with every call sent to sjail and let through,
# then write the allowlist that lets that run through.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	OUT="$BATS_TEST_TMPDIR/learned.json"
	MARKER="$BATS_TEST_TMPDIR/marker"
}

PY=/usr/bin/python3

# The "syscall" names of a profile, in file order.
names() {
	grep -o '"syscall": "[a-z0-9_]*"' "$1" | cut -d'"' -f4
}

# The comment of the (first) rule of syscall NAME in FILE.
comment_of() {
	grep "\"syscall\": \"$2\"" "$1" | head -n 1 | sed 's/.*"comment": "\([^"]*\)".*/\1/'
}

@test "learn try-syscall: the profile lets the run through and refuses what it did not use" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
	[[ "$stderr" =~ ^"sjail: learn: "[0-9]+" syscalls ("[0-9]+" calls) written to $OUT as filter 'main'"$ ]]
	run -0 --separate-stderr "$SJAIL" check -p "$OUT"
	[[ "$output" == "main: "* ]]
	# the same run under the learned profile
	run -0 --separate-stderr "$SJAIL" -p "$OUT" -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
	[ -z "$stderr" ]
	# dup3 was not used: the mismatch action, errno EPERM
	run -0 --separate-stderr "$SJAIL" -p "$OUT" -- "$TRY_SYSCALL" dup3 99 98 0
	[ "$output" = "errno 1 EPERM" ]
}

@test "the profile: filter main, errno 1 on mismatch, rules sorted by name, call counts" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- "$TRY_SYSCALL" dup 99
	[ "$(sed -n 2,4p "$OUT")" = $'\t"main": {\n\t\t"mismatch_action": { "errno": 1 },\n\t\t"match_action": "allow",' ]
	[ "$(names "$OUT")" = "$(names "$OUT" | LC_ALL=C sort)" ]
	[ "$(names "$OUT" | sort | uniq -d)" = "" ]
	[ "$(comment_of "$OUT" dup)" = "1 call" ]
	[ "$(comment_of "$OUT" exit_group)" = "1 call" ]
	[ "$(comment_of "$OUT" execve)" = "1 call, sjail's exec of COMMAND included" ]
	# the exact rule line
	grep -qxF $'\t\t\t{ "syscall": "dup", "comment": "1 call" },' "$OUT"
}

@test "-t names the filter" {
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -t web_server -- true
	run -0 --separate-stderr "$SJAIL" check -p "$OUT"
	[[ "$output" == "web_server: "* ]]
}

@test "fork and exec: the filter follows the command's children" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- sh -c '"$1" dup 99; "$1" dup 98; "$1" fchdir 99' sh "$TRY_SYSCALL"
	[ "${lines[0]}" = "errno 9 EBADF" ]
	[ "$(comment_of "$OUT" dup)" = "2 calls" ]
	[ "$(comment_of "$OUT" fchdir)" = "1 call" ]
	# sh's own exec and three of try-syscall
	[ "$(comment_of "$OUT" execve)" = "4 calls, sjail's exec of COMMAND included" ]
	run -0 --separate-stderr "$SJAIL" -p "$OUT" -- sh -c '"$1" dup 99; "$1" dup 98; "$1" fchdir 99' sh "$TRY_SYSCALL"
	[ "${lines[2]}" = "errno 9 EBADF" ]
}

@test "threads: a call made only by a second thread is learned" {
	skip_unless_x86_64
	[ -x "$PY" ] || skip "no $PY"
	# NOTE: getsid(0) is 0 where the session leader is outside the PID
	# namespace (or is the kernel, as for CI runners started by a bare init)
	local prog='import os, threading
t = threading.Thread(target=lambda: print(os.getsid(0) >= 0))
t.start(); t.join()'
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- "$PY" -c "$prog"
	[ "$output" = True ]
	[ "$(comment_of "$OUT" getsid)" = "1 call" ]
	grep -q '"syscall": "clone3"' "$OUT"
	run -0 --separate-stderr "$SJAIL" -p "$OUT" -- "$PY" -c "$prog"
	[ "$output" = True ]
	# and without getsid in the profile, the thread's call fails
	grep -v '"syscall": "getsid"' "$OUT" >"$BATS_TEST_TMPDIR/no-getsid.json"
	run -0 --separate-stderr "$SJAIL" -p "$BATS_TEST_TMPDIR/no-getsid.json" -- "$PY" -c "$prog"
	[ -z "$output" ]
	[[ "$stderr" == *"PermissionError: [Errno 1] Operation not permitted"* ]]
}

@test "a real program: ls learns, runs under its profile, and mkdir is refused under it" {
	skip_unless_x86_64
	mkdir -p "$BATS_TEST_TMPDIR/data/sub"
	echo hi >"$BATS_TEST_TMPDIR/data/a.txt"
	local want
	want=$(ls -l "$BATS_TEST_TMPDIR/data")
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- ls -l "$BATS_TEST_TMPDIR/data"
	[ "$output" = "$want" ]
	run -0 --separate-stderr "$SJAIL" -p "$OUT" -- ls -l "$BATS_TEST_TMPDIR/data"
	[ "$output" = "$want" ]
	[ -z "$stderr" ]
	! grep -q '"syscall": "mkdir' "$OUT"
	run -1 --separate-stderr "$SJAIL" -p "$OUT" -- mkdir "$BATS_TEST_TMPDIR/data/new"
	[[ "$stderr" == *"Operation not permitted" ]]
	[ ! -e "$BATS_TEST_TMPDIR/data/new" ]
}

@test "--args: one rule per ioctl request and socket family seen, and nothing else passes" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" learn --args -o "$OUT" -- sh -c '"$1" ioctl 99 0x5401; "$1" socket 2 99 0' sh "$TRY_SYSCALL"
	grep -qxF $'\t\t\t{ "syscall": "ioctl", "args": [ { "index": 1, "type": "dword", "op": "eq", "val": 21505 } ], "comment": "TCGETS, 1 call" },' "$OUT"
	grep -qF '{ "syscall": "socket", "args": [ { "index": 0, "type": "dword", "op": "eq", "val": 2 } ], "comment": "AF_INET, 1 call" }' "$OUT"
	expect_calls "$OUT" <<-'EOF'
	ioctl,99,0x5401	errno 9 EBADF
	ioctl,99,0x5413	errno 1 EPERM
	socket,2,99,0	errno 22 EINVAL
	socket,10,99,0	errno 1 EPERM
	EOF
}

@test "without --args: one unconditional rule per syscall" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- "$TRY_SYSCALL" ioctl 99 0x5401
	grep -qxF $'\t\t\t{ "syscall": "ioctl", "comment": "1 call" },' "$OUT"
}

@test "exit status passes through, and the profile is written" {
	run -7 --separate-stderr "$SJAIL" learn -o "$OUT" -- sh -c 'exit 7'
	[ -s "$OUT" ]
	run -143 --separate-stderr "$SJAIL" learn -o "$OUT.2" -- sh -c 'kill -TERM $$'
	grep -q '"syscall": "kill"' "$OUT.2"
}

@test "SIGTERM to sjail goes to the command; sjail then writes the profile" {
	# the marker comes after one sleep: the shell has waited (wait4) for a child by then
	"$SJAIL" learn -o "$OUT" -- sh -c 'sleep 0; echo up >"$1"; while :; do sleep 0.1; done' sh "$MARKER" 2>/dev/null &
	local pid=$! rc=0
	for _ in $(seq 50); do [ -s "$MARKER" ] && break; sleep 0.1; done
	kill -TERM "$pid"
	wait "$pid" || rc=$?
	[ "$rc" -eq 143 ]
	grep -q '"syscall": "wait4"' "$OUT"
}

@test "errors: no -o, -p, an unwritable OUT (nothing runs), a missing command (no file)" {
	run -125 --separate-stderr "$SJAIL" learn -- true
	[ "$stderr" = "sjail: no output given: use -o FILE" ]
	run -125 --separate-stderr "$SJAIL" learn -p x.json -o "$OUT" -- true
	[ "$stderr" = "sjail: option '-p' is not for 'sjail learn': it writes a profile (-o OUT)" ]
	run -125 --separate-stderr "$SJAIL" learn -o "$BATS_TEST_TMPDIR/no/such/dir.json" -- touch "$MARKER"
	[[ "$stderr" == "sjail: $BATS_TEST_TMPDIR/no/such/dir.json: cannot create: No such file or directory" ]]
	[ ! -e "$MARKER" ]
	# a directory is found out before COMMAND runs, not when the rename fails after it
	run -125 --separate-stderr "$SJAIL" learn -o "$BATS_TEST_TMPDIR" -- touch "$MARKER"
	[ "$stderr" = "sjail: $BATS_TEST_TMPDIR: cannot write: Is a directory" ]
	[ ! -e "$MARKER" ]
	mkdir "$BATS_TEST_TMPDIR/out"
	run -127 --separate-stderr "$SJAIL" learn -o "$BATS_TEST_TMPDIR/out/p.json" -- no-such-command-sjail
	[ "$stderr" = "sjail: 'no-such-command-sjail': command not found" ]
	# not even the temporary file is left
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/out")" ]
	run -125 --separate-stderr "$SJAIL" --args -p x.json -- true
	[ "$stderr" = "sjail: option '--args' is for 'sjail learn' only" ]
}

@test "learn inside learn: the kernel allows one listener; the inner sjail says so (125)" {
	run -125 --separate-stderr "$SJAIL" learn -o "$OUT" -- "$SJAIL" learn -o "$OUT.inner" -- true
	[[ "$stderr" == *"sjail: the kernel refused the filter: this process runs under a filter with a listener already"* ]]
	[ ! -e "$OUT.inner" ]
}

@test "the learned command holds no fd of sjail's (not the listener)" {
	local without
	without=$(sh -c 'ls /proc/$$/fd')
	run -0 --separate-stderr "$SJAIL" learn -o "$OUT" -- sh -c 'ls /proc/$$/fd'
	[ "$output" = "$without" ]
}

#!/usr/bin/env bats
# Filters on the real kernel. try-syscall makes one call with a bad fd, so an
# allowed call fails with EBADF and a filtered one with the profile's unusual
# errno (122 EDQUOT): a filter hit cannot pass for a natural failure.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	ACTIONS="$FIXTURES/actions.json"
	ARGS="$FIXTURES/args.json"
	MARKER="$BATS_TEST_TMPDIR/marker"
}

# usage: jailed PROFILE FILTER TRY-SYSCALL-ARGS...  (runs try-syscall under sjail)
jailed() {
	local profile=$1 filter=$2
	shift 2
	"$SJAIL" -p "$profile" -t "$filter" -- "$TRY_SYSCALL" "$@"
}

# ---- actions -----------------------------------------------------------------

@test "try-syscall alone: dup of a bad fd fails with EBADF" {
	run -0 --separate-stderr "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
}

@test "errno action: the program sees the profile's errno" {
	run -0 --separate-stderr jailed "$ACTIONS" errno dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	[ -z "$stderr" ]
	run -0 jailed "$ACTIONS" errno99 dup 99
	[ "$output" = "errno 99 EADDRNOTAVAIL" ]
}

@test "errno action: other calls are untouched" {
	run -0 jailed "$ACTIONS" errno dup3 99 98 0
	[ "$output" = "errno 9 EBADF" ]
	run -0 jailed "$ACTIONS" errno getppid
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
}

@test "kill_process: killed by SIGSYS (status 159), nothing printed" {
	run -159 --separate-stderr jailed "$ACTIONS" kill_process dup 99
	[ -z "$output" ]
	run -0 jailed "$ACTIONS" kill_process dup3 99 98 0
	[ "$output" = "errno 9 EBADF" ]
}

@test "kill_thread: the only thread dies of SIGSYS (159)" {
	run -159 --separate-stderr jailed "$ACTIONS" kill_thread dup 99
	[ -z "$output" ]
}

@test "trap: SIGSYS, not handled, kills (159)" {
	run -159 --separate-stderr jailed "$ACTIONS" trap dup 99
	[ -z "$output" ]
}

@test "log: the call is allowed" {
	run -0 jailed "$ACTIONS" log dup 99
	[ "$output" = "errno 9 EBADF" ]
}

@test "trace with no tracer: the kernel fails the call with ENOSYS" {
	run -0 jailed "$ACTIONS" trace dup 99
	[ "$output" = "errno 38 ENOSYS" ]
}

@test "user_notif with no listener: the kernel fails the call with ENOSYS" {
	run -0 jailed "$ACTIONS" user_notif dup 99
	[ "$output" = "errno 38 ENOSYS" ]
}

@test "an allowlist: calls outside it get the mismatch errno" {
	skip_unless_x86_64
	run -0 --separate-stderr jailed "$ACTIONS" inverted dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	run -0 jailed "$ACTIONS" inverted read 99 0 0
	[ "$output" = "errno 9 EBADF" ]
}

# ---- argument rules ----------------------------------------------------------

@test "dword eq: compares the low 32 bits only" {
	expect_calls "$ARGS" dword <<-'EOF'
	dup,505	errno 122 EDQUOT
	dup,0x1000001f9	errno 122 EDQUOT
	dup,506	errno 9 EBADF
	EOF
}

@test "qword eq: compares all 64 bits" {
	expect_calls "$ARGS" qword <<-'EOF'
	dup,505	errno 122 EDQUOT
	dup,0x1000001f9	errno 9 EBADF
	dup,0x2000001f9	errno 9 EBADF
	EOF
}

@test "qword ne: a difference in the high half counts" {
	expect_calls "$ARGS" qword <<-'EOF'
	fchdir,600	errno 9 EBADF
	fchdir,0x100000258	errno 122 EDQUOT
	fchdir,601	errno 122 EDQUOT
	EOF
}

@test "masked_eq: (arg & mask) == val" {
	expect_calls "$ARGS" masked <<-'EOF'
	dup,0x50	errno 122 EDQUOT
	dup,0x15f	errno 122 EDQUOT
	dup,0x100000155	errno 122 EDQUOT
	dup,0x165	errno 9 EBADF
	dup,0x4f	errno 9 EBADF
	EOF
}

@test "lt, le, gt, ge" {
	expect_calls "$ARGS" ops <<-'EOF'
	fsync,599	errno 122 EDQUOT
	fsync,600	errno 9 EBADF
	fdatasync,600	errno 122 EDQUOT
	fdatasync,601	errno 9 EBADF
	syncfs,601	errno 122 EDQUOT
	syncfs,600	errno 9 EBADF
	fchdir,600	errno 122 EDQUOT
	fchdir,599	errno 9 EBADF
	EOF
}

@test "the args of a rule are AND-ed" {
	expect_calls "$ARGS" ops <<-'EOF'
	dup2,700,750	errno 122 EDQUOT
	dup2,700,850	errno 9 EBADF
	dup2,701,750	errno 9 EBADF
	EOF
}

@test "the rules of a syscall are OR-ed; an unconditional rule wins" {
	# dup: an unconditional rule between two conditional ones;
	# dup3: two conditional rules
	expect_calls "$ARGS" mixed <<-'EOF'
	dup,99	errno 122 EDQUOT
	dup,505	errno 122 EDQUOT
	dup3,505,999,0	errno 122 EDQUOT
	dup3,506,999,0	errno 122 EDQUOT
	dup3,507,999,0	errno 9 EBADF
	EOF
}

# ---- the jailed process ------------------------------------------------------

@test "the jailed command has NoNewPrivs: 1 and Seccomp: 2" {
	run -0 --separate-stderr "$SJAIL" -p "$ACTIONS" -t errno -- grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status
	[ "${lines[0]}" = $'NoNewPrivs:\t1' ]
	[ "${lines[1]}" = $'Seccomp:\t2' ]
}

@test "sjail execs the command: same pid, it does not wait" {
	run -0 bash -c '"$1" -p "$2" -t errno -- sh -c "echo \$\$" & echo $!; wait' _ "$SJAIL" "$ACTIONS"
	[ "${#lines[@]}" -eq 2 ]
	[ "${lines[0]}" = "${lines[1]}" ]
}

@test "no fd leaks into the command" {
	# fds bats itself has open are inherited either way; sjail adds none
	local without
	without=$(sh -c 'ls /proc/$$/fd')
	run -0 --separate-stderr "$SJAIL" -p "$ACTIONS" -t errno -- sh -c 'ls /proc/$$/fd'
	[ "$output" = "$without" ]
}

@test "unprivileged (setpriv to nobody): no_new_privs is set and the filter works" {
	skip_unless_root
	# The checkout may sit under a directory nobody cannot enter (CI clones
	# anywhere): run copies from a world-readable temporary directory.
	local dir
	dir=$(mktemp -d)
	chmod 755 "$dir"
	cp "$SJAIL" "$TRY_SYSCALL" "$ACTIONS" "$dir/"
	chmod 644 "$dir/$(basename "$ACTIONS")"
	local sjail="$dir/$(basename "$SJAIL")" try="$dir/$(basename "$TRY_SYSCALL")"
	local profile="$dir/$(basename "$ACTIONS")"
	run -0 --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$sjail" -p "$profile" -t errno -- "$try" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	run -0 --separate-stderr setpriv --reuid=65534 --regid=65534 --clear-groups \
		"$sjail" -p "$profile" -t errno -- sh -c 'id -u; grep -E "^(NoNewPrivs|Seccomp):" /proc/self/status'
	[ "${lines[0]}" = 65534 ]
	[ "${lines[1]}" = $'NoNewPrivs:\t1' ]
	[ "${lines[2]}" = $'Seccomp:\t2' ]
	rm -rf "$dir"
}

# ---- other ABIs (libseccomp's x32 and arch checks) ---------------------------

@test "x32 door: an x32 call is killed under an allow-by-default filter" {
	skip_unless_x86_64
	# without a filter: ENOSYS (x32 ABI off in the kernel) or a pid
	run -0 "$TRY_SYSCALL" --x32 getpid
	[[ "$output" == "errno 38 ENOSYS" || "$output" =~ ^"ok "[0-9]+$ ]]
	run -159 --separate-stderr jailed "$ACTIONS" errno --x32 getpid
	[ -z "$output" ]
}

@test "i386 door: an int \$0x80 call is killed under an allow-by-default filter" {
	skip_unless_x86_64
	run "$TRY_SYSCALL" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]] || skip "no IA32 emulation: $output"
	run -159 --separate-stderr jailed "$ACTIONS" errno --i386 20
	[ -z "$output" ]
}

# ---- a filter that blocks sjail's own execve --------------------------------

@test "a denylist that blocks execve: 125, says execve, the command does not run" {
	run -125 --separate-stderr "$SJAIL" -p "$FIXTURES/blocks-execve.json" -t denylist -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *execve* ]]
	[ ! -e "$MARKER" ]
}

@test "an allowlist without execve: 125, says execve, the command does not run" {
	run -125 --separate-stderr "$SJAIL" -p "$FIXTURES/blocks-execve.json" -t allowlist -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *execve* ]]
	[ ! -e "$MARKER" ]
}

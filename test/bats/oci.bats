#!/usr/bin/env bats
# OCI profiles on the real kernel: Docker's default with Docker's default
# capabilities (--caps), real programs under it and what it refuses, the
# ABIs archMap adds, the warnings and --strict, flags, the ENOSYS stub,
# runc's condition splitting, and sjail convert both ways.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	DOCKER="$SHARED_DIR/profiles/docker/default.json"
	OCI="$SRCDIR/test/fixtures/oci"
	MARKER="$BATS_TEST_TMPDIR/marker"
}

# usage: docker COMMAND [ARG...]  (under Docker's default, as Docker resolves it)
docker() {
	"$SJAIL" -p "$DOCKER" --caps "$DOCKER_CAPS" -- "$@"
}

# The three names of Docker's default that no x86 ABI has, one warning each.
docker_warnings() {
	local n name
	for n in "285:5: syscalls[0].names[221]: warning: unknown syscall 'recv'" \
		"297:5: syscalls[0].names[233]: warning: unknown syscall 'riscv_hwprobe'" \
		"329:5: syscalls[0].names[265]: warning: unknown syscall 'send'"; do
		echo "sjail: $DOCKER:$n on x86_64, i386 or x32: left out"
	done
}

# The verdict line of `sjail explain`.
# usage: verdict PROFILE [OPTION...] -- SYSCALL [ARG...]
verdict() {
	local -a opts=()
	while [ "$1" != -- ]; do
		opts+=("$1")
		shift
	done
	shift
	"$SJAIL" explain "${opts[@]}" "$@" 2>/dev/null | sed -n 's/^verdict:  //p'
}

# ---- Docker's default -----------------------------------------------------------

@test "Docker's default: ls, sh -c and python3 -c run under it" {
	skip_unless_x86_64
	run -0 --separate-stderr docker ls /
	[[ "$output" == *bin* ]]
	[ "$stderr" = "$(docker_warnings)" ]
	run -0 --separate-stderr docker sh -c 'echo one; echo two | cat; exit 0'
	[ "$output" = "$(printf 'one\ntwo')" ]
	command -v python3 >/dev/null || skip "no python3"
	run -0 --separate-stderr docker python3 -c 'import os, threading; t = threading.Thread(target=print, args=("thread",)); t.start(); t.join(); print(os.getpid() > 1)'
	[ "$output" = "$(printf 'thread\nTrue')" ]
}

@test "Docker's default: unshare, mount and keyctl fail with EPERM" {
	skip_unless_x86_64
	run -1 --separate-stderr docker unshare --user true
	[[ "$stderr" == *"unshare failed: Operation not permitted"* ]]
	mkdir "$BATS_TEST_TMPDIR/mnt"
	run ! --separate-stderr docker mount -t tmpfs none "$BATS_TEST_TMPDIR/mnt"
	[[ "$stderr" == *"permission denied"* ]]
	! mountpoint -q "$BATS_TEST_TMPDIR/mnt"
	# keyctl(KEYCTL_GET_KEYRING_ID, 0, 0) is EINVAL when let through.
	run -0 "$TRY_SYSCALL" keyctl 0 0 0
	[ "$output" = "errno 22 EINVAL" ]
	run -0 --separate-stderr docker "$TRY_SYSCALL" keyctl 0 0 0
	[ "$output" = "errno 1 EPERM" ]
}

@test "Docker's default: the high half of socket's family gets AF_ALG and AF_VSOCK past it, as check warns" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" check -p "$DOCKER" --caps "$DOCKER_CAPS"
	[ "$stderr" = "$(docker_warnings)
sjail: $DOCKER:471:5: syscalls[4].args[0]: warning: the kernel reads args[0] of 'socket' as 'int family', ignoring its high half, but OCI conditions compare all 64 bits: socket(0x100000028, …) gets allow from this rule, while socket(40, …), the same call to the kernel, gets errno 1 (EPERM); only SCMP_CMP_MASKED_EQ can leave the high half out: one condition per family this rule is for, \"value\": 4294967295 (the mask), \"valueTwo\": the family" ]
	# Above, with Docker's capabilities, the clone and personality rules give
	# nothing; with CAP_SYS_ADMIN too, the entries it selects add nothing.
	run -0 --separate-stderr "$SJAIL" check -p "$DOCKER" --caps "$DOCKER_CAPS,CAP_SYS_ADMIN"
	[ "$(grep -c 'high half' <<<"$stderr")" = 1 ]
	[[ "$stderr" == *"syscalls[4].args[0]: warning: the kernel reads args[0] of 'socket' as 'int family'"* ]]
	[[ "$stderr" != *personality* ]]
	# The rules allow families below 38, 39 and above 40: AF_ALG (38) and
	# AF_VSOCK (40) get EPERM. With a high half, the same call to the kernel
	# passes the filter and gets what it gets without one (SOCK_STREAM): a
	# socket, or the kernel's own error where the family is not built in.
	local family bare
	for family in 38 40; do
		run -0 "$TRY_SYSCALL" socket "$family" 1 0
		bare=$output
		run -0 "$TRY_SYSCALL" socket "$((family + (1 << 32)))" 1 0
		[ "$output" = "$bare" ]
		run -0 --separate-stderr docker "$TRY_SYSCALL" socket "$family" 1 0
		[ "$output" = "errno 1 EPERM" ]
		run -0 --separate-stderr docker "$TRY_SYSCALL" socket "$((family + (1 << 32)))" 1 0
		[ "$output" = "$bare" ]
		[ "$output" != "errno 1 EPERM" ]
	done
}

@test "Docker's default: clone3 gets ENOSYS, and with CAP_SYS_ADMIN it is let through" {
	skip_unless_x86_64
	run -0 "$TRY_SYSCALL" clone3 0 0
	[ "$output" = "errno 22 EINVAL" ]
	run -0 --separate-stderr docker "$TRY_SYSCALL" clone3 0 0
	[ "$output" = "errno 38 ENOSYS" ]
	run -0 --separate-stderr "$SJAIL" -p "$DOCKER" --caps "$DOCKER_CAPS,CAP_SYS_ADMIN" -- "$TRY_SYSCALL" clone3 0 0
	[ "$output" = "errno 22 EINVAL" ]
}

@test "Docker's default: its archMap lets i386 and x32 calls through; a native-only profile kills them" {
	skip_unless_x86_64
	run "$TRY_SYSCALL" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]] || skip "no IA32 emulation: $output"
	run -0 --separate-stderr docker "$TRY_SYSCALL" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
	run -159 --separate-stderr "$SJAIL" -p "$OCI/native-only.json" -- "$TRY_SYSCALL" --i386 20
	[ -z "$output" ]
	# "architectures" with SCMP_ARCH_X86: the rule holds for i386's getpid (20) too.
	run -0 --separate-stderr "$SJAIL" -p "$OCI/with-i386.json" -- "$TRY_SYSCALL" --i386 20
	[ "$output" = "errno 99 EADDRNOTAVAIL" ]
	run -0 "$SJAIL" -p "$OCI/with-i386.json" -- "$TRY_SYSCALL" getpid
	[ "$output" = "errno 99 EADDRNOTAVAIL" ]
	# x32: as without a filter (ENOSYS when the kernel has no x32), or killed.
	run -0 "$TRY_SYSCALL" --x32 getpid
	local bare=$output
	run -0 --separate-stderr docker "$TRY_SYSCALL" --x32 getpid
	[ "${output%% *}" = "${bare%% *}" ]
	run -159 --separate-stderr "$SJAIL" -p "$OCI/native-only.json" -- "$TRY_SYSCALL" --x32 getpid
}

@test "explain --abi: an i386 call under the x86_64 program, as the kernel decides it" {
	skip_unless_x86_64
	run "$TRY_SYSCALL" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]] || skip "no IA32 emulation: $output"
	local file call verdict rule want
	local -a args
	# file|abi call|verdict|rule|kernel: try-syscall's output or exit status
	while IFS='|' read -r file call verdict rule want; do
		read -ra args <<<"$call"
		run -0 --separate-stderr "$SJAIL" explain -p "$file" --caps "$DOCKER_CAPS" --abi "${args[0]}" "${args[1]}"
		if [ "${lines[0]}" != "call:     ${args[1]}(0, 0, 0, 0, 0, 0) on ${args[0]}, under the program for x86_64" ] ||
			[ "${lines[1]}" != "verdict:  $verdict" ] || [ "${lines[2]}" != "rule:     $rule" ]; then
			printf 'explain --abi %s:\n%s\n' "$call" "$output" >&2
			return 1
		fi
		run --separate-stderr "$SJAIL" -p "$file" --caps "$DOCKER_CAPS" -- "$TRY_SYSCALL" --i386 "${args[2]}"
		if [ "$want" = 159 ]; then
			[ "$status" -eq 159 ] || { echo "kernel --i386 ${args[2]}: status $status" >&2; return 1; }
		elif [ "$status" -ne 0 ] || [[ "$output" != $want ]]; then
			echo "kernel --i386 ${args[2]}: status $status, $output, want $want" >&2
			return 1
		fi
	done <<-EOF
	$DOCKER|i386 getpid 20|allow|$DOCKER:62:3: syscalls[0]: getpid, whatever the arguments|ok *
	$DOCKER|i386 unshare 310|errno 1 (EPERM)|none matched: the mismatch action applies|errno 1 EPERM
	$OCI/native-only.json|i386 getpid 20|kill_process|none: calls of architectures the filter does not cover are always killed|159
	EOF
	# an ABI sjail has no table for, and --abi outside explain
	run -125 --separate-stderr "$SJAIL" explain -p "$DOCKER" --abi mips getpid
	[ "$stderr" = "sjail: unknown ABI 'mips' for --abi (expected x86_64, aarch64, riscv64, i386, x32, arm)" ]
	run -125 --separate-stderr "$SJAIL" check -p "$DOCKER" --abi i386
	[ "$stderr" = "sjail: option '--abi' is for 'sjail explain' only" ]
}

@test "check, explain and -t on Docker's default: one filter, 'oci'" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" check -p "$DOCKER" --caps "$DOCKER_CAPS"
	[[ "$output" =~ ^"oci: "[0-9]+" syscalls, "[0-9]+" rules, "[0-9]+" instructions"$ ]]
	run -0 --separate-stderr "$SJAIL" explain -p "$DOCKER" --caps "$DOCKER_CAPS" -t oci clone3
	[ "${lines[1]}" = "verdict:  errno 38 (ENOSYS)" ]
	[[ "${lines[2]}" == "rule:     $DOCKER:"*": syscalls["*"]: clone3, whatever the arguments" ]]
	run -125 --separate-stderr "$SJAIL" check -p "$DOCKER" -t docker
	[ "$stderr" = "sjail: $DOCKER: no filter 'docker' in the profile (it has: oci)" ]
}

@test "Docker's default for arm: ARM's private set_tls, cacheflush and breakpoint are allowed, beside arm64 too" {
	local dir="$BATS_TEST_TMPDIR/out" call
	run -0 --separate-stderr "$SJAIL" explain -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch arm set_tls
	[ "${lines[0]}" = "call:     set_tls(0, 0, 0, 0, 0, 0) on arm" ]
	[ "${lines[1]}" = "verdict:  allow" ]
	[ "${lines[2]}" = "rule:     $DOCKER:555:3: syscalls[11]: set_tls, whatever the arguments" ]
	[[ "$stderr" == *"unknown syscall 'alarm' on arm"* ]]
	[[ "$stderr" != *"'breakpoint'"* && "$stderr" != *"'cacheflush'"* && "$stderr" != *"'set_tls'"* ]]
	# By name and by number (__ARM_NR_BASE 0x0f0000 + 1, 2, 5); the private
	# calls the profile does not name get its default action.
	for call in breakpoint cacheflush 0xf0001 0xf0002 0xf0005; do
		[ "$(verdict -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch arm -- $call)" = allow ] ||
			{ echo "$call" >&2; return 1; }
	done
	for call in get_tls usr26 0xf0000 0xf0007; do
		[ "$(verdict -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch arm -- $call)" = "errno 1 (EPERM)" ] ||
			{ echo "$call" >&2; return 1; }
	done
	# arm beside aarch64: in arm's file, not in aarch64's, allowed there.
	mkdir "$dir"
	run -0 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch aarch64 -o "$dir/a64.json"
	[[ "$stderr" != *"'set_tls'"* && "$stderr" != *"'cacheflush'"* ]]
	grep -q '"syscall": "set_tls"' "$dir/a64.arm.json"
	grep -q '"syscall": "cacheflush"' "$dir/a64.arm.json"
	! grep -q '"syscall": "set_tls"' "$dir/a64.json"
	for call in set_tls cacheflush; do
		[ "$(verdict -p "$dir/a64.arm.json" --arch arm -- $call)" = allow ] ||
			{ echo "$call" >&2; return 1; }
	done
}

# ---- warnings, --strict, --format, --caps, --kernel -----------------------------

@test "an unknown name: a warning and the command runs; with --strict, 125 and nothing runs" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" -p "$OCI/unknown-name.json" -- touch "$MARKER"
	[ "$stderr" = "sjail: $OCI/unknown-name.json:5:24: syscalls[0].names[1]: warning: unknown syscall 'no_such_call' on x86_64: left out" ]
	[ -e "$MARKER" ]
	rm "$MARKER"
	run -125 --separate-stderr "$SJAIL" --strict -p "$OCI/unknown-name.json" -- touch "$MARKER"
	assert_one_sjail_error
	[ "$stderr" = "sjail: $OCI/unknown-name.json:5:24: syscalls[0].names[1]: unknown syscall 'no_such_call' for x86_64" ]
	[ ! -e "$MARKER" ]
	run -125 --separate-stderr "$SJAIL" compile --strict -p "$OCI/unknown-name.json" -o "$BATS_TEST_TMPDIR/x.bpf"
	assert_one_sjail_error
	[ ! -e "$BATS_TEST_TMPDIR/x.bpf" ]
}

@test "--format: forces a format, whatever the keys" {
	run -125 --separate-stderr "$SJAIL" check --format sjail -p "$OCI/native-only.json"
	[ "$stderr" = "sjail: $OCI/native-only.json:2:19: defaultAction: expected a filter object with 'mismatch_action', 'match_action' and 'filter', got 'SCMP_ACT_ALLOW'" ]
	run -125 --separate-stderr "$SJAIL" check --format oci -p "$PROFILES/demo.json"
	assert_one_sjail_error
	[[ "$stderr" == "sjail: $PROFILES/demo.json:"*": unknown key 'demo' (expected 'defaultAction', "* ]]
	run -125 --separate-stderr "$SJAIL" check --format docker -p "$PROFILES/demo.json"
	[ "$stderr" = "sjail: option '--format' takes 'oci' or 'sjail', not 'docker'" ]
}

@test "--caps and --kernel: what they select, and their errors" {
	skip_unless_x86_64
	# ptrace: from kernel 4.8 on, or with CAP_SYS_PTRACE.
	[ "$(verdict -p "$DOCKER" --caps "" --kernel 4.8 -- ptrace)" = "allow" ]
	[ "$(verdict -p "$DOCKER" --caps "" --kernel 4.7 -- ptrace)" = "errno 1 (EPERM)" ]
	[ "$(verdict -p "$DOCKER" --caps CAP_SYS_PTRACE --kernel 4.7 -- ptrace)" = "allow" ]
	run -125 --separate-stderr "$SJAIL" check -p "$DOCKER" --caps CAP_SYS_ADMIN,CAP_FOO
	[ "$stderr" = "sjail: unknown capability 'CAP_FOO' (expected names like CAP_SYS_ADMIN, comma-separated)" ]
	run -125 --separate-stderr "$SJAIL" check -p "$DOCKER" --kernel 6
	[ "$stderr" = "sjail: '6' is not a kernel version: expected X.Y, like 6.1" ]
}

# ---- flags, the ENOSYS stub, runc's splitting ------------------------------------

@test "flags: SECCOMP_FILTER_FLAG_LOG and SPEC_ALLOW reach seccomp(2) (strace)" {
	command -v strace >/dev/null || skip "no strace"
	strace -f -qq -e trace=seccomp -o "$BATS_TEST_TMPDIR/trace" \
		"$SJAIL" -p "$OCI/flags.json" -- "$TRY_SYSCALL" getpid >/dev/null ||
		skip "strace cannot trace here"
	grep -q 'seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG|SECCOMP_FILTER_FLAG_SPEC_ALLOW,' "$BATS_TEST_TMPDIR/trace"
}

@test "--enosys-new: a number past the highest named gets ENOSYS, one below the default" {
	skip_unless_x86_64
	run -0 "$SJAIL" -p "$OCI/allowlist.json" -- "$TRY_SYSCALL" 450
	[ "$output" = "errno 122 EDQUOT" ]
	run -0 "$SJAIL" -p "$OCI/allowlist.json" --enosys-new -- "$TRY_SYSCALL" 450
	[ "$output" = "errno 38 ENOSYS" ]
	run -0 "$SJAIL" -p "$OCI/allowlist.json" --enosys-new -- "$TRY_SYSCALL" getpid
	[ "$output" = "errno 122 EDQUOT" ]
}

@test "runc's reading: conditions on one argument are OR-ed" {
	skip_unless_x86_64
	run -0 "$SJAIL" -p "$OCI/allowlist.json" -- "$TRY_SYSCALL" dup3 99 1 0
	[ "$output" = "errno 9 EBADF" ]
	run -0 "$SJAIL" -p "$OCI/allowlist.json" -- "$TRY_SYSCALL" dup3 98 1 0
	[ "$output" = "errno 9 EBADF" ]
	run -0 "$SJAIL" -p "$OCI/allowlist.json" -- "$TRY_SYSCALL" dup3 97 1 0
	[ "$output" = "errno 122 EDQUOT" ]
}

# ---- sjail convert ----------------------------------------------------------------

@test "convert: OCI to sjail and back, the same program bytes" {
	local f
	for f in native-only allowlist; do
		run -0 --separate-stderr "$SJAIL" compile -p "$OCI/$f.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/$f.oci.bpf"
		run -0 --separate-stderr "$SJAIL" convert -p "$OCI/$f.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/$f.sjail.json"
		run -0 --separate-stderr "$SJAIL" compile -p "$BATS_TEST_TMPDIR/$f.sjail.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/$f.sjail.bpf"
		cmp "$BATS_TEST_TMPDIR/$f.oci.bpf" "$BATS_TEST_TMPDIR/$f.sjail.bpf"
		run -0 --separate-stderr "$SJAIL" convert -p "$BATS_TEST_TMPDIR/$f.sjail.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/$f.back.json"
		[ -z "$stderr" ]
		run -0 --separate-stderr "$SJAIL" compile -p "$BATS_TEST_TMPDIR/$f.back.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/$f.back.bpf"
		cmp "$BATS_TEST_TMPDIR/$f.oci.bpf" "$BATS_TEST_TMPDIR/$f.back.bpf"
	done
}

@test "convert: Docker's default to sjail, what it cannot carry over, and the same x86_64 verdicts" {
	skip_unless_x86_64
	local out="$BATS_TEST_TMPDIR/docker.sjail.json" call
	run -0 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 -o "$out"
	[[ "$stderr" == *"sjail: $DOCKER:1:1: oci: warning: 1 rule has an action other than the match action: written with sjail's per-rule \"action\", which seccompiler does not read"* ]]
	[[ "$stderr" == *"warning: Docker's archMap, includes and excludes were resolved for x86_64, capabilities CAP_CHOWN, "*", kernel 6.1: the output holds what they selected"* ]]
	grep -q '"syscall": "clone3", "action": { "errno": 38 }' "$out"
	run -0 --separate-stderr "$SJAIL" check -p "$out"
	[[ "$output" == "oci: "* ]]
	for call in getpid mount clone3 "clone 0x10000000" "clone 17" "personality 8" \
		"personality 9" "socket 2" "socket 38" "socket 40" "socket 41" keyctl ptrace; do
		[ "$(verdict -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 -- $call)" = "$(verdict -p "$out" -- $call)" ] ||
			{ echo "$call differs" >&2; return 1; }
	done
}

@test "convert: Docker's default is a file per ABI, each named, warned about and compiled for its ABI" {
	local dir="$BATS_TEST_TMPDIR/out" abi
	mkdir "$dir"
	run -0 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch x86_64 -o "$dir/docker.json"
	[ -z "$output" ]
	# Each file's name, then its own warnings: the names no x86 ABI has, the
	# per-rule action, the names of the other ABIs, how Docker's extensions were resolved.
	[ "${#stderr_lines[@]}" -eq 21 ]
	[ "${stderr_lines[0]}" = "sjail: $dir/docker.json: x86_64's calls, for --arch x86_64" ]
	[ "${stderr_lines[1]}" = "sjail: $DOCKER:285:5: syscalls[0].names[221]: warning: unknown syscall 'recv' on x86_64: left out" ]
	[ "${stderr_lines[5]}" = "sjail: $DOCKER:1:1: oci: warning: 62 rules name syscalls that x86_64 has not (they are for i386 and x32): left out" ]
	[ "${stderr_lines[7]}" = "sjail: $dir/docker.i386.json: i386's calls, for --arch i386" ]
	[ "${stderr_lines[8]}" = "sjail: $DOCKER:285:5: syscalls[0].names[221]: warning: unknown syscall 'recv' on i386: left out" ]
	[ "${stderr_lines[12]}" = "sjail: $DOCKER:1:1: oci: warning: 7 rules name syscalls that i386 has not (they are for x86_64 and x32): left out" ]
	[ "${stderr_lines[14]}" = "sjail: $dir/docker.x32.json: x32's calls, for --arch x32" ]
	[ "${stderr_lines[19]}" = "sjail: $DOCKER:1:1: oci: warning: 66 rules name syscalls that x32 has not (they are for x86_64 and i386): left out" ]
	[[ "${stderr_lines[20]}" == "sjail: $DOCKER:1:1: oci: warning: Docker's archMap, includes and excludes were resolved for x86_64, "* ]]
	# Three files and nothing else (no temporary file left beside them).
	[ "$(ls "$dir" | tr '\n' ' ')" = "docker.i386.json docker.json docker.x32.json " ]
	for abi in x86_64 i386 x32; do
		local f="$dir/docker.$abi.json"
		[ "$abi" != x86_64 ] || f="$dir/docker.json"
		run -0 --separate-stderr "$SJAIL" compile -p "$f" --arch "$abi" -o "$BATS_TEST_TMPDIR/$abi.bpf"
		[ -z "$stderr" ]
	done
	# Names of one ABI only are in its file only: socketcall is i386's, arch_prctl not.
	grep -q '"syscall": "socketcall"' "$dir/docker.i386.json"
	! grep -q '"syscall": "socketcall"' "$dir/docker.json"
	! grep -q '"syscall": "arch_prctl"' "$dir/docker.i386.json"
	# aarch64's Docker: OUT without .json gets .arm.json appended.
	run -0 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch aarch64 -o "$dir/a64"
	[ "${stderr_lines[0]}" = "sjail: $dir/a64: aarch64's calls, for --arch aarch64" ]
	[[ "$stderr" == *"sjail: $dir/a64.arm.json: arm's calls, for --arch arm"* ]]
	run -0 --separate-stderr "$SJAIL" compile -p "$dir/a64.arm.json" --arch arm -o "$BATS_TEST_TMPDIR/arm.bpf"
	run -0 --separate-stderr "$SJAIL" compile -p "$dir/a64" --arch aarch64 -o "$BATS_TEST_TMPDIR/a64.bpf"
}

@test "convert -o -: the target's file alone, and a warning that names the others and how to get them" {
	run -0 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch x86_64 -o -
	[[ "$output" == '{'*'"oci": {'* ]]
	[[ "$stderr" == *"sjail: $DOCKER:1:1: oci: warning: the profile covers i386 and x32 as well, and a file in the sjail format holds one ABI: this is x86_64's, and a program compiled from it kills their calls"* ]]
	[ "${stderr_lines[-1]}" = "sjail: warning: only x86_64's file is written to stdout: -o OUT.json writes OUT.json for x86_64 and, beside it, OUT.i386.json and OUT.x32.json" ]
	[[ "$stderr" != *"'s calls, for --arch"* ]]
	# One ABI: nothing about others.
	run -0 --separate-stderr "$SJAIL" convert -p "$OCI/native-only.json" --arch x86_64 -o -
	[[ "$stderr" != *"as well"* && "$stderr" != *"stdout"* ]]
}

@test "convert: a file that cannot be written fails with 125 and leaves every OUT as it was" {
	local dir="$BATS_TEST_TMPDIR/out"
	mkdir "$dir" "$dir/docker.x32.json"
	echo old >"$dir/docker.json"
	run -125 --separate-stderr "$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch x86_64 -o "$dir/docker.json"
	[ "${stderr_lines[-1]}" = "sjail: $dir/docker.x32.json: cannot write: Is a directory" ]
	[ "$(cat "$dir/docker.json")" = old ]
	[ "$(ls "$dir" | tr '\n' ' ')" = "docker.json docker.x32.json " ]
	run -125 --separate-stderr "$SJAIL" convert -p "$DOCKER" --arch x86_64 -o "$dir/none/docker.json"
	[[ "${stderr_lines[-1]}" == "sjail: $dir/none/docker.json: cannot create: No such file or directory" ]]
}

@test "convert: Docker's i386 file on the real kernel: int \$0x80 calls by its rules, x86_64 calls killed" {
	skip_unless_x86_64
	run "$TRY_SYSCALL" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]] || skip "no IA32 emulation: $output"
	local dir="$BATS_TEST_TMPDIR"
	"$SJAIL" convert -p "$DOCKER" --caps "$DOCKER_CAPS" --kernel 6.1 --arch x86_64 -o "$dir/docker.json" 2>/dev/null
	"$SJAIL" compile -p "$dir/docker.i386.json" --arch i386 -o "$dir/i386.bpf"
	# try-syscall installs the program itself and then makes only i386 calls:
	# getpid (20), then its write and exit_group through int $0x80.
	run -0 "$TRY_SYSCALL" --filter "$dir/i386.bpf" --i386 20
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
	# unshare(0) (310): allowed bare, EPERM under Docker's default without CAP_SYS_ADMIN.
	run -0 "$TRY_SYSCALL" --i386 310 0
	[ "$output" = "ok 0" ]
	run -0 "$TRY_SYSCALL" --filter "$dir/i386.bpf" --i386 310 0
	[ "$output" = "errno 1 EPERM" ]
	# An x86_64 call under the i386 program: killed, as is the same call of
	# the x86_64 file's program through int $0x80 when it does not cover i386.
	run -159 "$TRY_SYSCALL" --filter "$dir/i386.bpf" getpid
	[ -z "$output" ]
	"$SJAIL" compile -p "$dir/docker.json" --arch x86_64 -o "$dir/x86_64.bpf"
	run -0 "$TRY_SYSCALL" --filter "$dir/x86_64.bpf" getpid
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
	run -159 "$TRY_SYSCALL" --filter "$dir/x86_64.bpf" --i386 20
}

# A denylist, the worst case for a door: getpid gets EADDRNOTAVAIL, the rest is allowed.
# usage: compile_deny ARCH  (writes $BATS_TEST_TMPDIR/ARCH.bpf)
compile_deny() {
	local f="$BATS_TEST_TMPDIR/deny.json"
	echo '{"deny": {"mismatch_action": "allow", "match_action": {"errno": 99}, "filter": [{"syscall": "getpid"}]}}' >"$f"
	"$SJAIL" compile -p "$f" --arch "$1" -o "$BATS_TEST_TMPDIR/$1.bpf"
}

@test "compile --arch x32 on the real kernel: an x86_64 call is killed, even under a denylist" {
	skip_unless_x86_64
	compile_deny x32
	compile_deny x86_64
	run -0 "$TRY_SYSCALL" --filter "$BATS_TEST_TMPDIR/x86_64.bpf" getppid
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
	# x86_64's getppid, allowed by the x86_64 program, is killed by the x32 one.
	run -159 "$TRY_SYSCALL" --filter "$BATS_TEST_TMPDIR/x32.bpf" getppid
	[ -z "$output" ]
	run -159 "$TRY_SYSCALL" --filter "$BATS_TEST_TMPDIR/x32.bpf" --i386 20
	[ -z "$output" ]
}

@test "compile --arch x32 on the real kernel: x32's calls are decided by the rules (a kernel with x32)" {
	skip_unless_x86_64
	run -0 "$TRY_SYSCALL" --x32 getppid
	[[ "$output" =~ ^"ok "[0-9]+$ ]] || skip "no x32 in this kernel ($output)"
	compile_deny x32
	run -0 "$TRY_SYSCALL" --filter "$BATS_TEST_TMPDIR/x32.bpf" --x32 getppid
	[[ "$output" =~ ^"ok "[0-9]+$ ]]
	run -0 "$TRY_SYSCALL" --filter "$BATS_TEST_TMPDIR/x32.bpf" --x32 getpid
	[ "$output" = "errno 99 EADDRNOTAVAIL" ]
}

@test "convert: coreutils.json to OCI and back in the run: the same verdicts, and it runs" {
	skip_unless_x86_64
	local out="$BATS_TEST_TMPDIR/coreutils.oci.json" nr
	run -0 --separate-stderr "$SJAIL" convert -p "$PROFILES/coreutils.json" -o "$out"
	[ -z "$stderr" ]
	grep -q '"defaultAction": "SCMP_ACT_ERRNO"' "$out"
	for nr in $(seq 0 335); do
		[ "$(verdict -p "$PROFILES/coreutils.json" -- "$nr")" = "$(verdict -p "$out" -- "$nr")" ] ||
			{ echo "syscall $nr differs" >&2; return 1; }
	done
	run -0 --separate-stderr "$SJAIL" -p "$out" -- sh -c 'ls / | grep -c bin'
	[ "$output" -ge 1 ]
}

@test "convert: errors and --to" {
	run -125 --separate-stderr "$SJAIL" convert -p "$DOCKER" --to yaml -o x
	[ "$stderr" = "sjail: option '--to' takes 'oci' or 'sjail', not 'yaml'" ]
	run -125 --separate-stderr "$SJAIL" convert -p "$DOCKER"
	[ "$stderr" = "sjail: no output given: use -o FILE (or -o - for stdout)" ]
	run -0 --separate-stderr "$SJAIL" convert -p "$OCI/native-only.json" --to oci -o -
	[[ "$output" == *'"defaultAction": "SCMP_ACT_ALLOW"'* ]]
	run -125 --separate-stderr "$SJAIL" convert --strict -p "$OCI/unknown-name.json" -o "$BATS_TEST_TMPDIR/x.json"
	assert_one_sjail_error
	[ ! -e "$BATS_TEST_TMPDIR/x.json" ]
}

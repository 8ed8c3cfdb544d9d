#!/usr/bin/env bats
# The operator tools: explain, dump, check's lints, --log, --help, the man
# page, bash completion, `cmake --install`, and the docs' systemd unit and
# container entrypoint.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	FC="$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.json"
	ACTIONS="$FIXTURES/actions.json"
	ARGS="$FIXTURES/args.json"
	TWO="$FIXTURES/two-filters.json"
	BUILD=$(dirname "$SJAIL") # sjail is a top-level target
}

# The subcommands and the long options --help names, one a line.
help_subcommands() {
	"$SJAIL" --help | sed -nE 's/^(usage:)? +sjail ([a-z]+) .*/\2/p' | sort -u
}
help_options() {
	"$SJAIL" --help | grep -oE -- '--[a-z][a-z-]+' | sort -u
}

# ---- explain -----------------------------------------------------------------

@test "explain: Firecracker's vcpu, ioctl(12, KVM_RUN) is allowed by the rule at line 1248" {
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 ioctl 12 0xae80
	[ "${lines[0]}" = "call:     ioctl(12, 0xae80, 0, 0, 0, 0) on x86_64" ]
	[ "${lines[1]}" = "verdict:  allow" ]
	[ "${lines[2]}" = "rule:     $FC:1248:13: vcpu.filter[28]: ioctl if args[1] dword eq 0xae80" ]
	[[ "${lines[3]}" =~ ^"executed: "[0-9]+" BPF instructions"$ ]]
	[ "${#lines[@]}" -eq 4 ]
	[ -z "$stderr" ]
	# The rule is where explain says.
	[ "$(sed -n '1249p;1255p' "$FC" | tr -d ' \n')" = '"syscall":"ioctl","val":44672,' ]
}

@test "explain: a syscall vcpu does not list gets the mismatch action, trap, and no rule" {
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 getpid
	[ "${lines[0]}" = "call:     getpid(0, 0, 0, 0, 0, 0) on x86_64" ]
	[ "${lines[1]}" = "verdict:  trap" ]
	[ "${lines[2]}" = "rule:     none matched: the mismatch action applies" ]
	[[ "${lines[3]}" =~ ^"executed: "[0-9]+" BPF instructions"$ ]]
}

@test "explain: an ioctl request vcpu does not list: trap, no rule" {
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 ioctl 12 0xae81
	[ "${lines[1]}" = "verdict:  trap" ]
	[ "${lines[2]}" = "rule:     none matched: the mismatch action applies" ]
}

@test "explain: numbers, x32 numbers and -1" {
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 16 12 44672
	[ "${lines[0]}" = "call:     ioctl(12, 0xae80, 0, 0, 0, 0) on x86_64" ]
	[ "${lines[1]}" = "verdict:  allow" ]
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 0x40000027
	[ "${lines[0]}" = "call:     0x40000027(0, 0, 0, 0, 0, 0) on x86_64" ]
	[ "${lines[1]}" = "verdict:  kill_process" ]
	[ "${lines[2]}" = "rule:     none: x32 syscall numbers are always killed" ]
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 -- -1
	[ "${lines[1]}" = "verdict:  trap" ]
	[ "${lines[2]}" = 'rule:     none: -1 is a tracer'"'"'s "skip this call", not a syscall: the mismatch action applies' ]
}

@test "explain: --arch i386, x32 and arm, with their own names and doors" {
	local f="$BATS_TEST_TMPDIR/deny.json" arch
	echo '{"deny": {"mismatch_action": "allow", "match_action": {"errno": 1}, "filter": [{"syscall": "mkdir"}]}}' >"$f"
	for arch in i386 x32 arm; do
		run -0 --separate-stderr "$SJAIL" explain --arch "$arch" -p "$f" mkdir
		[ "${lines[0]}" = "call:     mkdir(0, 0, 0, 0, 0, 0) on $arch" ]
		[ "${lines[1]}" = "verdict:  errno 1 (EPERM)" ]
		[[ "${lines[2]}" == "rule:     $f:1:"*": deny.filter[0]: mkdir, whatever the arguments" ]]
	done
	run -0 --separate-stderr "$SJAIL" explain --arch i386 -p "$f" 39
	[ "${lines[0]}" = "call:     mkdir(0, 0, 0, 0, 0, 0) on i386" ]
	# x86_64's mkdir (83) under an x32 denylist: the door is shut.
	run -0 --separate-stderr "$SJAIL" explain --arch x32 -p "$f" 83
	[ "${lines[0]}" = "call:     0x53(0, 0, 0, 0, 0, 0) on x32" ]
	[ "${lines[1]}" = "verdict:  kill_process" ]
	[ "${lines[2]}" = "rule:     none: x86_64 syscall numbers are always killed: the filter covers x32 alone" ]
	run -0 --separate-stderr "$SJAIL" explain --arch x32 -p "$f" 0x40000053
	[ "${lines[0]}" = "call:     mkdir(0, 0, 0, 0, 0, 0) on x32" ]
	[ "${lines[1]}" = "verdict:  errno 1 (EPERM)" ]
}

@test "explain: errno verdicts are named, rule comments are shown" {
	run -0 --separate-stderr "$SJAIL" explain -p "$SRCDIR/profiles/demo.json" --arch x86_64 mkdir
	[ "${lines[1]}" = "verdict:  errno 1 (EPERM)" ]
	run -0 --separate-stderr "$SJAIL" explain -p "$SRCDIR/profiles/demo.json" --arch x86_64 execve
	[ "${lines[1]}" = "verdict:  allow" ]
	[ "${lines[2]}" = "rule:     $SRCDIR/profiles/demo.json:6:4: demo.filter[0]: execve, whatever the arguments" ]
	[ "${lines[3]}" = "comment:  sjail's own execve, then sh running cat, ls and uname" ]
}

@test "explain: 64-bit arguments, dword and qword" {
	run -0 --separate-stderr "$SJAIL" explain -p "$ARGS" -t dword dup 0x1000001f9
	[ "${lines[1]}" = "verdict:  errno 122 (EDQUOT)" ]
	run -0 --separate-stderr "$SJAIL" explain -p "$ARGS" -t qword dup 0x1000001f9
	[ "${lines[0]}" = "call:     dup(0x1000001f9, 0, 0, 0, 0, 0) on $(uname -m)" ]
	[ "${lines[1]}" = "verdict:  allow" ]
	run -0 --separate-stderr "$SJAIL" explain -p "$ARGS" -t qword dup 18446744073709551615
	[ "${lines[0]}" = "call:     dup(0xffffffffffffffff, 0, 0, 0, 0, 0) on $(uname -m)" ]
}

@test "explain agrees with the kernel" {
	local call args want verdict
	# NAME ARGS (explain's and try-syscall's), the verdict explain must give,
	# and what try-syscall must then see in the kernel under the same filter.
	while IFS='|' read -r filter call verdict want; do
		read -ra args <<<"$call"
		run -0 --separate-stderr "$SJAIL" explain -p "$ARGS" -t "$filter" "${args[@]}"
		if [ "${lines[1]}" != "verdict:  $verdict" ]; then
			echo "explain $filter $call: ${lines[1]}, want $verdict" >&2
			return 1
		fi
		run -0 --separate-stderr "$SJAIL" -p "$ARGS" -t "$filter" -- "$TRY_SYSCALL" "${args[@]}"
		if [ "$output" != "$want" ]; then
			echo "kernel $filter $call: $output, want $want" >&2
			return 1
		fi
	done <<-'EOF'
	ops|fsync 599|errno 122 (EDQUOT)|errno 122 EDQUOT
	ops|fsync 600|allow|errno 9 EBADF
	ops|fchdir 600|errno 122 (EDQUOT)|errno 122 EDQUOT
	masked|dup 0x100000155|errno 122 (EDQUOT)|errno 122 EDQUOT
	masked|dup 0x165|allow|errno 9 EBADF
	qword|fchdir 0x100000258|errno 122 (EDQUOT)|errno 122 EDQUOT
	EOF
}

@test "explain --enosys-new: Docker's default, ENOSYS above its highest number and why; the kernel agrees" {
	skip_unless_x86_64
	local docker="$SHARED_DIR/profiles/docker/default.json" call try enosys verdict rule want
	local -a opts args
	# explain's SYSCALL, try-syscall's call, the option or none, explain's
	# verdict and rule lines, and what try-syscall sees in the kernel under
	# the program the same options install. Docker's default names nothing
	# above mseal (462) on x86_64, nor above pwritev2 (548 | x32 bit) on
	# x32, where a new call's number (464) is below the compat ones.
	while IFS='|' read -r call try enosys verdict rule want; do
		opts=(-p "$docker" --caps "$DOCKER_CAPS" ${enosys:+"$enosys"})
		read -ra args <<<"$try"
		run -0 --separate-stderr "$SJAIL" explain "${opts[@]}" --arch x86_64 "$call"
		if [ "${lines[1]}" != "verdict:  $verdict" ] || [ "${lines[2]}" != "rule:     $rule" ]; then
			printf 'explain %s %s:\n%s\n' "$enosys" "$call" "$output" >&2
			return 1
		fi
		run -0 --separate-stderr "$SJAIL" "${opts[@]}" -- "$TRY_SYSCALL" "${args[@]}"
		if [ "$output" != "$want" ]; then
			echo "kernel $enosys $try: $output, want $want" >&2
			return 1
		fi
	done <<-'EOF'
	463|463|--enosys-new|errno 38 (ENOSYS)|none matched; --enosys-new: 463 is above the highest number the filter names on x86_64 (462, mseal): ENOSYS|errno 38 ENOSYS
	463|463||errno 1 (EPERM)|none matched: the mismatch action applies|errno 1 EPERM
	0x3fffffff|1073741823|--enosys-new|errno 38 (ENOSYS)|none matched; --enosys-new: 0x3fffffff is above the highest number the filter names on x86_64 (462, mseal): ENOSYS|errno 38 ENOSYS
	mount|mount|--enosys-new|errno 1 (EPERM)|none matched: the mismatch action applies; --enosys-new: mount (165) is not above the highest number the filter names on x86_64 (462, mseal)|errno 1 EPERM
	0x40000224|--x32 548|--enosys-new|errno 38 (ENOSYS)|none matched; --enosys-new: 0x40000224 is above the highest number the filter names on x32 (0x40000223, pwritev2): ENOSYS|errno 38 ENOSYS
	0x400001d0|--x32 464|--enosys-new|errno 1 (EPERM)|none matched: the mismatch action applies; --enosys-new: 0x400001d0 is not above the highest number the filter names on x32 (0x40000223, pwritev2)|errno 1 EPERM
	EOF

	# A number the profile names gets its rule, --enosys-new or not.
	run -0 --separate-stderr "$SJAIL" explain -p "$docker" --caps "$DOCKER_CAPS" --arch x86_64 --enosys-new fchdir 600
	[ "${lines[1]}" = "verdict:  allow" ]
	[ "${lines[2]}" = "rule:     $docker:62:3: syscalls[0]: fchdir, whatever the arguments" ]
	run -0 --separate-stderr "$SJAIL" -p "$docker" --caps "$DOCKER_CAPS" --enosys-new -- "$TRY_SYSCALL" fchdir 600
	[ "$output" = "errno 9 EBADF" ]
}

@test "explain --weights: the count of the weighted program, the same verdict and rule" {
	local trace="$BATS_TEST_TMPDIR/futex.tsv" plain weighted
	local -a before
	printf 'futex\t1000000\n' >"$trace"
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vmm --arch x86_64 futex
	before=("${lines[@]}")
	run -0 --separate-stderr "$SJAIL" explain -p "$FC" -t vmm --arch x86_64 --weights "$trace" futex
	# Verdict, rule and comment; then the count.
	[ "${#lines[@]}" -eq 5 ]
	[ "${lines[*]:0:4}" = "${before[*]:0:4}" ]
	[ "${lines[1]}" = "verdict:  allow" ]
	# The count is the weighted program's: fewer instructions for the call the trace favours.
	[[ "${before[4]}" =~ ^"executed: "([0-9]+)" BPF instructions"$ ]]
	plain=${BASH_REMATCH[1]}
	[[ "${lines[4]}" =~ ^"executed: "([0-9]+)" BPF instructions"$ ]]
	weighted=${BASH_REMATCH[1]}
	((weighted < plain))
}

@test "explain: usage and input errors are one line and 125" {
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 opne
	[ "$stderr" = "sjail: unknown syscall 'opne' for x86_64 (did you mean 'open'?)" ]
	[ -z "$output" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch aarch64 open
	[ "$stderr" = "sjail: syscall 'open' does not exist on aarch64 (it exists on x86_64)" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 ioctl 12 KVM_RUN
	[ "$stderr" = "sjail: argument 2 'KVM_RUN' is not a number (decimal or 0x hex, at most 64 bits)" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 ioctl 0x10000000000000000
	[ "$stderr" = "sjail: argument 1 '0x10000000000000000' is not a number (decimal or 0x hex, at most 64 bits)" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu --arch x86_64 read 1 2 3 4 5 6 7
	[ "$stderr" = "sjail: too many arguments: a syscall has at most 6" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" --arch x86_64 read
	assert_one_sjail_error
	[[ "$stderr" == *"vmm"*"api"*"vcpu"* ]]
	run -125 --separate-stderr "$SJAIL" explain -p "$FC" -t vcpu
	[ "$stderr" = "sjail: no syscall given: sjail explain -p FILE SYSCALL [ARG...]" ]
}

@test "explain: a profile that does not compile for the arch: the compiler's message" {
	run -125 --separate-stderr "$SJAIL" explain -p "$FIXTURES/x86-only.json" --arch aarch64 read
	assert_one_sjail_error
	[[ "$stderr" == *"syscall 'open' does not exist on aarch64 (it exists on x86_64)" ]]
}

# ---- dump --------------------------------------------------------------------

# A change to the code generator changes this text: check the new program by
# eye, then: sjail dump -p test/fixtures/dump/tiny.json --arch x86_64 >test/fixtures/dump/tiny.x86_64.dump
@test "dump: the golden text of a tiny filter" {
	local fixture="$SRCDIR/test/fixtures/dump/tiny.json"
	run -0 --separate-stderr "$SJAIL" dump -p "$fixture" --arch x86_64
	[ -z "$stderr" ]
	if [ "$output" != "$(cat "$SRCDIR/test/fixtures/dump/tiny.x86_64.dump")" ]; then
		diff -u "$SRCDIR/test/fixtures/dump/tiny.x86_64.dump" <(printf '%s\n' "$output") >&2
		return 1
	fi
}

@test "dump: one line per instruction that check counts, on every arch" {
	local arch k
	run -0 --separate-stderr "$SJAIL" check -p "$FC" -t vcpu --arch x86_64
	k=$(instructions vcpu "$output")
	run -0 --separate-stderr "$SJAIL" dump -p "$FC" -t vcpu --arch x86_64
	[ "${#lines[@]}" -eq "$k" ]
	[ "${lines[0]}" = "0000: ld [arch]" ]
	[[ "${lines[$((k - 1))]}" == "$(printf '%04d' $((k - 1))): ret "* ]]
	for arch in x86_64 aarch64 riscv64 i386 x32 arm; do
		run -0 --separate-stderr "$SJAIL" check -p "$TWO" -t beta --arch "$arch"
		k=$(instructions beta "$output")
		run -0 --separate-stderr "$SJAIL" dump -p "$TWO" -t beta --arch "$arch"
		[ "${#lines[@]}" -eq "$k" ]
		[[ "$output" == *"; $arch"* ]]
	done
}

@test "dump: errors are check's" {
	run -125 --separate-stderr "$SJAIL" dump -p "$FIXTURES/x86-only.json" --arch aarch64
	assert_one_sjail_error
	[ -z "$output" ]
	run -125 --separate-stderr "$SJAIL" dump -p "$FC" -t vcpu extra
	[ "$stderr" = "sjail: unexpected argument 'extra' after the options" ]
}

# ---- check's lints -----------------------------------------------------------

@test "lints: every fixture gives exactly its .expected lines, exit 0, the summary on stdout" {
	local f want failed=0 n=0
	cd "$SRCDIR/test/fixtures"
	for f in lint/*.json; do
		n=$((n + 1))
		want=$(cat "${f%.json}.expected")
		run -0 --separate-stderr "$SJAIL" check -p "$f"
		if [ "$stderr" != "$want" ] || [[ ! "$output" =~ ^"main: "[0-9]+" syscalls" ]]; then
			echo "$f:"
			echo "  got:  $stderr"
			echo "  want: $want"
			failed=1
		fi
	done
	[ "$n" -ge 13 ]
	[ "$failed" = 0 ]
}

@test "lints: the clean fixture has none, each other fixture at least one" {
	cd "$SRCDIR/test/fixtures"
	[ ! -s lint/clean.expected ]
	local f
	for f in lint/*.expected; do
		[ "$f" = lint/clean.expected ] || [ -s "$f" ]
	done
}

@test "lints: the shadowed rule, with its exact line" {
	cd "$SRCDIR/test/fixtures"
	run -0 --separate-stderr "$SJAIL" check -p lint/shadowed.json
	[ "$stderr" = "sjail: lint/shadowed.json:7:4: main.filter[1]: warning: 'ioctl' is also matched whatever its arguments by main.filter[0] (line 6): the conditions of this rule change nothing" ]
}

@test "lints: Firecracker's filters are for threads: they block sjail's execve" {
	run -0 --separate-stderr "$SJAIL" check -p "$FC" --arch x86_64
	[ "${stderr_lines[0]}" = "sjail: $FC:2:5: vmm: warning: the filter blocks 'execve' (trap), but sjail itself calls it to start the command" ]
	[ "${#lines[@]}" -eq 3 ]
	# Its argument rules are all dword: nothing for the high half.
	[ "${#stderr_lines[@]}" -eq 4 ]
	[[ "$stderr" != *"high half"* ]]
}

@test "lints: Docker's profile in sjail's format: the socket rule that the high half gets past, nothing else" {
	local f=$SHARED_DIR/profiles/docker/default.x86_64.sjail.json
	run -0 --separate-stderr "$SJAIL" check -p "$f" --arch x86_64
	[ "$stderr" = "sjail: $f:900:11: container.filter[291].args[0]: warning: the kernel reads args[0] of 'socket' as 'int family', ignoring its high half, but this qword condition compares all 64 bits: socket(0x100000028, …) gets allow from this rule, while socket(40, …), the same call to the kernel, gets errno 1 (EPERM); use \"type\": \"dword\" to compare the low half alone" ]
}

@test "lints: the bundled profiles have none" {
	local f
	for f in "$SRCDIR"/profiles/*.json; do
		run -0 --separate-stderr "$SJAIL" check -p "$f" --arch x86_64
		if [ -n "$stderr" ]; then
			echo "$f: $stderr" >&2
			return 1
		fi
	done
}

# ---- --log -------------------------------------------------------------------

@test "--log: an errno filter and a log filter work the same with it" {
	run -0 --separate-stderr "$SJAIL" --log -p "$ACTIONS" -t errno -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	[ -z "$stderr" ]
	run -0 --separate-stderr "$SJAIL" --log -p "$ACTIONS" -t log -- "$TRY_SYSCALL" dup 99
	[ "$output" = "errno 9 EBADF" ]
	run -159 --separate-stderr "$SJAIL" --log -p "$ACTIONS" -t kill_process -- "$TRY_SYSCALL" dup 99
}

@test "--log: the kernel takes SECCOMP_FILTER_FLAG_LOG" {
	[ -e /proc/sys/kernel/seccomp/actions_logged ] || skip "no /proc/sys/kernel/seccomp/actions_logged"
	# A kernel without the flag refuses the filter: 125 and sjail's message.
	run -0 --separate-stderr "$SJAIL" --log -p "$ACTIONS" -t errno -- "$TRY_SYSCALL" dup3 99 98 0
	[ "$output" = "errno 9 EBADF" ]
	[ -z "$stderr" ]
}

@test "--log: the flag reaches seccomp(2) (strace)" {
	command -v strace >/dev/null || skip "no strace"
	strace -f -qq -e trace=seccomp -o "$BATS_TEST_TMPDIR/with" \
		"$SJAIL" --log -p "$ACTIONS" -t errno -- "$TRY_SYSCALL" dup 99 >/dev/null ||
		skip "strace cannot trace here"
	strace -f -qq -e trace=seccomp -o "$BATS_TEST_TMPDIR/without" \
		"$SJAIL" -p "$ACTIONS" -t errno -- "$TRY_SYSCALL" dup 99 >/dev/null
	grep -q 'seccomp(SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_LOG,' "$BATS_TEST_TMPDIR/with"
	grep -q 'seccomp(SECCOMP_SET_MODE_FILTER, 0,' "$BATS_TEST_TMPDIR/without"
}

@test "--log: an errno verdict is in the kernel log with it, not without" {
	grep -qw errno /proc/sys/kernel/seccomp/actions_logged 2>/dev/null || skip "errno is not logged here"
	dmesg >/dev/null 2>&1 || skip "the kernel log is not readable"
	# A name of our own for comm="...", so only our lines count.
	local with="sjl$$a" without="sjl$$b" tries
	cp "$TRY_SYSCALL" "$BATS_TEST_TMPDIR/$with"
	cp "$TRY_SYSCALL" "$BATS_TEST_TMPDIR/$without"
	run -0 "$SJAIL" -p "$ACTIONS" -t errno -- "$BATS_TEST_TMPDIR/$without" dup 99
	[ "$output" = "errno 122 EDQUOT" ]
	# The kernel's audit printk is rate limited (10 lines a 5 s): try again.
	for tries in 1 2 3; do
		run -0 "$SJAIL" --log -p "$ACTIONS" -t errno -- "$BATS_TEST_TMPDIR/$with" dup 99
		[ "$output" = "errno 122 EDQUOT" ]
		dmesg | grep -q "comm=\"$with\".* code=0x50000" && break
		[ "$tries" = 3 ] && { echo "no line for comm=\"$with\" in dmesg" >&2; return 1; }
		sleep 6
	done
	if dmesg | grep -q "comm=\"$without\""; then
		echo "an errno verdict was logged without --log" >&2
		return 1
	fi
}

@test "--log is for running a command only" {
	run -125 --separate-stderr "$SJAIL" check --log -p "$ACTIONS"
	[ "$stderr" = "sjail: option '--log' is for running a command only" ]
}

# ---- --help ------------------------------------------------------------------

@test "--help: short, at most 80 columns, names every subcommand and option" {
	run -0 --separate-stderr "$SJAIL" --help
	[ "${#lines[@]}" -le 40 ]
	local line word
	for line in "${lines[@]}"; do
		[ "${#line}" -le 80 ]
	done
	for word in compile check explain dump --profile --filter --output --arch --log --help --version \
		125 126 127 'sjail(1)'; do
		[[ "$output" == *"$word"* ]] || { echo "--help lacks $word" >&2; return 1; }
	done
}

@test "--help: every option it names is one sjail takes" {
	local opt
	[[ "$(help_options)" == *--log* ]]
	for opt in $(help_options); do
		run --separate-stderr "$SJAIL" "$opt"
		if [[ "$stderr" == *"unknown option"* ]]; then
			echo "--help names $opt, which sjail refuses" >&2
			return 1
		fi
	done
}

# ---- the man page ------------------------------------------------------------

@test "man page: scdoc built it and man renders it" {
	command -v scdoc >/dev/null || skip "no scdoc"
	command -v man >/dev/null || skip "no man"
	[ -s "$BUILD/docs/sjail.1" ]
	run -0 --separate-stderr env MANWIDTH=80 MAN_KEEP_FORMATTING= man -l "$BUILD/docs/sjail.1"
	[[ "$output" == *"sjail - run a command under a seccomp-bpf filter"* ]]
	[[ "$output" == *"EXIT STATUS"* ]]
	[[ "$output" == *"no_new_privs"* ]]
	[ -z "$stderr" ]
}

@test "man page: the source names every subcommand and long option of --help" {
	local word
	[[ "$(help_subcommands)" == *explain* ]]
	for word in $(help_subcommands) $(help_options); do
		grep -qF -- "*$word*" "$SRCDIR/docs/sjail.1.scd" ||
			{ echo "sjail.1.scd lacks *$word*" >&2; return 1; }
	done
}

# ---- cmake --install -----------------------------------------------------------

@test "cmake --install: the binary, the man page and the completion" {
	command -v cmake >/dev/null || skip "no cmake"
	local prefix="$BATS_TEST_TMPDIR/prefix"
	run -0 cmake --install "$BUILD" --prefix "$prefix"
	[ -x "$prefix/bin/sjail" ]
	[ -s "$prefix/share/bash-completion/completions/sjail" ]
	if command -v scdoc >/dev/null; then
		cmp "$BUILD/docs/sjail.1" "$prefix/share/man/man1/sjail.1"
	fi
	run -0 "$prefix/bin/sjail" --version
}

# ---- bash completion -----------------------------------------------------------

# Runs the completion function as bash would for the words "$@" (the last is
# the one being completed) and prints COMPREPLY one a line, sorted.
complete_words() {
	bash -c '
		source "$1/completion/sjail" || exit 1
		shift
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		COMP_LINE="$*"
		COMP_POINT=${#COMP_LINE}
		_sjail
		printf "%s\n" "${COMPREPLY[@]}" | sort
	' bash "$SRCDIR" "$@"
}

@test "completion: loads and registers _sjail for sjail" {
	run -0 bash -c 'source "$1/completion/sjail" && complete -p sjail' bash "$SRCDIR"
	[ "$output" = "complete -F _sjail sjail" ]
}

@test "completion: subcommands as the first word" {
	local sub
	run -0 complete_words "$SJAIL" ""
	[[ "$output" == *explain* ]]
	for sub in $(help_subcommands); do
		grep -qx "$sub" <<<"$output" || { echo "no $sub in: $output" >&2; return 1; }
	done
	run -0 complete_words "$SJAIL" "ex"
	[ "$output" = "explain" ]
	run -0 complete_words "$SJAIL" "-p" "x.json" "--" "ex"
	[[ "$output" != *explain* ]] # COMMAND there, not a subcommand
}

@test "completion: filter names from the -p profile" {
	run -0 complete_words "$SJAIL" -p "$TWO" -t ""
	[ "$output" = "$(printf '%s\n' alpha beta)" ]
	run -0 complete_words "$SJAIL" explain -p "$FC" --arch x86_64 -t v
	[ "$output" = "$(printf '%s\n' vcpu vmm)" ]
	run -0 complete_words "$SJAIL" check --profile "$TWO" --filter b
	[ "$output" = "beta" ]
	run -0 complete_words "$SJAIL" -p "$BATS_TEST_TMPDIR/none.json" -t ""
	[ -z "$output" ]
}

@test "completion: options for each subcommand, --arch values" {
	run -0 complete_words "$SJAIL" compile -p "$TWO" --o
	[ "$output" = "--output" ]
	run -0 complete_words "$SJAIL" check --
	[[ "$output" == *"--arch"* && "$output" != *"--output"* && "$output" != *"--log"* ]]
	run -0 complete_words "$SJAIL" --l
	[ "$output" = "--log" ]
	# explain takes the options that shape the program, convert does not.
	run -0 complete_words "$SJAIL" explain -p "$TWO" --
	[[ "$output" == *"--enosys-new"* && "$output" == *"--weights"* && "$output" != *"--output"* ]]
	# A trace is an option's value, not explain's SYSCALL or a COMMAND.
	run -0 complete_words "$SJAIL" explain -p "$TWO" --weights t.tsv --e
	[ "$output" = "--enosys-new" ]
	run -0 complete_words "$SJAIL" -p "$TWO" --weights t.tsv --e
	[ "$output" = "--enosys-new" ]
	run -0 complete_words "$SJAIL" convert -p "$TWO" --
	[[ "$output" == *"--to"* && "$output" != *"--enosys-new"* && "$output" != *"--weights"* ]]
	run -0 complete_words "$SJAIL" dump -p "$TWO" --arch ""
	[ "$output" = "$(printf '%s\n' aarch64 amd64 arm arm64 armel armhf i386 i686 riscv64 x32 x86 x86_64)" ]
}

@test "completion: every long option of --help is offered somewhere" {
	local opt
	[[ "$(help_options)" == *--log* ]]
	for opt in $(help_options); do
		grep -qE -- "(^|[ \"])$opt( |\"|$)" "$SRCDIR/completion/sjail" ||
			{ echo "completion/sjail lacks $opt" >&2; return 1; }
	done
}

@test "completion: COMMAND after the options" {
	run -0 complete_words "$SJAIL" -p "$TWO" -- bas
	[[ "$output" == *bash* ]]
	run -0 complete_words "$SJAIL" explain -p "$TWO" read ""
	[ -z "$output" ]
}

# ---- docs: the systemd unit and the container entrypoint -------------------------

@test "docs: systemd-analyze verify accepts the example unit" {
	command -v systemd-analyze >/dev/null || skip "no systemd-analyze"
	local unit="$BATS_TEST_TMPDIR/sjail-web.service"
	# The unit names /usr/bin/sjail; verify wants it to exist.
	sed "s|/usr/bin/sjail|$SJAIL|" "$SRCDIR/docs/examples/sjail-web.service" >"$unit"
	grep -q "^ExecStart=$SJAIL -p " "$unit"
	run -0 systemd-analyze verify "$unit"
	if [[ "$output" == *sjail-web* ]]; then
		echo "$output" >&2
		return 1
	fi
}

@test "docs: the unit's profile is a bundled one, and its filter passes check" {
	local exec profile filter
	exec=$(sed -n 's/^ExecStart=//p' "$SRCDIR/docs/examples/sjail-web.service")
	[[ "$exec" =~ ^"/usr/bin/sjail -p /etc/sjail/"([a-z0-9-]+\.json)" -t "([a-z_]+)" -- /" ]]
	profile=${BASH_REMATCH[1]} filter=${BASH_REMATCH[2]}
	run -0 --separate-stderr "$SJAIL" check -p "$SRCDIR/profiles/$profile" -t "$filter"
	[[ "$output" == "$filter: "* ]]
	[ -z "$stderr" ]
}

@test "docs: systemd.md and containers.md show the example files as they are" {
	local md unit
	md=$(cat "$SRCDIR/docs/systemd.md")
	unit=$(cat "$SRCDIR/docs/examples/sjail-web.service")
	[[ "$md" == *"$unit"* ]]
	md=$(cat "$SRCDIR/docs/containers.md")
	unit=$(cat "$SRCDIR/docs/examples/Containerfile")
	[[ "$md" == *"$unit"* ]]
}

# The exec form of a Containerfile instruction as a bash array (plain strings only).
# usage: exec_form INSTRUCTION FILE
exec_form() {
	sed -n "s/^$1 \[\"\(.*\)\"\]$/\1/p" "$2" | sed 's/", "/\n/g'
}

@test "docs: the container's ENTRYPOINT and CMD run (sjail on the host)" {
	local file="$SRCDIR/docs/examples/Containerfile"
	local -a entry cmd
	mapfile -t entry < <(exec_form ENTRYPOINT "$file" |
		sed "s|^/usr/bin/sjail$|$SJAIL|; s|^/etc/sjail/|$SRCDIR/profiles/|")
	mapfile -t cmd < <(exec_form CMD "$file")
	[ "${#entry[@]}" -eq 4 ]
	[ "${entry[3]}" = "--" ]
	[ "${cmd[0]}" = sh ]
	run -0 --separate-stderr "${entry[@]}" "${cmd[@]}"
	[ "${#lines[@]}" -ge 1 ]
	[[ "${lines[0]}" == /etc/*.conf ]]
	[ -z "$stderr" ]
	# The exit codes containers.md describes.
	run -127 --separate-stderr "${entry[@]}" no-such-program
	[ "$stderr" = "sjail: 'no-such-program': command not found" ]
	run -126 --separate-stderr "${entry[@]}" /etc/passwd
	run -125 --separate-stderr "$SJAIL" -p /etc/sjail/none.json -- "${cmd[@]}"
	assert_one_sjail_error
}

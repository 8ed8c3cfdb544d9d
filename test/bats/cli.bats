#!/usr/bin/env bats
# The command-line contract: options, messages, exit codes, check, compile.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	TWO="$FIXTURES/two-filters.json"
	ACTIONS="$FIXTURES/actions.json"
	MARKER="$BATS_TEST_TMPDIR/marker"
}

# ---- --help, --version, usage errors -----------------------------------------

@test "--help prints the usage on stdout and exits 0" {
	run -0 --separate-stderr "$SJAIL" --help
	[[ "$output" == *"--profile"* ]]
	[[ "$output" == *"compile"* ]]
	[[ "$output" == *"check"* ]]
	[ -z "$stderr" ]
}

@test "--version prints 'sjail 0.1.0'" {
	run -0 --separate-stderr "$SJAIL" --version
	[ "$output" = "sjail 0.1.0" ]
	[ -z "$stderr" ]
}

@test "no command: 125, one message, nothing on stdout" {
	run -125 --separate-stderr "$SJAIL" -p "$TWO" -t alpha
	assert_one_sjail_error
	[ -z "$output" ]
}

@test "no arguments at all: 125" {
	run -125 --separate-stderr "$SJAIL"
	assert_one_sjail_error
}

@test "no -p: 125 and the command does not run" {
	run -125 --separate-stderr "$SJAIL" -- touch "$MARKER"
	assert_one_sjail_error
	[ ! -e "$MARKER" ]
}

@test "unknown option: 125, the message names it" {
	run -125 --separate-stderr "$SJAIL" --bogus -p "$TWO" -t alpha -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *"--bogus"* ]]
	[ ! -e "$MARKER" ]
}

@test "-p without its argument: 125" {
	run -125 --separate-stderr "$SJAIL" -p
	assert_one_sjail_error
}

@test "-t with a name the profile does not have: 125, the message names it" {
	run -125 --separate-stderr "$SJAIL" -p "$TWO" -t nosuchfilter -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *"nosuchfilter"* ]]
	[ ! -e "$MARKER" ]
}

@test "several filters and no -t: 125, the message lists the names" {
	run -125 --separate-stderr "$SJAIL" -p "$TWO" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *"alpha"* ]]
	[[ "$stderr" == *"beta"* ]]
	[ ! -e "$MARKER" ]
}

@test "one filter and no -t: that filter is used" {
	run -0 --separate-stderr "$SJAIL" -p "$FIXTURES/x86-only.json" -- echo ran
	[ "$output" = "ran" ]
	[ -z "$stderr" ]
}

@test "--profile and --filter long options" {
	run -0 --separate-stderr "$SJAIL" --profile "$TWO" --filter alpha -- echo ran
	[ "$output" = "ran" ]
}

@test "options after the command belong to the command" {
	run -0 --separate-stderr "$SJAIL" -p "$TWO" -t alpha echo -p x -t y --help
	[ "$output" = "-p x -t y --help" ]
	[ -z "$stderr" ]
}

# ---- exit codes of the command -----------------------------------------------

@test "the command's exit status and output are its own" {
	run -7 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- sh -c 'echo out; echo err >&2; exit 7'
	[ "$output" = "out" ]
	[ "$stderr" = "err" ]
}

@test "command not found: 127, 'sjail: 'nosuchcmd': command not found'" {
	run -127 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- nosuchcmd arg
	[ "$stderr" = "sjail: 'nosuchcmd': command not found" ]
	[ -z "$output" ]
}

@test "a path that does not exist: 127" {
	run -127 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- /nonexistent/dir/cmd
	assert_one_sjail_error
	[[ "$stderr" == *"/nonexistent/dir/cmd"* ]]
}

@test "a file without execute permission: 126, 'cannot execute: Permission denied'" {
	run -126 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- /etc/passwd
	[ "$stderr" = "sjail: '/etc/passwd': cannot execute: Permission denied" ]
	[ -z "$output" ]
}

@test "a script without execute permission: 126" {
	printf '#!/bin/sh\ntouch "%s"\n' "$MARKER" >"$BATS_TEST_TMPDIR/script"
	chmod 644 "$BATS_TEST_TMPDIR/script"
	run -126 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- "$BATS_TEST_TMPDIR/script"
	[ "$stderr" = "sjail: '$BATS_TEST_TMPDIR/script': cannot execute: Permission denied" ]
	[ ! -e "$MARKER" ]
}

@test "an executable file without #!: 126, not run through /bin/sh as execvp(3) would" {
	printf 'touch "%s"\n' "$MARKER" >"$BATS_TEST_TMPDIR/noshebang"
	chmod 755 "$BATS_TEST_TMPDIR/noshebang"
	run -126 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- "$BATS_TEST_TMPDIR/noshebang"
	[ "$stderr" = "sjail: '$BATS_TEST_TMPDIR/noshebang': cannot execute: Exec format error" ]
	[ ! -e "$MARKER" ]
}

@test "a directory: 126" {
	run -126 --separate-stderr "$SJAIL" -p "$TWO" -t alpha -- "$BATS_TEST_TMPDIR"
	assert_one_sjail_error
	[[ "$stderr" == "sjail: '$BATS_TEST_TMPDIR': cannot execute: "* ]]
}

# ---- profile errors: nothing runs --------------------------------------------

@test "a profile that does not exist: 125, the command does not run" {
	run -125 --separate-stderr "$SJAIL" -p "$BATS_TEST_TMPDIR/nope.json" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" == *"nope.json"* ]]
	[ ! -e "$MARKER" ]
}

@test "a bad action: 125, FILE:LINE:COL: PATH: message, the command does not run" {
	local f="$BATS_TEST_TMPDIR/bad.json"
	cat >"$f" <<-'EOF'
	{
	  "main": {
	    "mismatch_action": "alow",
	    "match_action": "allow",
	    "filter": [ { "syscall": "read" } ]
	  }
	}
	EOF
	run -125 --separate-stderr "$SJAIL" -p "$f" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $f:3:"[0-9]+": main.mismatch_action: " ]]
	[[ "$stderr" == *"alow"* ]]
	[ ! -e "$MARKER" ]
}

@test "a bad comparison op: 125, points at args[0].op" {
	local f="$BATS_TEST_TMPDIR/bad.json"
	cat >"$f" <<-'EOF'
	{
	  "main": {
	    "mismatch_action": "allow",
	    "match_action": "kill_process",
	    "filter": [
	      { "syscall": "read" },
	      { "syscall": "dup",
	        "args": [ { "index": 0, "type": "dword", "op": "equals", "val": 5 } ] }
	    ]
	  }
	}
	EOF
	run -125 --separate-stderr "$SJAIL" -p "$f" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $f:8:"[0-9]+": main.filter[1].args[0].op: " ]]
	[ ! -e "$MARKER" ]
}

@test "an argument index out of range: 125" {
	local f="$BATS_TEST_TMPDIR/bad.json"
	cat >"$f" <<-'EOF'
	{
	  "main": {
	    "mismatch_action": "allow",
	    "match_action": "kill_process",
	    "filter": [
	      { "syscall": "dup", "args": [ { "index": 6, "type": "dword", "op": "eq", "val": 5 } ] }
	    ]
	  }
	}
	EOF
	run -125 --separate-stderr "$SJAIL" -p "$f" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $f:6:"[0-9]+": main.filter[0].args[0].index: " ]]
	[ ! -e "$MARKER" ]
}

@test "a JSON syntax error: 125 with a position" {
	local f="$BATS_TEST_TMPDIR/bad.json"
	printf '{\n  "main": {\n    "mismatch_action": "allow",,\n' >"$f"
	run -125 --separate-stderr "$SJAIL" -p "$f" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $f:3:"[0-9]+": " ]]
	[ ! -e "$MARKER" ]
}

@test "an unknown syscall: 125, 'unknown syscall ... (did you mean ...?)'" {
	skip_unless_x86_64
	local f="$BATS_TEST_TMPDIR/typo.json"
	cat >"$f" <<-'EOF'
	{
	  "web": {
	    "mismatch_action": "allow",
	    "match_action": "kill_process",
	    "filter": [
	      { "syscall": "read" },
	      { "syscall": "opne" }
	    ]
	  }
	}
	EOF
	run -125 --separate-stderr "$SJAIL" -p "$f" -- touch "$MARKER"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $f:7:"[0-9]+": web.filter[1].syscall: unknown syscall 'opne' for x86_64 (did you mean 'open'?)"$ ]]
	[ ! -e "$MARKER" ]
}

# ---- check -------------------------------------------------------------------

@test "check: one line per filter, in file order" {
	run -0 --separate-stderr "$SJAIL" check -p "$TWO"
	[ "${#lines[@]}" -eq 2 ]
	[[ "${lines[0]}" =~ ^"alpha: 2 syscalls, 2 rules, "[0-9]+" instructions"$ ]]
	[[ "${lines[1]}" =~ ^"beta: 2 syscalls, 3 rules, "[0-9]+" instructions"$ ]]
	# Both are denylists: a lint each (operator.bats has the rest), exit 0 all the same.
	[ "${#stderr_lines[@]}" -eq 2 ]
	[[ "${stderr_lines[0]}" == "sjail: $TWO:2:2: alpha: warning: the filter is a denylist "* ]]
	[[ "${stderr_lines[1]}" == "sjail: $TWO:10:2: beta: warning: the filter is a denylist "* ]]
}

@test "check: --arch aarch64, riscv64, i386, x32 and arm" {
	local arch
	for arch in aarch64 riscv64 i386 x32 arm; do
		run -0 --separate-stderr "$SJAIL" check -p "$TWO" --arch "$arch"
		[ "${#lines[@]}" -eq 2 ]
		[[ "${lines[0]}" =~ ^"alpha: 2 syscalls, 2 rules, "[0-9]+" instructions"$ ]]
		[[ "${lines[1]}" =~ ^"beta: 2 syscalls, 3 rules, "[0-9]+" instructions"$ ]]
	done
}

@test "check: Firecracker's current profile" {
	run -0 --separate-stderr "$SJAIL" check -p "$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.json" --arch x86_64
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" =~ ^"vmm: 50 syscalls, 76 rules, "[0-9]+" instructions"$ ]]
	[[ "${lines[1]}" =~ ^"api: 31 syscalls, 36 rules, "[0-9]+" instructions"$ ]]
	[[ "${lines[2]}" =~ ^"vcpu: 27 syscalls, 49 rules, "[0-9]+" instructions"$ ]]
}

@test "check: Firecracker's v1.10.1 profile" {
	run -0 --separate-stderr "$SJAIL" check -p "$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.v1.10.1.json" --arch x86_64
	[ "${#lines[@]}" -eq 3 ]
	[[ "${lines[0]}" =~ ^"vmm: 43 syscalls, 58 rules, "[0-9]+" instructions"$ ]]
	[[ "${lines[1]}" =~ ^"api: 28 syscalls, 34 rules, "[0-9]+" instructions"$ ]]
	[[ "${lines[2]}" =~ ^"vcpu: 22 syscalls, 53 rules, "[0-9]+" instructions"$ ]]
}

@test "check: Docker's default profile in sjail's format" {
	run -0 --separate-stderr "$SJAIL" check -p "$SHARED_DIR/profiles/docker/default.x86_64.sjail.json" --arch x86_64
	[ "${#lines[@]}" -eq 1 ]
	[[ "${lines[0]}" =~ ^"container: 295 syscalls, 301 rules, "[0-9]+" instructions"$ ]]
}

@test "check: a name of another arch fails with 125" {
	run -125 --separate-stderr "$SJAIL" check -p "$FIXTURES/x86-only.json" --arch aarch64
	[[ "${stderr_lines[0]}" == "sjail: "* ]]
	[[ "$stderr" == *"syscall 'open' does not exist on aarch64 (it exists on x86_64)"* ]]
}

@test "check: an unknown --arch fails with 125 and lists the names" {
	run -125 --separate-stderr "$SJAIL" check -p "$TWO" --arch mips
	[ "$stderr" = "sjail: unknown architecture 'mips' (expected x86_64, aarch64, riscv64, i386, x32, arm)" ]
	run -125 --separate-stderr "$SJAIL" compile -p "$TWO" --arch armeb -o "$BATS_TEST_TMPDIR/x.bpf"
	assert_one_sjail_error
	[ ! -e "$BATS_TEST_TMPDIR/x.bpf" ]
}

# ---- compile -----------------------------------------------------------------

@test "compile -o FILE: 8 bytes per instruction that check counts" {
	local name k
	run -0 --separate-stderr "$SJAIL" check -p "$TWO"
	local check_out="$output"
	for name in alpha beta; do
		k=$(instructions "$name" "$check_out")
		run -0 --separate-stderr "$SJAIL" compile -p "$TWO" -t "$name" -o "$BATS_TEST_TMPDIR/$name.bpf"
		[ -z "$output" ]
		[ "$(stat -c %s "$BATS_TEST_TMPDIR/$name.bpf")" -eq $((8 * k)) ]
	done
}

@test "compile -o -: the same bytes on stdout" {
	"$SJAIL" compile -p "$TWO" -t beta -o "$BATS_TEST_TMPDIR/file.bpf"
	"$SJAIL" compile -p "$TWO" -t beta -o - >"$BATS_TEST_TMPDIR/stdout.bpf"
	[ -s "$BATS_TEST_TMPDIR/stdout.bpf" ]
	cmp "$BATS_TEST_TMPDIR/file.bpf" "$BATS_TEST_TMPDIR/stdout.bpf"
}

@test "compile: the program loads the arch first, checks it, and ends in a return" {
	local f="$BATS_TEST_TMPDIR/alpha.bpf" n
	"$SJAIL" compile -p "$TWO" -t alpha --arch x86_64 -o "$f"
	n=$(($(stat -c %s "$f") / 8))
	# ld [4] (BPF_LD|BPF_W|BPF_ABS, offsetof(struct seccomp_data, arch))
	[ "$(insn_code "$f" 0)" = 0020 ]
	[ "$(u32_at "$f" 4)" = 00000004 ]
	# the next instruction compares with AUDIT_ARCH_X86_64
	[ "$(u32_at "$f" 12)" = c000003e ]
	# BPF_RET|BPF_K
	[ "$(insn_code "$f" $((n - 1)))" = 0006 ]
}

@test "compile --arch aarch64, riscv64, i386, x32 and arm: their AUDIT_ARCH, the size check gives" {
	local arch audit k f
	for arch in aarch64:c00000b7 riscv64:c00000f3 i386:40000003 x32:c000003e arm:40000028; do
		audit=${arch#*:}
		arch=${arch%:*}
		f="$BATS_TEST_TMPDIR/$arch.bpf"
		run -0 --separate-stderr "$SJAIL" check -p "$TWO" --arch "$arch"
		k=$(instructions beta "$output")
		run -0 --separate-stderr "$SJAIL" compile -p "$TWO" -t beta --arch "$arch" -o "$f"
		[ "$(stat -c %s "$f")" -eq $((8 * k)) ]
		[ "$(u32_at "$f" 12)" = "$audit" ]
	done
}

@test "compile: the arch aliases amd64, arm64, x86, i686, armhf and armel" {
	local pair
	for pair in x86_64:amd64 aarch64:arm64 i386:x86 i386:i686 arm:armhf arm:armel; do
		"$SJAIL" compile -p "$TWO" -t alpha --arch "${pair%:*}" -o "$BATS_TEST_TMPDIR/a.bpf"
		"$SJAIL" compile -p "$TWO" -t alpha --arch "${pair#*:}" -o "$BATS_TEST_TMPDIR/b.bpf"
		cmp "$BATS_TEST_TMPDIR/a.bpf" "$BATS_TEST_TMPDIR/b.bpf"
	done
	# Different ABIs, different programs.
	"$SJAIL" compile -p "$TWO" -t alpha --arch x32 -o "$BATS_TEST_TMPDIR/c.bpf"
	! cmp -s "$BATS_TEST_TMPDIR/a.bpf" "$BATS_TEST_TMPDIR/c.bpf"
}

@test "compile: a name of another arch is refused, with where it exists" {
	run -125 --separate-stderr "$SJAIL" compile -p "$FIXTURES/x86-only.json" --arch aarch64 -o "$BATS_TEST_TMPDIR/out.bpf"
	assert_one_sjail_error
	[[ "$stderr" =~ ^"sjail: $FIXTURES/x86-only.json:7:"[0-9]+": only.filter[1].syscall: syscall 'open' does not exist on aarch64 (it exists on x86_64)"$ ]]
	[ ! -s "$BATS_TEST_TMPDIR/out.bpf" ]
}

@test "compile: the same profile compiles for x86_64" {
	run -0 --separate-stderr "$SJAIL" compile -p "$FIXTURES/x86-only.json" --arch x86_64 -o "$BATS_TEST_TMPDIR/out.bpf"
	[ -s "$BATS_TEST_TMPDIR/out.bpf" ]
}

@test "compile: several filters and no -t: 125" {
	run -125 --separate-stderr "$SJAIL" compile -p "$TWO" -o "$BATS_TEST_TMPDIR/out.bpf"
	assert_one_sjail_error
	[[ "$stderr" == *"alpha"* && "$stderr" == *"beta"* ]]
}

@test "compile -o: a symlink's target is replaced, not the link; a device or FIFO is written into, not replaced" {
	local d="$BATS_TEST_TMPDIR"
	"$SJAIL" compile -p "$TWO" -t alpha -o "$d/want.bpf"
	: >"$d/target.bpf"
	ln -s target.bpf "$d/link.bpf"
	run -0 --separate-stderr "$SJAIL" compile -p "$TWO" -t alpha -o "$d/link.bpf"
	[ -L "$d/link.bpf" ]
	cmp "$d/want.bpf" "$d/target.bpf"
	# A FIFO stands for /dev/null or /dev/stdout: renaming a file over it would replace it.
	mkfifo "$d/fifo"
	timeout 10 cat "$d/fifo" >"$d/got.bpf" &
	run -0 --separate-stderr timeout 10 "$SJAIL" compile -p "$TWO" -t alpha -o "$d/fifo"
	wait $!
	[ -p "$d/fifo" ]
	cmp "$d/want.bpf" "$d/got.bpf"
	[ -z "$(find "$d" -name '*.XXXXXX' -o -name '*.bpf.*' -o -name 'fifo.*')" ]
}

@test "compile: no -o: 125" {
	run -125 --separate-stderr "$SJAIL" compile -p "$TWO" -t alpha
	assert_one_sjail_error
}

# ---- --weights ---------------------------------------------------------------

@test "--weights: a trace reshapes the program, a bad trace is one error and 125" {
	local fc="$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.json"
	local out
	out=$(mktemp -d)
	run -0 --separate-stderr "$SJAIL" compile -p "$fc" -t vmm --arch x86_64 -o "$out/plain.bpf"
	run -0 --separate-stderr "$SJAIL" compile -p "$fc" -t vmm --arch x86_64 \
		--weights "$SHARED_DIR/workloads/nginx-wrk.tsv" -o "$out/traced.bpf"
	! cmp -s "$out/plain.bpf" "$out/traced.bpf"
	printf 'read\tmany\n' >"$out/bad.tsv"
	run -125 --separate-stderr "$SJAIL" check -p "$fc" --weights "$out/bad.tsv"
	[ "$stderr" = "sjail: $out/bad.tsv:1:6: expected a count, a number 0 or more, after 'read'" ]
	[ -z "$output" ]
	run -125 --separate-stderr "$SJAIL" explain -p "$fc" -t vmm --arch x86_64 --weights "$out/bad.tsv" read
	[ "$stderr" = "sjail: $out/bad.tsv:1:6: expected a count, a number 0 or more, after 'read'" ]
	[ -z "$output" ]
	rm -rf "$out"
}

@test "explain takes --enosys-new and --weights; convert refuses both, saying why; learn --weights" {
	local demo="$SRCDIR/profiles/demo.json"
	run -0 --separate-stderr "$SJAIL" explain -p "$demo" --arch x86_64 --enosys-new \
		--weights "$SHARED_DIR/workloads/sh.tsv" mkdir
	[ "${lines[1]}" = "verdict:  errno 1 (EPERM)" ]
	run -125 --separate-stderr "$SJAIL" convert -p "$demo" --enosys-new -o -
	[ "$stderr" = "sjail: option '--enosys-new' is not for 'convert': neither an OCI nor a sjail profile has a key for it; give it where the converted file is compiled or run" ]
	[ -z "$output" ]
	run -125 --separate-stderr "$SJAIL" convert -p "$demo" --weights "$SHARED_DIR/workloads/sh.tsv" -o -
	[ "$stderr" = "sjail: option '--weights' is not for 'convert': it shapes the compiled program, not what the profile means, and neither format has a key for it; give it where the converted file is compiled or run" ]
	[ -z "$output" ]
	run -125 --separate-stderr "$SJAIL" learn --weights "$SHARED_DIR/workloads/sh.tsv" -o "$BATS_TEST_TMPDIR/l.json" -- true
	[ "$stderr" = "sjail: option '--weights' is not for 'learn'" ]
	[ ! -e "$BATS_TEST_TMPDIR/l.json" ]
}

@test "--weights: a command runs under a trace-weighted filter" {
	run -0 --separate-stderr "$SJAIL" -p "$SRCDIR/profiles/demo.json" \
		--weights "$SHARED_DIR/workloads/sh.tsv" -- sh -c 'echo hello'
	[ "$output" = hello ]
}

#!/usr/bin/env bats
# The shipped profiles (profiles/*.json) and the real-world ones in shared/.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	DOCKER="$SHARED_DIR/profiles/docker/default.x86_64.sjail.json"
	FC="$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.json"
	FC_OLD="$SHARED_DIR/profiles/firecracker/x86_64-unknown-linux-musl.v1.10.1.json"
	DEMO="$PROFILES/demo.json"
	COREUTILS="$PROFILES/coreutils.json"
}

# `check` passes and every filter compiles to 8 bytes per counted instruction.
# usage: check_and_compile PROFILE [--arch ARCH]
check_and_compile() {
	local profile=$1 line name k
	shift
	run -0 --separate-stderr "$SJAIL" check -p "$profile" "$@"
	[ "${#lines[@]}" -ge 1 ]
	local check_lines=("${lines[@]}")
	for line in "${check_lines[@]}"; do
		[[ "$line" =~ ^([A-Za-z0-9_.-]+)": "[0-9]+" syscalls, "[0-9]+" rules, "([0-9]+)" instructions"$ ]]
		name=${BASH_REMATCH[1]}
		k=${BASH_REMATCH[2]}
		[ "$k" -le 4096 ]
		run -0 --separate-stderr "$SJAIL" compile -p "$profile" -t "$name" "$@" -o "$BATS_TEST_TMPDIR/$name.bpf"
		[ "$(stat -c %s "$BATS_TEST_TMPDIR/$name.bpf")" -eq $((8 * k)) ]
	done
	# leave check's output in $output and $lines for the caller
	run -0 --separate-stderr "$SJAIL" check -p "$profile" "$@"
}

# ---- every profile loads and compiles ----------------------------------------

@test "every profiles/*.json passes check and compile" {
	local f n=0
	for f in "$PROFILES"/*.json; do
		check_and_compile "$f"
		n=$((n + 1))
	done
	[ "$n" -ge 2 ]
}

@test "every test/fixtures/good/*.json passes check and compile" {
	skip_unless_x86_64
	local f
	for f in "$FIXTURES"/*.json; do
		check_and_compile "$f"
	done
}

@test "Firecracker's profiles pass check and compile (both files)" {
	check_and_compile "$FC" --arch x86_64
	[ "${#lines[@]}" -eq 3 ]
	check_and_compile "$FC_OLD" --arch x86_64
	[ "${#lines[@]}" -eq 3 ]
}

@test "Docker's default profile passes check and compile" {
	check_and_compile "$DOCKER" --arch x86_64
	[ "${#lines[@]}" -eq 1 ]
}

# ---- Docker's default profile on real programs ------------------------------

@test "docker profile: ls / works" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" -p "$DOCKER" -t container -- ls /
	[[ $'\n'"$output"$'\n' == *$'\n'etc$'\n'* ]]
	[[ $'\n'"$output"$'\n' == *$'\n'proc$'\n'* ]]
	[ -z "$stderr" ]
}

@test "docker profile: unshare -U is refused with EPERM" {
	skip_unless_x86_64
	run unshare -U true
	[ "$status" -eq 0 ] || skip "unshare -U fails here even without a filter"
	run -1 --separate-stderr "$SJAIL" -p "$DOCKER" -t container -- unshare -U true
	[[ "$stderr" == *"Operation not permitted"* ]]
}

# ---- the README demo ---------------------------------------------------------

@test "README demo: hello, then mkdir fails with 'Operation not permitted'" {
	skip_unless_x86_64
	rmdir /tmp/sjail-demo 2>/dev/null || true
	cd "$SRCDIR"
	run -1 --separate-stderr "$SJAIL" -p profiles/demo.json -- sh -c 'echo hello; mkdir /tmp/sjail-demo'
	[ "$output" = hello ]
	[[ "$stderr" == "mkdir: "*"/tmp/sjail-demo"*"Operation not permitted" ]]
	[ ! -e /tmp/sjail-demo ]
}

@test "demo profile: sh, echo, cat, ls and uname run" {
	skip_unless_x86_64
	run -0 --separate-stderr "$SJAIL" -p "$DEMO" -- sh -c 'echo hi; cat /etc/hostname; ls /'
	[ "${lines[0]}" = hi ]
	[ "${lines[1]}" = "$(cat /etc/hostname)" ]
	[[ $'\n'"$output"$'\n' == *$'\n'etc$'\n'* ]]
	[ -z "$stderr" ]
	run -0 --separate-stderr "$SJAIL" -p "$DEMO" -- uname -a
	[ "$output" = "$(uname -a)" ]
	[ -z "$stderr" ]
}

# ---- the coreutils profile ---------------------------------------------------

# A small tree the pipeline works on.
make_tree() {
	mkdir -p "$BATS_TEST_TMPDIR/data/sub"
	printf 'foo one\nbar\n' >"$BATS_TEST_TMPDIR/data/a.txt"
	printf 'foo two\nfoo three\n' >"$BATS_TEST_TMPDIR/data/sub/b.txt"
	printf 'nothing\n' >"$BATS_TEST_TMPDIR/data/c.log"
}

PIPELINE='cd "$1" &&
find . -type f -name "*.txt" | sort | xargs cat | grep foo | sort -r | head -n 2
ls . sub | wc -l
cat c.log a.txt | wc -c
ls -l a.txt | grep -c "a.txt"
for f in *.txt; do echo "glob $f"; done
grep -rn foo . | sort | head -n 1
find . -name "*.log" -print0 | xargs -0 grep -c nothing
seq 1 200000 | sort -rn | head -n 1'

@test "coreutils profile: a shell pipeline gives the right output" {
	skip_unless_x86_64
	make_tree
	mkdir "$BATS_TEST_TMPDIR/tmp"
	run -0 --separate-stderr env TMPDIR="$BATS_TEST_TMPDIR/tmp" \
		"$SJAIL" -p "$COREUTILS" -- sh -c "$PIPELINE" sh "$BATS_TEST_TMPDIR/data"
	[ -z "$stderr" ]
	[ "$output" = "foo two
foo three
7
20
1
glob a.txt
./a.txt:1:foo one
1
200000" ]
	# sort cleaned up its temporary files (unlink is allowed)
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/tmp")" ]
}

@test "coreutils profile: mkdir is refused" {
	skip_unless_x86_64
	run -1 --separate-stderr "$SJAIL" -p "$COREUTILS" -- mkdir "$BATS_TEST_TMPDIR/newdir"
	[[ "$stderr" == *"Operation not permitted" ]]
	[ ! -e "$BATS_TEST_TMPDIR/newdir" ]
}

@test "coreutils profile: no sockets at all" {
	skip_unless_x86_64
	# socket(AF_INET, 99, 0): EINVAL when allowed
	run -0 "$TRY_SYSCALL" socket 2 99 0
	[ "$output" = "errno 22 EINVAL" ]
	expect_calls "$COREUTILS" <<-'EOF'
	socket,2,99,0	errno 1 EPERM
	socket,1,99,0	errno 1 EPERM
	socket,10,99,0	errno 1 EPERM
	EOF
}

@test "coreutils profile: ioctl only TCGETS, TIOCGWINSZ, TIOCGPGRP" {
	skip_unless_x86_64
	expect_calls "$COREUTILS" <<-'EOF'
	ioctl,99,0x5401	errno 9 EBADF
	ioctl,99,0x5413	errno 9 EBADF
	ioctl,99,0x540f	errno 9 EBADF
	ioctl,99,0x100005401	errno 9 EBADF
	ioctl,99,0x541b	errno 1 EPERM
	ioctl,99,0x5412	errno 1 EPERM
	ioctl,99,0x5402	errno 1 EPERM
	EOF
}

@test "coreutils profile: fcntl only the fd-flag and dup commands" {
	skip_unless_x86_64
	expect_calls "$COREUTILS" <<-'EOF'
	fcntl,99,0	errno 9 EBADF
	fcntl,99,1	errno 9 EBADF
	fcntl,99,2	errno 9 EBADF
	fcntl,99,3	errno 9 EBADF
	fcntl,99,1030	errno 9 EBADF
	fcntl,99,4	errno 1 EPERM
	fcntl,99,5	errno 1 EPERM
	fcntl,99,6	errno 1 EPERM
	fcntl,99,8	errno 1 EPERM
	EOF
}

@test "coreutils profile: clone without namespace flags only" {
	skip_unless_x86_64
	# CLONE_THREAD without CLONE_SIGHAND: the kernel says EINVAL, nothing starts
	run -0 "$TRY_SYSCALL" clone 0x10010000
	[ "$output" = "errno 22 EINVAL" ]
	expect_calls "$COREUTILS" <<-'EOF'
	clone,0x10000	errno 22 EINVAL
	clone,0x10010000	errno 1 EPERM
	clone,0x20010000	errno 1 EPERM
	clone,0x40010000	errno 1 EPERM
	clone,0x30000	errno 1 EPERM
	EOF
}

@test "coreutils profile: prlimit64 only reads our own limits" {
	skip_unless_x86_64
	# RLIMIT_NOFILE; a new limit at address 1: EFAULT when allowed
	run -0 "$TRY_SYSCALL" prlimit64 0 7 1 0
	[ "$output" = "errno 14 EFAULT" ]
	expect_calls "$COREUTILS" <<-'EOF'
	prlimit64,0,7,0,0	ok 0
	prlimit64,0,7,1,0	errno 1 EPERM
	prlimit64,1,7,0,0	errno 1 EPERM
	EOF
}

@test "coreutils profile: calls outside it (mkdir, kill, ptrace) get EPERM" {
	skip_unless_x86_64
	expect_calls "$COREUTILS" <<-'EOF'
	mkdir,0	errno 1 EPERM
	kill,999999999,0	errno 1 EPERM
	ptrace,99	errno 1 EPERM
	mount,0,0,0,0,0	errno 1 EPERM
	EOF
}

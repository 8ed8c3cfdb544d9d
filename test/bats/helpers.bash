# helpers.bash - shared by test/bats/*.bats (load with `load helpers`).
#
# CTest passes SJAIL, TRY_SYSCALL, SRCDIR and SHARED_DIR. By hand:
#   SJAIL=build/sjail TRY_SYSCALL=build/test/try-syscall SRCDIR=$PWD \
#   SHARED_DIR=$PWD/../shared bats test/bats

: "${SJAIL:?SJAIL must name the sjail binary}"
: "${TRY_SYSCALL:?TRY_SYSCALL must name the try-syscall helper}"
: "${SRCDIR:?SRCDIR must name the source tree}"
: "${SHARED_DIR:?SHARED_DIR must name the shared/ folder}"

FIXTURES="$SRCDIR/test/fixtures/good"
PROFILES="$SRCDIR/profiles"

# What Docker gives a container (moby's oci/caps/defaults.go): no CAP_SYS_ADMIN.
DOCKER_CAPS=CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,CAP_SETUID,CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,CAP_AUDIT_WRITE

# A command killed by SIGSYS (seccomp kill_*, trap) dumps core, and
# core_pattern may be "core" in the current directory: no core files.
common_setup() {
	ulimit -c 0
}

skip_unless_x86_64() {
	[[ "$(uname -m)" == x86_64 ]] || skip "x86_64 only"
}

skip_unless_root() {
	[[ "$(id -u)" == 0 ]] || skip "needs root"
}

# The K of "NAME: N syscalls, M rules, K instructions" in `sjail check` output.
# usage: instructions NAME CHECK-OUTPUT
instructions() {
	local line
	while IFS= read -r line; do
		if [[ "$line" =~ ^"$1: "[0-9]+" syscalls, "[0-9]+" rules, "([0-9]+)" instructions"$ ]]; then
			echo "${BASH_REMATCH[1]}"
			return 0
		fi
	done <<<"$2"
	return 1
}

# Fails with a readable message unless $stderr is exactly one line starting
# with "sjail: " (the CLI's error contract).
assert_one_sjail_error() {
	if [[ ${#stderr_lines[@]} -ne 1 || "${stderr_lines[0]}" != "sjail: "* ]]; then
		echo "expected one 'sjail: ' line on stderr, got:" >&2
		printf '%s\n' "$stderr" >&2
		return 1
	fi
}

# Runs try-syscall under sjail once per stdin line "NAME,ARG,...<TAB>WANT"
# and fails, naming the call, on the first output that is not WANT.
# usage: expect_calls PROFILE [FILTER] <<-EOF ... EOF
expect_calls() {
	local profile=$1 call want
	local -a filter=() argv
	[ $# -lt 2 ] || filter=(-t "$2")
	while read -r call want; do
		IFS=, read -ra argv <<<"$call"
		run -0 --separate-stderr "$SJAIL" -p "$profile" "${filter[@]}" -- "$TRY_SYSCALL" "${argv[@]}"
		if [ "$output" != "$want" ]; then
			echo "${argv[*]}: got '$output' (stderr '$stderr'), want '$want'" >&2
			return 1
		fi
	done
}

# Bytes OFFSET .. OFFSET+3 of FILE as a little-endian 32-bit hex number.
# usage: u32_at FILE BYTE-OFFSET
u32_at() {
	od -An -tx4 -j "$2" -N4 --endian=little "$1" | tr -d ' '
}

# The 16-bit opcode of instruction i of a raw sock_filter array.
# usage: insn_code FILE INDEX
insn_code() {
	od -An -tx2 -j "$(($2 * 8))" -N2 --endian=little "$1" | tr -d ' '
}

#!/usr/bin/env bats
# The corpus of bad profiles (test/fixtures/bad/): one mistake each. Every
# file gives exactly its .expected line on stderr and exit 125, through
# `check` and through a run, and the command never runs.
bats_require_minimum_version 1.5.0

load helpers

setup() {
	common_setup
	cd "$SRCDIR/test/fixtures"
	MARKER=$(mktemp -u /tmp/sjail-bad-XXXXXX)
}

teardown() {
	rm -f "$MARKER"
}

@test "the corpus is there" {
	local n
	n=$(find bad -name '*.json' | wc -l)
	[ "$n" -ge 30 ]
}

@test "every bad profile: exact message and 125 from check" {
	local f want failed=0
	for f in bad/*.json; do
		want=$(cat "${f%.json}.expected")
		run -125 --separate-stderr "$SJAIL" check -p "$f"
		if [ "$stderr" != "$want" ] || [ -n "$output" ]; then
			echo "$f:"
			echo "  got:  $stderr"
			echo "  want: $want"
			failed=1
		fi
	done
	[ "$failed" = 0 ]
}

@test "every bad profile: exact message and 125 from a run, and nothing runs" {
	local f want failed=0
	for f in bad/*.json; do
		want=$(cat "${f%.json}.expected")
		run -125 --separate-stderr "$SJAIL" -p "$f" -t main_thread -- touch "$MARKER"
		if [ "$stderr" != "$want" ] || [ -e "$MARKER" ]; then
			echo "$f:"
			echo "  got:  $stderr"
			echo "  want: $want"
			failed=1
		fi
	done
	[ "$failed" = 0 ]
}

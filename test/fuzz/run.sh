#!/usr/bin/env bash
# Fuzzes each libFuzzer target for SECONDS, starting from the seeds, and
# fails on the first crash, leak, sanitizer report or broken property.
#
#   test/fuzz/run.sh BUILD_DIR SECONDS
#
# BUILD_DIR is a build configured with -DCMAKE_C_COMPILER=clang
# -DSJAIL_FUZZ=ON. New inputs go to BUILD_DIR/fuzz/NAME; a crashing input
# is written to BUILD_DIR/fuzz/NAME-crash-* and its replay command printed.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 BUILD_DIR SECONDS" >&2
	exit 2
fi
build=$(cd "$1" && pwd)
seconds=$2
src=$(cd "$(dirname "$0")/../.." && pwd)
shared=${SHARED_DIR:-$src/../shared}

seeds=("$src/test/fuzz/corpus" "$src/profiles" "$src/test/fixtures")
[ ! -d "$shared/profiles" ] || seeds+=("$shared/profiles")

status=0
for name in profile compile; do
	target=$build/test/fuzz/fuzz_$name
	if [ ! -x "$target" ]; then
		echo "$target: not built (configure with -DSJAIL_FUZZ=ON)" >&2
		exit 2
	fi
	mkdir -p "$build/fuzz/$name"
	echo "== fuzz_$name for ${seconds}s"
	# The first directory is the one libFuzzer adds new inputs to.
	if ! "$target" -max_total_time="$seconds" -timeout=10 -print_final_stats=1 \
		-dict="$src/test/fuzz/profile.dict" -artifact_prefix="$build/fuzz/$name-" \
		"$build/fuzz/$name" "${seeds[@]}" 2>"$build/fuzz/$name.log"; then
		tail -n 60 "$build/fuzz/$name.log" >&2
		for crash in "$build/fuzz/$name"-*; do
			[ -e "$crash" ] && echo "replay: $target $crash" >&2
		done
		status=1
	else
		grep -E '^(Done|stat::number_of_executed_units|stat::new_units_added)' \
			"$build/fuzz/$name.log" || true
	fi
done
exit "$status"

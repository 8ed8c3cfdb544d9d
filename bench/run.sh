#!/bin/sh
# bench/run.sh - build sjail and its benchmark, then run the benchmark with
# the right paths. Arguments go to sjail-bench (--quick, --no-kernel,
# --dump NAME; see --help). See docs/PERFORMANCE.md.
#
#   SJAIL_BENCH_BUILD  the build directory (default: build-bench at the top
#                      of the repository; it is configured if needed)
#   SJAIL_SHARED_DIR   the shared/ folder (default: ../shared beside the
#                      repository)
#
# Needs what the build needs plus libseccomp-dev (Debian: apt-get install
# libseccomp-dev).
set -eu

src=$(cd "$(dirname "$0")/.." && pwd)
build=${SJAIL_BENCH_BUILD:-$src/build-bench}
shared=${SJAIL_SHARED_DIR:-$src/../shared}

if ! pkg-config --exists libseccomp; then
	echo "bench/run.sh: libseccomp not found by pkg-config (apt-get install libseccomp-dev)" >&2
	exit 1
fi
cmake -S "$src" -B "$build" -DSJAIL_BENCH=ON -DSJAIL_SHARED_DIR="$shared" >/dev/null
cmake --build "$build" -j"$(nproc)" --target sjail sjail-bench >/dev/null
exec "$build/bench/sjail-bench" --shared "$shared" --sjail "$build/sjail" "$@"

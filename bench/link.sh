#!/usr/bin/env bash
# Build holdwait-bench-link and run the whole-program link benchmark at the
# target size (100 units x 1,000 functions, 1,000,000 call edges).
#
#   bench/link.sh [BUILD_DIR] [-- extra holdwait-bench-link options]
#
# BUILD_DIR defaults to build/ (configured with the default preset if it does
# not exist yet). Extra options go to the benchmark, e.g.
#   bench/link.sh build -- --json
#   bench/link.sh build -- --units 10 --engine-timing
# The target from the issue: link + analysis + checks under 10 s and peak
# RSS under 2 GiB on a 2-core machine.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="build"
if [[ $# -gt 0 && "$1" != "--" ]]; then
  BUILD="$1"
  shift
fi
[[ $# -gt 0 && "$1" == "--" ]] && shift
[[ "$BUILD" = /* ]] || BUILD="$ROOT/$BUILD"

if [[ ! -f "$BUILD/build.ninja" && ! -f "$BUILD/Makefile" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo
fi
cmake --build "$BUILD" --target holdwait-bench-link -j 2

echo "== holdwait-bench-link $* (build: $BUILD)" >&2
exec "$BUILD/bench/holdwait-bench-link" "$@"

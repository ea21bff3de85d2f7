#!/usr/bin/env bash
# Builds holdwait and runs every test: lit/FileCheck end-to-end tests, the
# googletest unit tests, the examples against their expected findings, and
# the real Linux 6.12 runs (test/kernel/: run.sh, cross_subsystem.py,
# gcc_database.py; the clang and GCC trees are cached under
# ~/.cache/holdwait, about 1.5 and 2 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --preset default "$@"

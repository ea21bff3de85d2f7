#!/usr/bin/env bash
# Builds holdwait and runs every test: lit/FileCheck end-to-end tests, the
# googletest unit tests, the examples against their expected findings, and
# the real Linux 6.12 run (test/kernel/run.sh; its tree is cached under
# ~/.cache/holdwait, about 1.5 minutes the first time).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh
ctest --preset default "$@"

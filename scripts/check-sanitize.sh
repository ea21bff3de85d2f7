#!/usr/bin/env bash
# Builds holdwait with AddressSanitizer, LeakSanitizer and UBSan (the
# `sanitize` preset, build-sanitize/) and runs the whole test suite under
# them. Fails when a test fails or when any sanitizer wrote a report: the
# reports go to files, because an ASan/LSan exit status alone could be
# mistaken for holdwait's own "findings" status by a test that expects it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cmake --preset sanitize >/dev/null
cmake --build --preset sanitize

reports="$PWD/build-sanitize/sanitizer-reports"
rm -rf "$reports"
mkdir -p "$reports"
export ASAN_OPTIONS="detect_leaks=1:strict_string_checks=1:exitcode=86:log_path=$reports/asan"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:exitcode=87:log_path=$reports/ubsan"
status=0
ctest --preset sanitize || status=$?

if compgen -G "$reports/*" >/dev/null; then
  echo "check-sanitize: sanitizer reports:" >&2
  for f in "$reports"/*; do
    echo "== $f" >&2
    head -60 "$f" >&2
  done
  exit 1
fi
echo "check-sanitize: no sanitizer reports"
exit "$status"

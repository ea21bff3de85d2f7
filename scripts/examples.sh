#!/usr/bin/env bash
# Builds holdwait and runs it over every example in examples/, printing the
# findings. Each example's expected-findings.txt may name extra arguments
# (`# holdwait-args: ...`, e.g. the KVM annotation file).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
for db in examples/*/compile_commands.json; do
  dir=$(dirname "$db")
  args=$(sed -n 's/^# holdwait-args://p' "$dir/expected-findings.txt" 2>/dev/null || true)
  echo "=== ${dir#examples/} ==="
  # shellcheck disable=SC2086 # the args line is a word list
  build/tool/holdwait -p "$dir" $args || [ $? -eq 1 ]
  echo
done

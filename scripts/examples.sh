#!/usr/bin/env bash
# Builds holdwait and runs it over every example in examples/, printing the
# findings. Each expected-findings*.txt file of an example is one run: it may
# name extra arguments (`# holdwait-args: ...`, e.g. the KVM annotation file)
# and the database to use (`# holdwait-database: buggy` for examples whose
# variants have one database each).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/build.sh >/dev/null
for dir in examples/*/; do
  dir=${dir%/}
  for expected in "$dir"/expected-findings*.txt; do
    [ -f "$expected" ] || continue
    args=$(sed -n 's/^# holdwait-args://p' "$expected")
    sub=$(sed -n 's/^# holdwait-database: *//p' "$expected")
    db=$dir${sub:+/$sub}
    echo "=== ${db#examples/}${args:+ ($args )} ==="
    # shellcheck disable=SC2086 # the args line is a word list
    build/tool/holdwait -p "$db" $args || [ $? -eq 1 ]
    echo
  done
done

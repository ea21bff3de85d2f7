#!/usr/bin/env bash
# Builds the libFuzzer targets of fuzz/ (the `fuzz` CMake preset, clang-19,
# ASan + UBSan, into build-fuzz/) and runs each for a while.
#
#   bench/fuzz.sh [-t SECONDS] [-j JOBS] [TARGET...]
#
#   -t SECONDS  run time of each target (default 600, $HOLDWAIT_FUZZ_TIME)
#   -j JOBS     libFuzzer -jobs and -workers (default 1, $HOLDWAIT_FUZZ_JOBS)
#   TARGET      annotation-parser, analyzer (default: both, one after the
#               other)
#
# Each target's corpus is build-fuzz/fuzz-corpus/<target>/, seeded from the
# repository (see seed_* below) and kept between runs; what libFuzzer finds
# (crash-*, leak-*, timeout-*, oom-*, and slow-unit-* for inputs over 1 s)
# goes to build-fuzz/fuzz-artifacts/<target>/, its log to
# build-fuzz/fuzz-logs/<target>.log. Prints executions, rate, coverage and
# corpus size per target; exits 1 if any target crashed, leaked, timed out
# (-timeout, default 30 s of wall time, $HOLDWAIT_FUZZ_TIMEOUT) or ran out
# of memory.
set -euo pipefail
cd "$(dirname "$0")/.."

time=${HOLDWAIT_FUZZ_TIME:-600}
jobs=${HOLDWAIT_FUZZ_JOBS:-1}
timeout=${HOLDWAIT_FUZZ_TIMEOUT:-30}
targets=()
while [ $# -gt 0 ]; do
  case "$1" in
  -t) time=$2; shift 2 ;;
  -j) jobs=$2; shift 2 ;;
  -h | --help) sed -n '2,19p' "$0"; exit 0 ;;
  annotation-parser | analyzer) targets+=("$1"); shift ;;
  *) echo "fuzz.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done
[ ${#targets[@]} -gt 0 ] || targets=(annotation-parser analyzer)

scripts/deps.sh
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target \
  "${targets[@]/#/holdwait-fuzz-}"

build=build-fuzz
root=$PWD

# The annotation parser starts from every profile and test profile in the
# repository, the YAML that lit tests write with printf (the malformed ones
# of cli/annotations.test among them), and every input that once failed.
seed_annotation_parser() {
  local dir=$1 n=0
  for f in annotations/*.yaml $(find test/lit -name '*.yaml' | sort); do
    cp "$f" "$dir/repo-$(echo "$f" | tr / _)"
  done
  grep -rhoE "RUN: printf (-- )?'[^']*' > %t[^ ]*\.yaml" test/lit |
    sed -E "s/^RUN: printf (-- )?'//; s/' > .*//" |
    while IFS= read -r fmt; do
      n=$((n + 1))
      printf -- "$fmt" >"$dir/lit-printf-$n.yaml"
    done
}

# The analyzer starts from the checked-in seeds (generator decisions) and
# every lit test's C source as raw source (first byte 0xf0; the target lets
# them include the lit tests' kernel.h).
seed_analyzer() {
  local dir=$1
  for f in $(find test/lit -name '*.c' | sort); do
    { printf '\360'; cat "$f"; } >"$dir/lit-$(echo "$f" | tr / _)"
  done
}

summary=()
failed=0
for t in "${targets[@]}"; do
  corpus=$build/fuzz-corpus/$t
  artifacts=$build/fuzz-artifacts/$t
  log=$build/fuzz-logs/$t.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  "seed_${t//-/_}" "$corpus"
  for d in fuzz/seeds/$t test/fuzz/regressions/$t; do
    [ -d "$d" ] && cp "$d"/* "$corpus"/ 2>/dev/null || true
  done
  before=$(find "$artifacts" -type f | wc -l)
  echo "[fuzz] $t: ${time}s, $jobs job(s), corpus $(ls "$corpus" | wc -l) file(s)"
  # -close_fd_mask=3: the target's own output (Clang's diagnostics on raw
  # sources) is dropped; libFuzzer's and the sanitizers' reports are not.
  # -report_slow_units=1 keeps every input slower than 1 s (slow-unit-*).
  # With -jobs, libFuzzer runs the jobs as child processes, each logging
  # to fuzz-<n>.log in the working directory: one of the target's own.
  parallel=()
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  work=$build/fuzz-logs/$t.jobs
  rm -rf "$work"
  mkdir -p "$work"
  status=0
  (cd "$work" && exec "$root/$build/fuzz/holdwait-fuzz-$t" "$root/$corpus" \
    -max_total_time="$time" "${parallel[@]}" \
    -timeout="$timeout" -report_slow_units=1 -close_fd_mask=3 \
    -print_final_stats=1 -dict="$root/fuzz/$t.dict" \
    -artifact_prefix="$root/$artifacts/") >"$log" 2>&1 || status=$?
  cat "$work"/fuzz-*.log >>"$log" 2>/dev/null || true
  execs=$(grep -h '^stat::number_of_executed_units' "$log" |
    awk '{s += $2} END {print s + 0}')
  rate=$(grep -h '^stat::average_exec_per_sec' "$log" |
    awk '{s += $2} END {print s + 0}')
  cov=$(grep -hoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  # libFuzzer's corpus (what it kept), and the files on disk (reduced
  # inputs stay there beside the smaller ones that replaced them).
  corp=$(grep -hoE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1)
  size="${corp#corp: } units in memory, $(ls "$corpus" | wc -l) files"
  bad=$(find "$artifacts" -type f \( -name 'crash-*' -o -name 'leak-*' \
    -o -name 'timeout-*' -o -name 'oom-*' -o -name 'deadly-*' \) | wc -l)
  slow=$(find "$artifacts" -type f -name 'slow-unit-*' | wc -l)
  new=$(($(find "$artifacts" -type f | wc -l) - before))
  summary+=("$t: ${time}s, $execs execs ($rate/s), ${cov:-cov: ?}, corpus $size, failing inputs $bad, slow inputs $slow, new artifacts $new, exit $status")
  if [ "$bad" -gt 0 ] || [ "$status" -ne 0 ]; then
    failed=1
    echo "[fuzz] $t failed; see $log and $artifacts/" >&2
    grep -hE '^==[0-9]+==ERROR|SUMMARY:|fuzz target:|^artifact_prefix|Test unit written' \
      "$log" | head -20 >&2 || true
  fi
done

echo
echo "[fuzz] summary ($(git rev-parse --short HEAD), $(date -u +%Y-%m-%d)):"
printf '  %s\n' "${summary[@]}"
exit $failed

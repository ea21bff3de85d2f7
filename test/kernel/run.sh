#!/usr/bin/env bash
# run.sh HOLDWAIT [--annotations-dir DIR] [--cache-dir DIR] [--results-dir DIR]
#        [-- EXTRA-HOLDWAIT-ARGS...]
#
# End-to-end test of holdwait on the real Linux 6.12 tree:
#   1. prepare.sh: configured, partly built tree with compile_commands.json;
#   2. holdwait on virt/kvm/eventfd.c and arch/x86/kvm/svm/avic.c
#      -> original.json (the seed-000 findings must be there);
#      (timing is not part of the test: bench/kernel_bench.py measures it);
#   3. apply-seed000-fix.sh, holdwait on eventfd.c again -> fixed.json
#      (they must be gone), then the original eventfd.c is put back;
#   4. check_results.py checks it all against the expectations and
#      triaged.txt.  Its exit status is this script's.
#
#   --annotations-dir DIR  where kvm.yaml is (default <repo>/annotations)
#   --cache-dir DIR        kernel tree location, passed to prepare.sh
#   --results-dir DIR      where outputs go (default: results/ next to the
#                          tree, i.e. ~/.cache/holdwait/results; emptied first)
#   -- ARGS                extra arguments for holdwait, after ours
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
EVENTFD=virt/kvm/eventfd.c
AVIC=arch/x86/kvm/svm/avic.c

log() { printf '[kernel-test] %s\n' "$*" >&2; }
die() { printf '[kernel-test] ERROR: %s\n' "$*" >&2; exit 2; }
usage() { sed -n '2,3p' "$0" | sed 's/^# //' >&2; exit 2; }

holdwait='' ann_dir=$REPO/annotations cache_dir='' results='' extra=()
while (($#)); do
    case $1 in
        --annotations-dir) (($# >= 2)) || usage; ann_dir=$2; shift 2 ;;
        --cache-dir) (($# >= 2)) || usage; cache_dir=$2; shift 2 ;;
        --results-dir) (($# >= 2)) || usage; results=$2; shift 2 ;;
        --) shift; extra=("$@"); break ;;
        -h|--help) usage ;;
        -*) die "unknown option $1" ;;
        *) [[ -z $holdwait ]] || usage; holdwait=$1; shift ;;
    esac
done
[[ -n $holdwait ]] || usage
# Resolve the binary before we cd anywhere.
if [[ $holdwait == */* ]]; then
    holdwait=$(cd "$(dirname "$holdwait")" && pwd)/$(basename "$holdwait")
fi
command -v "$holdwait" >/dev/null || die "holdwait binary $holdwait not found or not executable"
[[ -f $ann_dir/kvm.yaml ]] || die "annotation file kvm.yaml not found in $ann_dir"
annotations=$(cd "$ann_dir" && pwd)/kvm.yaml

# --- 1. the tree --------------------------------------------------------------
log "preparing the kernel tree (first run: ~1-2 minutes; later: seconds)"
ksrc=$("$HERE/prepare.sh" ${cache_dir:+"$cache_dir"} | tail -n 1)
[[ -n $ksrc && -f $ksrc/compile_commands.json ]] || die "prepare.sh gave no usable tree"
log "kernel tree: $ksrc"

results=${results:-$(dirname "$ksrc")/results}
mkdir -p "$results"
rm -f "$results"/{original,fixed}.{json,rc,stderr} "$results"/{fix.diff,fix.method,fix.log,check.txt}

# An interrupted earlier run may have left the fix applied: start from the
# original, and put the original back however this run ends.
"$HERE/apply-seed000-fix.sh" --restore "$ksrc" 2>/dev/null
trap '"$HERE/apply-seed000-fix.sh" --restore "$ksrc" >/dev/null 2>&1 || true' EXIT

now() { date +%s.%N; }

# run_holdwait NAME FILE... : runs holdwait, saves NAME.json/.stderr/.rc.
# holdwait exits 0 (no findings), 1 (findings) or 2 (failure); the checker
# judges the status, so a non-zero exit must not stop this script.
run_holdwait() {
    local name=$1; shift
    local files=() f rc=0 t0
    for f in "$@"; do files+=("$ksrc/$f"); done
    log "holdwait on $* -> $results/$name.json"
    t0=$(now)
    "$holdwait" -p "$ksrc" --annotations "$annotations" --format json "${extra[@]}" \
        "${files[@]}" > "$results/$name.json" 2> "$results/$name.stderr" || rc=$?
    echo "$rc" > "$results/$name.rc"
    log "  exit $rc after $(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }')s"
    if [[ $rc -ge 2 ]]; then
        tail -n 20 "$results/$name.stderr" >&2
    fi
}

# --- 2. unmodified --------------------------------------------------------------
run_holdwait original "$EVENTFD" "$AVIC"

# --- 3. with the seed-000 fix -----------------------------------------------------
"$HERE/apply-seed000-fix.sh" "$ksrc" > "$results/fix.method" 2> "$results/fix.log" \
    || { cat "$results/fix.log" >&2; die "could not apply the seed-000 fix"; }
(cd "$ksrc" && diff -u "$EVENTFD.orig" "$EVENTFD") > "$results/fix.diff" || true
log "seed-000 fix applied ($(cat "$results/fix.method")); diff in $results/fix.diff"
run_holdwait fixed "$EVENTFD"
"$HERE/apply-seed000-fix.sh" --restore "$ksrc" 2>/dev/null

# --- 4. check ---------------------------------------------------------------------
log "checking results"
rc=0
python3 "$HERE/check_results.py" --tree "$ksrc" --results "$results" \
    --eventfd "$ksrc/$EVENTFD" | tee "$results/check.txt" || rc=${PIPESTATUS[0]}
log "results kept in $results"
exit "$rc"

#!/usr/bin/env bash
# apply-seed000-fix.sh [--seed-patch FILE | --scripted] [--quiet] TREE
# apply-seed000-fix.sh --restore TREE
#
# Puts the seed-000 fix (no SRCU grace period waited for under
# kvm->irqfds.resampler_lock, in irqfd_resampler_shutdown() and
# kvm_irqfd_assign()) into TREE/virt/kvm/eventfd.c, so run.sh can check that
# holdwait's finding goes away.
#
# The file is edited in place, because the compile database entry names that
# path; the pristine file is kept as virt/kvm/eventfd.c.orig (copied once, the
# first time) and every apply starts again from it, so applying twice is the
# same as applying once.  --restore (or restore-eventfd.sh TREE) copies the
# original back.
#
# Two ways to make the fix:
#   seed patch  the patch from the seed's mailing-list text
#               (--seed-patch FILE, or found as 000_8fefd5d8e191d38c.txt in
#               ${HOLDWAIT_SEEDS_DIR:-<repo>/../shared/seeds}), applied with
#               patch -p1 --fuzz=3;
#   scripted    seed000_fix.py, which moves the file's own lines (used when the
#               seed text is not there, as in CI, or with --scripted).
# Either way the result must compile with the database flags, or the original
# is put back and the script fails.
#
# stdout: one line, the way used ("seed-patch" or "scripted").  The diff
# against the original goes to stderr unless --quiet.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
SEED_NAME=000_8fefd5d8e191d38c.txt
REL=virt/kvm/eventfd.c

log() { printf '[seed000-fix] %s\n' "$*" >&2; }
die() { printf '[seed000-fix] ERROR: %s\n' "$*" >&2; exit 1; }
usage() { sed -n '2,3p' "$0" | sed 's/^# //' >&2; exit 2; }

seed_patch='' mode=auto restore=0 quiet=0 tree=''
while (($#)); do
    case $1 in
        --seed-patch) (($# >= 2)) || usage; seed_patch=$2; mode='patch'; shift 2 ;;
        --scripted) mode=scripted; shift ;;
        --restore) restore=1; shift ;;
        --quiet) quiet=1; shift ;;
        -h|--help) usage ;;
        -*) die "unknown option $1" ;;
        *) [[ -z $tree ]] || usage; tree=$1; shift ;;
    esac
done
[[ -n $tree ]] || usage
tree=$(cd "$tree" && pwd)
file=$tree/$REL
orig=$file.orig
[[ -f $file ]] || die "$file not found (is $tree a kernel tree?)"

if ((restore)); then
    if [[ -f $orig ]]; then
        # cp -p keeps the original's timestamp, so make does not think the
        # file changed since the build.
        cp -p "$orig" "$file"
        log "restored $REL from $REL.orig"
    else
        log "no $REL.orig: nothing was applied, $REL is the original"
    fi
    exit 0
fi

# Keep the pristine file once; never overwrite it (a second apply must not
# take the already fixed file for the original).
if [[ ! -f $orig ]]; then
    cp -p "$file" "$orig"
elif ! cmp -s "$orig" "$file"; then
    log "$REL differs from $REL.orig (fix already applied?); starting again from $REL.orig"
fi

if [[ $mode == auto ]]; then
    seeds_dir=${HOLDWAIT_SEEDS_DIR:-$REPO/../shared/seeds}
    if [[ -f $seeds_dir/$SEED_NAME ]]; then
        mode='patch' seed_patch=$seeds_dir/$SEED_NAME
    else
        mode=scripted
        log "no $seeds_dir/$SEED_NAME: using the scripted edit"
    fi
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/tree/virt/kvm"
cp "$orig" "$work/tree/$REL"

case $mode in
    patch)
        [[ -f $seed_patch ]] || die "seed patch $seed_patch not found"
        command -v patch >/dev/null || die "patch(1) is not installed (apt-get install patch; prepare.sh installs it)"
        # The seed is a mailing-list thread whose replies quote the diff again:
        # take only the first copy, from the first "diff --git" to the mail
        # signature ("-- ") or the first reply ("Re:").
        awk '/^diff --git /{p=1} p && (/^-- / || /^Re:/){exit} p' "$seed_patch" > "$work/seed.diff"
        [[ -s $work/seed.diff ]] || die "no 'diff --git' found in $seed_patch"
        grep -q "^+++ b/$REL\$" "$work/seed.diff" || die "the diff in $seed_patch does not patch $REL"
        # Patch a copy in a scratch directory: patch may leave .rej/.orig files,
        # and those must not land in the kernel tree (eventfd.c.orig is ours).
        # The patch was made against a newer kernel, so hunks move (offsets);
        # --fuzz=3 also lets context lines differ.
        if ! patch -p1 --fuzz=3 --no-backup-if-mismatch -d "$work/tree" < "$work/seed.diff" > "$work/patch.log" 2>&1; then
            cat "$work/patch.log" >&2
            die "the seed patch does not apply to $REL; retry with --scripted"
        fi
        sed 's/^/[seed000-fix] patch: /' "$work/patch.log" >&2
        ;;
    scripted)
        python3 "$HERE/seed000_fix.py" "$work/tree/$REL" "$work/tree/$REL.new" \
            || die "the scripted edit failed; see the message above"
        mv "$work/tree/$REL.new" "$work/tree/$REL"
        ;;
esac

cmp -s "$orig" "$work/tree/$REL" && die "the $mode fix left $REL unchanged"
cp "$work/tree/$REL" "$file"

# The fixed file must still compile with its compile-database flags, or the
# analysis after the fix would test nothing.
if [[ -f $tree/compile_commands.json ]]; then
    args=()
    mapfile -d '' args < <(python3 "$HERE/compile_args.py" "$tree" "$REL")
    ((${#args[@]})) || { cp -p "$orig" "$file"; die "no compile database entry for $REL"; }
    if ! (cd "$tree" && "${args[@]}"); then
        cp -p "$orig" "$file"
        die "the fixed $REL does not compile (original restored)"
    fi
    log "fixed $REL compiles with its compile-database flags"
else
    log "WARNING: no compile_commands.json in $tree; compile check skipped"
fi

if ((!quiet)); then
    (cd "$tree" && diff -u "$REL.orig" "$REL") >&2 || true
fi
log "applied the seed-000 fix to $file ($mode)"
case $mode in patch) echo seed-patch ;; *) echo scripted ;; esac

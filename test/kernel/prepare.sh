#!/usr/bin/env bash
# prepare.sh [CACHE_DIR]
#
# Makes a configured, partly built Linux 6.12 tree (Debian's linux-source-6.12)
# with a compile_commands.json, for holdwait's real-kernel test.
#
#   CACHE_DIR  where the tree lives; default
#              ${HOLDWAIT_KERNEL_CACHE:-$HOME/.cache/holdwait}/linux-6.12
#
# Environment (both go into the stamps, so changing one rebuilds):
#   HOLDWAIT_KERNEL_CC       clang (default: make LLVM=-19) or gcc (plain
#                            make: the machine's GCC, as most kernel
#                            developers build; see the GCC database test)
#   HOLDWAIT_KERNEL_TARGETS  what make builds, space-separated; default
#                            BUILD_TARGETS below with clang (the KVM, IRQ and
#                            scheduler objects), GCC_BUILD_TARGETS with gcc
#                            (only the two objects the GCC database test
#                            analyses).  "vmlinux" builds the whole kernel
#                            (bench/whole_kernel.py).
#
# Idempotent: every step leaves a stamp file in the tree, and a second run with
# all stamps in place only checks them (a few seconds).  Deleting
# .holdwait-config-stamp forces a reconfigure and rebuild; deleting
# .holdwait-build-stamp forces a rebuild.
#
# Progress goes to stderr.  The only line on stdout is the absolute path of
# the tree, so callers can write:  ksrc=$(test/kernel/prepare.sh | tail -1)
set -euo pipefail

log() { printf '[prepare] %s\n' "$*" >&2; }
die() { printf '[prepare] ERROR: %s\n' "$*" >&2; exit 1; }

# Everything is pinned to clang/LLVM 19: holdwait is built against libclang 19,
# and analysing with the same front end that produced the compile database
# avoids flag mismatches (kernel flags are probed per compiler version).
LLVM_SUFFIX=-19
KERNEL_CC=${HOLDWAIT_KERNEL_CC:-clang}
case $KERNEL_CC in
    clang) MAKE_FLAGS=(LLVM="$LLVM_SUFFIX") ;;
    gcc) MAKE_FLAGS=() ;;
    *) printf '[prepare] ERROR: HOLDWAIT_KERNEL_CC=%s: expected clang or gcc\n' "$KERNEL_CC" >&2; exit 1 ;;
esac
JOBS=2   # the project's machines have 2 cores

# The kernel options we need; KVM and both vendor modules built in (=y) so
# their objects are compiled by "make arch/x86/kvm/", and KVM_XEN because the
# annotations cover Xen paths too.  VIRTUALIZATION is the menu they sit in
# (default y on x86, set explicitly so a changed default cannot hide them).
CONFIG_OPTS=(VIRTUALIZATION KVM KVM_AMD KVM_INTEL KVM_XEN)

# Debian packages needed to unpack, configure and build the tree, and by the
# other scripts in this directory (patch for apply-seed000-fix.sh, python3 for
# the checkers).
PACKAGES=(linux-source-6.12 bc flex bison libelf-dev libssl-dev clang-19 lld-19
          llvm-19 python3 xz-utils make gcc patch)
TARBALL=/usr/src/linux-source-6.12.tar.xz
TAR_TOPDIR=linux-source-6.12
# The files run.sh analyses; they must be in the compile database.
CHECK_FILES=(virt/kvm/eventfd.c arch/x86/kvm/svm/avic.c kernel/irq/manage.c
             kernel/irq/irqdesc.c kernel/sched/core.c)
# What make builds: all of KVM, and the IRQ core and scheduler objects the
# cross-subsystem test (seed 001's cycle) links with it.
BUILD_TARGETS=(arch/x86/kvm/ kernel/irq/manage.o kernel/irq/irqdesc.o
               kernel/sched/core.o)
# With gcc: only the two files the GCC database test (gcc_database.py)
# analyses, so its first run builds two objects on top of the kernel's
# "prepare" stage.  virt/kvm has no Makefile of its own: its objects are
# built by arch/x86/kvm's (Makefile.kvm names them ../../../virt/kvm/*.o),
# so that is how make is asked for eventfd.o; the .cmd file still lands in
# virt/kvm/, where gen_compile_commands.py finds it.
GCC_BUILD_TARGETS=(arch/x86/kvm/svm/avic.o
                   arch/x86/kvm/../../../virt/kvm/eventfd.o)
GCC_CHECK_FILES=(virt/kvm/eventfd.c arch/x86/kvm/svm/avic.c)
if [[ $KERNEL_CC == gcc ]]; then
    BUILD_TARGETS=("${GCC_BUILD_TARGETS[@]}")
    CHECK_FILES=("${GCC_CHECK_FILES[@]}")
fi
if [[ -n ${HOLDWAIT_KERNEL_TARGETS:-} ]]; then
    read -r -a BUILD_TARGETS <<< "$HOLDWAIT_KERNEL_TARGETS"
fi
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# Files touched in the tree; their names start with .holdwait- so they are easy
# to tell apart from kernel files.
UNPACK_STAMP=.holdwait-unpack-stamp
CONFIG_STAMP=.holdwait-config-stamp
BUILD_STAMP=.holdwait-build-stamp
BUILD_LOG=.holdwait-build.log

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# --- 1. packages ------------------------------------------------------------
# Only touch apt when something is missing: apt-get update is slow and needs
# the mirror, and most runs have everything installed already.
missing=()
for p in "${PACKAGES[@]}"; do
    if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
        missing+=("$p")
    fi
done
if ((${#missing[@]})); then
    log "installing missing packages: ${missing[*]}"
    SUDO=()
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null || die "not root and no sudo; install as root: ${missing[*]}"
        SUDO=(sudo)
    fi
    export DEBIAN_FRONTEND=noninteractive
    "${SUDO[@]}" apt-get update >&2
    "${SUDO[@]}" apt-get install -y --no-install-recommends "${PACKAGES[@]}" >&2
fi
[[ -f $TARBALL ]] || die "$TARBALL not found even though linux-source-6.12 is installed"
# The package version goes into the stamps: a Debian point release ships a new
# tarball, and the tree is then unpacked and built afresh.
SRC_VERSION=$(dpkg-query -W -f='${Version}' linux-source-6.12)

# --- 2. unpack ----------------------------------------------------------------
CACHE_DIR=${1:-${HOLDWAIT_KERNEL_CACHE:-$HOME/.cache/holdwait}/linux-6.12}
mkdir -p "$(dirname "$CACHE_DIR")"
CACHE_DIR=$(cd "$(dirname "$CACHE_DIR")" && pwd)/$(basename "$CACHE_DIR")
TREE=$CACHE_DIR

if [[ -d $TREE ]]; then
    if [[ ! -f $TREE/$UNPACK_STAMP ]]; then
        # Never delete a directory we did not make.
        die "$TREE exists but has no $UNPACK_STAMP (not made by this script); remove it or pass another CACHE_DIR"
    fi
    if [[ $(cat "$TREE/$UNPACK_STAMP") != "$SRC_VERSION" ]]; then
        log "tree was unpacked from linux-source-6.12 $(cat "$TREE/$UNPACK_STAMP"), installed is $SRC_VERSION: unpacking again"
        rm -rf "$TREE"
    fi
fi
# Leftovers of an unpack that was killed (names are ours, see below).
rm -rf "$TREE".partial.??????
if [[ ! -d $TREE ]]; then
    log "unpacking $TARBALL ($SRC_VERSION) into $TREE"
    t0=$(now)
    # Unpack beside the destination and rename at the end, so an interrupted
    # unpack never leaves a half tree at $TREE.
    partial=$(mktemp -d "$TREE.partial.XXXXXX")
    trap 'rm -rf "$partial"' EXIT
    tar -xf "$TARBALL" -C "$partial"
    [[ -f $partial/$TAR_TOPDIR/Makefile ]] || die "tarball has no $TAR_TOPDIR/Makefile"
    printf '%s\n' "$SRC_VERSION" > "$partial/$TAR_TOPDIR/$UNPACK_STAMP"
    mv "$partial/$TAR_TOPDIR" "$TREE"
    rm -rf "$partial"
    trap - EXIT
    log "unpack took $(elapsed "$t0")s"
fi
cd "$TREE"

# A seed fix left applied by an interrupted run.sh would be built and recorded
# as if it were the kernel's own file; say so rather than hide it.
if [[ -f virt/kvm/eventfd.c.orig ]] && ! cmp -s virt/kvm/eventfd.c.orig virt/kvm/eventfd.c; then
    log "WARNING: virt/kvm/eventfd.c differs from eventfd.c.orig (seed-000 fix applied?);"
    log "         run test/kernel/restore-eventfd.sh $TREE to put the original back"
fi

# --- 3. configure -------------------------------------------------------------
# The stamp holds the recipe; any change to it (options, LLVM, source version)
# means configure and build again.
if [[ $KERNEL_CC == clang ]]; then
    config_recipe="src=$SRC_VERSION llvm=$LLVM_SUFFIX opts=${CONFIG_OPTS[*]}"
else
    config_recipe="src=$SRC_VERSION cc=$KERNEL_CC opts=${CONFIG_OPTS[*]}"
fi
if [[ ! -f $CONFIG_STAMP || $(cat "$CONFIG_STAMP") != "$config_recipe" || ! -f .config ]]; then
    rm -f "$CONFIG_STAMP" "$BUILD_STAMP"
    log "configuring: defconfig + ${CONFIG_OPTS[*]}=y"
    t0=$(now)
    make "${MAKE_FLAGS[@]}" defconfig >&2
    for opt in "${CONFIG_OPTS[@]}"; do
        scripts/config --file .config --enable "$opt"
    done
    # olddefconfig resolves dependencies; an option whose dependencies are not
    # met is silently dropped here, hence the check below.
    make "${MAKE_FLAGS[@]}" olddefconfig >&2
    bad=()
    for opt in "${CONFIG_OPTS[@]}"; do
        grep -qx "CONFIG_$opt=y" .config || bad+=("$opt ($(grep -E "(^|# )CONFIG_${opt}[= ]" .config || echo 'absent'))")
    done
    ((${#bad[@]} == 0)) || die "options not set to y after olddefconfig: ${bad[*]}"
    printf '%s\n' "$config_recipe" > "$CONFIG_STAMP"
    log "configure took $(elapsed "$t0")s; set: $(for o in "${CONFIG_OPTS[@]}"; do printf 'CONFIG_%s=y ' "$o"; done)"
else
    for opt in "${CONFIG_OPTS[@]}"; do
        grep -qx "CONFIG_$opt=y" .config || die "CONFIG_$opt is not y in $TREE/.config; delete $TREE/$CONFIG_STAMP to reconfigure"
    done
fi

# --- 4. build and compile database ------------------------------------------
# Building the objects writes the .cmd files that gen_compile_commands.py reads
# (and the generated headers the analysed files include).  arch/x86/kvm/ also
# compiles virt/kvm/*.c: Makefile.kvm adds them as ../../../virt/kvm/*.o.
# The stamp names the targets, so adding one rebuilds (incrementally).
STAMP_TARGETS="targets: ${BUILD_TARGETS[*]}"
if [[ ! -f $BUILD_STAMP || ! -f compile_commands.json ]] ||
   ! grep -qxF "$STAMP_TARGETS" "$BUILD_STAMP"; then
    log "building ${BUILD_TARGETS[*]} with make -j$JOBS (log: $TREE/$BUILD_LOG)"
    t0=$(now)
    if ! make "${MAKE_FLAGS[@]}" -j"$JOBS" "${BUILD_TARGETS[@]}" > "$BUILD_LOG" 2>&1; then
        tail -n 40 "$BUILD_LOG" >&2
        die "kernel build failed; full log in $TREE/$BUILD_LOG"
    fi
    log "build took $(elapsed "$t0")s"

    log "generating compile_commands.json"
    t0=$(now)
    python3 scripts/clang-tools/gen_compile_commands.py -d "$TREE" -o "$TREE/compile_commands.json" "$TREE"
    log "gen_compile_commands took $(elapsed "$t0")s"

    # The files the test analyses must be in the database, and their own
    # commands (as -fsyntax-only) must compile: that is what holdwait will see.
    for f in "${CHECK_FILES[@]}"; do
        if [[ $KERNEL_CC != clang ]]; then
            # GCC's flags are not clang's; only holdwait's own flag
            # translation makes them parse, and that is what
            # gcc_database.py checks.  Here: the entry exists.
            python3 "$HERE/compile_args.py" "$TREE" "$f" --shell > /dev/null ||
                die "compile_commands.json has no entry for $f"
            log "checked: $f is in compile_commands.json"
            continue
        fi
        args=()
        mapfile -d '' args < <(python3 "$HERE/compile_args.py" "$TREE" "$f")
        ((${#args[@]})) || die "compile_commands.json has no usable entry for $f"
        "${args[@]}" || die "clang -fsyntax-only with the database flags fails on $f"
        log "checked: $f is in compile_commands.json and passes -fsyntax-only"
    done
    { date -u +%FT%TZ; echo "$STAMP_TARGETS"; } > "$BUILD_STAMP"
else
    log "tree is prepared (stamps present); nothing to do"
fi

printf '%s\n' "$TREE"

#!/usr/bin/env python3
"""holdwait against clang-19 -fsyntax-only on the real Linux 6.12 tree.

    bench/kernel_bench.py HOLDWAIT [--set seed|kvm] [-j N] [--runs N]
                          [--tree DIR] [--markdown]

The tree is the one test/kernel/prepare.sh makes (cached under
~/.cache/holdwait/linux-6.12); this script runs prepare.sh itself.

--set seed  virt/kvm/eventfd.c and arch/x86/kvm/svm/avic.c (the core issue's
            files);
--set kvm   every .c file of the compile database under virt/kvm/ and
            arch/x86/kvm/ (about 60 translation units).

Both sides get the same files with the same flags (the database's, through
test/kernel/compile_args.py) and the same parallelism: clang runs N
processes at a time; holdwait gets -j N when N > 1.  Each measurement is
repeated --runs times (default 3) and the median wall time is reported,
with the peak resident set of the largest single process (GNU time's %M).
Runs alternate (clang, holdwait, clang, ...) so drift in the machine hits both.

--cache also measures holdwait with a summary cache: a cold run into an
empty cache directory, then a warm re-run over the unchanged tree (which
parses nothing and only links); the warm/cold ratio is reported.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, os.path.join(REPO, "test", "kernel"))
from compile_args import syntax_only_args  # noqa: E402

SEED_FILES = ["virt/kvm/eventfd.c", "arch/x86/kvm/svm/avic.c"]


def prepare_tree(tree, targets=None):
    """Runs test/kernel/prepare.sh (building `targets`, e.g. vmlinux, instead
    of its default KVM objects); returns the prepared tree's path."""
    cmd = [os.path.join(REPO, "test", "kernel", "prepare.sh")]
    if tree:
        cmd.append(tree)
    env = dict(os.environ)
    if targets:
        env["HOLDWAIT_KERNEL_TARGETS"] = targets
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True,
                         env=env)
    return out.stdout.strip().splitlines()[-1]


def db_c_files(tree, prefixes=None):
    """Every C file the tree's database compiles (under one of `prefixes`,
    when given), tree-relative, sorted, once."""
    with open(os.path.join(tree, "compile_commands.json")) as f:
        db = json.load(f)
    files = set()
    for e in db:
        path = os.path.normpath(os.path.join(e["directory"], e["file"]))
        rel = os.path.relpath(path, tree)
        if (rel.endswith(".c") and os.path.isfile(path)
                and (not prefixes or rel.startswith(prefixes))):
            files.add(rel)
    return sorted(files)


def kvm_files(tree):
    return db_c_files(tree, ("virt/kvm/", "arch/x86/kvm/"))


def timed(cmd, cwd, stderr_path=None):
    """Runs cmd under GNU time; returns (wall seconds, peak RSS KiB, rc).
    Its stderr goes to stderr_path when given (notes, errors), else away."""
    with tempfile.NamedTemporaryFile("r", suffix=".time") as t, \
            open(stderr_path or os.devnull, "w") as err:
        start = time.monotonic()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", t.name] + cmd,
                           cwd=cwd, stdout=subprocess.DEVNULL, stderr=err)
        wall = time.monotonic() - start
        lines = [ln for ln in t.read().splitlines() if ln.strip().isdigit()]
        return wall, int(lines[-1]) if lines else 0, p.returncode


# holdwait parses with these added (tool/CompileDatabase.cpp: no warnings,
# errors not fatal, a bounded error list); clang gets them too, so both
# sides do the same front-end work and the ratio is holdwait's own cost.
CLANG_EXTRA = ["-w", "-Wno-error", "-ferror-limit=20"]


def run_clang(tree, files, jobs):
    """(wall seconds, peak RSS KiB of the largest process, failed files)."""
    cmds = []
    for f in files:
        d, argv = syntax_only_args(tree, f)
        cmds.append((d, argv + CLANG_EXTRA))
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        results = list(pool.map(lambda dc: timed(dc[1], dc[0]), cmds))
    wall = time.monotonic() - start
    failed = [f for f, r in zip(files, results) if r[2] != 0]
    return wall, max(r[1] for r in results), failed


def run_cached(holdwait, tree, files, jobs, extra, runs):
    """Median cold and warm wall times (and peak RSS) with --cache-dir."""
    cold, warm = [], []
    for _ in range(runs):
        cache = tempfile.mkdtemp(prefix="holdwait-bench-cache-")
        try:
            args = extra + ["--cache-dir", cache]
            cold.append(run_holdwait(holdwait, tree, files, jobs, args))
            warm.append(run_holdwait(holdwait, tree, files, jobs, args))
        finally:
            shutil.rmtree(cache, ignore_errors=True)
    return (statistics.median(w for w, _ in cold), max(r for _, r in cold),
            statistics.median(w for w, _ in warm), max(r for _, r in warm))


def run_holdwait(holdwait, tree, files, jobs, extra):
    cmd = [holdwait, "-p", tree, "--annotations",
           os.path.join(REPO, "annotations", "kvm.yaml"), "--format", "json"]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    cmd += extra + [os.path.join(tree, f) for f in files]
    wall, rss, rc = timed(cmd, tree)
    if rc >= 2:
        sys.exit(f"holdwait failed (exit {rc}): {' '.join(cmd)}")
    return wall, rss


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("holdwait")
    ap.add_argument("--set", choices=["seed", "kvm"], default="seed")
    ap.add_argument("-j", "--jobs", type=int, default=1)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--tree")
    ap.add_argument("--cache", action="store_true",
                    help="also measure a cold and a warm cached run")
    ap.add_argument("--markdown", action="store_true",
                    help="print one table row for bench/RESULTS.md")
    ap.add_argument("extra", nargs="*", help="extra holdwait arguments")
    a = ap.parse_args()
    holdwait = os.path.abspath(a.holdwait)
    tree = prepare_tree(a.tree)
    files = SEED_FILES if a.set == "seed" else kvm_files(tree)

    clang, hw = [], []
    for _ in range(a.runs):
        wall, rss, failed = run_clang(tree, files, a.jobs)
        if failed:
            sys.exit("clang -fsyntax-only failed on: " + ", ".join(failed))
        clang.append((wall, rss))
        hw.append(run_holdwait(holdwait, tree, files, a.jobs, a.extra))
    c_wall = statistics.median(w for w, _ in clang)
    h_wall = statistics.median(w for w, _ in hw)
    c_rss = max(r for _, r in clang) / 1024
    h_rss = max(r for _, r in hw) / 1024
    ratio = h_wall / c_wall
    if a.cache:
        cold, cold_rss, warm, warm_rss = run_cached(
            holdwait, tree, files, a.jobs, a.extra, a.runs)
        print(f"cache, -j{a.jobs}: cold {cold:.2f} s (peak "
              f"{cold_rss / 1024:.0f} MiB), warm {warm:.2f} s (peak "
              f"{warm_rss / 1024:.0f} MiB), warm/cold {warm / cold:.3f}")
    if a.markdown:
        print(f"| {a.set} ({len(files)} TUs) | -j{a.jobs} | {c_wall:.2f} s | "
              f"{h_wall:.2f} s | {ratio:.2f} | {c_rss:.0f} MiB | "
              f"{h_rss:.0f} MiB |")
    else:
        print(f"files: {a.set}, {len(files)} translation units, -j{a.jobs}, "
              f"median of {a.runs}")
        print(f"clang-19 -fsyntax-only: {c_wall:.2f} s, peak {c_rss:.0f} MiB")
        print(f"holdwait:               {h_wall:.2f} s, peak {h_rss:.0f} MiB")
        print(f"ratio holdwait/clang:   {ratio:.2f}")


if __name__ == "__main__":
    main()

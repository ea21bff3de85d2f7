#!/usr/bin/env python3
"""A GCC-built compile database gives the findings of the clang-built one.

    gcc_database.py HOLDWAIT [--gcc-cache-dir DIR] [--clang-cache-dir DIR]
                    [--results DIR]

  1. prepare.sh with HOLDWAIT_KERNEL_CC=gcc makes a Linux 6.12 tree built with
     the machine's GCC (plain `make`, the same configuration options as the
     clang tree) and its compile_commands.json; by default only the two
     objects analysed here (prepare.sh's GCC_BUILD_TARGETS), in
     ${HOLDWAIT_KERNEL_CACHE:-~/.cache/holdwait}/linux-6.12-gcc;
  2. prepare.sh as run.sh calls it gives the clang tree (idempotent: nothing
     to do when run.sh or another kernel test made it already);
  3. holdwait runs on virt/kvm/eventfd.c and arch/x86/kvm/svm/avic.c through
     each database (no cache: each run parses);
  4. both runs must exit 0 or 1 with no input error and no error from the
     compiler, report at least one finding, and report the same findings,
     field for field, once each tree's own path is taken off the file names.

The GCC run's notes (the flags dropped from GCC's commands) are printed.
Exit status: 0 pass, 1 an expectation failed, 2 could not run.
"""
import argparse
import json
import os
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FILES = ["virt/kvm/eventfd.c", "arch/x86/kvm/svm/avic.c"]
EVENTFD = "virt/kvm/eventfd.c"


def log(msg):
    print(f"[kernel-gcc] {msg}", file=sys.stderr, flush=True)


def die(msg):
    log(f"ERROR: {msg}")
    sys.exit(2)


def prepare(cc, cache_dir):
    """Runs prepare.sh for compiler `cc`; returns the tree's path."""
    env = dict(os.environ, HOLDWAIT_KERNEL_CC=cc)
    # Each tree is built with its default targets, whatever the caller's
    # environment says.
    env.pop("HOLDWAIT_KERNEL_TARGETS", None)
    cmd = [os.path.join(HERE, "prepare.sh")] + ([cache_dir] if cache_dir else [])
    t0 = time.monotonic()
    p = subprocess.run(cmd, stdout=subprocess.PIPE, text=True, env=env)
    if p.returncode != 0 or not p.stdout.strip():
        die(f"prepare.sh for {cc} failed (exit {p.returncode})")
    tree = p.stdout.strip().splitlines()[-1]
    log(f"{cc} tree: {tree} (prepare.sh took {time.monotonic() - t0:.1f}s)")
    if not os.path.isfile(os.path.join(tree, "compile_commands.json")):
        die(f"{tree} has no compile_commands.json")
    return tree


def without_tree(value, tree):
    """`value` with the tree's own path taken off every string in it."""
    if isinstance(value, str):
        return value.replace(tree + os.sep, "")
    if isinstance(value, list):
        return [without_tree(v, tree) for v in value]
    if isinstance(value, dict):
        return {k: without_tree(v, tree) for k, v in value.items()}
    return value


def analyse(holdwait, tree, name, results, problems):
    """holdwait on FILES through `tree`'s database; returns its JSON report
    (None when there is none), saving stdout and stderr in `results`."""
    cmd = [holdwait, "-p", tree, "--no-cache", "--format", "json",
           "--annotations", os.path.join(REPO, "annotations", "kvm.yaml")]
    cmd += [os.path.join(tree, f) for f in FILES]
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True)
    log(f"holdwait through the {name} database: exit {p.returncode} after "
        f"{time.monotonic() - t0:.1f}s")
    with open(os.path.join(results, name + ".json"), "w") as f:
        f.write(p.stdout)
    with open(os.path.join(results, name + ".stderr"), "w") as f:
        f.write(p.stderr)
    if p.returncode not in (0, 1):
        problems.append(f"{name}: holdwait exited {p.returncode}:\n"
                        f"{p.stderr[-3000:]}")
        return None
    try:
        report = json.loads(p.stdout)
    except ValueError as e:
        problems.append(f"{name}: the output is not JSON: {e}")
        return None
    for e in report.get("errors", []):
        problems.append(f"{name}: input error: {json.dumps(e)}")
    # Clang's driver reports a flag it rejects ("unsupported option
    # '-mrecord-mcount' for target ...") as an error but still parses the
    # file, so no input error says so: the compiler's output is checked too.
    for line in p.stderr.splitlines():
        if "error:" in line:
            problems.append(f"{name}: the compiler reported: {line}")
    if not report.get("findings"):
        problems.append(f"{name}: no finding (the clang tree has the seed-000 "
                        "ones; did a file go unanalysed?)")
    return report


def describe(f):
    return (f"{f['check']} {f['file']}:{f['line']} in {f['function']}() "
            f"lock {f.get('lock') or '-'} callee {f.get('callee') or '-'}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("holdwait")
    ap.add_argument("--gcc-cache-dir", help="GCC tree location for prepare.sh")
    ap.add_argument("--clang-cache-dir", help="clang tree location for prepare.sh")
    ap.add_argument("--results", help="where outputs go (default: "
                    "results-gcc/ beside the GCC tree)")
    a = ap.parse_args()
    holdwait = os.path.abspath(a.holdwait)
    if not os.access(holdwait, os.X_OK):
        die(f"holdwait binary {holdwait} not found or not executable")

    gcc_dir = a.gcc_cache_dir or os.path.join(
        os.environ.get("HOLDWAIT_KERNEL_CACHE",
                       os.path.expanduser("~/.cache/holdwait")),
        "linux-6.12-gcc")
    gcc_tree = prepare("gcc", gcc_dir)
    clang_tree = prepare("clang", a.clang_cache_dir)
    # run.sh puts the seed-000 fix into the clang tree's eventfd.c for a
    # while; the comparison needs the kernel's own file in both trees.
    for tree in (gcc_tree, clang_tree):
        orig = os.path.join(tree, EVENTFD + ".orig")
        if os.path.exists(orig) and \
                open(orig).read() != open(os.path.join(tree, EVENTFD)).read():
            die(f"{tree}/{EVENTFD} differs from {EVENTFD}.orig (run.sh running, "
                f"or interrupted? test/kernel/restore-eventfd.sh {tree})")

    results = a.results or os.path.join(os.path.dirname(gcc_tree), "results-gcc")
    os.makedirs(results, exist_ok=True)
    problems = []
    gcc = analyse(holdwait, gcc_tree, "gcc", results, problems)
    clang = analyse(holdwait, clang_tree, "clang", results, problems)

    if gcc is not None:
        print("notes of the run through the GCC database:")
        for n in gcc.get("notes", []):
            print(f"  {n}")
    if gcc is not None and clang is not None:
        key = lambda f: json.dumps(f, sort_keys=True)
        g = sorted((without_tree(f, gcc_tree) for f in gcc["findings"]), key=key)
        c = sorted((without_tree(f, clang_tree) for f in clang["findings"]),
                   key=key)
        only_c = [f for f in c if f not in g]
        only_g = [f for f in g if f not in c]
        for f in only_c:
            problems.append(f"only through the clang database: {describe(f)}")
        for f in only_g:
            problems.append(f"only through the GCC database: {describe(f)}")
        if len(g) != len(c) and not only_c and not only_g:
            problems.append(f"{len(c)} finding(s) through the clang database, "
                            f"{len(g)} through the GCC one (duplicates differ)")
        print(f"findings: {len(c)} through the clang database, {len(g)} "
              f"through the GCC database")
        for f in c:
            print(f"  {describe(f)}")

    if problems:
        for p in problems:
            print(f"FAIL: {p}")
        print(f"(outputs in {results})")
        return 1
    print("PASS: the GCC-built database gives the same findings, with no "
          "input error")
    return 0


if __name__ == "__main__":
    sys.exit(main())

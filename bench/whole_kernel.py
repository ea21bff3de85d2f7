#!/usr/bin/env python3
"""holdwait over every C file of a whole Linux 6.12 kernel build.

    bench/whole_kernel.py HOLDWAIT [--tree DIR] [-j N] [--out DIR]
                          [--sample N] [--seed S] [--skip-clang]
                          [--triage-only] [--keep-cache DIR]

The tree is Linux 6.12 (Debian's linux-source-6.12) configured as defconfig
plus KVM (test/kernel/prepare.sh's configuration) and built whole
(`make LLVM=-19 vmlinux`), so its compile_commands.json lists every C file
of vmlinux; the script runs prepare.sh with HOLDWAIT_KERNEL_TARGETS=vmlinux
itself (about an hour at -j2 the first time; default tree
~/.cache/holdwait/linux-6.12-full).

Measured, in one run on the same files with the same flags and the same
parallelism:
  clang-19 -fsyntax-only  N processes at a time (the database's flags plus
                          the parser flags holdwait adds);
  holdwait                one whole-program process, -j N, the KVM profile,
                          JSON report, a fresh summary cache (cold);
  holdwait again          the same command, warm cache, text report (the
                          drawings the triage reads).
Wall time, peak resident memory (largest single process), exit status and
crashes (a signal or an exit status above 2), input errors, findings per
check.

--out (default build/whole-kernel) receives findings.json, findings.txt,
holdwait.stderr, summary.json, summary.md and triage.txt: a sample of
--sample findings (default 30) drawn with --seed (default 612) plus every
finding in virt/kvm and arch/x86/kvm, each with its drawing, for
docs/real-world/linux-6.12.md; and classes.txt, the findings counted by
the triage's false-positive classes (the hub functions their chains pass)
with the KVM findings no class explains.
"""
import argparse
import json
import os
import random
import re
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)
from kernel_bench import (db_c_files, prepare_tree, run_clang,  # noqa: E402
                          timed)

KVM_DIRS = ("virt/kvm/", "arch/x86/kvm/")


def holdwait_cmd(holdwait, tree, files, jobs, cache, fmt, out):
    # The files are every C file of vmlinux, the whole program: what it
    # stores into structure fields bounds the values that OR them in (named
    # files out of a database are otherwise taken as a part of a program).
    cmd = [holdwait, "-p", tree, "--annotations",
           os.path.join(REPO, "annotations", "kvm.yaml"), "--format", fmt,
           "-o", out, "--cache-dir", cache, "--field-values=on"]
    if jobs > 1:
        cmd += ["-j", str(jobs)]
    return cmd + [os.path.join(tree, f) for f in files]


def crashed(rc):
    # GNU time reports a child killed by a signal as 128 + signal; holdwait
    # itself exits 0 (clean), 1 (findings) or 2 (input errors).
    return rc < 0 or rc > 2


def text_findings(path):
    """The text report split into findings: (header line, drawing lines)."""
    out = []
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if re.match(r"^\S.*: warning: .*\[[a-z-]+\]$", line):
                out.append([line])
            elif out and line.startswith(" "):
                out[-1].append(line)
    return out


def write_triage(text_out, tree, out, sample_size, seed):
    """The triage worksheet: a seeded random sample, then every KVM finding."""
    drawn = text_findings(text_out) if os.path.exists(text_out) else []
    rng = random.Random(seed)
    sample = sorted(rng.sample(range(len(drawn)), min(sample_size,
                                                         len(drawn))))

    def in_kvm(block):
        # The text report names files relative to the tree (holdwait runs
        # there); an absolute name is made relative first.
        path = block[0].split(":", 1)[0]
        if os.path.isabs(path):
            path = os.path.relpath(path, tree)
        return path.startswith(KVM_DIRS)
    kvm = [i for i, b in enumerate(drawn) if in_kvm(b)]
    with open(os.path.join(out, "triage.txt"), "w") as f:
        f.write(f"# random sample of {len(sample)} of {len(drawn)} findings "
                f"(seed {seed})\n\n")
        for n, i in enumerate(sample, 1):
            f.write(f"## S{n} (finding {i + 1})\n" + "\n".join(drawn[i]) +
                    "\n\n")
        f.write(f"# every finding in virt/kvm and arch/x86/kvm "
                f"({len(kvm)})\n\n")
        for n, i in enumerate(kvm, 1):
            f.write(f"## K{n} (finding {i + 1})\n" + "\n".join(drawn[i]) +
                    "\n\n")


# Hub functions a finding's chains (its own, its lock's, its other side's)
# pass through, per false-positive class of the triage in
# docs/real-world/linux-6.12.md; a finding counts in the first class that
# matches. The count is a first sort: each class was read finding by
# finding on a sample, and "other" is read one by one.
HUB_CLASSES = [
    ("A2: free_huge_folio() behind folio_test_hugetlb()", ["free_huge_folio"]),
    ("A1: allocator paths behind GFP flags",
     ["__alloc_pages_slowpath", "stack_depot_save_flags", "out_of_memory",
      "node_reclaim", "__node_reclaim", "might_alloc"]),
    ("A2: slab freed through RCU (SLAB_TYPESAFE_BY_RCU)", ["free_slab"]),
    ("C: the next task's context", ["finish_task_switch", "kvm_sched_in"]),
]


def chain_functions(finding):
    names = set()
    other = (finding.get("conflict") or {}).get("other_side") or {}
    for chain in (finding.get("chain"), finding.get("lock_chain"),
                  other.get("chain")):
        for step in chain or []:
            names.update((step.get("function"), step.get("callee")))
    return names


def hub_class(finding):
    names = chain_functions(finding)
    for name, hubs in HUB_CLASSES:
        if names.intersection(hubs):
            return name
    return "other"


def write_classes(json_out, tree, out):
    """classes.txt: findings per hub class, overall and in KVM, and the KVM
    findings no class explains (to read one by one)."""
    with open(json_out) as f:
        findings = json.load(f)["findings"]

    def rel(path):
        return os.path.relpath(path, tree) if os.path.isabs(path) else path
    kvm = [fi for fi in findings if rel(fi["file"]).startswith(KVM_DIRS)]
    with open(os.path.join(out, "classes.txt"), "w") as f:
        for title, group in (("all findings", findings),
                             ("virt/kvm and arch/x86/kvm", kvm)):
            f.write(f"# {title}: {len(group)}\n")
            counts = {}
            for fi in group:
                key = (hub_class(fi), fi["check"])
                counts[key] = counts.get(key, 0) + 1
            for (cls, check), n in sorted(counts.items(),
                                          key=lambda kv: (-kv[1], kv[0])):
                f.write(f"{n:7d}  {cls}  [{check}]\n")
            f.write("\n")
        f.write("# KVM findings in no class\n")
        for fi in kvm:
            if hub_class(fi) == "other":
                f.write(f"{rel(fi['file'])}:{fi['line']}: {fi['message']} "
                        f"[{fi['check']}]\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("holdwait")
    ap.add_argument("--tree", default=os.path.join(
        os.environ.get("HOLDWAIT_KERNEL_CACHE",
                       os.path.expanduser("~/.cache/holdwait")),
        "linux-6.12-full"))
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--out", default=os.path.join(REPO, "build",
                                                  "whole-kernel"))
    ap.add_argument("--sample", type=int, default=30)
    ap.add_argument("--seed", type=int, default=612)
    ap.add_argument("--triage-only", action="store_true",
                    help="only rewrite triage.txt from the findings.txt "
                         "already in --out")
    ap.add_argument("--skip-clang", action="store_true",
                    help="do not time clang (no ratio)")
    ap.add_argument("--keep-cache", metavar="DIR",
                    help="use DIR (emptied first, so the first run is "
                         "still cold) as the summary cache and keep it, for "
                         "follow-up runs such as --dump-fields")
    a = ap.parse_args()
    holdwait = os.path.abspath(a.holdwait)
    os.makedirs(a.out, exist_ok=True)
    if a.triage_only:
        write_triage(os.path.join(a.out, "findings.txt"), a.tree, a.out,
                     a.sample, a.seed)
        write_classes(os.path.join(a.out, "findings.json"), a.tree, a.out)
        return 0
    tree = prepare_tree(a.tree, targets="vmlinux")
    files = db_c_files(tree)
    print(f"{len(files)} C files in {tree}/compile_commands.json",
          file=sys.stderr)

    summary = {"files": len(files), "jobs": a.jobs}
    if not a.skip_clang:
        c_wall, c_rss, c_failed = run_clang(tree, files, a.jobs)
        summary.update(clang_wall_s=round(c_wall, 1),
                       clang_peak_mib=round(c_rss / 1024),
                       clang_failed=c_failed)
        print(f"clang-19 -fsyntax-only: {c_wall:.1f} s, peak "
              f"{c_rss / 1024:.0f} MiB, {len(c_failed)} failed",
              file=sys.stderr)

    if a.keep_cache:
        cache = os.path.abspath(a.keep_cache)
        shutil.rmtree(cache, ignore_errors=True)
        os.makedirs(cache)
    else:
        cache = tempfile.mkdtemp(prefix="holdwait-whole-kernel-cache-")
    try:
        json_out = os.path.join(a.out, "findings.json")
        cmd = holdwait_cmd(holdwait, tree, files, a.jobs, cache, "json",
                           json_out)
        h_wall, h_rss, h_rc = timed(
            cmd, tree, os.path.join(a.out, "holdwait.stderr"))
        text_out = os.path.join(a.out, "findings.txt")
        cmd = holdwait_cmd(holdwait, tree, files, a.jobs, cache, "text",
                           text_out)
        w_wall, w_rss, w_rc = timed(
            cmd, tree, os.path.join(a.out, "holdwait-warm.stderr"))
    finally:
        if not a.keep_cache:
            shutil.rmtree(cache, ignore_errors=True)
    summary.update(holdwait_wall_s=round(h_wall, 1),
                   holdwait_peak_mib=round(h_rss / 1024),
                   holdwait_exit=h_rc, holdwait_crashed=crashed(h_rc),
                   warm_wall_s=round(w_wall, 1),
                   warm_peak_mib=round(w_rss / 1024), warm_exit=w_rc,
                   warm_crashed=crashed(w_rc))
    if not a.skip_clang:
        summary["ratio"] = round(h_wall / summary["clang_wall_s"], 2)

    report = {}
    if os.path.exists(json_out):
        with open(json_out) as f:
            report = json.load(f)
    findings = report.get("findings", [])
    per_check = {}
    for fi in findings:
        per_check[fi["check"]] = per_check.get(fi["check"], 0) + 1
    summary.update(findings=len(findings), findings_per_check=per_check,
                   input_errors=len(report.get("errors", [])),
                   notes=report.get("notes", []))
    with open(os.path.join(a.out, "summary.json"), "w") as f:
        json.dump(summary, f, indent=2)

    write_triage(text_out, tree, a.out, a.sample, a.seed)
    write_classes(json_out, tree, a.out)

    rows = [
        ("C files", f"{len(files)}"),
        ("jobs", f"-j{a.jobs}"),
    ]
    if not a.skip_clang:
        rows += [("clang-19 -fsyntax-only",
                  f"{summary['clang_wall_s']} s, peak "
                  f"{summary['clang_peak_mib']} MiB, "
                  f"{len(summary['clang_failed'])} file(s) failed"),
                 ("ratio holdwait/clang", f"{summary['ratio']}")]
    rows += [
        ("holdwait (cold cache, JSON)",
         f"{summary['holdwait_wall_s']} s, peak "
         f"{summary['holdwait_peak_mib']} MiB, exit {h_rc}"
         + (" CRASHED" if summary["holdwait_crashed"] else "")),
        ("holdwait (warm cache, text)",
         f"{summary['warm_wall_s']} s, peak {summary['warm_peak_mib']} MiB, "
         f"exit {w_rc}" + (" CRASHED" if summary["warm_crashed"] else "")),
        ("input errors", f"{summary['input_errors']}"),
        ("findings", f"{len(findings)}"),
    ] + [(f"  {c}", f"{n}") for c, n in sorted(per_check.items())]
    md = "| measure | value |\n|---|---|\n" + "".join(
        f"| {k} | {v} |\n" for k, v in rows)
    with open(os.path.join(a.out, "summary.md"), "w") as f:
        f.write(md)
    print(md)
    return 1 if summary["holdwait_crashed"] or summary["warm_crashed"] else 0


if __name__ == "__main__":
    sys.exit(main())

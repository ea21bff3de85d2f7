#!/usr/bin/env python3
"""Seed 001 across subsystems, on the real Linux 6.12 tree.

    cross_subsystem.py HOLDWAIT [--results DIR] [--cache-dir TREE_CACHE]

holdwait analyzes, as one program, the IRQ core (kernel/irq/manage.c,
kernel/irq/irqdesc.c), the scheduler (kernel/sched/core.c) and KVM
(virt/kvm/kvm_main.c, arch/x86/kvm/x86.c, svm/svm.c, svm/avic.c), and must:

  1. derive irq_desc.lock -> rq.__lock, with evidence through the wakeup in
     irq_set_thread_affinity() under desc->lock;
  2. derive rq.__lock -> vcpu_svm.ir_list_lock: kvm_sched_out() (stored in
     preempt_ops.sched_out, run under the runqueue lock) -> kvm_arch_vcpu_put()
     -> the vcpu_put static call -> svm_vcpu_put() -> avic_vcpu_put();
  3. explain both orders with --explain-lock-order;
  4. report no lock-order cycle through ir_list_lock: 6.12 has none;
  5. after a scripted edit of the unpacked avic.c that holds
     svm->ir_list_lock around avic_pi_update_irte()'s irq_set_vcpu_affinity()
     call (the 2025 series' shape; a few lines of ours, no kernel code kept
     here), report seed 001's three-lock cycle. The original avic.c is put
     back however the run ends.

The second run reuses the cache of the first (only avic.c is parsed again).
Exit status: 0 pass, 1 an expectation failed, 2 could not run.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
FILES = ["kernel/irq/manage.c", "kernel/irq/irqdesc.c", "kernel/sched/core.c",
         "virt/kvm/kvm_main.c", "arch/x86/kvm/x86.c",
         "arch/x86/kvm/svm/svm.c", "arch/x86/kvm/svm/avic.c"]
AVIC = "arch/x86/kvm/svm/avic.c"
SEED001 = {"vcpu_svm.ir_list_lock", "irq_desc.lock", "rq.__lock"}
# The edit: inside avic_pi_update_irte(), the guest-mode IRTE update.
ANCHOR = "pi.vcpu_data = &vcpu_info;"
TARGET = "ret = irq_set_vcpu_affinity(host_irq, &pi);"


def log(msg):
    print(f"[kernel-cross] {msg}", file=sys.stderr, flush=True)


def die(msg):
    log(f"ERROR: {msg}")
    sys.exit(2)


def edit_avic(text):
    """Wraps the guest-mode irq_set_vcpu_affinity() call in ir_list_lock."""
    lines = text.split("\n")
    hits = [i for i, l in enumerate(lines)
            if l.strip() == TARGET
            and any(ANCHOR in p for p in lines[max(0, i - 6):i])]
    if len(hits) != 1:
        die(f"{AVIC}: expected one '{TARGET}' right after '{ANCHOR}', "
            f"found {len(hits)}; the file does not have the 6.12 shape")
    i = hits[0]
    indent = lines[i][:len(lines[i]) - len(lines[i].lstrip())]
    lines[i:i + 1] = [
        indent + "{ /* holdwait test: the 2025 shape of seed 001 */",
        indent + "\tunsigned long hw_flags;",
        indent + "\tspin_lock_irqsave(&svm->ir_list_lock, hw_flags);",
        indent + "\t" + TARGET,
        indent + "\tspin_unlock_irqrestore(&svm->ir_list_lock, hw_flags);",
        indent + "}",
    ]
    return "\n".join(lines)


def run(holdwait, tree, extra, out_path=None):
    cmd = [holdwait, "-p", tree, "-j2",
           "--annotations", os.path.join(REPO, "annotations", "kvm.yaml")]
    cmd += extra + [os.path.join(tree, f) for f in FILES]
    p = subprocess.run(cmd, capture_output=True, text=True)
    if out_path:
        with open(out_path, "w") as f:
            f.write(p.stdout)
        with open(out_path + ".stderr", "w") as f:
            f.write(p.stderr)
    return p


def cycles_through(report, lock):
    return [f for f in report["findings"]
            if f["check"] == "lock-order-cycle" and f.get("order")
            and f["order"][0]["from"] == f["order"][-1]["to"]
            and any(o["from"] == lock for o in f["order"])]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("holdwait")
    ap.add_argument("--results")
    ap.add_argument("--cache-dir", help="kernel tree location for prepare.sh")
    a = ap.parse_args()
    holdwait = os.path.abspath(a.holdwait)

    prep = [os.path.join(HERE, "prepare.sh")] + (
        [a.cache_dir] if a.cache_dir else [])
    p = subprocess.run(prep, stdout=subprocess.PIPE, text=True)
    if p.returncode != 0 or not p.stdout.strip():
        die("prepare.sh failed")
    tree = p.stdout.strip().splitlines()[-1]
    results = a.results or os.path.join(os.path.dirname(tree), "results-cross")
    shutil.rmtree(results, ignore_errors=True)
    os.makedirs(results)
    cache = ["--cache-dir", os.path.join(results, "cache")]
    problems = []

    # --- 1-4: the unmodified tree ---------------------------------------------
    log(f"holdwait on {len(FILES)} files of {tree}")
    graph_path = os.path.join(results, "lock-graph.json")
    p = run(holdwait, tree, cache + ["--format", "json",
                                     "--dump-lock-graph=" + graph_path],
            os.path.join(results, "original.json"))
    if p.returncode not in (0, 1):
        die(f"holdwait exited {p.returncode}:\n{p.stderr[-3000:]}")
    report = json.loads(p.stdout)
    if report["errors"]:
        problems.append(f"input errors: {report['errors']}")
    graph = json.load(open(graph_path))
    edges = {(e["from"], e["to"]): e for e in graph["edges"]}

    def evidence(frm, to, want):
        e = edges.get((frm, to))
        if not e:
            problems.append(f"no lock-order edge {frm} -> {to}")
            return
        for x in e["evidence"]:
            names = [x["function"]] + [c["callee"] for c in x["chain"]]
            if all(w in names for w in want):
                log(f"edge {frm} -> {to}: {' -> '.join(names)}")
                return
        problems.append(f"edge {frm} -> {to} has no evidence through "
                        f"{', '.join(want)}")

    evidence("irq_desc.lock", "rq.__lock",
             ["irq_set_thread_affinity", "wake_up_process"])
    evidence("rq.__lock", "vcpu_svm.ir_list_lock",
             ["kvm_sched_out", "kvm_arch_vcpu_put", "svm_vcpu_put",
              "avic_vcpu_put"])

    for frm, to, want in [("irq_desc.lock", "rq.__lock", ["__irq_set_affinity"]),
                          ("rq.__lock", "vcpu_svm.ir_list_lock",
                           ["kvm_sched_out()", "kvm_arch_vcpu_put()",
                            "svm_vcpu_put()", "avic_vcpu_put()"])]:
        name = f"explain-{frm}-{to}.txt"
        q = run(holdwait, tree, cache + ["--explain-lock-order", frm, to],
                os.path.join(results, name))
        if q.returncode != 0 or any(w not in q.stdout for w in want):
            problems.append(f"--explain-lock-order {frm} {to} (exit "
                            f"{q.returncode}) does not show {want}: see {name}")

    bad = cycles_through(report, "vcpu_svm.ir_list_lock")
    if bad:
        problems.append("6.12 has no cycle through ir_list_lock, but: " +
                        "; ".join(f["message"] for f in bad))

    # --- 5: the 2025 shape --------------------------------------------------------
    path = os.path.join(tree, AVIC)
    orig = path + ".holdwait-orig"
    if not os.path.exists(orig):
        shutil.copyfile(path, orig)
    try:
        shutil.copyfile(orig, path)
        with open(path) as f:
            text = f.read()
        with open(path, "w") as f:
            f.write(edit_avic(text))
        log("avic.c edited: ir_list_lock held around irq_set_vcpu_affinity()")
        p = run(holdwait, tree, cache + ["--format", "json"],
                os.path.join(results, "edited.json"))
        if p.returncode not in (0, 1):
            die(f"holdwait exited {p.returncode} on the edited tree:\n"
                f"{p.stderr[-3000:]}")
        edited = json.loads(p.stdout)
        if edited["errors"]:
            problems.append(f"input errors after the edit: {edited['errors']}")
        seed = [f for f in cycles_through(edited, "vcpu_svm.ir_list_lock")
                if {o["from"] for o in f["order"]} == SEED001]
        if len(seed) != 1:
            problems.append(f"expected seed 001's cycle once after the edit, "
                            f"found {len(seed)}")
        else:
            log("after the edit: " + seed[0]["message"])
        if "7 of 7" in p.stderr or "6 of 7" not in p.stderr:
            problems.append("the edited run should reuse the 6 unchanged "
                            "units from the cache: " +
                            p.stderr.strip().splitlines()[-2:][0])
    finally:
        shutil.copyfile(orig, path)
        os.remove(orig)

    n = len(report["findings"])
    print(f"cross-subsystem: {len(FILES)} files, {len(graph['nodes'])} lock "
          f"classes, {len(graph['edges'])} order edges, {n} finding(s) on "
          f"6.12, seed 001 after the edit: {'yes' if not problems else '?'}")
    if problems:
        print(f"FAIL: {len(problems)} problem(s):")
        for pr in problems:
            print(f"  - {pr}")
        return 1
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Checks holdwait's JSON output on the real Linux 6.12 tree against what we
know must (and must not) be reported.  Called by run.sh; can be run by hand on
saved results:

    check_results.py --tree TREE --results DIR [--triaged FILE]

DIR holds what run.sh saved:
    original.json, original.rc  holdwait on eventfd.c + svm/avic.c, unmodified
    fixed.json, fixed.rc        holdwait on eventfd.c with the seed-000 fix

Expectations:
  * both runs: holdwait's exit status is 0 or 1, the output is version-1 JSON,
    and its "errors" list is empty;
  * original: check grace-period-under-lock with lock kvm.irqfds.resampler_lock
    in virt/kvm/eventfd.c at exactly three places, found by searching the
    kernel file now (line numbers move between Debian point releases):
      - irqfd_resampler_shutdown(): the kvm_unregister_irq_ack_notifier() call
        (callee kvm_unregister_irq_ack_notifier), and the direct
        synchronize_srcu*(&kvm->irq_srcu) in the else-branch;
      - kvm_irqfd_assign(): the direct synchronize_srcu*(&kvm->irq_srcu) right
        after list_add_rcu(&irqfd->resampler_link, ...);
  * fixed: no grace-period-under-lock finding with that lock in eventfd.c;
  * every other finding (either run) is listed in the triage file, so a new
    false positive cannot slip in silently.  Triage lines are
        <check> <relative file> <function> <lock> <callee>  # true|false positive: why
    with "-" for an empty lock or callee; line numbers are left out on purpose.

Exit status 0 when all hold, 1 with one message per broken expectation.
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seed000_fix import ShapeError, function_body  # noqa: E402  (same directory)

EVENTFD = "virt/kvm/eventfd.c"
CHECK = "grace-period-under-lock"
LOCK = "kvm.irqfds.resampler_lock"
REQUIRED_FIELDS = ("check", "file", "line", "function", "lock", "callee", "message")

RE_SYNC = re.compile(r"^\s*(synchronize_srcu(?:_expedited)?)\(&kvm->irq_srcu\);\s*$")
RE_UNREGISTER = re.compile(r"^\s*(kvm_unregister_irq_ack_notifier)\(")
RE_ADD_IRQFD = re.compile(
    r"^\s*list_add_rcu\(&irqfd->resampler_link, &irqfd->resampler->list\);\s*$")


class Expected:
    def __init__(self, function, line, callee, what):
        self.function, self.line, self.callee, self.what = function, line, callee, what

    def __str__(self):
        return f"{EVENTFD}:{self.line} in {self.function}(): {self.what} (callee {self.callee})"


def expected_places(eventfd_path):
    """The three places in the unmodified eventfd.c, as (function, 1-based
    line, callee).  Fails with a clear message if the file's shape changed."""
    with open(eventfd_path) as f:
        lines = f.readlines()
    places = []

    def in_range(a, b, rx, what, fn):
        hits = [i for i in range(a, b) if rx.match(lines[i])]
        if len(hits) != 1:
            raise ShapeError(f"expected one {what} in {fn}(), found {len(hits)}")
        return hits[0]

    fn = "irqfd_resampler_shutdown"
    o, c = function_body(lines, fn)
    i = in_range(o, c, RE_UNREGISTER, "kvm_unregister_irq_ack_notifier() call", fn)
    places.append(Expected(fn, i + 1, "kvm_unregister_irq_ack_notifier",
                           "kvm_unregister_irq_ack_notifier() (synchronizes irq_srcu inside)"))
    i = in_range(o, c, RE_SYNC, "synchronize_srcu*(&kvm->irq_srcu) statement", fn)
    callee = RE_SYNC.match(lines[i]).group(1)
    places.append(Expected(fn, i + 1, callee, f"direct {callee}()"))

    fn = "kvm_irqfd_assign"
    o, c = function_body(lines, fn)
    a = in_range(o, c, RE_ADD_IRQFD, "list_add_rcu(&irqfd->resampler_link, ...)", fn)
    j = a + 1
    while j < c and not lines[j].strip():
        j += 1
    m = RE_SYNC.match(lines[j])
    if not m:
        raise ShapeError(f"no synchronize_srcu*(&kvm->irq_srcu) right after list_add_rcu in {fn}()")
    places.append(Expected(fn, j + 1, m.group(1), f"direct {m.group(1)}()"))
    return places


def load_triage(path):
    """{(check, file, function, lock, callee): comment}; malformed lines are
    errors, so a typo cannot silently triage nothing."""
    triaged, problems = {}, []
    if not os.path.exists(path):
        return triaged, [f"triage file {path} not found"]
    with open(path) as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            key_part, sep, comment = line.partition("#")
            fields = key_part.split()
            if len(fields) != 5 or not sep:
                problems.append(f"{path}:{n}: want '<check> <file> <function> <lock> <callee>  "
                                f"# true|false positive: why', got: {line}")
                continue
            if not re.match(r"\s*(true|false) positive:\s*\S", comment):
                problems.append(f"{path}:{n}: the comment must start with 'true positive:' or "
                                f"'false positive:' and say why, got: #{comment}")
                continue
            triaged[tuple(fields)] = comment.strip()
    return triaged, problems


def load_run(results, name, problems):
    """Parsed JSON of one run and its exit status; records problems."""
    rc_path = os.path.join(results, name + ".rc")
    json_path = os.path.join(results, name + ".json")
    try:
        rc = int(open(rc_path).read().strip())
    except (OSError, ValueError) as e:
        problems.append(f"{name}: cannot read holdwait's exit status from {rc_path}: {e}")
        rc = None
    if rc is not None and rc not in (0, 1):
        problems.append(f"{name}: holdwait exited with status {rc} (0 or 1 expected; "
                        f"2 means it failed: see {os.path.join(results, name + '.stderr')})")
    try:
        with open(json_path) as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        problems.append(f"{name}: {json_path} is not readable JSON: {e}")
        return None, rc
    if not isinstance(data, dict) or data.get("version") != 1:
        problems.append(f"{name}: output is not holdwait JSON version 1")
        return None, rc
    findings, errors = data.get("findings"), data.get("errors")
    if not isinstance(findings, list) or not isinstance(errors, list):
        problems.append(f"{name}: 'findings' and 'errors' must both be lists")
        return None, rc
    for e in errors:
        problems.append(f"{name}: holdwait reported an error: {json.dumps(e)}")
    good = []
    for k, f in enumerate(findings):
        missing = [x for x in REQUIRED_FIELDS if not isinstance(f, dict) or x not in f]
        if missing:
            problems.append(f"{name}: finding #{k} lacks {', '.join(missing)}: {json.dumps(f)}")
        else:
            good.append(f)
    data["findings"] = good
    if rc == 0 and good:
        print(f"note: {name}: holdwait exited 0 although it reported {len(good)} finding(s)")
    return data, rc


def rel(tree, path):
    p = os.path.realpath(path)
    return os.path.relpath(p, tree) if p.startswith(tree + os.sep) else p


def key(tree, f):
    return (str(f["check"]), rel(tree, str(f["file"])), str(f["function"] or "-"),
            str(f["lock"] or "-"), str(f["callee"] or "-"))


def describe(tree, f):
    return (f"{f['check']} {rel(tree, str(f['file']))}:{f['line']} in {f['function']}() "
            f"lock {f['lock']} callee {f['callee'] or '-'}")


def is_seed_finding(tree, f):
    return (f["check"] == CHECK and f["lock"] == LOCK
            and rel(tree, str(f["file"])) == EVENTFD)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", required=True, help="the kernel tree (prepare.sh's output)")
    ap.add_argument("--results", required=True, help="directory run.sh saved results in")
    ap.add_argument("--triaged", default=os.path.join(os.path.dirname(
        os.path.abspath(__file__)), "triaged.txt"))
    ap.add_argument("--eventfd", help="unmodified eventfd.c to locate the expected lines in "
                    "(default: TREE/virt/kvm/eventfd.c.orig if present, else TREE/virt/kvm/eventfd.c)")
    args = ap.parse_args()

    tree = os.path.realpath(args.tree)
    problems = []
    eventfd = args.eventfd
    if not eventfd:
        orig = os.path.join(tree, EVENTFD + ".orig")
        eventfd = orig if os.path.exists(orig) else os.path.join(tree, EVENTFD)
    try:
        expected = expected_places(eventfd)
    except (OSError, ShapeError) as e:
        print(f"FAIL: cannot locate the expected places in {eventfd}: {e}")
        return 1

    triaged, tproblems = load_triage(args.triaged)
    problems += tproblems
    used_triage = set()

    def triage_others(name, others):
        untriaged = []
        for f in others:
            k = key(tree, f)
            if k in triaged:
                used_triage.add(k)
                print(f"  {name}: {describe(tree, f)}  #{triaged[k].split(':', 1)[0]}")
            else:
                untriaged.append(f)
        for f in untriaged:
            k = key(tree, f)
            problems.append(f"{name}: untriaged finding {describe(tree, f)}\n"
                            f"      message: {f['message']}\n"
                            f"      triage it in {args.triaged} with a line like:\n"
                            f"      {' '.join(k)}  # true|false positive: <why>")
            print(f"  {name}: UNTRIAGED {describe(tree, f)}")

    # --- original run -----------------------------------------------------
    orig, orig_rc = load_run(args.results, "original", problems)
    n_orig = n_other_orig = 0
    if orig is not None:
        findings = orig["findings"]
        n_orig = len(findings)
        seed = [f for f in findings if is_seed_finding(tree, f)]
        others = [f for f in findings if not is_seed_finding(tree, f)]
        matched = {id(e): [] for e in expected}
        stray = []
        for f in seed:
            hits = [e for e in expected if f["line"] == e.line]
            (matched[id(hits[0])] if hits else stray).append(f)
        print(f"original run (exit {orig_rc}): {n_orig} finding(s); "
              f"{CHECK} on {LOCK} in {EVENTFD}:")
        for e in expected:
            got = matched[id(e)]
            if not got:
                problems.append(f"original: missing {CHECK} / {LOCK} at {e}")
                print(f"  MISSING   {e}")
                continue
            for f in got:
                bad = []
                if f["function"] != e.function:
                    bad.append(f"function is {f['function']!r}, want {e.function!r}")
                if f["callee"] != e.callee:
                    bad.append(f"callee is {f['callee']!r}, want {e.callee!r}")
                if bad:
                    problems.append(f"original: finding at {EVENTFD}:{e.line}: {'; '.join(bad)}")
            if len(got) > 1:
                problems.append(f"original: {len(got)} findings at {e} (one expected)")
            print(f"  {'found' if len(got) == 1 else 'found x%d' % len(got):9} {e}")
        for f in stray:
            problems.append(f"original: unexpected {CHECK} / {LOCK} finding at "
                            f"{EVENTFD}:{f['line']} in {f['function']}() callee {f['callee']} "
                            f"(only lines {', '.join(str(e.line) for e in expected)} expected)")
            print(f"  UNEXPECTED {describe(tree, f)}")
        n_other_orig = len(others)
        if others:
            print(f"  other findings ({len(others)}), each must be in the triage list:")
        triage_others("original", others)

    # --- fixed run --------------------------------------------------------
    fixed, fixed_rc = load_run(args.results, "fixed", problems)
    n_fixed = 0
    if fixed is not None:
        findings = fixed["findings"]
        n_fixed = len(findings)
        seed = [f for f in findings if is_seed_finding(tree, f)]
        others = [f for f in findings if not is_seed_finding(tree, f)]
        print(f"fixed run (exit {fixed_rc}): {n_fixed} finding(s); "
              f"{CHECK} on {LOCK} in {EVENTFD}: {len(seed)} (0 expected)")
        for f in seed:
            problems.append(f"fixed: still reported after the seed-000 fix: {describe(tree, f)}")
        triage_others("fixed", others)

    stale = sorted(set(triaged) - used_triage)
    if stale:
        print(f"note: {len(stale)} triage line(s) matched no finding (stale?):")
        for k in stale:
            print(f"  {' '.join(k)}")

    print(f"summary: original {n_orig} finding(s) ({n_orig - n_other_orig} on the seed lock, "
          f"{n_other_orig} other), fixed {n_fixed}, triage lines {len(triaged)}")
    if problems:
        print(f"FAIL: {len(problems)} problem(s):")
        for p in problems:
            print(f"  - {p}")
        return 1
    print("PASS: kernel expectations hold")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Runs holdwait over one example and compares with its expected findings.

Usage: check_example.py <holdwait> <example dir> [--update]

Every expected-findings*.txt file of the example is one run of holdwait
(expected-findings.txt, and e.g. expected-findings-kvm.txt for a run with
more annotations). Each holds one line per finding,
  <check> <file relative to the example>:<line> <function> lock=<class>
  callee=<callee> domain=<what the wait waits for>[ order=<a->b->...>]
(order only for lock-order findings) sorted by file and line; `#` lines are
comments, a `# holdwait-args: ...` line gives extra arguments (paths
relative to the repository root), and `# holdwait-database: <dir>` runs on
<example>/<dir>/compile_commands.json instead of the example's own (for
examples whose variants define the same functions and so cannot be linked
into one program). The example's fixed variants contribute no
lines, so a finding in them fails the test.
"""
import json
import os
import shlex
import subprocess
import sys


def finding_line(f, example):
    rel = os.path.relpath(f["file"], example)
    line = (f"{f['check']} {rel}:{f['line']} {f['function']} lock={f['lock']} "
            f"callee={f['callee']} domain={f['domain']}")
    if f.get("order"):
        line += " order=" + "->".join([f["order"][0]["from"]] +
                                      [o["to"] for o in f["order"]])
    return rel, f["line"], line


def main():
    holdwait, example = sys.argv[1], os.path.abspath(sys.argv[2])
    update = "--update" in sys.argv[3:]
    runs = sorted(n for n in os.listdir(example)
                  if n.startswith("expected-findings") and n.endswith(".txt"))
    if not runs:
        print(f"FAIL: no expected-findings*.txt in {example}")
        return 1
    return max(check_run(holdwait, example, os.path.join(example, n), update)
               for n in runs)


def check_run(holdwait, example, expected_file, update):
    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    header, expected, extra = [], [], []
    database = example
    with open(expected_file) as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.append(line)
                if line.startswith("# holdwait-database:"):
                    database = os.path.join(example, line.split(":", 1)[1].strip())
                if line.startswith("# holdwait-args:"):
                    for arg in shlex.split(line.split(":", 1)[1]):
                        extra.append(arg if arg.startswith("-") else os.path.join(repo, arg))
            elif line.strip():
                expected.append(line)

    cmd = [holdwait, "-p", database, "--format", "json"] + extra
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        print(f"FAIL: {' '.join(cmd)} exited {proc.returncode}\n{proc.stderr}")
        return 1
    report = json.loads(proc.stdout)
    if report["errors"]:
        print(f"FAIL: input errors: {report['errors']}")
        return 1
    rows = sorted(finding_line(f, example) for f in report["findings"])
    actual = [r[2] for r in rows]
    if proc.returncode != (1 if actual else 0):
        print(f"FAIL: exit status {proc.returncode} with {len(actual)} findings")
        return 1
    if update:
        with open(expected_file, "w") as f:
            f.write("\n".join(header + actual) + "\n")
        print(f"updated {expected_file} ({len(actual)} findings)")
        return 0
    if sorted(actual) != sorted(expected):
        missing = [l for l in expected if l not in actual]
        extra_found = [l for l in actual if l not in expected]
        print(f"FAIL: {os.path.basename(expected_file)}: findings differ")
        for l in missing:
            print(f"  missing:    {l}")
        for l in extra_found:
            print(f"  unexpected: {l}")
        return 1
    print(f"PASS: {os.path.basename(example)}/{os.path.basename(expected_file)}: "
          f"{len(actual)} findings as expected")
    return 0


if __name__ == "__main__":
    sys.exit(main())

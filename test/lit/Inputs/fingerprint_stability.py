#!/usr/bin/env python3
"""Checks that finding fingerprints survive unrelated edits.

Usage: fingerprint_stability.py <holdwait> <source> <work dir> [<compiler arg>...]

Copies <source> into <work dir>/src/ and runs holdwait from <work dir> (so
paths are relative, as in CI) in the sarif and codeclimate formats, then:

1. inserts lines at the top of the copy and runs again: every finding moves
   down by that many lines, and every SARIF partialFingerprint and GitLab
   fingerprint stays the same (and the two formats agree);
2. duplicates the line of the last finding (the same call twice): the old
   fingerprints stay and the new finding gets one of its own.

Prints one line per step and exits 0, or prints the problem and exits 1.
"""
import json
import os
import re
import shutil
import subprocess
import sys

INSERTED = ["// an unrelated edit above every finding", "", "/* and a comment",
            "   over two lines */", ""]


def run(holdwait, work, name, fmt, args):
    cmd = [holdwait, f"--format={fmt}", os.path.join("src", name), "--"] + args
    proc = subprocess.run(cmd, cwd=work, capture_output=True, text=True)
    if proc.returncode != 1:
        sys.exit(f"FAIL: {' '.join(cmd)} exited {proc.returncode}\n{proc.stderr}")
    return json.loads(proc.stdout)


def report(holdwait, work, name, args):
    """[(line, sarif fingerprint)] and the codeclimate fingerprints."""
    sarif = run(holdwait, work, name, "sarif", args)
    results = sarif["runs"][0]["results"]
    rows = [(r["locations"][0]["physicalLocation"]["region"]["startLine"],
             r["partialFingerprints"]["holdwait/v1"]) for r in results]
    climate = [i["fingerprint"] for i in run(holdwait, work, name, "codeclimate", args)]
    if climate != [fp for _, fp in rows]:
        sys.exit(f"FAIL: codeclimate fingerprints {climate} differ from SARIF's {rows}")
    if not all(re.fullmatch("[0-9a-f]{32}", fp) for fp in climate):
        sys.exit(f"FAIL: fingerprints are not 32 hex digits: {climate}")
    if len(set(climate)) != len(climate):
        sys.exit(f"FAIL: two findings share a fingerprint: {rows}")
    return rows


def main():
    holdwait, source, work = (os.path.abspath(p) for p in sys.argv[1:4])
    args = sys.argv[4:]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "src"))
    name = os.path.basename(source)
    copy = os.path.join(work, "src", name)
    shutil.copy(source, copy)

    before = report(holdwait, work, name, args)
    if not before:
        sys.exit("FAIL: no findings to compare")

    with open(copy) as f:
        lines = f.read().split("\n")
    with open(copy, "w") as f:
        f.write("\n".join(INSERTED + lines))
    after = report(holdwait, work, name, args)
    shift = len(INSERTED)
    if [line + shift for line, _ in before] != [line for line, _ in after]:
        sys.exit(f"FAIL: findings did not move by {shift} lines: {before} -> {after}")
    if [fp for _, fp in before] != [fp for _, fp in after]:
        sys.exit(f"FAIL: fingerprints changed when lines were inserted: {before} -> {after}")
    print(f"moved by {shift} lines: {len(after)} fingerprint(s) unchanged")

    last = after[-1][0]
    with open(copy) as f:
        lines = f.read().split("\n")
    lines.insert(last, lines[last - 1])
    with open(copy, "w") as f:
        f.write("\n".join(lines))
    duplicated = report(holdwait, work, name, args)
    old = {fp for _, fp in after}
    new = {fp for _, fp in duplicated}
    if len(duplicated) != len(after) + 1 or not old < new:
        sys.exit(f"FAIL: duplicating line {last}: {after} -> {duplicated}")
    print(f"line {last} duplicated: old fingerprint(s) kept, 1 new")
    return 0


if __name__ == "__main__":
    sys.exit(main())

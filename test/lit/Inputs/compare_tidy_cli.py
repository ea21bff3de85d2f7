#!/usr/bin/env python3
"""Compares what the clang-tidy plugin and the holdwait command report.

Usage: compare_tidy_cli.py --holdwait H --clang-tidy T --plugin P
                           --repo R --work DIR

Every translation unit of the examples (each compile_commands.json under
R/examples) and every lit test input of R/test/lit/{kernel,checks,posix,cxx}
whose first RUN line is `%holdwait %s [--annotations F|--checks=C]... -- <flags>` is
analyzed alone by both tools: `holdwait -p <db> <file>` (a one-unit program)
and `clang-tidy --load P -p <db> <file>`. The examples run twice, without
and with annotations/kvm.yaml (their expected-findings files use both). The
sets of (file, line, check) must be equal; every difference is printed, then
`parity: U units, F findings, D differences`. Exit status 1 on differences.
"""
import argparse
import json
import os
import re
import shlex
import subprocess
import sys

WARNING = re.compile(r"^(.*?):(\d+):\d+: warning: .* \[holdwait-([a-z-]+)\]$")


def cli_findings(args, db, source, annotations):
    cmd = [args.holdwait, "-p", db, source, "--format=json"]
    for a in annotations:
        cmd += ["--annotations", a]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode not in (0, 1):
        sys.exit(f"error: {' '.join(cmd)} exited {proc.returncode}:\n"
                 f"{proc.stderr}")
    report = json.loads(proc.stdout)
    return {(os.path.realpath(f["file"]), f["line"], f["check"])
            for f in report["findings"]}


def tidy_findings(args, db, source, directory, annotations):
    config = {"CheckOptions": {"AnnotationFiles": ";".join(annotations)}}
    cmd = [args.clang_tidy, "--load=" + args.plugin, "-checks=-*,holdwait-*",
           "--header-filter=.*", "--config=" + json.dumps(config), "-p", db,
           source]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: {' '.join(cmd)} exited {proc.returncode}:\n"
                 f"{proc.stdout}{proc.stderr}")
    found = set()
    for line in proc.stdout.splitlines():
        m = WARNING.match(line)
        if m:
            # Printed as the compile command names it: relative to its
            # directory.
            found.add((os.path.realpath(os.path.join(directory, m.group(1))),
                       int(m.group(2)), m.group(3)))
    return found


def absolute_database(db_file, out_dir):
    """The database with every directory absolute: clang-tidy resolves a
    relative one against its own working directory, holdwait against the
    database's."""
    with open(db_file) as f:
        entries = json.load(f)
    base = os.path.dirname(os.path.abspath(db_file))
    for e in entries:
        e["directory"] = os.path.normpath(os.path.join(base, e["directory"]))
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(out_dir, "compile_commands.json"), "w") as f:
        json.dump(entries, f, indent=1)
    return [(os.path.normpath(os.path.join(e["directory"], e["file"])),
             e["directory"]) for e in entries]


def example_units(args):
    """(database dir, source, directory, annotations) per example unit."""
    kvm = os.path.join(args.repo, "annotations", "kvm.yaml")
    examples = os.path.join(args.repo, "examples")
    for root, _, files in sorted(os.walk(examples)):
        if "compile_commands.json" not in files:
            continue
        rel = os.path.relpath(root, examples)
        db = os.path.join(args.work, "db", rel)
        for source, directory in absolute_database(
                os.path.join(root, "compile_commands.json"), db):
            yield db, source, directory, []
            yield db, source, directory, [kvm]


def lit_units(args):
    """Lit inputs run as `%holdwait %s ... -- <flags>`."""
    lit = os.path.join(args.repo, "test", "lit")
    inputs = os.path.join(lit, "Inputs")
    # --checks is dropped: both tools run every check.
    run = re.compile(r"^// RUN: (?:not )?%holdwait %s"
                     r"((?: --(?:annotations[= ]|checks=)\S+)*)"
                     r" -- (.*?) (?:2>&1 )?\| FileCheck")
    for sub in ("kernel", "checks", "posix", "cxx"):
        d = os.path.join(lit, sub)
        for name in sorted(os.listdir(d)):
            path = os.path.join(d, name)
            if not os.path.isfile(path):
                continue
            with open(path) as f:
                first = next((l for l in f if l.startswith("// RUN:")), "")
            m = run.match(first)
            if not m:
                continue
            subst = {"%inputs": inputs, "%S": d,
                     "%annotations": os.path.join(args.repo, "annotations")}

            def expand(s):
                for k, v in subst.items():
                    s = s.replace(k, v)
                return s

            annotations = [expand(a) for a in
                           re.findall(r"--annotations[= ](\S+)", m.group(1))]
            flags = [a for a in shlex.split(expand(m.group(2)))
                     if a != "2>&1"]
            db = os.path.join(args.work, "lit", sub, name)
            os.makedirs(db, exist_ok=True)
            compiler = "clang++-19" if name.endswith(".cpp") else "clang-19"
            with open(os.path.join(db, "compile_commands.json"), "w") as f:
                json.dump([{"directory": d, "file": path,
                            "arguments": [compiler] + flags +
                            ["-c", path]}], f)
            yield db, path, d, annotations


def main():
    p = argparse.ArgumentParser()
    for opt in ("--holdwait", "--clang-tidy", "--plugin", "--repo", "--work"):
        p.add_argument(opt, required=True)
    args = p.parse_args()
    units = findings = differences = 0
    for db, source, directory, annotations in list(
            example_units(args)) + list(lit_units(args)):
        cli = cli_findings(args, db, source, annotations)
        tidy = tidy_findings(args, db, source, directory, annotations)
        units += 1
        findings += len(cli)
        with_ann = " with " + ", ".join(os.path.basename(a)
                                        for a in annotations) if annotations else ""
        for f in sorted(cli - tidy):
            differences += 1
            print(f"only holdwait: {f[0]}:{f[1]} {f[2]} ({source}{with_ann})")
        for f in sorted(tidy - cli):
            differences += 1
            print(f"only clang-tidy: {f[0]}:{f[1]} {f[2]} ({source}{with_ann})")
    print(f"parity: {units} units, {findings} findings, "
          f"{differences} differences")
    return 1 if differences else 0


if __name__ == "__main__":
    sys.exit(main())

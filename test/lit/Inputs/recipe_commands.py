#!/usr/bin/env python3
"""Runs the holdwait commands of the CI recipes in docs/integrations/examples/.

Usage: recipe_commands.py <holdwait> <repository> <work dir>

For each example YAML file (GitHub code scanning, reviewdog, GitLab CI):

1. the file must parse as YAML (and look like a workflow / a CI file);
2. every `holdwait -p ...` command in its shell lines (`run:` of GitHub
   steps, `script:` of GitLab jobs) is taken literally, up to a pipe, `||`
   or `;`, and each must also appear, word for word, on the recipe's page
   (docs/integrations/<name>.md), which shows the whole file as it is;
3. each command runs with `sh -c` in a git repository made from
   examples/kvm-irqfd (seed 000), with the documented placeholders set:
   BUILD_DIR=examples/kvm-irqfd, HOLDWAIT_FLAGS=--annotations
   annotations/kvm.yaml, the pull request base (BASE_SHA,
   CI_MERGE_REQUEST_DIFF_BASE_SHA) a commit without the three waits of
   buggy/eventfd.c (the pull request adds them), and an empty
   holdwait-baseline.json;
4. it must exit 1 (findings) and its output must be what the review tool
   reads: SARIF valid against the 2.1.0 schema with the 3 results,
   rdjson with the 3 diagnostics, a GitLab code quality array with the 3
   issues, or the text report of the 3 findings (with --since too: the pull
   request added the waits).

Prints one line per command and "recipes: N command(s) ok"; exits 1 on the
first problem.
"""
import json
import os
import re
import shutil
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))

RECIPES = {
    # example file -> (page, formats its commands must cover)
    "github-code-scanning.yml": ("github-code-scanning.md", {"sarif", "text"}),
    "reviewdog.yml": ("reviewdog.md", {"rdjson"}),
    "gitlab-ci.yml": ("gitlab-ci.md", {"codeclimate", "text"}),
}
FINDINGS = 3  # seed 000's buggy/eventfd.c with annotations/kvm.yaml
FILE = "examples/kvm-irqfd/buggy/eventfd.c"
LINES = {62, 66, 139}


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def strings(node):
    """Every string of a parsed YAML document."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for v in node.values():
            yield from strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from strings(v)


def commands(doc):
    """The holdwait commands of the shell lines, in document order."""
    found = []
    for s in strings(doc):
        text = re.sub(r"\\\n\s*", " ", s)  # join continued lines
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("#"):
                continue
            for m in re.finditer(r"(?:^|[\s;&|({])(holdwait -p [^|;&}]*)", line):
                found.append(m.group(1).strip())
    return found


def check_yaml(name, doc):
    if name == "gitlab-ci.yml":
        jobs = {k: v for k, v in doc.items() if isinstance(v, dict) and "script" in v}
        if not jobs:
            fail(f"{name}: no job with a script")
        for job in jobs.values():
            cq = job.get("artifacts", {}).get("reports", {}).get("codequality")
            if cq is not None and cq != "gl-code-quality-report.json":
                fail(f"{name}: codequality report is {cq!r}")
        if not any(j.get("artifacts", {}).get("reports", {}).get("codequality")
                   for j in jobs.values()):
            fail(f"{name}: no artifacts:reports:codequality")
    else:
        # PyYAML reads the key `on` as the boolean true (YAML 1.1).
        if "jobs" not in doc or not (True in doc or "on" in doc):
            fail(f"{name}: not a GitHub workflow (on:, jobs:)")
        steps = [s for j in doc["jobs"].values() for s in j.get("steps", [])]
        uses = [s.get("uses", "") for s in steps]
        if name == "github-code-scanning.yml":
            up = [s for s in steps
                  if s.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
            if not up or up[0].get("with", {}).get("sarif_file") != "holdwait.sarif":
                fail(f"{name}: no upload-sarif step with sarif_file: holdwait.sarif")
            if doc.get("permissions", {}).get("security-events") != "write":
                fail(f"{name}: permissions lack security-events: write")
        if not any(u.startswith("actions/checkout@") for u in uses):
            fail(f"{name}: no actions/checkout step")


def sh(cmd, cwd, env):
    return subprocess.run(["sh", "-c", cmd], cwd=cwd, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True)


def make_repo(root, work):
    """examples/kvm-irqfd in a git repository: a base commit without the
    three waits of buggy/eventfd.c, then the pull request's commit adding
    them. Returns the base commit."""
    if os.path.exists(work):
        shutil.rmtree(work)
    for d in ("examples/kvm-irqfd", "examples/include"):
        shutil.copytree(os.path.join(root, d), os.path.join(work, d))
    os.makedirs(os.path.join(work, "annotations"))
    shutil.copy(os.path.join(root, "annotations", "kvm.yaml"),
                os.path.join(work, "annotations"))
    buggy = os.path.join(work, FILE)
    with open(buggy) as f:
        buggy_text = f.read()
    # The base has an empty statement where the pull request adds each of
    # the three waits (same line numbers): every finding is on a changed line.
    lines = buggy_text.split("\n")
    for n in LINES:
        lines[n - 1] = "\t\t;" if lines[n - 1].startswith("\t\t") else "\t;"
    with open(buggy, "w") as f:
        f.write("\n".join(lines))
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t",
           "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    subprocess.run(git + ["init", "-q"], cwd=work, check=True)
    subprocess.run(git + ["add", "-A"], cwd=work, check=True)
    subprocess.run(git + ["commit", "-q", "-m", "base"], cwd=work, check=True)
    base = subprocess.run(["git", "rev-parse", "HEAD"], cwd=work, check=True,
                          stdout=subprocess.PIPE, text=True).stdout.strip()
    with open(buggy, "w") as f:
        f.write(buggy_text)
    subprocess.run(git + ["commit", "-q", "-a", "-m", "change"], cwd=work, check=True)
    with open(os.path.join(work, "holdwait-baseline.json"), "w") as f:
        json.dump({"version": 1, "findings": []}, f)
    return base


def check_output(name, cmd, fmt, out_path, stdout, work):
    if fmt == "text":
        lines = [l for l in stdout.splitlines() if ": warning: " in l]
        got = {int(l.split(":")[1]) for l in lines if l.startswith(FILE + ":")}
        if len(lines) != FINDINGS or got != LINES:
            fail(f"{name}: `{cmd}` reported {lines}")
        return
    data = stdout
    if out_path:
        path = os.path.join(work, out_path)
        if not os.path.exists(path):
            fail(f"{name}: `{cmd}` did not write {out_path}")
        with open(path) as f:
            data = f.read()
    try:
        report = json.loads(data)
    except ValueError as e:
        fail(f"{name}: `{cmd}` wrote no JSON: {e}")
    if fmt == "sarif":
        tmp = os.path.join(work, "check.sarif")
        with open(tmp, "w") as f:
            f.write(data)
        v = subprocess.run([sys.executable, os.path.join(HERE, "validate_sarif.py"), tmp],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if v.returncode != 0 or v.stdout.strip() != f"valid: {FINDINGS} result(s)":
            fail(f"{name}: `{cmd}`: invalid SARIF:\n{v.stdout}")
        res = report["runs"][0].get("results", [])
        lines = {r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in res}
        if len(res) != FINDINGS or lines != LINES:
            fail(f"{name}: `{cmd}`: {len(res)} SARIF result(s), lines {lines}")
    elif fmt == "rdjson":
        diags = report.get("diagnostics") if isinstance(report, dict) else None
        if not isinstance(diags, list) or len(diags) != FINDINGS:
            fail(f"{name}: `{cmd}`: no diagnostics array of {FINDINGS}")
        for d in diags:
            loc = d.get("location", {})
            if loc.get("path") != FILE or loc.get("range", {}).get("start", {}).get("line") not in LINES \
                    or not d.get("message"):
                fail(f"{name}: `{cmd}`: diagnostic {d}")
    elif fmt == "codeclimate":
        if not isinstance(report, list) or len(report) != FINDINGS:
            fail(f"{name}: `{cmd}`: not an array of {FINDINGS} issues")
        for issue in report:
            loc = issue.get("location", {})
            if not re.fullmatch(r"[0-9a-f]{32}", str(issue.get("fingerprint"))) \
                    or loc.get("path") != FILE \
                    or loc.get("lines", {}).get("begin") not in LINES \
                    or not issue.get("description"):
                fail(f"{name}: `{cmd}`: issue {issue}")
        if len({i["fingerprint"] for i in report}) != FINDINGS:
            fail(f"{name}: `{cmd}`: fingerprints are not unique")
    else:
        fail(f"{name}: `{cmd}`: unknown format {fmt}")


def main():
    holdwait, root, work = sys.argv[1:4]
    examples = os.path.join(root, "docs", "integrations", "examples")
    env = dict(os.environ)
    env["PATH"] = os.path.dirname(os.path.abspath(holdwait)) + os.pathsep + env["PATH"]
    env["BUILD_DIR"] = "examples/kvm-irqfd"
    env["HOLDWAIT_FLAGS"] = "--annotations annotations/kvm.yaml"
    env.pop("HOLDWAIT_CACHE_DIR", None)
    total = 0
    for name, (page, formats) in sorted(RECIPES.items()):
        with open(os.path.join(examples, name)) as f:
            try:
                doc = yaml.safe_load(f)
            except yaml.YAMLError as e:
                fail(f"{name}: not YAML: {e}")
        check_yaml(name, doc)
        cmds = commands(doc)
        if not cmds:
            fail(f"{name}: no holdwait command")
        with open(os.path.join(root, "docs", "integrations", page)) as f:
            page_text = f.read()
        seen = set()
        for cmd in cmds:
            if cmd not in page_text:
                fail(f"{name}: `{cmd}` is not on {page}")
            m = re.search(r"--format[= ](\w+)", cmd)
            fmt = m.group(1) if m else "text"
            seen.add(fmt)
            o = re.search(r"(?:^|\s)-o\s+(\S+)", cmd)
            out_path = o.group(1) if o else None
            base = make_repo(root, work)
            env["BASE_SHA"] = base
            env["CI_MERGE_REQUEST_DIFF_BASE_SHA"] = base
            r = sh(cmd, work, env)
            if r.returncode != 1:
                fail(f"{name}: `{cmd}` exited {r.returncode} (want 1: findings)\n{r.stderr}")
            check_output(name, cmd, fmt, out_path, r.stdout, work)
            print(f"{name}: {fmt}: ok: {cmd}")
            total += 1
        if seen != formats:
            fail(f"{name}: commands cover {sorted(seen)}, want {sorted(formats)}")
        with open(os.path.join(examples, name)) as f:
            if f.read() not in page_text:
                fail(f"{name}: {page} does not show the file as it is")
    print(f"recipes: {total} command(s) ok")


if __name__ == "__main__":
    main()

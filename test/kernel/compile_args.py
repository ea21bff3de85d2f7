#!/usr/bin/env python3
"""Print the compile command that a kernel tree's compile_commands.json holds
for one file, turned into a -fsyntax-only command.

    compile_args.py TREE FILE [--shell]

FILE is absolute or relative to TREE.  By default the arguments are printed
NUL-separated (for bash: mapfile -d '' args < <(compile_args.py ...)); with
--shell as one shell-quoted line, for people to read.

The command is the entry's own, minus what makes an object or dependency file
(-c, -o X, -Wp,-MMD,X / -Wp,-MD,X), plus -fsyntax-only; run it from the
entry's directory (the tree: kernel commands use tree-relative paths).  Used by
prepare.sh, apply-seed000-fix.sh and run.sh so all three check and time the
exact flags the analyser sees.
"""
import json
import os
import shlex
import sys


def syntax_only_args(tree, path):
    tree = os.path.abspath(tree)
    want = os.path.normpath(os.path.join(tree, path))
    db_path = os.path.join(tree, "compile_commands.json")
    try:
        with open(db_path) as f:
            db = json.load(f)
    except OSError as e:
        sys.exit(f"compile_args.py: cannot read {db_path}: {e}")
    for entry in db:
        file = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
        if file != want:
            continue
        if "arguments" in entry:
            args = list(entry["arguments"])
        else:
            args = shlex.split(entry["command"])
        out = []
        skip = False
        for a in args:
            if skip:
                skip = False
                continue
            if a == "-o":
                skip = True
                continue
            if a == "-c" or a.startswith("-Wp,-MMD,") or a.startswith("-Wp,-MD,"):
                continue
            out.append(a)
        out.insert(1, "-fsyntax-only")
        return entry["directory"], out
    sys.exit(f"compile_args.py: no entry for {want} in {db_path}")


def main():
    argv = sys.argv[1:]
    shell = "--shell" in argv
    argv = [a for a in argv if a != "--shell"]
    if len(argv) != 2:
        sys.exit("usage: compile_args.py TREE FILE [--shell]")
    _, args = syntax_only_args(argv[0], argv[1])
    if shell:
        print(shlex.join(args))
    else:
        sys.stdout.write("".join(a + "\0" for a in args))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Writes C files that stress the front end and the engine by their shape.

    stress_inputs.py long N OUT     one function of N statements
    stress_inputs.py nested N OUT   N nested ifs in one function
    stress_inputs.py chain N OUT    a call chain N functions deep
    stress_inputs.py lines KIND N   the lines the findings are on

Each file is self-contained (it declares the kernel functions the built-in
linux-kernel profile models) and has exactly one sleep-in-atomic finding,
msleep() under the spinlock `s`, placed where only a complete analysis of
the shape finds it: after every statement, inside the innermost if, at the
bottom of the chain. The files are generated, never checked in: the lit
tests (test/lit/stress/) and bench/RESULTS.md run this script.
"""
import sys

PRELUDE = """\
typedef struct { int raw; } spinlock_t;
struct mutex { int owner; };
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
void msleep(unsigned int ms);
spinlock_t s;
struct mutex m;
int counter;
"""


def long_function(n):
    """n statements; every 100th is a lock/unlock pair, so the dataflow
    carries a changing held set through the whole body, and the last one
    sleeps under the spinlock."""
    out = [PRELUDE, "void long_function(int x) {"]
    for i in range(n - 3):
        if i % 100 == 50:
            out.append("  mutex_lock(&m); counter += x; mutex_unlock(&m);")
        else:
            out.append("  counter += x * %d;" % i)
    out.append("  spin_lock(&s);")
    out.append("  msleep(1);")
    out.append("  spin_unlock(&s);")
    out.append("}")
    return out


def nested_ifs(n):
    """n nested ifs, each with an else that takes and drops the mutex, so
    every level is a join; the sleep is in the innermost one."""
    out = [PRELUDE, "void nested_ifs(int x) {", "  spin_lock(&s);"]
    for i in range(n):
        out.append("  if (x > %d) {" % i)
    out.append("  msleep(1);")
    for i in range(n):
        out.append("  } else { counter += %d; }" % i)
    out.append("  spin_unlock(&s);")
    out.append("}")
    return out


def call_chain(n):
    """f0() calls f1() ... calls f<n-1>(), which sleeps; top() calls f0()
    under the spinlock. Defined bottom-up so that no prototypes are
    needed."""
    out = [PRELUDE, "void f%d(void) { msleep(1); }" % (n - 1)]
    for i in range(n - 2, -1, -1):
        out.append("void f%d(void) { counter++; f%d(); }" % (i, i + 1))
    out.append("void top(void) {")
    out.append("  spin_lock(&s);")
    out.append("  f0();")
    out.append("  spin_unlock(&s);")
    out.append("}")
    return out


KINDS = {"long": long_function, "nested": nested_ifs, "chain": call_chain}


def finding_line(kind, n):
    """The line of the reported call (1-based)."""
    lines = KINDS[kind](n)
    text = "\n".join(lines).split("\n")
    needle = {"long": "  msleep(1);", "nested": "  msleep(1);",
              "chain": "  f0();"}[kind]
    return text.index(needle) + 1


def main(argv):
    if len(argv) == 4 and argv[1] == "lines":
        print(finding_line(argv[2], int(argv[3])))
        return 0
    if len(argv) != 4 or argv[1] not in KINDS:
        sys.stderr.write(__doc__)
        return 2
    with open(argv[3], "w") as f:
        f.write("\n".join(KINDS[argv[1]](int(argv[2]))) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

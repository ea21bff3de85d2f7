#!/usr/bin/env python3
"""Scripted form of the seed-000 fix, for when the seed's patch text is not at
hand (CI has no shared/seeds).  It restructures Linux's virt/kvm/eventfd.c so
no SRCU grace period is waited for under kvm->irqfds.resampler_lock:

  irqfd_resampler_shutdown():  keep the list_del_rcu() calls under the lock,
      record "this was the last irqfd" in a bool, unlock, and only then run
      the rest of the if-branch (kvm_unregister_irq_ack_notifier(), which
      synchronizes SRCU internally, ...) or the else-branch (the direct
      synchronize call), chosen by that bool.
  kvm_irqfd_assign():  move the synchronize call that sits between
      list_add_rcu(...resampler_link...) and the unlock to just after the
      unlock.

    seed000_fix.py IN OUT

The edit is made by moving the file's own lines; the script knows only a few
short statements to look for.  Whenever the code does not have exactly the
shape described above it stops with an error naming what it missed, rather
than writing a half-edited file: a Debian point release that changes these
functions must be looked at by a person.
"""
import re
import sys

LOCK = "kvm->irqfds.resampler_lock"
RE_LOCK = re.compile(r"^\s*mutex_lock\(&kvm->irqfds\.resampler_lock\);\s*$")
RE_UNLOCK = re.compile(r"^(\s*)mutex_unlock\(&kvm->irqfds\.resampler_lock\);\s*$")
# 6.12 uses the _expedited form; accept the plain one too.
RE_SYNC = re.compile(r"^\s*synchronize_srcu(_expedited)?\(&kvm->irq_srcu\);\s*$")
RE_IF_LAST = re.compile(r"^(\s*)if \(list_empty\(&resampler->list\)\) \{\s*$")
RE_DEL_RESAMPLER = re.compile(r"^\s*list_del_rcu\(&resampler->link\);\s*$")
RE_UNREGISTER = re.compile(r"^\s*kvm_unregister_irq_ack_notifier\(")
RE_ADD_IRQFD = re.compile(
    r"^\s*list_add_rcu\(&irqfd->resampler_link, &irqfd->resampler->list\);\s*$")


class ShapeError(Exception):
    pass


def function_body(lines, name):
    """Index range [open, close] of the body braces of function NAME's
    definition: the signature line starts with NAME( or has it after the
    return type, the body opens with "{" and closes with "}" in column 0
    (kernel style)."""
    sig = re.compile(r"^(?:[A-Za-z_][\w \*]*\s)?\**" + re.escape(name) + r"\(")
    starts = [i for i, l in enumerate(lines)
              if sig.match(l) and not l.rstrip().endswith(";")]
    if len(starts) != 1:
        raise ShapeError(f"expected one definition of {name}(), found {len(starts)}")
    i = starts[0]
    try:
        open_ = next(j for j in range(i, min(i + 6, len(lines))) if lines[j].rstrip() == "{")
        close = next(j for j in range(open_ + 1, len(lines)) if lines[j].rstrip() == "}")
    except StopIteration:
        raise ShapeError(f"cannot find the body braces of {name}()") from None
    return open_, close


def only(indices, what, where):
    if len(indices) != 1:
        raise ShapeError(f"expected exactly one {what} in {where}, found {len(indices)}")
    return indices[0]


def next_code(lines, i, limit, what):
    """Index of the first non-blank line after i (before limit); WHAT names
    the statement expected there, for the error message."""
    j = i + 1
    while j < limit and not lines[j].strip():
        j += 1
    if j >= limit:
        raise ShapeError(f"expected {what} after line {i + 1}, found none")
    return j


def fix_shutdown(lines):
    fn = "irqfd_resampler_shutdown()"
    b_open, b_close = function_body(lines, "irqfd_resampler_shutdown")
    body = range(b_open + 1, b_close)
    lock = only([i for i in body if RE_LOCK.match(lines[i])], "mutex_lock of " + LOCK, fn)
    if_last = only([i for i in body if RE_IF_LAST.match(lines[i])],
                   "if (list_empty(&resampler->list))", fn)
    ind = RE_IF_LAST.match(lines[if_last]).group(1)
    # The if/else at the indent of the "if".
    else_ = only([i for i in range(if_last + 1, b_close) if lines[i].rstrip() == ind + "} else {"],
                 "'} else {' closing the if-branch", fn)
    end_if = next((i for i in range(else_ + 1, b_close) if lines[i].rstrip() == ind + "}"), None)
    if end_if is None:
        raise ShapeError(f"no '}}' closing the else-branch in {fn}")
    del_res = only([i for i in range(if_last + 1, else_) if RE_DEL_RESAMPLER.match(lines[i])],
                   "list_del_rcu(&resampler->link) in the if-branch", fn)
    # The call this fix is about (it synchronizes SRCU internally) must be in
    # the part of the if-branch that moves out of the lock.
    only([i for i in range(del_res + 1, else_) if RE_UNREGISTER.match(lines[i])],
         "kvm_unregister_irq_ack_notifier() after list_del_rcu in the if-branch", fn)
    only([i for i in range(else_ + 1, end_if) if RE_SYNC.match(lines[i])],
         "synchronize_srcu*(&kvm->irq_srcu) in the else-branch", fn)
    unlock = next_code(lines, end_if, b_close, f"the unlock of {LOCK} (after the if/else of {fn})")
    m = RE_UNLOCK.match(lines[unlock])
    if not m or m.group(1) != ind:
        raise ShapeError(f"the statement after the if/else in {fn} is not the unlock of {LOCK}")
    if next_code(lines, unlock, b_close + 1, f"the end of {fn}") != b_close:
        raise ShapeError(f"the unlock of {LOCK} is not the last statement of {fn}")
    if not (lock < if_last):
        raise ShapeError(f"the lock is not taken before the if in {fn}")
    # The new local goes after the last declaration line, before the lock.
    decl_end = lock - 1
    while decl_end > b_open and not lines[decl_end].strip():
        decl_end -= 1
    if decl_end == b_open or not lines[decl_end].rstrip().endswith(";"):
        raise ShapeError(f"cannot find the local declarations of {fn}")

    nl = "\n"
    out = lines[:decl_end + 1]
    out.append(ind + "bool last = false;" + nl)
    out += lines[decl_end + 1:del_res + 1]          # ... up to list_del_rcu(&resampler->link)
    out.append(ind + "\tlast = true;" + nl)
    out.append(ind + "}" + nl)
    out.append(nl)
    out.append(lines[unlock])                        # the unlock, moved up
    out.append(nl)
    out.append(ind + "/* SRCU grace periods are waited for only after the unlock. */" + nl)
    out.append(ind + "if (last) {" + nl)
    out += lines[del_res + 1:end_if + 1]            # rest of if-branch, else-branch, "}"
    out += lines[b_close:]                           # drops the old blank + unlock
    return out


def fix_assign(lines):
    fn = "kvm_irqfd_assign()"
    b_open, b_close = function_body(lines, "kvm_irqfd_assign")
    body = range(b_open + 1, b_close)
    add = only([i for i in body if RE_ADD_IRQFD.match(lines[i])],
               "list_add_rcu(&irqfd->resampler_link, ...)", fn)
    sync = next_code(lines, add, b_close, f"a synchronize call in {fn}")
    if not RE_SYNC.match(lines[sync]):
        raise ShapeError(f"the statement after list_add_rcu(&irqfd->resampler_link, ...) in {fn} "
                         "is not synchronize_srcu*(&kvm->irq_srcu)")
    unlock = next_code(lines, sync, b_close, f"the unlock of {LOCK} in {fn}")
    if not RE_UNLOCK.match(lines[unlock]):
        raise ShapeError(f"the statement after that synchronize call in {fn} "
                         f"is not the unlock of {LOCK}")
    return lines[:sync] + lines[sync + 1:unlock + 1] + [lines[sync]] + lines[unlock + 1:]


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: seed000_fix.py IN OUT")
    src, dst = sys.argv[1], sys.argv[2]
    with open(src) as f:
        lines = f.readlines()
    try:
        lines = fix_shutdown(lines)
        lines = fix_assign(lines)
    except ShapeError as e:
        sys.exit(f"seed000_fix.py: {src}: unexpected code shape: {e}")
    with open(dst, "w") as f:
        f.writelines(lines)


if __name__ == "__main__":
    main()

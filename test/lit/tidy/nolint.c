// REQUIRES: holdwait-tidy
// clang-tidy's own suppressions apply to holdwait's warnings: the comment
// on the line, on the line before (NEXTLINE), or a BEGIN/END pair around a
// block, each with or without a check list; a list naming another check
// does not suppress.
//
// RUN: %clang_tidy --load=%holdwait_tidy -checks='-*,holdwait-*' %s \
// RUN:   -- -I%inputs 2>%t.err | FileCheck %s --implicit-check-not=warning:
// RUN: FileCheck %s --check-prefix=SUPPRESSED --input-file=%t.err
// SUPPRESSED: Suppressed 5 warnings (5 NOLINT).
#include "kernel.h"

struct dev {
  spinlock_t sl;
};

void reported(struct dev *d) {
  spin_lock(&d->sl);
  // CHECK: nolint.c:[[@LINE+1]]:3: warning: msleep() may sleep while reported() holds dev.sl, a spinlock (atomic context) [holdwait-sleep-in-atomic]
  msleep(1);
  spin_unlock(&d->sl);
}

void nolint(struct dev *d) {
  spin_lock(&d->sl);
  msleep(1); // NOLINT
  spin_unlock(&d->sl);
}

void nolint_named(struct dev *d) {
  spin_lock(&d->sl);
  msleep(1); // NOLINT(holdwait-sleep-in-atomic)
  spin_unlock(&d->sl);
}

void nolint_other_check(struct dev *d) {
  spin_lock(&d->sl);
  // CHECK: nolint.c:[[@LINE+1]]:3: warning: msleep() may sleep while nolint_other_check() holds dev.sl{{.*}} [holdwait-sleep-in-atomic]
  msleep(1); // NOLINT(holdwait-self-deadlock)
  spin_unlock(&d->sl);
}

void nolintnextline(struct dev *d) {
  spin_lock(&d->sl);
  // NOLINTNEXTLINE(holdwait-*)
  msleep(1);
  spin_unlock(&d->sl);
}

void nolintnextline_all(struct dev *d) {
  spin_lock(&d->sl);
  // NOLINTNEXTLINE
  msleep(1);
  spin_unlock(&d->sl);
}

// NOLINTBEGIN(holdwait-sleep-in-atomic)
void nolint_block(struct dev *d) {
  spin_lock(&d->sl);
  msleep(1);
  spin_unlock(&d->sl);
}
// NOLINTEND(holdwait-sleep-in-atomic)

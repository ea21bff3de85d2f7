// REQUIRES: holdwait-tidy
// As in the holdwait command, a unit with compile errors is not analyzed
// (its AST may be incomplete): clang-tidy reports the error and holdwait's
// checks stay silent. Without the error the sleep under the spinlock is
// reported.
//
// RUN: not %clang_tidy --load=%holdwait_tidy -checks='-*,holdwait-*' %s \
// RUN:   -- -I%inputs 2>/dev/null | FileCheck %s --check-prefix=BROKEN \
// RUN:   --implicit-check-not=warning:
// RUN: %clang_tidy --load=%holdwait_tidy -checks='-*,holdwait-*' %s \
// RUN:   -- -I%inputs -DNO_ERROR 2>/dev/null | FileCheck %s --check-prefix=FIXED
//
// A warning that the unit's -Werror turns into an error (an unused
// variable) leaves a complete AST: the unit is analyzed, as the holdwait
// command (which parses with -Wno-error) does.
// RUN: not %clang_tidy --load=%holdwait_tidy -checks='-*,holdwait-*' %s \
// RUN:   -- -I%inputs -DNO_ERROR -DUNUSED -Wall -Werror 2>/dev/null \
// RUN:   | FileCheck %s --check-prefix=WERROR
#include "kernel.h"

struct dev {
  spinlock_t sl;
};

void f(struct dev *d) {
#ifdef UNUSED
  // WERROR: compile-error.c:[[@LINE+1]]:7: error: unused variable 'unused' [clang-diagnostic-unused-variable]
  int unused;
#endif
  spin_lock(&d->sl);
  // FIXED: compile-error.c:[[@LINE+2]]:3: warning: msleep() may sleep while f() holds dev.sl{{.*}} [holdwait-sleep-in-atomic]
  // WERROR: compile-error.c:[[@LINE+1]]:3: warning: msleep() may sleep while f() holds dev.sl{{.*}} [holdwait-sleep-in-atomic]
  msleep(1);
  spin_unlock(&d->sl);
}

#ifndef NO_ERROR
// BROKEN: compile-error.c:[[@LINE+1]]:14: error: expected expression [clang-diagnostic-error]
int broken = ;
#endif

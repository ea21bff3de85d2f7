// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Shapes where a value looks known but is not, or a branch looks like a
// bit test but is not: each must keep its finding. (From a review of the
// value tracker; each one once dropped a real sleep.)
#include "kernel.h"

spinlock_t lk;

// A switch with one case has two successors, but they are not "true" and
// "false".
void one_case(int mode) {
  switch (mode) {
  case 0:
    msleep(1);
  }
}
void call_one_case(void) {
  spin_lock(&lk);
  one_case(0);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: one_case() reaches msleep(), which may sleep while call_one_case() holds lk

// A do/while condition is one block: `while (n > 0 && more)` is not
// `more` (a constant 1 here).
void do_while(int n) {
  int more = 1;
  do {
    n--;
  } while (n > 0 && more);
  spin_lock(&lk);
  msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: msleep() may sleep while do_while() holds lk

// `bool |= int` converts the result back to bool.
void or_into_bool(unsigned flags) {
  bool blocking = false;
  blocking |= flags & 4;
  if (blocking)
    msleep(1);
}
void call_or_into_bool(void) {
  spin_lock(&lk);
  or_into_bool(4);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: or_into_bool() reaches msleep(), which may sleep while call_or_into_bool() holds lk

// An asm statement's output operand writes the local.
void asm_output(void) {
  int busy = 0;
  __asm__("" : "+r"(busy));
  spin_lock(&lk);
  if (busy)
    msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while asm_output() holds lk

// An increment through a pointer writes the local it points to.
void through_pointer(void) {
  int c = 0;
  int *p = &c;
  (*p)++;
  spin_lock(&lk);
  if (c)
    msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while through_pointer() holds lk

// A weak definition may be replaced by one that returns 1.
__attribute__((weak)) int arch_may_sleep(void) { return 0; }
void weak_helper(void) {
  spin_lock(&lk);
  if (arch_may_sleep())
    msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while weak_helper() holds lk

// An assignment used as the condition is evaluated once.
void toggle(bool atomic) {
  if ((atomic = !atomic))
    msleep(1);
}
void call_toggle(void) {
  spin_lock(&lk);
  toggle(false);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: toggle() reaches msleep(), which may sleep while call_toggle() holds lk

// CHECK: holdwait: 7 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The drawing of a sleep-in-atomic finding: thread A, the spinlock taken
// through a lock wrapper (the wrapper's inner call indented under it), the
// chain to the sleep indented per depth, and the atomic-context conflict.
#include "kernel.h"

struct dev {
  spinlock_t lock;
};

static void dev_lock(struct dev *d) { spin_lock(&d->lock); }
static void poll_hw(void) { usleep_range(10, 20); }
static void reset(struct dev *d) { poll_hw(); }

void dev_reset(struct dev *d) {
  dev_lock(d);
  reset(d);
  spin_unlock(&d->lock);
}

// CHECK:{{.*}}explain-sleep-in-atomic.c:18:3: warning: reset() reaches usleep_range(), which may sleep while dev_reset() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
// CHECK-NEXT:  thread A: dev_reset(){{ +}}sleeps
// CHECK-NEXT:    dev_lock(dev.lock){{ +}}explain-sleep-in-atomic.c:17
// CHECK-NEXT:      spin_lock(){{ +}}explain-sleep-in-atomic.c:12
// CHECK-NEXT:    reset(){{ +}}explain-sleep-in-atomic.c:18
// CHECK-NEXT:      poll_hw(){{ +}}explain-sleep-in-atomic.c:14
// CHECK-NEXT:        usleep_range(){{ +}}explain-sleep-in-atomic.c:13
// CHECK-NEXT:  conflict: dev.lock is a spinlock: its holder runs in atomic context and must not sleep
// CHECK-NEXT:holdwait: 1 finding(s) in 1 translation unit(s)

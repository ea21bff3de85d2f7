// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// The sleeping call in a helper: the finding is reported at the call that
// leads to the sleep, in the function holding the spinlock, with the chain
// down to the sleeping operation indented one level per call. A helper
// that does not sleep, or is called after the unlock, is not reported.
#include "kernel.h"

struct dev {
  spinlock_t lock;
  struct mutex cfg_lock;
  int n;
};

static void wait_hw(void) { msleep(5); }
static void reset_hw(struct dev *d) {
  d->n = 0;
  wait_hw();
}
static void update_cfg(struct dev *d) {
  mutex_lock(&d->cfg_lock);
  d->n++;
  mutex_unlock(&d->cfg_lock);
}
static void count(struct dev *d) { d->n++; }

void dev_reset(struct dev *d) {
  spin_lock(&d->lock);
  reset_hw(d);
  // CHECK: sleep-in-atomic-callee.c:[[@LINE-1]]:3: warning: reset_hw() reaches msleep(), which may sleep while dev_reset() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: dev_reset() sleeps
  // CHECK-NEXT: spin_lock(dev.lock) sleep-in-atomic-callee.c:[[@LINE-4]]
  // CHECK-NEXT: reset_hw() sleep-in-atomic-callee.c:[[@LINE-4]]
  // CHECK-NEXT: wait_hw() sleep-in-atomic-callee.c:18
  // CHECK-NEXT: msleep() sleep-in-atomic-callee.c:15
  spin_unlock(&d->lock);
}

void dev_update(struct dev *d) {
  spin_lock(&d->lock);
  update_cfg(d);
  // CHECK: sleep-in-atomic-callee.c:[[@LINE-1]]:3: warning: update_cfg() reaches mutex_lock(){{.*}}while dev_update() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  count(d);
  spin_unlock(&d->lock);
  reset_hw(d);
}
// CHECK-NOT: count()
// CHECK-NOT: sleep-in-atomic-callee.c:[[@LINE-4]]:
// CHECK: holdwait: 2 finding(s)

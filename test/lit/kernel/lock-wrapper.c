// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Lock wrappers: dev_lock() returns holding its argument's lock, so its
// caller holds dev.lock after the call (the finding shows the wrapper and,
// indented under it, the mutex_lock() inside it); dev_unlock() releases its
// argument's lock, so a wait after it is not reported.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct srcu_struct srcu;
};

void reader(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

void dev_lock(struct dev *d) { mutex_lock(&d->lock); }
void dev_unlock(struct dev *d) { mutex_unlock(&d->lock); }

void held_via_wrapper(struct dev *d) {
  dev_lock(d);
  synchronize_srcu(&d->srcu);
  // CHECK: lock-wrapper.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while held_via_wrapper() holds dev.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: held_via_wrapper()
  // CHECK-NEXT: dev_lock(dev.lock) lock-wrapper.c:[[@LINE-4]]
  // CHECK-NEXT: mutex_lock() lock-wrapper.c:21
  // CHECK-NEXT: synchronize_srcu() lock-wrapper.c:[[@LINE-5]]
  dev_unlock(d);
}

// Taken directly, released by the wrapper: nothing held at the wait.
void released_via_wrapper(struct dev *d) {
  mutex_lock(&d->lock);
  dev_unlock(d);
  synchronize_srcu(&d->srcu);
}

// Both through wrappers.
void both_wrappers(struct dev *d) {
  dev_lock(d);
  dev_unlock(d);
  synchronize_srcu(&d->srcu);
}
// CHECK-NOT: released_via_wrapper()
// CHECK-NOT: both_wrappers()
// CHECK: holdwait: 1 finding(s)

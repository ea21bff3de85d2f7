// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Early returns: a path that unlocks and returns does not affect the wait
// on the path that keeps the lock, and a wait before the lock is taken (or
// on an early-return path that released it) is not reported.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct srcu_struct srcu;
  int state;
};

void reader(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

int bail_early(struct dev *d) {
  mutex_lock(&d->lock);
  if (!d->state) {
    mutex_unlock(&d->lock);
    return -EINVAL;
  }
  synchronize_srcu(&d->srcu);
  // CHECK: dataflow-early-return.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while bail_early() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return 0;
}

int wait_then_return(struct dev *d) {
  mutex_lock(&d->lock);
  if (!d->state) {
    mutex_unlock(&d->lock);
    synchronize_srcu(&d->srcu);
    return -EINVAL;
  }
  mutex_unlock(&d->lock);
  return 0;
}

int wait_before_lock(struct dev *d) {
  if (!d->state) {
    synchronize_srcu(&d->srcu);
    return -EINVAL;
  }
  mutex_lock(&d->lock);
  d->state = 0;
  mutex_unlock(&d->lock);
  return 0;
}
// CHECK-NOT: wait_then_return()
// CHECK-NOT: wait_before_lock()
// CHECK: holdwait: 1 finding(s)

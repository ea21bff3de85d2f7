// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// goto error paths: the lock is released on the error path and the wait
// there is not reported; the wait on the success path, still holding the
// lock, is. A label reached both holding and not holding the lock does not
// hold it (must-held sets are intersected at joins).
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

int error_path(struct dev *d, int x) {
  mutex_lock(&d->lock);
  if (x)
    goto err;
  synchronize_srcu(&d->srcu);
  // CHECK: dataflow-goto.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while error_path() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return 0;
err:
  mutex_unlock(&d->lock);
  // CHECK-NOT: dataflow-goto.c:[[@LINE+1]]:
  synchronize_srcu(&d->srcu);
  return -EINVAL;
}

// Two gotos to one label: one unlocks first, one does not.
int mixed_label(struct dev *d, int x) {
  mutex_lock(&d->lock);
  if (x) {
    mutex_unlock(&d->lock);
    goto out;
  }
  d->state = 1;
  goto out_locked;
out_locked:
  synchronize_srcu(&d->srcu);
  // CHECK: dataflow-goto.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while mixed_label() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
out:
  return 0;
}

int join_unlocked(struct dev *d, int x) {
  mutex_lock(&d->lock);
  if (x) {
    mutex_unlock(&d->lock);
    goto wait;
  }
  d->state = 2;
wait:
  // Held on one incoming path only.
  synchronize_srcu(&d->srcu);
  return 0;
}
// CHECK-NOT: join_unlocked()
// CHECK: holdwait: 2 finding(s)

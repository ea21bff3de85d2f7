// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// mutex_lock()/mutex_unlock(): the mutex is held from the lock to the unlock.
// A grace-period wait between them is reported (a dev->srcu reader takes the
// mutex); the same wait after mutex_unlock() is not.
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

void held(struct dev *d) {
  mutex_lock(&d->lock);
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while held() holds dev.lock; reader() runs inside a srcu:dev.srcu read-side section and needs dev.lock [grace-period-under-lock]
  // CHECK-NEXT: thread A: held()
  // CHECK-NEXT: mutex_lock(dev.lock) lock-mutex.c:[[@LINE-4]]
  mutex_unlock(&d->lock);
}

void released(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  synchronize_srcu(&d->srcu);
}
// CHECK-NOT: released()
// CHECK: holdwait: 1 finding(s)

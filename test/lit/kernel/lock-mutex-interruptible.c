// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// mutex_lock_interruptible() returns 0 when it took the mutex and -EINTR when
// a signal interrupted the wait: the mutex is held only on the path where it
// returned 0. A wait on that path is reported; a wait on the -EINTR path is
// not (nothing is held there).
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

// The usual shape: bail out when interrupted, wait holding the mutex.
int bail_out(struct dev *d) {
  if (mutex_lock_interruptible(&d->lock))
    return -EINTR;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-interruptible.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while bail_out() holds dev.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: bail_out()
  // CHECK-NEXT: mutex_lock_interruptible(dev.lock) lock-mutex-interruptible.c:[[@LINE-5]]
  mutex_unlock(&d->lock);
  return 0;
}

// The result kept in a variable first.
int via_variable(struct dev *d) {
  int ret = mutex_lock_interruptible(&d->lock);
  if (ret)
    return ret;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-interruptible.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while via_variable() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return 0;
}

// Tested for success explicitly.
int on_zero(struct dev *d) {
  if (mutex_lock_interruptible(&d->lock) == 0) {
    synchronize_srcu(&d->srcu);
    // CHECK: lock-mutex-interruptible.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while on_zero() holds dev.lock{{.*}}[grace-period-under-lock]
    mutex_unlock(&d->lock);
  }
  return 0;
}

// mutex_lock_killable() has the same contract.
int killable(struct dev *d) {
  if (mutex_lock_killable(&d->lock))
    return -EINTR;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-interruptible.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while killable() holds dev.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: killable()
  // CHECK-NEXT: mutex_lock_killable(dev.lock) lock-mutex-interruptible.c:[[@LINE-5]]
  mutex_unlock(&d->lock);
  return 0;
}

// The interrupted path holds nothing.
int interrupted(struct dev *d) {
  if (mutex_lock_interruptible(&d->lock)) {
    synchronize_srcu(&d->srcu);
    return -EINTR;
  }
  mutex_unlock(&d->lock);
  return 0;
}

int interrupted_variable(struct dev *d) {
  int ret = mutex_lock_interruptible(&d->lock);
  if (ret != 0) {
    synchronize_srcu(&d->srcu);
    return ret;
  }
  mutex_unlock(&d->lock);
  return 0;
}
int killed(struct dev *d) {
  if (mutex_lock_killable(&d->lock)) {
    synchronize_srcu(&d->srcu);
    return -EINTR;
  }
  mutex_unlock(&d->lock);
  return 0;
}
// CHECK-NOT: interrupted
// CHECK-NOT: killed()
// CHECK: holdwait: 4 finding(s)

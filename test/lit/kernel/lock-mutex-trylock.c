// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// mutex_trylock() returns 1 when it took the mutex and 0 when it did not:
// the mutex is held only on the success branch, whether the result is tested
// directly, negated (`if (!mutex_trylock(&m)) return -EBUSY;`) or through a
// variable. Waits on the failure branch are not reported.
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

void direct(struct dev *d) {
  if (mutex_trylock(&d->lock)) {
    synchronize_srcu(&d->srcu);
    // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while direct() holds dev.lock{{.*}}[grace-period-under-lock]
    // CHECK-NEXT: thread A: direct()
    // CHECK-NEXT: mutex_trylock(dev.lock) lock-mutex-trylock.c:[[@LINE-4]]
    mutex_unlock(&d->lock);
  }
}

int busy(struct dev *d) {
  if (!mutex_trylock(&d->lock))
    return -EBUSY;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while busy() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return 0;
}

void via_variable(struct dev *d) {
  int ret = mutex_trylock(&d->lock);
  if (ret) {
    synchronize_srcu(&d->srcu);
    // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while via_variable() holds dev.lock{{.*}}[grace-period-under-lock]
    mutex_unlock(&d->lock);
  }
}

// A bool holding the result.
bool via_bool(struct dev *d) {
  bool locked = mutex_trylock(&d->lock);
  if (!locked)
    return false;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while via_bool() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return true;
}

// Part of a condition: held inside the `&&`'s then-branch.
void in_condition(struct dev *d) {
  if (d->srcu.idx && mutex_trylock(&d->lock)) {
    synchronize_srcu(&d->srcu);
    // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while in_condition() holds dev.lock{{.*}}[grace-period-under-lock]
    mutex_unlock(&d->lock);
  }
}

// Retried until it succeeds: held after the loop.
void retry(struct dev *d) {
  while (!mutex_trylock(&d->lock))
    msleep(1);
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-trylock.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while retry() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
}

// The failure branches hold nothing.
int failed(struct dev *d) {
  if (!mutex_trylock(&d->lock)) {
    synchronize_srcu(&d->srcu);
    return -EBUSY;
  }
  mutex_unlock(&d->lock);
  return 0;
}

int failed_variable(struct dev *d) {
  int ret = mutex_trylock(&d->lock);
  if (!ret) {
    synchronize_srcu(&d->srcu);
    return -EBUSY;
  }
  mutex_unlock(&d->lock);
  return 0;
}

void failed_in_condition(struct dev *d) {
  if (!d->srcu.idx || !mutex_trylock(&d->lock)) {
    synchronize_srcu(&d->srcu);
    return;
  }
  mutex_unlock(&d->lock);
}

void failed_else(struct dev *d) {
  if (mutex_trylock(&d->lock))
    mutex_unlock(&d->lock);
  else
    synchronize_srcu(&d->srcu);
}
// CHECK-NOT: failed
// CHECK: holdwait: 6 finding(s)

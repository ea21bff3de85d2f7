// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Loops: a lock taken and released inside each iteration is not held after
// the loop; a wait inside the locked part of the body is reported; a lock
// taken before the loop stays held across waits in the body; a loop that
// can exit by `break` after unlocking does not hold the lock after it.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct srcu_struct srcu;
  int n;
};

void reader(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

void lock_in_body(struct dev *d) {
  for (int i = 0; i < d->n; i++) {
    mutex_lock(&d->lock);
    d->n--;
    mutex_unlock(&d->lock);
  }
  synchronize_srcu(&d->srcu);
}

void wait_in_body(struct dev *d) {
  for (int i = 0; i < d->n; i++) {
    mutex_lock(&d->lock);
    synchronize_srcu(&d->srcu);
    // CHECK: dataflow-loop.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while wait_in_body() holds dev.lock{{.*}}[grace-period-under-lock]
    mutex_unlock(&d->lock);
  }
}

void lock_around_loop(struct dev *d) {
  mutex_lock(&d->lock);
  while (d->n > 0) {
    synchronize_srcu(&d->srcu);
    // CHECK: dataflow-loop.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while lock_around_loop() holds dev.lock{{.*}}[grace-period-under-lock]
    d->n--;
  }
  mutex_unlock(&d->lock);
}

// The retry loop of seed 002's first "fix": the lock is dropped and
// re-taken around each wait, so the wait itself is outside the lock.
void drop_around_wait(struct dev *d) {
  mutex_lock(&d->lock);
  while (d->n > 0) {
    mutex_unlock(&d->lock);
    synchronize_srcu(&d->srcu);
    mutex_lock(&d->lock);
    d->n--;
  }
  mutex_unlock(&d->lock);
}

void break_after_unlock(struct dev *d) {
  for (;;) {
    mutex_lock(&d->lock);
    if (d->n == 0) {
      mutex_unlock(&d->lock);
      break;
    }
    d->n--;
    mutex_unlock(&d->lock);
  }
  synchronize_srcu(&d->srcu);
}
// CHECK-NOT: lock_in_body()
// CHECK-NOT: drop_around_wait()
// CHECK-NOT: break_after_unlock()
// CHECK: holdwait: 2 finding(s)

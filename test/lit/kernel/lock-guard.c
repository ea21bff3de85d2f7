// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// <linux/cleanup.h> scope guards: guard(mutex)(&m) holds the mutex until the
// end of the enclosing scope, scoped_guard(mutex, &m) { ... } until the end
// of its block, guard(spinlock_irqsave)(&l) until the end of the scope; the
// cleanup function releases them. Waits inside the scope are reported with
// the lock the guard took, waits after the scope are not.
#include "kernel.h"

struct dev {
  struct mutex lock;
  spinlock_t sl;
  struct srcu_struct srcu;
};

void reader(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

void guarded(struct dev *d) {
  guard(mutex)(&d->lock);
  synchronize_srcu(&d->srcu);
  // CHECK: lock-guard.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while guarded() holds dev.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: guarded()
  // CHECK-NEXT: class_mutex_constructor(dev.lock) lock-guard.c:[[@LINE-4]]
  // CHECK-NEXT: mutex_lock() kernel.h:{{[0-9]+}}
}

void guarded_inner_scope(struct dev *d) {
  {
    guard(mutex)(&d->lock);
    synchronize_srcu(&d->srcu);
    // CHECK: lock-guard.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while guarded_inner_scope() holds dev.lock{{.*}}[grace-period-under-lock]
  }
  // The guard's scope ended: released.
  // CHECK-NOT: lock-guard.c:[[@LINE+1]]:
  synchronize_srcu(&d->srcu);
}

void scoped(struct dev *d) {
  scoped_guard(mutex, &d->lock) {
    synchronize_srcu(&d->srcu);
    // CHECK: lock-guard.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while scoped() holds dev.lock{{.*}}[grace-period-under-lock]
    // CHECK-NEXT: thread A: scoped()
    // CHECK-NEXT: class_mutex_constructor(dev.lock) lock-guard.c:[[@LINE-4]]
    // CHECK-NEXT: mutex_lock() kernel.h:{{[0-9]+}}
  }
  // After the scoped_guard block: released.
  // CHECK-NOT: lock-guard.c:[[@LINE+1]]:
  synchronize_srcu(&d->srcu);
}

void irqsave(struct dev *d) {
  guard(spinlock_irqsave)(&d->sl);
  msleep(1);
  // CHECK: lock-guard.c:[[@LINE-1]]:3: warning: msleep() may sleep while irqsave() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: irqsave() sleeps
  // CHECK-NEXT: class_spinlock_irqsave_constructor(dev.sl) lock-guard.c:[[@LINE-4]]
  // CHECK-NEXT: _raw_spin_lock_irqsave() kernel.h:{{[0-9]+}}
}

void irqsave_inner_scope(struct dev *d) {
  {
    guard(spinlock_irqsave)(&d->sl);
  }
  msleep(1);
}

// Nothing held after the guard's scope: no finding on these lines.
void scoped_only_after(struct dev *d) {
  scoped_guard(mutex, &d->lock) {
    d->sl.raw = 0;
  }
  synchronize_srcu(&d->srcu);
}
// CHECK-NOT: irqsave_inner_scope()
// CHECK-NOT: scoped_only_after()
// CHECK: holdwait: 4 finding(s)

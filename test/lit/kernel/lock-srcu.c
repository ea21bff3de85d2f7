// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// srcu_read_lock()/srcu_read_unlock(): an SRCU read-side section may sleep,
// so sleeping or taking a mutex inside one is fine (no sleep-in-atomic).
// What it must not do is wait for something that waits for its grace
// period: flush_work() of a work that calls synchronize_srcu() on the same
// domain never returns while the section is open.
#include "kernel.h"

struct dev {
  struct srcu_struct srcu;
  struct mutex lock;
  struct work_struct reclaim;
};

static void reclaim_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, reclaim);
  synchronize_srcu(&d->srcu);
}

void dev_init(struct dev *d) { INIT_WORK(&d->reclaim, reclaim_fn); }

void flush_inside(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  flush_work(&d->reclaim);
  // CHECK: lock-srcu.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.reclaim while flush_inside() holds dev.srcu; reclaim_fn() runs in work:dev.reclaim (bound in dev_init()) and needs dev.srcu [worker-wait-under-lock]
  // CHECK-NEXT: thread A: flush_inside()
  // CHECK-NEXT: srcu_read_lock(dev.srcu) lock-srcu.c:[[@LINE-4]]
  // CHECK-NEXT: flush_work() lock-srcu.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: reclaim_fn() in work:dev.reclaim, waits for a grace period of dev.srcu
  // CHECK-NEXT: synchronize_srcu(dev.srcu) lock-srcu.c:18
  srcu_read_unlock(&d->srcu, idx);
}

// Sleeping in an SRCU read-side section is allowed.
void sleeps_inside(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  msleep(10);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

void flush_after(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  srcu_read_unlock(&d->srcu, idx);
  flush_work(&d->reclaim);
}
// CHECK-NOT: sleeps_inside()
// CHECK-NOT: flush_after()
// CHECK: holdwait: 1 finding(s)

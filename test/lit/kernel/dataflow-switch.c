// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// switch statements: a wait after the switch is reported only when every
// case (including the default and fall-through) leaves the lock held; when
// some case releases it the join drops it. A wait inside a case that still
// holds the lock is reported.
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

void all_cases_hold(struct dev *d, int op) {
  mutex_lock(&d->lock);
  switch (op) {
  case 0:
    d->state = 0;
    break;
  case 1:
    d->state = 1;
    /* fall through */
  default:
    d->state++;
    break;
  }
  synchronize_srcu(&d->srcu);
  // CHECK: dataflow-switch.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while all_cases_hold() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
}

void one_case_releases(struct dev *d, int op) {
  mutex_lock(&d->lock);
  switch (op) {
  case 0:
    d->state = 0;
    break;
  case 1:
    mutex_unlock(&d->lock);
    d->state = 1;
    break;
  default:
    break;
  }
  synchronize_srcu(&d->srcu);
}

void wait_in_case(struct dev *d, int op) {
  mutex_lock(&d->lock);
  switch (op) {
  case 0:
    mutex_unlock(&d->lock);
    synchronize_srcu(&d->srcu);
    return;
  case 1:
    synchronize_srcu(&d->srcu);
    // CHECK: dataflow-switch.c:[[@LINE-1]]:5: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while wait_in_case() holds dev.lock{{.*}}[grace-period-under-lock]
    break;
  }
  mutex_unlock(&d->lock);
}

// No default: the implicit "no case matched" path holds the lock too; all
// listed cases release it, so only that path holds it at the join.
void no_default(struct dev *d, int op) {
  mutex_lock(&d->lock);
  switch (op) {
  case 0:
    mutex_unlock(&d->lock);
    break;
  case 1:
    mutex_unlock(&d->lock);
    break;
  }
  synchronize_srcu(&d->srcu);
}
// CHECK-NOT: one_case_releases()
// CHECK-NOT: no_default()
// CHECK: holdwait: 2 finding(s)

// RUN: %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Sleeping that is not in atomic context (exit 0): inside an SRCU
// read-side section (SRCU readers may sleep), under a mutex or an rwsem
// only, after spin_unlock()/rcu_read_unlock()/local_irq_enable(), and in a
// helper called after the spinlock was dropped.
#include "kernel.h"

struct dev {
  spinlock_t lock;
  struct mutex mutex;
  struct rw_semaphore sem;
  struct srcu_struct srcu;
  struct completion done;
};

static void wait_hw(void) { msleep(5); }

void in_srcu(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  msleep(1);
  mutex_lock(&d->mutex);
  mutex_unlock(&d->mutex);
  wait_for_completion(&d->done);
  srcu_read_unlock(&d->srcu, idx);
}

void under_mutex(struct dev *d) {
  mutex_lock(&d->mutex);
  msleep(1);
  schedule();
  wait_hw();
  mutex_unlock(&d->mutex);
}

void under_rwsem(struct dev *d) {
  down_write(&d->sem);
  usleep_range(1, 2);
  up_write(&d->sem);
}

void after_unlock(struct dev *d) {
  spin_lock(&d->lock);
  spin_unlock(&d->lock);
  msleep(1);
  wait_hw();
  rcu_read_lock();
  rcu_read_unlock();
  schedule();
  local_irq_disable();
  local_irq_enable();
  mutex_lock(&d->mutex);
  mutex_unlock(&d->mutex);
}
// CHECK-NOT: warning:
// CHECK: holdwait: 0 finding(s)

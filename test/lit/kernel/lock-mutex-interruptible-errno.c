// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// mutex_lock_interruptible()'s result tested as an errno (`ret < 0`), a
// common driver idiom: it returns 0 (locked) or -EINTR (not locked), so
// `ret < 0` is the failure branch and nothing is held there; the path
// where `ret < 0` is false holds the mutex.
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

int locked_path(struct dev *d) {
  int ret = mutex_lock_interruptible(&d->lock);
  if (ret < 0)
    return ret;
  synchronize_srcu(&d->srcu);
  // CHECK: lock-mutex-interruptible-errno.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while locked_path() holds dev.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&d->lock);
  return 0;
}

int interrupted_path(struct dev *d) {
  int ret = mutex_lock_interruptible(&d->lock);
  if (ret < 0) {
    synchronize_srcu(&d->srcu);
    return ret;
  }
  mutex_unlock(&d->lock);
  return 0;
}

int interrupted_direct(struct dev *d) {
  if (mutex_lock_interruptible(&d->lock) < 0) {
    synchronize_srcu(&d->srcu);
    return -EINTR;
  }
  mutex_unlock(&d->lock);
  return 0;
}
// CHECK-NOT: interrupted_path()
// CHECK-NOT: interrupted_direct()
// CHECK: holdwait: 1 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The two-sided drawing of a worker-wait-under-lock finding: thread A
// reaches flush_work() through a helper (indented under it); thread B is
// the work function bound by INIT_WORK, reaching the lock through a
// callee (indented under it).
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct work_struct work;
};

static void apply(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}
static void dev_work_fn(struct work_struct *w) {
  apply(container_of(w, struct dev, work));
}
void dev_init(struct dev *d) { INIT_WORK(&d->work, dev_work_fn); }

static void dev_sync(struct dev *d) { flush_work(&d->work); }

void dev_remove(struct dev *d) {
  mutex_lock(&d->lock);
  dev_sync(d);
  mutex_unlock(&d->lock);
}

// CHECK:{{.*}}explain-worker-wait-under-lock.c:27:3: warning: dev_sync() reaches flush_work(), which waits for work:dev.work while dev_remove() holds dev.lock; dev_work_fn() runs in work:dev.work (bound in dev_init()) and needs dev.lock [worker-wait-under-lock]
// CHECK-NEXT:  thread A: dev_remove(){{ +}}waits on work:dev.work
// CHECK-NEXT:    mutex_lock(dev.lock){{ +}}explain-worker-wait-under-lock.c:26
// CHECK-NEXT:    dev_sync(){{ +}}explain-worker-wait-under-lock.c:27
// CHECK-NEXT:      flush_work(){{ +}}explain-worker-wait-under-lock.c:23
// CHECK-NEXT:  thread B: dev_work_fn(){{ +}}in work:dev.work, needs dev.lock
// CHECK-NEXT:    apply(){{ +}}explain-worker-wait-under-lock.c:19
// CHECK-NEXT:      mutex_lock(dev.lock){{ +}}explain-worker-wait-under-lock.c:15
// CHECK-NEXT:  A holds dev.lock until work:dev.work makes progress; B must take dev.lock first.
// CHECK-NEXT:holdwait: 1 finding(s) in 1 translation unit(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// rw_semaphore: down_read()/down_write() hold dev.sem until up_read()/
// up_write(); down_read_trylock()/down_write_trylock() hold it only when
// they returned 1. Each is
// held across flush_work() of a work whose function takes the semaphore for
// writing, which cannot proceed while any holder waits for it.
#include "kernel.h"

struct dev {
  struct rw_semaphore sem;
  struct work_struct work;
};

static void dev_work(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  down_write(&d->sem);
  up_write(&d->sem);
}

void dev_init(struct dev *d) { INIT_WORK(&d->work, dev_work); }

void read_held(struct dev *d) {
  down_read(&d->sem);
  flush_work(&d->work);
  // CHECK: lock-rwsem.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while read_held() holds dev.sem; dev_work() runs in work:dev.work (bound in dev_init()) and needs dev.sem [worker-wait-under-lock]
  // CHECK-NEXT: thread A: read_held()
  // CHECK-NEXT: down_read(dev.sem) lock-rwsem.c:[[@LINE-4]]
  up_read(&d->sem);
}

void write_held(struct dev *d) {
  down_write(&d->sem);
  flush_work(&d->work);
  // CHECK: lock-rwsem.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while write_held() holds dev.sem{{.*}}[worker-wait-under-lock]
  // CHECK-NEXT: thread A: write_held()
  // CHECK-NEXT: down_write(dev.sem) lock-rwsem.c:[[@LINE-4]]
  up_write(&d->sem);
}

int try_held(struct dev *d) {
  if (!down_read_trylock(&d->sem))
    return -EBUSY;
  flush_work(&d->work);
  // CHECK: lock-rwsem.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while try_held() holds dev.sem{{.*}}[worker-wait-under-lock]
  // CHECK-NEXT: thread A: try_held()
  // CHECK-NEXT: down_read_trylock(dev.sem) lock-rwsem.c:[[@LINE-5]]
  up_read(&d->sem);
  return 0;
}

int write_try_held(struct dev *d) {
  if (down_write_trylock(&d->sem)) {
    flush_work(&d->work);
    // CHECK: lock-rwsem.c:[[@LINE-1]]:5: warning: flush_work() waits for work:dev.work while write_try_held() holds dev.sem{{.*}}[worker-wait-under-lock]
    up_write(&d->sem);
    return 0;
  }
  return -EBUSY;
}

// Released before the wait, or never taken on the waiting path.
void read_after(struct dev *d) {
  down_read(&d->sem);
  up_read(&d->sem);
  flush_work(&d->work);
}

void write_after(struct dev *d) {
  down_write(&d->sem);
  up_write(&d->sem);
  flush_work(&d->work);
}

int try_failed(struct dev *d) {
  if (!down_read_trylock(&d->sem)) {
    flush_work(&d->work);
    return -EBUSY;
  }
  up_read(&d->sem);
  return 0;
}
// CHECK-NOT: _after()
// CHECK-NOT: try_failed()
// CHECK: holdwait: 4 finding(s)

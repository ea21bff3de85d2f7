// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Counting semaphores: down() holds dev.sem until up(); down_interruptible()
// holds it when it returned 0; down_trylock() returns 0 when it took the
// semaphore (the opposite of mutex_trylock). Held across cancel_work_sync()
// of a work that itself calls down() on it, it is reported; released
// first, or on the failure paths, it is not.
#include "kernel.h"

struct dev {
  struct semaphore sem;
  struct work_struct work;
};

static void dev_work(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  down(&d->sem);
  up(&d->sem);
}

void dev_init(struct dev *d) { INIT_WORK(&d->work, dev_work); }

void held(struct dev *d) {
  down(&d->sem);
  cancel_work_sync(&d->work);
  // CHECK: lock-semaphore.c:[[@LINE-1]]:3: warning: cancel_work_sync() waits for work:dev.work while held() holds dev.sem; dev_work() runs in work:dev.work (bound in dev_init()) and needs dev.sem [worker-wait-under-lock]
  // CHECK-NEXT: thread A: held()
  // CHECK-NEXT: down(dev.sem) lock-semaphore.c:[[@LINE-4]]
  // CHECK-NEXT: cancel_work_sync() lock-semaphore.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: dev_work() in work:dev.work, needs dev.sem
  // CHECK-NEXT: down(dev.sem) lock-semaphore.c:17
  up(&d->sem);
}

int interruptible(struct dev *d) {
  if (down_interruptible(&d->sem))
    return -EINTR;
  cancel_work_sync(&d->work);
  // CHECK: lock-semaphore.c:[[@LINE-1]]:3: warning: cancel_work_sync() waits for work:dev.work while interruptible() holds dev.sem{{.*}}[worker-wait-under-lock]
  // CHECK-NEXT: thread A: interruptible()
  // CHECK-NEXT: down_interruptible(dev.sem) lock-semaphore.c:[[@LINE-5]]
  up(&d->sem);
  return 0;
}

int trylock(struct dev *d) {
  if (down_trylock(&d->sem))
    return -EBUSY;
  cancel_work_sync(&d->work);
  // CHECK: lock-semaphore.c:[[@LINE-1]]:3: warning: cancel_work_sync() waits for work:dev.work while trylock() holds dev.sem{{.*}}[worker-wait-under-lock]
  // CHECK-NEXT: thread A: trylock()
  // CHECK-NEXT: down_trylock(dev.sem) lock-semaphore.c:[[@LINE-5]]
  up(&d->sem);
  return 0;
}

int trylock_failed(struct dev *d) {
  if (down_trylock(&d->sem)) {
    cancel_work_sync(&d->work);
    return -EBUSY;
  }
  up(&d->sem);
  return 0;
}

int interrupted(struct dev *d) {
  if (down_interruptible(&d->sem)) {
    cancel_work_sync(&d->work);
    return -EINTR;
  }
  up(&d->sem);
  return 0;
}

void released(struct dev *d) {
  down(&d->sem);
  up(&d->sem);
  cancel_work_sync(&d->work);
}
// CHECK-NOT: trylock_failed()
// CHECK-NOT: interrupted()
// CHECK-NOT: released()
// CHECK: holdwait: 3 finding(s)

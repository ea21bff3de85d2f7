// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// flush_workqueue() (6.12: __flush_workqueue) and destroy_workqueue() wait
// for every work queued on the workqueue. queue_work(d->wq, &d->work) puts
// work:dev.work on wq:dev.wq, so holding dev.lock (which dev_work_fn takes)
// across a flush of dev.wq is reported. dev.log_wq only ever gets
// log_work, whose function takes no lock: flushing it under dev.lock is
// fine, as is flushing dev.wq after the unlock.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct workqueue_struct *wq;
  struct workqueue_struct *log_wq;
  struct work_struct work;
  struct work_struct log_work;
  int n;
};

static void dev_work_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  mutex_lock(&d->lock);
  d->n++;
  mutex_unlock(&d->lock);
}

static void log_work_fn(struct work_struct *w) {
  (void)w;
}

void dev_init(struct dev *d) {
  INIT_WORK(&d->work, dev_work_fn);
  INIT_WORK(&d->log_work, log_work_fn);
}

void dev_kick(struct dev *d) {
  queue_work(d->wq, &d->work);
  queue_work(d->log_wq, &d->log_work);
}

void dev_flush(struct dev *d) {
  mutex_lock(&d->lock);
  flush_workqueue(d->wq);
  // CHECK: worker-wait-workqueue.c:[[@LINE-1]]:3: warning: __flush_workqueue() waits for wq:dev.wq while dev_flush() holds dev.lock; dev_work_fn() runs in work:dev.work (bound in dev_init()) (queued on wq:dev.wq) and needs dev.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: dev_flush() waits on wq:dev.wq
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-workqueue.c:[[@LINE-4]]
  // CHECK-NEXT: __flush_workqueue() worker-wait-workqueue.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: dev_work_fn() in wq:dev.wq, needs dev.lock
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-workqueue.c:22
  mutex_unlock(&d->lock);
}

void dev_destroy(struct dev *d) {
  mutex_lock(&d->lock);
  destroy_workqueue(d->wq);
  // CHECK: worker-wait-workqueue.c:[[@LINE-1]]:3: warning: destroy_workqueue() waits for wq:dev.wq while dev_destroy() holds dev.lock; dev_work_fn() runs in work:dev.work (bound in dev_init()) (queued on wq:dev.wq) and needs dev.lock [worker-wait-under-lock]
  mutex_unlock(&d->lock);
}

void log_flush(struct dev *d) {
  mutex_lock(&d->lock);
  flush_workqueue(d->log_wq);
  destroy_workqueue(d->log_wq);
  mutex_unlock(&d->lock);
}

void dev_flush_after(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  flush_workqueue(d->wq);
}
// CHECK-NOT: log_flush()
// CHECK-NOT: dev_flush_after()
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// A work queued through a helper that takes the workqueue and the work as
// parameters (dev_queue(d->wq, &d->work) calling queue_work(wq, w)) is on
// that workqueue just as if queue_work() were called directly: flushing
// wq:dev.wq under dev.lock, which the work's function takes, is reported.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct workqueue_struct *wq;
  struct work_struct work;
};

static void dev_work_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}

void dev_init(struct dev *d) { INIT_WORK(&d->work, dev_work_fn); }

static void dev_queue(struct workqueue_struct *wq, struct work_struct *w) {
  queue_work(wq, w);
}
void dev_kick(struct dev *d) { dev_queue(d->wq, &d->work); }

void dev_flush(struct dev *d) {
  mutex_lock(&d->lock);
  flush_workqueue(d->wq);
  // CHECK: worker-wait-workqueue-helper.c:[[@LINE-1]]:3: warning: __flush_workqueue() waits for wq:dev.wq while dev_flush() holds dev.lock; dev_work_fn() runs in work:dev.work {{.*}}and needs dev.lock [worker-wait-under-lock]
  mutex_unlock(&d->lock);
}
// CHECK: holdwait: 1 finding(s)

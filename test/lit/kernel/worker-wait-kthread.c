// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// kthread_stop() waits for the thread function to return. kthread_run()
// (6.12: kthread_create_on_node() + wake_up_process()) starts poll_thread
// and the result is stored in d->poller, so kthread_stop(d->poller) waits on
// kthread:dev.poller, whose body takes dev.lock: stopping it under dev.lock
// is reported. d->idler runs a function that takes no lock: silent.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct task_struct *poller;
  struct task_struct *idler;
  int stop;
};

static int poll_thread(void *data) {
  struct dev *d = data;
  while (!d->stop) {
    mutex_lock(&d->lock);
    mutex_unlock(&d->lock);
  }
  return 0;
}

static int idle_thread(void *data) {
  struct dev *d = data;
  while (!d->stop)
    msleep(10);
  return 0;
}

void dev_start(struct dev *d) {
  d->poller = kthread_run(poll_thread, d, "poller");
  d->idler = kthread_run(idle_thread, d, "idler");
}

void dev_stop(struct dev *d) {
  mutex_lock(&d->lock);
  d->stop = 1;
  kthread_stop(d->poller);
  // CHECK: worker-wait-kthread.c:[[@LINE-1]]:3: warning: kthread_stop() waits for kthread:dev.poller while dev_stop() holds dev.lock; poll_thread() runs in kthread:dev.poller (bound in dev_start()) and needs dev.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: dev_stop() waits on kthread:dev.poller
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-kthread.c:[[@LINE-5]]
  // CHECK-NEXT: kthread_stop() worker-wait-kthread.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: poll_thread() in kthread:dev.poller, needs dev.lock
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-kthread.c:20
  mutex_unlock(&d->lock);
}

void dev_stop_idler(struct dev *d) {
  mutex_lock(&d->lock);
  kthread_stop(d->idler);
  mutex_unlock(&d->lock);
}

void dev_stop_after(struct dev *d) {
  mutex_lock(&d->lock);
  d->stop = 1;
  mutex_unlock(&d->lock);
  kthread_stop(d->poller);
}
// CHECK-NOT: dev_stop_idler()
// CHECK-NOT: dev_stop_after()
// CHECK: holdwait: 1 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
//
// flush_work()/cancel_work_sync() wait for the work's function to finish.
// The function is bound by INIT_WORK(), which expands to
// `(w)->func = (f)`: work:dev.work runs dev_work_fn(), which takes
// dev.lock, so waiting for it under dev.lock is worker-wait-under-lock.
// Silent: dev.other_lock (no work function takes it), dev.stats_lock (only
// another work's function takes it), and the wait after the unlock.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct mutex other_lock;
  struct mutex stats_lock;
  struct work_struct work;
  struct work_struct stats_work;
};

static void dev_work_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}

static void stats_work_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, stats_work);
  mutex_lock(&d->stats_lock);
  mutex_unlock(&d->stats_lock);
}

void dev_init(struct dev *d) {
  INIT_WORK(&d->work, dev_work_fn);
  INIT_WORK(&d->stats_work, stats_work_fn);
}

void flush_held(struct dev *d) {
  mutex_lock(&d->lock);
  flush_work(&d->work);
  // CHECK: worker-wait-work.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while flush_held() holds dev.lock; dev_work_fn() runs in work:dev.work (bound in dev_init()) and needs dev.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: flush_held() waits on work:dev.work
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-work.c:[[@LINE-4]]
  // CHECK-NEXT: flush_work() worker-wait-work.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: dev_work_fn() in work:dev.work, needs dev.lock
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-work.c:22
  mutex_unlock(&d->lock);
}

void cancel_held(struct dev *d) {
  mutex_lock(&d->lock);
  cancel_work_sync(&d->work);
  // CHECK: worker-wait-work.c:[[@LINE-1]]:3: warning: cancel_work_sync() waits for work:dev.work while cancel_held() holds dev.lock; dev_work_fn() runs in work:dev.work (bound in dev_init()) and needs dev.lock [worker-wait-under-lock]
  mutex_unlock(&d->lock);
}

// No work function takes other_lock.
void other_lock(struct dev *d) {
  mutex_lock(&d->other_lock);
  flush_work(&d->work);
  cancel_work_sync(&d->stats_work);
  mutex_unlock(&d->other_lock);
}

// stats_lock is taken by stats_work's function, not by work's.
void other_work(struct dev *d) {
  mutex_lock(&d->stats_lock);
  flush_work(&d->work);
  mutex_unlock(&d->stats_lock);
}

void after_unlock(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  cancel_work_sync(&d->work);
}
// CHECK-NOT: other_lock()
// CHECK-NOT: other_work()
// CHECK-NOT: after_unlock()
// CHECK: holdwait: 2 finding(s)

// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "flush_held"
// JSON: "lock": "dev.lock"
// JSON: "callee": "flush_work"
// JSON: "wait_kind": "worker-wait"
// JSON: "domain": "work:dev.work"
// JSON: "kind": "inferred"
// JSON: "other_side"
// JSON-NEXT: "function": "dev_work_fn"
// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "cancel_held"
// JSON: "callee": "cancel_work_sync"
// JSON: "domain": "work:dev.work"

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
//
// Every kind of operation that may sleep, reached under a spinlock, is
// sleep-in-atomic: plain sleeps (msleep, schedule, usleep_range), taking a
// mutex, a grace-period wait (synchronize_srcu), and worker waits
// (wait_for_completion, flush_work). None of these waits has another side
// that needs dev.lock, so sleep-in-atomic is the only finding for each.
#include "kernel.h"

struct dev {
  spinlock_t lock;
  struct mutex mutex;
  struct srcu_struct srcu;
  struct completion done;
  struct work_struct work;
};

void ops(struct dev *d) {
  spin_lock(&d->lock);
  msleep(1);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: msleep() may sleep while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  schedule();
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: schedule() may sleep while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  usleep_range(10, 20);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: usleep_range() may sleep while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  mutex_lock(&d->mutex);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: mutex_lock() may sleep acquiring dev.mutex while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  mutex_unlock(&d->mutex);
  synchronize_srcu(&d->srcu);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  wait_for_completion(&d->done);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: wait_for_completion() waits for completion:dev.done while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  flush_work(&d->work);
  // CHECK: sleep-in-atomic-ops.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while ops() holds dev.lock, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: ops() waits on work:dev.work
  // CHECK-NEXT: spin_lock(dev.lock) sleep-in-atomic-ops.c:20
  // CHECK-NEXT: flush_work() sleep-in-atomic-ops.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: dev.lock is a spinlock: its holder runs in atomic context and must not sleep
  spin_unlock(&d->lock);
}
// CHECK: holdwait: 7 finding(s)

// JSON: "check": "sleep-in-atomic"
// JSON: "function": "ops"
// JSON: "lock": "dev.lock"
// JSON: "lock_kind": "spinlock"
// JSON: "callee": "msleep"
// JSON: "wait_kind": "sleep"
// JSON: "conflict": {
// JSON-NEXT: "kind": "atomic"
// JSON-NEXT: "reason": "dev.lock is a spinlock: its holder runs in atomic context and must not sleep"

// RUN: printf 'profile: t\nconflicts:\n  - lock: dev.lock\n    waits: worker-wait\n    reason: the reset worker pool needs dev.lock\n  - lock: dev.cfg_lock\n    domain: work:dev.work\n    reason: dev.work is stuck behind cfg_lock\n' > %t.yaml
// RUN: not %holdwait %s --annotations %t.yaml -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --check-prefix=NOANN
//
// A profile's `conflicts:` entries, written by the RUN line: `waits:`
// restricts an entry to one kind of wait (any domain when `domain:` is
// left out), `domain:` to one domain (any kind when `waits:` is left out).
// dev.lock conflicts with every worker wait but not with grace periods;
// dev.cfg_lock with waits on work:dev.work only. No code takes either
// lock in the awaited domains: without the profile nothing is reported.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct mutex cfg_lock;
  struct srcu_struct srcu;
  struct work_struct work;
  struct work_struct other;
  struct completion done;
};

void hold_lock(struct dev *d) {
  mutex_lock(&d->lock);
  flush_work(&d->other);
  // CHECK: annotated-conflict-filters.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.other while hold_lock() holds dev.lock, which is annotated as conflicting ({{.*}}.yaml:3) [worker-wait-under-lock]
  // CHECK: conflict: dev.lock is listed as conflicting with worker-wait waits on work:dev.other
  // CHECK-NEXT: ({{.*}}.yaml:3: the reset worker pool needs dev.lock)
  wait_for_completion(&d->done);
  // CHECK: annotated-conflict-filters.c:[[@LINE-1]]:3: warning: wait_for_completion() waits for completion:dev.done while hold_lock() holds dev.lock, which is annotated as conflicting ({{.*}}.yaml:3) [worker-wait-under-lock]
  synchronize_srcu(&d->srcu);
  // CHECK-NOT: annotated-conflict-filters.c:[[@LINE-1]]:
  mutex_unlock(&d->lock);
}

void hold_cfg(struct dev *d) {
  mutex_lock(&d->cfg_lock);
  cancel_work_sync(&d->work);
  // CHECK: annotated-conflict-filters.c:[[@LINE-1]]:3: warning: cancel_work_sync() waits for work:dev.work while hold_cfg() holds dev.cfg_lock, which is annotated as conflicting ({{.*}}.yaml:6) [worker-wait-under-lock]
  // CHECK: ({{.*}}.yaml:6: dev.work is stuck behind cfg_lock)
  cancel_work_sync(&d->other);
  synchronize_srcu(&d->srcu);
  // CHECK-NOT: annotated-conflict-filters.c:[[@LINE-2]]:
  // CHECK-NOT: annotated-conflict-filters.c:[[@LINE-2]]:
  mutex_unlock(&d->cfg_lock);
}
// CHECK: holdwait: 3 finding(s)

// NOANN-NOT: warning:
// NOANN: holdwait: 0 finding(s)

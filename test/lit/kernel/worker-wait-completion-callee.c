// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// The completer reaches the lock through a callee before it completes:
// finish() calls update_state(), which takes dev.lock, then
// complete(&d->done). Waiting for dev.done while holding dev.lock blocks
// finish() in update_state() forever. Also the completion signalled from
// a helper while the lock is held (signal_done() under dev.lock).
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct completion done;
  struct completion ready;
  int state;
};

static void update_state(struct dev *d) {
  mutex_lock(&d->lock);
  d->state = 1;
  mutex_unlock(&d->lock);
}

void finish(struct dev *d) {
  update_state(d);
  complete(&d->done);
}

static void signal_ready(struct dev *d) { complete(&d->ready); }

void announce(struct dev *d) {
  mutex_lock(&d->lock);
  signal_ready(d);
  mutex_unlock(&d->lock);
}

void wait_done(struct dev *d) {
  mutex_lock(&d->lock);
  wait_for_completion(&d->done);
  // CHECK: worker-wait-completion-callee.c:[[@LINE-1]]:3: warning: wait_for_completion() waits for completion:dev.done while wait_done() holds dev.lock; finish() signals completion:dev.done and needs dev.lock [worker-wait-under-lock]
  mutex_unlock(&d->lock);
}

void wait_ready(struct dev *d) {
  mutex_lock(&d->lock);
  wait_for_completion(&d->ready);
  // CHECK: worker-wait-completion-callee.c:[[@LINE-1]]:3: warning: wait_for_completion() waits for completion:dev.ready while wait_ready() holds dev.lock; announce() signals completion:dev.ready and needs dev.lock [worker-wait-under-lock]
  mutex_unlock(&d->lock);
}
// CHECK: holdwait: 2 finding(s)

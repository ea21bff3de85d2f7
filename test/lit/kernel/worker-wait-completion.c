// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// wait_for_completion(&d->done) waits for whoever calls complete(&d->done).
// The completer takes dev.lock before completing, so waiting under dev.lock
// never ends. Silent: dev.other (the completer never takes it), a
// completion whose completer takes dev.lock only after complete(), and the
// wait after the unlock.
#include "kernel.h"

struct dev {
  struct mutex lock;
  struct mutex other;
  struct completion done;
  struct completion ready;
  int state;
};

void finish(struct dev *d) {
  mutex_lock(&d->lock);
  d->state = 1;
  mutex_unlock(&d->lock);
  complete(&d->done);
}

void announce(struct dev *d) {
  complete(&d->ready);
  mutex_lock(&d->lock);
  d->state = 2;
  mutex_unlock(&d->lock);
}

void wait_held(struct dev *d) {
  mutex_lock(&d->lock);
  wait_for_completion(&d->done);
  // CHECK: worker-wait-completion.c:[[@LINE-1]]:3: warning: wait_for_completion() waits for completion:dev.done while wait_held() holds dev.lock; finish() signals completion:dev.done and needs dev.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: wait_held() waits on completion:dev.done
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-completion.c:[[@LINE-4]]
  // CHECK-NEXT: wait_for_completion() worker-wait-completion.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: finish() in completion:dev.done, needs dev.lock
  // CHECK-NEXT: complete() worker-wait-completion.c:22
  // CHECK-NEXT: mutex_lock(dev.lock) worker-wait-completion.c:19
  mutex_unlock(&d->lock);
}

void wait_timeout_held(struct dev *d) {
  mutex_lock(&d->lock);
  wait_for_completion_timeout(&d->done, 100);
  // CHECK: worker-wait-completion.c:[[@LINE-1]]:3: warning: wait_for_completion_timeout() waits for completion:dev.done while wait_timeout_held() holds dev.lock{{.*}}[worker-wait-under-lock]
  mutex_unlock(&d->lock);
}

void wait_other(struct dev *d) {
  mutex_lock(&d->other);
  wait_for_completion(&d->done);
  mutex_unlock(&d->other);
}

void wait_ready(struct dev *d) {
  mutex_lock(&d->lock);
  wait_for_completion(&d->ready);
  mutex_unlock(&d->lock);
}

void wait_after(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  wait_for_completion(&d->done);
}
// CHECK-NOT: wait_other()
// CHECK-NOT: wait_ready()
// CHECK-NOT: wait_after()
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Delayed work: INIT_DELAYED_WORK(&x->dw, fn) binds fn to the embedded
// `x->dw.work`; delayed_work is transparent, so the domain is named by its
// container's field, work:xrec.dw.work. flush_delayed_work() and
// cancel_delayed_work_sync() wait for it. Another delayed work in the same
// struct (xrec.idle.work) is a different domain.
#include "kernel.h"

struct xrec {
  struct mutex lock;
  struct delayed_work dw;
  struct delayed_work idle;
};

static void xrec_refresh(struct work_struct *w) {
  struct xrec *x = container_of(w, struct xrec, dw.work);
  mutex_lock(&x->lock);
  mutex_unlock(&x->lock);
}

static void xrec_idle(struct work_struct *w) {
  (void)w;
}

void xrec_init(struct xrec *x) {
  INIT_DELAYED_WORK(&x->dw, xrec_refresh);
  INIT_DELAYED_WORK(&x->idle, xrec_idle);
}

void xrec_flush(struct xrec *x) {
  mutex_lock(&x->lock);
  flush_delayed_work(&x->dw);
  // CHECK: worker-wait-delayed-work.c:[[@LINE-1]]:3: warning: flush_delayed_work() waits for work:xrec.dw.work while xrec_flush() holds xrec.lock; xrec_refresh() runs in work:xrec.dw.work (bound in xrec_init()) and needs xrec.lock [worker-wait-under-lock]
  mutex_unlock(&x->lock);
}

void xrec_cancel(struct xrec *x) {
  mutex_lock(&x->lock);
  cancel_delayed_work_sync(&x->dw);
  // CHECK: worker-wait-delayed-work.c:[[@LINE-1]]:3: warning: cancel_delayed_work_sync() waits for work:xrec.dw.work while xrec_cancel() holds xrec.lock; xrec_refresh() runs in work:xrec.dw.work (bound in xrec_init()) and needs xrec.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: xrec_cancel() waits on work:xrec.dw.work
  // CHECK-NEXT: mutex_lock(xrec.lock) worker-wait-delayed-work.c:[[@LINE-4]]
  // CHECK-NEXT: cancel_delayed_work_sync() worker-wait-delayed-work.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: xrec_refresh() in work:xrec.dw.work, needs xrec.lock
  // CHECK-NEXT: mutex_lock(xrec.lock) worker-wait-delayed-work.c:18
  mutex_unlock(&x->lock);
}

// The idle work never takes the lock.
void xrec_cancel_idle(struct xrec *x) {
  mutex_lock(&x->lock);
  cancel_delayed_work_sync(&x->idle);
  flush_delayed_work(&x->idle);
  mutex_unlock(&x->lock);
}

void xrec_cancel_after(struct xrec *x) {
  mutex_lock(&x->lock);
  mutex_unlock(&x->lock);
  cancel_delayed_work_sync(&x->dw);
}
// CHECK-NOT: xrec_cancel_idle()
// CHECK-NOT: xrec_cancel_after()
// CHECK: holdwait: 2 finding(s)

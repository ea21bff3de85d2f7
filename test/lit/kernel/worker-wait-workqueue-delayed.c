// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// A delayed work queued on a workqueue: queue_delayed_work(x->wq, &x->dw, d)
// and mod_delayed_work() put the delayed work's embedded work item
// (work:xrec.dw.work, the domain INIT_DELAYED_WORK binds xrec_refresh to)
// on wq:xrec.wq, so flushing or destroying that workqueue while holding
// xrec.lock, which xrec_refresh takes, is worker-wait-under-lock.
#include "kernel.h"

struct xrec {
  struct mutex lock;
  struct delayed_work dw;
  struct workqueue_struct *wq;
};

static void xrec_refresh(struct work_struct *w) {
  struct xrec *x = container_of(w, struct xrec, dw.work);
  mutex_lock(&x->lock);
  mutex_unlock(&x->lock);
}

void xrec_init(struct xrec *x) { INIT_DELAYED_WORK(&x->dw, xrec_refresh); }
void xrec_kick(struct xrec *x) { queue_delayed_work(x->wq, &x->dw, 10); }

void xrec_flush(struct xrec *x) {
  mutex_lock(&x->lock);
  flush_workqueue(x->wq);
  // CHECK: worker-wait-workqueue-delayed.c:[[@LINE-1]]:3: warning: __flush_workqueue() waits for wq:xrec.wq while xrec_flush() holds xrec.lock; xrec_refresh() runs in work:xrec.dw.work {{.*}}and needs xrec.lock [worker-wait-under-lock]
  mutex_unlock(&x->lock);
}

void xrec_destroy(struct xrec *x) {
  mutex_lock(&x->lock);
  destroy_workqueue(x->wq);
  // CHECK: worker-wait-workqueue-delayed.c:[[@LINE-1]]:3: warning: destroy_workqueue() waits for wq:xrec.wq while xrec_destroy() holds xrec.lock; xrec_refresh() runs in work:xrec.dw.work {{.*}}and needs xrec.lock [worker-wait-under-lock]
  mutex_unlock(&x->lock);
}
// CHECK: holdwait: 2 finding(s)

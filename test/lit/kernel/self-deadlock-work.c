// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// A work function that waits for its own work (cancel_work_sync() or
// flush_work() on the work it runs for) waits for itself: self-deadlock,
// also when the wait is in a helper. A work function cancelling another
// work is not a self-deadlock (and no lock is held, so nothing else fires).
#include "kernel.h"

struct dev {
  struct work_struct reset_work;
  struct work_struct poll_work;
  struct work_struct stats_work;
};

static void reset_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, reset_work);
  cancel_work_sync(&d->reset_work);
  // CHECK: self-deadlock-work.c:[[@LINE-1]]:3: warning: reset_fn() runs in work:dev.reset_work and cancel_work_sync() waits for work:dev.reset_work: it waits for itself [self-deadlock]
  // CHECK-NEXT: thread A: reset_fn() runs in work:dev.reset_work
  // CHECK-NEXT: cancel_work_sync() {{.*}}self-deadlock-work.c:[[@LINE-3]]
  // CHECK-NEXT: conflict: reset_fn() runs in work:dev.reset_work (bound in dev_init() at {{.*}}self-deadlock-work.c:39) and waits for work:dev.reset_work to finish, which includes itself
}

static void stop_polling(struct dev *d) { flush_work(&d->poll_work); }

static void poll_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, poll_work);
  stop_polling(d);
  // CHECK: self-deadlock-work.c:[[@LINE-1]]:3: warning: poll_fn() runs in work:dev.poll_work and stop_polling() reaches flush_work(), which waits for work:dev.poll_work: it waits for itself [self-deadlock]
}

static void stats_fn(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, stats_work);
  cancel_work_sync(&d->poll_work);
  flush_work(&d->reset_work);
}

void dev_init(struct dev *d) {
  INIT_WORK(&d->reset_work, reset_fn);
  INIT_WORK(&d->poll_work, poll_fn);
  INIT_WORK(&d->stats_work, stats_fn);
}
// CHECK-NOT: stats_fn()
// CHECK: holdwait: 2 finding(s)

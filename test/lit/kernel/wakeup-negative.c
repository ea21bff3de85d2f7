// RUN: %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Wakeups that must stay silent (exit 0): with no code running under the
// runqueue lock that takes dev.lock (no preempt_ops.sched_out callback
// here; the sched_in callback takes dev.lock, but sched_in runs after the
// runqueue lock is released), waking a task, completing, or queueing work
// while holding dev.lock is not a deadlock.
#include "kernel.h"

struct dev {
  spinlock_t lock;
  struct task_struct *task;
  struct completion done;
  struct work_struct work;
};

struct dev *to_dev(struct preempt_notifier *pn);

static void dev_sched_in(struct preempt_notifier *pn, int cpu) {
  struct dev *d = to_dev(pn);
  spin_lock(&d->lock);
  spin_unlock(&d->lock);
}

static struct preempt_ops dev_ops = {
    .sched_in = dev_sched_in,
};

void kick(struct dev *d) {
  spin_lock(&d->lock);
  wake_up_process(d->task);
  complete(&d->done);
  schedule_work(&d->work);
  spin_unlock(&d->lock);
}
// CHECK-NOT: warning:
// CHECK: holdwait: 0 finding(s)

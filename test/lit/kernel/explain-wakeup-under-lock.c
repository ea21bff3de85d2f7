// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The two-sided drawing of a wakeup-under-lock finding (seed 001's shape):
// thread A wakes a task through a helper while holding irq_desc.lock;
// thread B is the preempt_ops.sched_out callback, which the scheduler runs
// under the runqueue lock, reaching irq_desc.lock through a callee.
#include "kernel.h"

struct irq_desc {
  spinlock_t lock;
  struct task_struct *thread;
};

struct irq_desc *vcpu_irq(struct preempt_notifier *pn);

static void set_affinity(struct irq_desc *desc) {
  spin_lock(&desc->lock);
  spin_unlock(&desc->lock);
}
static void vcpu_put(struct preempt_notifier *pn, struct task_struct *next) {
  set_affinity(vcpu_irq(pn));
}
static struct preempt_ops vcpu_ops = {.sched_out = vcpu_put};

static void wake_thread(struct irq_desc *desc) { wake_up_process(desc->thread); }

void set_thread_affinity(struct irq_desc *desc) {
  spin_lock(&desc->lock);
  wake_thread(desc);
  spin_unlock(&desc->lock);
}

// CHECK:{{.*}}explain-wakeup-under-lock.c:29:3: warning: wake_thread() reaches wake_up_process(), which wakes a task, taking rq.__lock while set_thread_affinity() holds irq_desc.lock; vcpu_put() runs under rq.__lock {{.*}}and needs irq_desc.lock [wakeup-under-lock]
// CHECK-NEXT:  thread A: set_thread_affinity(){{ +}}wakes a task (takes the runqueue lock)
// CHECK-NEXT:    spin_lock(irq_desc.lock){{ +}}explain-wakeup-under-lock.c:28
// CHECK-NEXT:    wake_thread(){{ +}}explain-wakeup-under-lock.c:29
// CHECK-NEXT:      wake_up_process(){{ +}}explain-wakeup-under-lock.c:25
// CHECK-NEXT:  thread B: vcpu_put(){{ +}}under rq.__lock, needs irq_desc.lock
// CHECK-NEXT:    set_affinity(){{ +}}explain-wakeup-under-lock.c:21
// CHECK-NEXT:      spin_lock(irq_desc.lock){{ +}}explain-wakeup-under-lock.c:17
// CHECK-NEXT:  A holds irq_desc.lock and then takes the runqueue lock; B holds the runqueue lock and then takes irq_desc.lock.
// CHECK-NEXT:holdwait: 1 finding(s) in 1 translation unit(s)

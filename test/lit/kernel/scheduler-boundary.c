// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// The kernel profile models the scheduler's entry points: __cond_resched()
// (what cond_resched() and might_resched() call) is a sleep, and its body is
// not followed; past context_switch() runs the next task, whose sched_in
// notifier takes locks this task never waits for. preempt_schedule() is
// context-safe: it only preempts where preemption is allowed, and waits for
// nothing. The models hold for calls through a function pointer too
// (might_resched() is a static call to __cond_resched()): the definitions
// are lowered as their models, not from their bodies.
#include "kernel.h"

struct vcpu_state {
  struct mutex lock;
};
struct vcpu_state cur;
spinlock_t cache_lock;

// The next task's sched_in notifier.
void sched_in_notifier(void) {
  mutex_lock(&cur.lock);
  mutex_unlock(&cur.lock);
}
void finish_switch(void) { sched_in_notifier(); }
void __schedule(unsigned int mode) { finish_switch(); }
int __cond_resched(void) {
  __schedule(0);
  return 1;
}
void preempt_schedule(void) { __schedule(1); }

void resched_under_lock(void) {
  spin_lock(&cache_lock);
  __cond_resched();
  // CHECK: scheduler-boundary.c:[[@LINE-1]]:3: warning: {{.*}}resched_under_lock() holds cache_lock{{.*}}[sleep-in-atomic]
  // CHECK-NOT: sched_in_notifier
  // CHECK: conflict:
  spin_unlock(&cache_lock);
}

void preempt_under_lock(void) {
  spin_lock(&cache_lock);
  preempt_schedule();
  spin_unlock(&cache_lock);
}
// CHECK-NOT: preempt_under_lock()
// CHECK-NOT: sched_in_notifier

// A static call's slot, set once to each.
struct resched_hooks {
  int (*resched)(void);
  void (*preempt)(void);
};
struct resched_hooks hooks = {
    .resched = __cond_resched,
    .preempt = preempt_schedule,
};

void resched_through_slot(void) {
  spin_lock(&cache_lock);
  hooks.resched();
  // CHECK: scheduler-boundary.c:[[@LINE-1]]:3: warning: __cond_resched() may sleep while resched_through_slot() holds cache_lock{{.*}}[sleep-in-atomic]
  // CHECK-NEXT: thread A: resched_through_slot()
  // CHECK-NOT: sched_in_notifier
  // CHECK: conflict:
  spin_unlock(&cache_lock);
}

void preempt_through_slot(void) {
  spin_lock(&cache_lock);
  hooks.preempt();
  spin_unlock(&cache_lock);
}
// CHECK-NOT: preempt_through_slot()
// CHECK-NOT: sched_in_notifier
// CHECK: holdwait: 2 finding(s)

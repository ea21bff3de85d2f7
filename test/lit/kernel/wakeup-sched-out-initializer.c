// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
//
// Seed 001's shape: the scheduler calls preempt_ops.sched_out with the
// runqueue lock held, and vcpu_put() (bound by a static initializer
// `{ .sched_out = vcpu_put }`) takes vcpu.ir_list_lock. Every wakeup
// (wake_up_process, wake_up, complete, queue_work, schedule_work) takes the
// runqueue lock, so doing one while holding vcpu.ir_list_lock is an ABBA
// deadlock with the scheduler: wakeup-under-lock. A wakeup under a lock that
// is never taken under the runqueue lock, or after the unlock, is fine.
#include "kernel.h"

struct vcpu {
  spinlock_t ir_list_lock;
  spinlock_t stats_lock;
  struct preempt_notifier *pn;
  struct task_struct *task;
  struct wait_queue_head wq;
  struct completion done;
  struct workqueue_struct *workq;
  struct work_struct work;
};

struct vcpu *to_vcpu(struct preempt_notifier *pn);

static void vcpu_put(struct preempt_notifier *pn, struct task_struct *next) {
  struct vcpu *v = to_vcpu(pn);
  spin_lock(&v->ir_list_lock);
  spin_unlock(&v->ir_list_lock);
}

static struct preempt_ops vcpu_preempt_ops = {
    .sched_out = vcpu_put,
};

void kick_process(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  wake_up_process(v->task);
  // CHECK: wakeup-sched-out-initializer.c:[[@LINE-1]]:3: warning: wake_up_process() wakes a task, taking rq.__lock while kick_process() holds vcpu.ir_list_lock; vcpu_put() runs under rq.__lock {{.*}}and needs vcpu.ir_list_lock [wakeup-under-lock]
  // CHECK-NEXT: thread A: kick_process() wakes a task (takes the runqueue lock)
  // CHECK-NEXT: spin_lock(vcpu.ir_list_lock) wakeup-sched-out-initializer.c:[[@LINE-4]]
  // CHECK-NEXT: wake_up_process() wakeup-sched-out-initializer.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: vcpu_put() under rq.__lock, needs vcpu.ir_list_lock
  // CHECK-NEXT: spin_lock(vcpu.ir_list_lock) wakeup-sched-out-initializer.c:28
  spin_unlock(&v->ir_list_lock);
}

void kick_waitqueue(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  wake_up(&v->wq);
  // CHECK: wakeup-sched-out-initializer.c:[[@LINE-1]]:3: warning: __wake_up() {{.*}}kick_waitqueue() holds vcpu.ir_list_lock{{.*}}[wakeup-under-lock]
  spin_unlock(&v->ir_list_lock);
}

void kick_completion(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  complete(&v->done);
  // CHECK: wakeup-sched-out-initializer.c:[[@LINE-1]]:3: warning: complete() {{.*}}kick_completion() holds vcpu.ir_list_lock{{.*}}[wakeup-under-lock]
  spin_unlock(&v->ir_list_lock);
}

void kick_queue_work(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  queue_work(v->workq, &v->work);
  // CHECK: wakeup-sched-out-initializer.c:[[@LINE-1]]:3: warning: queue_work() {{.*}}kick_queue_work() holds vcpu.ir_list_lock{{.*}}[wakeup-under-lock]
  spin_unlock(&v->ir_list_lock);
}

void kick_schedule_work(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  schedule_work(&v->work);
  // CHECK: wakeup-sched-out-initializer.c:[[@LINE-1]]:3: warning: schedule_work() {{.*}}kick_schedule_work() holds vcpu.ir_list_lock{{.*}}[wakeup-under-lock]
  spin_unlock(&v->ir_list_lock);
}

// stats_lock is never taken under the runqueue lock.
void kick_stats(struct vcpu *v) {
  spin_lock(&v->stats_lock);
  wake_up_process(v->task);
  complete(&v->done);
  spin_unlock(&v->stats_lock);
}

void kick_after(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  spin_unlock(&v->ir_list_lock);
  wake_up_process(v->task);
}
// CHECK-NOT: kick_stats()
// CHECK-NOT: kick_after()
// CHECK: holdwait: 5 finding(s)

// JSON: "check": "wakeup-under-lock"
// JSON: "function": "kick_process"
// JSON: "lock": "vcpu.ir_list_lock"
// JSON: "callee": "wake_up_process"
// JSON: "wait_kind": "wakeup"
// JSON: "domain": "rq"
// JSON: "kind": "inferred"
// JSON: "other_side"
// JSON-NEXT: "function": "vcpu_put"

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// The preempt_ops.sched_out callback bound by assignment
// (`ops.sched_out = fn;`, as KVM does in kvm_init()) runs under the runqueue
// lock just like one bound by an initializer; the lock it takes (here
// through a callee) conflicts with a wakeup done while holding it.
// sched_in runs after the runqueue lock is released: a lock taken only
// there does not conflict.
#include "kernel.h"

struct vcpu {
  spinlock_t ir_list_lock;
  spinlock_t load_lock;
  struct task_struct *task;
};

struct vcpu *to_vcpu(struct preempt_notifier *pn);

static struct preempt_ops kvm_preempt_ops;

static void avic_vcpu_put(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  spin_unlock(&v->ir_list_lock);
}

static void kvm_sched_out(struct preempt_notifier *pn, struct task_struct *next) {
  avic_vcpu_put(to_vcpu(pn));
}

static void kvm_sched_in(struct preempt_notifier *pn, int cpu) {
  struct vcpu *v = to_vcpu(pn);
  spin_lock(&v->load_lock);
  spin_unlock(&v->load_lock);
}

void kvm_init(void) {
  kvm_preempt_ops.sched_in = kvm_sched_in;
  kvm_preempt_ops.sched_out = kvm_sched_out;
}

void irq_set_affinity(struct vcpu *v) {
  spin_lock(&v->ir_list_lock);
  wake_up_process(v->task);
  // CHECK: wakeup-sched-out-assignment.c:[[@LINE-1]]:3: warning: wake_up_process() wakes a task, taking rq.__lock while irq_set_affinity() holds vcpu.ir_list_lock; kvm_sched_out() runs under rq.__lock (bound in kvm_init(); called by the scheduler with the runqueue lock held) and needs vcpu.ir_list_lock [wakeup-under-lock]
  // CHECK-NEXT: thread A: irq_set_affinity() wakes a task (takes the runqueue lock)
  // CHECK-NEXT: spin_lock(vcpu.ir_list_lock) wakeup-sched-out-assignment.c:[[@LINE-4]]
  // CHECK-NEXT: wake_up_process() wakeup-sched-out-assignment.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: kvm_sched_out() under rq.__lock, needs vcpu.ir_list_lock
  // CHECK-NEXT: avic_vcpu_put() wakeup-sched-out-assignment.c:27
  // CHECK-NEXT: spin_lock(vcpu.ir_list_lock) wakeup-sched-out-assignment.c:22
  spin_unlock(&v->ir_list_lock);
}

// load_lock is taken only in sched_in, outside the runqueue lock.
void load(struct vcpu *v) {
  spin_lock(&v->load_lock);
  wake_up_process(v->task);
  spin_unlock(&v->load_lock);
}
// CHECK-NOT: load()
// CHECK: holdwait: 1 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// A grace-period wait inside a read-side section of the same domain waits
// for itself: synchronize_srcu(S) inside srcu_read_lock(S), directly or
// through a callee, and synchronize_rcu() inside rcu_read_lock(). These
// are self-deadlock (the RCU one is not also reported as sleep-in-atomic).
// Silent: synchronize_srcu() of a different SRCU domain inside the section,
// and nested rcu_read_lock() sections (RCU read locks are recursive).
#include "kernel.h"

struct kvm {
  struct srcu_struct srcu;
  struct srcu_struct irq_srcu;
  int n;
};

void srcu_self(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  synchronize_srcu(&kvm->srcu);
  // CHECK: self-deadlock-grace-period.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:kvm.srcu while srcu_self() holds kvm.srcu, its own read-side section of srcu:kvm.srcu [self-deadlock]
  // CHECK-NEXT: thread A: srcu_self() waits on srcu:kvm.srcu
  // CHECK-NEXT: srcu_read_lock(kvm.srcu) self-deadlock-grace-period.c:[[@LINE-4]]
  // CHECK-NEXT: synchronize_srcu() self-deadlock-grace-period.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: the grace period of srcu:kvm.srcu cannot end while this read-side section, opened by the waiter itself, is still open
  srcu_read_unlock(&kvm->srcu, idx);
}

static void update_irq_routing(struct kvm *kvm) {
  synchronize_srcu_expedited(&kvm->irq_srcu);
}

void srcu_self_callee(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->irq_srcu);
  update_irq_routing(kvm);
  // CHECK: self-deadlock-grace-period.c:[[@LINE-1]]:3: warning: update_irq_routing() reaches synchronize_srcu_expedited(){{.*}}srcu_self_callee() holds kvm.irq_srcu, its own read-side section of srcu:kvm.irq_srcu [self-deadlock]
  srcu_read_unlock(&kvm->irq_srcu, idx);
}

void rcu_self(void) {
  rcu_read_lock();
  synchronize_rcu();
  // CHECK: self-deadlock-grace-period.c:[[@LINE-1]]:3: warning: synchronize_rcu() waits for an RCU grace period while rcu_self() holds rcu, its own read-side section of rcu [self-deadlock]
  // CHECK-NOT: [sleep-in-atomic]
  rcu_read_unlock();
}

void srcu_other_domain(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  synchronize_srcu(&kvm->irq_srcu);
  srcu_read_unlock(&kvm->srcu, idx);
}

void rcu_nested(struct kvm *kvm) {
  rcu_read_lock();
  rcu_read_lock();
  kvm->n++;
  rcu_read_unlock();
  rcu_read_unlock();
}
// CHECK-NOT: srcu_other_domain()
// CHECK-NOT: rcu_nested()
// CHECK: holdwait: 3 finding(s)

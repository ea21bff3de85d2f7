// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
//
// Inferred grace-period conflicts (seed 003's shape): synchronize_srcu(),
// synchronize_srcu_expedited() and srcu_barrier() on kvm->srcu while holding
// kvm->lock, when some kvm->srcu read-side section takes kvm->lock. The
// reader may take it directly, through a callee, or be a helper that its
// caller runs inside the read-side section.
#include "kernel.h"

struct kvm {
  struct mutex lock;
  struct mutex mmu_lock;
  struct mutex irq_lock;
  struct srcu_struct srcu;
};

// Direct reader of kvm.lock.
void hypercall(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  mutex_lock(&kvm->lock);
  mutex_unlock(&kvm->lock);
  srcu_read_unlock(&kvm->srcu, idx);
}

// Reader of kvm.mmu_lock through a callee.
static void zap(struct kvm *kvm) {
  mutex_lock(&kvm->mmu_lock);
  mutex_unlock(&kvm->mmu_lock);
}
void page_fault(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  zap(kvm);
  srcu_read_unlock(&kvm->srcu, idx);
}

// irq_update() takes kvm.irq_lock; it does not open a read-side section
// itself, its caller calls it with the section open.
static void irq_update(struct kvm *kvm) {
  mutex_lock(&kvm->irq_lock);
  mutex_unlock(&kvm->irq_lock);
}
void set_irq(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  irq_update(kvm);
  srcu_read_unlock(&kvm->srcu, idx);
}

void set_lock(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  synchronize_srcu(&kvm->srcu);
  // CHECK: grace-period-srcu-inferred.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:kvm.srcu while set_lock() holds kvm.lock; hypercall() runs inside a srcu:kvm.srcu read-side section and needs kvm.lock [grace-period-under-lock]
  mutex_unlock(&kvm->lock);
}

void set_mmu(struct kvm *kvm) {
  mutex_lock(&kvm->mmu_lock);
  synchronize_srcu_expedited(&kvm->srcu);
  // CHECK: grace-period-srcu-inferred.c:[[@LINE-1]]:3: warning: synchronize_srcu_expedited() waits for a grace period of srcu:kvm.srcu while set_mmu() holds kvm.mmu_lock; page_fault() runs inside a srcu:kvm.srcu read-side section and needs kvm.mmu_lock [grace-period-under-lock]
  // CHECK-NEXT: thread A: set_mmu()
  // CHECK-NEXT: mutex_lock(kvm.mmu_lock)
  // CHECK-NEXT: synchronize_srcu_expedited()
  // CHECK-NEXT: thread B: page_fault() in srcu:kvm.srcu, needs kvm.mmu_lock
  // CHECK-NEXT: srcu_read_lock(kvm.srcu) grace-period-srcu-inferred.c:32
  // CHECK-NEXT: zap() grace-period-srcu-inferred.c:33
  // CHECK-NEXT: mutex_lock(kvm.mmu_lock) grace-period-srcu-inferred.c:28
  mutex_unlock(&kvm->mmu_lock);
}

void set_irq_routing(struct kvm *kvm) {
  mutex_lock(&kvm->irq_lock);
  srcu_barrier(&kvm->srcu);
  // CHECK: grace-period-srcu-inferred.c:[[@LINE-1]]:3: warning: srcu_barrier() waits for a grace period of srcu:kvm.srcu while set_irq_routing() holds kvm.irq_lock; set_irq() runs inside a srcu:kvm.srcu read-side section and needs kvm.irq_lock [grace-period-under-lock]
  // CHECK-NEXT: thread A: set_irq_routing()
  // CHECK-NEXT: mutex_lock(kvm.irq_lock)
  // CHECK-NEXT: srcu_barrier()
  // CHECK-NEXT: thread B: set_irq() in srcu:kvm.srcu, needs kvm.irq_lock
  // CHECK-NEXT: srcu_read_lock(kvm.srcu) grace-period-srcu-inferred.c:44
  // CHECK-NEXT: irq_update() grace-period-srcu-inferred.c:45
  // CHECK-NEXT: mutex_lock(kvm.irq_lock) grace-period-srcu-inferred.c:40
  mutex_unlock(&kvm->irq_lock);
}
// CHECK: holdwait: 3 finding(s)

// JSON: "check": "grace-period-under-lock"
// JSON: "function": "set_lock"
// JSON: "lock": "kvm.lock"
// JSON: "callee": "synchronize_srcu"
// JSON: "domain": "srcu:kvm.srcu"
// JSON: "kind": "inferred"
// JSON: "other_side"
// JSON-NEXT: "function": "hypercall"
// JSON: "check": "grace-period-under-lock"
// JSON: "function": "set_mmu"
// JSON: "lock": "kvm.mmu_lock"
// JSON: "callee": "synchronize_srcu_expedited"
// JSON: "domain": "srcu:kvm.srcu"
// JSON: "other_side"
// JSON-NEXT: "function": "page_fault"
// JSON: "chain"
// JSON-NEXT: {
// JSON-NEXT: "function": "page_fault"
// JSON-NEXT: "callee": "zap"
// JSON: "function": "zap"
// JSON-NEXT: "callee": "mutex_lock"
// JSON: "check": "grace-period-under-lock"
// JSON: "function": "set_irq_routing"
// JSON: "lock": "kvm.irq_lock"
// JSON: "callee": "srcu_barrier"
// JSON: "other_side"
// JSON-NEXT: "function": "set_irq"

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
//
// A grace-period wait whose readers need the held lock is reported with both
// sides; the same wait under a lock its readers never take is not.
#include "kernel.h"

struct kvm {
  struct mutex lock;
  struct mutex slots_lock;
  struct srcu_struct srcu;
};

// A reader: takes kvm->lock inside a kvm->srcu read-side section.
void reader(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  mutex_lock(&kvm->lock);
  mutex_unlock(&kvm->lock);
  srcu_read_unlock(&kvm->srcu, idx);
}

void writer(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  synchronize_srcu(&kvm->srcu);
  // CHECK: grace-period-under-lock.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:kvm.srcu while writer() holds kvm.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: writer()
  // CHECK-NEXT: mutex_lock(kvm.lock)
  // CHECK-NEXT: synchronize_srcu()
  // CHECK-NEXT: thread B: reader(){{ +}}in srcu:kvm.srcu, needs kvm.lock
  // CHECK-NEXT: srcu_read_lock(kvm.srcu)
  // CHECK-NEXT: mutex_lock(kvm.lock)
  mutex_unlock(&kvm->lock);
}

// No reader takes slots_lock: holding it across the wait is fine.
void memslots(struct kvm *kvm) {
  mutex_lock(&kvm->slots_lock);
  synchronize_srcu_expedited(&kvm->srcu);
  mutex_unlock(&kvm->slots_lock);
}
// CHECK-NOT: memslots
// CHECK: 1 finding(s)

// JSON: "check": "grace-period-under-lock"
// JSON: "function": "writer"
// JSON: "lock": "kvm.lock"
// JSON: "callee": "synchronize_srcu"
// JSON: "domain": "srcu:kvm.srcu"
// JSON: "kind": "inferred"
// JSON: "other_side"
// JSON: "function": "reader"

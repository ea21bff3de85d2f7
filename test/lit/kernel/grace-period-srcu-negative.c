// RUN: %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Grace-period waits that must stay silent (exit 0):
//  - holding kvm->slots_lock across synchronize_srcu(&kvm->srcu) is normal
//    kernel practice: no kvm->srcu reader takes slots_lock;
//  - kvm->lock is taken inside kvm->irq_srcu read-side sections only, so
//    waiting for kvm->srcu (a different SRCU domain) under it is fine;
//  - a lock taken outside any read-side section, or after the section's
//    srcu_read_unlock(), is not needed by the grace period.
#include "kernel.h"

struct kvm {
  struct mutex lock;
  struct mutex slots_lock;
  struct mutex stats_lock;
  struct srcu_struct srcu;
  struct srcu_struct irq_srcu;
};

void irq_reader(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->irq_srcu);
  mutex_lock(&kvm->lock);
  mutex_unlock(&kvm->lock);
  srcu_read_unlock(&kvm->irq_srcu, idx);
}

void memslot_reader(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  srcu_read_unlock(&kvm->srcu, idx);
  mutex_lock(&kvm->stats_lock);
  mutex_unlock(&kvm->stats_lock);
}

void set_memslot(struct kvm *kvm) {
  mutex_lock(&kvm->slots_lock);
  synchronize_srcu_expedited(&kvm->srcu);
  mutex_unlock(&kvm->slots_lock);
}

void other_domain(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  synchronize_srcu(&kvm->srcu);
  srcu_barrier(&kvm->srcu);
  mutex_unlock(&kvm->lock);
}

void after_section(struct kvm *kvm) {
  mutex_lock(&kvm->stats_lock);
  synchronize_srcu(&kvm->srcu);
  mutex_unlock(&kvm->stats_lock);
}
// CHECK-NOT: warning:
// CHECK: holdwait: 0 finding(s)

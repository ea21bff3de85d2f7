// RUN: not %holdwait %s --annotations %S/Inputs/irqfd-conflict.yaml -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --annotations %S/Inputs/irqfd-conflict.yaml --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
// RUN: %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --check-prefix=NOANN
//
// Annotated grace-period conflicts (seed 000's shape): no irq_srcu reader
// takes kvm->irqfds.resampler_lock, so nothing can be inferred; a profile's
// `conflicts:` entry says the lock must not be held across irq_srcu grace
// periods. With the profile, the wait is reported directly and through
// kvm_unregister_irq_ack_notifier(), with the annotation's reason and its
// file:line; without it, nothing is reported. A different lock or a
// different SRCU domain does not match the entry.
#include "kernel.h"

struct kvm {
  struct {
    struct mutex resampler_lock;
    int count;
  } irqfds;
  struct mutex lock;
  struct srcu_struct irq_srcu;
  struct srcu_struct srcu;
};

static void kvm_unregister_irq_ack_notifier(struct kvm *kvm) {
  synchronize_srcu_expedited(&kvm->irq_srcu);
}

void resampler_shutdown(struct kvm *kvm) {
  mutex_lock(&kvm->irqfds.resampler_lock);
  kvm->irqfds.count--;
  synchronize_srcu_expedited(&kvm->irq_srcu);
  // CHECK: grace-period-annotated-yaml.c:[[@LINE-1]]:3: warning: synchronize_srcu_expedited() waits for a grace period of srcu:kvm.irq_srcu while resampler_shutdown() holds kvm.irqfds.resampler_lock, which is annotated as conflicting ({{.*}}irqfd-conflict.yaml:7) [grace-period-under-lock]
  // CHECK-NEXT: thread A: resampler_shutdown() waits on srcu:kvm.irq_srcu
  // CHECK-NEXT: mutex_lock(kvm.irqfds.resampler_lock) grace-period-annotated-yaml.c:[[@LINE-5]]
  // CHECK-NEXT: synchronize_srcu_expedited() grace-period-annotated-yaml.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: kvm.irqfds.resampler_lock is listed as conflicting with grace-period waits on srcu:kvm.irq_srcu
  // CHECK-NEXT: ({{.*}}irqfd-conflict.yaml:7: shutdown workers blocked on resampler_lock starve the irq_srcu grace-period work)
  // CHECK-NEXT: see https://example.org/irqfd-resampler
  kvm_unregister_irq_ack_notifier(kvm);
  // CHECK: grace-period-annotated-yaml.c:[[@LINE-1]]:3: warning: {{.*}}resampler_shutdown() holds kvm.irqfds.resampler_lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: resampler_shutdown() waits on srcu:kvm.irq_srcu
  // CHECK-NEXT: mutex_lock(kvm.irqfds.resampler_lock) grace-period-annotated-yaml.c:[[@LINE-13]]
  // CHECK-NEXT: kvm_unregister_irq_ack_notifier() grace-period-annotated-yaml.c:[[@LINE-4]]
  // CHECK-NEXT: synchronize_srcu_expedited() grace-period-annotated-yaml.c:25
  // CHECK-NEXT: conflict: kvm.irqfds.resampler_lock is listed as conflicting with grace-period waits on srcu:kvm.irq_srcu
  mutex_unlock(&kvm->irqfds.resampler_lock);
}

// Not on the list: another lock, another domain.
void other_lock(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  synchronize_srcu_expedited(&kvm->irq_srcu);
  mutex_unlock(&kvm->lock);
}

void other_domain(struct kvm *kvm) {
  mutex_lock(&kvm->irqfds.resampler_lock);
  synchronize_srcu(&kvm->srcu);
  mutex_unlock(&kvm->irqfds.resampler_lock);
}
// CHECK-NOT: other_lock()
// CHECK-NOT: other_domain()
// CHECK: holdwait: 2 finding(s)

// JSON: "check": "grace-period-under-lock"
// JSON: "function": "resampler_shutdown"
// JSON: "lock": "kvm.irqfds.resampler_lock"
// JSON: "callee": "synchronize_srcu_expedited"
// JSON: "domain": "srcu:kvm.irq_srcu"
// JSON: "conflict": {
// JSON-NEXT: "kind": "annotated"
// JSON-NEXT: "reason": "shutdown workers blocked on resampler_lock starve the irq_srcu grace-period work"
// JSON-NEXT: "annotation": "{{.*}}irqfd-conflict.yaml:7"
// JSON-NEXT: "reference": "https://example.org/irqfd-resampler"
// JSON: "check": "grace-period-under-lock"
// JSON: "function": "resampler_shutdown"
// JSON: "lock": "kvm.irqfds.resampler_lock"
// JSON: "callee": "kvm_unregister_irq_ack_notifier"
// JSON: "blocking": "synchronize_srcu_expedited"
// JSON: "chain": [
// JSON: "callee": "kvm_unregister_irq_ack_notifier"
// JSON: "callee": "synchronize_srcu_expedited"
// JSON: "kind": "annotated"

// NOANN-NOT: warning:
// NOANN: holdwait: 0 finding(s)

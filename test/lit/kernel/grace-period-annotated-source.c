// RUN: not %holdwait %s -- -I%inputs -I%annotations 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -I%inputs -I%annotations | FileCheck %s --check-prefix=JSON
//
// The in-source form of an annotated conflict: HOLDWAIT_CONFLICTS_WITH()
// from annotations/holdwait.h on a struct field (here one inside an
// anonymous struct, so the class is kvm.irqfds.resampler_lock). The finding
// carries the annotation's reason and its file:line. The annotation names
// one domain: waiting for another domain under the lock is not reported,
// nor is waiting for the annotated domain under another lock.
#include "kernel.h"
#include "holdwait.h"

struct kvm {
  struct {
    struct mutex resampler_lock HOLDWAIT_CONFLICTS_WITH(
        "srcu:kvm.irq_srcu", "resampler workers starve the irq_srcu grace period");
  } irqfds;
  struct mutex lock;
  struct srcu_struct irq_srcu;
  struct srcu_struct srcu;
};

void resampler_shutdown(struct kvm *kvm) {
  mutex_lock(&kvm->irqfds.resampler_lock);
  synchronize_srcu_expedited(&kvm->irq_srcu);
  // CHECK: grace-period-annotated-source.c:[[@LINE-1]]:3: warning: synchronize_srcu_expedited() waits for a grace period of srcu:kvm.irq_srcu while resampler_shutdown() holds kvm.irqfds.resampler_lock, which is annotated as conflicting ({{.*}}grace-period-annotated-source.c:15) [grace-period-under-lock]
  // CHECK-NEXT: thread A: resampler_shutdown() waits on srcu:kvm.irq_srcu
  // CHECK-NEXT: mutex_lock(kvm.irqfds.resampler_lock) grace-period-annotated-source.c:[[@LINE-4]]
  // CHECK-NEXT: synchronize_srcu_expedited() grace-period-annotated-source.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: kvm.irqfds.resampler_lock is listed as conflicting with grace-period waits on srcu:kvm.irq_srcu
  // CHECK-NEXT: ({{.*}}grace-period-annotated-source.c:15: resampler workers starve the irq_srcu grace period)
  mutex_unlock(&kvm->irqfds.resampler_lock);
}

void other_domain(struct kvm *kvm) {
  mutex_lock(&kvm->irqfds.resampler_lock);
  synchronize_srcu(&kvm->srcu);
  mutex_unlock(&kvm->irqfds.resampler_lock);
}

void other_lock(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  synchronize_srcu(&kvm->irq_srcu);
  mutex_unlock(&kvm->lock);
}
// CHECK-NOT: other_domain()
// CHECK-NOT: other_lock()
// CHECK: holdwait: 1 finding(s)

// JSON: "function": "resampler_shutdown"
// JSON: "lock": "kvm.irqfds.resampler_lock"
// JSON: "domain": "srcu:kvm.irq_srcu"
// JSON: "conflict": {
// JSON-NEXT: "kind": "annotated"
// JSON-NEXT: "reason": "resampler workers starve the irq_srcu grace period"
// JSON-NEXT: "annotation": "{{.*}}grace-period-annotated-source.c:15"

// RUN: not %holdwait %s --annotations %S/Inputs/irqfd-conflict.yaml -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The drawing of an annotated conflict whose lock was taken through nested
// lock wrappers: the wrapper call carries the lock, the calls inside it are
// indented one level per depth, then the chain to the wait, then the
// conflict line with the annotation's file:line, reason and reference.
#include "kernel.h"

struct kvm {
  struct {
    struct mutex resampler_lock;
  } irqfds;
  struct srcu_struct irq_srcu;
};

static void resampler_lock_raw(struct kvm *kvm) {
  mutex_lock(&kvm->irqfds.resampler_lock);
}
static void resampler_lock(struct kvm *kvm) { resampler_lock_raw(kvm); }

void shutdown(struct kvm *kvm) {
  resampler_lock(kvm);
  synchronize_srcu_expedited(&kvm->irq_srcu);
  mutex_unlock(&kvm->irqfds.resampler_lock);
}

// CHECK:{{.*}}explain-grace-period-annotated.c:23:3: warning: synchronize_srcu_expedited() waits for a grace period of srcu:kvm.irq_srcu while shutdown() holds kvm.irqfds.resampler_lock, which is annotated as conflicting ({{.*}}irqfd-conflict.yaml:7) [grace-period-under-lock]
// CHECK-NEXT:  thread A: shutdown(){{ +}}waits on srcu:kvm.irq_srcu
// CHECK-NEXT:    resampler_lock(kvm.irqfds.resampler_lock){{ +}}explain-grace-period-annotated.c:22
// CHECK-NEXT:      resampler_lock_raw(){{ +}}explain-grace-period-annotated.c:19
// CHECK-NEXT:        mutex_lock(){{ +}}explain-grace-period-annotated.c:17
// CHECK-NEXT:    synchronize_srcu_expedited(){{ +}}explain-grace-period-annotated.c:23
// CHECK-NEXT:  conflict: kvm.irqfds.resampler_lock is listed as conflicting with grace-period waits on srcu:kvm.irq_srcu
// CHECK-NEXT:            ({{.*}}irqfd-conflict.yaml:7: shutdown workers blocked on resampler_lock starve the irq_srcu grace-period work)
// CHECK-NEXT:            see https://example.org/irqfd-resampler
// CHECK-NEXT:holdwait: 1 finding(s) in 1 translation unit(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The two-sided drawing of a grace-period-under-lock finding, exactly:
// thread A with the lock acquisition and its file:line, then the chain to
// the wait, indented two more spaces per call depth; thread B with the
// read-side section that opened its context and its own chain down to the
// acquisition of the lock; the closing line. The gap before the right column is matched loosely.
#include "kernel.h"

struct kvm {
  struct mutex lock;
  struct srcu_struct srcu;
};

static void take_lock(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  mutex_unlock(&kvm->lock);
}
static void handle_hypercall(struct kvm *kvm) { take_lock(kvm); }

void vcpu_run(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  handle_hypercall(kvm);
  srcu_read_unlock(&kvm->srcu, idx);
}

static void wait_readers(struct kvm *kvm) { synchronize_srcu(&kvm->srcu); }
static void update(struct kvm *kvm) { wait_readers(kvm); }

void set_config(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  update(kvm);
  mutex_unlock(&kvm->lock);
}

// CHECK:{{.*}}explain-grace-period-under-lock.c:32:3: warning: update() reaches synchronize_srcu(), which waits for a grace period of srcu:kvm.srcu while set_config() holds kvm.lock; vcpu_run() runs inside a srcu:kvm.srcu read-side section and needs kvm.lock [grace-period-under-lock]
// CHECK-NEXT:  thread A: set_config(){{ +}}waits on srcu:kvm.srcu
// CHECK-NEXT:    mutex_lock(kvm.lock){{ +}}explain-grace-period-under-lock.c:31
// CHECK-NEXT:    update(){{ +}}explain-grace-period-under-lock.c:32
// CHECK-NEXT:      wait_readers(){{ +}}explain-grace-period-under-lock.c:28
// CHECK-NEXT:        synchronize_srcu(){{ +}}explain-grace-period-under-lock.c:27
// CHECK-NEXT:  thread B: vcpu_run(){{ +}}in srcu:kvm.srcu, needs kvm.lock
// CHECK-NEXT:    srcu_read_lock(kvm.srcu){{ +}}explain-grace-period-under-lock.c:22
// CHECK-NEXT:    handle_hypercall(){{ +}}explain-grace-period-under-lock.c:23
// CHECK-NEXT:      take_lock(){{ +}}explain-grace-period-under-lock.c:19
// CHECK-NEXT:        mutex_lock(kvm.lock){{ +}}explain-grace-period-under-lock.c:16
// CHECK-NEXT:  A holds kvm.lock until srcu:kvm.srcu makes progress; B must take kvm.lock first.
// CHECK-NEXT:holdwait: 1 finding(s) in 1 translation unit(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --strict-whitespace --match-full-lines
//
// The drawings of self-deadlock findings: a grace period awaited inside the
// waiter's own read-side section (the wait reached through a helper,
// indented under it), and a work function that flushes its own work
// through a helper, and a mutex taken twice (the first acquisition, then
// the second). All draw like the other checks: file names without
// directories in the right column, call chains indented per depth.
#include "kernel.h"

struct kvm {
  struct srcu_struct srcu;
  struct work_struct work;
  struct mutex lock;
};

static void sync_all(struct kvm *kvm) { synchronize_srcu(&kvm->srcu); }

void ioctl(struct kvm *kvm) {
  int idx = srcu_read_lock(&kvm->srcu);
  sync_all(kvm);
  srcu_read_unlock(&kvm->srcu, idx);
}

static void stop(struct kvm *kvm) { flush_work(&kvm->work); }
static void work_fn(struct work_struct *w) {
  stop(container_of(w, struct kvm, work));
}
void kvm_init_work(struct kvm *kvm) { INIT_WORK(&kvm->work, work_fn); }

void relock(struct kvm *kvm) {
  mutex_lock(&kvm->lock);
  mutex_lock(&kvm->lock);
  mutex_unlock(&kvm->lock);
  mutex_unlock(&kvm->lock);
}

// CHECK:{{.*}}explain-self-deadlock.c:21:3: warning: sync_all() reaches synchronize_srcu(), which waits for a grace period of srcu:kvm.srcu while ioctl() holds kvm.srcu, its own read-side section of srcu:kvm.srcu [self-deadlock]
// CHECK-NEXT:  thread A: ioctl(){{ +}}waits on srcu:kvm.srcu
// CHECK-NEXT:    srcu_read_lock(kvm.srcu){{ +}}explain-self-deadlock.c:20
// CHECK-NEXT:    sync_all(){{ +}}explain-self-deadlock.c:21
// CHECK-NEXT:      synchronize_srcu(){{ +}}explain-self-deadlock.c:17
// CHECK-NEXT:  conflict: the grace period of srcu:kvm.srcu cannot end while this read-side section, opened by the waiter itself, is still open
// CHECK-NEXT:{{.*}}explain-self-deadlock.c:27:3: warning: work_fn() runs in work:kvm.work and stop() reaches flush_work(), which waits for work:kvm.work: it waits for itself [self-deadlock]
// CHECK-NEXT:  thread A: work_fn(){{ +}}runs in work:kvm.work
// CHECK-NEXT:    stop(){{ +}}explain-self-deadlock.c:27
// CHECK-NEXT:      flush_work(){{ +}}explain-self-deadlock.c:25
// CHECK-NEXT:  conflict: work_fn() runs in work:kvm.work (bound in kvm_init_work() at {{.*}}explain-self-deadlock.c:29) and waits for work:kvm.work to finish, which includes itself
// CHECK-NEXT:{{.*}}explain-self-deadlock.c:33:3: warning: mutex_lock() acquires kvm.lock ({{.*}}) while relock() already holds it [self-deadlock]
// CHECK-NEXT:  thread A: relock(){{ +}}takes kvm.lock again
// CHECK-NEXT:    mutex_lock(kvm.lock){{ +}}explain-self-deadlock.c:32
// CHECK-NEXT:    mutex_lock(){{ +}}explain-self-deadlock.c:33
// CHECK-NEXT:  conflict: {{.*}} is already held here and mutexes are not recursive
// CHECK-NEXT:holdwait: 3 finding(s) in 1 translation unit(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Helpers that receive the lock, the SRCU domain or the work through a
// pointer parameter: the caller's argument names the class and the domain
// (lock_it(&k->lock) takes kvm.lock, wait_gp(&k->srcu) waits for
// srcu:kvm.srcu, wait_work(&k->work) waits for work:kvm.work), and
// srcu_enter()/srcu_leave() wrappers open and close the caller's
// read-side section. Helpers called with another domain, or after the
// unlock, are silent.
#include "kernel.h"

struct kvm {
  struct mutex lock;
  struct srcu_struct srcu;
  struct srcu_struct irq_srcu;
  struct work_struct work;
  struct work_struct idle;
};

static int srcu_enter(struct kvm *k) { return srcu_read_lock(&k->srcu); }
static void srcu_leave(struct kvm *k, int idx) { srcu_read_unlock(&k->srcu, idx); }

// Readers and workers need kvm.lock.
void reader(struct kvm *k) {
  int idx = srcu_enter(k);
  mutex_lock(&k->lock);
  mutex_unlock(&k->lock);
  srcu_leave(k, idx);
}
static void work_fn(struct work_struct *w) {
  struct kvm *k = container_of(w, struct kvm, work);
  mutex_lock(&k->lock);
  mutex_unlock(&k->lock);
}
static void idle_fn(struct work_struct *w) { (void)w; }
void kvm_init(struct kvm *k) {
  INIT_WORK(&k->work, work_fn);
  INIT_WORK(&k->idle, idle_fn);
}

static void wait_gp(struct srcu_struct *ssp) { synchronize_srcu(ssp); }
static void wait_work(struct work_struct *w) { flush_work(w); }
static void lock_it(struct mutex *m) { mutex_lock(m); }

void gp_param(struct kvm *k) {
  mutex_lock(&k->lock);
  wait_gp(&k->srcu);
  // CHECK: interproc-parameters.c:[[@LINE-1]]:3: warning: wait_gp() reaches synchronize_srcu(), which waits for a grace period of srcu:kvm.srcu while gp_param() holds kvm.lock; reader() runs inside a srcu:kvm.srcu read-side section and needs kvm.lock [grace-period-under-lock]
  // CHECK: thread B: reader() in srcu:kvm.srcu, needs kvm.lock
  // CHECK-NEXT: srcu_enter(kvm.srcu) interproc-parameters.c:25
  // CHECK-NEXT: mutex_lock(kvm.lock) interproc-parameters.c:26
  wait_gp(&k->irq_srcu);
  mutex_unlock(&k->lock);
}

void work_param(struct kvm *k) {
  mutex_lock(&k->lock);
  wait_work(&k->work);
  // CHECK: interproc-parameters.c:[[@LINE-1]]:3: warning: wait_work() reaches flush_work(), which waits for work:kvm.work while work_param() holds kvm.lock; work_fn() runs in work:kvm.work (bound in kvm_init()) and needs kvm.lock [worker-wait-under-lock]
  wait_work(&k->idle);
  mutex_unlock(&k->lock);
}

void lock_param(struct kvm *k) {
  lock_it(&k->lock);
  synchronize_srcu(&k->srcu);
  // CHECK: interproc-parameters.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:kvm.srcu while lock_param() holds kvm.lock{{.*}}[grace-period-under-lock]
  // CHECK-NEXT: thread A: lock_param()
  // CHECK-NEXT: lock_it(kvm.lock) interproc-parameters.c:[[@LINE-4]]
  // CHECK-NEXT: mutex_lock() interproc-parameters.c:43
  mutex_unlock(&k->lock);
  wait_gp(&k->srcu);
}
// CHECK-NOT: interproc-parameters.c:[[@LINE-2]]:
// CHECK: holdwait: 3 finding(s)

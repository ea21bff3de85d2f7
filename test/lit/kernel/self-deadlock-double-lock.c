// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// A non-recursive lock acquired again while the same instance is held:
// mutex_lock(&d->lock) twice with no unlock between, and spin_lock() twice,
// are self-deadlock, also when the second acquisition is in a callee given
// the same instance. Silent: two different instances of one class
// (`mutex_lock(&a->lock); mutex_lock(&b->lock);` is lock nesting, not a
// self-deadlock), lock/unlock/lock, and nested read sections.
#include "kernel.h"

struct dev {
  struct mutex lock;
  spinlock_t sl;
  int n;
};

void twice(struct dev *d) {
  mutex_lock(&d->lock);
  d->n++;
  mutex_lock(&d->lock);
  // CHECK: self-deadlock-double-lock.c:[[@LINE-1]]:3: warning: mutex_lock() acquires dev.lock ({{.*}}) while twice() already holds it [self-deadlock]
  // CHECK-NEXT: thread A: twice()
  // CHECK-NEXT: mutex_lock(dev.lock) self-deadlock-double-lock.c:[[@LINE-5]]
  // CHECK-NEXT: mutex_lock() self-deadlock-double-lock.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: {{.*}} is already held here and mutexes are not recursive
  mutex_unlock(&d->lock);
  mutex_unlock(&d->lock);
}

void spin_twice(struct dev *d) {
  spin_lock(&d->sl);
  spin_lock(&d->sl);
  // CHECK: self-deadlock-double-lock.c:[[@LINE-1]]:3: warning: spin_lock() acquires dev.sl ({{.*}}) while spin_twice() already holds it [self-deadlock]
  spin_unlock(&d->sl);
  spin_unlock(&d->sl);
}

// The second acquisition in a callee, on the caller's instance.
static void dev_count(struct dev *d) {
  mutex_lock(&d->lock);
  d->n++;
  mutex_unlock(&d->lock);
}

void twice_via_callee(struct dev *d) {
  mutex_lock(&d->lock);
  dev_count(d);
  // CHECK: self-deadlock-double-lock.c:[[@LINE-1]]:3: warning: dev_count() acquires dev.lock ({{.*}}) while twice_via_callee() already holds it [self-deadlock]
  // CHECK-NEXT: thread A: twice_via_callee()
  // CHECK-NEXT: mutex_lock(dev.lock) self-deadlock-double-lock.c:[[@LINE-4]]
  // CHECK-NEXT: dev_count() self-deadlock-double-lock.c:[[@LINE-4]]
  // CHECK-NEXT: mutex_lock() self-deadlock-double-lock.c:[[@LINE-12]]
  mutex_unlock(&d->lock);
}

// The callee locks another instance.
void callee_other_instance(struct dev *a, struct dev *b) {
  mutex_lock(&a->lock);
  dev_count(b);
  mutex_unlock(&a->lock);
}

void two_instances(struct dev *a, struct dev *b) {
  mutex_lock(&a->lock);
  mutex_lock(&b->lock);
  mutex_unlock(&b->lock);
  mutex_unlock(&a->lock);
}

void relock(struct dev *d) {
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
}
// CHECK-NOT: callee_other_instance()
// CHECK-NOT: two_instances()
// CHECK-NOT: relock()
// CHECK: holdwait: 3 finding(s)

// RUN: %holdwait %s -- -I%inputs > %t.out 2>&1; echo "exit=$?" >> %t.out
// RUN: FileCheck %s < %t.out
//
// Mutually recursive lock wrappers: dev_lock_a() and dev_lock_b() call each
// other until n runs out, then take the lock, so both return holding it on
// every path (and the unlock pair releases it the same way). Their
// summaries come out of the fixpoint over the recursive component: a
// recursive call must start out as "does not return yet", not as "returns
// holding nothing", or the lock would never be seen as held after the
// wrapper. The same through a cycle of three spinlock wrappers. Functions
// that recurse while holding the lock take it again: self-deadlock.
#include "kernel.h"

struct dev {
  struct mutex lock;
  spinlock_t slock;
  struct srcu_struct srcu;
};

void dev_lock_a(struct dev *d, int n);
void dev_unlock_a(struct dev *d, int n);

void dev_lock_b(struct dev *d, int n) {
  if (n > 0)
    dev_lock_a(d, n - 1);
  else
    mutex_lock(&d->lock);
}
void dev_lock_a(struct dev *d, int n) {
  if (n > 0)
    dev_lock_b(d, n - 1);
  else
    mutex_lock(&d->lock);
}
void dev_unlock_b(struct dev *d, int n) {
  if (n > 0)
    dev_unlock_a(d, n - 1);
  else
    mutex_unlock(&d->lock);
}
void dev_unlock_a(struct dev *d, int n) {
  if (n > 0)
    dev_unlock_b(d, n - 1);
  else
    mutex_unlock(&d->lock);
}

void reader(struct dev *d) {
  int idx = srcu_read_lock(&d->srcu);
  mutex_lock(&d->lock);
  mutex_unlock(&d->lock);
  srcu_read_unlock(&d->srcu, idx);
}

void writer(struct dev *d) {
  dev_lock_a(d, 3);
  synchronize_srcu(&d->srcu);
  // CHECK: lock-wrapper-recursive.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:dev.srcu while writer() holds dev.lock; reader() runs inside a srcu:dev.srcu read-side section and needs dev.lock [grace-period-under-lock]
  // CHECK-NEXT: thread A: writer() waits on srcu:dev.srcu
  // CHECK-NEXT: dev_lock_a(dev.lock) lock-wrapper-recursive.c:[[@LINE-4]]
  // CHECK-NEXT: mutex_lock() lock-wrapper-recursive.c:33
  // CHECK-NEXT: synchronize_srcu() lock-wrapper-recursive.c:[[@LINE-5]]
  dev_unlock_a(d, 3);
}

// Released through the other recursive wrapper before the wait: silent.
// CHECK-NOT: released()
void released(struct dev *d) {
  dev_lock_a(d, 3);
  dev_unlock_b(d, 3);
  synchronize_srcu(&d->srcu);
}

// Three spinlock wrappers in a cycle.
void spin_x(struct dev *d, int n);
void spin_z(struct dev *d, int n) {
  if (n)
    spin_x(d, n - 1);
  else
    spin_lock(&d->slock);
}
void spin_y(struct dev *d, int n) {
  if (n)
    spin_z(d, n - 1);
  else
    spin_lock(&d->slock);
}
void spin_x(struct dev *d, int n) {
  if (n)
    spin_y(d, n - 1);
  else
    spin_lock(&d->slock);
}

void sleeper(struct dev *d) {
  spin_x(d, 5);
  msleep(1);
  // CHECK: lock-wrapper-recursive.c:[[@LINE-1]]:3: warning: msleep() may sleep while sleeper() holds dev.slock, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: sleeper() sleeps
  // CHECK-NEXT: spin_x(dev.slock) lock-wrapper-recursive.c:[[@LINE-4]]
  // CHECK-NEXT: spin_lock() lock-wrapper-recursive.c:92
  // CHECK-NEXT: msleep() lock-wrapper-recursive.c:[[@LINE-5]]
  spin_unlock(&d->slock);
}

// Recursion while holding the lock.
void hold_b(struct dev *d, int n);
void hold_a(struct dev *d, int n) {
  mutex_lock(&d->lock);
  if (n)
    hold_b(d, n - 1);
  // CHECK: lock-wrapper-recursive.c:[[@LINE-1]]:5: warning: hold_b() acquires dev.lock ({{.*}}) while hold_a() already holds it [self-deadlock]
  mutex_unlock(&d->lock);
}
void hold_b(struct dev *d, int n) {
  mutex_lock(&d->lock);
  if (n)
    hold_a(d, n - 1);
  // CHECK: lock-wrapper-recursive.c:[[@LINE-1]]:5: warning: hold_a() acquires dev.lock ({{.*}}) while hold_b() already holds it [self-deadlock]
  mutex_unlock(&d->lock);
}

// CHECK-NOT: recursion through
// CHECK: holdwait: 4 finding(s) in 1 translation unit(s)
// CHECK-NEXT: exit=1

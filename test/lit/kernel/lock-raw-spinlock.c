// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// raw_spinlock_t: raw_spin_lock() expands to _raw_spin_lock(); a sleep while
// it is held is sleep-in-atomic, also when the sleep is a mutex acquisition;
// after raw_spin_unlock() it is not.
#include "kernel.h"

struct irqchip {
  raw_spinlock_t lock;
  struct mutex mlock;
};

void held(struct irqchip *c) {
  raw_spin_lock(&c->lock);
  usleep_range(10, 20);
  // CHECK: lock-raw-spinlock.c:[[@LINE-1]]:3: warning: usleep_range() may sleep while held() holds irqchip.lock, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: held() sleeps
  // CHECK-NEXT: _raw_spin_lock(irqchip.lock) lock-raw-spinlock.c:[[@LINE-4]]
  raw_spin_unlock(&c->lock);
}

void takes_mutex(struct irqchip *c) {
  raw_spin_lock(&c->lock);
  mutex_lock(&c->mlock);
  // CHECK: lock-raw-spinlock.c:[[@LINE-1]]:3: warning: mutex_lock() may sleep acquiring irqchip.mlock while takes_mutex() holds irqchip.lock, a spinlock (atomic context) [sleep-in-atomic]
  mutex_unlock(&c->mlock);
  raw_spin_unlock(&c->lock);
}

void released(struct irqchip *c) {
  raw_spin_lock(&c->lock);
  raw_spin_unlock(&c->lock);
  usleep_range(10, 20);
  mutex_lock(&c->mlock);
  mutex_unlock(&c->mlock);
}
// CHECK-NOT: released()
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Every atomic context: spin_lock, raw_spin_lock, read_lock (rwlock_t),
// rcu_read_lock and local_irq_disable (6.12: arch_local_irq_disable, lock
// class `irqs-off`). A sleep in each is reported with the context's lock
// class and why it is atomic; after the context ends it is not.
#include "kernel.h"

struct dev {
  spinlock_t sl;
  raw_spinlock_t rsl;
  rwlock_t rw;
};

void in_spin(struct dev *d) {
  spin_lock(&d->sl);
  msleep(1);
  // CHECK: sleep-in-atomic-contexts.c:[[@LINE-1]]:3: warning: msleep() may sleep while in_spin() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  spin_unlock(&d->sl);
}

void in_raw_spin(struct dev *d) {
  raw_spin_lock(&d->rsl);
  schedule();
  // CHECK: sleep-in-atomic-contexts.c:[[@LINE-1]]:3: warning: schedule() may sleep while in_raw_spin() holds dev.rsl, a spinlock (atomic context) [sleep-in-atomic]
  raw_spin_unlock(&d->rsl);
}

void in_read_lock(struct dev *d) {
  read_lock(&d->rw);
  usleep_range(1, 2);
  // CHECK: sleep-in-atomic-contexts.c:[[@LINE-1]]:3: warning: usleep_range() may sleep while in_read_lock() holds dev.rw, a rwlock (atomic context) [sleep-in-atomic]
  read_unlock(&d->rw);
}

void in_rcu(void) {
  rcu_read_lock();
  msleep(1);
  // CHECK: sleep-in-atomic-contexts.c:[[@LINE-1]]:3: warning: msleep() may sleep while in_rcu() holds rcu{{.*}}(atomic context) [sleep-in-atomic]
  // CHECK: conflict: rcu is an RCU read-side section: its holder runs in atomic context and must not sleep
  rcu_read_unlock();
}

void irqs_off(void) {
  local_irq_disable();
  msleep(1);
  // CHECK: sleep-in-atomic-contexts.c:[[@LINE-1]]:3: warning: msleep() may sleep while irqs_off() holds irqs-off{{.*}}(atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: irqs_off() sleeps
  // CHECK-NEXT: arch_local_irq_disable(irqs-off) sleep-in-atomic-contexts.c:[[@LINE-4]]
  // CHECK-NEXT: msleep() sleep-in-atomic-contexts.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: irqs-off is a section with interrupts disabled: its holder runs in atomic context and must not sleep
  local_irq_enable();
  msleep(2);
}
// CHECK-NOT: sleep-in-atomic-contexts.c:[[@LINE-3]]:
// CHECK: holdwait: 5 finding(s)

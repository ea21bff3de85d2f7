// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// spinlock_t in every locking flavour (spin_lock, spin_lock_irq,
// spin_lock_bh, spin_lock_irqsave, which 6.12 expands to
// `f = _raw_spin_lock_irqsave(spinlock_check(l))`, and spin_trylock's
// success branch): a sleep between lock and unlock is sleep-in-atomic with
// the lock class dev.sl; the same sleep after the matching unlock is not.
#include "kernel.h"

struct dev {
  spinlock_t sl;
};

void plain(struct dev *d) {
  spin_lock(&d->sl);
  msleep(10);
  // CHECK: lock-spinlock.c:[[@LINE-1]]:3: warning: msleep() may sleep while plain() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: plain() sleeps
  // CHECK-NEXT: spin_lock(dev.sl) lock-spinlock.c:[[@LINE-4]]
  // CHECK-NEXT: msleep() lock-spinlock.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: dev.sl is a spinlock: its holder runs in atomic context and must not sleep
  spin_unlock(&d->sl);
}

void irq(struct dev *d) {
  spin_lock_irq(&d->sl);
  msleep(10);
  // CHECK: lock-spinlock.c:[[@LINE-1]]:3: warning: msleep() may sleep while irq() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: irq() sleeps
  // CHECK-NEXT: spin_lock_irq(dev.sl) lock-spinlock.c:[[@LINE-4]]
  spin_unlock_irq(&d->sl);
}

void bh(struct dev *d) {
  spin_lock_bh(&d->sl);
  msleep(10);
  // CHECK: lock-spinlock.c:[[@LINE-1]]:3: warning: msleep() may sleep while bh() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: bh() sleeps
  // CHECK-NEXT: spin_lock_bh(dev.sl) lock-spinlock.c:[[@LINE-4]]
  spin_unlock_bh(&d->sl);
}

void irqsave(struct dev *d) {
  unsigned long flags;
  spin_lock_irqsave(&d->sl, flags);
  msleep(10);
  // CHECK: lock-spinlock.c:[[@LINE-1]]:3: warning: msleep() may sleep while irqsave() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: irqsave() sleeps
  // CHECK-NEXT: _raw_spin_lock_irqsave(dev.sl) lock-spinlock.c:[[@LINE-4]]
  spin_unlock_irqrestore(&d->sl, flags);
}

void trylock(struct dev *d) {
  if (spin_trylock(&d->sl)) {
    msleep(10);
    // CHECK: lock-spinlock.c:[[@LINE-1]]:5: warning: msleep() may sleep while trylock() holds dev.sl, a spinlock (atomic context) [sleep-in-atomic]
    spin_unlock(&d->sl);
  }
}

// Every flavour's unlock ends the atomic section.
void plain_after(struct dev *d) {
  spin_lock(&d->sl);
  spin_unlock(&d->sl);
  msleep(10);
}

void irq_after(struct dev *d) {
  spin_lock_irq(&d->sl);
  spin_unlock_irq(&d->sl);
  msleep(10);
}

void bh_after(struct dev *d) {
  spin_lock_bh(&d->sl);
  spin_unlock_bh(&d->sl);
  msleep(10);
}

void irqsave_after(struct dev *d) {
  unsigned long flags;
  spin_lock_irqsave(&d->sl, flags);
  spin_unlock_irqrestore(&d->sl, flags);
  msleep(10);
}

void trylock_failed(struct dev *d) {
  if (!spin_trylock(&d->sl)) {
    msleep(10);
    return;
  }
  spin_unlock(&d->sl);
}
// CHECK-NOT: _after()
// CHECK-NOT: trylock_failed()
// CHECK: holdwait: 5 finding(s)

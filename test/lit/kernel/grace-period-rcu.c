// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// RCU (domain `rcu`): synchronize_rcu() and rcu_barrier() under a spinlock
// that an rcu_read_lock() section takes are grace-period-under-lock; since
// the lock is a spinlock, the same calls are also sleep-in-atomic. A
// spinlock no RCU reader takes gives only the sleep-in-atomic finding, and
// the waits after spin_unlock() give none.
#include "kernel.h"

struct table {
  spinlock_t lock;
  spinlock_t stats;
  int n;
};

void lookup(struct table *t) {
  rcu_read_lock();
  spin_lock(&t->lock);
  t->n++;
  spin_unlock(&t->lock);
  rcu_read_unlock();
}

void replace(struct table *t) {
  spin_lock(&t->lock);
  synchronize_rcu();
  // CHECK: grace-period-rcu.c:[[@LINE-1]]:3: warning: synchronize_rcu() waits for an RCU grace period while replace() holds table.lock; lookup() runs inside a rcu read-side section and needs table.lock [grace-period-under-lock]
  // CHECK-NEXT: thread A: replace() waits on rcu
  // CHECK-NEXT: spin_lock(table.lock) grace-period-rcu.c:[[@LINE-4]]
  // CHECK-NEXT: synchronize_rcu() grace-period-rcu.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: lookup() in rcu, needs table.lock
  // CHECK-NEXT: rcu_read_lock(rcu) grace-period-rcu.c:17
  // CHECK-NEXT: spin_lock(table.lock) grace-period-rcu.c:18
  // CHECK: grace-period-rcu.c:[[@LINE-8]]:3: warning: synchronize_rcu() waits for an RCU grace period while replace() holds table.lock, a spinlock (atomic context) [sleep-in-atomic]
  spin_unlock(&t->lock);
}

void teardown(struct table *t) {
  spin_lock(&t->lock);
  rcu_barrier();
  // CHECK: grace-period-rcu.c:[[@LINE-1]]:3: warning: rcu_barrier() waits for an RCU grace period while teardown() holds table.lock; lookup() runs inside a rcu read-side section and needs table.lock [grace-period-under-lock]
  // CHECK: grace-period-rcu.c:[[@LINE-2]]:3: warning: rcu_barrier() waits for an RCU grace period while teardown() holds table.lock, a spinlock (atomic context) [sleep-in-atomic]
  spin_unlock(&t->lock);
}

// No reader takes table.stats: only the atomic-context finding.
void stats(struct table *t) {
  spin_lock(&t->stats);
  synchronize_rcu();
  // CHECK-NOT: [grace-period-under-lock]
  // CHECK: grace-period-rcu.c:[[@LINE-2]]:3: warning: synchronize_rcu() waits for an RCU grace period while stats() holds table.stats, a spinlock (atomic context) [sleep-in-atomic]
  spin_unlock(&t->stats);
}

void after(struct table *t) {
  spin_lock(&t->lock);
  spin_unlock(&t->lock);
  synchronize_rcu();
  rcu_barrier();
}
// CHECK-NOT: after()
// CHECK: holdwait: 5 finding(s)

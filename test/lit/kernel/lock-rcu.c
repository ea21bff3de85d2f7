// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// rcu_read_lock()/rcu_read_unlock(): the read-side section (lock class
// `rcu`) is atomic, so sleeping inside it is sleep-in-atomic. Sections nest:
// after the inner rcu_read_unlock() the outer section is still open; after
// the outer one nothing is held.
#include "kernel.h"

void inside(void) {
  rcu_read_lock();
  msleep(1);
  // CHECK: lock-rcu.c:[[@LINE-1]]:3: warning: msleep() may sleep while inside() holds rcu{{.*}}[sleep-in-atomic]
  // CHECK-NEXT: thread A: inside() sleeps
  // CHECK-NEXT: rcu_read_lock(rcu) lock-rcu.c:[[@LINE-4]]
  // CHECK-NEXT: msleep() lock-rcu.c:[[@LINE-4]]
  // CHECK-NEXT: conflict: rcu is an RCU read-side section: its holder runs in atomic context and must not sleep
  rcu_read_unlock();
}

void nested(void) {
  rcu_read_lock();
  rcu_read_lock();
  rcu_read_unlock();
  msleep(1);
  // CHECK: lock-rcu.c:[[@LINE-1]]:3: warning: msleep() may sleep while nested() holds rcu{{.*}}[sleep-in-atomic]
  rcu_read_unlock();
  msleep(2);
}

void after(void) {
  rcu_read_lock();
  rcu_read_unlock();
  msleep(1);
}
// CHECK-NOT: after()
// CHECK: holdwait: 2 finding(s)

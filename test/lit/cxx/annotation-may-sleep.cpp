// RUN: not %holdwait %s -- -std=c++17 -I%S/../../.. 2>&1 | FileCheck %s
//
// HOLDWAIT_MAY_SLEEP marks a function that may sleep. Calling it (directly or
// through a helper) under a lock whose capability name says "spinlock" is
// sleep-in-atomic; under a capability("mutex") lock it is not.
#include "annotations/holdwait.h"

#define CAPABILITY(x) __attribute__((capability(x)))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))

class CAPABILITY("spinlock") SpinLock {
public:
  void lock() ACQUIRE();
  void unlock() RELEASE();
};

class CAPABILITY("mutex") Mutex {
public:
  void lock() ACQUIRE();
  void unlock() RELEASE();
};

HOLDWAIT_MAY_SLEEP void read_disk(int block);

void refill(int b) { read_disk(b); }

SpinLock spin;
Mutex mu;

void under_spin() {
  spin.lock();
  read_disk(1);
  // CHECK: annotation-may-sleep.cpp:[[@LINE-1]]:3: warning: read_disk() may sleep while under_spin() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  spin.unlock();
}

void under_spin_indirect() {
  spin.lock();
  refill(2);
  // CHECK: annotation-may-sleep.cpp:[[@LINE-1]]:3: warning: refill() reaches read_disk(), which may sleep while under_spin_indirect() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  spin.unlock();
}

void after_spin() {
  spin.lock();
  spin.unlock();
  read_disk(3);
}

void under_mutex() {
  mu.lock();
  read_disk(4);
  mu.unlock();
}
// CHECK-NOT: after_spin
// CHECK-NOT: under_mutex
// CHECK: holdwait: 2 finding(s)

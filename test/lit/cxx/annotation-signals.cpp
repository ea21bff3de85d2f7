// RUN: not %holdwait %s -- -std=c++17 -I%S/../../.. 2>&1 | FileCheck %s
//
// HOLDWAIT_SIGNALS("done") marks a function that signals the domain "done";
// the locks its caller holds (or took) before calling it are locks the
// waiters of "done" need. Waiting on "done" (HOLDWAIT_WAITS_FOR("done"))
// while holding such a lock is a worker-wait-under-lock whose other side is
// the signalling function; holding a lock the signaller never takes is not.
#include "annotations/holdwait.h"
#include <atomic>
#include <mutex>

std::atomic<int> done_flag;
std::mutex table_mu;
std::mutex log_mu;
int table;

HOLDWAIT_SIGNALS("done")
void mark_done() { done_flag = 1; }

HOLDWAIT_WAITS_FOR("done")
void wait_done() {
  while (!done_flag)
    ;
}

// The signaller updates the table under table_mu and signals under it.
void finisher() {
  std::lock_guard<std::mutex> g(table_mu);
  table = 1;
  mark_done();
}

void waiter_buggy() {
  std::lock_guard<std::mutex> g(table_mu);
  wait_done();
  // CHECK: annotation-signals.cpp:[[@LINE-1]]:3: warning: wait_done() waits for done while waiter_buggy() holds table_mu; finisher() signals done and needs table_mu [worker-wait-under-lock]
}

void waiter_log() {
  std::lock_guard<std::mutex> g(log_mu);
  wait_done();
}

void waiter_fixed() {
  {
    std::lock_guard<std::mutex> g(table_mu);
    table = 0;
  }
  wait_done();
}
// CHECK-NOT: waiter_log
// CHECK-NOT: waiter_fixed
// CHECK: holdwait: 1 finding(s)

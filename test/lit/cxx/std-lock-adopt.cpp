// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::lock(a, b) acquires both mutexes; lock_guards built with
// std::adopt_lock then own them until the end of the scope. A join under
// them conflicts with a thread that takes either one.
#include <mutex>
#include <thread>

struct Accounts {
  std::mutex a, b;
  std::thread auditor;
  int sum = 0;

  void start_auditor() {
    auditor = std::thread([this] {
      std::lock_guard<std::mutex> g(b);
      ++sum;
    });
  }

  void move_and_join() {
    std::lock(a, b);
    std::lock_guard<std::mutex> ga(a, std::adopt_lock);
    std::lock_guard<std::mutex> gb(b, std::adopt_lock);
    auditor.join();
    // CHECK: std-lock-adopt.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Accounts.auditor while Accounts::move_and_join() holds Accounts.b; Accounts::start_auditor::lambda@std-lock-adopt.cpp:15() runs in thread:Accounts.auditor (bound in Accounts::start_auditor()) and needs Accounts.b [worker-wait-under-lock]
  }

  void move_then_join() {
    {
      std::lock(a, b);
      std::lock_guard<std::mutex> ga(a, std::adopt_lock);
      std::lock_guard<std::mutex> gb(b, std::adopt_lock);
      ++sum;
    }
    auditor.join();
  }

  // std::lock without guards, released by hand.
  void manual() {
    std::lock(a, b);
    auditor.join();
    // CHECK: std-lock-adopt.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Accounts.auditor while Accounts::manual() holds Accounts.b; {{.*}} [worker-wait-under-lock]
    a.unlock();
    b.unlock();
  }
};
// CHECK-NOT: move_then_join
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::lock_guard holds its mutex to the end of the enclosing scope: a join
// inside the scope is reported; a join after the scope's closing brace is
// not (the destructor released it). adopt_lock takes over a mutex that is
// already locked.
#include <mutex>
#include <thread>

struct Service {
  std::mutex mu;
  std::thread worker;
  int state = 0;

  void start() {
    worker = std::thread([this] {
      std::lock_guard<std::mutex> g(mu);
      ++state;
    });
  }

  void join_in_scope() {
    std::lock_guard<std::mutex> g(mu);
    state = 1;
    worker.join();
    // CHECK: lock-guard-scope.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Service.worker while Service::join_in_scope() holds Service.mu; Service::start::lambda@lock-guard-scope.cpp:16() runs in thread:Service.worker (bound in Service::start()) and needs Service.mu [worker-wait-under-lock]
  }

  void join_after_scope() {
    {
      std::lock_guard<std::mutex> g(mu);
      state = 2;
    }
    worker.join();
  }

  // Class template argument deduction spelling.
  void join_in_scope_ctad() {
    std::lock_guard g(mu);
    worker.join();
    // CHECK: lock-guard-scope.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Service.worker while Service::join_in_scope_ctad() holds Service.mu; {{.*}} [worker-wait-under-lock]
  }

  void join_adopted() {
    mu.lock();
    std::lock_guard<std::mutex> g(mu, std::adopt_lock);
    worker.join();
    // CHECK: lock-guard-scope.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Service.worker while Service::join_adopted() holds Service.mu; {{.*}} [worker-wait-under-lock]
  }

  // adopt_lock's guard releases at the end of its scope too.
  void join_after_adopted_scope() {
    {
      mu.lock();
      std::lock_guard<std::mutex> g(mu, std::adopt_lock);
      state = 3;
    }
    worker.join();
  }
};
// CHECK-NOT: join_after_scope
// CHECK-NOT: join_after_adopted_scope
// CHECK: holdwait: 3 finding(s)

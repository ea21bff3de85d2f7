// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::unique_lock(mu, std::try_to_lock) owns the mutex only if the attempt
// succeeded: `if (lk.owns_lock())` and `if (lk)` select the branch where it
// is held; their else branches, and `if (!lk)`, do not hold it.
#include <mutex>
#include <thread>

struct Poller {
  std::mutex mu;
  std::thread worker;
  int state = 0;

  void start() {
    worker = std::thread([this] {
      std::lock_guard<std::mutex> g(mu);
      ++state;
    });
  }

  void owns_lock_branch() {
    std::unique_lock<std::mutex> lk(mu, std::try_to_lock);
    if (lk.owns_lock()) {
      worker.join();
      // CHECK: unique-lock-try-to-lock.cpp:[[@LINE-1]]:14: warning: std::thread::join() waits for thread:Poller.worker while Poller::owns_lock_branch() holds Poller.mu; Poller::start::lambda@unique-lock-try-to-lock.cpp:15() runs in thread:Poller.worker (bound in Poller::start()) and needs Poller.mu [worker-wait-under-lock]
    }
  }

  void owns_lock_else() {
    std::unique_lock<std::mutex> lk(mu, std::try_to_lock);
    if (lk.owns_lock())
      state = 1;
    else
      worker.join();
  }

  void bool_branch() {
    std::unique_lock<std::mutex> lk(mu, std::try_to_lock);
    if (lk) {
      worker.join();
      // CHECK: unique-lock-try-to-lock.cpp:[[@LINE-1]]:14: warning: std::thread::join() waits for thread:Poller.worker while Poller::bool_branch() holds Poller.mu; {{.*}} [worker-wait-under-lock]
    }
  }

  void not_bool_branch() {
    std::unique_lock<std::mutex> lk(mu, std::try_to_lock);
    if (!lk) {
      worker.join();
      return;
    }
    state = 2;
  }
};
// CHECK-NOT: owns_lock_else
// CHECK-NOT: not_bool_branch
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// Two std::thread lambdas written in the same function are two different
// thread bodies. Joining the one that takes the mutex under that mutex is a
// finding naming that lambda (line of `b`); joining the one that never
// takes it is not.
#include <mutex>
#include <thread>

struct Pair {
  std::mutex m;
  std::thread a, b;
  int n = 0;

  void start() {
    a = std::thread([this] { ++n; });
    b = std::thread([this] { m.lock(); ++n; m.unlock(); });
  }

  void stop_a() {
    std::lock_guard<std::mutex> g(m);
    a.join();
  }
  void stop_b() {
    std::lock_guard<std::mutex> g(m);
    b.join();
    // CHECK: thread-two-lambdas.cpp:[[@LINE-1]]:7: warning: std::thread::join() waits for thread:Pair.b while Pair::stop_b() holds Pair.m; Pair::start::lambda@thread-two-lambdas.cpp:17() runs in thread:Pair.b (bound in Pair::start()) and needs Pair.m [worker-wait-under-lock]
  }
};
// CHECK-NOT: stop_a
// CHECK: holdwait: 1 finding(s)

// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::timed_mutex::try_lock_for() holds the mutex only where it returned
// true; joining a thread whose body takes the mutex is reported there and
// not on the timeout branch.
#include <chrono>
#include <mutex>
#include <thread>

struct Pump {
  std::timed_mutex tm;
  std::thread t;
  int level = 0;

  void start() {
    t = std::thread([this] {
      std::lock_guard<std::timed_mutex> g(tm);
      ++level;
    });
  }

  void stop_on_success() {
    if (tm.try_lock_for(std::chrono::milliseconds(10))) {
      t.join();
      // CHECK: timed-mutex-try-lock-for.cpp:[[@LINE-1]]:9: warning: std::thread::join() waits for thread:Pump.t while Pump::stop_on_success() holds Pump.tm; Pump::start::lambda@timed-mutex-try-lock-for.cpp:16() runs in thread:Pump.t (bound in Pump::start()) and needs Pump.tm [worker-wait-under-lock]
      tm.unlock();
    }
  }

  void stop_on_timeout() {
    if (!tm.try_lock_for(std::chrono::milliseconds(10))) {
      t.join();
      return;
    }
    tm.unlock();
  }

  // The plain lock() of a timed_mutex holds it too.
  void stop_locked() {
    tm.lock();
    t.join();
    // CHECK: timed-mutex-try-lock-for.cpp:[[@LINE-1]]:7: warning: std::thread::join() waits for thread:Pump.t while Pump::stop_locked() holds Pump.tm; {{.*}} [worker-wait-under-lock]
    tm.unlock();
  }
};
// CHECK-NOT: stop_on_timeout
// CHECK: holdwait: 2 finding(s)

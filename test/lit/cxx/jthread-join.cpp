// RUN: not %holdwait %s -- -std=c++20 2>&1 | FileCheck %s
//
// std::jthread: an explicit join() under a lock the thread body takes is a
// worker-wait-under-lock; so is the implicit join in the jthread's
// destructor when the jthread goes out of scope while the lock is held.
#include <mutex>
#include <thread>

struct Job {
  std::mutex mu;
  std::jthread t;
  int n = 0;

  void start() {
    t = std::jthread([this] {
      std::lock_guard<std::mutex> g(mu);
      ++n;
    });
  }

  void stop_buggy() {
    std::lock_guard<std::mutex> g(mu);
    t.join();
    // CHECK: jthread-join.cpp:[[@LINE-1]]:7: warning: std::jthread::join() waits for thread:Job.t while Job::stop_buggy() holds Job.mu; Job::start::lambda@jthread-join.cpp:15() runs in thread:Job.t (bound in Job::start()) and needs Job.mu [worker-wait-under-lock]
  }

  void stop_fixed() {
    {
      std::lock_guard<std::mutex> g(mu);
      n = 0;
    }
    t.join();
  }
};

std::mutex g_mu;
int g_n;

// The local jthread's destructor joins at the closing brace, while `g`
// (declared first, destroyed last) still holds g_mu.
void scoped_jthread() {
  std::lock_guard<std::mutex> g(g_mu);
  std::jthread local([] {
    std::lock_guard<std::mutex> inner(g_mu);
    ++g_n;
  });
}
// CHECK: jthread-join.cpp:[[@LINE-1]]:1: warning: std::jthread::~jthread() waits for thread:scoped_jthread::local while scoped_jthread() holds g_mu; scoped_jthread::lambda@jthread-join.cpp:43() runs in thread:scoped_jthread::local (bound in scoped_jthread()) and needs g_mu [worker-wait-under-lock]
// CHECK-NOT: stop_fixed
// CHECK: holdwait: 2 finding(s)

// RUN: %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// Taking a std::recursive_mutex twice on one thread is allowed, so none of
// these is a self-deadlock: direct lock()/lock(), a std::lock_guard over a
// recursive mutex re-entered through a callee, and std::unique_lock nested
// over std::recursive_timed_mutex.
#include <mutex>

struct Registry {
  std::recursive_mutex rmu;
  std::recursive_timed_mutex rtmu;
  int n = 0;

  void add_locked() {
    std::lock_guard<std::recursive_mutex> g(rmu);
    ++n;
  }

  void add_twice() {
    rmu.lock();
    rmu.lock();
    ++n;
    rmu.unlock();
    rmu.unlock();
  }

  // The guard's mutex type is recursive: re-entering is fine.
  void add_nested() {
    std::lock_guard<std::recursive_mutex> g(rmu);
    add_locked();
  }

  void timed_nested() {
    std::unique_lock<std::recursive_timed_mutex> a(rtmu);
    std::unique_lock<std::recursive_timed_mutex> b(rtmu);
    ++n;
  }
};
// CHECK-NOT: warning:
// CHECK: holdwait: 0 finding(s)

// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::async(callable) runs the callable in the domain of the returned
// future; future.get() waits for it. Calling get() while holding a lock the
// async body takes is a worker-wait-under-lock; get() after unlocking, or
// under a lock the body never takes, is not.
#include <future>
#include <mutex>

struct Loader {
  std::mutex mu;
  std::mutex other;
  int cache = 0;

  int load() {
    std::lock_guard<std::mutex> g(mu);
    return ++cache;
  }

  int get_buggy() {
    std::future<int> f = std::async(std::launch::async, [this] { return load(); });
    std::lock_guard<std::mutex> g(mu);
    return f.get();
    // CHECK: async-future-get.cpp:[[@LINE-1]]:14: warning: std::future::get() waits for future:get_buggy::f while Loader::get_buggy() holds Loader.mu; Loader::get_buggy::lambda@async-future-get.cpp:21() runs in future:get_buggy::f (bound in Loader::get_buggy()) and needs Loader.mu [worker-wait-under-lock]
  }

  // Without a launch policy; body is a member function pointer.
  int get_buggy_memfn() {
    auto f = std::async(&Loader::load, this);
    std::lock_guard<std::mutex> g(mu);
    return f.get();
    // CHECK: async-future-get.cpp:[[@LINE-1]]:14: warning: std::future::get() waits for future:get_buggy_memfn::f while Loader::get_buggy_memfn() holds Loader.mu; Loader::load() runs in future:get_buggy_memfn::f (bound in Loader::get_buggy_memfn()) and needs Loader.mu [worker-wait-under-lock]
  }

  int get_fixed() {
    std::future<int> f = std::async(std::launch::async, [this] { return load(); });
    {
      std::lock_guard<std::mutex> g(mu);
      cache = 0;
    }
    return f.get();
  }

  int get_other_lock() {
    std::future<int> f = std::async(std::launch::async, [this] { return load(); });
    std::lock_guard<std::mutex> g(other);
    return f.get();
  }
};
// CHECK-NOT: get_fixed
// CHECK-NOT: get_other_lock
// CHECK: holdwait: 2 finding(s)

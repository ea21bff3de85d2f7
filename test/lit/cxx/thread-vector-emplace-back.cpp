// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// Threads started with threads_.emplace_back(lambda) (and push_back of a
// std::thread) run in the domain of the vector's elements, thread:C.threads_[].
// Joining them under a lock their body takes, with the usual
// `for (auto &t : threads_) t.join();` loop or by index, is a
// worker-wait-under-lock; joining after the lock is released is not.
#include <mutex>
#include <thread>
#include <vector>

class Pool {
public:
  void start(int n) {
    for (int i = 0; i < n; ++i)
      threads_.emplace_back([this] { work(); });
  }

  void stop_range_for() {
    std::lock_guard<std::mutex> g(mu_);
    for (auto &t : threads_)
      t.join();
    // CHECK: thread-vector-emplace-back.cpp:[[@LINE-1]]:9: warning: std::thread::join() waits for thread:Pool.threads_[] while Pool::stop_range_for() holds Pool.mu_; Pool::start::lambda@thread-vector-emplace-back.cpp:16() runs in thread:Pool.threads_[] (bound in Pool::start()) and needs Pool.mu_ [worker-wait-under-lock]
  }

  void stop_index() {
    std::lock_guard<std::mutex> g(mu_);
    for (size_t i = 0; i < threads_.size(); ++i)
      threads_[i].join();
    // CHECK: thread-vector-emplace-back.cpp:[[@LINE-1]]:19: warning: std::thread::join() waits for thread:Pool.threads_[] while Pool::stop_index() holds Pool.mu_; {{.*}} [worker-wait-under-lock]
  }

  void stop_fixed() {
    {
      std::lock_guard<std::mutex> g(mu_);
      done_ = true;
    }
    for (auto &t : threads_)
      t.join();
  }

private:
  void work() {
    std::lock_guard<std::mutex> g(mu_);
    ++jobs_;
  }

  std::mutex mu_;
  std::vector<std::thread> threads_;
  bool done_ = false;
  int jobs_ = 0;
};
// CHECK-NOT: stop_fixed
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 | FileCheck %s --check-prefix=JSON
//
// std::mutex::lock()/unlock() and try_lock(): the mutex is held from lock()
// to unlock(), and after try_lock() only where it returned true. A join of a
// std::thread whose body takes the mutex is reported only while it is held.
#include <mutex>
#include <thread>

class Worker {
public:
  void start() {
    t_ = std::thread([this] { body(); });
  }

  void stop_buggy() {
    mu_.lock();
    t_.join();
    // CHECK: mutex-lock-unlock.cpp:[[@LINE-1]]:8: warning: std::thread::join() waits for thread:Worker.t_ while Worker::stop_buggy() holds Worker.mu_; Worker::start::lambda@mutex-lock-unlock.cpp:13() runs in thread:Worker.t_ (bound in Worker::start()) and needs Worker.mu_ [worker-wait-under-lock]
    mu_.unlock();
  }

  void stop_fixed() {
    mu_.lock();
    done_ = true;
    mu_.unlock();
    t_.join();
  }

  void stop_try() {
    if (mu_.try_lock()) {
      t_.join();
      // CHECK: mutex-lock-unlock.cpp:[[@LINE-1]]:10: warning: std::thread::join() waits for thread:Worker.t_ while Worker::stop_try() holds Worker.mu_; Worker::start::lambda@mutex-lock-unlock.cpp:13() runs in thread:Worker.t_ (bound in Worker::start()) and needs Worker.mu_ [worker-wait-under-lock]
      mu_.unlock();
    }
  }

  // try_lock() failed: not held.
  void stop_try_failed() {
    if (!mu_.try_lock()) {
      t_.join();
      return;
    }
    mu_.unlock();
  }

private:
  void body() {
    mu_.lock();
    done_ = false;
    mu_.unlock();
  }

  std::mutex mu_;
  std::thread t_;
  bool done_ = false;
};
// CHECK-NOT: stop_fixed
// CHECK-NOT: stop_try_failed
// CHECK: holdwait: 2 finding(s)

// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "Worker::stop_buggy"
// JSON: "lock": "Worker.mu_"
// JSON: "lock_kind": "mutex"
// JSON: "via": "std::mutex::lock"
// JSON: "callee": "std::thread::join"
// JSON: "domain": "thread:Worker.t_"
// JSON: "kind": "inferred"
// JSON: "other_side": {
// JSON-NEXT: "function": "Worker::start::lambda@mutex-lock-unlock.cpp:13"
// JSON: "chain": [
// JSON-NEXT: {
// JSON-NEXT: "function": "Worker::start::lambda@mutex-lock-unlock.cpp:13"
// JSON-NEXT: "callee": "Worker::body"
// JSON: "function": "Worker::body"
// JSON-NEXT: "callee": "std::mutex::lock"

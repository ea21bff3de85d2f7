// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::unique_lock: held from construction to unlock() or the end of scope;
// unlock() then wait: not held; unlock() then lock() then wait: held again;
// release() gives up ownership without unlocking, so the mutex stays held;
// defer_lock does not lock until lock(); adopt_lock owns an already-locked
// mutex.
#include <mutex>
#include <thread>

struct Engine {
  std::mutex mu;
  std::thread worker;
  int state = 0;

  void start() {
    worker = std::thread([this] {
      std::lock_guard<std::mutex> g(mu);
      ++state;
    });
  }

  void held() {
    std::unique_lock<std::mutex> lk(mu);
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::held() holds Engine.mu; Engine::start::lambda@unique-lock.cpp:17() runs in thread:Engine.worker (bound in Engine::start()) and needs Engine.mu [worker-wait-under-lock]
  }

  void unlock_then_wait() {
    std::unique_lock<std::mutex> lk(mu);
    state = 1;
    lk.unlock();
    worker.join();
  }

  void unlock_lock_then_wait() {
    std::unique_lock<std::mutex> lk(mu);
    lk.unlock();
    state = 2;
    lk.lock();
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::unlock_lock_then_wait() holds Engine.mu; {{.*}} [worker-wait-under-lock]
  }

  // release() disowns the mutex but leaves it locked.
  void release_keeps_held() {
    std::unique_lock<std::mutex> lk(mu);
    std::mutex *m = lk.release();
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::release_keeps_held() holds Engine.mu; {{.*}} [worker-wait-under-lock]
    m->unlock();
  }

  // ... and the destructor no longer unlocks it after release().
  void release_then_scope_end() {
    {
      std::unique_lock<std::mutex> lk(mu);
      lk.release();
    }
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::release_then_scope_end() holds Engine.mu; {{.*}} [worker-wait-under-lock]
    mu.unlock();
  }

  void deferred_not_locked() {
    std::unique_lock<std::mutex> lk(mu, std::defer_lock);
    worker.join();
  }

  void deferred_then_locked() {
    std::unique_lock<std::mutex> lk(mu, std::defer_lock);
    lk.lock();
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::deferred_then_locked() holds Engine.mu; {{.*}} [worker-wait-under-lock]
  }

  void adopted() {
    mu.lock();
    std::unique_lock<std::mutex> lk(mu, std::adopt_lock);
    worker.join();
    // CHECK: unique-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Engine.worker while Engine::adopted() holds Engine.mu; {{.*}} [worker-wait-under-lock]
  }

  void adopted_then_unlocked() {
    mu.lock();
    std::unique_lock<std::mutex> lk(mu, std::adopt_lock);
    lk.unlock();
    worker.join();
  }

  // Scope end releases.
  void after_scope() {
    {
      std::unique_lock<std::mutex> lk(mu);
      state = 4;
    }
    worker.join();
  }
};
// CHECK-NOT: unlock_then_wait
// CHECK-NOT: deferred_not_locked
// CHECK-NOT: adopted_then_unlocked
// CHECK-NOT: after_scope
// CHECK: holdwait: 6 finding(s)

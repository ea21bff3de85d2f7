// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// Clang thread-safety attributes are read as lock annotations:
//  - a class marked capability("mutex") whose lock()/unlock() carry
//    acquire_capability()/release_capability();
//  - a scoped_lockable guard whose constructor has acquire_capability(m) and
//    destructor release_capability(): held to the end of the guard's scope;
//  - try_acquire_capability(true): held only on the branch where the call
//    returned true.
// Joining a thread whose body takes the capability while it is held is a
// worker-wait-under-lock.
#include <thread>

#define CAPABILITY(x) __attribute__((capability(x)))
#define SCOPED_CAPABILITY __attribute__((scoped_lockable))
#define ACQUIRE(...) __attribute__((acquire_capability(__VA_ARGS__)))
#define RELEASE(...) __attribute__((release_capability(__VA_ARGS__)))
#define TRY_ACQUIRE(...) __attribute__((try_acquire_capability(__VA_ARGS__)))

class CAPABILITY("mutex") Mutex {
public:
  void lock() ACQUIRE();
  void unlock() RELEASE();
  bool try_lock() TRY_ACQUIRE(true);
};

class SCOPED_CAPABILITY Guard {
public:
  explicit Guard(Mutex &m) ACQUIRE(m) : m_(m) { m_.lock(); }
  ~Guard() RELEASE() { m_.unlock(); }

private:
  Mutex &m_;
};

struct Store {
  Mutex mu;
  std::thread flusher;
  int dirty = 0;

  void start() {
    flusher = std::thread([this] {
      Guard g(mu);
      dirty = 0;
    });
  }

  void explicit_lock() {
    mu.lock();
    flusher.join();
    // CHECK: thread-safety-capability.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Store.flusher while Store::explicit_lock() holds Store.mu; Store::start::lambda@thread-safety-capability.cpp:42() runs in thread:Store.flusher (bound in Store::start()) and needs Store.mu [worker-wait-under-lock]
    mu.unlock();
  }

  void explicit_unlocked() {
    mu.lock();
    ++dirty;
    mu.unlock();
    flusher.join();
  }

  void scoped_guard() {
    Guard g(mu);
    flusher.join();
    // CHECK: thread-safety-capability.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Store.flusher while Store::scoped_guard() holds Store.mu; {{.*}} [worker-wait-under-lock]
  }

  void after_guard_scope() {
    {
      Guard g(mu);
      ++dirty;
    }
    flusher.join();
  }

  void try_success() {
    if (mu.try_lock()) {
      flusher.join();
      // CHECK: thread-safety-capability.cpp:[[@LINE-1]]:15: warning: std::thread::join() waits for thread:Store.flusher while Store::try_success() holds Store.mu; {{.*}} [worker-wait-under-lock]
      mu.unlock();
    }
  }

  void try_failure() {
    if (!mu.try_lock()) {
      flusher.join();
      return;
    }
    mu.unlock();
  }
};
// CHECK-NOT: explicit_unlocked
// CHECK-NOT: after_guard_scope
// CHECK-NOT: try_failure
// CHECK: holdwait: 3 finding(s)

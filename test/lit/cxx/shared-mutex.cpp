// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::shared_mutex: lock() is exclusive, lock_shared() is shared. Holding it
// shared while joining a thread that also takes it shared is fine (readers
// do not block each other); any combination with an exclusive side is a
// deadlock. unlock_shared()/unlock() end the hold.
#include <shared_mutex>
#include <thread>

struct Cache {
  std::shared_mutex sm;
  std::thread reader;
  std::thread writer;
  int v = 0;

  // (Each thread is started from its own function; two lambdas in one
  // function are covered by thread-two-lambdas.cpp.)
  void start_reader() {
    reader = std::thread([this] {
      sm.lock_shared();
      int x = v;
      (void)x;
      sm.unlock_shared();
    });
  }
  void start_writer() {
    writer = std::thread([this] {
      sm.lock();
      ++v;
      sm.unlock();
    });
  }

  void shared_join_reader() {
    sm.lock_shared();
    reader.join();
    sm.unlock_shared();
  }

  void shared_join_writer() {
    sm.lock_shared();
    writer.join();
    // CHECK: shared-mutex.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Cache.writer while Cache::shared_join_writer() holds Cache.sm; Cache::start_writer::lambda@shared-mutex.cpp:27() runs in thread:Cache.writer (bound in Cache::start_writer()) and needs Cache.sm [worker-wait-under-lock]
    sm.unlock_shared();
  }

  void exclusive_join_reader() {
    sm.lock();
    reader.join();
    // CHECK: shared-mutex.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Cache.reader while Cache::exclusive_join_reader() holds Cache.sm; Cache::start_reader::lambda@shared-mutex.cpp:19() runs in thread:Cache.reader (bound in Cache::start_reader()) and needs Cache.sm [worker-wait-under-lock]
    sm.unlock();
  }

  void unlocked_join_writer() {
    sm.lock_shared();
    sm.unlock_shared();
    writer.join();
  }
};
// CHECK-NOT: shared_join_reader
// CHECK-NOT: unlocked_join_writer
// CHECK: holdwait: 2 finding(s)

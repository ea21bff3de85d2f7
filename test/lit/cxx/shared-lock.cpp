// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::shared_lock holds a std::shared_mutex in shared mode until the end of
// its scope (or unlock()). A join under it conflicts with a thread that takes
// the mutex exclusively (std::unique_lock / lock_guard), not with a thread
// that also only reads (std::shared_lock).
#include <mutex>
#include <shared_mutex>
#include <thread>

struct Index {
  std::shared_mutex sm;
  std::thread rebuild;
  std::thread lookup;
  int gen = 0;

  void start_rebuild() {
    rebuild = std::thread([this] {
      std::unique_lock<std::shared_mutex> w(sm);
      ++gen;
    });
  }
  void start_lookup() {
    lookup = std::thread([this] {
      std::shared_lock<std::shared_mutex> r(sm);
      int g = gen;
      (void)g;
    });
  }

  void read_then_join_rebuild() {
    std::shared_lock<std::shared_mutex> r(sm);
    rebuild.join();
    // CHECK: shared-lock.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Index.rebuild while Index::read_then_join_rebuild() holds Index.sm; Index::start_rebuild::lambda@shared-lock.cpp:18() runs in thread:Index.rebuild (bound in Index::start_rebuild()) and needs Index.sm [worker-wait-under-lock]
  }

  void read_then_join_lookup() {
    std::shared_lock<std::shared_mutex> r(sm);
    lookup.join();
  }

  // Exclusive holder against a reader thread: conflict.
  void write_then_join_lookup() {
    std::unique_lock<std::shared_mutex> w(sm);
    lookup.join();
    // CHECK: shared-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Index.lookup while Index::write_then_join_lookup() holds Index.sm; Index::start_lookup::lambda@shared-lock.cpp:24() runs in thread:Index.lookup (bound in Index::start_lookup()) and needs Index.sm [worker-wait-under-lock]
  }

  void unlocked_then_join() {
    std::shared_lock<std::shared_mutex> r(sm);
    r.unlock();
    rebuild.join();
  }
};
// CHECK-NOT: read_then_join_lookup
// CHECK-NOT: unlocked_then_join
// CHECK: holdwait: 2 finding(s)

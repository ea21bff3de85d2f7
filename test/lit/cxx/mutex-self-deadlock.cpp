// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 | FileCheck %s --check-prefix=JSON
//
// Taking the same std::mutex object twice on one thread deadlocks
// (self-deadlock), whether both acquisitions are lock() calls, a guard and a
// lock(), or the second is inside a callee. Two different mutexes, or a
// mutex released before it is taken again, are fine.
#include <mutex>

struct Table {
  std::mutex mu;
  std::mutex other;
  int n = 0;

  void insert_locked() {
    std::lock_guard<std::mutex> g(mu);
    ++n;
  }

  void mutex_twice() {
    mu.lock();
    mu.lock();
    // CHECK: mutex-self-deadlock.cpp:[[@LINE-1]]:8: warning: std::mutex::lock() acquires Table.mu (this->mu) while Table::mutex_twice() already holds it [self-deadlock]
    mu.unlock();
    mu.unlock();
  }

  void guard_then_lock() {
    std::lock_guard<std::mutex> g(mu);
    mu.lock();
    // CHECK: mutex-self-deadlock.cpp:[[@LINE-1]]:8: warning: std::mutex::lock() acquires Table.mu (this->mu) while Table::guard_then_lock() already holds it [self-deadlock]
    mu.unlock();
  }

  void through_callee() {
    std::lock_guard<std::mutex> g(mu);
    insert_locked();
    // CHECK: mutex-self-deadlock.cpp:[[@LINE-1]]:5: warning: Table::insert_locked() acquires Table.mu (this->mu) while Table::through_callee() already holds it [self-deadlock]
  }

  void two_mutexes() {
    std::lock_guard<std::mutex> a(mu);
    std::lock_guard<std::mutex> b(other);
    ++n;
  }

  void lock_unlock_lock() {
    mu.lock();
    mu.unlock();
    mu.lock();
    mu.unlock();
  }
};

// Two different Table objects: their mutexes are different instances.
void two_tables(Table &a, Table &b) {
  a.mu.lock();
  b.mu.lock();
  b.mu.unlock();
  a.mu.unlock();
}
// CHECK-NOT: two_mutexes
// CHECK-NOT: lock_unlock_lock
// CHECK-NOT: two_tables
// CHECK: holdwait: 3 finding(s)

// JSON: "check": "self-deadlock"
// JSON: "function": "Table::mutex_twice"
// JSON: "lock": "Table.mu"
// JSON: "callee": "std::mutex::lock"
// JSON: "conflict": {
// JSON-NEXT: "kind": "self"

// RUN: %holdwait %s --checks=lock-order-cycle -- -std=c++17 2>&1 | FileCheck %s
// RUN: not %holdwait %s --checks=lock-order-cycle -- -std=c++17 -DNESTED 2>&1 | FileCheck %s --check-prefix=NESTED
//
// std::scoped_lock and std::lock take several mutexes with a deadlock
// avoidance algorithm: opposite argument orders are not a cycle. Nested
// lock_guards in opposite orders are.
#include <mutex>

struct Account {
  std::mutex a_mu, b_mu;

  void one() { std::scoped_lock L(a_mu, b_mu); }
  void two() { std::scoped_lock L(b_mu, a_mu); }
  void three() {
    std::lock(b_mu, a_mu);
    std::lock_guard<std::mutex> A(a_mu, std::adopt_lock);
    std::lock_guard<std::mutex> B(b_mu, std::adopt_lock);
  }
#ifdef NESTED
  void four() {
    std::lock_guard<std::mutex> A(a_mu);
    std::lock_guard<std::mutex> B(b_mu);
  }
  void five() {
    std::lock_guard<std::mutex> B(b_mu);
    std::lock_guard<std::mutex> A(a_mu);
  }
#endif
};

// CHECK: 0 finding(s)
// NESTED: warning: lock-order cycle Account.a_mu -> Account.b_mu -> Account.a_mu: Account::four() takes Account.b_mu while holding Account.a_mu; Account::five() takes Account.a_mu while holding Account.b_mu [lock-order-cycle]
// NESTED: 1 finding(s)

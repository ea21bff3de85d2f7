// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
//
// std::scoped_lock over two mutexes holds both until the end of its scope:
// joining a thread that takes either one reports that one (and only the
// mutex that thread needs). After the scope, nothing is held.
#include <mutex>
#include <thread>

struct Bank {
  std::mutex from;
  std::mutex to;
  std::thread auditor;
  std::thread ledger;
  int total = 0;

  // The ledger needs only `from`.
  void start_ledger() {
    ledger = std::thread([this] {
      from.lock();
      --total;
      from.unlock();
    });
  }

  // The auditor needs only `to`.
  void start() {
    auditor = std::thread([this] {
      std::lock_guard<std::mutex> g(to);
      ++total;
    });
  }

  void transfer_and_join() {
    std::scoped_lock lk(from, to);
    auditor.join();
    // CHECK: scoped-lock.cpp:[[@LINE-1]]:13: warning: std::thread::join() waits for thread:Bank.auditor while Bank::transfer_and_join() holds Bank.to; Bank::start::lambda@scoped-lock.cpp:27() runs in thread:Bank.auditor (bound in Bank::start()) and needs Bank.to [worker-wait-under-lock]
  }

  // The other mutex of the pair is held too.
  void transfer_and_join_ledger() {
    std::scoped_lock lk(from, to);
    ledger.join();
    // CHECK: scoped-lock.cpp:[[@LINE-1]]:12: warning: std::thread::join() waits for thread:Bank.ledger while Bank::transfer_and_join_ledger() holds Bank.from; Bank::start_ledger::lambda@scoped-lock.cpp:18() runs in thread:Bank.ledger (bound in Bank::start_ledger()) and needs Bank.from [worker-wait-under-lock]
  }

  void transfer_then_join() {
    {
      std::scoped_lock lk(from, to);
      ++total;
    }
    auditor.join();
  }

  // Explicit template arguments, only `from`: the auditor does not need it.
  void hold_from_join() {
    std::scoped_lock<std::mutex> lk(from);
    auditor.join();
  }
};
// CHECK-NOT: transfer_then_join
// CHECK-NOT: hold_from_join
// CHECK: holdwait: 2 finding(s)

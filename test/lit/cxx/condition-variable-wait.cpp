// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 | FileCheck %s --check-prefix=JSON
//
// std::condition_variable::wait(lk, pred) releases only the mutex owned by
// lk. Holding another lock that the notifier holds around notify_one()
// deadlocks (the notifier cannot get to the notify); holding only the cv's
// own mutex does not, and neither does a lock the notifier never takes.
#include <condition_variable>
#include <mutex>

class Mailbox {
public:
  void post(int v) {
    std::lock_guard<std::mutex> outer(state_mu_);
    {
      std::lock_guard<std::mutex> g(mu_);
      value_ = v;
    }
    cv_.notify_one();
  }

  int take_buggy() {
    std::lock_guard<std::mutex> outer(state_mu_);
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return value_ != 0; });
    // CHECK: condition-variable-wait.cpp:[[@LINE-1]]:9: warning: std::condition_variable::wait() waits for cv:Mailbox.cv_ while Mailbox::take_buggy() holds Mailbox.state_mu_; Mailbox::post() signals cv:Mailbox.cv_ and needs Mailbox.state_mu_ [worker-wait-under-lock]
    return value_;
  }

  // Only the cv's own mutex: released while waiting.
  int take_fixed() {
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return value_ != 0; });
    return value_;
  }

  // The notifier never takes stats_mu_.
  int take_with_stats() {
    std::lock_guard<std::mutex> s(stats_mu_);
    std::unique_lock<std::mutex> lk(mu_);
    cv_.wait(lk, [this] { return value_ != 0; });
    return value_;
  }

  // wait_for without a predicate, same shape as take_buggy.
  bool take_timed_buggy() {
    std::lock_guard<std::mutex> outer(state_mu_);
    std::unique_lock<std::mutex> lk(mu_);
    return cv_.wait_for(lk, std::chrono::seconds(1)) == std::cv_status::no_timeout;
    // CHECK: condition-variable-wait.cpp:[[@LINE-1]]:16: warning: std::condition_variable::wait_for() waits for cv:Mailbox.cv_ while Mailbox::take_timed_buggy() holds Mailbox.state_mu_; Mailbox::post() signals cv:Mailbox.cv_ and needs Mailbox.state_mu_ [worker-wait-under-lock]
  }

private:
  std::mutex state_mu_;
  std::mutex stats_mu_;
  std::mutex mu_;
  std::condition_variable cv_;
  int value_ = 0;
};
// CHECK-NOT: Mailbox.mu_;
// CHECK-NOT: take_fixed
// CHECK-NOT: take_with_stats
// CHECK: holdwait: 2 finding(s)

// JSON: "function": "Mailbox::take_buggy"
// JSON: "lock": "Mailbox.state_mu_"
// JSON: "callee": "std::condition_variable::wait"
// JSON: "domain": "cv:Mailbox.cv_"
// JSON: "conflict": {
// JSON-NEXT: "kind": "inferred"
// JSON: "other_side": {
// JSON-NEXT: "function": "Mailbox::post"

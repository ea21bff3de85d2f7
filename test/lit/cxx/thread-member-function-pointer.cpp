// RUN: not %holdwait %s -- -std=c++17 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 | FileCheck %s --check-prefix=JSON
//
// A thread started with a member function pointer, std::thread(&C::run,
// this), runs C::run: joining it while holding a lock that run() takes is
// a worker-wait-under-lock finding naming C::run as the other side.
#include <mutex>
#include <thread>

class Server {
public:
  void start() { t_ = std::thread(&Server::run, this); }

  void stop_buggy() {
    std::lock_guard<std::mutex> g(mu_);
    stopping_ = true;
    t_.join();
    // CHECK: thread-member-function-pointer.cpp:[[@LINE-1]]:8: warning: std::thread::join() waits for thread:Server.t_ while Server::stop_buggy() holds Server.mu_; Server::run() runs in thread:Server.t_ (bound in Server::start()) and needs Server.mu_ [worker-wait-under-lock]
  }

  void stop_fixed() {
    {
      std::lock_guard<std::mutex> g(mu_);
      stopping_ = true;
    }
    t_.join();
  }

private:
  void run() {
    std::lock_guard<std::mutex> g(mu_);
    served_++;
  }

  std::mutex mu_;
  std::thread t_;
  bool stopping_ = false;
  int served_ = 0;
};
// CHECK-NOT: stop_fixed
// CHECK: holdwait: 1 finding(s)

// JSON: "function": "Server::stop_buggy"
// JSON: "lock": "Server.mu_"
// JSON: "callee": "std::thread::join"
// JSON: "domain": "thread:Server.t_"
// JSON: "other_side": {
// JSON-NEXT: "function": "Server::run"

// RUN: not %holdwait %s -- -std=c++17 -I%S/../../.. 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 -I%S/../../.. | FileCheck %s --check-prefix=JSON
//
// In-source annotations (annotations/holdwait.h): a "wait for
// acknowledgement" helper marked HOLDWAIT_WAITS_FOR("ack"), and the vCPU loop
// marked HOLDWAIT_RUNS_IN("ack") (the code the waiter waits for). Calling the
// helper while holding a lock that the loop takes is a
// worker-wait-under-lock naming both sides; holding a lock the loop never
// takes, or calling the helper after unlocking, is not.
#include "annotations/holdwait.h"
#include <atomic>
#include <mutex>

struct Vcpu {
  std::atomic<bool> acked{false};

  HOLDWAIT_WAITS_FOR("ack")
  void wait_for_ack() {
    while (!acked.load())
      ;
  }
};

struct Vmm {
  std::mutex states;
  std::mutex config;
  Vcpu vcpu;
  int paused = 0;

  HOLDWAIT_RUNS_IN("ack")
  void vcpu_loop() {
    std::lock_guard<std::mutex> g(states);
    vcpu.acked = true;
  }

  void pause_buggy() {
    std::lock_guard<std::mutex> g(states);
    paused = 1;
    vcpu.wait_for_ack();
    // CHECK: annotation-waits-for-runs-in.cpp:[[@LINE-1]]:10: warning: Vcpu::wait_for_ack() waits for ack while Vmm::pause_buggy() holds Vmm.states; Vmm::vcpu_loop() runs in ack (annotated at {{.*}}annotation-waits-for-runs-in.cpp:30) and needs Vmm.states [worker-wait-under-lock]
    // CHECK-NEXT: thread A: Vmm::pause_buggy(){{ +}}waits on ack
    // CHECK-NEXT: std::lock_guard::lock_guard(Vmm.states){{ +}}annotation-waits-for-runs-in.cpp:37
    // CHECK-NEXT: Vcpu::wait_for_ack(){{ +}}annotation-waits-for-runs-in.cpp:39
    // CHECK-NEXT: thread B: Vmm::vcpu_loop(){{ +}}in ack, needs Vmm.states
    // CHECK-NEXT: std::lock_guard::lock_guard(Vmm.states){{ +}}annotation-waits-for-runs-in.cpp:32
  }

  void pause_fixed() {
    {
      std::lock_guard<std::mutex> g(states);
      paused = 1;
    }
    vcpu.wait_for_ack();
  }

  // The vCPU loop never takes `config`.
  void pause_config() {
    std::lock_guard<std::mutex> g(config);
    vcpu.wait_for_ack();
  }

  // Reached through a helper: the chain shows the call into the helper.
  void signal_all() { vcpu.wait_for_ack(); }
  void pause_indirect() {
    std::lock_guard<std::mutex> g(states);
    signal_all();
    // CHECK: annotation-waits-for-runs-in.cpp:[[@LINE-1]]:5: warning: Vmm::signal_all() reaches Vcpu::wait_for_ack(), which waits for ack while Vmm::pause_indirect() holds Vmm.states; Vmm::vcpu_loop() runs in ack (annotated at {{.*}}annotation-waits-for-runs-in.cpp:30) and needs Vmm.states [worker-wait-under-lock]
  }
};
// CHECK-NOT: pause_fixed
// CHECK-NOT: pause_config
// CHECK: holdwait: 2 finding(s)

// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "Vmm::pause_buggy"
// JSON: "lock": "Vmm.states"
// JSON: "callee": "Vcpu::wait_for_ack"
// JSON: "domain": "ack"
// JSON: "kind": "inferred"
// JSON: "other_side": {
// JSON-NEXT: "function": "Vmm::vcpu_loop"
// JSON: "function": "Vmm::pause_indirect"
// JSON: "lock": "Vmm.states"
// JSON: "callee": "Vmm::signal_all"
// JSON: "blocking": "Vcpu::wait_for_ack"
// JSON: "domain": "ack"
// JSON: "chain": [
// JSON-NEXT: {
// JSON-NEXT: "function": "Vmm::pause_indirect"
// JSON-NEXT: "callee": "Vmm::signal_all"
// JSON: "function": "Vmm::signal_all"
// JSON-NEXT: "callee": "Vcpu::wait_for_ack"

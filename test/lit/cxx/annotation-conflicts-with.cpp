// RUN: not %holdwait %s -- -std=c++17 -I%S/../../.. 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- -std=c++17 -I%S/../../.. | FileCheck %s --check-prefix=JSON
//
// HOLDWAIT_CONFLICTS_WITH("ack", reason) on a lock field: holding it while
// waiting on "ack" is reported even though no code visible to holdwait runs
// in "ack" (the conflict is annotated, and the reason is printed). Another
// lock without the annotation, waiting on the same domain, is not reported.
#include "annotations/holdwait.h"
#include <mutex>

HOLDWAIT_WAITS_FOR("ack") void wait_for_ack();

struct Device {
  std::mutex regs HOLDWAIT_CONFLICTS_WITH("ack", "the firmware acks only after it reads regs");
  std::mutex stats;

  void reset_buggy() {
    std::lock_guard<std::mutex> g(regs);
    wait_for_ack();
    // CHECK: annotation-conflicts-with.cpp:[[@LINE-1]]:5: warning: wait_for_ack() waits for ack while Device::reset_buggy() holds Device.regs, which is annotated as conflicting ({{.*}}annotation-conflicts-with.cpp:14) [worker-wait-under-lock]
    // CHECK: conflict: Device.regs is listed as conflicting with worker-wait waits on ack
    // CHECK-NEXT: ({{.*}}annotation-conflicts-with.cpp:14: the firmware acks only after it reads regs)
  }

  void reset_stats() {
    std::lock_guard<std::mutex> g(stats);
    wait_for_ack();
  }
};
// CHECK-NOT: reset_stats
// CHECK: holdwait: 1 finding(s)

// JSON: "function": "Device::reset_buggy"
// JSON: "lock": "Device.regs"
// JSON: "domain": "ack"
// JSON: "conflict": {
// JSON-NEXT: "kind": "annotated"
// JSON-NEXT: "reason": "the firmware acks only after it reads regs"
// JSON-NEXT: "annotation": "{{.*}}annotation-conflicts-with.cpp:14"

// RUN: not %holdwait %s --checks=lock-order-cycle --annotations %S/Inputs/order.yaml -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait %s --checks=lock-order-cycle -- -I%inputs 2>&1 | FileCheck %s --check-prefix=NOANN
//
// A documented order (lock-orders in an annotation file) makes one reversed
// edge a finding, even with no cycle in the code: here nothing takes
// dev_lock before outer_lock, yet bus_reset() takes outer_lock inside it.
// The transitive pair (stat_lock held, outer_lock taken) is reported too;
// orders that follow the documentation are not.
#include "kernel.h"

struct bus {
  struct mutex outer_lock;
  struct mutex dev_lock;
  struct mutex stat_lock;
};

// Follows the documentation: dev_lock outside stat_lock.
void bus_scan(struct bus *b) {
  mutex_lock(&b->dev_lock);
  mutex_lock(&b->stat_lock);
  mutex_unlock(&b->stat_lock);
  mutex_unlock(&b->dev_lock);
}

static void bus_quiesce(struct bus *b) {
  mutex_lock(&b->outer_lock);
  mutex_unlock(&b->outer_lock);
}

void bus_reset(struct bus *b) {
  mutex_lock(&b->dev_lock);
  bus_quiesce(b);
  mutex_unlock(&b->dev_lock);
}

void bus_stats(struct bus *b) {
  mutex_lock(&b->stat_lock);
  bus_quiesce(b);
  mutex_unlock(&b->stat_lock);
}

// CHECK: lock-order-documented.c:32:3: warning: bus_reset() takes bus.outer_lock while holding bus.dev_lock, against the documented order (bus.outer_lock is taken outside bus.dev_lock, order.yaml:3) [lock-order-cycle]
// CHECK-NEXT: taken: bus.dev_lock -> bus.outer_lock
// CHECK-NEXT: bus_reset(){{ +}}holds bus.dev_lock
// CHECK-NEXT: mutex_lock(bus.dev_lock){{ +}}lock-order-documented.c:31
// CHECK-NEXT: bus_quiesce(){{ +}}lock-order-documented.c:32
// CHECK-NEXT: mutex_lock(bus.outer_lock){{ +}}lock-order-documented.c:26
// CHECK-NEXT: documented order: bus.outer_lock is taken outside bus.dev_lock
// CHECK-NEXT: (order.yaml:3: outer_lock is taken outside dev_lock, and dev_lock outside stat_lock)
// CHECK-NEXT: see https://example.org/bus-locking
// CHECK: lock-order-documented.c:38:3: warning: bus_stats() takes bus.outer_lock while holding bus.stat_lock, against the documented order (bus.outer_lock is taken outside bus.stat_lock, order.yaml:3) [lock-order-cycle]
// CHECK-NOT: bus_scan
// CHECK: 2 finding(s)

// Without the annotation there is no cycle and nothing to report.
// NOANN: 0 finding(s)

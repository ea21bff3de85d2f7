// RUN: not %holdwait %s --checks=lock-order-cycle --annotations %S/Inputs/order-trans.yaml -- -I%inputs 2>&1 | FileCheck %s
//
// A documented order is violated through other locks too: stat_lock is
// held while dev_lock is taken (one function) and dev_lock is held while
// outer_lock is taken (another), so outer_lock can be waited for under
// stat_lock.
#include "kernel.h"

struct bus {
  struct mutex outer_lock;
  struct mutex dev_lock;
  struct mutex stat_lock;
};

void stats_then_dev(struct bus *b) {
  mutex_lock(&b->stat_lock);
  mutex_lock(&b->dev_lock);
  mutex_unlock(&b->dev_lock);
  mutex_unlock(&b->stat_lock);
}

void dev_then_outer(struct bus *b) {
  mutex_lock(&b->dev_lock);
  mutex_lock(&b->outer_lock);
  mutex_unlock(&b->outer_lock);
  mutex_unlock(&b->dev_lock);
}

// CHECK: lock-order-documented-path.c:17:3: warning: bus.outer_lock is taken while bus.stat_lock is held, through bus.stat_lock -> bus.dev_lock -> bus.outer_lock: stats_then_dev() takes bus.dev_lock while holding bus.stat_lock; dev_then_outer() takes bus.outer_lock while holding bus.dev_lock, against the documented order (bus.outer_lock is taken outside bus.stat_lock, order-trans.yaml:3) [lock-order-cycle]
// CHECK-NEXT: taken: bus.stat_lock -> bus.dev_lock
// CHECK: taken: bus.dev_lock -> bus.outer_lock
// CHECK: documented order: bus.outer_lock is taken outside bus.stat_lock
// CHECK: 1 finding(s)

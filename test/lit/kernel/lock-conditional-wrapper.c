// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-summaries=node_ %s -- -I%inputs | FileCheck %s --check-prefix=SUM
//
// A conditional lock wrapper (the shape of atomic_dec_and_lock()) returns
// holding its lock on some paths only. Its caller's release of that lock,
// under `if (wrapper())`, drops the caller's own lock: it is not a lock the
// caller's caller held. When it counted as one, prune() below lost
// parent->lock (same class) at node_put() and its grace-period wait went
// unreported; across the kernel such releases reached every transitive
// caller and filled the summaries.
#include "kernel.h"

struct node {
  struct mutex lock;
  struct srcu_struct srcu;
  int count;
};

// A reader takes the lock inside the read-side section, so a grace-period
// wait under any node.lock can wait for itself.
void reader(struct node *n) {
  int idx = srcu_read_lock(&n->srcu);
  mutex_lock(&n->lock);
  mutex_unlock(&n->lock);
  srcu_read_unlock(&n->srcu, idx);
}

// Returns 1 holding n->lock when the count reached zero.
int node_dec_and_lock(struct node *n) {
  mutex_lock(&n->lock);
  if (--n->count == 0)
    return 1;
  mutex_unlock(&n->lock);
  return 0;
}
// SUM-LABEL: summary node_dec_and_lock
// SUM-NEXT: may return holding node.lock {$0.lock}
// SUM-NOT: releases

void node_put(struct node *n) {
  if (node_dec_and_lock(n)) {
    n->count = -1;
    mutex_unlock(&n->lock);
  }
}
// SUM-LABEL: summary node_put
// SUM-NOT: releases
// SUM-NOT: holding
// SUM: acquires

void prune(struct node *parent, struct node *child) {
  mutex_lock(&parent->lock);
  node_put(child);
  synchronize_srcu(&parent->srcu);
  // CHECK: lock-conditional-wrapper.c:[[@LINE-1]]:3: warning: synchronize_srcu() waits for a grace period of srcu:node.srcu while prune() holds node.lock{{.*}}[grace-period-under-lock]
  mutex_unlock(&parent->lock);
}

// The wrapper's own callers still see both outcomes: nothing is held after
// the unlock, so this wait is not reported.
void put_then_wait(struct node *n) {
  node_put(n);
  synchronize_srcu(&n->srcu);
}
// CHECK-NOT: put_then_wait()

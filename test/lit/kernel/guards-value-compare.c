// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-summaries=runstate_ %s -- -I%inputs | FileCheck %s --check-prefix=SUM
//
// A parameter compared with a constant (`state == RUNSTATE_runnable`,
// `mode != 0`) is a guard too, and the comparison passed on as a bool
// carries it: the shape of kvm_xen_update_runstate(), which refreshes the
// guest's page (and may sleep) only when it was not called for a
// preempted vCPU from the scheduler. A switch on a parameter guards each
// case's edge the same way.
#include "kernel.h"

#define RUNSTATE_running 0
#define RUNSTATE_runnable 1
#define RUNSTATE_blocked 2

spinlock_t rq_lock;
int unknown_state;

static void runstate_guest(bool atomic) {
  if (atomic)
    return; // called from the scheduler: must not sleep
  msleep(1);
}

void runstate_update(int state) { runstate_guest(state == RUNSTATE_runnable); }
// SUM-LABEL: summary runstate_update
// SUM-NEXT: op sleep :? leaf msleep via runstate_guest:{{[0-9]+}} msleep:{{[0-9]+}} when ($0 & 0xffffffff) != 0x1

void runstate_preempted(void) {
  spin_lock(&rq_lock);
  runstate_update(RUNSTATE_runnable);
  spin_unlock(&rq_lock);
}
// CHECK-NOT: runstate_preempted() holds

void runstate_blocked(void) {
  spin_lock(&rq_lock);
  runstate_update(RUNSTATE_blocked);
  spin_unlock(&rq_lock);
}
// CHECK: [[@LINE-3]]:3: warning: runstate_update() reaches msleep(), which may sleep while runstate_blocked() holds rq_lock

void runstate_unknown(void) {
  spin_lock(&rq_lock);
  runstate_update(unknown_state);
  spin_unlock(&rq_lock);
}
// CHECK: [[@LINE-3]]:3: warning: runstate_update() reaches msleep(), which may sleep while runstate_unknown() holds rq_lock

// Branches on the comparison itself, both senses.
static void by_mode(int mode) {
  if (mode == 3)
    msleep(2);
}
static void unless_idle(unsigned int mode) {
  if (mode != 0)
    return;
  msleep(3);
}

void runstate_modes(unsigned int flags) {
  spin_lock(&rq_lock);
  by_mode(2);
  by_mode(flags | 4); // bit 2 set: never 3
  unless_idle(1);
  unless_idle(flags | 1);
  spin_unlock(&rq_lock);
}
// CHECK-NOT: runstate_modes() holds

void runstate_mode_three(void) {
  spin_lock(&rq_lock);
  by_mode(3);
  unless_idle(0);
  spin_unlock(&rq_lock);
}
// CHECK: [[@LINE-4]]:3: warning: by_mode() reaches msleep(), which may sleep while runstate_mode_three() holds rq_lock
// CHECK: [[@LINE-4]]:3: warning: unless_idle() reaches msleep(), which may sleep while runstate_mode_three() holds rq_lock

// A switch on a parameter: the edge to `case K:` is taken only when it is K
// (the default edge says nothing).
static void by_state(int state) {
  switch (state) {
  case RUNSTATE_running:
    break;
  case RUNSTATE_blocked:
    msleep(4);
    break;
  case -1:
    msleep(5);
    break;
  default:
    break;
  }
}

void runstate_switch(void) {
  spin_lock(&rq_lock);
  by_state(RUNSTATE_running);
  by_state(RUNSTATE_runnable);
  spin_unlock(&rq_lock);
}
// CHECK-NOT: runstate_switch() holds

void runstate_switch_blocked(void) {
  spin_lock(&rq_lock);
  by_state(RUNSTATE_blocked);
  spin_unlock(&rq_lock);
}
// CHECK: [[@LINE-3]]:3: warning: by_state() reaches msleep(), which may sleep while runstate_switch_blocked() holds rq_lock

void runstate_switch_negative(void) {
  spin_lock(&rq_lock);
  by_state(-1);
  spin_unlock(&rq_lock);
}
// CHECK: [[@LINE-3]]:3: warning: by_state() reaches msleep(), which may sleep while runstate_switch_negative() holds rq_lock

// CHECK: holdwait: 6 finding(s)

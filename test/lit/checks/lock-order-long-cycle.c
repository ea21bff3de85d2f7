// RUN: not %holdwait %s --checks=lock-order-cycle -- -I%inputs 2>&1 | FileCheck %s --implicit-check-not=warning:
//
// A cycle through seven locks is longer than the cycle search goes
// (LockOrderGraph::MaxCycleLength, 6): it is not reported as a finding, but
// never silently either: a note names the classes on it. A six-lock cycle
// elsewhere in the same file is still reported.
#include "kernel.h"

static struct mutex a1;
static struct mutex a2;
static struct mutex a3;
static struct mutex a4;
static struct mutex a5;
static struct mutex a6;
static struct mutex a7;
static struct mutex b1;
static struct mutex b2;
static struct mutex b3;
static struct mutex b4;
static struct mutex b5;
static struct mutex b6;

void take_a1(void) {
  mutex_lock(&a1);
  mutex_lock(&a2);
  mutex_unlock(&a2);
  mutex_unlock(&a1);
}

void take_a2(void) {
  mutex_lock(&a2);
  mutex_lock(&a3);
  mutex_unlock(&a3);
  mutex_unlock(&a2);
}

void take_a3(void) {
  mutex_lock(&a3);
  mutex_lock(&a4);
  mutex_unlock(&a4);
  mutex_unlock(&a3);
}

void take_a4(void) {
  mutex_lock(&a4);
  mutex_lock(&a5);
  mutex_unlock(&a5);
  mutex_unlock(&a4);
}

void take_a5(void) {
  mutex_lock(&a5);
  mutex_lock(&a6);
  mutex_unlock(&a6);
  mutex_unlock(&a5);
}

void take_a6(void) {
  mutex_lock(&a6);
  mutex_lock(&a7);
  mutex_unlock(&a7);
  mutex_unlock(&a6);
}

void take_a7(void) {
  mutex_lock(&a7);
  mutex_lock(&a1);
  mutex_unlock(&a1);
  mutex_unlock(&a7);
}

void take_b1(void) {
  mutex_lock(&b1);
  mutex_lock(&b2);
  mutex_unlock(&b2);
  mutex_unlock(&b1);
}

void take_b2(void) {
  mutex_lock(&b2);
  mutex_lock(&b3);
  mutex_unlock(&b3);
  mutex_unlock(&b2);
}

void take_b3(void) {
  mutex_lock(&b3);
  mutex_lock(&b4);
  mutex_unlock(&b4);
  mutex_unlock(&b3);
}

void take_b4(void) {
  mutex_lock(&b4);
  mutex_lock(&b5);
  mutex_unlock(&b5);
  mutex_unlock(&b4);
}

void take_b5(void) {
  mutex_lock(&b5);
  mutex_lock(&b6);
  mutex_unlock(&b6);
  mutex_unlock(&b5);
}

void take_b6(void) {
  mutex_lock(&b6);
  mutex_lock(&b1);
  mutex_unlock(&b1);
  mutex_unlock(&b6);
}

// CHECK: warning: lock-order cycle b1 -> b2 -> b3 -> b4 -> b5 -> b6 -> b1
// CHECK: note: budget cycle-length=6 hit in 7 lock class(es): a1, a2, a3, ...; they are on longer lock-order cycles only, which are not reported (--budget=cycle-length=N raises it)

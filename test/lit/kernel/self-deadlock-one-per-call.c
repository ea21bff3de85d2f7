// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --implicit-check-not="[self-deadlock]"
//
// A callee that takes the caller's lock on two paths (shared in a lookup
// helper, exclusive in an insert helper) is one self-deadlock at the call,
// not one per path; the report shows the shorter chain.
#include "kernel.h"

struct table {
  struct rw_semaphore sem;
  int hits, entries;
};

static void count_hit(struct table *t) {
  down_read(&t->sem);
  t->hits++;
  up_read(&t->sem);
}

static void insert_entry(struct table *t) {
  down_write(&t->sem);
  t->entries++;
  up_write(&t->sem);
}

static void add_entry(struct table *t) { insert_entry(t); }

static void account(struct table *t, int hit) {
  if (hit)
    count_hit(t);
  else
    add_entry(t);
}

void resize(struct table *t, int hit) {
  down_write(&t->sem);
  account(t, hit);
  // CHECK: self-deadlock-one-per-call.c:[[@LINE-1]]:3: warning: account() acquires table.sem ({{.*}}) while resize() already holds it [self-deadlock]
  // CHECK-NEXT: thread A: resize()
  // CHECK-NEXT: down_write(table.sem) self-deadlock-one-per-call.c:[[@LINE-4]]
  // CHECK-NEXT: account() self-deadlock-one-per-call.c:[[@LINE-4]]
  // CHECK-NEXT: count_hit() self-deadlock-one-per-call.c:
  // CHECK-NEXT: down_read() self-deadlock-one-per-call.c:
  up_write(&t->sem);
}

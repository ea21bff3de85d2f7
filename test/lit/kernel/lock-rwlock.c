// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// rwlock_t: read_lock()/write_lock() (6.12: _raw_read_lock/_raw_write_lock)
// spin, so both the read and the write side are atomic: sleeping under
// either is sleep-in-atomic; after read_unlock()/write_unlock() it is not.
#include "kernel.h"

struct table {
  rwlock_t lock;
};

void reader(struct table *t) {
  read_lock(&t->lock);
  schedule();
  // CHECK: lock-rwlock.c:[[@LINE-1]]:3: warning: schedule() may sleep while reader() holds table.lock, a rwlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: reader() sleeps
  // CHECK-NEXT: _raw_read_lock(table.lock) lock-rwlock.c:[[@LINE-4]]
  read_unlock(&t->lock);
}

void writer(struct table *t) {
  write_lock(&t->lock);
  schedule();
  // CHECK: lock-rwlock.c:[[@LINE-1]]:3: warning: schedule() may sleep while writer() holds table.lock, a rwlock (atomic context) [sleep-in-atomic]
  // CHECK-NEXT: thread A: writer() sleeps
  // CHECK-NEXT: _raw_write_lock(table.lock) lock-rwlock.c:[[@LINE-4]]
  write_unlock(&t->lock);
}

void reader_after(struct table *t) {
  read_lock(&t->lock);
  read_unlock(&t->lock);
  schedule();
}

void writer_after(struct table *t) {
  write_lock(&t->lock);
  write_unlock(&t->lock);
  schedule();
}
// CHECK-NOT: _after()
// CHECK: holdwait: 2 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// rw_semaphore readers do block each other when a writer is queued between
// them: rwsem is writer-fair (lockdep treats down_read() as a
// non-recursive read lock). Thread A holds dev.sem for reading and flushes
// dev.work; set_config() queues down_write(); the work's down_read() then
// waits behind that writer, the writer waits for A, A waits for the work.
// So a read-held rwsem across a wait whose other side reads it, while some
// code writes it, is worker-wait-under-lock. Without any writer the two
// readers cannot block each other (read_only() below: dev.ro is
// never taken for writing).
#include "kernel.h"

struct dev {
  struct rw_semaphore sem;
  struct rw_semaphore ro;
  struct work_struct work;
  int cfg;
};

static void dev_work(struct work_struct *w) {
  struct dev *d = container_of(w, struct dev, work);
  down_read(&d->sem);
  up_read(&d->sem);
  down_read(&d->ro);
  up_read(&d->ro);
}

void dev_init(struct dev *d) { INIT_WORK(&d->work, dev_work); }

void set_config(struct dev *d) {
  down_write(&d->sem);
  d->cfg++;
  up_write(&d->sem);
}

void read_and_flush(struct dev *d) {
  down_read(&d->sem);
  flush_work(&d->work);
  // CHECK: lock-rwsem-read-read.c:[[@LINE-1]]:3: warning: flush_work() waits for work:dev.work while read_and_flush() holds dev.sem; dev_work() runs in work:dev.work (bound in dev_init()) and needs dev.sem [worker-wait-under-lock]
  up_read(&d->sem);
}

void read_only(struct dev *d) {
  down_read(&d->ro);
  flush_work(&d->work);
  up_read(&d->ro);
}
// CHECK-NOT: read_only()
// CHECK: holdwait: 1 finding(s)

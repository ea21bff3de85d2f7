// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
//
// pthread_rwlock_rdlock/wrlock/unlock: a thread that holds the rwlock while
// joining a worker that takes it conflicts unless both sides only read
// (two readers do not block each other). Unlock ends the hold.
#include <pthread.h>
#include <stddef.h>

struct table {
  pthread_rwlock_t rw;
  pthread_t reader;
  pthread_t writer;
  int rows;
};

static void *read_body(void *arg) {
  struct table *t = arg;
  pthread_rwlock_rdlock(&t->rw);
  int n = t->rows;
  (void)n;
  pthread_rwlock_unlock(&t->rw);
  return NULL;
}

static void *write_body(void *arg) {
  struct table *t = arg;
  pthread_rwlock_wrlock(&t->rw);
  t->rows++;
  pthread_rwlock_unlock(&t->rw);
  return NULL;
}

void start(struct table *t) {
  pthread_create(&t->reader, NULL, read_body, t);
  pthread_create(&t->writer, NULL, write_body, t);
}

// Writer held, reader thread needs it shared: deadlock.
void wr_join_reader(struct table *t) {
  pthread_rwlock_wrlock(&t->rw);
  pthread_join(t->reader, NULL);
  // CHECK: pthread-rwlock.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:table.reader while wr_join_reader() holds table.rw; read_body() runs in thread:table.reader (bound in start()) and needs table.rw [worker-wait-under-lock]
  pthread_rwlock_unlock(&t->rw);
}

// Reader held, writer thread needs it exclusive: deadlock.
void rd_join_writer(struct table *t) {
  pthread_rwlock_rdlock(&t->rw);
  pthread_join(t->writer, NULL);
  // CHECK: pthread-rwlock.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:table.writer while rd_join_writer() holds table.rw; write_body() runs in thread:table.writer (bound in start()) and needs table.rw [worker-wait-under-lock]
  pthread_rwlock_unlock(&t->rw);
}

// Reader held, reader thread: both shared, no conflict.
void rd_join_reader(struct table *t) {
  pthread_rwlock_rdlock(&t->rw);
  pthread_join(t->reader, NULL);
  pthread_rwlock_unlock(&t->rw);
}

// Unlocked before the join.
void wr_unlock_then_join(struct table *t) {
  pthread_rwlock_wrlock(&t->rw);
  t->rows = 0;
  pthread_rwlock_unlock(&t->rw);
  pthread_join(t->writer, NULL);
}
// CHECK-NOT: rd_join_reader
// CHECK-NOT: wr_unlock_then_join
// CHECK: holdwait: 2 finding(s)

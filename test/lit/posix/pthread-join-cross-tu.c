// RUN: not %holdwait %s %S/Inputs/cross-tu-worker.c -- -I%S/Inputs 2>&1 | FileCheck %s
// RUN: %holdwait %s -- -I%S/Inputs 2>&1 | FileCheck %s --check-prefix=ALONE
//
// The thread is started, and its body defined, in another translation unit
// (Inputs/cross-tu-worker.c); the join is here, under the lock taken by a
// helper that returns with it held (engine_lock(), also defined there).
// Linking the two units finds the conflict; this unit alone cannot (the
// body is unknown), so it reports nothing.
#include <pthread.h>
#include <stddef.h>
#include "cross-tu.h"

void engine_stop(struct engine *e) {
  engine_lock(e);
  pthread_join(e->thread, NULL);
  // CHECK: pthread-join-cross-tu.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:engine.thread while engine_stop() holds engine.lock; engine_main() runs in thread:engine.thread (bound in engine_start()) and needs engine.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: engine_stop(){{ +}}waits on thread:engine.thread
  // CHECK-NEXT: engine_lock(engine.lock){{ +}}pthread-join-cross-tu.c:[[@LINE-4]]
  // CHECK-NEXT: pthread_mutex_lock(){{ +}}cross-tu-worker.c:16
  // CHECK-NEXT: pthread_join(){{ +}}pthread-join-cross-tu.c:[[@LINE-5]]
  // CHECK-NEXT: thread B: engine_main(){{ +}}in thread:engine.thread, needs engine.lock
  // CHECK-NEXT: engine_lock(){{ +}}cross-tu-worker.c:10
  // CHECK-NEXT: pthread_mutex_lock(engine.lock){{ +}}cross-tu-worker.c:16
  pthread_mutex_unlock(&e->lock);
}
// CHECK: holdwait: 1 finding(s) in 2 translation unit(s)
// ALONE: holdwait: 0 finding(s) in 1 translation unit(s)

// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- | FileCheck %s --check-prefix=JSON
//
// The join is inside a helper called with the lock held: the finding is at
// the call in the caller, and the chain goes caller -> helper ->
// pthread_join. The helper alone (no lock held inside it) is not reported.
#include <pthread.h>
#include <stddef.h>

struct reactor {
  pthread_mutex_t lock;
  pthread_t loop;
  int events;
};

static void *reactor_loop(void *arg) {
  struct reactor *r = arg;
  pthread_mutex_lock(&r->lock);
  r->events++;
  pthread_mutex_unlock(&r->lock);
  return NULL;
}

void reactor_start(struct reactor *r) {
  pthread_create(&r->loop, NULL, reactor_loop, r);
}

static void reactor_wait(struct reactor *r) { pthread_join(r->loop, NULL); }

void reactor_shutdown(struct reactor *r) {
  pthread_mutex_lock(&r->lock);
  reactor_wait(r);
  // CHECK: pthread-join-via-helper.c:[[@LINE-1]]:3: warning: reactor_wait() reaches pthread_join(), which waits for thread:reactor.loop while reactor_shutdown() holds reactor.lock; reactor_loop() runs in thread:reactor.loop (bound in reactor_start()) and needs reactor.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: reactor_shutdown(){{ +}}waits on thread:reactor.loop
  // CHECK-NEXT: pthread_mutex_lock(reactor.lock){{ +}}pthread-join-via-helper.c:[[@LINE-4]]
  // CHECK-NEXT: reactor_wait(){{ +}}pthread-join-via-helper.c:[[@LINE-4]]
  // CHECK-NEXT: pthread_join(){{ +}}pthread-join-via-helper.c:28
  pthread_mutex_unlock(&r->lock);
}
// CHECK: holdwait: 1 finding(s)

// JSON: "function": "reactor_shutdown",
// JSON-NEXT: "lock": "reactor.lock",
// JSON: "callee": "reactor_wait",
// JSON-NEXT: "blocking": "pthread_join",
// JSON-NEXT: "wait_kind": "worker-wait",
// JSON-NEXT: "domain": "thread:reactor.loop",
// JSON-NEXT: "chain": [
// JSON-NEXT: {
// JSON-NEXT: "function": "reactor_shutdown",
// JSON-NEXT: "callee": "reactor_wait",
// JSON-NEXT: "file": "{{.*}}pthread-join-via-helper.c",
// JSON-NEXT: "line": 32,
// JSON-NEXT: "column": 3
// JSON-NEXT: },
// JSON-NEXT: {
// JSON-NEXT: "function": "reactor_wait",
// JSON-NEXT: "callee": "pthread_join",
// JSON-NEXT: "file": "{{.*}}pthread-join-via-helper.c",
// JSON-NEXT: "line": 28,
// JSON-NEXT: "column": 47
// JSON-NEXT: }
// JSON-NEXT: ],

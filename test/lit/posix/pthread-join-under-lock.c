// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- | FileCheck %s --check-prefix=JSON
//
// pthread_join() waits for the thread started by pthread_create(); holding a
// lock that the thread body takes across the join is a hold-and-wait bug
// (worker-wait-under-lock), whether the pthread_t lives in a struct field,
// in a global or in a local. Joining after the unlock, or under a lock the
// body never takes, is fine.
#include <pthread.h>
#include <stddef.h>

struct pool {
  pthread_mutex_t lock;
  pthread_mutex_t stats_lock;
  pthread_t worker;
  int jobs;
};

static void *pool_worker(void *arg) {
  struct pool *p = arg;
  pthread_mutex_lock(&p->lock);
  p->jobs--;
  pthread_mutex_unlock(&p->lock);
  return NULL;
}

void pool_start(struct pool *p) {
  pthread_create(&p->worker, NULL, pool_worker, p);
}

void pool_stop_buggy(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  pthread_join(p->worker, NULL);
  // CHECK: pthread-join-under-lock.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:pool.worker while pool_stop_buggy() holds pool.lock; pool_worker() runs in thread:pool.worker (bound in pool_start()) and needs pool.lock [worker-wait-under-lock]
  // CHECK-NEXT: thread A: pool_stop_buggy(){{ +}}waits on thread:pool.worker
  // CHECK-NEXT: pthread_mutex_lock(pool.lock){{ +}}pthread-join-under-lock.c:[[@LINE-4]]
  // CHECK-NEXT: pthread_join(){{ +}}pthread-join-under-lock.c:[[@LINE-4]]
  // CHECK-NEXT: thread B: pool_worker(){{ +}}in thread:pool.worker, needs pool.lock
  // CHECK-NEXT: pthread_mutex_lock(pool.lock){{ +}}pthread-join-under-lock.c:21
  pthread_mutex_unlock(&p->lock);
}

// Released before the join: nothing to report.
void pool_stop_fixed(struct pool *p) {
  pthread_mutex_lock(&p->lock);
  p->jobs = 0;
  pthread_mutex_unlock(&p->lock);
  pthread_join(p->worker, NULL);
}

// The worker never takes stats_lock.
void pool_stop_stats(struct pool *p) {
  pthread_mutex_lock(&p->stats_lock);
  pthread_join(p->worker, NULL);
  pthread_mutex_unlock(&p->stats_lock);
}

// The thread handle in a global.
pthread_mutex_t g_lock = PTHREAD_MUTEX_INITIALIZER;
pthread_t g_thread;
int g_count;

static void *g_body(void *arg) {
  (void)arg;
  pthread_mutex_lock(&g_lock);
  g_count++;
  pthread_mutex_unlock(&g_lock);
  return NULL;
}

void g_start(void) { pthread_create(&g_thread, NULL, g_body, NULL); }

void g_stop_buggy(void) {
  pthread_mutex_lock(&g_lock);
  pthread_join(g_thread, NULL);
  // CHECK: pthread-join-under-lock.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:g_thread while g_stop_buggy() holds g_lock; g_body() runs in thread:g_thread (bound in g_start()) and needs g_lock [worker-wait-under-lock]
  pthread_mutex_unlock(&g_lock);
}

void g_stop_fixed(void) {
  pthread_mutex_lock(&g_lock);
  g_count = 0;
  pthread_mutex_unlock(&g_lock);
  pthread_join(g_thread, NULL);
}
// A local pthread_t: the thread is named after its function and variable.
void run_once(void) {
  pthread_t t;
  pthread_create(&t, NULL, g_body, NULL);
  pthread_mutex_lock(&g_lock);
  pthread_join(t, NULL);
  // CHECK: pthread-join-under-lock.c:[[@LINE-1]]:3: warning: pthread_join() waits for thread:run_once::t while run_once() holds g_lock; g_body() runs in thread:run_once::t (bound in run_once()) and needs g_lock [worker-wait-under-lock]
  pthread_mutex_unlock(&g_lock);
}
// CHECK-NOT: pool_stop_fixed
// CHECK-NOT: pool_stop_stats
// CHECK-NOT: g_stop_fixed
// CHECK: holdwait: 3 finding(s)

// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "pool_stop_buggy"
// JSON: "lock": "pool.lock"
// JSON: "callee": "pthread_join"
// JSON: "domain": "thread:pool.worker"
// JSON: "kind": "inferred"
// JSON: "other_side"
// JSON-NEXT: "function": "pool_worker"
// JSON: "check": "worker-wait-under-lock"
// JSON: "function": "g_stop_buggy"
// JSON: "lock": "g_lock"
// JSON: "callee": "pthread_join"
// JSON: "domain": "thread:g_thread"
// JSON: "other_side"
// JSON-NEXT: "function": "g_body"

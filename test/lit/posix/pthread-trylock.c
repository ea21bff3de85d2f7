// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
//
// pthread_mutex_trylock() returns 0 on success: the mutex is held only on the
// branch where the result compared equal to 0 (or was negated), never on the
// failure branch. A join of a thread whose body takes the mutex is reported
// only where the mutex is really held.
#include <pthread.h>
#include <stddef.h>

pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
pthread_t worker;
int shared;

static void *body(void *arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  shared++;
  pthread_mutex_unlock(&m);
  return NULL;
}

void start(void) { pthread_create(&worker, NULL, body, NULL); }

// Success branch: held.
void join_on_success(void) {
  if (pthread_mutex_trylock(&m) == 0) {
    pthread_join(worker, NULL);
    // CHECK: pthread-trylock.c:[[@LINE-1]]:5: warning: pthread_join() waits for thread:worker while join_on_success() holds m; body() runs in thread:worker (bound in start()) and needs m [worker-wait-under-lock]
    pthread_mutex_unlock(&m);
  }
}

// The `!` spelling of the same test.
void join_on_success_not(void) {
  if (!pthread_mutex_trylock(&m)) {
    pthread_join(worker, NULL);
    // CHECK: pthread-trylock.c:[[@LINE-1]]:5: warning: pthread_join() waits for thread:worker while join_on_success_not() holds m; body() runs in thread:worker (bound in start()) and needs m [worker-wait-under-lock]
    pthread_mutex_unlock(&m);
  }
}

// Failure branch (nonzero result): not held.
void join_on_failure(void) {
  if (pthread_mutex_trylock(&m) != 0) {
    pthread_join(worker, NULL);
    return;
  }
  pthread_mutex_unlock(&m);
}

// Result in a variable, failure path joins.
void join_after_failed_try(void) {
  int rc = pthread_mutex_trylock(&m);
  if (rc) {
    pthread_join(worker, NULL);
    return;
  }
  shared = 0;
  pthread_mutex_unlock(&m);
}
// CHECK-NOT: join_on_failure
// CHECK-NOT: join_after_failed_try
// CHECK: holdwait: 2 finding(s)

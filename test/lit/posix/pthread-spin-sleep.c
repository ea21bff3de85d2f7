// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- | FileCheck %s --check-prefix=JSON
//
// sleep(), usleep() and nanosleep() under pthread_spin_lock() sleep in
// atomic context (sleep-in-atomic: a spinlock holder must not sleep). After
// pthread_spin_unlock(), or under a plain mutex, sleeping is not reported.
#include <pthread.h>
#include <time.h>
#include <unistd.h>

pthread_spinlock_t spin;
pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;

void spin_sleep(void) {
  pthread_spin_lock(&spin);
  sleep(1);
  // CHECK: pthread-spin-sleep.c:[[@LINE-1]]:3: warning: sleep() may sleep while spin_sleep() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  pthread_spin_unlock(&spin);
}

void spin_usleep(void) {
  pthread_spin_lock(&spin);
  usleep(10);
  // CHECK: pthread-spin-sleep.c:[[@LINE-1]]:3: warning: usleep() may sleep while spin_usleep() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  pthread_spin_unlock(&spin);
}

void spin_nanosleep(void) {
  struct timespec ts = {0, 1000};
  pthread_spin_lock(&spin);
  nanosleep(&ts, NULL);
  // CHECK: pthread-spin-sleep.c:[[@LINE-1]]:3: warning: nanosleep() may sleep while spin_nanosleep() holds spin, a spinlock (atomic context) [sleep-in-atomic]
  pthread_spin_unlock(&spin);
}

// A successful trylock holds the spinlock too.
void spin_try_sleep(void) {
  if (pthread_spin_trylock(&spin) == 0) {
    usleep(1);
    // CHECK: pthread-spin-sleep.c:[[@LINE-1]]:5: warning: usleep() may sleep while spin_try_sleep() holds spin, a spinlock (atomic context) [sleep-in-atomic]
    pthread_spin_unlock(&spin);
  }
}

void spin_unlock_then_sleep(void) {
  pthread_spin_lock(&spin);
  pthread_spin_unlock(&spin);
  sleep(1);
}

// A mutex holder may sleep.
void mutex_sleep(void) {
  pthread_mutex_lock(&mtx);
  sleep(1);
  pthread_mutex_unlock(&mtx);
}
// CHECK-NOT: spin_unlock_then_sleep
// CHECK-NOT: mutex_sleep
// CHECK: holdwait: 4 finding(s)

// JSON: "check": "sleep-in-atomic"
// JSON: "function": "spin_sleep"
// JSON: "lock": "spin"
// JSON: "lock_kind": "spinlock"
// JSON: "callee": "sleep"
// JSON: "wait_kind": "sleep"
// JSON: "kind": "atomic"

// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- | FileCheck %s --check-prefix=JSON
//
// pthread_cond_wait(&cv, &m) releases m while it sleeps, and only m. Holding
// another lock L across the wait is a deadlock when the signaller (whoever
// calls pthread_cond_signal/broadcast on cv) holds or takes L before it
// signals. The cv's own mutex is never reported.
#include <pthread.h>
#include <stddef.h>

struct queue {
  pthread_mutex_t outer;   // held by the waiter, needed by the signaller
  pthread_mutex_t m;       // the cv's own mutex
  pthread_mutex_t private; // the signaller never takes it
  pthread_cond_t cv;
  pthread_cond_t cv2;
  int ready;
};

// Takes outer, then signals cv.
void producer(struct queue *q) {
  pthread_mutex_lock(&q->outer);
  pthread_mutex_lock(&q->m);
  q->ready = 1;
  pthread_cond_signal(&q->cv);
  pthread_mutex_unlock(&q->m);
  pthread_mutex_unlock(&q->outer);
}

// Holds outer across the wait: the producer can never signal.
void consumer_buggy(struct queue *q) {
  pthread_mutex_lock(&q->outer);
  pthread_mutex_lock(&q->m);
  while (!q->ready)
    pthread_cond_wait(&q->cv, &q->m);
  // CHECK: pthread-cond-wait.c:[[@LINE-1]]:5: warning: pthread_cond_wait() waits for cv:queue.cv while consumer_buggy() holds queue.outer; producer() signals cv:queue.cv and needs queue.outer [worker-wait-under-lock]
  pthread_mutex_unlock(&q->m);
  pthread_mutex_unlock(&q->outer);
}

// Only the cv's own mutex is held: released by the wait.
void consumer_fixed(struct queue *q) {
  pthread_mutex_lock(&q->m);
  while (!q->ready)
    pthread_cond_wait(&q->cv, &q->m);
  pthread_mutex_unlock(&q->m);
}

// Holds a lock the signaller never takes.
void consumer_private(struct queue *q) {
  pthread_mutex_lock(&q->private);
  pthread_mutex_lock(&q->m);
  while (!q->ready)
    pthread_cond_wait(&q->cv, &q->m);
  pthread_mutex_unlock(&q->m);
  pthread_mutex_unlock(&q->private);
}

// Broadcast with outer taken before the signal (lock released before the
// broadcast still counts: "holds or takes before signalling").
void broadcaster(struct queue *q) {
  pthread_mutex_lock(&q->outer);
  q->ready = 2;
  pthread_mutex_unlock(&q->outer);
  pthread_mutex_lock(&q->m);
  pthread_cond_broadcast(&q->cv2);
  pthread_mutex_unlock(&q->m);
}

void consumer2_buggy(struct queue *q) {
  pthread_mutex_lock(&q->outer);
  pthread_mutex_lock(&q->m);
  pthread_cond_wait(&q->cv2, &q->m);
  // CHECK: pthread-cond-wait.c:[[@LINE-1]]:3: warning: pthread_cond_wait() waits for cv:queue.cv2 while consumer2_buggy() holds queue.outer; broadcaster() signals cv:queue.cv2 and needs queue.outer [worker-wait-under-lock]
  pthread_mutex_unlock(&q->m);
  pthread_mutex_unlock(&q->outer);
}
// CHECK-NOT: queue.m
// CHECK-NOT: consumer_fixed
// CHECK-NOT: consumer_private
// CHECK: holdwait: 2 finding(s)

// JSON: "function": "consumer_buggy"
// JSON: "lock": "queue.outer"
// JSON: "callee": "pthread_cond_wait"
// JSON: "domain": "cv:queue.cv"
// JSON: "conflict": {
// JSON-NEXT: "kind": "inferred"
// JSON: "other_side": {
// JSON-NEXT: "function": "producer"
// JSON: "function": "consumer2_buggy"
// JSON: "lock": "queue.outer"
// JSON: "domain": "cv:queue.cv2"
// JSON: "other_side": {
// JSON-NEXT: "function": "broadcaster"

// RUN: not %holdwait %s -- 2>&1 | FileCheck %s
// RUN: not %holdwait %s --format=json -- | FileCheck %s --check-prefix=JSON
//
// C11 <threads.h>: mtx_lock/mtx_unlock/mtx_trylock (held when the result is
// thrd_success, which is 0), cnd_wait/cnd_signal (the wait releases only its
// own mutex) and thrd_create/thrd_join (the join waits for the thread body).
#include <threads.h>

struct svc {
  mtx_t lock;   // taken by the worker thread and by the notifier
  mtx_t cv_mtx; // the condition variable's own mutex
  mtx_t quiet;  // nobody else takes it
  cnd_t cv;
  thrd_t thr;
  int state;
};

static int svc_main(void *arg) {
  struct svc *s = arg;
  mtx_lock(&s->lock);
  s->state = 1;
  mtx_unlock(&s->lock);
  return 0;
}

void svc_start(struct svc *s) { thrd_create(&s->thr, svc_main, s); }

void svc_stop_buggy(struct svc *s) {
  mtx_lock(&s->lock);
  thrd_join(s->thr, NULL);
  // CHECK: c11-threads.c:[[@LINE-1]]:3: warning: thrd_join() waits for thread:svc.thr while svc_stop_buggy() holds svc.lock; svc_main() runs in thread:svc.thr (bound in svc_start()) and needs svc.lock [worker-wait-under-lock]
  mtx_unlock(&s->lock);
}

void svc_stop_try(struct svc *s) {
  if (mtx_trylock(&s->lock) == thrd_success) {
    thrd_join(s->thr, NULL);
    // CHECK: c11-threads.c:[[@LINE-1]]:5: warning: thrd_join() waits for thread:svc.thr while svc_stop_try() holds svc.lock; svc_main() runs in thread:svc.thr (bound in svc_start()) and needs svc.lock [worker-wait-under-lock]
    mtx_unlock(&s->lock);
  }
}

// The trylock failed: nothing held.
void svc_stop_try_failed(struct svc *s) {
  if (mtx_trylock(&s->lock) != thrd_success)
    thrd_join(s->thr, NULL);
  else
    mtx_unlock(&s->lock);
}

void svc_stop_fixed(struct svc *s) {
  mtx_lock(&s->lock);
  s->state = 2;
  mtx_unlock(&s->lock);
  thrd_join(s->thr, NULL);
}

void svc_stop_quiet(struct svc *s) {
  mtx_lock(&s->quiet);
  thrd_join(s->thr, NULL);
  mtx_unlock(&s->quiet);
}

// The notifier takes s->lock before it signals.
void svc_notify(struct svc *s) {
  mtx_lock(&s->lock);
  mtx_lock(&s->cv_mtx);
  s->state = 3;
  cnd_signal(&s->cv);
  mtx_unlock(&s->cv_mtx);
  mtx_unlock(&s->lock);
}

void svc_wait_buggy(struct svc *s) {
  mtx_lock(&s->lock);
  mtx_lock(&s->cv_mtx);
  while (s->state != 3)
    cnd_wait(&s->cv, &s->cv_mtx);
  // CHECK: c11-threads.c:[[@LINE-1]]:5: warning: cnd_wait() waits for cv:svc.cv while svc_wait_buggy() holds svc.lock; svc_notify() signals cv:svc.cv and needs svc.lock [worker-wait-under-lock]
  mtx_unlock(&s->cv_mtx);
  mtx_unlock(&s->lock);
}

// Only the cv's own mutex, which cnd_wait releases.
void svc_wait_fixed(struct svc *s) {
  mtx_lock(&s->cv_mtx);
  while (s->state != 3)
    cnd_wait(&s->cv, &s->cv_mtx);
  mtx_unlock(&s->cv_mtx);
}
// CHECK-NOT: svc_stop_try_failed
// CHECK-NOT: svc_stop_fixed
// CHECK-NOT: svc_stop_quiet
// CHECK-NOT: svc_wait_fixed
// CHECK-NOT: svc.cv_mtx
// CHECK: holdwait: 3 finding(s)

// JSON: "function": "svc_stop_buggy"
// JSON: "lock": "svc.lock"
// JSON: "callee": "thrd_join"
// JSON: "domain": "thread:svc.thr"
// JSON: "other_side": {
// JSON-NEXT: "function": "svc_main"
// JSON: "function": "svc_stop_try"
// JSON: "function": "svc_wait_buggy"
// JSON: "lock": "svc.lock"
// JSON: "callee": "cnd_wait"
// JSON: "domain": "cv:svc.cv"
// JSON: "other_side": {
// JSON-NEXT: "function": "svc_notify"

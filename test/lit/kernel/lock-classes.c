// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Lock class names, which identify a lock across functions: a global (or
// file-static) variable by its name; a field by the record that declares
// it plus the field path (`o->in.lock` is inner.lock, declared by struct
// inner; `o->cfg.lock` in an anonymous struct is outer.cfg.lock); a local
// as `function::name`. Two functions' locals with one name are different
// classes, so the worker's local `m` does not conflict with the waiter's.
#include "kernel.h"

struct inner {
  struct mutex lock;
};

struct outer {
  struct inner in;
  struct {
    struct mutex lock;
  } cfg;
  struct work_struct work;
};

struct mutex global_lock;
static struct mutex file_lock;

static void outer_work(struct work_struct *w) {
  struct outer *o = container_of(w, struct outer, work);
  struct mutex m;
  mutex_lock(&global_lock);
  mutex_unlock(&global_lock);
  mutex_lock(&file_lock);
  mutex_unlock(&file_lock);
  mutex_lock(&o->in.lock);
  mutex_unlock(&o->in.lock);
  mutex_lock(&o->cfg.lock);
  mutex_unlock(&o->cfg.lock);
  mutex_lock(&m);
  mutex_unlock(&m);
}

void outer_init(struct outer *o) { INIT_WORK(&o->work, outer_work); }

void hold_global(struct outer *o) {
  mutex_lock(&global_lock);
  flush_work(&o->work);
  // CHECK: lock-classes.c:[[@LINE-1]]:3: warning: flush_work() waits for work:outer.work while hold_global() holds global_lock; outer_work() runs in work:outer.work (bound in outer_init()) and needs global_lock [worker-wait-under-lock]
  mutex_unlock(&global_lock);
}

void hold_static(struct outer *o) {
  mutex_lock(&file_lock);
  flush_work(&o->work);
  // CHECK: lock-classes.c:[[@LINE-1]]:3: warning: flush_work() waits for work:outer.work while hold_static() holds file_lock; {{.*}} needs file_lock [worker-wait-under-lock]
  mutex_unlock(&file_lock);
}

void hold_nested(struct outer *o) {
  mutex_lock(&o->in.lock);
  flush_work(&o->work);
  // CHECK: lock-classes.c:[[@LINE-1]]:3: warning: flush_work() waits for work:outer.work while hold_nested() holds inner.lock; {{.*}} needs inner.lock [worker-wait-under-lock]
  mutex_unlock(&o->in.lock);
}

void hold_anonymous(struct outer *o) {
  mutex_lock(&o->cfg.lock);
  flush_work(&o->work);
  // CHECK: lock-classes.c:[[@LINE-1]]:3: warning: flush_work() waits for work:outer.work while hold_anonymous() holds outer.cfg.lock; {{.*}} needs outer.cfg.lock [worker-wait-under-lock]
  mutex_unlock(&o->cfg.lock);
}

void hold_local(struct outer *o) {
  struct mutex m;
  mutex_lock(&m);
  flush_work(&o->work);
  mutex_unlock(&m);
}

void local_spin(void) {
  spinlock_t l;
  spin_lock(&l);
  msleep(1);
  // CHECK: lock-classes.c:[[@LINE-1]]:3: warning: msleep() may sleep while local_spin() holds local_spin::l, a spinlock (atomic context) [sleep-in-atomic]
  spin_unlock(&l);
}
// CHECK-NOT: hold_local()
// CHECK: holdwait: 5 finding(s)

// RUN: not %holdwait %s --checks=lock-order-cycle -- -I%inputs 2>&1 | FileCheck %s
//
// Calls through function pointers reach every function stored in the same
// slot: a structure field of any object (initializer or assignment), a
// global pointer (initializer or assignment), a static-call-like trampoline
// filled by a `callbacks:` model. The cycle a <-> b closes only through them.
#include "kernel.h"

struct pair {
  struct mutex a;
  struct mutex b;
};

struct ops {
  void (*take)(struct pair *p);
};

static void take_a(struct pair *p) {
  mutex_lock(&p->a);
  mutex_unlock(&p->a);
}
static void take_b(struct pair *p) {
  mutex_lock(&p->b);
  mutex_unlock(&p->b);
}

// A field slot, filled by an initializer: ops.take may be take_b.
static const struct ops b_ops = {.take = take_b};

void a_then_ops(struct pair *p, const struct ops *o) {
  mutex_lock(&p->a);
  o->take(p);
  mutex_unlock(&p->a);
}

// A global pointer, reassigned at run time: hook may be take_a.
void (*hook)(struct pair *p);

void install(void) { hook = take_a; }

void b_then_hook(struct pair *p) {
  mutex_lock(&p->b);
  hook(p);
  mutex_unlock(&p->b);
}

// CHECK: lock-order-pointers.c:32:3: warning: lock-order cycle pair.a -> pair.b -> pair.a: a_then_ops() takes pair.b while holding pair.a; b_then_hook() takes pair.a while holding pair.b [lock-order-cycle]
// CHECK: a_then_ops(){{ +}}holds pair.a
// CHECK-NEXT: mutex_lock(pair.a)
// CHECK-NEXT: take_b(){{ +}}lock-order-pointers.c:32
// CHECK-NEXT: mutex_lock(pair.b){{ +}}lock-order-pointers.c:23
// CHECK: b_then_hook(){{ +}}holds pair.b
// CHECK-NEXT: mutex_lock(pair.b)
// CHECK-NEXT: take_a(){{ +}}lock-order-pointers.c:43
// CHECK-NEXT: mutex_lock(pair.a){{ +}}lock-order-pointers.c:19
// CHECK: 1 finding(s)

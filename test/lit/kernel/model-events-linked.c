// RUN: not %holdwait %inputs/model-events-linked-use.c %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s %inputs/model-events-linked-use.c -- -I%inputs 2>&1 | FileCheck %s
//
// The events a model gives a function in place of its body name their
// callee and place by the numbering of the unit that defines it; once the
// units are linked they must name them by the program's. __cond_resched()
// (a sleep in linux-kernel.yaml) is defined here, after symbols of this
// unit's own, and called through a pointer from the other unit: the chain
// must end in __cond_resched() at this definition, not in whatever the
// program numbers as this unit numbered it (whole-kernel runs showed
// `__cond_resched() -> __ia32_sys_mknod() common.c:7287`).
void only_here_a(void) {}
void only_here_b(void) {}
void only_here_c(void) {}

int __cond_resched(void) {
  only_here_a();
  return 0;
}

// CHECK: model-events-linked-use.c:19:3: warning: relax() reaches __cond_resched(), which may sleep while holder() holds lock
// CHECK-NEXT: thread A: holder()
// CHECK-NEXT: spin_lock(lock) model-events-linked-use.c:18
// CHECK-NEXT: relax() model-events-linked-use.c:19
// CHECK-NEXT: __cond_resched() model-events-linked-use.c:15
// CHECK-NEXT: __cond_resched() model-events-linked.c:16
// CHECK-NEXT: conflict:
// CHECK: holdwait: 1 finding(s)

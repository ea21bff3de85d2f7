// RUN: not %holdwait %s --checks=lock-order-cycle -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait %s --checks=lock-order-cycle --format=json -- -I%inputs | FileCheck %s --check-prefix=JSON
// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s --check-prefix=ALL
//
// Lock-order cycles: two locks taken in opposite orders by two functions
// (one of them through a callee and a lock wrapper), a three-lock cycle in
// which one edge is a callback the scheduler runs under the runqueue lock,
// and what is not a cycle: one consistent order, rwlock_t readers, and a
// two-lock cycle through a wakeup (wakeup-under-lock reports that one).
#include "kernel.h"

struct dev {
  struct mutex cfg_lock;
  struct mutex io_lock;
  spinlock_t irq_lock;
  spinlock_t list_lock;
  struct task_struct *thread;
};

struct stats {
  spinlock_t a_lock;
  spinlock_t b_lock;
  spinlock_t wake_lock;
  struct task_struct *thread;
};

struct map {
  rwlock_t map_lock;
  spinlock_t tbl_lock;
};

// A wrapper that returns holding the lock: its callers' orders count.
static void io_begin(struct dev *d) { mutex_lock(&d->io_lock); }
static void io_end(struct dev *d) { mutex_unlock(&d->io_lock); }

static void apply_cfg(struct dev *d) {
  mutex_lock(&d->cfg_lock);
  mutex_unlock(&d->cfg_lock);
}

// cfg_lock -> io_lock
void dev_configure(struct dev *d) {
  mutex_lock(&d->cfg_lock);
  io_begin(d);
  io_end(d);
  mutex_unlock(&d->cfg_lock);
}

// io_lock -> cfg_lock, through a callee
void dev_io(struct dev *d) {
  io_begin(d);
  apply_cfg(d);
  io_end(d);
}

// Three locks: list_lock -> irq_lock (here), irq_lock -> rq.__lock (a
// wakeup under irq_lock), rq.__lock -> list_lock (the scheduler calls
// dev_sched_out with the runqueue lock held).
static void dev_sched_out(struct preempt_notifier *pn, struct task_struct *n) {
  struct dev *d = (struct dev *)pn;
  spin_lock(&d->list_lock);
  spin_unlock(&d->list_lock);
}
static struct preempt_ops dev_preempt_ops = {.sched_out = dev_sched_out};

void dev_kick(struct dev *d) {
  spin_lock(&d->irq_lock);
  wake_up_process(d->thread);
  spin_unlock(&d->irq_lock);
}

void dev_update(struct dev *d) {
  spin_lock(&d->list_lock);
  dev_kick(d);
  spin_unlock(&d->list_lock);
}

// One consistent order is not a cycle.
void stat_a(struct stats *s) {
  spin_lock(&s->a_lock);
  spin_lock(&s->b_lock);
  spin_unlock(&s->b_lock);
  spin_unlock(&s->a_lock);
}
void stat_b(struct stats *s) {
  spin_lock(&s->a_lock);
  spin_lock(&s->b_lock);
  spin_unlock(&s->b_lock);
  spin_unlock(&s->a_lock);
}

// Readers never wait for each other, and nothing writes map_lock:
// tbl_lock -> map_lock (read) and map_lock (read) -> tbl_lock do not
// deadlock.
void map_lookup(struct map *m) {
  read_lock(&m->map_lock);
  spin_lock(&m->tbl_lock);
  spin_unlock(&m->tbl_lock);
  read_unlock(&m->map_lock);
}
void tbl_walk(struct map *m) {
  spin_lock(&m->tbl_lock);
  read_lock(&m->map_lock);
  read_unlock(&m->map_lock);
  spin_unlock(&m->tbl_lock);
}

// A two-lock cycle through the runqueue lock is wakeup-under-lock's.
void stat_wake(struct stats *s) {
  spin_lock(&s->wake_lock);
  wake_up_process(s->thread);
  spin_unlock(&s->wake_lock);
}
static void stat_sched_out(struct preempt_notifier *pn, struct task_struct *n) {
  struct stats *s = (struct stats *)pn;
  spin_lock(&s->wake_lock);
  spin_unlock(&s->wake_lock);
}
static struct preempt_ops stat_preempt_ops = {.sched_out = stat_sched_out};

// CHECK: lock-order-cycle.c:44:3: warning: lock-order cycle dev.cfg_lock -> dev.io_lock -> dev.cfg_lock: dev_configure() takes dev.io_lock while holding dev.cfg_lock; dev_io() takes dev.cfg_lock while holding dev.io_lock [lock-order-cycle]
// CHECK-NEXT: lock order: dev.cfg_lock -> dev.io_lock -> dev.cfg_lock
// CHECK-NEXT: thread A: dev.cfg_lock -> dev.io_lock
// CHECK-NEXT: dev_configure(){{ +}}holds dev.cfg_lock
// CHECK-NEXT: mutex_lock(dev.cfg_lock){{ +}}lock-order-cycle.c:43
// CHECK-NEXT: io_begin(){{ +}}lock-order-cycle.c:44
// CHECK-NEXT: mutex_lock(dev.io_lock){{ +}}lock-order-cycle.c:33
// CHECK-NEXT: thread B: dev.io_lock -> dev.cfg_lock
// CHECK-NEXT: dev_io(){{ +}}holds dev.io_lock
// CHECK-NEXT: io_begin(dev.io_lock){{ +}}lock-order-cycle.c:51
// CHECK-NEXT: mutex_lock(){{ +}}lock-order-cycle.c:33
// CHECK-NEXT: apply_cfg(){{ +}}lock-order-cycle.c:52
// CHECK-NEXT: mutex_lock(dev.cfg_lock){{ +}}lock-order-cycle.c:37
// CHECK-NEXT: Each thread holds its first lock and waits for the next

// CHECK: lock-order-cycle.c:68:3: warning: lock-order cycle dev.irq_lock -> rq.__lock -> dev.list_lock -> dev.irq_lock: dev_kick() takes rq.__lock while holding dev.irq_lock; dev_sched_out() takes dev.list_lock while running under rq.__lock; dev_update() takes dev.irq_lock while holding dev.list_lock [lock-order-cycle]
// CHECK-NEXT: lock order: dev.irq_lock -> rq.__lock -> dev.list_lock -> dev.irq_lock
// CHECK-NEXT: thread A: dev.irq_lock -> rq.__lock
// CHECK-NEXT: dev_kick(){{ +}}holds dev.irq_lock
// CHECK-NEXT: spin_lock(dev.irq_lock){{ +}}lock-order-cycle.c:67
// CHECK-NEXT: wake_up_process(){{ +}}lock-order-cycle.c:68
// CHECK-NEXT: (wake_up_process() takes rq.__lock)
// CHECK-NEXT: thread B: rq.__lock -> dev.list_lock
// CHECK-NEXT: dev_sched_out(){{ +}}runs under rq.__lock
// CHECK-NEXT: dev_sched_out() is called with rq.__lock held (preempt_ops.sched_out){{ +}}lock-order-cycle.c:64
// CHECK-NEXT: spin_lock(dev.list_lock){{ +}}lock-order-cycle.c:61
// CHECK-NEXT: thread C: dev.list_lock -> dev.irq_lock
// CHECK-NEXT: dev_update(){{ +}}holds dev.list_lock
// CHECK-NEXT: spin_lock(dev.list_lock){{ +}}lock-order-cycle.c:73
// CHECK-NEXT: dev_kick(){{ +}}lock-order-cycle.c:74
// CHECK-NEXT: spin_lock(dev.irq_lock){{ +}}lock-order-cycle.c:67
// CHECK-NOT: stat_
// CHECK-NOT: map_lock
// CHECK: 2 finding(s)

// JSON: "check": "lock-order-cycle"
// JSON: "function": "dev_configure"
// JSON: "lock": "dev.cfg_lock"
// JSON: "kind": "cycle"
// JSON: "order": [
// JSON: "from": "dev.cfg_lock"
// JSON-NEXT: "to": "dev.io_lock"
// JSON-NEXT: "function": "dev_configure"
// JSON: "from": "dev.io_lock"
// JSON-NEXT: "to": "dev.cfg_lock"
// JSON-NEXT: "function": "dev_io"
// JSON: "implicit": "wake_up_process() takes rq.__lock"
// JSON: "context": "dev_sched_out() is called with rq.__lock held (preempt_ops.sched_out)"

// Every check together: the two-lock wakeup cycles are wakeup-under-lock's.
// ALL: lock-order-cycle.c:44:3: {{.*}}[lock-order-cycle]
// ALL: lock-order-cycle.c:68:3: {{.*}}[lock-order-cycle]
// ALL: lock-order-cycle.c:74:3: {{.*}}dev_update() holds dev.list_lock{{.*}}[wakeup-under-lock]
// ALL: lock-order-cycle.c:111:3: {{.*}}stat_wake() holds stats.wake_lock{{.*}}[wakeup-under-lock]
// ALL: 4 finding(s)

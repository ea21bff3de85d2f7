// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait --annotations %S/Inputs/context-safe-bad.yaml %s -- -I%inputs 2>&1 | FileCheck %s --check-prefix=BAD
//
// A `context-safe` model (the kernel profile lists printk() and panic())
// says any context may call the function: a call to it is lowered to
// nothing, so what its body might sleep on (a console flushed only when
// console_trylock() succeeds) is not passed to every caller holding a
// spinlock. The same body under another name is still followed.
#include "kernel.h"

struct console_state {
  struct mutex lock;
};
struct console_state con;
spinlock_t list_lock;

// A printk-like body: flushes the console, which may sleep.
int _printk(const char *fmt, ...) {
  mutex_lock(&con.lock);
  msleep(1);
  mutex_unlock(&con.lock);
  return 0;
}
int my_log(const char *fmt, ...) {
  mutex_lock(&con.lock);
  msleep(1);
  mutex_unlock(&con.lock);
  return 0;
}

void report_under_spinlock(void) {
  spin_lock(&list_lock);
  _printk("x");
  spin_unlock(&list_lock);
}
// CHECK-NOT: report_under_spinlock()

void log_under_spinlock(void) {
  spin_lock(&list_lock);
  my_log("x");
  // CHECK: context-safe.c:[[@LINE-1]]:3: warning: {{.*}}log_under_spinlock() holds list_lock{{.*}}[sleep-in-atomic]
  spin_unlock(&list_lock);
}
// CHECK-NOT: report_under_spinlock()

// BAD: holdwait: error: {{.*}}context-safe-bad.yaml:3:5: 'why' must say why any context may call these functions

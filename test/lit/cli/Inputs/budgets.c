// Input for budgets.test: one shape per budget, each with a finding that
// only a complete analysis makes. Line numbers are checked by the test.
#include "kernel.h"

static spinlock_t s;
static spinlock_t a, b, c;
static struct mutex m;
void tick(void);

// function-events: the sleep is the tenth event of long_fn().
void long_fn(void) {
  spin_lock(&s);
  tick(); tick(); tick(); tick(); tick(); tick(); tick();
  msleep(1);
  spin_unlock(&s);
}

// summary-waits: many_waits() reaches two different waits; its caller
// holds a spinlock.
void many_waits(void) {
  msleep(1);
  synchronize_rcu();
}
void waits_caller(void) {
  spin_lock(&s);
  many_waits();
  spin_unlock(&s);
}

// chain-steps: a sleep four calls down.
void d4(void) { msleep(1); }
void d3(void) { d4(); }
void d2(void) { d3(); }
void d1(void) { d2(); }
void deep_caller(void) {
  spin_lock(&s);
  d1();
  spin_unlock(&s);
}

// recursion-rounds: even() and odd() call each other; odd() sleeps.
int odd(int n);
int even(int n) { return n ? odd(n - 1) : 0; }
int odd(int n) {
  if (!n)
    msleep(1);
  return n ? even(n - 1) : 1;
}

// cycle-length: a, b, c taken in a three-lock cycle.
void ab(void) { spin_lock(&a); spin_lock(&b); spin_unlock(&b); spin_unlock(&a); }
void bc(void) { spin_lock(&b); spin_lock(&c); spin_unlock(&c); spin_unlock(&b); }
void ca(void) { spin_lock(&c); spin_lock(&a); spin_unlock(&a); spin_unlock(&c); }

// unit-functions: a root lowered last.
void last_fn(void) {
  mutex_lock(&m);
  mutex_unlock(&m);
}

// dataflow-rounds: a loop needs a second pass to see that nothing changes
// (a function without loops converges in one).
void loop_fn(spinlock_t *s, int n) {
  for (int i = 0; i < n; i++) {
    spin_lock(s);
    spin_unlock(s);
  }
}

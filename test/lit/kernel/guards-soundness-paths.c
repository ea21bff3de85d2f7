// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Shapes where out parameters, pointer nullness, value guards and switch
// cases once hid a real sleep (from a review of the value tracker; the
// binary at 0c5a12c reports none of these six).
#include "kernel.h"

spinlock_t lk;

// A nested switch without `default`: its exit edge leads to the enclosing
// switch's next case, which is not this switch's case.
static void nested_switch(int a) {
  switch (a) {
  case 1:
    switch (a) {
    case 2:
      return;
    }
  case 3:
    msleep(1);
  }
}
void call_nested_switch(void) {
  spin_lock(&lk);
  nested_switch(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: nested_switch() reaches msleep(), which may sleep while call_nested_switch() holds lk

// Two evaluations of one callee whose entries differ only in the value
// compared.
static void set_flag(bool c, int *out) { *out = c; }
static void two_contexts(int s) {
  int a, b;
  set_flag(s == 1, &a);
  set_flag(s == 2, &b);
  if (b)
    msleep(1);
}
void call_two_contexts(void) {
  spin_lock(&lk);
  two_contexts(2);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: two_contexts() reaches msleep(), which may sleep while call_two_contexts() holds lk

// An out parameter the caller does not track (a structure field): its
// pointee is unknown, not the pointer's own value.
struct holder {
  long flag;
};
static void fill(long *q, long *p) {
  if (*q)
    *p = 0;
  else
    *p = 1;
}
void untracked_out(struct holder *h) {
  long x = 0;
  fill(&h->flag, &x);
  spin_lock(&lk);
  if (x)
    msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while untracked_out() holds lk

// One local for two pointers of a later call.
static void zero(int *p) { *p = 0; }
static void set_first(int *a, int *b) { *a = 1; }
void twice_later(void) {
  int x;
  zero(&x);
  set_first(&x, &x);
  spin_lock(&lk);
  if (x)
    msleep(1);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while twice_later() holds lk

// `&*p` is p, null or not; a weak symbol may be undefined (address 0).
static void null_sleeps(int *p) {
  if (!p)
    msleep(1);
}
void addr_of_deref(int *h) {
  spin_lock(&lk);
  null_sleeps(&*h);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: null_sleeps() reaches msleep(), which may sleep while addr_of_deref() holds lk
extern int weak_var __attribute__((weak));
void addr_of_weak(void) {
  spin_lock(&lk);
  null_sleeps(&weak_var);
  spin_unlock(&lk);
}
// CHECK: [[@LINE-3]]:3: warning: null_sleeps() reaches msleep(), which may sleep while addr_of_weak() holds lk

// CHECK: holdwait: 6 finding(s)

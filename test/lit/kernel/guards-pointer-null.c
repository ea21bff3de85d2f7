// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-summaries=defer_free %s -- -I%inputs | FileCheck %s --check-prefix=SUM
//
// Whether a pointer parameter is null is a guard too, and a flag set on one
// branch stays correlated with it after the join (the value tracker keeps
// up to four paths apart). The shape of kvfree_call_rcu(): the head-less
// form (`head == NULL`) may sleep and waits for a grace period; the form
// with an rcu_head (`&p->field`, never null) does neither, so
// kfree_rcu(p, field) under a spinlock is fine.
#include "kernel.h"

struct cb_head {
  struct cb_head *next;
};
struct item {
  int key;
  struct cb_head rh;
};

spinlock_t table_lock;
extern bool bulk_has_room(void);

static bool bulk_add(void *ptr, bool can_alloc) {
  if (bulk_has_room())
    return true;
  if (!can_alloc)
    return false;
  msleep(1); // allocates a page
  return true;
}

void defer_free(struct cb_head *head, void *ptr) {
  bool success;
  if (!head)
    msleep(2);
  success = bulk_add(ptr, !head);
  if (!success) {
    if (head == NULL)
      goto unlock_return;
    head->next = 0;
    success = true;
  }
unlock_return:
  if (!success)
    synchronize_rcu();
}
// (bulk_add()'s msleep() has the same guard: one entry, the shorter chain.)
// SUM-LABEL: summary defer_free
// SUM-DAG: op sleep :? leaf msleep via msleep:{{[0-9]+}} when !($0 & all)
// SUM-DAG: op grace-period rcu leaf synchronize_rcu via synchronize_rcu:{{[0-9]+}} when !($0 & all)

// The kernel's kfree_rcu(p, field) checks p first; then `&p->field` is
// non-null.
#define free_later(p, f)                                                       \
  do {                                                                         \
    __typeof__(p) ___p = (p);                                                  \
    if (___p)                                                                  \
      defer_free(&___p->f, ___p);                                              \
  } while (0)

void free_with_head(struct item *it) {
  spin_lock(&table_lock);
  free_later(it, rh);
  spin_unlock(&table_lock);
}
// CHECK-NOT: free_with_head() holds

void free_headless(struct item *it) {
  spin_lock(&table_lock);
  defer_free(NULL, it);
  spin_unlock(&table_lock);
}
// CHECK: [[@LINE-3]]:3: warning: defer_free() reaches msleep(), which may sleep while free_headless() holds table_lock
// CHECK: [[@LINE-4]]:3: warning: defer_free() reaches synchronize_rcu(), which waits for an RCU grace period while free_headless() holds table_lock

// A head the caller was given may be null.
void free_given(struct cb_head *head, void *ptr) {
  spin_lock(&table_lock);
  defer_free(head, ptr);
  spin_unlock(&table_lock);
}
// CHECK: [[@LINE-3]]:3: warning: defer_free() reaches msleep(), which may sleep while free_given() holds table_lock

// A flag set on one branch and tested after the join, with nothing to do
// with a parameter: the test is correlated with the assignment.
extern int try_fast(void);
void flag_after_join(void) {
  int done = try_fast();
  if (!done)
    done = 1;
  spin_lock(&table_lock);
  if (!done)
    msleep(3);
  spin_unlock(&table_lock);
}
// CHECK-NOT: flag_after_join() holds

// Paths apart are still joined where they meet: a flag that is really
// unknown keeps its finding.
void flag_unknown(int n) {
  int done = try_fast();
  if (n)
    done = 1;
  spin_lock(&table_lock);
  if (!done)
    msleep(4);
  spin_unlock(&table_lock);
}
// CHECK: [[@LINE-3]]:5: warning: msleep() may sleep while flag_unknown() holds table_lock

// Without the check, `&p->field` is only as non-null as p.
void free_unchecked(struct item *it) {
  spin_lock(&table_lock);
  defer_free(&it->rh, it);
  spin_unlock(&table_lock);
}
// CHECK: [[@LINE-3]]:3: warning: defer_free() reaches msleep(), which may sleep while free_unchecked() holds table_lock

// CHECK: holdwait: 7 finding(s)

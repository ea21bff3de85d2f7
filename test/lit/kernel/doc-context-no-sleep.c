// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-ir=put_ %s -- -I%inputs | FileCheck %s --check-prefix=IR
//
// A function whose kernel-doc `Context:` section allows atomic callers
// (folio_put(): "May be called while holding a spinlock.") does not sleep
// where its callers are, whatever paths its body has (freeing a hugetlb
// folio, selected by the folio's state). A `Context:` that mentions
// sleeping, or none at all, keeps the body's sleeps.
#include "kernel.h"

struct folio {
  unsigned long flags;
};
struct pool {
  struct mutex lock;
};
struct pool hpool;
spinlock_t lru_lock;

static void free_huge(struct folio *f) {
  mutex_lock(&hpool.lock);
  msleep(1);
  mutex_unlock(&hpool.lock);
}

/**
 * put_folio_doc - Drop a reference.
 * @f: The folio.
 *
 * Context: May be called in process or interrupt context, but not in NMI
 * context.  May be called while holding a spinlock.
 */
void put_folio_doc(struct folio *f) {
  if (f->flags & 1)
    free_huge(f);
}
// IR-LABEL: function put_folio_doc
// IR-NEXT: no-sleep (kernel-doc Context)

/**
 * put_folio_sleepy - Drop a reference.
 * @f: The folio.
 *
 * Context: Any context.  May sleep if the folio is huge.
 */
void put_folio_sleepy(struct folio *f) {
  if (f->flags & 1)
    free_huge(f);
}
// IR-LABEL: function put_folio_sleepy
// IR-NEXT: {{^  B[0-9]+:}}

/* Context: Any context. (not kernel-doc: a plain comment) */
void put_folio_plain(struct folio *f) {
  if (f->flags & 1)
    free_huge(f);
}

void drop_under_lock(struct folio *f) {
  spin_lock(&lru_lock);
  put_folio_doc(f);
  spin_unlock(&lru_lock);
}
// CHECK-NOT: drop_under_lock() holds

void drop_sleepy_under_lock(struct folio *f) {
  spin_lock(&lru_lock);
  put_folio_sleepy(f);
  spin_unlock(&lru_lock);
}
// CHECK: [[@LINE-3]]:3: warning: put_folio_sleepy() reaches {{.*}} while drop_sleepy_under_lock() holds lru_lock

void drop_plain_under_lock(struct folio *f) {
  spin_lock(&lru_lock);
  put_folio_plain(f);
  spin_unlock(&lru_lock);
}
// CHECK: [[@LINE-3]]:3: warning: put_folio_plain() reaches {{.*}} while drop_plain_under_lock() holds lru_lock

// CHECK: holdwait: 4 finding(s)

// The calling unit of kernel/model-events-linked.c; its path sorts before
// that one's, so it is linked first and the defining unit's numbering is
// the one that must be mapped.
#include "kernel.h"

int __cond_resched(void);
void first_unrelated(void) {}
void second_unrelated(void) {}

spinlock_t lock;

// Through a pointer (might_resched() is a static call under
// PREEMPT_DYNAMIC): the call reaches the definition and its model.
static int (*resched_fn)(void) = __cond_resched;
static void relax(void) { resched_fn(); }

void holder(void) {
  spin_lock(&lock);
  relax();
  spin_unlock(&lock);
}

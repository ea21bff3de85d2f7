// Shared by kernel/guards-field-values-writes.c and
// kernel/guards-field-values-config-dead.c: one finding-or-not per
// structure. Each CASE(T) is a GFP_ATOMIC caller, under a spinlock, of an
// allocation with T's FIELD ORed into its flags; it sleeps only if the
// field may hold GFP_BLOCK. The finding is reported at the CASE line.
#include "kernel.h"

typedef unsigned int gfp_t;
#define GFP_BLOCK 0x400u
#define GFP_ZERO 0x100u
#define GFP_ATOMIC 0x20u

spinlock_t lock;

static void page_alloc(gfp_t gfp) {
  if (gfp & GFP_BLOCK)
    msleep(1);
}

#define CASE_WITH(T, FIELD, ALLOC)                                             \
  struct T;                                                                    \
  static void alloc_##T(struct T *m, gfp_t gfp) { ALLOC(gfp | m->FIELD); }    \
  void topup_##T(struct T *m) {                                                \
    spin_lock(&lock);                                                          \
    alloc_##T(m, GFP_ATOMIC);                                                  \
    spin_unlock(&lock);                                                        \
  }
#define CASE(T) CASE_WITH(T, gfp, page_alloc)

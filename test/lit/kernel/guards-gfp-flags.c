// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-ir=gfp_ %s -- -I%inputs | FileCheck %s --check-prefix=IR
// RUN: %holdwait --dump-summaries=gfp_ %s -- -I%inputs | FileCheck %s --check-prefix=SUM
//
// The allocator sleeps only when its caller's GFP flags allow direct
// reclaim. Branches on a parameter's bits become guards on the path
// (`when $0 & 0x400`), and a caller's constant flags decide them: a
// GFP_ATOMIC allocation under a spinlock does not sleep, a GFP_KERNEL one
// does. The flags travel through the shapes of the kernel's slow path: a
// local that tests a bit, a mask with an unknown global, a helper that may
// clear other bits, a local whose address a callee receives and which is
// assigned again before the call (stores to a local structure between), `flags | __GFP_COMP`, and a predicate
// helper behind unlikely().
#include "kernel.h"

typedef unsigned int gfp_t;
#define __GFP_DIRECT_RECLAIM ((gfp_t)0x400u)
#define __GFP_KSWAPD_RECLAIM ((gfp_t)0x800u)
#define __GFP_COMP ((gfp_t)0x4000u)
#define GFP_ATOMIC ((gfp_t)(0x20u | 0x800u))
#define GFP_NOWAIT __GFP_KSWAPD_RECLAIM
#define GFP_KERNEL ((gfp_t)(0x400u | 0x800u | 0x40u | 0x80u))
#define unlikely(x) __builtin_expect(!!(x), 0)

extern gfp_t gfp_allowed_mask;
extern unsigned int task_flags(void);

static inline int gfp_allow_blocking(const gfp_t flags) {
  return !!(flags & __GFP_DIRECT_RECLAIM);
}
static inline gfp_t gfp_context(gfp_t flags) {
  unsigned int pflags = task_flags();
  if (unlikely(pflags & 3)) {
    if (pflags & 1)
      flags &= ~(0x40u | 0x80u);
    else
      flags &= ~0x80u;
  }
  return flags;
}
void gfp_prepare(gfp_t *alloc_gfp) { *alloc_gfp |= 0x1000; }

void *gfp_slowpath(gfp_t gfp_mask, unsigned order) {
  int can_direct_reclaim = gfp_mask & __GFP_DIRECT_RECLAIM;
  if (!can_direct_reclaim)
    goto nopage;
  msleep(1);
nopage:
  return 0;
}
// IR-LABEL: function gfp_slowpath
// IR: -> B{{[0-9]+}}(if !($0 & 0x400)) B{{[0-9]+}}(if $0 & 0x400)
// SUM-LABEL: summary gfp_slowpath
// SUM-NEXT: op sleep :? leaf msleep via msleep:{{[0-9]+}} when $0 & 0x400

struct alloc_context {
  int spread;
  void *nodemask;
};
void *gfp_alloc_pages(gfp_t gfp, unsigned order) {
  gfp_t alloc_gfp;
  struct alloc_context ac;
  gfp &= gfp_allowed_mask;
  gfp = gfp_context(gfp);
  alloc_gfp = gfp;
  gfp_prepare(&alloc_gfp);
  alloc_gfp = gfp;
  // A store to a member of a local structure writes no escaped local.
  ac.spread = 0;
  ac.nodemask = 0;
  return gfp_slowpath(alloc_gfp, order);
}
// IR-LABEL: function gfp_alloc_pages
// IR: call gfp_slowpath -> gfp_slowpath {{.*}} bits=[$0{rm=all zero=0xffffffff00000000}, $1{{.*}}]
// SUM-LABEL: summary gfp_alloc_pages
// SUM-NEXT: op sleep :? leaf msleep via gfp_slowpath:{{[0-9]+}} msleep:{{[0-9]+}} when $0 & 0x400

void *gfp_kmalloc(unsigned long size, gfp_t flags) {
  if (gfp_allow_blocking(flags))
    msleep(2);
  return gfp_alloc_pages(flags | __GFP_COMP, 0);
}
// IR-LABEL: function gfp_kmalloc
// IR: call gfp_alloc_pages {{.*}} bits=[$1{add=0x4000 {{.*}}one=0x4000 {{.*}}}, 0x0]
// IR: -> B{{[0-9]+}}(if $1 & 0x400) B{{[0-9]+}}(if !($1 & 0x400))
// SUM-LABEL: summary gfp_kmalloc
// SUM-NEXT: op sleep :? leaf msleep via {{.*}} when $1 & 0x400
// SUM-NOT: op

spinlock_t list_lock;

void atomic_alloc_under_spinlock(void) {
  spin_lock(&list_lock);
  gfp_kmalloc(8, GFP_ATOMIC);
  gfp_kmalloc(8, GFP_NOWAIT);
  spin_unlock(&list_lock);
}
// CHECK-NOT: atomic_alloc_under_spinlock() holds

void kernel_alloc_under_spinlock(void) {
  spin_lock(&list_lock);
  gfp_kmalloc(8, GFP_KERNEL);
  spin_unlock(&list_lock);
}
// CHECK: [[@LINE-3]]:3: warning: gfp_kmalloc() reaches msleep(), which may sleep while kernel_alloc_under_spinlock() holds list_lock

// The caller clears the bit from whatever it was given.
void masked_alloc_under_spinlock(gfp_t gfp) {
  spin_lock(&list_lock);
  gfp_kmalloc(8, gfp & ~__GFP_DIRECT_RECLAIM);
  spin_unlock(&list_lock);
}
// CHECK-NOT: masked_alloc_under_spinlock() holds

// Flags nobody can read (a global that may be anything): the allocation
// may sleep.
gfp_t default_gfp;
void unknown_alloc_under_spinlock(void) {
  spin_lock(&list_lock);
  gfp_kmalloc(8, default_gfp);
  spin_unlock(&list_lock);
}
// CHECK: [[@LINE-3]]:3: warning: gfp_kmalloc() reaches msleep(), which may sleep while unknown_alloc_under_spinlock() holds list_lock

// The caller's own branch decides: only GFP_ATOMIC is passed under the
// lock, the caller's parameter is tested first.
void branch_alloc(gfp_t gfp) {
  if (gfp & __GFP_DIRECT_RECLAIM)
    return;
  spin_lock(&list_lock);
  gfp_kmalloc(8, gfp);
  spin_unlock(&list_lock);
}
// CHECK-NOT: branch_alloc() holds

// CHECK: holdwait: 2 finding(s)

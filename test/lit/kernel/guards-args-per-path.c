// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-ir=large_alloc %s -- -I%inputs | FileCheck %s --check-prefix=IR
//
// A call reached on paths that know different things of its arguments
// records each description with the guards of its paths, not only their
// join: ___kmalloc_large_node() fixes bad flags through a helper in another
// unit on an error branch, and a GFP_ATOMIC caller, which takes the other
// branch, must still not reach reclaim.
#include "kernel.h"

typedef unsigned int gfp_t;
#define GFP_BLOCK 0x400u
#define GFP_BAD 0x6u
#define GFP_ATOMIC 0x20u
#define GFP_KERNEL (GFP_BLOCK | 0xc0u)

spinlock_t cache_lock;
extern gfp_t fix_flags(gfp_t flags); // another unit: nothing known

static void page_alloc(gfp_t gfp) {
  if (gfp & GFP_BLOCK)
    msleep(1);
}

void large_alloc(unsigned long size, gfp_t flags) {
  if (flags & GFP_BAD)
    flags = fix_flags(flags);
  flags |= 0x4000;
  page_alloc(flags);
}
// IR-LABEL: function large_alloc
// IR: call page_alloc {{.*}} bits=[{one=0x4000{{.*}}}] | when $1 & 0x6: bits=[{one=0x4000}] | when !($1 & 0x6): bits=[$1{add=0x4000 {{.*}}}]

void atomic_large(void) {
  spin_lock(&cache_lock);
  large_alloc(1 << 20, GFP_ATOMIC);
  spin_unlock(&cache_lock);
}
// CHECK-NOT: atomic_large() holds

void kernel_large(void) {
  spin_lock(&cache_lock);
  large_alloc(1 << 20, GFP_KERNEL);
  spin_unlock(&cache_lock);
}
// CHECK: [[@LINE-3]]:3: warning: large_alloc() reaches msleep(), which may sleep while kernel_large() holds cache_lock

// Bad flags take the unknown path: the sleep is kept.
void bad_large(void) {
  spin_lock(&cache_lock);
  large_alloc(1 << 20, GFP_ATOMIC | 0x2);
  spin_unlock(&cache_lock);
}
// CHECK: [[@LINE-3]]:3: warning: large_alloc() reaches msleep(), which may sleep while bad_large() holds cache_lock

// CHECK: holdwait: 2 finding(s)

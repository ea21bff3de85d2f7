// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-ir=out_ %s -- -I%inputs | FileCheck %s --check-prefix=IR
//
// A local whose address goes only to callees that use the pointer as `*p`
// (the allocator's `prepare_alloc_pages(.., &alloc_gfp, &alloc_flags)`,
// gup's `is_valid_gup_args(.., &gup_flags, FOLL_GET)`) keeps its value:
// the callee is evaluated with the caller's values and what it leaves in
// `*p` is the local's new value. A callee that keeps the pointer, a local
// passed twice to one call, and a callee without a body leave the local
// unknown.
#include "kernel.h"

typedef unsigned int gfp_t;
#define GFP_BLOCK 0x400u
#define GFP_WAKE 0x800u
#define GFP_HARDWALL 0x1000u
#define GFP_ATOMIC (0x20u | GFP_WAKE)
#define GFP_KERNEL (GFP_BLOCK | GFP_WAKE | 0xc0u)
#define ALLOC_LOW 0x1u
#define ALLOC_WAKE 0x800u

spinlock_t pool_lock;
extern int cpusets_on;

static void alloc_fast(gfp_t gfp) {
  if (gfp & GFP_BLOCK)
    msleep(1);
}

static unsigned int keep_flags(unsigned int flags) { return flags; }

// Adds a bit on one path; adds a bit of the caller's gfp (ALLOC_WAKE is
// GFP_WAKE) and passes the rest through a helper's return value.
static int prepare(gfp_t gfp, gfp_t *alloc_gfp, unsigned int *alloc_flags) {
  if (cpusets_on)
    *alloc_gfp |= GFP_HARDWALL;
  *alloc_flags |= gfp & GFP_WAKE;
  *alloc_flags = keep_flags(*alloc_flags);
  return 1;
}

void out_alloc(gfp_t gfp) {
  gfp_t alloc_gfp = gfp;
  unsigned int alloc_flags = ALLOC_LOW;
  if (!prepare(gfp, &alloc_gfp, &alloc_flags))
    return;
  alloc_fast(alloc_gfp);
  if (alloc_flags & ALLOC_WAKE)
    msleep(2);
}
// IR-LABEL: function out_alloc
// IR: call alloc_fast {{.*}} bits=[$0{add=0x1000 {{.*}}}]
// IR: -> B{{[0-9]+}}(if $0 & 0x800) B{{[0-9]+}}(if !($0 & 0x800))

void atomic_out_alloc(void) {
  spin_lock(&pool_lock);
  out_alloc(GFP_ATOMIC & ~GFP_WAKE);
  spin_unlock(&pool_lock);
}
// CHECK-NOT: atomic_out_alloc() holds

void kernel_out_alloc(void) {
  spin_lock(&pool_lock);
  out_alloc(GFP_KERNEL);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: out_alloc() reaches msleep(), which may sleep while kernel_out_alloc() holds pool_lock

// Copy in, early returns that leave `*p` as it was, copy out.
static int out_valid(unsigned int *flags_p, unsigned int to_set) {
  unsigned int flags = *flags_p;
  if (flags & 0x8000)
    return 0;
  flags |= to_set;
  *flags_p = flags;
  return 1;
}

void out_valid_adds_nothing(void) {
  unsigned int flags = 0;
  spin_lock(&pool_lock);
  out_valid(&flags, GFP_HARDWALL);
  alloc_fast(flags);
  spin_unlock(&pool_lock);
}
// CHECK-NOT: out_valid_adds_nothing() holds

void out_valid_adds_block(void) {
  unsigned int flags = 0;
  spin_lock(&pool_lock);
  out_valid(&flags, GFP_BLOCK);
  alloc_fast(flags);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_fast() reaches msleep(), which may sleep while out_valid_adds_block() holds pool_lock

// The callee itself sets the bit.
static void out_make_blocking(gfp_t *gfp) { *gfp |= GFP_BLOCK; }

void out_callee_sets_bit(void) {
  gfp_t gfp = GFP_ATOMIC;
  spin_lock(&pool_lock);
  out_make_blocking(&gfp);
  alloc_fast(gfp);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_fast() reaches msleep(), which may sleep while out_callee_sets_bit() holds pool_lock

// A callee that keeps the pointer: any later call may write the local.
static gfp_t *kept;
static void out_keep(gfp_t *gfp) { kept = gfp; }
extern void anything(void);

void out_kept_pointer(void) {
  gfp_t gfp = GFP_ATOMIC;
  out_keep(&gfp);
  anything();
  spin_lock(&pool_lock);
  alloc_fast(gfp);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_fast() reaches msleep(), which may sleep while out_kept_pointer() holds pool_lock

// One local for both pointers: the callee's two stores are to one place.
static void out_two(gfp_t *a, gfp_t *b) {
  *a = 0;
  *b |= GFP_BLOCK;
}

void out_passed_twice(void) {
  gfp_t gfp = 0;
  spin_lock(&pool_lock);
  out_two(&gfp, &gfp);
  alloc_fast(gfp);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_fast() reaches msleep(), which may sleep while out_passed_twice() holds pool_lock

// No body in this unit: nothing is known of what it stores.
extern void out_elsewhere(gfp_t *gfp);

void out_no_body(void) {
  gfp_t gfp = GFP_ATOMIC;
  spin_lock(&pool_lock);
  out_elsewhere(&gfp);
  alloc_fast(gfp);
  spin_unlock(&pool_lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_fast() reaches msleep(), which may sleep while out_no_body() holds pool_lock

// CHECK: holdwait: 6 finding(s)

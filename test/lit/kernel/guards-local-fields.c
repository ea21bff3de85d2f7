// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Flags kept in a field of a local structure (`pc.flags` of ___slab_alloc())
// are followed like an integer local: stored, handed by `&pc` to helpers
// that only use fields through the pointer, read back for the allocation.
// A GFP_ATOMIC caller's allocation then cannot block; anything that may
// write the field another way (the helper stores it, keeps the pointer,
// its address is taken, the structure is copied over as bytes) makes it
// unknown again.
#include "kernel.h"

typedef unsigned int gfp_t;
#define GFP_BLOCK 0x400u
#define GFP_ATOMIC 0x20u
#define GFP_KERNEL (GFP_BLOCK | 0x40u)
#define GFP_NOWAIT 0x800u
#define GFP_THISNODE 0x1000u

void *memset(void *dst, int c, unsigned long n);

spinlock_t lock;

struct ctx {
  gfp_t flags;
  unsigned size;
  void *object;
};

static void new_slab(gfp_t gfp) {
  if (gfp & GFP_BLOCK)
    msleep(1);
}

// Reads the flags, sets the object: two levels, like get_partial() and
// get_partial_node().
static void *from_node(struct ctx *pc) {
  if (!pc || (pc->flags & GFP_THISNODE))
    return 0;
  pc->object = &lock;
  return pc->object;
}
static void *from_partial(struct ctx *pc) { return from_node(pc); }

static void *alloc_ok(gfp_t gfp, int node) {
  struct ctx pc;
  pc.flags = gfp;
  if (node)
    pc.flags = GFP_NOWAIT | GFP_THISNODE;
  pc.size = 8;
  if (from_partial(&pc))
    return pc.object;
  new_slab(pc.flags);
  return 0;
}

void atomic_ok(void) {
  spin_lock(&lock);
  alloc_ok(GFP_ATOMIC, 1);
  spin_unlock(&lock);
}
// CHECK-NOT: atomic_ok() holds

// The same allocation asked to block: found.
void kernel_bad(void) {
  spin_lock(&lock);
  alloc_ok(GFP_KERNEL, 0);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_ok() reaches msleep(), which may sleep while kernel_bad() holds lock

// An initializer list: the flags given, the rest zero.
static void alloc_init(gfp_t gfp) {
  struct ctx pc = {.flags = gfp, .size = 8};
  from_partial(&pc);
  new_slab(pc.flags);
  struct ctx zero = {.size = 8};
  new_slab(zero.flags);
}
void init_ok(void) {
  spin_lock(&lock);
  alloc_init(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK-NOT: init_ok() holds

// A helper that stores the field: unknown after the call.
static void widen(struct ctx *pc) { pc->flags = GFP_KERNEL; }
static void alloc_widened(gfp_t gfp) {
  struct ctx pc;
  pc.flags = gfp;
  widen(&pc);
  new_slab(pc.flags);
}
void widened_bad(void) {
  spin_lock(&lock);
  alloc_widened(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_widened() reaches msleep(), which may sleep while widened_bad() holds lock

// A helper that keeps the pointer: a later call may write through it.
static struct ctx *kept;
static void keep(struct ctx *pc) { kept = pc; }
static void later(void) { kept->flags = GFP_KERNEL; }
static void alloc_kept(gfp_t gfp) {
  struct ctx pc;
  pc.flags = gfp;
  keep(&pc);
  later();
  new_slab(pc.flags);
}
void kept_bad(void) {
  spin_lock(&lock);
  alloc_kept(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_kept() reaches msleep(), which may sleep while kept_bad() holds lock

// The field's address taken.
static void set_flags(gfp_t *f) { *f = GFP_KERNEL; }
static void alloc_addr(gfp_t gfp) {
  struct ctx pc;
  pc.flags = gfp;
  set_flags(&pc.flags);
  new_slab(pc.flags);
}
void addr_bad(void) {
  spin_lock(&lock);
  alloc_addr(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_addr() reaches msleep(), which may sleep while addr_bad() holds lock

// The structure filled as bytes.
static void alloc_bytes(gfp_t gfp) {
  struct ctx pc;
  pc.flags = gfp;
  memset(&pc, 0xff, sizeof(pc));
  new_slab(pc.flags);
}
void bytes_bad(void) {
  spin_lock(&lock);
  alloc_bytes(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_bytes() reaches msleep(), which may sleep while bytes_bad() holds lock

// Copied whole from a structure whose flags are not known.
static void alloc_copied(gfp_t gfp, struct ctx *from) {
  struct ctx pc;
  pc.flags = gfp;
  pc = *from;
  new_slab(pc.flags);
}
void copied_bad(struct ctx *from) {
  from->flags = GFP_KERNEL;
  spin_lock(&lock);
  alloc_copied(GFP_ATOMIC, from);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_copied() reaches msleep(), which may sleep while copied_bad() holds lock

// CHECK: holdwait: 6 finding(s)

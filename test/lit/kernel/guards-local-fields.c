// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Flags kept in a field of a local structure (`pc.flags` of ___slab_alloc())
// are followed like an integer local: stored, handed by `&pc` to helpers
// that only use fields through the pointer, read back for the allocation.
// A GFP_ATOMIC caller's allocation then cannot block; anything that may
// write the field another way (the helper stores it, keeps the pointer,
// its address is taken, the structure is copied over as bytes) makes it
// unknown again, as do stores the CFG does not order or show (the
// structure in its own initializer, an array index past its member,
// sizeof of a variable-length operand, a second return from setjmp()).
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

// Named in its own initializer: whether widen_size()'s store or the
// initializer's comes last is not fixed.
static unsigned widen_size(struct ctx *pc) {
  pc->flags = GFP_KERNEL;
  return 8;
}
static void alloc_self(gfp_t gfp) {
  struct ctx pc = {.flags = gfp, .size = widen_size(&pc)};
  new_slab(pc.flags);
}
void self_bad(void) {
  spin_lock(&lock);
  alloc_self(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_self() reaches msleep(), which may sleep while self_bad() holds lock

// An element of an array member: a constant index inside the array stores
// only the element; any other index may store over the flags behind it.
struct slots {
  unsigned slot[2];
  gfp_t flags;
};
static void alloc_slot(gfp_t gfp) {
  struct slots s;
  s.flags = gfp;
  s.slot[1] = GFP_KERNEL;
  new_slab(s.flags);
}
void slot_ok(void) {
  spin_lock(&lock);
  alloc_slot(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK-NOT: slot_ok() holds
static void alloc_index(gfp_t gfp, int i) {
  struct slots s;
  s.flags = gfp;
  s.slot[i] = GFP_KERNEL;
  new_slab(s.flags);
}
void index_bad(void) {
  spin_lock(&lock);
  alloc_index(GFP_ATOMIC, 2);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_index() reaches msleep(), which may sleep while index_bad() holds lock
static void alloc_past(gfp_t gfp) {
  struct slots s;
  s.flags = gfp;
  s.slot[2] = GFP_KERNEL;
  new_slab(s.flags);
}
void past_bad(void) {
  spin_lock(&lock);
  alloc_past(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_past() reaches msleep(), which may sleep while past_bad() holds lock

// A C99 inline definition and a GNU extern inline one are not what a call
// runs: the external definition elsewhere is, and it may store the flags.
inline void fill_c99(struct ctx *pc) {
  if (pc->size > 64)
    pc->object = 0;
}
extern inline __attribute__((gnu_inline)) void fill_gnu(struct ctx *pc) {
  if (pc->size > 64)
    pc->object = 0;
}
static void alloc_inline(gfp_t gfp, int which) {
  struct ctx pc;
  pc.flags = gfp;
  if (which)
    fill_c99(&pc);
  else
    fill_gnu(&pc);
  new_slab(pc.flags);
}
void inline_bad(void) {
  spin_lock(&lock);
  alloc_inline(GFP_ATOMIC, 1);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_inline() reaches msleep(), which may sleep while inline_bad() holds lock

// sizeof of a variably modified expression evaluates it, though the CFG
// does not show that store.
static void alloc_sizeof(gfp_t gfp, int n) {
  struct ctx pc;
  pc.flags = gfp;
  (void)sizeof(*(pc.flags = GFP_KERNEL, (char(*)[n])0));
  new_slab(pc.flags);
}
void sizeof_bad(void) {
  spin_lock(&lock);
  alloc_sizeof(GFP_ATOMIC, 4);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_sizeof() reaches msleep(), which may sleep while sizeof_bad() holds lock

// After setjmp() returns the second time, a field holds what it held at
// the longjmp(), which the CFG edge does not carry.
typedef long jump_buf[8];
__attribute__((returns_twice)) int set_jump(jump_buf);
__attribute__((noreturn)) void long_jump(jump_buf, int);
static jump_buf env;
static void alloc_jump(gfp_t gfp) {
  struct ctx pc;
  pc.flags = gfp;
  if (set_jump(env)) {
    new_slab(pc.flags);
    return;
  }
  pc.flags = GFP_KERNEL;
  long_jump(env, 1);
}
void jump_bad(void) {
  spin_lock(&lock);
  alloc_jump(GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_jump() reaches msleep(), which may sleep while jump_bad() holds lock

// CHECK: holdwait: 12 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
//
// Writes into a structure that are not stores to its fields: each makes
// every field of the structure (and of those it holds) hold anything, so a
// GFP_ATOMIC caller's flags ORed with one may gain the blocking bit. Each
// structure also has a constant store that alone would bound the field.
// (Found by a soundness review of the field values.)
#include "field-values-case.h"

void *memcpy(void *dst, const void *src, unsigned long n);
void ext_fill(void *p);

// memcpy() into an array of the structures.
struct t1 { int n; gfp_t gfp; };
void set1(struct t1 *m) { m->gfp = GFP_ZERO; }
void load1(struct t1 tab[4], const void *src) { memcpy(tab, src, sizeof(struct t1) * 4); }
CASE(t1)
// CHECK: [[@LINE-1]]:1: warning: alloc_t1() reaches msleep(), which may sleep while topup_t1() holds lock

// Written at a byte offset (KVM's vmcs12 field tables).
struct t2 { int n; gfp_t gfp; };
void set2(struct t2 *m) { m->gfp = GFP_ZERO; }
void write2(struct t2 *m, unsigned long off, unsigned v) { *(unsigned *)((char *)m + off) = v; }
CASE(t2)
// CHECK: [[@LINE-1]]:1: warning: alloc_t2() reaches msleep(), which may sleep while topup_t2() holds lock

// Handed, cast to void *, to a function no unit defines.
struct t3 { int n; gfp_t gfp; };
void set3(struct t3 *m) { m->gfp = GFP_ZERO; }
void fill3(struct t3 *m) { ext_fill((void *)m); }
CASE(t3)
// CHECK: [[@LINE-1]]:1: warning: alloc_t3() reaches msleep(), which may sleep while topup_t3() holds lock

// Given to inline assembly.
struct t4 { int n; gfp_t gfp; };
void set4(struct t4 *m) { m->gfp = GFP_ZERO; }
void asm4(struct t4 *m) { __asm__ volatile("" : : "r"(m) : "memory"); }
CASE(t4)
// CHECK: [[@LINE-1]]:1: warning: alloc_t4() reaches msleep(), which may sleep while topup_t4() holds lock

// Copied from another type cast to it.
struct other { unsigned a, b; };
struct t5 { int n; gfp_t gfp; };
void set5(struct t5 *m) { m->gfp = GFP_ZERO; }
void copy5(struct t5 *m, struct other *o) { memcpy(m, (struct t5 *)o, sizeof(*m)); }
CASE(t5)
// CHECK: [[@LINE-1]]:1: warning: alloc_t5() reaches msleep(), which may sleep while topup_t5() holds lock

// A designated initializer updating a copied member.
struct in6 { gfp_t gfp; };
struct t6 { struct in6 in; int n; };
void set6(struct t6 *m, struct in6 base) {
  m->in.gfp = GFP_ZERO;
  *m = (struct t6){.in = base, .in.gfp = GFP_BLOCK};
}
CASE_WITH(t6, in.gfp, page_alloc)
// CHECK: [[@LINE-1]]:1: warning: alloc_t6() reaches msleep(), which may sleep while topup_t6() holds lock

// A copy that starts at a field and runs over the rest.
struct t7 { int n; gfp_t gfp; };
void set7(struct t7 *m) { m->gfp = GFP_ZERO; }
void load7(struct t7 *m, const void *src) { memcpy(&m->n, src, sizeof(*m)); }
CASE(t7)
// CHECK: [[@LINE-1]]:1: warning: alloc_t7() reaches msleep(), which may sleep while topup_t7() holds lock

// A structure over a byte buffer, through void * or an integer on the way.
struct t8 { int n; gfp_t gfp; };
void set8(struct t8 *m) { m->gfp = GFP_ZERO; }
struct t8 *at8(unsigned char *buf) { return (struct t8 *)(unsigned long)(void *)buf; }
CASE(t8)
// CHECK: [[@LINE-1]]:1: warning: alloc_t8() reaches msleep(), which may sleep while topup_t8() holds lock

// Handed back by a function no unit defines, through an out parameter.
struct t9 { int n; gfp_t gfp; };
void ext_lookup(struct t9 **out);
void set9(struct t9 *m) { m->gfp = GFP_ZERO; }
struct t9 *get9(void) { struct t9 *p; ext_lookup(&p); return p; }
CASE(t9)
// CHECK: [[@LINE-1]]:1: warning: alloc_t9() reaches msleep(), which may sleep while topup_t9() holds lock

// A store inside the size of a variable-length array (evaluated).
struct t10 { int n; gfp_t gfp; };
void set10(struct t10 *m) { m->gfp = GFP_ZERO; }
unsigned long vla10(struct t10 *m, gfp_t g) { return sizeof(char[m->gfp = g]); }
CASE(t10)
// CHECK: [[@LINE-1]]:1: warning: alloc_t10() reaches msleep(), which may sleep while topup_t10() holds lock

// A bool ORed with 2 holds 1.
struct t11 { int n; _Bool gfp; };
void set11(struct t11 *m) { m->gfp |= 2; }
static void alloc1(gfp_t gfp) {
  if (gfp & 1)
    msleep(1);
}
CASE_WITH(t11, gfp, alloc1)
// CHECK: [[@LINE-1]]:1: warning: alloc_t11() reaches msleep(), which may sleep while topup_t11() holds lock

// The control: only constant stores, nothing else.
struct t12 { int n; gfp_t gfp; };
void set12(struct t12 *m) { m->gfp = GFP_ZERO; }
CASE(t12)
// CHECK-NOT: topup_t12() holds

// Assembly that writes the whole structure (a memory output operand).
struct t13 { int n; gfp_t gfp; };
void set13(struct t13 *m) { m->gfp = GFP_ZERO; }
void asm13(struct t13 *m) { __asm__ volatile("" : "+m"(*m)); }
CASE(t13)
// CHECK: [[@LINE-1]]:1: warning: alloc_t13() reaches msleep(), which may sleep while topup_t13() holds lock

// Assembly that writes the field (an lvalue use of it).
struct t14 { int n; gfp_t gfp; };
void set14(struct t14 *m) { m->gfp = GFP_ZERO; }
void asm14(struct t14 *m) { __asm__ volatile("" : "=m"(m->gfp)); }
CASE(t14)
// CHECK: [[@LINE-1]]:1: warning: alloc_t14() reaches msleep(), which may sleep while topup_t14() holds lock

// Not a write of the structure: assembly that stores a pointer to it into a
// pointer variable (this_cpu_write(current_t15, m)) and has no "memory"
// clobber, so writes nothing through its input.
struct t15 { int n; gfp_t gfp; };
struct t15 *current_t15;
void set15(struct t15 *m) { m->gfp = GFP_ZERO; }
void asm15(struct t15 *m) { __asm__("mov %1, %0" : "+m"(current_t15) : "r"(m)); }
CASE(t15)
// CHECK-NOT: topup_t15() holds

// Not another type: an integer that is not a pointer converted on the way
// (this_cpu_read() of a `struct t16 *` is `(struct t16 *)(unsigned long)v`
// of what its assembly read), like a `void *`. (Memory at a bare address,
// firmware tables or MMIO, is not seen either: guards.md, Limits.)
struct t16 { int n; gfp_t gfp; };
void set16(struct t16 *m) { m->gfp = GFP_ZERO; }
struct t16 *read16(unsigned long v) { return (struct t16 *)(unsigned long)v; }
CASE(t16)
// CHECK-NOT: topup_t16() holds

// CHECK: holdwait: 13 finding(s)

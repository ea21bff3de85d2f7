// RUN: not %holdwait %s %inputs/field-values-stores.c -- -I%inputs 2>&1 | FileCheck %s
// RUN: not %holdwait --field-values=off %s %inputs/field-values-stores.c -- -I%inputs 2>&1 | FileCheck %s --check-prefixes=OFF,ALL
// RUN: not %holdwait --annotations %inputs/field-values-external.yaml %s %inputs/field-values-stores.c -- -I%inputs 2>&1 | FileCheck %s --check-prefix=MODEL
// RUN: %holdwait --dump-fields=gfp %s %inputs/field-values-stores.c -- -I%inputs | FileCheck %s --check-prefix=FIELDS
// RUN: %holdwait --dump-ir=alloc_zero %s %inputs/field-values-stores.c -- -I%inputs | FileCheck %s --check-prefix=IR
// RUN: %holdwait --dump-ir=alloc_zero --field-values=off %s %inputs/field-values-stores.c -- -I%inputs | FileCheck %s --check-prefix=IR-OFF
//
// Files named out of a database are a part of the program: its other units
// may store anything into the fields, so their values are not used.
// RUN: rm -rf %t.dir && mkdir -p %t.dir
// RUN: printf '[{"directory": "%S", "file": "%s", "arguments": ["cc", "-c", "-I%inputs", "%s"]}, {"directory": "%S", "file": "%inputs/field-values-stores.c", "arguments": ["cc", "-c", "-I%inputs", "%inputs/field-values-stores.c"]}]\n' > %t.dir/compile_commands.json
// RUN: not %holdwait -p %t.dir %s 2>&1 | FileCheck %s --check-prefixes=OFF,ALL
// RUN: not %holdwait -p %t.dir 2>&1 | FileCheck %s
//
// `mmu_memory_cache_alloc_obj()` ORs a cache's gfp_zero into its caller's
// flags; every store into that field is 0 or __GFP_ZERO, so a GFP_ATOMIC
// caller under a spinlock still does not reach reclaim. A field stored
// anything else (a parameter, the blocking bit, through its address, as
// bytes, through a union, by code outside the program) may add any bit it
// holds. A field's bits on their own are not bounded.
#include "field-values.h"

spinlock_t lock;

static void page_alloc(gfp_t gfp) {
  if (gfp & GFP_BLOCK)
    msleep(1);
}

void alloc_zero(struct obj_cache *mc, gfp_t gfp) {
  gfp |= mc->gfp_zero;
  page_alloc(gfp);
}
// The OR adds the bit the stores hold; without them, any bit of the type.
// IR-LABEL: function alloc_zero
// IR: call page_alloc {{.*}} bits=[$1{add=0x100 rm=
// IR-OFF: call page_alloc {{.*}} bits=[$1{add=0xffffffff rm=

void topup_zero(struct vcpu *v) {
  spin_lock(&lock);
  alloc_zero(&v->cache, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK-NOT: topup_zero() holds
// OFF: [[@LINE-4]]:3: warning: alloc_zero() reaches msleep(), which may sleep while topup_zero() holds lock

static void alloc_read_once(struct vcpu *v, gfp_t gfp) {
  page_alloc(gfp | READ_ONCE(v->cache.gfp_zero));
}
void topup_read_once(struct vcpu *v) {
  spin_lock(&lock);
  alloc_read_once(v, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK-NOT: topup_read_once() holds
// OFF: [[@LINE-4]]:3: warning: alloc_read_once() reaches msleep(), which may sleep while topup_read_once() holds lock

// Not ORed into a parameter's value: the field alone stays unknown.
void topup_plain(struct vcpu *v) {
  spin_lock(&lock);
  page_alloc(GFP_ATOMIC | v->cache.gfp_zero);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: page_alloc() reaches msleep(), which may sleep while topup_plain() holds lock
// ALL: [[@LINE-4]]:3: warning: page_alloc() reaches msleep(), which may sleep while topup_plain() holds lock

#define TOPUP(field)                                                           \
  static void alloc_##field(struct vcpu *v, gfp_t gfp) {                      \
    page_alloc(gfp | v->cache.field);                                         \
  }                                                                            \
  void topup_##field(struct vcpu *v) {                                         \
    spin_lock(&lock);                                                          \
    alloc_##field(v, GFP_ATOMIC);                                              \
    spin_unlock(&lock);                                                        \
  }

TOPUP(gfp_any)
// CHECK: [[@LINE-1]]:1: warning: alloc_gfp_any() reaches msleep(), which may sleep while topup_gfp_any() holds lock
// ALL: [[@LINE-2]]:1: warning: alloc_gfp_any() reaches msleep(), which may sleep while topup_gfp_any() holds lock
TOPUP(gfp_set)
// CHECK: [[@LINE-1]]:1: warning: alloc_gfp_set() reaches msleep(), which may sleep while topup_gfp_set() holds lock
// ALL: [[@LINE-2]]:1: warning: alloc_gfp_set() reaches msleep(), which may sleep while topup_gfp_set() holds lock
TOPUP(gfp_addr)
// CHECK: [[@LINE-1]]:1: warning: alloc_gfp_addr() reaches msleep(), which may sleep while topup_gfp_addr() holds lock
// ALL: [[@LINE-2]]:1: warning: alloc_gfp_addr() reaches msleep(), which may sleep while topup_gfp_addr() holds lock
TOPUP(gfp_once)
// CHECK: [[@LINE-1]]:1: warning: alloc_gfp_once() reaches msleep(), which may sleep while topup_gfp_once() holds lock
// ALL: [[@LINE-2]]:1: warning: alloc_gfp_once() reaches msleep(), which may sleep while topup_gfp_once() holds lock

static void alloc_raw(struct vcpu *v, gfp_t gfp) {
  page_alloc(gfp | v->raw.gfp_zero);
}
void topup_raw(struct vcpu *v) {
  spin_lock(&lock);
  alloc_raw(v, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_raw() reaches msleep(), which may sleep while topup_raw() holds lock
// ALL: [[@LINE-4]]:3: warning: alloc_raw() reaches msleep(), which may sleep while topup_raw() holds lock

static void alloc_union(union cache_or_word *u, gfp_t gfp) {
  page_alloc(gfp | u->in_union.gfp_zero);
}
void topup_union(union cache_or_word *u) {
  spin_lock(&lock);
  alloc_union(u, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_union() reaches msleep(), which may sleep while topup_union() holds lock
// ALL: [[@LINE-4]]:3: warning: alloc_union() reaches msleep(), which may sleep while topup_union() holds lock

static void alloc_returned(int fd, gfp_t gfp) {
  struct exit_info e = fetch_exit(fd);
  page_alloc(gfp | e.gfp_extra);
}
void topup_returned(int fd) {
  spin_lock(&lock);
  alloc_returned(fd, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_returned() reaches msleep(), which may sleep while topup_returned() holds lock
// ALL: [[@LINE-4]]:3: warning: alloc_returned() reaches msleep(), which may sleep while topup_returned() holds lock

static void alloc_entered(struct run_state *s, gfp_t gfp) {
  page_alloc(gfp | s->entry.gfp_extra);
}
void topup_entered(struct run_state *s) {
  enter_guest(s);
  spin_lock(&lock);
  alloc_entered(s, GFP_ATOMIC);
  spin_unlock(&lock);
}
// CHECK: [[@LINE-3]]:3: warning: alloc_entered() reaches msleep(), which may sleep while topup_entered() holds lock
// ALL: [[@LINE-4]]:3: warning: alloc_entered() reaches msleep(), which may sleep while topup_entered() holds lock

// An external-writes model says which fields the assembly writes.
// MODEL-NOT: topup_entered() holds
// MODEL: holdwait: 8 finding(s)

// FIELDS: entry_info.gfp_extra: anything (held in run_state: run_state handed to enter_guest, which no unit defines)
// FIELDS-NEXT: exit_info.gfp_extra: anything (exit_info handed to fetch_exit, which no unit defines)
// FIELDS-NEXT: obj_cache.gfp_addr: anything (takes its address or binds a reference to it at {{.*}}field-values-stores.c:22)
// FIELDS-NEXT: obj_cache.gfp_any: anything (stores `gfp` at {{.*}}field-values-stores.c:9)
// FIELDS-NEXT: obj_cache.gfp_once: 0 or bits of 0x400
// FIELDS-NEXT: obj_cache.gfp_set: 0 or bits of 0x500
// FIELDS-NEXT: obj_cache.gfp_zero: 0 or bits of 0x100
// FIELDS-NEXT: raw_cache.gfp_zero: anything (raw_cache copied from other memory by memcpy at {{.*}}field-values-stores.c:26)
// FIELDS-NEXT: union_cache.gfp_zero: anything (union_cache in union cache_or_word at {{.*}}field-values.h:30)

// CHECK: holdwait: 9 finding(s)
// OFF: holdwait: 11 finding(s)

// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-fields=t8 %s -- -I%inputs | FileCheck %s --check-prefix=FIELDS
//
// Code a configuration stub makes dead never runs: a structure handed there
// to a function no unit defines (sev_vcpu_deliver_sipi_vector() behind
// sev_es_guest() without CONFIG_KVM_AMD_SEV) and a store there do not make
// a field hold anything. Each structure's only live store is GFP_ZERO, so
// a GFP_ATOMIC caller ORing the field in cannot gain the blocking bit
// unless the dead-code reading is wrong.
#include "field-values-case.h"

#define unlikely(x) __builtin_expect(!!(x), 0)

void ext_write(void *p);
void ext_noreturn(void) __attribute__((noreturn));

// The stubs: the feature is configured out.
struct kvm;
static inline __attribute__((always_inline)) int feature_on(struct kvm *k) {
  return 0;
}
static inline int feature_snp(struct kvm *k) { return feature_on(k); }
static inline int feature_off(void) { return !0; }

// Dead after `if (!stub()) return ...;`.
struct t1 { int n; gfp_t gfp; };
void set1(struct t1 *m) { m->gfp = GFP_ZERO; }
void deliver1(struct kvm *k, struct t1 *m) {
  if (!feature_on(k))
    return;
  ext_write(m);
}
CASE(t1)
// CHECK-NOT: topup_t1() holds

// The dead branch of an if, through a stub calling a stub and unlikely().
struct t2 { int n; gfp_t gfp; };
void set2(struct t2 *m) { m->gfp = GFP_ZERO; }
void deliver2(struct kvm *k, struct t2 *m) {
  if (unlikely(feature_snp(k) && m->n))
    ext_write(m);
  else
    m->n++;
}
CASE(t2)
// CHECK-NOT: topup_t2() holds

// The dead arm of ?:, and a dead store after a noreturn call.
struct t3 { int n; gfp_t gfp; };
void set3(struct t3 *m) { m->gfp = GFP_ZERO; }
int deliver3(struct kvm *k, struct t3 *m) {
  return feature_on(k) ? (ext_write(m), 1) : 0;
}
void die3(struct t3 *m) {
  if (feature_off()) {
    ext_noreturn();
  }
  m->gfp = GFP_BLOCK;
}
CASE(t3)
// CHECK-NOT: topup_t3() holds

// __builtin_constant_p() neither evaluates nor writes its operand.
struct t4 { int n; gfp_t gfp; };
void set4(struct t4 *m) { m->gfp = GFP_ZERO; }
int probe4(struct t4 *m) { return __builtin_constant_p(m) ? 1 : m->n; }
CASE(t4)
// CHECK-NOT: topup_t4() holds

// Live again after a label: the goto past the return reaches the call.
struct t5 { int n; gfp_t gfp; };
void set5(struct t5 *m) { m->gfp = GFP_ZERO; }
void deliver5(struct kvm *k, struct t5 *m) {
  if (!feature_on(k))
    goto later;
  return;
later:
  ext_write(m);
}
CASE(t5)
// CHECK: [[@LINE-1]]:1: warning: alloc_t5() reaches msleep(), which may sleep while topup_t5() holds lock

// Not stubs: a weak definition (the link may replace it), a body that is
// more than a return, and a C99 inline definition (a call may run the
// external one).
__attribute__((weak)) int weak_on(void) { return 0; }
static int counted_on(struct kvm *k) {
  (void)k;
  return 0;
}
inline int c99_on(void) { return 0; }

// T, whose only store is GFP_ZERO, handed to ext_write() when COND holds.
#define HANDED_IF(T, COND)                                                     \
  struct T { int n; gfp_t gfp; };                                              \
  void set_##T(struct T *m) { m->gfp = GFP_ZERO; }                             \
  void deliver_##T(struct kvm *k, struct T *m) {                               \
    if (COND)                                                                  \
      ext_write(m);                                                            \
  }                                                                            \
  CASE(T)

HANDED_IF(t6, weak_on())
// CHECK: [[@LINE-1]]:1: warning: alloc_t6() reaches msleep(), which may sleep while topup_t6() holds lock
HANDED_IF(t7, counted_on(k))
// CHECK: [[@LINE-1]]:1: warning: alloc_t7() reaches msleep(), which may sleep while topup_t7() holds lock
HANDED_IF(t8, c99_on())
// CHECK: [[@LINE-1]]:1: warning: alloc_t8() reaches msleep(), which may sleep while topup_t8() holds lock
// FIELDS: t8.gfp: anything (t8 handed to ext_write, which no unit defines)

// A case label after a break in a switch is live.
struct t9 { int n; gfp_t gfp; };
void set9(struct t9 *m) { m->gfp = GFP_ZERO; }
void deliver9(struct kvm *k, struct t9 *m, int x) {
  switch (x) {
  case 0:
    if (!feature_on(k))
      break;
    m->gfp = 0;
    break;
  case 1:
    m->gfp = GFP_BLOCK;
  }
}
CASE(t9)
// CHECK: [[@LINE-1]]:1: warning: alloc_t9() reaches msleep(), which may sleep while topup_t9() holds lock

// CHECK: holdwait: 5 finding(s)

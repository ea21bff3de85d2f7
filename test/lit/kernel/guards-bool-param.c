// RUN: not %holdwait %s -- -I%inputs 2>&1 | FileCheck %s
// RUN: %holdwait --dump-summaries=pfn %s -- -I%inputs | FileCheck %s --check-prefix=SUM
//
// A boolean parameter selects the sleeping path (KVM's hva_to_pfn() faults
// pages in only when its caller is not `atomic`). The guard follows the
// flag through a caller that passes its own parameter on. What a caller
// cannot promise keeps the finding: a flag set again in a loop, a local
// whose address a callee received, a flag from a global.
#include "kernel.h"

struct mm {
  struct rw_semaphore mmap_lock;
};
struct mm the_mm;
spinlock_t mmu_lock;

static int pfn_slow(unsigned long addr) {
  down_read(&the_mm.mmap_lock);
  up_read(&the_mm.mmap_lock);
  return 0;
}
int hva_to_pfn(unsigned long addr, bool atomic) {
  if (atomic)
    return -1;
  return pfn_slow(addr);
}
int faultin_pfn(unsigned long addr, bool atomic) {
  return hva_to_pfn(addr, atomic);
}
// SUM-LABEL: summary hva_to_pfn
// SUM-NEXT: acquires mm.mmap_lock {the_mm.mmap_lock} via pfn_slow:{{[0-9]+}} down_read:{{[0-9]+}} when !($1 & 0x1)
// SUM-LABEL: summary faultin_pfn
// SUM-NEXT: acquires mm.mmap_lock {the_mm.mmap_lock} via hva_to_pfn:{{.*}} when !($1 & 0x1)

void fault_atomic(void) {
  spin_lock(&mmu_lock);
  faultin_pfn(0, true);
  spin_unlock(&mmu_lock);
}
// CHECK-NOT: fault_atomic() holds

void fault_sleepy(void) {
  spin_lock(&mmu_lock);
  faultin_pfn(0, false);
  spin_unlock(&mmu_lock);
}
// CHECK: [[@LINE-3]]:3: warning: faultin_pfn() reaches down_read(), which may sleep acquiring mm.mmap_lock while fault_sleepy() holds mmu_lock

// The flag is cleared on the loop's second pass: the first call is atomic,
// the second is not.
void fault_retry(void) {
  bool atomic = true;
  spin_lock(&mmu_lock);
  for (int i = 0; i < 2; i++) {
    faultin_pfn(0, atomic);
    atomic = false;
  }
  spin_unlock(&mmu_lock);
}
// CHECK: [[@LINE-5]]:5: warning: faultin_pfn() reaches down_read(), which may sleep acquiring mm.mmap_lock while fault_retry() holds mmu_lock

// A callee that received the local's address may have changed it.
void clear_flag(bool *atomic);
void fault_escaped(void) {
  bool atomic = true;
  clear_flag(&atomic);
  spin_lock(&mmu_lock);
  faultin_pfn(0, atomic);
  spin_unlock(&mmu_lock);
}
// CHECK: [[@LINE-3]]:3: warning: faultin_pfn() reaches down_read(), which may sleep acquiring mm.mmap_lock while fault_escaped() holds mmu_lock

// Through a function pointer the arguments are known the same way.
struct fault_ops {
  int (*faultin)(unsigned long addr, bool atomic);
};
struct fault_ops fault_ops = {.faultin = faultin_pfn};
void fault_atomic_indirect(void) {
  spin_lock(&mmu_lock);
  fault_ops.faultin(0, true);
  spin_unlock(&mmu_lock);
}
// CHECK-NOT: fault_atomic_indirect() holds
void fault_sleepy_indirect(void) {
  spin_lock(&mmu_lock);
  fault_ops.faultin(0, false);
  spin_unlock(&mmu_lock);
}
// CHECK: [[@LINE-3]]:3: warning: {{.*}} while fault_sleepy_indirect() holds mmu_lock

bool in_atomic_flag;
void fault_global(void) {
  spin_lock(&mmu_lock);
  faultin_pfn(0, in_atomic_flag);
  spin_unlock(&mmu_lock);
}
// CHECK: [[@LINE-3]]:3: warning: faultin_pfn() reaches down_read(), which may sleep acquiring mm.mmap_lock while fault_global() holds mmu_lock

// CHECK: holdwait: 5 finding(s)

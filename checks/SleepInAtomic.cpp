//===- SleepInAtomic.cpp - sleeping while atomic --------------------------===//
//
// Any operation that may sleep (a grace-period or worker wait, msleep,
// schedule, acquiring a mutex or rwsem) reached while holding a spinlock, a
// raw spinlock, an rwlock_t, an RCU read-side section or with interrupts
// disabled. See docs/checks/sleep-in-atomic.md.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"

namespace holdwait {
namespace {
class SleepInAtomic : public Check {
public:
  llvm::StringRef name() const override { return "sleep-in-atomic"; }
  llvm::StringRef summary() const override {
    return "An operation that may sleep, reached while holding a spinlock, "
           "an RCU read-side section or with interrupts disabled";
  }
  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    const ConflictFinder &CF = A.conflicts();
    for (const WaitSite &W : A.facts().Waits)
      for (const HeldLock &H : W.Held)
        if (auto C = CF.atomic(H, W))
          Out.push_back(A.waitFinding(name(), W, H, *C));
  }
};
} // namespace

std::unique_ptr<Check> makeSleepInAtomic() {
  return std::make_unique<SleepInAtomic>();
}
} // namespace holdwait

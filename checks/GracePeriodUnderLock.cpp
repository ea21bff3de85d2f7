//===- GracePeriodUnderLock.cpp - grace-period waits under a needed lock --===//
//
// synchronize_srcu(S) / synchronize_rcu() / rcu_barrier() while holding a
// lock that S's readers take (inferred) or that an annotation lists for S.
// Holding a mutex across synchronize_srcu is normal kernel practice; it is
// a bug only when the grace period needs the lock. See
// docs/checks/grace-period-under-lock.md.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"

namespace holdwait {
namespace {
class GracePeriodUnderLock : public Check {
public:
  llvm::StringRef name() const override { return "grace-period-under-lock"; }
  llvm::StringRef summary() const override {
    return "An RCU/SRCU grace-period wait while holding a lock that the "
           "domain's readers (or an annotation) say the grace period needs";
  }
  void run(const Analysis &A, std::vector<Finding> &Out) const override {
    reportWaitsUnderLock(A, name(), WaitKind::GracePeriod, Out);
  }
};
} // namespace

std::unique_ptr<Check> makeGracePeriodUnderLock() {
  return std::make_unique<GracePeriodUnderLock>();
}
} // namespace holdwait

//===- Check.h - the rule interface -----------------------------*- C++ -*-===//
//
// A check reads the finished Analysis (engine facts only) and appends its
// findings. Each lives in its own file with docs/checks/<name>.md beside it.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_CHECKS_CHECK_H
#define HOLDWAIT_CHECKS_CHECK_H

#include "analysis/Analysis.h"
#include "llvm/ADT/StringRef.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace holdwait {

class Check {
public:
  virtual ~Check() = default;
  /// `grace-period-under-lock`; the clang-tidy name is `holdwait-<name>`.
  virtual llvm::StringRef name() const = 0;
  /// One sentence for --list-checks and SARIF rule descriptions.
  virtual llvm::StringRef summary() const = 0;
  virtual void run(const Analysis &A, std::vector<Finding> &Out) const = 0;
};

/// Every check, in a fixed order.
const std::vector<std::unique_ptr<Check>> &allChecks();

/// Runs the checks named in Enabled (all of them when null) and returns
/// their findings in report order, each key once: what every front end
/// reports before its own filters.
std::vector<Finding> runChecks(const Analysis &A,
                               const std::set<std::string> *Enabled = nullptr);

std::unique_ptr<Check> makeGracePeriodUnderLock();
std::unique_ptr<Check> makeWorkerWaitUnderLock();
std::unique_ptr<Check> makeWakeupUnderLock();
std::unique_ptr<Check> makeSleepInAtomic();
std::unique_ptr<Check> makeSelfDeadlock();
std::unique_ptr<Check> makeLockOrderCycle();

/// Shared by the three "wait under a lock" checks: reports each held lock
/// that an annotation or the awaited domain's own code says conflicts.
void reportWaitsUnderLock(const Analysis &A, llvm::StringRef Check,
                          WaitKind Kind, std::vector<Finding> &Out);

} // namespace holdwait

#endif

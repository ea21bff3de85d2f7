//===- Registry.cpp - the list of checks ----------------------------------===//
#include "checks/Check.h"

#include <algorithm>

namespace holdwait {

const std::vector<std::unique_ptr<Check>> &allChecks() {
  static const std::vector<std::unique_ptr<Check>> Checks = [] {
    std::vector<std::unique_ptr<Check>> V;
    V.push_back(makeGracePeriodUnderLock());
    V.push_back(makeWorkerWaitUnderLock());
    V.push_back(makeWakeupUnderLock());
    V.push_back(makeSleepInAtomic());
    V.push_back(makeSelfDeadlock());
    V.push_back(makeLockOrderCycle());
    return V;
  }();
  return Checks;
}

std::vector<Finding> runChecks(const Analysis &A,
                               const std::set<std::string> *Enabled) {
  std::vector<Finding> Findings;
  for (const auto &C : allChecks())
    if (!Enabled || Enabled->count(C->name().str()))
      C->run(A, Findings);
  std::sort(Findings.begin(), Findings.end());
  std::set<std::string> Seen;
  std::vector<Finding> Unique;
  for (Finding &F : Findings)
    if (Seen.insert(F.key()).second)
      Unique.push_back(std::move(F));
  return Unique;
}

void reportWaitsUnderLock(const Analysis &A, llvm::StringRef Check,
                          WaitKind Kind, std::vector<Finding> &Out) {
  const ConflictFinder &CF = A.conflicts();
  for (const WaitSite &W : A.facts().Waits) {
    if (W.Op.Kind != Kind)
      continue;
    for (const HeldLock &H : W.Held) {
      // A read side waiting for its own grace period is self-deadlock's.
      if (CF.self(H, W))
        continue;
      std::optional<Conflict> C = CF.annotated(H, W);
      if (!C)
        C = CF.inferred(H, W);
      if (C)
        Out.push_back(A.waitFinding(Check, W, H, *C));
    }
  }
}

} // namespace holdwait

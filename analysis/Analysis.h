//===- Analysis.h - the engine pipeline the checks read ---------*- C++ -*-===//
//
// Program -> summaries -> facts -> contexts -> conflict finder. Checks get a
// finished Analysis and read only these facts; they build findings through
// the helpers here so every check explains itself the same way.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_ANALYSIS_H
#define HOLDWAIT_ANALYSIS_ANALYSIS_H

#include "analysis/Conflicts.h"
#include "analysis/Finding.h"
#include "analysis/LockOrder.h"
#include <memory>

namespace holdwait {

class Analysis {
public:
  Analysis(const Program &P, const Profile &Prof, const Budgets &B = {});
  ~Analysis();

  const Program &program() const { return P; }
  const Profile &profile() const { return Prof; }
  const SummaryTable &summaries() const { return *Sums; }
  const ProgramFacts &facts() const { return *Facts; }
  const Contexts &contexts() const { return *Ctx; }
  const ConflictFinder &conflicts() const { return *Finder; }
  const LockOrderGraph &lockOrder() const { return *Order; }
  const Budgets &budgets() const { return B; }

  /// What the engine could not do completely: each budget that was hit,
  /// where, and what it left out; calls it could not resolve.
  std::vector<std::string> notes() const;

  SourcePoint point(const Loc &L) const;
  std::vector<FindingStep> steps(const Chain &C) const;

  /// A finding for a wait reached while H is held, for conflict C.
  Finding waitFinding(llvm::StringRef Check, const WaitSite &W,
                      const HeldLock &H, const Conflict &C) const;

  /// One lock-order edge as a finding shows it (its best evidence).
  OrderLink orderLink(const OrderEdge &E) const;

private:
  const Program &P;
  const Profile &Prof;
  Budgets B;
  std::unique_ptr<SummaryTable> Sums;
  std::unique_ptr<ProgramFacts> Facts;
  std::unique_ptr<Contexts> Ctx;
  std::unique_ptr<ConflictFinder> Finder;
  std::unique_ptr<LockOrderGraph> Order;
};

/// Renders the two-sided drawing of a finding (Finding::Explanation).
std::vector<std::string> drawFinding(const Finding &F);
/// What to print under a finding: its own Explanation lines if it has
/// them, else its drawing.
std::vector<std::string> explanationOf(const Finding &F);

} // namespace holdwait

#endif

//===- Conflicts.cpp - why a held lock conflicts with a wait --------------===//
#include "analysis/Conflicts.h"
#include "annotations/Profile.h"

namespace holdwait {

llvm::StringRef conflictKindName(ConflictKind K) {
  switch (K) {
  case ConflictKind::Self:
    return "self";
  case ConflictKind::Atomic:
    return "atomic";
  case ConflictKind::Annotated:
    return "annotated";
  case ConflictKind::Inferred:
    return "inferred";
  }
  return "?";
}

std::string readSideDomain(const HeldLock &H) {
  if (H.Kind == LockKind::Rcu)
    return "rcu";
  if (H.Kind == LockKind::Srcu)
    return "srcu:" + H.Lock.display();
  return "";
}

ConflictFinder::ConflictFinder(const Contexts &C, const Profile &P,
                               const std::vector<ConflictRule> &SourceRules)
    : C(C) {
  for (const ConflictRule &R : P.Conflicts)
    Rules.push_back(&R);
  for (const ConflictRule &R : SourceRules)
    Rules.push_back(&R);
}

std::optional<Conflict> ConflictFinder::self(const HeldLock &H,
                                             const WaitSite &W) const {
  if (W.Op.Kind != WaitKind::GracePeriod)
    return std::nullopt;
  std::string D = readSideDomain(H);
  if (D.empty() || D != W.Op.Dom.name())
    return std::nullopt;
  Conflict R;
  R.Kind = ConflictKind::Self;
  R.Reason = "the grace period of " + D +
             " cannot end while this read-side section, opened by the "
             "waiter itself, is still open";
  return R;
}

std::optional<Conflict> ConflictFinder::atomic(const HeldLock &H,
                                               const WaitSite &W) const {
  if (!isAtomicKind(H.Kind) || !W.Op.Sleeps)
    return std::nullopt;
  // The RCU read side waiting for its own grace period is a self-deadlock,
  // reported as such.
  if (self(H, W))
    return std::nullopt;
  Conflict R;
  R.Kind = ConflictKind::Atomic;
  std::string What = H.Kind == LockKind::Rcu ? "an RCU read-side section"
                     : H.Kind == LockKind::IrqOff
                         ? "a section with interrupts disabled"
                         : "a " + lockKindName(H.Kind).str();
  R.Reason = H.Lock.display() + " is " + What +
             ": its holder runs in atomic context and must not sleep";
  return R;
}

std::optional<Conflict> ConflictFinder::annotated(const HeldLock &H,
                                                  const WaitSite &W) const {
  std::string Lock = H.Lock.display();
  std::string D = W.Op.Dom.name();
  for (const ConflictRule *Rule : Rules) {
    if (Rule->Lock != Lock)
      continue;
    if (Rule->Kind && *Rule->Kind != W.Op.Kind)
      continue;
    if (!Rule->Domain.empty() && Rule->Domain != D)
      continue;
    Conflict R;
    R.Kind = ConflictKind::Annotated;
    R.Reason = Rule->Reason;
    R.Ref = Rule->Where.str();
    R.Reference = Rule->Reference;
    return R;
  }
  return std::nullopt;
}

std::optional<Conflict> ConflictFinder::inferred(const HeldLock &H,
                                                 const WaitSite &W) const {
  if (W.Op.Dom.empty())
    return std::nullopt;
  // Interrupts being off is not something anyone waits for; read-side
  // sections only delay grace periods (a Sync need).
  if (H.Kind == LockKind::IrqOff || !W.Op.Dom.resolved())
    return std::nullopt;
  const Need *N = C.find(W.Op.Dom.name(), H.Lock.display(), H.Kind, H.Mode);
  if (!N || (isReadSideKind(H.Kind) && !N->Sync))
    return std::nullopt;
  Conflict R;
  R.Kind = ConflictKind::Inferred;
  R.Other = N;
  R.Reason = N->How;
  return R;
}

} // namespace holdwait

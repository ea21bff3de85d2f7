//===- Conflicts.h - why a held lock conflicts with a wait ------*- C++ -*-===//
//
// A held lock L conflicts with a blocking operation on domain D when
//   self:      L is D's own read side (synchronize_srcu(S) inside
//              srcu_read_lock(S));
//   atomic:    L is a spinlock, raw spinlock, RCU read side or irqs-off
//              section and the operation sleeps;
//   annotated: a rule (YAML, or HOLDWAIT_CONFLICTS_WITH) lists L for D;
//   inferred:  code running in D takes L (Contexts).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_CONFLICTS_H
#define HOLDWAIT_ANALYSIS_CONFLICTS_H

#include "analysis/Contexts.h"
#include <optional>

namespace holdwait {

enum class ConflictKind { Self, Atomic, Annotated, Inferred };
llvm::StringRef conflictKindName(ConflictKind K);

struct Conflict {
  ConflictKind Kind = ConflictKind::Inferred;
  std::string Reason;    ///< one sentence
  std::string Ref;       ///< annotation file:line
  std::string Reference; ///< URL or document the annotation cites
  const Need *Other = nullptr;
};

class ConflictFinder {
public:
  ConflictFinder(const Contexts &C, const Profile &P,
                 const std::vector<ConflictRule> &SourceRules);

  std::optional<Conflict> self(const HeldLock &H, const WaitSite &W) const;
  std::optional<Conflict> atomic(const HeldLock &H, const WaitSite &W) const;
  std::optional<Conflict> annotated(const HeldLock &H, const WaitSite &W) const;
  std::optional<Conflict> inferred(const HeldLock &H, const WaitSite &W) const;

private:
  const Contexts &C;
  std::vector<const ConflictRule *> Rules;
};

/// The domain whose grace period a read-side lock delays, or "".
std::string readSideDomain(const HeldLock &H);

} // namespace holdwait

#endif

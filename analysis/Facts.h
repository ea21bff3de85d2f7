//===- Facts.h - the engine facts the checks read ---------------*- C++ -*-===//
//
// After summaries are final, every function is replayed once and the events
// that matter to the checks are recorded with the locks held there:
//   WaitSite     a blocking operation reached (directly or in a callee)
//                while locks are held;
//   AcquireSite  a lock taken while others are held (lock order; a
//                read-side section's needs; taking a held lock again);
//   SignalNeed   a lock a signaller of a domain holds or took on the way
//                (what a waiter must not hold), best evidence only;
//   BindSite     code starting to run in a domain (thread body, work
//                function, callback stored in a field);
//   RelateSite   one domain containing another (work on a workqueue).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FACTS_H
#define HOLDWAIT_ANALYSIS_FACTS_H

#include "analysis/Summaries.h"

#include <deque>
#include <memory>

namespace holdwait {

/// The locks held at a site. Every effect of one event (all the ops and
/// acquisitions a call reaches) is held under the same locks, so the sites
/// of an event share one immutable list.
class HeldSet {
public:
  HeldSet() = default;
  explicit HeldSet(std::vector<HeldLock> V)
      : P(std::make_shared<const std::vector<HeldLock>>(std::move(V))) {}
  const std::vector<HeldLock> &list() const { return P ? *P : none(); }
  std::vector<HeldLock>::const_iterator begin() const { return list().begin(); }
  std::vector<HeldLock>::const_iterator end() const { return list().end(); }
  size_t size() const { return list().size(); }
  bool empty() const { return list().empty(); }
  const HeldLock &operator[](size_t I) const { return list()[I]; }
  const HeldLock &front() const { return list().front(); }
  const HeldLock &back() const { return list().back(); }

private:
  static const std::vector<HeldLock> &none() {
    static const std::vector<HeldLock> None;
    return None;
  }
  std::shared_ptr<const std::vector<HeldLock>> P;
};

struct WaitSite {
  uint32_t Fn = NoIndex; ///< symbol of the function holding the locks
  Loc At;                ///< the blocking call or the call leading to it
  OpSummary Op;          ///< in Fn's terms; Op.Steps starts in Fn
  HeldSet Held;
};

struct AcquireSite {
  uint32_t Fn = NoIndex;
  Loc At;
  AcqSummary Acq; ///< Acq.Steps starts in Fn
  LockKind Kind = LockKind::Mutex;
  bool Recursive = false;
  HeldSet Held;
};

/// The best evidence that a signaller of Domain holds or took Lock before
/// signalling: of all signalling events, the one with the shortest chain
/// to the acquisition (the first found on a tie). Only the best is kept
/// per domain, lock and mode: a completion can have thousands of
/// signallers, each having taken a hundred locks on the way.
struct SignalNeed {
  std::string Domain, Lock;
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  uint32_t Fn = NoIndex;     ///< the signalling function
  Loc At;                    ///< its call that signals
  uint32_t Signal = NoIndex; ///< the signalling primitive
  Chain Steps;               ///< from Fn down to the acquisition
  uint64_t Seq = 0;          ///< found order
};
struct BindSite {
  uint32_t Fn = NoIndex;
  Loc At;
  Domain Dom;
  uint32_t Target = NoIndex;
  std::vector<std::string> Held;
  std::string Field, Why, WhyRef;
};

struct RelateSite {
  uint32_t Fn = NoIndex;
  Loc At;
  Domain Dom, Member;
};

struct ProgramFacts {
  // Deques: millions of sites on a large program, and a vector's
  // reallocation would hold two copies at once.
  std::deque<WaitSite> Waits;
  std::deque<AcquireSite> Acquires;
  std::vector<SignalNeed> SignalNeeds; ///< in found order
  size_t SignalSites = 0; ///< signalling events with a lock held or taken
  std::vector<BindSite> Binds;
  std::vector<RelateSite> Relates;
  unsigned UnresolvedCalls = 0;
};

ProgramFacts collectFacts(const Program &P, const SummaryTable &S);

} // namespace holdwait

#endif

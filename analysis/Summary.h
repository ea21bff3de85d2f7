//===- Summary.h - what a function does, seen from its callers --*- C++ -*-===//
//
// A summary states, in the function's parameter terms, the locks it returns
// holding and the entry locks it releases (its net lock effect), every
// blocking operation it may reach with the call chain down to it, every lock
// it may acquire, and every domain it signals. Callers substitute their
// arguments into it (see substitute()).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_SUMMARY_H
#define HOLDWAIT_ANALYSIS_SUMMARY_H

#include "analysis/Chain.h"
#include "analysis/IR.h"

namespace holdwait {

/// A lock held at some point, with where and how it was taken.
struct HeldLock {
  Term Lock;
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  bool Recursive = false;
  Loc Site;               ///< the acquiring call in this function
  uint32_t Via = NoIndex; ///< the function called at Site
  Chain Inner;            ///< below Via, down to the primitive
  int32_t Owner = -1;     ///< RAII owner slot
  bool Restored = false;  ///< an entry lock taken again after a release
};

/// A blocking operation reachable from a function.
struct OpSummary {
  WaitKind Kind = WaitKind::Sleep;
  Domain Dom;
  bool Sleeps = true;
  std::string Implicit;       ///< lock the operation itself takes
  uint32_t Leaf = NoIndex;    ///< the blocking function
  Chain Steps;                ///< from the summarized function to Leaf
  std::vector<Term> Excluded; ///< entry locks not held at the operation
  bool LockAcquire = false;   ///< a sleeping lock acquisition
  Term Lock;                  ///< ... of this lock
  /// Set once the op is in a summary: a hash of opKey(), and whether no
  /// part of it names a parameter (a caller's copy then has the same key).
  uint64_t KeyHash = 0;
  bool Closed = false;
};

/// A lock a function may acquire (directly or in a callee).
struct AcqSummary {
  Term Lock;
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  bool Recursive = false;
  bool Sync = false; ///< a grace-period wait, ordered like an exclusive take
  bool Implicit = false; ///< taken by an operation (a wakeup's rq.__lock)
  Chain Steps; ///< down to the acquisition (last step calls the lock op)
  std::vector<Term> Excluded; ///< entry locks released before it (relocks)
  uint64_t KeyHash = 0;       ///< as for OpSummary
  bool Closed = false;
};

struct SignalSummary {
  Domain Dom;
  Chain Steps;
};

/// A domain made to contain another (a work queued on a workqueue).
struct RelationSummary {
  Domain Dom, Member;
  Chain Steps;
};

struct FunctionSummary {
  std::vector<HeldLock> NetAcquired;
  std::vector<Term> NetReleased;
  std::vector<OpSummary> Ops;
  std::vector<AcqSummary> Acquires;
  std::vector<SignalSummary> Signals;
  std::vector<RelationSummary> Relations;
  bool Truncated = false; ///< a cap dropped entries
  /// Not summarized yet: a member of a recursive component before its first
  /// round. A call to it counts as not returning for that round, so that
  /// NetAcquired, a must-set, starts from the top: with "returns holding
  /// nothing" instead, a recursive lock wrapper never returned holding.
  bool Pending = false;
};

/// Caps keep summaries small on huge call graphs; what is dropped is
/// recorded (FunctionSummary::Truncated), never silently.
struct SummaryLimits {
  unsigned MaxOps = 48;
  unsigned MaxAcquires = 96;
  unsigned MaxSignals = 32;
  unsigned MaxChain = 24;
  unsigned MaxSccIterations = 12;
};

/// Rewrites a callee-frame term into the caller's frame at call event Call.
Term substitute(const Term &T, const Event &Call);
Domain substitute(const Domain &D, const Event &Call);

} // namespace holdwait

#endif

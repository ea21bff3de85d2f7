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

#include "analysis/Budgets.h"
#include "analysis/Chain.h"
#include "analysis/IR.h"

#include "llvm/ADT/SmallVector.h"

namespace holdwait {

/// Entry locks, in the order they were released (usually none: a small
/// handle rather than a std::vector, as every summary entry carries one).
using TermList = llvm::SmallVector<Term, 0>;

/// A lock held at some point, with where and how it was taken.
struct HeldLock {
  Term Lock;
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  bool Recursive = false;
  bool Restored = false; ///< an entry lock taken again after a release
  /// Maybe held after a call that returns holding it on some paths only.
  /// Without path conditions its caller cannot tell which paths, so it is
  /// not passed further up (MayAcquired names only the function's own).
  bool Conditional = false;
  Loc Site;               ///< the acquiring call in this function
  uint32_t Via = NoIndex; ///< the function called at Site
  int32_t Owner = -1;     ///< RAII owner slot
  Chain Inner;            ///< below Via, down to the primitive
};

/// A blocking operation reachable from a function.
struct OpSummary {
  // SmallVector's move is not declared noexcept; without saying so here,
  // a growing std::vector of these would copy every element.
  OpSummary() = default;
  OpSummary(const OpSummary &) = default;
  OpSummary(OpSummary &&) noexcept = default;
  OpSummary &operator=(const OpSummary &) = default;
  OpSummary &operator=(OpSummary &&) noexcept = default;

  WaitKind Kind = WaitKind::Sleep;
  bool Sleeps = true;
  bool LockAcquire = false; ///< a sleeping lock acquisition (derived) ...
  /// Set once the op is in a summary: whether no part of it names a
  /// parameter (a caller's copy then has the same key), and opKeyHash().
  bool Closed = false;
  Atom Implicit;           ///< lock the operation itself takes
  uint32_t Leaf = NoIndex; ///< the blocking function
  Domain Dom;
  Term Lock; ///< ... of this lock
  uint64_t KeyHash = 0;
  Chain Steps;       ///< from the summarized function to Leaf
  TermList Excluded; ///< entry locks not held at the operation
  GuardList Guards;  ///< on the entry parameters: when it is reached
};

/// A lock a function may acquire (directly or in a callee).
///
/// A sleeping acquisition is also a blocking operation (sleep-in-atomic
/// reads it as one), but summaries store it only here: the op is derived
/// where the acquisition is used (eventEffects with WantLockOps), which
/// halves what every summary restates of its callees' locks.
struct AcqSummary {
  // SmallVector's move is not declared noexcept; without saying so here,
  // a growing std::vector of these would copy every element.
  AcqSummary() = default;
  AcqSummary(const AcqSummary &) = default;
  AcqSummary(AcqSummary &&) noexcept = default;
  AcqSummary &operator=(const AcqSummary &) = default;
  AcqSummary &operator=(AcqSummary &&) noexcept = default;

  Term Lock;
  uint32_t Leaf = NoIndex; ///< the lock operation (mutex_lock, a trylock)
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  bool Recursive = false;
  bool Sync = false; ///< a grace-period wait, ordered like an exclusive take
  bool Implicit = false; ///< taken by an operation (a wakeup's rq.__lock)
  bool Closed = false;   ///< as for OpSummary
  uint64_t KeyHash = 0;  ///< as for OpSummary
  Chain Steps;       ///< down to the acquisition (last step calls the lock op)
  TermList Excluded; ///< entry locks released before it (relocks)
  GuardList Guards;  ///< as for OpSummary
};

struct SignalSummary {
  Domain Dom;
  Chain Steps;
  GuardList Guards;
};

/// A domain made to contain another (a work queued on a workqueue).
struct RelationSummary {
  Domain Dom, Member;
  Chain Steps;
  GuardList Guards;
};

/// Where a summary's budget ran out: its own caps and passes, or what it
/// inherited (a cut lowering, a cut callee).
enum SummaryCut : uint8_t {
  CutWaits = 1 << 0,     ///< summary-waits dropped entries
  CutAcquires = 1 << 1,  ///< summary-acquires dropped entries
  CutSignals = 1 << 2,   ///< summary-signals dropped entries
  CutDataflow = 1 << 3,  ///< dataflow-rounds stopped the dataflow
  CutRecursion = 1 << 4, ///< recursion-rounds stopped its component
  CutLowering = 1 << 5,  ///< its body was not lowered whole
  CutCallee = 1 << 6,    ///< a callee's summary is incomplete
};

struct FunctionSummary {
  std::vector<HeldLock> NetAcquired;
  /// Locks it returns holding on some paths only (a trylock wrapper,
  /// atomic_dec_and_lock()): a caller that then releases one drops a lock
  /// of its own, not one its caller holds.
  std::vector<HeldLock> MayAcquired;
  std::vector<Term> NetReleased;
  std::vector<OpSummary> Ops;
  std::vector<AcqSummary> Acquires;
  std::vector<SignalSummary> Signals;
  std::vector<RelationSummary> Relations;
  /// Why the summary is incomplete (SummaryCut bits); 0: it is complete.
  uint8_t Cut = 0;
  bool truncated() const { return Cut != 0; }
  /// Not summarized yet: a member of a recursive component before its first
  /// round. A call to it counts as not returning for that round, so that
  /// NetAcquired, a must-set, starts from the top: with "returns holding
  /// nothing" instead, a recursive lock wrapper never returned holding.
  bool Pending = false;
};

/// Rewrites a callee-frame term into the caller's frame at call event Call.
Term substitute(const Term &T, const Event &Call);
Domain substitute(const Domain &D, const Event &Call);
/// Out becomes Path plus the callee-frame guards Callee as they read at
/// Call; false when they cannot hold there (the entry is not reached).
bool substitute(const GuardList &Callee, llvm::ArrayRef<ArgBits> Args,
                const GuardList &Path, GuardList &Out);
bool substitute(const GuardList &Callee, const Event &Call,
                const GuardList &Path, GuardList &Out);

} // namespace holdwait

#endif

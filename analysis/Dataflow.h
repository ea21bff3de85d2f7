//===- Dataflow.h - held-lock dataflow over the lock IR ---------*- C++ -*-===//
//
// A forward dataflow per function. The state at a point holds:
//   Must     locks held on every path (intersected at joins): what findings
//            are reported against;
//   May      locks held on some path (kept for notes);
//   Before   locks taken so far on some path (what a completer needs before
//            it can signal);
//   Released entry locks released here and not taken again (a caller's lock
//            is not held across what follows);
//   Owned    which RAII object owns which lock, held or not;
//   Pending  trylock results not yet branched on;
//   Guards   conditions on the entry parameters every path here passed
//            (an edge whose guard contradicts them is not taken).
// Calls apply the callee's summary (net effect) with the arguments
// substituted; a destructor or cleanup releases what its object owns.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_DATAFLOW_H
#define HOLDWAIT_ANALYSIS_DATAFLOW_H

#include "analysis/Summary.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include <deque>
#include <functional>
#include <memory>

namespace holdwait {

class Program;

/// The locks a function run took on some path (what LockState::Before
/// refers to): each stored once, with its identity (sameLock: the class, or
/// the instance) interned, so that states carry small sorted indices.
class TakenTable {
public:
  uint32_t identity(const Term &T);
  /// The entry for what the event or edge at Where takes as its Sub-th
  /// lock: made once, whatever the number of times the block is visited.
  uint32_t entry(const void *Where, unsigned Sub, const HeldLock &H);
  const HeldLock &operator[](uint32_t I) const { return Entries[I]; }

private:
  std::deque<HeldLock> Entries;
  llvm::DenseMap<std::pair<uint8_t, Atom>, uint32_t> Ids; ///< (unclassed, key)
  llvm::DenseMap<std::pair<const void *, uint64_t>, uint32_t> Made;
};

struct LockState {
  bool Reached = false;
  std::vector<HeldLock> Must, May;
  /// Locks taken so far on some path, as (identity, entry) pairs sorted by
  /// identity; tracked only when Taken is set (only signals read it, so the
  /// summary pass and functions that signal nothing skip its cost).
  std::vector<std::pair<uint32_t, uint32_t>> Before;
  TakenTable *Taken = nullptr;
  /// The entries of Before.
  std::vector<const HeldLock *> before() const;
  TermList Released;
  std::vector<std::pair<int32_t, HeldLock>> Owned;
  std::vector<std::pair<int32_t, HeldLock>> Pending;     ///< TryId -> lock
  std::vector<std::pair<int32_t, int32_t>> PendingOwner; ///< TryId -> slot
  GuardList Guards;

  /// Locks an owner slot currently owns.
  std::vector<const HeldLock *> ownedBy(int32_t Slot) const;
  bool operator==(const LockState &O) const;
};

/// Looks up the summary of a called symbol (nullptr: unknown callee).
using SummaryLookup = std::function<const FunctionSummary *(uint32_t Sym)>;
/// Called for every event of a reachable block with the state before it.
using EventVisitor =
    std::function<void(const Event &, const LockState &Before)>;

struct DataflowResult {
  LockState Exit;
  bool Converged = true;
  std::unique_ptr<TakenTable> Taken; ///< what Before refers to
};

/// Runs the dataflow to a fixpoint; then, if Visit is set, replays each
/// reachable block once (in block order) calling Visit before each event.
DataflowResult runDataflow(const FunctionIR &F, const SummaryLookup &Lookup,
                           const EventVisitor *Visit = nullptr,
                           unsigned MaxIterations = 64,
                           bool TrackBefore = false);

/// True when two held locks are the same lock for matching purposes.
bool sameLock(const Term &A, const Term &B);

} // namespace holdwait

#endif

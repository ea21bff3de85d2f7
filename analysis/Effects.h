//===- Effects.h - what one event does, in its function's terms -*- C++ -*-===//
//
// The single place that turns an IR event (with the lock state before it)
// into blocking operations, lock acquisitions, signals and relations, each
// with its call chain. Summaries collect them per function; the facts pass
// pairs them with the locks held at the event.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_EFFECTS_H
#define HOLDWAIT_ANALYSIS_EFFECTS_H

#include "analysis/Dataflow.h"

namespace holdwait {

struct EventEffects {
  std::vector<OpSummary> Ops;
  std::vector<AcqSummary> Acquires;
  std::vector<SignalSummary> Signals;
  std::vector<RelationSummary> Relations;
  bool Truncated = false; ///< a callee's summary was capped
};

/// Appends to Out what event E of function Fn does: its own effect, or for
/// a call every effect of every target's summary, rewritten into Fn's frame
/// (arguments substituted, the call step prepended to each chain, the entry
/// locks released before it excluded).
/// Which effects a caller wants (the facts pass skips what cannot matter
/// where no lock is held).
/// WantLockOps adds, for every sleeping lock acquisition reached, the
/// blocking op it is (LockAcquire); summaries leave them out (see
/// AcqSummary), the facts pass asks for them with the other ops.
enum EffectMask : unsigned {
  WantOps = 1,
  WantAcquires = 2,
  WantSignals = 4,
  WantRelations = 8,
  WantAll = 15,
  WantLockOps = 16,
};
/// Lets the summary pass skip, before they are built, the callee ops and
/// acquisitions it would drop anyway (a key it already has with a chain
/// as short, or a full list). Only asked about closed entries (see
/// OpSummary::Closed) at a point where no entry lock has been released,
/// whose key in the caller is the callee's.
class EffectFilter {
public:
  virtual ~EffectFilter() = default;
  virtual bool dropOp(uint64_t KeyHash, size_t Len) = 0;
  virtual bool dropAcquire(uint64_t KeyHash, size_t Len) = 0;
};

void eventEffects(uint32_t Fn, const Event &E, const LockState &St,
                  const SummaryLookup &Lookup, unsigned MaxChain,
                  EventEffects &Out, unsigned Want = WantAll,
                  EffectFilter *Filter = nullptr);

/// Whether T names nothing in its function's frame (no parameter root, no
/// `$N` instance): substitution leaves it as it is.
bool closedTerm(const Term &T);
bool closedOp(const OpSummary &O);
bool closedAcquire(const AcqSummary &A);
/// Identities for de-duplication, as stable 64-bit hashes: two ops with
/// the same kind, domain, leaf, lock and exclusions are one; two
/// acquisitions of the same lock in the same mode with the same exclusions
/// are one; a domain is its printed name.
uint64_t opKeyHash(const OpSummary &O);
uint64_t acqKeyHash(const AcqSummary &A);
uint64_t domainHash(const Domain &D);
uint64_t relationKeyHash(const RelationSummary &R);

} // namespace holdwait

#endif

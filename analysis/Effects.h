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
void eventEffects(uint32_t Fn, const Event &E, const LockState &St,
                  const SummaryLookup &Lookup, unsigned MaxChain,
                  EventEffects &Out);

/// Identity of an op for de-duplication: two ops with the same kind,
/// domain, leaf, lock and exclusions are one.
std::string opKey(const OpSummary &O);
std::string acqKey(const AcqSummary &A);

} // namespace holdwait

#endif

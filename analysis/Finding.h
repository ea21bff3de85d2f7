//===- Finding.h - one reported hold-and-wait bug ---------------*- C++ -*-===//
//
// A finding is self-contained (strings, not indexes) so output writers and
// baselines never need the engine. Its fields are the JSON contract in
// docs/json-schema.md.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FINDING_H
#define HOLDWAIT_ANALYSIS_FINDING_H

#include <string>
#include <vector>

namespace holdwait {

struct SourcePoint {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// One call in a chain: `Function` calls `Callee` at the point.
struct FindingStep {
  std::string Function;
  std::string Callee;
  SourcePoint At;
};

/// The other side of an inferred conflict: code in the awaited domain that
/// needs the held lock.
struct OtherSide {
  std::string Function; ///< where that code starts
  std::string How;      ///< why it runs in the domain
  std::string Context;  ///< `srcu_read_lock(kvm.srcu)`, or empty
  SourcePoint ContextAt;
  std::vector<FindingStep> Chain; ///< down to its acquisition of the lock
  SourcePoint AcquiredAt;         ///< the acquisition itself
  bool Sync = false;              ///< it waits for a grace period of the lock
};

/// One edge of a lock-order finding: Function holds From and takes To.
struct OrderLink {
  std::string From, To;
  std::string Function;
  /// Why Function runs with From held when it did not take it itself
  /// (`kvm_sched_out() is called with rq.__lock held (...)`).
  std::string Context;
  SourcePoint HeldAt; ///< where From was taken, or where Function was bound
  std::string HeldVia;
  std::vector<FindingStep> HeldChain;
  SourcePoint At;                 ///< taking To, or the call leading to it
  std::vector<FindingStep> Chain; ///< down to the operation that takes To
  std::string Implicit;           ///< `wake_up_process() takes rq.__lock`
};

struct Finding {
  std::string Check;
  std::string Severity = "warning";
  SourcePoint At;       ///< the blocking call, or the call leading to it
  std::string Function; ///< the function holding the lock
  std::string Lock;     ///< lock class
  std::string LockKind;
  SourcePoint LockAt;  ///< where the function acquired it
  std::string LockVia; ///< the acquiring call (mutex_lock, std::lock_guard)
  std::vector<FindingStep> LockChain; ///< inside a wrapper that returned it
  std::string Callee;                 ///< the function called at At
  std::string Blocking; ///< the blocking operation at the end of the chain
  std::string WaitKind; ///< grace-period, worker-wait, wakeup, sleep, ...
  std::string Domain;   ///< what the operation waits for
  std::vector<FindingStep> Chain;
  /// The chain-steps budget cut Chain: deeper calls are not shown.
  bool ChainCut = false;
  std::string Conflict; ///< self, atomic, annotated, inferred
  std::string Reason;
  std::string AnnotationRef;
  std::string Reference;
  bool HasOther = false;
  OtherSide Other;
  /// Lock-order findings: every edge of the cycle in order, or the one
  /// edge that reverses a documented order.
  std::vector<OrderLink> Order;
  std::string Message;
  /// Lines shown under the message instead of the two-sided drawing; the
  /// drawing itself is made only when a finding is printed (see
  /// explanationOf()), as a large program has tens of thousands of findings.
  std::vector<std::string> Explanation;

  /// Stable identity for de-duplication and ordering.
  std::string key() const;
  /// `a -> b -> c -> a` for lock-order findings, else empty.
  std::string orderPath() const;
};

bool operator<(const Finding &A, const Finding &B);

/// The rows that show one lock-order edge: who holds From (and where it
/// was taken, or why the function runs under it) and the chain to To.
std::vector<std::string> drawOrderLink(const OrderLink &O, unsigned Indent);

/// An annotation reference for reading: an absolute path shortened to its
/// file name (`/home/u/src/x.c:12` -> `x.c:12`), a relative one as written
/// (`annotations/kvm.yaml:12`).
std::string shortRef(const std::string &Ref);

} // namespace holdwait

#endif

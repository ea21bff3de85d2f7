//===- LockOrder.h - the program's lock-order graph -------------*- C++ -*-===//
//
// An edge A -> B says some thread takes lock class B while it holds A. Edges
// come from three kinds of evidence, all read from engine facts:
//   acquire   B is taken (directly or in a callee) while A is held;
//   implicit  an operation that takes B itself (a wakeup takes rq.__lock)
//             runs while A is held;
//   context   code the runtime calls with A held (a callback stored in
//             preempt_ops.sched_out, a function annotated to run in a
//             domain whose code runs under A) takes B.
// Read-side sections (RCU, SRCU) and interrupt-disabled regions are not
// nodes: waiting for them is the grace-period checks' business, and they
// never block a taker. Cycles in this graph are potential ABBA deadlocks;
// documented orders (annotations) turn single reversed edges into findings.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_LOCKORDER_H
#define HOLDWAIT_ANALYSIS_LOCKORDER_H

#include "analysis/Facts.h"
#include "llvm/Support/JSON.h"
#include <map>
#include <set>

namespace holdwait {

class Profile;

/// One reason why To is taken while From is held.
struct OrderEvidence {
  enum class Source : uint8_t { Acquire, Implicit, Context };
  Source Src = Source::Acquire;
  uint32_t Fn = NoIndex; ///< the function holding From (or called under it)

  // The holding side: where Fn took From, or (Context) why Fn runs under it.
  Loc HeldAt;
  uint32_t HeldVia = NoIndex; ///< the acquiring call (mutex_lock, a wrapper)
  Chain HeldInner;            ///< inside a wrapper that returned holding it
  Atom HeldHow;               ///< Context: `kvm_sched_out() is called ...`
  LockKind HeldKind = LockKind::Mutex;
  LockMode HeldMode = LockMode::Exclusive;

  // The taking side, in Fn: the acquisition or the call leading to it.
  Loc At;
  Chain Steps; ///< from Fn down to the operation that takes To
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  Atom AcqHow; ///< Implicit: `wake_up_process() takes rq.__lock`
};

struct OrderEdge {
  std::string From, To;
  /// Best first: shortest chains, then source order. Capped (see Limit).
  std::vector<OrderEvidence> Evidence;
  bool onlyImplicit() const;
};

class LockOrderGraph {
public:
  /// Evidence kept per edge; the rest is counted in Dropped.
  static constexpr unsigned EvidenceLimit = 4;

  LockOrderGraph(const Program &P, const SummaryTable &S, const ProgramFacts &F,
                 const Profile &Prof, LockOrderLimits Limits = {});

  /// From -> To -> edge, both ordered by class name.
  const std::map<std::string, std::map<std::string, OrderEdge>> &edges() const {
    return Edges;
  }
  const OrderEdge *edge(const std::string &From, const std::string &To) const;
  size_t numNodes() const;
  /// True when Class is the source or target of some edge.
  bool isNode(const std::string &Class) const;
  size_t numEdges() const;

  /// Elementary cycles with at most MaxLength locks, each rotated to start
  /// at its smallest class and listed once, in lexicographic order. Stops
  /// after MaxCycles (Truncated says so).
  /// Uncovered, when given, receives the classes that are on a cycle (their
  /// strongly connected component is not trivial) but on none of the cycles
  /// returned: they are on longer ones only.
  std::vector<std::vector<std::string>>
  cycles(unsigned MaxLength, unsigned MaxCycles, bool &Truncated,
         std::vector<std::string> *Uncovered = nullptr) const;

  /// cycles() with the default limits, computed once.
  const std::vector<std::vector<std::string>> &allCycles() const {
    return Cycles;
  }
  bool cyclesTruncated() const { return CyclesTruncated; }
  /// Classes on lock-order cycles longer than MaxCycleLength only (those
  /// cycles are not searched, so not reported).
  const std::vector<std::string> &onLongCyclesOnly() const {
    return LongCycleLocks;
  }
  const LockOrderLimits &limits() const { return Limits; }

  /// A shortest path of edges From -> ... -> To; empty when none.
  std::vector<const OrderEdge *> path(const std::string &From,
                                      const std::string &To) const;

  /// Graphviz and JSON renderings (deterministic).
  std::string dot() const;
  llvm::json::Value json() const;

  const Program &program() const { return P; }
  /// True when some function takes the class exclusively: its readers can
  /// then queue behind a writer.
  bool written(const std::string &Class) const {
    return Written.count(Class) != 0;
  }

private:
  void add(const std::string &From, const std::string &To, OrderEvidence E);
  void addContext(const std::string &Held, uint32_t Target, Loc At,
                  const std::string &How);

  const Program &P;
  const SummaryTable &S;
  std::map<std::string, std::map<std::string, OrderEdge>> Edges;
  std::vector<std::vector<std::string>> Cycles;
  bool CyclesTruncated = false;
  LockOrderLimits Limits;
  std::vector<std::string> LongCycleLocks;
  std::set<std::string> Written;
};

/// True when a lock class can be a node of the graph: a real lock with a
/// program-wide name (not a read-side section, not a function's local, not
/// an unresolved parameter).
bool isOrderNode(const Term &T, LockKind K);

} // namespace holdwait

#endif

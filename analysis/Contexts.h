//===- Contexts.h - what the code a wait waits for needs --------*- C++ -*-===//
//
// For every domain, the locks that code running on its behalf acquires
// before it can let a wait on the domain finish:
//   a work function, a thread body, a timer callback, a function annotated
//     HOLDWAIT_RUNS_IN: every lock it (or a callee) takes;
//   an SRCU/RCU domain: every lock taken inside one of its read-side
//     sections;
//   a domain with a domain lock (`rq` -> `rq.__lock`): every lock taken
//     while that lock is held, including by callbacks the runtime calls
//     under it (preempt_ops.sched_out);
//   a completion, condition variable, semaphore: the locks its signaller
//     holds or took before signalling;
//   a workqueue: everything its queued works need.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_CONTEXTS_H
#define HOLDWAIT_ANALYSIS_CONTEXTS_H

#include "analysis/Facts.h"

#include "llvm/ADT/StringMap.h"
#include <map>
#include <optional>
#include <set>

namespace holdwait {

class Profile;

/// One piece of evidence that code in a domain needs a lock.
struct Need {
  std::string Lock; ///< lock class
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  bool Sync = false;       ///< the need is a grace-period wait on the lock
  uint32_t Fn = NoIndex;   ///< where the context starts (body, reader, ...)
  Loc ContextAt;           ///< where it starts: the read lock, the bind
  std::string ContextWhat; ///< `srcu_read_lock(kvm.srcu)`, `INIT_WORK`...
  Chain Steps;             ///< from Fn to the acquisition
  std::string How;         ///< one line: why this code runs in the domain
};

class Contexts {
public:
  Contexts(const Program &P, const SummaryTable &S, const ProgramFacts &F,
           const Profile &Prof);

  /// Evidence that code in Domain takes Lock in a mode that conflicts with
  /// holding it in HeldMode; nullptr when none. Of all the evidence, the
  /// shortest chain (the first found on a tie) explains the conflict.
  const Need *find(const std::string &Domain, const std::string &Lock,
                   LockKind HeldKind, LockMode HeldMode) const;
  /// Functions that run in Domain (bodies, annotated functions).
  const std::vector<std::pair<uint32_t, const BindSite *>> &
  roots(const std::string &Domain) const;
  /// How many domains have code that needs a lock.
  size_t numDomains() const { return Table.size(); }

private:
  /// The best evidence for one lock in one domain: taken exclusively (or
  /// waited for, Sync), and taken shared, which only conflicts with a held
  /// shared side through a queued writer. Only the best is kept: a domain
  /// can have thousands of signallers taking the same lock.
  struct Candidate {
    Need N;
    uint64_t Seq = 0; ///< order found, for ties
  };
  struct LockNeeds {
    std::optional<Candidate> Exclusive, Shared;
  };
  /// Offers evidence for Lock in Domain with a chain of Len steps; Build
  /// makes the Need only when it is better than what is kept.
  template <typename BuildFn>
  bool offer(const std::string &Domain, const std::string &Lock, LockMode Mode,
             bool Sync, size_t Len, BuildFn Build);
  void addBodyNeeds(const std::string &Domain, uint32_t Fn, Loc At,
                    const std::string &How);
  /// Offers From's evidence to To; true when some of it was better.
  bool copyNeeds(const std::string &From, const std::string &To,
                 const std::string &Suffix);
  void closeRelations();

  const Program &P;
  const SummaryTable &S;
  std::map<std::string, llvm::StringMap<LockNeeds>> Table;
  uint64_t NextSeq = 0;
  std::map<std::string, std::vector<std::pair<uint32_t, const BindSite *>>>
      Roots;
  std::vector<std::pair<std::string, std::string>> Members;
  /// Lock classes someone takes exclusively (for writer-fair rwsems).
  std::set<std::string> Written;
};

} // namespace holdwait

#endif

//===- Contexts.cpp - what the code a wait waits for needs ----------------===//
#include "analysis/Contexts.h"
#include "annotations/Profile.h"

#include "llvm/ADT/STLExtras.h"
#include <set>

namespace holdwait {

namespace {
std::string readDomain(const HeldLock &H) {
  if (H.Kind == LockKind::Rcu)
    return "rcu";
  if (H.Kind == LockKind::Srcu)
    return "srcu:" + H.Lock.display();
  return "";
}
} // namespace

void Contexts::addBodyNeeds(const std::string &Domain, uint32_t Fn, Loc At,
                            const std::string &How) {
  const FunctionSummary *Sm = S.of(Fn);
  if (!Sm)
    return;
  for (const AcqSummary &A : Sm->Acquires) {
    Need N;
    N.Lock = A.Lock.display();
    N.Kind = A.Kind;
    N.Mode = A.Mode;
    N.Sync = A.Sync;
    N.Fn = Fn;
    N.ContextAt = At;
    N.Steps = A.Steps;
    N.How = How;
    Needs[Domain].push_back(std::move(N));
  }
}

Contexts::Contexts(const Program &P, const SummaryTable &S,
                   const ProgramFacts &F, const Profile &Prof)
    : P(P), S(S) {
  for (size_t I = 0; I < P.Functions.size(); ++I)
    for (const AcqSummary &A : S.ofFunction(I).Acquires)
      if (A.Mode == LockMode::Exclusive && !A.Sync)
        Written.insert(A.Lock.display());
  // Bodies bound to a domain, and callbacks run under a lock.
  for (const BindSite &B : F.Binds) {
    if (B.Dom.empty())
      continue;
    std::string D = B.Dom.name();
    Roots[D].push_back({B.Target, &B});
    std::string Binder = P.name(B.Fn) == "<global initializers>"
                             ? std::string("a static initializer")
                             : P.name(B.Fn) + "()";
    // A domain with a domain lock (rq) is code run under that lock.
    std::string Where = Prof.domainLock(D).empty()
                            ? "runs in " + D
                            : "runs under " + Prof.domainLock(D).str();
    std::string How = P.name(B.Target) + "() " + Where + " (bound in " +
                      Binder + (B.Why.empty() ? "" : "; " + B.Why) + ")";
    addBodyNeeds(D, B.Target, B.At, How);
    for (const std::string &Held : B.Held) {
      // The runtime holds Held while calling the callback: the callback's
      // locks are ordered after it, as if taken under it.
      for (const std::string &Dom : {std::string("lock:") + Held})
        addBodyNeeds(Dom, B.Target, B.At,
                     P.name(B.Target) + "() is called with " + Held + " held");
    }
  }
  for (const FunctionIR &Fn : P.Functions)
    for (size_t I = 0; I < Fn.Notes.RunsIn.size(); ++I) {
      const std::string &D = Fn.Notes.RunsIn[I];
      Roots[D].push_back({Fn.Sym, nullptr});
      addBodyNeeds(D, Fn.Sym, Fn.At,
                   P.name(Fn.Sym) + "() runs in " + D + " (annotated at " +
                       Fn.Notes.RunsInRefs[I] + ")");
    }

  // Locks taken inside read-side sections and under domain locks.
  for (const AcquireSite &A : F.Acquires)
    for (const HeldLock &H : A.Held) {
      std::string D = readDomain(H);
      std::string LockDom = "lock:" + H.Lock.display();
      for (const std::string &Dom : {D, LockDom}) {
        if (Dom.empty())
          continue;
        if (A.Acq.Lock.display() == H.Lock.display())
          continue; // nested read sections of one domain
        Need N;
        N.Lock = A.Acq.Lock.display();
        N.Kind = A.Acq.Kind;
        N.Mode = A.Acq.Mode;
        N.Sync = A.Acq.Sync;
        N.Fn = A.Fn;
        N.ContextAt = H.Site;
        N.ContextWhat = P.name(H.Via) + "(" + H.Lock.display() + ")";
        N.Steps = A.Acq.Steps;
        N.How =
            Dom == D
                ? P.name(A.Fn) + "() runs inside a " + D + " read-side section"
                : P.name(A.Fn) + "() runs with " + H.Lock.display() + " held";
        Needs[Dom].push_back(std::move(N));
      }
    }
  // A domain whose code runs under a lock needs what is taken under it.
  for (const DomainLockModel &DL : Prof.DomainLocks) {
    auto It = Needs.find("lock:" + DL.Lock);
    if (It == Needs.end())
      continue;
    auto &Into = Needs[DL.Domain];
    Into.insert(Into.end(), It->second.begin(), It->second.end());
  }

  // Signallers: the locks held or taken before the signal.
  for (const SignalSite &G : F.Signals) {
    std::string D = G.Dom.name();
    for (const HeldLock &H : G.Needs) {
      Need N;
      N.Lock = H.Lock.display();
      N.Kind = H.Kind;
      N.Mode = H.Mode;
      N.Fn = G.Fn;
      N.ContextAt = G.At;
      N.ContextWhat =
          P.name(G.Steps.empty() ? NoIndex : G.Steps.back().Callee) + "()";
      N.Steps = {ChainStep{G.Fn, H.Site, H.Via}};
      N.Steps.insert(N.Steps.end(), H.Inner.begin(), H.Inner.end());
      N.How = P.name(G.Fn) + "() signals " + D;
      Needs[D].push_back(std::move(N));
    }
  }

  for (const RelateSite &R : F.Relates)
    Members.push_back({R.Dom.name(), R.Member.name()});
  closeRelations();

  // Deterministic, duplicate-free evidence lists.
  for (auto &[D, V] : Needs) {
    std::set<std::string> Seen;
    std::vector<Need> Unique;
    for (Need &N : V) {
      std::string K = N.Lock + (N.Mode == LockMode::Shared ? "/s" : "/x") +
                      (N.Sync ? "/y" : "") + "@" + std::to_string(N.Fn);
      if (Seen.insert(K).second)
        Unique.push_back(std::move(N));
    }
    V = std::move(Unique);
  }
}

void Contexts::closeRelations() {
  // A domain needs what its members need (transitively; cycles are fine
  // because needs are only ever added).
  bool Changed = true;
  for (unsigned Iter = 0; Changed && Iter < 8; ++Iter) {
    Changed = false;
    for (auto &[Outer, Inner] : Members) {
      auto It = Needs.find(Inner);
      if (It == Needs.end())
        continue;
      std::vector<Need> Add = It->second;
      auto &Into = Needs[Outer];
      for (Need &N : Add)
        if (llvm::none_of(Into, [&](const Need &X) {
              return X.Lock == N.Lock && X.Fn == N.Fn;
            })) {
          N.How += " (queued on " + Outer + ")";
          Into.push_back(std::move(N));
          Changed = true;
        }
    }
  }
}

const Need *Contexts::find(const std::string &Domain, const std::string &Lock,
                           LockKind HeldKind, LockMode HeldMode) const {
  auto It = Needs.find(Domain);
  if (It == Needs.end())
    return nullptr;
  // Two readers block each other only through a queued writer, and only
  // on a writer-fair sleeping lock (rw_semaphore, pthread rwlock,
  // shared_mutex); rwlock_t readers and read-side sections never do.
  bool ReadersQueue = HeldKind == LockKind::RwSem && Written.count(Lock);
  const Need *Best = nullptr;
  for (const Need &N : It->second) {
    if (N.Lock != Lock)
      continue;
    if (HeldMode == LockMode::Shared && N.Mode == LockMode::Shared && !N.Sync &&
        !ReadersQueue)
      continue;
    if (!Best || N.Steps.size() < Best->Steps.size())
      Best = &N;
  }
  return Best;
}

const std::vector<std::pair<uint32_t, const BindSite *>> &
Contexts::roots(const std::string &Domain) const {
  static const std::vector<std::pair<uint32_t, const BindSite *>> None;
  auto It = Roots.find(Domain);
  return It == Roots.end() ? None : It->second;
}

} // namespace holdwait

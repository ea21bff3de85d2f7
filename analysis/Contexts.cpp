//===- Contexts.cpp - what the code a wait waits for needs ----------------===//
#include "analysis/Contexts.h"
#include "annotations/Profile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSet.h"
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

template <typename BuildFn>
bool Contexts::offer(const std::string &Domain, const std::string &Lock,
                     LockMode Mode, bool Sync, size_t Len, BuildFn Build) {
  LockNeeds &LN = Table[Domain][Lock];
  std::optional<Candidate> &Slot =
      Mode == LockMode::Shared && !Sync ? LN.Shared : LN.Exclusive;
  if (Slot && Slot->N.Steps.size() <= Len)
    return false;
  Slot = Candidate{Build(), NextSeq++};
  return true;
}

void Contexts::addBodyNeeds(const std::string &Domain, uint32_t Fn, Loc At,
                            const std::string &How) {
  const FunctionSummary *Sm = S.of(Fn);
  if (!Sm)
    return;
  for (const AcqSummary &A : Sm->Acquires)
    offer(Domain, A.Lock.display(), A.Mode, A.Sync, A.Steps.size(), [&] {
      Need N;
      N.Lock = A.Lock.display();
      N.Kind = A.Kind;
      N.Mode = A.Mode;
      N.Sync = A.Sync;
      N.Fn = Fn;
      N.ContextAt = At;
      N.Steps = A.Steps;
      N.How = How;
      return N;
    });
}

Contexts::Contexts(const Program &P, const SummaryTable &S,
                   const ProgramFacts &F, const Profile &Prof)
    : P(P), S(S) {
  for (size_t I = 0; I < P.Functions.size(); ++I)
    for (const AcqSummary &A : S.ofFunction(I).Acquires)
      if (A.Mode == LockMode::Exclusive && !A.Sync)
        Written.insert(A.Lock.display());
  // What runs under a lock is only read back for the locks of domains
  // (rq.__lock for rq, see copyNeeds below): keeping it for every lock
  // would duplicate the whole lock-order graph here.
  llvm::StringSet<> DomainLocks;
  for (const DomainLockModel &DL : Prof.DomainLocks)
    DomainLocks.insert(DL.Lock);

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
      if (DomainLocks.count(Held))
        addBodyNeeds("lock:" + Held, B.Target, B.At,
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
      std::string Held = H.Lock.display();
      std::string LockDom =
          DomainLocks.count(Held) ? "lock:" + Held : std::string();
      for (const std::string &Dom : {D, LockDom}) {
        if (Dom.empty())
          continue;
        if (A.Acq.Lock.display() == H.Lock.display())
          continue; // nested read sections of one domain
        offer(Dom, A.Acq.Lock.display(), A.Acq.Mode, A.Acq.Sync,
              A.Acq.Steps.size(), [&] {
                Need N;
                N.Lock = A.Acq.Lock.display();
                N.Kind = A.Acq.Kind;
                N.Mode = A.Acq.Mode;
                N.Sync = A.Acq.Sync;
                N.Fn = A.Fn;
                N.ContextAt = H.Site;
                N.ContextWhat = P.name(H.Via) + "(" + H.Lock.display() + ")";
                N.Steps = A.Acq.Steps;
                N.How = Dom == D ? P.name(A.Fn) + "() runs inside a " + D +
                                       " read-side section"
                                 : P.name(A.Fn) + "() runs with " +
                                       H.Lock.display() + " held";
                return N;
              });
      }
    }
  // A domain whose code runs under a lock needs what is taken under it.
  for (const DomainLockModel &DL : Prof.DomainLocks)
    copyNeeds("lock:" + DL.Lock, DL.Domain, "");

  // Signallers: the locks held or taken before the signal.
  for (const SignalNeed &G : F.SignalNeeds)
    offer(G.Domain, G.Lock, G.Mode, false, G.Steps.size(), [&] {
      Need N;
      N.Lock = G.Lock;
      N.Kind = G.Kind;
      N.Mode = G.Mode;
      N.Fn = G.Fn;
      N.ContextAt = G.At;
      N.ContextWhat = P.name(G.Signal) + "()";
      N.Steps = G.Steps;
      N.How = P.name(G.Fn) + "() signals " + G.Domain;
      return N;
    });

  for (const RelateSite &R : F.Relates)
    Members.push_back({R.Dom.name(), R.Member.name()});
  closeRelations();
}

bool Contexts::copyNeeds(const std::string &From, const std::string &To,
                         const std::string &Suffix) {
  auto It = Table.find(From);
  if (It == Table.end())
    return false;
  // Copy first: To may be From, and inserting may move the entries.
  std::vector<const Candidate *> Add;
  for (const auto &E : It->second)
    for (const auto *C : {&E.second.Exclusive, &E.second.Shared})
      if (*C)
        Add.push_back(&**C);
  // Found order, so that ties go the same way on every run.
  llvm::sort(Add, [](const Candidate *A, const Candidate *B) {
    return A->Seq < B->Seq;
  });
  std::vector<Need> Copies;
  for (const Candidate *C : Add) {
    Copies.push_back(C->N);
    Copies.back().How += Suffix;
  }
  bool Changed = false;
  for (Need &N : Copies)
    Changed |=
        offer(To, N.Lock, N.Mode, N.Sync, N.Steps.size(), [&] { return N; });
  return Changed;
}

void Contexts::closeRelations() {
  // A domain needs what its members need (transitively; cycles end because
  // evidence is only replaced by a strictly shorter chain).
  bool Changed = true;
  for (unsigned Iter = 0; Changed && Iter < 8; ++Iter) {
    Changed = false;
    for (auto &[Outer, Inner] : Members)
      Changed |= copyNeeds(Inner, Outer, " (queued on " + Outer + ")");
  }
}

const Need *Contexts::find(const std::string &Domain, const std::string &Lock,
                           LockKind HeldKind, LockMode HeldMode) const {
  auto It = Table.find(Domain);
  if (It == Table.end())
    return nullptr;
  auto L = It->second.find(Lock);
  if (L == It->second.end())
    return nullptr;
  // Two readers block each other only through a queued writer, and only
  // on a writer-fair sleeping lock (rw_semaphore, pthread rwlock,
  // shared_mutex); rwlock_t readers and read-side sections never do.
  bool ReadersQueue = HeldKind == LockKind::RwSem && Written.count(Lock);
  const std::optional<Candidate> &X = L->second.Exclusive;
  const std::optional<Candidate> &Sh = L->second.Shared;
  bool UseShared = Sh && (HeldMode != LockMode::Shared || ReadersQueue);
  if (!UseShared)
    return X ? &X->N : nullptr;
  if (!X)
    return &Sh->N;
  auto Rank = [](const Candidate &C) {
    return std::make_pair(C.N.Steps.size(), C.Seq);
  };
  return Rank(*X) <= Rank(*Sh) ? &X->N : &Sh->N;
}
const std::vector<std::pair<uint32_t, const BindSite *>> &
Contexts::roots(const std::string &Domain) const {
  static const std::vector<std::pair<uint32_t, const BindSite *>> None;
  auto It = Roots.find(Domain);
  return It == Roots.end() ? None : It->second;
}

} // namespace holdwait

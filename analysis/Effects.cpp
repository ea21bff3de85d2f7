//===- Effects.cpp - what one event does, in its function's terms ---------===//
#include "analysis/Effects.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/xxhash.h"

#include <algorithm>

namespace holdwait {

namespace {

/// The guard lists under which a callee entry guarded by Callee is reached
/// from the call E on a path with guards Path: one per description of E's
/// arguments (Event::ArgAlts) that does not rule it out, else none.
llvm::SmallVector<GuardList, 1> reached(const GuardList &Callee, const Event &E,
                                        const GuardList &Path) {
  llvm::SmallVector<GuardList, 1> Out;
  if (Callee.empty() || E.ArgAlts.empty()) {
    GuardList G;
    if (substitute(Callee, E.ArgVals, Path, G))
      Out.push_back(std::move(G));
    return Out;
  }
  for (const ArgAlt &A : E.ArgAlts) {
    GuardList P = Path;
    if (!llvm::all_of(A.When, [&](const Guard &G) { return addGuard(P, G); }))
      continue; // those paths do not reach here with these guards
    GuardList G;
    if (substitute(Callee, A.Vals, P, G) && !llvm::is_contained(Out, G))
      Out.push_back(std::move(G));
  }
  return Out;
}

/// Adds Item once per guard list of Cases.
template <typename T>
void pushCases(std::vector<T> &List, T Item,
               llvm::SmallVector<GuardList, 1> &Cases) {
  for (size_t I = 0; I + 1 < Cases.size(); ++I) {
    List.push_back(Item);
    List.back().Guards = std::move(Cases[I]);
  }
  Item.Guards = std::move(Cases.back());
  List.push_back(std::move(Item));
}

/// Stable 64-bit hashes built from the atoms' text hashes (never from their
/// handles, which differ between runs).
class KeyHasher {
public:
  KeyHasher &add(uint64_t V) {
    Words.push_back(V);
    return *this;
  }
  KeyHasher &add(Atom A) { return add(A.hash()); }
  /// The keys of Ts as a multiset (the order they were released in does
  /// not matter).
  KeyHasher &addKeys(const TermList &Ts) {
    size_t From = Words.size();
    for (const Term &T : Ts)
      Words.push_back(T.key().hash());
    std::sort(Words.begin() + From, Words.end());
    return add(Ts.size());
  }
  uint64_t get() const {
    return llvm::xxh3_64bits(
        llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(Words.data()),
                                Words.size() * sizeof(uint64_t)));
  }

private:
  llvm::SmallVector<uint64_t, 12> Words;
};

/// Adds T to an entry's excluded locks unless it is there already or means
/// nothing to a caller. Without the check every level of a call chain
/// appended its released locks again: on the whole kernel, entries carried
/// a thousand copies of a few locks and the summaries outgrew 24 GiB.
void addExcluded(TermList &To, const Term &T) {
  if (T.Local || T.empty())
    return; // no caller can hold another function's local
  for (const Term &X : To)
    if (sameLock(X, T))
      return;
  To.push_back(T);
}
void addExcluded(TermList &To, const TermList &Ts) {
  for (const Term &T : Ts)
    addExcluded(To, T);
}

/// A blocking lock acquisition (a sleeping lock, or an interruptible one).
bool blocksOnAcquire(const Event &E) {
  return E.Kind == EventKind::Acquire || E.Kind == EventKind::OwnedAcquire ||
         (E.Kind == EventKind::TryAcquire && E.Sleeps);
}

/// The blocking op a sleeping acquisition is, in the acquisition's frame.
bool sleepingAcquire(const AcqSummary &A) {
  return !A.Sync && !A.Implicit && acquisitionSleeps(A.Kind);
}
OpSummary lockOp(const AcqSummary &A) {
  OpSummary O;
  O.Kind = WaitKind::Sleep;
  O.Sleeps = true;
  O.Leaf = A.Leaf;
  O.Steps = A.Steps;
  O.Excluded = A.Excluded;
  O.Guards = A.Guards;
  O.LockAcquire = true;
  O.Lock = A.Lock;
  return O;
}

void lockAcquired(uint32_t Fn, const Event &E, const HeldLock &L,
                  const LockState &St, unsigned Want, EventEffects &Out) {
  AcqSummary A;
  A.Lock = L.Lock;
  A.Leaf = E.Callee;
  A.Kind = L.Kind;
  A.Mode = L.Mode;
  A.Recursive = L.Recursive;
  A.Steps = {ChainStep{Fn, E.At, E.Callee}};
  A.Excluded = St.Released;
  A.Guards = St.Guards;
  if ((Want & WantLockOps) && sleepingAcquire(A))
    Out.Ops.push_back(lockOp(A));
  if (Want & WantAcquires)
    Out.Acquires.push_back(std::move(A));
}

} // namespace

bool closedTerm(const Term &T) {
  return T.Root == Term::NoRoot && !T.Instance.isParamRef();
}

static bool closedTerms(const TermList &Ts) {
  return std::all_of(Ts.begin(), Ts.end(), closedTerm);
}

bool closedOp(const OpSummary &O) {
  return (!O.Dom.Literal.empty() || closedTerm(O.Dom.Object)) &&
         closedTerm(O.Lock) && closedTerms(O.Excluded);
}

bool closedAcquire(const AcqSummary &A) {
  return closedTerm(A.Lock) && closedTerms(A.Excluded);
}

uint64_t domainHash(const Domain &D) {
  KeyHasher H;
  if (!D.Literal.empty())
    return H.add(1).add(D.Literal).get();
  // As Domain::name() prints it: the object's class, else the parameter.
  H.add(2).add(D.Prefix).add(D.Suffix);
  if (!D.Object.Class.empty())
    H.add(3).add(D.Object.Class);
  else if (D.Object.Root != Term::NoRoot)
    H.add(4).add(uint64_t(int64_t(D.Object.Root))).add(D.Object.Path);
  else
    H.add(5);
  return H.get();
}

uint64_t opKeyHash(const OpSummary &O) {
  KeyHasher H;
  H.add(uint64_t(O.Kind)).add(domainHash(O.Dom)).add(O.Leaf);
  if (O.LockAcquire)
    H.add(1).add(O.Lock.key());
  return H.addKeys(O.Excluded).get();
}

uint64_t acqKeyHash(const AcqSummary &A) {
  KeyHasher H;
  H.add(A.Lock.key())
      .add(A.Mode == LockMode::Shared)
      .add(A.Sync)
      .add(A.Implicit);
  return H.addKeys(A.Excluded).get();
}

uint64_t relationKeyHash(const RelationSummary &R) {
  return KeyHasher().add(domainHash(R.Dom)).add(domainHash(R.Member)).get();
}

void eventEffects(uint32_t Fn, const Event &E, const LockState &St,
                  const SummaryLookup &Lookup, unsigned MaxChain,
                  EventEffects &Out, unsigned Want, EffectFilter *Filter) {
  ChainStep Here{Fn, E.At, E.Callee};
  switch (E.Kind) {
  case EventKind::Wait: {
    OpSummary O;
    O.Kind = E.WKind;
    O.Dom = E.Dom;
    O.Sleeps = E.Sleeps;
    O.Implicit = E.Implicit;
    O.Leaf = E.Callee;
    O.Steps = {Here};
    O.Excluded = St.Released;
    O.Guards = St.Guards;
    if (!E.Released.empty())
      addExcluded(O.Excluded, E.Released);
    for (const HeldLock *H : St.ownedBy(E.ReleasedOwner))
      addExcluded(O.Excluded, H->Lock);
    Out.Ops.push_back(std::move(O));
    if (E.WKind == WaitKind::GracePeriod) {
      // Waiting for a grace period is ordered like taking the domain's
      // read-side lock exclusively: a reader holding it cannot let the
      // wait end (lockdep models synchronize_srcu the same way).
      AcqSummary A;
      if (E.Dom.Literal.empty()) {
        A.Lock = E.Dom.Object;
      } else {
        A.Lock.Class = E.Dom.Literal;
        A.Lock.Instance = E.Dom.Literal;
      }
      A.Leaf = E.Callee;
      A.Kind = E.Dom.Literal == "rcu" ? LockKind::Rcu : LockKind::Srcu;
      A.Sync = true;
      A.Steps = {Here};
      A.Excluded = St.Released;
      A.Guards = St.Guards;
      Out.Acquires.push_back(std::move(A));
    }
    if (!E.Implicit.empty()) {
      // A wakeup takes the runqueue lock.
      AcqSummary A;
      A.Lock.Class = E.Implicit;
      A.Lock.Instance = E.Implicit;
      A.Leaf = E.Callee;
      A.Kind = LockKind::RawSpinlock;
      A.Implicit = true;
      A.Steps = {Here};
      A.Excluded = St.Released;
      A.Guards = St.Guards;
      Out.Acquires.push_back(std::move(A));
    }
    break;
  }
  case EventKind::Acquire:
  case EventKind::TryAcquire: {
    // A plain trylock never blocks, so it orders nothing and waits for
    // nothing; what is taken under it is still ordered after it (Must).
    if (!blocksOnAcquire(E))
      break;
    HeldLock L;
    L.Lock = E.Lock;
    L.Kind = E.LKind;
    L.Mode = E.Mode;
    L.Recursive = E.Recursive;
    lockAcquired(Fn, E, L, St, Want, Out);
    break;
  }
  case EventKind::OwnedAcquire:
    for (const HeldLock *H : St.ownedBy(E.Owner))
      lockAcquired(Fn, E, *H, St, Want, Out);
    break;
  case EventKind::Signal: {
    SignalSummary G;
    G.Dom = E.Dom;
    G.Steps = {Here};
    G.Guards = St.Guards;
    Out.Signals.push_back(std::move(G));
    break;
  }
  case EventKind::Relate: {
    RelationSummary R;
    R.Dom = E.Dom;
    R.Member = E.Member;
    R.Steps = {Here};
    R.Guards = St.Guards;
    Out.Relations.push_back(std::move(R));
    break;
  }
  case EventKind::Call: {
    // Unwanted kinds are skipped by emptying their source lists.
    static const FunctionSummary Empty;
    for (uint32_t T : E.Targets) {
      const FunctionSummary *C = Lookup(T);
      if (!C)
        continue;
      ChainStep Step{Fn, E.At, T};
      // With nothing released here, a closed entry keeps its key.
      EffectFilter *Skip = St.Released.empty() ? Filter : nullptr;
      for (const OpSummary &Op : (Want & WantOps ? C : &Empty)->Ops) {
        if (Skip && Op.Closed &&
            Skip->dropOp(Op.KeyHash,
                         std::min<size_t>(Op.Steps.size() + 1, MaxChain)))
          continue;
        auto Cases = reached(Op.Guards, E, St.Guards);
        if (Cases.empty())
          continue; // the arguments rule out the path to it
        OpSummary O = Op;
        if (!Op.Closed) { // a closed entry names nothing substitution changes
          O.Dom = substitute(Op.Dom, E);
          O.Lock = substitute(Op.Lock, E);
          O.Excluded.clear();
          for (const Term &X : Op.Excluded)
            addExcluded(O.Excluded, substitute(X, E));
        }
        addExcluded(O.Excluded, St.Released);
        O.Steps = Chain::prepend(Step, Op.Steps, MaxChain);
        pushCases(Out.Ops, std::move(O), Cases);
      }
      for (const AcqSummary &Acq :
           (Want & (WantAcquires | WantLockOps) ? C : &Empty)->Acquires) {
        bool AsOp = (Want & WantLockOps) && sleepingAcquire(Acq);
        if (!AsOp && !(Want & WantAcquires))
          continue;
        if (!AsOp && Skip && Acq.Closed &&
            Skip->dropAcquire(Acq.KeyHash,
                              std::min<size_t>(Acq.Steps.size() + 1, MaxChain)))
          continue;
        auto Cases = reached(Acq.Guards, E, St.Guards);
        if (Cases.empty())
          continue;
        AcqSummary A = Acq;
        if (!Acq.Closed) {
          A.Lock = substitute(Acq.Lock, E);
          A.Excluded.clear();
          for (const Term &X : Acq.Excluded)
            addExcluded(A.Excluded, substitute(X, E));
        }
        addExcluded(A.Excluded, St.Released);
        A.Steps = Chain::prepend(Step, Acq.Steps, MaxChain);
        for (GuardList &G : Cases) {
          A.Guards = std::move(G);
          if (AsOp)
            Out.Ops.push_back(lockOp(A));
          if (Want & WantAcquires)
            Out.Acquires.push_back(A);
        }
      }
      for (const SignalSummary &Sig :
           (Want & WantSignals ? C : &Empty)->Signals) {
        auto Cases = reached(Sig.Guards, E, St.Guards);
        if (Cases.empty())
          continue;
        SignalSummary G = Sig;
        G.Dom = substitute(Sig.Dom, E);
        G.Steps = Chain::prepend(Step, Sig.Steps, MaxChain);
        pushCases(Out.Signals, std::move(G), Cases);
      }
      for (const RelationSummary &Rel :
           (Want & WantRelations ? C : &Empty)->Relations) {
        auto Cases = reached(Rel.Guards, E, St.Guards);
        if (Cases.empty())
          continue;
        RelationSummary R = Rel;
        R.Dom = substitute(Rel.Dom, E);
        R.Member = substitute(Rel.Member, E);
        R.Steps = Chain::prepend(Step, Rel.Steps, MaxChain);
        pushCases(Out.Relations, std::move(R), Cases);
      }
      Out.Truncated |= C->truncated();
    }
    break;
  }
  default:
    break;
  }
}

} // namespace holdwait

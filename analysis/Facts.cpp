//===- Facts.cpp - the engine facts the checks read -----------------------===//
#include "analysis/Facts.h"
#include "analysis/Effects.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringMap.h"

namespace holdwait {

namespace {
/// The held locks minus the excluded (entry locks released on the way);
/// All, shared, when nothing is excluded.
HeldSet without(const std::vector<HeldLock> &Held, const HeldSet &All,
                const TermList &Excluded) {
  auto IsExcluded = [&](const HeldLock &H) {
    return llvm::any_of(Excluded,
                        [&](const Term &X) { return sameLock(X, H.Lock); });
  };
  if (llvm::none_of(Held, IsExcluded))
    return All;
  std::vector<HeldLock> R;
  for (const HeldLock &H : Held)
    if (!IsExcluded(H))
      R.push_back(H);
  return HeldSet(std::move(R));
}

/// Whether F signals a domain itself: only then are the locks it took
/// before the signal (LockState::Before) worth tracking. A caller of a
/// signalling function needs only what it holds across the call: that it
/// once took a lock on the way is weak evidence at a distance (the reason
/// lockdep's cross-release tracking of completions was withdrawn).
bool signals(const FunctionIR &F) {
  for (const Block &B : F.Blocks)
    for (const Event &E : B.Events)
      if (E.Kind == EventKind::Signal)
        return true;
  return false;
}
} // namespace

namespace {
/// Keeps the best SignalNeed per (domain, lock, mode), with interned names
/// so that the many (signal, lock) pairs cost an integer lookup each.
class SignalNeedCollector {
public:
  explicit SignalNeedCollector(ProgramFacts &Out) : Out(Out) {}

  void add(uint32_t Fn, const Event &E, const LockState &St,
           std::vector<SignalSummary> &Signals) {
    std::vector<const HeldLock *> Needs;
    for (const HeldLock &H : St.Must)
      Needs.push_back(&H);
    if (E.Kind == EventKind::Signal)
      for (const HeldLock *H : St.before())
        if (llvm::none_of(St.Must, [&](const HeldLock &Y) {
              return sameLock(Y.Lock, H->Lock);
            }))
          Needs.push_back(H);
    if (Needs.empty())
      return;
    std::vector<Atom> Names;
    for (const HeldLock *H : Needs)
      Names.push_back(H->Lock.display());
    for (SignalSummary &G : Signals) {
      ++Out.SignalSites;
      std::string D = G.Dom.name();
      Atom DomName(D);
      for (size_t I = 0; I < Needs.size(); ++I) {
        const HeldLock &H = *Needs[I];
        size_t Len = 1 + H.Inner.size();
        std::tuple<Atom, Atom, uint8_t> Key{DomName, Names[I],
                                            H.Mode == LockMode::Shared};
        auto [It, New] =
            Best.try_emplace(Key, unsigned(Out.SignalNeeds.size()));
        uint64_t Seq = NextSeq++;
        if (!New && Out.SignalNeeds[It->second].Steps.size() <= Len)
          continue;
        SignalNeed N;
        N.Domain = D;
        N.Lock = Names[I];
        N.Kind = H.Kind;
        N.Mode = H.Mode;
        N.Fn = Fn;
        N.At = E.At;
        N.Signal = G.Steps.empty() ? NoIndex : G.Steps.back().Callee;
        N.Steps = Chain::prepend(ChainStep{Fn, H.Site, H.Via}, H.Inner);
        N.Seq = Seq;
        if (New)
          Out.SignalNeeds.push_back(std::move(N));
        else
          Out.SignalNeeds[It->second] = std::move(N);
      }
    }
  }

  /// Found order, which the contexts rely on for ties.
  void finish() {
    llvm::sort(Out.SignalNeeds, [](const SignalNeed &A, const SignalNeed &B) {
      return A.Seq < B.Seq;
    });
  }

private:
  ProgramFacts &Out;
  llvm::DenseMap<std::tuple<Atom, Atom, uint8_t>, unsigned> Best;
  uint64_t NextSeq = 0;
};
} // namespace

ProgramFacts collectFacts(const Program &P, const SummaryTable &S) {
  ProgramFacts Out;
  SignalNeedCollector SignalNeeds(Out);
  SummaryLookup Lookup = S.lookup();
  unsigned MaxChain = S.limits().MaxChain;

  for (const FunctionIR &F : P.Functions) {
    EventVisitor Visit = [&](const Event &E, const LockState &St) {
      if (E.Kind == EventKind::Call && E.Targets.empty())
        ++Out.UnresolvedCalls;
      if (E.Kind == EventKind::Bind) {
        BindSite B;
        B.Fn = F.Sym;
        B.At = E.At;
        B.Dom = E.Dom;
        B.Target = E.Callee;
        B.Held = E.Held;
        B.Field = E.Field;
        B.Why = E.Why;
        B.WhyRef = E.WhyRef;
        Out.Binds.push_back(std::move(B));
        return;
      }
      // Ops and acquisitions become facts only with a lock held; a
      // signal also with a lock taken before it.
      unsigned Want = WantRelations;
      if (!St.Must.empty())
        Want |= WantOps | WantLockOps | WantAcquires | WantSignals;
      EventEffects X;
      eventEffects(F.Sym, E, St, Lookup, MaxChain, X, Want);
      HeldSet All;
      if (!X.Ops.empty() || !X.Acquires.empty())
        All = HeldSet(St.Must);
      for (OpSummary &O : X.Ops) {
        // A plain sleep (or a sleeping lock) conflicts with nothing but
        // atomic context: most of a large program's sites are mutexes
        // taken under mutexes, which no check reads.
        if (O.Kind == WaitKind::Sleep &&
            llvm::none_of(St.Must, [](const HeldLock &H) {
              return isAtomicKind(H.Kind);
            }))
          continue;
        HeldSet Held = without(St.Must, All, O.Excluded);
        if (Held.empty())
          continue;
        WaitSite W;
        W.Fn = F.Sym;
        W.At = E.At;
        W.Op = std::move(O);
        W.Held = std::move(Held);
        Out.Waits.push_back(std::move(W));
      }
      for (AcqSummary &A : X.Acquires) {
        HeldSet Held = without(St.Must, All, A.Excluded);
        if (Held.empty())
          continue;
        AcquireSite Site;
        Site.Fn = F.Sym;
        Site.At = E.At;
        Site.Kind = A.Kind;
        Site.Recursive = A.Recursive;
        Site.Acq = std::move(A);
        Site.Held = std::move(Held);
        Out.Acquires.push_back(std::move(Site));
      }
      if (!X.Signals.empty())
        SignalNeeds.add(F.Sym, E, St, X.Signals);
      for (RelationSummary &R : X.Relations) {
        RelateSite Rel;
        Rel.Fn = F.Sym;
        Rel.At = E.At;
        Rel.Dom = R.Dom;
        Rel.Member = R.Member;
        Out.Relates.push_back(std::move(Rel));
      }
    };
    runDataflow(F, Lookup, &Visit, S.limits().MaxDataflowRounds, signals(F));
  }
  SignalNeeds.finish();
  return Out;
}

} // namespace holdwait

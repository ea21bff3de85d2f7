//===- Facts.cpp - the engine facts the checks read -----------------------===//
#include "analysis/Facts.h"
#include "analysis/Effects.h"

#include "llvm/ADT/STLExtras.h"

namespace holdwait {

namespace {
std::vector<HeldLock> without(const std::vector<HeldLock> &Held,
                              const std::vector<Term> &Excluded) {
  std::vector<HeldLock> R;
  for (const HeldLock &H : Held)
    if (llvm::none_of(Excluded,
                      [&](const Term &X) { return sameLock(X, H.Lock); }))
      R.push_back(H);
  return R;
}
} // namespace

ProgramFacts collectFacts(const Program &P, const SummaryTable &S) {
  ProgramFacts Out;
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
      EventEffects X;
      eventEffects(F.Sym, E, St, Lookup, MaxChain, X);
      for (OpSummary &O : X.Ops) {
        std::vector<HeldLock> Held = without(St.Must, O.Excluded);
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
        std::vector<HeldLock> Held = without(St.Must, A.Excluded);
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
      for (SignalSummary &G : X.Signals) {
        SignalSite Sig;
        Sig.Fn = F.Sym;
        Sig.At = E.At;
        Sig.Dom = G.Dom;
        Sig.Steps = std::move(G.Steps);
        Sig.Needs = St.Must;
        for (const HeldLock &H : St.Before)
          if (llvm::none_of(Sig.Needs, [&](const HeldLock &Y) {
                return sameLock(Y.Lock, H.Lock);
              }))
            Sig.Needs.push_back(H);
        if (!Sig.Needs.empty())
          Out.Signals.push_back(std::move(Sig));
      }
      for (RelationSummary &R : X.Relations) {
        RelateSite Rel;
        Rel.Fn = F.Sym;
        Rel.At = E.At;
        Rel.Dom = R.Dom;
        Rel.Member = R.Member;
        Out.Relates.push_back(std::move(Rel));
      }
    };
    runDataflow(F, Lookup, &Visit);
  }
  return Out;
}

} // namespace holdwait

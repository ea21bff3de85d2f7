//===- Facts.cpp - the engine facts the checks read -----------------------===//
#include "analysis/Facts.h"

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
      ChainStep Here{F.Sym, E.At, E.Callee};
      auto AddWait = [&](OpSummary O) {
        std::vector<HeldLock> Held = without(St.Must, O.Excluded);
        if (Held.empty())
          return;
        WaitSite W;
        W.Fn = F.Sym;
        W.At = E.At;
        W.Op = std::move(O);
        W.Held = std::move(Held);
        Out.Waits.push_back(std::move(W));
      };
      auto AddAcquire = [&](AcqSummary A, LockKind K, bool Recursive) {
        if (St.Must.empty())
          return;
        AcquireSite Site;
        Site.Fn = F.Sym;
        Site.At = E.At;
        Site.Acq = std::move(A);
        Site.Kind = K;
        Site.Recursive = Recursive;
        Site.Held = St.Must;
        Out.Acquires.push_back(std::move(Site));
      };
      auto AddSignal = [&](const Domain &D, Chain Steps) {
        SignalSite G;
        G.Fn = F.Sym;
        G.At = E.At;
        G.Dom = D;
        G.Steps = std::move(Steps);
        G.Needs = St.Must;
        for (const HeldLock &H : St.Before)
          if (llvm::none_of(G.Needs, [&](const HeldLock &X) {
                return sameLock(X.Lock, H.Lock);
              }))
            G.Needs.push_back(H);
        if (!G.Needs.empty())
          Out.Signals.push_back(std::move(G));
      };

      switch (E.Kind) {
      case EventKind::Wait: {
        OpSummary O;
        O.Kind = E.WKind;
        O.Dom = E.Dom;
        O.Sleeps = E.Sleeps;
        O.Implicit = E.Implicit;
        O.Leaf = E.Callee;
        O.Steps = {Here};
        if (!E.Released.empty())
          O.Excluded.push_back(E.Released);
        for (const HeldLock *H : St.ownedBy(E.ReleasedOwner))
          O.Excluded.push_back(H->Lock);
        O.Why = E.Why;
        O.WhyRef = E.WhyRef;
        AddWait(std::move(O));
        if (E.WKind == WaitKind::GracePeriod) {
          AcqSummary A;
          if (E.Dom.Literal.empty()) {
            A.Lock = E.Dom.Object;
          } else {
            A.Lock.Class = E.Dom.Literal;
            A.Lock.Instance = E.Dom.Literal;
          }
          A.Sync = true;
          A.Steps = {Here};
          AddAcquire(std::move(A),
                     E.Dom.Literal == "rcu" ? LockKind::Rcu : LockKind::Srcu,
                     false);
        }
        if (!E.Implicit.empty()) {
          // A wakeup takes the runqueue lock.
          AcqSummary A;
          A.Lock.Class = E.Implicit;
          A.Lock.Instance = E.Implicit;
          A.Kind = LockKind::RawSpinlock;
          A.Steps = {Here};
          AddAcquire(std::move(A), LockKind::RawSpinlock, false);
        }
        break;
      }
      case EventKind::Acquire: {
        if (acquisitionSleeps(E.LKind)) {
          OpSummary O;
          O.Kind = WaitKind::Sleep;
          O.Sleeps = true;
          O.Leaf = E.Callee;
          O.Steps = {Here};
          O.LockAcquire = true;
          O.LockName = E.Lock.display();
          O.Why = "acquiring a " + lockKindName(E.LKind).str() + " may sleep";
          AddWait(std::move(O));
        }
        AcqSummary A;
        A.Lock = E.Lock;
        A.Kind = E.LKind;
        A.Mode = E.Mode;
        A.Steps = {Here};
        AddAcquire(std::move(A), E.LKind, E.Recursive);
        break;
      }
      case EventKind::OwnedAcquire:
        for (const HeldLock *H : St.ownedBy(E.Owner)) {
          if (llvm::any_of(St.Must, [&](const HeldLock &X) {
                return sameLock(X.Lock, H->Lock);
              }))
            continue; // already held through this owner
          AcqSummary A;
          A.Lock = H->Lock;
          A.Kind = H->Kind;
          A.Mode = H->Mode;
          A.Steps = {Here};
          AddAcquire(std::move(A), H->Kind, H->Recursive);
        }
        break;
      case EventKind::Signal:
        AddSignal(E.Dom, {Here});
        break;
      case EventKind::Bind: {
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
        break;
      }
      case EventKind::Relate: {
        RelateSite R;
        R.Fn = F.Sym;
        R.At = E.At;
        R.Dom = E.Dom;
        R.Member = E.Member;
        Out.Relates.push_back(std::move(R));
        break;
      }
      case EventKind::Call: {
        if (E.Targets.empty()) {
          ++Out.UnresolvedCalls;
          break;
        }
        for (uint32_t T : E.Targets) {
          const FunctionSummary *C = Lookup(T);
          if (!C)
            continue;
          ChainStep Step{F.Sym, E.At, T};
          if (!St.Must.empty()) {
            for (const OpSummary &Op : C->Ops) {
              OpSummary O = Op;
              O.Dom = substitute(Op.Dom, E);
              O.Excluded.clear();
              for (const Term &X : Op.Excluded)
                O.Excluded.push_back(substitute(X, E));
              O.Steps.clear();
              O.Steps.push_back(Step);
              for (const ChainStep &CS : Op.Steps)
                if (O.Steps.size() < MaxChain)
                  O.Steps.push_back(CS);
              AddWait(std::move(O));
            }
            for (const AcqSummary &Acq : C->Acquires) {
              AcqSummary A = Acq;
              A.Lock = substitute(Acq.Lock, E);
              A.Steps.clear();
              A.Steps.push_back(Step);
              for (const ChainStep &CS : Acq.Steps)
                if (A.Steps.size() < MaxChain)
                  A.Steps.push_back(CS);
              AddAcquire(std::move(A), Acq.Kind, false);
            }
          }
          for (const SignalSummary &Sig : C->Signals) {
            Chain Steps{Step};
            Steps.insert(Steps.end(), Sig.Steps.begin(), Sig.Steps.end());
            AddSignal(substitute(Sig.Dom, E), std::move(Steps));
          }
        }
        break;
      }
      default:
        break;
      }
    };
    runDataflow(F, Lookup, &Visit);
  }
  return Out;
}

} // namespace holdwait

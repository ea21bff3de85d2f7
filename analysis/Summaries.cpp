//===- Summaries.cpp - bottom-up summaries over the call graph ------------===//
#include "analysis/Summaries.h"
#include "analysis/Effects.h"

#include "llvm/ADT/STLExtras.h"
#include <algorithm>

namespace holdwait {

std::vector<std::vector<uint32_t>> callGraphSCCs(const Program &P) {
  size_t N = P.Functions.size();
  std::vector<std::vector<uint32_t>> Succ(N);
  for (size_t I = 0; I < N; ++I) {
    for (const Block &B : P.Functions[I].Blocks)
      for (const Event &E : B.Events)
        for (uint32_t T : E.Targets)
          if (T < P.DefinitionOf.size() && P.DefinitionOf[T] >= 0)
            Succ[I].push_back(P.DefinitionOf[T]);
    std::sort(Succ[I].begin(), Succ[I].end());
    Succ[I].erase(std::unique(Succ[I].begin(), Succ[I].end()), Succ[I].end());
  }
  // Iterative Tarjan: components come out callees-first.
  std::vector<int32_t> Index(N, -1), Low(N, 0);
  std::vector<char> OnStack(N, 0);
  std::vector<uint32_t> Stack;
  std::vector<std::vector<uint32_t>> Out;
  int32_t Next = 0;
  struct Frame {
    uint32_t V;
    size_t Child;
  };
  for (uint32_t Root = 0; Root < N; ++Root) {
    if (Index[Root] >= 0)
      continue;
    std::vector<Frame> Call{{Root, 0}};
    Index[Root] = Low[Root] = Next++;
    Stack.push_back(Root);
    OnStack[Root] = 1;
    while (!Call.empty()) {
      Frame &F = Call.back();
      if (F.Child < Succ[F.V].size()) {
        uint32_t W = Succ[F.V][F.Child++];
        if (Index[W] < 0) {
          Index[W] = Low[W] = Next++;
          Stack.push_back(W);
          OnStack[W] = 1;
          Call.push_back({W, 0});
        } else if (OnStack[W]) {
          Low[F.V] = std::min(Low[F.V], Index[W]);
        }
        continue;
      }
      uint32_t V = F.V;
      Call.pop_back();
      if (!Call.empty())
        Low[Call.back().V] = std::min(Low[Call.back().V], Low[V]);
      if (Low[V] == Index[V]) {
        std::vector<uint32_t> C;
        uint32_t W;
        do {
          W = Stack.back();
          Stack.pop_back();
          OnStack[W] = 0;
          C.push_back(W);
        } while (W != V);
        std::sort(C.begin(), C.end());
        Out.push_back(std::move(C));
      }
    }
  }
  return Out;
}

const FunctionSummary *SummaryTable::of(uint32_t Sym) const {
  if (Sym >= P.DefinitionOf.size() || P.DefinitionOf[Sym] < 0)
    return nullptr;
  size_t Idx = P.DefinitionOf[Sym];
  return Idx < Ready.size() && Ready[Idx] ? &Sums[Idx] : nullptr;
}

namespace {

template <typename T, typename KeyFn>
void addCapped(std::vector<T> &V, T Item, KeyFn Key, unsigned Cap,
               bool &Truncated) {
  std::string K = Key(Item);
  for (T &E : V)
    if (Key(E) == K) {
      if (Item.Steps.size() < E.Steps.size())
        E = std::move(Item); // keep the shortest explanation
      return;
    }
  if (V.size() >= Cap) {
    Truncated = true;
    return;
  }
  V.push_back(std::move(Item));
}

bool sameSummary(const FunctionSummary &A, const FunctionSummary &B) {
  if (A.NetAcquired.size() != B.NetAcquired.size() ||
      A.NetReleased.size() != B.NetReleased.size() ||
      A.Ops.size() != B.Ops.size() || A.Acquires.size() != B.Acquires.size() ||
      A.Signals.size() != B.Signals.size() ||
      A.Relations.size() != B.Relations.size())
    return false;
  for (size_t I = 0; I < A.NetAcquired.size(); ++I)
    if (!sameLock(A.NetAcquired[I].Lock, B.NetAcquired[I].Lock))
      return false;
  for (size_t I = 0; I < A.Ops.size(); ++I)
    if (opKey(A.Ops[I]) != opKey(B.Ops[I]))
      return false;
  for (size_t I = 0; I < A.Acquires.size(); ++I)
    if (acqKey(A.Acquires[I]) != acqKey(B.Acquires[I]))
      return false;
  return true;
}

} // namespace

FunctionSummary SummaryTable::summarize(const FunctionIR &F) {
  FunctionSummary S;
  bool &Trunc = S.Truncated;
  SummaryLookup Lookup = lookup();
  EventVisitor Visit = [&](const Event &E, const LockState &St) {
    EventEffects X;
    eventEffects(F.Sym, E, St, Lookup, Limits.MaxChain, X);
    Trunc |= X.Truncated;
    for (OpSummary &O : X.Ops)
      addCapped(S.Ops, std::move(O), opKey, Limits.MaxOps, Trunc);
    for (AcqSummary &A : X.Acquires)
      if (!A.Lock.Local && !A.Lock.empty()) // a local means nothing above
        addCapped(S.Acquires, std::move(A), acqKey, Limits.MaxAcquires, Trunc);
    for (SignalSummary &G : X.Signals)
      addCapped(
          S.Signals, std::move(G),
          [](const SignalSummary &Y) { return Y.Dom.name(); },
          Limits.MaxSignals, Trunc);
    for (RelationSummary &R : X.Relations)
      addCapped(
          S.Relations, std::move(R),
          [](const RelationSummary &Y) {
            return Y.Dom.name() + ">" + Y.Member.name();
          },
          Limits.MaxSignals, Trunc);
  };
  DataflowResult R = runDataflow(F, Lookup, &Visit);
  for (const HeldLock &H : R.Exit.Must)
    if (!H.Restored && !H.Lock.Local && !H.Lock.empty())
      S.NetAcquired.push_back(H);
  for (const Term &T : R.Exit.Released)
    S.NetReleased.push_back(T);
  Trunc |= F.Truncated || !R.Converged;
  return S;
}

void SummaryTable::compute() {
  size_t N = P.Functions.size();
  Sums.assign(N, FunctionSummary());
  Ready.assign(N, 0);
  for (const std::vector<uint32_t> &C : callGraphSCCs(P)) {
    bool Recursive = C.size() > 1;
    if (!Recursive) {
      for (const Block &B : P.Functions[C[0]].Blocks)
        for (const Event &E : B.Events)
          for (uint32_t T : E.Targets)
            if (T < P.DefinitionOf.size() && P.DefinitionOf[T] == int32_t(C[0]))
              Recursive = true;
    }
    if (!Recursive) {
      Sums[C[0]] = summarize(P.Functions[C[0]]);
      Ready[C[0]] = 1;
      continue;
    }
    // Recursion: start from empty summaries and iterate to a fixpoint.
    for (uint32_t F : C)
      Ready[F] = 1;
    bool Stable = false;
    for (unsigned Iter = 0; !Stable && Iter < Limits.MaxSccIterations; ++Iter) {
      Stable = true;
      for (uint32_t F : C) {
        FunctionSummary New = summarize(P.Functions[F]);
        if (!sameSummary(New, Sums[F]))
          Stable = false;
        Sums[F] = std::move(New);
      }
    }
    if (!Stable) {
      for (uint32_t F : C)
        Sums[F].Truncated = true;
      Unconverged.push_back(P.Functions[C[0]].Sym);
    }
  }
}

} // namespace holdwait

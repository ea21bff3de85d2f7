//===- Summaries.cpp - bottom-up summaries over the call graph ------------===//
#include "analysis/Summaries.h"
#include "analysis/Effects.h"

#include "llvm/ADT/DenseMap.h"
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

/// A summary list de-duplicated by key and capped in size; keys are
/// opKeyHash()/acqKeyHash(). Entries of one key reached under different
/// guards stay apart, up to MaxGuardVariants of them (`alloc_flags &
/// ALLOC_KSWAPD` and `gfp & __GFP_DIRECT_RECLAIM` both reach a wakeup: a
/// caller passing neither bit reaches none); past that they merge into one
/// entry keeping the guards its paths share (reached when any of them
/// holds). The shortest chain explains each entry.
template <typename T> class CappedList {
public:
  static constexpr unsigned MaxGuardVariants = 4;
  CappedList(std::vector<T> &V, unsigned Cap, uint8_t &Cut, uint8_t Bit)
      : V(V), Cap(Cap), Cut(Cut), Bit(Bit) {}
  void add(T Item, uint64_t Key) {
    auto [It, New] = Index.try_emplace(Key);
    llvm::SmallVector<unsigned, 1> &Same = It->second;
    for (unsigned I : Same) {
      T &E = V[I];
      bool ECovers = weakerOrEqual(E.Guards, Item.Guards);
      bool ItemCovers = weakerOrEqual(Item.Guards, E.Guards);
      if (ECovers && ItemCovers) { // the same conditions
        if (Item.Steps.size() < E.Steps.size())
          E = std::move(Item);
        return;
      }
      if (ECovers)
        return; // reached whenever Item is, and more often
      if (ItemCovers) {
        E = std::move(Item);
        return;
      }
    }
    if (!Same.empty() && (Same.size() >= MaxGuardVariants || V.size() >= Cap)) {
      merge(V[Same.front()], std::move(Item));
      return;
    }
    if (V.size() >= Cap) {
      Index.erase(It);
      Cut |= Bit;
      return;
    }
    Same.push_back(unsigned(V.size()));
    V.push_back(std::move(Item));
  }
  /// Whether add() would drop an entry with this key and chain length
  /// (whatever its guards: an entry there has none).
  bool drops(uint64_t Key, size_t Len) {
    auto It = Index.find(Key);
    if (It != Index.end())
      for (unsigned I : It->second)
        if (V[I].Steps.size() <= Len && V[I].Guards.empty())
          return true;
    if (It != Index.end() || V.size() < Cap)
      return false;
    Cut |= Bit;
    return true;
  }

private:
  /// E and Item as one entry: reached when either's guards hold.
  static void merge(T &E, T Item) {
    GuardList Either = intersect(E.Guards, Item.Guards);
    // The explanation is a path the kept guards describe: the one with
    // fewer conditions, else the shortest. (Keeping a shorter but guarded
    // chain showed callers a path their arguments rule out.)
    bool ItemWeaker = weakerOrEqual(Item.Guards, Either);
    bool EWeaker = weakerOrEqual(E.Guards, Either);
    if (ItemWeaker != EWeaker ? ItemWeaker
                              : Item.Steps.size() < E.Steps.size())
      E = std::move(Item);
    E.Guards = std::move(Either);
  }
  std::vector<T> &V;
  unsigned Cap;
  uint8_t &Cut;
  uint8_t Bit;
  llvm::DenseMap<uint64_t, llvm::SmallVector<unsigned, 1>> Index;
};

/// The summary pass's filter: what its lists would drop.
class SummaryFilter : public EffectFilter {
public:
  SummaryFilter(CappedList<OpSummary> &Ops, CappedList<AcqSummary> &Acquires)
      : Ops(Ops), Acquires(Acquires) {}
  bool dropOp(uint64_t Key, size_t Len) override { return Ops.drops(Key, Len); }
  bool dropAcquire(uint64_t Key, size_t Len) override {
    return Acquires.drops(Key, Len);
  }

private:
  CappedList<OpSummary> &Ops;
  CappedList<AcqSummary> &Acquires;
};

/// Stamps an entry with its key's hash and whether it is closed.
void stamp(OpSummary &O) {
  O.KeyHash = opKeyHash(O);
  O.Closed = closedOp(O);
}
void stamp(AcqSummary &A) {
  A.KeyHash = acqKeyHash(A);
  A.Closed = closedAcquire(A);
}

bool sameSummary(const FunctionSummary &A, const FunctionSummary &B) {
  if (A.Pending != B.Pending || A.NetAcquired.size() != B.NetAcquired.size() ||
      A.MayAcquired.size() != B.MayAcquired.size() ||
      A.NetReleased.size() != B.NetReleased.size() ||
      A.Ops.size() != B.Ops.size() || A.Acquires.size() != B.Acquires.size() ||
      A.Signals.size() != B.Signals.size() ||
      A.Relations.size() != B.Relations.size())
    return false;
  for (size_t I = 0; I < A.NetAcquired.size(); ++I)
    if (!sameLock(A.NetAcquired[I].Lock, B.NetAcquired[I].Lock))
      return false;
  for (size_t I = 0; I < A.Ops.size(); ++I)
    if (A.Ops[I].KeyHash != B.Ops[I].KeyHash ||
        A.Ops[I].Guards != B.Ops[I].Guards)
      return false;
  for (size_t I = 0; I < A.Acquires.size(); ++I)
    if (A.Acquires[I].KeyHash != B.Acquires[I].KeyHash ||
        A.Acquires[I].Guards != B.Acquires[I].Guards)
      return false;
  for (size_t I = 0; I < A.Signals.size(); ++I)
    if (A.Signals[I].Guards != B.Signals[I].Guards)
      return false;
  for (size_t I = 0; I < A.Relations.size(); ++I)
    if (A.Relations[I].Guards != B.Relations[I].Guards)
      return false;
  return true;
}

} // namespace

FunctionSummary SummaryTable::summarize(const FunctionIR &F,
                                        const FunctionSummary *Seed) {
  if (F.HasModel) {
    // What its callers see is the model's (see FunctionIR::HasModel).
    FunctionIR M;
    M.Sym = F.Sym;
    M.At = F.At;
    M.NumParams = F.NumParams;
    M.HasThis = F.HasThis;
    M.Blocks.resize(2);
    M.Blocks[0].Events = F.Model;
    M.Blocks[0].Succs.push_back(Edge{1});
    M.Entry = 0;
    M.Exit = 1;
    return summarize(M, nullptr);
  }
  FunctionSummary S;
  uint8_t &Cut = S.Cut;
  SummaryLookup Lookup = lookup();
  CappedList<OpSummary> Ops(S.Ops, Limits.MaxOps, Cut, CutWaits);
  CappedList<AcqSummary> Acquires(S.Acquires, Limits.MaxAcquires, Cut,
                                  CutAcquires);
  CappedList<SignalSummary> Signals(S.Signals, Limits.MaxSignals, Cut,
                                    CutSignals);
  CappedList<RelationSummary> Relations(S.Relations, Limits.MaxSignals, Cut,
                                        CutSignals);
  if (Seed) {
    // Inside a recursive component, what an earlier round found stays
    // (every callee summary only grows), so the lists grow monotonically
    // and the caps cannot make the iteration oscillate.
    for (const OpSummary &O : Seed->Ops)
      Ops.add(O, O.KeyHash);
    for (const AcqSummary &A : Seed->Acquires)
      Acquires.add(A, A.KeyHash);
    for (const SignalSummary &G : Seed->Signals)
      Signals.add(G, domainHash(G.Dom));
    for (const RelationSummary &R : Seed->Relations)
      Relations.add(R, relationKeyHash(R));
    Cut |= Seed->Cut;
  }
  SummaryFilter Filter(Ops, Acquires);
  EventVisitor Visit = [&](const Event &E, const LockState &St) {
    EventEffects X;
    eventEffects(F.Sym, E, St, Lookup, Limits.MaxChain, X, WantAll, &Filter);
    if (X.Truncated)
      Cut |= CutCallee;
    for (OpSummary &O : X.Ops) {
      stamp(O);
      uint64_t K = O.KeyHash;
      Ops.add(std::move(O), K);
    }
    for (AcqSummary &A : X.Acquires)
      if (!A.Lock.Local && !A.Lock.empty()) { // a local means nothing above
        stamp(A);
        uint64_t K = A.KeyHash;
        Acquires.add(std::move(A), K);
      }
    for (SignalSummary &G : X.Signals) {
      uint64_t K = domainHash(G.Dom);
      Signals.add(std::move(G), K);
    }
    for (RelationSummary &R : X.Relations) {
      uint64_t K = relationKeyHash(R);
      Relations.add(std::move(R), K);
    }
  };
  DataflowResult R = runDataflow(F, Lookup, &Visit, Limits.MaxDataflowRounds);
  for (const HeldLock &H : R.Exit.Must)
    if (!H.Restored && !H.Lock.Local && !H.Lock.empty())
      S.NetAcquired.push_back(H);
  for (const HeldLock &H : R.Exit.May)
    if (!H.Restored && !H.Conditional && !H.Lock.Local && !H.Lock.empty() &&
        llvm::none_of(S.NetAcquired, [&](const HeldLock &N) {
          return sameLock(N.Lock, H.Lock);
        }))
      S.MayAcquired.push_back(H);
  for (const Term &T : R.Exit.Released)
    S.NetReleased.push_back(T);
  if (F.NoSleep) {
    // By its documented contract it does not sleep where its callers are.
    llvm::erase_if(S.Ops, [](const OpSummary &O) { return O.Sleeps; });
    llvm::erase_if(S.Acquires, [](const AcqSummary &A) {
      return A.Sync || (!A.Implicit && acquisitionSleeps(A.Kind));
    });
  }
  if (F.truncated())
    Cut |= CutLowering;
  if (!R.Converged)
    Cut |= CutDataflow;
  // Summaries live until the end; the growth slack of 100,000 of them is
  // hundreds of megabytes.
  S.Ops.shrink_to_fit();
  S.Acquires.shrink_to_fit();
  S.Signals.shrink_to_fit();
  S.Relations.shrink_to_fit();
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
    // Recursion: start from pending summaries and iterate to a fixpoint,
    // re-summarizing only the callers (in the component) of a function
    // whose summary changed.
    for (uint32_t F : C) {
      Ready[F] = 1;
      Sums[F].Pending = true;
    }
    llvm::DenseMap<uint32_t, unsigned> Pos;
    for (unsigned I = 0; I < C.size(); ++I)
      Pos[C[I]] = I;
    std::vector<std::vector<unsigned>> Callers(C.size());
    for (unsigned I = 0; I < C.size(); ++I) {
      for (const Block &B : P.Functions[C[I]].Blocks)
        for (const Event &E : B.Events)
          for (uint32_t T : E.Targets) {
            if (T >= P.DefinitionOf.size() || P.DefinitionOf[T] < 0)
              continue;
            auto It = Pos.find(uint32_t(P.DefinitionOf[T]));
            if (It != Pos.end())
              Callers[It->second].push_back(I);
          }
    }
    for (std::vector<unsigned> &V : Callers) {
      llvm::sort(V);
      V.erase(std::unique(V.begin(), V.end()), V.end());
    }
    // Rounds over the component, callees before callers as far as the
    // cycles allow (post-order of a depth-first walk over the reversed
    // caller edges), each summarizing only the functions some callee of
    // which changed since their last summary.
    std::vector<unsigned> Order;
    {
      std::vector<std::vector<unsigned>> Callees(C.size());
      for (unsigned I = 0; I < C.size(); ++I)
        for (unsigned Caller : Callers[I])
          Callees[Caller].push_back(I);
      std::vector<char> Seen(C.size(), 0);
      for (unsigned Root = 0; Root < C.size(); ++Root) {
        if (Seen[Root])
          continue;
        Seen[Root] = 1;
        std::vector<std::pair<unsigned, size_t>> Stack{{Root, 0}};
        while (!Stack.empty()) {
          auto &[V, Next] = Stack.back();
          if (Next < Callees[V].size()) {
            unsigned W = Callees[V][Next++];
            if (!Seen[W]) {
              Seen[W] = 1;
              Stack.push_back({W, 0});
            }
            continue;
          }
          Order.push_back(V);
          Stack.pop_back();
        }
      }
    }
    std::vector<char> Dirty(C.size(), 1);
    bool Stable = false;
    for (unsigned Round = 0; !Stable && Round < Limits.MaxSccIterations;
         ++Round) {
      Stable = true;
      for (unsigned I : Order) {
        if (!Dirty[I])
          continue;
        Dirty[I] = 0;
        uint32_t F = C[I];
        FunctionSummary New = summarize(P.Functions[F], &Sums[F]);
        bool Same = sameSummary(New, Sums[F]);
        Sums[F] = std::move(New);
        if (Same)
          continue;
        Stable = false;
        for (unsigned Caller : Callers[I])
          Dirty[Caller] = 1;
      }
      if (Stable)
        Stable = llvm::none_of(Dirty, [](char D) { return D; });
    }
    if (!Stable) {
      for (uint32_t F : C)
        Sums[F].Cut |= CutRecursion;
      Unconverged.push_back(P.Functions[C[0]].Sym);
    }
  }
}

} // namespace holdwait

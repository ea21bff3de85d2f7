//===- Analysis.cpp - the engine pipeline the checks read -----------------===//
#include "analysis/Analysis.h"
#include "annotations/Profile.h"

#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Timer.h"
#include "llvm/Support/raw_ostream.h"

namespace holdwait {

namespace {
/// Resident memory now (Linux; 0 elsewhere), for the phase report.
uint64_t residentMiB() {
  // A /proc file reports size 0: read it as a stream.
  auto Buf = llvm::MemoryBuffer::getFileAsStream("/proc/self/statm");
  if (!Buf)
    return 0;
  llvm::StringRef Pages =
      (*Buf)->getBuffer().split(' ').second.split(' ').first;
  uint64_t N = 0;
  if (Pages.getAsInteger(10, N))
    return 0;
  return N * llvm::sys::Process::getPageSizeEstimate() >> 20;
}
} // namespace

Analysis::Analysis(const Program &P, const Profile &Prof, const Budgets &B)
    : P(P), Prof(Prof), B(B) {
  // HOLDWAIT_TIMING=1 prints how long each engine phase took.
  bool Timing = llvm::sys::Process::GetEnv("HOLDWAIT_TIMING").has_value();
  llvm::TimerGroup Group("holdwait", "holdwait engine phases");
  llvm::Timer TSum("summaries", "summaries", Group),
      TFacts("facts", "facts", Group), TCtx("contexts", "contexts", Group),
      TOrder("lock order", "lock order", Group);
  auto Phase = [&](llvm::Timer &T, auto Fn) {
    if (Timing)
      T.startTimer();
    Fn();
    if (Timing) {
      T.stopTimer();
      llvm::errs() << "holdwait: after " << T.getName() << ": resident "
                   << residentMiB() << " MiB\n";
    }
  };
  Phase(TSum, [&] {
    Sums = std::make_unique<SummaryTable>(P, B.Summary);
    Sums->compute();
  });
  Phase(TFacts, [&] {
    Facts = std::make_unique<ProgramFacts>(collectFacts(P, *Sums));
  });
  Phase(TCtx,
        [&] { Ctx = std::make_unique<Contexts>(P, *Sums, *Facts, Prof); });
  Finder = std::make_unique<ConflictFinder>(*Ctx, Prof, P.SourceConflicts);
  Phase(TOrder, [&] {
    Order = std::make_unique<LockOrderGraph>(P, *Sums, *Facts, Prof, B.Order);
  });
  if (Timing) {
    llvm::errs() << "holdwait: " << P.Functions.size() << " functions, "
                 << Facts->Waits.size() << " wait sites, "
                 << Facts->Acquires.size() << " acquire sites, "
                 << Order->numEdges() << " lock-order edges\n";
    Group.print(llvm::errs());
  }
}

Analysis::~Analysis() = default;

namespace {
/// "budget NAME=VALUE hit in COUNT WHAT: EXAMPLES; CONSEQUENCE": one note per
/// budget, whatever the number of places, with the first few of them.
std::string budgetNote(const char *Name, unsigned Value, size_t Count,
                       const std::string &What,
                       const std::vector<std::string> &Examples,
                       const std::string &Consequence) {
  std::string Note = "budget " + std::string(Name) + "=" +
                     std::to_string(Value) + " hit in " +
                     std::to_string(Count) + " " + What;
  for (size_t I = 0; I < Examples.size() && I < 3; ++I)
    Note += (I ? ", " : ": ") + Examples[I];
  if (Examples.size() > 3)
    Note += ", ...";
  return Note + "; " + Consequence + " (--budget=" + Name + "=N raises it)";
}
} // namespace

std::vector<std::string> Analysis::notes() const {
  std::vector<std::string> N;
  auto Where = [&](uint32_t Sym, const Loc &At) {
    std::string S = P.name(Sym);
    if (At.valid())
      S += " (" + llvm::sys::path::filename(P.fileName(At)).str() + ":" +
           std::to_string(At.Line) + ")";
    return S;
  };

  // The front end's budgets, per function and per unit.
  std::vector<std::string> ByEvents, ByUnit, NoCFG;
  for (const FunctionIR &F : P.Functions) {
    if (F.Cut == LoweringCut::FunctionEvents)
      ByEvents.push_back(Where(F.Sym, F.At));
    else if (F.Cut == LoweringCut::UnitEvents)
      ByUnit.push_back(Where(F.Sym, F.At));
    else if (F.Cut == LoweringCut::NoCFG)
      NoCFG.push_back(Where(F.Sym, F.At));
  }
  if (!ByEvents.empty())
    N.push_back(budgetNote("function-events", B.Lowering.MaxEventsPerFunction,
                           ByEvents.size(), "function(s)", ByEvents,
                           "their statements after that many events were "
                           "not analyzed"));
  if (!ByUnit.empty())
    N.push_back(budgetNote("unit-events", B.Lowering.MaxEventsPerUnit,
                           ByUnit.size(), "function(s)", ByUnit,
                           "their translation unit's budget was spent, so "
                           "they were analyzed as if empty"));
  if (!P.UnitCuts.empty()) {
    std::vector<std::string> Units;
    for (const Program::UnitCut &U : P.UnitCuts)
      Units.push_back(llvm::sys::path::filename(U.File).str() + " (" +
                      std::to_string(U.NotLowered) + " not lowered, first " +
                      U.First + ")");
    N.push_back(budgetNote("unit-functions", B.Lowering.MaxFunctions,
                           Units.size(), "translation unit(s)", Units,
                           "calls to the functions not lowered are analyzed "
                           "as calls to unknown functions"));
  }
  if (!NoCFG.empty()) {
    std::string Names;
    for (size_t I = 0; I < NoCFG.size() && I < 3; ++I)
      Names += (I ? ", " : "") + NoCFG[I];
    N.push_back("Clang could not build the control-flow graph of " +
                std::to_string(NoCFG.size()) + " function(s): " + Names +
                (NoCFG.size() > 3 ? ", ..." : "") +
                "; they were analyzed as if empty");
  }

  // The summaries' budgets: where each was hit, not where an incomplete
  // callee made a caller incomplete too (counted once, at the end).
  struct Cap {
    SummaryCut Bit;
    const char *Name;
    unsigned Value;
    const char *Consequence;
    std::vector<std::string> At;
  } Caps[] = {
      {CutWaits, "summary-waits", B.Summary.MaxOps,
       "their callers see only that many of the waits, wakeups and sleeps "
       "they reach"},
      {CutAcquires, "summary-acquires", B.Summary.MaxAcquires,
       "their callers see only that many of the locks they take"},
      {CutSignals, "summary-signals", B.Summary.MaxSignals,
       "their callers see only that many of their signals and relations"},
      {CutDataflow, "dataflow-rounds", B.Summary.MaxDataflowRounds,
       "their held-lock dataflow stopped before a fixpoint"},
  };
  size_t Incomplete = 0;
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    const FunctionSummary &S = Sums->ofFunction(I);
    Incomplete += S.truncated();
    for (Cap &C : Caps)
      if (S.Cut & C.Bit)
        C.At.push_back(Where(P.Functions[I].Sym, P.Functions[I].At));
  }
  for (const Cap &C : Caps)
    if (!C.At.empty())
      N.push_back(budgetNote(C.Name, C.Value, C.At.size(), "function(s)", C.At,
                             C.Consequence));
  if (!Sums->unconverged().empty()) {
    std::vector<std::string> Through;
    for (uint32_t Sym : Sums->unconverged())
      Through.push_back(P.name(Sym) + "()");
    N.push_back(budgetNote("recursion-rounds", B.Summary.MaxSccIterations,
                           Through.size(), "recursive component(s)", Through,
                           "the summaries of their functions are partial"));
  }
  if (Incomplete)
    N.push_back(std::to_string(Incomplete) +
                " function summaries are incomplete (a budget above, theirs "
                "or a callee's); findings through them may be missed");

  if (Order->cyclesTruncated())
    N.push_back(
        "budget cycles=" + std::to_string(B.Order.MaxCycles) +
        " or cycle-search-steps=" + std::to_string(B.Order.MaxSearchSteps) +
        " hit in the lock-order graph (" + std::to_string(Order->numEdges()) +
        " edges); lock-order-cycle reports the first " +
        std::to_string(Order->allCycles().size()) +
        " cycles found (--budget=cycles=N or "
        "--budget=cycle-search-steps=N raises it)");
  if (!Order->onLongCyclesOnly().empty())
    N.push_back(budgetNote(
        "cycle-length", B.Order.MaxCycleLength,
        Order->onLongCyclesOnly().size(), "lock class(es)",
        Order->onLongCyclesOnly(),
        "they are on longer lock-order cycles only, which are not reported"));
  if (Facts->UnresolvedCalls)
    N.push_back(std::to_string(Facts->UnresolvedCalls) +
                " call(s) through function pointers were not resolved; what "
                "they reach is not analyzed");
  return N;
}

SourcePoint Analysis::point(const Loc &L) const {
  SourcePoint Pt;
  if (!L.valid())
    return Pt;
  Pt.File = P.fileName(L);
  Pt.Line = L.Line;
  Pt.Column = L.Col;
  return Pt;
}

std::vector<FindingStep> Analysis::steps(const Chain &C) const {
  std::vector<FindingStep> Out;
  for (const ChainStep &S : C)
    Out.push_back({P.name(S.Fn), P.name(S.Callee), point(S.At)});
  return Out;
}

static std::string waitPhrase(const OpSummary &Op, const std::string &Domain) {
  switch (Op.Kind) {
  case WaitKind::GracePeriod:
    return Domain == "rcu" ? "waits for an RCU grace period"
                           : "waits for a grace period of " + Domain;
  case WaitKind::WorkerWait:
    return "waits for " + Domain;
  case WaitKind::Wakeup:
    return "wakes a task, taking " + (Op.Implicit.empty()
                                          ? std::string("the runqueue lock")
                                          : Op.Implicit.str());
  case WaitKind::Sleep:
    return Op.LockAcquire ? "may sleep acquiring " + Op.Lock.display()
                          : "may sleep";
  }
  return "blocks";
}

Finding Analysis::waitFinding(llvm::StringRef Check, const WaitSite &W,
                              const HeldLock &H, const Conflict &C) const {
  Finding F;
  F.Check = Check.str();
  F.At = point(W.At);
  F.Function = P.name(W.Fn);
  F.Lock = H.Lock.display();
  F.LockKind = lockKindName(H.Kind).str();
  F.LockAt = point(H.Site);
  F.LockVia = P.name(H.Via);
  F.LockChain = steps(H.Inner);
  F.Callee = W.Op.Steps.empty() ? P.name(W.Op.Leaf)
                                : P.name(W.Op.Steps.front().Callee);
  F.Blocking = P.name(W.Op.Leaf);
  F.WaitKind = waitKindName(W.Op.Kind).str();
  F.Domain = W.Op.Dom.empty() ? "" : W.Op.Dom.name();
  F.Chain = steps(W.Op.Steps);
  F.ChainCut = W.Op.Steps.truncated();
  F.Conflict = conflictKindName(C.Kind).str();
  F.Reason = C.Reason;
  F.AnnotationRef = C.Ref;
  F.Reference = C.Reference;
  if (C.Other) {
    const Need &N = *C.Other;
    F.HasOther = true;
    F.Other.Function = P.name(N.Fn);
    F.Other.How = N.How;
    F.Other.Context = N.ContextWhat;
    F.Other.ContextAt = point(N.ContextAt);
    F.Other.Chain = steps(N.Steps);
    F.Other.Sync = N.Sync;
    if (!N.Steps.empty())
      F.Other.AcquiredAt = point(N.Steps.back().At);
  }

  std::string Reach = F.Callee == F.Blocking
                          ? F.Blocking + "()"
                          : F.Callee + "() reaches " + F.Blocking + "(), which";
  std::string Phrase = waitPhrase(W.Op, F.Domain);
  F.Message =
      Reach + " " + Phrase + " while " + F.Function + "() holds " + F.Lock;
  switch (C.Kind) {
  case ConflictKind::Inferred:
    F.Message += "; " + C.Other->How + " and needs " + F.Lock;
    break;
  case ConflictKind::Annotated:
    F.Message +=
        ", which is annotated as conflicting (" + shortRef(C.Ref) + ")";
    break;
  case ConflictKind::Atomic:
    F.Message += ", a " + F.LockKind + " (atomic context)";
    break;
  case ConflictKind::Self:
    F.Message += ", its own read-side section of " + F.Domain;
    break;
  }
  return F;
}

OrderLink Analysis::orderLink(const OrderEdge &E) const {
  const OrderEvidence &X = E.Evidence.front();
  OrderLink O;
  O.From = E.From;
  O.To = E.To;
  O.Function = P.name(X.Fn);
  O.Context = X.HeldHow;
  O.HeldAt = point(X.HeldAt);
  if (X.HeldVia != NoIndex)
    O.HeldVia = P.name(X.HeldVia);
  O.HeldChain = steps(X.HeldInner);
  O.At = point(X.At);
  O.Chain = steps(X.Steps);
  O.Implicit = X.AcqHow;
  return O;
}

std::vector<std::string> explanationOf(const Finding &F) {
  return F.Explanation.empty() ? drawFinding(F) : F.Explanation;
}

} // namespace holdwait

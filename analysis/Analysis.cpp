//===- Analysis.cpp - the engine pipeline the checks read -----------------===//
#include "analysis/Analysis.h"
#include "annotations/Profile.h"

#include "llvm/Support/MemoryBuffer.h"
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

Analysis::Analysis(const Program &P, const Profile &Prof, SummaryLimits Limits)
    : P(P), Prof(Prof) {
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
    Sums = std::make_unique<SummaryTable>(P, Limits);
    Sums->compute();
  });
  Phase(TFacts, [&] {
    Facts = std::make_unique<ProgramFacts>(collectFacts(P, *Sums));
  });
  Phase(TCtx,
        [&] { Ctx = std::make_unique<Contexts>(P, *Sums, *Facts, Prof); });
  Finder = std::make_unique<ConflictFinder>(*Ctx, Prof, P.SourceConflicts);
  Phase(TOrder, [&] {
    Order = std::make_unique<LockOrderGraph>(P, *Sums, *Facts, Prof);
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

std::vector<std::string> Analysis::notes() const {
  std::vector<std::string> N;
  unsigned Truncated = 0;
  for (size_t I = 0; I < P.Functions.size(); ++I)
    Truncated += Sums->ofFunction(I).Truncated;
  if (Truncated)
    N.push_back(std::to_string(Truncated) +
                " function summaries hit a size or iteration limit; findings "
                "through them may be incomplete");
  for (uint32_t Sym : Sums->unconverged())
    N.push_back("recursion through " + P.name(Sym) +
                "() did not converge; its summary is partial");
  if (Order->cyclesTruncated())
    N.push_back("the lock-order graph (" + std::to_string(Order->numEdges()) +
                " edges) has more cycles than are searched; lock-order-cycle "
                "reports the first " +
                std::to_string(Order->allCycles().size()));
  if (!Order->onLongCyclesOnly().empty()) {
    const std::vector<std::string> &L = Order->onLongCyclesOnly();
    std::string Names;
    for (size_t I = 0; I < L.size() && I < 5; ++I)
      Names += (I ? ", " : "") + L[I];
    if (L.size() > 5)
      Names += ", ...";
    N.push_back(std::to_string(L.size()) +
                " lock class(es) are on lock-order cycles longer than " +
                std::to_string(LockOrderGraph::MaxCycleLength) +
                " locks only, which are not reported: " + Names);
  }
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

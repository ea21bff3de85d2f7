//===- IRDump.cpp - a readable dump of the lock IR ------------------------===//
#include "analysis/IRDump.h"

namespace holdwait {

static std::string term(const Term &T) {
  if (T.empty() && T.Instance.empty())
    return "-";
  std::string S = T.display();
  if (!T.Instance.empty() && T.Instance != S)
    S += " {" + T.Instance + "}";
  if (T.Root != Term::NoRoot && !T.Class.empty())
    S += " [root " +
         (T.Root == Term::ThisRoot ? std::string("this")
                                   : std::to_string(T.Root)) +
         T.Path + "]";
  return S;
}

/// One event: `line:column kind function` and its operands.
static void dumpBits(llvm::raw_ostream &OS, llvm::ArrayRef<ArgBits> Vals) {
  OS << "bits=[";
  for (size_t I = 0; I < Vals.size(); ++I)
    OS << (I ? ", " : "") << Vals[I].str();
  OS << "]";
}

static void dumpEvent(llvm::raw_ostream &OS, const Program &P, const Event &E) {
  OS << "    " << E.At.Line << ":" << E.At.Col << " " << eventKindName(E.Kind)
     << " " << P.name(E.Callee);
  switch (E.Kind) {
  case EventKind::Call:
    OS << " ->";
    for (uint32_t T : E.Targets)
      OS << " " << P.name(T);
    if (E.Targets.empty())
      OS << " <unresolved " << E.Field << ">";
    OS << " this=" << term(E.ThisArg) << " args=[";
    for (size_t I = 0; I < E.Args.size(); ++I)
      OS << (I ? ", " : "") << term(E.Args[I]);
    OS << "]";
    if (!E.ArgVals.empty()) {
      OS << " ";
      dumpBits(OS, E.ArgVals);
    }
    // `| when $1 & 0x4: bits=[..]`: what one group of paths knows.
    for (const ArgAlt &A : E.ArgAlts) {
      OS << " | when ";
      for (size_t I = 0; I < A.When.size(); ++I)
        OS << (I ? ", " : "") << A.When[I].str();
      OS << ": ";
      dumpBits(OS, A.Vals);
    }
    if (E.ResultOwner >= 0)
      OS << " result-owner=" << E.ResultOwner;
    if (E.ReleasesOwner)
      OS << " releases-owner=" << E.Owner;
    break;
  case EventKind::Wait:
    OS << " " << waitKindName(E.WKind) << " " << E.Dom.name();
    if (!E.Released.empty())
      OS << " releases " << term(E.Released);
    if (E.ReleasedOwner >= 0)
      OS << " releases-owner=" << E.ReleasedOwner;
    break;
  case EventKind::Signal:
    OS << " " << E.Dom.name();
    break;
  case EventKind::Bind:
    OS << " " << (E.Dom.empty() ? "-" : E.Dom.name()) << " field=" << E.Field;
    break;
  case EventKind::Relate:
    OS << " " << E.Dom.name() << " contains " << E.Member.name();
    break;
  default:
    OS << " " << term(E.Lock) << " " << lockKindName(E.LKind)
       << (E.Mode == LockMode::Shared ? " shared" : "");
    if (E.Owner >= 0)
      OS << " owner=" << E.Owner;
    if (E.TryId >= 0)
      OS << " try=" << E.TryId;
  }
  OS << "\n";
}

void dumpIR(llvm::raw_ostream &OS, const Program &P, llvm::StringRef Filter) {
  for (const FunctionIR &F : P.Functions) {
    const std::string &Name = P.name(F.Sym);
    if (!Filter.empty() && Name.find(Filter.str()) == std::string::npos)
      continue;
    OS << "function " << Name << " (" << P.fileName(F.At) << ":" << F.At.Line
       << ") entry=" << F.Entry << " exit=" << F.Exit << "\n";
    for (const std::string &D : F.Notes.RunsIn)
      OS << "  runs in " << D << "\n";
    if (F.NoSleep)
      OS << "  no-sleep (kernel-doc Context)\n";
    if (F.HasModel) {
      // What callers see instead of the body (FunctionIR::HasModel).
      OS << "  model:" << (F.Model.empty() ? " context-safe" : "") << "\n";
      for (const Event &E : F.Model)
        dumpEvent(OS, P, E);
    }
    for (size_t B = 0; B < F.Blocks.size(); ++B) {
      const Block &Bl = F.Blocks[B];
      if (Bl.Events.empty() && Bl.Succs.empty())
        continue;
      OS << "  B" << B << ":\n";
      for (const Event &E : Bl.Events)
        dumpEvent(OS, P, E);
      OS << "    ->";
      for (const Edge &Ed : Bl.Succs) {
        OS << " B" << Ed.To;
        if (Ed.TryId >= 0)
          OS << "(try" << Ed.TryId << (Ed.OnSuccess ? " ok" : " fail") << ")";
        if (Ed.When.Param >= 0)
          OS << "(if " << Ed.When.str() << ")";
      }
      OS << "\n";
    }
  }
}

/// `when $1 & 0x400, !($0 & 0x1)`: the entry parameters' conditions.
static void guards(llvm::raw_ostream &OS, const GuardList &Gs) {
  for (size_t I = 0; I < Gs.size(); ++I)
    OS << (I ? ", " : " when ") << Gs[I].str();
}

void dumpSummaries(llvm::raw_ostream &OS, const Program &P,
                   const SummaryTable &S, llvm::StringRef Filter) {
  for (size_t I = 0; I < P.Functions.size(); ++I) {
    const FunctionIR &F = P.Functions[I];
    const std::string &Name = P.name(F.Sym);
    if (!Filter.empty() && Name.find(Filter.str()) == std::string::npos)
      continue;
    const FunctionSummary &Sm = S.ofFunction(I);
    OS << "summary " << Name << (Sm.truncated() ? " (truncated)" : "") << "\n";
    for (const HeldLock &H : Sm.NetAcquired)
      OS << "  returns holding " << term(H.Lock) << "\n";
    for (const HeldLock &H : Sm.MayAcquired)
      OS << "  may return holding " << term(H.Lock) << "\n";
    for (const Term &T : Sm.NetReleased)
      OS << "  releases " << term(T) << "\n";
    for (const OpSummary &O : Sm.Ops) {
      OS << "  op " << waitKindName(O.Kind) << " " << O.Dom.name() << " leaf "
         << P.name(O.Leaf) << " via";
      for (const ChainStep &C : O.Steps)
        OS << " " << P.name(C.Callee) << ":" << C.At.Line;
      for (const Term &X : O.Excluded)
        OS << " excluding " << term(X);
      guards(OS, O.Guards);
      OS << "\n";
    }
    for (const AcqSummary &A : Sm.Acquires) {
      OS << "  acquires " << term(A.Lock) << (A.Sync ? " (sync)" : "")
         << " via";
      for (const ChainStep &C : A.Steps)
        OS << " " << P.name(C.Callee) << ":" << C.At.Line;
      guards(OS, A.Guards);
      OS << "\n";
    }
    for (const SignalSummary &G : Sm.Signals) {
      OS << "  signals " << G.Dom.name();
      guards(OS, G.Guards);
      OS << "\n";
    }
  }
}

void dumpFields(llvm::raw_ostream &OS, const Program &P,
                llvm::StringRef Filter) {
  std::vector<size_t> Order;
  for (size_t I = 0; I < P.Fields.size(); ++I)
    if (llvm::StringRef(P.Fields[I].Name).contains(Filter))
      Order.push_back(I);
  llvm::sort(Order, [&](size_t A, size_t B) {
    return P.Fields[A].Name < P.Fields[B].Name;
  });
  if (!P.UseFieldValues)
    OS << "(field values are not used in this run: see --field-values)\n";
  for (size_t I : Order) {
    const FieldFact &F = P.Fields[I];
    OS << F.Name << ": ";
    if (!F.Unknown) {
      OS << "0";
      if (F.MayHold)
        OS << " or bits of " << llvm::format_hex(F.MayHold, 0);
      OS << "\n";
      continue;
    }
    // Facts from an older cache may lack the reason.
    OS << "anything (" << (F.Why.empty() ? "reason not recorded" : F.Why)
       << ")\n";
  }
}

} // namespace holdwait

//===- Finding.cpp - ordering and drawing findings ------------------------===//
#include "analysis/Finding.h"
#include "analysis/Analysis.h"

#include "llvm/Support/Path.h"
#include <algorithm>
#include <fmt/format.h>
#include <tuple>

namespace holdwait {

std::string Finding::orderPath() const {
  std::string R;
  for (const OrderLink &O : Order)
    R += (R.empty() ? O.From : "") + " -> " + O.To;
  return R;
}

std::string Finding::key() const {
  return Check + "|" + At.File + ":" + std::to_string(At.Line) + ":" +
         std::to_string(At.Column) + "|" + Lock + "|" + Domain + "|" +
         WaitKind + "|" + Blocking + "|" + orderPath();
}

std::string shortRef(const std::string &Ref) {
  if (Ref.empty() || Ref[0] != '/')
    return Ref;
  return llvm::sys::path::filename(Ref).str();
}

bool operator<(const Finding &A, const Finding &B) {
  auto Key = [](const Finding &F) {
    return std::make_tuple(F.At.File, F.At.Line, F.At.Column, F.Check, F.Lock,
                           F.Domain, F.Blocking, F.orderPath());
  };
  return Key(A) < Key(B);
}

namespace {
constexpr size_t Column = 52;

std::string where(const SourcePoint &P) {
  if (P.File.empty())
    return "";
  return llvm::sys::path::filename(P.File).str() + ":" + std::to_string(P.Line);
}

std::string row(unsigned Indent, const std::string &Text,
                const std::string &Right) {
  std::string Left = fmt::format("{:{}}{}", "", Indent, Text);
  if (Right.empty())
    return Left;
  // Locations line up in one column unless the text is longer.
  return fmt::format("{:<{}}{}", Left, std::max(Column, Left.size() + 2),
                     Right);
}
} // namespace

std::vector<std::string> drawOrderLink(const OrderLink &O, unsigned Indent) {
  std::vector<std::string> L;
  if (O.Context.empty()) {
    L.push_back(row(Indent, O.Function + "()", "holds " + O.From));
    L.push_back(
        row(Indent + 2, O.HeldVia + "(" + O.From + ")", where(O.HeldAt)));
    unsigned In = Indent + 4;
    for (const FindingStep &S : O.HeldChain) {
      L.push_back(row(In, S.Callee + "()", where(S.At)));
      In += 2;
    }
  } else {
    L.push_back(row(Indent, O.Function + "()", "runs under " + O.From));
    L.push_back(row(Indent + 2, O.Context, where(O.HeldAt)));
  }
  unsigned In = Indent + 2;
  for (size_t I = 0; I < O.Chain.size(); ++I) {
    bool Last = I + 1 == O.Chain.size();
    const FindingStep &S = O.Chain[I];
    std::string Text =
        S.Callee +
        (Last && O.Implicit.empty() ? "(" + O.To + ")" : std::string("()"));
    L.push_back(row(In, Text, where(S.At)));
    In += 2;
  }
  if (!O.Implicit.empty())
    L.push_back(row(In, "(" + O.Implicit + ")", ""));
  return L;
}

std::vector<std::string> drawFinding(const Finding &F) {
  std::vector<std::string> L;
  if (!F.Order.empty()) {
    bool Cycle = F.Order.front().From == F.Order.back().To;
    if (Cycle)
      L.push_back("  lock order: " + F.orderPath());
    for (size_t I = 0; I < F.Order.size(); ++I) {
      const OrderLink &O = F.Order[I];
      std::string Head = Cycle ? "thread " + std::string(1, char('A' + I)) +
                                     ": " + O.From + " -> " + O.To
                               : "taken: " + O.From + " -> " + O.To;
      L.push_back("  " + Head);
      for (std::string &Row : drawOrderLink(O, 4))
        L.push_back(std::move(Row));
    }
    if (Cycle)
      L.push_back("  Each thread holds its first lock and waits for the next; "
                  "run together, none can go on.");
    else {
      L.push_back("  documented order: " + F.Order.back().To +
                  " is taken outside " + F.Order.front().From);
      L.push_back("            (" + shortRef(F.AnnotationRef) + ": " +
                  F.Reason + ")");
      if (!F.Reference.empty())
        L.push_back("            see " + F.Reference);
    }
    return L;
  }
  std::string Waits = F.Domain.empty() ? F.WaitKind : F.Domain;
  std::string What;
  if (F.Lock.empty())
    What = "runs in " + Waits; // waits for its own domain: no lock
  else if (F.WaitKind == "lock")
    What = "takes " + F.Lock + " again";
  else if (F.WaitKind == "sleep")
    What = "sleeps";
  else if (F.WaitKind == "wakeup")
    What = "wakes a task (takes the runqueue lock)";
  else
    What = "waits on " + Waits;
  L.push_back(row(2, "thread A: " + F.Function + "()", What));
  if (!F.Lock.empty()) {
    L.push_back(row(4, F.LockVia + "(" + F.Lock + ")", where(F.LockAt)));
    unsigned Indent = 6;
    for (const FindingStep &S : F.LockChain) {
      L.push_back(row(Indent, S.Callee + "()", where(S.At)));
      Indent += 2;
    }
  }
  unsigned Indent = 4;
  for (const FindingStep &S : F.Chain) {
    L.push_back(row(Indent, S.Callee + "()", where(S.At)));
    Indent += 2;
  }
  if (F.ChainCut)
    L.push_back(std::string(Indent, ' ') +
                "... (deeper calls not shown: budget chain-steps)");
  if (F.HasOther) {
    std::string Need = F.Other.Sync ? "waits for a grace period of " + F.Lock
                                    : "needs " + F.Lock;
    L.push_back(row(2, "thread B: " + F.Other.Function + "()",
                    (F.WaitKind == "wakeup" ? std::string("under rq.__lock")
                                            : "in " + Waits) +
                        ", " + Need));
    if (!F.Other.Context.empty())
      L.push_back(row(4, F.Other.Context, where(F.Other.ContextAt)));
    Indent = 4;
    for (size_t I = 0; I < F.Other.Chain.size(); ++I) {
      const FindingStep &S = F.Other.Chain[I];
      bool Last = I + 1 == F.Other.Chain.size();
      L.push_back(row(Indent, S.Callee + (Last ? "(" + F.Lock + ")" : "()"),
                      where(S.At)));
      Indent += 2;
    }
    if (F.WaitKind == "wakeup")
      L.push_back("  A holds " + F.Lock +
                  " and then takes the runqueue lock; "
                  "B holds the runqueue lock and then takes " +
                  F.Lock + ".");
    else if (F.Other.Sync)
      L.push_back("  A's read-side section of " + F.Lock +
                  " must end before "
                  "B's grace period can; A waits for " +
                  Waits + ", which waits for B.");
    else
      L.push_back("  A holds " + F.Lock + " until " + Waits +
                  " makes progress; B must take " + F.Lock + " first.");
  }
  if (F.Conflict == "annotated") {
    L.push_back("  conflict: " + F.Lock + " is listed as conflicting with " +
                F.WaitKind + " waits on " + Waits);
    L.push_back("            (" + shortRef(F.AnnotationRef) + ": " + F.Reason +
                ")");
    if (!F.Reference.empty())
      L.push_back("            see " + F.Reference);
  } else if (F.Conflict == "atomic" || F.Conflict == "self") {
    L.push_back("  conflict: " + F.Reason);
  }
  return L;
}

} // namespace holdwait

//===- Finding.cpp - ordering and drawing findings ------------------------===//
#include "analysis/Finding.h"
#include "analysis/Analysis.h"

#include "llvm/Support/Path.h"
#include <algorithm>
#include <fmt/format.h>
#include <tuple>

namespace holdwait {

std::string Finding::key() const {
  return Check + "|" + At.File + ":" + std::to_string(At.Line) + ":" +
         std::to_string(At.Column) + "|" + Lock + "|" + Domain + "|" +
         WaitKind + "|" + Blocking;
}

std::string shortRef(const std::string &Ref) {
  if (Ref.empty() || Ref[0] != '/')
    return Ref;
  return llvm::sys::path::filename(Ref).str();
}

bool operator<(const Finding &A, const Finding &B) {
  return std::tie(A.At.File, A.At.Line, A.At.Column, A.Check, A.Lock, A.Domain,
                  A.Blocking) < std::tie(B.At.File, B.At.Line, B.At.Column,
                                         B.Check, B.Lock, B.Domain, B.Blocking);
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

std::vector<std::string> drawFinding(const Finding &F) {
  std::vector<std::string> L;
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

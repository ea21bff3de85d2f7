//===- JsonOutput.cpp - the JSON contract ---------------------------------===//
//
// One object: {"version": 1, "findings": [...], "errors": [...],
// "notes": [...]}. Fields are written in a fixed order; docs/json-schema.md
// documents them and stays in step with this file.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analysis.h"
#include "tool/Output.h"

#include "llvm/Support/JSON.h"

namespace holdwait {

namespace {
void point(llvm::json::OStream &J, const SourcePoint &P) {
  J.attribute("file", P.File);
  J.attribute("line", int64_t(P.Line));
  J.attribute("column", int64_t(P.Column));
}

void steps(llvm::json::OStream &J, llvm::StringRef Key,
           const std::vector<FindingStep> &S) {
  J.attributeArray(Key, [&] {
    for (const FindingStep &St : S)
      J.object([&] {
        J.attribute("function", St.Function);
        J.attribute("callee", St.Callee);
        point(J, St.At);
      });
  });
}

/// The fields of one finding, shared by "findings" and "suppressed".
void findingFields(llvm::json::OStream &J, const Finding &F) {
  J.attribute("check", F.Check);
  J.attribute("severity", F.Severity);
  point(J, F.At);
  J.attribute("function", F.Function);
  J.attribute("lock", F.Lock);
  J.attribute("lock_kind", F.LockKind);
  J.attributeObject("lock_acquired", [&] {
    point(J, F.LockAt);
    J.attribute("via", F.LockVia);
  });
  steps(J, "lock_chain", F.LockChain);
  J.attribute("callee", F.Callee);
  J.attribute("blocking", F.Blocking);
  J.attribute("wait_kind", F.WaitKind);
  J.attribute("domain", F.Domain);
  steps(J, "chain", F.Chain);
  if (F.ChainCut)
    J.attribute("chain_cut", true);
  J.attributeObject("conflict", [&] {
    J.attribute("kind", F.Conflict);
    J.attribute("reason", F.Reason);
    if (!F.AnnotationRef.empty())
      J.attribute("annotation", F.AnnotationRef);
    if (!F.Reference.empty())
      J.attribute("reference", F.Reference);
    if (F.HasOther)
      J.attributeObject("other_side", [&] {
        J.attribute("function", F.Other.Function);
        J.attribute("how", F.Other.How);
        if (!F.Other.Context.empty()) {
          J.attribute("context", F.Other.Context);
          J.attributeObject("context_at", [&] { point(J, F.Other.ContextAt); });
        }
        steps(J, "chain", F.Other.Chain);
        J.attributeObject("acquired_at", [&] { point(J, F.Other.AcquiredAt); });
      });
  });
  if (!F.Order.empty())
    J.attributeArray("order", [&] {
      for (const OrderLink &O : F.Order)
        J.object([&] {
          J.attribute("from", O.From);
          J.attribute("to", O.To);
          J.attribute("function", O.Function);
          if (!O.Context.empty())
            J.attribute("context", O.Context);
          J.attributeObject("held_at", [&] {
            point(J, O.HeldAt);
            J.attribute("via", O.HeldVia);
          });
          steps(J, "held_chain", O.HeldChain);
          J.attributeObject("at", [&] { point(J, O.At); });
          steps(J, "chain", O.Chain);
          if (!O.Implicit.empty())
            J.attribute("implicit", O.Implicit);
        });
    });
  J.attribute("message", F.Message);
  J.attributeArray("explanation", [&] {
    for (const std::string &L : explanationOf(F))
      J.value(L);
  });
}
} // namespace

void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<InputError> &Errors,
               const std::vector<std::string> &Notes,
               const std::vector<SuppressedFinding> *Suppressed) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const Finding &F : Findings)
        J.object([&] { findingFields(J, F); });
    });
    J.attributeArray("errors", [&] {
      for (const InputError &E : Errors)
        J.object([&] {
          J.attribute("file", E.File);
          J.attribute("message", E.Message);
        });
    });
    J.attributeArray("notes", [&] {
      for (const std::string &N : Notes)
        J.value(N);
    });
    // Only with --show-suppressed: a report without the field reads as
    // before.
    if (Suppressed)
      J.attributeArray("suppressed", [&] {
        for (const SuppressedFinding &S : *Suppressed)
          J.object([&] {
            findingFields(J, S.F);
            J.attributeObject("suppression", [&] {
              J.attribute("comment", S.Comment);
              point(J, S.CommentAt);
              J.attribute("reason", S.Reason);
            });
          });
      });
  });
  OS << "\n";
}

} // namespace holdwait

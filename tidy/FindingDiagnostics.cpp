//===- FindingDiagnostics.cpp - a finding as clang-tidy diagnostics -------===//
#include "tidy/FindingDiagnostics.h"

#include "clang/Basic/FileManager.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace holdwait {
namespace tidy {

namespace {

/// Diagnostic messages are format strings: a `%` of ours must stay text.
std::string escaped(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (C == '%')
      Out += '%';
    Out += C;
  }
  return Out;
}

/// `file.c:12`, as the holdwait drawing writes a place in text.
std::string where(const SourcePoint &P) {
  return llvm::sys::path::filename(P.File).str() + ":" + std::to_string(P.Line);
}

class Reporter {
public:
  Reporter(clang::tidy::ClangTidyCheck &Check, SourceManager &SM)
      : Check(Check), SM(SM) {}

  /// The location of P in this unit. A file the unit did not read is
  /// loaded when Load is set (notes may point into other units' files, from
  /// the summary database); invalid when it cannot be found.
  SourceLocation locate(const SourcePoint &P, bool Load) {
    if (P.File.empty() || P.Line == 0)
      return {};
    OptionalFileEntryRef FE = SM.getFileManager().getOptionalFileRef(P.File);
    if (!FE)
      return {};
    FileID FID = SM.translateFile(*FE);
    if (FID.isInvalid()) {
      if (!Load)
        return {};
      FID = SM.createFileID(*FE, SourceLocation(), SrcMgr::C_User);
    }
    return SM.translateLineCol(FID, P.Line, P.Column ? P.Column : 1);
  }

  void note(const SourcePoint &At, const std::string &Text) {
    SourceLocation Loc = locate(At, /*Load=*/true);
    if (Loc.isValid())
      Check.diag(Loc, escaped(Text), DiagnosticIDs::Note);
    else if (!At.File.empty())
      // The file is gone (a stale database entry): keep the step, in words.
      Check.diag(escaped(Text + " (" + where(At) + ")"), DiagnosticIDs::Note);
  }

  void calls(const std::vector<FindingStep> &Steps) {
    for (const FindingStep &S : Steps)
      note(S.At, "calls " + S.Callee + "()");
  }

  void waitNotes(const Finding &F) {
    if (!F.Lock.empty()) {
      note(F.LockAt, F.Lock + " acquired here");
      calls(F.LockChain);
    }
    calls(F.Chain);
    if (!F.HasOther)
      return;
    const OtherSide &O = F.Other;
    // Where the other side enters the awaited domain, then its calls down
    // to the lock; the last step is the acquisition itself.
    SourcePoint Start = !O.ContextAt.File.empty() ? O.ContextAt
                        : !O.Chain.empty()        ? O.Chain.front().At
                                                  : O.AcquiredAt;
    note(Start, O.How + (O.Context.empty() ? "" : " (" + O.Context + ")"));
    if (O.Chain.empty())
      return;
    calls({O.Chain.begin(), O.Chain.end() - 1});
    note(O.AcquiredAt,
         O.Function + "() " +
             (O.Sync ? "waits for a grace period of " : "takes ") + F.Lock +
             " here");
  }

  /// One note per edge: who holds the first lock (and where it got it, or
  /// why it runs under it) and takes the second one here.
  void orderNotes(const Finding &F) {
    for (const OrderLink &O : F.Order) {
      std::string Text = O.From + " -> " + O.To + ": " + O.Function + "() ";
      if (O.Context.empty()) {
        Text += "holds " + O.From;
        if (!O.HeldAt.File.empty())
          Text += " (" + (O.HeldVia.empty() ? "" : O.HeldVia + "(), ") +
                  where(O.HeldAt) + ")";
      } else
        Text += "runs under " + O.From + " (" + O.Context + ")";
      Text += " and takes " + O.To + " here";
      if (O.Chain.size() > 1) {
        Text += " through ";
        for (size_t I = 0; I < O.Chain.size(); ++I)
          Text += (I ? " -> " : "") + O.Chain[I].Callee + "()";
      }
      if (!O.Implicit.empty())
        Text += " (" + O.Implicit + ")";
      note(O.At.File.empty() ? O.HeldAt : O.At, Text);
    }
  }

private:
  clang::tidy::ClangTidyCheck &Check;
  SourceManager &SM;
};

} // namespace

bool reportFinding(clang::tidy::ClangTidyCheck &Check, SourceManager &SM,
                   const Finding &F) {
  Reporter R(Check, SM);
  SourceLocation Loc = R.locate(F.At, /*Load=*/false);
  if (Loc.isInvalid())
    return false;
  Check.diag(Loc, escaped(F.Message));
  if (F.Order.empty())
    R.waitNotes(F);
  else
    R.orderNotes(F);
  return true;
}

} // namespace tidy
} // namespace holdwait

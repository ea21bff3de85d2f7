//===- TextOutput.cpp - compiler-style findings ---------------------------===//
#include "analysis/Analysis.h"
#include "tool/Output.h"
#include "tool/ReportPaths.h"

namespace holdwait {

namespace {
/// How such a bug is usually fixed, per conflict kind.
const char *remedy(const Finding &F) {
  if (F.Conflict == "atomic")
    return "move the sleeping call out of the atomic section, or use a "
           "non-sleeping variant";
  if (F.Conflict == "self")
    return "do not wait for what the current code is itself part of";
  if (F.Conflict == "cycle")
    return "take the locks in one order everywhere (pick the order, then "
           "move the acquisition that breaks it out of the other lock's "
           "section), or make one of the links stop needing its lock";
  if (F.Conflict == "documented")
    return "take the locks in the documented order: release the inner lock "
           "before taking the outer one, or take the outer one first";
  if (F.WaitKind == "wakeup")
    return "wake the task after releasing the lock (or defer the wakeup, "
           "e.g. with irq_work)";
  return "release the lock before waiting (record what must happen under "
         "the lock, unlock, then wait), or make the other side stop "
         "needing the lock";
}
} // namespace

void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const OutputOptions &Opts) {
  for (const Finding &F : Findings) {
    OS << shownPath(F.At.File, Opts.RelativeTo) << ":" << F.At.Line << ":"
       << F.At.Column << ": " << F.Severity << ": " << F.Message << " ["
       << F.Check << "]\n";
    for (const std::string &L : explanationOf(F))
      OS << L << "\n";
    if (Opts.Explain) {
      OS << "  why: " << F.Reason << "\n";
      if (!F.Reference.empty())
        OS << "  reference: " << F.Reference << "\n";
      OS << "  fix: " << remedy(F) << "\n";
    }
  }
  if (Opts.Suppressed)
    for (const SuppressedFinding &S : *Opts.Suppressed)
      OS << shownPath(S.F.At.File, Opts.RelativeTo) << ":" << S.F.At.Line << ":"
         << S.F.At.Column << ": suppressed: " << S.F.Message << " ["
         << S.F.Check << "] by '" << S.Comment << "' on line "
         << S.CommentAt.Line << ": "
         << (S.Reason.empty() ? "(no reason given)" : S.Reason) << "\n";
}

} // namespace holdwait

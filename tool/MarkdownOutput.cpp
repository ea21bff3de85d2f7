//===- MarkdownOutput.cpp - a review comment ------------------------------===//
//
// The body of a pull/merge request comment (GitHub and GitLab flavoured
// Markdown): per finding a heading with the check (linked to its page) and
// `file:line`, the message, the two-sided drawing of the text format in a
// fenced block, and why the lock conflicts; then the input errors and a
// one-line summary.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analysis.h"
#include "tool/CheckDocs.h"
#include "tool/Output.h"
#include "tool/ReportPaths.h"

#include "llvm/ADT/StringRef.h"

namespace holdwait {

namespace {
/// Free text with Markdown's special characters escaped: lock classes such
/// as `rq.__lock` and names with underscores must not turn into emphasis.
std::string escaped(llvm::StringRef Text) {
  std::string Out;
  for (char C : Text) {
    if (llvm::StringRef("\\`*_[]<>#|~&").contains(C))
      Out += '\\';
    Out += C;
  }
  return Out;
}

size_t longestBacktickRun(llvm::StringRef Text) {
  size_t Longest = 0, Run = 0;
  for (char C : Text) {
    Run = C == '`' ? Run + 1 : 0;
    Longest = std::max(Longest, Run);
  }
  return Longest;
}

/// An inline code span that holds Text whatever backticks it contains.
std::string codeSpan(llvm::StringRef Text) {
  std::string Fence(longestBacktickRun(Text) + 1, '`');
  std::string Pad = Text.starts_with("`") || Text.ends_with("`") ? " " : "";
  return Fence + Pad + Text.str() + Pad + Fence;
}

std::string plural(size_t N, llvm::StringRef One, llvm::StringRef Many) {
  return std::to_string(N) + " " + (N == 1 ? One : Many).str();
}

/// The conflict in one sentence, by kind (a cycle has no reason of its own).
std::string why(const Finding &F) {
  std::string Out;
  if (F.Conflict == "cycle")
    Out = "the locks are taken in a cycle, " + escaped(F.orderPath());
  else
    Out = escaped(F.Reason);
  if (!F.AnnotationRef.empty())
    Out += " (" + codeSpan(shortRef(F.AnnotationRef)) + ")";
  if (!F.Reference.empty()) {
    llvm::StringRef Ref = F.Reference;
    Out += "; see " + (Ref.starts_with("https://") || Ref.starts_with("http://")
                           ? "<" + F.Reference + ">"
                           : escaped(Ref));
  }
  return Out;
}
} // namespace

void writeMarkdown(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                   const std::vector<InputError> &Errors,
                   const OutputOptions &Opts) {
  for (const Finding &F : Findings) {
    OS << "#### [" << F.Check << "](" << checkDocUrl(F.Check) << ") at "
       << codeSpan(shownPath(F.At.File, Opts.RelativeTo) + ":" +
                   std::to_string(F.At.Line))
       << "\n\n"
       << escaped(F.Message) << "\n\n";
    std::string Drawing;
    for (const std::string &L : explanationOf(F))
      Drawing += L + "\n";
    std::string Fence(std::max<size_t>(3, longestBacktickRun(Drawing) + 1),
                      '`');
    OS << Fence << "text\n" << Drawing << Fence << "\n\n";
    OS << "**Why:** " << why(F) << "\n\n";
  }
  if (!Errors.empty()) {
    OS << "**Not analyzed:**\n\n";
    for (const InputError &E : Errors)
      OS << "- " << codeSpan(shownPath(E.File, Opts.RelativeTo)) << ": "
         << escaped(E.Message) << "\n";
    OS << "\n";
  }
  OS << "**holdwait:** "
     << (Findings.empty() ? "no findings"
                          : plural(Findings.size(), "finding", "findings"))
     << " in " << plural(Opts.Units, "translation unit", "translation units");
  if (!Errors.empty())
    OS << ", " << plural(Errors.size(), "input error", "input errors")
       << " (the report is incomplete)";
  OS << ".\n";
}

} // namespace holdwait

//===- CodeClimateOutput.cpp - GitLab code quality ------------------------===//
//
// GitLab's code quality report (artifacts:reports:codequality): an array of
// Code Climate issues. GitLab reads description, check_name, fingerprint,
// severity, location.path and location.lines.begin; type and categories
// make each entry a complete Code Climate issue for other readers.
// GitLab shows issues with the same fingerprint as one, and matches them
// across pipelines by it, hence the line-independent fingerprint of
// Fingerprint.h.
//
//===----------------------------------------------------------------------===//
#include "tool/Fingerprint.h"
#include "tool/Output.h"
#include "tool/ReportPaths.h"

#include "llvm/Support/JSON.h"

namespace holdwait {

void writeCodeClimate(llvm::raw_ostream &OS,
                      const std::vector<Finding> &Findings,
                      const OutputOptions &Opts) {
  std::vector<std::string> Prints = fingerprints(Findings, Opts.RelativeTo);
  llvm::json::OStream J(OS, 2);
  J.array([&] {
    for (size_t I = 0; I < Findings.size(); ++I) {
      const Finding &F = Findings[I];
      J.object([&] {
        J.attribute("type", "issue");
        J.attribute("description", F.Message);
        J.attribute("check_name", F.Check);
        J.attribute("fingerprint", Prints[I]);
        // A deadlock is more than a style issue but not a security one:
        // "major" of info/minor/major/critical/blocker.
        J.attribute("severity", "major");
        J.attributeArray("categories", [&] { J.value("Bug Risk"); });
        J.attributeObject("location", [&] {
          J.attribute("path", shownPath(F.At.File, Opts.RelativeTo));
          J.attributeObject("lines", [&] {
            // lines.begin is required and starts at 1.
            J.attribute("begin", int64_t(std::max(F.At.Line, 1u)));
          });
        });
      });
    }
  });
  OS << "\n";
}

} // namespace holdwait

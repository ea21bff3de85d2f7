//===- RdjsonOutput.cpp - reviewdog's rdjson ------------------------------===//
//
// A DiagnosticResult of reviewdog's diagnostic format
// (github.com/reviewdog/reviewdog, proto/rdf/reviewdog.proto):
// {"source", "severity", "diagnostics": [...]}, for
// `reviewdog -f=rdjson`. Each diagnostic carries its check as the code,
// with the check's page as the code's URL, and the places of
// RelatedLocations.h as related_locations.
//
//===----------------------------------------------------------------------===//
#include "tool/CheckDocs.h"
#include "tool/Output.h"
#include "tool/RelatedLocations.h"
#include "tool/ReportPaths.h"

#include "llvm/Support/JSON.h"

namespace holdwait {

namespace {
void location(llvm::json::OStream &J, const SourcePoint &P,
              const OutputOptions &Opts) {
  J.attributeObject("location", [&] {
    J.attribute("path", shownPath(P.File, Opts.RelativeTo));
    // Line and column start at 1; 0 means "no location" and is left out.
    if (P.Line > 0)
      J.attributeObject("range", [&] {
        J.attributeObject("start", [&] {
          J.attribute("line", int64_t(P.Line));
          if (P.Column > 0)
            J.attribute("column", int64_t(P.Column));
        });
      });
  });
}
} // namespace

void writeRdjson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                 const OutputOptions &Opts) {
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attributeObject("source", [&] {
      J.attribute("name", "holdwait");
      J.attribute("url", RepositoryUrl);
    });
    J.attribute("severity", "WARNING");
    J.attributeArray("diagnostics", [&] {
      for (const Finding &F : Findings)
        J.object([&] {
          J.attribute("message", F.Message);
          location(J, F.At, Opts);
          J.attribute("severity", "WARNING");
          J.attributeObject("code", [&] {
            J.attribute("value", F.Check);
            J.attribute("url", checkDocUrl(F.Check));
          });
          std::vector<RelatedLocation> Related = relatedLocations(F);
          if (!Related.empty())
            J.attributeArray("related_locations", [&] {
              for (const RelatedLocation &R : Related)
                J.object([&] {
                  J.attribute("message", R.Message);
                  location(J, R.At, Opts);
                });
            });
        });
    });
  });
  OS << "\n";
}

} // namespace holdwait

//===- HoldwaitTidyCheck.h - a holdwait check run by clang-tidy -*- C++ -*-===//
//
// One class serves every holdwait check: an instance wraps one Check of
// allChecks() under the name holdwait-<check>. It matches the translation
// unit once, takes the unit's shared analysis (UnitAnalyses) and reports
// its check's findings.
//
// Options (CheckOptions, per check or global):
//   AnnotationFiles       YAML profiles loaded after the built-in ones,
//                         separated by `;`
//   NoDefaultAnnotations  do not load the built-in profiles
//   SummaryDatabase       a holdwait --cache-dir directory whose units are
//                         linked with the analyzed one
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TIDY_HOLDWAITTIDYCHECK_H
#define HOLDWAIT_TIDY_HOLDWAITTIDYCHECK_H

#include "checks/Check.h"
#include "tidy/UnitAnalyses.h"

#include "ClangTidyCheck.h"

namespace holdwait {
namespace tidy {

class HoldwaitTidyCheck : public clang::tidy::ClangTidyCheck {
public:
  HoldwaitTidyCheck(llvm::StringRef Name, clang::tidy::ClangTidyContext *Ctx,
                    const Check &C, std::shared_ptr<UnitAnalyses> Shared);

  void storeOptions(clang::tidy::ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(clang::ast_matchers::MatchFinder *Finder) override;
  void
  check(const clang::ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  const Check &C;
  std::shared_ptr<UnitAnalyses> Shared;
  /// The options as written, for storeOptions (--dump-config).
  std::string AnnotationFiles;
  bool NoDefaultAnnotations = false;
  std::string SummaryDatabase;
  /// This unit's analysis, held until the unit ends.
  std::shared_ptr<const UnitAnalysis> Current;

  AnalysisConfig config(clang::FileManager &FM) const;
};

} // namespace tidy
} // namespace holdwait

#endif

//===- HoldwaitTidyCheck.cpp - a holdwait check run by clang-tidy ---------===//
#include "tidy/HoldwaitTidyCheck.h"
#include "analysis/frontend/LowerUnit.h"
#include "tidy/FindingDiagnostics.h"

#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/Support/YAMLParser.h"

#include <set>

using namespace clang;
using namespace clang::ast_matchers;

namespace holdwait {
namespace tidy {

HoldwaitTidyCheck::HoldwaitTidyCheck(StringRef Name,
                                     clang::tidy::ClangTidyContext *Ctx,
                                     const Check &C,
                                     std::shared_ptr<UnitAnalyses> Shared)
    : ClangTidyCheck(Name, Ctx), C(C), Shared(std::move(Shared)),
      // Local first, then global: one `AnnotationFiles` serves all six.
      AnnotationFiles(Options.getLocalOrGlobal("AnnotationFiles", "")),
      SummaryDatabase(Options.getLocalOrGlobal("SummaryDatabase", "")) {
  // Read as text: OptionsView's bool templates are exported under Clang's
  // mangling of their enable_if signature, which GCC (building this module)
  // spells differently, so they cannot be called from here.
  StringRef NoDefaults = Options.getLocalOrGlobal("NoDefaultAnnotations", "");
  if (NoDefaults.empty())
    return;
  if (std::optional<bool> B = llvm::yaml::parseBool(NoDefaults))
    NoDefaultAnnotations = *B;
  else if (NoDefaults == "1" || NoDefaults == "0")
    NoDefaultAnnotations = NoDefaults == "1";
  else
    configurationDiag("invalid configuration value '%0' for option '%1'; "
                      "expected a bool")
        << NoDefaults
        << ((Options.get("NoDefaultAnnotations") ? Name + "." : "") +
            "NoDefaultAnnotations")
               .str();
}

void HoldwaitTidyCheck::storeOptions(
    clang::tidy::ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, "AnnotationFiles", AnnotationFiles);
  Options.store(Opts, "NoDefaultAnnotations",
                NoDefaultAnnotations ? "true" : "false");
  Options.store(Opts, "SummaryDatabase", SummaryDatabase);
}

void HoldwaitTidyCheck::registerMatchers(MatchFinder *Finder) {
  // The engine works on the whole unit: one match, at its root.
  Finder->addMatcher(translationUnitDecl().bind("unit"), this);
}

AnalysisConfig HoldwaitTidyCheck::config(FileManager &FM) const {
  // Relative paths are resolved against clang-tidy's working directory
  // while it analyzes the unit: the compile command's directory.
  AnalysisConfig Config;
  SmallVector<StringRef, 4> Files;
  StringRef(AnnotationFiles).split(Files, ';', -1, /*KeepEmpty=*/false);
  for (StringRef F : Files)
    if (!F.trim().empty())
      Config.AnnotationFiles.push_back(normalizedPath(FM, F.trim()));
  Config.NoDefaultAnnotations = NoDefaultAnnotations;
  if (!StringRef(SummaryDatabase).trim().empty())
    Config.SummaryDatabase =
        normalizedPath(FM, StringRef(SummaryDatabase).trim());
  return Config;
}

void HoldwaitTidyCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Ctx = *Result.Context;
  SourceManager &SM = *Result.SourceManager;
  AnalysisConfig Config = config(SM.getFileManager());
  std::string ProfileError;
  if (!Shared->profile(Config, ProfileError)) {
    if (!ProfileError.empty())
      configurationDiag("cannot load annotations: %0", DiagnosticIDs::Error)
          << ProfileError;
    return;
  }
  Current = Shared->analyze(Ctx, Config);
  if (!Current->Engine)
    return;

  std::vector<Finding> Findings;
  C.run(*Current->Engine, Findings);
  // In the holdwait command's order and without its duplicates.
  std::sort(Findings.begin(), Findings.end());
  std::set<std::string> Seen;
  for (const Finding &F : Findings)
    if (Seen.insert(F.key()).second)
      reportFinding(*this, SM, F);
}

void HoldwaitTidyCheck::onEndOfTranslationUnit() { Current.reset(); }

} // namespace tidy
} // namespace holdwait

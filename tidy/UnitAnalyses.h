//===- UnitAnalyses.h - one analysis per translation unit -------*- C++ -*-===//
//
// clang-tidy runs every enabled holdwait check on the same translation unit;
// lowering the unit and running the engine is most of the work, so it is
// done once per unit and configuration and shared. Profiles and summary
// databases are loaded once per process. clang-tidy runs the checks of a
// process on one thread, so nothing here is locked.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TIDY_UNITANALYSES_H
#define HOLDWAIT_TIDY_UNITANALYSES_H

#include "analysis/Analysis.h"
#include "analysis/Program.h"
#include "annotations/Profile.h"
#include "clang/AST/ASTContext.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace holdwait {
namespace tidy {

/// What a check's options ask the engine to analyze with.
struct AnalysisConfig {
  /// Loaded after the built-in profiles, in order (absolute paths).
  std::vector<std::string> AnnotationFiles;
  bool NoDefaultAnnotations = false;
  /// A holdwait --cache-dir directory (absolute), or empty.
  std::string SummaryDatabase;

  std::string key() const;
};

/// The engine's view of one translation unit, linked with the units of the
/// summary database.
struct UnitAnalysis {
  std::shared_ptr<const Profile> Prof;
  Program Prog;
  /// Null when the unit had compile errors (as in the holdwait command, a
  /// unit that did not parse cleanly is not analyzed).
  std::unique_ptr<Analysis> Engine;
};

class UnitAnalyses {
public:
  /// The profile for Config, loaded on first use; nothing when a profile
  /// does not load, with the reason in Error the first time only (so it is
  /// reported once per process, not once per check and unit).
  std::shared_ptr<const Profile> profile(const AnalysisConfig &Config,
                                         std::string &Error);

  /// The analysis of Ctx's unit under Config (whose profile loaded),
  /// computed by the first check that asks. It lives while some check
  /// holds it: checks release it at the end of the unit, so the next unit
  /// (which may get the same ASTContext address) is analyzed afresh.
  std::shared_ptr<const UnitAnalysis> analyze(clang::ASTContext &Ctx,
                                              const AnalysisConfig &Config);

private:
  struct LoadedProfile {
    std::shared_ptr<const Profile> Prof;
    std::string Error;
    bool Reported = false;
  };
  std::map<std::string, LoadedProfile> Profiles;
  /// Units of each summary database, read once per process.
  std::map<std::string, std::vector<TUFacts>> Databases;
  std::map<std::pair<const clang::ASTContext *, std::string>,
           std::weak_ptr<const UnitAnalysis>>
      Units;

  const std::vector<TUFacts> &database(const std::string &Dir,
                                       const Profile &Prof);
};

} // namespace tidy
} // namespace holdwait

#endif

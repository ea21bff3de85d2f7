//===- Action.h - the per-translation-unit front end ------------*- C++ -*-===//
//
// A Clang frontend action that parses one translation unit (as
// -fsyntax-only does) and lowers it into TUFacts. A unit with errors is not
// lowered: its AST may be incomplete, and findings on it could be wrong.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_ACTION_H
#define HOLDWAIT_ANALYSIS_FRONTEND_ACTION_H

#include "analysis/IR.h"
#include "analysis/frontend/Lowering.h"
#include "clang/Tooling/Tooling.h"
#include <functional>

namespace holdwait {

class Profile;

/// Called once per parsed unit: its facts, or Failed when it had errors.
struct UnitResult {
  TUFacts Facts;
  /// Absolute paths of the main file and every header the unit read.
  std::vector<std::string> FilesRead;
  bool Failed = false;
  unsigned Errors = 0;
};
using UnitSink = std::function<void(UnitResult)>;

std::unique_ptr<clang::tooling::FrontendActionFactory>
makeLoweringActionFactory(const Profile &P, UnitSink Sink,
                          LoweringLimits Limits = {});

} // namespace holdwait

#endif

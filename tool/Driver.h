//===- Driver.h - running the front end over translation units --*- C++ -*-===//
#ifndef HOLDWAIT_TOOL_DRIVER_H
#define HOLDWAIT_TOOL_DRIVER_H

#include "analysis/Program.h"
#include "analysis/frontend/Lowering.h"
#include "clang/Tooling/CompilationDatabase.h"
#include <string>
#include <vector>

namespace holdwait {

class Profile;

/// An input problem: the file it is about and what is wrong.
struct InputError {
  std::string File;
  std::string Message;
};

struct DriverOptions {
  std::string ResourceDir;
  std::vector<std::string> ExtraArgs;
  LoweringLimits Limits;
};

struct DriverResult {
  Program Prog;
  std::vector<InputError> Errors;
  std::vector<std::string> Notes;
  unsigned Units = 0; ///< translation units analyzed
};

/// Parses and lowers every file (one unit per compile command), links the
/// units, and reports each unit that could not be analyzed. A failing unit
/// never stops the others.
DriverResult runFrontend(const clang::tooling::CompilationDatabase &DB,
                         const std::vector<std::string> &Files,
                         const Profile &P, const DriverOptions &Opts);

} // namespace holdwait

#endif

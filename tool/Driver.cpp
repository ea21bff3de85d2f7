//===- Driver.cpp - running the front end over translation units ----------===//
#include "tool/Driver.h"
#include "analysis/frontend/Action.h"
#include "tool/CompileDatabase.h"

#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

using namespace clang::tooling;

namespace holdwait {

DriverResult runFrontend(const CompilationDatabase &DB,
                         const std::vector<std::string> &Files,
                         const Profile &P, const DriverOptions &Opts) {
  DriverResult R;
  DroppedFlags Dropped;
  for (const std::string &File : Files) {
    if (DB.getCompileCommands(File).empty()) {
      R.Errors.push_back({File, "not in the compilation database"});
      continue;
    }
    std::vector<UnitResult> Units;
    auto Factory = makeLoweringActionFactory(
        P, [&](UnitResult U) { Units.push_back(std::move(U)); }, Opts.Limits);
    ClangTool Tool(DB, {File});
    Tool.appendArgumentsAdjuster(dropUnknownFlags(Dropped));
    Tool.appendArgumentsAdjuster(parserFlags(Opts.ResourceDir));
    if (!Opts.ExtraArgs.empty())
      Tool.appendArgumentsAdjuster(getInsertArgumentAdjuster(
          Opts.ExtraArgs, ArgumentInsertPosition::END));
    int RC = Tool.run(Factory.get());
    if (Units.empty()) {
      R.Errors.push_back(
          {File, RC ? "the compiler could not run on this file (see the "
                      "errors above)"
                    : "no translation unit was produced"});
      continue;
    }
    for (UnitResult &U : Units) {
      if (U.Failed) {
        R.Errors.push_back(
            {File, std::to_string(U.Errors) +
                       " compile error(s); the file was not analyzed"});
        continue;
      }
      ++R.Units;
      R.Prog.add(std::move(U.Facts));
    }
  }
  R.Prog.link();
  std::set<std::string> Flags = Dropped.take();
  if (!Flags.empty()) {
    std::string List;
    for (const std::string &F : Flags)
      List += (List.empty() ? "" : " ") + F;
    R.Notes.push_back("dropped " + std::to_string(Flags.size()) +
                      " compiler flag(s) that clang does not know: " + List);
  }
  return R;
}

} // namespace holdwait

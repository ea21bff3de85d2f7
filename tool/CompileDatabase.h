//===- CompileDatabase.h - finding each file's compile command --*- C++ -*-===//
//
// Loads compile_commands.json with two additions to LLVM's reader: a
// relative "directory" is taken relative to the database file itself (so a
// checked-in database works from any clone), and every error names the file
// and says what is wrong with it.
//
// Also cleans command lines for the parser: flags Clang does not know (GCC's
// -fconserve-stack, -mindirect-branch=...) are dropped, found with Clang's
// own driver option table, and reported once. What GCC's commands need
// beyond that is in GccCommand.h.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_COMPILEDATABASE_H
#define HOLDWAIT_TOOL_COMPILEDATABASE_H

#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/Error.h"
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace holdwait {

/// Loads `Path` (a compile_commands.json, or a directory containing one).
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadCompileDatabase(llvm::StringRef Path);

/// Remembers, across all units of a run, the flags dropped from their
/// commands and the targets added to them, so each is reported once.
class DroppedFlags {
public:
  /// A dropped flag: one clang does not know when `Why` is empty, else one
  /// it knows but cannot use here, for the reason `Why`.
  void add(const std::string &Flag, const std::string &Why = "") {
    std::lock_guard<std::mutex> G(M);
    Flags[Why].insert(Flag);
  }
  /// `Target` (`--target=...`) was added to the commands of `Compiler`.
  void addTarget(const std::string &Compiler, const std::string &Target) {
    std::lock_guard<std::mutex> G(M);
    Targets.insert({Target, Compiler});
  }
  /// One note per kind of change; each flag is named once, however many
  /// commands had it.
  std::vector<std::string> notes();

private:
  std::mutex M;
  std::map<std::string, std::set<std::string>> Flags;
  std::set<std::pair<std::string, std::string>> Targets;
};

/// Drops arguments the Clang driver does not recognize.
clang::tooling::ArgumentsAdjuster dropUnknownFlags(DroppedFlags &Dropped);

/// Drops the dependency-file options passed through to the preprocessor
/// (`-Wp,-MMD,dir/.file.o.d`, as Kbuild writes them), which Clang's own
/// adjuster leaves: parsing would write the build's dependency file, into
/// the tree when run from its top, or fail to open it from elsewhere.
clang::tooling::ArgumentsAdjuster dropDependencyOutput();

/// Arguments every parse gets: Clang's resource directory (builtin
/// headers), no warnings (only errors matter to us; -Werror must not turn
/// a warning into a failed unit), a bounded error count, and no error
/// count line of the compiler's own.
clang::tooling::ArgumentsAdjuster parserFlags(const std::string &ResourceDir);

} // namespace holdwait

#endif

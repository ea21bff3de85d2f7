//===- Driver.h - running the front end over translation units --*- C++ -*-===//
#ifndef HOLDWAIT_TOOL_DRIVER_H
#define HOLDWAIT_TOOL_DRIVER_H

#include "analysis/Program.h"
#include "analysis/frontend/Lowering.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/StringSet.h"
#include <set>
#include <string>
#include <utility>
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
  /// Translation units parsed at once (LLVM's ThreadPool); 1: in order on
  /// the calling thread.
  unsigned Jobs = 1;
  /// Lowered units are kept here and reused while their command line,
  /// annotations and every file they read are unchanged; empty: no cache.
  std::string CacheDir;
  /// Profile::digest() of the loaded annotations (part of the cache key).
  std::string ConfigDigest;
  /// Model names to look for among each unit's declarations (see
  /// ModelNames.h); null or empty: none.
  const llvm::StringSet<> *WantedNames = nullptr;
  /// Files (absolute path, contents) every unit sees over the real file
  /// system, e.g. a source that exists only in memory (the analyzer fuzz
  /// target's generated programs). Must outlive runFrontend.
  std::vector<std::pair<std::string, std::string>> VirtualFiles;
  /// Whether values ORing in a structure field are bounded by the stores
  /// the program makes into it (Program::UseFieldValues): the caller says
  /// whether the files are the whole program; a unit that fails turns it
  /// off too, unless EvenWithErrors (--field-values=on).
  bool FieldValues = true;
  bool FieldValuesEvenWithErrors = false;
};

struct DriverResult {
  Program Prog;
  std::vector<InputError> Errors;
  std::vector<std::string> Notes;
  unsigned Units = 0; ///< translation units analyzed
  unsigned CacheHits = 0;
  /// The WantedNames that a parsed unit declares, or a unit reused from
  /// the cache calls or defines (its declarations were not kept).
  std::set<std::string> DeclaredNames;
};

/// Parses and lowers every file (one unit per compile command), links the
/// units, and reports each unit that could not be analyzed. A failing unit
/// never stops the others. Compiler diagnostics are printed per file, in
/// the order of Files, whatever Jobs is, so the output does not depend on
/// scheduling.
DriverResult runFrontend(const clang::tooling::CompilationDatabase &DB,
                         const std::vector<std::string> &Files,
                         const Profile &P, const DriverOptions &Opts);

} // namespace holdwait

#endif

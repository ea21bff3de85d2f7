//===- AnalyzerFuzzer.cpp - fuzzing the analysis on generated C -----------===//
//
// The analysis as the command line runs it on `holdwait input.c --`, in
// process: the Clang front end and our lowering (runFrontend, here on a
// file that exists only in memory), linking, the whole-program Analysis,
// every check, suppressions, and the text, JSON and SARIF reports, with the
// built-in profiles (linux-kernel, posix, cxx-std).
//
// The first byte chooses what the rest is:
//  - 0x00-0xDF: decisions of the program generator (GenerateProgram.h),
//    which writes C that compiles, so the bytes reach the analysis;
//  - 0xE0-0xEF: the same, after a generated project profile loaded over
//    the built-in ones (as `--annotations` does), when the loader accepts
//    it: models of the generated functions with every lock operation,
//    operands that fit no argument, domains, conflicts, lock orders;
//  - 0xF0-0xF7: C source as it is, so Clang's error paths and our handling
//    of a unit that does not compile are fuzzed too (it may include the
//    lit tests' kernel.h, so the lit tests are seeds that compile);
//  - 0xF8-0xFF: the generator's prelude followed by the rest as source:
//    free-form code that can call the modeled functions.
//
// Beyond not crashing it checks, for every input:
//  - a generated program compiles (else the generator is wrong and the
//    analysis is not being fuzzed);
//  - the analysis is deterministic: a second run on the same input gives
//    the same text, JSON and SARIF, byte for byte;
//  - the JSON and SARIF reports are well-formed JSON.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analysis.h"
#include "annotations/Profile.h"
#include "checks/Check.h"
#include "fuzz/GenerateProgram.h"
#include "tool/Driver.h"
#include "tool/Output.h"
#include "tool/Suppressions.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <set>

#ifndef HOLDWAIT_CLANG_RESOURCE_DIR
#define HOLDWAIT_CLANG_RESOURCE_DIR ""
#endif
#ifndef HOLDWAIT_LIT_INPUTS_DIR
#define HOLDWAIT_LIT_INPUTS_DIR "."
#endif

using namespace holdwait;

namespace {

/// Where the program is, for Clang and in the reports. Nothing is on disk
/// there: the driver maps the file into each unit's file system. The
/// compile command runs in Dir, which must exist.
const char *const Dir = "/";
const char *const Path = "/holdwait-fuzz/input.c";

/// The project profile of the input being run, if any, for fail().
std::string ProjectYaml;

[[noreturn]] void fail(const llvm::Twine &What, llvm::StringRef Source) {
  llvm::errs() << "analyzer fuzz target: " << What << "\n";
  if (!ProjectYaml.empty())
    llvm::errs() << "--- annotations ---\n" << ProjectYaml;
  llvm::errs() << "--- input.c ---\n" << Source << "\n---\n";
  std::abort();
}

const Profile &builtinProfiles() {
  // Loaded once for the whole run; reachable from here, so no leak.
  static const Profile *P = [] {
    auto *P = new Profile;
    if (llvm::Error E = P->loadDefaults())
      fail("the built-in profiles do not load: " + toString(std::move(E)), "");
    return P;
  }();
  return *P;
}

struct Report {
  std::string Text, Json, Sarif;
  unsigned Units = 0;
  std::vector<InputError> Errors;
};

/// What `holdwait /holdwait-fuzz/input.c --` would print, in each format.
Report analyze(const std::string &Source, const Profile &P) {
  clang::tooling::FixedCompilationDatabase DB(Dir, {});
  DriverOptions Opts;
  Opts.ResourceDir = HOLDWAIT_CLANG_RESOURCE_DIR;
  // Raw sources (the lit tests' among the seeds) may include kernel.h.
  Opts.ExtraArgs = {"-I" HOLDWAIT_LIT_INPUTS_DIR};
  Opts.VirtualFiles.push_back({Path, Source});
  DriverResult R = runFrontend(DB, {Path}, P, Opts);

  Analysis A(R.Prog, P);
  // As tool/main.cpp: every check (runChecks), then the suppressions.
  std::vector<Finding> Findings = runChecks(A);
  std::vector<SuppressedFinding> Suppressed;
  applySuppressions(Findings, Suppressed, {Path});

  std::vector<std::string> Notes = R.Notes;
  for (const std::string &N : A.notes())
    Notes.push_back(N);
  OutputOptions O;
  O.ToolVersion = "fuzz";
  O.Units = R.Units;
  O.RelativeTo = Dir;
  O.Suppressed = &Suppressed;
  Report Out;
  llvm::raw_string_ostream Text(Out.Text), Json(Out.Json), Sarif(Out.Sarif);
  writeText(Text, Findings, O);
  writeJson(Json, Findings, R.Errors, Notes, &Suppressed);
  writeSarif(Sarif, Findings, R.Errors, Notes, O);
  Out.Units = R.Units;
  Out.Errors = R.Errors;
  return Out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  if (Size == 0)
    return 0;
  uint8_t Mode = Data[0];
  fuzz::ByteReader In(Data + 1, Size - 1);
  std::string Source;
  bool Generated = Mode < 0xF0;
  std::optional<Profile> Project;
  ProjectYaml.clear();
  if (Mode >= 0xE0 && Mode < 0xF0) {
    ProjectYaml = fuzz::generateProfile(In);
    Project.emplace(builtinProfiles());
    // What the loader refuses is the annotation-parser target's business.
    if (llvm::Error E = Project->loadBuffer(ProjectYaml, "fuzz.yaml")) {
      llvm::consumeError(std::move(E));
      Project.reset();
      ProjectYaml.clear();
    }
  }
  const Profile &P = Project ? *Project : builtinProfiles();
  if (Generated)
    Source = fuzz::generateProgram(In);
  else if (Mode < 0xF8)
    Source = In.rest().str();
  else
    Source = (fuzz::programPrelude() + In.rest()).str();

  Report First = analyze(Source, P);
  if (Generated && (First.Units != 1 || !First.Errors.empty()))
    fail("a generated program does not compile: " +
             (First.Errors.empty() ? std::string("no unit")
                                   : First.Errors[0].Message),
         Source);
  for (const std::string *J : {&First.Json, &First.Sarif})
    if (llvm::Expected<llvm::json::Value> V = llvm::json::parse(*J); !V)
      fail("a report is not JSON: " + toString(V.takeError()) + "\n" + *J,
           Source);

  Report Second = analyze(Source, P);
  if (First.Text != Second.Text || First.Json != Second.Json ||
      First.Sarif != Second.Sarif)
    fail("two runs differ:\n" + First.Json + "\n---\n" + Second.Json, Source);
  return 0;
}

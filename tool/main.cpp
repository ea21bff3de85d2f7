//===- main.cpp - the holdwait command line -------------------------------===//
//
//   holdwait [options] <source>... [-- <compiler args>]
//   holdwait -p <build dir> [<source>...]
//
// Exit status: 0 no findings, 1 findings, 2 usage or input error (a unit
// that could not be analyzed, a bad annotation file, an unknown check).
//
//===----------------------------------------------------------------------===//
#include "analysis/Analysis.h"
#include "analysis/IRDump.h"
#include "annotations/Profile.h"
#include "checks/Check.h"
#include "tool/Baseline.h"
#include "tool/CompileDatabase.h"
#include "tool/DiffFilter.h"
#include "tool/Driver.h"
#include "tool/Fingerprint.h"
#include "tool/LockGraphOutput.h"
#include "tool/ModelNames.h"
#include "tool/Output.h"
#include "tool/SourceFiles.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/BuryPointer.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/raw_ostream.h"

#include <set>

using namespace llvm;
using namespace holdwait;

#ifndef HOLDWAIT_VERSION
#define HOLDWAIT_VERSION "0.0.0"
#endif
#ifndef HOLDWAIT_CLANG_RESOURCE_DIR
#define HOLDWAIT_CLANG_RESOURCE_DIR ""
#endif

namespace {

cl::OptionCategory Category("holdwait options");

cl::list<std::string> Sources(cl::Positional, cl::desc("<source>..."),
                              cl::cat(Category));
cl::opt<std::string>
    BuildPath("p",
              cl::desc("Build directory holding compile_commands.json "
                       "(or the database file itself)"),
              cl::value_desc("build dir"), cl::cat(Category));
cl::list<std::string>
    Annotations("annotations",
                cl::desc("Load an annotation profile (repeatable)"),
                cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> NoDefaultAnnotations(
    "no-default-annotations",
    cl::desc("Do not load the built-in linux-kernel, posix and cxx-std "
             "profiles"),
    cl::cat(Category));
cl::opt<std::string>
    ChecksSpec("checks",
               cl::desc("Comma-separated globs of checks to run; a leading "
                        "'-' disables (default: all)"),
               cl::init("*"), cl::cat(Category));
cl::opt<std::string>
    Format("format",
           cl::desc("Output format: text, json, sarif (GitHub code "
                    "scanning), rdjson (reviewdog), codeclimate (GitLab code "
                    "quality) or markdown (a review comment)"),
           cl::init("text"), cl::cat(Category));
cl::opt<bool> Explain("explain",
                      cl::desc("Explain why each finding is a bug and how "
                               "such bugs are fixed"),
                      cl::cat(Category));
cl::opt<bool> ListChecks("list-checks", cl::desc("List the checks and exit"),
                         cl::cat(Category));
cl::list<std::string> BudgetSpecs(
    "budget",
    cl::desc("Set analysis budgets: name=value[,name=value...]; a budget "
             "that is hit is reported in a note, never silently "
             "(--list-budgets lists them)"),
    cl::value_desc("name=value"), cl::cat(Category));
cl::opt<bool> ListBudgets("list-budgets",
                          cl::desc("List the budgets with their values "
                                   "and exit"),
                          cl::cat(Category));
cl::list<std::string>
    ExtraArgs("extra-arg",
              cl::desc("Additional argument to append to every compile "
                       "command"),
              cl::cat(Category));
cl::opt<std::string>
    DumpIR("dump-ir",
           cl::desc("Print the lock IR of functions whose name contains "
                    "<filter> (empty: all) and exit"),
           cl::value_desc("filter"), cl::ValueOptional, cl::cat(Category));
cl::opt<std::string> DumpSummaries(
    "dump-summaries",
    cl::desc("Print the summaries of functions whose name contains "
             "<filter> (empty: all) and exit"),
    cl::value_desc("filter"), cl::ValueOptional, cl::cat(Category));
cl::opt<std::string> DumpFields(
    "dump-fields",
    cl::desc("Print what the program stores into the structure fields "
             "whose name contains <filter> (empty: all), as used to bound "
             "values that OR them in, and exit"),
    cl::value_desc("filter"), cl::ValueOptional, cl::cat(Category));
cl::opt<std::string> DumpLockGraph(
    "dump-lock-graph",
    cl::desc("Write the lock-order graph: DOT to a .dot/.gv file or to - "
             "(standard output), JSON to a .json file"),
    cl::value_desc("file"), cl::cat(Category));
cl::list<std::string> ExplainLockOrder(
    "explain-lock-order",
    cl::desc("Print a shortest chain of lock-order edges that takes lock "
             "class B while A is held, with the best evidence of each edge "
             "(exit 0 when there is one, 1 when none), instead of the "
             "report"),
    cl::value_desc("A B"), cl::multi_val(2), cl::cat(Category));
cl::opt<unsigned> Jobs("j",
                       cl::desc("Parse <N> translation units at once "
                                "(default 1; 0: one per core); the output "
                                "is the same for every N"),
                       cl::value_desc("N"), cl::init(1), cl::Prefix,
                       cl::cat(Category));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep lowered translation units in <dir> and reuse them while "
             "their command, the annotations and every file they read are "
             "unchanged (default: $HOLDWAIT_CACHE_DIR, else no cache)"),
    cl::value_desc("dir"), cl::cat(Category));
enum class FieldValuesMode { Auto, On, Off };
cl::opt<FieldValuesMode> FieldValuesOpt(
    "field-values",
    cl::desc("Use what the program stores into structure fields to bound a "
             "value that ORs one in (`gfp |= mc->gfp_zero`); sound only "
             "when every unit that stores into the field is analyzed"),
    cl::values(clEnumValN(FieldValuesMode::Auto, "auto",
                          "when the run is the whole program: the whole "
                          "database (-p alone), or files named without "
                          "one, every unit compiling (default)"),
               clEnumValN(FieldValuesMode::On, "on", "always"),
               clEnumValN(FieldValuesMode::Off, "off", "never")),
    cl::init(FieldValuesMode::Auto), cl::cat(Category));
cl::opt<bool> NoCache("no-cache", cl::desc("Do not read or write the cache"),
                      cl::cat(Category));
cl::opt<std::string> OutputFile("o", cl::desc("Write the report to <file>"),
                                cl::value_desc("file"), cl::cat(Category));

cl::opt<std::string> DiffFile(
    "diff",
    cl::desc("Report only findings that touch a line the unified diff in "
             "<file> (- for standard input) adds or changes"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string>
    Since("since",
          cl::desc("Report only findings that touch a line changed since "
                   "<rev> (git diff -U0 <rev>)"),
          cl::value_desc("rev"), cl::cat(Category));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Do not report findings recorded in the baseline "
                          "<file>"),
                 cl::value_desc("file"), cl::cat(Category));
cl::opt<std::string> WriteBaseline(
    "write-baseline",
    cl::desc("Record the findings in the baseline <file>; they are then not "
             "reported, as with --baseline"),
    cl::value_desc("file"), cl::cat(Category));
cl::opt<bool> ShowSuppressed(
    "show-suppressed",
    cl::desc("Also list the findings that comments in the source suppress "
             "(text and json formats)"),
    cl::cat(Category));

int usageError(const Twine &Msg) {
  errs() << "holdwait: error: " << Msg << "\n";
  return 2;
}

/// clang-tidy style selection: "*,-sleep-in-atomic", "holdwait-*".
Expected<std::set<std::string>> selectChecks(StringRef Spec) {
  std::set<std::string> Enabled;
  SmallVector<StringRef, 8> Parts;
  Spec.split(Parts, ',', -1, /*KeepEmpty=*/false);
  llvm::erase_if(Parts, [](StringRef P) { return P.trim().empty(); });
  // `--checks=$CHECKS` with the variable unset would otherwise run nothing
  // and report a clean run.
  if (Parts.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--checks names no check (use '*' for all of "
                             "them, '-*' for none)");
  // A list that starts by disabling ("-sleep-in-atomic") refines the
  // default of every check rather than starting from none.
  if (!Parts.empty() && Parts.front().trim().starts_with("-"))
    for (const auto &C : allChecks())
      Enabled.insert(C->name().str());
  for (StringRef Part : Parts) {
    Part = Part.trim();
    bool Disable = Part.consume_front("-");
    Part.consume_front("holdwait-");
    auto Glob = GlobPattern::create(Part);
    if (!Glob)
      return createStringError(inconvertibleErrorCode(),
                               "bad check pattern '%s'", Part.str().c_str());
    bool Any = false;
    for (const auto &C : allChecks())
      if (Glob->match(C->name())) {
        Any = true;
        if (Disable)
          Enabled.erase(C->name().str());
        else
          Enabled.insert(C->name().str());
      }
    if (!Any) {
      std::string Known;
      for (const auto &C : allChecks())
        Known += (Known.empty() ? "" : ", ") + C->name().str();
      return createStringError(inconvertibleErrorCode(),
                               "unknown check '%s' (known checks: %s)",
                               Part.str().c_str(), Known.c_str());
    }
  }
  return Enabled;
}

std::string resourceDir() {
  if (auto Env = sys::Process::GetEnv("HOLDWAIT_RESOURCE_DIR"))
    return *Env;
  std::string Dir = HOLDWAIT_CLANG_RESOURCE_DIR;
  return sys::fs::is_directory(Dir) ? Dir : "";
}

} // namespace

int main(int argc, const char **argv) {
  InitLLVM X(argc, argv);
  cl::SetVersionPrinter([](raw_ostream &OS) {
    OS << "holdwait " << HOLDWAIT_VERSION << " (LLVM " << LLVM_VERSION_STRING
       << ")\n";
  });
  cl::HideUnrelatedOptions(Category);

  // Everything after `--` is the compile command, as in clang-tidy.
  int Argc = argc;
  std::string FixedError;
  std::unique_ptr<clang::tooling::CompilationDatabase> DB =
      clang::tooling::FixedCompilationDatabase::loadFromCommandLine(Argc, argv,
                                                                    FixedError);
  if (!FixedError.empty())
    return usageError(FixedError);
  if (!cl::ParseCommandLineOptions(
          Argc, argv,
          "holdwait: find hold-and-wait bugs (waits, wakeups and sleeps "
          "under a lock that the awaited code needs)\n",
          &errs()))
    return 2;

  auto Enabled = selectChecks(ChecksSpec);
  if (!Enabled)
    return usageError(toString(Enabled.takeError()));
  if (ListChecks) {
    for (const auto &C : allChecks())
      outs() << C->name() << (Enabled->count(C->name().str()) ? "" : " (off)")
             << "\n    " << C->summary() << "\n";
    return 0;
  }
  Budgets Budget;
  for (const std::string &Spec : BudgetSpecs)
    if (Error E = setBudgets(Budget, Spec))
      return usageError(toString(std::move(E)));
  if (ListBudgets) {
    for (const BudgetInfo &I : allBudgets())
      outs() << I.Name << "=" << budgetValue(Budget, I.Name) << "\n    "
             << I.Help << "\n";
    return 0;
  }
  static const StringRef Formats[] = {"text",   "json",        "sarif",
                                      "rdjson", "codeclimate", "markdown"};
  if (!is_contained(Formats, StringRef(Format)))
    return usageError("unknown format '" + Format +
                      "' (expected text, json, sarif, rdjson, codeclimate "
                      "or markdown)");

  if (!DumpLockGraph.empty()) {
    StringRef Ext = sys::path::extension(DumpLockGraph);
    if (DumpLockGraph != "-" && Ext != ".dot" && Ext != ".gv" && Ext != ".json")
      return usageError(DumpLockGraph +
                        ": cannot tell the lock graph format from the name "
                        "(use .dot, .gv or .json, or - for DOT on standard "
                        "output)");
    // Only the text report can be followed by DOT and still be read.
    if (DumpLockGraph == "-" && Format != "text" && OutputFile.empty() &&
        ExplainLockOrder.empty())
      return usageError("--dump-lock-graph=- and --format=" + Format +
                        " would share standard output; write the graph to a "
                        "file or the report with -o");
  }

  // The filters' inputs are read before the analysis, which can take long:
  // a bad one fails at once.
  if (!DiffFile.empty() && !Since.empty())
    return usageError("--diff and --since cannot be combined");
  SmallString<256> Cwd;
  if (sys::fs::current_path(Cwd))
    Cwd.clear();
  std::optional<ChangedLines> Changed;
  if (!DiffFile.empty()) {
    auto Buf = DiffFile == "-" ? MemoryBuffer::getSTDIN()
                               : MemoryBuffer::getFile(DiffFile);
    if (!Buf)
      return usageError("--diff " + DiffFile +
                        ": cannot read: " + Buf.getError().message());
    auto Parsed = parseUnifiedDiff((*Buf)->getBuffer(), Cwd);
    if (!Parsed)
      return usageError("--diff " + DiffFile + ": " +
                        toString(Parsed.takeError()));
    Changed = std::move(*Parsed);
  } else if (!Since.empty()) {
    auto Parsed = changedSince(Since);
    if (!Parsed)
      return usageError(toString(Parsed.takeError()));
    Changed = std::move(*Parsed);
  }
  std::set<std::string> Baseline;
  if (!BaselineFile.empty()) {
    auto Read = readBaseline(BaselineFile);
    if (!Read)
      return usageError(toString(Read.takeError()));
    Baseline = std::move(*Read);
  }

  Profile Prof;
  if (!NoDefaultAnnotations)
    if (Error E = Prof.loadDefaults())
      return usageError("built-in profile: " + toString(std::move(E)));
  ProfileMark BuiltIn = ProfileMark::of(Prof);
  for (const std::string &A : Annotations)
    if (Error E = Prof.loadFile(A))
      return usageError(toString(std::move(E)));
  // The project's own entries are checked against the code (a typo would
  // otherwise match nothing, silently); the built-in ones cover far more
  // than any one program calls.
  std::vector<NamedModel> UserNames = namesSince(Prof, BuiltIn);
  StringSet<> WantedNames;
  for (const NamedModel &M : UserNames)
    WantedNames.insert(M.Name);

  std::vector<InputError> Errors;
  std::vector<std::string> Notes;
  // Files named with `--` flags or without a database are the program;
  // files named out of a database are a part of one.
  bool WholeProgram = true;
  if (!DB && !BuildPath.empty()) {
    auto Loaded = loadCompileDatabase(BuildPath);
    if (!Loaded)
      return usageError(toString(Loaded.takeError()));
    DB = std::move(*Loaded);
    WholeProgram = Sources.empty();
  }
  if (!DB && !Sources.empty()) {
    // Look for compile_commands.json next to the source and upwards, and
    // read it with our loader (relative "directory" entries work).
    SmallString<256> Dir(Sources[0]);
    sys::fs::make_absolute(Dir);
    for (StringRef D = sys::path::parent_path(Dir); !D.empty() && !DB;
         D = sys::path::parent_path(D)) {
      SmallString<256> Candidate(D);
      sys::path::append(Candidate, "compile_commands.json");
      if (!sys::fs::exists(Candidate))
        continue;
      auto Loaded = loadCompileDatabase(Candidate);
      if (!Loaded)
        return usageError(toString(Loaded.takeError()));
      DB = std::move(*Loaded);
      WholeProgram = false;
    }
    if (!DB) {
      Notes.push_back("no compilation database found for " + Sources[0] +
                      "; parsing without compile flags (use -p or --)");
      DB = std::make_unique<clang::tooling::FixedCompilationDatabase>(
          ".", std::vector<std::string>());
    }
  }
  if (!DB)
    return usageError("no input: name source files, or give -p <build dir>");

  std::vector<std::string> Files;
  if (Sources.empty()) {
    // A build's database also lists assembly; there is nothing to analyze
    // in it.
    unsigned Skipped = 0;
    for (const std::string &F : DB->getAllFiles()) {
      StringRef Ext = sys::path::extension(F);
      if (Ext == ".S" || Ext == ".s" || Ext == ".asm")
        ++Skipped;
      else
        Files.push_back(F);
    }
    if (Skipped)
      Notes.push_back("skipped " + std::to_string(Skipped) +
                      " assembly file(s) in the compilation database");
    // A database outlives files (deleted, moved, replaced by a build
    // product); each one is refused by name, like a named source.
    std::vector<std::string> Usable;
    for (std::string &F : Files) {
      std::string Why = unusableSource(F);
      if (Why.empty())
        Usable.push_back(std::move(F));
      else
        Errors.push_back({F, Why});
    }
    Files = std::move(Usable);
  } else {
    for (const std::string &S : Sources) {
      SmallString<256> Abs(S);
      sys::fs::make_absolute(Abs);
      sys::path::remove_dots(Abs, true);
      std::string Why = unusableSource(Abs);
      if (!Why.empty()) {
        Errors.push_back({S, Why});
        continue;
      }
      Files.push_back(Abs.str().str());
    }
  }
  if (Files.empty() && Errors.empty())
    return usageError("the compilation database names no source files");

  DriverOptions DOpts;
  DOpts.ResourceDir = resourceDir();
  DOpts.Limits = Budget.Lowering;
  DOpts.ExtraArgs = ExtraArgs;
  DOpts.Jobs = Jobs == 0 ? llvm::hardware_concurrency().compute_thread_count()
                         : unsigned(Jobs);
  if (!NoCache) {
    DOpts.CacheDir = CacheDir;
    if (DOpts.CacheDir.empty())
      if (auto Env = sys::Process::GetEnv("HOLDWAIT_CACHE_DIR"))
        DOpts.CacheDir = *Env;
    // A unit lowered under other budgets is another unit.
    DOpts.ConfigDigest = Prof.digest() + loweringDigest(Budget.Lowering);
  }
  DOpts.WantedNames = &WantedNames;
  DOpts.FieldValues = FieldValuesOpt == FieldValuesMode::On ||
                      (FieldValuesOpt == FieldValuesMode::Auto &&
                       WholeProgram && Errors.empty());
  DOpts.FieldValuesEvenWithErrors = FieldValuesOpt == FieldValuesMode::On;
  DriverResult R = runFrontend(*DB, Files, Prof, DOpts);
  std::vector<std::string> Warnings =
      undeclaredNames(UserNames, R.DeclaredNames);
  Errors.insert(Errors.end(), R.Errors.begin(), R.Errors.end());
  Notes.insert(Notes.end(), R.Notes.begin(), R.Notes.end());

  if (DumpIR.getNumOccurrences()) {
    dumpIR(outs(), R.Prog, DumpIR);
    return Errors.empty() ? 0 : 2;
  }
  if (DumpFields.getNumOccurrences()) {
    dumpFields(outs(), R.Prog, DumpFields);
    return Errors.empty() ? 0 : 2;
  }

  // The summaries share call chains as linked lists, which free themselves
  // recursively: destroying them needs stack in proportion to the deepest
  // call chain and overflowed it at exit on a chain a million calls deep,
  // after the report. The process is about to exit, so the analysis is
  // left to the OS as clang does with -disable-free (BuryPointer keeps it
  // reachable: not a leak to leak checkers).
  auto Owned = std::make_unique<Analysis>(R.Prog, Prof, Budget);
  Analysis &A = *Owned;
  llvm::BuryPointer(std::move(Owned));
  for (const std::string &N : A.notes())
    Notes.push_back(N);
  if (DumpSummaries.getNumOccurrences()) {
    dumpSummaries(outs(), R.Prog, A.summaries(), DumpSummaries);
    return Errors.empty() ? 0 : 2;
  }
  if (!DumpLockGraph.empty())
    if (Error E = writeLockGraph(A, DumpLockGraph))
      return usageError(toString(std::move(E)));
  if (!ExplainLockOrder.empty()) {
    for (const InputError &E : Errors)
      errs() << "holdwait: error: " << E.File << ": " << E.Message << "\n";
    if (!Errors.empty())
      return 2;
    std::unique_ptr<raw_fd_ostream> File;
    if (!OutputFile.empty()) {
      std::error_code EC;
      File = std::make_unique<raw_fd_ostream>(OutputFile, EC);
      if (EC)
        return usageError(OutputFile + ": cannot write: " + EC.message());
    }
    return explainLockOrder(File ? *File : outs(), A, ExplainLockOrder[0],
                            ExplainLockOrder[1])
               ? 0
               : 1;
  }
  std::vector<Finding> Findings = runChecks(A, &*Enabled);

  // Comments first: a suppressed finding is not a finding at all, so it
  // neither gets into a baseline nor numbers the fingerprints.
  std::vector<SuppressedFinding> Suppressed;
  applySuppressions(Findings, Suppressed, Files);
  if (!Suppressed.empty())
    Notes.push_back(std::to_string(Suppressed.size()) +
                    " finding(s) suppressed by comments in the source" +
                    (ShowSuppressed ? "" : " (--show-suppressed lists them)"));
  std::vector<std::string> Prints = fingerprints(Findings, Cwd);
  auto Keep = [&](auto Pred) {
    std::vector<Finding> KeptF;
    std::vector<std::string> KeptP;
    for (size_t I = 0; I < Findings.size(); ++I)
      if (Pred(Findings[I], Prints[I])) {
        KeptF.push_back(std::move(Findings[I]));
        KeptP.push_back(std::move(Prints[I]));
      }
    size_t Dropped = Findings.size() - KeptF.size();
    Findings = std::move(KeptF);
    Prints = std::move(KeptP);
    return Dropped;
  };
  if (Changed) {
    size_t Dropped = Keep([&](const Finding &F, const std::string &) {
      return Changed->touches(F);
    });
    if (Dropped)
      Notes.push_back(std::to_string(Dropped) +
                      " finding(s) not on changed lines left out");
  }
  if (!WriteBaseline.empty()) {
    if (Error E = writeBaseline(WriteBaseline, Findings, Prints, Cwd))
      return usageError(toString(std::move(E)));
    Notes.push_back("wrote " + std::to_string(Findings.size()) +
                    " finding(s) to the baseline " + WriteBaseline);
    Baseline.insert(Prints.begin(), Prints.end());
  }
  if (!Baseline.empty()) {
    size_t Dropped = Keep([&](const Finding &, const std::string &P) {
      return !Baseline.count(P);
    });
    if (Dropped)
      Notes.push_back(std::to_string(Dropped) +
                      " finding(s) in the baseline left out");
  }

  std::unique_ptr<raw_fd_ostream> File;
  raw_ostream *OS = &outs();
  if (!OutputFile.empty()) {
    std::error_code EC;
    File = std::make_unique<raw_fd_ostream>(OutputFile, EC);
    if (EC)
      return usageError(OutputFile + ": cannot write: " + EC.message());
    OS = File.get();
  }
  // Tools reading JSON or SARIF see the warnings among the notes.
  Notes.insert(Notes.begin(), Warnings.begin(), Warnings.end());
  OutputOptions O;
  O.Explain = Explain;
  O.ToolVersion = HOLDWAIT_VERSION;
  O.Units = R.Units;
  O.RelativeTo = Cwd.str().str();
  if (ShowSuppressed)
    O.Suppressed = &Suppressed;
  if (Format == "json")
    writeJson(*OS, Findings, Errors, Notes, O.Suppressed);
  else if (Format == "sarif")
    writeSarif(*OS, Findings, Errors, Notes, O);
  else if (Format == "rdjson")
    writeRdjson(*OS, Findings, O);
  else if (Format == "codeclimate")
    writeCodeClimate(*OS, Findings, O);
  else if (Format == "markdown")
    writeMarkdown(*OS, Findings, Errors, O);
  else
    writeText(*OS, Findings, O);
  // Keep the report and the notes in order when both go to a terminal.
  OS->flush();
  for (size_t I = 0; I < Notes.size(); ++I)
    errs() << (I < Warnings.size() ? "holdwait: warning: " : "holdwait: note: ")
           << Notes[I] << "\n";
  for (const InputError &E : Errors)
    errs() << "holdwait: error: " << E.File << ": " << E.Message << "\n";
  // Cache use goes to stderr only: the report itself is the same warm or
  // cold.
  if (!DOpts.CacheDir.empty())
    errs() << "holdwait: cache: " << R.CacheHits << " of " << R.Units
           << " translation unit(s) reused from " << DOpts.CacheDir << "\n";
  if (Format == "text")
    errs() << "holdwait: " << Findings.size() << " finding(s) in " << R.Units
           << " translation unit(s)"
           << (Errors.empty()
                   ? ""
                   : ", " + std::to_string(Errors.size()) + " input error(s)")
           << "\n";
  if (!Errors.empty())
    return 2;
  return Findings.empty() ? 0 : 1;
}

//===- Driver.cpp - running the front end over translation units ----------===//
#include "tool/Driver.h"
#include "analysis/TUCache.h"
#include "analysis/frontend/Action.h"
#include "tool/CompileDatabase.h"
#include "tool/GccCommand.h"
#include "tool/ModelNames.h"

#include "clang/Frontend/TextDiagnosticPrinter.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/Threading.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Support/thread.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif

using namespace clang::tooling;

namespace holdwait {

namespace {

/// Prints the compiler's diagnostics and keeps the first error: the
/// reason, in the compiler's words, why a unit could not be analyzed (a
/// header not found, a syntax error, a file the driver cannot compile),
/// for the input error that sums the file up after the report.
class FirstErrorKeeper : public clang::DiagnosticConsumer {
public:
  FirstErrorKeeper(clang::DiagnosticConsumer &Printer, std::string &First)
      : Printer(Printer), First(First) {}
  void BeginSourceFile(const clang::LangOptions &LO,
                       const clang::Preprocessor *PP) override {
    Printer.BeginSourceFile(LO, PP);
  }
  void EndSourceFile() override { Printer.EndSourceFile(); }
  void finish() override { Printer.finish(); }
  void HandleDiagnostic(clang::DiagnosticsEngine::Level L,
                        const clang::Diagnostic &Info) override {
    DiagnosticConsumer::HandleDiagnostic(L, Info); // counts the errors
    Printer.HandleDiagnostic(L, Info);
    if (L < clang::DiagnosticsEngine::Error || !First.empty())
      return;
    llvm::SmallString<128> Msg;
    Info.FormatDiagnostic(Msg);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      clang::PresumedLoc P =
          Info.getSourceManager().getPresumedLoc(Info.getLocation());
      if (P.isValid())
        First =
            (llvm::sys::path::filename(P.getFilename()) + ":" +
             llvm::Twine(P.getLine()) + ":" + llvm::Twine(P.getColumn()) + ": ")
                .str();
    }
    First += Msg.str();
  }

private:
  clang::DiagnosticConsumer &Printer;
  std::string &First;
};

/// The database without the commands the compiler cannot be run with:
/// empty ones (`"arguments": []`), which give it nothing to run, and those
/// whose directory does not exist (a database outlives its build
/// directory), which ClangTool cannot change into: it would abort the whole
/// process (report_fatal_error), not fail the one unit.
class UsableCommands : public CompilationDatabase {
public:
  UsableCommands(const CompilationDatabase &DB, llvm::vfs::FileSystem &FS)
      : DB(DB), FS(FS) {}
  std::vector<CompileCommand>
  getCompileCommands(llvm::StringRef File) const override {
    std::vector<CompileCommand> R = DB.getCompileCommands(File);
    llvm::erase_if(R, [&](const CompileCommand &C) {
      return C.CommandLine.empty() || !hasDirectory(C);
    });
    return R;
  }
  bool hasDirectory(const CompileCommand &C) const {
    llvm::ErrorOr<llvm::vfs::Status> S = FS.status(C.Directory);
    return S && S->isDirectory();
  }

private:
  const CompilationDatabase &DB;
  llvm::vfs::FileSystem &FS;
};

/// What happened to one named file; filled on a worker thread, read in
/// file order afterwards.
struct FileOutcome {
  std::vector<UnitResult> Units;
  std::string Diagnostics; ///< compiler output, printed in file order
  std::string FirstError;  ///< the first of the compiler's errors
  int RC = 0;
  bool NotInDatabase = false;
  bool EmptyCommand = false;
  size_t EmptyCommandsSkipped = 0;
  /// A command's directory that does not exist, and how many commands
  /// were skipped for that.
  std::string MissingDirectory;
  size_t MissingDirectoriesSkipped = 0;
  bool FromCache = false;
  std::string CacheError;
  std::set<std::string> DeclaredNames;
};

void analyzeFile(const CompilationDatabase &DB, const std::string &File,
                 const Profile &P, const DriverOptions &Opts,
                 const ArgumentsAdjuster &Adjust, TUCache *Cache,
                 FileOutcome &Out) {
  std::vector<CompileCommand> Cmds = DB.getCompileCommands(File);
  if (Cmds.empty()) {
    Out.NotInDatabase = true;
    return;
  }
  // Each unit gets its own file system whose working directory is its
  // own: the shared real file system changes the process's directory,
  // which parallel units would fight over.
  llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FS =
      llvm::vfs::createPhysicalFileSystem();
  // `"arguments": []` or `"command": ""`: there is no compiler to run, and
  // Clang's driver would only say that it found no job. A directory that
  // is gone: there is nowhere to run it.
  UsableCommands Usable(DB, *FS);
  for (const CompileCommand &C : Cmds) {
    if (C.CommandLine.empty()) {
      ++Out.EmptyCommandsSkipped;
    } else if (!Usable.hasDirectory(C)) {
      ++Out.MissingDirectoriesSkipped;
      if (Out.MissingDirectory.empty())
        Out.MissingDirectory = C.Directory;
    }
  }
  Cmds = Usable.getCompileCommands(File);
  if (Cmds.empty()) {
    Out.EmptyCommand = Out.MissingDirectory.empty();
    return;
  }
  // A file compiled once is cached under its adjusted command; a file the
  // database compiles several ways is parsed every time.
  std::vector<std::string> Key;
  if (Cache && Cmds.size() == 1) {
    Key = Adjust(Cmds[0].CommandLine, Cmds[0].Filename);
    if (std::optional<TUFacts> Hit =
            Cache->lookup(Key, Cmds[0].Directory, File)) {
      UnitResult U;
      U.Facts = std::move(*Hit);
      Out.Units.push_back(std::move(U));
      Out.FromCache = true;
      return;
    }
  }

  auto Factory = makeLoweringActionFactory(
      P, [&](UnitResult U) { Out.Units.push_back(std::move(U)); }, Opts.Limits);
  if (Opts.WantedNames && !Opts.WantedNames->empty())
    Factory = collectDeclaredNames(std::move(Factory), *Opts.WantedNames,
                                   Out.DeclaredNames);
  ClangTool Tool(Usable, {File},
                 std::make_shared<clang::PCHContainerOperations>(), FS);
  Tool.appendArgumentsAdjuster(Adjust);
  for (const auto &[Path, Contents] : Opts.VirtualFiles)
    Tool.mapVirtualFile(Path, Contents);
  llvm::raw_string_ostream DiagOS(Out.Diagnostics);
  clang::DiagnosticOptions *DiagOpts = new clang::DiagnosticOptions();
  clang::TextDiagnosticPrinter Printer(DiagOS, DiagOpts);
  FirstErrorKeeper Keeper(Printer, Out.FirstError);
  Tool.setDiagnosticConsumer(&Keeper);
  Tool.setPrintErrorMessage(false);
  Out.RC = Tool.run(Factory.get());
  DiagOS.flush();

  if (!Key.empty() && Out.Units.size() == 1 && !Out.Units[0].Failed)
    if (llvm::Error E =
            Cache->store(Key, Cmds[0].Directory, File, Out.Units[0].FilesRead,
                         Out.Units[0].Facts))
      Out.CacheError = llvm::toString(std::move(E));
}

/// Each unit is parsed on a thread with this much stack (reserved address
/// space; only what the parser uses is ever touched).
constexpr unsigned ParseStackSize = 256u << 20;

} // namespace

DriverResult runFrontend(const CompilationDatabase &DB,
                         const std::vector<std::string> &Files,
                         const Profile &P, const DriverOptions &Opts) {
  DriverResult R;
  DroppedFlags Dropped;
  // GCC's commands are translated first: the flags that step drops with
  // their values must be gone before unknown flags are looked for.
  ArgumentsAdjuster Adjust = combineAdjusters(
      combineAdjusters(translateGccFlags(Dropped), dropUnknownFlags(Dropped)),
      combineAdjusters(dropDependencyOutput(), parserFlags(Opts.ResourceDir)));
  if (!Opts.ExtraArgs.empty())
    Adjust = combineAdjusters(
        Adjust,
        getInsertArgumentAdjuster(Opts.ExtraArgs, ArgumentInsertPosition::END));

  std::optional<TUCache> Cache;
  if (!Opts.CacheDir.empty()) {
    auto C = TUCache::open(Opts.CacheDir, Opts.ConfigDigest);
    if (C)
      Cache.emplace(std::move(*C));
    else
      R.Notes.push_back("cache disabled: " + llvm::toString(C.takeError()));
  }

  std::vector<FileOutcome> Outcomes(Files.size());
  auto Run = [&](size_t I) {
    // Clang parses nested statements by recursion, several KiB of stack
    // per nested if: the usual 8 MiB runs out after 2,000 to 3,000 levels
    // (clang-19 -fsyntax-only itself crashes there). On a thread of its
    // own a unit has room for 20,000.
    llvm::thread T(std::optional<unsigned>(ParseStackSize), [&] {
      analyzeFile(DB, Files[I], P, Opts, Adjust, Cache ? &*Cache : nullptr,
                  Outcomes[I]);
    });
    T.join();
#ifdef __GLIBC__
    // What the unit's AST took sits free in the thread's own malloc arena,
    // where the main thread's linking and analysis cannot reuse it; give it
    // back, or the peak memory is the AST's plus the analysis's.
    malloc_trim(0);
#endif
  };
  if (Opts.Jobs <= 1 || Files.size() <= 1) {
    for (size_t I = 0; I < Files.size(); ++I)
      Run(I);
  } else {
    llvm::DefaultThreadPool Pool(llvm::hardware_concurrency(Opts.Jobs));
    for (size_t I = 0; I < Files.size(); ++I)
      Pool.async(Run, I);
    Pool.wait();
  }

  for (size_t I = 0; I < Files.size(); ++I) {
    const std::string &File = Files[I];
    FileOutcome &O = Outcomes[I];
    llvm::errs() << O.Diagnostics;
    if (O.NotInDatabase) {
      R.Errors.push_back({File, "not in the compilation database"});
      continue;
    }
    if (O.EmptyCommand) {
      R.Errors.push_back(
          {File, "its compile command in the compilation database is empty"});
      continue;
    }
    if (O.Units.empty() && !O.MissingDirectory.empty()) {
      R.Errors.push_back({File, "the directory of its compile command, " +
                                    O.MissingDirectory + ", does not exist"});
      continue;
    }
    if (O.MissingDirectoriesSkipped)
      R.Notes.push_back(File + ": skipped " +
                        std::to_string(O.MissingDirectoriesSkipped) +
                        " compile command(s) whose directory does not "
                        "exist; analyzed with the others");
    if (O.EmptyCommandsSkipped)
      R.Notes.push_back(File + ": skipped " +
                        std::to_string(O.EmptyCommandsSkipped) +
                        " empty compile command(s) in the compilation "
                        "database; analyzed with the others");
    if (!O.CacheError.empty())
      R.Notes.push_back("could not cache " + File + ": " + O.CacheError);
    // The compiler's first error says why, in its own words.
    std::string First =
        O.FirstError.empty() ? "" : " (first: " + O.FirstError + ")";
    if (O.Units.empty()) {
      R.Errors.push_back(
          {File, O.RC ? "the compiler could not run on this file" + First
                      : "no translation unit was produced"});
      continue;
    }
    R.CacheHits += O.FromCache;
    R.DeclaredNames.insert(O.DeclaredNames.begin(), O.DeclaredNames.end());
    for (UnitResult &U : O.Units) {
      if (Opts.WantedNames)
        for (const Symbol &S : U.Facts.Symbols)
          if (Opts.WantedNames->count(S.Name))
            R.DeclaredNames.insert(S.Name);
      if (U.Failed) {
        R.Errors.push_back(
            {File, std::to_string(U.Errors) +
                       " compile error(s); the file was not analyzed" + First});
        continue;
      }
      ++R.Units;
      R.Prog.add(std::move(U.Facts));
    }
  }
  // A unit that failed may store into fields the others read.
  R.Prog.UseFieldValues =
      Opts.FieldValues && (R.Errors.empty() || Opts.FieldValuesEvenWithErrors);
  R.Prog.link();
  for (std::string &N : Dropped.notes())
    R.Notes.push_back(std::move(N));
  return R;
}

} // namespace holdwait

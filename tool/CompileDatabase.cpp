//===- CompileDatabase.cpp - finding each file's compile command ----------===//
#include "tool/CompileDatabase.h"

#include "clang/Driver/Options.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

using namespace clang::tooling;
using namespace llvm;

namespace holdwait {

namespace {

std::string normalize(StringRef Path) {
  SmallString<256> P(Path);
  sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return P.str().str();
}

/// A database whose commands were read and fixed up front.
class ListDatabase : public CompilationDatabase {
public:
  explicit ListDatabase(std::vector<CompileCommand> Cmds)
      : Cmds(std::move(Cmds)) {}

  std::vector<CompileCommand>
  getCompileCommands(StringRef FilePath) const override {
    SmallString<256> Abs(FilePath);
    sys::fs::make_absolute(Abs);
    std::string Key = normalize(Abs);
    std::vector<CompileCommand> R;
    for (const CompileCommand &C : Cmds)
      if (C.Filename == Key)
        R.push_back(C);
    return R;
  }
  std::vector<std::string> getAllFiles() const override {
    std::vector<std::string> R;
    for (const CompileCommand &C : Cmds)
      R.push_back(C.Filename);
    std::sort(R.begin(), R.end());
    R.erase(std::unique(R.begin(), R.end()), R.end());
    return R;
  }
  std::vector<CompileCommand> getAllCompileCommands() const override {
    return Cmds;
  }

private:
  std::vector<CompileCommand> Cmds;
};

/// What is wrong with the text of a database, as precisely as JSON allows:
/// `<line>:<column>: <problem>` for a syntax error, or the entry (counted from
/// 1) that lacks a key or has one of the wrong type. Empty when the text is a
/// well-formed list of entries.
std::string explainMalformed(StringRef Text) {
  Expected<json::Value> V = json::parse(Text);
  if (!V) {
    // LLVM writes "[<line>:<column from 0>, byte=<n>]: <problem>".
    std::string E = toString(V.takeError());
    StringRef R(E);
    size_t Comma = R.find(", byte="), End = R.find("]: ");
    unsigned Line, Col;
    if (R.starts_with("[") && Comma != StringRef::npos &&
        End != StringRef::npos && Comma < End &&
        !R.slice(1, Comma).split(':').first.getAsInteger(10, Line) &&
        !R.slice(1, Comma).split(':').second.getAsInteger(10, Col))
      return (Twine(Line) + ":" + Twine(Col + 1) + ": " + R.substr(End + 3))
          .str();
    return E;
  }
  const json::Array *A = V->getAsArray();
  if (!A)
    return "expected a JSON array of entries";
  for (size_t I = 0; I < A->size(); ++I) {
    std::string Entry = "entry " + std::to_string(I + 1);
    const json::Object *O = (*A)[I].getAsObject();
    if (!O)
      return Entry + " is not an object";
    for (const char *Key : {"directory", "file"}) {
      const json::Value *F = O->get(Key);
      if (!F)
        return Entry + " has no \"" + Key + "\"";
      if (!F->getAsString())
        return Entry + ": \"" + Key + "\" is not a string";
    }
    const json::Value *Cmd = O->get("command"), *Args = O->get("arguments");
    if (!Cmd && !Args)
      return Entry + " has neither \"command\" nor \"arguments\"";
    if (Cmd && !Cmd->getAsString())
      return Entry + ": \"command\" is not a string";
    if (Args) {
      const json::Array *L = Args->getAsArray();
      if (!L || llvm::any_of(
                    *L, [](const json::Value &X) { return !X.getAsString(); }))
        return Entry + ": \"arguments\" is not a list of strings";
    }
  }
  return "";
}

} // namespace

Expected<std::unique_ptr<CompilationDatabase>>
loadCompileDatabase(StringRef Path) {
  SmallString<256> File(Path);
  if (sys::fs::is_directory(File))
    sys::path::append(File, "compile_commands.json");
  sys::fs::make_absolute(File);
  sys::path::remove_dots(File, /*remove_dot_dot=*/true);
  auto Buf = MemoryBuffer::getFile(File);
  if (!Buf)
    return createStringError(Buf.getError(),
                             "%s: cannot read the compilation database: %s",
                             File.c_str(), Buf.getError().message().c_str());
  if ((*Buf)->getBuffer().trim().empty())
    return createStringError(inconvertibleErrorCode(),
                             "%s: the compilation database is empty",
                             File.c_str());
  auto Malformed = [&](const std::string &Why) {
    // A syntax error comes as "<line>:<column>: <problem>"; the position
    // goes after the file name, compiler style.
    std::string Head = File.str().str(), Rest = Why;
    size_t Sep = Why.find(": ");
    if (!Why.empty() && isDigit(Why[0]) && Sep != std::string::npos) {
      Head += ":" + Why.substr(0, Sep);
      Rest = Why.substr(Sep + 2);
    }
    return createStringError(inconvertibleErrorCode(),
                             "%s: malformed compilation database: %s",
                             Head.c_str(), Rest.c_str());
  };
  // The format is JSON. LLVM's reader parses it as YAML, which took a file
  // cut short before its closing ']' (printing a YAML error, then using
  // the entries), so the text is checked as JSON first.
  if (std::string Why = explainMalformed((*Buf)->getBuffer()); !Why.empty())
    return Malformed(Why);
  std::string Err;
  auto JSON = JSONCompilationDatabase::loadFromBuffer(
      (*Buf)->getBuffer(), Err, JSONCommandLineSyntax::AutoDetect);
  if (!JSON)
    return Malformed(Err);
  StringRef Base = sys::path::parent_path(File);
  std::vector<CompileCommand> Cmds;
  for (CompileCommand C : JSON->getAllCompileCommands()) {
    // LLVM's reader joins a relative directory with the current directory
    // only for the file name; resolve both against the database instead.
    SmallString<256> Dir(C.Directory);
    if (sys::path::is_relative(Dir)) {
      SmallString<256> D(Base);
      sys::path::append(D, Dir);
      Dir = D;
    }
    C.Directory = normalize(Dir);
    SmallString<256> F(C.Filename);
    if (sys::path::is_relative(F)) {
      SmallString<256> Full(C.Directory);
      sys::path::append(Full, F);
      F = Full;
    }
    C.Filename = normalize(F);
    Cmds.push_back(std::move(C));
  }
  if (Cmds.empty())
    return createStringError(inconvertibleErrorCode(),
                             "%s: the compilation database has no entries",
                             File.c_str());
  return std::make_unique<ListDatabase>(std::move(Cmds));
}

std::vector<std::string> DroppedFlags::notes() {
  std::lock_guard<std::mutex> G(M);
  std::vector<std::string> Notes;
  auto Count = [](size_t N) { return std::to_string(N); };
  if (auto It = Flags.find(""); It != Flags.end())
    Notes.push_back(
        "dropped " + Count(It->second.size()) +
        " compiler flag(s) that clang does not know: " + join(It->second, " "));
  // The flags clang knows but cannot use, grouped by why:
  // "-fplugin=a.so -fplugin-arg-a-x (GCC plugins, ...); -mrecord-mcount (...)".
  size_t N = 0;
  std::string Groups;
  for (const auto &[Why, Set] : Flags) {
    if (Why.empty())
      continue;
    N += Set.size();
    Groups += (Groups.empty() ? "" : "; ") + join(Set, " ") + " (" + Why + ")";
  }
  if (N)
    Notes.push_back("dropped " + Count(N) +
                    " compiler flag(s) that clang cannot use here: " + Groups);
  if (!Targets.empty()) {
    std::string List;
    for (const auto &[Target, Compiler] : Targets)
      List += (List.empty() ? "" : "; ") + Target + " (" + Compiler + ")";
    Notes.push_back("parsed for the target that the compiler's name gives: " +
                    List);
  }
  return Notes;
}

ArgumentsAdjuster dropUnknownFlags(DroppedFlags &Dropped) {
  return [&Dropped](const CommandLineArguments &Args, StringRef File) {
    if (Args.empty())
      return Args;
    const opt::OptTable &Opts = clang::driver::getDriverOptTable();
    std::vector<const char *> Argv;
    for (size_t I = 1; I < Args.size(); ++I)
      Argv.push_back(Args[I].c_str());
    unsigned MissingIdx = 0, MissingCount = 0;
    opt::InputArgList Parsed = Opts.ParseArgs(
        Argv, MissingIdx, MissingCount,
        llvm::opt::Visibility(clang::driver::options::ClangOption));
    std::set<unsigned> Drop;
    for (const opt::Arg *A :
         Parsed.filtered(clang::driver::options::OPT_UNKNOWN)) {
      Drop.insert(A->getIndex() + 1);
      Dropped.add(A->getSpelling().str());
    }
    if (Drop.empty())
      return Args;
    CommandLineArguments Out;
    for (size_t I = 0; I < Args.size(); ++I)
      if (!Drop.count(I))
        Out.push_back(Args[I]);
    return Out;
  };
}

ArgumentsAdjuster dropDependencyOutput() {
  return [](const CommandLineArguments &Args, StringRef) {
    CommandLineArguments Out;
    for (const std::string &A : Args) {
      StringRef Rest(A);
      if (!Rest.consume_front("-Wp,")) {
        Out.push_back(A);
        continue;
      }
      // Keep what else the preprocessor is given (-Wp,-DX); drop the
      // dependency options and the file names they take.
      SmallVector<StringRef, 4> Parts;
      Rest.split(Parts, ',');
      std::string Kept;
      for (size_t I = 0; I < Parts.size(); ++I) {
        StringRef P = Parts[I];
        if (P == "-MD" || P == "-MMD" || P == "-MF" || P == "-MT" ||
            P == "-MQ") {
          ++I; // its file name
          continue;
        }
        if (P == "-M" || P == "-MM" || P == "-MP" || P == "-MG")
          continue;
        Kept += "," + P.str();
      }
      if (!Kept.empty())
        Out.push_back("-Wp" + Kept);
    }
    return Out;
  };
}

ArgumentsAdjuster parserFlags(const std::string &ResourceDir) {
  // -fno-caret-diagnostics only stops the compiler's "N errors generated."
  // line, which it writes straight to stderr, ahead of the diagnostics
  // holdwait prints per file and in file order (our printer keeps its own
  // carets); the input error for the file gives the count instead.
  CommandLineArguments Extra = {"-w", "-Wno-error", "-ferror-limit=20",
                                "-fno-caret-diagnostics"};
  if (!ResourceDir.empty())
    Extra.insert(Extra.begin(), "-resource-dir=" + ResourceDir);
  return getInsertArgumentAdjuster(Extra, ArgumentInsertPosition::END);
}

} // namespace holdwait

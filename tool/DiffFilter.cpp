//===- DiffFilter.cpp - keeping the findings a change touches -------------===//
#include "tool/DiffFilter.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FileUtilities.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace holdwait {

namespace {
llvm::Error diffError(const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), Msg);
}

/// git writes a name with a tab, quote or control character C-quoted
/// ("b/a\tb.c"); undo that so the name matches the file on disk.
std::string unquote(llvm::StringRef S) {
  if (S.size() < 2 || !S.starts_with("\"") || !S.ends_with("\""))
    return S.str();
  S = S.drop_front().drop_back();
  std::string Out;
  for (size_t I = 0; I < S.size(); ++I) {
    if (S[I] != '\\' || I + 1 == S.size()) {
      Out += S[I];
      continue;
    }
    char C = S[++I];
    if (C >= '0' && C <= '7') {
      unsigned V = 0;
      for (unsigned N = 0; N < 3 && I < S.size() && S[I] >= '0' && S[I] <= '7';
           ++N, ++I)
        V = V * 8 + (S[I] - '0');
      --I;
      Out += char(V);
      continue;
    }
    switch (C) {
    case 't':
      Out += '\t';
      break;
    case 'n':
      Out += '\n';
      break;
    case 'r':
      Out += '\r';
      break;
    default:
      Out += C;
    }
  }
  return Out;
}

/// The name of a `---`/`+++` header: diff -u follows it with a tab and a
/// time stamp, git with nothing.
std::string headerPath(llvm::StringRef Rest) {
  Rest = Rest.rtrim("\r");
  if (Rest.starts_with("\""))
    return unquote(Rest.take_front(Rest.find('"', 1) + 1));
  return Rest.take_until([](char C) { return C == '\t'; }).str();
}

/// `-a,b +c,d` of a hunk header: the new side's start and count.
bool parseHunk(llvm::StringRef Line, unsigned &OldCount, unsigned &NewStart,
               unsigned &NewCount) {
  if (!Line.consume_front("@@ -"))
    return false;
  llvm::StringRef Old = Line.take_until([](char C) { return C == ' '; });
  Line = Line.drop_front(Old.size()).ltrim();
  if (!Line.consume_front("+"))
    return false;
  llvm::StringRef New = Line.take_until([](char C) { return C == ' '; });
  auto Range = [](llvm::StringRef R, unsigned &Start, unsigned &Count) {
    auto [S, C] = R.split(',');
    Count = 1;
    return !S.getAsInteger(10, Start) &&
           (C.empty() || !C.getAsInteger(10, Count));
  };
  unsigned OldStart;
  return Range(Old, OldStart, OldCount) && Range(New, NewStart, NewCount);
}
} // namespace

const std::string &ChangedLines::canonical(llvm::StringRef Path) const {
  auto [It, New] = Canonical.try_emplace(Path.str());
  if (New) {
    // Through symlinks too: the compilation database and the diff may name
    // the same file by different routes.
    llvm::SmallString<256> Real;
    if (llvm::sys::fs::real_path(Path, Real)) {
      Real = Path;
      llvm::sys::fs::make_absolute(Real);
      llvm::sys::path::remove_dots(Real, /*remove_dot_dot=*/true);
    }
    It->second = Real.str().str();
  }
  return It->second;
}

void ChangedLines::add(llvm::StringRef Path, unsigned Line) {
  Lines[canonical(Path)].insert(Line);
}

bool ChangedLines::contains(const SourcePoint &P) const {
  if (P.File.empty() || P.Line == 0)
    return false;
  auto It = Lines.find(canonical(P.File));
  return It != Lines.end() && It->second.count(P.Line);
}

bool ChangedLines::touches(const Finding &F) const {
  auto AnyStep = [&](const std::vector<FindingStep> &Steps) {
    for (const FindingStep &S : Steps)
      if (contains(S.At))
        return true;
    return false;
  };
  if (contains(F.At) || contains(F.LockAt) || AnyStep(F.Chain) ||
      AnyStep(F.LockChain))
    return true;
  if (F.HasOther && (contains(F.Other.ContextAt) ||
                     contains(F.Other.AcquiredAt) || AnyStep(F.Other.Chain)))
    return true;
  for (const OrderLink &O : F.Order)
    if (contains(O.HeldAt) || contains(O.At) || AnyStep(O.HeldChain) ||
        AnyStep(O.Chain))
      return true;
  return false;
}

llvm::Expected<ChangedLines> parseUnifiedDiff(llvm::StringRef Text,
                                              llvm::StringRef BaseDir) {
  ChangedLines Out;
  llvm::SmallVector<llvm::StringRef, 0> Lines;
  Text.split(Lines, '\n');
  std::string OldPath, NewPath;
  bool SawHeader = false;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef L = Lines[I];
    if (L.starts_with("--- ")) {
      OldPath = headerPath(L.drop_front(4));
      continue;
    }
    if (L.starts_with("+++ ")) {
      NewPath = headerPath(L.drop_front(4));
      SawHeader = true;
      if (NewPath != "/dev/null" &&
          llvm::StringRef(NewPath).starts_with("b/") &&
          (llvm::StringRef(OldPath).starts_with("a/") ||
           OldPath == "/dev/null"))
        NewPath = NewPath.substr(2);
      continue;
    }
    if (!L.starts_with("@@"))
      continue;
    unsigned OldCount, NewLine, NewCount;
    if (!parseHunk(L, OldCount, NewLine, NewCount))
      return diffError("line " + llvm::Twine(I + 1) +
                       ": malformed hunk header '" + L.rtrim("\r") + "'");
    if (!SawHeader)
      return diffError("line " + llvm::Twine(I + 1) +
                       ": hunk before any '+++' file header");
    llvm::SmallString<256> Path(NewPath);
    if (!llvm::sys::path::is_absolute(Path)) {
      Path = BaseDir;
      llvm::sys::path::append(Path, NewPath);
    }
    bool Deleted = NewPath == "/dev/null";
    // Walk the body by the counts: a removed line may itself begin with
    // "--" and must not be taken for the next file's header.
    while ((OldCount || NewCount) && I + 1 < Lines.size()) {
      llvm::StringRef B = Lines[++I];
      char Kind = B.empty() ? ' ' : B[0];
      if (Kind == '\\')
        continue; // "\ No newline at end of file"
      if (Kind == '+') {
        if (!Deleted)
          Out.add(Path, NewLine);
        ++NewLine;
        if (NewCount)
          --NewCount;
      } else if (Kind == '-') {
        if (OldCount)
          --OldCount;
      } else {
        ++NewLine;
        if (NewCount)
          --NewCount;
        if (OldCount)
          --OldCount;
      }
    }
  }
  return Out;
}

llvm::Expected<ChangedLines> changedSince(llvm::StringRef Rev) {
  auto Git = llvm::sys::findProgramByName("git");
  if (!Git)
    return diffError("--since: git is not on PATH");
  auto Run = [&](llvm::ArrayRef<llvm::StringRef> Args,
                 std::string &Out) -> llvm::Error {
    llvm::SmallString<128> OutFile, ErrFile;
    if (std::error_code EC =
            llvm::sys::fs::createTemporaryFile("holdwait-git", "out", OutFile))
      return diffError("--since: cannot create a temporary file: " +
                       EC.message());
    llvm::FileRemover RemoveOut(OutFile);
    if (std::error_code EC =
            llvm::sys::fs::createTemporaryFile("holdwait-git", "err", ErrFile))
      return diffError("--since: cannot create a temporary file: " +
                       EC.message());
    llvm::FileRemover RemoveErr(ErrFile);
    std::optional<llvm::StringRef> Redirects[] = {
        std::nullopt, llvm::StringRef(OutFile), llvm::StringRef(ErrFile)};
    std::string ExecError;
    int RC = llvm::sys::ExecuteAndWait(*Git, Args, std::nullopt, Redirects, 0,
                                       0, &ExecError);
    auto Read = [](llvm::StringRef F) {
      auto Buf = llvm::MemoryBuffer::getFile(F);
      return Buf ? (*Buf)->getBuffer().str() : std::string();
    };
    std::string Command;
    for (llvm::StringRef A : Args)
      Command += (Command.empty() ? "" : " ") + A.str();
    if (RC < 0)
      return diffError("--since: cannot run " + Command + ": " + ExecError);
    if (RC != 0) {
      std::string Err = llvm::StringRef(Read(ErrFile)).trim().str();
      return diffError("--since: " + Command + " failed (exit " +
                       llvm::Twine(RC) + ")" + (Err.empty() ? "" : ": ") + Err);
    }
    Out = Read(OutFile);
    return llvm::Error::success();
  };
  std::string Top;
  if (llvm::Error E = Run({"git", "rev-parse", "--show-toplevel"}, Top))
    return E;
  // Fixed prefixes and no colour or external diff tool, whatever the user's
  // git configuration says; `--` keeps Rev from being read as a path.
  std::string Diff;
  if (llvm::Error E = Run({"git", "diff", "-U0", "--no-color", "--no-ext-diff",
                           "--src-prefix=a/", "--dst-prefix=b/", Rev, "--"},
                          Diff))
    return E;
  return parseUnifiedDiff(Diff, llvm::StringRef(Top).trim());
}

} // namespace holdwait

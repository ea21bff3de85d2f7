//===- Suppressions.cpp - findings silenced in the source -----------------===//
#include "tool/Suppressions.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/GlobPattern.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <set>

namespace holdwait {

namespace {
enum class Applies { SameLine, NextLine, Both };

struct Directive {
  Applies Where;
  bool All = false;                ///< NOLINT without a list
  std::vector<std::string> Checks; ///< globs, `holdwait-` prefix dropped
  bool Ours = false;               ///< `holdwait: ignore[...]`
  std::string Text;
  std::string Reason;
  unsigned Column = 0;
};

/// The text after a directive up to the end of its comment.
std::string reasonAfter(llvm::StringRef Rest) {
  size_t End = Rest.find("*/");
  if (End != llvm::StringRef::npos)
    Rest = Rest.take_front(End);
  // `NOLINT(check): why` and `ignore[check] - why` read alike.
  return Rest.trim().ltrim(":-").trim().str();
}

std::vector<std::string> splitNames(llvm::StringRef List, bool TidyNames) {
  std::vector<std::string> Out;
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  List.split(Parts, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef P : Parts) {
    P = P.trim();
    // clang-tidy lists name every tool's checks; only holdwait-* and bare
    // globs such as `*` can mean ours.
    bool Prefixed = P.consume_front("holdwait-");
    if (TidyNames && !Prefixed && P != "*")
      continue;
    Out.push_back(P.str());
  }
  return Out;
}

/// The directives of one source line. A directive counts only after a
/// comment opener on the same line, so code that merely mentions NOLINT in
/// a string before any comment is left alone.
std::vector<Directive> parseLine(llvm::StringRef Line) {
  std::vector<Directive> Out;
  size_t Slash = Line.find("//"), Star = Line.find("/*");
  size_t Comment = std::min(Slash, Star);
  if (Comment == llvm::StringRef::npos)
    return Out;
  llvm::StringRef Text = Line.drop_front(Comment);
  for (size_t At = Text.find("holdwait:"); At != llvm::StringRef::npos;
       At = Text.find("holdwait:", At + 1)) {
    llvm::StringRef Rest = Text.drop_front(At + 9).ltrim();
    if (!Rest.consume_front("ignore["))
      continue;
    size_t Close = Rest.find(']');
    if (Close == llvm::StringRef::npos)
      continue;
    Directive D;
    D.Where = Applies::Both;
    D.Ours = true;
    D.Checks = splitNames(Rest.take_front(Close), /*TidyNames=*/false);
    D.Reason = reasonAfter(Rest.drop_front(Close + 1));
    D.Column = Comment + At + 1;
    D.Text = Text.substr(At, Rest.data() + Close + 1 - (Text.data() + At));
    Out.push_back(std::move(D));
  }
  for (size_t At = Text.find("NOLINT"); At != llvm::StringRef::npos;
       At = Text.find("NOLINT", At + 1)) {
    llvm::StringRef Rest = Text.drop_front(At + 6);
    Directive D;
    D.Where = Applies::SameLine;
    if (Rest.consume_front("NEXTLINE"))
      D.Where = Applies::NextLine;
    else if (Rest.starts_with("BEGIN") || Rest.starts_with("END"))
      continue; // ranges are not supported; see docs/usage.md
    if (Rest.consume_front("(")) {
      size_t Close = Rest.find(')');
      if (Close == llvm::StringRef::npos)
        continue;
      D.Checks = splitNames(Rest.take_front(Close), /*TidyNames=*/true);
      Rest = Rest.drop_front(Close + 1);
      if (D.Checks.empty())
        continue; // only other tools' checks
    } else {
      D.All = true;
    }
    D.Reason = reasonAfter(Rest);
    D.Column = Comment + At + 1;
    D.Text = Text.substr(At, Rest.data() - (Text.data() + At));
    D.Text = llvm::StringRef(D.Text).rtrim().str();
    Out.push_back(std::move(D));
  }
  return Out;
}

bool matches(const Directive &D, llvm::StringRef Check) {
  if (D.All)
    return true;
  for (const std::string &Name : D.Checks) {
    auto Glob = llvm::GlobPattern::create(Name);
    if (Glob && Glob->match(Check))
      return true;
  }
  return false;
}

/// Source lines by file, read once however many findings a file has.
class SourceLines {
public:
  /// Line N (1-based), or empty when the file or line does not exist.
  llvm::StringRef line(const std::string &File, unsigned N) {
    const std::vector<llvm::StringRef> &L = lines(File);
    return N >= 1 && N <= L.size() ? L[N - 1] : llvm::StringRef();
  }
  const std::vector<llvm::StringRef> &lines(const std::string &File) {
    auto [It, New] = Files.try_emplace(File);
    if (New) {
      if (auto Buf = llvm::MemoryBuffer::getFile(File)) {
        llvm::SmallVector<llvm::StringRef, 0> Parts;
        (*Buf)->getBuffer().split(Parts, '\n');
        for (llvm::StringRef P : Parts)
          It->second.Lines.push_back(P.rtrim("\r"));
        It->second.Buffer = std::move(*Buf);
      }
    }
    return It->second.Lines;
  }

private:
  struct File {
    std::unique_ptr<llvm::MemoryBuffer> Buffer;
    std::vector<llvm::StringRef> Lines;
  };
  std::map<std::string, File> Files;
};
} // namespace

void applySuppressions(std::vector<Finding> &Findings,
                       std::vector<SuppressedFinding> &Suppressed,
                       const std::vector<std::string> &Scanned) {
  SourceLines Sources;
  std::vector<Finding> Kept;
  std::set<std::string> Files(Scanned.begin(), Scanned.end());
  for (Finding &F : Findings) {
    Files.insert(F.At.File);
    std::optional<SuppressedFinding> S;
    for (unsigned Line : {F.At.Line, F.At.Line - 1}) {
      if (Line == 0 || S)
        break;
      for (const Directive &D : parseLine(Sources.line(F.At.File, Line))) {
        bool Here = Line == F.At.Line;
        if ((Here && D.Where == Applies::NextLine) ||
            (!Here && D.Where == Applies::SameLine) || !matches(D, F.Check))
          continue;
        S = SuppressedFinding{F, {F.At.File, Line, D.Column}, D.Text, D.Reason};
        break;
      }
    }
    if (S)
      Suppressed.push_back(std::move(*S));
    else
      Kept.push_back(std::move(F));
  }
  // A suppression is a claim that a finding is not a bug; without the
  // reason nobody can review that claim later.
  for (const std::string &File : Files) {
    const std::vector<llvm::StringRef> &Lines = Sources.lines(File);
    for (size_t I = 0; I < Lines.size(); ++I)
      for (const Directive &D : parseLine(Lines[I])) {
        if (!D.Ours || !D.Reason.empty())
          continue;
        Finding W;
        W.Check = SuppressionWithoutReason;
        W.At = {File, unsigned(I + 1), D.Column};
        W.Message = "'" + D.Text +
                    "' gives no reason; say why the finding is not a bug "
                    "after the ']'";
        W.Reason = "a suppression without a reason cannot be reviewed";
        // The comment itself stands where the other findings draw their
        // two sides.
        W.Explanation.push_back("  " + Lines[I].trim().str());
        Kept.push_back(std::move(W));
      }
  }
  std::sort(Kept.begin(), Kept.end());
  Findings = std::move(Kept);
}

} // namespace holdwait

//===- Baseline.cpp - accepting the findings a project already has --------===//
#include "tool/Baseline.h"
#include "tool/ReportPaths.h"

#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <tuple>

namespace holdwait {

namespace {
llvm::Error baselineError(llvm::StringRef Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "baseline " + Path + ": " + Why);
}

struct Entry {
  std::string File, Function, Check, Lock, Fingerprint;
  bool operator<(const Entry &O) const {
    return std::tie(File, Function, Check, Lock, Fingerprint) <
           std::tie(O.File, O.Function, O.Check, O.Lock, O.Fingerprint);
  }
};
} // namespace

llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          const std::vector<std::string> &Prints,
                          llvm::StringRef Base) {
  // Sorted by what a reader looks for, so that a regenerated baseline
  // differs from the old one only where findings came or went.
  std::vector<Entry> Entries;
  for (size_t I = 0; I < Findings.size(); ++I) {
    const Finding &F = Findings[I];
    Entries.push_back(
        {shownPath(F.At.File, Base), F.Function, F.Check, F.Lock, Prints[I]});
  }
  std::sort(Entries.begin(), Entries.end());
  std::error_code EC;
  llvm::raw_fd_ostream OS(Path, EC);
  if (EC)
    return baselineError(Path, "cannot write: " + EC.message());
  llvm::json::OStream J(OS, 2);
  J.object([&] {
    J.attribute("version", 1);
    J.attributeArray("findings", [&] {
      for (const Entry &E : Entries)
        J.object([&] {
          J.attribute("fingerprint", E.Fingerprint);
          J.attribute("check", E.Check);
          J.attribute("file", E.File);
          J.attribute("function", E.Function);
          J.attribute("lock", E.Lock);
        });
    });
  });
  OS << "\n";
  return llvm::Error::success();
}

llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path) {
  auto Buf = llvm::MemoryBuffer::getFile(Path);
  if (!Buf)
    return baselineError(Path, "cannot read: " + Buf.getError().message());
  auto Doc = llvm::json::parse((*Buf)->getBuffer());
  if (!Doc)
    return baselineError(Path, "not JSON: " + toString(Doc.takeError()));
  const llvm::json::Object *Top = Doc->getAsObject();
  if (!Top)
    return baselineError(Path, "expected an object at the top level");
  std::optional<int64_t> Version = Top->getInteger("version");
  if (!Version)
    return baselineError(Path, "no integer \"version\"");
  if (*Version != 1)
    return baselineError(Path, "unsupported version " + llvm::Twine(*Version) +
                                   " (expected 1)");
  const llvm::json::Array *List = Top->getArray("findings");
  if (!List)
    return baselineError(Path, "no \"findings\" array");
  std::set<std::string> Prints;
  for (size_t I = 0; I < List->size(); ++I) {
    const llvm::json::Object *E = (*List)[I].getAsObject();
    std::optional<llvm::StringRef> FP =
        E ? E->getString("fingerprint") : std::nullopt;
    if (!FP)
      return baselineError(Path, "findings[" + llvm::Twine(I) +
                                     "] has no string \"fingerprint\"");
    Prints.insert(FP->str());
  }
  return Prints;
}

} // namespace holdwait

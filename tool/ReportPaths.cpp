//===- ReportPaths.cpp - file names as the review formats print them ------===//
#include "tool/ReportPaths.h"

#include "llvm/ADT/StringExtras.h"

namespace holdwait {

std::string shownPath(llvm::StringRef Path, llvm::StringRef Base) {
  if (!Base.empty() && Path.size() > Base.size() + 1 &&
      Path.starts_with(Base) && Path[Base.size()] == '/')
    return Path.drop_front(Base.size() + 1).str();
  return Path.str();
}

std::string uriPathEscape(llvm::StringRef Path) {
  std::string Out;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Out += C;
      continue;
    }
    Out += '%';
    Out += llvm::hexdigit(C >> 4, /*LowerCase=*/false);
    Out += llvm::hexdigit(C & 15, /*LowerCase=*/false);
  }
  return Out;
}

std::string fileUri(llvm::StringRef AbsolutePath) {
  // An absolute POSIX path starts with '/', which gives the empty authority
  // of `file:///`.
  return "file://" + uriPathEscape(AbsolutePath);
}

} // namespace holdwait

//===- Fingerprint.cpp - identities of findings across runs ---------------===//
#include "tool/Fingerprint.h"
#include "tool/ReportPaths.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include <map>

namespace holdwait {

std::vector<std::string> fingerprints(const std::vector<Finding> &Findings,
                                      llvm::StringRef Base) {
  std::vector<std::string> Out;
  std::map<std::string, unsigned> Seen;
  for (const Finding &F : Findings) {
    // NUL separators: no field can run into the next one.
    std::string Key;
    for (const std::string &Part :
         {F.Check, shownPath(F.At.File, Base), F.Function, F.Lock, F.Callee,
          F.Blocking, F.Domain, F.orderPath()}) {
      Key += Part;
      Key += '\0';
    }
    // Two calls of the same kind in one function differ only by position;
    // their order in the file is stable when other lines move.
    unsigned Occurrence = Seen[Key]++;
    Key += std::to_string(Occurrence);
    llvm::SHA256 Hash;
    Hash.update(Key);
    std::array<uint8_t, 32> Digest = Hash.final();
    Out.push_back(llvm::toHex(Digest, /*LowerCase=*/true).substr(0, 32));
  }
  return Out;
}

} // namespace holdwait

//===- BuiltinProfiles.cpp - the profiles loaded by default ---------------===//
//
// The default profiles are compiled into the binary (see embed.cmake) so that
// holdwait needs no install step and reports them as annotations/<file>.
//
//===----------------------------------------------------------------------===//
#include "annotations/Profile.h"

namespace {
struct Embedded {
  const char *Name;
  const char *Text;
};
const Embedded Builtins[] = {
#include "BuiltinProfiles.inc"
};
} // namespace

llvm::Error holdwait::Profile::loadDefaults() {
  for (const Embedded &E : Builtins)
    if (llvm::Error Err = loadBuffer(E.Text, E.Name))
      return Err;
  return llvm::Error::success();
}

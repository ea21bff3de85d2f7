//===- SourceFiles.cpp - refusing what is not a source file ---------------===//
#include "tool/SourceFiles.h"

#include "llvm/Support/FileSystem.h"

using namespace llvm;

namespace holdwait {

std::string unusableSource(StringRef Path) {
  sys::fs::file_status St;
  if (std::error_code EC = sys::fs::status(Path, St))
    return "cannot read: " + EC.message();
  if (St.type() == sys::fs::file_type::directory_file)
    return "is a directory, not a source file";
  // Clang would wait on a FIFO (or a terminal) for input that never comes.
  if (St.type() == sys::fs::file_type::fifo_file)
    return "is a FIFO, not a source file";
  if (St.type() != sys::fs::file_type::regular_file)
    return "is not a regular file (a socket or a device), not a source file";
  Expected<sys::fs::file_t> F = sys::fs::openNativeFileForRead(Path);
  if (!F)
    return "cannot read: " + toString(F.takeError());
  // Source text has no NUL bytes (Clang reads UTF-8 only); a binary file
  // has them early, in its header.
  char Buf[8192];
  Expected<size_t> N =
      sys::fs::readNativeFile(*F, MutableArrayRef<char>(Buf, sizeof(Buf)));
  sys::fs::closeFile(*F);
  if (!N)
    return "cannot read: " + toString(N.takeError());
  if (StringRef(Buf, *N).contains('\0'))
    return "is a binary file (it contains NUL bytes), not a C or C++ source";
  return "";
}

} // namespace holdwait

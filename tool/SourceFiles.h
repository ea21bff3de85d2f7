//===- SourceFiles.h - refusing what is not a source file -------*- C++ -*-===//
//
// A path named on the command line or listed in the compile database is
// checked before the compiler sees it: a directory, a FIFO, a file that
// cannot be opened or a binary file would otherwise give pages of compiler
// errors (a binary's bytes echoed back), a message about compiler jobs, or
// a parser waiting on a pipe, instead of one line that says what is wrong.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_SOURCEFILES_H
#define HOLDWAIT_TOOL_SOURCEFILES_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace holdwait {

/// Why Path cannot be analyzed as a source file ("cannot read: Permission
/// denied", "is a directory, not a source file", ...), or empty when it
/// can be.
std::string unusableSource(llvm::StringRef Path);

} // namespace holdwait

#endif

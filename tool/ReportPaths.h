//===- ReportPaths.h - file names as the review formats print them -*- C++
//-*-===//
//
// Review tools match a finding to a file of the change by a path relative to
// the checkout, so the review formats print paths relative to the current
// directory when the file is under it (CI runs holdwait from the checkout),
// and absolute otherwise.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_REPORTPATHS_H
#define HOLDWAIT_TOOL_REPORTPATHS_H

#include "llvm/ADT/StringRef.h"
#include <string>

namespace holdwait {

/// Path relative to Base when it is under Base, else Path unchanged.
std::string shownPath(llvm::StringRef Path, llvm::StringRef Base);

/// Percent-encodes what may not appear in a URI path (RFC 3986: everything
/// but unreserved characters and '/').
std::string uriPathEscape(llvm::StringRef Path);

/// `file:///abs/path` for an absolute path (a trailing '/' is kept).
std::string fileUri(llvm::StringRef AbsolutePath);

} // namespace holdwait

#endif

//===- Baseline.h - accepting the findings a project already has -*- C++
//-*-===//
//
// A project that adopts holdwait usually has findings it cannot fix at once;
// a baseline records them by fingerprint (Fingerprint.h, the same identity
// SARIF and GitLab use), so later runs report only new ones. The fingerprint
// ignores lines, so moving baselined code does not bring its findings back.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_BASELINE_H
#define HOLDWAIT_TOOL_BASELINE_H

#include "analysis/Finding.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <set>
#include <string>
#include <vector>

namespace holdwait {

/// Writes {"version":1,"findings":[{fingerprint, check, file, function,
/// lock}...]} sorted by file, function, check, lock and fingerprint.
/// Prints[i] is the fingerprint of Findings[i]; files are shown relative
/// to Base.
llvm::Error writeBaseline(llvm::StringRef Path,
                          const std::vector<Finding> &Findings,
                          const std::vector<std::string> &Prints,
                          llvm::StringRef Base);

/// The fingerprints of a baseline file; errors name the file and the reason.
llvm::Expected<std::set<std::string>> readBaseline(llvm::StringRef Path);

} // namespace holdwait

#endif

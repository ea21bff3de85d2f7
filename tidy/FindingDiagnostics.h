//===- FindingDiagnostics.h - a finding as clang-tidy diagnostics -*- C++
//-*-===//
//
// A finding becomes a warning at its location with its message, followed by
// notes that retrace the drawing of the holdwait command: where the lock was
// taken, the calls down to the blocking operation, and the other side of
// the conflict (or, for lock-order findings, one note per edge). clang-tidy
// then applies NOLINT, --line-filter and --header-filter to the warning.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TIDY_FINDINGDIAGNOSTICS_H
#define HOLDWAIT_TIDY_FINDINGDIAGNOSTICS_H

#include "analysis/Finding.h"
#include "clang/Basic/SourceManager.h"

#include "ClangTidyCheck.h"

namespace holdwait {
namespace tidy {

/// Reports F through Check. A finding located in a file this unit did not
/// read is left to the unit that did (it comes from the summary database)
/// and is not reported; returns whether F was.
bool reportFinding(clang::tidy::ClangTidyCheck &Check, clang::SourceManager &SM,
                   const Finding &F);

} // namespace tidy
} // namespace holdwait

#endif

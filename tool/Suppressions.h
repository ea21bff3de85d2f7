//===- Suppressions.h - findings silenced in the source ---------*- C++ -*-===//
//
// A finding that is not a bug (a lock that cannot be contended there, a wait
// that never blocks) is best silenced next to the code, where the reason is
// read and reviewed with it:
//
//   // holdwait: ignore[sleep-in-atomic] the spinlock is never contended
//   usleep(10); // NOLINT(holdwait-sleep-in-atomic)
//
// on the finding's line or the line above (NOLINTNEXTLINE only above, NOLINT
// only on the line, as clang-tidy reads them).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_SUPPRESSIONS_H
#define HOLDWAIT_TOOL_SUPPRESSIONS_H

#include "analysis/Finding.h"

#include <string>
#include <vector>

namespace holdwait {

/// The check name of the warning about a holdwait suppression that gives
/// no reason. It is not a hold-and-wait check (it is not in allChecks() and
/// --checks does not select it): the suppression code reports it.
inline constexpr const char *SuppressionWithoutReason =
    "suppression-without-reason";

struct SuppressedFinding {
  Finding F;
  SourcePoint CommentAt;
  std::string Comment; ///< `holdwait: ignore[...]`, `NOLINT(...)`
  std::string Reason;  ///< the text after it, possibly empty
};

/// Moves the findings a comment suppresses from Findings to Suppressed (in
/// report order), and adds a suppression-without-reason warning to Findings
/// for each reasonless holdwait comment in Scanned and in the files of the
/// findings. Findings stays sorted.
void applySuppressions(std::vector<Finding> &Findings,
                       std::vector<SuppressedFinding> &Suppressed,
                       const std::vector<std::string> &Scanned);

} // namespace holdwait

#endif

//===- Fingerprint.h - identities of findings across runs -------*- C++ -*-===//
//
// GitHub code scanning (SARIF partialFingerprints) and GitLab code quality
// (fingerprint) match a finding of this run with the same finding of an
// earlier run by a fingerprint: an alert keeps its state (dismissed, the
// discussion about it) while the fingerprint stays the same.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_FINGERPRINT_H
#define HOLDWAIT_TOOL_FINGERPRINT_H

#include "analysis/Finding.h"
#include "llvm/ADT/StringRef.h"

namespace holdwait {

/// The SARIF partialFingerprints key of fingerprints(); a new way of
/// computing them gets a new key.
inline constexpr llvm::StringLiteral FingerprintKey = "holdwait/v1";

/// One fingerprint per finding (32 hex digits), in the order of Findings,
/// which must be the report's sorted order. It hashes what the finding is
/// about (check, file as printed relative to Base, function, lock class,
/// callee, blocking operation, domain, lock-order path), never its line or
/// column, so edits elsewhere in the file do not change it. Findings that
/// share all of those are numbered in file order.
std::vector<std::string> fingerprints(const std::vector<Finding> &Findings,
                                      llvm::StringRef Base);

} // namespace holdwait

#endif

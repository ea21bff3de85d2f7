//===- Output.h - writing findings ------------------------------*- C++ -*-===//
#ifndef HOLDWAIT_TOOL_OUTPUT_H
#define HOLDWAIT_TOOL_OUTPUT_H

#include "analysis/Finding.h"
#include "tool/Driver.h"
#include "llvm/Support/raw_ostream.h"

namespace holdwait {

struct OutputOptions {
  bool Explain = false;
  /// Paths under this directory are printed relative to it (text only).
  std::string RelativeTo;
};

/// Compiler-style diagnostics with the two-sided drawing.
void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const OutputOptions &Opts);
/// The versioned JSON contract of docs/json-schema.md.
void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<InputError> &Errors,
               const std::vector<std::string> &Notes);

} // namespace holdwait

#endif

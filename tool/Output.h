//===- Output.h - writing findings ------------------------------*- C++ -*-===//
#ifndef HOLDWAIT_TOOL_OUTPUT_H
#define HOLDWAIT_TOOL_OUTPUT_H

#include "analysis/Finding.h"
#include "tool/Driver.h"
#include "tool/Suppressions.h"
#include "llvm/Support/raw_ostream.h"

namespace holdwait {

struct OutputOptions {
  bool Explain = false;
  /// Paths under this directory are printed relative to it (all formats but
  /// JSON, whose paths are absolute).
  std::string RelativeTo;
  /// `0.1.0`, for the formats that name the tool's version (SARIF).
  std::string ToolVersion;
  /// Translation units analyzed, for the Markdown summary line.
  unsigned Units = 0;
  /// --show-suppressed: the findings comments silenced (text, JSON, and
  /// SARIF as results with an in-source suppression).
  const std::vector<SuppressedFinding> *Suppressed = nullptr;
};

/// Compiler-style diagnostics with the two-sided drawing.
void writeText(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const OutputOptions &Opts);
/// The versioned JSON contract of docs/json-schema.md; a "suppressed" array
/// when Suppressed is given.
void writeJson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
               const std::vector<InputError> &Errors,
               const std::vector<std::string> &Notes,
               const std::vector<SuppressedFinding> *Suppressed = nullptr);

// The review-bot formats, described in docs/formats.md.

/// SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run,
/// a rule per check, code flows for both sides, input errors and notes as
/// tool execution notifications.
void writeSarif(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                const std::vector<InputError> &Errors,
                const std::vector<std::string> &Notes,
                const OutputOptions &Opts);
/// reviewdog's rdjson (a DiagnosticResult).
void writeRdjson(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                 const OutputOptions &Opts);
/// GitLab's code quality report (a subset of the Code Climate issue spec).
void writeCodeClimate(llvm::raw_ostream &OS,
                      const std::vector<Finding> &Findings,
                      const OutputOptions &Opts);
/// A Markdown review comment: each finding with its drawing, then a summary.
void writeMarkdown(llvm::raw_ostream &OS, const std::vector<Finding> &Findings,
                   const std::vector<InputError> &Errors,
                   const OutputOptions &Opts);

} // namespace holdwait

#endif

//===- Summaries.h - bottom-up summaries over the call graph ----*- C++ -*-===//
//
// Computes a FunctionSummary for every defined function: callees first, in
// the strongly connected components of the call graph, iterating each
// component (recursion) until its summaries stop changing.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_SUMMARIES_H
#define HOLDWAIT_ANALYSIS_SUMMARIES_H

#include "analysis/Dataflow.h"
#include "analysis/Program.h"

namespace holdwait {

class SummaryTable {
public:
  SummaryTable(const Program &P, SummaryLimits Limits = {})
      : P(P), Limits(Limits) {}

  /// Compute every summary.
  void compute();
  /// The summary of a symbol's definition, or nullptr.
  const FunctionSummary *of(uint32_t Sym) const;
  const FunctionSummary &ofFunction(size_t FnIdx) const { return Sums[FnIdx]; }
  SummaryLookup lookup() const {
    return [this](uint32_t Sym) { return of(Sym); };
  }
  const SummaryLimits &limits() const { return Limits; }
  /// Components that hit the iteration cap (reported as notes).
  const std::vector<uint32_t> &unconverged() const { return Unconverged; }

private:
  /// Seed: the function's summary from an earlier round of its recursive
  /// component, whose entries are kept.
  FunctionSummary summarize(const FunctionIR &F,
                            const FunctionSummary *Seed = nullptr);

  const Program &P;
  SummaryLimits Limits;
  std::vector<FunctionSummary> Sums;
  std::vector<char> Ready;
  std::vector<uint32_t> Unconverged;
};

/// Strongly connected components of the call graph among defined
/// functions, callees before callers (iterative Tarjan).
std::vector<std::vector<uint32_t>> callGraphSCCs(const Program &P);

} // namespace holdwait

#endif

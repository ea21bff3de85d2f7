//===- Budgets.h - how much work the analysis may spend, and where --------===//
//
// Every loop of the analysis whose work grows with the input is bounded by a
// budget: events lowered per function and per translation unit, functions
// lowered per unit, dataflow passes, recursion rounds, summary sizes, call
// chain lengths and the lock-order cycle search. A budget that is hit never
// stops the run: the analysis goes on with what it has, records where it
// cut (FunctionIR::Cut, FunctionSummary::Cut, TUFacts::FunctionsNotLowered,
// LockOrderGraph::cyclesTruncated) and says so in the report's notes
// (Analysis::notes), so a skip is never silent.
//
// The budgets are counts, never times, so that a run gives the same output
// whatever the machine's load, -j or cache state.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_BUDGETS_H
#define HOLDWAIT_ANALYSIS_BUDGETS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <string>

namespace holdwait {

/// Budgets of the front end (one translation unit at a time).
struct LoweringLimits {
  /// Events per function; a longer function's later statements are not
  /// lowered (FunctionIR::Cut).
  unsigned MaxEventsPerFunction = 50000;
  /// Events per translation unit; functions lowered after it is spent get
  /// no body.
  unsigned MaxEventsPerUnit = 4000000;
  /// Functions lowered per translation unit.
  unsigned MaxFunctions = 200000;
};

/// Budgets of the whole-program summaries. Caps keep summaries small on
/// huge call graphs; what is dropped is recorded (FunctionSummary::Cut).
struct SummaryLimits {
  unsigned MaxOps = 48;
  unsigned MaxAcquires = 96;
  unsigned MaxSignals = 32;
  unsigned MaxChain = 24;
  unsigned MaxSccIterations = 12;
  /// Passes over a function's blocks before its lock dataflow stops.
  unsigned MaxDataflowRounds = 64;
};

/// Budgets of the lock-order cycle search.
struct LockOrderLimits {
  unsigned MaxCycleLength = 6;
  unsigned MaxCycles = 1000;
  /// Depth-first search steps: a dense component must not take forever.
  unsigned MaxSearchSteps = 2000000;
};

struct Budgets {
  LoweringLimits Lowering;
  SummaryLimits Summary;
  LockOrderLimits Order;
};

/// One budget as users name it (`--budget=function-events=100000`).
struct BudgetInfo {
  const char *Name;
  const char *Help;
  unsigned &(*Field)(Budgets &);
};

/// Every budget, in the order `--list-budgets` shows them.
llvm::ArrayRef<BudgetInfo> allBudgets();

/// The current value of the budget called Name (which must exist).
unsigned budgetValue(const Budgets &B, llvm::StringRef Name);

/// Applies "name=value[,name=value...]"; an unknown name, a missing or
/// non-numeric value, or 0 is an error naming the part and the reason.
llvm::Error setBudgets(Budgets &B, llvm::StringRef Spec);

/// The budgets that change what the front end produces, as text for the
/// cache key: a unit lowered under other budgets is not reused.
std::string loweringDigest(const LoweringLimits &L);

} // namespace holdwait

#endif

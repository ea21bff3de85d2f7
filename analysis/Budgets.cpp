//===- Budgets.cpp - the budgets' names, defaults and parsing -------------===//
#include "analysis/Budgets.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace llvm;

namespace holdwait {

namespace {

// Each budget's storage, as a function so the table below stays constant.
#define HW_FIELD(Path) [](Budgets &B) -> unsigned & { return B.Path; }

const BudgetInfo Table[] = {
    {"function-events",
     "events (calls, lock operations, waits) lowered per function; the "
     "statements of a longer function after that many are not analyzed",
     HW_FIELD(Lowering.MaxEventsPerFunction)},
    {"unit-events",
     "events lowered per translation unit; functions lowered after that "
     "many are analyzed as if their bodies were empty",
     HW_FIELD(Lowering.MaxEventsPerUnit)},
    {"unit-functions",
     "functions lowered per translation unit (its own and the header "
     "functions they call); the rest are treated as unknown callees",
     HW_FIELD(Lowering.MaxFunctions)},
    {"dataflow-rounds",
     "passes over a function's blocks before its lock dataflow stops "
     "short of a fixpoint",
     HW_FIELD(Summary.MaxDataflowRounds)},
    {"recursion-rounds",
     "rounds over a set of mutually recursive functions before their "
     "summaries are taken as they are",
     HW_FIELD(Summary.MaxSccIterations)},
    {"summary-waits",
     "waits, wakeups and sleeps a function's summary keeps for its callers",
     HW_FIELD(Summary.MaxOps)},
    {"summary-acquires",
     "lock acquisitions a function's summary keeps for its callers",
     HW_FIELD(Summary.MaxAcquires)},
    {"summary-signals",
     "signals and domain relations a function's summary keeps",
     HW_FIELD(Summary.MaxSignals)},
    {"chain-steps",
     "calls kept in one call chain; a finding deeper than that shows its "
     "first steps only",
     HW_FIELD(Summary.MaxChain)},
    {"cycle-length", "locks in the longest lock-order cycle searched for",
     HW_FIELD(Order.MaxCycleLength)},
    {"cycles", "lock-order cycles reported before the search stops",
     HW_FIELD(Order.MaxCycles)},
    {"cycle-search-steps",
     "steps of the lock-order cycle search before it stops",
     HW_FIELD(Order.MaxSearchSteps)},
};

#undef HW_FIELD

const BudgetInfo *find(StringRef Name) {
  for (const BudgetInfo &I : Table)
    if (Name == I.Name)
      return &I;
  return nullptr;
}

} // namespace

ArrayRef<BudgetInfo> allBudgets() { return Table; }

unsigned budgetValue(const Budgets &B, StringRef Name) {
  const BudgetInfo *I = find(Name);
  assert(I && "no such budget");
  Budgets Copy = B;
  return I->Field(Copy);
}

Error setBudgets(Budgets &B, StringRef Spec) {
  SmallVector<StringRef, 4> Parts;
  Spec.split(Parts, ',', -1, /*KeepEmpty=*/false);
  if (Parts.empty())
    return createStringError(inconvertibleErrorCode(),
                             "--budget names no budget (expected "
                             "name=value; --list-budgets lists them)");
  for (StringRef Part : Parts) {
    auto [Name, Value] = Part.trim().split('=');
    Name = Name.trim();
    Value = Value.trim();
    const BudgetInfo *I = find(Name);
    if (!I) {
      std::string Known;
      for (const BudgetInfo &K : Table)
        Known += (Known.empty() ? "" : ", ") + std::string(K.Name);
      return createStringError(inconvertibleErrorCode(),
                               "unknown budget '%s' (known budgets: %s)",
                               Name.str().c_str(), Known.c_str());
    }
    unsigned N = 0;
    if (!Part.contains('=') || Value.getAsInteger(10, N))
      return createStringError(
          inconvertibleErrorCode(),
          "budget '%s' needs a whole number, as in %s=%u (got '%s')", I->Name,
          I->Name, budgetValue(B, I->Name), Part.trim().str().c_str());
    // 0 would analyze nothing and report a clean run.
    if (N == 0)
      return createStringError(inconvertibleErrorCode(),
                               "budget '%s' must be at least 1", I->Name);
    I->Field(B) = N;
  }
  return Error::success();
}

std::string loweringDigest(const LoweringLimits &L) {
  return "function-events=" + utostr(L.MaxEventsPerFunction) +
         ",unit-events=" + utostr(L.MaxEventsPerUnit) +
         ",unit-functions=" + utostr(L.MaxFunctions);
}

} // namespace holdwait

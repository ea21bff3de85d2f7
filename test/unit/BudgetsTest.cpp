//===- BudgetsTest.cpp - the budgets' names, values and parsing -----------===//
#include "analysis/Budgets.h"

#include "gtest/gtest.h"
#include <set>

using namespace holdwait;

namespace {

std::string errorOf(Budgets &B, llvm::StringRef Spec) {
  llvm::Error E = setBudgets(B, Spec);
  return E ? llvm::toString(std::move(E)) : "";
}

TEST(BudgetsTest, EveryBudgetHasItsOwnFieldAndADefault) {
  Budgets B;
  std::set<std::string> Names;
  std::set<unsigned *> Fields;
  for (const BudgetInfo &I : allBudgets()) {
    EXPECT_TRUE(Names.insert(I.Name).second) << I.Name;
    EXPECT_TRUE(Fields.insert(&I.Field(B)).second) << I.Name;
    EXPECT_GT(budgetValue(B, I.Name), 0u) << I.Name;
    EXPECT_GT(std::string(I.Help).size(), 20u) << I.Name;
  }
  EXPECT_EQ(budgetValue(B, "function-events"), 50000u);
  EXPECT_EQ(budgetValue(B, "chain-steps"), 24u);
  EXPECT_EQ(budgetValue(B, "cycle-length"), 6u);
}

TEST(BudgetsTest, SetsTheNamedFields) {
  Budgets B;
  ASSERT_EQ(errorOf(B, "function-events=7, chain-steps = 3"), "");
  ASSERT_EQ(errorOf(B, "cycles=9"), "");
  EXPECT_EQ(B.Lowering.MaxEventsPerFunction, 7u);
  EXPECT_EQ(B.Summary.MaxChain, 3u);
  EXPECT_EQ(B.Order.MaxCycles, 9u);
  // The others keep their defaults.
  EXPECT_EQ(B.Lowering.MaxFunctions, LoweringLimits().MaxFunctions);
  EXPECT_EQ(B.Summary.MaxOps, SummaryLimits().MaxOps);
}

TEST(BudgetsTest, BadSpecsAreErrorsThatSayWhy) {
  Budgets B;
  EXPECT_NE(errorOf(B, "nosuch=3").find("unknown budget 'nosuch'"),
            std::string::npos);
  EXPECT_NE(errorOf(B, "nosuch=3").find("function-events"), std::string::npos);
  EXPECT_NE(errorOf(B, "cycles=x").find("needs a whole number"),
            std::string::npos);
  EXPECT_NE(errorOf(B, "cycles=-1").find("needs a whole number"),
            std::string::npos);
  EXPECT_NE(errorOf(B, "cycles").find("needs a whole number"),
            std::string::npos);
  EXPECT_NE(errorOf(B, "cycles=99999999999").find("needs a whole number"),
            std::string::npos);
  EXPECT_NE(errorOf(B, "cycles=0").find("at least 1"), std::string::npos);
  EXPECT_NE(errorOf(B, ",").find("names no budget"), std::string::npos);
  // A failed part leaves what came before it applied, nothing after.
  EXPECT_EQ(B.Order.MaxCycles, LockOrderLimits().MaxCycles);
}

TEST(BudgetsTest, TheCacheKeyChangesWithTheFrontEndBudgets) {
  LoweringLimits A, B;
  EXPECT_EQ(loweringDigest(A), loweringDigest(B));
  B.MaxEventsPerUnit = 5;
  EXPECT_NE(loweringDigest(A), loweringDigest(B));
}

} // namespace

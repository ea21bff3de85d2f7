//===- ClangTestSupport.h - parsing snippets for front-end unit tests -----===//
//
// Real Clang, no mocks: snippets are parsed with buildASTFromCodeWithArgs
// and functions found with AST matchers.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TEST_UNIT_CLANGTESTSUPPORT_H
#define HOLDWAIT_TEST_UNIT_CLANGTESTSUPPORT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "clang/Frontend/ASTUnit.h"
#include "clang/Tooling/Tooling.h"
#include "gtest/gtest.h"

#include <memory>
#include <string>
#include <vector>

namespace holdwait {
namespace test {

enum class Lang { C, CXX };

/// Parses Code; fails the current test on any compile error.
inline std::unique_ptr<clang::ASTUnit> parse(llvm::StringRef Code,
                                             Lang L = Lang::C) {
  std::vector<std::string> Args =
      L == Lang::C ? std::vector<std::string>{"-x", "c", "-std=gnu11"}
                   : std::vector<std::string>{"-std=c++17"};
  std::unique_ptr<clang::ASTUnit> AST =
      clang::tooling::buildASTFromCodeWithArgs(
          Code, Args, L == Lang::C ? "input.c" : "input.cc");
  EXPECT_TRUE(AST != nullptr);
  if (AST) {
    EXPECT_FALSE(AST->getDiagnostics().hasErrorOccurred())
        << "the test snippet does not compile";
  }
  return AST;
}

/// The (non-dependent) definition of the function named Name: a plain
/// name, or `Class::method` (the class named without template arguments,
/// so `Mutex::lock` finds the instantiated `Mutex<int>::lock`).
inline const clang::FunctionDecl *function(clang::ASTContext &Ctx,
                                           llvm::StringRef Name) {
  using namespace clang::ast_matchers;
  auto [Qualifier, Last] = Name.rsplit("::");
  if (Last.empty())
    std::swap(Qualifier, Last);
  auto Found =
      match(functionDecl(hasName(Last.str()), isDefinition()).bind("f"), Ctx);
  for (const BoundNodes &N : Found) {
    const auto *FD = N.getNodeAs<clang::FunctionDecl>("f");
    if (!FD || FD->isDependentContext())
      continue;
    if (!Qualifier.empty()) {
      const auto *MD = llvm::dyn_cast<clang::CXXMethodDecl>(FD);
      if (!MD || MD->getParent()->getName() != Qualifier)
        continue;
    }
    return FD;
  }
  ADD_FAILURE() << "no definition of " << Name.str();
  return nullptr;
}

/// The first argument of every call to `Callee` in FD's body, in order.
inline std::vector<const clang::Expr *>
argumentsOfCalls(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
                 llvm::StringRef Callee) {
  using namespace clang::ast_matchers;
  std::vector<const clang::Expr *> Out;
  if (!FD || !FD->getBody())
    return Out;
  auto Found = match(
      findAll(callExpr(callee(functionDecl(hasName(Callee.str())))).bind("c")),
      *FD->getBody(), Ctx);
  for (const BoundNodes &N : Found)
    if (const auto *CE = N.getNodeAs<clang::CallExpr>("c"))
      if (CE->getNumArgs() > 0)
        Out.push_back(CE->getArg(0));
  return Out;
}

} // namespace test
} // namespace holdwait

#endif

//===- Lowering.h - Clang CFG to lock IR -------------------------*- C++
//-*-===//
//
// Lowers a translation unit's functions into TUFacts. The functions defined
// in the main file are lowered, then every function they reach whose body is
// available and which no model describes (header inlines such as the
// kernel's guard constructors, template instantiations, lambdas).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_LOWERING_H
#define HOLDWAIT_ANALYSIS_FRONTEND_LOWERING_H

#include "analysis/Budgets.h"
#include "analysis/IR.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include <memory>
#include <vector>

namespace holdwait {

class Profile;

/// Lowers the given roots (and what they reach) into Out.
class TULowering {
public:
  TULowering(clang::ASTContext &Ctx, const Profile &P, TUFacts &Out,
             LoweringLimits Limits = {});
  ~TULowering();

  /// Lower a function definition and, transitively, its callees.
  void addRoot(const clang::FunctionDecl *FD);
  /// Record function-pointer fields set in a global's initializer
  /// (`static struct preempt_ops o = { .sched_out = f }`).
  void addGlobal(const clang::VarDecl *VD);
  /// Record a HOLDWAIT_CONFLICTS_WITH annotation on a global lock.
  void addVariable(const clang::VarDecl *VD);
  /// Record HOLDWAIT_CONFLICTS_WITH annotations on a record's fields.
  void addRecord(const clang::RecordDecl *RD);
  /// Lower everything queued.
  void run();

  struct Impl;

private:
  std::unique_ptr<Impl> I;
};

} // namespace holdwait

#endif

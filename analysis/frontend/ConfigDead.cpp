//===- ConfigDead.cpp - code a configuration stub makes dead -------------===//

#include "analysis/frontend/ConfigDead.h"
#include "analysis/frontend/Names.h"
#include "clang/AST/Decl.h"
#include "clang/Basic/Builtins.h"

using namespace clang;

namespace holdwait {

// Stubs calling stubs (`sev_snp_guest()` on top of `sev_es_guest()`) are a
// few deep at most; a longer chain is not a stub.
static constexpr unsigned MaxStubDepth = 4;

static std::optional<bool> folded(const Expr *E, ASTContext &Ctx,
                                  unsigned Depth) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (E->isValueDependent() || E->isTypeDependent() ||
      E->isInstantiationDependent())
    return std::nullopt;
  bool Value;
  if (E->EvaluateAsBooleanCondition(Value, Ctx))
    return Value;
  if (const auto *U = dyn_cast<UnaryOperator>(E)) {
    if (U->getOpcode() != UO_LNot)
      return std::nullopt;
    if (std::optional<bool> V = folded(U->getSubExpr(), Ctx, Depth))
      return !*V;
    return std::nullopt;
  }
  if (const auto *B = dyn_cast<BinaryOperator>(E)) {
    if (!B->isLogicalOp())
      return std::nullopt;
    // Either side decides `a && b` when it is false (`a || b`: true), even
    // when the other cannot be folded.
    bool Decides = B->getOpcode() == BO_LOr;
    std::optional<bool> L = folded(B->getLHS(), Ctx, Depth);
    if (L && *L == Decides)
      return Decides;
    std::optional<bool> R = folded(B->getRHS(), Ctx, Depth);
    if (R && *R == Decides)
      return Decides;
    if (L && R)
      return !Decides;
    return std::nullopt;
  }
  const auto *CE = dyn_cast<CallExpr>(E);
  if (!CE)
    return std::nullopt;
  if (CE->getBuiltinCallee() == Builtin::BI__builtin_expect && CE->getNumArgs())
    return folded(CE->getArg(0), Ctx, Depth);
  const FunctionDecl *Callee = CE->getDirectCallee();
  const FunctionDecl *Def = Callee ? runningDefinition(Callee) : nullptr;
  if (!Def || Depth >= MaxStubDepth)
    return std::nullopt;
  const auto *Body = dyn_cast_or_null<CompoundStmt>(Def->getBody());
  if (!Body || Body->size() != 1)
    return std::nullopt;
  const auto *Ret = dyn_cast<ReturnStmt>(Body->body_front());
  return Ret ? folded(Ret->getRetValue(), Ctx, Depth + 1) : std::nullopt;
}

std::optional<bool> foldedCondition(const Expr *C, ASTContext &Ctx) {
  return folded(C, Ctx, 0);
}

bool neverFallsThrough(const Stmt *S, ASTContext &Ctx) {
  if (!S)
    return false;
  if (isa<ReturnStmt, GotoStmt, IndirectGotoStmt, BreakStmt, ContinueStmt>(S))
    return true;
  if (const auto *C = dyn_cast<CompoundStmt>(S)) {
    for (const Stmt *Sub : C->body())
      if (neverFallsThrough(Sub, Ctx))
        return true;
    return false;
  }
  if (const auto *If = dyn_cast<IfStmt>(S)) {
    if (If->isConsteval())
      return false;
    if (std::optional<bool> C = foldedCondition(If->getCond(), Ctx))
      return neverFallsThrough(*C ? If->getThen() : If->getElse(), Ctx);
    // The else first: most ifs have none, and nested ifs would otherwise
    // be walked once per level.
    return neverFallsThrough(If->getElse(), Ctx) &&
           neverFallsThrough(If->getThen(), Ctx);
  }
  if (const auto *L = dyn_cast<LabelStmt>(S))
    return neverFallsThrough(L->getSubStmt(), Ctx);
  if (const auto *E = dyn_cast<Expr>(S))
    if (const auto *CE = dyn_cast<CallExpr>(E->IgnoreParenCasts()))
      if (const FunctionDecl *FD = CE->getDirectCallee())
        return FD->isNoReturn();
  return false;
}

bool holdsJumpTarget(const Stmt *S) {
  if (!S)
    return false;
  if (isa<LabelStmt, SwitchCase>(S))
    return true;
  for (const Stmt *Child : S->children())
    if (holdsJumpTarget(Child))
      return true;
  return false;
}

} // namespace holdwait

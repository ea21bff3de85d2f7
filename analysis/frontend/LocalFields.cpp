//===- LocalFields.cpp - integer fields of local structures ---------------===//
#include "analysis/frontend/LocalFields.h"
#include "analysis/frontend/Names.h"

#include "clang/AST/Attr.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ParentMap.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

using namespace clang;

namespace holdwait {

namespace {

/// A callee handed the pointer is scanned this many calls deep, if its
/// body is at most this large: the helpers that fill in a context
/// structure (`get_partial()` -> `get_any_partial()` ->
/// `get_partial_node()`) are a few calls deep and a few hundred nodes.
constexpr unsigned MaxDepth = 4;
constexpr unsigned MaxNodes = 4000;

/// The references to variables in a body; the traversal stops (and
/// returns false) past Max nodes. It also notes what makes a body's
/// control flow or evaluation order one a flow-sensitive reading of its
/// stores cannot follow.
class RefScan : public RecursiveASTVisitor<RefScan> {
public:
  explicit RefScan(unsigned Max) : Max(Max) {}
  std::vector<const DeclRefExpr *> Refs;
  unsigned Nodes = 0, Max;
  /// An operand the CFG does not show evaluated: `sizeof` or `typeof`
  /// of an expression of variably modified type runs it.
  bool HiddenOperand = false;
  /// A call to a function that returns twice (setjmp()): the second return
  /// comes with the memory of the longjmp(), not with the values the CFG
  /// edge carries.
  bool ReturnsTwice = false;
  bool VisitStmt(Stmt *) { return ++Nodes <= Max; }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    if (isa<VarDecl>(E->getDecl()))
      Refs.push_back(E);
    return true;
  }
  bool VisitUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E) {
    HiddenOperand |= !E->isArgumentType() &&
                     E->getArgumentExpr()->getType()->isVariablyModifiedType();
    return true;
  }
  bool VisitTypeOfExprTypeLoc(TypeOfExprTypeLoc TL) {
    HiddenOperand |=
        TL.getUnderlyingExpr()->getType()->isVariablyModifiedType();
    return true;
  }
  bool VisitCallExpr(CallExpr *E) {
    const Decl *D = E->getCalleeDecl();
    ReturnsTwice |= D && D->hasAttr<ReturnsTwiceAttr>();
    return true;
  }
};

/// Whether E refers to V anywhere: a structure used in its own
/// initializer (`struct ctx c = {.n = fill(&c)}`) may have fields stored
/// before or after the initializer's own, in an order C leaves open.
bool mentions(const Expr *E, const VarDecl *V) {
  if (!E)
    return false;
  RefScan Scan(~0u);
  Scan.TraverseStmt(const_cast<Expr *>(E));
  return llvm::any_of(Scan.Refs,
                      [&](const DeclRefExpr *D) { return D->getDecl() == V; });
}

/// A non-union structure with a definition, in C: what is followed.
const RecordDecl *followedRecord(QualType T) {
  if (T.isVolatileQualified())
    return nullptr;
  const RecordDecl *RD = T->getAsRecordDecl();
  if (!RD || RD->isUnion())
    return nullptr;
  return RD->getDefinition();
}

enum class Use { Read, Write, Escape };

/// Whether A indexes an array of type T with a constant inside it.
bool inBounds(const ASTContext &Ctx, const ArraySubscriptExpr *A, QualType T) {
  const auto *CAT = Ctx.getAsConstantArrayType(T);
  std::optional<llvm::APSInt> I = A->getIdx()->getIntegerConstantExpr(Ctx);
  return CAT && I && !I->isNegative() &&
         I->getExtValue() < static_cast<int64_t>(CAT->getZExtSize());
}

const Expr *parentOf(const ParentMap &PM, const Expr *E) {
  return dyn_cast_or_null<Expr>(
      PM.getParentIgnoreParens(const_cast<Expr *>(E)));
}

bool same(const Expr *A, const Expr *B) { return A->IgnoreParens() == B; }

/// How the lvalue E (the structure itself when Whole, else its direct
/// field Direct, `v.f` or `p->f`) is used, through members of members and
/// elements of array members: read, written (Written gets the direct field
/// when that is what is stored to, or All for the whole structure), or
/// anything else.
Use classify(const ASTContext &Ctx, const ParentMap &PM, const Expr *E,
             const FieldDecl *Direct, FieldsWritten &Written) {
  bool AtObject = !Direct, AtDirect = Direct;
  // Through an element of an array member whose index is not a constant
  // inside the array: a store may land on any other field.
  bool Anywhere = false;
  for (unsigned I = 0; I < 64; ++I) {
    const Expr *P = parentOf(PM, E);
    if (!P)
      return Use::Escape;
    if (const auto *M = dyn_cast<MemberExpr>(P)) {
      const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
      if (M->isArrow() || !FD || !same(M->getBase(), E))
        return Use::Escape;
      if (AtObject)
        Direct = FD;
      AtDirect = AtObject;
      AtObject = false;
      E = M;
      continue;
    }
    if (const auto *C = dyn_cast<ImplicitCastExpr>(P)) {
      if (C->getCastKind() == CK_LValueToRValue)
        return Use::Read;
      if (C->getCastKind() != CK_ArrayToPointerDecay)
        return Use::Escape;
      // `v.arr[i]`: an element, no followed field.
      const auto *A = dyn_cast_or_null<ArraySubscriptExpr>(parentOf(PM, C));
      if (!A || !same(A->getBase(), C))
        return Use::Escape;
      Anywhere |= !inBounds(Ctx, A, C->getSubExpr()->getType());
      AtObject = AtDirect = false;
      E = A;
      continue;
    }
    if (Anywhere)
      return Use::Escape;
    if (const auto *BO = dyn_cast<BinaryOperator>(P)) {
      if (!BO->isAssignmentOp() || !same(BO->getLHS(), E))
        return Use::Escape;
      if (AtObject)
        Written.All = true;
      else if (AtDirect)
        Written.add(Direct);
      return Use::Write;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(P)) {
      if (!U->isIncrementDecrementOp())
        return Use::Escape;
      if (AtDirect)
        Written.add(Direct);
      return Use::Write;
    }
    if (isa<UnaryExprOrTypeTraitExpr>(P))
      return Use::Read; // sizeof: not evaluated
    return Use::Escape;
  }
  return Use::Escape;
}

/// The call E is an argument of (through qualification casts), and which.
const CallExpr *argumentOf(const ParentMap &PM, const Expr *E, unsigned &Arg) {
  const Expr *P = parentOf(PM, E);
  while (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(P)) {
    if (C->getCastKind() != CK_NoOp)
      return nullptr;
    E = C;
    P = parentOf(PM, C);
  }
  const auto *CE = dyn_cast_or_null<CallExpr>(P);
  if (!CE || !CE->getDirectCallee() || CE->getBuiltinCallee())
    return nullptr;
  for (unsigned I = 0; I < CE->getNumArgs(); ++I)
    if (same(CE->getArg(I), E)) {
      Arg = I;
      return CE;
    }
  return nullptr;
}

} // namespace

bool FieldsWritten::writes(const FieldDecl *FD) const {
  return All || llvm::is_contained(Fields, FD->getCanonicalDecl());
}

void FieldsWritten::add(const FieldDecl *FD) {
  FD = FD->getCanonicalDecl();
  if (!llvm::is_contained(Fields, FD))
    Fields.push_back(FD);
}

void FieldsWritten::add(const FieldsWritten &O) {
  All |= O.All;
  for (const FieldDecl *FD : O.Fields)
    add(FD);
}

std::optional<FieldsWritten> PointeeWrites::of(const FunctionDecl *FD,
                                               unsigned I, unsigned Depth) {
  const FunctionDecl *Def = runningDefinition(FD);
  if (!Def || I >= Def->getNumParams() ||
      Def->getASTContext().getLangOpts().CPlusPlus)
    return std::nullopt;
  auto Key = std::make_pair(Def, I);
  if (auto It = Done.find(Key); It != Done.end())
    return It->second;
  // Too deep, or recursion (a result would miss the cycle's writes): not
  // summarized from here.
  if (Depth > MaxDepth || !Busy.insert(Def).second) {
    Cut = true;
    return std::nullopt;
  }
  bool OuterCut = Cut;
  Cut = false;
  const ParmVarDecl *Param = Def->getParamDecl(I);
  std::optional<FieldsWritten> R;
  QualType T = Param->getType();
  RefScan Scan(MaxNodes);
  if (T->isPointerType() && followedRecord(T->getPointeeType()) &&
      Scan.TraverseStmt(Def->getBody())) {
    ParentMap PM(Def->getBody());
    const ASTContext &Ctx = Def->getASTContext();
    FieldsWritten W;
    bool Ok = true;
    for (const DeclRefExpr *D : Scan.Refs) {
      if (D->getDecl() != Param)
        continue;
      if (D->refersToEnclosingVariableOrCapture()) {
        Ok = false;
        break;
      }
      const Expr *P = parentOf(PM, D);
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(P);
          BO && BO->isAssignmentOp() && same(BO->getLHS(), D))
        continue; // p itself reassigned: its later stores still count
      if (isa_and_nonnull<UnaryExprOrTypeTraitExpr>(P))
        continue;
      const auto *Val = dyn_cast_or_null<ImplicitCastExpr>(P);
      if (!Val || Val->getCastKind() != CK_LValueToRValue) {
        Ok = false;
        break;
      }
      const Expr *Up = parentOf(PM, Val);
      if (const auto *M = dyn_cast_or_null<MemberExpr>(Up);
          M && M->isArrow() && same(M->getBase(), Val)) {
        const auto *F = dyn_cast<FieldDecl>(M->getMemberDecl());
        if (!F || classify(Ctx, PM, M, F, W) == Use::Escape) {
          Ok = false;
          break;
        }
        continue;
      }
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(Up);
          U && U->getOpcode() == UO_Deref) {
        if (classify(Ctx, PM, U, nullptr, W) == Use::Escape) {
          Ok = false;
          break;
        }
        continue;
      }
      // Tested or compared: `if (!p)`, `p == q`.
      if (const auto *C = dyn_cast_or_null<ImplicitCastExpr>(Up);
          C && C->getCastKind() == CK_PointerToBoolean)
        continue;
      if (const auto *U = dyn_cast_or_null<UnaryOperator>(Up);
          U && U->getOpcode() == UO_LNot)
        continue;
      if (const auto *BO = dyn_cast_or_null<BinaryOperator>(Up);
          BO && (BO->isComparisonOp() || BO->isLogicalOp()))
        continue;
      // Handed on to another function of the unit.
      unsigned Arg = 0;
      const CallExpr *CE = argumentOf(PM, Val, Arg);
      std::optional<FieldsWritten> Callee =
          CE ? of(CE->getDirectCallee(), Arg, Depth + 1) : std::nullopt;
      if (!Callee) {
        Ok = false;
        break;
      }
      W.add(*Callee);
    }
    if (Ok)
      R = std::move(W);
  }
  Busy.erase(Def);
  if (!Cut)
    Done.try_emplace(Key, R);
  Cut |= OuterCut;
  return R;
}

bool LocalFields::followed(const FieldDecl *FD) {
  QualType T = FD->getType();
  return !FD->isBitField() && !T.isVolatileQualified() &&
         (T->isIntegralOrEnumerationType() || T->isPointerType());
}

LocalFields LocalFields::find(const FunctionDecl *FD, PointeeWrites &W) {
  LocalFields L;
  if (!FD->getBody())
    return L;
  // Every reference must be seen: no limit here.
  RefScan Scan(~0u);
  Scan.TraverseStmt(FD->getBody());
  L.HiddenStores = Scan.HiddenOperand || Scan.ReturnsTwice;
  if (L.HiddenStores || FD->getASTContext().getLangOpts().CPlusPlus)
    return L;
  auto Candidate = [&](const VarDecl *V) {
    return V->hasLocalStorage() && followedRecord(V->getType());
  };
  if (llvm::none_of(Scan.Refs, [&](const DeclRefExpr *D) {
        return Candidate(cast<VarDecl>(D->getDecl()));
      }))
    return L;
  ParentMap PM(FD->getBody());
  const ASTContext &Ctx = FD->getASTContext();
  llvm::DenseSet<const VarDecl *> Escaped;
  llvm::DenseMap<
      const CallExpr *,
      llvm::SmallVector<std::pair<const VarDecl *, FieldsWritten>, 1>>
      Calls;
  for (const DeclRefExpr *D : Scan.Refs) {
    const auto *V = cast<VarDecl>(D->getDecl());
    if (!Candidate(V) || Escaped.count(V))
      continue;
    if (L.Tracked.insert(V).second && mentions(V->getInit(), V)) {
      Escaped.insert(V);
      continue;
    }
    if (D->refersToEnclosingVariableOrCapture()) {
      Escaped.insert(V);
      continue;
    }
    // `&v` handed to a function that only uses fields through it.
    if (const auto *U = dyn_cast_or_null<UnaryOperator>(parentOf(PM, D));
        U && U->getOpcode() == UO_AddrOf) {
      unsigned Arg = 0;
      const CallExpr *CE = argumentOf(PM, U, Arg);
      std::optional<FieldsWritten> Writes =
          CE ? W.of(CE->getDirectCallee(), Arg) : std::nullopt;
      if (!Writes)
        Escaped.insert(V);
      else
        Calls[CE].push_back({V, std::move(*Writes)});
      continue;
    }
    FieldsWritten Ignored; // the transfer function sees these stores
    if (classify(Ctx, PM, D, nullptr, Ignored) == Use::Escape)
      Escaped.insert(V);
  }
  for (const VarDecl *V : Escaped)
    L.Tracked.erase(V);
  for (auto &[CE, Vars] : Calls) {
    llvm::erase_if(Vars, [&](const auto &P) { return Escaped.count(P.first); });
    if (!Vars.empty())
      L.Calls.try_emplace(CE, std::move(Vars));
  }
  return L;
}

std::optional<std::pair<const VarDecl *, const FieldDecl *>>
LocalFields::named(const Expr *E) const {
  if (Tracked.empty())
    return std::nullopt;
  const auto *M = dyn_cast<MemberExpr>(E->IgnoreParens());
  if (!M || M->isArrow())
    return std::nullopt;
  const auto *D = dyn_cast<DeclRefExpr>(M->getBase()->IgnoreParens());
  const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
  const auto *FD = dyn_cast<FieldDecl>(M->getMemberDecl());
  if (!V || !FD || !Tracked.count(V) || !followed(FD))
    return std::nullopt;
  return std::make_pair(V, FD->getCanonicalDecl());
}

} // namespace holdwait

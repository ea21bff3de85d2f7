//===- Values.cpp - integer values relative to the entry parameters -------===//
#include "analysis/frontend/Values.h"
#include "analysis/frontend/FieldValues.h"
#include "analysis/frontend/LocalFields.h"
#include "analysis/frontend/Names.h"

#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Basic/Builtins.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace clang;

namespace holdwait {

namespace {

/// Return-value summaries are made for functions at most this deep in a
/// chain of such summaries and at most this large: the helpers that matter
/// (`gfpflags_allow_blocking()`) are one-liners, and evaluating large
/// bodies for every call would cost more than the whole lowering.
constexpr unsigned MaxReturnDepth = 3;
constexpr unsigned MaxReturnStmts = 400;
/// Contexts (entry values) a function with out parameters is evaluated in,
/// and its size limit: such calls are rare (`&x` of an integer local), and
/// the functions that fill in flags check them first (`is_valid_gup_args()`
/// has five WARN_ON_ONCE()s, some 550 AST nodes).
constexpr unsigned MaxContexts = 16;
/// Paths a block keeps apart (see Path).
constexpr unsigned MaxPaths = 4;
constexpr unsigned MaxOutStmts = 2000;
/// Passes over a loop before every variable still changing goes to Top.
constexpr unsigned WidenAfter = 3;
constexpr unsigned MaxPasses = 8;

uint64_t widthMask(unsigned W) { return W >= 64 ? ~0ull : (1ull << W) - 1; }

AbsVal top() { return AbsVal(); }

/// Whether Pred V holds (Sense) or fails (!Sense).
Resolved predicate(const AbsVal &V, bool Sense) {
  Guard G;
  G.NonZero = Sense == V.NonZero;
  G.IsValue = V.IsValue;
  G.Mask = V.Mask;
  G.Val = V.Val;
  return resolve(V.B, G);
}

AbsVal join(const AbsVal &A, const AbsVal &B) {
  if (A == B)
    return A;
  if (A.K == AbsVal::Bits && B.K == AbsVal::Bits) {
    ArgBits J = holdwait::join(A.B, B.B);
    return J.Known ? AbsVal::bits(J) : top();
  }
  if (A.K == AbsVal::Pred && B.K == AbsVal::Pred && A.Mask == B.Mask &&
      A.NonZero == B.NonZero && A.IsValue == B.IsValue && A.Val == B.Val) {
    ArgBits J = holdwait::join(A.B, B.B);
    if (!J.Known)
      return top();
    AbsVal R = A;
    R.B = J;
    return R;
  }
  return top();
}

/// A truth value as a test of bits; a Bits value is true when nonzero.
AbsVal truth(const AbsVal &V, unsigned Width) {
  if (V.K == AbsVal::Bits)
    return AbsVal::pred(V.B, widthMask(Width), true);
  return V;
}

/// A truth value used as a number (0 or 1) where that is decided.
AbsVal number(const AbsVal &V) {
  if (V.K != AbsVal::Pred)
    return V;
  Resolved R = predicate(V, true);
  if (R.K == Resolved::Always)
    return AbsVal::bits(ArgBits::constant(1));
  if (R.K == Resolved::Never)
    return AbsVal::bits(ArgBits::constant(0));
  return V; // kept: `int x = !!(f & M); if (x)` tests the bits
}

/// Whether E's type is followed: integers, enums, bools, and pointers
/// (only whether they are null: `if (!head)`).
bool valueType(QualType T) {
  return T->isIntegralOrEnumerationType() || T->isPointerType();
}

/// Whether V can be tracked: an integer, enum, bool or pointer local or
/// parameter that nothing but this function's own statements can change.
bool trackable(const VarDecl *V) {
  if (!V || !V->hasLocalStorage() || V->getType().isVolatileQualified())
    return false;
  return valueType(V->getType());
}

/// A truth value as bits: the test of the root it stands for (0 or 1).
ArgBits asBits(const AbsVal &V) {
  if (V.K == AbsVal::Bits)
    return V.B;
  if (V.K != AbsVal::Pred)
    return ArgBits::top();
  Resolved R = predicate(V, true);
  if (R.K == Resolved::Always || R.K == Resolved::Never)
    return ArgBits::constant(R.K == Resolved::Always);
  if (R.K == Resolved::OnParam)
    return ArgBits::test(R.G);
  ArgBits B; // 0 or 1
  B.Known = true;
  B.Zero = ~1ull;
  return B;
}

/// A direct call's argument `&x`, for parameter Arg of the callee.
struct AddrArg {
  const CallExpr *Call;
  unsigned Arg;
};

/// Variables whose address escapes (`&x`, a reference bound to them, a
/// capture): any call or store through a pointer may change them. Every
/// use that is not a plain read or a direct assignment counts, except `&x`
/// passed for a callee's out parameter (see ReturnValues::isOutParam),
/// which finish() lets its Accept decide. Also finds the function's own
/// out parameters: pointers to integers used only as `*p`.
class EscapeScan : public RecursiveASTVisitor<EscapeScan> {
public:
  llvm::DenseSet<const VarDecl *> Escaped;
  llvm::DenseSet<const DeclRefExpr *> Plain;
  /// Per call, the arguments `&x` whose x stays tracked.
  llvm::DenseMap<const CallExpr *,
                 llvm::SmallVector<std::pair<unsigned, const VarDecl *>, 2>>
      ByRef;
  llvm::DenseSet<const ParmVarDecl *> OutParams;

  bool VisitImplicitCastExpr(ImplicitCastExpr *E) {
    if (E->getCastKind() == CK_LValueToRValue)
      markPlain(E->getSubExpr());
    return true;
  }
  bool VisitBinaryOperator(BinaryOperator *E) {
    if (E->isAssignmentOp()) {
      markPlain(E->getLHS());
      Writes.push_back({E, E->getLHS()});
    }
    return true;
  }
  bool VisitUnaryOperator(UnaryOperator *E) {
    if (E->isIncrementDecrementOp()) {
      markPlain(E->getSubExpr());
      Writes.push_back({E, E->getSubExpr()});
    }
    if (E->getOpcode() == UO_Deref)
      if (const auto *D =
              dyn_cast<DeclRefExpr>(E->getSubExpr()->IgnoreParenImpCasts()))
        DerefOf[D] = E;
    return true;
  }
  bool VisitCallExpr(CallExpr *CE) {
    // An operator call's arguments include the object; a member call's
    // do not, so their indices are the parameters'.
    if (isa<CXXOperatorCallExpr>(CE))
      return true;
    for (unsigned I = 0; I < CE->getNumArgs(); ++I) {
      const Expr *A = CE->getArg(I)->IgnoreParens();
      if (const auto *C = dyn_cast<ImplicitCastExpr>(A);
          C && C->getCastKind() == CK_NoOp)
        A = C->getSubExpr()->IgnoreParens(); // `int *` to `const int *`
      const auto *U = dyn_cast<UnaryOperator>(A);
      if (U && U->getOpcode() == UO_AddrOf)
        if (const auto *D =
                dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens()))
          AddrArgs[D] = {CE, I};
    }
    return true;
  }
  // In C++ an assignment or a prefix ++/-- is itself an lvalue: a
  // reference or pointer bound to it (`int &r = (x = 0)`) reaches the
  // variable. Only writes used as statements or read as values stay plain.
  bool VisitCompoundStmt(CompoundStmt *S) {
    for (Stmt *C : S->body())
      if (const auto *E = dyn_cast<Expr>(C))
        Discarded.insert(E->IgnoreParens());
    return true;
  }
  bool VisitForStmt(ForStmt *S) {
    if (const Expr *Inc = S->getInc())
      Discarded.insert(Inc->IgnoreParens());
    return true;
  }
  bool VisitCastExpr(CastExpr *E) {
    if (E->getCastKind() == CK_LValueToRValue || E->getCastKind() == CK_ToVoid)
      Discarded.insert(E->getSubExpr()->IgnoreParens());
    return true;
  }
  bool VisitDeclRefExpr(DeclRefExpr *E) {
    Refs.push_back(E);
    if (const auto *V = dyn_cast<VarDecl>(E->getDecl()); V && trackable(V))
      AnyTrackable = true;
    return true;
  }
  bool AnyTrackable = false;

  /// Accept(Call, Arg, X): whether `&X` may be passed for that argument
  /// with X still tracked.
  void
  finish(const FunctionDecl *FD, bool CPlusPlus,
         llvm::function_ref<bool(const CallExpr *, unsigned, const VarDecl *)>
             Accept) {
    llvm::DenseSet<const ParmVarDecl *> NotOut;
    if (CPlusPlus)
      for (auto [Op, Target] : Writes)
        if (Op->isLValue() && !Discarded.count(Op)) {
          const Expr *T = Target->IgnoreParens();
          if (const auto *D = dyn_cast<DeclRefExpr>(T))
            if (const auto *V = dyn_cast<VarDecl>(D->getDecl()))
              Escaped.insert(V);
          if (const auto *U = dyn_cast<UnaryOperator>(T);
              U && U->getOpcode() == UO_Deref)
            if (const auto *D = dyn_cast<DeclRefExpr>(
                    U->getSubExpr()->IgnoreParenImpCasts()))
              if (const auto *P = dyn_cast<ParmVarDecl>(D->getDecl()))
                NotOut.insert(P);
        }
    for (const DeclRefExpr *E : Refs) {
      const auto *V = dyn_cast<VarDecl>(E->getDecl());
      if (!V)
        continue;
      if (const auto *P = dyn_cast<ParmVarDecl>(V)) {
        auto It = DerefOf.find(E);
        if (E->refersToEnclosingVariableOrCapture() || It == DerefOf.end() ||
            !PlainDeref.count(It->second))
          NotOut.insert(P);
      }
      if (E->refersToEnclosingVariableOrCapture()) {
        Escaped.insert(V);
        continue;
      }
      if (Plain.count(E))
        continue;
      auto It = AddrArgs.find(E);
      if (It == AddrArgs.end() || !trackable(V) ||
          !Accept(It->second.Call, It->second.Arg, V)) {
        Escaped.insert(V);
        continue;
      }
      // Passed twice to one call, the callee's two pointers alias.
      auto &Vars = ByRef[It->second.Call];
      if (llvm::any_of(Vars, [&](const auto &A) { return A.second == V; }))
        Escaped.insert(V);
      Vars.push_back({It->second.Arg, V});
    }
    for (auto &[Call, Vars] : ByRef)
      llvm::erase_if(Vars,
                     [&](const auto &A) { return Escaped.count(A.second); });
    for (const ParmVarDecl *P : FD->parameters()) {
      QualType T = P->getType();
      if (!T->isPointerType() || NotOut.count(P) || Escaped.count(P))
        continue;
      QualType Pointee = T->getPointeeType();
      if (Pointee->isIntegralOrEnumerationType() &&
          !Pointee.isVolatileQualified())
        OutParams.insert(P);
    }
  }

private:
  void markPlain(const Expr *E) {
    E = E->IgnoreParens();
    if (const auto *D = dyn_cast<DeclRefExpr>(E))
      Plain.insert(D);
    else if (const auto *U = dyn_cast<UnaryOperator>(E);
             U && U->getOpcode() == UO_Deref)
      PlainDeref.insert(U);
  }
  std::vector<const DeclRefExpr *> Refs;
  std::vector<std::pair<const Expr *, const Expr *>> Writes;
  llvm::DenseSet<const Expr *> Discarded;
  /// `*p` for each reference p it dereferences; the ones only read or
  /// assigned to.
  llvm::DenseMap<const DeclRefExpr *, const UnaryOperator *> DerefOf;
  llvm::DenseSet<const UnaryOperator *> PlainDeref;
  llvm::DenseMap<const DeclRefExpr *, AddrArg> AddrArgs;
};

/// Counts statements, stopping early (the return-summary size limit).
class SizeScan : public RecursiveASTVisitor<SizeScan> {
public:
  explicit SizeScan(unsigned Max) : Max(Max) {}
  unsigned N = 0;
  unsigned Max;
  bool VisitStmt(Stmt *) { return ++N <= Max; }
};

} // namespace

AbsVal AbsVal::bits(const ArgBits &B) {
  AbsVal V;
  V.K = B.Known ? Bits : Top;
  V.B = B;
  return V;
}

AbsVal AbsVal::equals(const ArgBits &B, uint64_t Mask, uint64_t Val,
                      bool Equal) {
  AbsVal V = pred(B, Mask, Equal);
  V.IsValue = true;
  V.Val = Val;
  return V;
}

AbsVal AbsVal::pred(const ArgBits &B, uint64_t Mask, bool NonZero) {
  AbsVal V;
  V.K = Pred;
  V.B = B;
  V.Mask = Mask;
  V.NonZero = NonZero;
  return V;
}

/// What a value is kept for: a variable, or a followed field of a local
/// structure (LocalFields).
struct Slot {
  const VarDecl *V = nullptr;
  const FieldDecl *F = nullptr;
  Slot(const VarDecl *V, const FieldDecl *F = nullptr) : V(V), F(F) {}
  bool operator==(const Slot &O) const { return V == O.V && F == O.F; }
};

using Env = llvm::SmallVector<std::pair<Slot, AbsVal>, 8>;

/// One set of values and the guards on the entry parameters that the path
/// to it passed. A block keeps up to MaxPaths of them apart, so a flag set
/// on one branch and tested after the join (`success = true` where `head`
/// is non-null, `if (!success) synchronize_rcu()`) is still correlated
/// with the branch that set it.
struct Path {
  Env Vals;
  GuardList Guards;
};
using Paths = llvm::SmallVector<Path, 1>;

struct ValueTracker::State {
  ASTContext &Ctx;
  const FunctionDecl *FD;
  ReturnValues &Returns;
  unsigned Depth;
  llvm::DenseSet<const VarDecl *> Escaped;
  llvm::DenseSet<const ParmVarDecl *> OutParams;
  decltype(EscapeScan::ByRef) ByRef;
  LocalFields Locals;
  /// The caller's values on entry, for an evaluation in its context.
  const std::vector<AbsVal> *EntryVals = nullptr;
  bool AnyTracked = false;
  /// Values at each block's entry (by block id); Reached says whether
  /// any path gets there.
  std::vector<char> Reached;
  /// The guards of the path whose values are being evaluated.
  mutable const GuardList *CurGuards = nullptr;
  std::vector<Paths> InPaths;
  Paths Cur;
  /// The current block's condition on each of its paths, once evaluated
  /// (see branch()).
  const CFGBlock *CondBlock = nullptr;
  llvm::SmallVector<AbsVal, 1> CurCond;
  AbsVal Ret;
  bool RetSeen = false;

  State(ASTContext &Ctx, const FunctionDecl *FD, ReturnValues &R, unsigned D)
      : Ctx(Ctx), FD(FD), Returns(R), Depth(D) {}

  static AbsVal get(const Env &E, Slot V) {
    for (const auto &[K, Val] : E)
      if (K == V)
        return Val;
    return top();
  }
  static void set(Env &E, Slot V, const AbsVal &Val) {
    for (auto &[K, X] : E)
      if (K == V) {
        X = Val;
        return;
      }
    if (Val.K != AbsVal::Top)
      E.push_back({V, Val});
  }
  /// Pointwise join; a variable missing from either side is Top.
  static Env joinEnv(const Env &A, const Env &B) {
    Env R;
    for (const auto &[V, X] : A) {
      AbsVal J = join(X, get(B, V));
      if (J.K != AbsVal::Top)
        R.push_back({V, J});
    }
    return R;
  }
  static bool sameEnv(const Env &A, const Env &B) {
    if (A.size() != B.size())
      return false;
    return llvm::all_of(
        A, [&](const auto &P) { return get(B, P.first) == P.second; });
  }

  unsigned width(QualType T) const {
    if (T->isBooleanType())
      return 1;
    if (!T->isIntegralOrEnumerationType())
      return 64; // a pointer: null or not
    return std::min<uint64_t>(Ctx.getIntWidth(T), 64);
  }

  Env entry() const {
    Env E;
    for (const ParmVarDecl *P : FD->parameters()) {
      unsigned I = P->getFunctionScopeIndex();
      bool Out = OutParams.count(P);
      if (!Out && (!trackable(P) || Escaped.count(P)))
        continue;
      if (EntryVals) {
        if (I < EntryVals->size() && (*EntryVals)[I].K != AbsVal::Top)
          E.push_back({P, (*EntryVals)[I]});
        continue;
      }
      if (Out)
        continue; // what the caller's pointee holds: not a parameter
      ArgBits B = truncate(ArgBits::param(int16_t(I)), width(P->getType()));
      E.push_back({P, AbsVal::bits(B)});
    }
    return E;
  }

  /// Converts V (of type From) to type To.
  AbsVal convert(AbsVal V, QualType From, QualType To) const {
    if (V.K == AbsVal::Top || !valueType(To) || !valueType(From))
      return top();
    if (To->isBooleanType() && !From->isBooleanType())
      return truth(V, width(From));
    if (To->isPointerType() || From->isPointerType()) {
      // Only zero or not matters: a pointer to or from a 64-bit integer.
      if (V.K != AbsVal::Bits || width(To) < 64 || width(From) < 64)
        return top();
      return V;
    }
    if (V.K == AbsVal::Pred || !From->isIntegralOrEnumerationType())
      return V.K == AbsVal::Pred ? V : top();
    unsigned WF = width(From), WT = width(To);
    if (WT < WF)
      return AbsVal::bits(truncate(V.B, WT));
    if (WT > WF && From->isSignedIntegerOrEnumerationType()) {
      // Sign extension: the new bits copy the sign bit.
      uint64_t Upper = widthMask(WT) & ~widthMask(WF);
      uint64_t Sign = 1ull << (WF - 1);
      ArgBits B = V.B;
      B.One &= ~Upper;
      B.Zero &= ~Upper;
      // The field's bits are its width; what extends them is not.
      B.FieldAdded &= ~Upper;
      B.FieldZero &= ~Upper;
      if (V.B.One & Sign) {
        B.One |= Upper;
        if (B.Root != ArgBits::NoRoot)
          B.Added |= Upper; // set now, clear in the zero-extended entry
      } else if (V.B.Zero & Sign)
        B.Zero |= Upper;
      else if (B.Root != ArgBits::NoRoot) {
        B.Added |= Upper;
        B.Removed |= Upper;
      }
      return AbsVal::bits(B);
    }
    return V;
  }

  std::optional<uint64_t> constant(const Expr *E) const {
    if (E->isValueDependent() || E->isTypeDependent())
      return std::nullopt;
    if (E->getType()->isPointerType())
      return E->isNullPointerConstant(Ctx, Expr::NPC_ValueDependentIsNotNull)
                 ? std::optional<uint64_t>(0)
                 : std::nullopt;
    Expr::EvalResult R;
    if (!E->EvaluateAsInt(R, Ctx))
      return std::nullopt;
    const llvm::APSInt &I = R.Val.getInt();
    return I.getBitWidth() > 64 ? std::nullopt
                                : std::optional<uint64_t>(I.getZExtValue());
  }

  AbsVal evalBinary(const BinaryOperator *BO, const Env &E) const {
    BinaryOperatorKind Op = BO->getOpcode();
    if (Op == BO_Comma)
      return eval(BO->getRHS(), E);
    if (BO->isAssignmentOp()) {
      // The assignment was stepped as an element of its own already: its
      // value is what the variable holds now.
      const auto *D = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
      const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
      if (auto F = Locals.named(BO->getLHS()))
        return get(E, Slot(F->first, F->second));
      return V && trackable(V) ? get(E, V) : top();
    }
    if (Op == BO_And || Op == BO_Or) {
      AbsVal L = number(eval(BO->getLHS(), E)),
             R = number(eval(BO->getRHS(), E));
      if (L.K == AbsVal::Pred || R.K == AbsVal::Pred)
        return top();
      ArgBits LB = L.K == AbsVal::Bits ? L.B : ArgBits::top();
      ArgBits RB = R.K == AbsVal::Bits ? R.B : ArgBits::top();
      return AbsVal::bits(Op == BO_And ? andBits(LB, RB) : orBits(LB, RB));
    }
    if (Op == BO_EQ || Op == BO_NE) {
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      std::optional<uint64_t> C = constant(R);
      if (!C) {
        std::swap(L, R);
        C = constant(R);
      }
      if (!C)
        return top();
      AbsVal V = eval(L, E);
      bool Eq = Op == BO_EQ;
      if (*C == 0) {
        V = truth(V, width(L->getType()));
        if (V.K == AbsVal::Pred && Eq)
          V.NonZero = !V.NonZero;
        return V;
      }
      // `(x & BIT) == BIT` tests one bit.
      if (V.K == AbsVal::Bits && llvm::has_single_bit(*C) &&
          (V.B.Zero | *C) == ~0ull)
        return AbsVal::pred(V.B, *C, Eq);
      // `state == RUNSTATE_runnable`, in the compared type's width.
      if (V.K == AbsVal::Bits) {
        uint64_t W = widthMask(width(L->getType()));
        return AbsVal::equals(V.B, W, *C & W, Eq);
      }
      return top();
    }
    return top();
  }

  /// The value an assignment stores (in the variable's type).
  AbsVal assigned(const BinaryOperator *BO, const Env &E) const {
    const Expr *LHS = BO->getLHS();
    AbsVal R = eval(BO->getRHS(), E);
    if (BO->getOpcode() == BO_Assign)
      return convert(R, BO->getRHS()->getType(), LHS->getType());
    if (BO->getOpcode() != BO_AndAssign && BO->getOpcode() != BO_OrAssign)
      return top();
    // `b |= flags & 4` on a bool: computed in the computation type, then
    // converted back.
    QualType CT = cast<CompoundAssignOperator>(BO)->getComputationResultType();
    if (!CT->isIntegralOrEnumerationType() || CT->isBooleanType())
      return top();
    AbsVal L = number(convert(eval(LHS, E), LHS->getType(), CT));
    R = number(convert(R, BO->getRHS()->getType(), CT));
    if (L.K == AbsVal::Pred || R.K == AbsVal::Pred)
      return top();
    ArgBits LB = L.K == AbsVal::Bits ? L.B : ArgBits::top();
    ArgBits RB = R.K == AbsVal::Bits ? R.B : ArgBits::top();
    AbsVal Res = AbsVal::bits(BO->getOpcode() == BO_AndAssign ? andBits(LB, RB)
                                                              : orBits(LB, RB));
    return convert(Res, CT, LHS->getType());
  }

  AbsVal evalCall(const CallExpr *CE, const Env &E) const {
    unsigned Builtin = CE->getBuiltinCallee();
    if (Builtin == Builtin::BI__builtin_expect && CE->getNumArgs() >= 1)
      return eval(CE->getArg(0), E); // likely()/unlikely()
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || Builtin || Depth >= MaxReturnDepth ||
        isa<CXXOperatorCallExpr>(CE))
      return top();
    AbsVal R = Returns.of(Callee, Depth + 1);
    if (R.K == AbsVal::Top || R.B.Root == ArgBits::NoRoot)
      return R;
    unsigned I = unsigned(R.B.Root);
    if (I >= CE->getNumArgs())
      return top();
    const ParmVarDecl *P =
        I < Callee->getNumParams() ? Callee->getParamDecl(I) : nullptr;
    AbsVal A = eval(CE->getArg(I), E);
    if (P)
      A = convert(A, CE->getArg(I)->getType(), P->getType());
    ArgBits C = compose(R.B, asBits(number(A)));
    if (R.K == AbsVal::Pred)
      return AbsVal::pred(C, R.Mask, R.NonZero);
    return AbsVal::bits(C);
  }

  AbsVal eval(const Expr *Ex, const Env &E) const {
    if (!Ex)
      return top();
    Ex = Ex->IgnoreParens();
    QualType T = Ex->getType();
    if (!valueType(T))
      return top();
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Ex))
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()); V && trackable(V))
        // An out parameter's entry is its pointee's value.
        return isa<ParmVarDecl>(V) && OutParams.count(cast<ParmVarDecl>(V))
                   ? top()
                   : get(E, V);
    // A local structure's field: what the function stored, else (not
    // stored yet, or unknown) what the program stores into the field.
    if (auto F = Locals.named(Ex)) {
      AbsVal V = get(E, Slot(F->first, F->second));
      if (V.K != AbsVal::Top)
        return V;
    }
    if (std::optional<AbsVal> F = fieldRead(Ex))
      return *F;
    if (!isa<CallExpr>(Ex) && !isa<BinaryOperator>(Ex) && !isa<CastExpr>(Ex) &&
        !isa<AbstractConditionalOperator>(Ex)) {
      // Literals, enumerators, sizeof, constant globals.
      if (std::optional<uint64_t> C = constant(Ex))
        return AbsVal::bits(ArgBits::constant(*C));
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Ex)) {
      if (!BO->isAssignmentOp() && BO->getOpcode() != BO_Comma)
        if (std::optional<uint64_t> C = constant(Ex))
          return AbsVal::bits(ArgBits::constant(*C));
      return evalBinary(BO, E);
    }
    if (const auto *CE = dyn_cast<CastExpr>(Ex)) {
      const Expr *Sub = CE->getSubExpr();
      switch (CE->getCastKind()) {
      case CK_LValueToRValue:
      case CK_NoOp:
        return eval(Sub, E);
      case CK_IntegralCast:
      case CK_IntegralToBoolean:
      case CK_PointerToBoolean:
      case CK_IntegralToPointer:
      case CK_PointerToIntegral:
      case CK_BitCast:
        return convert(eval(Sub, E), Sub->getType(), T);
      case CK_NullToPointer:
        return AbsVal::bits(ArgBits::constant(0));
      case CK_ArrayToPointerDecay:
      case CK_FunctionToPointerDecay:
        return addressOf(Sub, E, false);
      default:
        if (std::optional<uint64_t> C = constant(Ex))
          return AbsVal::bits(ArgBits::constant(*C));
        return top();
      }
    }
    if (const auto *U = dyn_cast<UnaryOperator>(Ex)) {
      switch (U->getOpcode()) {
      case UO_LNot: {
        const Expr *Sub = U->getSubExpr();
        AbsVal V = truth(eval(Sub, E), width(Sub->getType()));
        if (V.K == AbsVal::Pred)
          V.NonZero = !V.NonZero;
        return V;
      }
      case UO_Plus:
      case UO_Extension:
        return eval(U->getSubExpr(), E);
      case UO_Deref:
        if (const ParmVarDecl *P = outParam(U))
          return get(E, P);
        return top();
      case UO_AddrOf:
        return addressOf(U->getSubExpr(), E, true);
      default:
        return top();
      }
    }
    if (const auto *CO = dyn_cast<AbstractConditionalOperator>(Ex))
      return join(eval(CO->getTrueExpr(), E), eval(CO->getFalseExpr(), E));
    if (const auto *CE = dyn_cast<CallExpr>(Ex))
      return evalCall(CE, E);
    return top();
  }

  /// A structure field's value (`mc->gfp_zero`, READ_ONCE(s->flags)):
  /// what its stores program-wide say, once they are known.
  std::optional<AbsVal> fieldRead(const Expr *Ex) const {
    FieldValues *Fields = Returns.fields();
    const MemberExpr *M = Fields ? FieldValues::accessed(Ex) : nullptr;
    const auto *FD = M ? dyn_cast<FieldDecl>(M->getMemberDecl()) : nullptr;
    if (!FD)
      return std::nullopt;
    int32_t Id = Fields->idOf(FD);
    if (Id < 0)
      return std::nullopt;
    unsigned W =
        FD->isBitField() ? FD->getBitWidthValue(Ctx) : width(FD->getType());
    return AbsVal::bits(ArgBits::field(Id, W));
  }

  /// Whether V is known not to be zero: by its bits, or because it is a
  /// parameter the current path's guards say is not (`if (p)
  /// f(&p->field)`).
  bool nonZero(const AbsVal &V) const {
    if (V.K != AbsVal::Bits)
      return false;
    Resolved Zero = resolve(V.B, ~0ull, false);
    return Zero.K == Resolved::Never ||
           (Zero.K == Resolved::OnParam && CurGuards &&
            !compatible(*CurGuards, Zero.G));
  }

  /// The address of lvalue L: non-null for a named object or function
  /// (not a weak one, which may be undefined at address 0), a member or
  /// element of one, a string or compound literal, and for `&p->f` or
  /// `&p[i]` when p is; `&*p` (Explicit) is p itself.
  AbsVal addressOf(const Expr *L, const Env &E, bool Explicit) const {
    auto NonNullIf = [](bool B) {
      return B ? AbsVal::bits(ArgBits::nonNull()) : top();
    };
    for (unsigned I = 0; L && I < 32; ++I) {
      L = L->IgnoreParens();
      if (const auto *U = dyn_cast<UnaryOperator>(L);
          U && U->getOpcode() == UO_Deref) {
        AbsVal P = eval(U->getSubExpr(), E);
        return I == 0 && Explicit ? P : NonNullIf(nonZero(P));
      }
      if (const auto *D = dyn_cast<DeclRefExpr>(L)) {
        const ValueDecl *VD = D->getDecl();
        return NonNullIf(!VD->isWeak() && !VD->isWeakImported());
      }
      if (const auto *M = dyn_cast<MemberExpr>(L)) {
        if (M->isArrow())
          return NonNullIf(nonZero(eval(M->getBase(), E)));
        L = M->getBase();
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(L)) {
        const Expr *Base = A->getBase()->IgnoreParenImpCasts();
        if (Base->getType()->isArrayType()) {
          L = Base;
          continue;
        }
        return NonNullIf(nonZero(eval(A->getBase(), E)));
      }
      return NonNullIf(isa<StringLiteral>(L) || isa<CompoundLiteralExpr>(L));
    }
    return top();
  }

  /// The out parameter p when E is `*p`.
  const ParmVarDecl *outParam(const Expr *E) const {
    const auto *U = dyn_cast<UnaryOperator>(E->IgnoreParens());
    if (!U || U->getOpcode() != UO_Deref || OutParams.empty())
      return nullptr;
    const auto *D =
        dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenImpCasts());
    const auto *P = D ? dyn_cast<ParmVarDecl>(D->getDecl()) : nullptr;
    return P && OutParams.count(P) ? P : nullptr;
  }

  /// Sets the locals CE was given as `&x` to what the callee leaves in
  /// them, evaluated with this function's values of its arguments.
  void callOuts(Env &E, const CallExpr *CE,
                llvm::ArrayRef<std::pair<unsigned, const VarDecl *>> Vars) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    std::vector<AbsVal> In;
    if (Callee) {
      In.resize(Callee->getNumParams());
      for (unsigned I = 0; I < In.size() && I < CE->getNumArgs(); ++I) {
        const Expr *A = CE->getArg(I);
        QualType PT = Callee->getParamDecl(I)->getType();
        // An out parameter's entry is its pointee's value: unknown unless
        // it is one of this call's tracked locals (below).
        if (Returns.isOutParam(Callee, I, Depth + 1))
          continue;
        if (valueType(PT))
          In[I] = number(convert(eval(A, E), A->getType(), PT));
      }
      for (auto [I, V] : Vars)
        if (I < In.size())
          In[I] = get(E, V);
    }
    std::vector<AbsVal> Out =
        Callee ? Returns.outs(Callee, In, Depth + 1) : std::vector<AbsVal>();
    for (auto [I, V] : Vars)
      set(E, V, I < Out.size() ? Out[I] : top());
  }

  /// Whether a store to LHS may write memory other than a named local's
  /// own storage (`*p`, `s->f`, `p[i]`): `ac.nodemask = ..` on a local
  /// struct writes nothing an escaped integer lives in.
  static bool throughPointer(const Expr *LHS) {
    for (unsigned I = 0; LHS && I < 32; ++I) {
      LHS = LHS->IgnoreParens();
      if (isa<DeclRefExpr>(LHS))
        return false;
      if (const auto *M = dyn_cast<MemberExpr>(LHS)) {
        if (M->isArrow())
          return true;
        LHS = M->getBase();
        continue;
      }
      if (const auto *A = dyn_cast<ArraySubscriptExpr>(LHS)) {
        const Expr *Base = A->getBase()->IgnoreParenImpCasts();
        if (!Base->getType()->isArrayType())
          return true; // indexing a pointer
        LHS = Base;
        continue;
      }
      return true;
    }
    return true;
  }

  /// Every escaped variable may have changed (a followed local structure
  /// has not escaped, whatever the scan for integers said of it).
  void clobber(Env &E) const {
    if (Escaped.empty())
      return;
    llvm::erase_if(E, [&](const auto &P) {
      return !P.first.F && Escaped.count(P.first.V);
    });
  }

  /// Forgets the fields of local structure V that W may have written.
  static void forget(Env &E, const VarDecl *V, const FieldsWritten *W) {
    llvm::erase_if(E, [&](const auto &P) {
      return P.first.V == V && P.first.F && (!W || W->writes(P.first.F));
    });
  }

  void element(Env &E, const CFGElement &El) {
    if (auto St = El.getAs<CFGStmt>())
      transfer(E, St->getStmt());
    else
      clobber(E); // a destructor or cleanup function runs
  }

  /// `struct s v = { .f = 1 };`: the initialized fields, and zero for the
  /// rest of a list; without one (or from an expression), nothing known.
  void declareLocal(Env &E, const VarDecl *V) {
    forget(E, V, nullptr);
    const auto *L = dyn_cast_or_null<InitListExpr>(
        V->getInit() ? V->getInit()->IgnoreParens() : nullptr);
    if (L && !L->isSemanticForm())
      L = L->getSemanticForm();
    const RecordDecl *RD = V->getType()->getAsRecordDecl();
    if (!L || !RD || L->getNumInits() == 0 || L->isTransparent())
      return;
    unsigned I = 0;
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isUnnamedBitField())
        continue;
      if (I >= L->getNumInits())
        break;
      const Expr *Init = L->getInit(I++);
      if (!Init || !LocalFields::followed(FD))
        continue;
      set(E, Slot(V, FD->getCanonicalDecl()),
          convert(eval(Init, E), Init->getType(), FD->getType()));
    }
  }

  void transfer(Env &E, const Stmt *S) {
    if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
      if (!BO->isAssignmentOp())
        return;
      const auto *DRE = dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParens());
      const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
      if (V && trackable(V)) {
        set(E, V, assigned(BO, E));
        return;
      }
      if (V && Locals.Tracked.count(V)) {
        forget(E, V, nullptr); // the whole structure assigned
        return;
      }
      if (auto F = Locals.named(BO->getLHS())) {
        set(E, Slot(F->first, F->second), assigned(BO, E));
        return;
      }
      if (const ParmVarDecl *P = outParam(BO->getLHS())) {
        set(E, P, assigned(BO, E));
        return;
      }
      if (throughPointer(BO->getLHS()))
        clobber(E); // a store through a pointer may reach an escaped local
      return;
    }
    if (const auto *U = dyn_cast<UnaryOperator>(S)) {
      if (!U->isIncrementDecrementOp())
        return;
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParens()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
          set(E, V, top());
          return;
        }
      if (const ParmVarDecl *P = outParam(U->getSubExpr())) {
        set(E, P, top());
        return;
      }
      if (auto F = Locals.named(U->getSubExpr())) {
        set(E, Slot(F->first, F->second), top());
        return;
      }
      if (throughPointer(U->getSubExpr()))
        clobber(E); // `(*p)++`
      return;
    }
    // Writes the statements above do not see: asm outputs, atomic
    // builtins, operator new/delete.
    if (isa<AsmStmt>(S) || isa<AtomicExpr>(S) || isa<CXXNewExpr>(S) ||
        isa<CXXDeleteExpr>(S)) {
      clobber(E);
      return;
    }
    if (const auto *DS = dyn_cast<DeclStmt>(S)) {
      for (const Decl *D : DS->decls())
        if (const auto *V = dyn_cast<VarDecl>(D); V && Locals.Tracked.count(V))
          declareLocal(E, V);
        else if (V && trackable(V)) {
          const Expr *Init = V->getInit();
          set(E, V,
              Init ? convert(eval(Init, E), Init->getType(), V->getType())
                   : top());
        }
      return;
    }
    if (const auto *R = dyn_cast<ReturnStmt>(S)) {
      if (const Expr *RV = R->getRetValue()) {
        AbsVal V = convert(eval(RV, E), RV->getType(), FD->getReturnType());
        V = number(V);
        Ret = RetSeen ? join(Ret, V) : V;
        RetSeen = true;
      }
      return;
    }
    if (isa<CallExpr>(S) || isa<CXXConstructExpr>(S)) {
      if (const auto *CE = dyn_cast<CallExpr>(S)) {
        if (auto It = ByRef.find(CE); It != ByRef.end() && !It->second.empty())
          callOuts(E, CE, It->second);
        if (auto It = Locals.Calls.find(CE); It != Locals.Calls.end())
          for (const auto &[V, W] : It->second)
            forget(E, V, &W);
      }
      clobber(E);
    }
  }

  /// The condition block B's terminator tests, as a truth value; for a
  /// switch, the comparison of its value with a case (side() fills in the
  /// case's value).
  AbsVal condition(const CFGBlock &B, const Env &E) const {
    if (const auto *Sw = dyn_cast_or_null<SwitchStmt>(B.getTerminatorStmt())) {
      const Expr *C = Sw->getCond();
      AbsVal V = C ? number(eval(C, E)) : top();
      if (V.K != AbsVal::Bits)
        return top();
      return AbsVal::equals(V.B, widthMask(width(C->getType())), 0, true);
    }
    const Expr *C = condExpr(B);
    if (!C)
      return top();
    return truth(number(eval(C, E)), width(C->getType()));
  }

  /// The expression block B's two-way branch tests (null if none).
  static const Expr *condExpr(const CFGBlock &B) {
    if (B.succ_size() != 2)
      return nullptr;
    // Two-way branches only: a switch with one case also has two
    // successors, and its successors are not "true" and "false".
    const Stmt *T = B.getTerminatorStmt();
    if (!T || !(isa<IfStmt>(T) || isa<WhileStmt>(T) || isa<ForStmt>(T) ||
                isa<DoStmt>(T) || isa<AbstractConditionalOperator>(T) ||
                isa<BinaryOperator>(T)))
      return nullptr;
    const auto *C = dyn_cast_or_null<Expr>(B.getTerminatorCondition());
    // The CFG splits `a && b` into a block per operand for these; a do's
    // condition is one block, so `do .. while (a && b)` is not `b`.
    if (isa<DoStmt>(T) && C && isa<BinaryOperator>(C->IgnoreParens()) &&
        cast<BinaryOperator>(C->IgnoreParens())->isLogicalOp())
      return nullptr;
    for (unsigned I = 0; C && I < 16; ++I) {
      C = C->IgnoreParens();
      const auto *BO = dyn_cast<BinaryOperator>(C);
      if (!BO || !BO->isLogicalOp())
        break;
      C = BO->getRHS(); // the left side was tested in an earlier block
    }
    if (!C || !valueType(C->getType()))
      return nullptr;
    return C;
  }

  /// On the edge where C is Truth: a local C tests directly (`x`, `!x`,
  /// `x == 0`) whose value no guard describes is then zero or not.
  void refine(Env &E, const Expr *C, bool Truth) const {
    for (unsigned I = 0; C && I < 8; ++I) {
      C = C->IgnoreParenImpCasts();
      if (const auto *U = dyn_cast<UnaryOperator>(C);
          U && U->getOpcode() == UO_LNot) {
        Truth = !Truth;
        C = U->getSubExpr();
        continue;
      }
      const auto *BO = dyn_cast<BinaryOperator>(C);
      if (!BO || (BO->getOpcode() != BO_EQ && BO->getOpcode() != BO_NE))
        break;
      const Expr *L = BO->getLHS(), *R = BO->getRHS();
      std::optional<uint64_t> K = constant(R);
      if (!K) {
        std::swap(L, R);
        K = constant(R);
      }
      if (!K || *K != 0)
        return;
      Truth = BO->getOpcode() == BO_EQ ? !Truth : Truth;
      C = L;
    }
    const auto *D = C ? dyn_cast<DeclRefExpr>(C) : nullptr;
    const auto *V = D ? dyn_cast<VarDecl>(D->getDecl()) : nullptr;
    if (!V || !trackable(V) ||
        (isa<ParmVarDecl>(V) && OutParams.count(cast<ParmVarDecl>(V))))
      return;
    AbsVal Now = get(E, V);
    if (Now.K == AbsVal::Pred ||
        (Now.K == AbsVal::Bits && Now.B.Root != ArgBits::NoRoot))
      return; // the branch's guard says it (see nonZero())
    if (!Truth) {
      set(E, V, AbsVal::bits(ArgBits::constant(0)));
    } else if (V->getType()->isBooleanType()) {
      set(E, V, AbsVal::bits(ArgBits::constant(1)));
    } else {
      ArgBits B = Now.K == AbsVal::Bits ? Now.B : ArgBits::nonNull();
      B.NonNull = true; // a bit within the type's width is set
      B.Zero |= ~widthMask(width(V->getType()));
      set(E, V, AbsVal::bits(B));
    }
  }

  /// Adds P to a block's paths: into one with the same values (keeping the
  /// guards both share) or the same guards (joining the values), else
  /// apart; past MaxPaths, all into one.
  static void addPath(Paths &Into, Path P) {
    for (Path &X : Into) {
      if (sameEnv(X.Vals, P.Vals)) {
        X.Guards = intersect(X.Guards, P.Guards);
        return;
      }
      if (X.Guards == P.Guards) {
        X.Vals = joinEnv(X.Vals, P.Vals);
        return;
      }
    }
    Into.push_back(std::move(P));
    if (Into.size() > MaxPaths)
      collapse(Into);
  }
  static void collapse(Paths &Ps) {
    if (Ps.size() < 2)
      return;
    Path One = std::move(Ps.front());
    for (unsigned I = 1; I < Ps.size(); ++I) {
      One.Vals = joinEnv(One.Vals, Ps[I].Vals);
      One.Guards = intersect(One.Guards, Ps[I].Guards);
    }
    Ps.clear();
    Ps.push_back(std::move(One));
  }
  static bool samePaths(const Paths &A, const Paths &B) {
    if (A.size() != B.size())
      return false;
    for (unsigned I = 0; I < A.size(); ++I)
      if (A[I].Guards != B[I].Guards || !sameEnv(A[I].Vals, B[I].Vals))
        return false;
    return true;
  }
  /// The join of E's value over every path of Ps.
  AbsVal evalAll(const Expr *E, const Paths &Ps) const {
    if (Ps.empty())
      return top();
    CurGuards = &Ps.front().Guards;
    AbsVal V = eval(E, Ps.front().Vals);
    for (unsigned I = 1; I < Ps.size() && V.K != AbsVal::Top; ++I) {
      CurGuards = &Ps[I].Guards;
      V = join(V, eval(E, Ps[I].Vals));
    }
    CurGuards = nullptr;
    return V;
  }

  /// What taking successor Succ (0: true) of a branch on C says.
  Resolved side(const CFGBlock &B, const AbsVal &C, unsigned Succ) const {
    if (C.K != AbsVal::Pred)
      return Resolved();
    if (const auto *Sw = dyn_cast_or_null<SwitchStmt>(B.getTerminatorStmt())) {
      // The edge to `case K:` is taken when the value is K; the default
      // edge says nothing here. Without a `default`, that edge leads to the
      // block after the switch, which may be an enclosing switch's case:
      // only this switch's own cases count.
      const CFGBlock *To = (B.succ_begin() + Succ)->getReachableBlock();
      const auto *Case =
          To ? dyn_cast_or_null<CaseStmt>(To->getLabel()) : nullptr;
      if (!Case || Case->caseStmtIsGNURange() || Succ + 1 == B.succ_size())
        return Resolved();
      bool Own = false;
      for (const SwitchCase *SC = Sw->getSwitchCaseList(); SC && !Own;
           SC = SC->getNextSwitchCase())
        Own = SC == Case;
      if (!Own)
        return Resolved();
      const Expr *LHS = Case->getLHS();
      Expr::EvalResult R;
      if (LHS->isValueDependent() || !LHS->EvaluateAsInt(R, Ctx))
        return Resolved();
      // Extended by its own signedness, then cut to the switch's width.
      AbsVal Eq = C;
      Eq.Val = R.Val.getInt().extOrTrunc(64).getZExtValue() & C.Mask;
      return predicate(Eq, true);
    }
    return predicate(C, Succ == 0);
  }
};

/// Scans FD's body (and a constructor's initializers, which are in the
/// CFG too).
static void scanBody(EscapeScan &Scan, const FunctionDecl *FD) {
  Scan.TraverseStmt(const_cast<Stmt *>(FD->getBody()));
  if (const auto *Ctor = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *I : Ctor->inits())
      Scan.TraverseStmt(I->getInit());
}

ValueTracker::ValueTracker(ASTContext &Ctx, const FunctionDecl *FD,
                           ReturnValues &Returns, unsigned Depth,
                           const std::vector<AbsVal> *Entry)
    : S(std::make_unique<State>(Ctx, FD, Returns, Depth)) {
  S->EntryVals = Entry;
  if (!FD->getBody())
    return;
  S->Locals = LocalFields::find(FD, Returns.pointeeWrites());
  if (S->Locals.HiddenStores)
    return; // nothing tracked: every variable reads as anything
  EscapeScan Scan;
  scanBody(Scan, FD);
  // `&x` for a callee's out parameter of x's own type keeps x tracked
  // when the callee can be evaluated from here.
  auto Accept = [&](const CallExpr *CE, unsigned I, const VarDecl *V) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || CE->getBuiltinCallee() || Depth >= MaxReturnDepth ||
        I >= Callee->getNumParams() ||
        !Returns.isOutParam(Callee, I, Depth + 1))
      return false;
    QualType Pointee = Callee->getParamDecl(I)->getType()->getPointeeType();
    return Ctx.hasSameUnqualifiedType(Pointee, V->getType());
  };
  Scan.finish(FD, Ctx.getLangOpts().CPlusPlus, Accept);
  S->Escaped = std::move(Scan.Escaped);
  S->OutParams = std::move(Scan.OutParams);
  S->ByRef = std::move(Scan.ByRef);
  S->AnyTracked =
      Scan.AnyTrackable || !S->OutParams.empty() || !S->Locals.Tracked.empty();
}

ValueTracker::~ValueTracker() = default;

AbsVal ValueTracker::returned() const { return S->RetSeen ? S->Ret : top(); }

std::vector<AbsVal> ValueTracker::outsAtExit(const CFG &G) const {
  std::vector<AbsVal> R(S->FD->getNumParams());
  unsigned Exit = G.getExit().getBlockID();
  // Not returning at all, the function leaves nothing anyone reads.
  if (Exit >= S->Reached.size() || !S->Reached[Exit])
    return R;
  const Paths &Ps = S->InPaths[Exit];
  for (const ParmVarDecl *P : S->OutParams) {
    AbsVal V = Ps.empty() ? top() : State::get(Ps.front().Vals, P);
    for (unsigned I = 1; I < Ps.size(); ++I)
      V = join(V, State::get(Ps[I].Vals, P));
    R[P->getFunctionScopeIndex()] = V;
  }
  return R;
}

void ValueTracker::run(const CFG &G) {
  unsigned N = G.getNumBlockIDs();
  S->InPaths.assign(N, Paths());
  S->Reached.assign(N, 0);
  if (!S->AnyTracked)
    return; // no variable to follow: constants are evaluated where used
  // Clang's reverse post-order view of the CFG.
  PostOrderCFGView RPO(&G);
  std::vector<Paths> Out(N);
  std::vector<char> OutReached(N, 0);
  /// Each block's branch condition on each of its Out paths.
  std::vector<llvm::SmallVector<AbsVal, 1>> Cond(N);
  unsigned Entry = G.getEntry().getBlockID();
  bool Changed = true;
  for (unsigned Pass = 0; Changed && Pass < MaxPasses; ++Pass) {
    Changed = false;
    for (const CFGBlock *B : RPO) {
      unsigned Id = B->getBlockID();
      Paths NewIn;
      if (Id == Entry)
        NewIn.push_back(Path{S->entry(), {}});
      for (const CFGBlock::AdjacentBlock &P : B->preds()) {
        const CFGBlock *From = P.getReachableBlock();
        if (!From || !OutReached[From->getBlockID()])
          continue;
        unsigned FromId = From->getBlockID();
        const Expr *C = State::condExpr(*From);
        // Both edges of a branch may lead here (`if (c) ;`): each path
        // arrives along every edge its values and guards allow.
        unsigned Which = 0;
        for (const CFGBlock::AdjacentBlock &Su : From->succs()) {
          unsigned ThisEdge = Which++;
          if (Su.getReachableBlock() != B)
            continue;
          for (unsigned I = 0; I < Out[FromId].size(); ++I) {
            Path Along = Out[FromId][I];
            Resolved R = S->side(*From, Cond[FromId][I], ThisEdge);
            if (R.K == Resolved::Never ||
                (R.K == Resolved::OnParam && !addGuard(Along.Guards, R.G)))
              continue; // this path's values rule the edge out
            if (C && From->succ_size() == 2)
              S->refine(Along.Vals, C, ThisEdge == 0);
            State::addPath(NewIn, std::move(Along));
          }
        }
      }
      if (NewIn.empty())
        continue;
      if (Pass >= WidenAfter && S->Reached[Id]) {
        // Widening: one path, and what still changes goes to Top.
        State::collapse(NewIn);
        Paths Old = S->InPaths[Id];
        State::collapse(Old);
        llvm::erase_if(NewIn.front().Vals, [&](const auto &P) {
          return State::get(Old.front().Vals, P.first) != P.second;
        });
        NewIn.front().Guards =
            intersect(NewIn.front().Guards, Old.front().Guards);
      }
      if (S->Reached[Id] && State::samePaths(NewIn, S->InPaths[Id]))
        continue;
      S->InPaths[Id] = NewIn;
      S->Reached[Id] = 1;
      Cond[Id].clear();
      for (Path &Pa : NewIn) {
        S->CurGuards = &Pa.Guards;
        for (const CFGElement &E : *B)
          S->element(Pa.Vals, E);
        Cond[Id].push_back(S->condition(*B, Pa.Vals));
      }
      S->CurGuards = nullptr;
      Out[Id] = std::move(NewIn);
      OutReached[Id] = 1;
      Changed = true;
    }
  }
  if (Changed) {
    // No fixpoint: nothing is known anywhere.
    for (Paths &Ps : S->InPaths)
      Ps.clear();
    S->Ret = top();
  }
}

void ValueTracker::enter(const CFGBlock &B) {
  unsigned Id = B.getBlockID();
  S->Cur.clear();
  if (Id < S->InPaths.size())
    S->Cur = S->InPaths[Id];
  if (S->Cur.empty())
    S->Cur.push_back(Path()); // unreached or not followed: nothing known
  S->CondBlock = nullptr;
}

void ValueTracker::step(const CFGElement &E) {
  for (Path &P : S->Cur) {
    S->CurGuards = &P.Guards;
    S->element(P.Vals, E);
  }
  S->CurGuards = nullptr;
}

AbsVal ValueTracker::eval(const Expr *E) const { return S->evalAll(E, S->Cur); }

ArgBits ValueTracker::argBits(const Expr *E) const {
  if (!E || !valueType(E->getType()))
    return ArgBits::top();
  return asBits(number(S->evalAll(E, S->Cur)));
}

llvm::SmallVector<ArgAlt, 0>
ValueTracker::argAlternatives(llvm::ArrayRef<const Expr *> Args) const {
  llvm::SmallVector<ArgAlt, 0> Alts;
  if (S->Cur.size() < 2)
    return Alts;
  for (const Path &P : S->Cur) {
    ArgAlt A;
    A.When = P.Guards;
    S->CurGuards = &P.Guards;
    for (const Expr *E : Args)
      A.Vals.push_back(E && valueType(E->getType())
                           ? asBits(number(S->eval(E, P.Vals)))
                           : ArgBits::top());
    S->CurGuards = nullptr;
    // Paths that know the same share an entry, under the guards both have.
    auto Same =
        llvm::find_if(Alts, [&](const ArgAlt &X) { return X.Vals == A.Vals; });
    if (Same != Alts.end())
      Same->When = intersect(Same->When, A.When);
    else
      Alts.push_back(std::move(A));
  }
  if (Alts.size() < 2 || llvm::all_of(Alts, [](const ArgAlt &A) {
        return llvm::none_of(A.Vals, [](const ArgBits &B) { return B.Known; });
      }))
    Alts.clear();
  return Alts;
}

Resolved ValueTracker::branch(const CFGBlock &B, unsigned Succ) const {
  // Asked once per successor: the condition is evaluated once per block.
  if (S->CondBlock != &B) {
    S->CondBlock = &B;
    S->CurCond.clear();
    for (const Path &P : S->Cur) {
      S->CurGuards = &P.Guards;
      S->CurCond.push_back(S->condition(B, P.Vals));
    }
    S->CurGuards = nullptr;
  }
  // The edge is taken on the paths whose values allow it; it implies what
  // all of those say of the entry parameters. (Path guards the lowering's
  // own dataflow carries are implied again: harmless.)
  std::optional<GuardList> Common;
  bool Unknown = false, Narrowed = false;
  for (unsigned I = 0; I < S->Cur.size(); ++I) {
    Resolved R = S->side(B, S->CurCond[I], Succ);
    GuardList L = S->Cur[I].Guards;
    if (R.K == Resolved::Never ||
        (R.K == Resolved::OnParam && !addGuard(L, R.G))) {
      Narrowed = true;
      continue;
    }
    if (R.K == Resolved::OnParam)
      Narrowed = true;
    else if (L.empty())
      Unknown = true;
    Common = Common ? intersect(*Common, L) : L;
  }
  Resolved Out;
  if (!Common) {
    Out.K = Resolved::Never;
    return Out;
  }
  // Every path passes: the lowering's dataflow has their guards already.
  if (Unknown || !Narrowed || Common->empty())
    return Out;
  // One guard: the branch's own test when every path implies it, else the
  // first the paths share.
  Out.K = Resolved::OnParam;
  Out.G = Common->front();
  if (S->Cur.size() == 1) {
    Resolved R = S->side(B, S->CurCond[0], Succ);
    if (R.K == Resolved::OnParam)
      Out.G = R.G;
  }
  return Out;
}

static bool smallEnough(const FunctionDecl *Def, unsigned Max) {
  SizeScan Size(Max);
  Size.TraverseStmt(Def->getBody());
  return Size.N <= Max;
}

static std::unique_ptr<CFG> buildCFG(const FunctionDecl *Def, ASTContext &Ctx) {
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  Opts.PruneTriviallyFalseEdges = true;
  return CFG::buildCFG(Def, Def->getBody(), &Ctx, Opts);
}

AbsVal ReturnValues::of(const FunctionDecl *FD, unsigned Depth) {
  const FunctionDecl *Def = runningDefinition(FD);
  if (!Def || !Def->getReturnType()->isIntegralOrEnumerationType())
    return top();
  auto It = Done.find(Def);
  if (It != Done.end())
    return It->second;
  if (Depth > MaxReturnDepth || !Busy.insert(Def).second)
    return top(); // deeper, or recursive: not summarized from here
  AbsVal R;
  if (smallEnough(Def, MaxReturnStmts))
    if (std::unique_ptr<CFG> G = buildCFG(Def, Ctx)) {
      ValueTracker T(Ctx, Def, *this, Depth);
      T.run(*G);
      R = T.returned();
    }
  Busy.erase(Def);
  Done.try_emplace(Def, R);
  return R;
}

bool ReturnValues::isOutParam(const FunctionDecl *FD, unsigned I,
                              unsigned Depth) {
  const FunctionDecl *Def = runningDefinition(FD);
  if (!Def || Depth > MaxReturnDepth || I >= 64)
    return false;
  auto It = OutParams.find(Def);
  if (It == OutParams.end()) {
    uint64_t Mask = 0;
    if (smallEnough(Def, MaxOutStmts)) {
      EscapeScan Scan;
      scanBody(Scan, Def);
      Scan.finish(
          Def, Ctx.getLangOpts().CPlusPlus,
          [](const CallExpr *, unsigned, const VarDecl *) { return false; });
      for (const ParmVarDecl *P : Scan.OutParams)
        if (P->getFunctionScopeIndex() < 64)
          Mask |= 1ull << P->getFunctionScopeIndex();
    }
    It = OutParams.try_emplace(Def, Mask).first;
  }
  return It->second >> I & 1;
}

std::vector<AbsVal> ReturnValues::outs(const FunctionDecl *FD,
                                       const std::vector<AbsVal> &Entry,
                                       unsigned Depth) {
  const FunctionDecl *Def = runningDefinition(FD);
  if (!Def || Depth > MaxReturnDepth)
    return {};
  for (const auto &[K, R] : Contexts[Def])
    if (K == Entry)
      return R;
  // Each caller's context is a run over the callee's body: a callee
  // called with many different values is left unevaluated after a few.
  if (Contexts[Def].size() >= MaxContexts || !Busy.insert(Def).second)
    return {};
  std::vector<AbsVal> R;
  if (std::unique_ptr<CFG> G = buildCFG(Def, Ctx)) {
    ValueTracker T(Ctx, Def, *this, Depth, &Entry);
    T.run(*G);
    R = T.outsAtExit(*G);
  }
  Busy.erase(Def);
  Contexts[Def].push_back({Entry, R});
  return R;
}

} // namespace holdwait

//===- Lowering.cpp - Clang CFG to lock IR --------------------------------===//
//
// One FunctionLowering per function: a pre-pass over the body finds what
// each expression's value initializes (a variable, a member, a temporary:
// the owner of an RAII lock, the `$this` of a std::thread), which locals are
// stable aliases, and which trylock results feed conditions; then each CFG
// element becomes zero or more IR events, each branch on a trylock
// result becomes a pair of conditional edges, and each branch on bits of a
// parameter (ValueTracker, Values.h) a pair of guarded ones.
//
//===----------------------------------------------------------------------===//
#include "analysis/frontend/Lowering.h"
#include "analysis/frontend/DocContract.h"
#include "analysis/frontend/FieldValues.h"
#include "analysis/frontend/Names.h"
#include "analysis/frontend/Terms.h"
#include "analysis/frontend/Values.h"
#include "annotations/Profile.h"

#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include <functional>

using namespace clang;

namespace holdwait {

namespace {

/// What the value of an expression initializes.
struct Target {
  enum Kind { None, Var, Lhs, Field, Temp, Return } K = None;
  const VarDecl *V = nullptr;
  const Expr *E = nullptr; ///< Lhs: the assigned expression; Temp: the bind
  const FieldDecl *F = nullptr;
};

/// Strips the wrappers between an initializer and the call or construction
/// that produces the value.
/// The expression whose value E yields, through casts, the last statement
/// of a GNU statement expression (`({ ...; &__SCT__x; })`, the kernel's
/// static_call()) and the right side of a comma.
const Expr *valueOf(const Expr *E) {
  for (unsigned I = 0; E && I < 16; ++I) {
    E = E->IgnoreParenCasts();
    if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      const CompoundStmt *CS = SE->getSubStmt();
      E = CS->body_empty() ? nullptr : dyn_cast<Expr>(CS->body_back());
    } else if (const auto *BO = dyn_cast<BinaryOperator>(E);
               BO && BO->getOpcode() == BO_Comma) {
      E = BO->getRHS();
    } else {
      return E;
    }
  }
  return E;
}

const Expr *coreOf(const Expr *E) {
  for (unsigned I = 0; E && I < 32; ++I) {
    E = E->IgnoreParens();
    const Expr *Next = nullptr;
    if (const auto *FE = dyn_cast<FullExpr>(E))
      Next = FE->getSubExpr();
    else if (const auto *IC = dyn_cast<ImplicitCastExpr>(E))
      Next = IC->getSubExpr();
    else if (const auto *FC = dyn_cast<CXXFunctionalCastExpr>(E))
      Next = FC->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      Next = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      Next = BT->getSubExpr();
    else if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
      if (CC->isElidable() && CC->getNumArgs() == 1)
        Next = CC->getArg(0);
    }
    if (!Next)
      return E;
    E = Next;
  }
  return E;
}

std::optional<std::string> stringArg(const Expr *E) {
  if (!E)
    return std::nullopt;
  E = E->IgnoreParenImpCasts();
  if (const auto *CE = dyn_cast<ConstantExpr>(E))
    E = CE->getSubExpr()->IgnoreParenImpCasts();
  if (const auto *SL = dyn_cast<StringLiteral>(E))
    return SL->getString().str();
  return std::nullopt;
}

/// The holdwait.* annotations on any declaration of D.
struct SourceAnnotation {
  std::string Tag;
  std::vector<std::string> Args;
  SourceLocation Loc;
};
std::vector<SourceAnnotation> annotationsOf(const Decl *D) {
  std::vector<SourceAnnotation> Out;
  for (const Decl *R : D->redecls())
    for (const auto *A : R->specific_attrs<AnnotateAttr>()) {
      // Clang copies attributes onto later redeclarations; count each once.
      if (A->isInherited())
        continue;
      StringRef Tag = A->getAnnotation();
      if (!Tag.starts_with("holdwait."))
        continue;
      SourceAnnotation S{Tag.str(), {}, A->getLocation()};
      for (const Expr *Arg : A->args())
        if (auto Str = stringArg(Arg))
          S.Args.push_back(*Str);
      Out.push_back(std::move(S));
    }
  return Out;
}

LockKind capabilityKind(const FunctionDecl *FD) {
  auto KindOf = [](const RecordDecl *RD) -> std::optional<LockKind> {
    if (!RD)
      return std::nullopt;
    if (const auto *CA = RD->getAttr<CapabilityAttr>()) {
      StringRef N = CA->getName();
      if (N.contains_insensitive("spin"))
        return LockKind::Spinlock;
      if (N.contains_insensitive("shared") || N.contains_insensitive("rw"))
        return LockKind::SharedMutex;
      return LockKind::Mutex;
    }
    return std::nullopt;
  };
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
    if (auto K = KindOf(MD->getParent()))
      return *K;
  for (const ParmVarDecl *P : FD->parameters()) {
    QualType T = P->getType().getNonReferenceType();
    if (const auto *PT = T->getAs<PointerType>())
      T = PT->getPointeeType();
    if (auto K = KindOf(T->getAsRecordDecl()))
      return *K;
  }
  return LockKind::Mutex;
}

} // namespace

//===----------------------------------------------------------------------===//
// Translation-unit state shared by every function's lowering.
//===----------------------------------------------------------------------===//

struct TULowering::Impl {
  ASTContext &Ctx;
  const SourceManager &SM;
  const Profile &P;
  TUFacts &Out;
  LoweringLimits Limits;
  NameCache Names;
  llvm::DenseMap<const FunctionDecl *, uint32_t> SymIdx;
  llvm::StringMap<uint32_t> FileIdx;
  llvm::DenseMap<FileID, uint32_t> FileIdCache;
  std::vector<const FunctionDecl *> Queue;
  llvm::DenseSet<const FunctionDecl *> Queued;
  bool OverridersBuilt = false;
  llvm::DenseMap<const CXXMethodDecl *, std::vector<const CXXMethodDecl *>>
      Overriders;
  FunctionIR Globals; ///< pseudo-function holding global initializers
  bool HasGlobals = false;
  /// Events lowered so far in this unit (the unit-events budget).
  uint64_t UnitEvents = 0;
  /// What the unit stores into structure fields; reads name them.
  FieldValues Fields;
  /// Return values of small helpers (`gfpflags_allow_blocking()`).
  ReturnValues Returns;

  Impl(ASTContext &Ctx, const Profile &P, TUFacts &Out, LoweringLimits L)
      : Ctx(Ctx), SM(Ctx.getSourceManager()), P(P), Out(Out), Limits(L),
        Fields(Ctx, &P), Returns(Ctx, &Fields) {}

  uint32_t fileIndex(SourceLocation L) {
    FileID FID = SM.getFileID(L);
    auto Cached = FileIdCache.find(FID);
    if (Cached != FileIdCache.end())
      return Cached->second;
    PresumedLoc PL = SM.getPresumedLoc(L);
    llvm::SmallString<256> Path(PL.isValid() ? PL.getFilename() : "<unknown>");
    if (PL.isValid() && !llvm::sys::path::is_absolute(Path))
      Ctx.getSourceManager().getFileManager().makeAbsolutePath(Path);
    llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
    auto [It, New] = FileIdx.try_emplace(Path, Out.Files.size());
    if (New)
      Out.Files.push_back(Path.str().str());
    FileIdCache[FID] = It->second;
    return It->second;
  }

  Loc loc(SourceLocation L) {
    Loc R;
    if (L.isInvalid())
      return R;
    // Report a macro's use site: `guard(mutex)(&m)` is where the user wrote
    // it, not inside cleanup.h.
    SourceLocation F = SM.getFileLoc(L);
    PresumedLoc PL = SM.getPresumedLoc(F);
    if (PL.isInvalid())
      return R;
    R.File = fileIndex(F);
    R.Line = PL.getLine();
    R.Col = PL.getColumn();
    return R;
  }

  uint32_t symbol(const FunctionDecl *FD) {
    FD = FD->getCanonicalDecl();
    auto It = SymIdx.find(FD);
    if (It != SymIdx.end())
      return It->second;
    const FunctionDecl *Def = FD->getDefinition();
    const FunctionDecl *Named = Def ? Def : FD;
    Symbol S;
    S.USR = symbolUSR(Named, Out.MainFile);
    S.Name = displayName(Named, SM);
    S.At = loc(Named->getLocation());
    uint32_t Idx = Out.Symbols.size();
    Out.Symbols.push_back(std::move(S));
    SymIdx[FD] = Idx;
    return Idx;
  }

  bool inSystemHeader(const Decl *D) const {
    return SM.isInSystemHeader(SM.getExpansionLoc(D->getLocation()));
  }

  /// Queue a callee for lowering when its body is here and no model
  /// describes it.
  void enqueue(const FunctionDecl *FD) {
    const FunctionDecl *Def = FD->getDefinition();
    if (!Def || !Def->hasBody() || Def->isDependentContext() ||
        Def->isInvalidDecl() || inSystemHeader(Def))
      return;
    if (!Queued.insert(Def).second)
      return;
    if (Queue.size() >= Limits.MaxFunctions) {
      // Calls to it stay, as calls to a function without a body.
      if (Out.FunctionsNotLowered++ == 0)
        Out.FirstNotLowered = Def->getQualifiedNameAsString();
      return;
    }
    Queue.push_back(Def);
  }

  const std::vector<const CXXMethodDecl *> &
  overridersOf(const CXXMethodDecl *MD) {
    if (!OverridersBuilt) {
      OverridersBuilt = true;
      struct Collector : RecursiveASTVisitor<Collector> {
        Impl &I;
        explicit Collector(Impl &I) : I(I) {}
        bool shouldVisitTemplateInstantiations() const { return true; }
        bool VisitCXXMethodDecl(CXXMethodDecl *M) {
          if (!M->isVirtual() || I.inSystemHeader(M))
            return true;
          llvm::SmallVector<const CXXMethodDecl *, 4> Work(
              M->overridden_methods());
          llvm::DenseSet<const CXXMethodDecl *> Seen;
          while (!Work.empty()) {
            const CXXMethodDecl *Base = Work.pop_back_val();
            if (!Seen.insert(Base->getCanonicalDecl()).second)
              continue;
            auto &List = I.Overriders[Base->getCanonicalDecl()];
            const CXXMethodDecl *Canon = M->getCanonicalDecl();
            if (!llvm::is_contained(List, Canon))
              List.push_back(Canon);
            for (const CXXMethodDecl *B : Base->overridden_methods())
              Work.push_back(B);
          }
          return true;
        }
      } C(*this);
      C.TraverseDecl(Ctx.getTranslationUnitDecl());
    }
    static const std::vector<const CXXMethodDecl *> None;
    auto It = Overriders.find(MD->getCanonicalDecl());
    return It == Overriders.end() ? None : It->second;
  }

  void lowerFunction(const FunctionDecl *FD);
};

//===----------------------------------------------------------------------===//
// Per-function lowering.
//===----------------------------------------------------------------------===//

namespace {

class FunctionLowering {
public:
  FunctionLowering(TULowering::Impl &TU, const FunctionDecl *FD)
      : TU(TU), P(TU.P), FD(FD), TB(TU.P, FD, Locals) {}

  void prepass();
  void lowerBody(FunctionIR &IR);
  /// Fills IR.Model for a function modelled as a wait or as context-safe
  /// (see FunctionIR::HasModel).
  void lowerModel(FunctionIR &IR);

  /// Lowering for a global's initializer: function pointers stored into
  /// fields of a static structure.
  void lowerInitList(const InitListExpr *ILE, const Term &Object);
  /// Binds the function Value names into the `var:` slot of V.
  void pointerStore(const VarDecl *V, const Expr *Value, SourceLocation At);
  std::vector<Event> Pending; ///< events produced outside a CFG (globals)

private:
  struct CallCtx {
    const FunctionDecl *Callee = nullptr;
    llvm::SmallVector<const Expr *, 6> Args;
    const Expr *ThisExpr = nullptr;
    Term ThisTerm;
    bool HasThisTerm = false;
    const Expr *Call = nullptr; ///< the call or construct expression
    SourceLocation At;
  };

  void element(const CFGElement &E);
  void stmt(const Stmt *S);
  void call(const CallExpr *CE);
  void construct(const CXXConstructExpr *CCE);
  void destroy(const CXXDestructorDecl *Dtor, int Slot, const Term &Obj,
               SourceLocation At);
  void assign(const BinaryOperator *BO);
  void dispatch(CallCtx &C);
  bool lockModel(CallCtx &C, const std::string &Name);
  bool tsaAttrs(CallCtx &C);
  void sourceAnnotations(CallCtx &C);
  bool otherModels(CallCtx &C, const std::string &Name);
  void genericCall(CallCtx &C);
  void argBits(Event &E, const CallCtx &C);
  void fieldStore(const FieldDecl *F, const Term &Object, const Expr *Value,
                  SourceLocation At);

  Term operand(const ArgRef &A, const CallCtx &C);
  Domain domain(const DomainTemplate &D, const CallCtx &C);
  Term resultTerm(const CallCtx &C);
  Term targetTerm(const Target &T);
  Term varTerm(const VarDecl *V);
  int slotFor(const Target &T);
  int slotOfExpr(const Expr *E);
  int slotOfVar(const VarDecl *V);
  int newSlot(const void *Key, std::string Name);
  bool argTypesMatch(const std::vector<std::pair<int, std::string>> &Types,
                     const FunctionDecl *Callee, bool IsCtor);
  const FunctionDecl *callable(const Expr *E, unsigned Depth = 0);
  /// The function-pointer slot an expression reads (see SlotCopy), or "".
  std::string pointerSlot(const Expr *E, unsigned Depth = 0);
  /// A global function pointer that may be reassigned (a `var:` slot).
  const VarDecl *mutableGlobalPointer(const Expr *E);
  void callbackStore(const CallCtx &C, const CallbackModel &M);
  bool isOwnerObject(const Expr *E);
  std::optional<std::pair<int, bool>> tryCondition(const Expr *Cond);
  void emit(Event E);
  Event base(EventKind K, const CallCtx &C);
  int newTry(const Expr *Call, bool SuccessZero);

  TULowering::Impl &TU;
  const Profile &P;
  const FunctionDecl *FD;
  LocalFacts Locals;
  TermBuilder TB;
  /// Integer values relative to the entry parameters (set by lowerBody).
  std::unique_ptr<ValueTracker> Values;
  FunctionIR *Cur = nullptr;
  Block *CurBlock = nullptr;
  unsigned NumEvents = 0;

  llvm::DenseMap<const Expr *, Target> ResultTarget;
  llvm::DenseMap<const void *, int> Slots;
  llvm::DenseMap<const Expr *, int> TryOfExpr;
  llvm::DenseMap<const VarDecl *, int> TryOfVar;
  std::vector<bool> TrySuccessZero;
};

void FunctionLowering::emit(Event E) {
  if (!CurBlock) {
    Pending.push_back(std::move(E));
    return;
  }
  if (++NumEvents > TU.Limits.MaxEventsPerFunction) {
    Cur->Cut = LoweringCut::FunctionEvents;
    return;
  }
  if (TU.UnitEvents >= TU.Limits.MaxEventsPerUnit) {
    Cur->Cut = LoweringCut::UnitEvents;
    return;
  }
  ++TU.UnitEvents;
  CurBlock->Events.push_back(std::move(E));
}

Event FunctionLowering::base(EventKind K, const CallCtx &C) {
  Event E;
  E.Kind = K;
  E.At = TU.loc(C.At);
  if (C.Callee)
    E.Callee = TU.symbol(C.Callee);
  return E;
}

int FunctionLowering::newTry(const Expr *Call, bool SuccessZero) {
  int Id = TrySuccessZero.size();
  TrySuccessZero.push_back(SuccessZero);
  if (Call)
    TryOfExpr[Call] = Id;
  return Id;
}

int FunctionLowering::newSlot(const void *Key, std::string Name) {
  auto It = Slots.find(Key);
  if (It != Slots.end())
    return It->second;
  int Id = Cur ? Cur->Slots.size() : Slots.size();
  if (Cur)
    Cur->Slots.push_back(std::move(Name));
  Slots[Key] = Id;
  return Id;
}

int FunctionLowering::slotOfVar(const VarDecl *V) {
  return newSlot(V, V->getNameAsString());
}

int FunctionLowering::slotFor(const Target &T) {
  switch (T.K) {
  case Target::Var:
    return slotOfVar(T.V);
  case Target::Temp:
    return newSlot(T.E, "temporary");
  default:
    return -1;
  }
}

int FunctionLowering::slotOfExpr(const Expr *E) {
  E = TB.peel(E);
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E))
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return slotOfVar(V);
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return newSlot(ME->getMemberDecl(), ME->getMemberDecl()->getNameAsString());
  return -1;
}

Term FunctionLowering::varTerm(const VarDecl *V) { return TB.varTerm(V); }

Term FunctionLowering::targetTerm(const Target &T) {
  switch (T.K) {
  case Target::Var: {
    // A local whose value is stored elsewhere (`x->task = __k` after
    // `__k = kthread_run(...)`) is named by where it ends up.
    auto D = Locals.Destination.find(T.V);
    if (D != Locals.Destination.end())
      return TB.termOf(D->second);
    return varTerm(T.V);
  }
  case Target::Lhs:
    return TB.termOf(T.E);
  case Target::Field: {
    Term This;
    This.Root = Term::ThisRoot;
    This.Instance = "$this";
    if (const auto *MD = dyn_cast<CXXMethodDecl>(FD))
      This.Class = recordName(MD->getParent());
    return TB.fieldTerm(T.F, This);
  }
  default: {
    Term U;
    U.Instance = T.K == Target::Return ? "return" : "temporary";
    return U;
  }
  }
}

Term FunctionLowering::resultTerm(const CallCtx &C) {
  auto It = ResultTarget.find(C.Call);
  if (It == ResultTarget.end()) {
    Term U;
    U.Instance = "?";
    return U;
  }
  return targetTerm(It->second);
}

Term FunctionLowering::operand(const ArgRef &A, const CallCtx &C) {
  Term T;
  switch (A.K) {
  case ArgRef::Arg:
    if (A.Index >= 0 && unsigned(A.Index) < C.Args.size())
      T = TB.termOf(C.Args[A.Index]);
    else
      T.Instance = "?";
    break;
  case ArgRef::This:
    T = C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr);
    break;
  case ArgRef::Ret:
    T = resultTerm(C);
    break;
  case ArgRef::Fixed:
    T.Class = A.FixedClass;
    T.Instance = A.FixedClass;
    return T;
  default:
    T.Instance = "?";
    return T;
  }
  return T;
}

Domain FunctionLowering::domain(const DomainTemplate &D, const CallCtx &C) {
  Domain R;
  if (!D.Literal.empty()) {
    R.Literal = D.Literal;
    return R;
  }
  R.Prefix = D.Prefix;
  R.Object = operand(D.Object, C);
  R.Suffix = D.Object.Suffix;
  return R;
}

bool FunctionLowering::argTypesMatch(
    const std::vector<std::pair<int, std::string>> &Types,
    const FunctionDecl *Callee, bool IsCtor) {
  for (auto &[Idx, Name] : Types) {
    if (Idx < 0 || unsigned(Idx) >= Callee->getNumParams())
      return false;
    if (typeRecordName(Callee->getParamDecl(Idx)->getType()) != Name)
      return false;
  }
  return true;
}

bool FunctionLowering::isOwnerObject(const Expr *E) {
  QualType T = E->getType().getNonReferenceType();
  if (const RecordDecl *RD = T->getAsRecordDecl())
    return P.isOwnerType(recordName(RD)) || RD->hasAttr<ScopedLockableAttr>();
  return false;
}

const FunctionDecl *FunctionLowering::callable(const Expr *E, unsigned Depth) {
  if (!E || Depth > 6)
    return nullptr;
  E = valueOf(coreOf(E));
  if (!E)
    return nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(E))
    if (U->getOpcode() == UO_AddrOf)
      E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *LE = dyn_cast<LambdaExpr>(E))
    return LE->getCallOperator();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return F;
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      if (V->hasInit() && !isa<ParmVarDecl>(V))
        return callable(V->getInit(), Depth + 1);
  }
  if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
    // A copy of a lambda, or a std::thread built from a callable.
    if (const CXXRecordDecl *RD = CC->getConstructor()->getParent();
        RD->isLambda() && CC->getNumArgs() == 1)
      return callable(CC->getArg(0), Depth + 1);
    if (const ThreadModel *TM =
            P.threadModel(TU.Names.model(CC->getConstructor())))
      if (TM->Callable.K == ArgRef::Arg &&
          unsigned(TM->Callable.Index) < CC->getNumArgs())
        return callable(CC->getArg(TM->Callable.Index), Depth + 1);
  }
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Pre-pass: value targets, stable locals, destinations.
//===----------------------------------------------------------------------===//

void FunctionLowering::prepass() {
  struct Visitor : RecursiveASTVisitor<Visitor> {
    FunctionLowering &L;
    llvm::DenseSet<const VarDecl *> MultiDest;
    explicit Visitor(FunctionLowering &L) : L(L) {}
    bool shouldVisitLambdaBody() const { return false; }

    void target(const Expr *Value, Target T) {
      if (!Value)
        return;
      const Expr *Core = coreOf(Value);
      if (const auto *SE = dyn_cast<StmtExpr>(Core->IgnoreParens())) {
        // `dest = ({ ...; __k; })`: the statement expression's value.
        const CompoundStmt *CS = SE->getSubStmt();
        if (!CS->body_empty())
          if (const auto *Last = dyn_cast<Expr>(CS->body_back()))
            Core = coreOf(Last);
      }
      // Variables override temporaries: `auto g = make_guard();`.
      auto It = L.ResultTarget.find(Core);
      if (It == L.ResultTarget.end() || It->second.K == Target::Temp)
        L.ResultTarget[Core] = T;
      // Record where a local's value is copied to.
      if (T.K == Target::Lhs || T.K == Target::Var)
        if (const auto *DRE = dyn_cast<DeclRefExpr>(Core->IgnoreParenCasts()))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
            if (!V->hasGlobalStorage() && !isa<ParmVarDecl>(V)) {
              const Expr *Dest = T.K == Target::Lhs ? T.E : nullptr;
              if (!Dest)
                return;
              if (L.Locals.Destination.count(V))
                MultiDest.insert(V);
              L.Locals.Destination[V] = Dest;
            }
    }

    bool VisitVarDecl(VarDecl *V) {
      if (V->hasInit() && !isa<ParmVarDecl>(V) && !V->hasGlobalStorage()) {
        L.Locals.Origin[V] = V->getInit();
        Target T;
        T.K = Target::Var;
        T.V = V;
        target(V->getInit(), T);
      }
      return true;
    }
    bool VisitBinaryOperator(BinaryOperator *BO) {
      if (BO->isAssignmentOp()) {
        unstable(BO->getLHS());
        if (BO->getOpcode() == BO_Assign) {
          Target T;
          T.K = Target::Lhs;
          T.E = BO->getLHS();
          target(BO->getRHS(), T);
        }
      }
      return true;
    }
    bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *OC) {
      if (OC->getOperator() == OO_Equal && OC->getNumArgs() == 2) {
        unstable(OC->getArg(0));
        Target T;
        T.K = Target::Lhs;
        T.E = OC->getArg(0);
        target(OC->getArg(1), T);
      }
      return true;
    }
    bool VisitUnaryOperator(UnaryOperator *U) {
      if (U->isIncrementDecrementOp())
        unstable(U->getSubExpr());
      if (U->getOpcode() == UO_AddrOf) {
        // Taking a pointer local's address lets a callee change it.
        if (const auto *DRE =
                dyn_cast<DeclRefExpr>(U->getSubExpr()->IgnoreParenCasts()))
          if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
            if (V->getType()->isPointerType())
              L.Locals.Unstable.insert(V);
      }
      return true;
    }
    bool VisitCXXBindTemporaryExpr(CXXBindTemporaryExpr *BT) {
      Target T;
      T.K = Target::Temp;
      T.E = BT;
      const Expr *Core = coreOf(BT->getSubExpr());
      if (!L.ResultTarget.count(Core))
        L.ResultTarget[Core] = T;
      return true;
    }
    bool VisitCXXForRangeStmt(CXXForRangeStmt *FR) {
      if (const VarDecl *Loop = FR->getLoopVariable())
        L.Locals.ElementOf[Loop] = FR->getRangeInit();
      return true;
    }
    bool VisitReturnStmt(ReturnStmt *RS) {
      Target T;
      T.K = Target::Return;
      if (RS->getRetValue())
        target(RS->getRetValue(), T);
      return true;
    }
    void unstable(const Expr *LHS) {
      if (const auto *DRE = dyn_cast<DeclRefExpr>(LHS->IgnoreParenCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
          L.Locals.Unstable.insert(V);
    }
  } V(*this);
  if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD))
    for (const CXXCtorInitializer *Init : CD->inits())
      if (Init->isMemberInitializer() && Init->getInit()) {
        Target T;
        T.K = Target::Field;
        T.F = Init->getMember();
        V.target(Init->getInit(), T);
      }
  V.TraverseStmt(FD->getBody());
  for (const VarDecl *M : V.MultiDest)
    Locals.Destination.erase(M);
}

//===----------------------------------------------------------------------===//
// Call classification.
//===----------------------------------------------------------------------===//

bool FunctionLowering::lockModel(CallCtx &C, const std::string &Name) {
  auto Models = P.lockModels(Name);
  if (Models.empty())
    return false;
  bool IsCtor = isa<CXXConstructorDecl>(C.Callee);
  const LockModel *Best = nullptr;
  size_t BestScore = 0;
  for (const LockModel *M : Models) {
    if (!argTypesMatch(M->ArgTypes, C.Callee, IsCtor))
      continue;
    if (!Best || M->ArgTypes.size() >= BestScore) {
      Best = M;
      BestScore = M->ArgTypes.size();
    }
  }
  if (!Best)
    return false;
  const LockModel &M = *Best;

  // Operands of the lock op: the lock(s) named by the model.
  llvm::SmallVector<std::pair<Term, const Expr *>, 2> Ops;
  if (M.Lock.K == ArgRef::AllArgs) {
    for (const Expr *A : C.Args) {
      QualType T = A->getType().getNonReferenceType();
      if (const auto *RD = T->getAsCXXRecordDecl())
        if (RD->isEmpty()) // a tag such as std::adopt_lock_t
          continue;
      Ops.push_back({TB.termOf(A), A});
    }
  } else if (M.Lock.K != ArgRef::None) {
    Term T = operand(M.Lock, C);
    if (!M.Lock.Suffix.empty() && M.Lock.K != ArgRef::Fixed) {
      if (!T.Class.empty())
        T.Class += M.Lock.Suffix;
      if (T.Root != Term::NoRoot)
        T.Path += M.Lock.Suffix;
      T.Instance += M.Lock.Suffix;
    }
    const Expr *E =
        M.Lock.K == ArgRef::Arg && unsigned(M.Lock.Index) < C.Args.size()
            ? C.Args[M.Lock.Index]
            : (M.Lock.K == ArgRef::This ? C.ThisExpr : nullptr);
    Ops.push_back({T, E});
  }

  auto Fill = [&](Event &E, const Term &L, const Expr *Operand) {
    E.Lock = L;
    E.LKind = M.Kind;
    E.Mode = M.Mode;
    // A guard over a recursive mutex is as recursive as the mutex.
    E.Recursive =
        M.Recursive ||
        (Operand && P.isRecursiveType(typeRecordName(Operand->getType())));
    E.AssumeSuccess = M.AssumeSuccess;
    E.Sleeps = M.Blocks;
  };
  int ObjSlot = -1;
  switch (M.Op) {
  case LockOp::ScopedAcquire:
  case LockOp::ScopedTry:
  case LockOp::ScopedDefer:
  case LockOp::ScopedAdopt:
  case LockOp::Transfer: {
    auto It = ResultTarget.find(C.Call);
    ObjSlot = It != ResultTarget.end() ? slotFor(It->second) : -1;
    if (ObjSlot < 0)
      ObjSlot = newSlot(C.Call, "temporary");
    break;
  }
  case LockOp::OwnedAcquire:
  case LockOp::OwnedTry:
  case LockOp::OwnedRelease:
  case LockOp::Disown:
  case LockOp::OwnsQuery:
    ObjSlot = C.ThisExpr ? slotOfExpr(C.ThisExpr) : -1;
    if (ObjSlot < 0)
      return true; // an owner we cannot name: nothing to track
    break;
  default:
    break;
  }

  switch (M.Op) {
  case LockOp::Acquire:
  case LockOp::TryAcquire:
  case LockOp::Release:
    for (auto &[L, Ex] : Ops) {
      bool Owned = Ex && isOwnerObject(Ex);
      int Slot = Owned ? slotOfExpr(Ex) : -1;
      Event E = base(EventKind::Acquire, C);
      Fill(E, L, Ex);
      if (M.Op == LockOp::Release) {
        E.Kind = Slot >= 0 ? EventKind::OwnedRelease : EventKind::Release;
      } else if (M.Op == LockOp::TryAcquire) {
        E.Kind = Slot >= 0 ? EventKind::OwnedTry : EventKind::TryAcquire;
        E.TryId = newTry(C.Call, M.SuccessZero);
      } else {
        E.Kind = Slot >= 0 ? EventKind::OwnedAcquire : EventKind::Acquire;
      }
      E.Owner = Slot;
      emit(std::move(E));
    }
    return true;
  case LockOp::ScopedAcquire:
  case LockOp::ScopedTry:
  case LockOp::ScopedDefer:
  case LockOp::ScopedAdopt: {
    int TryId = M.Op == LockOp::ScopedTry ? newTry(C.Call, M.SuccessZero) : -1;
    for (auto &[L, Ex] : Ops) {
      Event E = base(EventKind::Acquire, C);
      Fill(E, L, Ex);
      E.Owner = ObjSlot;
      E.Kind = M.Op == LockOp::ScopedAcquire ? EventKind::Acquire
               : M.Op == LockOp::ScopedTry   ? EventKind::TryAcquire
               : M.Op == LockOp::ScopedDefer ? EventKind::Defer
                                             : EventKind::Adopt;
      E.TryId = TryId;
      emit(std::move(E));
    }
    if (TryId >= 0) {
      // `if (lk)` later asks the owner, not the constructor call.
      auto It = ResultTarget.find(C.Call);
      if (It != ResultTarget.end() && It->second.K == Target::Var)
        TryOfVar[It->second.V] = TryId;
    }
    return true;
  }
  case LockOp::Transfer: {
    Event E = base(EventKind::Transfer, C);
    E.Owner = ObjSlot;
    E.Source = C.Args.empty() ? -1 : slotOfExpr(C.Args[0]);
    if (E.Source >= 0)
      emit(std::move(E));
    return true;
  }
  case LockOp::OwnedAcquire:
  case LockOp::OwnedTry:
  case LockOp::OwnedRelease:
  case LockOp::Disown:
  case LockOp::OwnsQuery: {
    Event E = base(EventKind::OwnedAcquire, C);
    E.Owner = ObjSlot;
    E.LKind = M.Kind;
    switch (M.Op) {
    case LockOp::OwnedTry:
      E.Kind = EventKind::OwnedTry;
      E.TryId = newTry(C.Call, M.SuccessZero);
      break;
    case LockOp::OwnedRelease:
      E.Kind = EventKind::OwnedRelease;
      break;
    case LockOp::Disown:
      E.Kind = EventKind::Disown;
      break;
    case LockOp::OwnsQuery:
      E.Kind = EventKind::OwnsQuery;
      E.TryId = newTry(C.Call, false);
      break;
    default:
      break;
    }
    emit(std::move(E));
    return true;
  }
  }
  return true;
}

/// Clang thread-safety attributes: acquire_capability, release_capability,
/// try_acquire_capability, on functions and on scoped_lockable classes.
bool FunctionLowering::tsaAttrs(CallCtx &C) {
  const FunctionDecl *Callee = C.Callee;
  const auto *Acq = Callee->getAttr<AcquireCapabilityAttr>();
  const auto *Rel = Callee->getAttr<ReleaseCapabilityAttr>();
  const auto *Try = Callee->getAttr<TryAcquireCapabilityAttr>();
  // The older spellings exclusive_/shared_trylock_function(success, ...).
  const auto *TryX = Callee->getAttr<ExclusiveTrylockFunctionAttr>();
  const auto *TryS = Callee->getAttr<SharedTrylockFunctionAttr>();
  if (!Acq && !Rel && !Try && !TryX && !TryS)
    return false;
  const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
  bool Scoped = MD && MD->getParent()->hasAttr<ScopedLockableAttr>();
  LockKind Kind = capabilityKind(Callee);

  // Attribute arguments are written in the callee's terms; map them to the
  // call's operands.
  std::function<Term(const Expr *)> Map = [&](const Expr *A) -> Term {
    A = A->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(A))
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
        return Map(U->getSubExpr());
    if (const auto *DRE = dyn_cast<DeclRefExpr>(A)) {
      if (const auto *PV = dyn_cast<ParmVarDecl>(DRE->getDecl())) {
        unsigned I = PV->getFunctionScopeIndex();
        if (I < C.Args.size())
          return TB.termOf(C.Args[I]);
      }
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
        if (V->hasGlobalStorage())
          return TB.termOf(A);
    }
    if (isa<CXXThisExpr>(A))
      return C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr);
    if (const auto *ME = dyn_cast<MemberExpr>(A))
      if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
        if (isa<CXXThisExpr>(ME->getBase()->IgnoreParenCasts())) {
          Term Base = C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr);
          return TB.fieldTerm(F, Base);
        }
    Term U;
    U.Instance = "?";
    return U;
  };
  auto Operands = [&](auto Args) {
    std::vector<Term> Out;
    for (const Expr *A : Args)
      Out.push_back(Map(A));
    return Out;
  };

  int ObjSlot = -1;
  if (Scoped) {
    if (isa<CXXConstructorDecl>(Callee)) {
      auto It = ResultTarget.find(C.Call);
      ObjSlot = It != ResultTarget.end() ? slotFor(It->second) : -1;
      if (ObjSlot < 0)
        ObjSlot = newSlot(C.Call, "temporary");
    } else if (C.ThisExpr) {
      ObjSlot = slotOfExpr(C.ThisExpr);
    }
  }

  auto Emit = [&](EventKind K, const Term &L, bool Shared, int Owner,
                  int TryId) {
    Event E = base(K, C);
    E.Lock = L;
    E.LKind = Kind;
    E.Mode = Shared ? LockMode::Shared : LockMode::Exclusive;
    E.Owner = Owner;
    E.TryId = TryId;
    emit(std::move(E));
  };

  if (Acq) {
    std::vector<Term> Ops = Operands(Acq->args());
    if (Scoped && isa<CXXConstructorDecl>(Callee)) {
      for (const Term &L : Ops)
        Emit(EventKind::Acquire, L, Acq->isShared(), ObjSlot, -1);
    } else if (Scoped && Ops.empty()) {
      Emit(EventKind::OwnedAcquire, Term(), Acq->isShared(), ObjSlot, -1);
    } else {
      if (Ops.empty())
        Ops.push_back(C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr));
      for (const Term &L : Ops)
        Emit(EventKind::Acquire, L, Acq->isShared(), -1, -1);
    }
  }
  if (Try) {
    bool SuccessZero = false;
    if (const Expr *SV = Try->getSuccessValue()) {
      Expr::EvalResult R;
      if (SV->EvaluateAsRValue(R, TU.Ctx) && R.Val.isInt())
        SuccessZero = R.Val.getInt().isZero();
    }
    int TryId = newTry(C.Call, SuccessZero);
    std::vector<Term> Ops = Operands(Try->args());
    if (Ops.empty())
      Ops.push_back(C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr));
    for (const Term &L : Ops)
      Emit(EventKind::TryAcquire, L, Try->isShared(), -1, TryId);
  }
  auto LegacyTry = [&](const Expr *Success, auto Args, bool Shared) {
    bool SuccessZero = false;
    Expr::EvalResult R;
    if (Success && Success->EvaluateAsRValue(R, TU.Ctx) && R.Val.isInt())
      SuccessZero = R.Val.getInt().isZero();
    int TryId = newTry(C.Call, SuccessZero);
    std::vector<Term> Ops = Operands(Args);
    if (Ops.empty())
      Ops.push_back(C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr));
    for (const Term &L : Ops)
      Emit(EventKind::TryAcquire, L, Shared, -1, TryId);
  };
  if (TryX)
    LegacyTry(TryX->getSuccessValue(), TryX->args(), false);
  if (TryS)
    LegacyTry(TryS->getSuccessValue(), TryS->args(), true);
  if (Rel) {
    std::vector<Term> Ops = Operands(Rel->args());
    if (Scoped && (Ops.empty() || isa<CXXDestructorDecl>(Callee))) {
      Emit(EventKind::OwnedRelease, Term(), false, ObjSlot, -1);
    } else {
      if (Ops.empty())
        Ops.push_back(C.HasThisTerm ? C.ThisTerm : TB.termOf(C.ThisExpr));
      for (const Term &L : Ops)
        Emit(EventKind::Release, L, false, -1, -1);
    }
  }
  return true;
}

/// HOLDWAIT_WAITS_FOR / HOLDWAIT_SIGNALS / HOLDWAIT_MAY_SLEEP on the callee.
void FunctionLowering::sourceAnnotations(CallCtx &C) {
  for (const SourceAnnotation &A : annotationsOf(C.Callee)) {
    Loc Where = TU.loc(A.Loc);
    std::string Ref = Where.valid() ? TU.Out.Files[Where.File] + ":" +
                                          std::to_string(Where.Line)
                                    : std::string();
    auto DomainOf = [&](const std::string &S) {
      std::string Err;
      if (auto T = DomainTemplate::parse(S, Err))
        return domain(*T, C);
      Domain D;
      D.Literal = S;
      return D;
    };
    if ((A.Tag == "holdwait.waits_for" && A.Args.size() == 1) ||
        (A.Tag == "holdwait.waits" && A.Args.size() == 2)) {
      Event E = base(EventKind::Wait, C);
      E.WKind = WaitKind::WorkerWait;
      if (A.Args.size() == 2)
        if (auto K = parseWaitKind(A.Args[0]))
          E.WKind = *K;
      E.Dom = DomainOf(A.Args.back());
      E.Sleeps = E.WKind != WaitKind::Wakeup;
      E.Why = "annotated wait";
      E.WhyRef = Ref;
      emit(std::move(E));
    } else if (A.Tag == "holdwait.signals" && A.Args.size() == 1) {
      Event E = base(EventKind::Signal, C);
      E.Dom = DomainOf(A.Args[0]);
      E.WhyRef = Ref;
      emit(std::move(E));
    } else if (A.Tag == "holdwait.may_sleep") {
      Event E = base(EventKind::Wait, C);
      E.WKind = WaitKind::Sleep;
      E.Sleeps = true;
      E.Why = "annotated as sleeping";
      E.WhyRef = Ref;
      emit(std::move(E));
    }
  }
}

/// Wait, signal, thread and relation models. Returns true if any matched.
bool FunctionLowering::otherModels(CallCtx &C, const std::string &Name) {
  bool Matched = false;
  bool IsCtor = isa<CXXConstructorDecl>(C.Callee);
  // Later profiles override earlier ones: take the last model that fits.
  auto Blocking = P.blockingModels(Name);
  for (auto It = Blocking.rbegin(); It != Blocking.rend(); ++It) {
    const BlockingModel *B = *It;
    if (!argTypesMatch(B->ArgTypes, C.Callee, IsCtor))
      continue;
    Event E = base(EventKind::Wait, C);
    E.WKind = B->Kind;
    E.Dom = domain(B->Domain, C);
    E.Sleeps = B->Sleeps;
    E.Implicit = B->Implicit;
    E.WhyRef = B->Where.str();
    if (B->Releases.K == ArgRef::Arg &&
        unsigned(B->Releases.Index) < C.Args.size()) {
      const Expr *A = C.Args[B->Releases.Index];
      if (isOwnerObject(A))
        E.ReleasedOwner = slotOfExpr(A);
      else
        E.Released = TB.termOf(A);
    }
    emit(std::move(E));
    Matched = true;
    break;
  }
  if (const SignalModel *S = P.signalModel(Name)) {
    Event E = base(EventKind::Signal, C);
    E.Dom = domain(S->Domain, C);
    E.WhyRef = S->Where.str();
    emit(std::move(E));
    Matched = true;
  }
  if (const ThreadModel *T = P.threadModel(Name)) {
    Matched = true;
    bool ElementOk = T->ElementTypes.empty();
    if (!ElementOk && C.ThisExpr) {
      QualType Ty = C.ThisExpr->getType().getNonReferenceType();
      if (const auto *PT = Ty->getAs<PointerType>())
        Ty = PT->getPointeeType();
      if (const auto *Spec = dyn_cast_or_null<ClassTemplateSpecializationDecl>(
              Ty->getAsRecordDecl()))
        if (Spec->getTemplateArgs().size() > 0 &&
            Spec->getTemplateArgs()[0].getKind() == TemplateArgument::Type)
          ElementOk = llvm::is_contained(
              T->ElementTypes,
              typeRecordName(Spec->getTemplateArgs()[0].getAsType()));
    }
    const FunctionDecl *Body = nullptr;
    if (ElementOk) {
      if (T->Callable.K == ArgRef::Arg) {
        if (unsigned(T->Callable.Index) < C.Args.size())
          Body = callable(C.Args[T->Callable.Index]);
      } else {
        for (const Expr *A : C.Args)
          if ((Body = callable(A)))
            break;
      }
    }
    if (Body) {
      Event E = base(EventKind::Bind, C);
      E.Dom = domain(T->Domain, C);
      E.Callee = TU.symbol(Body);
      E.WhyRef = T->Where.str();
      TU.enqueue(Body);
      emit(std::move(E));
    }
  }
  if (const RelationModel *R = P.relationModel(Name)) {
    Event E = base(EventKind::Relate, C);
    E.Dom = domain(R->Domain, C);
    E.Member = domain(R->Member, C);
    E.WhyRef = R->Where.str();
    emit(std::move(E));
    Matched = true;
  }
  return Matched;
}

void FunctionLowering::argBits(Event &E, const CallCtx &C) {
  // What the callee's guards on its integer parameters are tested against
  // (GFP flags, an `atomic` flag); left empty when nothing is known.
  bool Any = false;
  for (const Expr *A : C.Args) {
    ArgBits B = Values ? Values->argBits(A) : ArgBits::top();
    Any |= B.Known;
    E.ArgVals.push_back(B);
  }
  if (!Any)
    E.ArgVals.clear();
  if (Values)
    E.ArgAlts = Values->argAlternatives(C.Args);
}

void FunctionLowering::genericCall(CallCtx &C) {
  const FunctionDecl *Callee = C.Callee;
  if (TU.inSystemHeader(Callee))
    return; // library code with no model: not lowered, nothing to apply
  Event E = base(EventKind::Call, C);
  llvm::SmallVector<const FunctionDecl *, 4> Targets{Callee};
  if (const auto *MD = dyn_cast<CXXMethodDecl>(Callee);
      MD && MD->isVirtual() && C.ThisExpr) {
    // Dispatched unless the call names its class (`Base::f()`). Overriders
    // seen here are added now; Program::link adds those of other units.
    bool Qualified = false;
    if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(C.Call))
      if (const auto *ME = dyn_cast<MemberExpr>(MCE->getCallee()))
        Qualified = ME->hasQualifier();
    if (!Qualified) {
      E.Virtual = true;
      for (const CXXMethodDecl *O : TU.overridersOf(MD))
        Targets.push_back(O);
    }
  }
  for (const FunctionDecl *T : Targets) {
    // A pure virtual has no body; keep it only when nothing else is known,
    // so the call stays a call (its overriders may come from other units).
    if (T->isPureVirtual() && !T->hasBody() && Targets.size() > 1)
      continue;
    E.Targets.push_back(TU.symbol(T));
    TU.enqueue(T);
  }
  for (const Expr *A : C.Args) {
    QualType T = A->getType();
    if (T->isPointerType() || T->isReferenceType() || T->isRecordType() ||
        A->isGLValue())
      E.Args.push_back(TB.termOf(A));
    else
      E.Args.push_back(Term());
  }
  argBits(E, C);
  if (C.HasThisTerm)
    E.ThisArg = C.ThisTerm;
  else if (C.ThisExpr)
    E.ThisArg = TB.termOf(C.ThisExpr);
  // Whatever initializes a variable or temporary owns the locks the callee
  // returns holding: a C++ guard returned by value, or the kernel's guard()
  // whose constructor returns the mutex pointer itself.
  auto It = ResultTarget.find(C.Call);
  if (It != ResultTarget.end())
    E.ResultOwner = slotFor(It->second);
  emit(std::move(E));
}

std::string FunctionLowering::pointerSlot(const Expr *E, unsigned Depth) {
  if (!E || Depth > 4)
    return "";
  E = valueOf(E);
  if (!E)
    return "";
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && (U->getOpcode() == UO_Deref || U->getOpcode() == UO_AddrOf))
    E = U->getSubExpr()->IgnoreParenCasts();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    if (const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      return recordName(F->getParent()) + "." + F->getName().str();
  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *F = dyn_cast<FunctionDecl>(DRE->getDecl()))
      return "fn:" + TU.Out.Symbols[TU.symbol(F)].USR;
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
      if (V->hasGlobalStorage() && !V->isStaticLocal())
        return "var:" + usrOf(V);
      // A local copy of a slot (`fn = ops->cb; fn();`, the __F of
      // static_call_update()).
      if (V->getInit())
        return pointerSlot(V->getInit(), Depth + 1);
    }
  }
  return "";
}

void FunctionLowering::callbackStore(const CallCtx &C, const CallbackModel &M) {
  auto Arg = [&](const ArgRef &R) -> const Expr * {
    return R.Index >= 0 && size_t(R.Index) < C.Args.size() ? C.Args[R.Index]
                                                           : nullptr;
  };
  std::string Slot = pointerSlot(Arg(M.Slot));
  const Expr *Value = Arg(M.Value);
  if (Slot.empty() || !Value)
    return;
  if (const FunctionDecl *Fn = callable(Value)) {
    Event E;
    E.Kind = EventKind::Bind;
    E.At = TU.loc(C.At);
    E.Callee = TU.symbol(Fn);
    E.Field = Slot;
    TU.enqueue(Fn);
    emit(std::move(E));
    return;
  }
  std::string Src = pointerSlot(Value);
  if (!Src.empty() && Src != Slot)
    TU.Out.SlotCopies.push_back({TU.loc(C.At), Slot, Src});
}

void FunctionLowering::dispatch(CallCtx &C) {
  const std::string &Name = TU.Names.model(C.Callee);
  if (lockModel(C, Name) || tsaAttrs(C))
    return;
  if (const CallbackModel *M = P.callbackModel(Name)) {
    callbackStore(C, *M);
    return;
  }
  // Safe in any context by contract (printk): nothing here waits, takes or
  // wakes, whatever the body might look like to a path-insensitive summary.
  if (P.contextSafeModel(Name))
    return;
  bool Modeled = otherModels(C, Name);
  sourceAnnotations(C);
  if (!Modeled && !P.isModeled(Name))
    genericCall(C);
}

//===----------------------------------------------------------------------===//
// CFG elements.
//===----------------------------------------------------------------------===//

void FunctionLowering::call(const CallExpr *CE) {
  CallCtx C;
  C.Call = CE;
  C.At = CE->getExprLoc();
  const FunctionDecl *Callee = CE->getDirectCallee();
  if (const auto *MCE = dyn_cast<CXXMemberCallExpr>(CE)) {
    Callee = MCE->getMethodDecl();
    C.ThisExpr = MCE->getImplicitObjectArgument();
    for (const Expr *A : MCE->arguments())
      C.Args.push_back(A);
  } else if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(CE);
             OC && isa_and_nonnull<CXXMethodDecl>(Callee) &&
             !cast<CXXMethodDecl>(Callee)->isStatic()) {
    C.ThisExpr = OC->getArg(0);
    for (unsigned I = 1; I < OC->getNumArgs(); ++I)
      C.Args.push_back(OC->getArg(I));
  } else {
    for (const Expr *A : CE->arguments())
      C.Args.push_back(A);
  }
  // A function reached through casts or a local copy is a direct call
  // (the kernel's static_call() casts its trampoline's address); a global
  // pointer that code may reassign is a slot, whatever it starts as.
  if (!Callee && !mutableGlobalPointer(CE->getCallee()))
    Callee = callable(CE->getCallee());
  if (!Callee) {
    // A call through a function pointer: kept with the slot it reads, for
    // the link step to resolve; unresolved, it is never mistaken for a call
    // that does nothing.
    if (isa<CXXPseudoDestructorExpr>(CE->getCallee()->IgnoreParens()))
      return;
    Event E;
    E.Kind = EventKind::Call;
    E.At = TU.loc(C.At);
    for (const Expr *A : C.Args)
      E.Args.push_back(A->getType()->isPointerType() ? TB.termOf(A) : Term());
    argBits(E, C);
    E.Field = pointerSlot(CE->getCallee());
    if (E.Field.empty())
      E.Field = "?" + TB.termOf(CE->getCallee()).display();
    emit(std::move(E));
    return;
  }
  if (Callee->getBuiltinID())
    return;
  C.Callee = Callee;
  dispatch(C);
}

void FunctionLowering::construct(const CXXConstructExpr *CCE) {
  const CXXConstructorDecl *Ctor = CCE->getConstructor();
  if (!Ctor || CCE->isElidable())
    return;
  if (Ctor->isTrivial() && !Ctor->getParent()->hasAttr<ScopedLockableAttr>())
    return;
  CallCtx C;
  C.Call = CCE;
  C.At = CCE->getBeginLoc();
  C.Callee = Ctor;
  for (const Expr *A : CCE->arguments())
    C.Args.push_back(A);
  C.ThisTerm = resultTerm(C);
  C.HasThisTerm = true;
  dispatch(C);
}

void FunctionLowering::destroy(const CXXDestructorDecl *Dtor, int Slot,
                               const Term &Obj, SourceLocation At) {
  if (!Dtor)
    return;
  CallCtx C;
  C.Callee = Dtor;
  C.At = At;
  C.ThisTerm = Obj;
  C.HasThisTerm = true;
  const std::string &Name = TU.Names.model(Dtor);
  // Lock owners (lock_guard, unique_lock, scoped_lockable classes) drop
  // what they own; std::jthread's destructor joins.
  for (const LockModel *M : P.lockModels(Name))
    if (M->Op == LockOp::OwnedRelease) {
      if (Slot < 0)
        return;
      Event E = base(EventKind::OwnedRelease, C);
      E.Owner = Slot;
      emit(std::move(E));
      return;
    }
  if (Dtor->getParent()->hasAttr<ScopedLockableAttr>() ||
      Dtor->hasAttr<ReleaseCapabilityAttr>()) {
    if (Slot >= 0) {
      Event E = base(EventKind::OwnedRelease, C);
      E.Owner = Slot;
      emit(std::move(E));
    }
    return;
  }
  if (otherModels(C, Name))
    return;
  if (Dtor->isTrivial() || TU.inSystemHeader(Dtor))
    return;
  Event E = base(EventKind::Call, C);
  E.Targets.push_back(TU.symbol(Dtor));
  E.ThisArg = Obj;
  E.Owner = Slot;
  E.ReleasesOwner = true;
  TU.enqueue(Dtor);
  emit(std::move(E));
}

void FunctionLowering::fieldStore(const FieldDecl *F, const Term &Object,
                                  const Expr *Value, SourceLocation At) {
  const FunctionDecl *Fn = callable(Value);
  if (!Fn)
    return;
  std::string Field = recordName(F->getParent()) + "." + F->getName().str();
  Event E;
  E.Kind = EventKind::Bind;
  E.At = TU.loc(At);
  E.Callee = TU.symbol(Fn);
  E.Field = Field;
  if (const FieldContextModel *M = P.fieldContext(Field)) {
    CallCtx C;
    C.ThisTerm = Object;
    C.HasThisTerm = true;
    DomainTemplate D = M->Domain;
    if (D.Object.K == ArgRef::Arg) // `$object`
      D.Object.K = ArgRef::This;
    E.Dom = domain(D, C);
    E.Held = M->Held;
    E.Why = M->Reason;
    E.WhyRef = M->Where.str();
  }
  TU.enqueue(Fn);
  emit(std::move(E));
}

const VarDecl *FunctionLowering::mutableGlobalPointer(const Expr *E) {
  E = valueOf(E);
  if (!E)
    return nullptr;
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_Deref)
    E = U->getSubExpr()->IgnoreParenCasts();
  const auto *DRE = dyn_cast<DeclRefExpr>(E);
  const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
  if (!V || !V->hasGlobalStorage() || V->isStaticLocal() ||
      V->getType().isConstQualified() || !V->getType()->isFunctionPointerType())
    return nullptr;
  return V;
}

void FunctionLowering::pointerStore(const VarDecl *V, const Expr *Value,
                                    SourceLocation At) {
  const FunctionDecl *Fn = callable(Value);
  if (!Fn)
    return;
  Event E;
  E.Kind = EventKind::Bind;
  E.At = TU.loc(At);
  E.Callee = TU.symbol(Fn);
  E.Field = "var:" + usrOf(V);
  TU.enqueue(Fn);
  emit(std::move(E));
}

void FunctionLowering::assign(const BinaryOperator *BO) {
  if (const VarDecl *V = mutableGlobalPointer(BO->getLHS())) {
    pointerStore(V, BO->getRHS(), BO->getExprLoc());
    return;
  }
  const auto *ME = dyn_cast<MemberExpr>(BO->getLHS()->IgnoreParenCasts());
  if (!ME)
    return;
  const auto *F = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!F || !F->getType()->isFunctionPointerType())
    return;
  fieldStore(F, TB.termOf(ME->getBase()), BO->getRHS(), BO->getExprLoc());
}

void FunctionLowering::lowerInitList(const InitListExpr *ILE,
                                     const Term &Object) {
  if (!ILE)
    return;
  if (!ILE->isSemanticForm() && ILE->getSemanticForm())
    ILE = ILE->getSemanticForm();
  const RecordDecl *RD = ILE->getType()->getAsRecordDecl();
  if (!RD)
    return;
  for (const FieldDecl *F : RD->fields()) {
    unsigned Idx = F->getFieldIndex();
    if (Idx >= ILE->getNumInits())
      break;
    const Expr *Init = ILE->getInit(Idx);
    if (!Init)
      continue;
    if (F->getType()->isFunctionPointerType())
      fieldStore(F, Object, Init, Init->getExprLoc());
    else if (const auto *Sub = dyn_cast<InitListExpr>(Init->IgnoreParens()))
      lowerInitList(Sub, TB.fieldTerm(F, Object));
  }
}

void FunctionLowering::stmt(const Stmt *S) {
  if (const auto *CE = dyn_cast<CallExpr>(S))
    return call(CE);
  if (const auto *CCE = dyn_cast<CXXConstructExpr>(S))
    return construct(CCE);
  if (const auto *BO = dyn_cast<BinaryOperator>(S)) {
    if (BO->getOpcode() == BO_Assign) {
      assign(BO);
      // `ret = mutex_trylock(...)`: later tests of ret test the trylock.
      if (const auto *DRE =
              dyn_cast<DeclRefExpr>(BO->getLHS()->IgnoreParenCasts()))
        if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
          auto It = TryOfExpr.find(coreOf(BO->getRHS())->IgnoreParenCasts());
          if (It != TryOfExpr.end())
            TryOfVar[V] = It->second;
          else
            TryOfVar.erase(V);
        }
    }
    return;
  }
  if (const auto *DS = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : DS->decls())
      if (const auto *V = dyn_cast<VarDecl>(D))
        if (V->hasInit()) {
          auto It = TryOfExpr.find(coreOf(V->getInit())->IgnoreParenCasts());
          if (It != TryOfExpr.end())
            TryOfVar[V] = It->second;
          if (const auto *ILE =
                  dyn_cast<InitListExpr>(V->getInit()->IgnoreParens()))
            lowerInitList(ILE, varTerm(V));
        }
  }
}

void FunctionLowering::element(const CFGElement &E) {
  if (auto S = E.getAs<CFGStmt>())
    return stmt(S->getStmt());
  if (auto D = E.getAs<CFGAutomaticObjDtor>()) {
    const VarDecl *V = D->getVarDecl();
    QualType T = V->getType().getNonReferenceType();
    if (const CXXRecordDecl *RD = T->getAsCXXRecordDecl())
      destroy(RD->getDestructor(), slotOfVar(V), varTerm(V),
              D->getTriggerStmt() ? D->getTriggerStmt()->getEndLoc()
                                  : V->getLocation());
    return;
  }
  if (auto D = E.getAs<CFGTemporaryDtor>()) {
    const CXXBindTemporaryExpr *BT = D->getBindTemporaryExpr();
    Term U;
    U.Instance = "temporary";
    auto It = Slots.find(BT);
    int Slot = It != Slots.end() ? It->second : -1;
    if (Slot < 0) {
      // The temporary may have been created by a call or construction
      // whose owner slot was keyed by that expression.
      auto It2 = Slots.find(coreOf(BT->getSubExpr()));
      Slot = It2 != Slots.end() ? It2->second : -1;
    }
    destroy(BT->getTemporary()->getDestructor(), Slot, U, BT->getEndLoc());
    return;
  }
  if (auto D = E.getAs<CFGCleanupFunction>()) {
    const VarDecl *V = D->getVarDecl();
    const FunctionDecl *Fn = D->getFunctionDecl();
    if (!Fn)
      return;
    CallCtx C;
    C.Callee = Fn;
    C.At = V->getLocation();
    Event Ev = base(EventKind::Call, C);
    Ev.Targets.push_back(TU.symbol(Fn));
    Ev.Args.push_back(varTerm(V));
    Ev.Owner = slotOfVar(V);
    Ev.ReleasesOwner = true;
    TU.enqueue(Fn);
    emit(std::move(Ev));
    return;
  }
}

std::optional<std::pair<int, bool>>
FunctionLowering::tryCondition(const Expr *Cond) {
  bool Positive = true;
  for (unsigned I = 0; Cond && I < 16; ++I) {
    Cond = coreOf(Cond)->IgnoreParenCasts();
    if (const auto *U = dyn_cast<UnaryOperator>(Cond)) {
      if (U->getOpcode() != UO_LNot)
        return std::nullopt;
      Positive = !Positive;
      Cond = U->getSubExpr();
      continue;
    }
    if (const auto *BO = dyn_cast<BinaryOperator>(Cond)) {
      switch (BO->getOpcode()) {
      case BO_LAnd:
      case BO_LOr:
        // The left side was tested in an earlier block.
        Cond = BO->getRHS();
        continue;
      case BO_Assign:
        Cond = BO->getRHS();
        continue;
      case BO_EQ:
      case BO_NE:
      case BO_LT:
      case BO_GT:
      case BO_LE:
      case BO_GE: {
        const Expr *L = BO->getLHS(), *R = BO->getRHS();
        auto IsZero = [&](const Expr *E) {
          Expr::EvalResult Res;
          return !E->isValueDependent() && E->EvaluateAsInt(Res, TU.Ctx) &&
                 Res.Val.getInt().isZero();
        };
        BinaryOperatorKind Op = BO->getOpcode();
        if (IsZero(R)) {
          Cond = L;
        } else if (IsZero(L)) {
          Cond = R;
          // `0 < x` is `x > 0`.
          Op = BinaryOperator::reverseComparisonOp(Op);
        } else {
          return std::nullopt;
        }
        // Results are 0 or nonzero (1, or a negative errno): `x < 0` and
        // `x > 0` test "nonzero" as `x != 0` does; `x >= 0` and `x <= 0`
        // test "zero".
        if (Op == BO_EQ || Op == BO_GE || Op == BO_LE)
          Positive = !Positive;
        continue;
      }
      default:
        return std::nullopt;
      }
    }
    if (const auto *DRE = dyn_cast<DeclRefExpr>(Cond)) {
      if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl())) {
        auto It = TryOfVar.find(V);
        if (It != TryOfVar.end())
          return std::make_pair(It->second, Positive);
      }
      return std::nullopt;
    }
    auto It = TryOfExpr.find(Cond);
    if (It != TryOfExpr.end())
      return std::make_pair(It->second, Positive);
    return std::nullopt;
  }
  return std::nullopt;
}

void FunctionLowering::lowerModel(FunctionIR &IR) {
  // Only waits and context-safe functions: a lock or signal model's body
  // also says what its callers hold afterwards, which the model alone
  // describes only at the call.
  const std::string &Name = TU.Names.model(FD);
  bool Safe = P.contextSafeModel(Name) != nullptr;
  if (!Safe && P.blockingModels(Name).empty())
    return;
  IR.HasModel = true;
  if (Safe)
    return;
  // The model's operands are the function's own parameters.
  Block Tmp;
  Cur = &IR;
  CallCtx C;
  C.Callee = FD;
  C.At = FD->getLocation();
  for (const ParmVarDecl *Param : FD->parameters())
    C.Args.push_back(DeclRefExpr::Create(
        TU.Ctx, NestedNameSpecifierLoc(), SourceLocation(),
        const_cast<ParmVarDecl *>(Param), false, Param->getLocation(),
        Param->getType().getNonReferenceType(), VK_LValue));
  CurBlock = &Tmp;
  otherModels(C, Name);
  CurBlock = nullptr;
  IR.Model = std::move(Tmp.Events);
}

void FunctionLowering::lowerBody(FunctionIR &IR) {
  Cur = &IR;
  CFG::BuildOptions Opts;
  Opts.setAllAlwaysAdd();
  Opts.AddImplicitDtors = true;
  Opts.AddTemporaryDtors = true;
  Opts.AddInitializers = true;
  Opts.PruneTriviallyFalseEdges = true;
  std::unique_ptr<CFG> G = CFG::buildCFG(FD, FD->getBody(), &TU.Ctx, Opts);
  if (!G) {
    IR.Cut = LoweringCut::NoCFG;
    IR.Blocks.resize(1);
    return;
  }
  Values = std::make_unique<ValueTracker>(TU.Ctx, FD, TU.Returns);
  Values->run(*G);
  IR.Blocks.resize(G->getNumBlockIDs());
  IR.Entry = G->getEntry().getBlockID();
  IR.Exit = G->getExit().getBlockID();

  // Lower blocks in reverse post-order-ish ID order: Clang numbers blocks
  // so that predecessors mostly have higher IDs; walking from the entry
  // keeps the trylock ids defined before the conditions that test them.
  std::vector<const CFGBlock *> Order;
  {
    llvm::DenseSet<const CFGBlock *> Seen;
    std::vector<const CFGBlock *> Stack{&G->getEntry()};
    while (!Stack.empty()) {
      const CFGBlock *B = Stack.back();
      Stack.pop_back();
      if (!Seen.insert(B).second)
        continue;
      Order.push_back(B);
      for (auto It = B->succ_rbegin(); It != B->succ_rend(); ++It)
        if (const CFGBlock *S = It->getReachableBlock())
          Stack.push_back(S);
    }
  }
  for (const CFGBlock *B : Order) {
    CurBlock = &IR.Blocks[B->getBlockID()];
    Values->enter(*B);
    for (const CFGElement &E : *B) {
      element(E);
      Values->step(E);
    }
    std::optional<std::pair<int, bool>> Try;
    if (B->succ_size() == 2)
      if (const Stmt *T = B->getTerminatorCondition())
        if (const auto *CondE = dyn_cast<Expr>(T))
          Try = tryCondition(CondE);
    unsigned I = 0;
    for (const CFGBlock::AdjacentBlock &S : B->succs()) {
      const CFGBlock *To = S.getReachableBlock();
      Resolved Cond = Values->branch(*B, I); // two-way branches and switches
      if (To && Cond.K != Resolved::Never) {
        Edge Ed;
        Ed.To = To->getBlockID();
        if (Cond.K == Resolved::OnParam)
          Ed.When = Cond.G; // taken only when the caller's arguments allow
        if (Try) {
          bool True = I == 0;
          bool Positive = Try->second;
          bool SuccessZero = TrySuccessZero[Try->first];
          Ed.TryId = Try->first;
          // The true edge means "value != 0" when Positive; success is
          // "value != 0" unless the function reports success as 0.
          Ed.OnSuccess = (True == Positive) != SuccessZero;
        }
        CurBlock->Succs.push_back(Ed);
      }
      ++I;
    }
  }
  CurBlock = nullptr;

  // A try whose result no branch tests: assume success where the model
  // says failure is rare (mutex_lock_interruptible), else leave it may-held.
  llvm::DenseSet<int> Tested;
  for (const Block &B : IR.Blocks)
    for (const Edge &E : B.Succs)
      if (E.TryId >= 0)
        Tested.insert(E.TryId);
  for (Block &B : IR.Blocks)
    for (Event &E : B.Events)
      if (E.Kind == EventKind::TryAcquire && E.AssumeSuccess &&
          !Tested.count(E.TryId)) {
        E.Kind = EventKind::Acquire;
        E.TryId = -1;
      }
}

} // namespace

void TULowering::Impl::lowerFunction(const FunctionDecl *Fn) {
  FunctionIR IR;
  IR.Sym = symbol(Fn);
  IR.At = loc(Fn->getLocation());
  IR.NumParams = Fn->getNumParams();
  IR.NoSleep = docSaysNoSleep(Ctx, Fn);
  const auto *MD = dyn_cast<CXXMethodDecl>(Fn);
  IR.HasThis = MD && MD->isInstance();
  for (const SourceAnnotation &A : annotationsOf(Fn)) {
    Loc Where = loc(A.Loc);
    if (A.Tag == "holdwait.runs_in" && A.Args.size() == 1) {
      IR.Notes.RunsIn.push_back(A.Args[0]);
      IR.Notes.RunsInRefs.push_back(
          Where.valid()
              ? llvm::sys::path::filename(Out.Files[Where.File]).str() + ":" +
                    std::to_string(Where.Line)
              : "");
    }
  }
  if (const auto *M = dyn_cast<CXXMethodDecl>(Fn); M && M->isVirtual()) {
    llvm::SmallVector<const CXXMethodDecl *, 4> Work(M->overridden_methods());
    llvm::DenseSet<const CXXMethodDecl *> Seen;
    while (!Work.empty()) {
      const CXXMethodDecl *Base = Work.pop_back_val();
      if (!Seen.insert(Base->getCanonicalDecl()).second)
        continue;
      Out.Overrides.push_back({IR.Sym, symbol(Base)});
      Work.append(Base->overridden_methods().begin(),
                  Base->overridden_methods().end());
    }
  }
  if (UnitEvents >= Limits.MaxEventsPerUnit) {
    // The unit's budget is spent: the function is known, with no body.
    IR.Cut = LoweringCut::UnitEvents;
    IR.Blocks.resize(1);
    Out.Functions.push_back(std::move(IR));
    return;
  }
  FunctionLowering L(*this, Fn);
  L.prepass();
  L.lowerBody(IR);
  FunctionLowering(*this, Fn).lowerModel(IR);
  Out.Functions.push_back(std::move(IR));
}

TULowering::TULowering(ASTContext &Ctx, const Profile &P, TUFacts &Out,
                       LoweringLimits Limits)
    : I(std::make_unique<Impl>(Ctx, P, Out, Limits)) {}

TULowering::~TULowering() = default;

void TULowering::addRoot(const FunctionDecl *FD) {
  if (!FD->hasBody() || FD->isDependentContext() || FD->isInvalidDecl())
    return;
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !I->Queued.insert(Def).second)
    return;
  if (I->Queue.size() >= I->Limits.MaxFunctions) {
    if (I->Out.FunctionsNotLowered++ == 0)
      I->Out.FirstNotLowered = Def->getQualifiedNameAsString();
    return;
  }
  I->Queue.push_back(Def);
}

void TULowering::addGlobal(const VarDecl *VD) {
  const Expr *Init = VD->getInit();
  if (!Init)
    return;
  FunctionLowering L(*I, nullptr);
  if (VD->getType()->isFunctionPointerType()) {
    // `void (*hook)(void) = f;`: f is what the slot holds first.
    L.pointerStore(VD, Init, VD->getLocation());
  } else {
    const auto *ILE = dyn_cast<InitListExpr>(Init->IgnoreParenImpCasts());
    if (!ILE)
      return;
    Term Obj;
    Obj.Class = VD->getName().str();
    Obj.Instance = Obj.Class;
    L.lowerInitList(ILE, Obj);
  }
  if (L.Pending.empty())
    return;
  if (!I->HasGlobals) {
    I->HasGlobals = true;
    I->Globals.Blocks.resize(1);
    Symbol S;
    S.USR = "holdwait:globals:" + I->Out.MainFile;
    S.Name = "<global initializers>";
    I->Globals.Sym = I->Out.Symbols.size();
    I->Out.Symbols.push_back(S);
  }
  for (Event &E : L.Pending)
    I->Globals.Blocks[0].Events.push_back(std::move(E));
}

void TULowering::addVariable(const VarDecl *VD) {
  for (const SourceAnnotation &A : annotationsOf(VD)) {
    if (A.Tag != "holdwait.conflicts_with" || A.Args.size() != 2)
      continue;
    ConflictRule R;
    R.Lock = VD->getName().str(); // a global lock's class is its name
    R.Domain = A.Args[0];
    R.Reason = A.Args[1];
    Loc Where = I->loc(A.Loc);
    if (Where.valid()) {
      R.Where.File = I->Out.Files[Where.File];
      R.Where.Line = Where.Line;
      R.Where.Column = Where.Col;
    }
    I->Out.Conflicts.push_back(std::move(R));
  }
}

void TULowering::addRecord(const RecordDecl *RD) {
  for (const FieldDecl *F : RD->fields()) {
    for (const SourceAnnotation &A : annotationsOf(F)) {
      if (A.Tag != "holdwait.conflicts_with" || A.Args.size() != 2)
        continue;
      ConflictRule R;
      R.Lock = fieldClass(F);
      R.Domain = A.Args[0];
      R.Reason = A.Args[1];
      Loc Where = I->loc(A.Loc);
      if (Where.valid()) {
        R.Where.File = I->Out.Files[Where.File];
        R.Where.Line = Where.Line;
        R.Where.Column = Where.Col;
      }
      I->Out.Conflicts.push_back(std::move(R));
    }
    if (const RecordDecl *Inner = F->getType()->getAsRecordDecl())
      if (!Inner->getIdentifier())
        addRecord(Inner);
  }
}

void TULowering::run() {
  // Callees are appended while we lower; index rather than iterate.
  for (size_t Idx = 0; Idx < I->Queue.size(); ++Idx)
    I->lowerFunction(I->Queue[Idx]);
  if (I->HasGlobals)
    I->Out.Functions.push_back(std::move(I->Globals));
  I->Fields.collect(I->Out.MainFile);
  I->Fields.emit(I->Out);
}

} // namespace holdwait

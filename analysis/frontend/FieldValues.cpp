//===- FieldValues.cpp - the values a unit stores into structure fields ---===//
#include "analysis/frontend/FieldValues.h"
#include "analysis/frontend/ConfigDead.h"
#include "analysis/frontend/Names.h"
#include "analysis/frontend/Terms.h"
#include "annotations/Profile.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace holdwait {

namespace {

/// Functions that overwrite their first argument's memory with bytes from
/// somewhere else (second argument: the source), or fill it (memset).
bool isByteCopy(StringRef Name) {
  static const llvm::StringSet<> Names = {"memcpy",
                                          "memmove",
                                          "__builtin_memcpy",
                                          "__builtin_memmove",
                                          "__memcpy",
                                          "__memmove",
                                          "memcpy_fromio",
                                          "copy_from_user",
                                          "_copy_from_user",
                                          "__copy_from_user",
                                          "raw_copy_from_user",
                                          "__copy_from_user_inatomic",
                                          "copy_from_user_nofault",
                                          "copy_from_kernel_nofault",
                                          "copy_struct_from_user"};
  return Names.contains(Name);
}

bool isByteFill(StringRef Name) {
  return Name == "memset" || Name == "__builtin_memset" || Name == "__memset";
}

/// The structure T is, or the one its elements are (through arrays), at
/// its definition; null for other types.
const RecordDecl *recordOf(QualType T) {
  while (const ArrayType *AT = T->getAsArrayTypeUnsafe())
    T = AT->getElementType();
  const RecordDecl *RD = T->getAsRecordDecl();
  return RD ? RD->getDefinition() : nullptr;
}

/// The structure whose memory E points to, before any cast: `m`, `tab`
/// (an array of them), `(void *)m`, `(char *)m`, `&m->sub`; for `&m->a`
/// of a field that is not a structure, the structure holding it (a copy
/// may run past the field).
const RecordDecl *pointeeRecord(const Expr *E) {
  E = E->IgnoreParenCasts();
  if (const auto *U = dyn_cast<UnaryOperator>(E);
      U && U->getOpcode() == UO_AddrOf)
    if (const auto *ME =
            dyn_cast<MemberExpr>(U->getSubExpr()->IgnoreParenImpCasts());
        ME && !ME->getType()->getAsRecordDecl()) {
      QualType Base = ME->getBase()->getType();
      if (ME->isArrow() && Base->isPointerType())
        Base = Base->getPointeeType();
      return recordOf(Base);
    }
  QualType T = E->getType();
  if (T->isPointerType())
    return recordOf(T->getPointeeType());
  return T->isArrayType() ? recordOf(T) : nullptr;
}

/// The named structure RD is (an anonymous one: the structure it is a part
/// of), whose name keys its fields.
const RecordDecl *namedRecord(const RecordDecl *RD) {
  while (RD && recordName(RD).empty())
    RD = dyn_cast<RecordDecl>(RD->getDeclContext());
  return RD;
}

/// Walks the whole unit (every function body, header inlines included, and
/// every initializer): a store in a function no unit calls is harmless to
/// count.
class Collector : public RecursiveASTVisitor<Collector> {
public:
  Collector(ASTContext &Ctx, FieldValues &FV) : Ctx(Ctx), FV(FV) {}

  bool shouldVisitTemplateInstantiations() const { return true; }
  // A TypeLoc's expressions (a VLA's size) are walked with the TypeLoc; its
  // Type again would only walk every type of the unit twice.
  bool shouldWalkTypesOfTypeLocs() const { return false; }

  // Unevaluated operands (sizeof, typeof, the controlling expression of
  // _Generic in READ_ONCE()) read and write nothing.
  bool TraverseUnaryExprOrTypeTraitExpr(UnaryExprOrTypeTraitExpr *E,
                                        DataRecursionQueue *Q = nullptr) {
    // `sizeof(char[m->n = 4])` is evaluated: a variable-length array.
    QualType T = E->isArgumentType() ? E->getArgumentType()
                                     : E->getArgumentExpr()->getType();
    return !T->isVariablyModifiedType() ||
           RecursiveASTVisitor::TraverseUnaryExprOrTypeTraitExpr(E, Q);
  }
  bool TraverseTypeOfExprTypeLoc(TypeOfExprTypeLoc) { return true; }
  bool TraverseDecltypeTypeLoc(DecltypeTypeLoc) { return true; }
  bool TraverseGenericSelectionExpr(GenericSelectionExpr *E,
                                    DataRecursionQueue * = nullptr) {
    return E->isResultDependent() || TraverseStmt(E->getResultExpr());
  }

  // Code a configuration stub makes dead never runs: what it stores is
  // never stored, and the undefined functions it calls link only because
  // the compiler drops the calls (ConfigDead.h).
  bool TraverseIfStmt(IfStmt *S, DataRecursionQueue * = nullptr) {
    std::optional<bool> C;
    if (!S->isConsteval())
      C = foldedCondition(S->getCond(), Ctx);
    if (!C)
      return RecursiveASTVisitor::TraverseIfStmt(S);
    return WalkUpFromIfStmt(S) && TraverseStmt(S->getInit()) &&
           TraverseStmt(S->getConditionVariableDeclStmt()) &&
           TraverseStmt(S->getCond()) &&
           TraverseStmt(*C ? S->getThen() : S->getElse());
  }
  bool TraverseConditionalOperator(ConditionalOperator *CO,
                                   DataRecursionQueue * = nullptr) {
    std::optional<bool> C = foldedCondition(CO->getCond(), Ctx);
    if (!C)
      return RecursiveASTVisitor::TraverseConditionalOperator(CO);
    return WalkUpFromConditionalOperator(CO) && TraverseStmt(CO->getCond()) &&
           TraverseStmt(*C ? CO->getTrueExpr() : CO->getFalseExpr());
  }
  // After `if (!sev_es_guest(kvm)) return ...;` the rest of the block runs
  // only from a label or a case inside it.
  bool TraverseCompoundStmt(CompoundStmt *S, DataRecursionQueue * = nullptr) {
    if (!WalkUpFromCompoundStmt(S))
      return false;
    bool Dead = false;
    for (Stmt *Sub : S->body()) {
      // Only a statement after dead ones is asked whether it holds a
      // target up front; the answer is kept for the test below.
      bool Target = Dead && holdsJumpTarget(Sub);
      if (Dead && !Target)
        continue;
      if (!TraverseStmt(Sub))
        return false;
      Dead = !Target && neverFallsThrough(Sub, Ctx) && !holdsJumpTarget(Sub);
    }
    return true;
  }

  bool VisitMemberExpr(MemberExpr *ME) {
    if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
      if (FV.idOf(FD) >= 0)
        Seen.push_back(ME);
    return true;
  }

  bool VisitImplicitCastExpr(ImplicitCastExpr *ICE) {
    if (ICE->getCastKind() == CK_LValueToRValue)
      if (const MemberExpr *ME = FieldValues::accessed(ICE->getSubExpr()))
        Handled.insert(ME);
    return true;
  }

  bool VisitBinaryOperator(BinaryOperator *BO) {
    if (!BO->isAssignmentOp())
      return true;
    const MemberExpr *ME = FieldValues::accessed(BO->getLHS());
    const auto *FD = ME ? dyn_cast<FieldDecl>(ME->getMemberDecl()) : nullptr;
    if (!FD || dependent(BO))
      return true;
    Handled.insert(ME);
    const Expr *RHS = BO->getRHS();
    SourceLocation At = BO->getOperatorLoc();
    switch (BO->getOpcode()) {
    case BO_Assign:
      if (!copiedFrom(RHS, FD))
        FV.store(FD, stored(RHS, FD, 0), At, "stores", RHS);
      break;
    case BO_OrAssign:
    case BO_XorAssign: // may set the bits of the constant, no other
      FV.store(FD, stored(RHS, FD, 0), At,
               BO->getOpcode() == BO_OrAssign ? "ORs in" : "XORs in", RHS);
      break;
    case BO_AndAssign: // keeps a subset of the bits it had
      break;
    default:
      FV.store(FD, std::nullopt, At,
               ("changes it with `" + BO->getOpcodeStr() + "`").str());
    }
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *U) {
    if (U->isIncrementDecrementOp())
      if (const MemberExpr *ME = FieldValues::accessed(U->getSubExpr())) {
        Handled.insert(ME);
        if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          FV.store(FD, std::nullopt, U->getOperatorLoc(),
                   U->isIncrementOp() ? "increments it" : "decrements it");
      }
    return true;
  }

  bool VisitInitListExpr(InitListExpr *ILE) {
    if (ILE->isValueDependent() || ILE->isTypeDependent())
      return true;
    InitListExpr *Sem = ILE->isSemanticForm() ? ILE : ILE->getSemanticForm();
    if (Sem)
      initList(Sem);
    return true;
  }

  bool TraverseConstructorInitializer(CXXCtorInitializer *Init) {
    if (FieldDecl *FD = Init->getAnyMember())
      if (Init->getInit() && !dependent(Init->getInit()))
        initializer(FD, Init->getInit());
    return RecursiveASTVisitor::TraverseConstructorInitializer(Init);
  }

  bool VisitFieldDecl(FieldDecl *FD) {
    if (Expr *Init = FD->getInClassInitializer(); Init && !dependent(Init))
      initializer(FD, Init);
    return true;
  }

  bool VisitRecordDecl(RecordDecl *RD) {
    // A structure inside a union may be overwritten through another member.
    if (RD->isUnion() && RD->isThisDeclarationADefinition() &&
        !RD->isDependentContext())
      for (const FieldDecl *F : RD->fields())
        if (const RecordDecl *Inner = recordOf(F->getType()))
          FV.rawRecord(Inner, F->getLocation(),
                       recordName(RD).empty()
                           ? std::string("in an anonymous union")
                           : "in union " + recordName(RD));
    return true;
  }

  bool VisitCallExpr(CallExpr *CE) {
    const FunctionDecl *Callee = CE->getDirectCallee();
    if (!Callee || dependent(CE))
      return true;
    StringRef Name = Callee->getIdentifier() ? Callee->getName() : StringRef();
    bool Bytes = isByteCopy(Name) || isByteFill(Name);
    // __builtin_constant_p(), __builtin_expect() and their kind write
    // nothing (the first does not even evaluate its operand).
    if (unsigned ID = Callee->getBuiltinID();
        ID && (Ctx.BuiltinInfo.isConst(ID) || Ctx.BuiltinInfo.isPure(ID) ||
               Ctx.BuiltinInfo.isUnevaluated(ID)))
      return true;
    if (!Callee->isDefined() && !Bytes) {
      // What the body we do not see may write: the structures it is given
      // pointers to (whatever the pointer was cast to) and the one it
      // returns.
      for (const Expr *A : CE->arguments())
        escapes(Callee, A);
      if (const auto *MC = dyn_cast<CXXMemberCallExpr>(CE))
        if (const Expr *Obj = MC->getImplicitObjectArgument();
            Obj && !MC->getMethodDecl()->isConst())
          if (const RecordDecl *RD = Obj->getType()->isPointerType()
                                         ? pointeeRecord(Obj)
                                         : Obj->getType()->getAsRecordDecl())
            FV.escape(Callee, RD);
      QualType R = CE->getCallReturnType(Ctx);
      while (R->isPointerType() && !R->getPointeeType().isConstQualified())
        R = R->getPointeeType();
      if (const RecordDecl *RD = R->getAsRecordDecl())
        FV.escape(Callee, RD);
    }
    if (!Bytes || CE->getNumArgs() < 2)
      return true;
    const RecordDecl *Dst = pointeeRecord(CE->getArg(0));
    if (!Dst)
      return true;
    if (isByteCopy(Name)) {
      // A copy from another object of the same type (not cast to it: the
      // source is looked at before any cast) keeps its values.
      const RecordDecl *Src = pointeeRecord(CE->getArg(1));
      if (!Src || Src->getCanonicalDecl() != Dst->getCanonicalDecl())
        FV.rawRecord(Dst, CE->getBeginLoc(),
                     ("copied from other memory by " + Name).str());
    } else if (isByteFill(Name)) {
      Expr::EvalResult R;
      const Expr *Byte = CE->getArg(1);
      if (!Byte->EvaluateAsInt(R, Ctx) || R.Val.getInt() != 0)
        FV.rawRecord(Dst, CE->getBeginLoc(),
                     ("filled with a nonzero byte by " + Name).str());
    }
    return true;
  }

  bool VisitCXXConstructExpr(CXXConstructExpr *CE) {
    const CXXConstructorDecl *Ctor = CE->getConstructor();
    if (Ctor && !Ctor->isDefined() && !Ctor->isTrivial() && !dependent(CE))
      if (const RecordDecl *RD = recordOf(CE->getType()))
        FV.escape(Ctor, RD);
    return true;
  }

  bool VisitExplicitCastExpr(ExplicitCastExpr *CE) {
    if (dependent(CE))
      return true;
    QualType To = CE->getType(), From = CE->getSubExpr()->getType();
    CastKind K = CE->getCastKind();
    if (K == CK_LValueToRValueBitCast) {
      // __builtin_bit_cast(struct s, word): the structure from bits.
      if (const RecordDecl *RD = recordOf(To))
        FV.rawRecord(RD, CE->getBeginLoc(), "made from bits by a bit cast");
      return true;
    }
    if (K != CK_BitCast && K != CK_IntegralToPointer &&
        K != CK_ReinterpretMemberPointer)
      return true;
    if (!To->isPointerType())
      return true;
    const RecordDecl *ToRD = recordOf(To->getPointeeType());
    // `(struct hdr *)buf`, `(struct a *)b`, `(struct s *)(void *)buf`,
    // `(struct s *)(unsigned long)buf`: the structure over memory of
    // another type. A `void *` or an integer that is not a pointer
    // converted here is what allocators, callbacks and per-cpu reads
    // (`(typeof(v))(unsigned long)val` of this_cpu_read()) hand out: not
    // counted.
    QualType Origin = castOrigin(CE->getSubExpr());
    if (ToRD && Origin->isPointerType() && !Origin->isVoidPointerType() &&
        recordOf(Origin->getPointeeType()) != ToRD)
      FV.rawRecord(ToRD, CE->getBeginLoc(),
                   "laid over a `" + Origin.getAsString() + "` by a cast");
    // `(char *)vmcs12 + offset`, `(u32 *)s`: the structure written as
    // bytes or words.
    if (!ToRD && From->isPointerType() && !To->isVoidPointerType() &&
        !To->getPointeeType().isConstQualified())
      if (const RecordDecl *FromRD = recordOf(From->getPointeeType()))
        FV.rawRecord(FromRD, CE->getBeginLoc(),
                     "written as `" + To.getAsString() + "` by a cast");
    return true;
  }

  bool VisitGCCAsmStmt(GCCAsmStmt *S) {
    // An output operand is the memory the assembly writes: a structure
    // (`"+m"(*s)`) may hold anything after it; a field (`"=m"(s->f)`) is
    // an lvalue use of it (finish()); a pointer (`"+m"(cur)` of
    // this_cpu_write()) is not what it points to. Memory reached through
    // an input pointer may be written only with a "memory" clobber (GCC's
    // rule for extended asm).
    for (const Expr *E : S->outputs())
      if (const RecordDecl *RD = recordOf(E->getType()))
        FV.rawRecord(RD, E->getExprLoc(), "written by assembly");
    bool Memory = false;
    for (unsigned I = 0; I < S->getNumClobbers(); ++I)
      Memory |= S->getClobber(I) == "memory";
    if (Memory)
      for (const Expr *E : S->inputs())
        if (const RecordDecl *RD = pointeeRecord(E))
          FV.rawRecord(RD, E->getExprLoc(),
                       "given to assembly that clobbers memory");
    return true;
  }

  bool VisitCXXParenListInitExpr(CXXParenListInitExpr *E) {
    // C++20 `s(1, x)` on an aggregate: rare; every field may hold anything.
    if (!dependent(E))
      if (const RecordDecl *RD = E->getType()->getAsRecordDecl())
        FV.rawRecord(RD, E->getBeginLoc(),
                     "initialized by a parenthesized list");
    return true;
  }

  bool VisitDeclRefExpr(DeclRefExpr *DRE) {
    // `&S::f`: a pointer to member writes the field anywhere.
    if (const auto *FD = dyn_cast<FieldDecl>(DRE->getDecl()))
      FV.store(FD, std::nullopt, DRE->getLocation(),
               "names it as a pointer to member");
    return true;
  }

  bool VisitBindingDecl(BindingDecl *BD) {
    // `auto &[a, b] = *m;` names the fields.
    if (const Expr *B = BD->getBinding())
      if (const auto *ME = dyn_cast<MemberExpr>(B->IgnoreImplicit()))
        if (const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl()))
          FV.store(FD, std::nullopt, BD->getLocation(),
                   "binds it in a structured binding");
    return true;
  }

  /// Every other use of a field's lvalue (its address taken, a reference
  /// bound to it) may change it any way.
  void finish() {
    for (const MemberExpr *ME : Seen)
      if (!Handled.count(ME))
        FV.store(cast<FieldDecl>(ME->getMemberDecl()), std::nullopt,
                 ME->getMemberLoc(),
                 "takes its address or binds a reference to it");
  }

private:
  /// An argument the callee may write through: a pointer (or array, or
  /// reference) to a structure that is not const, before any cast; a
  /// pointer to a pointer to one (`ext_lookup(&p)` may hand back its own).
  void escapes(const FunctionDecl *Callee, const Expr *A) {
    QualType Seen = A->getType(); // as the callee sees it
    if ((Seen->isPointerType() || Seen->isReferenceType()) &&
        Seen->getPointeeType().isConstQualified())
      return;
    const Expr *Inner = A->IgnoreParenCasts();
    QualType T = Inner->getType();
    if (Inner->isGLValue() && A->isGLValue())
      T = Ctx.getPointerType(T); // a reference parameter
    for (unsigned I = 0; I < 4 && (T->isPointerType() || T->isArrayType());
         ++I) {
      if (T->isPointerType()) {
        T = T->getPointeeType();
        if (T.isConstQualified())
          return;
      } else {
        T = T->getAsArrayTypeUnsafe()->getElementType();
      }
      if (const RecordDecl *RD = T->getAsRecordDecl()) {
        if (const RecordDecl *Def = RD->getDefinition())
          FV.escape(Callee, Def);
        return;
      }
    }
  }

  /// The type of what E converts, through conversions between pointers
  /// and integers (`(void *)buf`, `(unsigned long)buf`): a pointer to
  /// what the memory was before, or an integer from elsewhere. An array
  /// is a pointer to its elements.
  QualType castOrigin(const Expr *E) const {
    for (;;) {
      E = E->IgnoreParens();
      const auto *C = dyn_cast<CastExpr>(E);
      if (!C)
        break;
      CastKind K = C->getCastKind();
      if (K != CK_BitCast && K != CK_NoOp && K != CK_IntegralToPointer &&
          K != CK_PointerToIntegral && K != CK_IntegralCast &&
          K != CK_ArrayToPointerDecay)
        break;
      E = C->getSubExpr();
    }
    QualType T = E->getType();
    if (const ArrayType *AT = T->getAsArrayTypeUnsafe())
      return Ctx.getPointerType(AT->getElementType());
    return T;
  }

  static bool dependent(const Expr *E) {
    return E->isValueDependent() || E->isTypeDependent() ||
           E->isInstantiationDependent();
  }

  /// `dst->f = src->f`: a value the field holds already.
  static bool copiedFrom(const Expr *RHS, const FieldDecl *FD) {
    const MemberExpr *ME = FieldValues::accessed(RHS->IgnoreParenImpCasts());
    return ME &&
           ME->getMemberDecl()->getCanonicalDecl() == FD->getCanonicalDecl();
  }

  void initializer(const FieldDecl *FD, const Expr *Init) {
    if (isa<ImplicitValueInitExpr>(Init))
      FV.store(FD, 0);
    else if (!copiedFrom(Init, FD))
      FV.store(FD, stored(Init, FD, 0), Init->getBeginLoc(),
               "initializes it to", Init);
  }

  /// The bits of the constant E stores into FD (both arms of `c ? A : B`),
  /// cut to the field's width.
  std::optional<uint64_t> stored(const Expr *E, const FieldDecl *FD,
                                 unsigned Depth) const {
    if (!FD->getType()->isIntegralOrEnumerationType() || dependent(E))
      return std::nullopt;
    Expr::EvalResult R;
    std::optional<uint64_t> V;
    if (E->EvaluateAsInt(R, Ctx)) {
      const llvm::APSInt &I = R.Val.getInt();
      V = I.getBitWidth() > 64 ? ~0ull : I.getZExtValue();
    } else if (const auto *CO = dyn_cast<AbstractConditionalOperator>(
                   E->IgnoreParenImpCasts());
               CO && Depth < 4) {
      std::optional<uint64_t> A = stored(CO->getTrueExpr(), FD, Depth + 1);
      std::optional<uint64_t> B = stored(CO->getFalseExpr(), FD, Depth + 1);
      if (A && B)
        V = *A | *B;
    }
    if (!V)
      return std::nullopt;
    // `b |= 2` on a bool stores 1: the operand is not yet converted.
    if (FD->getType()->isBooleanType())
      return *V != 0;
    unsigned W = FD->isBitField() ? FD->getBitWidthValue(Ctx)
                                  : unsigned(Ctx.getIntWidth(FD->getType()));
    return W >= 64 ? *V : *V & ((1ull << W) - 1);
  }

  /// An initializer list in semantic form: one initializer per field
  /// (unnamed bit-fields have none; C++ bases come first), nested lists
  /// for nested structures and arrays.
  void initList(const InitListExpr *ILE) {
    if (!ILE || !Lists.insert(ILE).second)
      return;
    QualType T = ILE->getType();
    if (T->isArrayType()) {
      for (const Expr *Init : ILE->inits())
        initList(dyn_cast_or_null<InitListExpr>(Init));
      if (ILE->hasArrayFiller())
        initList(dyn_cast_or_null<InitListExpr>(ILE->getArrayFiller()));
      return;
    }
    const RecordDecl *RD = T->getAsRecordDecl();
    if (!RD || RD->isUnion() || ILE->isTransparent())
      return;
    unsigned I = 0;
    if (const auto *CXX = dyn_cast<CXXRecordDecl>(RD))
      I = CXX->getNumBases();
    for (const FieldDecl *FD : RD->fields()) {
      if (FD->isUnnamedBitField())
        continue;
      if (I >= ILE->getNumInits())
        break;
      const Expr *Init = ILE->getInit(I++);
      if (!Init || isa<NoInitExpr>(Init))
        continue;
      if (const auto *Update = dyn_cast<DesignatedInitUpdateExpr>(Init))
        // `{ .in = base, .in.f = 1 }`: base's values, and the updates.
        Init = Update->getUpdater();
      if (const auto *Sub = dyn_cast<InitListExpr>(Init))
        initList(Sub);
      else if (FV.idOf(FD) >= 0)
        initializer(FD, Init);
    }
  }

  ASTContext &Ctx;
  FieldValues &FV;
  std::vector<const MemberExpr *> Seen;
  llvm::DenseSet<const MemberExpr *> Handled;
  llvm::DenseSet<const InitListExpr *> Lists;
};

} // namespace

const MemberExpr *FieldValues::accessed(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return ME;
  // `*(volatile T *)&s->f`, T as wide as the field.
  const auto *Deref = dyn_cast<UnaryOperator>(E);
  if (!Deref || Deref->getOpcode() != UO_Deref)
    return nullptr;
  const Expr *P = Deref->getSubExpr()->IgnoreParens();
  while (const auto *C = dyn_cast<CastExpr>(P)) {
    if (C->getCastKind() != CK_BitCast && C->getCastKind() != CK_NoOp)
      return nullptr;
    P = C->getSubExpr()->IgnoreParens();
  }
  const auto *Addr = dyn_cast<UnaryOperator>(P);
  if (!Addr || Addr->getOpcode() != UO_AddrOf)
    return nullptr;
  const auto *ME = dyn_cast<MemberExpr>(Addr->getSubExpr()->IgnoreParens());
  if (!ME)
    return nullptr;
  const ASTContext &Ctx = ME->getMemberDecl()->getASTContext();
  QualType Seen = E->getType(), Field = ME->getType();
  if (!Seen->isIntegralOrEnumerationType() ||
      !Field->isIntegralOrEnumerationType() ||
      Ctx.getTypeSize(Seen) != Ctx.getTypeSize(Field))
    return nullptr;
  return ME;
}

int32_t FieldValues::idOf(const FieldDecl *FD) {
  FD = FD->getCanonicalDecl();
  auto [It, New] = ById.try_emplace(FD, -1);
  if (!New)
    return It->second;
  QualType T = FD->getType();
  // A signed bit-field reads sign-extended: its stores' bits would not be
  // the bits read.
  if (!T->isIntegralOrEnumerationType() || T.isVolatileQualified() ||
      T->isDependentType() ||
      (FD->isBitField() && T->isSignedIntegerOrEnumerationType()))
    return -1;
  // Named through the first named structure out from anonymous ones; none
  // may be a union.
  const RecordDecl *RD = FD->getParent();
  while (RD) {
    if (RD->isUnion() || RD->isDependentContext())
      return -1;
    if (!recordName(RD).empty())
      break;
    RD = dyn_cast<RecordDecl>(RD->getDeclContext());
  }
  if (!RD)
    return -1;
  FieldFact &F = named(fieldClass(FD));
  It->second = int32_t(&F - Table.data());
  return It->second;
}

FieldFact &FieldValues::named(llvm::StringRef Name) {
  auto [Slot, Added] = ByName.try_emplace(Name, int32_t(Table.size()));
  if (Added) {
    FieldFact F;
    F.Name = Name.str();
    Table.push_back(std::move(F));
  }
  return Table[Slot->second];
}

void FieldValues::store(const FieldDecl *FD, std::optional<uint64_t> Bits,
                        SourceLocation At, StringRef What, const Expr *Value) {
  int32_t Id = idOf(FD);
  if (Id < 0)
    return;
  FieldFact &F = Table[Id];
  if (Bits) {
    F.MayHold |= *Bits;
    return;
  }
  // The first reason is enough to find the write; the later ones would
  // cost a string each.
  if (!F.Unknown && What.size())
    F.Why = why(At, What, Value);
  F.Unknown = true;
}

void FieldValues::rawRecord(const RecordDecl *RD, SourceLocation At,
                            StringRef What) {
  if (RD)
    Raw.push_back({RD, why(At, What)});
}

std::string FieldValues::why(SourceLocation At, StringRef What,
                             const Expr *Value) const {
  std::string S = What.str();
  const SourceManager &SM = Ctx.getSourceManager();
  if (Value) {
    // The value as written (a macro's name rather than its expansion),
    // short enough for one line.
    CharSourceRange R = CharSourceRange::getTokenRange(
        SM.getExpansionRange(Value->getSourceRange()).getAsRange());
    StringRef Text = Lexer::getSourceText(R, SM, Ctx.getLangOpts());
    std::string One;
    for (char C : Text.take_front(200))
      if (!(C == ' ' && !One.empty() && One.back() == ' '))
        One += (C == '\n' || C == '\t') ? ' ' : C;
    if (One.size() > 60)
      One = One.substr(0, 57) + "...";
    if (!One.empty())
      S += " `" + One + "`";
  }
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(At));
  if (P.isValid()) {
    // `arch/x86/kvm/../../../virt/kvm/kvm_main.c` as virt/kvm/kvm_main.c.
    llvm::SmallString<128> File(P.getFilename());
    llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
    S += " at " + std::string(File) + ":" + std::to_string(P.getLine());
  }
  return S;
}

void FieldValues::escape(const FunctionDecl *Callee, const RecordDecl *RD) {
  RD = namedRecord(RD);
  std::string Record = RD ? recordName(RD) : "";
  if (Record.empty())
    return;
  // A model says which fields the code we do not see writes.
  if (const ExternalWritesModel *M =
          P ? P->externalWrites(modelName(Callee)) : nullptr) {
    for (const std::string &W : M->Writes) {
      FieldFact &F = named(W);
      if (!F.Unknown)
        F.Why = "written by " + modelName(Callee) + " (external-writes)";
      F.Unknown = true;
    }
    return;
  }
  std::string USR = symbolUSR(Callee, MainFile);
  if (!EscapeKeys.insert(USR + '\0' + Record).second)
    return;
  holds(Record, RD);
  Escapes.push_back({std::move(USR), std::move(Record)});
}

/// The records RD (named Outer, or an anonymous part of Outer) holds by
/// value, and theirs.
void FieldValues::holds(const std::string &Outer, const RecordDecl *RD) {
  if (!recordName(RD).empty() && !HeldWalked.insert(recordName(RD)).second)
    return;
  for (const FieldDecl *F : RD->fields()) {
    const RecordDecl *Inner = recordOf(F->getType());
    if (!Inner)
      continue;
    std::string Name = recordName(Inner);
    if (Name.empty()) {
      holds(Outer, Inner); // its fields are Outer's
      continue;
    }
    Held.push_back({Outer, Name});
    holds(Name, Inner);
  }
}

void FieldValues::collect(llvm::StringRef File) {
  MainFile = File.str();
  Collector C(Ctx, *this);
  C.TraverseDecl(Ctx.getTranslationUnitDecl());
  C.finish();
}

void FieldValues::emit(TUFacts &Out) {
  // Every field of a structure overwritten as bytes, and of the structures
  // it holds by value.
  // In the order found, so that the first write found is the reason given.
  llvm::DenseSet<const RecordDecl *> Done;
  for (size_t I = 0; I < Raw.size(); ++I) {
    const RecordDecl *RD = Raw[I].Record;
    if (!Done.insert(RD).second)
      continue;
    std::string Name = recordName(RD);
    // A field of an incomplete structure type is not an integer: store()
    // ignores it.
    for (const FieldDecl *F : RD->fields())
      if (const RecordDecl *Inner = recordOf(F->getType()))
        Raw.push_back(
            {Inner,
             "held in " +
                 (Name.empty() ? std::string("an anonymous structure") : Name) +
                 ", " + Raw[I].Why});
      else
        store(F, std::nullopt, {},
              (Name.empty() ? std::string("its structure") : Name) + " " +
                  Raw[I].Why);
  }
  Raw.clear();
  Out.Fields = std::move(Table);
  Out.Escapes = std::move(Escapes);
  Out.HeldRecords = std::move(Held);
}

} // namespace holdwait

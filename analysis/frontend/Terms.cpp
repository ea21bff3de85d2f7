//===- Terms.cpp - lock classes from Clang expressions --------------------===//
#include "analysis/frontend/Terms.h"
#include "analysis/frontend/Names.h"
#include "annotations/Profile.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/Stmt.h"
#include "clang/Lex/Lexer.h"
#include "llvm/ADT/StringExtras.h"

using namespace clang;

namespace holdwait {

namespace {
constexpr unsigned MaxDepth = 12;

Term unknown(std::string Instance) {
  Term T;
  T.Instance = Instance.empty() ? "?" : std::move(Instance);
  return T;
}

std::string joinFields(const llvm::SmallVectorImpl<std::string> &Fields) {
  return llvm::join(Fields, ".");
}

bool isTransparent(const RecordDecl *RD, const Profile &P) {
  return isEmbeddingTransparent(RD) || P.isTransparentRecord(recordName(RD));
}

/// The initializer of field FD in a local's `{ .lock = l }` initializer.
const Expr *fieldInit(const InitListExpr *ILE, const FieldDecl *FD) {
  if (const InitListExpr *Sem =
          ILE->isSemanticForm() ? ILE : ILE->getSemanticForm())
    ILE = Sem;
  unsigned Idx = FD->getFieldIndex();
  if (Idx >= ILE->getNumInits())
    return nullptr;
  const Expr *Init = ILE->getInit(Idx);
  if (!Init || isa<ImplicitValueInitExpr>(Init))
    return nullptr;
  return Init;
}
} // namespace

std::string fieldClass(const FieldDecl *FD) {
  llvm::SmallVector<std::string, 4> Fields;
  if (FD->getIdentifier())
    Fields.push_back(FD->getName().str());
  const RecordDecl *RD = FD->getParent();
  // Anonymous structs are named through the field that holds them.
  while (RD && recordName(RD).empty()) {
    const auto *Outer = dyn_cast<RecordDecl>(RD->getDeclContext());
    if (!Outer)
      break;
    const FieldDecl *Holder = nullptr;
    for (const FieldDecl *F : Outer->fields())
      if (F->getType()->getAsRecordDecl() == RD)
        Holder = F;
    if (Holder && Holder->getIdentifier())
      Fields.insert(Fields.begin(), Holder->getName().str());
    RD = Outer;
  }
  std::string Rec = recordName(RD);
  return Rec.empty() ? joinFields(Fields) : Rec + "." + joinFields(Fields);
}

const Expr *TermBuilder::peel(const Expr *E) const {
  for (unsigned I = 0; E && I < 64; ++I) {
    const Expr *Next = nullptr;
    E = E->IgnoreParens();
    if (const auto *C = dyn_cast<CastExpr>(E))
      Next = C->getSubExpr();
    else if (const auto *U = dyn_cast<UnaryOperator>(E)) {
      if (U->getOpcode() == UO_AddrOf || U->getOpcode() == UO_Deref)
        Next = U->getSubExpr();
    } else if (const auto *FE = dyn_cast<FullExpr>(E))
      Next = FE->getSubExpr();
    else if (const auto *MT = dyn_cast<MaterializeTemporaryExpr>(E))
      Next = MT->getSubExpr();
    else if (const auto *BT = dyn_cast<CXXBindTemporaryExpr>(E))
      Next = BT->getSubExpr();
    else if (const auto *OV = dyn_cast<OpaqueValueExpr>(E))
      Next = OV->getSourceExpr();
    else if (const auto *SE = dyn_cast<StmtExpr>(E)) {
      // ({ ...; value; }) designates its last expression.
      const CompoundStmt *CS = SE->getSubStmt();
      if (!CS->body_empty())
        Next = dyn_cast<Expr>(CS->body_back());
    } else if (const auto *CE = dyn_cast<CallExpr>(E)) {
      if (const FunctionDecl *FD = CE->getDirectCallee()) {
        if (const AliasModel *A = P.aliasModel(FD->getName().str()))
          if (A->Returns.Index >= 0 &&
              unsigned(A->Returns.Index) < CE->getNumArgs())
            Next = CE->getArg(A->Returns.Index);
        if (!Next && FD->isInStdNamespace() && CE->getNumArgs() == 1 &&
            FD->getIdentifier() &&
            (FD->getName() == "move" || FD->getName() == "forward" ||
             FD->getName() == "ref" || FD->getName() == "cref"))
          Next = CE->getArg(0);
      }
    } else if (const auto *CC = dyn_cast<CXXConstructExpr>(E)) {
      if (CC->isElidable() && CC->getNumArgs() == 1)
        Next = CC->getArg(0);
    }
    if (!Next)
      return E;
    E = Next;
  }
  return E;
}

Term TermBuilder::termOf(const Expr *E) const { return build(E, 0); }

Term TermBuilder::varTerm(const VarDecl *V) const { return var(V, 0); }

Term TermBuilder::var(const VarDecl *V, unsigned Depth) const {
  if (const auto *PV = dyn_cast<ParmVarDecl>(V)) {
    Term T;
    T.Root = int16_t(PV->getFunctionScopeIndex());
    T.Instance = "$" + std::to_string(T.Root);
    return T;
  }
  std::string Name = V->getName().str();
  if (V->hasGlobalStorage() && !V->isStaticLocal()) {
    Term T;
    if (V->isStaticDataMember())
      T.Class = recordName(cast<RecordDecl>(V->getDeclContext())) + "::" + Name;
    else
      T.Class = Name;
    T.Instance = T.Class;
    return T;
  }
  auto El = Locals.ElementOf.find(V);
  if (El != Locals.ElementOf.end()) {
    Term T = build(El->second, Depth + 1);
    if (!T.Class.empty())
      T.Class += "[]";
    if (T.Root != Term::NoRoot)
      T.Path += "[]";
    T.Instance += "[]";
    return T;
  }
  auto O = Locals.Origin.find(V);
  if (O != Locals.Origin.end() && !Locals.Unstable.count(V)) {
    QualType Ty = V->getType();
    if (Ty->isPointerType() || Ty->isReferenceType())
      return build(O->second, Depth + 1);
  }
  Term T;
  T.Class = (Fn ? Fn->getNameAsString() : std::string("?")) + "::" + Name;
  T.Instance = Name;
  // A static local is one object shared by every call, like a global;
  // an automatic local is private to one call.
  T.Local = !V->isStaticLocal();
  return T;
}

Term TermBuilder::fieldTerm(const FieldDecl *Field, const Term &Base) const {
  const RecordDecl *RD = Field->getParent();
  if (!isTransparent(RD, P)) {
    Term T;
    T.Class = fieldClass(Field);
    T.Instance = Base.Instance + "." + Field->getName().str();
    return T;
  }
  Term T = Base;
  std::string Name = Field->getName().str();
  if (T.Root != Term::NoRoot)
    T.Path += "." + Name;
  T.Class = T.Class.empty() ? fieldClass(Field) : T.Class + "." + Name;
  T.Instance += "." + Name;
  return T;
}

Term TermBuilder::build(const Expr *E, unsigned Depth) const {
  if (!E || Depth > MaxDepth)
    return unknown("?");
  E = peel(E);

  if (const auto *DRE = dyn_cast<DeclRefExpr>(E)) {
    if (const auto *V = dyn_cast<VarDecl>(DRE->getDecl()))
      return var(V, Depth);
    return unknown(DRE->getDecl()->getNameAsString());
  }

  if (const auto *TE = dyn_cast<CXXThisExpr>(E)) {
    Term T;
    const auto *MD = dyn_cast_or_null<CXXMethodDecl>(Fn);
    // Inside a lambda, `this` is the captured object of the enclosing
    // method, not something the lambda's caller passes.
    bool InLambda = MD && MD->getParent()->isLambda();
    if (!InLambda)
      T.Root = Term::ThisRoot;
    T.Class = typeRecordName(TE->getType());
    T.Instance = InLambda ? "this" : "$this";
    return T;
  }

  if (const auto *ME = dyn_cast<MemberExpr>(E))
    return member(ME, Depth);

  auto Element = [&](const Expr *Base) {
    Term T = build(Base, Depth + 1);
    if (!T.Class.empty())
      T.Class += "[]";
    if (T.Root != Term::NoRoot)
      T.Path += "[]";
    T.Instance += "[]";
    return T;
  };
  if (const auto *AS = dyn_cast<ArraySubscriptExpr>(E))
    return Element(AS->getBase());
  if (const auto *OC = dyn_cast<CXXOperatorCallExpr>(E)) {
    switch (OC->getOperator()) {
    case OO_Subscript:
      return Element(OC->getArg(0));
    case OO_Star:
    case OO_Arrow:
      // A smart pointer stands for its pointee, as a raw pointer does.
      return build(OC->getArg(0), Depth + 1);
    default:
      break;
    }
  }
  if (const auto *MC = dyn_cast<CXXMemberCallExpr>(E)) {
    // `v.front()`, `v.at(i)`, `*it`: an element of the container.
    if (const CXXMethodDecl *MD = MC->getMethodDecl())
      if (MD->getIdentifier() &&
          (MD->getName() == "at" || MD->getName() == "front" ||
           MD->getName() == "back"))
        return Element(MC->getImplicitObjectArgument());
  }
  if (const auto *CO = dyn_cast<ConditionalOperator>(E)) {
    Term A = build(CO->getTrueExpr(), Depth + 1);
    Term B = build(CO->getFalseExpr(), Depth + 1);
    if (A.key() == B.key())
      return A;
    return unknownExpr(CO);
  }
  if (const auto *CE = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *FD = CE->getDirectCallee())
      return unknown(FD->getNameAsString() + "()");
  return unknownExpr(E);
}

Term TermBuilder::unknownExpr(const Expr *E) const {
  // Name an object we cannot classify by its spelling, so that the same
  // expression in a lock and its unlock still pairs up.
  if (E && Fn) {
    const SourceManager &SM = Fn->getASTContext().getSourceManager();
    CharSourceRange R = CharSourceRange::getTokenRange(E->getSourceRange());
    StringRef Text =
        Lexer::getSourceText(R, SM, Fn->getASTContext().getLangOpts());
    if (!Text.empty() && Text.size() <= 80) {
      std::string S;
      for (char C : Text)
        if (!isspace(static_cast<unsigned char>(C)))
          S += C;
      return unknown("`" + S + "`");
    }
  }
  return unknown("?");
}

Term TermBuilder::member(const MemberExpr *ME, unsigned Depth) const {
  const auto *FD = dyn_cast<FieldDecl>(ME->getMemberDecl());
  if (!FD) {
    if (const auto *V = dyn_cast<VarDecl>(ME->getMemberDecl())) {
      Term T;
      T.Class = recordName(cast<RecordDecl>(V->getDeclContext())) +
                "::" + V->getName().str();
      T.Instance = T.Class;
      return T;
    }
    return unknown(ME->getMemberDecl()->getNameAsString());
  }

  // A field of a local initialized as `{ .lock = l }` (the kernel's lock
  // guards) designates what it was initialized with.
  const Expr *Base = peel(ME->getBase());
  for (unsigned I = 0; I < 4; ++I) {
    const auto *DRE = dyn_cast<DeclRefExpr>(Base);
    const auto *V = DRE ? dyn_cast<VarDecl>(DRE->getDecl()) : nullptr;
    if (!V || isa<ParmVarDecl>(V) || V->hasGlobalStorage())
      break;
    auto O = Locals.Origin.find(V);
    if (O == Locals.Origin.end())
      break;
    if (const auto *ILE = dyn_cast<InitListExpr>(O->second->IgnoreParens())) {
      if (const Expr *Init = fieldInit(ILE, FD))
        return build(Init, Depth + 1);
      break;
    }
    if (Locals.Unstable.count(V) ||
        !(V->getType()->isPointerType() || V->getType()->isReferenceType()))
      break;
    Base = peel(O->second);
  }

  // Collect the field path, looking through embedding-transparent records
  // to the container that names the lock.
  llvm::SmallVector<std::string, 4> Fields;
  std::string InstanceTail;
  const FieldDecl *Cur = FD;
  const Expr *CurBase = ME->getBase();
  while (true) {
    if (Cur->getIdentifier()) {
      Fields.insert(Fields.begin(), Cur->getName().str());
      InstanceTail = "." + Cur->getName().str() + InstanceTail;
    }
    const RecordDecl *RD = Cur->getParent();
    if (!isTransparent(RD, P)) {
      Term T;
      // fieldClass names Cur (through anonymous parents); append what lies
      // below it. An unnamed Cur contributed nothing to Fields.
      std::string Class = fieldClass(Cur);
      if (!Class.empty() && Class.back() == '.')
        Class.pop_back();
      size_t Below = Cur->getIdentifier() ? 1 : 0;
      for (size_t I = Below; I < Fields.size(); ++I)
        Class += "." + Fields[I];
      T.Class = Class;
      T.Instance = build(CurBase, Depth + 1).Instance + InstanceTail;
      return T;
    }
    const Expr *B = peel(CurBase);
    const auto *Inner = dyn_cast<MemberExpr>(B);
    const auto *InnerField =
        Inner ? dyn_cast<FieldDecl>(Inner->getMemberDecl()) : nullptr;
    if (InnerField) {
      Cur = InnerField;
      CurBase = Inner->getBase();
      continue;
    }
    Term BT = build(B, Depth + 1);
    Term T;
    std::string Path = joinFields(Fields);
    T.Root = BT.Root;
    if (T.Root != Term::NoRoot)
      T.Path = BT.Path + "." + Path;
    if (!BT.Class.empty())
      T.Class = BT.Class + "." + Path;
    else if (std::string Rec = recordName(RD); !Rec.empty())
      T.Class = Rec + "." + Path;
    T.Instance = BT.Instance + InstanceTail;
    return T;
  }
}

} // namespace holdwait

//===- Names.cpp - how functions and records are named --------------------===//
#include "analysis/frontend/Names.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Index/USRGeneration.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace holdwait {

/// Appends the enclosing namespaces and records of DC, outermost first.
static void appendScopes(const DeclContext *DC, std::string &Out) {
  llvm::SmallVector<const NamedDecl *, 4> Scopes;
  for (; DC && !DC->isTranslationUnit(); DC = DC->getParent()) {
    if (const auto *NS = dyn_cast<NamespaceDecl>(DC)) {
      // std::__cxx11:: and std::__1:: are library ABI tags, not names a
      // user writes; anonymous namespaces are unnamed. A project's own
      // inline namespace (versioning) does tell types apart: keep it.
      if (NS->isAnonymousNamespace() ||
          (NS->isInlineNamespace() && NS->isStdNamespace() == false &&
           NS->getParent()->isStdNamespace()))
        continue;
      Scopes.push_back(NS);
    } else if (const auto *RD = dyn_cast<RecordDecl>(DC)) {
      if (RD->getIdentifier())
        Scopes.push_back(RD);
    }
  }
  for (auto It = Scopes.rbegin(); It != Scopes.rend(); ++It) {
    Out += (*It)->getName();
    Out += "::";
  }
}

static std::string memberName(const FunctionDecl *FD) {
  if (const auto *CD = dyn_cast<CXXConstructorDecl>(FD))
    return CD->getParent()->getName().str();
  if (const auto *DD = dyn_cast<CXXDestructorDecl>(FD))
    return "~" + DD->getParent()->getName().str();
  if (isa<CXXConversionDecl>(FD)) {
    // `operator bool` and friends, spelled as in C++ (not `_Bool`).
    PrintingPolicy Policy(FD->getASTContext().getLangOpts());
    Policy.Bool = true;
    return "operator " +
           FD->getReturnType().getUnqualifiedType().getAsString(Policy);
  }
  return FD->getNameAsString();
}

std::string modelName(const FunctionDecl *FD) {
  std::string Out;
  appendScopes(FD->getDeclContext(), Out);
  Out += memberName(FD);
  return Out;
}

static std::string shortLoc(SourceLocation L, const SourceManager &SM) {
  PresumedLoc P = SM.getPresumedLoc(SM.getExpansionLoc(L));
  if (P.isInvalid())
    return "?";
  return (llvm::sys::path::filename(P.getFilename()) + ":" +
          llvm::Twine(P.getLine()))
      .str();
}

std::string displayName(const FunctionDecl *FD, const SourceManager &SM) {
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD)) {
    const CXXRecordDecl *RD = MD->getParent();
    if (RD->isLambda()) {
      // A lambda is shown inside the function that spells it.
      std::string Out;
      const DeclContext *DC = RD->getDeclContext();
      while (DC && !isa<FunctionDecl>(DC) && !DC->isFileContext())
        DC = DC->getParent();
      if (const auto *Outer = dyn_cast_or_null<FunctionDecl>(DC))
        Out = displayName(Outer, SM) + "::";
      return Out + "lambda@" + shortLoc(RD->getLocation(), SM);
    }
  }
  return modelName(FD);
}

std::string usrOf(const Decl *D) {
  llvm::SmallString<128> Buf;
  if (index::generateUSRForDecl(D, Buf))
    return "";
  return Buf.str().str();
}

std::string symbolUSR(const FunctionDecl *FD, llvm::StringRef MainFile) {
  std::string USR = usrOf(FD);
  if (USR.empty())
    USR = "holdwait:" + modelName(FD);
  // A static function is its translation unit's own: two units may define
  // different functions under one name (Clang's USR only names the file's
  // basename).
  if (!FD->isExternallyVisible())
    USR = MainFile.str() + "#" + USR;
  // Clang gives the lambdas of one function the same USR; the spelling
  // location tells them apart.
  if (const auto *MD = dyn_cast<CXXMethodDecl>(FD);
      MD && MD->getParent()->isLambda()) {
    const SourceManager &SM = FD->getASTContext().getSourceManager();
    USR += "@" + std::to_string(SM.getFileOffset(
                     SM.getExpansionLoc(MD->getParent()->getLocation())));
  }
  return USR;
}

std::string recordName(const RecordDecl *RD) {
  if (!RD)
    return "";
  if (!RD->getIdentifier()) {
    if (const TypedefNameDecl *TD = RD->getTypedefNameForAnonDecl())
      return TD->getName().str();
    return "";
  }
  if (!RD->getASTContext().getLangOpts().CPlusPlus)
    return RD->getName().str();
  std::string Out;
  appendScopes(RD->getDeclContext(), Out);
  Out += RD->getName();
  return Out;
}

std::string typeRecordName(QualType T) {
  T = T.getNonReferenceType();
  if (const auto *PT = T->getAs<PointerType>())
    T = PT->getPointeeType();
  if (const RecordDecl *RD = T->getAsRecordDecl())
    return recordName(RD);
  // A dependent-free template specialization whose record is not yet known.
  if (const auto *TST = T->getAs<TemplateSpecializationType>())
    if (const TemplateDecl *TD = TST->getTemplateName().getAsTemplateDecl()) {
      std::string Out;
      appendScopes(TD->getDeclContext(), Out);
      return Out + TD->getName().str();
    }
  return "";
}

bool isEmbeddingTransparent(const RecordDecl *RD) {
  if (!RD->getIdentifier() && !RD->getTypedefNameForAnonDecl())
    return true;
  if (isa<ClassTemplateSpecializationDecl>(RD))
    return true;
  const SourceManager &SM = RD->getASTContext().getSourceManager();
  return SM.isInSystemHeader(RD->getLocation());
}

const FunctionDecl *runningDefinition(const FunctionDecl *FD) {
  const FunctionDecl *Def = FD->getDefinition();
  if (!Def || !Def->hasBody() || Def->isVariadic() || Def->isWeak())
    return nullptr;
  // In C++ an inline definition is the definition (one per program), except
  // under gnu_inline, which keeps the C rules.
  if (Def->isInlineSpecified() && Def->getStorageClass() != SC_Static &&
      (!Def->getASTContext().getLangOpts().CPlusPlus ||
       Def->hasAttr<GNUInlineAttr>()) &&
      !Def->isInlineDefinitionExternallyVisible())
    return nullptr;
  return Def;
}

} // namespace holdwait

//===- LowerUnit.cpp - lowering one parsed translation unit ---------------===//
#include "analysis/frontend/LowerUnit.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <functional>

using namespace clang;

namespace holdwait {

void lowerUnit(ASTContext &Ctx, const std::vector<Decl *> &TopLevel,
               const Profile &P, LoweringLimits Limits, TUFacts &Out) {
  const SourceManager &SM = Ctx.getSourceManager();
  TULowering L(Ctx, P, Out, Limits);
  std::function<void(Decl *)> Visit = [&](Decl *D) {
    if (!D || D->isInvalidDecl())
      return;
    bool InMain = SM.isInMainFile(SM.getExpansionLoc(D->getLocation()));
    if (auto *NS = dyn_cast<NamespaceDecl>(D)) {
      for (Decl *Sub : NS->decls())
        Visit(Sub);
    } else if (auto *LS = dyn_cast<LinkageSpecDecl>(D)) {
      for (Decl *Sub : LS->decls())
        Visit(Sub);
    } else if (auto *FD = dyn_cast<FunctionDecl>(D)) {
      if (InMain && FD->doesThisDeclarationHaveABody())
        L.addRoot(FD);
    } else if (auto *VD = dyn_cast<VarDecl>(D)) {
      if (VD->hasGlobalStorage())
        L.addVariable(VD);
      if (InMain && VD->hasGlobalStorage())
        L.addGlobal(VD);
    } else if (auto *RD = dyn_cast<RecordDecl>(D)) {
      if (!RD->isThisDeclarationADefinition())
        return;
      L.addRecord(RD);
      for (Decl *Sub : RD->decls())
        if (isa<FunctionDecl, RecordDecl>(Sub))
          Visit(Sub);
    } else if (auto *FT = dyn_cast<FunctionTemplateDecl>(D)) {
      (void)FT; // instantiations are lowered when called
    }
  };
  for (Decl *D : TopLevel)
    Visit(D);
  L.run();
}

std::string normalizedPath(const FileManager &FM, llvm::StringRef Path) {
  llvm::SmallString<256> Abs(Path);
  FM.makeAbsolutePath(Abs);
  llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
  return Abs.str().str();
}

} // namespace holdwait

//===- Action.cpp - the per-translation-unit front end --------------------===//
#include "analysis/frontend/Action.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/DeclCXX.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "llvm/Support/Path.h"

using namespace clang;

namespace holdwait {

namespace {

class LoweringConsumer : public ASTConsumer {
public:
  LoweringConsumer(const Profile &P, UnitSink &Sink, LoweringLimits Limits,
                   std::string MainFile)
      : P(P), Sink(Sink), Limits(Limits), MainFile(std::move(MainFile)) {}

  bool HandleTopLevelDecl(DeclGroupRef DG) override {
    for (Decl *D : DG)
      TopLevel.push_back(D);
    return true;
  }

  void HandleTranslationUnit(ASTContext &Ctx) override {
    UnitResult R;
    R.Facts.MainFile = MainFile;
    DiagnosticsEngine &Diags = Ctx.getDiagnostics();
    if (Diags.hasErrorOccurred()) {
      R.Failed = true;
      R.Errors = Diags.getClient() ? Diags.getClient()->getNumErrors() : 1;
      Sink(std::move(R));
      return;
    }
    const SourceManager &SM = Ctx.getSourceManager();
    TULowering L(Ctx, P, R.Facts, Limits);
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
    // Every file the unit read: a cached unit is valid while they are
    // unchanged.
    FileManager &FM = SM.getFileManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It) {
      SmallString<256> Path(It->first.getName());
      FM.makeAbsolutePath(Path);
      llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
      R.FilesRead.push_back(Path.str().str());
    }
    std::sort(R.FilesRead.begin(), R.FilesRead.end());
    Sink(std::move(R));
  }

private:
  const Profile &P;
  UnitSink &Sink;
  LoweringLimits Limits;
  std::string MainFile;
  std::vector<Decl *> TopLevel;
};

class LoweringAction : public ASTFrontendAction {
public:
  LoweringAction(const Profile &P, UnitSink &Sink, LoweringLimits Limits)
      : P(P), Sink(Sink), Limits(Limits) {}

  std::unique_ptr<ASTConsumer>
  CreateASTConsumer(CompilerInstance &CI, llvm::StringRef File) override {
    llvm::SmallString<256> Abs(File);
    CI.getFileManager().makeAbsolutePath(Abs);
    llvm::sys::path::remove_dots(Abs, /*remove_dot_dot=*/true);
    return std::make_unique<LoweringConsumer>(P, Sink, Limits, Abs.str().str());
  }

private:
  const Profile &P;
  UnitSink &Sink;
  LoweringLimits Limits;
};

class Factory : public tooling::FrontendActionFactory {
public:
  Factory(const Profile &P, UnitSink Sink, LoweringLimits Limits)
      : P(P), Sink(std::move(Sink)), Limits(Limits) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<LoweringAction>(P, Sink, Limits);
  }

private:
  const Profile &P;
  UnitSink Sink;
  LoweringLimits Limits;
};

} // namespace

std::unique_ptr<tooling::FrontendActionFactory>
makeLoweringActionFactory(const Profile &P, UnitSink Sink,
                          LoweringLimits Limits) {
  return std::make_unique<Factory>(P, std::move(Sink), Limits);
}

} // namespace holdwait

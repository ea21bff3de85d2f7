//===- Action.cpp - the per-translation-unit front end --------------------===//
#include "analysis/frontend/Action.h"
#include "analysis/frontend/LowerUnit.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"

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
    lowerUnit(Ctx, TopLevel, P, Limits, R.Facts);
    // Every file the unit read: a cached unit is valid while they are
    // unchanged.
    const SourceManager &SM = Ctx.getSourceManager();
    for (auto It = SM.fileinfo_begin(); It != SM.fileinfo_end(); ++It)
      R.FilesRead.push_back(
          normalizedPath(SM.getFileManager(), It->first.getName()));
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
    return std::make_unique<LoweringConsumer>(
        P, Sink, Limits, normalizedPath(CI.getFileManager(), File));
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

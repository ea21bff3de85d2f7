//===- ModelNames.cpp - profile entries that name no function -------------===//
#include "tool/ModelNames.h"
#include "analysis/frontend/Names.h"

#include "clang/AST/ASTConsumer.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include <algorithm>
#include <tuple>

using namespace clang;

namespace holdwait {

ProfileMark ProfileMark::of(const Profile &P) {
  ProfileMark M;
  M.Locks = P.Locks.size();
  M.Blocking = P.Blocking.size();
  M.Signals = P.Signals.size();
  M.Threads = P.Threads.size();
  M.Relations = P.Relations.size();
  M.Aliases = P.Aliases.size();
  M.Callbacks = P.Callbacks.size();
  M.ContextSafe = P.ContextSafe.size();
  M.ExternalWrites = P.ExternalWrites.size();
  return M;
}

namespace {

template <typename T>
void addNames(const std::vector<T> &Models, size_t From,
              std::vector<NamedModel> &Out) {
  for (size_t I = From; I < Models.size(); ++I)
    for (const std::string &N : Models[I].Names)
      Out.push_back({N, Models[I].Where});
}

/// Walks the declarations of a unit (never the function bodies, which
/// declare nothing a profile can name) for the wanted model names.
class DeclWalker : public RecursiveASTVisitor<DeclWalker> {
public:
  DeclWalker(const llvm::StringSet<> &Wanted,
             const llvm::StringSet<> &LastParts, std::set<std::string> &Found)
      : Wanted(Wanted), LastParts(LastParts), Found(Found) {}

  bool TraverseStmt(Stmt *) { return true; }
  bool VisitFunctionDecl(FunctionDecl *FD) {
    // Most declarations are ruled out by their own name before the
    // qualified model name is built.
    if (!LastParts.count(FD->getNameAsString()))
      return true;
    std::string M = modelName(FD);
    if (Wanted.count(M))
      Found.insert(M);
    return true;
  }

private:
  const llvm::StringSet<> &Wanted, &LastParts;
  std::set<std::string> &Found;
};

class NameCollector : public ASTConsumer {
public:
  NameCollector(const llvm::StringSet<> &Wanted, std::set<std::string> &Found)
      : Wanted(Wanted), Found(Found) {
    for (const auto &W : Wanted) {
      llvm::StringRef N = W.getKey();
      size_t P = N.rfind("::");
      LastParts.insert(P == llvm::StringRef::npos ? N : N.substr(P + 2));
    }
  }
  void HandleTranslationUnit(ASTContext &Ctx) override {
    DeclWalker(Wanted, LastParts, Found)
        .TraverseDecl(Ctx.getTranslationUnitDecl());
  }

private:
  const llvm::StringSet<> &Wanted;
  llvm::StringSet<> LastParts;
  std::set<std::string> &Found;
};

/// The wrapped action's consumer and a NameCollector, side by side.
class CollectingAction : public WrapperFrontendAction {
public:
  CollectingAction(std::unique_ptr<FrontendAction> Inner,
                   const llvm::StringSet<> &Wanted,
                   std::set<std::string> &Found)
      : WrapperFrontendAction(std::move(Inner)), Wanted(Wanted), Found(Found) {}

protected:
  std::unique_ptr<ASTConsumer> CreateASTConsumer(CompilerInstance &CI,
                                                 llvm::StringRef F) override {
    std::unique_ptr<ASTConsumer> Inner =
        WrapperFrontendAction::CreateASTConsumer(CI, F);
    if (!Inner)
      return nullptr;
    std::vector<std::unique_ptr<ASTConsumer>> Both;
    Both.push_back(std::move(Inner));
    Both.push_back(std::make_unique<NameCollector>(Wanted, Found));
    return std::make_unique<MultiplexConsumer>(std::move(Both));
  }

private:
  const llvm::StringSet<> &Wanted;
  std::set<std::string> &Found;
};

class CollectingFactory : public tooling::FrontendActionFactory {
public:
  CollectingFactory(std::unique_ptr<tooling::FrontendActionFactory> Inner,
                    const llvm::StringSet<> &Wanted,
                    std::set<std::string> &Found)
      : Inner(std::move(Inner)), Wanted(Wanted), Found(Found) {}
  std::unique_ptr<FrontendAction> create() override {
    return std::make_unique<CollectingAction>(Inner->create(), Wanted, Found);
  }

private:
  std::unique_ptr<tooling::FrontendActionFactory> Inner;
  const llvm::StringSet<> &Wanted;
  std::set<std::string> &Found;
};

} // namespace

std::vector<NamedModel> namesSince(const Profile &P, const ProfileMark &M) {
  std::vector<NamedModel> Out;
  addNames(P.Locks, M.Locks, Out);
  addNames(P.Blocking, M.Blocking, Out);
  addNames(P.Signals, M.Signals, Out);
  addNames(P.Threads, M.Threads, Out);
  addNames(P.Relations, M.Relations, Out);
  addNames(P.Aliases, M.Aliases, Out);
  addNames(P.Callbacks, M.Callbacks, Out);
  addNames(P.ContextSafe, M.ContextSafe, Out);
  addNames(P.ExternalWrites, M.ExternalWrites, Out);
  return Out;
}

std::unique_ptr<tooling::FrontendActionFactory>
collectDeclaredNames(std::unique_ptr<tooling::FrontendActionFactory> F,
                     const llvm::StringSet<> &Wanted,
                     std::set<std::string> &Found) {
  return std::make_unique<CollectingFactory>(std::move(F), Wanted, Found);
}

std::vector<std::string>
undeclaredNames(const std::vector<NamedModel> &Models,
                const std::set<std::string> &Declared) {
  // In file order, whatever kind of entry each one is.
  std::vector<const NamedModel *> Sorted;
  for (const NamedModel &M : Models)
    Sorted.push_back(&M);
  std::stable_sort(Sorted.begin(), Sorted.end(), [](auto *A, auto *B) {
    return std::tie(A->Where.File, A->Where.Line, A->Where.Column) <
           std::tie(B->Where.File, B->Where.Line, B->Where.Column);
  });
  std::vector<std::string> Out;
  std::set<std::string> Said;
  for (const NamedModel *M : Sorted)
    if (!Declared.count(M->Name) && Said.insert(M->Name).second)
      Out.push_back(M->Where.File + ":" + std::to_string(M->Where.Line) + ":" +
                    std::to_string(M->Where.Column) + ": '" + M->Name +
                    "' names no function declared in the analyzed code");
  return Out;
}

} // namespace holdwait

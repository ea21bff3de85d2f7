//===- HoldwaitTidyModule.cpp - the clang-tidy module ---------------------===//
//
// Loaded with `clang-tidy --load=libholdwait-tidy.so`: registers
// holdwait-<check> for every check of allChecks(). The clang-tidy classes
// used here are the executable's own (it exports them); the module links
// only holdwait and the shared Clang and LLVM libraries clang-tidy uses.
//
//===----------------------------------------------------------------------===//
#include "checks/Check.h"
#include "tidy/HoldwaitTidyCheck.h"

#include "ClangTidyModule.h"
#include "ClangTidyModuleRegistry.h"

namespace holdwait {
namespace tidy {
namespace {

class HoldwaitTidyModule : public clang::tidy::ClangTidyModule {
public:
  void
  addCheckFactories(clang::tidy::ClangTidyCheckFactories &Factories) override {
    // Created once per set of factories, so the checks of one clang-tidy
    // run share one cache of analyses.
    auto Shared = std::make_shared<UnitAnalyses>();
    for (const std::unique_ptr<Check> &C : allChecks()) {
      const Check *Wrapped = C.get();
      Factories.registerCheckFactory(
          ("holdwait-" + C->name()).str(),
          [Wrapped, Shared](llvm::StringRef Name,
                            clang::tidy::ClangTidyContext *Ctx) {
            return std::make_unique<HoldwaitTidyCheck>(Name, Ctx, *Wrapped,
                                                       Shared);
          });
    }
  }
};

clang::tidy::ClangTidyModuleRegistry::Add<HoldwaitTidyModule>
    Registration("holdwait-module",
                 "hold-and-wait checks: waits, wakeups and sleeps under a "
                 "lock that the awaited code needs, and lock-order cycles");

} // namespace
} // namespace tidy
} // namespace holdwait

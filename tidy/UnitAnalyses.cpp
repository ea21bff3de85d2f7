//===- UnitAnalyses.cpp - one analysis per translation unit ---------------===//
#include "tidy/UnitAnalyses.h"
#include "analysis/TUCache.h"
#include "analysis/frontend/LowerUnit.h"

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/FileSystem.h"

namespace holdwait {
namespace tidy {

std::string AnalysisConfig::key() const {
  // NUL cannot occur in a path: the fields cannot run into each other.
  std::string K = NoDefaultAnnotations ? "nodefault" : "default";
  for (const std::string &F : AnnotationFiles)
    K += '\0' + F;
  K += '\0';
  K += '\0' + SummaryDatabase;
  return K;
}

std::shared_ptr<const Profile> UnitAnalyses::profile(const AnalysisConfig &C,
                                                     std::string &Error) {
  // The summary database does not change the profile.
  AnalysisConfig ProfileOnly = C;
  ProfileOnly.SummaryDatabase.clear();
  auto [It, New] = Profiles.try_emplace(ProfileOnly.key());
  LoadedProfile &L = It->second;
  if (New) {
    auto P = std::make_shared<Profile>();
    if (!C.NoDefaultAnnotations)
      if (llvm::Error E = P->loadDefaults())
        L.Error = "built-in profile: " + llvm::toString(std::move(E));
    for (const std::string &F : C.AnnotationFiles)
      if (L.Error.empty())
        if (llvm::Error E = P->loadFile(F))
          L.Error = llvm::toString(std::move(E));
    if (L.Error.empty())
      L.Prof = std::move(P);
  }
  if (!L.Prof && !L.Reported) {
    Error = L.Error;
    L.Reported = true;
  }
  return L.Prof;
}

const std::vector<TUFacts> &UnitAnalyses::database(const std::string &Dir,
                                                   const Profile &Prof) {
  auto [It, New] = Databases.try_emplace(Dir);
  // Absent is not an error: a checkout has no database until the first
  // whole-program run writes it, and each unit is then analyzed alone.
  if (New && llvm::sys::fs::is_directory(Dir)) {
    llvm::Expected<TUCache> Cache = TUCache::open(Dir, Prof.digest());
    if (Cache)
      It->second = Cache->currentUnits();
    else
      llvm::consumeError(Cache.takeError());
  }
  return It->second;
}

std::shared_ptr<const UnitAnalysis>
UnitAnalyses::analyze(clang::ASTContext &Ctx, const AnalysisConfig &Config) {
  // Units that every check has released are gone; forget them so a later
  // unit at the same address does not look them up.
  for (auto It = Units.begin(); It != Units.end();)
    It = It->second.expired() ? Units.erase(It) : std::next(It);
  std::weak_ptr<const UnitAnalysis> &Slot = Units[{&Ctx, Config.key()}];
  if (std::shared_ptr<const UnitAnalysis> Live = Slot.lock())
    return Live;

  auto U = std::make_shared<UnitAnalysis>();
  std::string Ignored; // reported by the caller when it asked first
  U->Prof = profile(Config, Ignored);
  // Real errors only: the holdwait command parses with -Wno-error, and a
  // warning that the unit's own -Werror makes an error leaves a complete
  // AST.
  if (U->Prof && !Ctx.getDiagnostics().hasUncompilableErrorOccurred()) {
    const clang::SourceManager &SM = Ctx.getSourceManager();
    TUFacts Fresh;
    if (clang::OptionalFileEntryRef Main =
            SM.getFileEntryRefForID(SM.getMainFileID()))
      Fresh.MainFile = normalizedPath(SM.getFileManager(), Main->getName());
    const clang::TranslationUnitDecl *TU = Ctx.getTranslationUnitDecl();
    std::vector<clang::Decl *> TopLevel(TU->decls_begin(), TU->decls_end());
    lowerUnit(Ctx, TopLevel, *U->Prof, LoweringLimits(), Fresh);

    if (!Config.SummaryDatabase.empty())
      for (const TUFacts &Other : database(Config.SummaryDatabase, *U->Prof))
        // The analyzed file was just lowered with its compile command and
        // current contents: those facts replace the database's.
        if (Other.MainFile != Fresh.MainFile)
          U->Prog.add(Other);
    U->Prog.add(std::move(Fresh));
    U->Prog.link();
    U->Engine = std::make_unique<Analysis>(U->Prog, *U->Prof);
  }
  Slot = U;
  return U;
}

} // namespace tidy
} // namespace holdwait

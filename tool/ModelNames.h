//===- ModelNames.h - profile entries that name no function -----*- C++ -*-===//
//
// A project profile entry whose `names` lists a function the code does not
// have (a typo, an API renamed since the profile was written) matches
// nothing and changes nothing, silently. The names of the profiles given
// with --annotations are looked for among the functions the analyzed units
// declare; each one found in none is worth a warning at its entry.
//
// Only function names are checked: lock classes (conflicts, lock-orders)
// and fields name things of another kind.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_TOOL_MODELNAMES_H
#define HOLDWAIT_TOOL_MODELNAMES_H

#include "annotations/Profile.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/ADT/StringSet.h"
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace holdwait {

/// How many models of each kind that lists functions a profile holds; the
/// ones added after a mark are the user's.
struct ProfileMark {
  size_t Locks = 0, Blocking = 0, Signals = 0, Threads = 0, Relations = 0,
         Aliases = 0, Callbacks = 0, ContextSafe = 0, ExternalWrites = 0;
  static ProfileMark of(const Profile &P);
};

/// A function name listed by a profile entry, and where the entry is.
struct NamedModel {
  std::string Name;
  SourceRef Where;
};

/// The function names of the entries loaded after Mark, in load order.
std::vector<NamedModel> namesSince(const Profile &P, const ProfileMark &Mark);

/// Wraps a factory so that each unit it parses is also searched for
/// declarations of functions whose model name is in Wanted; those found are
/// added to Found. Only the declarations are walked, not the bodies.
std::unique_ptr<clang::tooling::FrontendActionFactory>
collectDeclaredNames(std::unique_ptr<clang::tooling::FrontendActionFactory> F,
                     const llvm::StringSet<> &Wanted,
                     std::set<std::string> &Found);

/// One message per name of Models not in Declared, e.g.
/// `my.yaml:6:5: 'my_lokc' names no function declared in the analyzed code`.
std::vector<std::string> undeclaredNames(const std::vector<NamedModel> &Models,
                                         const std::set<std::string> &Declared);

} // namespace holdwait

#endif

//===- LowerUnit.h - lowering one parsed translation unit -------*- C++ -*-===//
//
// The walk over a unit's top-level declarations that decides what is
// lowered: function definitions of the main file (and, through them, what
// they call), globals, and records with annotated fields. The holdwait
// command (Action.cpp) and the clang-tidy plugin (tidy/) both lower through
// it, so the two see the same facts for the same unit.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_LOWERUNIT_H
#define HOLDWAIT_ANALYSIS_FRONTEND_LOWERUNIT_H

#include "analysis/IR.h"
#include "analysis/frontend/Lowering.h"
#include "clang/AST/ASTContext.h"
#include "clang/Basic/FileManager.h"
#include <string>
#include <vector>

namespace holdwait {

class Profile;

/// Lowers the unit whose top-level declarations are TopLevel into Out
/// (whose MainFile the caller sets). The unit must have parsed without
/// errors.
void lowerUnit(clang::ASTContext &Ctx,
               const std::vector<clang::Decl *> &TopLevel, const Profile &P,
               LoweringLimits Limits, TUFacts &Out);

/// Path as the front end records it: absolute, without `.` and `..`.
std::string normalizedPath(const clang::FileManager &FM, llvm::StringRef Path);

} // namespace holdwait

#endif

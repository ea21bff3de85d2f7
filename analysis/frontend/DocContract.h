//===- DocContract.h - what a function's kernel-doc promises ----*- C++ -*-===//
//
// Kernel-doc comments state a function's calling context in a `Context:`
// section: `Context: Any context.`, `Context: May be called in process or
// interrupt context, but not in NMI context.  May be called while holding
// a spinlock.` (folio_put()). Such a function may have paths that sleep,
// selected by state its callers cannot see (folio_put() reaches
// free_huge_folio() only for hugetlb folios, which never come from
// kmalloc()); its contract says those paths are not taken where atomic
// callers are. holdwait trusts the contract as it trusts a profile.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_DOCCONTRACT_H
#define HOLDWAIT_ANALYSIS_FRONTEND_DOCCONTRACT_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/StringRef.h"

#include <string>

namespace holdwait {

/// The text of the `Context:` section of a kernel-doc comment (its lines
/// joined, lower-cased), or "" when there is none.
std::string kernelDocContext(llvm::StringRef Comment);

/// Whether a `Context:` section (as kernelDocContext() returns it) allows
/// atomic callers and says nothing of sleeping.
bool contextForbidsSleep(llvm::StringRef Context);

/// Whether FD's kernel-doc (on any declaration) says it does not sleep in
/// atomic context.
bool docSaysNoSleep(clang::ASTContext &Ctx, const clang::FunctionDecl *FD);

} // namespace holdwait

#endif

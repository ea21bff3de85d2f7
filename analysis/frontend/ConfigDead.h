//===- ConfigDead.h - code a configuration stub makes dead ------*- C++ -*-===//
//
// The kernel turns a feature off by giving its predicate a stub body:
// `static __always_inline bool sev_es_guest(struct kvm *kvm) { return
// false; }` without CONFIG_KVM_AMD_SEV. The compiler folds the call, drops
// the code it guards, and the functions that code calls need not exist:
// sev_vcpu_deliver_sipi_vector() is declared for every configuration and
// defined only with SEV. A reader of the whole unit that took that call for
// a real one would think the structures handed to it could be written by
// code nobody can see. These helpers say which statements never run.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_CONFIGDEAD_H
#define HOLDWAIT_ANALYSIS_FRONTEND_CONFIGDEAD_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/Stmt.h"
#include <optional>

namespace holdwait {

/// The value condition C always has, when the language folds it or it is
/// built from calls to stubs (a running definition whose whole body is
/// `return <constant>;`, through at most a few stubs), `!`, `&&`, `||` and
/// __builtin_expect() (likely(), unlikely()). None for a missing or
/// template-dependent condition.
std::optional<bool> foldedCondition(const clang::Expr *C,
                                    clang::ASTContext &Ctx);

/// Whether control entering S at its top never comes out of its bottom: it
/// returns, jumps, breaks, continues or calls a noreturn function on every
/// path (folded conditions taken into account). Loops and switches are not
/// looked into: a `break` there ends them, not S.
bool neverFallsThrough(const clang::Stmt *S, clang::ASTContext &Ctx);

/// Whether S holds a label or a `case`: a place control can jump to from
/// outside it, so that code after a statement that never falls through may
/// still run.
bool holdsJumpTarget(const clang::Stmt *S);

} // namespace holdwait

#endif

//===- Terms.h - lock classes from Clang expressions ------------*- C++ -*-===//
//
// Turns the expression naming a lock (or a wait's object) into a Term.
//
// The class of a member is the named record that declares the field plus the
// field path (`kvm.irqfds.resampler_lock`, `vcpu_svm.ir_list_lock`), so the
// same lock gets the same class whichever pointer reaches it: `&x->dev.lock`
// and `&d->lock` (d = &x->dev) are both `dev.lock`. Records whose identity
// comes from where they are embedded (anonymous structs, class template
// specializations such as a `Mutex<T>` wrapper, standard-library types, and
// any the profile lists, e.g. `delayed_work`) are looked through to their
// container. Globals are named by variable, locals as `function::local`.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_TERMS_H
#define HOLDWAIT_ANALYSIS_FRONTEND_TERMS_H

#include "analysis/IR.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

namespace holdwait {

class Profile;

/// What the term builder knows about a function's locals.
struct LocalFacts {
  /// Pointer/reference locals assigned exactly once, by their initializer:
  /// `struct kvm *kvm = irqfd->kvm;` reads through to `irqfd->kvm`.
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> Origin;
  /// Locals whose address is taken or that are assigned after their
  /// declaration; their origin cannot be trusted.
  llvm::DenseSet<const clang::VarDecl *> Unstable;
  /// Where a local's value is stored (`x->task = __k`): the destination
  /// expression, when there is exactly one.
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> Destination;
  /// Range-for variables: `for (auto &t : threads_)` makes `t` an element
  /// of `threads_`.
  llvm::DenseMap<const clang::VarDecl *, const clang::Expr *> ElementOf;
};

class TermBuilder {
public:
  TermBuilder(const Profile &P, const clang::FunctionDecl *Fn,
              const LocalFacts &Locals)
      : P(P), Fn(Fn), Locals(Locals) {}

  /// The term for the object E designates (a pointer designates its
  /// pointee). Never fails; an unknown object has an empty class.
  Term termOf(const clang::Expr *E) const;
  /// The term for `this->Field` inside the current method, or for a field
  /// of the object Base.
  Term fieldTerm(const clang::FieldDecl *Field, const Term &Base) const;
  /// The term for a variable (a parameter, global or local).
  Term varTerm(const clang::VarDecl *V) const;
  /// Strips casts, parentheses, `&`, `*`, temporaries and alias helpers
  /// (`spinlock_check`) that do not change which object is meant.
  const clang::Expr *peel(const clang::Expr *E) const;

private:
  Term build(const clang::Expr *E, unsigned Depth) const;
  Term member(const clang::MemberExpr *ME, unsigned Depth) const;
  Term var(const clang::VarDecl *V, unsigned Depth) const;
  Term unknownExpr(const clang::Expr *E) const;

  const Profile &P;
  const clang::FunctionDecl *Fn;
  const LocalFacts &Locals;
};

/// `record.field` for a field, looking through anonymous and embedding-
/// transparent records to the nearest named container where possible.
std::string fieldClass(const clang::FieldDecl *FD);

} // namespace holdwait

#endif

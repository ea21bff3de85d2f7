//===- LocalFields.h - integer fields of local structures -*- C++ -*-===//
//
// `___slab_alloc()` keeps its allocation flags in a local structure:
//
//   struct partial_context pc;
//   pc.flags = gfpflags;            // or GFP_NOWAIT | __GFP_THISNODE
//   slab = get_partial(s, node, &pc);
//   ...
//   slab = new_slab(s, pc.flags, node);
//
// Without following `pc.flags` as a variable, new_slab() is called with
// any flags and every GFP_ATOMIC kmalloc() "may sleep". A local structure
// (or a parameter passed by value) is followed field by field, like an
// integer local, when nothing can reach its memory but the function's own
// `v.f` reads and stores: every use of it is `v.f` read or assigned (or a
// member of a member, an element of an array member), a copy of the whole
// structure, an assignment to it, or `&v` handed to a function that only
// reads and writes fields through that pointer and hands it on only to
// such functions (PointeeWrites). Such a call leaves the fields it may
// write unknown and keeps the others. Only the structure's own integer,
// enum, bool and pointer fields are followed; fields of nested structures
// are not.
//
// Not followed at all: a structure named in its own initializer (the
// order of its stores is open), an element store into an array member at
// an index that is not a constant inside the array (it may land on any
// field), and nothing at all in a function whose CFG does not show all its
// stores (HiddenStores). Only definitions that are what a call runs are
// read (runningDefinition()).
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_LOCALFIELDS_H
#define HOLDWAIT_ANALYSIS_FRONTEND_LOCALFIELDS_H

#include "clang/AST/ASTContext.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>

namespace holdwait {

/// The direct fields of a structure a function may store into through a
/// pointer to it (All: the whole structure, `*p = s`).
struct FieldsWritten {
  bool All = false;
  llvm::SmallVector<const clang::FieldDecl *, 4> Fields;

  bool writes(const clang::FieldDecl *FD) const;
  void add(const clang::FieldDecl *FD);
  void add(const FieldsWritten &O);
};

/// What functions of the unit do through a pointer parameter to a
/// structure, cached for the unit.
class PointeeWrites {
public:
  /// The fields FD may write through parameter I (a pointer to a
  /// structure), and those its callees may write when FD hands the pointer
  /// on. None when FD may do anything else with the pointer (keep it, cast
  /// it, take the address of a field, hand it to a function it has no
  /// body for) or cannot be scanned (no body, too large, too deep,
  /// recursive).
  std::optional<FieldsWritten> of(const clang::FunctionDecl *FD, unsigned I,
                                  unsigned Depth = 0);

private:
  llvm::DenseMap<std::pair<const clang::FunctionDecl *, unsigned>,
                 std::optional<FieldsWritten>>
      Done;
  llvm::DenseSet<const clang::FunctionDecl *> Busy;
  /// Set when a scan stopped at the depth limit or at recursion: what it
  /// found depends on where it started, so it is not cached.
  bool Cut = false;
};

/// The local structures of one function followed field by field, and what
/// each call given `&v` may write.
struct LocalFields {
  llvm::DenseSet<const clang::VarDecl *> Tracked;
  llvm::DenseMap<
      const clang::CallExpr *,
      llvm::SmallVector<std::pair<const clang::VarDecl *, FieldsWritten>, 1>>
      Calls;
  /// FD stores or returns in ways its CFG does not show: `sizeof` or
  /// `typeof` of a variably modified expression (evaluated, but not a CFG
  /// element), or a call to setjmp() (its second return brings memory as
  /// longjmp() left it). No variable of it may be followed.
  bool HiddenStores = false;

  /// Finds them in FD's body.
  static LocalFields find(const clang::FunctionDecl *FD, PointeeWrites &W);
  /// Whether a field of a tracked structure is followed.
  static bool followed(const clang::FieldDecl *FD);
  /// The tracked local and its followed field that E (`v.f`) names.
  std::optional<std::pair<const clang::VarDecl *, const clang::FieldDecl *>>
  named(const clang::Expr *E) const;
};

} // namespace holdwait

#endif

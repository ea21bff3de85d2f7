//===- Values.h - integer values relative to the entry parameters -*- C++ -*-//
//
// A forward dataflow over a function's Clang CFG that describes its integer
// and boolean variables relative to the values its parameters had on entry
// (ArgBits, analysis/Guards.h): `gfp &= gfp_allowed_mask` keeps every bit
// of the entry `gfp` it does not clear; `bool can_reclaim = gfp &
// __GFP_DIRECT_RECLAIM` is a test of one entry bit. The lowering reads it
// for the bits of each call's arguments and for the condition each branch
// puts on the entry parameters.
//
// Small functions with a body in the unit (`gfpflags_allow_blocking()`,
// `current_gfp_context()`) are evaluated through a summary of their return
// value in terms of their own parameters. A local whose address is passed
// only to such functions, for parameters they use only as `*p`
// (`prepare_alloc_pages(.., &alloc_gfp, &alloc_flags)`,
// `is_valid_gup_args(.., &gup_flags, FOLL_GET)`), stays tracked: the callee
// is evaluated with the caller's values and its `*p` at exit is the local's
// new value.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_VALUES_H
#define HOLDWAIT_ANALYSIS_FRONTEND_VALUES_H

#include "analysis/Guards.h"
#include "analysis/IR.h"
#include "analysis/frontend/LocalFields.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>
#include <string>
#include <vector>

namespace holdwait {

class FieldValues;

/// An integer value (Bits), or a truth value that tests bits of one
/// ((B & Mask) != 0 when NonZero, == 0 otherwise) or compares it
/// (IsValue: (B & Mask) == Val when NonZero, != otherwise).
struct AbsVal {
  enum Kind : uint8_t { Top, Bits, Pred } K = Top;
  bool NonZero = true;
  bool IsValue = false;
  ArgBits B;
  uint64_t Mask = 0;
  uint64_t Val = 0;

  static AbsVal bits(const ArgBits &B);
  static AbsVal pred(const ArgBits &B, uint64_t Mask, bool NonZero);
  static AbsVal equals(const ArgBits &B, uint64_t Mask, uint64_t Val,
                       bool Equal);
  bool operator==(const AbsVal &O) const {
    return K == O.K && NonZero == O.NonZero && IsValue == O.IsValue &&
           B == O.B && Mask == O.Mask && Val == O.Val;
  }
  bool operator!=(const AbsVal &O) const { return !(*this == O); }
};

/// What small callees do to integers, shared by a unit's lowering: their
/// return values and what they store through their out parameters.
class ReturnValues {
public:
  /// Fields, when given, names the fields values are read from.
  explicit ReturnValues(clang::ASTContext &Ctx, FieldValues *Fields = nullptr)
      : Ctx(Ctx), Fields(Fields) {}
  FieldValues *fields() const { return Fields; }
  /// What the unit's functions write through pointers to structures.
  PointeeWrites &pointeeWrites() { return Writes; }
  /// FD's return value in terms of its parameters (Top when unknown). By
  /// value: evaluating a caller's arguments may add to the table.
  AbsVal of(const clang::FunctionDecl *FD, unsigned Depth);
  /// Whether parameter I of FD is an out parameter: a pointer to an
  /// integer that FD's body (small enough to evaluate) uses only as `*p`,
  /// so a caller passing `&x` for it lets x reach nothing else.
  bool isOutParam(const clang::FunctionDecl *FD, unsigned I, unsigned Depth);
  /// What FD leaves in the pointees of its out parameters when entered
  /// with Entry (per parameter: the argument's value, or for an out
  /// parameter the pointee's): one value per parameter, Top for the rest.
  /// Empty when FD is not evaluated (too deep, recursive, too many
  /// contexts).
  std::vector<AbsVal> outs(const clang::FunctionDecl *FD,
                           const std::vector<AbsVal> &Entry, unsigned Depth);

private:
  clang::ASTContext &Ctx;
  FieldValues *Fields;
  PointeeWrites Writes;
  llvm::DenseMap<const clang::FunctionDecl *, AbsVal> Done;
  llvm::DenseMap<const clang::FunctionDecl *, uint64_t> OutParams;
  /// Evaluated contexts per function: entry values and results.
  llvm::DenseMap<
      const clang::FunctionDecl *,
      std::vector<std::pair<std::vector<AbsVal>, std::vector<AbsVal>>>>
      Contexts;
  llvm::DenseSet<const clang::FunctionDecl *> Busy;
};

class ValueTracker {
public:
  /// Entry, when given, holds the parameters' values on entry (and the out
  /// parameters' pointees') in a caller's terms instead of "themselves".
  ValueTracker(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
               ReturnValues &Returns, unsigned Depth = 0,
               const std::vector<AbsVal> *Entry = nullptr);
  ~ValueTracker();

  /// Computes the values at every block's entry.
  void run(const clang::CFG &G);
  /// Starts the walk of block B (run() first).
  void enter(const clang::CFGBlock &B);
  /// Applies element E to the current values.
  void step(const clang::CFGElement &E);
  /// E's value at the current point.
  AbsVal eval(const clang::Expr *E) const;
  /// The call argument's bits at the current point (Top for non-integers).
  ArgBits argBits(const clang::Expr *E) const;
  /// When the current point's paths know different things of Args: one
  /// description per group of paths, with the guards those paths share
  /// (empty when they all agree).
  llvm::SmallVector<ArgAlt, 0>
  argAlternatives(llvm::ArrayRef<const clang::Expr *> Args) const;
  /// What taking successor Succ (0: the true branch) of the current block,
  /// whose elements have all been stepped, says about the entry
  /// parameters.
  Resolved branch(const clang::CFGBlock &B, unsigned Succ) const;
  /// The join of every return statement's value (after run()).
  AbsVal returned() const;
  /// Per parameter, what an out parameter's pointee holds when the
  /// function returns (Top for other parameters; after run()).
  std::vector<AbsVal> outsAtExit(const clang::CFG &G) const;

  struct State;

private:
  std::unique_ptr<State> S;
};

} // namespace holdwait

#endif

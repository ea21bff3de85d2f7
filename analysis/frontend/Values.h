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
// value in terms of their own parameters.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_FRONTEND_VALUES_H
#define HOLDWAIT_ANALYSIS_FRONTEND_VALUES_H

#include "analysis/Guards.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace holdwait {

/// An integer value (Bits), or a truth value that tests bits of one
/// ((B & Mask) != 0 when NonZero, == 0 otherwise).
struct AbsVal {
  enum Kind : uint8_t { Top, Bits, Pred } K = Top;
  bool NonZero = true;
  ArgBits B;
  uint64_t Mask = 0;

  static AbsVal bits(const ArgBits &B);
  static AbsVal pred(const ArgBits &B, uint64_t Mask, bool NonZero);
  bool operator==(const AbsVal &O) const {
    return K == O.K && NonZero == O.NonZero && B == O.B && Mask == O.Mask;
  }
  bool operator!=(const AbsVal &O) const { return !(*this == O); }
};

/// Return-value summaries of small functions, shared by a unit's lowering.
class ReturnValues {
public:
  explicit ReturnValues(clang::ASTContext &Ctx) : Ctx(Ctx) {}
  /// FD's return value in terms of its parameters (Top when unknown).
  const AbsVal &of(const clang::FunctionDecl *FD, unsigned Depth);

private:
  clang::ASTContext &Ctx;
  llvm::DenseMap<const clang::FunctionDecl *, AbsVal> Done;
  llvm::DenseSet<const clang::FunctionDecl *> Busy;
};

class ValueTracker {
public:
  ValueTracker(clang::ASTContext &Ctx, const clang::FunctionDecl *FD,
               ReturnValues &Returns, unsigned Depth = 0);
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
  /// What taking successor Succ (0: the true branch) of the current block,
  /// whose elements have all been stepped, says about the entry
  /// parameters.
  Resolved branch(const clang::CFGBlock &B, unsigned Succ) const;
  /// The join of every return statement's value (after run()).
  AbsVal returned() const;

  struct State;

private:
  std::unique_ptr<State> S;
};

} // namespace holdwait

#endif

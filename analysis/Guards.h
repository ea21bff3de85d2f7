//===- Guards.h - conditions on a function's integer parameters -*- C++ -*-===//
//
// Kernel code chooses its sleeping paths by flags its callers pass:
// `__alloc_pages_slowpath()` reclaims only when `gfp & __GFP_DIRECT_RECLAIM`,
// `hva_to_pfn()` faults pages in only when `!atomic`. Without that, every
// `kmalloc(.., GFP_ATOMIC)` under a spinlock "sleeps".
//
// The front end describes integer values relative to the function's entry
// parameters (ArgBits: which bits may have been added or removed since
// entry, which are known), turns branch conditions into Guards on entry
// parameters, and records the ArgBits of every call's integer arguments.
// Summary entries carry the guards of the path that reaches them; a caller
// resolves each guard against its arguments: one that cannot hold drops the
// entry, one that must hold is dropped, one that depends on the caller's own
// parameters becomes the caller's guard.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_GUARDS_H
#define HOLDWAIT_ANALYSIS_GUARDS_H

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>
#include <string>

namespace holdwait {

/// A condition on entry parameter Param (P). A bit test: (P & Mask) != 0
/// when NonZero, else (P & Mask) == 0. A value test (IsValue, from `state
/// == RUNSTATE_runnable`): (P & Mask) == Val when NonZero, else != Val.
struct Guard {
  int16_t Param = -1;
  bool NonZero = false; ///< the positive sense: some bit set, or equal
  uint64_t Mask = 0;
  uint64_t Val = 0;
  bool IsValue = false;
  bool operator==(const Guard &O) const {
    return Param == O.Param && NonZero == O.NonZero && IsValue == O.IsValue &&
           Mask == O.Mask && Val == O.Val;
  }
  bool operator!=(const Guard &O) const { return !(*this == O); }
  bool operator<(const Guard &O) const {
    if (Param != O.Param)
      return Param < O.Param;
    if (IsValue != O.IsValue)
      return IsValue < O.IsValue;
    if (NonZero != O.NonZero)
      return NonZero < O.NonZero;
    if (Mask != O.Mask)
      return Mask < O.Mask;
    return Val < O.Val;
  }
  /// The opposite condition.
  Guard negated() const {
    Guard G = *this;
    G.NonZero = !NonZero;
    return G;
  }
  static Guard value(int16_t Param, uint64_t Mask, uint64_t Val, bool Equal);
  std::string str() const;
};

/// What is known about an integer value V. Relative to entry parameter P
/// (Root >= 0): V has P's bits except that bits in Removed may have been
/// cleared and bits in Added may have been set, i.e.
///   P & ~Removed  <=  V  <=  P | Added   (as bit sets).
/// With Root < 0 only One and Zero say anything. In both, bits in One are
/// known set and bits in Zero known clear; NonNull says V != 0 though no
/// bit is known (`&s->field`, a pointer).
///
/// A *test* (Test.Param >= 0, the root) is a truth value of the root
/// instead: V is 1 when guard Test holds, else 0 (`!head`, `state ==
/// RUNSTATE_runnable` passed as a bool); One/Zero then say V is 0 or 1.
///
/// A value that ORs in a structure field (`gfp_flags |= mc->gfp_zero`)
/// says what it can without knowing the field (the bits the field may set
/// are unknown), and names the field (Field >= 0, an index into the unit's
/// FieldFact table) with the bits whose uncertainty is the field's alone:
/// once the program's stores to the field are known (Program::link), a bit
/// of FieldAdded the field never holds leaves Added. FieldZero (bits that
/// would be known clear) only carries the field's part through ORs and
/// joins into FieldAdded: a field's bits on their own are not bounded
/// (withField()). Code that does not know fields
/// builds fresh values (no Field: the field stays unknown) or only adds
/// facts to a copy, so a value is never refined for bits an operation
/// changed.
struct ArgBits {
  static constexpr int16_t NoRoot = -1;
  bool Known = false; ///< false: nothing is known (Top)
  bool NonNull = false;
  int16_t Root = NoRoot;
  int32_t Field = -1;
  uint64_t Added = 0, Removed = 0, One = 0, Zero = 0;
  uint64_t FieldAdded = 0, FieldZero = 0;
  Guard Test;

  static ArgBits top() { return ArgBits(); }
  static ArgBits param(int16_t I);
  static ArgBits constant(uint64_t C);
  static ArgBits nonNull();
  static ArgBits test(const Guard &G);
  bool isConstant() const {
    return Known && Root == NoRoot && (One | Zero) == ~0ull;
  }
  bool isTest() const { return Known && Test.Param >= 0; }
  /// What is known of the bits alone (a test is 0 or 1).
  ArgBits bits() const;
  /// A field's value, width bits wide: only its stores say more.
  static ArgBits field(int32_t Field, unsigned Width);
  bool operator==(const ArgBits &O) const {
    return Known == O.Known && NonNull == O.NonNull && Root == O.Root &&
           Added == O.Added && Removed == O.Removed && One == O.One &&
           Zero == O.Zero && Test == O.Test && Field == O.Field &&
           FieldAdded == O.FieldAdded && FieldZero == O.FieldZero;
  }
  bool operator!=(const ArgBits &O) const { return !(*this == O); }
  /// `$1 & ~0x10 | 0x4`-like text for dumps and notes.
  std::string str() const;
};

/// The least ArgBits true of both values (a join at a merge point).
ArgBits join(const ArgBits &A, const ArgBits &B);
/// V & C and V | C for a constant C; V & X and V | X for an X whose bits
/// are described by Y (possibly Top).
ArgBits andBits(const ArgBits &V, const ArgBits &Y);
ArgBits orBits(const ArgBits &V, const ArgBits &Y);
/// Keeps the low Width bits (a conversion to a narrower or unsigned type);
/// bits above are clear.
ArgBits truncate(const ArgBits &V, unsigned Width);
/// V once field V.Field is known to hold only bits in MayHold (~0 when
/// nothing is known of it): without Field.
ArgBits withField(const ArgBits &V, uint64_t MayHold);
/// Inner is a value described relative to the callee's parameter; Arg what
/// the caller passes for that parameter: the value in the caller's terms.
ArgBits compose(const ArgBits &Inner, const ArgBits &Arg);

/// A conjunction of guards, sorted, with one bit zero-guard per parameter.
using GuardList = llvm::SmallVector<Guard, 0>;

/// The outcome of asking whether (V & Mask) != 0 (NonZero) or == 0.
struct Resolved {
  enum Kind : uint8_t { Always, Never, Unknown, OnParam } K = Unknown;
  Guard G; ///< OnParam: the condition on the entry parameter it implies
};
Resolved resolve(const ArgBits &V, uint64_t Mask, bool NonZero);
/// Whether G's condition holds of V instead of G's parameter.
Resolved resolve(const ArgBits &V, const Guard &G);

/// Adds G to L; false when L and G cannot both hold (L is then unchanged).
bool addGuard(GuardList &L, const Guard &G);
/// Whether L and G can both hold.
bool compatible(const GuardList &L, const Guard &G);
/// The guards implied by both A and B (what holds on either path).
GuardList intersect(const GuardList &A, const GuardList &B);
/// Whether every guard of A is implied by B (A is at most as strict).
bool weakerOrEqual(const GuardList &A, const GuardList &B);

} // namespace holdwait

#endif

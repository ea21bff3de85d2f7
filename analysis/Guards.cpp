//===- Guards.cpp - conditions on a function's integer parameters ---------===//
#include "analysis/Guards.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

namespace holdwait {

/// Beyond this many conjuncts a path's condition is cut (dropping a
/// conjunct only makes the condition weaker, so it stays sound).
constexpr size_t MaxGuards = 8;

ArgBits ArgBits::param(int16_t I) {
  ArgBits B;
  B.Known = true;
  B.Root = I;
  return B;
}

ArgBits ArgBits::constant(uint64_t C) {
  ArgBits B;
  B.Known = true;
  B.One = C;
  B.Zero = ~C;
  return B;
}

ArgBits ArgBits::nonNull() {
  ArgBits B;
  B.Known = true;
  B.NonNull = true;
  return B;
}

ArgBits ArgBits::test(const Guard &G) {
  ArgBits B;
  B.Known = true;
  B.Root = G.Param;
  B.Test = G;
  B.Zero = ~1ull;
  return B;
}

Guard Guard::value(int16_t Param, uint64_t Mask, uint64_t Val, bool Equal) {
  Guard G;
  G.Param = Param;
  G.IsValue = true;
  G.NonZero = Equal;
  G.Mask = Mask;
  G.Val = Val;
  return G;
}

ArgBits ArgBits::field(int32_t Field, unsigned Width) {
  ArgBits B;
  B.Known = true;
  B.Field = Field;
  uint64_t Keep = Width >= 64 ? ~0ull : (1ull << Width) - 1;
  B.Zero = ~Keep;
  B.FieldZero = Keep;
  return B;
}

ArgBits ArgBits::bits() const {
  if (!isTest())
    return *this;
  ArgBits B;
  B.Known = true;
  B.Zero = ~1ull;
  return B;
}

static std::string hex(uint64_t V) {
  if (V == ~0ull)
    return "all";
  std::string S;
  llvm::raw_string_ostream(S) << llvm::format_hex(V, 0);
  return S;
}

std::string ArgBits::str() const {
  if (!Known)
    return "?";
  if (isConstant())
    return hex(One);
  if (isTest())
    return "(" + Test.str() + ")";
  std::string S = Root == NoRoot ? "" : "$" + std::to_string(Root);
  auto Field = [&](const char *Name, uint64_t V) {
    if (V)
      S += std::string(S.empty() || S.back() == '{' ? "" : " ") + Name + "=" +
           hex(V);
  };
  S += "{";
  Field("add", Added);
  Field("rm", Removed);
  Field("one", One);
  Field("zero", Zero);
  if (NonNull)
    S += S.back() == '{' ? "nonnull" : " nonnull";
  if (this->Field >= 0)
    S += (S.back() == '{' ? "field#" : " field#") + std::to_string(this->Field);
  return S + "}";
}

std::string Guard::str() const {
  std::string P = "$" + std::to_string(Param);
  if (IsValue) {
    if (Mask != ~0ull)
      P = "(" + P + " & " + hex(Mask) + ")";
    return P + (NonZero ? " == " : " != ") + hex(Val);
  }
  std::string S = P + " & " + hex(Mask);
  return NonZero ? S : "!(" + S + ")";
}

/// R, or Top when it says nothing (no parameter, no known bit, no field
/// whose stores may say more).
static ArgBits known(const ArgBits &R) {
  return R.Root == ArgBits::NoRoot && (R.One | R.Zero) == 0 && !R.NonNull &&
                 R.Field < 0
             ? ArgBits::top()
             : R;
}

/// The field a value computed from A and B may still refine: the one they
/// name (either or both), none when they name two different ones.
static int32_t sharedField(const ArgBits &A, const ArgBits &B) {
  int32_t FA = A.Known ? A.Field : -1, FB = B.Known ? B.Field : -1;
  if (FA < 0)
    return FB;
  return FB < 0 || FB == FA ? FA : -1;
}

/// Sets R's field masks (computed by the caller from its operands) and
/// drops the field when no bit depends on it alone.
static void setField(ArgBits &R, int32_t Field, uint64_t FieldAdded,
                     uint64_t FieldZero) {
  R.Field = -1;
  R.FieldAdded = R.FieldZero = 0;
  if (Field < 0)
    return;
  R.FieldAdded = R.Root == ArgBits::NoRoot ? 0 : FieldAdded & R.Added;
  R.FieldZero = FieldZero & ~R.Zero;
  if (R.FieldAdded | R.FieldZero)
    R.Field = Field;
  else
    R.FieldAdded = R.FieldZero = 0;
}

/// What an operand says of its bits, for the masks above: bits known clear
/// once its field is known (Zero), bits not added once it is (~Added).
static uint64_t zeroOnceKnown(const ArgBits &V) {
  return V.Known ? V.Zero | V.FieldZero : 0;
}
static uint64_t keptOnceKnown(const ArgBits &V) {
  return ~V.Added | V.FieldAdded;
}

ArgBits withField(const ArgBits &V, uint64_t MayHold) {
  if (V.Field < 0)
    return V;
  // Only what the field adds to a value derived from a parameter is
  // bounded; a field's bits on their own (FieldZero: `GFP_ATOMIC |
  // s->gfp`, `f(s->len)`) stay unknown. Stores the units do not show (a
  // structure written through a `void *` it was converted to) then cannot
  // make a call's argument a constant and prune its callee's paths.
  ArgBits R = V;
  R.Added &= ~(V.FieldAdded & ~MayHold);
  R.Field = -1;
  R.FieldAdded = R.FieldZero = 0;
  return known(R);
}

ArgBits join(const ArgBits &A, const ArgBits &B) {
  if (!A.Known || !B.Known)
    return ArgBits::top();
  if (A.isTest() || B.isTest())
    return A == B ? A : join(A.bits(), B.bits());
  ArgBits R;
  R.Known = true;
  // Nonzero on both sides, if by different bits.
  R.NonNull = (A.NonNull || A.One) && (B.NonNull || B.One);
  R.One = A.One & B.One;
  R.Zero = A.Zero & B.Zero;
  if (A.Root == B.Root && A.Root != ArgBits::NoRoot) {
    R.Root = A.Root;
    R.Added = A.Added | B.Added;
    R.Removed = A.Removed | B.Removed;
  } else if ((A.Root == ArgBits::NoRoot) != (B.Root == ArgBits::NoRoot)) {
    // `x = gfp` on one path, `x = GFP_NOWAIT` on the other: still the
    // parameter's bits, with the constant's bits added and the others
    // perhaps removed. (Against a value that is not a constant, the root
    // would say nothing its bits do not.)
    const ArgBits &P = A.Root != ArgBits::NoRoot ? A : B;
    const ArgBits &C = A.Root != ArgBits::NoRoot ? B : A;
    if ((C.One | C.Zero) == ~0ull) {
      R.Root = P.Root;
      R.Added = P.Added | C.One;
      R.Removed = P.Removed | ~C.One;
    }
  }
  // A bit is refined by the field when it is on both sides.
  setField(R, sharedField(A, B), keptOnceKnown(A) & keptOnceKnown(B),
           zeroOnceKnown(A) & zeroOnceKnown(B));
  return known(R);
}

/// V & Y (And) or V | Y, with the operand derived from a parameter first.
static ArgBits combine(const ArgBits &VIn, const ArgBits &YIn, bool And) {
  const ArgBits V = VIn.bits(), Y = YIn.bits();
  auto Rooted = [](const ArgBits &B) {
    return B.Known && B.Root != ArgBits::NoRoot;
  };
  if (!V.Known && !Y.Known)
    return ArgBits::top();
  if (!Rooted(V) && Rooted(Y))
    return combine(Y, V, And);
  ArgBits R;
  R.Known = true;
  uint64_t VOne = V.Known ? V.One : 0, VZero = V.Known ? V.Zero : 0;
  uint64_t YOne = Y.Known ? Y.One : 0, YZero = Y.Known ? Y.Zero : 0;
  R.One = And ? VOne & YOne : VOne | YOne;
  R.Zero = And ? VZero | YZero : VZero & YZero;
  R.NonNull = !And && (V.NonNull || Y.NonNull);
  if (Rooted(V)) {
    // &: only bits Y is known to keep stay as they were (none is added
    // that Y clears); |: every bit Y may set may have been added.
    R.Root = V.Root;
    R.Added = And ? V.Added & ~YZero : V.Added | ~YZero;
    R.Removed = And ? V.Removed | ~YOne : V.Removed & ~YOne;
  }
  // |: a bit stays clear (not added) when it does in V and is clear in Y;
  // &: when it does in either.
  uint64_t VZ = zeroOnceKnown(V), YZ = zeroOnceKnown(Y);
  uint64_t VKept = Rooted(V) ? keptOnceKnown(V) : 0;
  setField(R, sharedField(V, Y), And ? VKept | YZ : VKept & YZ,
           And ? VZ | YZ : VZ & YZ);
  return known(R);
}

ArgBits andBits(const ArgBits &V, const ArgBits &Y) {
  return combine(V, Y, true);
}

ArgBits orBits(const ArgBits &V, const ArgBits &Y) {
  return combine(V, Y, false);
}

ArgBits truncate(const ArgBits &V, unsigned Width) {
  if (!V.Known || Width >= 64 || (V.isTest() && Width >= 1))
    return V;
  uint64_t Keep = (1ull << Width) - 1;
  ArgBits R = V.bits();
  R.NonNull = false; // its set bits may be above Width
  R.Added &= Keep;
  R.Removed |= ~Keep;
  R.One &= Keep;
  R.Zero |= ~Keep;
  R.FieldAdded &= Keep;
  R.FieldZero &= Keep;
  return R;
}

ArgBits compose(const ArgBits &Inner, const ArgBits &Arg) {
  if (!Inner.Known || Inner.Root == ArgBits::NoRoot)
    return Inner;
  if (Inner.isTest()) {
    // The callee's truth value of its parameter, asked of the argument.
    Resolved T = resolve(Arg, Inner.Test);
    if (T.K == Resolved::Always || T.K == Resolved::Never)
      return ArgBits::constant(T.K == Resolved::Always);
    if (T.K == Resolved::OnParam)
      return ArgBits::test(T.G);
    return Inner.bits();
  }
  // The parameter passed through unchanged (a bool copied, the bits cut
  // to its width being clear in the argument already): the argument.
  if (Arg.Known && Inner.Added == 0 && Inner.One == 0 &&
      (Inner.Removed & ~Inner.Zero) == 0 &&
      (Arg.Zero & Inner.Zero) == Inner.Zero)
    return Arg;
  if (Arg.isTest())
    return compose(Inner, Arg.bits());
  ArgBits R;
  R.Known = true;
  // Nothing removed, a nonzero argument stays nonzero.
  R.NonNull = Inner.NonNull || (Arg.NonNull && Inner.Removed == 0);
  uint64_t AOne = Arg.Known ? Arg.One : 0, AZero = Arg.Known ? Arg.Zero : 0;
  // A bit the callee left alone (not removed) keeps the argument's known
  // value; one it may have set or cleared keeps only what it forces.
  R.One = Inner.One | (AOne & ~Inner.Removed);
  R.Zero = Inner.Zero | (AZero & ~Inner.Added);
  if (Arg.Known && Arg.Root != ArgBits::NoRoot) {
    R.Root = Arg.Root;
    R.Added = Inner.Added | Arg.Added;
    R.Removed = Inner.Removed | Arg.Removed;
  }
  return known(R);
}

Resolved resolve(const ArgBits &V, uint64_t Mask, bool NonZero) {
  Resolved R;
  if (Mask == 0) {
    R.K = NonZero ? Resolved::Never : Resolved::Always;
    return R;
  }
  if (!V.Known)
    return R;
  if (V.isTest()) {
    // V is 0 or 1: a mask without bit 0 sees 0; else V's truth.
    if (!(Mask & 1)) {
      R.K = NonZero ? Resolved::Never : Resolved::Always;
      return R;
    }
    R.K = Resolved::OnParam;
    R.G = NonZero ? V.Test : V.Test.negated();
    return R;
  }
  if (V.NonNull && (Mask | V.Zero) == ~0ull) {
    // Every bit that may be set is in Mask, and one is.
    R.K = NonZero ? Resolved::Always : Resolved::Never;
    return R;
  }
  bool SomeSet = Mask & V.One;
  uint64_t Open = Mask & ~V.Zero; // bits of Mask not known clear
  if (NonZero) {
    if (SomeSet || Open == 0) {
      R.K = SomeSet ? Resolved::Always : Resolved::Never;
      return R;
    }
    // Some bit of Open is set in V; a bit nobody may have added was set in
    // P already.
    if (V.Root == ArgBits::NoRoot || (Open & V.Added))
      return R;
    R.K = Resolved::OnParam;
    R.G = Guard{V.Root, true, Open};
    return R;
  }
  if (SomeSet || Open == 0) {
    R.K = SomeSet ? Resolved::Never : Resolved::Always;
    return R;
  }
  // Every bit of Open is clear in V; one nobody may have removed was clear
  // in P too.
  uint64_t Kept = Open & ~V.Removed;
  if (V.Root == ArgBits::NoRoot || Kept == 0)
    return R;
  R.K = Resolved::OnParam;
  R.G = Guard{V.Root, false, Kept};
  return R;
}

/// Whether (V & Mask) == Val (Equal) or != Val.
static Resolved resolveValue(const ArgBits &V, uint64_t Mask, uint64_t Val,
                             bool Equal) {
  Resolved R;
  auto Decided = [&](bool IsEqual) {
    R.K = IsEqual == Equal ? Resolved::Always : Resolved::Never;
    return R;
  };
  if (Val & ~Mask)
    return Decided(false);
  if (!V.Known)
    return R;
  if (V.isTest()) {
    // V is 0 or 1: equal to 0 or 1 as its test says.
    if (!(Mask & 1))
      return Decided(Val == 0);
    if (Val > 1)
      return Decided(false);
    return resolve(V, 1, (Val == 1) == Equal);
  }
  if ((V.One & Mask & ~Val) || (V.Zero & Mask & Val))
    return Decided(false); // a known bit differs
  if (((V.One | V.Zero) & Mask) == Mask)
    return Decided(true);
  if (V.NonNull && Val == 0 && (Mask | V.Zero) == ~0ull)
    return Decided(false);
  // V is P on Mask but for bits known clear (and Val has those clear).
  if (V.Root == ArgBits::NoRoot || (V.Added & Mask) || (V.One & Mask) ||
      (V.Removed & Mask & ~V.Zero))
    return R;
  R.K = Resolved::OnParam;
  R.G = Guard::value(V.Root, Mask & ~V.Zero, Val, Equal);
  return R;
}

Resolved resolve(const ArgBits &V, const Guard &G) {
  return G.IsValue ? resolveValue(V, G.Mask, G.Val, G.NonZero)
                   : resolve(V, G.Mask, G.NonZero);
}

namespace {
/// The bits the zero-guard on Param in L says are clear.
uint64_t clearBits(const GuardList &L, int16_t Param) {
  for (const Guard &G : L)
    if (G.Param == Param && !G.NonZero && !G.IsValue)
      return G.Mask;
  return 0;
}

/// What value guard X says of bit test G on the same parameter: 1 it
/// holds, 0 it does not, -1 nothing.
int valueSays(const Guard &X, const Guard &G) {
  if (!X.IsValue || !X.NonZero || X.Param != G.Param || (G.Mask & ~X.Mask))
    return -1;
  bool Set = X.Val & G.Mask;
  return Set == G.NonZero;
}

/// Value guards: whether X and G (one parameter, one mask) cannot both
/// hold, and whether X implies G.
bool valuesClash(const Guard &X, const Guard &G) {
  if (X.Param != G.Param || X.Mask != G.Mask)
    return false;
  if (X.NonZero && G.NonZero)
    return X.Val != G.Val;
  return X.NonZero != G.NonZero && X.Val == G.Val;
}
bool valueImplies(const Guard &X, const Guard &G) {
  if (X == G)
    return true;
  // `== 1` implies `!= 0`.
  return X.Param == G.Param && X.Mask == G.Mask && X.NonZero && !G.NonZero &&
         X.Val != G.Val;
}

/// Adds value guard G to L (see addGuard).
bool addValueGuard(GuardList &L, const Guard &G) {
  for (const Guard &X : L) {
    if (X.Param != G.Param)
      continue;
    if (X.IsValue ? valuesClash(X, G) : valueSays(G, X) == 0)
      return false;
    if (X.IsValue && valueImplies(X, G))
      return true;
  }
  if (L.size() >= MaxGuards)
    return true;
  L.insert(llvm::upper_bound(L, G), G);
  return true;
}
} // namespace

bool addGuard(GuardList &L, const Guard &G) {
  if (G.IsValue && G.Param >= 0 && G.Mask != 0)
    return addValueGuard(L, G);
  if (G.IsValue) // on no bit: 0 == Val
    return G.Param < 0 || (G.Val == 0) == G.NonZero;
  if (G.Param < 0 || G.Mask == 0)
    return G.Mask != 0 || !G.NonZero;
  for (const Guard &X : L)
    if (valueSays(X, G) == 0)
      return false; // `state == 2` and `state & 1`
  uint64_t Clear = clearBits(L, G.Param);
  if (G.NonZero) {
    if ((G.Mask & ~Clear) == 0)
      return false;
    // A set bit among Mask is one of those not known clear.
    Guard N = G;
    N.Mask &= ~Clear;
    for (const Guard &X : L)
      if (X.Param == N.Param && X.NonZero && !X.IsValue &&
          (X.Mask & ~N.Mask) == 0)
        return true; // already implied
    if (L.size() >= MaxGuards)
      return true;
    L.insert(llvm::upper_bound(L, N), N);
    return true;
  }
  uint64_t NewClear = Clear | G.Mask;
  for (const Guard &X : L)
    if (X.Param == G.Param && X.NonZero && !X.IsValue &&
        (X.Mask & ~NewClear) == 0)
      return false;
  llvm::erase_if(L, [&](const Guard &X) {
    return X.Param == G.Param && !X.NonZero && !X.IsValue;
  });
  Guard Z{G.Param, false, NewClear};
  L.insert(llvm::upper_bound(L, Z), Z);
  return true;
}

bool compatible(const GuardList &L, const Guard &G) {
  GuardList Copy = L;
  return addGuard(Copy, G);
}

namespace {
/// Whether L implies G.
bool implies(const GuardList &L, const Guard &G) {
  if (G.IsValue)
    return llvm::any_of(
        L, [&](const Guard &X) { return X.IsValue && valueImplies(X, G); });
  if (llvm::any_of(L, [&](const Guard &X) { return valueSays(X, G) == 1; }))
    return true;
  if (!G.NonZero)
    return (clearBits(L, G.Param) & G.Mask) == G.Mask;
  return llvm::any_of(L, [&](const Guard &X) {
    return X.Param == G.Param && X.NonZero && !X.IsValue &&
           (X.Mask & ~G.Mask) == 0;
  });
}
} // namespace

GuardList intersect(const GuardList &A, const GuardList &B) {
  GuardList R;
  for (const Guard &G : A) {
    if (!G.NonZero && !G.IsValue) {
      uint64_t Both = G.Mask & clearBits(B, G.Param);
      if (Both)
        R.push_back(Guard{G.Param, false, Both});
    } else if (implies(B, G)) {
      R.push_back(G);
    }
  }
  for (const Guard &G : B)
    if ((G.NonZero || G.IsValue) && implies(A, G) && !llvm::is_contained(R, G))
      R.push_back(G);
  llvm::sort(R);
  return R;
}

bool weakerOrEqual(const GuardList &A, const GuardList &B) {
  return llvm::all_of(A, [&](const Guard &G) { return implies(B, G); });
}

} // namespace holdwait

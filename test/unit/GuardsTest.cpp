//===- GuardsTest.cpp - known bits and guards on entry parameters ---------===//
#include "analysis/Guards.h"
#include "analysis/Summary.h"

#include "gtest/gtest.h"

using namespace holdwait;

namespace {

constexpr uint64_t DirectReclaim = 0x400, KswapdReclaim = 0x800, High = 0x20,
                   Io = 0x40, Fs = 0x80;
constexpr uint64_t GfpAtomic = High | KswapdReclaim;
constexpr uint64_t GfpKernel = DirectReclaim | KswapdReclaim | Io | Fs;

/// A 32-bit parameter on entry.
ArgBits param32(int16_t I) { return truncate(ArgBits::param(I), 32); }

TEST(GuardsTest, ConstantsDecideBitTests) {
  ArgBits Atomic = ArgBits::constant(GfpAtomic);
  EXPECT_EQ(resolve(Atomic, DirectReclaim, true).K, Resolved::Never);
  EXPECT_EQ(resolve(Atomic, DirectReclaim, false).K, Resolved::Always);
  ArgBits Kernel = ArgBits::constant(GfpKernel);
  EXPECT_EQ(resolve(Kernel, DirectReclaim, true).K, Resolved::Always);
  EXPECT_EQ(resolve(Kernel, DirectReclaim, false).K, Resolved::Never);
  // Nothing known: nothing decided.
  EXPECT_EQ(resolve(ArgBits::top(), DirectReclaim, true).K, Resolved::Unknown);
}

TEST(GuardsTest, ATestOfAParameterBecomesItsGuard) {
  // `if (gfp & __GFP_DIRECT_RECLAIM)` on the entry value.
  Resolved R = resolve(param32(1), DirectReclaim, true);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G, (Guard{1, true, DirectReclaim}));
  EXPECT_EQ(R.G.str(), "$1 & 0x400");
  R = resolve(param32(1), DirectReclaim, false);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G.str(), "!($1 & 0x400)");
}

TEST(GuardsTest, ClearingBitsKeepsTheSetTestButNotTheClearTest) {
  // gfp &= gfp_allowed_mask (unknown): a bit set now was set on entry, but
  // a bit clear now may have been set on entry.
  ArgBits V = andBits(param32(0), ArgBits::top());
  Resolved Set = resolve(V, DirectReclaim, true);
  ASSERT_EQ(Set.K, Resolved::OnParam);
  EXPECT_EQ(Set.G, (Guard{0, true, DirectReclaim}));
  EXPECT_EQ(resolve(V, DirectReclaim, false).K, Resolved::Unknown);
  // gfp & ~__GFP_DIRECT_RECLAIM: the bit is known clear.
  V = andBits(param32(0), ArgBits::constant(~DirectReclaim));
  EXPECT_EQ(resolve(V, DirectReclaim, true).K, Resolved::Never);
}

TEST(GuardsTest, SettingBitsKeepsTheClearTestButNotTheSetTest) {
  ArgBits V = orBits(param32(0), ArgBits::top());
  EXPECT_EQ(resolve(V, DirectReclaim, true).K, Resolved::Unknown);
  Resolved Clear = resolve(V, DirectReclaim, false);
  ASSERT_EQ(Clear.K, Resolved::OnParam);
  EXPECT_EQ(Clear.G, (Guard{0, false, DirectReclaim}));
  // flags | __GFP_COMP leaves the reclaim bit to the caller.
  V = orBits(param32(0), ArgBits::constant(0x4000));
  EXPECT_EQ(resolve(V, DirectReclaim, true).K, Resolved::OnParam);
  EXPECT_EQ(resolve(V, 0x4000, true).K, Resolved::Always);
}

TEST(GuardsTest, ComposeCarriesACallersConstantThroughAHelper) {
  // current_gfp_context(flags): may clear IO and FS, keeps the rest.
  ArgBits Helper =
      join(param32(0), andBits(param32(0), ArgBits::constant(~(Io | Fs))));
  ArgBits Atomic = compose(Helper, ArgBits::constant(GfpAtomic));
  EXPECT_EQ(resolve(Atomic, DirectReclaim, true).K, Resolved::Never);
  ArgBits Kernel = compose(Helper, ArgBits::constant(GfpKernel));
  EXPECT_EQ(resolve(Kernel, DirectReclaim, true).K, Resolved::Always);
  // IO may have been cleared: undecided for a constant.
  EXPECT_EQ(resolve(Kernel, Io, true).K, Resolved::Unknown);
  // Through the caller's own parameter: still a guard on it.
  ArgBits Through = compose(Helper, param32(2));
  Resolved R = resolve(Through, DirectReclaim, true);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G.Param, 2);
}

TEST(GuardsTest, JoinKeepsWhatBothPathsKnow) {
  ArgBits A = ArgBits::constant(GfpAtomic), K = ArgBits::constant(GfpKernel);
  ArgBits J = join(A, K);
  EXPECT_EQ(resolve(J, KswapdReclaim, true).K, Resolved::Always);
  EXPECT_EQ(resolve(J, DirectReclaim, true).K, Resolved::Unknown);
  // Different roots: only the known bits remain.
  EXPECT_FALSE(join(param32(0), param32(1)).Root >= 0);
}

TEST(GuardsTest, JoinWithAConstantKeepsTheParameter) {
  // `pc.flags = gfp;` or `pc.flags = GFP_NOWAIT | THISNODE;`
  constexpr uint64_t ThisNode = 0x200000, NoWait = KswapdReclaim;
  ArgBits J = join(param32(1), ArgBits::constant(NoWait | ThisNode));
  EXPECT_EQ(J.Root, 1);
  // The reclaim bit only if the caller's flags have it; the constant's
  // bits maybe.
  ArgBits Atomic = compose(J, ArgBits::constant(GfpAtomic));
  EXPECT_EQ(resolve(Atomic, DirectReclaim, true).K, Resolved::Never);
  EXPECT_EQ(resolve(Atomic, ThisNode, true).K, Resolved::Unknown);
  ArgBits Kernel = compose(J, ArgBits::constant(GfpKernel));
  EXPECT_EQ(resolve(Kernel, DirectReclaim, true).K, Resolved::Unknown);
  // Against a value that is not a constant: no root.
  ArgBits Some = ArgBits::top();
  Some.Known = true;
  Some.One = NoWait;
  EXPECT_FALSE(join(param32(1), Some).Root >= 0);
}

TEST(GuardsTest, ContradictoryGuardsCannotBothHold) {
  GuardList L;
  ASSERT_TRUE(addGuard(L, Guard{0, true, DirectReclaim}));
  EXPECT_FALSE(addGuard(L, Guard{0, false, DirectReclaim | Io}));
  EXPECT_EQ(L.size(), 1u); // unchanged by the failed add
  EXPECT_TRUE(addGuard(L, Guard{1, false, DirectReclaim})); // another param
  // Two clear-guards on one parameter merge.
  ASSERT_TRUE(addGuard(L, Guard{1, false, Io}));
  EXPECT_EQ(L.size(), 2u);
  EXPECT_FALSE(compatible(L, Guard{1, true, Io | DirectReclaim}));
  EXPECT_TRUE(compatible(L, Guard{1, true, Io | Fs}));
}

TEST(GuardsTest, IntersectionIsWhatEitherPathImplies) {
  GuardList A, B;
  addGuard(A, Guard{0, true, DirectReclaim});
  addGuard(A, Guard{1, false, Io | Fs});
  addGuard(B, Guard{1, false, Fs});
  GuardList I = intersect(A, B);
  ASSERT_EQ(I.size(), 1u);
  EXPECT_EQ(I[0], (Guard{1, false, Fs}));
  EXPECT_TRUE(weakerOrEqual(I, A));
  EXPECT_TRUE(weakerOrEqual(I, B));
  EXPECT_FALSE(weakerOrEqual(A, B));
  EXPECT_TRUE(intersect(A, GuardList()).empty());
}

TEST(GuardsTest, SubstitutionDropsResolvesOrRenamesACalleesGuards) {
  GuardList Callee;
  addGuard(Callee, Guard{1, true, DirectReclaim});
  Event Call;
  Call.Kind = EventKind::Call;
  Call.ArgVals = {ArgBits::top(), ArgBits::constant(GfpAtomic)};
  GuardList Out;
  EXPECT_FALSE(substitute(Callee, Call, GuardList(), Out)); // never reached
  Call.ArgVals[1] = ArgBits::constant(GfpKernel);
  ASSERT_TRUE(substitute(Callee, Call, GuardList(), Out));
  EXPECT_TRUE(Out.empty()); // always reached
  Call.ArgVals[1] = param32(3);
  GuardList Path;
  addGuard(Path, Guard{0, true, 1});
  ASSERT_TRUE(substitute(Callee, Call, Path, Out));
  ASSERT_EQ(Out.size(), 2u);
  EXPECT_EQ(Out[1], (Guard{3, true, DirectReclaim}));
  // The caller's path says the bit is clear: the callee's path is not
  // taken from here.
  addGuard(Path, Guard{3, false, DirectReclaim});
  EXPECT_FALSE(substitute(Callee, Call, Path, Out));
  // An argument nobody knows keeps the entry, without the guard.
  Call.ArgVals.clear();
  ASSERT_TRUE(substitute(Callee, Call, GuardList(), Out));
  EXPECT_TRUE(Out.empty());
}

TEST(GuardsTest, FieldsBoundTheirBitsOnceTheirStoresAreKnown) {
  constexpr uint64_t Zero = 0x100;
  // `gfp |= mc->gfp_zero`: any bit of the field may have been added.
  ArgBits V = orBits(param32(1), ArgBits::field(0, 32));
  EXPECT_EQ(V.Field, 0);
  EXPECT_EQ(resolve(V, DirectReclaim, true).K, Resolved::Unknown);
  // Every store is 0 or __GFP_ZERO: the reclaim bit is the caller's.
  Resolved R = resolve(withField(V, Zero), DirectReclaim, true);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G, (Guard{1, true, DirectReclaim}));
  EXPECT_EQ(withField(V, Zero).Field, -1);
  // A store of the bit itself, or one not known.
  EXPECT_EQ(resolve(withField(V, DirectReclaim), DirectReclaim, true).K,
            Resolved::Unknown);
  EXPECT_EQ(resolve(withField(V, ~0ull), DirectReclaim, true).K,
            Resolved::Unknown);

  // Joined with the path that did not OR it in: still the field's alone.
  ArgBits J = join(param32(1), V);
  EXPECT_EQ(resolve(withField(J, Zero), DirectReclaim, true).K,
            Resolved::OnParam);
  // A field's bits on their own (joined with or ORed into a constant) are
  // not bounded: a structure written through a `void *` would not show its
  // stores, and `f(s->len)` must not become a constant.
  ArgBits K = join(ArgBits::constant(GfpAtomic), ArgBits::field(0, 32));
  EXPECT_EQ(resolve(withField(K, Zero), DirectReclaim, true).K,
            Resolved::Unknown);
  ArgBits O = orBits(ArgBits::constant(GfpAtomic), ArgBits::field(0, 32));
  EXPECT_EQ(resolve(withField(O, Zero), DirectReclaim, true).K,
            Resolved::Unknown);

  // Two fields: neither can be refined alone.
  ArgBits Two = orBits(V, ArgBits::field(1, 32));
  EXPECT_EQ(Two.Field, -1);
  EXPECT_EQ(resolve(withField(Two, Zero), DirectReclaim, true).K,
            Resolved::Unknown);
  // Masking after the OR keeps the refinement for the bits kept.
  ArgBits Masked = andBits(V, ArgBits::constant(~Io));
  EXPECT_EQ(resolve(withField(Masked, Zero), DirectReclaim, true).K,
            Resolved::OnParam);
  EXPECT_EQ(
      resolve(withField(ArgBits::field(0, 32), Zero), DirectReclaim, true).K,
      Resolved::Unknown);
}

TEST(GuardsTest, TruncationClearsTheHighBits) {
  ArgBits V = truncate(ArgBits::constant(~0ull), 8);
  EXPECT_EQ(resolve(V, 0x100, true).K, Resolved::Never);
  EXPECT_EQ(resolve(V, 0x80, true).K, Resolved::Always);
  EXPECT_EQ(ArgBits::constant(0x820).str(), "0x820");
  EXPECT_EQ(ArgBits::top().str(), "?");
}

TEST(GuardsTest, NonNullPointersDecideNullTests) {
  // `&s->field`: nonzero, though no bit of it is known.
  ArgBits Field = ArgBits::nonNull();
  EXPECT_EQ(resolve(Field, ~0ull, true).K, Resolved::Always);
  EXPECT_EQ(resolve(Field, ~0ull, false).K, Resolved::Never);
  EXPECT_EQ(resolve(Field, 0xff, true).K, Resolved::Unknown);
  EXPECT_EQ(Field.str(), "{nonnull}");
  // Nonzero on both paths, by different bits.
  ArgBits Either = join(Field, ArgBits::constant(1));
  EXPECT_EQ(resolve(Either, ~0ull, false).K, Resolved::Never);
  EXPECT_EQ(resolve(join(Field, ArgBits::constant(0)), ~0ull, false).K,
            Resolved::Unknown);
  // `p & mask` may be zero; `p | 1` may not.
  EXPECT_EQ(resolve(andBits(Field, ArgBits::constant(0xf0)), ~0ull, true).K,
            Resolved::Unknown);
  EXPECT_EQ(resolve(orBits(ArgBits::top(), Field), ~0ull, true).K,
            Resolved::Always);
  // Cut to 8 bits, the set bit may be gone.
  EXPECT_EQ(resolve(truncate(Field, 8), ~0ull, true).K, Resolved::Unknown);
}

TEST(GuardsTest, TestsOfAParameterTravelAsArguments) {
  // The caller passes `!head` ($0 == 0) for the callee's bool parameter.
  ArgBits NotHead = ArgBits::test(Guard{0, false, ~0ull});
  EXPECT_EQ(NotHead.str(), "(!($0 & all))");
  Resolved R = resolve(NotHead, 1, true);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G, (Guard{0, false, ~0ull}));
  R = resolve(NotHead, 1, false);
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G, (Guard{0, true, ~0ull}));
  EXPECT_EQ(resolve(NotHead, 2, true).K, Resolved::Never); // 0 or 1
  // A callee's own test of its parameter, asked of the caller's argument.
  ArgBits CalleeTest = ArgBits::test(Guard{1, false, ~0ull});
  EXPECT_EQ(compose(CalleeTest, ArgBits::nonNull()), ArgBits::constant(0));
  EXPECT_EQ(compose(CalleeTest, ArgBits::constant(0)), ArgBits::constant(1));
  EXPECT_EQ(compose(CalleeTest, ArgBits::param(4)),
            ArgBits::test(Guard{4, false, ~0ull}));
  // A bool parameter passed through unchanged is the caller's test.
  ArgBits BoolParam = truncate(ArgBits::param(2), 1);
  EXPECT_EQ(compose(BoolParam, NotHead), NotHead);
  // Arithmetic on a test knows only that it is 0 or 1.
  EXPECT_EQ(resolve(orBits(NotHead, ArgBits::constant(2)), 2, true).K,
            Resolved::Always);
  EXPECT_EQ(resolve(join(NotHead, ArgBits::constant(1)), 1, true).K,
            Resolved::Unknown);
}

TEST(GuardsTest, ValueComparisonsAreGuards) {
  // `state == RUNSTATE_runnable` (1) on a 32-bit parameter.
  const uint64_t W = 0xffffffff;
  ArgBits State = truncate(ArgBits::param(1), 32);
  Resolved R = resolve(State, Guard::value(0, W, 1, true));
  ASSERT_EQ(R.K, Resolved::OnParam);
  EXPECT_EQ(R.G, Guard::value(1, W, 1, true));
  EXPECT_EQ(R.G.str(), "($1 & 0xffffffff) == 0x1");
  // A caller's constant decides it.
  EXPECT_EQ(resolve(ArgBits::constant(1), R.G).K, Resolved::Always);
  EXPECT_EQ(resolve(ArgBits::constant(2), R.G).K, Resolved::Never);
  EXPECT_EQ(resolve(ArgBits::constant(2), R.G.negated()).K, Resolved::Always);
  // A known bit that differs decides it too; an added bit hides P.
  EXPECT_EQ(resolve(orBits(State, ArgBits::constant(4)), R.G).K,
            Resolved::Never);
  EXPECT_EQ(resolve(orBits(State, ArgBits::top()), R.G).K, Resolved::Unknown);
  // The comparison passed on as a bool: the callee's `if (atomic)`.
  ArgBits Atomic = ArgBits::test(R.G);
  Resolved A = resolve(Atomic, 1, false);
  ASSERT_EQ(A.K, Resolved::OnParam);
  EXPECT_EQ(A.G, Guard::value(1, W, 1, false));
  EXPECT_EQ(
      compose(ArgBits::test(Guard::value(0, W, 1, true)), ArgBits::constant(1)),
      ArgBits::constant(1));

  // Lists: `== 1` and `== 2` clash, `== 1` implies `!= 2` and bit 0 set.
  GuardList L;
  ASSERT_TRUE(addGuard(L, Guard::value(1, W, 1, true)));
  EXPECT_FALSE(compatible(L, Guard::value(1, W, 2, true)));
  EXPECT_FALSE(compatible(L, Guard::value(1, W, 1, false)));
  EXPECT_FALSE(compatible(L, Guard{1, false, 1}));
  EXPECT_FALSE(compatible(L, Guard{1, true, 2}));
  EXPECT_TRUE(compatible(L, Guard{1, true, 1}));
  EXPECT_TRUE(weakerOrEqual(GuardList{Guard::value(1, W, 2, false)}, L));
  EXPECT_TRUE(weakerOrEqual(GuardList{Guard{1, true, 1}}, L));
  GuardList Other;
  addGuard(Other, Guard::value(1, W, 3, true));
  EXPECT_TRUE(intersect(L, Other).empty());
  EXPECT_EQ(intersect(L, L), L);
  // A bit guard first, then a value it rules out.
  GuardList Bits;
  addGuard(Bits, Guard{1, false, 1});
  EXPECT_FALSE(compatible(Bits, Guard::value(1, W, 1, true)));
  EXPECT_TRUE(compatible(Bits, Guard::value(1, W, 2, true)));
}

} // namespace

//===- DataflowTest.cpp - held-lock dataflow over hand-built IR -----------===//
//
// Each test builds a FunctionIR by hand (no Clang) and records the state the
// dataflow reports before marker events: a Wait on a literal domain whose
// name labels the program point.
//
//===----------------------------------------------------------------------===//
#include "analysis/Dataflow.h"

#include "gtest/gtest.h"
#include <algorithm>
#include <map>

using namespace holdwait;

namespace {

Term cls(const std::string &C) {
  Term T;
  T.Class = C;
  T.Instance = C;
  return T;
}

Term param(int16_t Root, const std::string &Path = "") {
  Term T;
  T.Root = Root;
  T.Path = Path;
  T.Instance = "$" + std::to_string(Root) + Path;
  return T;
}

Loc at(uint32_t Line) {
  Loc L;
  L.File = 0;
  L.Line = Line;
  L.Col = 1;
  return L;
}

Event lockEv(EventKind K, const Term &L, uint32_t Line, int32_t Owner = -1) {
  Event E;
  E.Kind = K;
  E.Lock = L;
  E.At = at(Line);
  E.Owner = Owner;
  E.Callee = 100 + Line;
  return E;
}
Event acquire(const Term &L, uint32_t Line, int32_t Owner = -1) {
  return lockEv(EventKind::Acquire, L, Line, Owner);
}
Event release(const Term &L, uint32_t Line) {
  return lockEv(EventKind::Release, L, Line);
}
Event ownerEv(EventKind K, int32_t Owner, uint32_t Line) {
  Event E;
  E.Kind = K;
  E.Owner = Owner;
  E.At = at(Line);
  return E;
}
/// A marker: a wait on a literal domain named Label.
Event mark(const std::string &Label) {
  Event E;
  E.Kind = EventKind::Wait;
  E.WKind = WaitKind::Sleep;
  E.Dom.Literal = Label;
  return E;
}
Event call(std::vector<uint32_t> Targets, std::vector<Term> Args = {},
           uint32_t Line = 50) {
  Event E;
  E.Kind = EventKind::Call;
  E.Callee = Targets.empty() ? NoIndex : Targets[0];
  E.Targets.assign(Targets.begin(), Targets.end());
  E.Args.assign(Args.begin(), Args.end());
  E.At = at(Line);
  return E;
}

Edge to(uint32_t B, int32_t TryId = -1, bool OnSuccess = false) {
  Edge E;
  E.To = B;
  E.TryId = TryId;
  E.OnSuccess = OnSuccess;
  return E;
}

/// A function of N blocks; block 0 is the entry, block N-1 the exit.
FunctionIR function(size_t N) {
  FunctionIR F;
  F.Blocks.resize(N);
  F.Entry = 0;
  F.Exit = uint32_t(N - 1);
  return F;
}

std::vector<std::string> keysOf(const std::vector<HeldLock> &V) {
  std::vector<std::string> K;
  for (const HeldLock &H : V)
    K.push_back(H.Lock.display());
  std::sort(K.begin(), K.end());
  return K;
}
std::vector<std::string> keysOf(const std::vector<const HeldLock *> &V) {
  std::vector<std::string> K;
  for (const HeldLock *H : V)
    K.push_back(H->Lock.display());
  std::sort(K.begin(), K.end());
  return K;
}
std::vector<std::string> keysOf(const TermList &V) {
  std::vector<std::string> K;
  for (const Term &T : V)
    K.push_back(T.display());
  std::sort(K.begin(), K.end());
  return K;
}
using Keys = std::vector<std::string>;

/// Runs the dataflow and keeps the state before every marker.
struct Flow {
  std::map<std::string, LockState> At;
  std::map<std::string, unsigned> Visits;
  DataflowResult R;

  Flow(const FunctionIR &F, SummaryLookup Lookup = nullptr) {
    if (!Lookup)
      Lookup = [](uint32_t) -> const FunctionSummary * { return nullptr; };
    EventVisitor V = [this](const Event &E, const LockState &S) {
      if (E.Kind == EventKind::Wait && !E.Dom.Literal.empty()) {
        At[E.Dom.Literal] = S;
        ++Visits[E.Dom.Literal];
      }
    };
    // Track Before too (the facts pass does for functions that signal).
    R = runDataflow(F, Lookup, &V, /*MaxIterations=*/64, /*TrackBefore=*/true);
  }
  const LockState &operator[](const std::string &L) const {
    static const LockState None;
    auto It = At.find(L);
    EXPECT_NE(It, At.end()) << "marker " << L << " was not visited";
    return It == At.end() ? None : It->second;
  }
};

const HeldLock *findHeld(const std::vector<HeldLock> &V,
                         const std::string &Class) {
  for (const HeldLock &H : V)
    if (H.Lock.Class == Class)
      return &H;
  return nullptr;
}

TEST(DataflowTest, AcquireWaitRelease) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {mark("start"), acquire(cls("a"), 10), mark("held"),
                        release(cls("a"), 12), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_TRUE(R.R.Converged);
  EXPECT_EQ(keysOf(R["start"].Must), Keys{});
  EXPECT_EQ(keysOf(R["held"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["held"].May), Keys{"a"});
  const HeldLock *H = findHeld(R["held"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Site, at(10));
  EXPECT_EQ(H->Via, 110u);
  EXPECT_EQ(H->Owner, -1);
  EXPECT_FALSE(H->Restored);
  EXPECT_EQ(keysOf(R["after"].Must), Keys{});
  EXPECT_EQ(keysOf(R["after"].May), Keys{});
  // Before remembers what was taken on the way.
  EXPECT_EQ(keysOf(R["after"].before()), Keys{"a"});
  EXPECT_EQ(keysOf(R["after"].Released), Keys{});
  EXPECT_TRUE(R.R.Exit.Reached);
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{});
}

TEST(DataflowTest, LockHeldAtExitIsInExitState) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1), acquire(cls("b"), 2),
                        release(cls("a"), 3)};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{"b"});
  EXPECT_EQ(keysOf(R.R.Exit.before()), (Keys{"a", "b"}));
}

TEST(DataflowTest, BeforeIsOnlyTrackedOnRequest) {
  // The summary pass does not ask for Before (only signals read it); the
  // held locks must not change because of that.
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1), acquire(cls("b"), 2),
                        release(cls("a"), 3)};
  F.Blocks[0].Succs = {to(1)};
  SummaryLookup None = [](uint32_t) -> const FunctionSummary * {
    return nullptr;
  };
  DataflowResult Plain = runDataflow(F, None);
  EXPECT_EQ(keysOf(Plain.Exit.Must), Keys{"b"});
  EXPECT_EQ(keysOf(Plain.Exit.May), Keys{"b"});
  EXPECT_EQ(keysOf(Plain.Exit.before()), Keys{});
}

TEST(DataflowTest, JoinIntersectsMustAndUnitesMay) {
  // 0: take a, b -> 1 | 2;  1: release a -> 3;  2: -> 3;  3: join -> 4
  FunctionIR F = function(5);
  F.Blocks[0].Events = {acquire(cls("a"), 1), acquire(cls("b"), 2)};
  F.Blocks[0].Succs = {to(1), to(2)};
  F.Blocks[1].Events = {release(cls("a"), 3), mark("released")};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Events = {mark("kept")};
  F.Blocks[2].Succs = {to(3)};
  F.Blocks[3].Events = {mark("join")};
  F.Blocks[3].Succs = {to(4)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["released"].Must), Keys{"b"});
  EXPECT_EQ(keysOf(R["kept"].Must), (Keys{"a", "b"}));
  EXPECT_EQ(keysOf(R["join"].Must), Keys{"b"});
  EXPECT_EQ(keysOf(R["join"].May), (Keys{"a", "b"}));
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{"b"});
  EXPECT_EQ(keysOf(R.R.Exit.May), (Keys{"a", "b"}));
}

TEST(DataflowTest, JoinKeepsLockTakenOnBothPaths) {
  // The same lock taken on both arms is must-held after the join.
  FunctionIR F = function(5);
  F.Blocks[0].Succs = {to(1), to(2)};
  F.Blocks[1].Events = {acquire(cls("a"), 1)};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Events = {acquire(cls("a"), 2)};
  F.Blocks[2].Succs = {to(3)};
  F.Blocks[3].Events = {mark("join")};
  F.Blocks[3].Succs = {to(4)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["join"].Must), Keys{"a"});
}

TEST(DataflowTest, OnePassConvergesWithoutLoops) {
  // A diamond: every block's predecessors come first in RPO, so one pass
  // is a fixpoint. (Every function used to count as cut at
  // --budget=dataflow-rounds=1, and every function ran a second pass.)
  FunctionIR F = function(5);
  F.Blocks[0].Events = {acquire(cls("a"), 1)};
  F.Blocks[0].Succs = {to(1), to(2)};
  F.Blocks[1].Events = {release(cls("a"), 2)};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Succs = {to(3)};
  F.Blocks[3].Succs = {to(4)};
  SummaryLookup None = [](uint32_t) -> const FunctionSummary * {
    return nullptr;
  };
  DataflowResult R = runDataflow(F, None, nullptr, /*MaxIterations=*/1);
  EXPECT_TRUE(R.Converged);
  EXPECT_EQ(keysOf(R.Exit.May), Keys{"a"});

  // A loop whose body changes what reaches its header needs another pass.
  FunctionIR L = function(4);
  L.Blocks[0].Succs = {to(1)};
  L.Blocks[1].Succs = {to(2), to(3)};
  L.Blocks[2].Events = {acquire(cls("a"), 3)};
  L.Blocks[2].Succs = {to(1)};
  EXPECT_FALSE(runDataflow(L, None, nullptr, 1).Converged);
  EXPECT_TRUE(runDataflow(L, None, nullptr, 64).Converged);
}

TEST(DataflowTest, LoopThatReleasesAndRetakes) {
  // 0: take a -> 1;  1 (header): -> 2 | 3;  2: release a, wait, take a -> 1
  FunctionIR F = function(4);
  F.Blocks[0].Events = {acquire(cls("a"), 1)};
  F.Blocks[0].Succs = {to(1)};
  F.Blocks[1].Events = {mark("header")};
  F.Blocks[1].Succs = {to(2), to(3)};
  F.Blocks[2].Events = {release(cls("a"), 2), mark("body"),
                        acquire(cls("a"), 3)};
  F.Blocks[2].Succs = {to(1)};
  Flow R(F);
  EXPECT_TRUE(R.R.Converged);
  EXPECT_EQ(keysOf(R["header"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["body"].Must), Keys{});
  EXPECT_EQ(keysOf(R["body"].May), Keys{});
  EXPECT_EQ(keysOf(R["body"].Released), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{"a"});
  // Replay visits each reachable block once.
  EXPECT_EQ(R.Visits["header"], 1u);
  EXPECT_EQ(R.Visits["body"], 1u);
}

TEST(DataflowTest, UnidentifiableOwnedLockInALoopConverges) {
  // An owner takes a lock with no class and an unknown instance in a loop.
  // Such a lock is not sameLock() even with itself, so every join used to
  // append it again: the loop never converged, and with two paths inside the
  // loop the list doubled per iteration (found by the analyzer fuzz
  // target). 0 -> 1 (header) -> 2 (take) -> 1; 1 -> 3 (exit).
  FunctionIR F = function(4);
  F.Blocks[0].Succs = {to(1)};
  F.Blocks[1].Events = {mark("header")};
  F.Blocks[1].Succs = {to(2), to(3)};
  Term Unknown;
  Unknown.Instance = Term::unknownInstance();
  F.Blocks[2].Events = {acquire(Unknown, 2, /*Owner=*/0)};
  F.Blocks[2].Succs = {to(1)};
  Flow R(F);
  EXPECT_TRUE(R.R.Converged);
  EXPECT_EQ(R["header"].Owned.size(), 1u);
  EXPECT_EQ(R.R.Exit.Owned.size(), 1u);
}

TEST(DataflowTest, LoopThatOnlyReleasesLosesMustHeld) {
  // 0: take a -> 1;  1 (header) -> 2 | 3;  2: release a -> 1
  FunctionIR F = function(4);
  F.Blocks[0].Events = {acquire(cls("a"), 1)};
  F.Blocks[0].Succs = {to(1)};
  F.Blocks[1].Events = {mark("header")};
  F.Blocks[1].Succs = {to(2), to(3)};
  F.Blocks[2].Events = {release(cls("a"), 2)};
  F.Blocks[2].Succs = {to(1)};
  Flow R(F);
  EXPECT_TRUE(R.R.Converged);
  EXPECT_EQ(keysOf(R["header"].Must), Keys{});
  EXPECT_EQ(keysOf(R["header"].May), Keys{"a"});
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.May), Keys{"a"});
  // a was taken here: releasing it is not releasing a caller's lock.
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, UnreachableBlockIsNotVisited) {
  FunctionIR F = function(3);
  F.Blocks[0].Succs = {to(2)};
  F.Blocks[1].Events = {mark("dead")};
  F.Blocks[1].Succs = {to(2)};
  bool Seen = false;
  EventVisitor V = [&](const Event &, const LockState &) { Seen = true; };
  runDataflow(
      F, [](uint32_t) -> const FunctionSummary * { return nullptr; }, &V);
  EXPECT_FALSE(Seen);
}

TEST(DataflowTest, TrylockHeldOnlyOnSuccessEdge) {
  // 0: try a (id 0) -> 1 on success | 2 on failure;  1: ok, release -> 3;
  // 2: fail -> 3;  3: end -> 4
  FunctionIR F = function(5);
  Event T = lockEv(EventKind::TryAcquire, cls("a"), 1);
  T.TryId = 0;
  F.Blocks[0].Events = {T, mark("pending")};
  F.Blocks[0].Succs = {to(2, 0, false), to(1, 0, true)};
  F.Blocks[1].Events = {mark("ok"), release(cls("a"), 2)};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Events = {mark("fail")};
  F.Blocks[2].Succs = {to(3)};
  F.Blocks[3].Events = {mark("end")};
  F.Blocks[3].Succs = {to(4)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["pending"].Must), Keys{});
  EXPECT_EQ(keysOf(R["pending"].May), Keys{"a"});
  ASSERT_EQ(R["pending"].Pending.size(), 1u);
  EXPECT_EQ(R["pending"].Pending[0].first, 0);
  EXPECT_EQ(keysOf(R["ok"].Must), Keys{"a"});
  EXPECT_TRUE(R["ok"].Pending.empty());
  EXPECT_EQ(keysOf(R["fail"].Must), Keys{});
  EXPECT_EQ(keysOf(R["fail"].May), Keys{});
  EXPECT_TRUE(R["fail"].Pending.empty());
  EXPECT_EQ(keysOf(R["end"].Must), Keys{});
  EXPECT_EQ(keysOf(R["end"].May), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

Edge when(uint32_t B, int16_t Param, bool NonZero, uint64_t Mask) {
  Edge E = to(B);
  E.When = Guard{Param, NonZero, Mask};
  return E;
}

TEST(DataflowTest, GuardsOnOneParameterCorrelateBranches) {
  // if ($0 & 1) lock a;  mid;  if ($0 & 1) { unlock a; }  end
  // 0 -> 1 (if $0&1) | 2 (if !($0&1));  1: lock -> 2;  2: mid -> 3 | 4;
  // 3: unlock -> 4;  4: end -> 5
  FunctionIR F = function(6);
  F.Blocks[0].Succs = {when(1, 0, true, 1), when(2, 0, false, 1)};
  F.Blocks[1].Events = {acquire(cls("a"), 1), mark("locked")};
  F.Blocks[1].Succs = {to(2)};
  F.Blocks[2].Events = {mark("mid")};
  F.Blocks[2].Succs = {when(3, 0, true, 1), when(4, 0, false, 1)};
  F.Blocks[3].Events = {mark("unlock"), release(cls("a"), 3)};
  F.Blocks[3].Succs = {to(4)};
  F.Blocks[4].Events = {mark("end")};
  F.Blocks[4].Succs = {to(5)};
  Flow R(F);
  ASSERT_EQ(R["locked"].Guards.size(), 1u);
  EXPECT_EQ(R["locked"].Guards[0], (Guard{0, true, 1}));
  // At the join the paths disagree: no guard, the lock maybe held.
  EXPECT_TRUE(R["mid"].Guards.empty());
  EXPECT_EQ(keysOf(R["mid"].May), Keys{"a"});
  EXPECT_EQ(R["unlock"].Guards, R["locked"].Guards);
  EXPECT_EQ(keysOf(R["end"].Must), Keys{});
}

TEST(DataflowTest, AnEdgeItsPathRulesOutIsNotTaken) {
  // if (!($0 & 0x400)) { if ($0 & 0x400) never; } end
  // 0 -> 1 | 2;  1: clear -> 2 | 3;  3: never -> 2;  2: end -> 4
  FunctionIR F = function(5);
  F.Blocks[0].Succs = {when(1, 0, false, 0x400), when(2, 0, true, 0x400)};
  F.Blocks[1].Events = {mark("clear")};
  F.Blocks[1].Succs = {when(2, 0, false, 0x400), when(3, 0, true, 0x400)};
  F.Blocks[3].Events = {mark("never")};
  F.Blocks[3].Succs = {to(2)};
  F.Blocks[2].Events = {mark("end")};
  F.Blocks[2].Succs = {to(4)};
  Flow R(F);
  EXPECT_EQ(R.Visits.count("never"), 0u);
  EXPECT_EQ(R.Visits["clear"], 1u);
  EXPECT_TRUE(R["end"].Guards.empty());
}

TEST(DataflowTest, TrylockSuccessPathHeldAtExit) {
  // if (!trylock(a)) return; ...  -- held at the exit only on one path.
  FunctionIR F = function(3);
  Event T = lockEv(EventKind::TryAcquire, cls("a"), 1);
  T.TryId = 0;
  F.Blocks[0].Events = {T};
  F.Blocks[0].Succs = {to(2, 0, false), to(1, 0, true)};
  F.Blocks[1].Events = {mark("ok")};
  F.Blocks[1].Succs = {to(2)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["ok"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.May), Keys{"a"});
}

TEST(DataflowTest, OwnedTryDecidedByItsEdges) {
  // unique_lock lk(a, defer_lock); if (lk.try_lock()) { ... }
  FunctionIR F = function(4);
  Event T = ownerEv(EventKind::OwnedTry, 0, 2);
  T.TryId = 3;
  F.Blocks[0].Events = {lockEv(EventKind::Defer, cls("a"), 1, 0), T,
                        mark("tried")};
  F.Blocks[0].Succs = {to(1, 3, true), to(2, 3, false)};
  F.Blocks[1].Events = {mark("ok")};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Events = {mark("fail")};
  F.Blocks[2].Succs = {to(3)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["tried"].Must), Keys{});
  EXPECT_EQ(keysOf(R["tried"].May), Keys{"a"});
  EXPECT_EQ(keysOf(R["ok"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["fail"].Must), Keys{});
  EXPECT_EQ(keysOf(R["fail"].May), Keys{});
  EXPECT_TRUE(R["ok"].PendingOwner.empty());
}

TEST(DataflowTest, OwnsQueryFailureEdgeDropsTheLock) {
  // if (!lk.owns_lock()) ... : on that edge the owner holds nothing.
  FunctionIR F = function(4);
  Event Q = ownerEv(EventKind::OwnsQuery, 0, 2);
  Q.TryId = 0;
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0), Q};
  F.Blocks[0].Succs = {to(1, 0, true), to(2, 0, false)};
  F.Blocks[1].Events = {mark("owns")};
  F.Blocks[1].Succs = {to(3)};
  F.Blocks[2].Events = {mark("not-owns")};
  F.Blocks[2].Succs = {to(3)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["owns"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["not-owns"].Must), Keys{});
  EXPECT_EQ(keysOf(R["not-owns"].May), Keys{});
}

TEST(DataflowTest, RecursiveAcquireNeedsTwoReleases) {
  FunctionIR F = function(2);
  Event A1 = acquire(cls("r"), 1);
  A1.Recursive = true;
  Event A2 = acquire(cls("r"), 2);
  A2.Recursive = true;
  F.Blocks[0].Events = {A1,
                        A2,
                        release(cls("r"), 3),
                        mark("once"),
                        release(cls("r"), 4),
                        mark("twice")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["once"].Must), Keys{"r"});
  EXPECT_EQ(keysOf(R["twice"].Must), Keys{});
  EXPECT_EQ(keysOf(R["twice"].Released), Keys{});
}

TEST(DataflowTest, ScopedOwnerReleasesWhatItOwns) {
  FunctionIR F = function(2);
  F.Slots = {"g"};
  F.Blocks[0].Events = {acquire(cls("a"), 1, /*Owner=*/0), mark("in"),
                        ownerEv(EventKind::OwnedRelease, 0, 2), mark("out")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  const HeldLock *H = findHeld(R["in"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Owner, 0);
  ASSERT_EQ(R["in"].ownedBy(0).size(), 1u);
  EXPECT_EQ(R["in"].ownedBy(0)[0]->Lock.Class, "a");
  EXPECT_TRUE(R["in"].ownedBy(1).empty());
  EXPECT_EQ(keysOf(R["out"].Must), Keys{});
  EXPECT_EQ(keysOf(R["out"].May), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, ScopedOwnerInALoopConverges) {
  // 0 -> 1 (header) -> 2 | 3;  2: guard takes a, owned release -> 1.
  // The guard's slot owns a once, however many passes the loop makes.
  FunctionIR F = function(4);
  F.Slots = {"g"};
  F.Blocks[0].Succs = {to(1)};
  F.Blocks[1].Events = {mark("header")};
  F.Blocks[1].Succs = {to(2), to(3)};
  F.Blocks[2].Events = {acquire(cls("a"), 1, /*Owner=*/0), mark("in"),
                        ownerEv(EventKind::OwnedRelease, 0, 2)};
  F.Blocks[2].Succs = {to(1)};
  Flow R(F);
  EXPECT_TRUE(R.R.Converged);
  EXPECT_EQ(R["in"].ownedBy(0).size(), 1u);
  EXPECT_EQ(keysOf(R["header"].Must), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Must), Keys{});
}

TEST(DataflowTest, OwnedReleaseLeavesOtherHolderAlone) {
  // Two guards on different locks: releasing one keeps the other.
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0), acquire(cls("b"), 2, 1),
                        ownerEv(EventKind::OwnedRelease, 0, 3), mark("one")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["one"].Must), Keys{"b"});
}

TEST(DataflowTest, DeferThenOwnedAcquire) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {
      lockEv(EventKind::Defer, cls("a"), 1, 0), mark("deferred"),
      ownerEv(EventKind::OwnedAcquire, 0, 2),   mark("taken"),
      ownerEv(EventKind::OwnedRelease, 0, 3),   mark("dropped"),
      ownerEv(EventKind::OwnedAcquire, 0, 4),   mark("again")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["deferred"].Must), Keys{});
  EXPECT_EQ(keysOf(R["deferred"].May), Keys{});
  ASSERT_EQ(R["deferred"].ownedBy(0).size(), 1u);
  EXPECT_EQ(keysOf(R["taken"].Must), Keys{"a"});
  const HeldLock *H = findHeld(R["taken"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Site, at(2)); // where the owner re-took it
  EXPECT_EQ(keysOf(R["dropped"].Must), Keys{});
  EXPECT_EQ(keysOf(R["again"].Must), Keys{"a"});
}

TEST(DataflowTest, DisownKeepsTheLockHeld) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0),
                        ownerEv(EventKind::Disown, 0, 2),
                        mark("disowned"),
                        ownerEv(EventKind::OwnedRelease, 0, 3),
                        mark("dtor"),
                        release(cls("a"), 4),
                        mark("unlocked")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["disowned"].Must), Keys{"a"});
  EXPECT_TRUE(R["disowned"].ownedBy(0).empty());
  const HeldLock *H = findHeld(R["disowned"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Owner, -1);
  // The owner's destructor no longer drops it.
  EXPECT_EQ(keysOf(R["dtor"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["unlocked"].Must), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, TransferMovesOwnership) {
  FunctionIR F = function(2);
  Event Tr;
  Tr.Kind = EventKind::Transfer;
  Tr.Source = 0;
  Tr.Owner = 1;
  Tr.At = at(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0),
                        Tr,
                        mark("moved"),
                        ownerEv(EventKind::OwnedRelease, 0, 3),
                        mark("source-dtor"),
                        ownerEv(EventKind::OwnedRelease, 1, 4),
                        mark("gone")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["moved"].Must), Keys{"a"});
  const HeldLock *H = findHeld(R["moved"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Owner, 1);
  EXPECT_TRUE(R["moved"].ownedBy(0).empty());
  EXPECT_EQ(R["moved"].ownedBy(1).size(), 1u);
  EXPECT_EQ(keysOf(R["source-dtor"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["gone"].Must), Keys{});
}

TEST(DataflowTest, AdoptTakesOwnershipOfHeldLock) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {
      acquire(cls("a"), 1), lockEv(EventKind::Adopt, cls("a"), 2, 0),
      mark("adopted"), ownerEv(EventKind::OwnedRelease, 0, 3), mark("gone")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  const HeldLock *H = findHeld(R["adopted"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Owner, 0);
  EXPECT_EQ(H->Site, at(1)); // still the original acquisition
  EXPECT_EQ(keysOf(R["gone"].Must), Keys{});
}

TEST(DataflowTest, ReleaseOfCallersLockThenRestore) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {release(cls("a"), 1), mark("released"),
                        acquire(cls("a"), 2), mark("restored")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["released"].Must), Keys{});
  EXPECT_EQ(keysOf(R["released"].Released), Keys{"a"});
  EXPECT_EQ(keysOf(R["restored"].Must), Keys{"a"});
  EXPECT_EQ(keysOf(R["restored"].Released), Keys{});
  const HeldLock *H = findHeld(R["restored"].Must, "a");
  ASSERT_NE(H, nullptr);
  EXPECT_TRUE(H->Restored);
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, ReleaseOfParameterLockIsRecorded) {
  FunctionIR F = function(2);
  F.NumParams = 1;
  F.Blocks[0].Events = {release(param(0), 1)};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  ASSERT_EQ(R.R.Exit.Released.size(), 1u);
  EXPECT_EQ(R.R.Exit.Released[0].Root, 0);
  EXPECT_EQ(R.R.Exit.Released[0].display(), "$0");
}

TEST(DataflowTest, ReleaseOfLocalOrUnknownLockIsNotACallersLock) {
  Term Local = cls("fn::m");
  Local.Instance = "m";
  Local.Local = true;
  Term Unknown;
  Unknown.Instance = "?";
  FunctionIR F = function(2);
  F.Blocks[0].Events = {release(Local, 1), release(Term(), 2), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["after"].Released), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, ReleasedOnOnePathIsReleasedAfterJoin) {
  FunctionIR F = function(4);
  F.Blocks[0].Succs = {to(1), to(2)};
  F.Blocks[1].Events = {release(cls("a"), 1)};
  F.Blocks[1].Succs = {to(2)};
  F.Blocks[2].Events = {mark("join")};
  F.Blocks[2].Succs = {to(3)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["join"].Released), Keys{"a"});
}

TEST(DataflowTest, InstancesOfOneClassAreMatchedByInstance) {
  // Two instances of one class: releasing the second leaves the first.
  Term A = cls("dev.lock");
  A.Instance = "x->lock";
  Term B = cls("dev.lock");
  B.Instance = "y->lock";
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(A, 1), acquire(B, 2), release(B, 3),
                        mark("one")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  ASSERT_EQ(R["one"].Must.size(), 1u);
  EXPECT_EQ(R["one"].Must[0].Lock.Instance, "x->lock");
  EXPECT_EQ(R["one"].Must[0].Site, at(1));
  // What is held on every path is held on some path: x->lock is may-held.
  EXPECT_EQ(keysOf(R["one"].May), Keys{"dev.lock"});
}

TEST(DataflowTest, SameLockComparesClassesThenInstances) {
  Term A = cls("dev.lock");
  A.Instance = "x->lock";
  Term B = cls("dev.lock");
  B.Instance = "y->lock";
  EXPECT_TRUE(sameLock(A, B));
  EXPECT_FALSE(sameLock(A, cls("other.lock")));
  EXPECT_TRUE(sameLock(param(0), param(0)));
  EXPECT_FALSE(sameLock(param(0), param(1)));
  EXPECT_FALSE(sameLock(param(0), cls("a")));
  Term U;
  U.Instance = "?";
  EXPECT_FALSE(sameLock(U, U));
}

//===----------------------------------------------------------------------===//
// Calls: the callee's summary applied with substitution.
//===----------------------------------------------------------------------===//

struct Summaries {
  std::map<uint32_t, FunctionSummary> By;
  SummaryLookup lookup() const {
    return [this](uint32_t S) -> const FunctionSummary * {
      auto It = By.find(S);
      return It == By.end() ? nullptr : &It->second;
    };
  }
};

HeldLock held(const Term &T, uint32_t Line, uint32_t Via) {
  HeldLock H;
  H.Lock = T;
  H.Site = at(Line);
  H.Via = Via;
  return H;
}

TEST(DataflowTest, CallAppliesNetAcquiredWithSubstitution) {
  Summaries S;
  // 7: lock_dev(struct dev *d) { mutex_lock(&d->lock) } as a rooted term.
  S.By[7].NetAcquired = {held(param(0, ".lock"), 70, 200)};
  // 8: unlock_dev(d) releases it again.
  S.By[8].NetReleased = {param(0, ".lock")};
  Term Arg = cls("dev");
  Arg.Instance = "x->dev";
  FunctionIR F = function(2);
  F.Blocks[0].Events = {call({7}, {Arg}, 5), mark("locked"),
                        call({8}, {Arg}, 6), mark("unlocked")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  ASSERT_EQ(R["locked"].Must.size(), 1u);
  const HeldLock &H = R["locked"].Must[0];
  EXPECT_EQ(H.Lock.Class, "dev.lock");
  EXPECT_EQ(H.Lock.Root, Term::NoRoot);
  EXPECT_EQ(H.Lock.Instance, "x->dev.lock");
  EXPECT_EQ(H.Site, at(5));
  EXPECT_EQ(H.Via, 7u);
  ASSERT_EQ(H.Inner.size(), 1u);
  EXPECT_EQ(H.Inner[0].Fn, 7u);
  EXPECT_EQ(H.Inner[0].At, at(70));
  EXPECT_EQ(H.Inner[0].Callee, 200u);
  EXPECT_EQ(keysOf(R["unlocked"].Must), Keys{});
  EXPECT_EQ(keysOf(R["unlocked"].May), Keys{});
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{});
}

TEST(DataflowTest, CallPassingOwnParameterKeepsItRooted) {
  Summaries S;
  S.By[7].NetAcquired = {held(param(0), 70, 200)};
  FunctionIR F = function(2);
  F.NumParams = 2;
  F.Blocks[0].Events = {call({7}, {param(1)}, 5)};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  ASSERT_EQ(R.R.Exit.Must.size(), 1u);
  EXPECT_EQ(R.R.Exit.Must[0].Lock.Root, 1);
  EXPECT_EQ(R.R.Exit.Must[0].Lock.Instance, "$1");
}

TEST(DataflowTest, CalleeReleasingCallersLock) {
  Summaries S;
  S.By[8].NetReleased = {param(0)};
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("big"), 1), call({8}, {cls("big")}, 2),
                        mark("after"), call({8}, {cls("other")}, 3)};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  EXPECT_EQ(keysOf(R["after"].Must), Keys{});
  EXPECT_EQ(keysOf(R["after"].Released), Keys{});
  // A lock not taken here is the caller's: recorded as released.
  EXPECT_EQ(keysOf(R.R.Exit.Released), Keys{"other"});
}

TEST(DataflowTest, UnknownCalleeChangesNothing) {
  FunctionIR F = function(2);
  F.Blocks[0].Events = {acquire(cls("a"), 1), call({9}, {cls("a")}, 2),
                        call({}, {}, 3), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F);
  EXPECT_EQ(keysOf(R["after"].Must), Keys{"a"});
}

TEST(DataflowTest, VirtualCallHoldsOnlyWhatEveryTargetReturnsHolding) {
  Summaries S;
  S.By[7].NetAcquired = {held(cls("a"), 70, 200), held(cls("b"), 71, 200)};
  S.By[8].NetAcquired = {held(cls("b"), 80, 200)};
  FunctionIR F = function(2);
  F.Blocks[0].Events = {call({7, 8}, {}, 5), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  EXPECT_EQ(keysOf(R["after"].Must), Keys{"b"});
}

TEST(DataflowTest, CallWithAnUnknownTargetHoldsNothing) {
  Summaries S;
  S.By[7].NetAcquired = {held(cls("a"), 70, 200)};
  FunctionIR F = function(2);
  F.Blocks[0].Events = {call({7, 99}, {}, 5), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  EXPECT_EQ(keysOf(R["after"].Must), Keys{});
}

TEST(DataflowTest, ResultOwnerOwnsReturnedLock) {
  // auto g = make_guard(x); ... g's destructor.
  Summaries S;
  S.By[7].NetAcquired = {held(param(0), 70, 200)};
  FunctionIR F = function(2);
  F.Slots = {"g"};
  Event C = call({7}, {cls("x.lock")}, 5);
  C.ResultOwner = 0;
  F.Blocks[0].Events = {C, mark("guarded"),
                        ownerEv(EventKind::OwnedRelease, 0, 6), mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  const HeldLock *H = findHeld(R["guarded"].Must, "x.lock");
  ASSERT_NE(H, nullptr);
  EXPECT_EQ(H->Owner, 0);
  EXPECT_EQ(R["guarded"].ownedBy(0).size(), 1u);
  EXPECT_EQ(keysOf(R["after"].Must), Keys{});
}

TEST(DataflowTest, ReleasesOwnerCallDropsOwnedLocks) {
  // A user-written guard's destructor (9) unlocks $this.m: it releases what
  // its object owns, not its summary's terms.
  Summaries S;
  S.By[9].NetReleased = {[] {
    Term T;
    T.Root = Term::ThisRoot;
    T.Path = ".m";
    T.Instance = "$this.m";
    return T;
  }()};
  FunctionIR F = function(2);
  F.Slots = {"g", "h"};
  Event D = call({9}, {}, 6);
  D.ReleasesOwner = true;
  D.Owner = 0;
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0), acquire(cls("b"), 2, 1), D,
                        mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  EXPECT_EQ(keysOf(R["after"].Must), Keys{"b"});
  EXPECT_EQ(keysOf(R["after"].Released), Keys{});
}

TEST(DataflowTest, ReleasesOwnerCallThatReleasesNothingKeepsLock) {
  Summaries S;
  S.By[9] = FunctionSummary(); // a destructor that does not unlock
  FunctionIR F = function(2);
  F.Slots = {"g"};
  Event D = call({9}, {}, 6);
  D.ReleasesOwner = true;
  D.Owner = 0;
  F.Blocks[0].Events = {acquire(cls("a"), 1, 0), D, mark("after")};
  F.Blocks[0].Succs = {to(1)};
  Flow R(F, S.lookup());
  EXPECT_EQ(keysOf(R["after"].Must), Keys{"a"});
}

} // namespace

//===- SummariesTest.cpp - call-graph SCCs and bottom-up summaries --------===//
//
// Programs are built by hand: symbols, one-block function bodies and the
// DefinitionOf table, without Program::link.
//
//===----------------------------------------------------------------------===//
#include "analysis/Summaries.h"
#include "analysis/Effects.h"

#include "gtest/gtest.h"
#include <algorithm>
#include <chrono>

using namespace holdwait;

namespace {

Term cls(const std::string &C, const std::string &Instance = "") {
  Term T;
  T.Class = C;
  T.Instance = Instance.empty() ? C : Instance;
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

struct Builder {
  Program P;

  /// A symbol with no definition (a modelled primitive, an external).
  uint32_t decl(const std::string &Name) {
    Symbol S;
    S.USR = "c:@F@" + Name;
    S.Name = Name;
    P.Symbols.push_back(S);
    P.DefinitionOf.push_back(-1);
    return uint32_t(P.Symbols.size() - 1);
  }
  /// Defines a declared symbol with a single block of events.
  void define(uint32_t Sym, std::vector<Event> Events, uint16_t NumParams = 0) {
    FunctionIR F;
    F.Sym = Sym;
    F.NumParams = NumParams;
    F.Blocks.resize(2);
    F.Blocks[0].Events = std::move(Events);
    Edge E;
    E.To = 1;
    F.Blocks[0].Succs = {E};
    F.Entry = 0;
    F.Exit = 1;
    P.DefinitionOf[Sym] = int32_t(P.Functions.size());
    P.Functions.push_back(std::move(F));
  }
  uint32_t fn(const std::string &Name, std::vector<Event> Events,
              uint16_t NumParams = 0) {
    uint32_t S = decl(Name);
    define(S, std::move(Events), NumParams);
    return S;
  }
  int32_t idx(uint32_t Sym) const { return P.DefinitionOf[Sym]; }
};

Event call(uint32_t Target, std::vector<Term> Args, uint32_t Line) {
  Event E;
  E.Kind = EventKind::Call;
  E.Callee = Target;
  E.Targets = {Target};
  E.Args.assign(Args.begin(), Args.end());
  E.At = at(Line);
  return E;
}

Event lockEv(EventKind K, const Term &L, uint32_t Callee, uint32_t Line,
             LockKind LK = LockKind::Mutex) {
  Event E;
  E.Kind = K;
  E.Lock = L;
  E.LKind = LK;
  E.Callee = Callee;
  E.At = at(Line);
  return E;
}

Event wait(WaitKind K, Domain D, uint32_t Callee, uint32_t Line) {
  Event E;
  E.Kind = EventKind::Wait;
  E.WKind = K;
  E.Dom = std::move(D);
  E.Sleeps = K != WaitKind::Wakeup;
  E.Callee = Callee;
  E.At = at(Line);
  return E;
}

Domain literal(const std::string &L) {
  Domain D;
  D.Literal = L;
  return D;
}

Domain objectDomain(const std::string &Prefix, const Term &Obj) {
  Domain D;
  D.Prefix = Prefix;
  D.Object = Obj;
  return D;
}

ChainStep step(uint32_t Fn, uint32_t Line, uint32_t Callee) {
  return ChainStep{Fn, at(Line), Callee};
}

bool sameChain(const Chain &A, const Chain &B) {
  if (A.size() != B.size())
    return false;
  for (size_t I = 0; I < A.size(); ++I)
    if (A[I].Fn != B[I].Fn || !(A[I].At == B[I].At) ||
        A[I].Callee != B[I].Callee)
      return false;
  return true;
}

std::string show(const Chain &C) {
  std::string S;
  for (const ChainStep &St : C)
    S += "(" + std::to_string(St.Fn) + ":" + std::to_string(St.At.Line) + "->" +
         std::to_string(St.Callee) + ")";
  return S;
}

const OpSummary *opWithLeaf(const FunctionSummary &S, uint32_t Leaf,
                            bool LockAcquire = false) {
  for (const OpSummary &O : S.Ops)
    if (O.Leaf == Leaf && O.LockAcquire == LockAcquire)
      return &O;
  return nullptr;
}

const AcqSummary *acqOf(const FunctionSummary &S, const std::string &Key) {
  for (const AcqSummary &A : S.Acquires)
    if (A.Lock.key() == Key)
      return &A;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// callGraphSCCs
//===----------------------------------------------------------------------===//

TEST(CallGraphTest, CalleesBeforeCallersAndRecursionInOneComponent) {
  Builder B;
  uint32_t Ext = B.decl("external"); // declared only: not a graph node
  uint32_t F0 = B.decl("f0"), F1 = B.decl("f1"), F2 = B.decl("f2"),
           F3 = B.decl("f3"), F4 = B.decl("f4"), F5 = B.decl("f5");
  B.define(F0, {call(F1, {}, 1)});
  B.define(F1, {call(F2, {}, 2)});
  B.define(F2, {call(F0, {}, 3), call(F3, {}, 4)});
  B.define(F3, {call(Ext, {}, 5)});
  B.define(F4, {call(F0, {}, 6)});
  B.define(F5, {call(F5, {}, 7)});
  auto SCCs = callGraphSCCs(B.P);
  std::vector<std::vector<uint32_t>> Expected = {
      {uint32_t(B.idx(F3))},
      {uint32_t(B.idx(F0)), uint32_t(B.idx(F1)), uint32_t(B.idx(F2))},
      {uint32_t(B.idx(F4))},
      {uint32_t(B.idx(F5))}};
  EXPECT_EQ(SCCs, Expected);
}

TEST(CallGraphTest, EveryCalleeComponentComesFirst) {
  // A diamond with a cycle in the middle, defined in scrambled order.
  Builder B;
  uint32_t Top = B.decl("top"), L = B.decl("left"), R = B.decl("right"),
           Bot = B.decl("bottom"), X = B.decl("x"), Y = B.decl("y");
  B.define(Bot, {});
  B.define(Top, {call(L, {}, 1), call(R, {}, 2)});
  B.define(Y, {call(X, {}, 3), call(Bot, {}, 4)});
  B.define(R, {call(Bot, {}, 5)});
  B.define(X, {call(Y, {}, 6)});
  B.define(L, {call(X, {}, 7)});
  auto SCCs = callGraphSCCs(B.P);
  std::vector<int> Comp(B.P.Functions.size(), -1);
  for (size_t C = 0; C < SCCs.size(); ++C)
    for (uint32_t F : SCCs[C]) {
      EXPECT_EQ(Comp[F], -1) << "function in two components";
      Comp[F] = int(C);
    }
  for (int C : Comp)
    EXPECT_GE(C, 0);
  for (size_t F = 0; F < B.P.Functions.size(); ++F)
    for (const Block &Bl : B.P.Functions[F].Blocks)
      for (const Event &E : Bl.Events)
        for (uint32_t T : E.Targets)
          EXPECT_LE(Comp[B.idx(T)], Comp[F]);
  EXPECT_EQ(SCCs.size(), 5u);
  EXPECT_EQ(Comp[B.idx(X)], Comp[B.idx(Y)]);
  EXPECT_NE(Comp[B.idx(L)], Comp[B.idx(X)]);
}

/// f0 -> f1 -> ... -> f(N-1) -> wait.
Builder chain(size_t N, uint32_t &Leaf) {
  Builder B;
  B.P.Symbols.reserve(N + 1);
  B.P.Functions.reserve(N);
  Leaf = B.decl("flush_work");
  uint32_t First = uint32_t(B.P.Symbols.size());
  for (size_t I = 0; I < N; ++I)
    B.decl("f" + std::to_string(I));
  for (size_t I = 0; I < N; ++I) {
    uint32_t S = First + uint32_t(I);
    if (I + 1 < N)
      B.define(S, {call(S + 1, {}, 10)});
    else
      B.define(S,
               {wait(WaitKind::WorkerWait,
                     objectDomain("work", cls("irqfd.shutdown")), Leaf, 20)});
  }
  return B;
}

TEST(CallGraphTest, LongChainNeedsNoDeepRecursion) {
  constexpr size_t N = 100000;
  uint32_t Leaf;
  Builder B = chain(N, Leaf);
  auto Start = std::chrono::steady_clock::now();
  auto SCCs = callGraphSCCs(B.P);
  auto Took = std::chrono::steady_clock::now() - Start;
  ASSERT_EQ(SCCs.size(), N);
  // The deepest callee first, the root last.
  EXPECT_EQ(SCCs.front(), std::vector<uint32_t>{uint32_t(N - 1)});
  EXPECT_EQ(SCCs.back(), std::vector<uint32_t>{0u});
  for (size_t C = 0; C < N; ++C)
    ASSERT_EQ(SCCs[C], std::vector<uint32_t>{uint32_t(N - 1 - C)});
  EXPECT_LT(std::chrono::duration<double>(Took).count(), 2.0);
}

TEST(CallGraphTest, LongCycleIsOneComponent) {
  constexpr size_t N = 100000;
  Builder B;
  for (size_t I = 0; I < N; ++I)
    B.decl("g" + std::to_string(I));
  for (size_t I = 0; I < N; ++I)
    B.define(uint32_t(I), {call(uint32_t((I + 1) % N), {}, 1)});
  auto SCCs = callGraphSCCs(B.P);
  ASSERT_EQ(SCCs.size(), 1u);
  EXPECT_EQ(SCCs[0].size(), N);
  EXPECT_TRUE(std::is_sorted(SCCs[0].begin(), SCCs[0].end()));
}

TEST(SummaryTableTest, LongChainSummaries) {
  constexpr size_t N = 100000;
  uint32_t Leaf;
  Builder B = chain(N, Leaf);
  SummaryTable T(B.P);
  T.compute();
  const FunctionSummary &Root = T.ofFunction(0);
  ASSERT_EQ(Root.Ops.size(), 1u);
  EXPECT_EQ(Root.Ops[0].Dom.name(), "work:irqfd.shutdown");
  EXPECT_EQ(Root.Ops[0].Leaf, Leaf);
  // The chain is capped at MaxChain steps, starting at the root.
  ASSERT_EQ(Root.Ops[0].Steps.size(), T.limits().MaxChain);
  EXPECT_EQ(Root.Ops[0].Steps[0].Fn, B.P.Functions[0].Sym);
  EXPECT_EQ(Root.Ops[0].Steps[0].Callee, B.P.Functions[1].Sym);
  EXPECT_TRUE(T.unconverged().empty());
}

//===----------------------------------------------------------------------===//
// SummaryTable::compute
//===----------------------------------------------------------------------===//

struct Wrappers : Builder {
  uint32_t MutexLock = decl("mutex_lock");
  uint32_t MutexUnlock = decl("mutex_unlock");
  uint32_t LockWrap =
      fn("lock_wrap", {lockEv(EventKind::Acquire, param(0), MutexLock, 10)}, 1);
  uint32_t UnlockWrap =
      fn("unlock_wrap", {lockEv(EventKind::Release, param(0), MutexUnlock, 15)},
         1);
  Term Arg = cls("dev.lock", "x->lock");
  uint32_t Leaky = fn("leaky", {call(LockWrap, {Arg}, 20)}, 1);
  uint32_t Balanced = fn(
      "balanced", {call(LockWrap, {Arg}, 25), call(UnlockWrap, {Arg}, 26)}, 1);
  uint32_t Forwarding = fn("forwarding", {call(LockWrap, {param(1)}, 30)}, 2);
};

TEST(SummaryTableTest, WrapperReturnsHoldingItsParameter) {
  Wrappers W;
  SummaryTable T(W.P);
  T.compute();
  const FunctionSummary *S = T.of(W.LockWrap);
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->NetAcquired.size(), 1u);
  EXPECT_EQ(S->NetAcquired[0].Lock.Root, 0);
  EXPECT_EQ(S->NetAcquired[0].Lock.display(), "$0");
  EXPECT_EQ(S->NetAcquired[0].Via, W.MutexLock);
  EXPECT_EQ(S->NetAcquired[0].Site, at(10));
  EXPECT_TRUE(S->NetReleased.empty());
  ASSERT_EQ(S->Acquires.size(), 1u);
  EXPECT_EQ(S->Acquires[0].Lock.display(), "$0");
  EXPECT_TRUE(
      sameChain(S->Acquires[0].Steps, {step(W.LockWrap, 10, W.MutexLock)}));
  EXPECT_EQ(S->Acquires[0].Leaf, W.MutexLock);
  // Acquiring a mutex may sleep: the op is derived from the acquisition
  // where it is used, not stored in the summary too.
  EXPECT_EQ(opWithLeaf(*S, W.MutexLock, true), nullptr);

  const FunctionSummary *U = T.of(W.UnlockWrap);
  ASSERT_NE(U, nullptr);
  EXPECT_TRUE(U->NetAcquired.empty());
  ASSERT_EQ(U->NetReleased.size(), 1u);
  EXPECT_EQ(U->NetReleased[0].display(), "$0");
}

TEST(SummaryTableTest, CallerOfWrapperHoldsTheArgument) {
  Wrappers W;
  SummaryTable T(W.P);
  T.compute();
  const FunctionSummary *S = T.of(W.Leaky);
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->NetAcquired.size(), 1u);
  const HeldLock &H = S->NetAcquired[0];
  EXPECT_EQ(H.Lock.Class, "dev.lock");
  EXPECT_EQ(H.Lock.Instance, "x->lock");
  EXPECT_EQ(H.Via, W.LockWrap);
  EXPECT_EQ(H.Site, at(20));
  EXPECT_TRUE(sameChain(H.Inner, {step(W.LockWrap, 10, W.MutexLock)}))
      << show(H.Inner);
  const AcqSummary *A = acqOf(*S, "dev.lock");
  ASSERT_NE(A, nullptr);
  EXPECT_TRUE(sameChain(A->Steps, {step(W.Leaky, 20, W.LockWrap),
                                   step(W.LockWrap, 10, W.MutexLock)}))
      << show(A->Steps);

  const FunctionSummary *Bal = T.of(W.Balanced);
  ASSERT_NE(Bal, nullptr);
  EXPECT_TRUE(Bal->NetAcquired.empty());
  EXPECT_TRUE(Bal->NetReleased.empty());
  EXPECT_NE(acqOf(*Bal, "dev.lock"), nullptr);

  // Passing its own parameter on: still a parameter, one frame up.
  const FunctionSummary *Fw = T.of(W.Forwarding);
  ASSERT_NE(Fw, nullptr);
  ASSERT_EQ(Fw->NetAcquired.size(), 1u);
  EXPECT_EQ(Fw->NetAcquired[0].Lock.Root, 1);
  EXPECT_EQ(Fw->NetAcquired[0].Lock.display(), "$1");
}

TEST(SummaryTableTest, SleepingAcquireInCalleeNamesTheCallersLock) {
  // leaky() reaches lock_wrap() -> mutex_lock(), which may sleep acquiring
  // dev.lock: in leaky's summary the lock is named in leaky's frame, like
  // the op's domain and exclusions, not as lock_wrap's `$0`.
  Wrappers W;
  SummaryTable T(W.P);
  T.compute();
  const FunctionSummary *S = T.of(W.Leaky);
  ASSERT_NE(S, nullptr);
  // What a caller of leaky() sees when it asks for lock ops.
  Event Call = call(W.Leaky, {cls("dev.lock", "d->lock")}, 40);
  EventEffects X;
  eventEffects(W.Leaky + 100, Call, LockState(), T.lookup(), 24, X,
               WantOps | WantLockOps);
  ASSERT_EQ(X.Ops.size(), 1u);
  const OpSummary &Sleep = X.Ops[0];
  EXPECT_TRUE(Sleep.LockAcquire);
  EXPECT_EQ(Sleep.Kind, WaitKind::Sleep);
  EXPECT_EQ(Sleep.Leaf, W.MutexLock);
  EXPECT_EQ(Sleep.Lock.display(), "dev.lock");
  EXPECT_TRUE(sameChain(Sleep.Steps, {step(W.Leaky + 100, 40, W.Leaky),
                                      step(W.Leaky, 20, W.LockWrap),
                                      step(W.LockWrap, 10, W.MutexLock)}))
      << show(Sleep.Steps);
  // Without WantLockOps (the summary pass) there is none; acquisitions
  // alone were not asked for either.
  EventEffects Y;
  eventEffects(W.Leaky + 100, Call, LockState(), T.lookup(), 24, Y, WantOps);
  EXPECT_TRUE(Y.Ops.empty());
  EXPECT_TRUE(Y.Acquires.empty());
}

TEST(SummaryTableTest, TransitiveWaitWithChain) {
  Builder B;
  uint32_t FlushWork = B.decl("flush_work");
  uint32_t Waiter = B.fn("waiter",
                         {wait(WaitKind::WorkerWait,
                               objectDomain("work", param(0)), FlushWork, 30)},
                         1);
  uint32_t Mid = B.fn(
      "mid", {call(Waiter, {cls("irqfd.shutdown", "$0.shutdown")}, 40)}, 1);
  uint32_t Top = B.fn("top", {call(Mid, {cls("irqfd", "g_irqfd")}, 50)});
  SummaryTable T(B.P);
  T.compute();

  const FunctionSummary *W = T.of(Waiter);
  ASSERT_NE(W, nullptr);
  ASSERT_EQ(W->Ops.size(), 1u);
  EXPECT_EQ(W->Ops[0].Dom.name(), "work:$0");
  EXPECT_FALSE(W->Ops[0].Dom.resolved());

  const FunctionSummary *S = T.of(Top);
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Ops.size(), 1u);
  const OpSummary &O = S->Ops[0];
  EXPECT_EQ(O.Kind, WaitKind::WorkerWait);
  EXPECT_EQ(O.Dom.name(), "work:irqfd.shutdown");
  EXPECT_EQ(O.Leaf, FlushWork);
  EXPECT_TRUE(O.Sleeps);
  EXPECT_TRUE(sameChain(O.Steps, {step(Top, 50, Mid), step(Mid, 40, Waiter),
                                  step(Waiter, 30, FlushWork)}))
      << show(O.Steps);
  EXPECT_TRUE(O.Excluded.empty());
  EXPECT_FALSE(S->truncated());
}

/// sleeper(flags): if (flags & 0x400) msleep();  its symbol, and a call to
/// it whose argument is described by A.
struct GuardedSleeper {
  uint32_t Sym;
  explicit GuardedSleeper(Builder &B) {
    uint32_t Msleep = B.decl("msleep");
    Sym = B.fn("sleeper", {}, 1);
    FunctionIR &F = B.P.Functions[B.idx(Sym)];
    F.Blocks.resize(3);
    F.Exit = 2;
    Edge Yes, No, Out;
    Yes.To = 1;
    Yes.When = Guard{0, true, 0x400};
    No.To = 2;
    No.When = Guard{0, false, 0x400};
    Out.To = 2;
    F.Blocks[0].Events.clear();
    F.Blocks[0].Succs = {Yes, No};
    F.Blocks[1].Events = {wait(WaitKind::Sleep, literal(""), Msleep, 10)};
    F.Blocks[1].Succs = {Out};
  }
  Event callWith(ArgBits A, uint32_t Line) const {
    Event E = call(Sym, {Term()}, Line);
    E.ArgVals = {A};
    return E;
  }
};

TEST(SummaryTableTest, GuardsFollowArgumentsAndPathsShareThem) {
  Builder B;
  GuardedSleeper G(B);
  uint32_t Sleeper = G.Sym;
  auto CallWith = [&](ArgBits A, uint32_t Line) { return G.callWith(A, Line); };
  uint32_t Atomic =
      B.fn("atomic_caller", {CallWith(ArgBits::constant(0x820), 20)});
  uint32_t Passes = B.fn("passes", {CallWith(ArgBits::param(1), 30)}, 2);
  // The same op through the caller's parameter and through a constant that
  // allows it: reached whatever the parameter says.
  uint32_t Either = B.fn(
      "either",
      {CallWith(ArgBits::param(0), 40), CallWith(ArgBits::constant(0x400), 41)},
      1);
  uint32_t EitherReversed = B.fn(
      "either_reversed",
      {CallWith(ArgBits::constant(0x400), 50), CallWith(ArgBits::param(0), 51)},
      1);
  SummaryTable T(B.P);
  T.compute();

  const FunctionSummary *S = T.of(Sleeper);
  ASSERT_EQ(S->Ops.size(), 1u);
  EXPECT_EQ(S->Ops[0].Guards, (GuardList{Guard{0, true, 0x400}}));
  EXPECT_TRUE(T.of(Atomic)->Ops.empty());
  ASSERT_EQ(T.of(Passes)->Ops.size(), 1u);
  EXPECT_EQ(T.of(Passes)->Ops[0].Guards, (GuardList{Guard{1, true, 0x400}}));
  for (uint32_t Fn : {Either, EitherReversed}) {
    ASSERT_EQ(T.of(Fn)->Ops.size(), 1u);
    EXPECT_TRUE(T.of(Fn)->Ops[0].Guards.empty()) << B.P.name(Fn);
  }
}

TEST(SummaryTableTest, OneOpUnderDifferentGuardsKeepsEach) {
  // two(a, b): sleeper(a); sleeper(b | 0x1);  -- one key, two guards
  Builder B;
  GuardedSleeper G(B);
  auto CallWith = [&](ArgBits A, uint32_t Line) { return G.callWith(A, Line); };
  ArgBits BOr1 = orBits(ArgBits::param(1), ArgBits::constant(1));
  uint32_t Two = B.fn(
      "two", {CallWith(ArgBits::param(0), 20), CallWith(BOr1, 21)}, 2);
  auto TwoWith = [&](uint64_t A, uint64_t Bv, uint32_t Line) {
    Event E = call(Two, {Term(), Term()}, Line);
    E.ArgVals = {ArgBits::constant(A), ArgBits::constant(Bv)};
    return E;
  };
  uint32_t Neither = B.fn("neither", {TwoWith(0x20, 0x20, 30)});
  uint32_t Second = B.fn("second", {TwoWith(0x20, 0x400, 40)});
  SummaryTable T(B.P);
  T.compute();

  const FunctionSummary *S = T.of(Two);
  ASSERT_EQ(S->Ops.size(), 2u);
  EXPECT_EQ(S->Ops[0].Guards, (GuardList{Guard{0, true, 0x400}}));
  EXPECT_EQ(S->Ops[1].Guards, (GuardList{Guard{1, true, 0x400}}));
  // Merged into one entry with the guards both share (none), a caller
  // passing neither bit would sleep.
  EXPECT_TRUE(T.of(Neither)->Ops.empty());
  ASSERT_EQ(T.of(Second)->Ops.size(), 1u);
  EXPECT_TRUE(T.of(Second)->Ops[0].Guards.empty());
}

TEST(SummaryTableTest, ExcludedLocksFollowTheChain) {
  Builder B;
  uint32_t MutexLock = B.decl("mutex_lock");
  uint32_t MutexUnlock = B.decl("mutex_unlock");
  uint32_t Msleep = B.decl("msleep");
  uint32_t CondWait = B.decl("cond_wait");
  // Drops the caller's lock, then sleeps: the caller's lock is not held
  // across the sleep.
  uint32_t UnlockSleep =
      B.fn("unlock_sleep",
           {lockEv(EventKind::Release, param(0), MutexUnlock, 60),
            wait(WaitKind::Sleep, Domain(), Msleep, 61),
            lockEv(EventKind::Acquire, param(0), MutexLock, 62)},
           1);
  // A wait that releases its lock argument while it sleeps.
  Event CW = wait(WaitKind::Wakeup, literal("cv"), CondWait, 65);
  CW.Released = param(1);
  uint32_t Waits = B.fn("waits", {CW}, 2);
  Term Big = cls("big");
  uint32_t Caller = B.fn(
      "caller", {lockEv(EventKind::Acquire, Big, MutexLock, 70),
                 call(UnlockSleep, {Big}, 71), call(Waits, {cls("q"), Big}, 72),
                 lockEv(EventKind::Release, Big, MutexUnlock, 73)});
  SummaryTable T(B.P);
  T.compute();

  const FunctionSummary *U = T.of(UnlockSleep);
  ASSERT_NE(U, nullptr);
  const OpSummary *Sl = opWithLeaf(*U, Msleep);
  ASSERT_NE(Sl, nullptr);
  ASSERT_EQ(Sl->Excluded.size(), 1u);
  EXPECT_EQ(Sl->Excluded[0].display(), "$0");
  // Re-taken before returning: nothing net released or acquired.
  EXPECT_TRUE(U->NetReleased.empty());
  EXPECT_TRUE(U->NetAcquired.empty());

  const FunctionSummary *Wt = T.of(Waits);
  ASSERT_NE(Wt, nullptr);
  ASSERT_EQ(Wt->Ops.size(), 1u);
  ASSERT_EQ(Wt->Ops[0].Excluded.size(), 1u);
  EXPECT_EQ(Wt->Ops[0].Excluded[0].display(), "$1");

  const FunctionSummary *C = T.of(Caller);
  ASSERT_NE(C, nullptr);
  const OpSummary *CS = opWithLeaf(*C, Msleep);
  ASSERT_NE(CS, nullptr);
  ASSERT_EQ(CS->Excluded.size(), 1u);
  EXPECT_EQ(CS->Excluded[0].Class, "big");
  EXPECT_TRUE(sameChain(CS->Steps, {step(Caller, 71, UnlockSleep),
                                    step(UnlockSleep, 61, Msleep)}));
  const OpSummary *CV = opWithLeaf(*C, CondWait);
  ASSERT_NE(CV, nullptr);
  ASSERT_EQ(CV->Excluded.size(), 1u);
  EXPECT_EQ(CV->Excluded[0].Class, "big");
  EXPECT_EQ(CV->Dom.name(), "cv");
  EXPECT_TRUE(C->NetAcquired.empty());
  EXPECT_TRUE(C->NetReleased.empty());
}

TEST(SummaryTableTest, CallerReleasedLockIsExcludedFromCalleeOps) {
  // void f(struct mutex *m) { mutex_unlock(m); msleep(); }  via a callee.
  Builder B;
  uint32_t Msleep = B.decl("msleep");
  uint32_t MutexUnlock = B.decl("mutex_unlock");
  uint32_t Sleeper =
      B.fn("sleeper", {wait(WaitKind::Sleep, Domain(), Msleep, 5)});
  uint32_t F = B.fn("f",
                    {lockEv(EventKind::Release, param(0), MutexUnlock, 6),
                     call(Sleeper, {}, 7)},
                    1);
  SummaryTable T(B.P);
  T.compute();
  const FunctionSummary *S = T.of(F);
  ASSERT_NE(S, nullptr);
  const OpSummary *O = opWithLeaf(*S, Msleep);
  ASSERT_NE(O, nullptr);
  ASSERT_EQ(O->Excluded.size(), 1u);
  EXPECT_EQ(O->Excluded[0].display(), "$0");
  ASSERT_EQ(S->NetReleased.size(), 1u);
  EXPECT_EQ(S->NetReleased[0].display(), "$0");
}

TEST(SummaryTableTest, ExcludedLocksAreListedOnce) {
  // Each level drops the caller's lock before calling down, so every level
  // excludes the same lock again; the entry must list it once (each level
  // appended its own copy: a thousand per entry on the whole kernel).
  Builder B;
  uint32_t Msleep = B.decl("msleep");
  uint32_t MutexUnlock = B.decl("mutex_unlock");
  uint32_t Prev = B.fn("level0",
                       {lockEv(EventKind::Release, param(0), MutexUnlock, 1),
                        wait(WaitKind::Sleep, Domain(), Msleep, 2)},
                       1);
  for (uint32_t I = 1; I <= 8; ++I)
    Prev = B.fn("level" + std::to_string(I),
                {lockEv(EventKind::Release, param(0), MutexUnlock, 10 * I),
                 call(Prev, {param(0)}, 10 * I + 1)},
                1);
  SummaryTable T(B.P);
  T.compute();
  const FunctionSummary *S = T.of(Prev);
  ASSERT_NE(S, nullptr);
  const OpSummary *O = opWithLeaf(*S, Msleep);
  ASSERT_NE(O, nullptr);
  ASSERT_EQ(O->Excluded.size(), 1u);
  EXPECT_EQ(O->Excluded[0].display(), "$0");
  EXPECT_EQ(O->Steps.size(), 9u);
}

TEST(SummaryTableTest, LocalLocksAreNotSummarized) {
  Builder B;
  uint32_t MutexLock = B.decl("mutex_lock");
  Term Local = cls("f::m", "m");
  Local.Local = true;
  uint32_t F = B.fn("f", {lockEv(EventKind::Acquire, Local, MutexLock, 1),
                          lockEv(EventKind::Acquire, cls("g"), MutexLock, 2)});
  SummaryTable T(B.P);
  T.compute();
  const FunctionSummary *S = T.of(F);
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->NetAcquired.size(), 1u);
  EXPECT_EQ(S->NetAcquired[0].Lock.Class, "g");
  ASSERT_EQ(S->Acquires.size(), 1u);
  EXPECT_EQ(S->Acquires[0].Lock.Class, "g");
}

TEST(SummaryTableTest, SignalsAndGracePeriodWaits) {
  Builder B;
  uint32_t Complete = B.decl("complete");
  uint32_t SyncSrcu = B.decl("synchronize_srcu");
  Event Sig;
  Sig.Kind = EventKind::Signal;
  Sig.Dom = objectDomain("done", param(0));
  Sig.Callee = Complete;
  Sig.At = at(3);
  uint32_t Signaller = B.fn("signaller", {Sig}, 1);
  uint32_t Syncer = B.fn("syncer",
                         {wait(WaitKind::GracePeriod,
                               objectDomain("srcu", param(0)), SyncSrcu, 4)},
                         1);
  uint32_t Top = B.fn("top", {call(Signaller, {cls("dev.done")}, 5),
                              call(Syncer, {cls("kvm.srcu")}, 6)});
  SummaryTable T(B.P);
  T.compute();
  const FunctionSummary *S = T.of(Top);
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->Signals.size(), 1u);
  EXPECT_EQ(S->Signals[0].Dom.name(), "done:dev.done");
  EXPECT_TRUE(sameChain(S->Signals[0].Steps, {step(Top, 5, Signaller),
                                              step(Signaller, 3, Complete)}));
  // A grace-period wait is also an (exclusive, sync) acquisition.
  const AcqSummary *A = acqOf(*S, "kvm.srcu");
  ASSERT_NE(A, nullptr);
  EXPECT_TRUE(A->Sync);
  EXPECT_EQ(A->Kind, LockKind::Srcu);
  const OpSummary *O = opWithLeaf(*S, SyncSrcu);
  ASSERT_NE(O, nullptr);
  EXPECT_EQ(O->Dom.name(), "srcu:kvm.srcu");
}

/// f -> g; g -> f, g waits and takes L. f comes first in the component, so
/// the first round sees g's empty summary.
struct MutualRecursion : Builder {
  uint32_t Ack = decl("wait_for_ack");
  uint32_t SpinLock = decl("spin_lock");
  uint32_t F = decl("f");
  uint32_t G = decl("g");
  MutualRecursion() {
    define(F, {call(G, {}, 1)});
    define(
        G,
        {lockEv(EventKind::Acquire, cls("L"), SpinLock, 2, LockKind::Spinlock),
         lockEv(EventKind::Release, cls("L"), SpinLock, 3, LockKind::Spinlock),
         call(F, {}, 4),
         wait(WaitKind::WorkerWait, literal("vcpu-ack"), Ack, 5)});
  }
};

TEST(SummaryTableTest, RecursionConverges) {
  MutualRecursion M;
  SummaryTable T(M.P);
  T.compute();
  EXPECT_TRUE(T.unconverged().empty());
  const FunctionSummary *SF = T.of(M.F);
  const FunctionSummary *SG = T.of(M.G);
  ASSERT_NE(SF, nullptr);
  ASSERT_NE(SG, nullptr);
  EXPECT_FALSE(SF->truncated());
  EXPECT_FALSE(SG->truncated());
  ASSERT_EQ(SF->Ops.size(), 1u);
  EXPECT_EQ(SF->Ops[0].Dom.name(), "vcpu-ack");
  EXPECT_TRUE(
      sameChain(SF->Ops[0].Steps, {step(M.F, 1, M.G), step(M.G, 5, M.Ack)}))
      << show(SF->Ops[0].Steps);
  ASSERT_EQ(SG->Ops.size(), 1u);
  // The shortest explanation is kept.
  EXPECT_TRUE(sameChain(SG->Ops[0].Steps, {step(M.G, 5, M.Ack)}));
  const AcqSummary *A = acqOf(*SF, "L");
  ASSERT_NE(A, nullptr);
  EXPECT_EQ(A->Kind, LockKind::Spinlock);
  EXPECT_TRUE(
      sameChain(A->Steps, {step(M.F, 1, M.G), step(M.G, 2, M.SpinLock)}));
}

TEST(SummaryTableTest, RecursionOverTheIterationCapIsReported) {
  MutualRecursion M;
  SummaryLimits L;
  L.MaxSccIterations = 1;
  SummaryTable T(M.P, L);
  T.compute();
  ASSERT_EQ(T.unconverged().size(), 1u);
  EXPECT_EQ(T.unconverged()[0], M.F);
  EXPECT_TRUE(T.of(M.F)->truncated());
  EXPECT_TRUE(T.of(M.G)->truncated());
}

TEST(SummaryTableTest, SelfRecursionConverges) {
  Builder B;
  uint32_t Msleep = B.decl("msleep");
  uint32_t H = B.decl("h");
  B.define(H, {call(H, {}, 1), wait(WaitKind::Sleep, Domain(), Msleep, 2)});
  SummaryTable T(B.P);
  T.compute();
  EXPECT_TRUE(T.unconverged().empty());
  ASSERT_NE(T.of(H), nullptr);
  ASSERT_EQ(T.of(H)->Ops.size(), 1u);
  EXPECT_TRUE(sameChain(T.of(H)->Ops[0].Steps, {step(H, 2, Msleep)}));
}

/// Lock wrappers that recurse into each other before taking the lock,
/// `a(n) { if (n) b(n - 1); else lock(L); }` and b the same way round:
/// every path through either returns holding L. A recursive call starts
/// out as not returning (its summary is pending), not as returning with
/// nothing held, or the must-set at the exit would stay empty for good.
struct RecursiveWrappers : Builder {
  uint32_t MutexLock = decl("mutex_lock");
  uint32_t A = decl("lock_a");
  uint32_t B = decl("lock_b");
  uint32_t Loop = decl("loop");
  uint32_t Top = decl("top");
  RecursiveWrappers() {
    wrapper(A, B, 1);
    wrapper(B, A, 5);
    define(Loop, {call(Loop, {}, 9)}); // never returns
    define(Top, {call(A, {}, 10), call(Loop, {}, 11)});
  }
  /// Entry 3 branches to 1 (calls Other) and 2 (takes L); both reach 0.
  void wrapper(uint32_t Sym, uint32_t Other, uint32_t Line) {
    FunctionIR F;
    F.Sym = Sym;
    F.Blocks.resize(4);
    F.Blocks[1].Events = {call(Other, {}, Line + 1)};
    F.Blocks[2].Events = {
        lockEv(EventKind::Acquire, cls("L"), MutexLock, Line + 2)};
    Edge ToExit;
    ToExit.To = 0;
    F.Blocks[1].Succs = F.Blocks[2].Succs = {ToExit};
    Edge Recurse, Base;
    Recurse.To = 1;
    Base.To = 2;
    F.Blocks[3].Succs = {Recurse, Base};
    F.Entry = 3;
    F.Exit = 0;
    P.DefinitionOf[Sym] = int32_t(P.Functions.size());
    P.Functions.push_back(std::move(F));
  }
};

TEST(SummaryTableTest, RecursiveLockWrappersReturnHolding) {
  RecursiveWrappers W;
  SummaryTable T(W.P);
  T.compute();
  EXPECT_TRUE(T.unconverged().empty());
  for (uint32_t Sym : {W.A, W.B, W.Top}) {
    const FunctionSummary *S = T.of(Sym);
    ASSERT_NE(S, nullptr);
    EXPECT_FALSE(S->Pending);
    ASSERT_EQ(S->NetAcquired.size(), 1u) << W.P.name(Sym);
    EXPECT_EQ(S->NetAcquired[0].Lock.Class, "L");
  }
  // A function that only recurses returns nothing held, and its ops and
  // acquisitions are still found by its callers.
  ASSERT_NE(T.of(W.Loop), nullptr);
  EXPECT_TRUE(T.of(W.Loop)->NetAcquired.empty());
  EXPECT_NE(acqOf(*T.of(W.Top), "L"), nullptr);
}

TEST(SummaryTableTest, CapsAreRecorded) {
  Builder B;
  uint32_t W = B.decl("w");
  std::vector<Event> Evs;
  for (int I = 0; I < 3; ++I)
    Evs.push_back(
        wait(WaitKind::WorkerWait, literal("d" + std::to_string(I)), W, I + 1));
  uint32_t F = B.fn("f", Evs);
  uint32_t Caller = B.fn("caller", {call(F, {}, 9)});
  SummaryLimits L;
  L.MaxOps = 2;
  SummaryTable T(B.P, L);
  T.compute();
  ASSERT_NE(T.of(F), nullptr);
  EXPECT_EQ(T.of(F)->Ops.size(), 2u);
  EXPECT_TRUE(T.of(F)->truncated());
  // A caller of a truncated summary is truncated too.
  EXPECT_TRUE(T.of(Caller)->truncated());
}

TEST(SummaryTableTest, UndefinedSymbolHasNoSummary) {
  Wrappers W;
  SummaryTable T(W.P);
  T.compute();
  EXPECT_EQ(T.of(W.MutexLock), nullptr);
  EXPECT_EQ(T.of(NoIndex), nullptr);
  EXPECT_EQ(T.of(uint32_t(W.P.Symbols.size())), nullptr);
  EXPECT_NE(T.lookup()(W.LockWrap), nullptr);
}

} // namespace

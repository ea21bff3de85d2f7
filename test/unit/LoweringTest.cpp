//===- LoweringTest.cpp - whole-TU lowering of real Clang code ------------===//
//
// Snippets are parsed with real Clang and lowered with TULowering and the
// built-in profiles. The kernel and standard-library declarations are
// minimal stand-ins written for these tests.
//
//===----------------------------------------------------------------------===//
#include "analysis/frontend/Lowering.h"
#include "ClangTestSupport.h"
#include "analysis/Dataflow.h"
#include "analysis/Program.h"
#include "analysis/Summaries.h"
#include "annotations/Profile.h"

#include "llvm/Support/Path.h"

#include <algorithm>
#include <set>

using namespace holdwait;
using namespace holdwait::test;

namespace {

const char *const KernelCode = R"c(
struct mutex { int owner; };
struct work_struct { int pending; };
void mutex_lock(struct mutex *m);
void mutex_unlock(struct mutex *m);
int mutex_trylock(struct mutex *m);
_Bool flush_work(struct work_struct *w);
void do_work(void);

struct irqfd { struct mutex lock; struct work_struct shutdown; };
struct mutex g;

void seq(struct irqfd *x) {
  mutex_lock(&x->lock);
  flush_work(&x->shutdown);
  mutex_unlock(&x->lock);
}

void try_it(void) {
  if (!mutex_trylock(&g))
    return;
  do_work();
  mutex_unlock(&g);
}

void try_var(void) {
  int ret = mutex_trylock(&g);
  if (ret == 0)
    return;
  do_work();
  mutex_unlock(&g);
}

static void helper(struct irqfd *x) { mutex_lock(&x->lock); }
void outer(struct irqfd *x) { helper(x); }

typedef struct { struct mutex *lock; } class_mutex_t;
static inline class_mutex_t class_mutex_constructor(struct mutex *l) {
  class_mutex_t t = { .lock = l };
  mutex_lock(l);
  return t;
}
static inline void class_mutex_destructor(class_mutex_t *t) {
  if (t->lock)
    mutex_unlock(t->lock);
}
void scoped(struct irqfd *x) {
  {
    class_mutex_t scope __attribute__((cleanup(class_mutex_destructor))) =
        class_mutex_constructor(&x->lock);
    flush_work(&x->shutdown);
  }
  do_work();
}
)c";

const char *const CxxCode = R"cc(
namespace std {
struct mutex { void lock(); void unlock(); };
template <class M> class lock_guard {
public:
  explicit lock_guard(M &m) : m_(m) { m_.lock(); }
  ~lock_guard() { m_.unlock(); }
private:
  M &m_;
};
template <class M> class unique_lock {
public:
  explicit unique_lock(M &m) : m_(&m), owns_(true) { m_->lock(); }
  ~unique_lock() { if (owns_) m_->unlock(); }
  void lock() { m_->lock(); owns_ = true; }
  void unlock() { m_->unlock(); owns_ = false; }
private:
  M *m_;
  bool owns_;
};
}
void sleep_a_while();

struct S { std::mutex mu; int v; };

void guarded(S &s) {
  {
    std::lock_guard<std::mutex> g(s.mu);
    s.v = 1;
  }
  s.v = 2;
}

void relocking(S &s) {
  std::unique_lock<std::mutex> lk(s.mu);
  lk.unlock();
  sleep_a_while();
  lk.lock();
}

void direct(S &s) {
  s.mu.lock();
  s.mu.unlock();
}

struct Base { virtual void run(); };
struct Derived : Base { void run() override { sleep_a_while(); } };
void drive(Base *b) { b->run(); }
)cc";

/// A parsed snippet lowered from the given roots.
struct Lowered {
  std::unique_ptr<clang::ASTUnit> AST;
  Profile P;
  TUFacts Out;

  Lowered(const char *Code, Lang L, std::vector<std::string> Roots) {
    llvm::Error E = P.loadDefaults();
    EXPECT_FALSE(bool(E));
    llvm::consumeError(std::move(E));
    AST = parse(Code, L);
    if (!AST)
      return;
    Out.MainFile = L == Lang::C ? "/test/input.c" : "/test/input.cc";
    TULowering Low(AST->getASTContext(), P, Out);
    for (const std::string &R : Roots)
      if (const clang::FunctionDecl *FD = function(AST->getASTContext(), R))
        Low.addRoot(FD);
    Low.run();
  }

  const FunctionIR *fn(const std::string &Name) const {
    for (const FunctionIR &F : Out.Functions)
      if (F.Sym < Out.Symbols.size() && Out.Symbols[F.Sym].Name == Name)
        return &F;
    ADD_FAILURE() << "no lowered function " << Name;
    return nullptr;
  }
  std::string name(uint32_t Sym) const {
    return Sym < Out.Symbols.size() ? Out.Symbols[Sym].Name : "<none>";
  }
};

/// The events of F in depth-first order from the entry block.
std::vector<const Event *> events(const FunctionIR &F) {
  std::vector<const Event *> Out;
  std::vector<char> Seen(F.Blocks.size());
  std::vector<uint32_t> Stack{F.Entry};
  while (!Stack.empty()) {
    uint32_t B = Stack.back();
    Stack.pop_back();
    if (B >= F.Blocks.size() || Seen[B])
      continue;
    Seen[B] = 1;
    for (const Event &E : F.Blocks[B].Events)
      Out.push_back(&E);
    const auto &S = F.Blocks[B].Succs;
    for (auto It = S.rbegin(); It != S.rend(); ++It)
      Stack.push_back(It->To);
  }
  return Out;
}

std::vector<EventKind> kinds(const std::vector<const Event *> &Evs) {
  std::vector<EventKind> K;
  for (const Event *E : Evs)
    K.push_back(E->Kind);
  return K;
}

/// Kinds of the events reachable from block B.
std::multiset<EventKind> reachableKinds(const FunctionIR &F, uint32_t B) {
  std::multiset<EventKind> K;
  std::vector<char> Seen(F.Blocks.size());
  std::vector<uint32_t> Stack{B};
  while (!Stack.empty()) {
    uint32_t X = Stack.back();
    Stack.pop_back();
    if (X >= F.Blocks.size() || Seen[X])
      continue;
    Seen[X] = 1;
    for (const Event &E : F.Blocks[X].Events)
      K.insert(E.Kind);
    for (const Edge &Ed : F.Blocks[X].Succs)
      Stack.push_back(Ed.To);
  }
  return K;
}

/// Must-held lock classes before each event of kind K (in block order).
std::vector<std::vector<std::string>> mustBefore(const FunctionIR &F,
                                                 EventKind K) {
  std::vector<std::vector<std::string>> Out;
  EventVisitor V = [&](const Event &E, const LockState &S) {
    if (E.Kind != K)
      return;
    std::vector<std::string> C;
    for (const HeldLock &H : S.Must)
      C.push_back(H.Lock.display());
    std::sort(C.begin(), C.end());
    Out.push_back(C);
  };
  runDataflow(
      F, [](uint32_t) -> const FunctionSummary * { return nullptr; }, &V);
  return Out;
}

using Strings = std::vector<std::string>;

TEST(LoweringTest, LockWaitUnlockSequence) {
  Lowered L(KernelCode, Lang::C, {"seq"});
  const FunctionIR *F = L.fn("seq");
  ASSERT_NE(F, nullptr);
  EXPECT_EQ(F->NumParams, 1u);
  EXPECT_FALSE(F->HasThis);
  EXPECT_FALSE(F->truncated());
  auto Evs = events(*F);
  ASSERT_EQ(kinds(Evs),
            (std::vector<EventKind>{EventKind::Acquire, EventKind::Wait,
                                    EventKind::Release}));
  const Event &Acq = *Evs[0];
  EXPECT_EQ(Acq.Lock.Class, "irqfd.lock");
  EXPECT_EQ(Acq.Lock.Instance, "$0.lock");
  EXPECT_EQ(Acq.LKind, LockKind::Mutex);
  EXPECT_EQ(Acq.Mode, LockMode::Exclusive);
  EXPECT_EQ(L.name(Acq.Callee), "mutex_lock");
  ASSERT_TRUE(Acq.At.valid());
  // Parsed from memory as input.c, made absolute against the working
  // directory.
  EXPECT_EQ(llvm::sys::path::filename(L.Out.Files[Acq.At.File]), "input.c");
  EXPECT_TRUE(llvm::sys::path::is_absolute(L.Out.Files[Acq.At.File]));
  EXPECT_EQ(Acq.At.Line, 14u);

  const Event &W = *Evs[1];
  EXPECT_EQ(W.WKind, WaitKind::WorkerWait);
  EXPECT_EQ(W.Dom.name(), "work:irqfd.shutdown");
  EXPECT_TRUE(W.Sleeps);
  EXPECT_EQ(L.name(W.Callee), "flush_work");
  EXPECT_EQ(W.At.Line, 15u);

  const Event &Rel = *Evs[2];
  EXPECT_EQ(Rel.Lock.Class, "irqfd.lock");
  EXPECT_EQ(L.name(Rel.Callee), "mutex_unlock");

  // The lock is held across the wait.
  EXPECT_EQ(mustBefore(*F, EventKind::Wait),
            std::vector<Strings>{Strings{"irqfd.lock"}});
  // Modelled primitives are not lowered.
  EXPECT_EQ(L.Out.Functions.size(), 1u);
}

void expectTrylockShape(const Lowered &L, const std::string &Fn) {
  const FunctionIR *F = L.fn(Fn);
  ASSERT_NE(F, nullptr);
  const Event *Try = nullptr;
  uint32_t TryBlock = NoIndex;
  for (uint32_t B = 0; B < F->Blocks.size(); ++B)
    for (const Event &E : F->Blocks[B].Events)
      if (E.Kind == EventKind::TryAcquire) {
        EXPECT_EQ(Try, nullptr) << "one trylock expected";
        Try = &E;
        TryBlock = B;
      }
  ASSERT_NE(Try, nullptr);
  EXPECT_EQ(Try->Lock.Class, "g");
  EXPECT_GE(Try->TryId, 0);
  EXPECT_EQ(L.name(Try->Callee), "mutex_trylock");

  // Exactly one branch tests the result: a success and a failure edge.
  std::vector<const Edge *> Cond;
  for (const Block &B : F->Blocks)
    for (const Edge &E : B.Succs)
      if (E.TryId >= 0) {
        EXPECT_EQ(E.TryId, Try->TryId);
        Cond.push_back(&E);
      }
  ASSERT_EQ(Cond.size(), 2u);
  EXPECT_NE(Cond[0]->OnSuccess, Cond[1]->OnSuccess);
  const Edge *Ok = Cond[0]->OnSuccess ? Cond[0] : Cond[1];
  const Edge *Fail = Cond[0]->OnSuccess ? Cond[1] : Cond[0];
  // The success side does the work and unlocks; the failure side returns.
  auto OkKinds = reachableKinds(*F, Ok->To);
  auto FailKinds = reachableKinds(*F, Fail->To);
  EXPECT_EQ(OkKinds.count(EventKind::Release), 1u);
  EXPECT_EQ(OkKinds.count(EventKind::Call), 1u);
  EXPECT_EQ(FailKinds.count(EventKind::Release), 0u);
  EXPECT_EQ(FailKinds.count(EventKind::Call), 0u);
  (void)TryBlock;

  // Dataflow: held at do_work() and at the unlock, not at the exit.
  EXPECT_EQ(mustBefore(*F, EventKind::Call),
            std::vector<Strings>{Strings{"g"}});
  EXPECT_EQ(mustBefore(*F, EventKind::Release),
            std::vector<Strings>{Strings{"g"}});
  DataflowResult R = runDataflow(
      *F, [](uint32_t) -> const FunctionSummary * { return nullptr; });
  EXPECT_TRUE(R.Exit.Reached);
  EXPECT_TRUE(R.Exit.Must.empty());
  EXPECT_TRUE(R.Exit.May.empty());
  EXPECT_TRUE(R.Exit.Released.empty());
}

TEST(LoweringTest, TrylockInCondition) {
  Lowered L(KernelCode, Lang::C, {"try_it"});
  expectTrylockShape(L, "try_it");
}

TEST(LoweringTest, TrylockThroughVariable) {
  Lowered L(KernelCode, Lang::C, {"try_var"});
  expectTrylockShape(L, "try_var");
}

TEST(LoweringTest, CalleesWithBodiesAreLoweredAndSummarized) {
  Lowered L(KernelCode, Lang::C, {"outer"});
  ASSERT_EQ(L.Out.Functions.size(), 2u);
  const FunctionIR *Outer = L.fn("outer");
  const FunctionIR *Helper = L.fn("helper");
  ASSERT_NE(Outer, nullptr);
  ASSERT_NE(Helper, nullptr);
  auto Evs = events(*Outer);
  ASSERT_EQ(Evs.size(), 1u);
  const Event &C = *Evs[0];
  EXPECT_EQ(C.Kind, EventKind::Call);
  EXPECT_EQ(std::vector<uint32_t>(C.Targets.begin(), C.Targets.end()),
            std::vector<uint32_t>{Helper->Sym});
  ASSERT_EQ(C.Args.size(), 1u);
  EXPECT_EQ(C.Args[0].Root, 0);
  EXPECT_EQ(C.Args[0].Instance, "$0");
  // A static function belongs to its unit.
  EXPECT_EQ(L.Out.Symbols[Helper->Sym].USR.rfind("/test/input.c#", 0), 0u)
      << L.Out.Symbols[Helper->Sym].USR;

  Program P;
  P.add(L.Out);
  P.link();
  SummaryTable T(P);
  T.compute();
  const FunctionSummary *S = T.of(P.symbolByUSR(L.Out.Symbols[Outer->Sym].USR));
  ASSERT_NE(S, nullptr);
  ASSERT_EQ(S->NetAcquired.size(), 1u);
  EXPECT_EQ(S->NetAcquired[0].Lock.Class, "irqfd.lock");
  EXPECT_EQ(S->NetAcquired[0].Lock.Instance, "$0.lock");
  EXPECT_EQ(P.name(S->NetAcquired[0].Via), "helper");
}

TEST(LoweringTest, CleanupAttributeGuardReleasesAtScopeEnd) {
  // The kernel's guard pattern: a constructor returning a structure that
  // owns the lock, and a cleanup function run when the variable dies.
  Lowered L(KernelCode, Lang::C, {"scoped"});
  const FunctionIR *F = L.fn("scoped");
  ASSERT_NE(F, nullptr);
  auto Evs = events(*F);
  ASSERT_EQ(kinds(Evs),
            (std::vector<EventKind>{EventKind::Call, EventKind::Wait,
                                    EventKind::Call, EventKind::Call}));
  const Event &Ctor = *Evs[0];
  EXPECT_EQ(L.name(Ctor.Callee), "class_mutex_constructor");
  ASSERT_GE(Ctor.ResultOwner, 0);
  EXPECT_EQ(F->Slots[Ctor.ResultOwner], "scope");
  const Event &Dtor = *Evs[2];
  EXPECT_EQ(L.name(Dtor.Callee), "class_mutex_destructor");
  EXPECT_TRUE(Dtor.ReleasesOwner);
  EXPECT_EQ(Dtor.Owner, Ctor.ResultOwner);
  EXPECT_EQ(L.name(Evs[3]->Callee), "do_work");

  Program P;
  P.add(L.Out);
  P.link();
  SummaryTable T(P);
  T.compute();
  const FunctionIR *PF = P.definition(P.symbolByUSR("c:@F@scoped"));
  ASSERT_NE(PF, nullptr);
  std::vector<std::pair<std::string, Strings>> Held;
  EventVisitor V = [&](const Event &E, const LockState &S) {
    Strings C;
    for (const HeldLock &H : S.Must)
      C.push_back(H.Lock.display());
    std::sort(C.begin(), C.end());
    Held.push_back({E.Kind == EventKind::Wait ? "wait" : P.name(E.Callee), C});
  };
  DataflowResult R = runDataflow(*PF, T.lookup(), &V);
  std::vector<std::pair<std::string, Strings>> Expected = {
      {"class_mutex_constructor", {}},
      {"wait", {"irqfd.lock"}},
      {"class_mutex_destructor", {"irqfd.lock"}},
      {"do_work", {}}};
  EXPECT_EQ(Held, Expected);
  EXPECT_TRUE(R.Exit.Must.empty());
  EXPECT_TRUE(R.Exit.Released.empty());
  // Nothing leaks to scoped()'s callers.
  const FunctionSummary *S = T.of(PF->Sym);
  ASSERT_NE(S, nullptr);
  EXPECT_TRUE(S->NetAcquired.empty());
  EXPECT_TRUE(S->NetReleased.empty());
}

TEST(LoweringTest, LockGuardOwnsItsLockUntilScopeEnd) {
  Lowered L(CxxCode, Lang::CXX, {"guarded"});
  const FunctionIR *F = L.fn("guarded");
  ASSERT_NE(F, nullptr);
  auto Evs = events(*F);
  ASSERT_EQ(kinds(Evs), (std::vector<EventKind>{EventKind::Acquire,
                                                EventKind::OwnedRelease}));
  const Event &A = *Evs[0];
  EXPECT_EQ(A.Lock.Class, "S.mu");
  EXPECT_EQ(A.Lock.Instance, "$0.mu");
  ASSERT_GE(A.Owner, 0);
  ASSERT_LT(size_t(A.Owner), F->Slots.size());
  EXPECT_EQ(F->Slots[A.Owner], "g");
  EXPECT_EQ(Evs[1]->Owner, A.Owner);
  EXPECT_EQ(L.name(A.Callee), "std::lock_guard::lock_guard");
  // The guard's own members are modelled, not lowered.
  EXPECT_EQ(L.Out.Functions.size(), 1u);

  EXPECT_EQ(mustBefore(*F, EventKind::OwnedRelease),
            std::vector<Strings>{Strings{"S.mu"}});
  DataflowResult R = runDataflow(
      *F, [](uint32_t) -> const FunctionSummary * { return nullptr; });
  EXPECT_TRUE(R.Exit.Must.empty());
  EXPECT_TRUE(R.Exit.Released.empty());
}

TEST(LoweringTest, UniqueLockUnlockAndRelock) {
  Lowered L(CxxCode, Lang::CXX, {"relocking"});
  const FunctionIR *F = L.fn("relocking");
  ASSERT_NE(F, nullptr);
  auto Evs = events(*F);
  ASSERT_EQ(kinds(Evs),
            (std::vector<EventKind>{EventKind::Acquire, EventKind::OwnedRelease,
                                    EventKind::Call, EventKind::OwnedAcquire,
                                    EventKind::OwnedRelease}));
  int32_t Slot = Evs[0]->Owner;
  ASSERT_GE(Slot, 0);
  EXPECT_EQ(F->Slots[Slot], "lk");
  for (size_t I : {1, 3, 4})
    EXPECT_EQ(Evs[I]->Owner, Slot) << I;
  EXPECT_EQ(L.name(Evs[2]->Callee), "sleep_a_while");
  // Not held across the sleep.
  EXPECT_EQ(mustBefore(*F, EventKind::Call), std::vector<Strings>{Strings{}});
  EXPECT_EQ(mustBefore(*F, EventKind::OwnedRelease),
            (std::vector<Strings>{Strings{"S.mu"}, Strings{"S.mu"}}));
}

TEST(LoweringTest, MutexMemberCalls) {
  Lowered L(CxxCode, Lang::CXX, {"direct"});
  const FunctionIR *F = L.fn("direct");
  ASSERT_NE(F, nullptr);
  auto Evs = events(*F);
  ASSERT_EQ(kinds(Evs),
            (std::vector<EventKind>{EventKind::Acquire, EventKind::Release}));
  EXPECT_EQ(Evs[0]->Lock.Class, "S.mu");
  EXPECT_EQ(Evs[0]->Owner, -1);
  EXPECT_EQ(Evs[1]->Lock.Class, "S.mu");
  EXPECT_EQ(L.name(Evs[0]->Callee), "std::mutex::lock");
}

TEST(LoweringTest, VirtualCallReachesOverriders) {
  Lowered L(CxxCode, Lang::CXX, {"drive"});
  const FunctionIR *F = L.fn("drive");
  const FunctionIR *D = L.fn("Derived::run");
  ASSERT_NE(F, nullptr);
  ASSERT_NE(D, nullptr);
  auto Evs = events(*F);
  ASSERT_EQ(Evs.size(), 1u);
  const Event &C = *Evs[0];
  EXPECT_EQ(C.Kind, EventKind::Call);
  EXPECT_TRUE(C.Virtual);
  EXPECT_EQ(L.name(C.Callee), "Base::run");
  std::vector<std::string> Targets;
  for (uint32_t T : C.Targets)
    Targets.push_back(L.name(T));
  EXPECT_EQ(Targets, (Strings{"Base::run", "Derived::run"}));
  EXPECT_EQ(C.ThisArg.Root, 0);
  EXPECT_TRUE(D->HasThis);
  // The overrider records what it overrides, for other units' calls.
  ASSERT_EQ(L.Out.Overrides.size(), 1u);
  EXPECT_EQ(L.name(L.Out.Overrides[0].first), "Derived::run");
  EXPECT_EQ(L.name(L.Out.Overrides[0].second), "Base::run");
}

} // namespace

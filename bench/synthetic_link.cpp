//===- synthetic_link.cpp - whole-program link/analysis benchmark ---------===//
//
//   holdwait-bench-link [--units N] [--functions-per-unit N]
//                       [--calls-per-function N] [--seed N] [--json]
//                       [--engine-timing]
//
// Generates, deterministically from the seed, a program as N TUFacts (the
// front end's per-unit output) that looks like lowered kernel C: functions
// taking `struct sK *p`, mutexes and spinlocks that are fields of those
// structs (`s123.lock`), lock helpers taking a `struct mutex *` (parameter
// terms, substituted by callers), trylocks with conditional edges, waits
// (msleep, flush_work, wait_for_completion, synchronize_srcu/rcu), SRCU and
// RCU read-side sections, completions, INIT_WORK bindings, small recursive
// cycles and one large strongly connected component. Calls to functions of
// other units name them only by USR in the calling unit's symbol table, as
// the front end does, so Program::link resolves them.
//
// Generation is not timed. Then it times, separately:
//   link      Program::add of every unit + Program::link()
//   analysis  the Analysis constructor (summaries, facts, contexts,
//             conflicts)
//   checks    every registered check (allChecks())
// and prints the wall time of each phase, their total, the number of
// findings and the peak resident set (getrusage ru_maxrss).
//
// Default size: 100 units x 1,000 functions, 10 call events per function
// (1,000,000 call edges), about 20% of them to other units.
//
//===----------------------------------------------------------------------===//
#include "analysis/Analysis.h"
#include "analysis/Program.h"
#include "analysis/Summaries.h"
#include "annotations/Profile.h"
#include "checks/Check.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <string>
#include <unistd.h>
#include <vector>

using namespace holdwait;

namespace {

//===----------------------------------------------------------------------===//
// Options
//===----------------------------------------------------------------------===//

enum class Shape { Layered, Chain };
using ShapeKind = Shape;

struct Options {
  ShapeKind Shape = ShapeKind::Layered;
  unsigned Units = 100;
  unsigned FunctionsPerUnit = 1000;
  unsigned CallsPerFunction = 10;
  uint64_t Seed = 1;
  bool Json = false;
  bool EngineTiming = false;
  int RingUnits = -1; ///< units in the large SCC; -1: 10 (layered) or 5
  bool StopAfterLink = false;
};

[[noreturn]] void usage(const char *Argv0, const char *Msg) {
  if (Msg)
    std::fprintf(stderr, "holdwait-bench-link: %s\n", Msg);
  std::fprintf(stderr,
               "usage: %s [--units N] [--functions-per-unit N] "
               "[--calls-per-function N] [--seed N] [--shape layered|chain] "
               "[--ring-units N] [--json] [--engine-timing] [--link-only]\n",
               Argv0);
  std::exit(2);
}

Options parseArgs(int Argc, char **Argv) {
  Options O;
  for (int I = 1; I < Argc; ++I) {
    std::string A = Argv[I];
    std::string Val;
    bool HasVal = false;
    if (size_t Eq = A.find('='); Eq != std::string::npos) {
      Val = A.substr(Eq + 1);
      A = A.substr(0, Eq);
      HasVal = true;
    }
    auto Number = [&]() -> uint64_t {
      if (!HasVal) {
        if (I + 1 >= Argc)
          usage(Argv[0], ("missing value for " + A).c_str());
        Val = Argv[++I];
      }
      char *End = nullptr;
      unsigned long long V = std::strtoull(Val.c_str(), &End, 10);
      if (Val.empty() || *End)
        usage(Argv[0], ("bad number for " + A + ": " + Val).c_str());
      return V;
    };
    if (A == "--units")
      O.Units = unsigned(Number());
    else if (A == "--functions-per-unit")
      O.FunctionsPerUnit = unsigned(Number());
    else if (A == "--calls-per-function")
      O.CallsPerFunction = unsigned(Number());
    else if (A == "--seed")
      O.Seed = Number();
    else if (A == "--ring-units")
      O.RingUnits = int(Number());
    else if (A == "--shape") {
      if (!HasVal) {
        if (I + 1 >= Argc)
          usage(Argv[0], "missing value for --shape");
        Val = Argv[++I];
      }
      if (Val == "layered")
        O.Shape = Shape::Layered;
      else if (Val == "chain")
        O.Shape = Shape::Chain;
      else
        usage(Argv[0], ("unknown shape " + Val).c_str());
    } else if (A == "--json")
      O.Json = true;
    else if (A == "--engine-timing")
      O.EngineTiming = true;
    else if (A == "--link-only")
      O.StopAfterLink = true;
    else if (A == "-h" || A == "--help")
      usage(Argv[0], nullptr);
    else
      usage(Argv[0], ("unknown option " + A).c_str());
  }
  if (O.Units == 0 || O.FunctionsPerUnit == 0)
    usage(Argv[0], "--units and --functions-per-unit must be positive");
  return O;
}

//===----------------------------------------------------------------------===//
// Deterministic randomness (independent of the standard library's
// distributions, so a seed means the same program everywhere).
//===----------------------------------------------------------------------===//

struct Rng {
  uint64_t S;
  explicit Rng(uint64_t Seed) : S(Seed * 0x9E3779B97F4A7C15ull + 0x1234567) {}
  uint64_t next() { // splitmix64
    uint64_t Z = (S += 0x9E3779B97F4A7C15ull);
    Z = (Z ^ (Z >> 30)) * 0xBF58476D1CE4E5B9ull;
    Z = (Z ^ (Z >> 27)) * 0x94D049BB133111EBull;
    return Z ^ (Z >> 31);
  }
  /// Uniform in [0, N); N > 0.
  uint32_t below(uint32_t N) {
    return uint32_t((unsigned __int128)(next() >> 11) * N >> 53);
  }
  double unit() { return double(next() >> 11) * 0x1.0p-53; }
  bool chance(double P) { return unit() < P; }
};

/// Zipf-like choice among N items (a few hot structs, a long tail).
class Zipf {
public:
  Zipf(uint32_t N, double S) : Cdf(N) {
    double Sum = 0;
    for (uint32_t I = 0; I < N; ++I)
      Cdf[I] = (Sum += 1.0 / std::pow(double(I + 1), S));
    for (double &C : Cdf)
      C /= Sum;
  }
  uint32_t operator()(Rng &R) const {
    double U = R.unit();
    size_t I = std::lower_bound(Cdf.begin(), Cdf.end(), U) - Cdf.begin();
    return uint32_t(std::min(I, Cdf.size() - 1));
  }

private:
  std::vector<double> Cdf;
};

//===----------------------------------------------------------------------===//
// The shape of the program
//===----------------------------------------------------------------------===//

/// 1,000 struct types with a mutex `lock` and a spinlock `slock` each: 2,000
/// lock classes; some also have `srcu`, `work` and `done` members.
constexpr uint32_t NumStructs = 1000;
constexpr uint32_t CalleeWindow = 64; ///< chain: callees within 64 indexes
constexpr uint32_t CalleeSpread = 24; ///< layered: callees within +-12

enum class FnKind : uint8_t {
  Normal,       ///< f(struct sK *p, ...)
  ParamLocker,  ///< f(struct mutex *m): locks its parameter around calls
  LockHelper,   ///< f(struct mutex *m) { mutex_lock(m); }   (returns holding)
  UnlockHelper, ///< f(struct mutex *m) { mutex_unlock(m); }
};

/// How a function's main lock region names its lock.
enum class LockStyle : uint8_t {
  None,
  OwnMutex,    ///< mutex_lock(&p->lock)          s<K>.lock
  RefMutex,    ///< mutex_lock(&p->ref<X>->lock)  s<X>.lock
  GlobalMutex, ///< mutex_lock(&g<X>.lock)        s<X>.lock
  OwnSpin,     ///< spin_lock(&p->slock)          s<K>.slock
  ParamMutex,  ///< mutex_lock(m)                 $0 (substituted)
};

struct FnPlan {
  uint16_t Struct = 0;
  uint16_t Other = 0; ///< the other struct of Ref/Global styles
  uint16_t Inner = 0; ///< the struct of the nested (second) lock
  FnKind Kind = FnKind::Normal;
  LockStyle Lock = LockStyle::None;
  uint8_t NumParams = 1;
  bool InRing = false;
};

struct Plan {
  Options O;
  uint32_t N = 0;       ///< functions
  uint32_t Helpers = 0; ///< helper functions at the bottom of each unit
  /// The large SCC: every function of units [0, RingUnits) whose index is in
  /// [RingLo, RingHi) (whole levels).
  uint32_t RingUnits = 0, RingLo = 0, RingHi = 0;
  /// Levels partition the indices [0, normalEnd()) of every unit, top
  /// (callers) first; calls go to higher levels. The last level is leaves.
  std::vector<uint32_t> LevelStart, LevelSize, LevelOf;
  /// Positions of cross-unit callees: a few popular functions per level.
  Zipf Popular{1, 1.0};
  std::vector<FnPlan> Fns;
  /// Per struct: functions that take its own mutex (work function
  /// candidates, so that flushing a work conflicts with what it takes).
  std::vector<std::vector<uint32_t>> OwnLockers;

  uint32_t unitOf(uint32_t G) const { return G / O.FunctionsPerUnit; }
  uint32_t indexOf(uint32_t G) const { return G % O.FunctionsPerUnit; }
  uint32_t id(uint32_t U, uint32_t I) const {
    return U * O.FunctionsPerUnit + I;
  }
  /// Normal call targets have an index below this (helpers live above).
  uint32_t normalEnd() const { return O.FunctionsPerUnit - Helpers; }
  uint32_t levels() const { return uint32_t(LevelSize.size()); }
  bool isLeaf(uint32_t I) const {
    return I >= normalEnd() || LevelOf[I] + 1 == levels();
  }
  bool isHelper(uint32_t G) const { return indexOf(G) >= normalEnd(); }
  bool ringMember(uint32_t U, uint32_t I) const {
    return U < RingUnits && I >= RingLo && I < RingHi;
  }
  /// Ring members in order (unit, index); the last calls the first.
  uint32_t ringNext(uint32_t G) const {
    uint32_t U = unitOf(G), I = indexOf(G);
    if (I + 1 < RingHi)
      return id(U, I + 1);
    return id(U + 1 < RingUnits ? U + 1 : 0, RingLo);
  }
};

Plan makePlan(const Options &O) {
  Plan P;
  P.O = O;
  uint32_t F = O.FunctionsPerUnit;
  P.N = O.Units * F;
  P.Helpers = F >= 64 ? 16 : 0;
  uint32_t End = P.normalEnd();
  if (O.Shape == Shape::Layered) {
    // Eight levels, each 1.35 times larger than the one above it: at the
    // default size 35, 47, 64, 86, 115, 156, 210 and 271 functions (the last
    // are leaves, 28%).
    uint32_t Lv = std::min<uint32_t>(8, End);
    std::vector<double> W(Lv);
    double Sum = 0;
    for (uint32_t K = 0; K < Lv; ++K)
      Sum += (W[K] = std::pow(1.35, double(K)));
    uint32_t Start = 0;
    for (uint32_t K = 0; K < Lv; ++K) {
      uint32_t Size = K + 1 == Lv
                          ? End - Start
                          : std::max<uint32_t>(1, uint32_t(End * W[K] / Sum));
      Size = std::min(Size, End - Start - (Lv - 1 - K)); // leave one each
      P.LevelStart.push_back(Start);
      P.LevelSize.push_back(Size);
      Start += Size;
    }
  } else {
    // Every index its own level; callees within the next 64.
    for (uint32_t I = 0; I < End; ++I) {
      P.LevelStart.push_back(I);
      P.LevelSize.push_back(1);
    }
  }
  P.Popular = Zipf(End, 1.1);
  P.LevelOf.assign(F, ~0u);
  for (uint32_t K = 0; K < P.levels(); ++K)
    for (uint32_t I = 0; I < P.LevelSize[K]; ++I)
      P.LevelOf[P.LevelStart[K] + I] = K;
  // The large SCC, about 2.5% of the program: levels 2-4 of the first ten
  // units when layered (2,650 functions at the default size), the middle
  // half of the first five units for the chain shape.
  if ((O.Units >= 2 || O.RingUnits > 0) && P.levels() >= 8) {
    if (O.Shape == Shape::Layered) {
      P.RingUnits =
          std::min(O.RingUnits >= 0 ? unsigned(O.RingUnits) : 10u, O.Units);
      P.RingLo = P.LevelStart[2];
      P.RingHi = P.LevelStart[5];
    } else {
      P.RingUnits =
          std::min(O.RingUnits >= 0 ? unsigned(O.RingUnits) : 5u, O.Units);
      P.RingLo = uint32_t(End * 0.3);
      P.RingHi = uint32_t(End * 0.8);
    }
  }
  P.Fns.resize(P.N);
  P.OwnLockers.resize(NumStructs);
  Rng R(O.Seed ^ 0xA5A5A5A5ull);
  // Lock order: the structs come in 8 bands of 125, one per level (by
  // depth for the chain shape); functions use the structs of their level's
  // band and nest the next band's locks inside, so locks taken under a
  // lock mostly come later in one global order, as in real code. Within a
  // band a few structs are hot (Zipf).
  constexpr uint32_t Bands = 8, BandSize = NumStructs / Bands;
  Zipf StructOf(BandSize, 0.9);
  for (uint32_t G = 0; G < P.N; ++G) {
    FnPlan &Fn = P.Fns[G];
    uint32_t U = P.unitOf(G), I = P.indexOf(G);
    uint32_t Band = I < End ? P.LevelOf[I] * Bands / P.levels() : Bands - 1;
    uint32_t InnerBand = std::min(Band + 1, Bands - 1);
    Fn.Struct = uint16_t(Band * BandSize + StructOf(R));
    Fn.Other = uint16_t(Band * BandSize + StructOf(R));
    Fn.Inner = uint16_t(InnerBand * BandSize + StructOf(R));
    Fn.NumParams = uint8_t(1 + R.below(3));
    Fn.InRing = P.ringMember(U, I);
    if (P.isHelper(G)) {
      Fn.Kind = (I - P.normalEnd()) % 2 == 0 ? FnKind::LockHelper
                                             : FnKind::UnlockHelper;
      Fn.NumParams = 1;
      Fn.Lock = LockStyle::ParamMutex;
      continue;
    }
    if (R.chance(0.30)) {
      // A locking function: one or two locks.
      double X = R.unit();
      if (X < 0.05) {
        Fn.Kind = FnKind::ParamLocker;
        Fn.NumParams = 1;
        Fn.Lock = LockStyle::ParamMutex;
      } else if (X < 0.55) {
        Fn.Lock = LockStyle::OwnMutex;
      } else if (X < 0.70) {
        Fn.Lock = LockStyle::RefMutex;
      } else if (X < 0.78) {
        Fn.Lock = LockStyle::GlobalMutex;
      } else {
        Fn.Lock = LockStyle::OwnSpin;
      }
      if (Fn.Lock == LockStyle::OwnMutex)
        P.OwnLockers[Fn.Struct].push_back(G);
    }
  }
  return P;
}

//===----------------------------------------------------------------------===//
// One unit
//===----------------------------------------------------------------------===//

/// The modelled primitives a unit may call, as the kernel profile lowers
/// them.
enum Prim : uint32_t {
  PMutexLock,
  PMutexUnlock,
  PMutexTrylock,
  PSpinLock,
  PSpinUnlock,
  PSrcuReadLock,
  PSrcuReadUnlock,
  PRcuReadLock,
  PRcuReadUnlock,
  PSynchronizeSrcu,
  PSynchronizeRcu,
  PFlushWork,
  PWaitForCompletion,
  PComplete,
  PMsleep,
  PINIT_WORK, ///< the bound function's symbol is what Bind names; kept for
              ///< the symbol table only
  NumPrims
};
const char *const PrimNames[NumPrims] = {"mutex_lock",
                                         "mutex_unlock",
                                         "mutex_trylock",
                                         "spin_lock",
                                         "spin_unlock",
                                         "srcu_read_lock",
                                         "srcu_read_unlock",
                                         "rcu_read_lock",
                                         "rcu_read_unlock",
                                         "synchronize_srcu",
                                         "synchronize_rcu",
                                         "flush_work",
                                         "wait_for_completion",
                                         "complete",
                                         "msleep",
                                         "INIT_WORK"};

/// A statement tree: calls and the control flow and lock regions around
/// them, lowered into blocks the way Clang's CFG lays them out.
struct Node {
  enum Kind : uint8_t {
    Call,
    LockRegion,
    TryRegion,
    If,
    Loop,
    ReaderSrcu,
    ReaderRcu,
    WaitSleep,
    WaitWork,
    WaitCompletion,
    WaitSrcu,
    WaitRcu,
    Complete,
    InitWork
  } K;
  uint32_t Callee = 0; ///< Call: global function id; InitWork: bound fn
  uint8_t LockIdx = 0; ///< LockRegion: 0 main lock, 1 second lock
  std::vector<Node> Kids;
};

struct LockDesc {
  Term T;
  LockKind Kind = LockKind::Mutex;
  Prim Acq = PMutexLock, Rel = PMutexUnlock;
  /// A helper pair (LockHelper/UnlockHelper) takes and drops it instead.
  uint32_t HelperLock = NoIndex, HelperUnlock = NoIndex;
};

Term classTerm(std::string Class, std::string Instance) {
  Term T;
  T.Class = std::move(Class);
  T.Instance = std::move(Instance);
  return T;
}

Term paramTerm(int16_t Root) {
  Term T;
  T.Root = Root;
  T.Instance = "$" + std::to_string(Root);
  return T;
}

std::string sname(uint32_t K) { return "s" + std::to_string(K); }

struct Stats {
  uint64_t CallEvents = 0, CrossCalls = 0, Events = 0, Blocks = 0;
  uint64_t LockRegions = 0, Trylocks = 0, Waits = 0, Binds = 0, Readers = 0;
  uint64_t Signals = 0, SelfRecursive = 0, SmallCycles = 0;
};

class UnitGen {
public:
  UnitGen(const Plan &P, uint32_t U, Stats &St)
      : P(P), U(U), St(St), R(P.O.Seed * 1000003ull + U) {}

  TUFacts run();

private:
  uint32_t sym(uint32_t G);
  uint32_t prim(Prim Pm);
  std::vector<uint32_t> callees(uint32_t G, uint32_t Count);
  Node buildTree(uint32_t G, std::vector<uint32_t> Calls);
  LockDesc lockOf(uint32_t G, unsigned Which);
  void lowerFunction(uint32_t G, const Node &Root);
  // Lowering into blocks.
  uint32_t newBlock();
  void edge(uint32_t From, uint32_t To, int32_t TryId = -1, bool Ok = false);
  void lower(const std::vector<Node> &Seq);
  void lowerNode(const Node &N);
  Event ev(EventKind K, uint32_t Callee);
  Event call(uint32_t Callee, std::vector<Term> Args);
  std::vector<Term> argsFor(uint32_t Callee);
  Domain objDomain(const char *Prefix, const std::string &Member);

  const Plan &P;
  uint32_t U;
  Stats &St;
  Rng R;
  TUFacts TU;
  std::map<uint32_t, uint32_t> ExternSyms; ///< global id -> local symbol
  uint32_t PrimSym[NumPrims];
  std::vector<std::vector<uint32_t>> Calls; ///< per local index
  // Current function.
  uint32_t CurG = 0;
  FunctionIR *Cur = nullptr;
  std::vector<Block> Bs; ///< in creation order; renumbered at the end
  uint32_t CurBlock = 0;
  uint32_t Line = 1;
  int32_t NextTry = 0;
  LockDesc Locks[2];
};

uint32_t UnitGen::sym(uint32_t G) {
  if (P.unitOf(G) == U)
    return P.indexOf(G); // the unit's own functions come first
  auto [It, New] = ExternSyms.try_emplace(G, uint32_t(TU.Symbols.size()));
  if (New) {
    Symbol S;
    S.USR = "c:@F@f" + std::to_string(G);
    S.Name = "f" + std::to_string(G);
    S.At = Loc{1, 10 + G % 50000, 6}; // its declaration in the header
    TU.Symbols.push_back(std::move(S));
  }
  return It->second;
}

uint32_t UnitGen::prim(Prim Pm) {
  if (PrimSym[Pm] == NoIndex) {
    PrimSym[Pm] = TU.Symbols.size();
    Symbol S;
    S.USR = std::string("c:@F@") + PrimNames[Pm];
    S.Name = PrimNames[Pm];
    S.At = Loc{1, 2 + uint32_t(Pm), 6};
    TU.Symbols.push_back(std::move(S));
  }
  return PrimSym[Pm];
}

/// Count call targets for function G, all on lower levels (higher
/// indexes) so that the graph is a DAG apart from the cycles added on
/// purpose. ~80% stay in the unit: layered, on the next level (70%) or one
/// further down, near the caller's relative position; ~20% go to another
/// unit: layered, mostly its popular low-level helpers (Zipf), sometimes a
/// popular function of a middle level. The chain shape picks any of the
/// next 64 indexes, in the unit or another.
std::vector<uint32_t> UnitGen::callees(uint32_t G, uint32_t Count) {
  std::vector<uint32_t> Out;
  uint32_t I = P.indexOf(G);
  uint32_t End = P.normalEnd();
  if (P.isLeaf(I))
    return Out;
  uint32_t Lv = P.levels(), K = P.LevelOf[I];
  bool Ring = P.Fns[G].InRing;
  double Pos = double(I - P.LevelStart[K]) / P.LevelSize[K];
  auto Near = [&](uint32_t L) {
    int64_t C = int64_t(Pos * P.LevelSize[L]) + int64_t(R.below(CalleeSpread)) -
                int64_t(CalleeSpread / 2);
    C = std::clamp<int64_t>(C, 0, P.LevelSize[L] - 1);
    return P.LevelStart[L] + uint32_t(C);
  };
  for (uint32_t C = 0; C < Count; ++C) {
    uint32_t TU_ = U;
    bool Cross = P.O.Units > 1 && R.chance(0.20);
    if (Cross) {
      TU_ = R.below(P.O.Units - 1);
      if (TU_ >= U)
        ++TU_;
    }
    uint32_t J;
    if (P.O.Shape == Shape::Chain) {
      J = I + 1 + R.below(std::min(CalleeWindow, End - I - 1));
    } else if (!Cross) {
      uint32_t L = K + 1;
      if (L + 1 < Lv && R.chance(0.30))
        L += 1 + R.below(Lv - 1 - L);
      J = Near(L);
    } else {
      uint32_t L;
      if (R.chance(0.75) || K + 2 >= Lv)
        L = std::max(K + 1, Lv - 1 - R.below(2));
      else
        L = K + 1 + R.below(Lv - 2 - K);
      J = P.LevelStart[L] + P.Popular(R) % P.LevelSize[L];
    }
    // A ring member calls ring members or functions below the ring only,
    // so that nothing outside the ring is both reached from it and
    // reaching it: the large SCC is exactly the ring.
    if (Ring && !P.ringMember(TU_, J) && J < P.RingHi)
      J = P.RingHi + R.below(std::min(CalleeWindow, End - P.RingHi));
    Out.push_back(P.id(TU_, J));
  }
  return Out;
}

LockDesc UnitGen::lockOf(uint32_t G, unsigned Which) {
  const FnPlan &F = P.Fns[G];
  LockDesc D;
  LockStyle S = F.Lock;
  uint32_t K = F.Struct, X = F.Other;
  if (Which == 1) {
    // The second lock: another struct's mutex, reached through p.
    S = LockStyle::RefMutex;
    X = F.Inner;
    if (F.Kind == FnKind::ParamLocker)
      S = LockStyle::GlobalMutex;
  }
  switch (S) {
  case LockStyle::None:
  case LockStyle::OwnMutex:
    D.T = classTerm(sname(K) + ".lock", "$0.lock");
    break;
  case LockStyle::RefMutex:
    D.T = classTerm(sname(X) + ".lock", "$0.ref" + std::to_string(X) + ".lock");
    break;
  case LockStyle::GlobalMutex:
    D.T = classTerm(sname(X) + ".lock", "g" + std::to_string(X) + ".lock");
    break;
  case LockStyle::OwnSpin:
    D.T = classTerm(sname(K) + ".slock", "$0.slock");
    D.Kind = LockKind::Spinlock;
    D.Acq = PSpinLock;
    D.Rel = PSpinUnlock;
    break;
  case LockStyle::ParamMutex:
    D.T = paramTerm(0);
    break;
  }
  return D;
}

Node UnitGen::buildTree(uint32_t G, std::vector<uint32_t> CallList) {
  const FnPlan &F = P.Fns[G];
  Node Root{Node::Call, 0, 0, {}};
  Root.K = Node::If; // a plain sequence; the kind is unused for the root
  std::vector<Node> &Seq = Root.Kids;
  for (uint32_t C : CallList)
    Seq.push_back(Node{Node::Call, C, 0, {}});

  auto randomRange = [&](std::vector<Node> &V, uint32_t MaxLen) {
    uint32_t Len =
        V.empty() ? 0 : R.below(std::min<uint32_t>(MaxLen, V.size()) + 1);
    uint32_t Start = R.below(uint32_t(V.size() - Len) + 1);
    return std::make_pair(Start, Len);
  };
  auto wrap = [&](std::vector<Node> &V, Node::Kind K, uint32_t MaxLen,
                  uint8_t LockIdx = 0, uint32_t MinLen = 0) -> Node & {
    auto [Start, Len] = randomRange(V, MaxLen);
    if (Len < MinLen && V.size() >= MinLen) {
      Len = MinLen;
      Start = std::min<uint32_t>(Start, V.size() - Len);
    }
    Node W{K, 0, LockIdx, {}};
    W.Kids.assign(std::make_move_iterator(V.begin() + Start),
                  std::make_move_iterator(V.begin() + Start + Len));
    V.erase(V.begin() + Start, V.begin() + Start + Len);
    V.insert(V.begin() + Start, std::move(W));
    return V[Start];
  };
  auto insertAt = [&](std::vector<Node> &V, Node N) {
    V.insert(V.begin() + R.below(uint32_t(V.size()) + 1), std::move(N));
  };

  // Lock regions. A spinlock region holds no calls (nearly always).
  Node *Region = nullptr;
  if (F.Lock != LockStyle::None) {
    ++St.LockRegions;
    if (F.Kind == FnKind::LockHelper || F.Kind == FnKind::UnlockHelper) {
      // Handled in lowerFunction: a single lock or unlock.
    } else if (F.Lock == LockStyle::OwnSpin) {
      Region = &wrap(Seq, Node::LockRegion, R.chance(0.05) ? 1 : 0);
      if (R.chance(0.15))
        Region->Kids.push_back(Node{Node::Complete, 0, 0, {}});
    } else {
      Region = &wrap(Seq, Node::LockRegion, 5, 0, 1);
    }
    if (Region && R.chance(1.0 / 3)) {
      ++St.LockRegions;
      if (R.chance(0.5) && Region->Kids.size() > 0 &&
          F.Lock != LockStyle::OwnSpin) {
        wrap(Region->Kids, Node::LockRegion, 2, 1); // nested
        Region = nullptr; // the vector moved; do not use it again below
      } else {
        wrap(Seq, Node::LockRegion, 3, 1);
        Region = nullptr;
      }
    }
  }
  // Find the main lock region again (the wraps above may have moved it).
  auto findRegion = [&]() -> Node * {
    for (Node &N : Seq)
      if (N.K == Node::LockRegion && N.LockIdx == 0 &&
          F.Lock != LockStyle::OwnSpin)
        return &N;
    return nullptr;
  };

  // Waits: 2% of functions, half of them under the function's mutex.
  if (!P.isHelper(G) && R.chance(0.02)) {
    ++St.Waits;
    double X = R.unit();
    Node::Kind K = X < 0.40   ? Node::WaitSleep
                   : X < 0.60 ? Node::WaitWork
                   : X < 0.75 ? Node::WaitCompletion
                   : X < 0.90 ? Node::WaitSrcu
                              : Node::WaitRcu;
    Node W{K, 0, 0, {}};
    Node *Reg = findRegion();
    if (Reg && R.chance(0.5))
      insertAt(Reg->Kids, std::move(W));
    else
      insertAt(Seq, std::move(W));
  }
  if (!P.isHelper(G)) {
    // Read-side sections: SRCU around a few calls, RCU around none.
    if (R.chance(0.005)) {
      ++St.Readers;
      wrap(Seq, Node::ReaderSrcu, 3, 0, 1);
    } else if (R.chance(0.003)) {
      ++St.Readers;
      Node &Rd = wrap(Seq, Node::ReaderRcu, 0);
      if (R.chance(0.5))
        Rd.Kids.push_back(Node{Node::Complete, 0, 0, {}});
    }
    if (R.chance(0.005)) {
      insertAt(Seq, Node{Node::Complete, 0, 0, {}});
    }
    // INIT_WORK(&p->work, fn): fn takes p's own mutex when possible.
    if (R.chance(0.003)) {
      ++St.Binds;
      const auto &Cand = P.OwnLockers[F.Struct];
      uint32_t Fn = Cand.empty() ? R.below(P.N) : Cand[R.below(Cand.size())];
      insertAt(Seq, Node{Node::InitWork, Fn, 0, {}});
    }
    // Trylocks: if (mutex_trylock(&p->lock)) { call(); mutex_unlock(); }
    if (R.chance(0.03)) {
      ++St.Trylocks;
      wrap(Seq, Node::TryRegion, 2);
    }
  }
  // Control flow: ifs around a quarter of the statements, some loops.
  uint32_t Ifs = uint32_t(Seq.size() / 4);
  for (uint32_t I = 0; I < Ifs; ++I)
    wrap(Seq, Node::If, 2, 0, 1);
  if (R.chance(0.10))
    wrap(Seq, Node::Loop, 3, 0, 1);
  return Root;
}

uint32_t UnitGen::newBlock() {
  Bs.emplace_back();
  return uint32_t(Bs.size() - 1);
}

void UnitGen::edge(uint32_t From, uint32_t To, int32_t TryId, bool Ok) {
  Edge E;
  E.To = To;
  E.TryId = TryId;
  E.OnSuccess = Ok;
  Bs[From].Succs.push_back(E);
}

Event UnitGen::ev(EventKind K, uint32_t Callee) {
  Event E;
  E.Kind = K;
  E.At = Loc{0, Line++, 3};
  E.Callee = Callee;
  return E;
}

std::vector<Term> UnitGen::argsFor(uint32_t Callee) {
  const FnPlan &Me = P.Fns[CurG], &Them = P.Fns[Callee];
  std::vector<Term> Args;
  if (Them.Kind != FnKind::Normal) {
    // f(struct mutex *m): pass one of our locks, or one of the callee's
    // band.
    uint32_t X = Them.Other;
    if (Them.Kind == FnKind::ParamLocker)
      Args.push_back(classTerm(sname(X) + ".lock",
                               "$0.ref" + std::to_string(X) + ".lock"));
    else
      Args.push_back(classTerm(sname(Me.Struct) + ".lock", "$0.lock"));
    return Args;
  }
  // f(struct sK *p, int, int): our own p when the type matches, else a
  // struct reached through p or a global.
  uint32_t K = Them.Struct;
  if (Me.Kind == FnKind::Normal && K == Me.Struct)
    Args.push_back(paramTerm(0));
  else if ((Callee ^ CurG) & 1)
    Args.push_back(classTerm(sname(Me.Struct) + ".ref" + std::to_string(K),
                             "$0.ref" + std::to_string(K)));
  else
    Args.push_back(classTerm("g" + std::to_string(K), "g" + std::to_string(K)));
  for (unsigned I = 1; I < Them.NumParams; ++I)
    Args.push_back(Term()); // an int
  return Args;
}

Event UnitGen::call(uint32_t Callee, std::vector<Term> Args) {
  uint32_t S = sym(Callee);
  Event E = ev(EventKind::Call, S);
  E.Targets.push_back(S);
  E.Args.assign(Args.begin(), Args.end());
  ++St.CallEvents;
  if (P.unitOf(Callee) != U)
    ++St.CrossCalls;
  if (Callee == CurG)
    ++St.SelfRecursive;
  return E;
}

Domain UnitGen::objDomain(const char *Prefix, const std::string &Member) {
  Domain D;
  D.Prefix = Prefix;
  D.Object =
      classTerm(sname(P.Fns[CurG].Struct) + "." + Member, "$0." + Member);
  return D;
}

void UnitGen::lowerNode(const Node &N) {
  auto push = [&](Event E) { Bs[CurBlock].Events.push_back(std::move(E)); };
  auto acquire = [&](const LockDesc &L) {
    if (L.HelperLock != NoIndex) {
      push(call(L.HelperLock, {L.T}));
      return;
    }
    Event E = ev(EventKind::Acquire, prim(L.Acq));
    E.Lock = L.T;
    E.LKind = L.Kind;
    push(std::move(E));
  };
  auto release = [&](const LockDesc &L) {
    if (L.HelperUnlock != NoIndex) {
      push(call(L.HelperUnlock, {L.T}));
      return;
    }
    Event E = ev(EventKind::Release, prim(L.Rel));
    E.Lock = L.T;
    E.LKind = L.Kind;
    push(std::move(E));
  };
  const FnPlan &F = P.Fns[CurG];
  switch (N.K) {
  case Node::Call:
    push(call(N.Callee, argsFor(N.Callee)));
    break;
  case Node::LockRegion: {
    const LockDesc &L = Locks[N.LockIdx];
    acquire(L);
    lower(N.Kids);
    release(L);
    break;
  }
  case Node::TryRegion: {
    int32_t Id = NextTry++;
    LockDesc L;
    L.T = classTerm(sname(F.Struct) + ".lock", "$0.lock");
    if (F.Kind == FnKind::ParamLocker)
      L.T = classTerm(sname(F.Other) + ".lock",
                      "g" + std::to_string(F.Other) + ".lock");
    Event E = ev(EventKind::TryAcquire, prim(PMutexTrylock));
    E.Lock = L.T;
    E.TryId = Id;
    push(std::move(E));
    uint32_t Cond = CurBlock, Then = newBlock(), Join = newBlock();
    edge(Cond, Then, Id, true);
    edge(Cond, Join, Id, false);
    CurBlock = Then;
    lower(N.Kids);
    release(L);
    edge(CurBlock, Join);
    CurBlock = Join;
    break;
  }
  case Node::If: {
    uint32_t Cond = CurBlock, Then = newBlock(), Join = newBlock();
    edge(Cond, Then);
    edge(Cond, Join);
    CurBlock = Then;
    lower(N.Kids);
    edge(CurBlock, Join);
    CurBlock = Join;
    break;
  }
  case Node::Loop: {
    uint32_t Head = newBlock(), Body = newBlock(), After = newBlock();
    edge(CurBlock, Head);
    edge(Head, Body);
    edge(Head, After);
    CurBlock = Body;
    lower(N.Kids);
    edge(CurBlock, Head);
    CurBlock = After;
    break;
  }
  case Node::ReaderSrcu:
  case Node::ReaderRcu: {
    bool Srcu = N.K == Node::ReaderSrcu;
    Term T = Srcu ? classTerm(sname(F.Struct) + ".srcu", "$0.srcu")
                  : classTerm("rcu", "rcu");
    Event A = ev(EventKind::Acquire, prim(Srcu ? PSrcuReadLock : PRcuReadLock));
    A.Lock = T;
    A.LKind = Srcu ? LockKind::Srcu : LockKind::Rcu;
    A.Mode = LockMode::Shared;
    A.Recursive = true;
    push(std::move(A));
    lower(N.Kids);
    Event Rl =
        ev(EventKind::Release, prim(Srcu ? PSrcuReadUnlock : PRcuReadUnlock));
    Rl.Lock = T;
    push(std::move(Rl));
    break;
  }
  case Node::WaitSleep: {
    Event E = ev(EventKind::Wait, prim(PMsleep));
    E.WKind = WaitKind::Sleep;
    E.Sleeps = true;
    E.WhyRef = "linux-kernel.yaml:235";
    push(std::move(E));
    break;
  }
  case Node::WaitWork: {
    Event E = ev(EventKind::Wait, prim(PFlushWork));
    E.WKind = WaitKind::WorkerWait;
    E.Dom = objDomain("work", "work");
    E.Sleeps = true;
    E.WhyRef = "linux-kernel.yaml:193";
    push(std::move(E));
    break;
  }
  case Node::WaitCompletion: {
    Event E = ev(EventKind::Wait, prim(PWaitForCompletion));
    E.WKind = WaitKind::WorkerWait;
    E.Dom = objDomain("completion", "done");
    E.Sleeps = true;
    E.WhyRef = "linux-kernel.yaml:205";
    push(std::move(E));
    break;
  }
  case Node::WaitSrcu: {
    Event E = ev(EventKind::Wait, prim(PSynchronizeSrcu));
    E.WKind = WaitKind::GracePeriod;
    E.Dom = objDomain("srcu", "srcu");
    E.Sleeps = true;
    E.WhyRef = "linux-kernel.yaml:180";
    push(std::move(E));
    break;
  }
  case Node::WaitRcu: {
    Event E = ev(EventKind::Wait, prim(PSynchronizeRcu));
    E.WKind = WaitKind::GracePeriod;
    E.Dom.Literal = "rcu";
    E.Sleeps = true;
    E.WhyRef = "linux-kernel.yaml:183";
    push(std::move(E));
    break;
  }
  case Node::Complete: {
    // complete(&p->done): a wakeup (takes rq.__lock) and a signal.
    ++St.Signals;
    Event W = ev(EventKind::Wait, prim(PComplete));
    W.WKind = WaitKind::Wakeup;
    W.Dom.Literal = "rq";
    W.Implicit = "rq.__lock";
    W.Sleeps = false;
    W.WhyRef = "linux-kernel.yaml:216";
    Loc At = W.At;
    push(std::move(W));
    Event S;
    S.Kind = EventKind::Signal;
    S.At = At;
    S.Callee = prim(PComplete);
    S.Dom = objDomain("completion", "done");
    S.WhyRef = "linux-kernel.yaml:245";
    push(std::move(S));
    break;
  }
  case Node::InitWork: {
    // `(&p->work)->func = fn`: a field store the profile binds to
    // work:<class of p->work>.
    Event E = ev(EventKind::Bind, sym(N.Callee));
    E.Field = "work_struct.func";
    E.Dom.Prefix = "work";
    const FnPlan &T = P.Fns[N.Callee];
    E.Dom.Object = T.Struct == F.Struct
                       ? classTerm(sname(F.Struct) + ".work", "$0.work")
                       : classTerm(sname(T.Struct) + ".work",
                                   "g" + std::to_string(T.Struct) + ".work");
    E.WhyRef = "linux-kernel.yaml:279";
    push(std::move(E));
    break;
  }
  }
}

void UnitGen::lower(const std::vector<Node> &Seq) {
  for (const Node &N : Seq)
    lowerNode(N);
}

void UnitGen::lowerFunction(uint32_t G, const Node &Root) {
  const FnPlan &F = P.Fns[G];
  CurG = G;
  Bs.clear();
  NextTry = 0;
  Line += 2;
  FunctionIR IR;
  IR.Sym = P.indexOf(G);
  IR.At = Loc{0, Line, 6};
  TU.Symbols[IR.Sym].At = IR.At;
  IR.NumParams = F.NumParams;
  Locks[0] = lockOf(G, 0);
  Locks[1] = lockOf(G, 1);
  // 5% of own-mutex regions go through the unit's lock helpers:
  // s_lock(&p->lock) ... s_unlock(&p->lock).
  if (F.Lock == LockStyle::OwnMutex && P.Helpers && R.chance(0.05)) {
    uint32_t Pair = R.below(P.Helpers / 2);
    Locks[0].HelperLock = P.id(U, P.normalEnd() + 2 * Pair);
    Locks[0].HelperUnlock = Locks[0].HelperLock + 1;
  }

  uint32_t Entry = newBlock();
  CurBlock = newBlock();
  edge(Entry, CurBlock);
  if (F.Kind == FnKind::LockHelper || F.Kind == FnKind::UnlockHelper) {
    Event E = ev(
        F.Kind == FnKind::LockHelper ? EventKind::Acquire : EventKind::Release,
        prim(F.Kind == FnKind::LockHelper ? PMutexLock : PMutexUnlock));
    E.Lock = paramTerm(0);
    Bs[CurBlock].Events.push_back(std::move(E));
  } else {
    lower(Root.Kids);
  }
  uint32_t Exit = newBlock();
  edge(CurBlock, Exit);

  // Clang numbers the entry highest and the exit 0; blocks in between
  // count down in the order they were created.
  uint32_t NB = uint32_t(Bs.size());
  auto Id = [&](uint32_t K) { return NB - 1 - K; };
  IR.Blocks.resize(NB);
  for (uint32_t K = 0; K < NB; ++K) {
    Block &B = Bs[K];
    for (Edge &E : B.Succs)
      E.To = Id(E.To);
    St.Events += B.Events.size();
    IR.Blocks[Id(K)] = std::move(B);
  }
  IR.Entry = Id(Entry);
  IR.Exit = Id(Exit); // 0: created last
  St.Blocks += NB;
  TU.Functions.push_back(std::move(IR));
  Line += 2;
}

TUFacts UnitGen::run() {
  uint32_t F = P.O.FunctionsPerUnit;
  char Buf[64];
  std::snprintf(Buf, sizeof Buf, "/bench/src/unit%05u.c", U);
  TU.MainFile = Buf;
  TU.Files = {TU.MainFile, "/bench/include/bench.h"};
  std::fill(std::begin(PrimSym), std::end(PrimSym), NoIndex);
  for (uint32_t I = 0; I < F; ++I) {
    Symbol S;
    uint32_t G = P.id(U, I);
    S.USR = "c:@F@f" + std::to_string(G);
    S.Name = "f" + std::to_string(G);
    TU.Symbols.push_back(std::move(S));
  }

  // Calls: the program-wide budget of calls spread evenly over the
  // functions that can have callees (helpers and the last normal function
  // of each unit have none).
  uint32_t End = P.normalEnd();
  uint32_t PerUnit = P.LevelStart.back(); // the non-leaf indexes
  uint64_t Eligible = uint64_t(P.O.Units) * PerUnit;
  uint64_t Total = uint64_t(P.N) * P.O.CallsPerFunction;
  Calls.assign(F, {});
  for (uint32_t I = 0; Eligible && I < PerUnit; ++I) {
    uint64_t E = uint64_t(U) * PerUnit + I;
    uint32_t Count =
        uint32_t((E + 1) * Total / Eligible - E * Total / Eligible);
    Calls[I] = callees(P.id(U, I), Count);
  }
  // Recursion. The ring (large SCC): each member calls the next.
  for (uint32_t I = 0; I < F; ++I) {
    uint32_t G = P.id(U, I);
    if (P.Fns[G].InRing && !Calls[I].empty())
      Calls[I][0] = P.ringNext(G);
  }
  // Small cycles f[i-d] -> ... -> f[i] -> f[i-d] (1%), self calls (0.3%),
  // away from the ring.
  for (uint32_t I = 5; I + 1 < End; ++I) {
    uint32_t G = P.id(U, I);
    if (P.Fns[G].InRing || Calls[I].size() < 2)
      continue;
    if (R.chance(0.003)) {
      Calls[I][1] = G;
      continue;
    }
    if (!R.chance(0.01))
      continue;
    uint32_t D = 1 + R.below(4);
    bool Ok = true;
    for (uint32_t K = I - D; K < I; ++K)
      Ok &= !P.Fns[P.id(U, K)].InRing && Calls[K].size() >= 2 &&
            (P.O.Shape == Shape::Chain || P.LevelOf[K] == P.LevelOf[I]);
    if (!Ok)
      continue;
    for (uint32_t K = I - D; K < I; ++K)
      Calls[K][1] = P.id(U, K + 1);
    Calls[I][1] = P.id(U, I - D);
    ++St.SmallCycles;
  }

  for (uint32_t I = 0; I < F; ++I) {
    uint32_t G = P.id(U, I);
    Node Root = buildTree(G, std::move(Calls[I]));
    lowerFunction(G, Root);
  }
  return std::move(TU);
}

//===----------------------------------------------------------------------===//
// Measurement
//===----------------------------------------------------------------------===//

using Clock = std::chrono::steady_clock;
double secondsSince(Clock::time_point T) {
  return std::chrono::duration<double>(Clock::now() - T).count();
}

/// User + system CPU seconds so far (wall time is noisy on a shared
/// machine; CPU time shows whether the process itself got slower).
double cpuSeconds() {
  struct rusage RU;
  getrusage(RUSAGE_SELF, &RU);
  return RU.ru_utime.tv_sec + RU.ru_stime.tv_sec +
         (RU.ru_utime.tv_usec + RU.ru_stime.tv_usec) / 1e6;
}

/// Peak resident set so far, in MiB.
double peakRssMiB() {
  struct rusage RU;
  getrusage(RUSAGE_SELF, &RU);
  return RU.ru_maxrss / 1024.0; // KiB on Linux
}

/// Current resident set, in MiB.
double rssMiB() {
  long Pages = 0, Resident = 0;
  if (FILE *F = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(F, "%ld %ld", &Pages, &Resident) != 2)
      Resident = 0;
    std::fclose(F);
  }
  return double(Resident) * double(sysconf(_SC_PAGESIZE)) / (1024.0 * 1024.0);
}

} // namespace

int main(int argc, char **argv) {
  Options O = parseArgs(argc, argv);
  // Running out of memory aborts (no exceptions): show where.
  llvm::sys::PrintStackTraceOnErrorSignal(argv[0]);
  auto Progress = [&](const char *What) {
    std::fprintf(stderr, "holdwait-bench-link: %s (RSS %.0f MiB)\n", What,
                 rssMiB());
  };
  if (O.EngineTiming)
    setenv("HOLDWAIT_TIMING", "1", 1);

  Profile Prof;
  if (llvm::Error E = Prof.loadDefaults()) {
    llvm::errs() << "holdwait-bench-link: built-in profile: "
                 << llvm::toString(std::move(E)) << "\n";
    return 2;
  }

  // Generation (not part of the measured total).
  auto T0 = Clock::now();
  Plan Pl = makePlan(O);
  Stats St;
  std::vector<TUFacts> Units;
  Units.reserve(O.Units);
  for (uint32_t U = 0; U < O.Units; ++U)
    Units.push_back(UnitGen(Pl, U, St).run());
  Pl.Fns.clear();
  Pl.Fns.shrink_to_fit();
  double GenS = secondsSince(T0);
  double RssAfterGen = rssMiB(), PeakAfterGen = peakRssMiB();

  // Link.
  Progress("generated; linking");
  double C1 = cpuSeconds();
  auto T1 = Clock::now();
  Program Prog;
  for (TUFacts &TU : Units)
    Prog.add(std::move(TU));
  Prog.link();
  double LinkS = secondsSince(T1), LinkCpu = cpuSeconds() - C1;
  Units.clear();
  Units.shrink_to_fit();
  double RssAfterLink = rssMiB();
  if (O.StopAfterLink) {
    uint64_t Events = 0;
    for (const FunctionIR &F : Prog.Functions)
      for (const Block &B : F.Blocks)
        Events += B.Events.size();
    llvm::outs() << llvm::format(
        "program: %u units x %u functions, %zu symbols, %llu events\n"
        "generate %8.3f s  (not counted; RSS %.0f MiB, peak %.0f MiB)\n"
        "link     %8.3f s  (cpu %.3f s; RSS %.0f MiB, peak %.0f MiB)\n",
        O.Units, O.FunctionsPerUnit, Prog.Symbols.size(),
        (unsigned long long)Events, GenS, RssAfterGen, PeakAfterGen, LinkS,
        LinkCpu, RssAfterLink, peakRssMiB());
    return 0;
  }

  // Analysis.
  Progress("linked; analyzing");
  double C2 = cpuSeconds();
  auto T2 = Clock::now();
  Analysis A(Prog, Prof);
  double AnalysisS = secondsSince(T2), AnalysisCpu = cpuSeconds() - C2;
  double RssAfterAnalysis = rssMiB();

  // Checks.
  Progress("analyzed; running the checks");
  std::vector<std::pair<std::string, std::pair<double, size_t>>> PerCheck;
  std::vector<Finding> Findings;
  double C3 = cpuSeconds();
  auto T3 = Clock::now();
  for (const auto &C : allChecks()) {
    auto TC = Clock::now();
    size_t Before = Findings.size();
    C->run(A, Findings);
    PerCheck.push_back(
        {C->name().str(), {secondsSince(TC), Findings.size() - Before}});
  }
  double ChecksS = secondsSince(T3), ChecksCpu = cpuSeconds() - C3;
  double Peak = peakRssMiB();
  double Total = LinkS + AnalysisS + ChecksS;

  // Shape of what was analyzed (not timed).
  uint64_t LinkedEdges = 0, Unresolved = 0;
  for (const FunctionIR &F : Prog.Functions)
    for (const Block &B : F.Blocks)
      for (const Event &E : B.Events)
        if (E.Kind == EventKind::Call) {
          LinkedEdges += E.Targets.size();
          for (uint32_t T : E.Targets)
            Unresolved += !Prog.definition(T);
        }
  size_t LargestScc = 0, RecursiveSccs = 0;
  for (const auto &C : callGraphSCCs(Prog)) {
    LargestScc = std::max(LargestScc, C.size());
    RecursiveSccs += C.size() > 1;
  }
  size_t Truncated = 0;
  for (size_t I = 0; I < Prog.Functions.size(); ++I)
    Truncated += A.summaries().ofFunction(I).truncated();
  size_t Unconverged = A.summaries().unconverged().size();
  // Summary sizes against the caps (what the engine's cost scales with).
  const SummaryLimits &Lim = A.summaries().limits();
  uint64_t SumOps = 0, SumAcqs = 0, SumSigs = 0, AtOpCap = 0, AtAcqCap = 0;
  for (size_t I = 0; I < Prog.Functions.size(); ++I) {
    const FunctionSummary &S = A.summaries().ofFunction(I);
    SumOps += S.Ops.size();
    SumAcqs += S.Acquires.size();
    SumSigs += S.Signals.size();
    AtOpCap += S.Ops.size() >= Lim.MaxOps;
    AtAcqCap += S.Acquires.size() >= Lim.MaxAcquires;
  }
  double NF = std::max<size_t>(1, Prog.Functions.size());

  if (O.Json) {
    llvm::json::OStream J(llvm::outs(), 2);
    J.object([&] {
      J.attributeObject("config", [&] {
        J.attribute("units", O.Units);
        J.attribute("functions_per_unit", O.FunctionsPerUnit);
        J.attribute("calls_per_function", O.CallsPerFunction);
        J.attribute("seed", int64_t(O.Seed));
        J.attribute("shape", O.Shape == Shape::Layered ? "layered" : "chain");
      });
      J.attributeObject("program", [&] {
        J.attribute("functions", int64_t(Prog.Functions.size()));
        J.attribute("symbols", int64_t(Prog.Symbols.size()));
        J.attribute("call_edges", int64_t(LinkedEdges));
        J.attribute("cross_unit_calls", int64_t(St.CrossCalls));
        J.attribute("unresolved_targets", int64_t(Unresolved));
        J.attribute("events", int64_t(St.Events));
        J.attribute("blocks", int64_t(St.Blocks));
        J.attribute("lock_regions", int64_t(St.LockRegions));
        J.attribute("trylocks", int64_t(St.Trylocks));
        J.attribute("waits", int64_t(St.Waits));
        J.attribute("binds", int64_t(St.Binds));
        J.attribute("readers", int64_t(St.Readers));
        J.attribute("signals", int64_t(St.Signals));
        J.attribute("recursive_sccs", int64_t(RecursiveSccs));
        J.attribute("largest_scc", int64_t(LargestScc));
        J.attribute("self_recursive_calls", int64_t(St.SelfRecursive));
        J.attribute("small_cycles", int64_t(St.SmallCycles));
      });
      J.attributeObject("seconds", [&] {
        J.attribute("generate", GenS);
        J.attribute("link", LinkS);
        J.attribute("analysis", AnalysisS);
        J.attribute("checks", ChecksS);
        J.attribute("total", Total);
      });
      J.attributeObject("cpu_seconds", [&] {
        J.attribute("link", LinkCpu);
        J.attribute("analysis", AnalysisCpu);
        J.attribute("checks", ChecksCpu);
        J.attribute("total", LinkCpu + AnalysisCpu + ChecksCpu);
      });
      J.attributeObject("checks", [&] {
        for (auto &[Name, V] : PerCheck)
          J.attributeObject(Name, [&] {
            J.attribute("seconds", V.first);
            J.attribute("findings", int64_t(V.second));
          });
      });
      J.attribute("findings", int64_t(Findings.size()));
      J.attributeObject("engine", [&] {
        J.attribute("wait_sites", int64_t(A.facts().Waits.size()));
        J.attribute("acquire_sites", int64_t(A.facts().Acquires.size()));
        J.attribute("signal_sites", int64_t(A.facts().SignalSites));
        J.attribute("bind_sites", int64_t(A.facts().Binds.size()));
        J.attribute("context_domains", int64_t(A.contexts().numDomains()));
        J.attribute("truncated_summaries", int64_t(Truncated));
        J.attribute("unconverged_sccs", int64_t(Unconverged));
        J.attribute("mean_ops_per_summary", SumOps / NF);
        J.attribute("mean_acquires_per_summary", SumAcqs / NF);
        J.attribute("mean_signals_per_summary", SumSigs / NF);
        J.attribute("summaries_at_op_cap", int64_t(AtOpCap));
        J.attribute("summaries_at_acquire_cap", int64_t(AtAcqCap));
      });
      J.attributeObject("memory_mib", [&] {
        J.attribute("rss_after_generate", RssAfterGen);
        J.attribute("peak_after_generate", PeakAfterGen);
        J.attribute("rss_after_link", RssAfterLink);
        J.attribute("rss_after_analysis", RssAfterAnalysis);
        J.attribute("peak", Peak);
      });
      J.attribute("within_target", Total < 10.0 && Peak < 2048.0);
    });
    llvm::outs() << "\n";
    return 0;
  }

  llvm::raw_ostream &OS = llvm::outs();
  OS << llvm::format(
      "program: %s, %u units x %u functions, %llu call edges "
      "(%llu cross-unit, %llu unresolved), %llu events, "
      "%llu blocks\n",
      O.Shape == Shape::Layered ? "layered" : "chain", O.Units,
      O.FunctionsPerUnit, (unsigned long long)LinkedEdges,
      (unsigned long long)St.CrossCalls, (unsigned long long)Unresolved,
      (unsigned long long)St.Events, (unsigned long long)St.Blocks);
  OS << llvm::format("         %llu lock regions, %llu trylocks, %llu waits, "
                     "%llu binds, %llu readers, %llu signals; %zu recursive "
                     "SCCs (largest %zu)\n",
                     (unsigned long long)St.LockRegions,
                     (unsigned long long)St.Trylocks,
                     (unsigned long long)St.Waits, (unsigned long long)St.Binds,
                     (unsigned long long)St.Readers,
                     (unsigned long long)St.Signals, RecursiveSccs, LargestScc);
  OS << llvm::format("generate   %8.3f s  (not counted; RSS %.0f MiB)\n", GenS,
                     RssAfterGen);
  OS << llvm::format("link       %8.3f s  (cpu %.3f s; RSS %.0f MiB)\n", LinkS,
                     LinkCpu, RssAfterLink);
  OS << llvm::format("analysis   %8.3f s  (cpu %.3f s; RSS %.0f MiB)\n",
                     AnalysisS, AnalysisCpu, RssAfterAnalysis);
  OS << llvm::format("checks     %8.3f s  (cpu %.3f s)\n", ChecksS, ChecksCpu);
  for (auto &[Name, V] : PerCheck)
    OS << llvm::format("  %-26s %8.3f s  %zu finding(s)\n", Name.c_str(),
                       V.first, V.second);
  OS << llvm::format("total      %8.3f s  (link + analysis + checks)\n", Total);
  OS << llvm::format("peak RSS   %8.0f MiB\n", Peak);
  OS << "findings   " << Findings.size() << "\n";
  OS << "engine     " << A.facts().Waits.size() << " wait sites, "
     << A.facts().Acquires.size() << " acquire sites, " << A.facts().SignalSites
     << " signal sites, " << A.contexts().numDomains() << " context domains, "
     << Truncated << " truncated summaries, " << Unconverged
     << " unconverged SCC(s)\n";
  OS << llvm::format("summaries  mean %.1f ops (%llu at the cap of %u), %.1f "
                     "acquires (%llu at the cap of %u), %.1f signals\n",
                     SumOps / NF, (unsigned long long)AtOpCap, Lim.MaxOps,
                     SumAcqs / NF, (unsigned long long)AtAcqCap,
                     Lim.MaxAcquires, SumSigs / NF);
  OS << "target     " << (Total < 10.0 && Peak < 2048.0 ? "met" : "NOT met")
     << " (total < 10 s and peak RSS < 2048 MiB)\n";
  return 0;
}

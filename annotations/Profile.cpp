//===- Profile.cpp - YAML profile loading with LLVM YAMLTraits ------------===//
//
// Each YAML entry is read into a "raw" struct of strings first; the
// MappingTraits::validate hook converts it into the typed model and returns a
// message when a value is wrong, so YAMLTraits reports it at the entry's
// file:line:column. The same hook records where each entry was written, so a
// finding can cite the annotation that produced it.
//
//===----------------------------------------------------------------------===//
#include "annotations/Profile.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/YAMLTraits.h"

using namespace llvm;

namespace holdwait {

std::string SourceRef::str() const {
  if (File.empty())
    return "";
  return File + ":" + std::to_string(Line);
}

bool isAtomicKind(LockKind K) {
  switch (K) {
  case LockKind::Spinlock:
  case LockKind::RawSpinlock:
  case LockKind::RwSpinlock:
  case LockKind::Rcu:
  case LockKind::IrqOff:
    return true;
  default:
    return false;
  }
}

bool isReadSideKind(LockKind K) {
  return K == LockKind::Rcu || K == LockKind::Srcu;
}

bool acquisitionSleeps(LockKind K) {
  return K == LockKind::Mutex || K == LockKind::RwSem ||
         K == LockKind::SharedMutex || K == LockKind::Semaphore;
}

static const std::pair<LockKind, const char *> LockKindNames[] = {
    {LockKind::Mutex, "mutex"},
    {LockKind::RwSem, "rwsem"},
    {LockKind::SharedMutex, "shared-mutex"},
    {LockKind::Semaphore, "semaphore"},
    {LockKind::Spinlock, "spinlock"},
    {LockKind::RawSpinlock, "raw-spinlock"},
    {LockKind::RwSpinlock, "rwlock"},
    {LockKind::Rcu, "rcu"},
    {LockKind::Srcu, "srcu"},
    {LockKind::IrqOff, "irqs-off"},
};

StringRef lockKindName(LockKind K) {
  for (auto &[Kind, Name] : LockKindNames)
    if (Kind == K)
      return Name;
  return "lock";
}

std::optional<LockKind> parseLockKind(StringRef S) {
  for (auto &[Kind, Name] : LockKindNames)
    if (S == Name)
      return Kind;
  return std::nullopt;
}

static const std::pair<LockOp, const char *> LockOpNames[] = {
    {LockOp::Acquire, "acquire"},
    {LockOp::TryAcquire, "try-acquire"},
    {LockOp::Release, "release"},
    {LockOp::ScopedAcquire, "scoped-acquire"},
    {LockOp::ScopedTry, "scoped-try-acquire"},
    {LockOp::ScopedDefer, "scoped-defer"},
    {LockOp::ScopedAdopt, "scoped-adopt"},
    {LockOp::OwnedAcquire, "owned-acquire"},
    {LockOp::OwnedTry, "owned-try-acquire"},
    {LockOp::OwnedRelease, "owned-release"},
    {LockOp::Disown, "disown"},
    {LockOp::OwnsQuery, "owns-query"},
    {LockOp::Transfer, "transfer"},
};

StringRef lockOpName(LockOp Op) {
  for (auto &[O, Name] : LockOpNames)
    if (O == Op)
      return Name;
  return "?";
}

static const std::pair<WaitKind, const char *> WaitKindNames[] = {
    {WaitKind::GracePeriod, "grace-period"},
    {WaitKind::WorkerWait, "worker-wait"},
    {WaitKind::Wakeup, "wakeup"},
    {WaitKind::Sleep, "sleep"},
};

StringRef waitKindName(WaitKind K) {
  for (auto &[W, Name] : WaitKindNames)
    if (W == K)
      return Name;
  return "?";
}

std::optional<WaitKind> parseWaitKind(StringRef S) {
  for (auto &[W, Name] : WaitKindNames)
    if (S == Name)
      return W;
  return std::nullopt;
}

template <typename T, size_t N>
static std::string choices(const std::pair<T, const char *> (&Table)[N]) {
  std::string S;
  for (auto &[V, Name] : Table) {
    if (!S.empty())
      S += ", ";
    S += Name;
  }
  return S;
}

std::optional<ArgRef> ArgRef::parse(StringRef S, std::string &Err) {
  ArgRef R;
  S = S.trim();
  if (S.empty())
    return R;
  if (!S.starts_with("$")) {
    R.K = Fixed;
    R.FixedClass = S.str();
    return R;
  }
  StringRef Body = S.drop_front();
  size_t End = Body.find_first_of(".[");
  StringRef Head = Body.substr(0, End);
  if (End != StringRef::npos)
    R.Suffix = Body.substr(End).str();
  if (Head == "this") {
    R.K = This;
  } else if (Head == "ret") {
    R.K = Ret;
  } else if (Head == "*") {
    R.K = AllArgs;
  } else if (!Head.empty() && llvm::all_of(Head, isDigit)) {
    R.K = Arg;
    // getAsInteger fails on a number too large for an int and leaves the
    // index at -1: the operand would print as `$-1` and silently match no
    // argument.
    if (Head.getAsInteger(10, R.Index)) {
      Err = "bad operand '" + S.str() + "'; argument index " + Head.str() +
            " is too large";
      return std::nullopt;
    }
  } else {
    Err = "bad operand '" + S.str() +
          "'; expected $N (an argument), $this, $ret, $* or a lock class";
    return std::nullopt;
  }
  return R;
}

std::string ArgRef::str() const {
  switch (K) {
  case None:
    return "";
  case Arg:
    return "$" + std::to_string(Index) + Suffix;
  case This:
    return "$this" + Suffix;
  case Ret:
    return "$ret" + Suffix;
  case AllArgs:
    return "$*" + Suffix;
  case Fixed:
    return FixedClass;
  }
  return "";
}

std::optional<DomainTemplate> DomainTemplate::parse(StringRef S,
                                                    std::string &Err) {
  DomainTemplate D;
  S = S.trim();
  if (S.empty()) {
    Err = "empty domain";
    return std::nullopt;
  }
  size_t Dollar = S.find('$');
  if (Dollar == StringRef::npos) {
    D.Literal = S.str();
    return D;
  }
  StringRef Prefix = S.substr(0, Dollar);
  if (!Prefix.ends_with(":")) {
    Err = "bad domain '" + S.str() +
          "'; expected <prefix>:$N, <prefix>:$this or a literal name";
    return std::nullopt;
  }
  D.Prefix = Prefix.drop_back().str();
  auto Obj = ArgRef::parse(S.substr(Dollar), Err);
  if (!Obj)
    return std::nullopt;
  D.Object = *Obj;
  return D;
}

std::string DomainTemplate::str() const {
  if (!Literal.empty())
    return Literal;
  return Prefix + ":" + Object.str();
}

namespace {

/// Context handed to every mapping: the file being read, so that entries can
/// record where they were written.
struct LoadContext {
  StringRef File;
  StringRef Buffer;
  SourceRef here(yaml::IO &IO) const {
    SourceRef R;
    R.File = File.str();
    auto &In = static_cast<yaml::Input &>(IO);
    const yaml::Node *N = In.getCurrentNode();
    if (!N)
      return R;
    const char *P = N->getSourceRange().Start.getPointer();
    if (!P || P < Buffer.begin() || P > Buffer.end())
      return R;
    StringRef Before = Buffer.substr(0, P - Buffer.begin());
    R.Line = Before.count('\n') + 1;
    size_t LastNL = Before.rfind('\n');
    R.Column =
        LastNL == StringRef::npos ? Before.size() + 1 : Before.size() - LastNL;
    return R;
  }
};

LoadContext &ctx(yaml::IO &IO) {
  return *static_cast<LoadContext *>(IO.getContext());
}

/// An enumerated value. Parsing it as its own scalar type lets YAMLTraits
/// report a bad value at the value itself (file:line:column of `grab` in
/// `op: grab`), with the list of what is allowed.
enum ChoiceTag {
  OpChoice,
  KindChoice,
  ModeChoice,
  SuccessChoice,
  WaitChoice,
  WaitsChoice
};
template <ChoiceTag Tag> struct Choice {
  std::string V;
  Choice() = default;
  Choice(const char *S) : V(S) {}
  bool operator==(const Choice &O) const { return V == O.V; }
  operator const std::string &() const { return V; }
};

template <ChoiceTag Tag> std::string checkChoice(StringRef S) {
  auto In = [&](auto &Table) {
    for (auto &[Val, Name] : Table)
      if (S == Name)
        return true;
    return false;
  };
  switch (Tag) {
  case OpChoice:
    return In(LockOpNames) ? ""
                           : "unknown lock op '" + S.str() +
                                 "'; expected one of: " + choices(LockOpNames);
  case KindChoice:
    return In(LockKindNames)
               ? ""
               : "unknown lock kind '" + S.str() +
                     "'; expected one of: " + choices(LockKindNames);
  case ModeChoice:
    return S == "exclusive" || S == "shared"
               ? ""
               : "unknown mode '" + S.str() + "'; expected exclusive or shared";
  case SuccessChoice:
    return S == "zero" || S == "nonzero"
               ? ""
               : "unknown success '" + S.str() + "'; expected zero or nonzero";
  case WaitChoice:
    return In(WaitKindNames)
               ? ""
               : "unknown wait kind '" + S.str() +
                     "'; expected one of: " + choices(WaitKindNames);
  case WaitsChoice:
    return S == "any" || In(WaitKindNames)
               ? ""
               : "unknown wait kind '" + S.str() +
                     "'; expected any or one of: " + choices(WaitKindNames);
  }
  return "";
}

struct RawLock {
  std::vector<std::string> Names;
  Choice<OpChoice> Op;
  Choice<KindChoice> Kind;
  Choice<ModeChoice> Mode;
  Choice<SuccessChoice> Success;
  std::string Lock;
  bool AssumeSuccess = false, Recursive = false;
  std::optional<bool> Blocks;
  std::vector<std::string> ArgTypes;
  LockModel Out;
};
struct RawBlocking {
  std::vector<std::string> Names, ArgTypes;
  Choice<WaitChoice> Kind;
  std::string Domain, Releases, Implicit;
  std::optional<bool> Sleeps;
  BlockingModel Out;
};
struct RawSignal {
  std::vector<std::string> Names;
  std::string Domain;
  SignalModel Out;
};
struct RawThread {
  std::vector<std::string> Names, ElementTypes;
  std::string Domain, Callable;
  ThreadModel Out;
};
struct RawRelation {
  std::vector<std::string> Names;
  std::string Domain, Member;
  RelationModel Out;
};
struct RawField {
  std::string Field, Domain, Reason;
  std::vector<std::string> Held;
  FieldContextModel Out;
};
struct RawAlias {
  std::vector<std::string> Names;
  std::string Returns;
  AliasModel Out;
};
struct RawContextSafe {
  std::vector<std::string> Names;
  std::string Reason;
  ContextSafeModel Out;
};
struct RawExternalWrites {
  std::vector<std::string> Names;
  std::vector<std::string> Writes;
  std::string Reason;
  ExternalWritesModel Out;
};
struct RawCallback {
  std::vector<std::string> Names;
  std::string Slot, Value;
  CallbackModel Out;
};
struct RawDomainLock {
  std::string Domain, Lock;
  DomainLockModel Out;
};
struct RawConflict {
  Choice<WaitsChoice> Waits;
  std::string Lock, Domain, Reason, Reference;
  ConflictRule Out;
};
struct RawLockOrder {
  std::vector<std::string> Order;
  std::string Reason, Reference;
  LockOrderRule Out;
};
struct RawProfile {
  std::string Name, Description;
  std::vector<RawLock> Locks;
  std::vector<RawBlocking> Blocking;
  std::vector<RawSignal> Signals;
  std::vector<RawThread> Threads;
  std::vector<RawRelation> Relations;
  std::vector<RawField> Fields;
  std::vector<RawAlias> Aliases;
  std::vector<RawCallback> Callbacks;
  std::vector<RawContextSafe> ContextSafe;
  std::vector<RawExternalWrites> ExternalWrites;
  std::vector<RawDomainLock> DomainLocks;
  std::vector<RawConflict> Conflicts;
  std::vector<RawLockOrder> LockOrders;
  std::vector<std::string> Transparent;
};

std::string checkNames(const std::vector<std::string> &Names) {
  if (Names.empty())
    return "'names' must list at least one function";
  for (auto &N : Names)
    if (StringRef(N).trim().empty())
      return "empty function name in 'names'";
  return "";
}

std::string parseArgTypes(const std::vector<std::string> &In,
                          std::vector<std::pair<int, std::string>> &Out) {
  for (StringRef S : In) {
    auto [Idx, Type] = S.split('=');
    int I;
    // A negative index would name no parameter: the model would silently
    // match no call.
    if (Type.empty() || Idx.trim().getAsInteger(10, I) || I < 0)
      return "bad arg-types entry '" + S.str() +
             "'; expected <index>=<type name>";
    Out.push_back({I, Type.trim().str()});
  }
  return "";
}

} // namespace
} // namespace holdwait

using namespace holdwait;

namespace llvm {
namespace yaml {
template <ChoiceTag Tag> struct ScalarTraits<Choice<Tag>> {
  static void output(const Choice<Tag> &C, void *, raw_ostream &OS) {
    OS << C.V;
  }
  static StringRef input(StringRef S, void *, Choice<Tag> &C) {
    C.V = S.str();
    static thread_local std::string Err;
    Err = checkChoice<Tag>(S);
    return Err;
  }
  static QuotingType mustQuote(StringRef) { return QuotingType::None; }
};
} // namespace yaml
} // namespace llvm

LLVM_YAML_IS_SEQUENCE_VECTOR(RawLock)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawBlocking)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawSignal)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawThread)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawRelation)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawField)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawAlias)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawCallback)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawContextSafe)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawExternalWrites)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawDomainLock)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawConflict)
LLVM_YAML_IS_SEQUENCE_VECTOR(RawLockOrder)

namespace llvm {
namespace yaml {

template <> struct MappingTraits<RawLock> {
  static void mapping(IO &IO, RawLock &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("op", R.Op);
    IO.mapOptional("kind", R.Kind, "mutex");
    IO.mapOptional("mode", R.Mode, "exclusive");
    IO.mapOptional("lock", R.Lock, "");
    IO.mapOptional("success", R.Success, "nonzero");
    IO.mapOptional("assume-success", R.AssumeSuccess, false);
    IO.mapOptional("recursive", R.Recursive, false);
    IO.mapOptional("blocks", R.Blocks);
    IO.mapOptional("arg-types", R.ArgTypes);
  }
  static std::string validate(IO &IO, RawLock &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    LockModel &M = R.Out;
    M.Names = R.Names;
    bool Found = false;
    for (auto &[Op, Name] : LockOpNames)
      if (R.Op.V == Name) {
        M.Op = Op;
        Found = true;
      }
    if (!Found)
      return "unknown lock op '" + R.Op.V +
             "'; expected one of: " + choices(LockOpNames);
    auto K = parseLockKind(R.Kind.V);
    if (!K)
      return "unknown lock kind '" + R.Kind.V +
             "'; expected one of: " + choices(LockKindNames);
    M.Kind = *K;
    if (R.Mode.V == "exclusive")
      M.Mode = LockMode::Exclusive;
    else if (R.Mode.V == "shared")
      M.Mode = LockMode::Shared;
    else
      return "unknown mode '" + R.Mode.V + "'; expected exclusive or shared";
    if (R.Success.V == "zero")
      M.SuccessZero = true;
    else if (R.Success.V != "nonzero")
      return "unknown success '" + R.Success.V + "'; expected zero or nonzero";
    std::string Err;
    auto L = ArgRef::parse(R.Lock, Err);
    if (!L)
      return Err;
    M.Lock = *L;
    bool NeedsOperand =
        M.Op == LockOp::Acquire || M.Op == LockOp::TryAcquire ||
        M.Op == LockOp::Release || M.Op == LockOp::ScopedAcquire ||
        M.Op == LockOp::ScopedTry || M.Op == LockOp::ScopedDefer ||
        M.Op == LockOp::ScopedAdopt;
    if (NeedsOperand && M.Lock.K == ArgRef::None)
      return "lock op '" + R.Op.V +
             "' needs a 'lock' operand ($N, $this, $* "
             "or a lock class)";
    M.AssumeSuccess = R.AssumeSuccess;
    // An interruptible acquisition waits like a plain one; a trylock does
    // not wait at all.
    M.Blocks = R.Blocks.value_or(R.AssumeSuccess);
    M.Recursive = R.Recursive;
    return parseArgTypes(R.ArgTypes, M.ArgTypes);
  }
};

template <> struct MappingTraits<RawBlocking> {
  static void mapping(IO &IO, RawBlocking &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("kind", R.Kind);
    IO.mapOptional("domain", R.Domain, "");
    IO.mapOptional("sleeps", R.Sleeps);
    IO.mapOptional("releases", R.Releases, "");
    IO.mapOptional("implicit-lock", R.Implicit, "");
    IO.mapOptional("arg-types", R.ArgTypes);
  }
  static std::string validate(IO &IO, RawBlocking &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    BlockingModel &M = R.Out;
    M.Names = R.Names;
    auto K = parseWaitKind(R.Kind.V);
    if (!K)
      return "unknown wait kind '" + R.Kind.V +
             "'; expected one of: " + choices(WaitKindNames);
    M.Kind = *K;
    std::string Err;
    if (!R.Domain.empty()) {
      auto D = DomainTemplate::parse(R.Domain, Err);
      if (!D)
        return Err;
      M.Domain = *D;
    } else if (M.Kind != WaitKind::Sleep) {
      return "a '" + R.Kind.V + "' wait needs a 'domain'";
    }
    M.Sleeps = R.Sleeps.value_or(M.Kind != WaitKind::Wakeup);
    auto Rel = ArgRef::parse(R.Releases, Err);
    if (!Rel)
      return Err;
    M.Releases = *Rel;
    M.Implicit = R.Implicit;
    return parseArgTypes(R.ArgTypes, M.ArgTypes);
  }
};

template <> struct MappingTraits<RawSignal> {
  static void mapping(IO &IO, RawSignal &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("domain", R.Domain);
  }
  static std::string validate(IO &IO, RawSignal &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    R.Out.Names = R.Names;
    std::string Err;
    auto D = DomainTemplate::parse(R.Domain, Err);
    if (!D)
      return Err;
    R.Out.Domain = *D;
    return "";
  }
};

template <> struct MappingTraits<RawThread> {
  static void mapping(IO &IO, RawThread &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("domain", R.Domain);
    IO.mapOptional("callable", R.Callable, "");
    IO.mapOptional("element-types", R.ElementTypes);
  }
  static std::string validate(IO &IO, RawThread &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    R.Out.Names = R.Names;
    R.Out.ElementTypes = R.ElementTypes;
    std::string Err;
    auto D = DomainTemplate::parse(R.Domain, Err);
    if (!D)
      return Err;
    R.Out.Domain = *D;
    auto C = ArgRef::parse(R.Callable, Err);
    if (!C)
      return Err;
    if (C->K != ArgRef::None && C->K != ArgRef::Arg)
      return "'callable' must be an argument ($N) or omitted";
    R.Out.Callable = *C;
    return "";
  }
};

template <> struct MappingTraits<RawRelation> {
  static void mapping(IO &IO, RawRelation &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("domain", R.Domain);
    IO.mapRequired("member", R.Member);
  }
  static std::string validate(IO &IO, RawRelation &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    R.Out.Names = R.Names;
    std::string Err;
    auto D = DomainTemplate::parse(R.Domain, Err);
    if (!D)
      return Err;
    auto M = DomainTemplate::parse(R.Member, Err);
    if (!M)
      return Err;
    R.Out.Domain = *D;
    R.Out.Member = *M;
    return "";
  }
};

template <> struct MappingTraits<RawField> {
  static void mapping(IO &IO, RawField &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("field", R.Field);
    IO.mapRequired("domain", R.Domain);
    IO.mapOptional("held", R.Held);
    IO.mapOptional("reason", R.Reason, "");
  }
  static std::string validate(IO &IO, RawField &R) {
    if (!StringRef(R.Field).contains('.'))
      return "bad field '" + R.Field + "'; expected <record>.<field>";
    R.Out.Field = R.Field;
    R.Out.Held = R.Held;
    R.Out.Reason = R.Reason;
    std::string Err;
    std::string Dom = R.Domain;
    // `$object` names the structure that holds the field.
    size_t P = Dom.find("$object");
    if (P != std::string::npos)
      Dom.replace(P, 7, "$0");
    auto D = DomainTemplate::parse(Dom, Err);
    if (!D)
      return Err;
    R.Out.Domain = *D;
    return "";
  }
};

template <> struct MappingTraits<RawAlias> {
  static void mapping(IO &IO, RawAlias &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("returns", R.Returns);
  }
  static std::string validate(IO &IO, RawAlias &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    R.Out.Names = R.Names;
    std::string Err;
    auto A = ArgRef::parse(R.Returns, Err);
    if (!A)
      return Err;
    if (A->K != ArgRef::Arg)
      return "'returns' must be an argument ($N)";
    R.Out.Returns = *A;
    return "";
  }
};

template <> struct MappingTraits<RawExternalWrites> {
  static void mapping(IO &IO, RawExternalWrites &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("writes", R.Writes);
    IO.mapRequired("why", R.Reason);
  }
  static std::string validate(IO &IO, RawExternalWrites &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    for (const std::string &W : R.Writes) {
      auto [Record, Field] = StringRef(W).split('.');
      if (Record.empty() || Field.empty())
        return "bad field '" + W + "'; expected <record>.<field>";
    }
    if (StringRef(R.Reason).trim().empty())
      return "'why' must say how the code outside the program reaches the "
             "structures (e.g. which asm-offsets it uses)";
    R.Out.Names = R.Names;
    R.Out.Writes = R.Writes;
    R.Out.Reason = R.Reason;
    return "";
  }
};

template <> struct MappingTraits<RawContextSafe> {
  static void mapping(IO &IO, RawContextSafe &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("why", R.Reason);
  }
  static std::string validate(IO &IO, RawContextSafe &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    if (StringRef(R.Reason).trim().empty())
      return "'why' must say why any context may call these functions";
    R.Out.Names = R.Names;
    R.Out.Reason = R.Reason;
    return "";
  }
};

template <> struct MappingTraits<RawCallback> {
  static void mapping(IO &IO, RawCallback &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("names", R.Names);
    IO.mapRequired("slot", R.Slot);
    IO.mapRequired("value", R.Value);
  }
  static std::string validate(IO &IO, RawCallback &R) {
    if (auto E = checkNames(R.Names); !E.empty())
      return E;
    R.Out.Names = R.Names;
    std::string Err;
    for (auto [Text, Into] :
         {std::pair{&R.Slot, &R.Out.Slot}, std::pair{&R.Value, &R.Out.Value}}) {
      auto A = ArgRef::parse(*Text, Err);
      if (!A)
        return Err;
      if (A->K != ArgRef::Arg || !A->Suffix.empty())
        return "'slot' and 'value' must be arguments ($N)";
      *Into = *A;
    }
    if (R.Out.Slot.Index == R.Out.Value.Index)
      return "'slot' and 'value' must be different arguments";
    return "";
  }
};

template <> struct MappingTraits<RawDomainLock> {
  static void mapping(IO &IO, RawDomainLock &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("domain", R.Domain);
    IO.mapRequired("lock", R.Lock);
  }
  static std::string validate(IO &IO, RawDomainLock &R) {
    if (R.Domain.empty() || R.Lock.empty())
      return "'domain' and 'lock' must not be empty";
    R.Out.Domain = R.Domain;
    R.Out.Lock = R.Lock;
    return "";
  }
};

template <> struct MappingTraits<RawConflict> {
  static void mapping(IO &IO, RawConflict &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("lock", R.Lock);
    IO.mapOptional("waits", R.Waits, "any");
    IO.mapOptional("domain", R.Domain, "");
    IO.mapRequired("reason", R.Reason);
    IO.mapOptional("reference", R.Reference, "");
  }
  static std::string validate(IO &IO, RawConflict &R) {
    if (R.Lock.empty())
      return "'lock' must name a lock class";
    if (R.Reason.empty())
      return "'reason' must say why the lock conflicts";
    ConflictRule &C = R.Out;
    C.Lock = R.Lock;
    if (R.Waits.V == "sleep")
      return "'waits: sleep' cannot conflict: a plain sleep waits for no "
             "one; use grace-period, worker-wait, wakeup or any";
    if (R.Waits.V != "any") {
      auto K = parseWaitKind(R.Waits.V);
      if (!K)
        return "unknown wait kind '" + R.Waits.V +
               "'; expected any or one of: " + choices(WaitKindNames);
      C.Kind = *K;
    }
    C.Domain = R.Domain;
    C.Reason = R.Reason;
    C.Reference = R.Reference;
    return "";
  }
};

template <> struct MappingTraits<RawLockOrder> {
  static void mapping(IO &IO, RawLockOrder &R) {
    R.Out.Where = ctx(IO).here(IO);
    IO.mapRequired("order", R.Order);
    IO.mapRequired("reason", R.Reason);
    IO.mapOptional("reference", R.Reference, "");
  }
  static std::string validate(IO &IO, RawLockOrder &R) {
    if (R.Order.size() < 2)
      return "'order' must list at least two lock classes, outermost first";
    for (size_t I = 0; I < R.Order.size(); ++I) {
      if (R.Order[I].empty())
        return "'order' entries must name lock classes";
      for (size_t J = 0; J < I; ++J)
        if (R.Order[J] == R.Order[I])
          return "lock class '" + R.Order[I] + "' appears twice in 'order'";
    }
    if (R.Reason.empty())
      return "'reason' must say where the order comes from";
    R.Out.Order = R.Order;
    R.Out.Reason = R.Reason;
    R.Out.Reference = R.Reference;
    return "";
  }
};

template <> struct MappingTraits<RawProfile> {
  static void mapping(IO &IO, RawProfile &P) {
    IO.mapRequired("profile", P.Name);
    IO.mapOptional("description", P.Description, "");
    IO.mapOptional("locks", P.Locks);
    IO.mapOptional("aliases", P.Aliases);
    IO.mapOptional("callbacks", P.Callbacks);
    IO.mapOptional("context-safe", P.ContextSafe);
    IO.mapOptional("external-writes", P.ExternalWrites);
    IO.mapOptional("blocking", P.Blocking);
    IO.mapOptional("signals", P.Signals);
    IO.mapOptional("threads", P.Threads);
    IO.mapOptional("relations", P.Relations);
    IO.mapOptional("fields", P.Fields);
    IO.mapOptional("domain-locks", P.DomainLocks);
    IO.mapOptional("conflicts", P.Conflicts);
    IO.mapOptional("lock-orders", P.LockOrders);
    IO.mapOptional("transparent-records", P.Transparent);
  }
};

} // namespace yaml
} // namespace llvm

Error Profile::loadFile(StringRef Path) {
  auto Buf = MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buf)
    return createStringError(Buf.getError(), "%s: cannot read: %s",
                             Path.str().c_str(),
                             Buf.getError().message().c_str());
  // A YAML reader would report a binary file's first odd byte as a syntax
  // error; say what it is instead.
  if ((*Buf)->getBuffer().contains('\0'))
    return createStringError(inconvertibleErrorCode(),
                             "%s: is a binary file (it contains NUL bytes), "
                             "not a YAML annotation file",
                             Path.str().c_str());
  return loadBuffer((*Buf)->getBuffer(), Path);
}

namespace {
/// The line of the `---` that starts a second YAML document with content
/// (one between content lines), or 0.
unsigned secondDocumentLine(StringRef Contents) {
  bool Before = false;
  unsigned Line = 0, Marker = 0;
  while (!Contents.empty()) {
    auto [L, Rest] = Contents.split('\n');
    Contents = Rest;
    ++Line;
    StringRef T = L.rtrim();
    if (T == "---" || T.starts_with("--- ")) {
      if (Before && !Marker)
        Marker = Line;
    } else if (!T.ltrim().empty() && !T.ltrim().starts_with("#") &&
               T != "...") {
      if (Marker)
        return Marker;
      Before = true;
    }
  }
  return 0;
}
} // namespace

Error Profile::loadBuffer(StringRef Contents, StringRef Name) {
  LoadContext Ctx{Name, Contents};
  std::string Diag;
  auto Handler = [](const SMDiagnostic &D, void *Out) {
    auto &S = *static_cast<std::string *>(Out);
    if (!S.empty())
      return; // the first error is the one to fix
    S = (D.getFilename() + ":" + Twine(D.getLineNo()) + ":" +
         Twine(D.getColumnNo() + 1) + ": " + D.getMessage())
            .str();
  };
  RawProfile Raw;
  yaml::Input In(MemoryBufferRef(Contents, Name), &Ctx, Handler, &Diag);
  In >> Raw;
  if (In.error()) {
    // The reader fails without a diagnostic when there is no document.
    if (Diag.empty())
      Diag = (Name + ":1:1: no YAML mapping in the file (it is empty or only "
                     "comments); a profile needs at least 'profile: <name>'")
                 .str();
    return createStringError(inconvertibleErrorCode(), "%s", Diag.c_str());
  }
  // Only the first document is read: anything after it would be ignored
  // (an empty one, a trailing `---`, is harmless).
  if (unsigned Line = secondDocumentLine(Contents); Line && In.nextDocument())
    return createStringError(
        inconvertibleErrorCode(),
        "%s:%u:1: a second YAML document; a profile is one document (use "
        "one file per profile)",
        Name.str().c_str(), Line);
  for (auto &R : Raw.Locks)
    Locks.push_back(std::move(R.Out));
  for (auto &R : Raw.Blocking)
    Blocking.push_back(std::move(R.Out));
  for (auto &R : Raw.Signals)
    Signals.push_back(std::move(R.Out));
  for (auto &R : Raw.Threads)
    Threads.push_back(std::move(R.Out));
  for (auto &R : Raw.Relations)
    Relations.push_back(std::move(R.Out));
  for (auto &R : Raw.Fields)
    Fields.push_back(std::move(R.Out));
  for (auto &R : Raw.Aliases)
    Aliases.push_back(std::move(R.Out));
  for (auto &R : Raw.DomainLocks)
    DomainLocks.push_back(std::move(R.Out));
  for (auto &R : Raw.Conflicts)
    Conflicts.push_back(std::move(R.Out));
  for (auto &R : Raw.Callbacks)
    Callbacks.push_back(std::move(R.Out));
  for (auto &R : Raw.ContextSafe)
    ContextSafe.push_back(std::move(R.Out));
  for (auto &R : Raw.ExternalWrites)
    ExternalWrites.push_back(std::move(R.Out));
  for (auto &R : Raw.LockOrders)
    LockOrders.push_back(std::move(R.Out));
  for (auto &T : Raw.Transparent)
    TransparentRecords.push_back(T);
  LoadedFiles.push_back(Name.str());
  LoadedText += Name;
  LoadedText += '\0';
  LoadedText += Contents;
  LoadedText += '\0';
  reindex();
  return Error::success();
}

void Profile::reindex() {
  LockIdx.clear();
  BlockIdx.clear();
  SignalIdx.clear();
  ThreadIdx.clear();
  RelationIdx.clear();
  AliasIdx.clear();
  FieldIdx.clear();
  CallbackIdx.clear();
  ContextSafeIdx.clear();
  ExternalWritesIdx.clear();
  // Later files override earlier ones for single-model lookups, so a project
  // profile can refine a built-in model.
  OwnerTypes.clear();
  for (unsigned I = 0; I < Locks.size(); ++I)
    for (auto &N : Locks[I].Names) {
      LockIdx[N].push_back(I);
      switch (Locks[I].Op) {
      case LockOp::Acquire:
      case LockOp::TryAcquire:
      case LockOp::Release:
        break;
      default:
        if (size_t P = StringRef(N).rfind("::"); P != StringRef::npos)
          OwnerTypes[StringRef(N).substr(0, P)] = true;
      }
    }
  for (unsigned I = 0; I < Blocking.size(); ++I)
    for (auto &N : Blocking[I].Names)
      BlockIdx[N].push_back(I);
  for (unsigned I = 0; I < Signals.size(); ++I)
    for (auto &N : Signals[I].Names)
      SignalIdx[N] = I;
  for (unsigned I = 0; I < Threads.size(); ++I)
    for (auto &N : Threads[I].Names)
      ThreadIdx[N] = I;
  for (unsigned I = 0; I < Relations.size(); ++I)
    for (auto &N : Relations[I].Names)
      RelationIdx[N] = I;
  for (unsigned I = 0; I < Aliases.size(); ++I)
    for (auto &N : Aliases[I].Names)
      AliasIdx[N] = I;
  for (unsigned I = 0; I < Fields.size(); ++I)
    FieldIdx[Fields[I].Field] = I;
  for (unsigned I = 0; I < Callbacks.size(); ++I)
    for (auto &N : Callbacks[I].Names)
      CallbackIdx[N] = I;
  for (unsigned I = 0; I < ContextSafe.size(); ++I)
    for (auto &N : ContextSafe[I].Names)
      ContextSafeIdx[N] = I;
  for (unsigned I = 0; I < ExternalWrites.size(); ++I)
    for (auto &N : ExternalWrites[I].Names)
      ExternalWritesIdx[N] = I;
}

std::vector<const LockModel *> Profile::lockModels(StringRef Name) const {
  std::vector<const LockModel *> R;
  auto It = LockIdx.find(Name);
  if (It != LockIdx.end())
    for (unsigned I : It->second)
      R.push_back(&Locks[I]);
  return R;
}

std::vector<const BlockingModel *>
Profile::blockingModels(StringRef Name) const {
  std::vector<const BlockingModel *> R;
  auto It = BlockIdx.find(Name);
  if (It != BlockIdx.end())
    for (unsigned I : It->second)
      R.push_back(&Blocking[I]);
  return R;
}

const BlockingModel *Profile::blockingModel(StringRef Name) const {
  auto It = BlockIdx.find(Name);
  return It == BlockIdx.end() ? nullptr : &Blocking[It->second.back()];
}

template <typename T>
static const T *lookup(const StringMap<unsigned> &Idx, const std::vector<T> &V,
                       StringRef Name) {
  auto It = Idx.find(Name);
  return It == Idx.end() ? nullptr : &V[It->second];
}

const SignalModel *Profile::signalModel(StringRef Name) const {
  return lookup(SignalIdx, Signals, Name);
}
const ThreadModel *Profile::threadModel(StringRef Name) const {
  return lookup(ThreadIdx, Threads, Name);
}
const RelationModel *Profile::relationModel(StringRef Name) const {
  return lookup(RelationIdx, Relations, Name);
}
const AliasModel *Profile::aliasModel(StringRef Name) const {
  return lookup(AliasIdx, Aliases, Name);
}
const CallbackModel *Profile::callbackModel(StringRef Name) const {
  return lookup(CallbackIdx, Callbacks, Name);
}
const FieldContextModel *Profile::fieldContext(StringRef Field) const {
  return lookup(FieldIdx, Fields, Field);
}

bool Profile::isModeled(StringRef Name) const {
  return LockIdx.count(Name) || BlockIdx.count(Name) || SignalIdx.count(Name) ||
         ThreadIdx.count(Name) || RelationIdx.count(Name) ||
         AliasIdx.count(Name) || CallbackIdx.count(Name) ||
         ContextSafeIdx.count(Name);
}

const ContextSafeModel *Profile::contextSafeModel(StringRef Name) const {
  return lookup(ContextSafeIdx, ContextSafe, Name);
}

const ExternalWritesModel *Profile::externalWrites(StringRef Name) const {
  return lookup(ExternalWritesIdx, ExternalWrites, Name);
}

bool Profile::isRecursiveType(StringRef RecordName) const {
  for (const LockModel *M : lockModels((RecordName + "::lock").str()))
    if (M->Recursive)
      return true;
  return false;
}

bool Profile::isTransparentRecord(StringRef Name) const {
  return llvm::is_contained(TransparentRecords, Name);
}

StringRef Profile::domainLock(StringRef Domain) const {
  for (auto &D : DomainLocks)
    if (D.Domain == Domain)
      return D.Lock;
  return "";
}

std::string holdwait::Profile::digest() const {
  llvm::SHA256 H;
  H.update(LoadedText);
  return llvm::toHex(H.final(), /*LowerCase=*/true);
}

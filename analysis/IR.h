//===- IR.h - the lock IR every function is lowered into --------*- C++ -*-===//
//
// The front end lowers each function's Clang CFG into this small IR: blocks
// of lock, call, wait, signal and binding events, with successor edges that
// remember which trylock result they stand for. Everything after the front
// end (held-lock dataflow, summaries, contexts, checks) reads only this IR,
// so it can be serialized per translation unit and linked across them
// without an AST.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANALYSIS_IR_H
#define HOLDWAIT_ANALYSIS_IR_H

#include "analysis/Atom.h"
#include "analysis/Guards.h"
#include "annotations/Profile.h"

#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <string>
#include <vector>

namespace holdwait {

constexpr uint32_t NoIndex = ~0u;

/// A source position; File indexes the owning table of file names.
struct Loc {
  uint32_t File = NoIndex;
  uint32_t Line = 0;
  uint32_t Col = 0;
  bool valid() const { return File != NoIndex; }
  bool operator==(const Loc &O) const {
    return File == O.File && Line == O.Line && Col == O.Col;
  }
  bool operator<(const Loc &O) const {
    if (File != O.File)
      return File < O.File;
    if (Line != O.Line)
      return Line < O.Line;
    return Col < O.Col;
  }
};

/// A lock or a wait's object as seen from inside one function.
///
/// Class is the lock class (`kvm.irqfds.resampler_lock`): the record that
/// declares the field plus the field path, the name of a global, or
/// `function::local` for a local. When the object is (a member of) a
/// parameter whose identity comes from the caller, Root names that
/// parameter and Path what follows it, so a caller can substitute its
/// argument; Class then holds the best type-based fallback (maybe empty).
struct Term {
  static constexpr int16_t NoRoot = -1;
  static constexpr int16_t ThisRoot = -2;

  Atom Class;
  int16_t Root = NoRoot;
  /// A function's local (`fn::m`): meaningless to its callers.
  bool Local = false;
  Atom Path;
  /// Canonical text of the expression (`$0->lock`, `kvm->lock`), used to
  /// tell two instances of one class apart inside a function.
  Atom Instance;

  bool empty() const { return Class.empty() && Root == NoRoot; }
  /// The class to show and compare; unresolved parameters print as `$N`.
  std::string display() const;
  /// The instance of an argument nobody could name (`?`).
  static Atom unknownInstance();
  /// The identity used to match a release against a held lock and to join.
  Atom key() const { return Class.empty() ? Instance : Class; }
  bool operator==(const Term &O) const {
    return Class == O.Class && Root == O.Root && Path == O.Path &&
           Instance == O.Instance && Local == O.Local;
  }
};

/// What a wait waits for: `srcu:kvm.irq_srcu`, `work:irqfd.shutdown`, `rq`.
struct Domain {
  Atom Prefix;  ///< empty for a literal domain
  Term Object;  ///< whose class completes the name
  Atom Literal; ///< `rq`, `rcu`, `vcpu-ack`
  Atom Suffix;  ///< appended to the object's class (`.work`)

  bool empty() const { return Literal.empty() && Prefix.empty(); }
  /// Printed form; an object whose class is unknown prints as `prefix:?`.
  std::string name() const;
  bool resolved() const;
};

enum class EventKind : uint8_t {
  Acquire,      ///< take Lock (blocking)
  TryAcquire,   ///< take Lock if the TryId edge says so
  Release,      ///< drop Lock
  OwnedAcquire, ///< Owner re-takes what it owns
  OwnedTry,     ///< Owner tries to re-take what it owns (TryId)
  OwnedRelease, ///< Owner drops what it owns
  Disown,       ///< Owner forgets its locks without dropping them
  Defer,        ///< Owner owns Lock without holding it (defer_lock)
  Adopt,        ///< Owner takes ownership of the held Lock
  Transfer,     ///< ownership moves from Source to Owner
  OwnsQuery,    ///< the value of this event tells whether Owner holds
  Call,         ///< a call to a function with a summary (or unresolved)
  Wait,         ///< a blocking operation
  Signal,       ///< completes / notifies Dom
  Bind,         ///< Target starts running in Dom (thread, work, callback)
  Relate,       ///< Dom contains Member (a work queued on a workqueue)
};
llvm::StringRef eventKindName(EventKind K);

/// One description of a call's arguments and the guards (on the calling
/// function's parameters) of the paths where it holds.
struct ArgAlt {
  GuardList When;
  llvm::SmallVector<ArgBits, 0> Vals;
  bool operator==(const ArgAlt &O) const {
    return When == O.When && Vals == O.Vals;
  }
};

struct Event {
  // SmallVector's move is not declared noexcept; without saying so here,
  // a growing std::vector of these would copy every element.
  Event() = default;
  Event(const Event &) = default;
  Event(Event &&) noexcept = default;
  Event &operator=(const Event &) = default;
  Event &operator=(Event &&) noexcept = default;

  // Fields are ordered for packing: a large program has millions of events.
  EventKind Kind = EventKind::Call;
  LockKind LKind = LockKind::Mutex;    ///< lock operations
  LockMode Mode = LockMode::Exclusive; ///< lock operations
  WaitKind WKind = WaitKind::Sleep;    ///< waits
  bool Recursive = false;              ///< lock operations
  bool AssumeSuccess = false;          ///< lock operations
  bool Virtual = false;       ///< call dispatched: every overrider is a target
  bool ReleasesOwner = false; ///< call: destructor/cleanup of Owner
  bool Sleeps = false;        ///< waits
  Loc At;
  /// The called function's symbol (the modelled function for lock, wait and
  /// signal events; the callee for calls; the bound function for Bind).
  uint32_t Callee = NoIndex;

  // Lock operations.
  int32_t Owner = -1;  ///< object slot owning the lock (RAII), -1 none
  int32_t Source = -1; ///< Transfer: the slot ownership moves from
  int32_t TryId = -1;  ///< TryAcquire/OwnedTry/OwnsQuery: edge condition id
  Term Lock;

  // Calls.
  int32_t ResultOwner = -1; ///< slot that owns locks the callee returns holding
  Term ThisArg;             ///< the object of a member call
  llvm::SmallVector<uint32_t, 0>
      Targets;                     ///< resolved callees; none: unresolved
  llvm::SmallVector<Term, 0> Args; ///< argument terms, by parameter index
  /// What is known of the integer arguments' bits, by parameter index
  /// (empty when nothing is): resolves the callee's guards (Guards.h).
  llvm::SmallVector<ArgBits, 0> ArgVals;
  /// When the paths to the call know different things of the arguments
  /// (`if (flags & BAD) flags = fix(flags);`): each description with the
  /// guards of the paths it holds on. ArgVals is then their join.
  llvm::SmallVector<ArgAlt, 0> ArgAlts;

  // Waits, signals, bindings.
  int32_t ReleasedOwner = -1; ///< ... or the slot whose locks it drops
  Term Released;              ///< lock the wait drops while it sleeps
  Atom Implicit;              ///< lock the operation takes (`rq.__lock`)
  Atom Field;  ///< Bind: the function-pointer field it was stored in
  Atom Why;    ///< annotation that made this a wait/conflict
  Atom WhyRef; ///< where that annotation is written
  Domain Dom;
  Domain Member;                 ///< Relate: the contained domain
  std::vector<std::string> Held; ///< Bind: locks held when Target runs
};

/// Successor edge; TryId >= 0 makes it conditional on a trylock result,
/// When (Param >= 0) on the function's entry parameters.
struct Edge {
  uint32_t To = 0;
  int32_t TryId = -1;
  bool OnSuccess = false;
  Guard When;
};

struct Block {
  std::vector<Event> Events;
  std::vector<Edge> Succs;
};

/// A function known to the program: defined here, or only called.
struct Symbol {
  std::string USR;
  std::string Name; ///< display name: `irqfd_shutdown`, `vmm::Vcpu::run`
  Loc At;
};

/// Function-level annotations read from the source.
struct FunctionNotes {
  std::vector<std::string> RunsIn; ///< domains this function runs in
  std::vector<std::string> RunsInRefs;
};

/// Why a function's lowering stopped short of its whole body.
enum class LoweringCut : uint8_t {
  None,
  FunctionEvents, ///< the function-events budget
  UnitEvents,     ///< the unit-events budget (the body is left empty)
  NoCFG,          ///< Clang could not build its control-flow graph
};

struct FunctionIR {
  uint32_t Sym = NoIndex;
  Loc At;
  uint16_t NumParams = 0;
  bool HasThis = false;
  uint32_t Entry = 0;
  uint32_t Exit = 0;
  std::vector<Block> Blocks;
  std::vector<std::string> Slots; ///< names of RAII owner objects
  FunctionNotes Notes;
  /// A function the profile models as a wait or as context-safe: what a
  /// call to it does (the model's events, in its own parameters; none for
  /// context-safe). Its callers' summaries use this instead of the body, so
  /// a call through a function pointer does what a direct call does; the
  /// body is still analyzed for what happens inside it.
  bool HasModel = false;
  std::vector<Event> Model;
  /// Its kernel-doc `Context:` says it may be called in atomic context
  /// (`Any context.`, `May be called while holding a spinlock.`) and does
  /// not say it may sleep: its callers see none of its sleeping operations
  /// (the paths that sleep are ones the caller's context rules out).
  bool NoSleep = false;
  LoweringCut Cut = LoweringCut::None;
  bool truncated() const { return Cut != LoweringCut::None; }
};

/// A note the front end wants shown (unresolved calls are not listed here;
/// they stay visible as Call events without targets).
struct FrontendNote {
  Loc At;
  std::string Message;
};

/// Calls through the function-pointer slot Dst may reach whatever slot Src
/// holds (`static_call_update(kvm_x86_vcpu_put, kvm_x86_ops.vcpu_put)`).
/// Slots are `record.field` (that field of any object), `var:<USR>` (a
/// global pointer) and `fn:<USR>` (a trampoline function whose calls are
/// redirected, like a static call's). Functions stored into a slot are Bind
/// events with Field set to the slot.
struct SlotCopy {
  Loc At;
  std::string Dst, Src;
};

/// What a unit stores into integer field Name (`record.field`, see
/// analysis/frontend/FieldValues.h): the bits of its constant stores
/// (zero is always possible), or Unknown, and then Why: the first write
/// that made it so, and where (`--dump-fields`).
struct FieldFact {
  std::string Name;
  uint64_t MayHold = 0;
  bool Unknown = false;
  std::string Why;
};

/// A structure a unit hands to, or gets back from, a function it has no
/// body for (a pointer to it, or the structure by value; the object of a
/// member call). If no unit of the program defines Callee either (it is
/// assembly, or outside the program), every field of Record and of the
/// structures it holds by value may hold anything.
struct RecordEscape {
  std::string Callee; ///< symbol key (USR), as in Symbol::USR
  std::string Record;
};

/// Everything one translation unit contributes. Indexes (Loc::File,
/// Event::Callee, ...) refer to this unit's own tables.
struct TUFacts {
  std::string MainFile;
  std::vector<std::string> Files;
  std::vector<Symbol> Symbols;
  std::vector<FunctionIR> Functions;
  /// (overrider, overridden) pairs for the unit's methods, so that virtual
  /// calls reach overriders defined in other units.
  std::vector<std::pair<uint32_t, uint32_t>> Overrides;
  /// In-source HOLDWAIT_CONFLICTS_WITH annotations, as profile rules.
  std::vector<ConflictRule> Conflicts;
  std::vector<SlotCopy> SlotCopies;
  /// The fields the unit stores into or reads (ArgBits::Field indexes).
  std::vector<FieldFact> Fields;
  std::vector<RecordEscape> Escapes;
  /// (record, a record it holds by value) for the records of Escapes and
  /// those they hold.
  std::vector<std::pair<std::string, std::string>> HeldRecords;
  std::vector<FrontendNote> Notes;
  /// Functions the unit-functions budget left unlowered (called, with a
  /// body here, but analyzed as unknown callees), and the first of them.
  uint32_t FunctionsNotLowered = 0;
  std::string FirstNotLowered;
};

} // namespace holdwait

#endif

//===- Profile.h - lock, wait and context models read from YAML -*- C++ -*-===//
//
// A profile tells the engine what the functions of an ecosystem do to locks
// and threads: `mutex_lock` acquires its argument, `synchronize_srcu` waits
// for a grace period of its argument's SRCU domain, `INIT_WORK` binds a work
// function, `std::thread`'s constructor starts a thread body. Profiles are
// YAML files (annotations/*.yaml); several are merged into one Profile.
//
//===----------------------------------------------------------------------===//
#ifndef HOLDWAIT_ANNOTATIONS_PROFILE_H
#define HOLDWAIT_ANNOTATIONS_PROFILE_H

#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include <optional>
#include <string>
#include <vector>

namespace holdwait {

/// Where an annotation entry was written, for reports ("kvm.yaml:12").
struct SourceRef {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
  std::string str() const;
};

enum class LockKind {
  Mutex,       ///< sleeping, exclusive (kernel mutex, pthread, std::mutex)
  RwSem,       ///< kernel rw_semaphore: sleeping, writer-fair
  SharedMutex, ///< userland reader/writer lock (readers do not queue)
  Semaphore,   ///< sleeping counting lock
  Spinlock,    ///< atomic: holder must not sleep
  RawSpinlock, ///< atomic, also on PREEMPT_RT
  RwSpinlock,  ///< atomic reader/writer spinlock (rwlock_t)
  Rcu,         ///< RCU read-side critical section (atomic)
  Srcu,        ///< SRCU read-side critical section (may sleep)
  IrqOff,      ///< interrupts disabled (atomic)
};

enum class LockMode { Exclusive, Shared };

/// Atomic sections: sleeping inside them is a bug on its own.
bool isAtomicKind(LockKind K);
/// Read-side sections whose domain is waited on by grace-period waits.
bool isReadSideKind(LockKind K);
/// Acquiring this kind may block the acquirer (a sleep).
bool acquisitionSleeps(LockKind K);
llvm::StringRef lockKindName(LockKind K);
std::optional<LockKind> parseLockKind(llvm::StringRef S);

/// What a lock model does.
enum class LockOp {
  Acquire,       ///< acquire the lock operand
  TryAcquire,    ///< acquire on success (see Success)
  Release,       ///< release the lock operand
  ScopedAcquire, ///< acquire; the constructed object owns it (lock_guard)
  ScopedTry,     ///< try-acquire owned by the constructed object
  ScopedDefer,   ///< the object owns the lock but does not hold it yet
  ScopedAdopt,   ///< the object takes ownership of a held lock
  OwnedAcquire,  ///< re-acquire what the object owns (unique_lock::lock)
  OwnedTry,      ///< try to re-acquire what the object owns
  OwnedRelease,  ///< release what the object owns (unlock, destructor)
  Disown,        ///< stop owning without releasing (unique_lock::release)
  OwnsQuery,     ///< result tells whether the object holds its lock
  Transfer,      ///< move ownership from argument 0 to the object
};
llvm::StringRef lockOpName(LockOp Op);

/// A reference to an operand of a call: `$0`, `$1`, `$this`, `$ret`, `$*`
/// (every argument), or a fixed class such as `rcu`.
struct ArgRef {
  enum Kind { None, Arg, This, Ret, AllArgs, Fixed } K = None;
  int Index = -1;
  std::string FixedClass; ///< the lock class when K == Fixed
  std::string Suffix;     ///< appended path, e.g. `.work` in `$0.work`
  static std::optional<ArgRef> parse(llvm::StringRef S, std::string &Err);
  std::string str() const;
};

/// A domain template: `srcu:$0`, `work:$0.work`, `thread:$this[]`, `rq`.
struct DomainTemplate {
  std::string Prefix; ///< `srcu`, `work`, ...; empty for a literal domain
  ArgRef Object;      ///< whose class completes the domain
  std::string Literal;
  static std::optional<DomainTemplate> parse(llvm::StringRef S,
                                             std::string &Err);
  std::string str() const;
};

enum class WaitKind { GracePeriod, WorkerWait, Wakeup, Sleep };
llvm::StringRef waitKindName(WaitKind K);
std::optional<WaitKind> parseWaitKind(llvm::StringRef S);

struct LockModel {
  std::vector<std::string> Names;
  LockOp Op = LockOp::Acquire;
  LockKind Kind = LockKind::Mutex;
  LockMode Mode = LockMode::Exclusive;
  ArgRef Lock;                ///< the lock operand
  bool SuccessZero = false;   ///< try-acquire succeeds when the result is 0
  bool AssumeSuccess = false; ///< unchecked result: treat as acquired
  bool Blocks = false;        ///< a try that still waits (interruptible, timed)
  bool Recursive = false;
  /// Overload selection: argument index -> required type name.
  std::vector<std::pair<int, std::string>> ArgTypes;
  SourceRef Where;
};

struct BlockingModel {
  std::vector<std::string> Names;
  WaitKind Kind = WaitKind::Sleep;
  DomainTemplate Domain;
  bool Sleeps = true;
  ArgRef Releases;      ///< lock released for the duration of the wait
  std::string Implicit; ///< lock class the operation acquires (rq.__lock)
  std::vector<std::pair<int, std::string>> ArgTypes;
  SourceRef Where;
};

struct SignalModel {
  std::vector<std::string> Names;
  DomainTemplate Domain;
  SourceRef Where;
};

/// A call that starts code running in a domain (a thread, an async task).
struct ThreadModel {
  std::vector<std::string> Names;
  DomainTemplate Domain;
  ArgRef Callable;                       ///< Kind None: first callable argument
  std::vector<std::string> ElementTypes; ///< only for containers of these
  SourceRef Where;
};

/// A call that makes one domain contain another (queue_work: the work runs
/// on the workqueue, so waiting for the queue waits for the work).
struct RelationModel {
  std::vector<std::string> Names;
  DomainTemplate Domain;
  DomainTemplate Member;
  SourceRef Where;
};

/// A function stored into this field runs in Domain (`$object` is the
/// structure holding the field), with the Held locks held by its caller.
struct FieldContextModel {
  std::string Field; ///< `work_struct.func`, `preempt_ops.sched_out`
  DomainTemplate Domain;
  std::vector<std::string> Held;
  std::string Reason;
  SourceRef Where;
};

/// Helpers that return (a part of) their argument: the lock operand can be
/// read through them (`spinlock_check(lock)`).
struct AliasModel {
  std::vector<std::string> Names;
  ArgRef Returns;
  SourceRef Where;
};

/// Functions any context may call: they decide at run time whether they may
/// block (printk() hands console output it cannot do now to a later
/// context; panic() and the WARN slow path are error reports). A call to one
/// is lowered to nothing, so what their bodies might wait for, take or wake
/// is not passed to every caller in the program.
struct ContextSafeModel {
  std::vector<std::string> Names;
  std::string Reason;
  SourceRef Where;
};

/// Functions without a body in C (assembly: `__svm_vcpu_run()`) and the
/// integer fields they may write of the structures they are given, each
/// named by the structure that declares it. Without one, a structure handed
/// to a function no unit defines may hold anything afterwards, and so may
/// the structures it holds (docs/guards.md, field values).
struct ExternalWritesModel {
  std::vector<std::string> Names;
  std::vector<std::string> Writes;
  std::string Reason;
  SourceRef Where;
};

/// A registration function that stores a callback: the function (or the
/// function-pointer slot) passed as Value becomes a target of calls through
/// the slot named by Slot (`__static_call_update(key, tramp, func)`: calls
/// of the trampoline `tramp` reach `func`).
struct CallbackModel {
  std::vector<std::string> Names;
  ArgRef Slot;
  ArgRef Value;
  SourceRef Where;
};

/// A lock that the runtime holds while code of a domain runs, so code in the
/// domain is ordered after it (`rq` -> `rq.__lock`).
struct DomainLockModel {
  std::string Domain;
  std::string Lock;
  SourceRef Where;
};

/// The user's knowledge: holding Lock across a wait of Kind (on Domain) is a
/// bug, for Reason.
struct ConflictRule {
  std::string Lock;
  std::optional<WaitKind> Kind; ///< unset: any wait
  std::string Domain;           ///< empty: any domain
  std::string Reason;
  std::string Reference;
  SourceRef Where;
};

/// A documented lock order (KVM's Documentation/virt/kvm/locking.rst):
/// each class in Order is taken outside the ones after it. Taking an
/// earlier class while holding a later one is a finding even when no
/// cycle closes in the analyzed code.
struct LockOrderRule {
  std::vector<std::string> Order;
  std::string Reason;
  std::string Reference;
  SourceRef Where;
};

/// All models, merged from every loaded file.
class Profile {
public:
  std::vector<LockModel> Locks;
  std::vector<BlockingModel> Blocking;
  std::vector<SignalModel> Signals;
  std::vector<ThreadModel> Threads;
  std::vector<RelationModel> Relations;
  std::vector<FieldContextModel> Fields;
  std::vector<AliasModel> Aliases;
  std::vector<CallbackModel> Callbacks;
  std::vector<ContextSafeModel> ContextSafe;
  std::vector<ExternalWritesModel> ExternalWrites;
  std::vector<DomainLockModel> DomainLocks;
  std::vector<ConflictRule> Conflicts;
  std::vector<LockOrderRule> LockOrders;
  /// Records whose identity is where they are embedded (`delayed_work`):
  /// a lock class looks through them to the containing field.
  std::vector<std::string> TransparentRecords;
  std::vector<std::string> LoadedFiles;

  /// SHA-256 (hex) over the name and contents of every loaded file, in
  /// load order: what a cache of lowered units must be keyed on.
  std::string digest() const;

  /// Parse one YAML profile and merge it. Errors carry file:line:column.
  llvm::Error loadFile(llvm::StringRef Path);
  llvm::Error loadBuffer(llvm::StringRef Contents, llvm::StringRef Name);
  /// Load the built-in linux-kernel, posix and cxx-std profiles.
  llvm::Error loadDefaults();

  /// Lookups by model name (see Names.h for how a callee's name is formed).
  /// Several lock models may share a name (overloads selected by ArgTypes).
  std::vector<const LockModel *> lockModels(llvm::StringRef Name) const;
  const BlockingModel *blockingModel(llvm::StringRef Name) const;
  std::vector<const BlockingModel *> blockingModels(llvm::StringRef Name) const;
  const SignalModel *signalModel(llvm::StringRef Name) const;
  const ThreadModel *threadModel(llvm::StringRef Name) const;
  const RelationModel *relationModel(llvm::StringRef Name) const;
  const AliasModel *aliasModel(llvm::StringRef Name) const;
  const CallbackModel *callbackModel(llvm::StringRef Name) const;
  const FieldContextModel *fieldContext(llvm::StringRef Field) const;
  /// True when any model names this function (its body need not be read).
  bool isModeled(llvm::StringRef Name) const;
  /// The context-safe model naming Name, or nullptr.
  const ContextSafeModel *contextSafeModel(llvm::StringRef Name) const;
  /// The external-writes model naming Name, or nullptr.
  const ExternalWritesModel *externalWrites(llvm::StringRef Name) const;
  bool isTransparentRecord(llvm::StringRef Name) const;
  /// A lock type whose lock() model is recursive (std::recursive_mutex).
  bool isRecursiveType(llvm::StringRef RecordName) const;
  /// Types whose objects own locks (std::unique_lock): a model with an
  /// owned-* or scoped-* operation names one of their members.
  bool isOwnerType(llvm::StringRef RecordName) const {
    return OwnerTypes.count(RecordName);
  }
  /// The lock a domain's code runs under, or empty.
  llvm::StringRef domainLock(llvm::StringRef Domain) const;

  /// Rebuild the name indexes; called after every load.
  void reindex();

private:
  llvm::StringMap<std::vector<unsigned>> LockIdx, BlockIdx;
  llvm::StringMap<unsigned> SignalIdx, ThreadIdx, RelationIdx, AliasIdx,
      FieldIdx, CallbackIdx, ContextSafeIdx, ExternalWritesIdx;
  llvm::StringMap<bool> OwnerTypes;
  std::string LoadedText; ///< name NUL contents NUL, per loaded file
};

} // namespace holdwait

#endif
